import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configuring } from "../lib/buckets";
import { objects, peek, UNKNOWN } from "../lib/known";
import { ofType } from "../lib/stackIndex";
import { show, T } from "../lib/types";

/** Objects the program writes, and lifecycle configurations (kept here: only this policy reads them). */
const OBJECT_TYPES = ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"] as const;
const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
] as const;

/** What a lifecycle rule selects, in one shape for both the rule resource and a bucket's inline rules. */
interface Selector {
    readonly id: string;
    readonly prefixes: unknown[];
    readonly tags: Record<string, unknown>;
}

/** The object's key and tags (a key a preview does not know is UNKNOWN). */
interface ManagedObject {
    readonly resource: PolicyResource;
    readonly key: unknown;
    readonly tags: Record<string, unknown>;
}

/**
 * Whether the rule may select the object. An unknown value could be anything, so it may
 * match; size conditions are ignored (an object can grow past them), never trusted to spare it.
 */
export function mayMatch(rule: Selector, object: { key: unknown; tags: Record<string, unknown> }): boolean {
    for (const prefix of rule.prefixes) {
        if (prefix === UNKNOWN || object.key === UNKNOWN) continue;
        if (typeof prefix === "string" && typeof object.key === "string" && !object.key.startsWith(prefix))
            return false;
    }
    for (const [key, value] of Object.entries(rule.tags)) {
        const has = object.tags[key];
        if (value === UNKNOWN || has === UNKNOWN) continue;
        if (has !== value) return false;
    }
    return true;
}

function tagsOf(value: unknown): Record<string, unknown> {
    if (value === UNKNOWN || value === null || typeof value !== "object") return {};
    return Object.fromEntries(Object.keys(value).map((k) => [k, peek(value, k)]));
}

/** Enabled rules of a BucketLifecycleConfiguration that expire current objects. */
function expiringRules(config: PolicyResource): Selector[] {
    return objects(peek(config.props, "rules"))
        .filter((rule) => {
            const expiration = peek(rule, "expiration");
            if (expiration === undefined || expiration === null) return false;
            // A rule that only removes expired delete markers never expires a current object.
            const onlyMarkers =
                expiration !== UNKNOWN &&
                peek(expiration, "days") === undefined &&
                peek(expiration, "date") === undefined;
            return !onlyMarkers && peek(rule, "status") !== "Disabled";
        })
        .map((rule) => {
            const filter = peek(rule, "filter");
            const and = filter === UNKNOWN ? undefined : peek(filter, "and");
            const tag = filter === UNKNOWN ? undefined : peek(filter, "tag");
            const tagPair =
                tag !== undefined && tag !== null && tag !== UNKNOWN
                    ? { [String(peek(tag, "key"))]: peek(tag, "value") }
                    : {};
            return {
                id: String(peek(rule, "id") ?? "(no id)"),
                prefixes: [
                    peek(rule, "prefix"),
                    filter === UNKNOWN ? UNKNOWN : peek(filter, "prefix"),
                    and === UNKNOWN ? UNKNOWN : peek(and, "prefix"),
                ].filter((p) => p !== undefined && p !== null && p !== ""),
                tags: { ...tagPair, ...tagsOf(and === UNKNOWN ? undefined : peek(and, "tags")) },
            };
        });
}

/** Enabled inline rules of a bucket (the deprecated `lifecycleRules`) that expire current objects. */
function inlineExpiringRules(bucket: PolicyResource): Selector[] {
    return objects(peek(bucket.props, "lifecycleRules"))
        .filter((rule) => {
            const expiration = peek(rule, "expiration");
            const expires =
                expiration === UNKNOWN ||
                (expiration !== undefined &&
                    expiration !== null &&
                    (peek(expiration, "days") !== undefined || peek(expiration, "date") !== undefined));
            return expires && peek(rule, "enabled") !== false;
        })
        .map((rule) => ({
            id: String(peek(rule, "id") ?? "(no id)"),
            prefixes: [peek(rule, "prefix")].filter((p) => p !== undefined && p !== null && p !== ""),
            tags: tagsOf(peek(rule, "tags")),
        }));
}

export const lifecycleSparesManagedObjects: StackValidationPolicy = {
    name: "lifecycle-spares-managed-objects",
    description:
        "Checks that no S3 lifecycle rule expires an object the program manages (its next refresh would drop it from state).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const buckets = ofType(args.resources, T.bucket);
        const managed = ofType(args.resources, OBJECT_TYPES);
        if (managed.length === 0) return;
        const lifecycles = ofType(args.resources, LIFECYCLE_TYPES);
        for (const bucket of buckets) {
            const mine: ManagedObject[] = configuring(managed, bucket, buckets).map((o) => ({
                resource: o,
                key: peek(o.props, "key"),
                tags: tagsOf(peek(o.props, "tags")),
            }));
            if (mine.length === 0) continue;
            const rules = [
                ...configuring(lifecycles, bucket, buckets).flatMap(expiringRules),
                ...inlineExpiringRules(bucket),
            ];
            for (const object of mine) {
                for (const rule of rules.filter((r) => mayMatch(r, object))) {
                    report(
                        `lifecycle rule ${rule.id} on bucket ${bucket.name} would expire ${object.resource.name} (key ${show(object.key)}): ` +
                            "scope the rule's filter to a prefix the program writes no object under",
                        object.resource.urn,
                    );
                }
            }
        }
    },
};
