import { PolicyResource } from "@pulumi/policy";
import { dataBuckets } from "./buckets";
import { peek } from "./known";
import { dependencies } from "./shapes";
import { T } from "./types";
import { ofType, withProp } from "./stackIndex";

/**
 * The buckets that hold users' data: data buckets (all but ALB log buckets) less those
 * that only receive a canary's artifacts and code (the canary's own output, rebuilt by it).
 */
export function userDataBuckets(resources: PolicyResource[]): PolicyResource[] {
    const buckets = ofType(resources, T.bucket);
    const isBucket = new Set(buckets);
    const canaryBuckets = new Set<PolicyResource>();
    for (const canary of ofType(resources, T.canary)) {
        for (const property of ["artifactS3Location", "s3Bucket"]) {
            for (const d of dependencies(canary, property)) if (isBucket.has(d)) canaryBuckets.add(d);
            const value = peek(canary.props, property);
            const name = typeof value === "string" ? value.replace(/^s3:\/\//, "").split("/")[0] : undefined;
            for (const b of withProp(buckets, "bucket", name)) canaryBuckets.add(b);
        }
    }
    return dataBuckets(resources).filter((b) => !canaryBuckets.has(b));
}
