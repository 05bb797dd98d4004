import { PolicyResource } from "@pulumi/policy";
import { pointsAt } from "./shapes";
import { peek, peekPath, UNKNOWN } from "./known";
import { isOneOf, T } from "./types";

/** Whether a satellite resource (policy, versioning...) configures this bucket. */
export function configures(satellite: PolicyResource, bucket: PolicyResource): boolean {
    // By dependency first: in a preview a new bucket's name is unknown.
    return pointsAt(satellite, "bucket", bucket, ["id", "bucket"]);
}

/**
 * Buckets that hold data: every bucket except those that only receive ALB access logs
 * (logs are kept by an expiry rule, not by versions).
 */
export function dataBuckets(resources: PolicyResource[]): PolicyResource[] {
    const lbs = resources.filter((r) => isOneOf(r.type, T.loadBalancer));
    const logBuckets = new Set(lbs.map((lb) => peekPath(lb.props, "accessLogs", "bucket")).filter((b) => typeof b === "string"));
    // A log bucket whose name a preview does not know yet is linked by the property dependency.
    const logUrns = new Set(lbs.filter((lb) => peekPath(lb.props, "accessLogs", "bucket") === UNKNOWN)
        .flatMap((lb) => (lb.propertyDependencies.accessLogs ?? []).map((d) => d.urn)));
    return resources.filter((r) => isOneOf(r.type, T.bucket) && !logUrns.has(r.urn) &&
        !logBuckets.has(peek(r.props, "bucket")) && !logBuckets.has(peek(r.props, "id")));
}
