/** ElastiCache: node-hours by engine and node type, the other engine as an alternative, snapshots. */
import { UNKNOWN } from "../../engine/mockRuntime";
import { Pricer, round } from "../context";
import { interAzLine, zonesOf } from "./interAz";
import { RegionPrices } from "../types";

/** Where each ElastiCache engine's node prices are in a region's price list. */
const ELASTICACHE_PRICE_KEYS: Record<
    string,
    "elasticacheHourlyByNodeType" | "elasticacheValkeyHourlyByNodeType"
> = {
    redis: "elasticacheHourlyByNodeType",
    valkey: "elasticacheValkeyHourlyByNodeType",
} satisfies Record<string, keyof RegionPrices>;

const replicationGroup: Pricer = (r, ctx) => {
    const p = r.inputs;
    const hours = ctx.hours;
    const nodes = (p.numCacheClusters ?? 1) as number;
    const engine = (p.engine ?? "redis") as string; // the provider's default engine is redis
    const nodePrice = (e: string): number | undefined =>
        ctx.regional(r, ELASTICACHE_PRICE_KEYS[e])?.[p.nodeType];
    const hourly = ELASTICACHE_PRICE_KEYS[engine] === undefined ? undefined : nodePrice(engine);
    if (hourly === undefined) {
        ctx.missing(r, `no ElastiCache ${engine} price for ${String(p.nodeType)} in ${r.region}`);
        return;
    }
    ctx.line(r, `ElastiCache ${engine} ${p.nodeType} × ${nodes}`, nodes * hours, "node-hours", hourly);
    for (const other of Object.keys(ELASTICACHE_PRICE_KEYS).filter((e) => e !== engine)) {
        const otherHourly = nodePrice(other);
        if (otherHourly === undefined) continue;
        const now = round(nodes * hours * hourly);
        const then = round(nodes * hours * otherHourly);
        ctx.alternatives.push({
            resource: r.name,
            choice: `engine ${other} instead of ${engine} (chatmrpt:redisEngine)`,
            monthlyUsd: then,
            deltaUsd: round(then - now),
        });
    }
    primaryAcrossZones(r, ctx);
    if ((p.snapshotRetentionLimit ?? 0) > 0)
        ctx.line(
            r,
            "snapshot storage beyond the free one",
            ctx.usage.redisBackupStorageGb,
            "GB-months",
            ctx.regional(r, "elasticacheBackupGbMonth"),
        );
};

/**
 * The app reaches the primary from every instance: those in another AZ pay inter-AZ data
 * transfer. The primary is in the first preferred AZ, else in one of its subnet group's AZs.
 */
const primaryAcrossZones: Pricer = (r, ctx) => {
    const p = r.inputs;
    const group = ctx.records.find(
        (x) =>
            x.type === "aws:elasticache/subnetGroup:SubnetGroup" &&
            ((p.subnetGroupName !== undefined &&
                p.subnetGroupName !== UNKNOWN &&
                (x.outputs.name ?? x.inputs.name) === p.subnetGroupName) ||
                (r.propertyDependencies.subnetGroupName ?? []).includes(x.urn)),
    );
    const preferred = (p.preferredCacheClusterAzs ?? []) as string[];
    const zones =
        preferred.length > 0 ? [preferred[0]] : group ? zonesOf(ctx, group, "subnetIds") : undefined;
    if (ctx.usage.redisTrafficGb === undefined) {
        ctx.missing(
            r,
            "no usage for the app's traffic with Redis (redisTrafficGb): inter-AZ data transfer unpriced",
        );
        return;
    }
    interAzLine(ctx, r, "the Redis primary", ctx.usage.redisTrafficGb, zones);
};

export const CACHE_PRICERS: Record<string, Pricer> = {
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
};
