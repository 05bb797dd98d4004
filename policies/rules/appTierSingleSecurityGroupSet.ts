import { StackValidationPolicy } from "@pulumi/policy";
import { appTierMembers, referenceGroupSet } from "../lib/appTier";
import { dependencies, known } from "../lib/shapes";
import { isOneOf, label, show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

export const appTierSingleSecurityGroupSet: StackValidationPolicy = {
    name: "app-tier-single-security-group-set",
    description:
        "Checks that every launch template, launch configuration, instance, spot request, fleet, network interface and Auto Scaling group of the app tier uses the identical security-group set.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const members = appTierMembers(args.resources);
        const reference = referenceGroupSet(members);
        for (const m of members) {
            if (m.groups.length === 0) {
                report(
                    `${label(m.resource)} must attach the app tier's security groups ${show(reference)}; found none (the VPC default group would apply)`,
                    m.resource.urn,
                );
            } else if (JSON.stringify(m.groups) !== JSON.stringify(reference)) {
                report(
                    `${label(m.resource)} must use the app tier's security-group set ${show(reference)}; found ${show(m.groups)}`,
                    m.resource.urn,
                );
            }
        }
        // A group attached to an interface one at a time changes an instance's set behind its template's back.
        for (const a of ofType(args.resources, T.networkInterfaceSgAttachment)) {
            const group =
                dependencies(a, "securityGroupId").find((d) => isOneOf(d.type, T.securityGroup))?.name ??
                known(() => a.props.securityGroupId);
            report(
                `${label(a)} must not add security groups to an interface one at a time (set them on the launch template: ${show(reference)}); found ${show(group)}`,
                a.urn,
            );
        }
    },
};
