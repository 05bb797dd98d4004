import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import {
    CANARY_RUNTIME,
    canaryRunsPerMonth,
    canaryScript,
    stepName,
    TTFB_METRIC,
    validateEndpointCanaryArgs,
} from "../components/endpointCanary";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { named, runProdOk } from "./helpers";

describe("EndpointCanary (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let canary: RecordedResource;
    before(async () => {
        run = await runProdOk();
        canary = named(run, "chatmrpt-endpoints-canary");
    });

    it("checks /, /health and /system-health through the CloudFront distribution every 20 minutes", () => {
        const distribution = named(run, "chatmrpt-cdn-distribution");
        assert.deepStrictEqual(canary.inputs.runConfig, {
            timeoutInSeconds: 60,
            memoryInMb: 960,
            environmentVariables: {
                CHECK_HOST: distribution.outputs.domainName,
                CHECK_PATHS: "/,/health,/system-health",
                CHECK_METRIC: "TimeToFirstByte",
            },
        });
        assert.deepStrictEqual(
            [
                canary.inputs.name,
                canary.inputs.runtimeVersion,
                canary.inputs.schedule,
                canary.inputs.startCanary,
                canary.region,
            ],
            ["chatmrpt-endpoints", CANARY_RUNTIME, { expression: "rate(20 minutes)" }, true, "us-east-2"],
        );
    });

    it("runs the script from its versioned artifacts bucket and writes runs there", () => {
        const code = named(run, "chatmrpt-endpoints-code");
        const bucket = named(run, "chatmrpt-endpoints-artifacts-bucket").outputs.bucket;
        assert.deepStrictEqual(
            [
                canary.inputs.s3Bucket,
                canary.inputs.s3Key,
                canary.inputs.s3Version,
                canary.inputs.handler,
                canary.inputs.artifactS3Location,
            ],
            [
                bucket,
                "code/endpoint-check.zip",
                code.outputs.versionId,
                "endpointCheck.handler",
                `s3://${bucket}/runs/`,
            ],
        );
        assert.strictEqual(
            named(run, "chatmrpt-endpoints-artifacts-versioning").inputs.versioningConfiguration.status,
            "Enabled",
        );
    });

    it("runs as a role Lambda alone can assume, with exactly its bucket, its log groups and its metric namespace", () => {
        const role = named(run, "chatmrpt-endpoints-role");
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const bucketArn = named(run, "chatmrpt-endpoints-artifacts-bucket").outputs.arn;
        assert.deepStrictEqual(JSON.parse(named(run, "chatmrpt-endpoints-policy").inputs.policy).Statement, [
            {
                Sid: "WriteArtifacts",
                Effect: "Allow",
                Action: ["s3:PutObject", "s3:GetObject"],
                Resource: [`${bucketArn}/*`],
            },
            {
                Sid: "LocateArtifactsBucket",
                Effect: "Allow",
                Action: ["s3:GetBucketLocation"],
                Resource: [bucketArn],
            },
            {
                Sid: "WriteOwnLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: ["arn:aws:logs:*:*:log-group:/aws/lambda/cwsyn-chatmrpt-endpoints-*"],
            },
            {
                Sid: "PublishSyntheticsMetrics",
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: ["*"],
                Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } },
            },
        ]);
    });

    it("names one step per path, as the alarms' StepName dimension expects", () => {
        assert.deepStrictEqual(["/", "/health", "/system-health"].map(stepName), [
            "root",
            "health",
            "system-health",
        ]);
        const script = canaryScript();
        assert.match(script, /require\('@aws\/synthetics-puppeteer'\)/);
        assert.match(
            script,
            /const options = \{ hostname: host, path, method: 'GET', port: 443, agent: false/,
        );
    });

    it("counts its billed runs from the interval", () => {
        assert.deepStrictEqual(
            [canaryRunsPerMonth(15), canaryRunsPerMonth(5), canaryRunsPerMonth(60)],
            [2920, 8760, 730],
        );
    });

    it("rejects names, paths and intervals Synthetics would refuse", () => {
        const ok = { canaryName: "chatmrpt-endpoints", paths: ["/"], intervalMinutes: 15 };
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, canaryName: "ChatMRPT-endpoints-check" }), {
            message: "canaryName (ChatMRPT-endpoints-check) must be 1-21 lowercase letters, digits, - or _",
        });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, paths: ["health"] }), {
            message: "paths (health) must each start with / and hold only letters, digits, / _ . -",
        });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, paths: ["/a.b", "/a_b"] }), {
            message: "paths (/a.b, /a_b) must have distinct step names",
        });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, intervalMinutes: 0 }), {
            message: "intervalMinutes (0) must be a whole number from 1 to 60",
        });
    });
});

describe("the canary script, run against a local HTTPS server with stand-ins for the Synthetics library and CloudWatch", () => {
    let dir: string;
    let server: https.Server;
    let port: number;
    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-"));
        execFileSync(
            "openssl",
            [
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-days",
                "1",
                "-keyout",
                path.join(dir, "key.pem"),
                "-out",
                path.join(dir, "cert.pem"),
            ],
            { stdio: "ignore" },
        );
        server = https.createServer(
            {
                key: fs.readFileSync(path.join(dir, "key.pem")),
                cert: fs.readFileSync(path.join(dir, "cert.pem")),
            },
            (req, res) => {
                // /health thinks for 300 ms before its first byte; /system-health is down.
                const answer = () => {
                    res.statusCode = req.url === "/system-health" ? 503 : 200;
                    res.end("ok");
                };
                if (req.url === "/health") setTimeout(answer, 300);
                else answer();
            },
        );
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as AddressInfo).port;
    });
    after(() => {
        server.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Runs the handler as the runtime would, with `https` pointed at the local server. */
    async function runCanary(
        paths: string,
    ): Promise<{ steps: string[]; sent: Record<string, unknown>[]; error?: Error }> {
        const steps: string[] = [];
        const sent: Record<string, unknown>[] = [];
        const stand = {
            https: {
                request: (o: https.RequestOptions, cb: (res: unknown) => void) =>
                    https.request({ ...o, hostname: "127.0.0.1", port, rejectUnauthorized: false }, cb),
            },
            "@aws/synthetics-puppeteer": {
                getConfiguration: () => ({ setConfig: () => undefined }),
                getCanaryUserAgentString: () => "CloudWatchSynthetics/test",
                getCanaryName: () => "chatmrpt-endpoints",
                // As Synthetics does: the step fails (and the error propagates) when the function throws.
                executeStep: async (name: string, fn: () => Promise<void>) => {
                    steps.push(name);
                    await fn();
                },
            },
            "@aws-sdk/client-cloudwatch": {
                CloudWatchClient: class {
                    async send(command: { input: Record<string, unknown> }) {
                        sent.push(command.input);
                    }
                },
                PutMetricDataCommand: class {
                    constructor(readonly input: Record<string, unknown>) {}
                },
            },
        } as Record<string, unknown>;
        const exports: { handler?: () => Promise<void> } = {};
        const env = { CHECK_HOST: "chatmrpt.example.org", CHECK_PATHS: paths, CHECK_METRIC: TTFB_METRIC };
        new Function("require", "exports", "process", canaryScript())((m: string) => stand[m], exports, {
            env,
            hrtime: process.hrtime,
        });
        try {
            await exports.handler!();
            return { steps, sent };
        } catch (e) {
            return { steps, sent, error: e as Error };
        }
    }

    it("publishes each step's time to first byte, the server's think time included", async () => {
        const { steps, sent, error } = await runCanary("/,/health");
        assert.strictEqual(error, undefined);
        assert.deepStrictEqual(steps, ["root", "health"]);
        assert.strictEqual(sent.length, 1, "one PutMetricData call per run");
        assert.strictEqual(sent[0].Namespace, "CloudWatchSynthetics");
        const data = sent[0].MetricData as {
            MetricName: string;
            Unit: string;
            Value: number;
            Dimensions: unknown;
        }[];
        assert.deepStrictEqual(
            data.map((d) => [d.MetricName, d.Unit, d.Dimensions]),
            [
                [
                    "TimeToFirstByte",
                    "Milliseconds",
                    [
                        { Name: "CanaryName", Value: "chatmrpt-endpoints" },
                        { Name: "StepName", Value: "root" },
                    ],
                ],
                [
                    "TimeToFirstByte",
                    "Milliseconds",
                    [
                        { Name: "CanaryName", Value: "chatmrpt-endpoints" },
                        { Name: "StepName", Value: "health" },
                    ],
                ],
            ],
        );
        const [root, health] = data.map((d) => d.Value);
        assert.ok(health >= 295, `health waited 300 ms, measured ${health}`);
        assert.ok(root >= 0 && root < health, `root ${root} < health ${health}`);
    });

    it("fails the run on a non-2xx answer, and still publishes the steps that passed", async () => {
        const { steps, sent, error } = await runCanary("/,/system-health,/health");
        assert.strictEqual(error?.message, "/system-health answered 503");
        assert.deepStrictEqual(steps, ["root", "system-health"]);
        const data = sent[0].MetricData as { Dimensions: { Value: string }[] }[];
        assert.deepStrictEqual(
            data.map((d) => d.Dimensions[1].Value),
            ["root"],
        );
    });
});
