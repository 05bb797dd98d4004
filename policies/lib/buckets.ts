import { PolicyResource } from "@pulumi/policy";
import { peek, peekPath, UNKNOWN } from "./known";
import { isOneOf, T } from "./types";
import { ofType, pointingAt } from "./stackIndex";

/**
 * The satellite resources (policies, versioning...) that configure this bucket, one of
 * the stack's `buckets`, in list order. By dependency first: in a preview a new
 * bucket's name is unknown.
 */
export function configuring(
    satellites: PolicyResource[],
    bucket: PolicyResource,
    buckets: PolicyResource[],
): PolicyResource[] {
    return pointingAt(satellites, "bucket", bucket, buckets, ["id", "bucket"]);
}

/**
 * Buckets that hold data: every bucket except those that only receive ALB access logs
 * (logs are kept by an expiry rule, not by versions).
 */
export function dataBuckets(resources: PolicyResource[]): PolicyResource[] {
    const lbs = ofType(resources, T.loadBalancer);
    const logBuckets = new Set<unknown>(
        lbs.map((lb) => peekPath(lb.props, "accessLogs", "bucket")).filter((b) => typeof b === "string"),
    );
    // A log bucket whose name a preview does not know yet is linked by the property dependency.
    const logUrns = new Set(
        lbs
            .filter((lb) => peekPath(lb.props, "accessLogs", "bucket") === UNKNOWN)
            .flatMap((lb) => (lb.propertyDependencies.accessLogs ?? []).map((d) => d.urn)),
    );
    return resources.filter(
        (r) =>
            isOneOf(r.type, T.bucket) &&
            !logUrns.has(r.urn) &&
            !logBuckets.has(peek(r.props, "bucket")) &&
            !logBuckets.has(peek(r.props, "id")),
    );
}
