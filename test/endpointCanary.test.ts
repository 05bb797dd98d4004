import * as assert from "assert";
import { CANARY_RUNTIME, canaryRunsPerMonth, canaryScript, stepName, validateEndpointCanaryArgs } from "../components/endpointCanary";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { named, runProd } from "./helpers";

describe("EndpointCanary (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let canary: RecordedResource;
    before(async () => {
        run = await runProd();
        assert.strictEqual(run.error, undefined);
        canary = named(run, "chatmrpt-endpoints-canary");
    });

    it("checks /, /health and /system-health through the CloudFront distribution every 20 minutes", () => {
        const distribution = named(run, "chatmrpt-cdn-distribution");
        assert.deepStrictEqual(canary.inputs.runConfig, {
            timeoutInSeconds: 60, memoryInMb: 960,
            environmentVariables: { CHECK_HOST: distribution.outputs.domainName, CHECK_PATHS: "/,/health,/system-health" },
        });
        assert.deepStrictEqual([canary.inputs.name, canary.inputs.runtimeVersion, canary.inputs.schedule, canary.inputs.startCanary, canary.region],
            ["chatmrpt-endpoints", CANARY_RUNTIME, { expression: "rate(20 minutes)" }, true, "us-east-2"]);
    });

    it("runs the script from its versioned artifacts bucket and writes runs there", () => {
        const code = named(run, "chatmrpt-endpoints-code");
        const bucket = named(run, "chatmrpt-endpoints-artifacts-bucket").outputs.bucket;
        assert.deepStrictEqual([canary.inputs.s3Bucket, canary.inputs.s3Key, canary.inputs.s3Version, canary.inputs.handler, canary.inputs.artifactS3Location],
            [bucket, "code/endpoint-check.zip", code.outputs.versionId, "endpointCheck.handler", `s3://${bucket}/runs/`]);
        assert.strictEqual(named(run, "chatmrpt-endpoints-artifacts-versioning").inputs.versioningConfiguration.status, "Enabled");
    });

    it("runs as a role Lambda alone can assume, with exactly its bucket, its log groups and its metric namespace", () => {
        const role = named(run, "chatmrpt-endpoints-role");
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]);
        const bucketArn = named(run, "chatmrpt-endpoints-artifacts-bucket").outputs.arn;
        assert.deepStrictEqual(JSON.parse(named(run, "chatmrpt-endpoints-policy").inputs.policy).Statement, [
            { Sid: "WriteArtifacts", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: [`${bucketArn}/*`] },
            { Sid: "LocateArtifactsBucket", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: [bucketArn] },
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:*:*:log-group:/aws/lambda/cwsyn-chatmrpt-endpoints-*"] },
            { Sid: "PublishSyntheticsMetrics", Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"], Condition: { StringEquals: { "cloudwatch:namespace": "CloudWatchSynthetics" } } },
        ]);
    });

    it("names one step per path, as the alarms' StepName dimension expects", () => {
        assert.deepStrictEqual(["/", "/health", "/system-health"].map(stepName), ["root", "health", "system-health"]);
        const script = canaryScript();
        assert.match(script, /require\('@aws\/synthetics-puppeteer'\)/);
        assert.match(script, /executeHttpStep\(step, \{ hostname: host, method: 'GET', path, port: 443, protocol: 'https:'/);
        assert.match(script, /res\.statusCode < 200 \|\| res\.statusCode > 299/);
    });

    it("counts its billed runs from the interval", () => {
        assert.deepStrictEqual([canaryRunsPerMonth(15), canaryRunsPerMonth(5), canaryRunsPerMonth(60)], [2920, 8760, 730]);
    });

    it("rejects names, paths and intervals Synthetics would refuse", () => {
        const ok = { canaryName: "chatmrpt-endpoints", paths: ["/"], intervalMinutes: 15 };
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, canaryName: "ChatMRPT-endpoints-check" }), { message: "canaryName (ChatMRPT-endpoints-check) must be 1-21 lowercase letters, digits, - or _" });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, paths: ["health"] }), { message: "paths (health) must each start with / and hold only letters, digits, / _ . -" });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, paths: ["/a.b", "/a_b"] }), { message: "paths (/a.b, /a_b) must have distinct step names" });
        assert.throws(() => validateEndpointCanaryArgs({ ...ok, intervalMinutes: 0 }), { message: "intervalMinutes (0) must be a whole number from 1 to 60" });
    });
});
