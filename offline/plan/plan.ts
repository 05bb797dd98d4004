/**
 * The plan a reviewer reads without cloud credentials: what the program would create
 * (grouped by component, with the settings that matter), the policy verdicts, and the
 * monthly cost against the stack's budget. Serializable, so two plans can be diffed.
 */
import { PolicyPackConfig } from "@pulumi/policy";
import { checkStack } from "../policy/checkStack";
import { BaseSource, View } from "../policy/views";
import { Finding } from "../policy/evaluate";
import { CheaperOption, cheaperOptions } from "../cost/cheaperOptions";
import { CostEstimate, estimateCost, loadPriceBook, loadUsage } from "../cost/costModel";
import { RecordedResource } from "../engine/mockRuntime";
import { checkOnCall, loadStackConfig, NAMESPACE, OnCall, SECRET_KEYS } from "../../stacks/stackConfig";
import { defaultOf } from "../../stacks/configSpec";
import { componentOf, describeResource } from "./describe";
import { countResources, ResourceCount } from "../engine/resourceCount";
import { flatten, REDACTED } from "./flatten";
import { Adoption, adoptionOf } from "./adoption";
import { PROJECT_ROOT } from "../engine/projectRoot";

/** What the context docs expect the consolidated environment to cost each month. */
export const CONTEXT_DOCS_MONTHLY_USD = 260;

export interface PlannedResource {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly component: string;
    readonly summary?: string;
    /** Flattened inputs (path → value), secrets redacted, for diffs. */
    readonly settings: Record<string, unknown>;
    /** The resource's `ignoreChanges` paths, when it has any: a diff does not report them. */
    readonly ignoreChanges?: string[];
}

export interface Plan {
    readonly planVersion: 1;
    readonly project: string;
    readonly stack: string;
    readonly region: string;
    /** The engine view the policy verdicts come from. */
    readonly view?: View;
    readonly placeholderSecrets: string[];
    /**
     * Whether the alarms page a person (chatmrpt:alertEmails): when not, `pulumi up` refuses
     * the stack while a preview and this plan pass and say so (`message`).
     */
    readonly onCall: OnCall;
    /**
     * What the offline run stood in for because only AWS can answer it (an AMI parameter or
     * image the mocked account lacks), one sentence each naming the key; absent when none.
     */
    readonly offlineStandIns?: string[];
    /** Config the run was given on top of the stack file (`--set`); secrets redacted. */
    readonly overrides: Record<string, string | null>;
    /** What the stack registers, counted one way for every tool (offline/engine/resourceCount.ts). */
    readonly counts: ResourceCount;
    readonly resources: PlannedResource[];
    readonly policy: {
        readonly policies: number;
        readonly violations: Finding[];
        readonly exempted: {
            policy: string;
            resource: string;
            message: string;
            reason: string;
            expires: string;
        }[];
        readonly passed: boolean;
    };
    readonly cost: CostEstimate & {
        readonly budgetUsd: number;
        readonly withinBudget: boolean;
        readonly contextDocsUsd: number;
        readonly cheaperOptions?: CheaperOption[];
    };
    /** The adopted distribution: what its declaration changes from the live configuration; absent when the stack adopts none. */
    readonly adoption?: Adoption;
    /** Why the plan fails, if it does. */
    readonly failures: string[];
}

export interface BuildPlanOptions {
    readonly stack?: string;
    readonly configOverrides?: Record<string, string | undefined>;
    readonly packConfig?: PolicyPackConfig;
    readonly now?: () => Date;
    /** The engine view the policies run in. @default "up" */
    readonly view?: View;
    /** The preview's base (with view `preview`). */
    readonly base?: BaseSource;
}

export { flatten } from "./flatten";

export async function buildPlan(options: BuildPlanOptions = {}): Promise<Plan> {
    const stack = options.stack ?? "prod";
    const check = await checkStack({
        stack,
        configOverrides: options.configOverrides,
        packConfig: options.packConfig,
        now: options.now,
        view: options.view,
        base: options.base,
    });
    const config = check.config;
    // The program ran with this config, so it reads; only its on-call verdict is wanted here.
    const onCall = checkOnCall(
        loadStackConfig({
            project: check.stackFile.project,
            stack,
            get: (k) => config[k],
            keys: () => Object.keys(config),
        }).alertEmails,
    );
    const secrets = SECRET_KEYS.map((k) => config[`${NAMESPACE}:${k}`] ?? "");
    const records = check.run.resources;
    const byUrn = new Map(records.map((r) => [r.urn, r]));

    const resources: PlannedResource[] = records
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r: RecordedResource) => ({
            urn: r.urn,
            name: r.name,
            type: r.type,
            component: componentOf(r, byUrn)?.name ?? (r.custom ? "(stack)" : r.name),
            summary: describeResource(r, records),
            // An adoption shows in a diff as options, not inputs: the engine imports, then updates what differs.
            settings: r.custom
                ? {
                      ...flatten(r.inputs, secrets),
                      ...(r.importId
                          ? {
                                "(import)": r.importId,
                                "(protect)": r.protect,
                                "(retainOnDelete)": r.retainOnDelete,
                            }
                          : {}),
                  }
                : {},
            ...(r.ignoreChanges.length > 0 ? { ignoreChanges: r.ignoreChanges } : {}),
        }));

    const prices = loadPriceBook();
    const usage = loadUsage(stack);
    const estimate = estimateCost(records, prices, usage);
    // The stack's own budget, else its shape's default (the config spec's, as the program reads it).
    const budgetUsd = Number(
        config[`${NAMESPACE}:monthlyBudgetUsd`] ??
            defaultOf("monthlyBudgetUsd", config[`${NAMESPACE}:shape`]),
    );
    // A billable resource without a price would make any total look affordable: the budget
    // verdict can only pass when everything billable is priced.
    const withinBudget = estimate.totalUsd <= budgetUsd && estimate.unpriced.length === 0;
    const failures: string[] = [];
    const mandatory = check.evaluation.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    if (mandatory > 0) failures.push(`${mandatory} mandatory policy violation(s)`);
    if (estimate.totalUsd > budgetUsd)
        failures.push(
            `estimated $${estimate.totalUsd.toFixed(2)}/month exceeds the budget of $${budgetUsd.toFixed(2)} (chatmrpt:monthlyBudgetUsd)`,
        );
    if (estimate.unpriced.length > 0) {
        const kinds = [...new Set(estimate.unpriced.map((u) => u.reason))];
        failures.push(
            `${estimate.unpriced.length} billable item(s) have no price, so the budget cannot be checked (${kinds.slice(0, 3).join("; ")}${kinds.length > 3 ? `; and ${kinds.length - 3} more` : ""}): add them to offline/cost/prices.json`,
        );
    }
    const adoption = adoptionOf(config, records, PROJECT_ROOT);
    if (adoption !== undefined && adoption.refused.length > 0)
        failures.push(
            `adopting ${adoption.distributionId} ${adoption.refused.join("; ")}: keep it in the declaration (chatmrpt:adoptedDistributionConfig ${adoption.configPath})`,
        );
    const overrides: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(options.configOverrides ?? {})) {
        const isSecret = (SECRET_KEYS as readonly string[]).some((k) => `${NAMESPACE}:${k}` === key);
        overrides[key] = value === undefined ? null : isSecret ? REDACTED : value;
    }

    return {
        planVersion: 1,
        project: check.stackFile.project,
        stack,
        region: config["aws:region"] ?? "",
        view: check.view,
        placeholderSecrets: check.stackFile.placeholderSecrets,
        onCall,
        ...(check.run.standIns.length > 0 ? { offlineStandIns: check.run.standIns } : {}),
        overrides,
        counts: countResources(records),
        resources,
        policy: {
            policies: check.evaluation.policiesRun.length,
            violations: check.evaluation.violations,
            exempted: check.exempted.map((e) => ({
                policy: e.policy,
                resource: e.resource,
                message: e.message,
                reason: e.reason,
                expires: e.expires,
            })),
            passed: !check.failed,
        },
        cost: {
            ...estimate,
            budgetUsd,
            withinBudget,
            contextDocsUsd: CONTEXT_DOCS_MONTHLY_USD,
            cheaperOptions: cheaperOptions(records, prices, usage),
        },
        ...(adoption === undefined ? {} : { adoption }),
        failures,
    };
}

export interface PlanDiff {
    readonly added: PlannedResource[];
    readonly removed: PlannedResource[];
    readonly changed: {
        resource: PlannedResource;
        changes: { path: string; before: unknown; after: unknown }[];
        /** Differences under the resource's `ignoreChanges`: the engine keeps the live value, so no update. */
        ignored?: { path: string; before: unknown; after: unknown }[];
        costDeltaUsd: number;
    }[];
    readonly newFindings: Finding[];
    readonly goneFindings: Finding[];
    readonly costBeforeUsd: number;
    readonly costAfterUsd: number;
    readonly costDeltaUsd: number;
    /** Cost change by resource name (only those that changed). */
    readonly costByResource: { resource: string; beforeUsd: number; afterUsd: number }[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function costOf(plan: Plan): Map<string, number> {
    const m = new Map<string, number>();
    for (const l of plan.cost.lines) m.set(l.resource, round((m.get(l.resource) ?? 0) + l.monthlyUsd));
    return m;
}

/** Checks that a parsed file is a plan this version can compare with. */
export function asPlan(value: unknown, source: string): Plan {
    const p = value as Partial<Plan>;
    if (!p || p.planVersion !== 1 || !Array.isArray(p.resources) || !p.cost || !p.policy) {
        throw new Error(`${source} is not a plan from \`npm run plan -- --json\` (planVersion 1)`);
    }
    return p as Plan;
}

/**
 * Whether a flattened path falls under one of `ignoreChanges`' property paths (`a.b`,
 * `list[0]`, `list[*].c`). The engine keeps the old value of an ignored input for a resource
 * that exists, so a diff between two plans reports nothing there, as `pulumi preview` does not.
 */
export function ignoredPaths(ignoreChanges: readonly string[]): (path: string) => boolean {
    const patterns = ignoreChanges.map(
        (p) =>
            new RegExp(
                `^${p
                    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
                    .replace(/\\\[\\\*\\\]/g, "\\[\\d+\\]")}(?=$|[.[])`,
            ),
    );
    return (path) => patterns.some((re) => re.test(path));
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
    const oldByUrn = new Map(before.resources.map((r) => [r.urn, r]));
    const newByUrn = new Map(after.resources.map((r) => [r.urn, r]));
    const costBefore = costOf(before);
    const costAfter = costOf(after);
    const changed: PlanDiff["changed"] = [];
    for (const r of after.resources) {
        const old = oldByUrn.get(r.urn);
        if (!old) continue;
        const paths = new Set([...Object.keys(old.settings), ...Object.keys(r.settings)]);
        const isIgnored = ignoredPaths(r.ignoreChanges ?? []);
        const differing = [...paths]
            .filter((p) => JSON.stringify(old.settings[p]) !== JSON.stringify(r.settings[p]))
            .sort()
            .map((path) => ({ path, before: old.settings[path], after: r.settings[path] }));
        const changes = differing.filter((c) => !isIgnored(c.path));
        const ignored = differing.filter((c) => isIgnored(c.path));
        const costDeltaUsd = round((costAfter.get(r.name) ?? 0) - (costBefore.get(r.name) ?? 0));
        if (changes.length > 0 || costDeltaUsd !== 0 || ignored.length > 0)
            changed.push({ resource: r, changes, ...(ignored.length > 0 ? { ignored } : {}), costDeltaUsd });
    }
    const key = (f: Finding) => `${f.policy}|${f.urn ?? ""}|${f.message}`;
    const oldFindings = new Set(before.policy.violations.map(key));
    const newFindings = new Set(after.policy.violations.map(key));
    const names = new Set([...costBefore.keys(), ...costAfter.keys()]);
    return {
        added: after.resources.filter((r) => !oldByUrn.has(r.urn)),
        removed: before.resources.filter((r) => !newByUrn.has(r.urn)),
        changed,
        newFindings: after.policy.violations.filter((f) => !oldFindings.has(key(f))),
        goneFindings: before.policy.violations.filter((f) => !newFindings.has(key(f))),
        costBeforeUsd: before.cost.totalUsd,
        costAfterUsd: after.cost.totalUsd,
        costDeltaUsd: round(after.cost.totalUsd - before.cost.totalUsd),
        costByResource: [...names]
            .map((resource) => ({
                resource,
                beforeUsd: costBefore.get(resource) ?? 0,
                afterUsd: costAfter.get(resource) ?? 0,
            }))
            .filter((c) => c.beforeUsd !== c.afterUsd)
            .sort((a, b) => a.resource.localeCompare(b.resource)),
    };
}
