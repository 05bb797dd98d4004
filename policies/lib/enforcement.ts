import { ReportViolation } from "@pulumi/policy";

/**
 * What the CLI lets a pack config do to a never-exemptable policy, and what this pack does about it:
 * - "advisory": the policy still runs, and {@link keepMandatory} reports each violation with its own
 *   level "mandatory", which the policy server (@pulumi/policy 1.21 `makeReportViolationFun`) keeps.
 * - "disabled": the policy does not run, and no policy can see another's config (getConfig returns a
 *   policy's own properties, without enforcementLevel). Only a checker that reads the config file can
 *   catch it: {@link enforcementDowngrades}, which `npm run policy` (and so CI) runs.
 */
export function keepMandatory(report: ReportViolation): ReportViolation {
    return (message, urn) =>
        (report as unknown as (v: object) => void)({ message, urn, enforcementLevel: "mandatory" });
}

/** Each never-exemptable policy a pack config lowers below mandatory, as a violation message. */
export function enforcementDowngrades(
    config: unknown,
    neverExemptable: readonly string[],
): { policy: string; message: string }[] {
    const out: { policy: string; message: string }[] = [];
    const all = config !== null && typeof config === "object" ? (config as Record<string, unknown>) : {};
    for (const policy of neverExemptable) {
        const entry = all[policy];
        const level =
            typeof entry === "string"
                ? entry
                : entry !== null && typeof entry === "object"
                  ? (entry as { enforcementLevel?: unknown }).enforcementLevel
                  : undefined;
        // "remediate" runs as mandatory (the server maps it so).
        if (level === undefined || level === "mandatory" || level === "remediate") continue;
        out.push({
            policy,
            message: `pack config must not lower ${policy} below mandatory (it guards a past incident and can never be exempted); found enforcementLevel ${JSON.stringify(level)}`,
        });
    }
    return out;
}
