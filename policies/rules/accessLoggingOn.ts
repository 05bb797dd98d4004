import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { userDataBuckets } from "../lib/canaryBuckets";
import { configuring } from "../lib/buckets";
import { peek, peekPath, UNKNOWN } from "../lib/known";
import { dependencies } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

const BUCKET_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/** True when a value names a target (a preview may not know it yet). */
const named = (v: unknown) => v === UNKNOWN || (typeof v === "string" && v !== "");

/** Where a bucket's access logs go: a logging resource for it, or the bucket's own (older) logging settings. */
function loggingTarget(
    bucket: PolicyResource,
    loggings: PolicyResource[],
    buckets: PolicyResource[],
): unknown {
    const mine = configuring(loggings, bucket, buckets)[0];
    if (mine) return peek(mine.props, "targetBucket");
    const inline = peekPath(bucket.props, "logging", "targetBucket");
    return inline ?? peekPath(bucket.props, "loggings", 0, "targetBucket");
}

export const accessLoggingOn: StackValidationPolicy = {
    name: "access-logging-on",
    description:
        "Checks that every application load balancer writes access logs to a bucket and that every bucket holding users' data has S3 server access logging to a target bucket.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const lb of ofType(args.resources, T.loadBalancer)) {
            const type = peek(lb.props, "loadBalancerType");
            if (type !== undefined && type !== null && type !== "application") continue;
            const enabled = peekPath(lb.props, "accessLogs", "enabled");
            const bucket = peekPath(lb.props, "accessLogs", "bucket");
            if (enabled === UNKNOWN) continue;
            if (enabled !== true || !(named(bucket) || dependencies(lb, "accessLogs").length > 0)) {
                report(
                    `load balancer ${lb.name} must write access logs to a bucket (accessLogs enabled, bucket set); found enabled ${show(enabled)}, bucket ${show(bucket)}`,
                    lb.urn,
                );
            }
        }
        const loggings = ofType(args.resources, BUCKET_LOGGING);
        const buckets = ofType(args.resources, T.bucket);
        for (const bucket of userDataBuckets(args.resources)) {
            const target = loggingTarget(bucket, loggings, buckets);
            if (!named(target))
                report(
                    `bucket ${bucket.name} holds users' data and must have server access logging to a target bucket; found ${show(target)}`,
                    bucket.urn,
                );
        }
    },
};
