import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf, WatchedMetric, watchedMetrics } from "../lib/alarms";
import { elements, peek, peekPath, UNKNOWN } from "../lib/known";
import { dependencies } from "../lib/shapes";
import { show, T } from "../lib/types";
import { cached, inListOrder, ofType } from "../lib/stackIndex";

interface Config {
    requiredPaths: string[];
    pathsVariable: string;
    maxScheduleMinutes: number;
    failureMetricNames: string[];
    minSuccessPercent: number;
    maxFailureDatapoints: number;
    maxLatencyThresholdMs: number;
    maxLatencyDatapoints: number;
    maxPeriodSeconds: number;
}

const STOPPED = ["STOPPED", "STOPPING", "ERROR"];

/** Minutes between runs of `rate(N unit)`; undefined for cron or anything else. 0 means "run once". */
function rateMinutes(expression: unknown): number | undefined {
    const m =
        typeof expression === "string"
            ? /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(expression.trim())
            : null;
    return m ? Number(m[1]) * (m[2].startsWith("hour") ? 60 : 1) : undefined;
}

/** The canary's own problems: stopped, missing paths, too rare a schedule. */
function canaryProblems(canary: PolicyResource, c: Config): string[] {
    const problems: string[] = [];
    const start = peek(canary.props, "startCanary");
    if (start !== UNKNOWN && start !== true)
        problems.push(`must run (startCanary true); found ${show(start)}`);
    const status = peek(canary.props, "status");
    if (typeof status === "string" && STOPPED.includes(status))
        problems.push(`must be running; AWS reports status ${status}`);
    const paths = peekPath(canary.props, "runConfig", "environmentVariables", c.pathsVariable);
    if (paths !== UNKNOWN) {
        const checked = typeof paths === "string" ? paths.split(",").map((p) => p.trim()) : [];
        const missing = c.requiredPaths.filter((p) => !checked.includes(p));
        if (missing.length > 0)
            problems.push(
                `must check ${show(c.requiredPaths)} (${c.pathsVariable}); missing ${show(missing)}`,
            );
    }
    const expression = peekPath(canary.props, "schedule", "expression");
    const minutes = rateMinutes(expression);
    // rate(0 minutes) runs the canary once, then never again.
    if (
        expression !== UNKNOWN &&
        minutes !== undefined &&
        (minutes === 0 || minutes > c.maxScheduleMinutes)
    ) {
        problems.push(
            `must run at least every ${c.maxScheduleMinutes} minutes; found schedule ${show(expression)}`,
        );
    }
    return problems;
}

/**
 * Each alarm's metrics, read once, and the alarms that may be on a canary: those with its
 * name as a known CanaryName, and those depending on it (how a preview links them). A
 * superset, so that the check per canary reads a few alarms instead of every alarm of the
 * stack (quadratic in a stack with many canaries).
 */
function alarmIndex(alarms: PolicyResource[]): {
    metricsOf: Map<PolicyResource, WatchedMetric[]>;
    candidates: (canary: PolicyResource, name: unknown) => PolicyResource[];
} {
    const metricsOf = new Map(alarms.map((a) => [a, watchedMetrics(a)]));
    const byName = new Map<unknown, PolicyResource[]>();
    const byDependency = new Map<PolicyResource, PolicyResource[]>();
    for (const [alarm, metrics] of metricsOf) {
        for (const m of metrics) {
            const dim = m.dimensions === UNKNOWN ? UNKNOWN : m.dimensions.CanaryName;
            if (dim !== UNKNOWN && dim !== undefined) cached(byName, dim, () => []).push(alarm);
            for (const d of [...dependencies(alarm, "dimensions"), ...m.dependsOn])
                cached(byDependency, d, () => []).push(alarm);
        }
    }
    const candidates = (canary: PolicyResource, name: unknown) =>
        inListOrder(alarms, [
            ...(name === UNKNOWN ? [] : (byName.get(name) ?? [])),
            ...(byDependency.get(canary) ?? []),
        ]);
    return { metricsOf, candidates };
}

/** How many periods must breach before the alarm fires. */
function datapoints(alarm: PolicyResource): unknown {
    const d = peek(alarm.props, "datapointsToAlarm");
    return d === undefined || d === null ? peek(alarm.props, "evaluationPeriods") : d;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** Why an alarm is looser than the config allows (or mute), as messages. */
function alarmProblems(alarm: PolicyResource, failure: boolean, c: Config): string[] {
    const p = alarm.props;
    const problems: string[] = [];
    const actions = peek(p, "alarmActions");
    if (actions !== UNKNOWN && elements(actions).length === 0)
        problems.push("must notify someone (alarmActions); found none");
    if (peek(p, "actionsEnabled") === false) problems.push("must have actionsEnabled true; found false");
    const threshold = peek(p, "threshold");
    const operator = peek(p, "comparisonOperator");
    const points = datapoints(alarm);
    const period = peek(p, "period");
    if (num(period) !== undefined && num(period)! > c.maxPeriodSeconds)
        problems.push(`must use a period of at most ${c.maxPeriodSeconds} s; found ${show(period)}`);
    if (failure) {
        if (
            threshold !== UNKNOWN &&
            (num(threshold) === undefined ||
                num(threshold)! < c.minSuccessPercent ||
                !String(operator).startsWith("LessThan"))
        ) {
            problems.push(
                `must fire when success drops below ${c.minSuccessPercent} % (LessThanThreshold ${c.minSuccessPercent}); found ${show(operator)} ${show(threshold)}`,
            );
        }
        if (points !== UNKNOWN && (num(points) === undefined || num(points)! > c.maxFailureDatapoints))
            problems.push(
                `must fire after at most ${c.maxFailureDatapoints} failed periods; found ${show(points)}`,
            );
    } else {
        if (
            threshold !== UNKNOWN &&
            (num(threshold) === undefined ||
                num(threshold)! > c.maxLatencyThresholdMs ||
                !String(operator).startsWith("GreaterThan"))
        ) {
            problems.push(
                `must fire above at most ${c.maxLatencyThresholdMs} ms (GreaterThanThreshold); found ${show(operator)} ${show(threshold)}`,
            );
        }
        if (points !== UNKNOWN && (num(points) === undefined || num(points)! > c.maxLatencyDatapoints))
            problems.push(
                `must fire after at most ${c.maxLatencyDatapoints} slow periods; found ${show(points)}`,
            );
    }
    return problems;
}

export const endpointCanaryWatched: StackValidationPolicy = {
    name: "endpoint-canary-watched",
    description:
        "Checks that a stack with a CloudFront distribution has an endpoint canary that runs, on a schedule, over the configured paths, and that each canary has a failure alarm and latency alarms with actions and no looser than the configured thresholds (latency alarms are any other alarm on the canary's metrics, whatever the metric's name).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // The team's acceptance checks (phase 3 report): /, /health and /system-health.
            requiredPaths: {
                type: "array",
                items: { type: "string" },
                default: ["/", "/health", "/system-health"],
            },
            pathsVariable: { type: "string", default: "CHECK_PATHS" },
            maxScheduleMinutes: { type: "integer", minimum: 1, default: 60 },
            failureMetricNames: { type: "array", items: { type: "string" }, default: ["SuccessPercent"] },
            minSuccessPercent: { type: "number", minimum: 0, maximum: 100, default: 100 },
            maxFailureDatapoints: { type: "integer", minimum: 1, default: 3 },
            // The team's 250 ms limit.
            maxLatencyThresholdMs: { type: "number", minimum: 1, default: 250 },
            // "Several runs in a row", never an hour of silence at a 20-minute schedule times more.
            maxLatencyDatapoints: { type: "integer", minimum: 1, default: 5 },
            maxPeriodSeconds: { type: "integer", minimum: 10, default: 3600 },
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<Config>();
        const canaries = ofType(args.resources, T.canary);
        if (canaries.length === 0 && ofType(args.resources, T.distribution).length > 0) {
            report(
                `the stack must have an endpoint canary checking ${show(c.requiredPaths)} through CloudFront; found none`,
            );
        }
        const { metricsOf, candidates } = alarmIndex(alarmsOf(args.resources));
        for (const canary of canaries) {
            for (const p of canaryProblems(canary, c)) report(`canary ${canary.name} ${p}`, canary.urn);
            const name = peek(canary.props, "name");
            // An alarm on this canary: its CanaryName dimension, or (a preview) a dependency on it.
            const mine = candidates(canary, name)
                .map((alarm) => ({
                    alarm,
                    metrics: metricsOf.get(alarm)!.filter((m) => {
                        const dim = m.dimensions === UNKNOWN ? UNKNOWN : m.dimensions.CanaryName;
                        if (dim === UNKNOWN || name === UNKNOWN)
                            return (
                                dependencies(alarm, "dimensions").includes(canary) ||
                                m.dependsOn.includes(canary)
                            );
                        return dim !== undefined && dim === name;
                    }),
                }))
                .filter((x) => x.metrics.length > 0);
            const failures = mine.filter((x) =>
                x.metrics.some((m) => c.failureMetricNames.includes(m.metricName ?? "")),
            );
            const latencies = mine.filter((x) => !failures.includes(x));
            if (failures.length === 0)
                report(
                    `canary ${canary.name} must have an alarm on ${c.failureMetricNames.join(" or ")}; found none`,
                    canary.urn,
                );
            if (latencies.length === 0)
                report(
                    `canary ${canary.name} must have a latency alarm (any other metric of the canary); found none`,
                    canary.urn,
                );
            for (const { alarm } of failures)
                for (const p of alarmProblems(alarm, true, c))
                    report(`failure alarm ${alarm.name} of canary ${canary.name} ${p}`, alarm.urn);
            for (const { alarm } of latencies)
                for (const p of alarmProblems(alarm, false, c))
                    report(`latency alarm ${alarm.name} of canary ${canary.name} ${p}`, alarm.urn);
        }
    },
};
