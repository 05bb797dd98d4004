import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MOCK_SSM_PARAMETERS, mockInvoke, OfflineRun, runOffline } from "../offline/engine/mockRuntime";
import {
    ALB_TLS_POLICY,
    appAccessPolicy,
    BURSTABLE_BASELINES,
    WebTier,
    WebTierArgs,
    REQUEST_TARGET_UTILIZATION,
    requestsPerTargetPerMinute,
    SSM_FETCH_BOUND_SECONDS,
    validateWebTierArgs,
} from "../components/webTier";
import { resolve } from "../offline/engine/mockRuntime";
import { errorOf, named, ofType, runProdOk } from "./helpers";

function userData(run: OfflineRun<unknown>): string {
    return Buffer.from(named(run, "chatmrpt-web-lt").inputs.userData as string, "base64").toString();
}

/**
 * Runs the user data's SSM fetch loop (only that: the rest writes to /etc) with `aws`,
 * `timeout` and `sleep` stubbed; `awsBody` is the stub's shell body. Each aws call is logged.
 */
function runSsmFetch(
    script: string,
    awsBody: string,
): { status: number | null; stdout: string; stderr: string; dir: string } {
    const lines = script.split("\n");
    const loop = lines.slice(lines.indexOf("REDIS_PASSWORD=''"), lines.indexOf("done") + 1).join("\n");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chatmrpt-ssm-"));
    const stub = (file: string, body: string) =>
        fs.writeFileSync(path.join(dir, file), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
    stub("aws", `echo "$*" >> "$STUB/calls"\n${awsBody}`);
    stub("timeout", 'shift; exec "$@"');
    stub("sleep", "exit 0");
    const result = spawnSync("bash", ["-c", `set -euo pipefail\n${loop}\necho "$REDIS_PASSWORD"`], {
        encoding: "utf8",
        env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir },
        timeout: 20000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, dir };
}

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

describe("WebTier (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let albSg: string, appSg: string, redisSg: string, vpcOriginSg: string;
    before(async () => {
        run = await runProdOk();
        albSg = named(run, "chatmrpt-web-alb-sg").id;
        appSg = named(run, "chatmrpt-web-app-sg").id;
        redisSg = named(run, "chatmrpt-cache-sg").id;
        vpcOriginSg = named(run, "chatmrpt-web-alb-from-cloudfront-http").inputs.referencedSecurityGroupId;
    });

    describe("security groups", () => {
        it("declares no inline rules on any security group", () => {
            for (const sg of ofType(run, "aws:ec2/securityGroup:SecurityGroup")) {
                assert.strictEqual(sg.inputs.ingress, undefined, sg.name);
                assert.strictEqual(sg.inputs.egress, undefined, sg.name);
            }
        });

        it("has exactly these ingress rules in the whole stack", () => {
            const rules = ofType(run, INGRESS).map((r) => ({
                sg: r.inputs.securityGroupId,
                from: r.inputs.fromPort,
                to: r.inputs.toPort,
                protocol: r.inputs.ipProtocol,
                source:
                    r.inputs.referencedSecurityGroupId ??
                    r.inputs.prefixListId ??
                    r.inputs.cidrIpv4 ??
                    r.inputs.cidrIpv6,
            }));
            assert.deepStrictEqual(
                rules.sort((a, b) => a.from - b.from),
                [
                    { sg: albSg, from: 80, to: 80, protocol: "tcp", source: vpcOriginSg },
                    { sg: redisSg, from: 6379, to: 6379, protocol: "tcp", source: appSg },
                    { sg: appSg, from: 8000, to: 8000, protocol: "tcp", source: albSg },
                ],
            );
        });

        it("has exactly these egress rules in the whole stack", () => {
            const rules = ofType(run, EGRESS).map((r) => ({
                sg: r.inputs.securityGroupId,
                from: r.inputs.fromPort,
                to: r.inputs.toPort,
                dest: r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4,
            }));
            assert.deepStrictEqual(
                rules.sort((a, b) => a.from - b.from || String(a.sg).localeCompare(String(b.sg))),
                [
                    { sg: appSg, from: 443, to: 443, dest: "0.0.0.0/0" },
                    { sg: appSg, from: 6379, to: 6379, dest: redisSg },
                    { sg: albSg, from: 8000, to: 8000, dest: appSg },
                ],
            );
        });

        it("admits on the ALB only CloudFront's VPC-origin group, which is AWS's, not the stack's", () => {
            const rule = named(run, "chatmrpt-web-alb-from-cloudfront-http");
            assert.deepStrictEqual(
                {
                    cidr4: rule.inputs.cidrIpv4,
                    cidr6: rule.inputs.cidrIpv6,
                    prefixList: rule.inputs.prefixListId,
                    description: rule.inputs.description,
                },
                {
                    cidr4: undefined,
                    cidr6: undefined,
                    prefixList: undefined,
                    description: "HTTP from CloudFront VPC origins",
                },
            );
            assert.match(vpcOriginSg, /^sg-[0-9a-f]{17}$/);
            assert.ok(!ofType(run, "aws:ec2/securityGroup:SecurityGroup").some((g) => g.id === vpcOriginSg));
        });

        it("looks up only the VPC-origin security group, the account ID, the AMI parameter and that image", () => {
            assert.deepStrictEqual(run.invokes.map((i) => [i.token, i.args.name ?? i.args.filters]).sort(), [
                ["aws:ec2/getAmi:getAmi", [{ name: "image-id", values: ["ami-0a1b2c3d4e5f60718"] }]],
                ["aws:ec2/getSecurityGroup:getSecurityGroup", "CloudFront-VPCOrigins-Service-SG"],
                ["aws:index/getCallerIdentity:getCallerIdentity", undefined],
                ["aws:ssm/getParameter:getParameter", "/chatmrpt/prod/app-ami-id"],
            ]);
            // Not a secret: the ID must show in the diff that starts the refresh.
            assert.strictEqual(
                run.invokes.find((i) => i.token === "aws:ssm/getParameter:getParameter")!.args.withDecryption,
                false,
            );
        });

        it("describes every rule", () => {
            for (const r of [...ofType(run, INGRESS), ...ofType(run, EGRESS)])
                assert.ok(r.inputs.description, r.name);
        });
    });

    describe("load balancer", () => {
        it("is internal in the private subnets with header dropping and deletion protection", () => {
            const alb = named(run, "chatmrpt-web-alb");
            const privateSubnets = ["chatmrpt-network-private-1", "chatmrpt-network-private-2"].map(
                (n) => named(run, n, "aws:ec2/subnet:Subnet").id,
            );
            assert.deepStrictEqual(
                {
                    type: alb.inputs.loadBalancerType,
                    internal: alb.inputs.internal,
                    drop: alb.inputs.dropInvalidHeaderFields,
                    protect: alb.inputs.enableDeletionProtection,
                    sgs: alb.inputs.securityGroups,
                    subnets: alb.inputs.subnets,
                    idle: alb.inputs.idleTimeout,
                },
                {
                    type: "application",
                    internal: true,
                    drop: true,
                    protect: true,
                    sgs: [albSg],
                    subnets: privateSubnets,
                    idle: 120,
                },
            );
        });

        it("without a domain, has one HTTP listener on 80 that forwards to the app, and no HTTPS listener or header rule", () => {
            assert.deepStrictEqual(
                ofType(run, "aws:lb/listener:Listener").map((l) => [
                    l.name,
                    l.inputs.port,
                    l.inputs.protocol,
                    l.inputs.sslPolicy,
                    l.inputs.certificateArn,
                ]),
                [["chatmrpt-web-http", 80, "HTTP", undefined, undefined]],
            );
            assert.deepStrictEqual(named(run, "chatmrpt-web-http").inputs.defaultActions, [
                { type: "forward", targetGroupArn: named(run, "chatmrpt-web-tg").outputs.arn },
            ]);
            assert.strictEqual(ofType(run, "aws:lb/listenerRule:ListenerRule").length, 0);
            assert.strictEqual(ALB_TLS_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06");
        });

        it("health-checks /health on the app port and drains for 60 s", () => {
            const tg = named(run, "chatmrpt-web-tg");
            assert.deepStrictEqual(
                {
                    port: tg.inputs.port,
                    protocol: tg.inputs.protocol,
                    path: tg.inputs.healthCheck.path,
                    matcher: tg.inputs.healthCheck.matcher,
                    deregistrationDelay: tg.inputs.deregistrationDelay,
                },
                { port: 8000, protocol: "HTTP", path: "/health", matcher: "200", deregistrationDelay: 60 },
            );
        });

        it("keeps a user on one instance with a day-long ALB cookie while uploads live on instance disks", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-tg").inputs.stickiness, {
                enabled: true,
                type: "lb_cookie",
                cookieDuration: 86400,
            });
        });
    });

    describe("launch template", () => {
        it("requires IMDSv2 with hop limit 1", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.metadataOptions, {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            });
        });

        it("gives no public IP and exactly the app security group", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.networkInterfaces, [
                {
                    deviceIndex: 0,
                    associatePublicIpAddress: "false",
                    deleteOnTermination: "true",
                    securityGroups: [appSg],
                },
            ]);
            assert.strictEqual(named(run, "chatmrpt-web-lt").inputs.vpcSecurityGroupIds, undefined);
        });

        it("has an encrypted 30 GiB gp3 volume on the image's own root device", () => {
            // The prod image (Amazon Linux based) has its root at /dev/xvda, an 8 GiB snapshot.
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.blockDeviceMappings, [
                {
                    deviceName: "/dev/xvda",
                    ebs: {
                        volumeSize: 30,
                        volumeType: "gp3",
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ]);
        });

        it("has no key pair, t3a.large, the literal AMI ID the SSM parameter holds, and the instance profile", () => {
            const lt = named(run, "chatmrpt-web-lt");
            assert.strictEqual(lt.inputs.keyName, undefined);
            assert.strictEqual(lt.inputs.instanceType, "t3a.large");
            assert.strictEqual(lt.inputs.imageId, MOCK_SSM_PARAMETERS["/chatmrpt/prod/app-ami-id"]);
            assert.strictEqual(lt.inputs.imageId, "ami-0a1b2c3d4e5f60718");
            assert.deepStrictEqual(lt.inputs.iamInstanceProfile, {
                arn: named(run, "chatmrpt-web-instance-profile").outputs.arn,
            });
        });

        it("sets unlimited CPU credits deliberately", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.creditSpecification, {
                cpuCredits: "unlimited",
            });
        });

        it("starts the app with 10 workers and the Redis endpoint, fetching the token from SSM", () => {
            const script = Buffer.from(
                named(run, "chatmrpt-web-lt").inputs.userData as string,
                "base64",
            ).toString();
            const endpoint = named(run, "chatmrpt-cache-redis").outputs.primaryEndpointAddress as string;
            assert.ok(script.includes("GUNICORN_WORKERS=10\n"));
            assert.ok(script.includes(`REDIS_HOST=${endpoint}\n`));
            assert.ok(script.includes("--with-decryption --name /chatmrpt/prod/redis/auth-token"));
            assert.ok(
                !script.includes("offline-placeholder-redis-auth-token"),
                "the AUTH token must not be in user data",
            );
        });

        it("writes gunicorn's workers, worker timeout and keep-alive into the env file", () => {
            assert.ok(
                userData(run).includes('\nGUNICORN_CMD_ARGS="--workers 10 --timeout 75 --keep-alive 125"\n'),
            );
        });

        it("orders the timeouts: CloudFront read ≤ ALB idle < keep-alive; worker timeout ≥ CloudFront read; drain within it and 120 s", () => {
            const args = /GUNICORN_CMD_ARGS="--workers (\d+) --timeout (\d+) --keep-alive (\d+)"/.exec(
                userData(run),
            )!;
            const [workerTimeout, keepAlive] = [Number(args[2]), Number(args[3])];
            const albIdle = named(run, "chatmrpt-web-alb").inputs.idleTimeout as number;
            const cloudFrontRead = (named(run, "chatmrpt-cdn-distribution").inputs.origins as any[]).find(
                (o) => o.originId === "app",
            ).vpcOriginConfig.originReadTimeout as number;
            const drain = named(run, "chatmrpt-web-tg").inputs.deregistrationDelay as number;
            assert.deepStrictEqual(
                { cloudFrontRead, albIdle, keepAlive, workerTimeout, drain },
                { cloudFrontRead: 60, albIdle: 120, keepAlive: 125, workerTimeout: 75, drain: 60 },
            );
            assert.ok(cloudFrontRead <= albIdle && albIdle < keepAlive);
            assert.ok(workerTimeout >= cloudFrontRead);
            assert.ok(drain >= cloudFrontRead && drain <= 120);
        });

        it("bounds the boot-time SSM fetch well inside the health-check grace period", () => {
            const script = userData(run);
            assert.ok(script.includes("for attempt in $(seq 1 6); do\n"));
            assert.ok(
                script.includes(
                    "timeout 20 aws ssm get-parameter --cli-connect-timeout 5 --cli-read-timeout 10 --region us-east-2 --with-decryption --name /chatmrpt/prod/redis/auth-token",
                ),
            );
            assert.strictEqual(SSM_FETCH_BOUND_SECONDS, 6 * 20 + 5 * 10);
            assert.ok(SSM_FETCH_BOUND_SECONDS < named(run, "chatmrpt-web-asg").inputs.healthCheckGracePeriod);
        });

        it("gives up (exit 1) after 6 attempts when SSM never answers, instead of hanging", () => {
            const result = runSsmFetch(userData(run), "exit 255");
            assert.strictEqual(result.status, 1, result.stderr);
            assert.strictEqual(
                fs.readFileSync(path.join(result.dir, "calls"), "utf8").trim().split("\n").length,
                6,
            );
            assert.match(result.stderr, /SSM unreachable, giving up/);
        });

        it("goes on after a failed attempt once SSM answers", () => {
            const result = runSsmFetch(
                userData(run),
                'if [ -f "$STUB/once" ]; then echo token-value; else touch "$STUB/once"; exit 255; fi',
            );
            assert.strictEqual(result.status, 0, result.stderr);
            assert.strictEqual(result.stdout.trim(), "token-value");
        });
    });

    describe("Auto Scaling group", () => {
        it("runs 2 instances in the two private subnets with ELB health checks and a grace period", () => {
            const asg = named(run, "chatmrpt-web-asg");
            const privateSubnets = ["chatmrpt-network-private-1", "chatmrpt-network-private-2"].map(
                (n) => named(run, n, "aws:ec2/subnet:Subnet").id,
            );
            assert.deepStrictEqual(
                {
                    min: asg.inputs.minSize,
                    max: asg.inputs.maxSize,
                    desired: asg.inputs.desiredCapacity,
                    subnets: asg.inputs.vpcZoneIdentifiers,
                    check: asg.inputs.healthCheckType,
                    grace: asg.inputs.healthCheckGracePeriod,
                    tgs: asg.inputs.targetGroupArns,
                },
                {
                    min: 2,
                    max: 4,
                    desired: 2,
                    subnets: privateSubnets,
                    check: "ELB",
                    grace: 300,
                    tgs: [named(run, "chatmrpt-web-tg").outputs.arn],
                },
            );
        });

        it("makes `up` creating the group wait for 2 instances healthy in the target group, for at most 10 minutes", () => {
            const asg = named(run, "chatmrpt-web-asg");
            // Not waitForElbCapacity: on updates it waits for exactly N healthy, never true mid-refresh or scaled out.
            assert.deepStrictEqual(
                {
                    min: asg.inputs.minElbCapacity,
                    timeout: asg.inputs.waitForCapacityTimeout,
                    exact: asg.inputs.waitForElbCapacity,
                },
                { min: 2, timeout: "10m", exact: undefined },
            );
            // The wait can only end once the listener forwards to the target group.
            assert.ok(asg.dependencies.includes(named(run, "chatmrpt-web-http").urn));
        });

        it("refreshes instances on a rolling basis, launching before terminating", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-asg").inputs.instanceRefresh, {
                strategy: "Rolling",
                preferences: {
                    minHealthyPercentage: 100,
                    maxHealthyPercentage: 200,
                    instanceWarmup: "300",
                    autoRollback: false,
                },
            });
        });

        it("uses the launch template's latest version and leaves the desired count to scaling", () => {
            const asg = named(run, "chatmrpt-web-asg");
            assert.deepStrictEqual(asg.inputs.launchTemplate, {
                id: named(run, "chatmrpt-web-lt").id,
                version: "1",
            });
            assert.deepStrictEqual(asg.ignoreChanges, ["desiredCapacity"]);
        });

        it("tracks ALB requests per instance at 42 a minute (10 workers × 60 / 10 s × 70 %)", () => {
            const policy = named(run, "chatmrpt-web-request-tracking");
            const label = `${named(run, "chatmrpt-web-alb").outputs.arnSuffix}/${named(run, "chatmrpt-web-tg").outputs.arnSuffix}`;
            assert.match(
                label,
                /^app\/chatmrpt-web-alb-[0-9a-f]+\/[0-9a-f]{16}\/targetgroup\/chatmrpt-web-tg-[0-9a-f]+\/[0-9a-f]{16}$/,
            );
            assert.deepStrictEqual(
                {
                    type: policy.inputs.policyType,
                    group: policy.inputs.autoscalingGroupName,
                    config: policy.inputs.targetTrackingConfiguration,
                },
                {
                    type: "TargetTrackingScaling",
                    group: named(run, "chatmrpt-web-asg").outputs.name,
                    config: {
                        predefinedMetricSpecification: {
                            predefinedMetricType: "ALBRequestCountPerTarget",
                            resourceLabel: label,
                        },
                        targetValue: 42,
                    },
                },
            );
            assert.strictEqual(42, Math.floor(((10 * 60) / 10) * REQUEST_TARGET_UTILIZATION));
        });

        it("tracks 30 % average CPU as a second policy, t3.large's baseline", () => {
            const policy = named(run, "chatmrpt-web-cpu-tracking");
            assert.strictEqual(policy.inputs.policyType, "TargetTrackingScaling");
            assert.deepStrictEqual(policy.inputs.targetTrackingConfiguration, {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: 30,
            });
            assert.strictEqual(BURSTABLE_BASELINES["t3.large"].baselinePercent, 30);
        });

        it("derives the request target from the workers and the answer time", () => {
            assert.deepStrictEqual(
                [
                    [10, 10],
                    [10, 20],
                    [4, 30],
                    [20, 5],
                    [1, 600],
                ].map(([w, s]) => requestsPerTargetPerMinute(w, s)),
                [42, 21, 5, 168, 1],
            );
        });
    });

    describe("instance role", () => {
        it("is assumable by EC2 only", () => {
            assert.deepStrictEqual(
                JSON.parse(named(run, "chatmrpt-web-instance-role").inputs.assumeRolePolicy as string),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "ec2.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                },
            );
        });

        it("gets Session Manager and nothing else managed", () => {
            const role = named(run, "chatmrpt-web-instance-role");
            const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(
                (a) => a.inputs.role === role.outputs.name,
            );
            assert.deepStrictEqual(
                attached.map((a) => a.inputs.policyArn),
                ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"],
            );
        });

        it("may read the AUTH token parameter and read/write the uploads bucket, nothing else", () => {
            const policy = JSON.parse(named(run, "chatmrpt-web-app-access").inputs.policy as string);
            const param = named(run, "chatmrpt-cache-auth-token").outputs.arn;
            const bucket = named(run, "chatmrpt-uploads-bucket").outputs.arn;
            assert.deepStrictEqual(policy, {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ReadRedisAuthToken",
                        Effect: "Allow",
                        Action: ["ssm:GetParameter"],
                        Resource: [param],
                    },
                    { Sid: "ListUploads", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucket] },
                    {
                        Sid: "ReadWriteUploads",
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                        Resource: [`${bucket}/*`],
                    },
                ],
            });
            for (const statement of policy.Statement) {
                for (const action of statement.Action) assert.ok(!action.includes("*"), action);
                for (const resource of statement.Resource) assert.notStrictEqual(resource, "*");
            }
        });

        it("may read only the AUTH token parameter without uploads configured", async () => {
            const policy = JSON.parse(
                (await resolve(appAccessPolicy("arn:aws:ssm:us-east-2:123456789012:parameter/p")))!,
            );
            assert.deepStrictEqual(policy.Statement, [
                {
                    Sid: "ReadRedisAuthToken",
                    Effect: "Allow",
                    Action: ["ssm:GetParameter"],
                    Resource: ["arn:aws:ssm:us-east-2:123456789012:parameter/p"],
                },
            ]);
        });
    });

    describe("validation", () => {
        const ok = {
            minSize: 2,
            maxSize: 4,
            desiredCapacity: 2,
            appPort: 8000,
            appWorkers: 10,
            healthCheckPath: "/health",
            ami: "ami-0123456789abcdef0",
            privateSubnetCount: 2,
            instanceType: "t3.large",
            cpuCredits: "unlimited",
            cpuTargetPercent: 30,
            typicalAnswerSeconds: 10,
            gracePeriod: 300,
            stickinessSeconds: 86400,
            albIdleTimeoutSeconds: 120,
            originReadTimeoutSeconds: 60,
            appWorkerTimeoutSeconds: 75,
            appKeepAliveSeconds: 125,
            deregistrationDelaySeconds: 60,
        };
        const cases: [string, Partial<typeof ok>, string][] = [
            ["minSize > maxSize", { minSize: 5 }, "minSize (5) must be <= maxSize (4)"],
            [
                "desired outside the range",
                { desiredCapacity: 7 },
                "desiredCapacity (7) must be between minSize (2) and maxSize (4)",
            ],
            [
                "the Redis port as app port",
                { appPort: 6379 },
                "appPort (6379) must be a whole number from 1024 to 65535, not 6379",
            ],
            [
                "one private subnet",
                { privateSubnetCount: 1 },
                "privateSubnetIds (1 given) must hold at least 2 subnets",
            ],
            [
                "a relative health check path",
                { healthCheckPath: "health" },
                "healthCheckPath (health) must start with /",
            ],
            [
                "standard credits with a target above the baseline",
                { cpuCredits: "standard", cpuTargetPercent: 60 },
                "cpuTargetPercent (60) must be <= 30, the baseline of t3.large, with cpuCredits standard",
            ],
            [
                "an unknown credit mode",
                { cpuCredits: "burst" },
                "cpuCredits (burst) must be standard or unlimited",
            ],
            [
                "a keep-alive the ALB outlasts",
                { appKeepAliveSeconds: 60 },
                "appKeepAliveSeconds (60) must be > albIdleTimeoutSeconds (120)",
            ],
            [
                "a worker timeout below CloudFront's",
                { appWorkerTimeoutSeconds: 59 },
                "appWorkerTimeoutSeconds (59) must be >= originReadTimeoutSeconds (60)",
            ],
            [
                "a drain past the rollback budget",
                { deregistrationDelaySeconds: 121 },
                "deregistrationDelaySeconds (121) must be from originReadTimeoutSeconds (60) to 120 (the rollback budget)",
            ],
            [
                "a grace period shorter than the SSM fetch",
                { gracePeriod: 170 },
                "healthCheckGracePeriodSeconds (170) must be > 170, the longest boot-time SSM fetch",
            ],
        ];
        it("accepts the prod shape", () => assert.doesNotThrow(() => validateWebTierArgs(ok)));
        it("accepts standard credits at the baseline, and any target on a non-burstable type", () => {
            assert.doesNotThrow(() =>
                validateWebTierArgs({ ...ok, cpuCredits: "standard", cpuTargetPercent: 30 }),
            );
            assert.doesNotThrow(() =>
                validateWebTierArgs({
                    ...ok,
                    instanceType: "m6i.large",
                    cpuCredits: "standard",
                    cpuTargetPercent: 60,
                }),
            );
        });
        for (const [what, change, message] of cases) {
            it(`fails on ${what}`, () =>
                assert.throws(() => validateWebTierArgs({ ...ok, ...change }), { message }));
        }
    });
});

/** One WebTier alone under the mocks (much quicker than the whole stack), with `args` over a working set. */
function runWebTier(args: Partial<WebTierArgs>): Promise<OfflineRun<WebTier>> {
    return runOffline(
        () =>
            new WebTier("t", {
                vpcId: "vpc-0123456789abcdef0",
                privateSubnetIds: ["subnet-0123456789abcdef2", "subnet-0123456789abcdef3"],
                ami: "ssm:/chatmrpt/prod/app-ami-id",
                redisEndpoint: "master.redis.example",
                redisSecurityGroupId: "sg-0123456789abcdef0",
                redisAuthTokenParameter: {
                    name: "/p",
                    arn: "arn:aws:ssm:us-east-2:123456789012:parameter/p",
                },
                region: "us-east-2",
                ...args,
            }),
        { config: { "aws:region": "us-east-2" }, withStack: false },
    );
}

describe("WebTier images: rollouts and rollbacks", () => {
    it("rolls back by pinning the previous literal AMI: no parameter read, that image in the template", async () => {
        const run = await runWebTier({ ami: "ami-0123456789abcdef0" });
        assert.strictEqual(run.error, undefined);
        assert.strictEqual(named(run, "t-lt").inputs.imageId, "ami-0123456789abcdef0");
        assert.deepStrictEqual(
            run.invokes
                .filter((i) => i.token !== "aws:ec2/getManagedPrefixList:getManagedPrefixList")
                .map((i) => [i.token, i.args.filters]),
            [["aws:ec2/getAmi:getAmi", [{ name: "image-id", values: ["ami-0123456789abcdef0"] }]]],
        );
        // The group is on a numbered version of the template, which the refresh rolls out.
        assert.strictEqual(named(run, "t-asg").inputs.launchTemplate.version, "1");
    });

    it("puts a newly published ID into the template (a diff, so a refresh) with that image's root device", async () => {
        const before = MOCK_SSM_PARAMETERS["/chatmrpt/prod/app-ami-id"];
        MOCK_SSM_PARAMETERS["/chatmrpt/prod/app-ami-id"] = "ami-0fedcba9876543210"; // an Ubuntu-based build
        try {
            const run = await runWebTier({});
            assert.strictEqual(run.error, undefined);
            const lt = named(run, "t-lt");
            assert.strictEqual(lt.inputs.imageId, "ami-0fedcba9876543210");
            // Ubuntu's root is /dev/sda1: a /dev/xvda mapping would add a second, unused volume.
            assert.deepStrictEqual(lt.inputs.blockDeviceMappings, [
                {
                    deviceName: "/dev/sda1",
                    ebs: {
                        volumeSize: 30,
                        volumeType: "gp3",
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ]);
        } finally {
            MOCK_SSM_PARAMETERS["/chatmrpt/prod/app-ami-id"] = before;
        }
    });

    it("fails the deploy, naming the key, when the root volume is smaller than the image's snapshot", async () => {
        const run = await runWebTier({ ami: "ami-0fedcba9876543210", rootVolumeSizeGiB: 16 });
        assert.strictEqual(
            errorOf(run),
            'error serializing property "blockDeviceMappings": rootVolumeSizeGiB (16) must be >= 20, the root snapshot size of ami-0fedcba9876543210 (ami-0fedcba9876543210, /dev/sda1); raise chatmrpt:rootVolumeSizeGiB',
        );
        // No launch template, so no group either: nothing boots with a root EC2 would refuse.
        assert.deepStrictEqual(
            run.resources.filter((r) => /launchTemplate|autoscaling/.test(r.type)).map((r) => r.name),
            [],
        );
    });

    it("fails when the AMI parameter or the image does not exist, as AWS would", () => {
        assert.throws(
            () =>
                mockInvoke(
                    "aws:ssm/getParameter:getParameter",
                    { name: "/chatmrpt/prod/missing" },
                    "us-east-2",
                ),
            { message: "reading SSM Parameter (/chatmrpt/prod/missing): ParameterNotFound" },
        );
        assert.throws(
            () =>
                mockInvoke(
                    "aws:ec2/getAmi:getAmi",
                    { filters: [{ name: "image-id", values: ["ami-00000000"] }] },
                    "us-east-2",
                ),
            /Your query returned no results/,
        );
    });

    it("sets no credit option on a non-burstable type (EC2 refuses one)", async () => {
        const m6i = await runWebTier({ instanceType: "m6i.large", cpuTargetPercent: 60 });
        assert.strictEqual(named(m6i, "t-lt").inputs.creditSpecification, undefined);
    });

    it("sets standard credits when asked, and turns stickiness off with stickinessSeconds 0 (once uploads live in the bucket)", async () => {
        const run = await runWebTier({ cpuCredits: "standard", cpuTargetPercent: 25, stickinessSeconds: 0 });
        assert.deepStrictEqual(named(run, "t-lt").inputs.creditSpecification, { cpuCredits: "standard" });
        assert.deepStrictEqual(named(run, "t-tg").inputs.stickiness, { enabled: false, type: "lb_cookie" });
    });
});
