import { StackValidationPolicy } from "@pulumi/policy";
import { configures } from "../lib/buckets";
import { isTrue } from "../lib/shapes";
import { isOneOf, T } from "../lib/types";

const SETTINGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3BucketPublicAccessBlocked: StackValidationPolicy = {
    name: "s3-bucket-public-access-blocked",
    description: "Checks that every S3 bucket has a public access block (its own, or the account's) with all four settings true.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const all = (r: { props: Record<string, any> }) => SETTINGS.every((k) => isTrue(r.props[k]));
        // An account-wide block with all four settings covers every bucket of the account.
        if (args.resources.some((r) => isOneOf(r.type, T.accountPublicAccessBlock) && all(r))) return;
        const blocks = args.resources.filter((r) => isOneOf(r.type, T.bucketPublicAccessBlock));
        for (const bucket of args.resources.filter((r) => isOneOf(r.type, T.bucket))) {
            const mine = blocks.filter((b) => configures(b, bucket));
            if (mine.length === 0) {
                report(`bucket ${bucket.name} must have a public access block with ${SETTINGS.join(", ")} true; found none`, bucket.urn);
            } else if (!mine.some(all)) {
                const off = SETTINGS.filter((k) => !mine.some((b) => isTrue(b.props[k])));
                report(`bucket ${bucket.name} must have a public access block with ${SETTINGS.join(", ")} true; found ${off.join(", ")} not true`, bucket.urn);
            }
        }
    },
};
