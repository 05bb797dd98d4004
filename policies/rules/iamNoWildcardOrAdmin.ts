import { ResourceValidationPolicy } from "@pulumi/policy";
import { objects, peek } from "../lib/known";
import { parseJson, record, strings } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

/**
 * AWS managed policies that grant a whole service or the account: admin, power user, and
 * every `…FullAccess` (AWS names them `AmazonS3FullAccess`, `AWSLambda_FullAccess`,
 * `CloudWatchFullAccessV2`, `AmazonDynamoDBFullAccess_v2`), matched case-insensitively.
 */
const BROAD_MANAGED =
    /^arn:aws[a-z-]*:iam::aws:policy\/(.*\/)?(AdministratorAccess[\w-]*|PowerUserAccess|[\w-]*FullAccess[\w-]*)$/i;

/** Resources that attach a list of managed policies (`policyArns`) to a role, user or group. */
const EXCLUSIVE_ATTACHMENTS = [
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

/**
 * Actions that AWS only authorises on Resource "*" (they name no resource), so a
 * wildcard resource there is not a widening. Extend in config as the app needs.
 */
export const DEFAULT_WILDCARD_RESOURCE_ACTIONS = [
    "cloudwatch:PutMetricData",
    "ec2:DescribeInstances",
    "ssm:DescribeParameters",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
];

const list = (v: unknown): string[] => (typeof v === "string" ? [v] : strings(v));

/** The wildcard problems of one policy document. */
export function wildcardProblems(document: unknown, allowedOnAnyResource: string[]): string[] {
    const doc = record(parseJson(document));
    const statements = Array.isArray(doc.Statement) ? objects(doc.Statement) : objects([doc.Statement]);
    const problems: string[] = [];
    statements.forEach((s, i) => {
        if (s.Effect !== "Allow") return;
        const sid = typeof s.Sid === "string" ? s.Sid : `#${i}`;
        const actions = list(s.Action);
        const wide = actions.filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
        if (wide.length > 0) problems.push(`statement ${sid} allows every action of ${show(wide)}`);
        if (s.NotAction !== undefined)
            problems.push(`statement ${sid} allows NotAction ${show(s.NotAction)} (everything else)`);
        const resources = list(s.Resource);
        if (resources.includes("*") && !actions.every((a) => allowedOnAnyResource.includes(a)))
            problems.push(`statement ${sid} allows ${show(actions)} on Resource "*"`);
        if (s.NotResource !== undefined)
            problems.push(`statement ${sid} allows NotResource ${show(s.NotResource)} (everything else)`);
    });
    return problems;
}

export const iamNoWildcardOrAdmin: ResourceValidationPolicy = {
    name: "iam-no-wildcard-or-admin",
    description:
        "Checks that IAM policies (managed, inline and role inline policies) allow no wildcard actions or resources and that no AWS managed admin, power-user or *FullAccess policy is attached.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            wildcardResourceActions: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_WILDCARD_RESOURCE_ACTIONS,
            },
            allowedManagedPolicyArns: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateResource: (args, report) => {
        const p = args.props;
        const { wildcardResourceActions, allowedManagedPolicyArns } = args.getConfig<{
            wildcardResourceActions: string[];
            allowedManagedPolicyArns: string[];
        }>();
        const documents: { where: string; doc: unknown }[] = [];
        const attached: string[] = [];
        if (isOneOf(args.type, T.iamInlinePolicy))
            documents.push({ where: "policy", doc: peek(p, "policy") });
        if (isOneOf(args.type, T.iamRole)) {
            for (const inline of objects(p.inlinePolicies))
                documents.push({ where: `inline policy ${show(inline.name)}`, doc: inline.policy });
            attached.push(...strings(p.managedPolicyArns));
        }
        if (isOneOf(args.type, T.iamPolicyAttachment) && typeof p.policyArn === "string")
            attached.push(p.policyArn);
        if (isOneOf(args.type, EXCLUSIVE_ATTACHMENTS)) attached.push(...strings(p.policyArns));
        for (const { where, doc } of documents) {
            const problems = wildcardProblems(doc, wildcardResourceActions);
            if (problems.length > 0)
                report(`${where} must name its actions and resources; found ${problems.join("; ")}`);
        }
        for (const arn of attached.filter(
            (a) => BROAD_MANAGED.test(a) && !allowedManagedPolicyArns.includes(a),
        )) {
            report(
                `AWS managed policies granting a whole service or the account must not be attached; found ${arn}`,
            );
        }
    },
};
