import { StackValidationPolicy } from "@pulumi/policy";
import { appTierMembers, referenceGroupSet } from "../lib/appTier";
import { label, show } from "../lib/types";

export const appTierSingleSecurityGroupSet: StackValidationPolicy = {
    name: "app-tier-single-security-group-set",
    description: "Checks that every launch template, instance and Auto Scaling group of the app tier uses the identical security-group set.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const members = appTierMembers(args.resources);
        const reference = referenceGroupSet(members);
        for (const m of members) {
            if (m.groups.length === 0) {
                report(`${label(m.resource)} must attach the app tier's security groups ${show(reference)}; found none (the VPC default group would apply)`, m.resource.urn);
            } else if (JSON.stringify(m.groups) !== JSON.stringify(reference)) {
                report(`${label(m.resource)} must use the app tier's security-group set ${show(reference)}; found ${show(m.groups)}`, m.resource.urn);
            }
        }
    },
};
