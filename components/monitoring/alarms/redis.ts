import { AlarmInputs, AlarmSpec } from "../args";

/** vCPUs of an ElastiCache node by its size (t3/t4g micro-medium and *.large have 2). */
export const CACHE_NODE_VCPUS_BY_SIZE: Readonly<Record<string, number>> = {
    micro: 2,
    small: 2,
    medium: 2,
    large: 2,
    xlarge: 4,
    "2xlarge": 8,
    "4xlarge": 16,
    "8xlarge": 32,
    "12xlarge": 48,
    "16xlarge": 64,
    "24xlarge": 96,
};

/** vCPUs of an ElastiCache node, by size (see {@link CACHE_NODE_VCPUS_BY_SIZE}). */
export function cacheNodeVcpus(nodeType: string): number {
    const size = nodeType.split(".")[2] ?? "";
    const bySize = CACHE_NODE_VCPUS_BY_SIZE;
    const vcpus = bySize[size];
    if (vcpus === undefined)
        throw new Error(
            `redisNodeType (${nodeType}) has an unknown size; known: ${Object.keys(bySize).join(", ")}`,
        );
    return vcpus;
}

/** Each Redis node's alarms: CPU, memory, evictions, connections and (with replicas) replication lag. */
export function redisAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    const specs: AlarmSpec[] = [];
    // AWS: on nodes with 2 vCPUs or fewer watch host CPU at 90 % ÷ vCPUs (Redis is
    // single-threaded); on larger nodes watch EngineCPUUtilization.
    const vcpus = cacheNodeVcpus(a.redisNodeType);
    const smallNode = vcpus <= 2;
    a.redisClusterIds.forEach((clusterId, i) => {
        const node = `redis-${String(i + 1).padStart(3, "0")}`;
        const dims = { CacheClusterId: clusterId };
        const fiveMinutes = { periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2 };
        specs.push(
            // Nodes publish every minute: silence means the node is gone.
            smallNode
                ? {
                      id: `${node}-cpu`,
                      description: `Redis node ${i + 1} CPU above ${t.redisCpuPercent} % of one of its ${vcpus} vCPUs`,
                      namespace: "AWS/ElastiCache",
                      metricName: "CPUUtilization",
                      dimensions: dims,
                      statistic: "Average",
                      comparisonOperator: "GreaterThanThreshold",
                      threshold: Math.round((t.redisCpuPercent / vcpus) * 100) / 100,
                      ...fiveMinutes,
                      treatMissingData: "breaching",
                  }
                : {
                      id: `${node}-engine-cpu`,
                      description: `Redis node ${i + 1} engine CPU above ${t.redisCpuPercent} %`,
                      namespace: "AWS/ElastiCache",
                      metricName: "EngineCPUUtilization",
                      dimensions: dims,
                      statistic: "Average",
                      comparisonOperator: "GreaterThanThreshold",
                      threshold: t.redisCpuPercent,
                      ...fiveMinutes,
                      treatMissingData: "breaching",
                  },
            {
                id: `${node}-memory`,
                description: `Redis node ${i + 1} memory above ${t.redisMemoryPercent} %`,
                namespace: "AWS/ElastiCache",
                metricName: "DatabaseMemoryUsagePercentage",
                dimensions: dims,
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisMemoryPercent,
                ...fiveMinutes,
                treatMissingData: "breaching",
            },
            // One eviction is one user logged out.
            {
                id: `${node}-evictions`,
                description: `Redis node ${i + 1} evicted keys (sessions lost)`,
                namespace: "AWS/ElastiCache",
                metricName: "Evictions",
                dimensions: dims,
                statistic: "Sum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                periodSeconds: 300,
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                treatMissingData: "notBreaching",
            },
            {
                id: `${node}-connections`,
                description: `Redis node ${i + 1} has more than ${t.redisConnections} connections`,
                namespace: "AWS/ElastiCache",
                metricName: "CurrConnections",
                dimensions: dims,
                statistic: "Maximum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisConnections,
                ...fiveMinutes,
                treatMissingData: "breaching",
            },
        );
        if (a.redisClusterIds.length > 1) {
            // Only replicas publish ReplicationLag, and which node is the replica changes on failover.
            specs.push({
                id: `${node}-replication-lag`,
                description: `Redis node ${i + 1} replica lags more than ${t.redisReplicationLagSeconds} s`,
                namespace: "AWS/ElastiCache",
                metricName: "ReplicationLag",
                dimensions: dims,
                statistic: "Maximum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisReplicationLagSeconds,
                ...fiveMinutes,
                treatMissingData: "notBreaching",
            });
        }
    });

    return specs;
}
