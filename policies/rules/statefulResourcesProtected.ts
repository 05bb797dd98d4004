import { StackValidationPolicy } from "@pulumi/policy";
import { dataBuckets } from "../lib/buckets";
import { isOneOf, label, T } from "../lib/types";

export const statefulResourcesProtected: StackValidationPolicy = {
    name: "stateful-resources-protected",
    description:
        "Checks that stateful resources (Redis, data buckets, backup vaults) are protected from deletion.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const stateful = [
            ...args.resources.filter(
                (r) => isOneOf(r.type, T.replicationGroup) || isOneOf(r.type, T.backupVault),
            ),
            ...dataBuckets(args.resources),
        ];
        for (const r of stateful) {
            if (!r.opts.protect)
                report(
                    `${label(r)} holds data and must be created with protect: true; found protect: false`,
                    r.urn,
                );
            if (isOneOf(r.type, T.bucket) && r.props.forceDestroy === true)
                report(`${label(r)} must not set forceDestroy: true`, r.urn);
        }
    },
};
