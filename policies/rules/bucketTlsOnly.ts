import { StackValidationPolicy } from "@pulumi/policy";
import { configuring } from "../lib/buckets";
import { peek, UNKNOWN } from "../lib/known";
import { T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

/** True when a policy document denies every request made without TLS. */
export function deniesInsecureTransport(document: unknown): boolean {
    if (document === UNKNOWN) return false;
    let doc: any;
    try {
        doc = typeof document === "string" ? JSON.parse(document) : document;
    } catch {
        return false; // not JSON: AWS would reject it, and it denies nothing
    }
    const statements = ([] as any[])
        .concat(doc?.Statement ?? [])
        .filter((s) => s !== null && typeof s === "object");
    return statements.some((s) => {
        const actions = ([] as string[]).concat(s.Action ?? []);
        const principalAll = s.Principal === "*" || s.Principal?.AWS === "*";
        return (
            s.Effect === "Deny" &&
            principalAll &&
            actions.some((a) => a === "s3:*" || a === "*") &&
            String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false"
        );
    });
}

export const bucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description: "Checks that every S3 bucket has a bucket policy denying requests not made over TLS.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const policies = ofType(args.resources, T.bucketPolicy);
        for (const bucket of ofType(args.resources, T.bucket)) {
            const mine = configuring(policies, bucket, ofType(args.resources, T.bucket));
            const inlinePolicy = peek(bucket.props, "policy");
            const inline = inlinePolicy && inlinePolicy !== UNKNOWN ? [inlinePolicy] : [];
            const documents = [...inline, ...mine.map((p) => peek(p.props, "policy"))];
            if (documents.some(deniesInsecureTransport)) continue;
            // A document built from an output AWS computes (the bucket's ARN) is unknown in a preview: it cannot be checked, so it does not pass.
            if (documents.includes(UNKNOWN)) {
                report(
                    `bucket ${bucket.name} must have a policy denying requests where aws:SecureTransport is false; found a policy document unknown until apply (build it from the bucket name, known at preview, so it can be checked)`,
                    bucket.urn,
                );
                continue;
            }
            report(
                `bucket ${bucket.name} must have a policy denying requests where aws:SecureTransport is false; found ${mine.length + inline.length === 0 ? "no bucket policy" : "a policy without that statement"}`,
                bucket.urn,
            );
        }
    },
};
