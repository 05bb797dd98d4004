import { PolicyResource } from "@pulumi/policy";
import { objects, peek, UNKNOWN } from "./known";
import { parseJson, record, strings } from "./shapes";
import { T } from "./types";
import { ofType, pointingAt, referencedBy } from "./stackIndex";

/** A policy document attached to a role: known (parsed), or unknown until apply with what it was built from. */
export interface RoleDocument {
    readonly source: PolicyResource;
    /** The parsed document; undefined when a preview does not know it yet. */
    readonly document?: unknown;
    /** The resources the document was built from (property dependencies), for an unknown one. */
    readonly builtFrom: PolicyResource[];
}

/** `*` and `?` of an IAM pattern as a regular expression. */
export function iamLike(pattern: string, value: string): boolean {
    const re = pattern
        .split("")
        .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${re}$`, "i").test(value);
}

/** The Allow statements of a document. */
export function allowStatements(document: unknown): Record<string, any>[] {
    const doc = record(parseJson(document));
    const statements = Array.isArray(doc.Statement) ? objects(doc.Statement) : objects([doc.Statement]);
    return statements.filter((s) => s.Effect === "Allow");
}

const list = (v: unknown): string[] => (typeof v === "string" ? [v] : strings(v));

/** True when some Allow statement grants `action` on a resource matching `resourceTail` (what follows the ARN's account field). */
export function grants(
    document: unknown,
    action: string,
    matchesResource: (resource: string) => boolean,
): boolean {
    return allowStatements(document).some(
        (s) => list(s.Action).some((a) => iamLike(a, action)) && list(s.Resource).some(matchesResource),
    );
}

/**
 * Every document that applies to a role: its inline policies, role policies pointing at it,
 * and managed policies of the stack attached to it. AWS managed attachments are returned by ARN.
 */
export function roleDocuments(
    role: PolicyResource,
    resources: PolicyResource[],
): { documents: RoleDocument[]; managedArns: string[] } {
    const roles = ofType(resources, T.iamRole);
    const documents: RoleDocument[] = [];
    const inline = peek(role.props, "inlinePolicies");
    for (const p of inline === UNKNOWN ? [] : objects(inline)) {
        const doc = peek(p, "policy");
        documents.push({ source: role, document: doc === UNKNOWN ? undefined : doc, builtFrom: [] });
    }
    for (const rp of pointingAt(ofType(resources, ["aws:iam/rolePolicy:RolePolicy"]), "role", role, roles, [
        "name",
        "id",
        "arn",
    ])) {
        const doc = peek(rp.props, "policy");
        documents.push({
            source: rp,
            document: doc === UNKNOWN ? undefined : doc,
            builtFrom: rp.propertyDependencies.policy ?? [],
        });
    }
    const managedArns: string[] = [];
    const policies = ofType(resources, ["aws:iam/policy:Policy"]);
    for (const at of pointingAt(
        ofType(resources, ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"]),
        "role",
        role,
        roles,
        ["name", "id", "arn"],
    )) {
        const arn = peek(at.props, "policyArn");
        if (typeof arn === "string") managedArns.push(arn);
        for (const policy of referencedBy(at, "policyArn", policies, ["arn"])) {
            const doc = peek(policy.props, "policy");
            documents.push({
                source: policy,
                document: doc === UNKNOWN ? undefined : doc,
                builtFrom: policy.propertyDependencies.policy ?? [],
            });
        }
    }
    const own = peek(role.props, "managedPolicyArns");
    if (own !== UNKNOWN) managedArns.push(...strings(own));
    return { documents, managedArns };
}
