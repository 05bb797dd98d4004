import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const redisSnapshotsRetained: ResourceValidationPolicy = {
    name: "redis-snapshots-retained",
    description: "Checks that Redis keeps daily snapshots for at least the configured days and takes a final snapshot on delete.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } } },
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.replicationGroup)) return;
        const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
        const retention = args.props.snapshotRetentionLimit ?? 0;
        if (retention < minRetentionDays) report(`snapshotRetentionLimit must be at least ${minRetentionDays} days; found ${show(args.props.snapshotRetentionLimit)}`);
        if (!args.props.finalSnapshotIdentifier) report("finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset");
    },
};
