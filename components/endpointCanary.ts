import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "./secureBucket";

/** A supported Node.js runtime (AWS docs, "Runtime versions using Node.js and Puppeteer"; 13.1+ uses the @aws/ namespace). */
export const CANARY_RUNTIME = "syn-nodejs-puppeteer-15.0";
/** Where the runtime loads the handler from inside the code zip. */
const SCRIPT_FILE = "endpointCheck.js";
/** Where Synthetics writes each run's artifacts (artifactS3Location); only these expire. */
export const CANARY_ARTIFACTS_PREFIX = "runs/";
/** Where the canary's code lives: outside the artifacts prefix, so no lifecycle rule expires it. */
export const CANARY_CODE_KEY = "code/endpoint-check.zip";

/**
 * Arguments of {@link EndpointCanary}. The host another resource produces is a `pulumi.Input`;
 * the canary name, paths and interval are plain because they are validated (Synthetics' name
 * rules, one step per path) and written into the canary's script before anything is created.
 */
export interface EndpointCanaryArgs {
    /** Canary name: lowercase letters, digits, - and _, at most 21 characters (CloudWatch Synthetics). */
    readonly canaryName: string;
    /** Host the checks go to (the CloudFront distribution's domain). */
    readonly host: pulumi.Input<string>;
    /** Paths checked on each run, one step each. @default ["/", "/health", "/system-health"] */
    readonly paths?: string[];
    /** Minutes between runs (each run is billed). @default 15 */
    readonly intervalMinutes?: number;
    /** Days run artifacts are kept in their bucket. @default 14 */
    readonly artifactRetentionDays?: number;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * A CloudWatch Synthetics canary that GETs each path over HTTPS through CloudFront,
 * one step per path, so each path gets its own SuccessPercent and Duration metric
 * (namespace CloudWatchSynthetics, dimensions CanaryName and StepName), and its own
 * {@link TTFB_METRIC}, the server's time to first byte.
 */
export class EndpointCanary extends pulumi.ComponentResource {
    public readonly canaryName: string;
    public readonly paths: string[];
    /** Step names, in the order of `paths` (the StepName dimension). */
    public readonly stepNames: string[];
    /** The time-to-first-byte metric each step publishes (the latency alarms' metric). */
    public readonly latencyMetricName = TTFB_METRIC;
    public readonly intervalMinutes: number;
    public readonly artifactsBucketName: pulumi.Output<string>;

    constructor(name: string, args: EndpointCanaryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:monitoring:EndpointCanary", name, {}, opts);
        const paths = args.paths ?? ["/", "/health", "/system-health"];
        const intervalMinutes = args.intervalMinutes ?? 15;
        const retentionDays = args.artifactRetentionDays ?? 14;
        const tags = args.tags ?? {};
        validateEndpointCanaryArgs({ canaryName: args.canaryName, paths, intervalMinutes });
        const stepNames = paths.map(stepName);

        const artifacts = new SecureBucket(
            `${name}-artifacts`,
            {
                purpose: "canary-artifacts",
                // Versioned like every bucket the pack counts as data; old versions go after a day.
                versioned: true,
                noncurrentVersionExpirationDays: 1,
                expirationDays: retentionDays,
                expirationPrefix: CANARY_ARTIFACTS_PREFIX,
                tags,
            },
            { parent: this },
        );
        const code = new aws.s3.BucketObjectv2(
            `${name}-code`,
            {
                bucket: artifacts.bucketName,
                key: CANARY_CODE_KEY,
                source: new pulumi.asset.AssetArchive({
                    [`nodejs/node_modules/${SCRIPT_FILE}`]: new pulumi.asset.StringAsset(canaryScript()),
                }),
                tags,
            },
            { parent: this },
        );

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: "ChatMRPT endpoint canary",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "lambda.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.id,
                policy: canaryPolicy(artifacts.bucketArn, args.canaryName),
            },
            { parent: this },
        );

        new aws.synthetics.Canary(
            `${name}-canary`,
            {
                name: args.canaryName,
                runtimeVersion: CANARY_RUNTIME,
                handler: `${SCRIPT_FILE.replace(/\.js$/, "")}.handler`,
                s3Bucket: artifacts.bucketName,
                s3Key: code.key,
                s3Version: code.versionId,
                artifactS3Location: pulumi.interpolate`s3://${artifacts.bucketName}/${CANARY_ARTIFACTS_PREFIX}`,
                executionRoleArn: role.arn,
                schedule: { expression: `rate(${intervalMinutes} minutes)` },
                // Minimum memory is 960 MB; AWS advises a timeout of at least 15 s for cold starts.
                runConfig: {
                    timeoutInSeconds: 60,
                    memoryInMb: 960,
                    environmentVariables: {
                        CHECK_HOST: args.host,
                        CHECK_PATHS: paths.join(","),
                        CHECK_METRIC: TTFB_METRIC,
                    },
                },
                successRetentionPeriod: retentionDays,
                failureRetentionPeriod: retentionDays,
                startCanary: true,
                deleteLambda: true,
                tags,
            },
            { parent: this },
        );

        this.canaryName = args.canaryName;
        this.paths = paths;
        this.stepNames = stepNames;
        this.intervalMinutes = intervalMinutes;
        this.artifactsBucketName = artifacts.bucketName;
        this.registerOutputs({ artifactsBucketName: this.artifactsBucketName });
    }
}

/** The StepName of a path: `/` → `root`, `/system-health` → `system-health`. */
export function stepName(path: string): string {
    return path === "/" ? "root" : path.replace(/^\//, "").replace(/[^A-Za-z0-9_-]/g, "_");
}

/** Runs per month at an interval (for the cost model: 730 h × 60 ÷ interval). */
export function canaryRunsPerMonth(intervalMinutes: number, hoursPerMonth = 730): number {
    return Math.ceil((hoursPerMonth * 60) / intervalMinutes);
}

/**
 * Least privilege: its artifacts bucket, its own log groups, its own metric namespace. The
 * Synthetics docs' role also has s3:ListAllMyBuckets on "*", which only the console's bucket
 * picker uses; the pack refuses "*" resources, and the run does not need it.
 */
export function canaryPolicy(bucketArn: pulumi.Input<string>, canaryName: string): pulumi.Output<string> {
    return pulumi.all([bucketArn]).apply(([bucket]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "WriteArtifacts",
                    Effect: "Allow",
                    Action: ["s3:PutObject", "s3:GetObject"],
                    Resource: [`${bucket}/*`],
                },
                {
                    Sid: "LocateArtifactsBucket",
                    Effect: "Allow",
                    Action: ["s3:GetBucketLocation"],
                    Resource: [bucket],
                },
                {
                    Sid: "WriteOwnLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: [`arn:aws:logs:*:*:log-group:/aws/lambda/cwsyn-${canaryName}-*`],
                },
                {
                    Sid: "PublishSyntheticsMetrics",
                    Effect: "Allow",
                    Action: ["cloudwatch:PutMetricData"],
                    Resource: ["*"],
                    Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } },
                },
            ],
        }),
    );
}

/**
 * The metric each step publishes (namespace CloudWatchSynthetics, dimensions CanaryName and
 * StepName, milliseconds): the server's time to first byte, from the TLS handshake's end to
 * the response's status line. The step's own `Duration` adds a fresh DNS lookup, TCP and TLS
 * handshake from the canary on every run; this is what the team's 250 ms is about.
 */
export const TTFB_METRIC = "TimeToFirstByte";

/**
 * The canary script: one step per path (its SuccessPercent and Duration), each a fresh HTTPS
 * GET timed from `secureConnect` to the response; a non-2xx answer fails the step. The times
 * of the steps that passed go to CloudWatch in one PutMetricData call, also when a later step
 * failed. The Lambda Node.js runtimes the Synthetics runtimes use bundle the AWS SDK v3.
 */
export function canaryScript(): string {
    return [
        "const https = require('https');",
        "const synthetics = require('@aws/synthetics-puppeteer');",
        "const { CloudWatchClient, PutMetricDataCommand } = require('@aws-sdk/client-cloudwatch');",
        "const config = synthetics.getConfiguration();",
        "config.setConfig({ includeRequestHeaders: false, includeResponseHeaders: false, includeRequestBody: false, includeResponseBody: false });",
        "const TIMEOUT_MS = 10000;",
        "// A new connection each time (agent: false), so the handshake always happens and is left out the same way.",
        "function timedGet(host, path) {",
        "  return new Promise((resolve, reject) => {",
        "    let connectedAt;",
        "    const options = { hostname: host, path, method: 'GET', port: 443, agent: false, timeout: TIMEOUT_MS,",
        "      headers: { 'User-Agent': synthetics.getCanaryUserAgentString() } };",
        "    const req = https.request(options, (res) => {",
        "      const firstByteMs = Number(process.hrtime.bigint() - connectedAt) / 1e6;",
        "      res.resume();",
        "      res.on('end', () => resolve({ status: res.statusCode, firstByteMs }));",
        "      res.on('error', reject);",
        "    });",
        "    req.on('socket', (socket) => socket.once('secureConnect', () => {",
        "      connectedAt = process.hrtime.bigint();",
        "    }));",
        "    req.on('timeout', () => req.destroy(new Error(`${path}: no answer in ${TIMEOUT_MS} ms`)));",
        "    req.on('error', reject);",
        "    req.end();",
        "  });",
        "}",
        "exports.handler = async () => {",
        "  const host = process.env.CHECK_HOST;",
        "  const canaryName = synthetics.getCanaryName();",
        "  const metricData = [];",
        "  try {",
        "    for (const path of process.env.CHECK_PATHS.split(',')) {",
        "      const step = path === '/' ? 'root' : path.replace(/^\\//, '').replace(/[^A-Za-z0-9_-]/g, '_');",
        "      await synthetics.executeStep(step, async () => {",
        "        const { status, firstByteMs } = await timedGet(host, path);",
        "        if (status < 200 || status > 299) throw new Error(`${path} answered ${status}`);",
        "        metricData.push({ MetricName: process.env.CHECK_METRIC, Unit: 'Milliseconds', Value: firstByteMs,",
        "          Dimensions: [{ Name: 'CanaryName', Value: canaryName }, { Name: 'StepName', Value: step }] });",
        "      });",
        "    }",
        "  } finally {",
        "    if (metricData.length > 0) {",
        "      const command = new PutMetricDataCommand({ Namespace: 'CloudWatchSynthetics', MetricData: metricData });",
        "      await new CloudWatchClient({}).send(command);",
        "    }",
        "  }",
        "};",
        "",
    ].join("\n");
}

/** Throws on a canary CloudWatch Synthetics would refuse. */
export function validateEndpointCanaryArgs(a: {
    canaryName: string;
    paths: string[];
    intervalMinutes: number;
}): void {
    if (!/^[0-9a-z_-]{1,21}$/.test(a.canaryName))
        throw new Error(`canaryName (${a.canaryName}) must be 1-21 lowercase letters, digits, - or _`);
    if (a.paths.length === 0) throw new Error("paths ([]) must list at least one path");
    for (const p of a.paths)
        if (!/^\/[A-Za-z0-9/_.-]*$/.test(p))
            throw new Error(`paths (${p}) must each start with / and hold only letters, digits, / _ . -`);
    if (new Set(a.paths.map(stepName)).size !== a.paths.length)
        throw new Error(`paths (${a.paths.join(", ")}) must have distinct step names`);
    // rate() takes 1 to 60 minutes (or 0 for run once).
    if (!Number.isInteger(a.intervalMinutes) || a.intervalMinutes < 1 || a.intervalMinutes > 60) {
        throw new Error(`intervalMinutes (${a.intervalMinutes}) must be a whole number from 1 to 60`);
    }
}
