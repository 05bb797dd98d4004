import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isOneOf, T } from "../lib/types";

/** The tags an app-tier launch template puts on its volumes. */
function volumeTags(lt: PolicyResource): Record<string, string> {
    const spec = ((lt.props.tagSpecifications ?? []) as any[]).find((t) => t.resourceType === "volume");
    return spec?.tags ?? {};
}

/** True when a selection picks EBS volumes that carry these tags. */
function selects(selection: PolicyResource, tags: Record<string, string>): boolean {
    const p = selection.props;
    const resources = (p.resources ?? []) as string[];
    const coversVolumes = resources.length === 0 || resources.some((r) => r === "*" || /^arn:aws:ec2:[^:]*:[^:]*:volume\/\*$/.test(r));
    const conditions = ((p.conditions ?? []) as any[]).flatMap((c) => c.stringEquals ?? []);
    const tagConditions = ((p.selectionTags ?? []) as any[]).filter((t) => t.type === "STRINGEQUALS");
    if (conditions.length === 0 && tagConditions.length === 0) return coversVolumes && resources.length > 0;
    const allConditionsHold = conditions.every((c: any) => tags[String(c.key).replace(/^aws:ResourceTag\//, "")] === c.value);
    const anyTagMatches = tagConditions.length === 0 || tagConditions.some((t: any) => tags[t.key] === t.value);
    return coversVolumes && allConditionsHold && anyTagMatches;
}

export const appVolumesBackedUp: StackValidationPolicy = {
    name: "app-volumes-backed-up",
    description: "Checks that the app tier's volumes are picked by an AWS Backup selection whose plan keeps recovery points at least the configured days.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minRetentionDays: { type: "integer", minimum: 1, default: 30 } } },
    validateStack: (args, report) => {
        const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
        const plans = args.resources.filter((r) => isOneOf(r.type, T.backupPlan));
        const selections = args.resources.filter((r) => isOneOf(r.type, T.backupSelection));
        for (const lt of args.resources.filter((r) => isOneOf(r.type, T.launchTemplate))) {
            const tags = volumeTags(lt);
            const covering = selections.filter((s) => selects(s, tags));
            if (covering.length === 0) {
                report(`volumes of ${lt.name} must be selected by an AWS Backup selection; found no selection matching their tags ${JSON.stringify(tags)}`, lt.urn);
                continue;
            }
            const retentions = covering.flatMap((s) => {
                const plan = plans.find((p) => p.props.id === s.props.planId || (s.propertyDependencies.planId ?? []).some((d) => d.urn === p.urn));
                return ((plan?.props.rules ?? []) as any[]).map((rule) => rule.lifecycle?.deleteAfter ?? Infinity);
            });
            const best = Math.max(0, ...retentions);
            if (best < minRetentionDays) {
                report(`volumes of ${lt.name} must be kept at least ${minRetentionDays} days by their backup plan; found ${retentions.length === 0 ? "no plan rule" : `${best} days`}`, lt.urn);
            }
        }
    },
};
