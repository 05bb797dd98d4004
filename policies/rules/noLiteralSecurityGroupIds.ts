import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { referencesVpcOriginGroup } from "../lib/edge";
import { collectRules, NormalizedRule, sgId } from "../lib/securityGroups";
import { known, knownCopy } from "../lib/shapes";
import { isOneOf, T } from "../lib/types";
import { ofType, withProp } from "../lib/stackIndex";

/** Properties that name security groups, per type; `networkInterfaces` is searched deeply. */
const SG_PROPERTIES: Record<string, string[]> = {
    "aws:ec2/launchTemplate:LaunchTemplate": ["vpcSecurityGroupIds", "networkInterfaces"],
    "aws:ec2/launchConfiguration:LaunchConfiguration": ["securityGroups"],
    "aws:ec2/instance:Instance": ["vpcSecurityGroupIds", "securityGroups"],
    "aws:lb/loadBalancer:LoadBalancer": ["securityGroups"],
    "aws:alb/loadBalancer:LoadBalancer": ["securityGroups"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["securityGroupIds"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        "securityGroupId",
        "referencedSecurityGroupId",
    ],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
        "securityGroupId",
        "referencedSecurityGroupId",
    ],
    "aws:ec2/securityGroupRule:SecurityGroupRule": ["securityGroupId", "sourceSecurityGroupId"],
    "aws:ec2/securityGroup:SecurityGroup": ["ingress", "egress"],
};

/** The properties by which a rule resource names its peer group. */
const PEER_PROPERTIES = ["referencedSecurityGroupId", "sourceSecurityGroupId"];

function sgIdsIn(value: unknown): string[] {
    if (typeof value === "string") return /^sg-[0-9a-f]+$/.test(value) ? [value] : [];
    if (Array.isArray(value)) return value.flatMap(sgIdsIn);
    if (value && typeof value === "object") return Object.values(value).flatMap(sgIdsIn);
    return [];
}

/** The sg-… IDs a group's own inline rules name. */
function inlineRuleIds(sg: PolicyResource, direction: string, rules: NormalizedRule[]): string[] {
    return rules
        .filter((r) => r.inline && r.group?.urn === sg.urn && r.direction === direction)
        .flatMap((r) => r.peerGroups.map((g) => (typeof g === "string" ? g : sgId(g))))
        .filter((id): id is string => id !== undefined && /^sg-[0-9a-f]+$/.test(id));
}

export const noLiteralSecurityGroupIds: StackValidationPolicy = {
    name: "no-literal-security-group-ids",
    description:
        "Checks that security group IDs come from security groups of this stack, not literal sg-… strings, unless declared as adopted or looked up after a CloudFront VPC origin.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { adoptedSecurityGroupIds: { type: "array", items: { type: "string" }, default: [] } },
    },
    validateStack: (args, report) => {
        const { adoptedSecurityGroupIds } = args.getConfig<{ adoptedSecurityGroupIds: string[] }>();
        const groups = ofType(args.resources, T.securityGroup);
        const rules = collectRules(args.resources);
        for (const r of args.resources) {
            for (const property of SG_PROPERTIES[r.type] ?? []) {
                const linked: PolicyResource[] = (r.propertyDependencies[property] ?? []).filter((d) =>
                    isOneOf(d.type, T.securityGroup),
                );
                // CloudFront's VPC-origin group is AWS's, found by name once the VPC origin exists; a rule
                // names it as referencedSecurityGroupId (aws:vpc) or sourceSecurityGroupId (the older aws:ec2 rule).
                const vpcOriginGroup = PEER_PROPERTIES.includes(property) && referencesVpcOriginGroup(r);
                // A group's own rules, not its raw output: after a refresh that also lists rule resources' rules.
                const ids = isOneOf(r.type, T.securityGroup)
                    ? inlineRuleIds(r, property, rules)
                    : sgIdsIn(knownCopy(known(() => r.props[property])));
                for (const id of ids) {
                    if (adoptedSecurityGroupIds.includes(id) || vpcOriginGroup) continue;
                    if (linked.some((g) => known(() => g.props.id) === id)) continue;
                    const copied = withProp(groups, "id", id).length > 0;
                    report(
                        `${r.name}.${property} must reference a security group resource (or list ${id} in adoptedSecurityGroupIds); found the literal ${id}${copied ? " (a copy of a stack group's ID)" : ""}`,
                        r.urn,
                    );
                }
            }
        }
    },
};
