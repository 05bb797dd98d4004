/**
 * The plan a reviewer reads without cloud credentials: what the program would create
 * (grouped by component, with the settings that matter), the policy verdicts, and the
 * monthly cost against the stack's budget. Serializable, so two plans can be diffed.
 */
import { PolicyPackConfig } from "@pulumi/policy";
import { checkStack } from "../policy/checkStack";
import { Finding } from "../policy/evaluate";
import { CheaperOption, cheaperOptions } from "../cost/cheaperOptions";
import { CostEstimate, estimateCost, loadPriceBook, loadUsage } from "../cost/costModel";
import { RecordedResource } from "../engine/mockRuntime";
import { NAMESPACE, SECRET_KEYS } from "../../stacks/stackConfig";
import { componentOf, describeResource } from "./describe";

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
}

export interface Plan {
    readonly planVersion: 1;
    readonly project: string;
    readonly stack: string;
    readonly region: string;
    readonly placeholderSecrets: string[];
    readonly resources: PlannedResource[];
    readonly policy: { readonly policies: number; readonly violations: Finding[]; readonly exempted: { policy: string; resource: string; message: string; reason: string; expires: string }[]; readonly passed: boolean };
    readonly cost: CostEstimate & { readonly budgetUsd: number; readonly withinBudget: boolean; readonly contextDocsUsd: number; readonly cheaperOptions?: CheaperOption[] };
    /** Why the plan fails, if it does. */
    readonly failures: string[];
}

export interface BuildPlanOptions {
    readonly stack?: string;
    readonly configOverrides?: Record<string, string | undefined>;
    readonly packConfig?: PolicyPackConfig;
    readonly now?: () => Date;
}

const REDACTED = "[secret]";

/** Flattens inputs to `a.b[0].c` paths; values equal to a secret become [secret]. */
export function flatten(value: unknown, secrets: string[], prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
    if (Array.isArray(value)) {
        if (value.length === 0) out[prefix] = [];
        value.forEach((v, i) => flatten(v, secrets, `${prefix}[${i}]`, out));
    } else if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        if (entries.length === 0 && prefix) out[prefix] = {};
        for (const [k, v] of entries) flatten(v, secrets, prefix ? `${prefix}.${k}` : k, out);
    } else if (prefix) {
        out[prefix] = typeof value === "string" && secrets.some((s) => s !== "" && value.includes(s)) ? REDACTED : value;
    }
    return out;
}

export async function buildPlan(options: BuildPlanOptions = {}): Promise<Plan> {
    const stack = options.stack ?? "prod";
    const check = await checkStack({ stack, configOverrides: options.configOverrides, packConfig: options.packConfig, now: options.now });
    const config = check.config;
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
            settings: r.custom ? flatten(r.inputs, secrets) : {},
        }));

    const prices = loadPriceBook();
    const usage = loadUsage(stack);
    const estimate = estimateCost(records, prices, usage);
    const budgetUsd = Number(config[`${NAMESPACE}:monthlyBudgetUsd`] ?? "260");
    const withinBudget = estimate.totalUsd <= budgetUsd;
    const failures: string[] = [];
    const mandatory = check.evaluation.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    if (mandatory > 0) failures.push(`${mandatory} mandatory policy violation(s)`);
    if (!withinBudget) failures.push(`estimated $${estimate.totalUsd.toFixed(2)}/month exceeds the budget of $${budgetUsd.toFixed(2)} (chatmrpt:monthlyBudgetUsd)`);

    return {
        planVersion: 1,
        project: check.stackFile.project,
        stack,
        region: config["aws:region"] ?? "",
        placeholderSecrets: check.stackFile.placeholderSecrets,
        resources,
        policy: {
            policies: check.evaluation.policiesRun.length,
            violations: check.evaluation.violations,
            exempted: check.exempted.map((e) => ({ policy: e.policy, resource: e.resource, message: e.message, reason: e.reason, expires: e.expires })),
            passed: !check.failed,
        },
        cost: { ...estimate, budgetUsd, withinBudget, contextDocsUsd: CONTEXT_DOCS_MONTHLY_USD, cheaperOptions: cheaperOptions(records, prices, usage) },
        failures,
    };
}

export interface PlanDiff {
    readonly added: PlannedResource[];
    readonly removed: PlannedResource[];
    readonly changed: { resource: PlannedResource; changes: { path: string; before: unknown; after: unknown }[]; costDeltaUsd: number }[];
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
        const changes = [...paths].filter((p) => JSON.stringify(old.settings[p]) !== JSON.stringify(r.settings[p]))
            .sort().map((path) => ({ path, before: old.settings[path], after: r.settings[path] }));
        const costDeltaUsd = round((costAfter.get(r.name) ?? 0) - (costBefore.get(r.name) ?? 0));
        if (changes.length > 0 || costDeltaUsd !== 0) changed.push({ resource: r, changes, costDeltaUsd });
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
        costByResource: [...names].map((resource) => ({ resource, beforeUsd: costBefore.get(resource) ?? 0, afterUsd: costAfter.get(resource) ?? 0 }))
            .filter((c) => c.beforeUsd !== c.afterUsd).sort((a, b) => a.resource.localeCompare(b.resource)),
    };
}
