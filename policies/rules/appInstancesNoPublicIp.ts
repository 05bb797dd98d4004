import { ResourceValidationPolicy } from "@pulumi/policy";
import { objects } from "../lib/known";
import { known, setOrUnknown } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

export const appInstancesNoPublicIp: ResourceValidationPolicy = {
    name: "app-instances-no-public-ip",
    description:
        "Checks that app instances explicitly get no public IP (launch templates and configurations, instances, spot requests and fleets) and that no Elastic IP is attached to an instance or interface.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const p = args.props;
        if (isOneOf(args.type, T.launchTemplate)) {
            const interfaces = objects(p.networkInterfaces);
            if (interfaces.length === 0) {
                report(
                    "networkInterfaces must set associatePublicIpAddress false; found no interface (the subnet's default would apply)",
                );
            }
            for (const ni of interfaces) {
                if (ni.associatePublicIpAddress !== "false" && ni.associatePublicIpAddress !== false) {
                    report(
                        `network interface ${show(ni.deviceIndex ?? 0)} must set associatePublicIpAddress false; found ${show(ni.associatePublicIpAddress)}`,
                    );
                }
            }
        } else if (
            isOneOf(args.type, T.instance) ||
            isOneOf(args.type, T.launchConfiguration) ||
            isOneOf(args.type, T.spotInstanceRequest)
        ) {
            if (p.associatePublicIpAddress !== false)
                report(`associatePublicIpAddress must be false; found ${show(p.associatePublicIpAddress)}`);
        } else if (isOneOf(args.type, T.spotFleetRequest)) {
            objects(p.launchSpecifications).forEach((spec, i) => {
                if (spec.associatePublicIpAddress !== false)
                    report(
                        `launch specification ${i} must set associatePublicIpAddress false; found ${show(spec.associatePublicIpAddress)}`,
                    );
            });
        } else if (isOneOf(args.type, T.eip) || isOneOf(args.type, T.eipAssociation)) {
            // Decided from inputs: in a preview the instance's ID is unknown, but that it is set is known.
            const targets = isOneOf(args.type, T.eip)
                ? ["instance", "networkInterface"]
                : ["instanceId", "networkInterfaceId"];
            for (const property of targets.filter((t) => setOrUnknown(() => p[t]))) {
                const value = known(() => p[property]);
                report(
                    `an Elastic IP must not be attached to an instance or network interface (app instances get no public IP); found ${property} ${show(value ?? "(known after apply)")}`,
                );
            }
        }
    },
};
