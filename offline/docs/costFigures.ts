/**
 * The cost figures the manual quotes, from the plans: prod and the cutover example, each at
 * steady state, in the first year and without the account's always-free allowances, with the
 * lines behind the differences.
 */
import { Plan } from "../plan/plan";
import { ArchitecturePlans } from "./architecture";

const usd = (n: number) => `$${n.toFixed(2)}`;

/** The sum of a plan's lines whose item starts with `prefix`. */
function linesStarting(plan: Plan, prefix: string): number {
    return plan.cost.lines.filter((l) => l.item.startsWith(prefix)).reduce((sum, l) => sum + l.monthlyUsd, 0);
}

/** The table of plan-and-cost.md: what each figure is, for prod and during the cutover. */
export function costFigures(plans: ArchitecturePlans): string {
    const row = (label: string, of: (p: Plan) => number) =>
        `| ${label} | ${usd(of(plans.prod))} | ${usd(of(plans.cutover))} |`;
    const { prod } = plans;
    return [
        "| per month, at list prices | prod | during the cutover |",
        "| --- | ---: | ---: |",
        row("**steady state** (the total the budget is checked against)", (p) => p.cost.totalUsd),
        row(
            "first year, on average (no rotated KMS key version charged yet)",
            (p) => p.cost.firstYearTotalUsd,
        ),
        row(
            "steady state without the always-free allowances (old prod shares them during the cutover)",
            (p) => p.cost.totalWithoutFreeTierUsd,
        ),
        "",
        `Of prod's steady state: inter-AZ data transfer ${usd(linesStarting(prod, "inter-AZ"))}, CloudFront to the origin ${usd(linesStarting(prod, "CloudFront data transfer to origin"))}, the canary's custom metrics ${usd(linesStarting(prod, "custom metrics"))}, restore tests ${usd(linesStarting(prod, "restore test jobs") + linesStarting(prod, "EBS gp3 volumes restored"))}, rotated KMS key versions ${usd(linesStarting(prod, "KMS rotated"))}; budget ${usd(prod.cost.budgetUsd)}.`,
    ].join("\n");
}
