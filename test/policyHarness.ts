import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import { evaluatePolicies, Finding } from "../offline/policy/evaluate";
import { ExemptedFinding } from "../policies/lib/exemptions";
import { chatMrptPolicies } from "../policies/pack";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { runProd } from "./helpers";

/** A fixed "today" so exemption expiry is deterministic. */
export const TODAY = new Date("2026-11-23T12:00:00Z");

let baseline: OfflineRun<unknown> | undefined;

/** Records shared between tests, each with its JSON when first shared. */
const sharedRecords: { records: readonly RecordedResource[]; json: string }[] = [];

/** Registers records that tests share (a {@link Mutator} copies what it edits), and returns them. */
export function shared(records: RecordedResource[]): RecordedResource[] {
    sharedRecords.push({ records, json: JSON.stringify(records) });
    return records;
}

/**
 * Fails when anything (an edit that bypassed a Mutator, a policy writing to what it reads)
 * changed records that tests share: every later test would check a different stack.
 */
export function assertSharedRecordsUnchanged(): void {
    for (const { records, json } of sharedRecords) assert.strictEqual(JSON.stringify(records), json);
}

/** The prod stack, run once and shared (a {@link Mutator} copies what it edits). */
export async function prodBaseline(): Promise<OfflineRun<unknown>> {
    if (!baseline) {
        const run = await runProd();
        if (run.error) throw run.error;
        shared(run.resources);
        baseline = run;
    }
    return baseline;
}

/**
 * Edits the recorded stack the way a mistaken change to the program would, copy-on-write:
 * the records it is given are shared (a baseline every test reads) and never changed; a
 * record is copied the first time an edit reaches it. Copying the whole stack for each of
 * hundreds of mistakes and views was most of their time.
 */
export class Mutator {
    private readonly records: RecordedResource[];
    private readonly owned = new Set<RecordedResource>();
    private allOwned = false;

    constructor(shared: readonly RecordedResource[]) {
        this.records = [...shared];
    }

    /** Every record, each now a copy of its own, for edits the methods below do not cover. */
    get resources(): RecordedResource[] {
        if (!this.allOwned) this.records.forEach((_, i) => this.own(i));
        this.allOwned = true;
        return this.records;
    }

    /** The stack after the edits: the copies of what was edited, the shared records otherwise. */
    result(): RecordedResource[] {
        return this.records;
    }

    private own(i: number): RecordedResource {
        const r = this.records[i];
        if (this.owned.has(r)) return r;
        const copy = structuredClone(r);
        this.owned.add(copy);
        this.records[i] = copy;
        return copy;
    }

    get(name: string): RecordedResource {
        const found = this.records.flatMap((r, i) => (r.name === name && r.custom ? [i] : []));
        if (found.length !== 1) throw new Error(`expected one resource ${name}, found ${found.length}`);
        return this.own(found[0]);
    }

    /** Changes a property (dotted path) on a resource's inputs and outputs alike. */
    set(name: string, path: string, value: unknown): this {
        const r = this.get(name);
        for (const props of [r.inputs, r.outputs]) {
            const keys = path.split(".");
            let target: any = props;
            for (const k of keys.slice(0, -1)) target = target[k] ??= {};
            if (value === undefined) delete target[keys[keys.length - 1]];
            else target[keys[keys.length - 1]] = structuredClone(value);
        }
        return this;
    }

    /** Points a property's engine dependency at another resource, as a changed reference would. */
    link(name: string, property: string, ...targets: string[]): this {
        const r = this.get(name);
        (r.propertyDependencies as Record<string, string[]>)[property] = targets.map((t) => this.get(t).urn);
        return this;
    }

    /** Replaces a resource's options (protect, …). */
    options(name: string, change: Partial<Pick<RecordedResource, "protect" | "provider" | "region">>): this {
        const i = this.records.indexOf(this.get(name));
        this.records[i] = { ...this.records[i], ...change };
        this.owned.add(this.records[i]);
        return this;
    }

    /** Adds a resource modelled on an existing one (same parent and provider). */
    add(
        like: string,
        change: {
            name: string;
            type?: string;
            props: Record<string, any>;
            propertyDependencies?: Record<string, string[]>;
        },
    ): this {
        const base = this.get(like);
        const type = change.type ?? base.type;
        const urn = base.urn.replace(/::[^:]+$/, `::${change.name}`).replace(base.type, type);
        const added: RecordedResource = {
            ...base,
            type,
            name: change.name,
            urn,
            id: `${change.name}-id`,
            inputs: change.props,
            outputs: { ...change.props, id: `${change.name}-id` },
            propertyDependencies: change.propertyDependencies ?? {},
            dependencies: [],
            protect: false,
            ignoreChanges: [],
        };
        this.owned.add(added);
        this.records.push(added);
        return this;
    }

    remove(name: string): this {
        this.records.splice(this.records.indexOf(this.get(name)), 1);
        return this;
    }
}

export interface PolicyResult {
    readonly violations: Finding[];
    readonly exempted: ExemptedFinding[];
}

/** Runs the whole pack over the prod stack after `mutate`. */
export async function checkProd(
    mutate: (m: Mutator) => void = () => undefined,
    packConfig: PolicyPackConfig = {},
): Promise<PolicyResult> {
    const m = new Mutator((await prodBaseline()).resources);
    mutate(m);
    const resources = m.result();
    const exempted: ExemptedFinding[] = [];
    const evaluation = await evaluatePolicies(
        chatMrptPolicies({ now: () => TODAY, onExempted: (f) => exempted.push(f) }),
        resources,
        {
            config: packConfig,
            packEnforcementLevel: "mandatory",
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
        },
    );
    return { violations: evaluation.violations, exempted };
}
