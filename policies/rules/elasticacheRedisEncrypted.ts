import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const elasticacheRedisEncrypted: ResourceValidationPolicy = {
    name: "elasticache-redis-encrypted",
    description:
        "Checks that Redis and Valkey run as replication groups that encrypt in transit and at rest and require an AUTH token.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        // A standalone Redis or Valkey cache cluster cannot encrypt at all (only replication groups can).
        if (
            isOneOf(args.type, T.cacheCluster) &&
            ["redis", "valkey"].includes(args.props.engine ?? "redis") &&
            !args.props.replicationGroupId
        ) {
            report("Redis must run as a replication group with encryption; found a standalone cache cluster");
            return;
        }
        if (!isOneOf(args.type, T.replicationGroup)) return;
        const p = args.props;
        if (p.transitEncryptionEnabled !== true)
            report(`transitEncryptionEnabled must be true; found ${show(p.transitEncryptionEnabled)}`);
        if (p.transitEncryptionMode !== undefined && p.transitEncryptionMode !== "required")
            report(`transitEncryptionMode must be required; found ${show(p.transitEncryptionMode)}`);
        if (p.atRestEncryptionEnabled !== true && p.atRestEncryptionEnabled !== "true")
            report(`atRestEncryptionEnabled must be true; found ${show(p.atRestEncryptionEnabled)}`);
        if (!p.authToken && !(p.userGroupIds?.length > 0))
            report("an AUTH token (authToken) or RBAC user group must be set; found neither");
    },
};
