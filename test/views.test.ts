import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackValidationPolicy } from "@pulumi/policy";
import { UNKNOWN } from "../offline/engine/mockRuntime";
import { baseOf, checkStack, readPackConfig, StackCheck } from "../offline/policy/checkStack";
import { evaluatePolicies, Finding } from "../offline/policy/evaluate";
import { BASE_POLICIES } from "../policies/pack";
import { estimateCost, loadPriceBook, loadUsage } from "../offline/cost/costModel";
import { BaseSource } from "../offline/policy/views";
import { UNKNOWN_SENTINELS } from "../policies/lib/known";
import { runProgram } from "../stacks/program";
import { ROOT } from "./helpers";
import * as path from "path";

const PACK_CONFIG = readPackConfig(path.join(ROOT, "policies", "config.prod.json"));
const TAGS = { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" };

/** The findings of one policy, as `[level] message` lines. */
function of(check: StackCheck, policy: string): string[] {
    return check.evaluation.violations
        .filter((v) => v.policy === policy)
        .map((v) => `[${v.enforcementLevel}] ${v.message}`);
}

function lines(findings: Finding[]): string[] {
    return findings.map((v) => `[${v.enforcementLevel}] ${v.policy} ${v.resource ?? ""}: ${v.message}`);
}

/** Prod's program plus what a pull request adds. */
function withPr(add: () => void): () => unknown {
    return () => {
        // A pull request is reviewed before the team sets its address: the program runs as a preview does.
        const out = runProgram(undefined, "preview");
        add();
        return out;
    };
}

describe("engine views", () => {
    let up: StackCheck;
    let base: BaseSource;
    let firstDeployment: StackCheck;
    let refreshed: StackCheck;
    before(async () => {
        up = await checkStack({ packConfig: PACK_CONFIG });
        refreshed = await checkStack({ packConfig: PACK_CONFIG, view: "refreshed" });
        base = baseOf(up);
        firstDeployment = await checkStack({ packConfig: PACK_CONFIG, view: "preview", base: "empty" });
    });

    describe("prod has no findings in any view", () => {
        it("up", () => assert.deepStrictEqual(lines(up.evaluation.violations), []));
        it("refreshed", () => assert.deepStrictEqual(lines(refreshed.evaluation.violations), []));
        it("preview of a first deployment (base empty): everything created, outputs unknown", () => {
            const check = firstDeployment;
            assert.deepStrictEqual(lines(check.evaluation.violations), []);
            const custom = check.run.resources.filter(
                (r) => r.custom && !r.type.startsWith("pulumi:providers:"),
            );
            assert.deepStrictEqual([...new Set(custom.map((r) => r.change))], ["create"]);
            // The engine's view: the app SG's ID is unknown, and so is the template's reference to it.
            const lt = check.run.resources.find((r) => r.name === "chatmrpt-web-lt")!;
            assert.strictEqual(lt.inputs.networkInterfaces[0].securityGroups[0], UNKNOWN);
            assert.strictEqual(lt.outputs.id, UNKNOWN);
            assert.strictEqual(
                check.run.resources.find((r) => r.name === "chatmrpt-web-app-sg")!.outputs.id,
                UNKNOWN,
            );
        });
        it("preview of a first deployment prices the same as up (the cost model links by dependency where IDs are unknown)", () => {
            const cost = (c: StackCheck) =>
                estimateCost(c.run.resources, loadPriceBook(), loadUsage("prod")).totalUsd;
            assert.strictEqual(cost(firstDeployment), cost(up));
        });
        it("preview against its own plan: nothing changes, everything known", async () => {
            const check = await checkStack({ packConfig: PACK_CONFIG, view: "preview", base });
            assert.deepStrictEqual(lines(check.evaluation.violations), []);
            assert.deepStrictEqual(
                [...new Set(check.run.resources.filter((r) => r.custom).map((r) => r.change))],
                ["same"],
            );
        });
    });

    describe("preview presents unknowns as the policy SDK does", () => {
        it("uses the SDK's own sentinels", () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const proxy = require("@pulumi/policy/proxy");
            assert.deepStrictEqual(
                [...UNKNOWN_SENTINELS].sort(),
                [
                    proxy.unknownBooleanValue,
                    proxy.unknownNumberValue,
                    proxy.unknownStringValue,
                    proxy.unknownArrayValue,
                    proxy.unknownAssetValue,
                    proxy.unknownArchiveValue,
                    proxy.unknownObjectValue,
                ].sort(),
            );
            assert.strictEqual(UNKNOWN, proxy.unknownStringValue);
        });
        it("reports a stack policy that reads an unknown value as the SDK's advisory can't-run note, not a violation", async () => {
            const readsIds: StackValidationPolicy = {
                name: "reads-ids",
                description: "Checks that nothing.",
                enforcementLevel: "mandatory",
                validateStack: (args) => {
                    for (const r of args.resources) void r.props.id;
                },
            };
            const evaluation = await evaluatePolicies([readsIds], firstDeployment.run.resources, {
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
                packEnforcementLevel: "mandatory",
            });
            assert.deepStrictEqual(
                evaluation.violations.map((v) => [v.enforcementLevel, v.message, v.cantRunInPreview]),
                [
                    [
                        "advisory",
                        "can't run policy 'reads-ids' from policy pack 'chatmrpt-guardrails@v0.1.0' during preview: string value at .id can't be known during preview",
                        true,
                    ],
                ],
            );
        });
    });

    describe("the incidents block in preview (one pull request against prod adding each)", () => {
        let pr: StackCheck;
        before(async () => {
            pr = await checkStack({
                packConfig: PACK_CONFIG,
                view: "preview",
                base,
                program: withPr(() => {
                    // A second launch template, and an instance, each with its own security group.
                    const ltSg = new aws.ec2.SecurityGroup("pr-extra-sg", {
                        description: "a second app group",
                        tags: TAGS,
                    });
                    new aws.ec2.LaunchTemplate("pr-extra-lt", {
                        imageId: "ami-0123456789abcdef0",
                        vpcSecurityGroupIds: [ltSg.id],
                        tags: TAGS,
                    });
                    const instanceSg = new aws.ec2.SecurityGroup("pr-other-sg", {
                        description: "a third app group",
                        tags: TAGS,
                    });
                    new aws.ec2.Instance("pr-extra-instance", {
                        ami: "ami-0123456789abcdef0",
                        instanceType: "t3.small",
                        vpcSecurityGroupIds: [instanceSg.id],
                        tags: TAGS,
                    });
                    // A bucket with nothing, and one whose TLS policy is built from its ARN (unknown until created).
                    new aws.s3.Bucket("pr-new-bucket", { tags: TAGS });
                    const bucket = new aws.s3.Bucket("pr-arn-bucket", { tags: TAGS }, { protect: true });
                    new aws.s3.BucketVersioning("pr-arn-bucket-versioning", {
                        bucket: bucket.id,
                        versioningConfiguration: { status: "Enabled" },
                    });
                    new aws.s3.BucketPolicy("pr-arn-bucket-policy", {
                        bucket: bucket.id,
                        policy: pulumi.jsonStringify({
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Effect: "Deny",
                                    Principal: "*",
                                    Action: "s3:*",
                                    Resource: [bucket.arn],
                                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                                },
                            ],
                        }),
                    });
                    // A second ALB without alarms, and a third whose alarms are new too.
                    const subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"];
                    new aws.lb.LoadBalancer("pr-second-alb", {
                        loadBalancerType: "application",
                        subnets,
                        tags: TAGS,
                    });
                    const third = new aws.lb.LoadBalancer("pr-third-alb", {
                        loadBalancerType: "application",
                        subnets,
                        tags: TAGS,
                    });
                    const topic = new aws.sns.Topic("pr-alerts", { tags: TAGS });
                    new aws.sns.TopicSubscription("pr-alerts-email", {
                        topic: topic.arn,
                        protocol: "email",
                        endpoint: "ops@chatmrpt.example.org",
                    });
                    for (const metricName of [
                        "HTTPCode_ELB_5XX_Count",
                        "TargetResponseTime",
                        "RejectedConnectionCount",
                    ]) {
                        new aws.cloudwatch.MetricAlarm(`pr-alb-${metricName}`, {
                            namespace: "AWS/ApplicationELB",
                            metricName,
                            dimensions: { LoadBalancer: third.arnSuffix },
                            statistic: "Sum",
                            period: 60,
                            evaluationPeriods: 1,
                            threshold: 1,
                            comparisonOperator: "GreaterThanThreshold",
                            alarmActions: [topic.arn],
                            tags: TAGS,
                        });
                    }
                }),
            });
        });
        it("decides every policy: no can't-run notes, and the preview fails", () => {
            assert.deepStrictEqual(
                pr.evaluation.violations.filter((v) => v.cantRunInPreview),
                [],
            );
            assert.strictEqual(pr.failed, true);
            assert.strictEqual(
                pr.run.resources.find((r) => r.name === "pr-extra-lt")!.inputs.vpcSecurityGroupIds[0],
                UNKNOWN,
            );
        });
        it("a second launch template or instance with its own security group", () => {
            assert.deepStrictEqual(of(pr, "app-tier-single-security-group-set"), [
                '[mandatory] pr-extra-lt (LaunchTemplate) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["pr-extra-sg"]',
                '[mandatory] pr-extra-instance (Instance) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["pr-other-sg"]',
            ]);
        });
        it("a new bucket without versioning or a TLS-only policy, or with a policy that cannot be checked", () => {
            assert.deepStrictEqual(of(pr, "s3-bucket-tls-only"), [
                "[mandatory] bucket pr-new-bucket must have a policy denying requests where aws:SecureTransport is false; found no bucket policy",
                "[mandatory] bucket pr-arn-bucket must have a policy denying requests where aws:SecureTransport is false; found a policy document unknown until apply (build it from the bucket name, known at preview, so it can be checked)",
            ]);
            assert.deepStrictEqual(of(pr, "data-buckets-versioned"), [
                "[mandatory] data bucket pr-new-bucket must have versioning Enabled; found unset",
            ]);
            assert.deepStrictEqual(of(pr, "stateful-resources-protected"), [
                "[mandatory] pr-new-bucket (Bucket) holds data and must be created with protect: true; found protect: false",
            ]);
        });
        it("a second ALB without alarms (the third, whose new alarms depend on it, passes)", () => {
            assert.deepStrictEqual(of(pr, "required-alarms"), [
                "[mandatory] load balancer pr-second-alb must have alarms on HTTPCode_ELB_5XX_Count, TargetResponseTime, RejectedConnectionCount; missing HTTPCode_ELB_5XX_Count, TargetResponseTime, RejectedConnectionCount",
            ]);
            assert.deepStrictEqual(of(pr, "alarm-actions-on-stack-topic"), []);
        });
    });

    describe("refreshed", () => {
        it("lists a separate rule resource's rule in its group's ingress, in AWS's shape", () => {
            const cache = refreshed.run.resources.find((r) => r.name === "chatmrpt-cache-sg")!;
            const appSg = refreshed.run.resources.find((r) => r.name === "chatmrpt-web-app-sg")!;
            assert.deepStrictEqual(
                up.run.resources.find((r) => r.name === "chatmrpt-cache-sg")!.outputs.ingress,
                undefined,
            );
            assert.deepStrictEqual(cache.outputs.ingress, [
                {
                    cidrBlocks: [],
                    ipv6CidrBlocks: [],
                    prefixListIds: [],
                    securityGroups: [appSg.outputs.id],
                    self: false,
                    protocol: "tcp",
                    fromPort: 6379,
                    toPort: 6379,
                    description: up.run.resources.find((r) => r.name === "chatmrpt-cache-from-app")!.inputs
                        .description,
                },
            ]);
        });
        it("still catches a group that really mixes inline rules and rule resources", async () => {
            const resources = refreshed.run.resources.map((r) =>
                r.name !== "chatmrpt-cache-sg"
                    ? r
                    : {
                          ...r,
                          outputs: {
                              ...r.outputs,
                              ingress: [
                                  ...r.outputs.ingress,
                                  {
                                      cidrBlocks: ["10.0.0.0/16"],
                                      ipv6CidrBlocks: [],
                                      prefixListIds: [],
                                      securityGroups: [],
                                      self: false,
                                      protocol: "tcp",
                                      fromPort: 6379,
                                      toPort: 6379,
                                      description: "inline",
                                  },
                              ],
                          },
                      },
            );
            const mixed = BASE_POLICIES.find((p) => p.name === "no-mixed-security-group-rules")!;
            const evaluation = await evaluatePolicies([mixed], resources, {
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
                packEnforcementLevel: "mandatory",
            });
            assert.deepStrictEqual(
                evaluation.violations.map((v) => v.message),
                [
                    "security group chatmrpt-cache-sg must declare rules either inline or as rule resources, not both; found 1 inline and chatmrpt-cache-from-app",
                ],
            );
        });
    });
});
