import { StackValidationPolicy } from "@pulumi/policy";
import { objects } from "../lib/known";
import { dependencies, known } from "../lib/shapes";
import { isOneOf, label, T } from "../lib/types";
import { ofType, pointedAt, pointingAt } from "../lib/stackIndex";

/**
 * AWS gives every new VPC a default security group that admits all traffic from its own
 * members and all egress, and puts anything launched without groups in it. A preview
 * cannot see its rules (the group is not a resource of the stack), so the stack must
 * adopt it as an aws.ec2.DefaultSecurityGroup, which strips every rule it does not declare.
 */
export const vpcDefaultSecurityGroupClosed: StackValidationPolicy = {
    name: "vpc-default-security-group-closed",
    description:
        "Checks that every VPC the stack creates adopts its default security group with no ingress or egress rules, and that no rule is added to it.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const defaults = ofType(args.resources, T.defaultSecurityGroup);
        const vpcs = ofType(args.resources, T.vpc);
        for (const vpc of vpcs) {
            if (pointingAt(defaults, "vpcId", vpc, vpcs, ["id"]).length === 0) {
                report(
                    `VPC ${vpc.name} must adopt its default security group as an aws.ec2.DefaultSecurityGroup with no rules (AWS creates it admitting its members and all egress); found none`,
                    vpc.urn,
                );
            }
        }
        for (const d of defaults) {
            const counts = (["ingress", "egress"] as const).map((dir) => {
                const rules = known(() => d.props[dir]);
                return rules === undefined
                    ? dependencies(d, dir).length > 0
                        ? "some"
                        : "0"
                    : String(objects(rules).length);
            });
            if (counts.some((c) => c !== "0")) {
                report(
                    `default security group ${d.name} must have no ingress or egress rules; found ${counts[0]} ingress and ${counts[1]} egress`,
                    d.urn,
                );
            }
        }
        const ruleTypes = [...T.ingressRule, ...T.egressRule, ...T.legacyRule];
        for (const rule of args.resources.filter((r) => isOneOf(r.type, ruleTypes))) {
            const target = pointedAt(rule, "securityGroupId", defaults, ["id"])[0];
            if (target)
                report(
                    `${label(rule)} must not add a rule to the default security group ${target.name}; found one`,
                    rule.urn,
                );
        }
    },
};
