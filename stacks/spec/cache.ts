/** The config spec's keys of one section (stacks/configSpec.ts): Redis. */
import { CACHE_ENGINES, checkSnapshotName } from "../../components/cache";
import * as v from "../validate";
import { int, KeyDef, prod } from "./keySpec";

export const CACHE_KEYS = {
    // Two cache.t3.small nodes cost about the $50/month the team budgets for Redis.
    redisNodeType: {
        kind: "string",
        check: v.checkCacheNodeType,
        allowed: "an ElastiCache node type such as cache.t3.small",
        default: prod("cache.t3.small"),
        meaning: "The cache nodes' type.",
    },
    redisNodes: int(1, 6, "2", "Cache nodes (2 or more: Multi-AZ with automatic failover).", ["cache.nodes"]),
    // Old prod runs Redis OSS; valkey is the cheaper alternative the plan prices beside it.
    redisEngine: {
        kind: "enum",
        values: CACHE_ENGINES,
        default: prod("redis"),
        meaning: "The cache engine.",
        note: "Valkey is a drop-in for Redis OSS 7 at lower node prices",
        args: ["cache.engine"],
    },
    redisEngineVersion: {
        kind: "string",
        allowed: "redis: 6.0, 6.2, 7.0, 7.1; valkey: 7.2, 8.0, 8.1, 8.2",
        defaultText: "7.1 (8.0 for valkey)",
        meaning: "The engine version.",
        args: ["cache.engineVersion"],
    },
    redisSeedSnapshot: {
        kind: "string",
        check: checkSnapshotName,
        allowed: "an ElastiCache snapshot name (not its ARN)",
        defaultText: "none",
        meaning: "The snapshot the group is created from (read at creation only).",
        args: ["cache.seedSnapshotName"],
    },
    redisSnapshotRetentionDays: int(1, 35, "7", "Days automatic snapshots are kept.", [
        "cache.snapshotRetentionDays",
    ]),
    redisSnapshotWindow: {
        kind: "string",
        check: v.checkDailyWindow,
        allowed: "hh:mm-hh:mm UTC, 60 minutes or more",
        default: prod("03:00-04:00"),
        meaning: "The daily snapshot window; must not overlap the maintenance window.",
    },
    redisMaintenanceWindow: {
        kind: "string",
        check: v.checkWeeklyWindow,
        allowed: "ddd:hh:mm-ddd:hh:mm UTC, 60 minutes or more",
        default: prod("sun:05:00-sun:06:00"),
        meaning: "The weekly maintenance window.",
    },
    redisAuthToken: {
        kind: "secret",
        check: v.checkRedisAuthToken,
        allowed: "16-128 letters, digits and ! & # $ ^ < > -",
        meaning: "Redis's AUTH token (required secret); the app reads it from SSM.",
    },
} as const satisfies Record<string, KeyDef>;
