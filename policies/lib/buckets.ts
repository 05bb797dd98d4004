import { PolicyResource } from "@pulumi/policy";
import { pointsAt } from "./shapes";
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
    const logBuckets = new Set(resources.filter((r) => isOneOf(r.type, T.loadBalancer))
        .map((lb) => lb.props.accessLogs?.bucket).filter((b) => b !== undefined));
    return resources.filter((r) => isOneOf(r.type, T.bucket) && !logBuckets.has(r.props.bucket) && !logBuckets.has(r.props.id));
}
