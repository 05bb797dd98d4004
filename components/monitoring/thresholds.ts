import { ArgProblem, throwIfArgProblems } from "../argProblems";
import { MonitoringThresholds } from "./args";

/** The thresholds documented on {@link MonitoringThresholds}. */
export const THRESHOLD_DEFAULTS: Required<MonitoringThresholds> = {
    elb5xxCount: 10,
    target5xxCount: 10,
    chatLatencyP90Ms: 15000,
    endpointLatencyMs: 250,
    wafBlockedRequests: 100,
    rejectedConnectionCount: 1,
    asgCpuPercent: 80,
    redisCpuPercent: 90,
    redisMemoryPercent: 80,
    redisConnections: 500,
    redisReplicationLagSeconds: 30,
    cloudFront5xxRatePercent: 5,
    cloudFrontErrorRatePercent: 15,
};

/** Throws on a threshold that cannot alarm (negative, or a percentage above 100). */
export function validateThresholds(t: Required<MonitoringThresholds>): void {
    throwIfArgProblems(thresholdProblems(t));
}

/** What {@link validateThresholds} refuses, as data (`thresholds.<name>`). */
export function thresholdProblems(t: Required<MonitoringThresholds>): ArgProblem[] {
    const problems: ArgProblem[] = [];
    for (const [key, value] of Object.entries(t)) {
        if (!Number.isFinite(value) || value <= 0)
            problems.push({ arg: `thresholds.${key}`, value, allowed: "must be a number > 0" });
        else if (key.endsWith("Percent") && value > 100)
            problems.push({ arg: `thresholds.${key}`, value, allowed: "must be at most 100" });
    }
    return problems;
}
