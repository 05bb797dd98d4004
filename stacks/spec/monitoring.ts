/** The config spec's keys of one section (stacks/configSpec.ts): Monitoring and logs (see components/monitoring/ for what each threshold guards). */
import { LOG_RETENTION_DAYS } from "../../components/appLogs";
import * as v from "../validate";
import { int, IntDef, KeyDef, prod } from "./keySpec";

const alarm = (min: number, max: number, def: string, meaning: string, arg: string): IntDef =>
    int(min, max, def, meaning, [`monitoring.thresholds.${arg}`]);

export const MONITORING_KEYS = {
    alertEmails: {
        kind: "list",
        check: v.checkEmail,
        allowed: "email addresses",
        defaultText: "[]",
        meaning:
            "Who is paged: email subscriptions to the alert topics (confirm each from its inbox). `pulumi up` refuses none or a placeholder (example.org, .test, …).",
    },
    alarmElb5xxCount: alarm(1, 100000, "10", "ALB 5xx per minute (3 of 5 minutes).", "elb5xxCount"),
    alarmTarget5xxCount: alarm(1, 100000, "10", "Target 5xx per minute (3 of 5 minutes).", "target5xxCount"),
    // The team's 250 ms is for /, /health and /system-health (checked through CloudFront by a
    // canary); chat answers come from an LLM and get their own p90 limit.
    endpointLatencyLimitMs: alarm(
        10,
        60000,
        "250",
        "The limit for /, /health and /system-health, checked through CloudFront by the canary.",
        "endpointLatencyMs",
    ),
    // LLM answers take seconds; CloudFront gives up on the origin at 60 s.
    chatLatencyP90Ms: alarm(
        1000,
        60000,
        "15000",
        "The p90 TargetResponseTime limit over all ALB requests (chat answers take seconds).",
        "chatLatencyP90Ms",
    ),
    alarmWafBlockedRequests: alarm(
        1,
        1000000,
        "100",
        "WAF-blocked requests per 5 minutes.",
        "wafBlockedRequests",
    ),
    alarmRejectedConnectionCount: alarm(
        1,
        100000,
        "1",
        "ALB rejected connections per minute.",
        "rejectedConnectionCount",
    ),
    alarmAsgCpuPercent: alarm(1, 100, "80", "The app instances' average CPU.", "asgCpuPercent"),
    alarmRedisCpuPercent: alarm(
        1,
        100,
        "90",
        "Redis CPU per node (divided by vCPUs on nodes of 2 or fewer).",
        "redisCpuPercent",
    ),
    alarmRedisMemoryPercent: alarm(1, 100, "80", "Redis memory per node.", "redisMemoryPercent"),
    alarmRedisConnections: alarm(1, 65000, "500", "Redis connections per node.", "redisConnections"),
    alarmRedisReplicationLagSeconds: alarm(
        1,
        3600,
        "30",
        "Redis replication lag.",
        "redisReplicationLagSeconds",
    ),
    alarmCloudFront5xxRatePercent: {
        kind: "number",
        min: 0.1,
        max: 100,
        default: prod("5"),
        meaning: "CloudFront's 5xx rate (us-east-1).",
        args: ["monitoring.thresholds.cloudFront5xxRatePercent"],
    },
    alarmCloudFrontErrorRatePercent: {
        kind: "number",
        min: 0.1,
        max: 100,
        default: prod("15"),
        meaning: "CloudFront's total error rate (us-east-1).",
        args: ["monitoring.thresholds.cloudFrontErrorRatePercent"],
    },
    logRetentionDays: {
        kind: "enum",
        values: LOG_RETENTION_DAYS.map(String),
        default: prod("30"),
        note: "CloudWatch Logs retention values",
        meaning: "CloudWatch Logs retention of app and system logs.",
    },
} as const satisfies Record<string, KeyDef>;
