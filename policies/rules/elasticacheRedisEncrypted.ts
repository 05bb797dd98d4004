import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const elasticacheRedisEncrypted: ResourceValidationPolicy = {
    name: "elasticache-redis-encrypted",
    description: "Checks that Redis replication groups encrypt in transit and at rest and require an AUTH token.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (isOneOf(args.type, T.cacheCluster) && (args.props.engine ?? "redis") === "redis" && !args.props.replicationGroupId) {
            report("Redis must run as a replication group with encryption; found a standalone cache cluster");
            return;
        }
        if (!isOneOf(args.type, T.replicationGroup)) return;
        const p = args.props;
        if (p.transitEncryptionEnabled !== true) report(`transitEncryptionEnabled must be true; found ${show(p.transitEncryptionEnabled)}`);
        if (p.transitEncryptionMode !== undefined && p.transitEncryptionMode !== "required") report(`transitEncryptionMode must be required; found ${show(p.transitEncryptionMode)}`);
        if (p.atRestEncryptionEnabled !== true && p.atRestEncryptionEnabled !== "true") report(`atRestEncryptionEnabled must be true; found ${show(p.atRestEncryptionEnabled)}`);
        if (!p.authToken && !(p.userGroupIds?.length > 0)) report("an AUTH token (authToken) or RBAC user group must be set; found neither");
    },
};
