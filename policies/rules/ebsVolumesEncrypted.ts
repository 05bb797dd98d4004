import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

const yes = (v: unknown) => v === true || v === "true";

export const ebsVolumesEncrypted: ResourceValidationPolicy = {
    name: "ebs-volumes-encrypted",
    description: "Checks that every EBS volume declared by launch templates, instances and volume resources is encrypted.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const p = args.props;
        if (isOneOf(args.type, T.volume)) {
            if (!yes(p.encrypted)) report(`encrypted must be true; found ${show(p.encrypted)}`);
        } else if (isOneOf(args.type, T.launchTemplate)) {
            const ebs = ((p.blockDeviceMappings ?? []) as any[]).filter((m) => m.ebs !== undefined);
            if (ebs.length === 0) report("blockDeviceMappings must declare the root volume with encrypted true; found no EBS mapping (the AMI's unencrypted default would apply)");
            for (const m of ebs) if (!yes(m.ebs.encrypted)) report(`volume ${m.deviceName} must be encrypted; found encrypted ${show(m.ebs.encrypted)}`);
        } else if (isOneOf(args.type, T.instance)) {
            if (!yes(p.rootBlockDevice?.encrypted)) report(`rootBlockDevice.encrypted must be true; found ${show(p.rootBlockDevice?.encrypted)}`);
            for (const d of (p.ebsBlockDevices ?? []) as any[]) if (!yes(d.encrypted)) report(`volume ${d.deviceName} must be encrypted; found encrypted ${show(d.encrypted)}`);
        }
    },
};
