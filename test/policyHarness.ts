import { PolicyPackConfig } from "@pulumi/policy";
import { evaluatePolicies, Finding } from "../offline/policy/evaluate";
import { ExemptedFinding } from "../policies/lib/exemptions";
import { chatMrptPolicies } from "../policies/pack";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { runProd } from "./helpers";

/** A fixed "today" so exemption expiry is deterministic. */
export const TODAY = new Date("2026-11-23T12:00:00Z");

let baseline: OfflineRun<unknown> | undefined;

/** The prod stack, run once and shared (tests clone it before changing anything). */
export async function prodBaseline(): Promise<OfflineRun<unknown>> {
    if (!baseline) {
        baseline = await runProd();
        if (baseline.error) throw baseline.error;
    }
    return baseline;
}

/** Edits a copy of the recorded stack the way a mistaken change to the program would. */
export class Mutator {
    constructor(readonly resources: RecordedResource[]) {}

    get(name: string): RecordedResource {
        const found = this.resources.filter((r) => r.name === name && r.custom);
        if (found.length !== 1) throw new Error(`expected one resource ${name}, found ${found.length}`);
        return found[0];
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
        const i = this.resources.indexOf(this.get(name));
        this.resources[i] = { ...this.resources[i], ...change };
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
        this.resources.push({
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
        });
        return this;
    }

    remove(name: string): this {
        this.resources.splice(this.resources.indexOf(this.get(name)), 1);
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
    const base = await prodBaseline();
    const resources = structuredClone(base.resources);
    mutate(new Mutator(resources));
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
