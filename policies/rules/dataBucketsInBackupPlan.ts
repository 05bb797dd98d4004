import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { userDataBuckets } from "../lib/canaryBuckets";
import { elements, peek, UNKNOWN } from "../lib/known";
import { dependencies } from "../lib/shapes";
import { T } from "../lib/types";
import { cached, inListOrder, ofType, referencedBy } from "../lib/stackIndex";

/** True when a selection's own resources name the bucket: by ARN or a wildcard, or (a preview) by dependency. */
function selects(selection: PolicyResource, bucket: PolicyResource): boolean {
    const listed = peek(selection.props, "resources");
    const values = listed === UNKNOWN ? [] : elements(listed);
    const arn = peek(bucket.props, "arn");
    const excluded = elements(peek(selection.props, "notResources")).some((n) => n === arn || n === "*");
    if (excluded) return false;
    if (values.some((v) => v === "*" || v === "arn:aws:s3:::*" || (typeof v === "string" && v === arn)))
        return true;
    const unknown = listed === UNKNOWN || values.includes(UNKNOWN) || arn === UNKNOWN;
    return unknown && dependencies(selection, "resources").includes(bucket);
}

/**
 * The selections that may select a bucket: those listing a wildcard, its ARN, or (a
 * preview) depending on it; `selects` decides. Read once per stack, so that each bucket
 * is matched against a few selections, not every selection of the stack.
 */
function selectionIndex(selections: PolicyResource[]): (bucket: PolicyResource) => PolicyResource[] {
    const wildcards: PolicyResource[] = [];
    const byArn = new Map<string, PolicyResource[]>();
    const byDependency = new Map<PolicyResource, PolicyResource[]>();
    for (const s of selections) {
        const listed = peek(s.props, "resources");
        for (const v of listed === UNKNOWN ? [] : elements(listed)) {
            if (v === "*" || v === "arn:aws:s3:::*") wildcards.push(s);
            else if (typeof v === "string") cached(byArn, v, () => []).push(s);
        }
        for (const d of dependencies(s, "resources")) cached(byDependency, d, () => []).push(s);
    }
    return (bucket) => {
        const arn = peek(bucket.props, "arn");
        return inListOrder(selections, [
            ...wildcards,
            ...(typeof arn === "string" ? (byArn.get(arn) ?? []) : []),
            ...(byDependency.get(bucket) ?? []),
        ]).filter((s) => selects(s, bucket));
    };
}

export const dataBucketsInBackupPlan: StackValidationPolicy = {
    name: "data-buckets-in-backup-plan",
    description:
        "Checks that every bucket holding users' data (all but log buckets and a canary's artifact bucket) is in an AWS Backup selection of a backup plan of this stack.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const selections = ofType(args.resources, T.backupSelection);
        const plans = ofType(args.resources, T.backupPlan);
        const inPlan = new Set(selections.filter((s) => referencedBy(s, "planId", plans, ["id"]).length > 0));
        const selecting = selectionIndex(selections);
        for (const bucket of userDataBuckets(args.resources)) {
            const mine = selecting(bucket);
            if (mine.some((s) => inPlan.has(s))) continue;
            const found = mine.map((s) => `${s.name} (no plan of this stack)`);
            report(
                `bucket ${bucket.name} holds users' data and must be in an AWS Backup selection of a backup plan of this stack; found ${found.length > 0 ? found.join(", ") : "none"}`,
                bucket.urn,
            );
        }
    },
};
