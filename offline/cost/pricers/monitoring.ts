/** CloudWatch: alarms (explicit and target tracking's), dashboards, the endpoint canary, log groups. */
import { Pricer } from "../context";
import { awsCronRuns } from "../schedule";

/** Minutes between runs of a `rate(N minutes)` schedule, or undefined for anything else. */
export function rateMinutes(expression: string): number | undefined {
    const m = /^rate\((\d+) minutes?\)$/.exec(expression);
    return m ? Number(m[1]) : undefined;
}

const metricAlarm: Pricer = (r, ctx) => {
    const price = ctx.regional(r, "cloudwatchAlarmMonth");
    if (price === undefined) {
        ctx.missing(r, `no CloudWatch alarm price in ${r.region}`);
        return;
    }
    // The price is a standard-resolution alarm on one metric; the others bill per alarm metric,
    // at other rates (and outside the free ten), so they are listed rather than mispriced.
    const p = r.inputs;
    if (
        Number(p.period ?? 60) < 60 ||
        (p.metricQueries ?? []).length > 0 ||
        p.thresholdMetricId !== undefined
    ) {
        ctx.missing(
            r,
            "high-resolution, metric-math and anomaly-detection alarms bill per alarm metric at other rates: not priced",
        );
        return;
    }
    // The first N alarms of the account are free; charge those after them.
    const inAllowance = ctx.alarms.indexOf(r) < ctx.prices.alwaysFreeTier.cloudwatchAlarms;
    ctx.line(
        r,
        inAllowance ? "alarm (always-free allowance)" : "alarm",
        1,
        "alarm-months",
        inAllowance ? 0 : price,
    );
};

const dashboard: Pricer = (r, ctx) => {
    const freeOne = ctx.dashboards.indexOf(r) < ctx.prices.alwaysFreeTier.cloudwatchDashboards;
    ctx.line(
        r,
        freeOne ? "dashboard (always-free allowance)" : "dashboard",
        1,
        "dashboard-months",
        freeOne ? 0 : ctx.regional(r, "cloudwatchDashboardMonth"),
    );
};

const scalingPolicy: Pricer = (r, ctx) => {
    const p = r.inputs;
    if (p.policyType !== "TargetTrackingScaling") {
        ctx.markFree(r);
        return;
    }
    // Target tracking creates its own CloudWatch alarms: one to scale out, one to scale in.
    const count = p.targetTrackingConfiguration?.disableScaleIn ? 1 : 2;
    const freeHere = Math.min(ctx.alarmsFreeLeft, count);
    ctx.alarmsFreeLeft -= freeHere;
    ctx.line(
        r,
        `alarms target tracking creates (${count}, ${freeHere} in the always-free allowance)`,
        count - freeHere,
        "alarm-months",
        ctx.regional(r, "cloudwatchAlarmMonth"),
    );
};

/** Runs a month of a canary schedule: `rate(N minutes)` or an AWS cron expression. */
function canaryRuns(expression: string, hours: number): number | string {
    if (expression.startsWith("cron(")) {
        const runs = awsCronRuns(expression);
        return "problem" in runs ? runs.problem : runs.runsPerMonth;
    }
    const minutes = rateMinutes(expression);
    if (minutes === undefined || minutes === 0) return `cannot count runs of schedule ${expression}`;
    return Math.ceil((hours * 60) / minutes);
}

const canary: Pricer = (r, ctx) => {
    const p = r.inputs;
    const expression = String(p.schedule?.expression);
    const runs = canaryRuns(expression, ctx.hours);
    const runPrice = ctx.regional(r, "syntheticsCanaryRun");
    if (typeof runs === "string") {
        ctx.missing(r, runs);
        return;
    }
    if (runPrice === undefined) {
        ctx.missing(r, `no CloudWatch Synthetics price in ${r.region}`);
        return;
    }
    const minutes = rateMinutes(expression);
    // The always-free 100 runs a month are account-wide: the first canary takes them.
    const freeRuns = Math.min(runs, ctx.canaryRunsFreeLeft);
    ctx.canaryRunsFreeLeft -= freeRuns;
    ctx.line(
        r,
        `canary runs (${minutes ? `every ${minutes} min` : expression}; ${+freeRuns.toFixed(2)} in the always-free allowance)`,
        runs - freeRuns,
        "runs",
        runPrice,
    );
    const gbSeconds = runs * (ctx.usage.canaryRunSeconds ?? NaN) * ((p.runConfig?.memoryInMb ?? 1000) / 1024);
    const lambdaPrice = ctx.regional(r, "lambdaGbSecond");
    if (!Number.isFinite(gbSeconds) || lambdaPrice === undefined) {
        ctx.missing(r, "no canary run time (canaryRunSeconds) or Lambda price");
        return;
    }
    // The always-free GB-seconds are account-wide: the first canary takes them.
    const freeGbs = Math.min(gbSeconds, ctx.lambdaFreeGbSecondsLeft);
    ctx.lambdaFreeGbSecondsLeft -= freeGbs;
    ctx.line(
        r,
        `canary Lambda (${Math.round(gbSeconds)} GB-s, ${Math.round(freeGbs)} in the always-free allowance)`,
        gbSeconds - freeGbs,
        "GB-seconds",
        lambdaPrice,
    );
    publishedMetrics(r, ctx, runs);
    lambdaLogs(r, ctx, runs);
};

/**
 * The canary's Lambda writes each run's log to a log group it creates itself
 * (/aws/lambda/cwsyn-…), outside the stack and with no retention: its ingestion after the
 * account's free 5 GB, and its storage, which grows each month (a year's worth at steady
 * state, half of it on average in the first year).
 */
function lambdaLogs(r: Parameters<Pricer>[0], ctx: Parameters<Pricer>[1], runs: number): void {
    const kb = ctx.usage.canaryRunLogKb;
    const ingest = ctx.regional(r, "cloudwatchLogsIngestGbStandard");
    if (kb === undefined) {
        ctx.missing(r, "no usage for the canary's Lambda logs (canaryRunLogKb)");
        return;
    }
    const gb = (runs * kb) / 1024 / 1024;
    const free = Math.min(
        gb,
        Math.max(0, (ctx.prices.alwaysFreeTier.cloudwatchLogsGb ?? 0) - ctx.logsFreeUsed),
    );
    ctx.logsFreeUsed += gb;
    ctx.line(
        r,
        `canary Lambda logs ingested (${+gb.toFixed(3)} GB, ${+free.toFixed(3)} GB free)`,
        gb - free,
        "GB",
        ingest,
    );
    ctx.line(
        r,
        `canary Lambda logs stored (its log group never expires: +${+gb.toFixed(3)} GB a month; a year's worth)`,
        gb * 12,
        "GB-months",
        ctx.regional(r, "cloudwatchLogsStorageGbMonth"),
        gb * 6.5,
    );
}

/**
 * The metrics a canary run publishes, billed as custom metrics after the account's
 * always-free ones: the Synthetics library's per canary, per step (one step per checked
 * path) and across all canaries (once for the stack), plus the script's own CHECK_METRIC per
 * step; and the PutMetricData calls, the script's one a run and, assumed, the library's one.
 */
function publishedMetrics(r: Parameters<Pricer>[0], ctx: Parameters<Pricer>[1], runs: number): void {
    const env = r.inputs.runConfig?.environmentVariables ?? {};
    const steps = String(env.CHECK_PATHS ?? "")
        .split(",")
        .filter((p) => p !== "").length;
    const u = ctx.usage;
    if (
        u.canaryMetricsPerCanary === undefined ||
        u.canaryMetricsPerStep === undefined ||
        u.canaryMetricsAcrossCanaries === undefined
    ) {
        ctx.missing(
            r,
            "no usage for the metrics the Synthetics library publishes (canaryMetricsPerCanary, canaryMetricsPerStep, canaryMetricsAcrossCanaries)",
        );
        return;
    }
    const own = typeof env.CHECK_METRIC === "string" ? steps : 0;
    const across = ctx.canaryAggregatesSeen ? 0 : u.canaryMetricsAcrossCanaries;
    ctx.canaryAggregatesSeen = true;
    const metrics = u.canaryMetricsPerCanary + u.canaryMetricsPerStep * steps + across + own;
    const free = Math.min(metrics, ctx.customMetricsFreeLeft);
    ctx.customMetricsFreeLeft -= free;
    ctx.line(
        r,
        `custom metrics (${metrics}: Synthetics ${u.canaryMetricsPerCanary} per canary + ${u.canaryMetricsPerStep} × ${steps} steps + ${across} across canaries${own > 0 ? ` + ${own} ${env.CHECK_METRIC}` : ""}; ${free} in the always-free allowance)`,
        metrics - free,
        "metric-months",
        ctx.regional(r, "cloudwatchCustomMetricMonth"),
    );
    const calls = runs * (own > 0 ? 2 : 1);
    const freeCalls = Math.min(calls, ctx.prices.alwaysFreeTier.cloudwatchApiRequests ?? 0);
    ctx.line(
        r,
        `PutMetricData calls (${calls}: ${own > 0 ? "the script's and " : ""}the library's a run; ${freeCalls} in the always-free allowance)`,
        (calls - freeCalls) / 1000,
        "thousand requests",
        ctx.regional(r, "cloudwatchApiRequestsPer1000"),
    );
}

const logGroup: Pricer = (r, ctx) => {
    const p = r.inputs;
    const kind =
        String(p.name ?? "")
            .split("/")
            .pop() ?? "";
    const u = ctx.usage.logGroups?.[kind];
    const ia = p.logGroupClass === "INFREQUENT_ACCESS";
    const ingest = ctx.regional(
        r,
        ia ? "cloudwatchLogsIngestGbInfrequentAccess" : "cloudwatchLogsIngestGbStandard",
    );
    if (!u) {
        ctx.missing(r, `no usage assumption for log group ${kind || "(unnamed)"} (logGroups.${kind})`);
        return;
    }
    if (ingest === undefined || ctx.regional(r, "cloudwatchLogsStorageGbMonth") === undefined) {
        ctx.missing(r, `no CloudWatch Logs price in ${r.region}`);
        return;
    }
    // The always-free 5 GB (Standard class) is account-wide: taken by the log groups in order.
    const free = ia ? 0 : Math.max(0, (ctx.prices.alwaysFreeTier.cloudwatchLogsGb ?? 0) - ctx.logsFreeUsed);
    const paidIngest = Math.max(0, u.ingestedGb - free);
    ctx.logsFreeUsed += ia ? 0 : u.ingestedGb;
    ctx.line(
        r,
        `CloudWatch Logs ingestion (${kind}, ${u.ingestedGb} GB${free > 0 ? `, ${+free.toFixed(2)} GB free` : ""})`,
        paidIngest,
        "GB",
        ingest,
    );
    ctx.line(
        r,
        `CloudWatch Logs storage (${kind}, ${p.retentionInDays ?? "never expire"} days)`,
        u.storedGb,
        "GB-months",
        ctx.regional(r, "cloudwatchLogsStorageGbMonth"),
    );
};

export const MONITORING_PRICERS: Record<string, Pricer> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
    "aws:cloudwatch/dashboard:Dashboard": dashboard,
    "aws:autoscaling/policy:Policy": scalingPolicy,
    "aws:synthetics/canary:Canary": canary,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
};
