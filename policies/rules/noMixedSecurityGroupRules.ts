import { StackValidationPolicy } from "@pulumi/policy";
import { collectRules } from "../lib/securityGroups";
import { T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

export const noMixedSecurityGroupRules: StackValidationPolicy = {
    name: "no-mixed-security-group-rules",
    description:
        "Checks that no security group has both inline rules and separate rule resources (they overwrite each other on every update).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const rules = collectRules(args.resources);
        for (const sg of ofType(args.resources, T.securityGroup)) {
            const inline = rules.filter((r) => r.inline && r.group?.urn === sg.urn).length;
            const separate = rules
                .filter((r) => !r.inline && r.group?.urn === sg.urn)
                .map((r) => r.declaredBy.name);
            if (inline > 0 && separate.length > 0) {
                report(
                    `security group ${sg.name} must declare rules either inline or as rule resources, not both; found ${inline} inline and ${separate.join(", ")}`,
                    sg.urn,
                );
            }
        }
    },
};
