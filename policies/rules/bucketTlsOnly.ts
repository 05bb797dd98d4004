import { StackValidationPolicy } from "@pulumi/policy";
import { configures } from "../lib/buckets";
import { isOneOf, T } from "../lib/types";

/** True when a policy document denies every request made without TLS. */
export function deniesInsecureTransport(document: unknown): boolean {
    const doc = typeof document === "string" ? JSON.parse(document) : document;
    const statements = ([] as any[]).concat(doc?.Statement ?? []);
    return statements.some((s) => {
        const actions = ([] as string[]).concat(s.Action ?? []);
        const principalAll = s.Principal === "*" || s.Principal?.AWS === "*";
        return s.Effect === "Deny" && principalAll && actions.some((a) => a === "s3:*" || a === "*") &&
            String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false";
    });
}

export const bucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description: "Checks that every S3 bucket has a bucket policy denying requests not made over TLS.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const policies = args.resources.filter((r) => isOneOf(r.type, T.bucketPolicy));
        for (const bucket of args.resources.filter((r) => isOneOf(r.type, T.bucket))) {
            const mine = policies.filter((p) => configures(p, bucket));
            const inline = bucket.props.policy ? [bucket.props.policy] : [];
            if (![...inline, ...mine.map((p) => p.props.policy)].some(deniesInsecureTransport)) {
                report(`bucket ${bucket.name} must have a policy denying requests where aws:SecureTransport is false; found ${mine.length + inline.length === 0 ? "no bucket policy" : "a policy without that statement"}`, bucket.urn);
            }
        }
    },
};
