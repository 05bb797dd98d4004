import { ResourceValidationPolicy } from "@pulumi/policy";
import { objects } from "../lib/known";
import { isTrue, record } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

export const ebsVolumesEncrypted: ResourceValidationPolicy = {
    name: "ebs-volumes-encrypted",
    description:
        "Checks that every EBS volume declared by launch templates, launch configurations, instances, spot requests, spot fleets and volume resources is encrypted.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const p = args.props;
        const each = (devices: Record<string, unknown>[]) => {
            for (const d of devices)
                if (!isTrue(d.encrypted))
                    report(
                        `volume ${show(d.deviceName)} must be encrypted; found encrypted ${show(d.encrypted)}`,
                    );
        };
        if (isOneOf(args.type, T.volume)) {
            if (!isTrue(p.encrypted)) report(`encrypted must be true; found ${show(p.encrypted)}`);
        } else if (isOneOf(args.type, T.launchTemplate)) {
            const ebs = objects(p.blockDeviceMappings).filter((m) => m.ebs !== undefined && m.ebs !== null);
            if (ebs.length === 0)
                report(
                    "blockDeviceMappings must declare the root volume with encrypted true; found no EBS mapping (the AMI's unencrypted default would apply)",
                );
            for (const m of ebs)
                if (!isTrue(record(m.ebs).encrypted))
                    report(
                        `volume ${show(m.deviceName)} must be encrypted; found encrypted ${show(record(m.ebs).encrypted)}`,
                    );
        } else if (
            isOneOf(args.type, T.instance) ||
            isOneOf(args.type, T.launchConfiguration) ||
            isOneOf(args.type, T.spotInstanceRequest)
        ) {
            const root = record(p.rootBlockDevice);
            if (!isTrue(root.encrypted))
                report(`rootBlockDevice.encrypted must be true; found ${show(root.encrypted)}`);
            each(objects(p.ebsBlockDevices));
        } else if (isOneOf(args.type, T.spotFleetRequest)) {
            objects(p.launchSpecifications).forEach((spec, i) => {
                const roots = objects(spec.rootBlockDevices);
                if (roots.length === 0 || roots.some((r) => !isTrue(r.encrypted))) {
                    report(
                        `launch specification ${i} must declare its root volume with encrypted true; found ${show(roots.map((r) => r.encrypted ?? null))}`,
                    );
                }
                each(objects(spec.ebsBlockDevices));
            });
        }
    },
};
