import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const redisSnapshotsRetained: ResourceValidationPolicy = {
    name: "redis-snapshots-retained",
    description:
        "Checks that Redis and Valkey (replication groups and standalone clusters) keep daily snapshots for at least the configured days and take a final snapshot on delete.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: { minRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } },
    },
    validateResource: (args, report) => {
        // Members of a replication group take its snapshot settings; a standalone Redis or Valkey node has its own.
        const standalone =
            isOneOf(args.type, T.cacheCluster) &&
            ["redis", "valkey"].includes(args.props.engine ?? "redis") &&
            !args.props.replicationGroupId;
        if (!isOneOf(args.type, T.replicationGroup) && !standalone) return;
        const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
        const retention =
            typeof args.props.snapshotRetentionLimit === "number" ? args.props.snapshotRetentionLimit : 0;
        if (retention < minRetentionDays)
            report(
                `snapshotRetentionLimit must be at least ${minRetentionDays} days; found ${show(args.props.snapshotRetentionLimit)}`,
            );
        if (
            typeof args.props.finalSnapshotIdentifier !== "string" ||
            args.props.finalSnapshotIdentifier === ""
        )
            report("finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset");
    },
};
