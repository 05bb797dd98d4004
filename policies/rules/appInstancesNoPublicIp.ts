import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const appInstancesNoPublicIp: ResourceValidationPolicy = {
    name: "app-instances-no-public-ip",
    description: "Checks that app instances explicitly get no public IP (launch templates and instances).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const p = args.props;
        if (isOneOf(args.type, T.launchTemplate)) {
            const interfaces = (p.networkInterfaces ?? []) as any[];
            if (interfaces.length === 0) {
                report("networkInterfaces must set associatePublicIpAddress false; found no interface (the subnet's default would apply)");
            }
            for (const ni of interfaces) {
                if (ni.associatePublicIpAddress !== "false" && ni.associatePublicIpAddress !== false) {
                    report(`network interface ${show(ni.deviceIndex ?? 0)} must set associatePublicIpAddress false; found ${show(ni.associatePublicIpAddress)}`);
                }
            }
        } else if (isOneOf(args.type, T.instance) || isOneOf(args.type, T.launchConfiguration)) {
            if (p.associatePublicIpAddress !== false) report(`associatePublicIpAddress must be false; found ${show(p.associatePublicIpAddress)}`);
        }
    },
};
