import { ResourceValidationPolicy } from "@pulumi/policy";
import { objects, peek } from "../lib/known";
import { parseJson, record } from "../lib/shapes";
import { isOneOf, T } from "../lib/types";

/** Text that is a credential by its shape, whatever it is called. */
const SECRET_SHAPES: [string, RegExp][] = [
    ["an AWS access key ID", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
    ["a private key", /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/],
];

/** Names that say a value is a secret. */
const SECRET_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;

/** Values that fetch a secret at run time rather than contain it. */
function isReference(value: string): boolean {
    const v = value.trim();
    return (
        v === "" ||
        /^\$[({]/.test(v) ||
        /^["']?\$[({]/.test(v) ||
        /\{\{resolve:(ssm|ssm-secure|secretsmanager):/.test(v) ||
        /^arn:aws[a-z-]*:(ssm|secretsmanager|kms):/.test(v) ||
        /^(ssm|secretsmanager):/.test(v)
    );
}

/** The problems in a script or document: credential shapes, and `name=literal` assignments of secret names. */
export function secretsInText(text: string): string[] {
    const found = SECRET_SHAPES.filter(([, re]) => re.test(text)).map(([what]) => what);
    for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*("[^"\n]*"|'[^'\n]*'|[^\s;&|#]+)/g)) {
        const value = m[2].replace(/^["']|["']$/g, "");
        if (SECRET_NAME.test(m[1]) && !isReference(value)) found.push(`${m[1]} set to a literal`);
    }
    return [...new Set(found)];
}

/** User data as the instance receives it (launch templates take base64). */
function userData(type: string, p: Record<string, unknown>): string | undefined {
    // Unknown in a preview (built from outputs AWS computes): nothing typed into the program to check.
    const base64 = isOneOf(type, T.launchTemplate) ? peek(p, "userData") : peek(p, "userDataBase64");
    if (typeof base64 === "string") return Buffer.from(base64, "base64").toString("utf8");
    const plain = peek(p, "userData");
    return !isOneOf(type, T.launchTemplate) && typeof plain === "string" ? plain : undefined;
}

/** Name/value pairs a task definition or function puts in its environment. */
function environment(
    type: string,
    p: Record<string, unknown>,
): { where: string; name: string; value: unknown }[] {
    if (isOneOf(type, T.lambdaFunction)) {
        return Object.entries(record(record(p.environment).variables)).map(([name, value]) => ({
            where: "environment.variables",
            name,
            value,
        }));
    }
    return objects(parseJson(p.containerDefinitions)).flatMap((c) =>
        objects(c.environment).map((e) => ({
            where: `container ${String(c.name)} environment`,
            name: String(e.name),
            value: e.value,
        })),
    );
}

export const noPlaintextSecrets: ResourceValidationPolicy = {
    name: "no-plaintext-secrets",
    description:
        "Checks that user data, ECS task definitions and Lambda environments hold no literal credentials (access keys, private keys, password= or token= values), only references to SSM or Secrets Manager.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const p = args.props;
        const scripted = [
            ...T.launchTemplate,
            ...T.launchConfiguration,
            ...T.instance,
            ...T.spotInstanceRequest,
        ];
        if (isOneOf(args.type, scripted)) {
            const script = userData(args.type, p);
            const found = script === undefined ? [] : secretsInText(script);
            if (found.length > 0)
                report(
                    `user data must fetch secrets at boot (SSM Parameter Store or Secrets Manager), not contain them; found ${found.join(", ")}`,
                );
        } else if (isOneOf(args.type, T.taskDefinition) || isOneOf(args.type, T.lambdaFunction)) {
            for (const e of environment(args.type, p)) {
                if (typeof e.value !== "string") continue;
                const shapes = secretsInText(e.value).filter((f) => !f.endsWith("set to a literal"));
                if ((SECRET_NAME.test(e.name) && !isReference(e.value)) || shapes.length > 0) {
                    const how = isOneOf(args.type, T.taskDefinition)
                        ? "the container's secrets (valueFrom)"
                        : "a reference to SSM or Secrets Manager";
                    report(
                        `${e.where} ${e.name} must not hold a literal secret (use ${how}); found ${shapes.length > 0 ? shapes.join(", ") : "a literal value"}`,
                    );
                }
            }
        }
    },
};
