/** The monitoring section: who is paged, the alarm thresholds, and how long logs are kept. */
import { Reader } from "./reader";
import { AlarmThresholds } from "./types";

export function readAlertEmails(r: Reader): string[] {
    return r.list("alertEmails");
}

export function readLogRetentionDays(r: Reader): number {
    const value = r.string("logRetentionDays");
    return value === undefined ? NaN : Number(value);
}

export function readAlarms(r: Reader): AlarmThresholds {
    return {
        elb5xxCount: r.int("alarmElb5xxCount"),
        target5xxCount: r.int("alarmTarget5xxCount"),
        chatLatencyP90Ms: r.int("chatLatencyP90Ms"),
        endpointLatencyMs: r.int("endpointLatencyLimitMs"),
        wafBlockedRequests: r.int("alarmWafBlockedRequests"),
        rejectedConnectionCount: r.int("alarmRejectedConnectionCount"),
        asgCpuPercent: r.int("alarmAsgCpuPercent"),
        redisCpuPercent: r.int("alarmRedisCpuPercent"),
        redisMemoryPercent: r.int("alarmRedisMemoryPercent"),
        redisConnections: r.int("alarmRedisConnections"),
        redisReplicationLagSeconds: r.int("alarmRedisReplicationLagSeconds"),
        cloudFront5xxRatePercent: r.number("alarmCloudFront5xxRatePercent"),
        cloudFrontErrorRatePercent: r.number("alarmCloudFrontErrorRatePercent"),
    };
}
