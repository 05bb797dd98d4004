/**
 * Stack shapes. `chatmrpt:shape` selects one; every key it sets can still be
 * overridden by the stack's own config. Values are strings, as Pulumi config
 * stores them, so a preset and a stack file go through the same validation.
 */

/** The shapes a stack can select with `chatmrpt:shape`. */
export const SHAPES = ["prod"] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * The one production environment, sized from the operations team's notes
 * (`shared/context`): 2 × t3.large app instances, 10 app workers, Redis shared
 * by both, responses under 250 ms, about $260/month.
 */
const prod: Record<string, string> = {
    environment: "prod",
    vpcCidr: "10.20.0.0/16",
    instanceType: "t3.large",
    minSize: "2",
    desiredCapacity: "2",
    maxSize: "4",
    appPort: "8000",
    appWorkers: "10",
    healthCheckPath: "/health",
    healthCheckGracePeriodSeconds: "300",
    rootVolumeSizeGiB: "30",
    // Unlimited credits, and the CPU target at t3.large's 30 % baseline: the group adds an
    // instance before it buys surplus credits ($0.05/vCPU-hour), so the plan's surplus is $0
    // until the group is at maxSize (a 60 % target would cost ~$44/month for two instances).
    cpuCredits: "unlimited",
    cpuTargetPercent: "30",
    // Seconds a worker spends on a typical chat answer (mostly waiting on the LLM API):
    // 10 workers × 60 / 10 s × 70 % = 42 requests per instance per minute.
    typicalAnswerSeconds: "10",
    // Timeouts along a request, in the order they must hold: CloudFront read 60 ≤ ALB idle
    // 120 < gunicorn keep-alive 125; gunicorn worker timeout 75 ≥ 60; drain 60 (≥ 60, ≤ 120).
    originReadTimeoutSeconds: "60",
    albIdleTimeoutSeconds: "120",
    appKeepAliveSeconds: "125",
    appWorkerTimeoutSeconds: "75",
    deregistrationDelaySeconds: "60",
    // ALB cookie stickiness for a day while uploads live on instance disks.
    stickinessSeconds: "86400",
    // Two cache.t3.small nodes cost about the $50/month the team budgets for Redis.
    redisNodeType: "cache.t3.small",
    redisNodes: "2",
    // Old prod runs Redis OSS; valkey is the cheaper alternative the plan prices beside it.
    redisEngine: "redis",
    redisSnapshotRetentionDays: "7",
    redisSnapshotWindow: "03:00-04:00",
    redisMaintenanceWindow: "sun:05:00-sun:06:00",
    // Monitoring thresholds (see components/monitoring.ts for what each guards).
    alarmElb5xxCount: "10",
    alarmTarget5xxCount: "10",
    // The team's 250 ms is for /, /health and /system-health (checked through CloudFront by a
    // canary); chat answers come from an LLM and get their own p90 limit.
    endpointLatencyLimitMs: "250",
    chatLatencyP90Ms: "15000",
    alarmWafBlockedRequests: "100",
    alarmRejectedConnectionCount: "1",
    alarmAsgCpuPercent: "80",
    alarmRedisCpuPercent: "90",
    alarmRedisMemoryPercent: "80",
    alarmRedisConnections: "500",
    alarmRedisReplicationLagSeconds: "30",
    alarmCloudFront5xxRatePercent: "5",
    alarmCloudFrontErrorRatePercent: "15",
    // Backups and storage.
    backupRetentionDays: "35",
    backupSchedule: "cron(0 4 ? * * *)",
    uploadsNoncurrentVersionDays: "30",
    accessLogRetentionDays: "90",
    // Protection and observability (issue 13): WAF starts counting, not blocking.
    wafMode: "count",
    hstsIncludeSubdomains: "false",
    endpointCheckIntervalMinutes: "20",
    logRetentionDays: "30",
    restoreTestSchedule: "cron(0 8 ? * 1#1 *)",
    // The team's target after consolidation.
    monthlyBudgetUsd: "260",
};

export const PRESETS: Record<Shape, Record<string, string>> = { prod };
