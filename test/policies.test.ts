import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, policyConfig } from "../offline/policy/evaluate";
import { checkStack, formatPolicyReport, policyReportJson } from "../offline/policy/checkStack";
import { exemptionProblems, NEVER_EXEMPTABLE } from "../policies/lib/exemptions";
import { BASE_POLICIES } from "../policies/pack";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { recordedResource, runCli, runInProcess } from "./helpers";
import { runPolicyCli } from "../offline/policy/cli";
import { assertSharedRecordsUnchanged, checkProd, TODAY } from "./policyHarness";

/** A lone resource, for checking a policy outside the stack. */
function lone(
    type: string,
    inputs: Record<string, any>,
    extra: Partial<RecordedResource> = {},
): RecordedResource {
    return recordedResource(type, "subject", inputs, extra);
}

async function findings(
    policyName: string,
    resources: RecordedResource[],
    config: Record<string, unknown> = {},
): Promise<string[]> {
    const policy = BASE_POLICIES.find((p) => p.name === policyName)!;
    const evaluation = await evaluatePolicies([policy], resources, {
        defaultRegion: "us-east-2",
        project: "chatmrpt",
        stack: "prod",
        packEnforcementLevel: "mandatory",
        config: { [policyName]: config } as any,
    });
    return evaluation.violations.map((v) => v.message);
}

describe("policies", () => {
    // Each check edits copies: the prod records the tests share must come out as they went in.
    after(assertSharedRecordsUnchanged);

    it("are named in kebab case, described as 'Checks that…', mandatory, and unique", () => {
        for (const p of BASE_POLICIES) {
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.match(p.description, /^Checks that /, p.name);
            assert.strictEqual(p.enforcementLevel, "mandatory", p.name);
        }
        assert.strictEqual(new Set(BASE_POLICIES.map((p) => p.name)).size, BASE_POLICIES.length);
        for (const name of NEVER_EXEMPTABLE)
            assert.ok(
                BASE_POLICIES.some((p) => p.name === name),
                name,
            );
    });

    describe("ignore types they do not apply to", () => {
        const bucket = lone("aws:s3/bucket:Bucket", {
            bucket: "b",
            tags: { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" },
        });
        for (const name of [
            "alb-listener-https",
            "cloudfront-viewer-https",
            "cloudfront-origin-https",
            "elasticache-redis-encrypted",
            "redis-snapshots-retained",
            "ec2-imdsv2-required",
            "ebs-volumes-encrypted",
            "app-instances-no-public-ip",
            "alb-hardened",
            "classic-elb-https-only",
            "rds-encrypted-backed-up",
            "elasticache-memcached-encrypted",
            "no-plaintext-secrets",
            "iam-no-wildcard-or-admin",
        ]) {
            it(name, async () => assert.deepStrictEqual(await findings(name, [bucket]), []));
        }
        it("required-tags on an untaggable type", async () => {
            assert.deepStrictEqual(
                await findings("required-tags", [lone("aws:iam/rolePolicy:RolePolicy", { policy: "{}" })]),
                [],
            );
        });
    });

    describe("match every type token a resource can come under", () => {
        it("checks an aws:alb listener like an aws:lb one", async () => {
            assert.deepStrictEqual(
                await findings("alb-listener-https", [
                    lone("aws:alb/listener:Listener", { port: 80, defaultActions: [{ type: "forward" }] }),
                ]),
                [
                    'HTTP listener must only redirect to HTTPS unless its load balancer is internal; found default actions ["forward"] on a load balancer outside this stack',
                ],
            );
        });
        it("checks an aws:alb load balancer like an aws:lb one", async () => {
            assert.deepStrictEqual(
                await findings("alb-hardened", [
                    lone("aws:alb/loadBalancer:LoadBalancer", {
                        enableDeletionProtection: true,
                        dropInvalidHeaderFields: true,
                    }),
                ]),
                ["accessLogs must be enabled with a bucket; found unset"],
            );
        });
    });

    describe("treat unset security settings as non-compliant", () => {
        it("an HTTPS listener without sslPolicy", async () => {
            const [message] = await findings("alb-listener-https", [
                lone("aws:lb/listener:Listener", { protocol: "HTTPS", port: 443 }),
            ]);
            assert.match(message, /; found unset$/);
        });
        it("a distribution without a viewer certificate or TLS floor", async () => {
            assert.deepStrictEqual(
                await findings("cloudfront-viewer-https", [
                    lone("aws:cloudfront/distribution:Distribution", {
                        defaultCacheBehavior: { viewerProtocolPolicy: "https-only" },
                    }),
                ]),
                ["viewer minimumProtocolVersion must be TLSv1.2_2021 or newer; found unset"],
            );
        });
        it("a VPC origin without a protocol policy or target", async () => {
            assert.deepStrictEqual(
                await findings("cloudfront-origin-https", [
                    lone("aws:cloudfront/vpcOrigin:VpcOrigin", { vpcOriginEndpointConfig: {} }),
                ]),
                [
                    "VPC origin subject may use originProtocolPolicy unset only towards an internal load balancer of this stack; found unset",
                ],
            );
        });
        it("a launch template without metadata options or volumes", async () => {
            const lt = lone("aws:ec2/launchTemplate:LaunchTemplate", {});
            assert.deepStrictEqual(await findings("ec2-imdsv2-required", [lt]), [
                "metadataOptions.httpTokens must be required (IMDSv2); found unset",
                "metadataOptions.httpPutResponseHopLimit must be at most 1; found unset",
            ]);
            assert.deepStrictEqual(await findings("ebs-volumes-encrypted", [lt]), [
                "blockDeviceMappings must declare the root volume with encrypted true; found no EBS mapping (the AMI's unencrypted default would apply)",
            ]);
            assert.deepStrictEqual(await findings("app-instances-no-public-ip", [lt]), [
                "networkInterfaces must set associatePublicIpAddress false; found no interface (the subnet's default would apply)",
            ]);
        });
        it("a Redis replication group with nothing set", async () => {
            assert.deepStrictEqual(
                await findings("elasticache-redis-encrypted", [
                    lone("aws:elasticache/replicationGroup:ReplicationGroup", {}),
                ]),
                [
                    "transitEncryptionEnabled must be true; found unset",
                    "atRestEncryptionEnabled must be true; found unset",
                    "an AUTH token (authToken) or RBAC user group must be set; found neither",
                ],
            );
        });
    });

    describe("the default *.cloudfront.net certificate (CloudFront fixes its floor at TLSv1)", () => {
        const onDefault = (aliases?: string[]) =>
            lone("aws:cloudfront/distribution:Distribution", {
                defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
                aliases,
                viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1" },
            });
        it("is allowed on a distribution without aliases", async () => {
            assert.deepStrictEqual(await findings("cloudfront-viewer-https", [onDefault()]), []);
            assert.deepStrictEqual(await findings("cloudfront-viewer-https", [onDefault([])]), []);
        });
        it("is refused once the distribution has an alias", async () => {
            assert.deepStrictEqual(
                await findings("cloudfront-viewer-https", [onDefault(["chat.mrpt-health.org"])]),
                [
                    'a distribution with aliases must serve them a custom certificate with minimumProtocolVersion TLSv1.2_2021 or newer; found the default *.cloudfront.net certificate (TLSv1) with aliases ["chat.mrpt-health.org"]',
                ],
            );
        });
        it("is refused everywhere when the pack config says so", async () => {
            assert.deepStrictEqual(
                await findings("cloudfront-viewer-https", [onDefault()], { allowDefaultCertificate: false }),
                [
                    "viewers must be served a custom certificate with minimumProtocolVersion TLSv1.2_2021 or newer; found the default *.cloudfront.net certificate (TLSv1)",
                ],
            );
        });
    });

    describe("an internet-facing ALB is allowed only locked to CloudFront's prefix list", () => {
        const locked = (m: import("./policyHarness").Mutator) =>
            m
                .set("chatmrpt-web-alb", "internal", false)
                .set("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId", undefined)
                .set("chatmrpt-web-alb-from-cloudfront-http", "prefixListId", "pl-b6a144df")
                // With a public ALB, CloudFront reaches it as an internet origin, over HTTPS.
                .set("chatmrpt-web-http", "protocol", "HTTPS")
                .set("chatmrpt-web-http", "port", 443)
                .set("chatmrpt-web-http", "sslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
                .set("chatmrpt-cdn-distribution", "origins.0.vpcOriginConfig", undefined)
                .set("chatmrpt-cdn-distribution", "origins.0.customOriginConfig", {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                })
                .remove("chatmrpt-cdn-origin-http");
        it("passes the whole pack when so locked", async () => {
            assert.deepStrictEqual((await checkProd(locked)).violations, []);
        });
        it("fails on any other prefix list", async () => {
            const { violations } = await checkProd((m) =>
                locked(m).set(
                    "chatmrpt-web-alb-from-cloudfront-http",
                    "prefixListId",
                    "pl-0123456789abcdef0",
                ),
            );
            assert.deepStrictEqual(
                violations.map((v) => [v.policy, v.message]),
                [
                    [
                        "alb-behind-cloudfront",
                        'internet-facing ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-cloudfront-http on chatmrpt-web-alb-sg must admit only CloudFront\'s origin-facing prefix list ["pl-3b927c52","pl-b6a144df","pl-4ea04527","pl-82a045eb","pl-4fa04526","pl-a3a144ca"] (or make the ALB internal behind a VPC origin); found ["pl-0123456789abcdef0"]',
                    ],
                ],
            );
        });
    });

    describe("config", () => {
        it("fills schema defaults and lets the pack config override them", () => {
            const schema = BASE_POLICIES.find((p) => p.name === "redis-snapshots-retained")!.configSchema;
            assert.deepStrictEqual(policyConfig(schema, undefined), { minRetentionDays: 7 });
            assert.deepStrictEqual(
                policyConfig(schema, { enforcementLevel: "advisory", minRetentionDays: 14 }),
                { minRetentionDays: 14 },
            );
        });
        it("passes an unknown property through unvalidated, as the CLI does (the lint reports it)", () => {
            const schema = BASE_POLICIES.find((p) => p.name === "redis-snapshots-retained")!.configSchema;
            assert.deepStrictEqual(policyConfig(schema, { minRetention: 14 }), {
                minRetentionDays: 7,
                minRetention: 14,
            });
        });
        it("rejects a value its schema forbids, in the CLI's words", () => {
            const schema = BASE_POLICIES.find((p) => p.name === "redis-snapshots-retained")!.configSchema;
            assert.throws(() => policyConfig(schema, { minRetentionDays: 36 }), {
                message:
                    'invalid policy pack config:\n  Policy "policy": minRetentionDays: Must be less than or equal to 35',
            });
        });
        it("raises a threshold: retention 7 fails a 14-day minimum", async () => {
            const { violations } = await checkProd(undefined, {
                "redis-snapshots-retained": { minRetentionDays: 14 },
            });
            assert.deepStrictEqual(
                violations.map((v) => v.message),
                ["snapshotRetentionLimit must be at least 14 days; found 7"],
            );
        });
        it("downgrades a policy to advisory from config", async () => {
            const { violations } = await checkProd(
                (m) => m.set("chatmrpt-web-alb", "dropInvalidHeaderFields", false),
                { "alb-hardened": "advisory" },
            );
            assert.deepStrictEqual(
                violations.map((v) => [v.policy, v.enforcementLevel]),
                [["alb-hardened", "advisory"]],
            );
        });
        it("keeps a never-exemptable policy mandatory when the config says advisory", async () => {
            const oldTls = (m: import("./policyHarness").Mutator) =>
                m
                    .set("chatmrpt-web-http", "protocol", "HTTPS")
                    .set("chatmrpt-web-http", "sslPolicy", "ELBSecurityPolicy-2016-08");
            const { violations } = await checkProd(oldTls, { "alb-listener-https": "advisory" });
            assert.deepStrictEqual(
                violations
                    .filter((v) => v.policy === "alb-listener-https")
                    .map((v) => [v.enforcementLevel, v.message.split(" (")[0]]),
                [
                    ["mandatory", "pack config must not lower alb-listener-https below mandatory"],
                    ["mandatory", "HTTPS listener must use a TLS policy from the allow-list"],
                ],
            );
        });
        it("reports a never-exemptable policy disabled in the config as a mandatory violation", async () => {
            const { violations } = await checkProd(undefined, {
                "no-public-ingress": { enforcementLevel: "disabled" },
                "alb-hardened": "disabled",
            });
            assert.deepStrictEqual(
                violations.map((v) => [v.policy, v.enforcementLevel, v.message]),
                [
                    [
                        "no-public-ingress",
                        "mandatory",
                        'pack config must not lower no-public-ingress below mandatory (it guards a past incident and can never be exempted); found enforcementLevel "disabled"',
                    ],
                ],
            );
        });
        it("accepts a literal security group ID listed as adopted", async () => {
            const paste = (m: import("./policyHarness").Mutator) =>
                m.set("chatmrpt-web-alb", "securityGroups", ["sg-0b21586985a0bbfbe"]);
            assert.strictEqual(
                (await checkProd(paste)).violations.filter(
                    (v) => v.policy === "no-literal-security-group-ids",
                ).length,
                1,
            );
            const adopted = await checkProd(paste, {
                "no-literal-security-group-ids": { adoptedSecurityGroupIds: ["sg-0b21586985a0bbfbe"] },
            });
            assert.strictEqual(
                adopted.violations.filter((v) => v.policy === "no-literal-security-group-ids").length,
                0,
            );
        });
    });

    describe("exemptions", () => {
        const openAlbLogs = (m: import("./policyHarness").Mutator) =>
            m.set("chatmrpt-web-alb", "dropInvalidHeaderFields", false);
        const exempt = (e: object) => ({
            "alb-hardened": { exemptions: [{ resource: "chatmrpt-web-alb", ...e }] },
        });

        it("set a finding aside with its reason when valid", async () => {
            const { violations, exempted } = await checkProd(
                openAlbLogs,
                exempt({
                    reason: "legacy client sends a bad header until mid-February",
                    expires: "2027-02-15",
                }),
            );
            assert.deepStrictEqual(violations, []);
            assert.deepStrictEqual(
                exempted.map((e) => [e.policy, e.resource, e.message, e.reason, e.expires]),
                [
                    [
                        "alb-hardened",
                        "chatmrpt-web-alb",
                        "dropInvalidHeaderFields must be true; found false",
                        "legacy client sends a bad header until mid-February",
                        "2027-02-15",
                    ],
                ],
            );
        });

        it("require a reason of at least 10 characters", async () => {
            const { violations, exempted } = await checkProd(
                openAlbLogs,
                exempt({ reason: "legacy", expires: "2027-02-15" }),
            );
            assert.deepStrictEqual(
                violations.map((v) => v.message),
                [
                    'exemption of chatmrpt-web-alb from alb-hardened: a reason of at least 10 characters is required; found "legacy"',
                    "dropInvalidHeaderFields must be true; found false",
                ],
            );
            assert.deepStrictEqual(exempted, []);
        });

        it("require a reason at all", async () => {
            const { violations } = await checkProd(openAlbLogs, exempt({ expires: "2027-02-15" }));
            assert.strictEqual(
                violations[0].message,
                "exemption of chatmrpt-web-alb from alb-hardened: a reason of at least 10 characters is required; found none",
            );
        });

        it("require an expiry date", async () => {
            const { violations } = await checkProd(
                openAlbLogs,
                exempt({ reason: "legacy client sends a bad header" }),
            );
            assert.deepStrictEqual(
                violations.map((v) => v.message),
                [
                    "exemption of chatmrpt-web-alb from alb-hardened: an expiry date (YYYY-MM-DD) is required; found none",
                    "dropInvalidHeaderFields must be true; found false",
                ],
            );
        });

        it("report an expired exemption as a violation of its own, even with nothing left to exempt", async () => {
            const { violations } = await checkProd(
                undefined,
                exempt({ reason: "legacy client sends a bad header", expires: "2026-11-22" }),
            );
            assert.deepStrictEqual(
                violations.map((v) => [v.policy, v.resource, v.message]),
                [
                    [
                        "alb-hardened",
                        "chatmrpt-web-alb",
                        "exemption of chatmrpt-web-alb from alb-hardened: expired on 2026-11-22; fix the finding or renew the exemption with a new reason",
                    ],
                ],
            );
        });

        it("hold through their expiry day", () => {
            assert.deepStrictEqual(
                exemptionProblems(
                    "alb-hardened",
                    { resource: "x", reason: "a good long reason", expires: "2026-11-23" },
                    TODAY,
                ),
                [],
            );
            assert.deepStrictEqual(
                exemptionProblems(
                    "alb-hardened",
                    { resource: "x", reason: "a good long reason", expires: "2026-02-30" },
                    TODAY,
                ),
                [
                    'exemption of x from alb-hardened: an expiry date (YYYY-MM-DD) is required; found "2026-02-30"',
                ],
            );
        });

        it("last at most 90 days from today, pack-wide", async () => {
            const { violations, exempted } = await checkProd(
                openAlbLogs,
                exempt({ reason: "legacy client sends a bad header", expires: "2027-02-22" }),
            );
            assert.deepStrictEqual(
                violations.map((v) => v.message),
                [
                    "exemption of chatmrpt-web-alb from alb-hardened: expires on 2027-02-22, more than 90 days from today; alb-hardened exemptions may run until 2027-02-21 at the latest",
                    "dropInvalidHeaderFields must be true; found false",
                ],
            );
            assert.deepStrictEqual(exempted, []);
            assert.deepStrictEqual(
                (
                    await checkProd(
                        openAlbLogs,
                        exempt({ reason: "legacy client sends a bad header", expires: "2027-02-21" }),
                    )
                ).violations,
                [],
            );
        });

        it("can be capped lower per policy, never higher", async () => {
            const capped = (days: number) => ({
                "alb-hardened": {
                    maxExemptionDays: days,
                    exemptions: [
                        {
                            resource: "chatmrpt-web-alb",
                            reason: "legacy client sends a bad header",
                            expires: "2026-12-23",
                        },
                    ],
                },
            });
            assert.deepStrictEqual(
                (await checkProd(openAlbLogs, capped(14))).violations.map((v) => v.message),
                [
                    "exemption of chatmrpt-web-alb from alb-hardened: expires on 2026-12-23, more than 14 days from today; alb-hardened exemptions may run until 2026-12-07 at the latest",
                    "dropInvalidHeaderFields must be true; found false",
                ],
            );
            // Raising the cap above the schema's maximum is refused as the CLI refuses it: before any policy runs.
            await assert.rejects(
                checkProd(openAlbLogs, {
                    "alb-hardened": {
                        maxExemptionDays: 365,
                        exemptions: [
                            {
                                resource: "chatmrpt-web-alb",
                                reason: "legacy client sends a bad header",
                                expires: "2027-06-30",
                            },
                        ],
                    },
                }),
                {
                    message:
                        'invalid policy pack config:\n  Policy "alb-hardened": maxExemptionDays: Must be less than or equal to 90',
                },
            );
        });

        it("cannot silence a never-exemptable policy", async () => {
            const { violations, exempted } = await checkProd(
                (m) =>
                    m
                        .set("chatmrpt-web-http", "protocol", "HTTPS")
                        .set("chatmrpt-web-http", "sslPolicy", "ELBSecurityPolicy-2016-08"),
                {
                    "alb-listener-https": {
                        exemptions: [
                            {
                                resource: "chatmrpt-web-http",
                                reason: "temporary for a load test",
                                expires: "2027-01-01",
                            },
                        ],
                    },
                },
            );
            assert.deepStrictEqual(
                violations.map((v) => v.message),
                [
                    "exemption of chatmrpt-web-http from alb-listener-https: alb-listener-https can never be exempted; remove the exemption and fix the finding",
                    "HTTPS listener must use a TLS policy from the allow-list (ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09); found ELBSecurityPolicy-2016-08",
                ],
            );
            assert.deepStrictEqual(exempted, []);
        });

        it("work for stack policies by resource", async () => {
            const { violations, exempted } = await checkProd(
                (m) => m.remove("chatmrpt-monitoring-alb-latency-p90"),
                {
                    "required-alarms": {
                        exemptions: [
                            {
                                resource: "chatmrpt-web-alb",
                                reason: "latency alarm moves to the APM tool",
                                expires: "2027-01-15",
                            },
                        ],
                    },
                },
            );
            assert.deepStrictEqual(violations, []);
            assert.deepStrictEqual(
                exempted.map((e) => [e.policy, e.resource]),
                [["required-alarms", "chatmrpt-web-alb"]],
            );
        });
    });

    describe("the offline runner", () => {
        it("gives policies the options, provider, parent and property dependencies the engine gives", async () => {
            const seen: Record<string, unknown> = {};
            const probe: ResourceValidationPolicy = {
                name: "probe",
                description: "Checks that the runner passes what the engine passes.",
                enforcementLevel: "advisory",
                validateResource: (args) => {
                    if (args.name === "chatmrpt-cache-redis")
                        Object.assign(seen, {
                            protect: args.opts.protect,
                            parent: args.opts.parent?.split("::").pop(),
                            provider: args.provider?.props.region,
                            stackTags: args.stackTags.size,
                        });
                    if (args.name === "chatmrpt-monitoring-cloudfront-5xx-rate")
                        Object.assign(seen, { cfProvider: args.provider?.props.region });
                },
            };
            const check = await checkStack({ policies: () => [probe] });
            assert.deepStrictEqual(seen, {
                protect: true,
                parent: "chatmrpt-cache",
                provider: "us-east-2",
                stackTags: 0,
                cfProvider: "us-east-1",
            });
            assert.deepStrictEqual(check.evaluation.violations, []);
        });

        it("prints a readable report and a JSON one", async () => {
            const check = await checkStack({
                mutate: (run) => {
                    const alb = run.resources.find((r) => r.name === "chatmrpt-web-alb")!;
                    alb.inputs.enableDeletionProtection = false;
                },
            });
            assert.strictEqual(check.failed, true);
            assert.deepStrictEqual(formatPolicyReport(check).split("\n").slice(1), [
                "  [mandatory] alb-hardened",
                "      resource: chatmrpt-web-alb (aws:lb/loadBalancer:LoadBalancer)",
                "      enableDeletionProtection must be true; found false",
                "1 mandatory, 0 advisory violation(s); 0 exempted",
            ]);
            const json = policyReportJson(check) as { passed: boolean; violations: { policy: string }[] };
            assert.deepStrictEqual(
                [json.passed, json.violations.map((v) => v.policy)],
                [false, ["alb-hardened"]],
            );
        });

        it("exits 0 on the prod stack and 1 with a mandatory violation (npm run policy)", async function () {
            this.timeout(120000);
            const ok = runCli("policy", ["--json"]);
            assert.strictEqual(ok.status, 0, ok.stderr);
            assert.strictEqual(JSON.parse(ok.stdout).passed, true);
            // The same entry in this process: a second node and SDK load would only add time.
            const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-")), "config.json");
            fs.writeFileSync(
                configFile,
                JSON.stringify({ "redis-snapshots-retained": { minRetentionDays: 30 } }),
            );
            const bad = await runInProcess(runPolicyCli, ["--policy-pack-config", configFile]);
            assert.strictEqual(bad.code, 1, bad.out);
            assert.match(
                bad.out,
                /\[mandatory\] redis-snapshots-retained\n {6}resource: chatmrpt-cache-redis/,
            );
        });
    });
});
