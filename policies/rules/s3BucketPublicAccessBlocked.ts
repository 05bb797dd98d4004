import { StackValidationPolicy } from "@pulumi/policy";
import { configuring } from "../lib/buckets";
import { isTrue } from "../lib/shapes";
import { isOneOf, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

const SETTINGS = [
    "blockPublicAcls",
    "blockPublicPolicy",
    "ignorePublicAcls",
    "restrictPublicBuckets",
] as const;

export const s3BucketPublicAccessBlocked: StackValidationPolicy = {
    name: "s3-bucket-public-access-blocked",
    description:
        "Checks that every S3 bucket has a public access block (its own, or the account's) with all four settings true.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const all = (r: { props: Record<string, unknown> }) => SETTINGS.every((k) => isTrue(r.props[k]));
        // An account-wide block with all four settings covers every bucket of the account.
        if (args.resources.some((r) => isOneOf(r.type, T.accountPublicAccessBlock) && all(r))) return;
        const blocks = ofType(args.resources, T.bucketPublicAccessBlock);
        for (const bucket of ofType(args.resources, T.bucket)) {
            const mine = configuring(blocks, bucket, ofType(args.resources, T.bucket));
            if (mine.length === 0) {
                report(
                    `bucket ${bucket.name} must have a public access block with ${SETTINGS.join(", ")} true; found none`,
                    bucket.urn,
                );
            } else if (!mine.some(all)) {
                const off = SETTINGS.filter((k) => !mine.some((b) => isTrue(b.props[k])));
                report(
                    `bucket ${bucket.name} must have a public access block with ${SETTINGS.join(", ")} true; found ${off.join(", ")} not true`,
                    bucket.urn,
                );
            }
        }
    },
};
