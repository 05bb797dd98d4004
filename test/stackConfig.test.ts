import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ConfigSource, loadStackConfig, StackConfigError } from "../stacks/stackConfig";
import { checkRedisAuthToken } from "../stacks/validate";
import { readStackFile, withOverrides } from "../offline/engine/stackFile";
import { errorOf, PROD, runProd } from "./helpers";
import { resolve } from "../offline/engine/mockRuntime";

function source(config: Record<string, string>): ConfigSource {
    return { project: "chatmrpt", stack: "prod", get: (k) => config[k], keys: () => Object.keys(config) };
}

function problemsOf(overrides: Record<string, string | undefined>): string[] {
    try {
        loadStackConfig(source(withOverrides(PROD.config, overrides)));
    } catch (e) {
        assert.ok(e instanceof StackConfigError, `expected StackConfigError, got ${String(e)}`);
        return e.problems;
    }
    throw new Error("expected the config to be rejected");
}

describe("stack configuration", () => {
    describe("the real Pulumi.prod.yaml", () => {
        const config = loadStackConfig(source(PROD.config));

        it("selects the prod shape in us-east-2", () => {
            assert.strictEqual(config.shape, "prod");
            assert.strictEqual(config.region, "us-east-2");
            assert.strictEqual(config.environment, "prod");
        });

        it("runs 2 x t3a.large (min and desired) with 10 app workers health-checked on /health", () => {
            assert.deepStrictEqual(
                {
                    type: config.web.instanceType,
                    min: config.web.minSize,
                    desired: config.web.desiredCapacity,
                    max: config.web.maxSize,
                    workers: config.web.appWorkers,
                    path: config.web.healthCheckPath,
                },
                { type: "t3a.large", min: 2, desired: 2, max: 4, workers: 10, path: "/health" },
            );
        });

        it("runs Redis on 2 cache.t4g.small (Graviton) nodes with 7 days of snapshots", () => {
            assert.deepStrictEqual(config.cache, {
                nodeType: "cache.t4g.small",
                nodes: 2,
                engine: "redis",
                engineVersion: "7.1",
                seedSnapshotName: undefined,
                snapshotRetentionDays: 7,
                snapshotWindow: "03:00-04:00",
                maintenanceWindow: "sun:05:00-sun:06:00",
            });
        });

        it("creates a VPC across two AZs of us-east-2", () => {
            assert.deepStrictEqual(config.network, {
                mode: "create",
                cidrBlock: "10.20.0.0/16",
                availabilityZones: ["us-east-2a", "us-east-2b"],
            });
        });

        it("tags with Project, Environment and ManagedBy", () => {
            assert.deepStrictEqual(config.tags, {
                Project: "chatmrpt",
                Environment: "prod",
                ManagedBy: "pulumi",
            });
        });

        it("keeps 250 ms as the endpoint limit, 15 s for chat, and $260 as the budget", () => {
            assert.deepStrictEqual(
                [config.alarms.endpointLatencyMs, config.alarms.chatLatencyP90Ms],
                [250, 15000],
            );
            assert.deepStrictEqual(
                [
                    config.wafMode,
                    config.hstsIncludeSubdomains,
                    config.endpointCheckIntervalMinutes,
                    config.logs.retentionDays,
                    config.restoreTestSchedule,
                ],
                ["count", false, 20, 30, "cron(0 8 ? * 1#1 *)"],
            );
            assert.strictEqual(config.monthlyBudgetUsd, 260);
            assert.strictEqual(config.backups.retentionDays, 35);
        });

        it("has no custom domain: viewers use the distribution's cloudfront.net name", () => {
            assert.strictEqual(config.domain, undefined);
            for (const key of ["domainName", "domainStage", "originDomainName", "hostedZoneId"])
                assert.strictEqual(PROD.config[`chatmrpt:${key}`], undefined, key);
        });

        it("wraps secrets as Pulumi secrets: the value read, and marked secret", async () => {
            const token = config.secrets.redisAuthToken;
            assert.strictEqual(await resolve(token), "offline-placeholder-redis-auth-token");
            // The value alone would pass with a plain Output: secretness is what keeps it out of state and logs.
            assert.strictEqual(await pulumi.isSecret(token), true);
            assert.strictEqual(await pulumi.isSecret(config.secrets.originOverrideSecret), true);
            assert.strictEqual(await pulumi.isSecret(pulumi.output(await resolve(token))), false);
        });
    });

    it("lets any key override the preset", () => {
        const config = loadStackConfig(
            source({ ...PROD.config, "chatmrpt:minSize": "3", "chatmrpt:desiredCapacity": "3" }),
        );
        assert.strictEqual(config.web.minSize, 3);
        assert.strictEqual(config.web.maxSize, 4);
    });

    it("adopts an existing VPC when vpcId and subnets are given", () => {
        const config = loadStackConfig(
            source({
                ...PROD.config,
                "chatmrpt:vpcId": "vpc-0123456789abcdef0",
                "chatmrpt:publicSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef0",
                    "subnet-0123456789abcdef1",
                ]),
                "chatmrpt:privateSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef2",
                    "subnet-0123456789abcdef3",
                ]),
            }),
        );
        assert.deepStrictEqual(config.network, {
            mode: "adopt",
            vpcId: "vpc-0123456789abcdef0",
            publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            privateSubnetIds: ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"],
            privateRouteTableIds: [],
        });
    });

    describe("a custom domain", () => {
        const domainOf = (overrides: Record<string, string>) =>
            loadStackConfig(source({ ...PROD.config, ...overrides })).domain;
        it("in the request stage, with the origin name defaulting under it", () => {
            assert.deepStrictEqual(
                domainOf({
                    "chatmrpt:domainName": "chat.mrpt-health.org",
                    "chatmrpt:domainStage": "request",
                }),
                {
                    name: "chat.mrpt-health.org",
                    originName: "origin.chat.mrpt-health.org",
                    stage: "request",
                    hostedZoneId: undefined,
                },
            );
        });
        it("in the active stage, with its own origin name", () => {
            assert.deepStrictEqual(
                domainOf({
                    "chatmrpt:domainName": "chat.mrpt-health.org",
                    "chatmrpt:domainStage": "active",
                    "chatmrpt:originDomainName": "alb.mrpt-health.org",
                }),
                {
                    name: "chat.mrpt-health.org",
                    originName: "alb.mrpt-health.org",
                    stage: "active",
                    hostedZoneId: undefined,
                },
            );
        });
        it("active in one run when the program holds the zone", () => {
            assert.deepStrictEqual(
                domainOf({
                    "chatmrpt:domainName": "chat.mrpt-health.org",
                    "chatmrpt:hostedZoneId": "Z0123456789ABCDEFGHIJ",
                }),
                {
                    name: "chat.mrpt-health.org",
                    originName: "origin.chat.mrpt-health.org",
                    stage: "active",
                    hostedZoneId: "Z0123456789ABCDEFGHIJ",
                },
            );
        });
    });

    describe("rejects, naming the key, the value and what is allowed", () => {
        const cases: [string, Record<string, string | undefined>, string][] = [
            [
                "minSize > maxSize",
                { "chatmrpt:minSize": "5", "chatmrpt:desiredCapacity": "5" },
                "chatmrpt:minSize (5): must be <= chatmrpt:maxSize (4)",
            ],
            [
                "desiredCapacity outside min..max",
                { "chatmrpt:desiredCapacity": "9" },
                "chatmrpt:desiredCapacity (9): must be between chatmrpt:minSize (2) and chatmrpt:maxSize (4)",
            ],
            [
                "an unknown instance family",
                { "chatmrpt:instanceType": "x9.large" },
                "chatmrpt:instanceType (x9.large): must be <family>.<size> with family one of t3, t3a, m5, m6i, m7i, c5, c6i, c7i, r6i",
            ],
            [
                "a malformed CIDR",
                { "chatmrpt:vpcCidr": "10.20.0.0/33" },
                "chatmrpt:vpcCidr (10.20.0.0/33): must be an IPv4 CIDR block with a prefix from /16 to /28, such as 10.20.0.0/16",
            ],
            [
                "a CIDR with host bits",
                { "chatmrpt:vpcCidr": "10.20.1.0/16" },
                "chatmrpt:vpcCidr (10.20.1.0/16): has host bits set: the network address for /16 is 10.20.0.0/16",
            ],
            [
                "a malformed domain",
                { "chatmrpt:domainName": "ChatMRPT_org" },
                "chatmrpt:domainName (ChatMRPT_org): must be a lower-case DNS name with at least two labels, such as chatmrpt.example.org",
            ],
            [
                "snapshot retention out of range",
                { "chatmrpt:redisSnapshotRetentionDays": "0" },
                "chatmrpt:redisSnapshotRetentionDays (0): must be a whole number from 1 to 35",
            ],
            [
                "backup retention out of range",
                { "chatmrpt:backupRetentionDays": "-1" },
                "chatmrpt:backupRetentionDays (-1): must be a whole number from 1 to 3650",
            ],
            [
                "a negative alarm threshold",
                { "chatmrpt:endpointLatencyLimitMs": "-250" },
                "chatmrpt:endpointLatencyLimitMs (-250): must be a whole number from 10 to 60000",
            ],
            [
                "a chat limit under a second",
                { "chatmrpt:chatLatencyP90Ms": "250" },
                "chatmrpt:chatLatencyP90Ms (250): must be a whole number from 1000 to 60000",
            ],
            [
                "the renamed latency key",
                { "chatmrpt:alarmLatencyP90Ms": "250" },
                "chatmrpt:alarmLatencyP90Ms: was renamed; use endpointLatencyLimitMs (/, /health, /system-health through CloudFront) or chatLatencyP90Ms (p90 of all ALB responses)",
            ],
            [
                "an unknown WAF mode",
                { "chatmrpt:wafMode": "enforce" },
                "chatmrpt:wafMode (enforce): must be one of count, block",
            ],
            [
                "a non-boolean HSTS switch",
                { "chatmrpt:hstsIncludeSubdomains": "yes" },
                "chatmrpt:hstsIncludeSubdomains (yes): must be true or false",
            ],
            [
                "a log retention CloudWatch refuses",
                { "chatmrpt:logRetentionDays": "31" },
                "chatmrpt:logRetentionDays (31): must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (CloudWatch Logs retention values)",
            ],
            [
                "a canary interval over an hour",
                { "chatmrpt:endpointCheckIntervalMinutes": "90" },
                "chatmrpt:endpointCheckIntervalMinutes (90): must be a whole number from 1 to 60",
            ],
            [
                "a malformed restore test schedule",
                { "chatmrpt:restoreTestSchedule": "weekly" },
                "chatmrpt:restoreTestSchedule (weekly): must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year), such as cron(0 4 ? * * *)",
            ],
            [
                "a non-number",
                { "chatmrpt:maxSize": "four" },
                "chatmrpt:maxSize (four): must be a whole number from 1 to 20",
            ],
            [
                "a malformed email",
                { "chatmrpt:alertEmails": JSON.stringify(["ops-at-example.org"]) },
                "chatmrpt:alertEmails (ops-at-example.org): must be an email address such as ops@example.org",
            ],
            [
                "a missing required secret",
                { "chatmrpt:redisAuthToken": undefined },
                "chatmrpt:redisAuthToken (unset): is a required secret; set it with `pulumi config set --secret chatmrpt:redisAuthToken <value>`",
            ],
            [
                "a missing AMI",
                { "chatmrpt:ami": undefined },
                "chatmrpt:ami (unset): is required; set it with `pulumi config set chatmrpt:ami <value>`",
            ],
            [
                "a malformed AMI",
                { "chatmrpt:ami": "ubuntu" },
                "chatmrpt:ami (ubuntu): must be an AMI ID (ami-xxxxxxxx) or ssm:/path/of/parameter holding one",
            ],
            ["a misspelt key", { "chatmrpt:minsize": "2" }, "chatmrpt:minsize: is not a known key"],
            [
                "overlapping Redis windows",
                { "chatmrpt:redisSnapshotWindow": "05:00-06:00" },
                "chatmrpt:redisSnapshotWindow (05:00-06:00): must not overlap chatmrpt:redisMaintenanceWindow (sun:05:00-sun:06:00)",
            ],
            [
                "adopting with one private subnet",
                {
                    "chatmrpt:vpcId": "vpc-0123456789abcdef0",
                    "chatmrpt:vpcCidr": undefined,
                    "chatmrpt:publicSubnetIds": JSON.stringify([
                        "subnet-0123456789abcdef0",
                        "subnet-0123456789abcdef1",
                    ]),
                    "chatmrpt:privateSubnetIds": JSON.stringify(["subnet-0123456789abcdef2"]),
                },
                'chatmrpt:privateSubnetIds (["subnet-0123456789abcdef2"]): must list at least 2 subnets in different AZs when adopting a VPC',
            ],
            [
                "the backup copy in the same region",
                { "chatmrpt:backupCopyRegion": "us-east-2" },
                "chatmrpt:backupCopyRegion (us-east-2): must differ from the stack's region (us-east-2)",
            ],
            [
                "a placeholder domain",
                { "chatmrpt:domainName": "chatmrpt.example.org", "chatmrpt:domainStage": "request" },
                "chatmrpt:domainName (chatmrpt.example.org): must not be a placeholder (example.org, example.com, example.net or a subdomain of one); set the site's real name, or leave it unset to serve on the distribution's *.cloudfront.net name",
            ],
            [
                "a placeholder apex",
                { "chatmrpt:domainName": "example.com", "chatmrpt:domainStage": "active" },
                "chatmrpt:domainName (example.com): must not be a placeholder",
            ],
            [
                "a placeholder origin name",
                {
                    "chatmrpt:domainName": "chat.mrpt-health.org",
                    "chatmrpt:domainStage": "request",
                    "chatmrpt:originDomainName": "origin.example.net",
                },
                "chatmrpt:originDomainName (origin.example.net): must not be a placeholder",
            ],
            [
                "a domain without a stage or zone",
                { "chatmrpt:domainName": "chat.mrpt-health.org" },
                "chatmrpt:domainStage (unset): must be request or active when chatmrpt:domainName is set without chatmrpt:hostedZoneId (request first; active once the validation records exist)",
            ],
            [
                "an unknown domain stage",
                { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "validated" },
                "chatmrpt:domainStage (validated): must be one of request, active",
            ],
            [
                "a stage without a domain",
                { "chatmrpt:domainStage": "active" },
                "chatmrpt:domainStage (active): must not be set without chatmrpt:domainName",
            ],
            [
                "an origin name without a domain",
                { "chatmrpt:originDomainName": "origin.mrpt-health.org" },
                "chatmrpt:originDomainName (origin.mrpt-health.org): must not be set without chatmrpt:domainName",
            ],
            [
                "a zone without a domain",
                { "chatmrpt:hostedZoneId": "Z0123456789ABCDEFGHIJ" },
                "chatmrpt:hostedZoneId (Z0123456789ABCDEFGHIJ): must not be set without chatmrpt:domainName",
            ],
            [
                "the removed origin secret",
                { "chatmrpt:originVerifySecret": "x".repeat(40) },
                "chatmrpt:originVerifySecret: is not a known key",
            ],
            [
                "overriding a program tag",
                { "chatmrpt:tags": JSON.stringify({ ManagedBy: "hand" }) },
                "chatmrpt:tags (ManagedBy): is set by the program and must not be overridden",
            ],
            // Timeouts along a request must agree.
            [
                "gunicorn keep-alive not above the ALB idle timeout",
                { "chatmrpt:appKeepAliveSeconds": "120" },
                "chatmrpt:appKeepAliveSeconds (120): must be > chatmrpt:albIdleTimeoutSeconds (120)",
            ],
            [
                "a worker timeout below CloudFront's read timeout",
                { "chatmrpt:appWorkerTimeoutSeconds": "30" },
                "chatmrpt:appWorkerTimeoutSeconds (30): must be >= chatmrpt:originReadTimeoutSeconds (60)",
            ],
            [
                "an ALB idle timeout below CloudFront's read timeout",
                { "chatmrpt:albIdleTimeoutSeconds": "45" },
                "chatmrpt:albIdleTimeoutSeconds (45): must be >= chatmrpt:originReadTimeoutSeconds (60)",
            ],
            [
                "a drain longer than the rollback budget",
                { "chatmrpt:deregistrationDelaySeconds": "300" },
                "chatmrpt:deregistrationDelaySeconds (300): must be from chatmrpt:originReadTimeoutSeconds (60) to 120 (the rollback budget)",
            ],
            [
                "a drain shorter than a chat answer",
                { "chatmrpt:deregistrationDelaySeconds": "30" },
                "chatmrpt:deregistrationDelaySeconds (30): must be from chatmrpt:originReadTimeoutSeconds (60) to 120 (the rollback budget)",
            ],
            [
                "a raised CloudFront read timeout the worker timeout undercuts",
                { "chatmrpt:originReadTimeoutSeconds": "90" },
                "chatmrpt:appWorkerTimeoutSeconds (75): must be >= chatmrpt:originReadTimeoutSeconds (90)",
            ],
            [
                "a CloudFront read timeout above its quota",
                { "chatmrpt:originReadTimeoutSeconds": "200" },
                "chatmrpt:originReadTimeoutSeconds (200): must be a whole number from 1 to 180",
            ],
            // CPU credits and the CPU target.
            [
                "standard credits with a target above the baseline",
                { "chatmrpt:cpuCredits": "standard", "chatmrpt:cpuTargetPercent": "60" },
                "chatmrpt:cpuTargetPercent (60): must be <= 30, the baseline of t3a.large, with chatmrpt:cpuCredits standard",
            ],
            [
                "an unknown credit mode",
                { "chatmrpt:cpuCredits": "burst" },
                "chatmrpt:cpuCredits (burst): must be one of standard, unlimited",
            ],
            [
                "a grace period the boot-time SSM fetch outlasts",
                { "chatmrpt:healthCheckGracePeriodSeconds": "120" },
                "chatmrpt:healthCheckGracePeriodSeconds (120): must be > 170, the longest boot-time SSM fetch",
            ],
            [
                "a stickiness longer than 7 days",
                { "chatmrpt:stickinessSeconds": "604801" },
                "chatmrpt:stickinessSeconds (604801): must be a whole number from 0 to 604800",
            ],
            // Secrets as AWS accepts them.
            [
                "a Redis token with a character ElastiCache refuses",
                { "chatmrpt:redisAuthToken": "abcdefghijklmnop%xyz" },
                "chatmrpt:redisAuthToken (secret, 20 characters): must hold only letters, digits and ! & # $ ^ < > - (ElastiCache refuses any other character)",
            ],
            [
                "a Redis token with a space",
                { "chatmrpt:redisAuthToken": "abcdefgh ijklmnopq" },
                "chatmrpt:redisAuthToken (secret, 18 characters): must hold only letters, digits and ! & # $ ^ < > -",
            ],
            [
                "a Redis token over 128 characters",
                { "chatmrpt:redisAuthToken": "a".repeat(129) },
                "chatmrpt:redisAuthToken (secret, 129 characters): must be 16 to 128 characters long",
            ],
            // The S3 endpoint's route tables.
            [
                "route tables for a created VPC",
                { "chatmrpt:privateRouteTableIds": JSON.stringify(["rtb-0123456789abcdef0"]) },
                'chatmrpt:privateRouteTableIds (["rtb-0123456789abcdef0"]): only applies when adopting a VPC (vpcId)',
            ],
            [
                "a malformed route table ID",
                {
                    "chatmrpt:vpcId": "vpc-0123456789abcdef0",
                    "chatmrpt:publicSubnetIds": JSON.stringify([
                        "subnet-0123456789abcdef0",
                        "subnet-0123456789abcdef1",
                    ]),
                    "chatmrpt:privateSubnetIds": JSON.stringify([
                        "subnet-0123456789abcdef2",
                        "subnet-0123456789abcdef3",
                    ]),
                    "chatmrpt:privateRouteTableIds": JSON.stringify(["rt-1"]),
                },
                "chatmrpt:privateRouteTableIds (rt-1): must be an AWS ID of the form rtb-xxxxxxxx (8 or 17 hex digits)",
            ],
            [
                "an AMI ID that is not hex",
                { "chatmrpt:ami": "ami-previous" },
                "chatmrpt:ami (ami-previous): must be an AMI ID (ami-xxxxxxxx) or ssm:/path/of/parameter holding one",
            ],
        ];
        for (const [what, overrides, message] of cases) {
            it(`fails on ${what}`, () => {
                const problems = problemsOf(overrides);
                assert.ok(
                    problems.some((p) => p.startsWith(message)),
                    `expected a problem starting with\n  ${message}\ngot\n  ${problems.join("\n  ")}`,
                );
            });
        }

        it("fails on an unknown shape before reading anything else", () => {
            assert.deepStrictEqual(problemsOf({ "chatmrpt:shape": "staging" }), [
                "chatmrpt:shape (staging): must be one of prod",
            ]);
        });

        it("never echoes a secret it rejects", () => {
            const problems = problemsOf({ "chatmrpt:redisAuthToken": "short@token" });
            assert.deepStrictEqual(problems, [
                "chatmrpt:redisAuthToken (secret, 11 characters): must be 16 to 128 characters long",
            ]);
        });

        it("accepts the longest Redis token ElastiCache takes, with every special character it allows", () => {
            const token = `Aa0!&#$^<>-${"x".repeat(117)}`;
            assert.strictEqual(token.length, 128);
            assert.doesNotThrow(() =>
                loadStackConfig(source(withOverrides(PROD.config, { "chatmrpt:redisAuthToken": token }))),
            );
        });

        it("refuses every character ElastiCache refuses in a token, and takes each one it allows", () => {
            const base = "Abcdefgh12345678";
            for (const c of [" ", '"', "/", "@", "%", "*", "~", "'", "é"]) {
                assert.strictEqual(
                    checkRedisAuthToken(base + c),
                    "must hold only letters, digits and ! & # $ ^ < > - (ElastiCache refuses any other character)",
                    JSON.stringify(c),
                );
            }
            for (const c of "!&#$^<>-") assert.strictEqual(checkRedisAuthToken(base + c), undefined, c);
            assert.strictEqual(checkRedisAuthToken("A".repeat(15)), "must be 16 to 128 characters long");
        });

        it("reports every problem at once", () => {
            assert.strictEqual(
                problemsOf({ "chatmrpt:instanceType": "x9.large", "chatmrpt:appWorkers": "0" }).length,
                2,
            );
        });
    });

    describe("a bad config registers no resource", () => {
        for (const [what, overrides] of [
            ["minSize > maxSize", { "chatmrpt:minSize": "5", "chatmrpt:desiredCapacity": "5" }],
            ["a missing secret", { "chatmrpt:redisAuthToken": undefined }],
            [
                "a placeholder domain",
                { "chatmrpt:domainName": "chatmrpt.example.org", "chatmrpt:domainStage": "request" },
            ],
            ["a domain stage without a domain", { "chatmrpt:domainStage": "request" }],
            ["a malformed CIDR", { "chatmrpt:vpcCidr": "10.0.0.0" }],
            ["an unknown instance type", { "chatmrpt:instanceType": "t3.huge" }],
            ["a bad email", { "chatmrpt:alertEmails": JSON.stringify(["nobody"]) }],
        ] as [string, Record<string, string | undefined>][]) {
            it(`on ${what}`, async () => {
                const run = await runProd(overrides, false);
                assert.match(errorOf(run), /^invalid stack configuration/);
                assert.strictEqual(run.resources.length, 0);
            });
        }
    });

    it("reads a stack file's lists as JSON and encrypted values as secrets", () => {
        const file = readStackFile("prod");
        assert.strictEqual(file.config["chatmrpt:alertEmails"], JSON.stringify(["ops@chatmrpt.example.org"]));
        assert.deepStrictEqual(file.placeholderSecrets, [
            "chatmrpt:redisAuthToken",
            "chatmrpt:originOverrideSecret",
        ]);
    });

    it("names the stacks that exist when asked for one that does not", () => {
        assert.throws(
            () => readStackFile("staging"),
            /stack \(staging\) has no Pulumi\.staging\.yaml in .*; stacks here: prod/,
        );
    });
});
