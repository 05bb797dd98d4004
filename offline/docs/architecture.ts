/**
 * The generated parts of the architecture pages: the stack picture of prod, the same during
 * the cutover (with the viewer shares), and the tier table, all from the offline plan.
 */
import { mermaidBlock, stackDiagram } from "../diagram/mermaid";
import { countByTier, isCounted, TIERS, tierClassifier } from "../diagram/tiers";
import { describeCount } from "../engine/resourceCount";
import { buildPlan, Plan } from "../plan/plan";

/**
 * The cutover the pages picture: old production's ALB (the context docs' plain-HTTP origin)
 * as the legacy origin, with 10 % of viewers moved to this stack (runbook step 4).
 */
export const CUTOVER_EXAMPLE: Readonly<Record<string, string>> = {
    "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
    "chatmrpt:activeOrigin": "app:10",
};

export interface ArchitecturePlans {
    readonly prod: Plan;
    readonly cutover: Plan;
}

export async function architecturePlans(): Promise<ArchitecturePlans> {
    const prod = await buildPlan({ stack: "prod" });
    const cutover = await buildPlan({ stack: "prod", configOverrides: { ...CUTOVER_EXAMPLE } });
    return { prod, cutover };
}

/** `Distribution`, `KeyvaluestoreKey`: the last part of a type token. */
const shortType = (type: string) => type.split(":").pop() ?? type;

/** Every tier with its count in prod and during the cutover, and the resource types it holds. */
function tierTable(plans: ArchitecturePlans): string {
    const prod = countByTier(plans.prod);
    const cutover = countByTier(plans.cutover);
    const types = new Map<string, Set<string>>();
    for (const plan of [plans.prod, plans.cutover]) {
        const tierOf = tierClassifier(plan.resources);
        for (const r of plan.resources.filter(isCounted)) {
            const set = types.get(tierOf(r)) ?? new Set<string>();
            types.set(tierOf(r), set.add(shortType(r.type)));
        }
    }
    const rows = TIERS.filter((t) => prod[t.id] + cutover[t.id] > 0).map(
        (t) =>
            `| ${t.label} | ${prod[t.id]} | ${cutover[t.id]} | ${[...(types.get(t.id) ?? [])].sort().join(", ")} |`,
    );
    return [
        "| tier | prod | during the cutover | resource types |",
        "| --- | ---: | ---: | --- |",
        ...rows,
        `| **all AWS resources** | **${plans.prod.counts.cloud}** | **${plans.cutover.counts.cloud}** | |`,
    ].join("\n");
}

/** The numbers a front page quotes: size, policy count, monthly cost against the budget. */
function stackFacts(prod: Plan): string {
    const usd = (n: number) => `$${n.toFixed(2)}`;
    return [
        `- **${describeCount(prod.counts)}** in prod's plan;`,
        `- **${prod.policy.policies} policies** in the pack, ${prod.policy.passed ? "all passing" : "NOT all passing"} on prod;`,
        `- **${usd(prod.cost.totalUsd)} a month** at list prices at steady state, against a budget of ${usd(prod.cost.budgetUsd)} (\`chatmrpt:monthlyBudgetUsd\`): ${usd(prod.cost.firstYearTotalUsd)} in the first year, ${usd(prod.cost.totalWithoutFreeTierUsd)} without the account's always-free allowances ([what the figures include](docs/plan-and-cost.md#the-budget-and-cheaper-options)).`,
    ].join("\n");
}

/** The generated parts this module answers for, by name. */
export function architectureSections(plans: ArchitecturePlans): Record<string, string> {
    return {
        "stack-diagram": mermaidBlock(stackDiagram(plans.prod)),
        "cutover-diagram": mermaidBlock(stackDiagram(plans.cutover)),
        "tier-table": tierTable(plans),
        "resource-count": `\`npm run plan\` for prod: ${describeCount(plans.prod.counts)}.`,
        "stack-facts": stackFacts(plans.prod),
    };
}
