import { diffDiagram, mermaidBlock, tierChanges, tierChangeSummary } from "../diagram/mermaid";
import { describeCount } from "../engine/resourceCount";
import { Plan, PlanDiff } from "./plan";

const usd = (n: number) => `$${n.toFixed(2)}`;
const signed = (n: number) => `${n >= 0 ? "+" : "-"}$${Math.abs(n).toFixed(2)}`;
const short = (type: string) =>
    type.startsWith("pulumi:providers:")
        ? `${type.split(":").pop()} provider`
        : (type.split(":").pop() ?? type);
const show = (v: unknown) => (v === undefined ? "(unset)" : JSON.stringify(v));

/** The three sections a reviewer reads: resources, policy verdicts, monthly cost. */
export function formatPlan(plan: Plan): string {
    const out: string[] = [];
    out.push(`Plan for stack ${plan.stack} (${plan.region}): ${describeCount(plan.counts)}`);
    const overrides = Object.entries(plan.overrides ?? {});
    if (overrides.length > 0)
        out.push(
            `  with --set: ${overrides.map(([k, v]) => (v === null ? `${k} removed` : `${k}=${v}`)).join(", ")}`,
        );
    if (plan.placeholderSecrets.length > 0)
        out.push(
            `  offline: ${plan.placeholderSecrets.join(", ")} replaced by placeholders (only the Pulumi CLI can decrypt secrets)`,
        );
    for (const standIn of plan.offlineStandIns ?? []) out.push(`  offline: ${standIn}`);
    // Plans written before the on-call check have no verdict.
    if (plan.onCall !== undefined && !plan.onCall.ok)
        out.push(`  on call: \`pulumi up\` will refuse this stack: ${plan.onCall.message}`);

    out.push("", "== Resources by component ==");
    const components = [...new Set(plan.resources.map((r) => r.component))];
    for (const component of components) {
        const members = plan.resources.filter((r) => r.component === component && r.name !== component);
        const self = plan.resources.find((r) => r.name === component);
        out.push(`${component}${self ? ` (${self.type})` : ""}: ${members.length} resources`);
        for (const r of members.filter((m) => m.summary))
            out.push(`  ${r.name.padEnd(44)} ${short(r.type)}: ${r.summary}`);
        const rest = new Map<string, number>();
        for (const r of members.filter((m) => !m.summary))
            rest.set(short(r.type), (rest.get(short(r.type)) ?? 0) + 1);
        if (rest.size > 0) out.push(`  also: ${[...rest].map(([t, n]) => `${n} ${t}`).join(", ")}`);
    }
    // The same count as the header: the groups above plus what is listed under them.
    const groups = components.filter((c) => plan.resources.some((r) => r.name === c)).length;
    out.push(
        `${plan.counts.total} in all: ${groups} top-level components and the ${plan.counts.total - groups} resources listed under them`,
    );

    out.push(...formatAdoption(plan));
    out.push("", "== Policy verdicts ==");
    const mandatory = plan.policy.violations.filter((v) => v.enforcementLevel === "mandatory");
    out.push(
        `${plan.policy.policies} policies: ${mandatory.length} mandatory and ${plan.policy.violations.length - mandatory.length} advisory violation(s), ${plan.policy.exempted.length} exempted`,
    );
    for (const v of plan.policy.violations)
        out.push(`  [${v.enforcementLevel}] ${v.policy} on ${v.resource ?? "(stack)"}: ${v.message}`);
    for (const e of plan.policy.exempted)
        out.push(
            `  [exempted until ${e.expires}] ${e.policy} on ${e.resource}: ${e.message} (reason: ${e.reason})`,
        );

    out.push("", `== Monthly cost estimate (on-demand list prices as of ${plan.cost.pricesAsOf}) ==`);
    // Alarms are many and alike: one line for all of them.
    const alarmLines = plan.cost.lines.filter((x) => x.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    const paidAlarms = alarmLines.filter((x) => x.monthlyUsd > 0);
    for (const l of plan.cost.lines.filter((x) => x.monthlyUsd > 0 && !alarmLines.includes(x))) {
        out.push(
            `  ${usd(l.monthlyUsd).padStart(9)}  ${l.resource.padEnd(40)} ${l.item} (${+l.quantity.toFixed(2)} ${l.unit} × $${l.unitPriceUsd})`,
        );
    }
    if (alarmLines.length > 0) {
        const total = paidAlarms.reduce((sum, l) => sum + l.monthlyUsd, 0);
        out.push(
            `  ${usd(total).padStart(9)}  ${"CloudWatch alarms".padEnd(40)} ${alarmLines.length} alarms, ${alarmLines.length - paidAlarms.length} in the always-free allowance (${paidAlarms.length} × $${paidAlarms[0]?.unitPriceUsd ?? 0})`,
        );
    }
    const zero = plan.cost.lines.filter((x) => x.monthlyUsd === 0 && !alarmLines.includes(x));
    if (zero.length > 0)
        out.push(
            `  ${usd(0).padStart(9)}  ${zero.length} item(s) within always-free allowances or unused: ${zero
                .map((z) => z.item)
                .filter((v, i, a) => a.indexOf(v) === i)
                .join("; ")}`,
        );
    out.push(
        `  free by AWS pricing: ${plan.cost.free.length} resources (VPC, subnets, security groups, IAM, listeners, ...)`,
    );
    if (plan.cost.unpriced.length > 0) {
        out.push(`  UNPRICED (the budget verdict fails until they are priced):`);
        for (const u of plan.cost.unpriced) out.push(`    ${u.resource} (${short(u.type)}): ${u.reason}`);
    } else out.push("  unpriced: none");
    // Alternatives are shown, never summed: the total is what the config deploys.
    for (const a of plan.cost.alternatives ?? []) {
        out.push(
            `  alternative: ${a.resource} with ${a.choice}: ${usd(a.monthlyUsd)}/month (${signed(a.deltaUsd)}), total ${usd(plan.cost.totalUsd + a.deltaUsd)}/month`,
        );
    }
    const verdict = plan.cost.withinBudget
        ? "within"
        : plan.cost.unpriced.length > 0
          ? "NOT CHECKED: unpriced items"
          : "OVER";
    out.push(
        `  total ${usd(plan.cost.totalUsd)}/month at steady state${plan.cost.unpriced.length > 0 ? " for the priced items only" : ""}; budget ${usd(plan.cost.budgetUsd)} (${verdict})${plan.cost.unpriced.length > 0 ? "" : `; the context docs expect about ${usd(plan.cost.contextDocsUsd)} (${signed(plan.cost.totalUsd - plan.cost.contextDocsUsd)})`}`,
        ...otherFigures(plan),
    );
    out.push(...formatCheaperOptions(plan));

    out.push("", plan.failures.length === 0 ? "Plan passes." : `Plan FAILS: ${plan.failures.join("; ")}`);
    return out.join("\n");
}

/** The first year's figure and the one without the account's always-free allowances. */
function otherFigures(plan: Plan): string[] {
    const c = plan.cost;
    // Plans written before these figures existed have neither.
    if (c.firstYearTotalUsd === undefined || c.totalWithoutFreeTierUsd === undefined) return [];
    const growing = c.lines
        .filter((l) => l.firstYearMonthlyUsd !== undefined)
        .map((l) => l.item.split(" (")[0]);
    return [
        `  first year: ${usd(c.firstYearTotalUsd)}/month on average (${growing.length > 0 ? `${[...new Set(growing)].join(", ")} grow to the steady state over the first years` : "nothing grows: the same as the steady state"})`,
        `  without the always-free allowances: ${usd(c.totalWithoutFreeTierUsd)}/month at steady state (they are account-wide; during the cutover old prod uses them too)`,
    ];
}

/** Drop-in alternatives, each priced by the same model; unpriced ones say why. */
export function formatCheaperOptions(plan: Plan): string[] {
    const options = plan.cost.cheaperOptions ?? [];
    if (options.length === 0) return [];
    const out = ["  cheaper options (same usage, priced by the same model at steady state; not applied):"];
    for (const o of options) {
        const figure = o.totalUsd === undefined ? "unpriced".padStart(9) : usd(o.totalUsd).padStart(9);
        const saving =
            o.savingUsd === undefined ? `(${o.unpricedReason})` : `(${signed(-o.savingUsd)}/month)`;
        out.push(`  ${figure}  ${o.name} ${saving}: ${o.note}. Source: ${o.source}`);
    }
    return out;
}

/**
 * The text a PR comment needs: what changes, what policy says now, what it costs; given the
 * earlier plan, first the stack picture with the tiers the change touches marked.
 */
export function formatDiff(diff: PlanDiff, after: Plan, before?: Plan): string {
    const out: string[] = [`### Plan diff for stack ${after.stack}`, ""];
    if (before)
        out.push(
            tierChangeSummary(tierChanges(before, after, diff)),
            "",
            mermaidBlock(diffDiagram(before, after, diff)),
            "",
        );
    out.push(
        `Resources: ${diff.added.length} to add, ${diff.changed.filter((c) => c.changes.length > 0).length} to change, ${diff.removed.length} to remove`,
    );
    for (const r of diff.added)
        out.push(`+ ${r.name} (${short(r.type)})${r.summary ? `: ${r.summary}` : ""}`);
    for (const r of diff.removed) out.push(`- ${r.name} (${short(r.type)})`);
    for (const c of diff.changed) {
        out.push(
            `~ ${c.resource.name} (${short(c.resource.type)})${c.costDeltaUsd !== 0 ? `, cost ${signed(c.costDeltaUsd)}/month` : ""}`,
        );
        for (const ch of c.changes.slice(0, 12))
            out.push(`    ${ch.path}: ${show(ch.before)} → ${show(ch.after)}`);
        if (c.changes.length > 12) out.push(`    … and ${c.changes.length - 12} more`);
        for (const ch of c.ignored ?? [])
            out.push(
                `    ${ch.path}: ${show(ch.before)} → ${show(ch.after)} (ignoreChanges: not applied, the live value stays)`,
            );
    }
    out.push("", `Policy: ${diff.newFindings.length} new finding(s), ${diff.goneFindings.length} gone`);
    for (const f of diff.newFindings)
        out.push(`+ [${f.enforcementLevel}] ${f.policy} on ${f.resource ?? "(stack)"}: ${f.message}`);
    for (const f of diff.goneFindings)
        out.push(`- [${f.enforcementLevel}] ${f.policy} on ${f.resource ?? "(stack)"}: ${f.message}`);
    out.push(
        "",
        `Cost at steady state: ${usd(diff.costBeforeUsd)} → ${usd(diff.costAfterUsd)} per month (${signed(diff.costDeltaUsd)}); budget ${usd(after.cost.budgetUsd)}`,
    );
    for (const c of diff.costByResource)
        out.push(
            `    ${c.resource}: ${usd(c.beforeUsd)} → ${usd(c.afterUsd)} (${signed(c.afterUsd - c.beforeUsd)})`,
        );
    out.push("", after.failures.length === 0 ? "Plan passes." : `Plan FAILS: ${after.failures.join("; ")}`);
    return out.join("\n");
}

/** The adoption section: each setting the declaration changes from the live distribution. */
export function formatAdoption(plan: Plan): string[] {
    const a = plan.adoption;
    if (a === undefined) return [];
    const out = [
        "",
        "== Adoption ==",
        `Adopts ${a.distributionId} from ${a.configPath}: ${a.changes.length === 0 ? "the import changes nothing" : `${a.changes.length} setting(s) change`}`,
    ];
    for (const c of a.changes)
        out.push(
            `  ${c.setting}: ${c.live === null ? "(unset)" : JSON.stringify(c.live)} → ${c.planned === null ? "(unset)" : JSON.stringify(c.planned)}`,
        );
    for (const r of a.refused) out.push(`  REFUSED: ${r}`);
    return out;
}
