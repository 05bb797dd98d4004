import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { elements, objects, peek, peekPath, UNKNOWN } from "../lib/known";
import { record } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType, pointingAt } from "../lib/stackIndex";

const PLAN = ["aws:backup/restoreTestingPlan:RestoreTestingPlan"];
const SELECTION = ["aws:backup/restoreTestingSelection:RestoreTestingSelection"];

/** The tags app launch templates put on their volumes (what AWS Backup selects volumes by). */
function appVolumeTags(resources: PolicyResource[]): Record<string, unknown>[] {
    return ofType(resources, T.launchTemplate)
        .map((lt) => {
            const spec = objects(peek(lt.props, "tagSpecifications")).find(
                (t) => peek(t, "resourceType") === "volume",
            );
            return record(
                spec === undefined
                    ? {}
                    : Object.fromEntries(
                          Object.keys(record(peek(spec, "tags"))).map((k) => [k, peekPath(spec, "tags", k)]),
                      ),
            );
        })
        .filter((tags) => Object.keys(tags).length > 0);
}

/** Why a restore testing selection misses volumes carrying `tags`, or undefined when it covers them. */
function gap(selection: PolicyResource, tags: Record<string, unknown>): string | undefined {
    const p = selection.props;
    const type = peek(p, "protectedResourceType");
    if (type !== UNKNOWN && type !== "EBS") return `protectedResourceType ${show(type)}`;
    const arns = peek(p, "protectedResourceArns");
    if (
        arns !== UNKNOWN &&
        !elements(arns).some(
            (a) =>
                a === "*" || (typeof a === "string" && /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:volume\/\*$/.test(a)),
        )
    ) {
        return `protectedResourceArns ${show(arns)}`;
    }
    const conditions = peek(p, "protectedResourceConditions");
    if (conditions === UNKNOWN) return undefined;
    const equals = objects(peek(conditions, "stringEquals"));
    const notEquals = objects(peek(conditions, "stringNotEquals"));
    const tagOf = (key: unknown) => tags[String(key).replace(/^aws:ResourceTag\//, "")];
    const unmet = equals.filter((e) => tagOf(peek(e, "key")) !== peek(e, "value"));
    const excluded = notEquals.filter((e) => tagOf(peek(e, "key")) === peek(e, "value"));
    if (unmet.length > 0 || excluded.length > 0)
        return `conditions that exclude them (${show([...unmet, ...excluded])})`;
    return undefined;
}

export const restoreTestsCoverAppVolumes: StackValidationPolicy = {
    name: "restore-tests-cover-app-volumes",
    description:
        "Checks that when the app tier has backed-up volumes, a restore testing plan of this stack, reading a backup vault, has a selection that covers those volumes (EBS, by the tags the launch template puts on them).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const tagSets = appVolumeTags(args.resources);
        if (tagSets.length === 0) return;
        const plans = ofType(args.resources, PLAN);
        if (plans.length === 0) {
            report(
                "the stack must have a restore testing plan that proves the app volumes' backups restore; found none",
            );
            return;
        }
        const selections = ofType(args.resources, SELECTION);
        const findings: string[] = [];
        const covered = plans.some((plan) => {
            const vaults = peekPath(plan.props, "recoveryPointSelection", "includeVaults");
            if (vaults !== UNKNOWN && elements(vaults).length === 0) {
                findings.push(
                    `plan ${plan.name} reads no backup vault (recoveryPointSelection.includeVaults)`,
                );
                return false;
            }
            const mine = pointingAt(selections, "restoreTestingPlanName", plan, plans, ["name"]);
            if (mine.length === 0) findings.push(`plan ${plan.name} has no selection`);
            return tagSets.every((tags) =>
                mine.some((s) => {
                    const why = gap(s, tags);
                    if (why !== undefined) findings.push(`selection ${s.name} has ${why}`);
                    return why === undefined;
                }),
            );
        });
        if (!covered)
            report(
                `a restore testing plan must have a selection covering the app volumes (EBS, tags ${show(tagSets)}); found ${findings.join("; ")}`,
                plans[0].urn,
            );
    },
};
