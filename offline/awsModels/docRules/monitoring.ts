import { API, DocRule, text } from "./rule";

const RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** An alarm period: 10, 20, 30 or a multiple of 60 seconds. */
function alarmPeriod(value: unknown): string | undefined {
    const n = Number(value);
    return [10, 20, 30].includes(n) || (Number.isInteger(n) && n > 0 && n % 60 === 0)
        ? undefined
        : "10, 20, 30 or a multiple of 60";
}

const PERIOD_QUOTE = "Valid values are 10, 20, 30, and any multiple of 60.";

/** An alarm's evaluation range: period × evaluation periods. */
function alarmRange(period: unknown, inputs: Record<string, unknown>): string | undefined {
    const range = Number(period) * Number(inputs.evaluationPeriods ?? 1);
    const limit = Number(period) < 3600 ? 86400 : 604800;
    return range > limit ? `period × evaluationPeriods (${range} s) at most ${limit} s` : undefined;
}

/** A canary's run timeout: no longer than the time between runs (a rate schedule). */
function canaryTimeout(timeout: unknown, inputs: Record<string, unknown>): string | undefined {
    const expression = String((inputs.schedule as { expression?: unknown } | undefined)?.expression ?? "");
    const rate = /^rate\((\d+) (minute|minutes|hour)\)$/.exec(expression);
    if (rate === null || Number(rate[1]) === 0) return undefined;
    const every = Number(rate[1]) * (rate[2] === "hour" ? 3600 : 60);
    return Number(timeout) > every ? `at most the ${every} s between runs (${expression})` : undefined;
}

/** Documented limits of CloudWatch alarms and logs, Synthetics canaries and SNS topics. */
export const MONITORING_RULES: readonly DocRule[] = [
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "period",
        check: alarmPeriod,
        quote: PERIOD_QUOTE,
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "metricQueries[].metric.period",
        check: alarmPeriod,
        quote: PERIOD_QUOTE,
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "period",
        check: alarmRange,
        quote: "An alarm's total current evaluation period can be no longer than seven days, so Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of less than one hour (3,600 seconds), the total evaluation period can't be longer than one day (86,400 seconds).",
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        property: "runConfig.timeoutInSeconds",
        check: canaryTimeout,
        quote: "How long the canary is allowed to run before it must stop. You can't set this time to be longer than the frequency of the runs of this canary.",
        source: "https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryRunConfigInput.html",
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        property: "retentionInDays",
        check: (v) =>
            RETENTION_DAYS.includes(Number(v)) ? undefined : `one of ${RETENTION_DAYS.join(", ")}`,
        quote: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653.",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
    },
    {
        type: "aws:sns/topic:Topic",
        property: "name",
        check: text(/^[A-Za-z0-9_-]{1,256}$/, 256, "1 to 256 ASCII letters, digits, underscores or hyphens"),
        quote: "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.",
        source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
    },
    {
        type: "aws:cloudwatch/dashboard:Dashboard",
        property: "dashboardName",
        check: text(/^[A-Za-z0-9_-]+$/, 255, "only A-Z, a-z, 0-9, - and _"),
        quote: 'The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_".',
        source: API("AmazonCloudWatch", "PutDashboard"),
    },
];
