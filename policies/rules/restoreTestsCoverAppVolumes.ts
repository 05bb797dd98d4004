import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { elements, objects, peek, peekPath, UNKNOWN } from "../lib/known";
import { record } from "../lib/shapes";
import { show, T } from "../lib/types";
import { cached, inListOrder, ofType, pointingAt } from "../lib/stackIndex";

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

/**
 * The selections that may cover volumes with given tags: those whose first stringEquals
 * condition the tags carry, and those without such a condition; `gap` decides. With a
 * launch template and a selection per app tier, trying every selection for every tag set
 * is quadratic.
 */
function coverCandidates(selections: PolicyResource[]): (tags: Record<string, unknown>) => PolicyResource[] {
    const always: PolicyResource[] = [];
    const byTag = new Map<string, PolicyResource[]>();
    for (const s of selections) {
        const conditions = peek(s.props, "protectedResourceConditions");
        const first = conditions === UNKNOWN ? undefined : objects(peek(conditions, "stringEquals"))[0];
        const key = peek(first, "key");
        const value = peek(first, "value");
        if (typeof key === "string" && typeof value === "string")
            cached(byTag, JSON.stringify([key.replace(/^aws:ResourceTag\//, ""), value]), () => []).push(s);
        else always.push(s);
    }
    return (tags) =>
        inListOrder(selections, [
            ...always,
            ...Object.keys(tags).flatMap((k) => byTag.get(JSON.stringify([k, tags[k]])) ?? []),
        ]);
}

/**
 * True when the plan reads a vault and its selections cover every tag set; `findings` says
 * why not. `tried` gives the selections to try for a tag set (all of the plan's, or the
 * candidates among them: the answer is the same, the findings are not).
 */
function planCovers(
    plan: PolicyResource,
    mine: PolicyResource[],
    tagSets: Record<string, unknown>[],
    tried: (tags: Record<string, unknown>) => PolicyResource[],
    findings: string[],
): boolean {
    const vaults = peekPath(plan.props, "recoveryPointSelection", "includeVaults");
    if (vaults !== UNKNOWN && elements(vaults).length === 0) {
        findings.push(`plan ${plan.name} reads no backup vault (recoveryPointSelection.includeVaults)`);
        return false;
    }
    if (mine.length === 0) findings.push(`plan ${plan.name} has no selection`);
    return tagSets.every((tags) =>
        tried(tags).some((s) => {
            const why = gap(s, tags);
            if (why !== undefined) findings.push(`selection ${s.name} has ${why}`);
            return why === undefined;
        }),
    );
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
        const mineOf = (plan: PolicyResource) =>
            pointingAt(selections, "restoreTestingPlanName", plan, plans, ["name"]);
        // Decided over the candidates; only a failure is worth trying every selection, for its message.
        const covered = plans.some((plan) => {
            const mine = mineOf(plan);
            return planCovers(plan, mine, tagSets, coverCandidates(mine), []);
        });
        if (covered) return;
        const findings: string[] = [];
        for (const plan of plans) {
            const mine = mineOf(plan);
            planCovers(plan, mine, tagSets, () => mine, findings);
        }
        report(
            `a restore testing plan must have a selection covering the app volumes (EBS, tags ${show(tagSets)}); found ${findings.join("; ")}`,
            plans[0].urn,
        );
    },
};
