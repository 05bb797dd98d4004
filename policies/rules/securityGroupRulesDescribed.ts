import { StackValidationPolicy } from "@pulumi/policy";
import { collectRules } from "../lib/securityGroups";
import { show } from "../lib/types";

export const securityGroupRulesDescribed: StackValidationPolicy = {
    name: "security-group-rules-described",
    description: "Checks that every security group rule has a description saying what it is for.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const rule of collectRules(args.resources)) {
            if (typeof rule.description !== "string" || rule.description.trim() === "") {
                const where = rule.inline
                    ? `inline ${rule.direction} rule ${show(rule.fromPort)}-${show(rule.toPort)} of ${rule.declaredBy.name}`
                    : `rule ${rule.declaredBy.name}`;
                report(
                    `${where} must have a description; found ${show(rule.description)}`,
                    rule.declaredBy.urn,
                );
            }
        }
    },
};
