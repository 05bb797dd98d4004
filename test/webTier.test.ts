import * as assert from "assert";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { ALB_TLS_POLICY, appAccessPolicy, validateWebTierArgs } from "../components/webTier";
import { resolve } from "../offline/engine/mockRuntime";
import { named, ofType, runProd } from "./helpers";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

describe("WebTier (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let albSg: string, appSg: string, redisSg: string, vpcOriginSg: string;
    before(async () => {
        run = await runProd();
        assert.strictEqual(run.error, undefined);
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
                sg: r.inputs.securityGroupId, from: r.inputs.fromPort, to: r.inputs.toPort, protocol: r.inputs.ipProtocol,
                source: r.inputs.referencedSecurityGroupId ?? r.inputs.prefixListId ?? r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6,
            }));
            assert.deepStrictEqual(rules.sort((a, b) => a.from - b.from), [
                { sg: albSg, from: 80, to: 80, protocol: "tcp", source: vpcOriginSg },
                { sg: redisSg, from: 6379, to: 6379, protocol: "tcp", source: appSg },
                { sg: appSg, from: 8000, to: 8000, protocol: "tcp", source: albSg },
            ]);
        });

        it("has exactly these egress rules in the whole stack", () => {
            const rules = ofType(run, EGRESS).map((r) => ({
                sg: r.inputs.securityGroupId, from: r.inputs.fromPort, to: r.inputs.toPort,
                dest: r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4,
            }));
            assert.deepStrictEqual(rules.sort((a, b) => a.from - b.from || String(a.sg).localeCompare(String(b.sg))), [
                { sg: appSg, from: 443, to: 443, dest: "0.0.0.0/0" },
                { sg: appSg, from: 6379, to: 6379, dest: redisSg },
                { sg: albSg, from: 8000, to: 8000, dest: appSg },
            ]);
        });

        it("admits on the ALB only CloudFront's VPC-origin group, which is AWS's, not the stack's", () => {
            const rule = named(run, "chatmrpt-web-alb-from-cloudfront-http");
            assert.deepStrictEqual(
                { cidr4: rule.inputs.cidrIpv4, cidr6: rule.inputs.cidrIpv6, prefixList: rule.inputs.prefixListId, description: rule.inputs.description },
                { cidr4: undefined, cidr6: undefined, prefixList: undefined, description: "HTTP from CloudFront VPC origins" });
            assert.match(vpcOriginSg, /^sg-[0-9a-f]{17}$/);
            assert.ok(!ofType(run, "aws:ec2/securityGroup:SecurityGroup").some((g) => g.id === vpcOriginSg));
        });

        it("looks up only the VPC-origin security group and the account ID", () => {
            assert.deepStrictEqual(run.invokes.map((i) => [i.token, i.args.name]).sort(), [
                ["aws:ec2/getSecurityGroup:getSecurityGroup", "CloudFront-VPCOrigins-Service-SG"],
                ["aws:index/getCallerIdentity:getCallerIdentity", undefined],
            ]);
        });

        it("describes every rule", () => {
            for (const r of [...ofType(run, INGRESS), ...ofType(run, EGRESS)]) assert.ok(r.inputs.description, r.name);
        });
    });

    describe("load balancer", () => {
        it("is internal in the private subnets with header dropping and deletion protection", () => {
            const alb = named(run, "chatmrpt-web-alb");
            const privateSubnets = ["chatmrpt-network-private-1", "chatmrpt-network-private-2"].map((n) => named(run, n, "aws:ec2/subnet:Subnet").id);
            assert.deepStrictEqual(
                { type: alb.inputs.loadBalancerType, internal: alb.inputs.internal, drop: alb.inputs.dropInvalidHeaderFields, protect: alb.inputs.enableDeletionProtection, sgs: alb.inputs.securityGroups, subnets: alb.inputs.subnets, idle: alb.inputs.idleTimeout },
                { type: "application", internal: true, drop: true, protect: true, sgs: [albSg], subnets: privateSubnets, idle: 120 });
        });

        it("without a domain, has one HTTP listener on 80 that forwards to the app, and no HTTPS listener or header rule", () => {
            assert.deepStrictEqual(ofType(run, "aws:lb/listener:Listener").map((l) => [l.name, l.inputs.port, l.inputs.protocol, l.inputs.sslPolicy, l.inputs.certificateArn]),
                [["chatmrpt-web-http", 80, "HTTP", undefined, undefined]]);
            assert.deepStrictEqual(named(run, "chatmrpt-web-http").inputs.defaultActions, [{ type: "forward", targetGroupArn: named(run, "chatmrpt-web-tg").outputs.arn }]);
            assert.strictEqual(ofType(run, "aws:lb/listenerRule:ListenerRule").length, 0);
            assert.strictEqual(ALB_TLS_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06");
        });

        it("health-checks /health on the app port", () => {
            const tg = named(run, "chatmrpt-web-tg");
            assert.deepStrictEqual(
                { port: tg.inputs.port, protocol: tg.inputs.protocol, path: tg.inputs.healthCheck.path, matcher: tg.inputs.healthCheck.matcher, deregistrationDelay: tg.inputs.deregistrationDelay },
                { port: 8000, protocol: "HTTP", path: "/health", matcher: "200", deregistrationDelay: 30 });
        });
    });

    describe("launch template", () => {
        it("requires IMDSv2 with hop limit 1", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.metadataOptions,
                { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
        });

        it("gives no public IP and exactly the app security group", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.networkInterfaces,
                [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [appSg] }]);
            assert.strictEqual(named(run, "chatmrpt-web-lt").inputs.vpcSecurityGroupIds, undefined);
        });

        it("has an encrypted 30 GiB gp3 root volume", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-lt").inputs.blockDeviceMappings,
                [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }]);
        });

        it("has no key pair, t3.large, the AMI from SSM and the instance profile", () => {
            const lt = named(run, "chatmrpt-web-lt");
            assert.strictEqual(lt.inputs.keyName, undefined);
            assert.strictEqual(lt.inputs.instanceType, "t3.large");
            assert.strictEqual(lt.inputs.imageId, "resolve:ssm:/chatmrpt/prod/app-ami-id");
            assert.deepStrictEqual(lt.inputs.iamInstanceProfile, { arn: named(run, "chatmrpt-web-instance-profile").outputs.arn });
        });

        it("starts the app with 10 workers and the Redis endpoint, fetching the token from SSM", () => {
            const script = Buffer.from(named(run, "chatmrpt-web-lt").inputs.userData as string, "base64").toString();
            const endpoint = named(run, "chatmrpt-cache-redis").outputs.primaryEndpointAddress as string;
            assert.ok(script.includes("GUNICORN_WORKERS=10\n"));
            assert.ok(script.includes(`REDIS_HOST=${endpoint}\n`));
            assert.ok(script.includes("--with-decryption --name /chatmrpt/prod/redis/auth-token"));
            assert.ok(!script.includes("offline-placeholder-redis-auth-token"), "the AUTH token must not be in user data");
        });
    });

    describe("Auto Scaling group", () => {
        it("runs 2 instances in the two private subnets with ELB health checks and a grace period", () => {
            const asg = named(run, "chatmrpt-web-asg");
            const privateSubnets = ["chatmrpt-network-private-1", "chatmrpt-network-private-2"].map((n) => named(run, n, "aws:ec2/subnet:Subnet").id);
            assert.deepStrictEqual(
                { min: asg.inputs.minSize, max: asg.inputs.maxSize, desired: asg.inputs.desiredCapacity, subnets: asg.inputs.vpcZoneIdentifiers, check: asg.inputs.healthCheckType, grace: asg.inputs.healthCheckGracePeriod, tgs: asg.inputs.targetGroupArns },
                { min: 2, max: 4, desired: 2, subnets: privateSubnets, check: "ELB", grace: 300, tgs: [named(run, "chatmrpt-web-tg").outputs.arn] });
        });

        it("refreshes instances on a rolling basis, launching before terminating", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-asg").inputs.instanceRefresh,
                { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: "300", autoRollback: true } });
        });

        it("uses the launch template's latest version and leaves the desired count to scaling", () => {
            const asg = named(run, "chatmrpt-web-asg");
            assert.deepStrictEqual(asg.inputs.launchTemplate, { id: named(run, "chatmrpt-web-lt").id, version: "1" });
            assert.deepStrictEqual(asg.ignoreChanges, ["desiredCapacity"]);
        });

        it("tracks 60 % average CPU", () => {
            const policy = named(run, "chatmrpt-web-cpu-tracking");
            assert.strictEqual(policy.inputs.policyType, "TargetTrackingScaling");
            assert.deepStrictEqual(policy.inputs.targetTrackingConfiguration,
                { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 });
        });
    });

    describe("instance role", () => {
        it("is assumable by EC2 only", () => {
            assert.deepStrictEqual(JSON.parse(named(run, "chatmrpt-web-instance-role").inputs.assumeRolePolicy as string), {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
        });

        it("gets Session Manager and nothing else managed", () => {
            const role = named(run, "chatmrpt-web-instance-role");
            const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.outputs.name);
            assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
        });

        it("may read the AUTH token parameter and read/write the uploads bucket, nothing else", () => {
            const policy = JSON.parse(named(run, "chatmrpt-web-app-access").inputs.policy as string);
            const param = named(run, "chatmrpt-cache-auth-token").outputs.arn;
            const bucket = named(run, "chatmrpt-uploads-bucket").outputs.arn;
            assert.deepStrictEqual(policy, {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadRedisAuthToken", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [param] },
                    { Sid: "ListUploads", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucket] },
                    { Sid: "ReadWriteUploads", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${bucket}/*`] },
                ],
            });
            for (const statement of policy.Statement) {
                for (const action of statement.Action) assert.ok(!action.includes("*"), action);
                for (const resource of statement.Resource) assert.notStrictEqual(resource, "*");
            }
        });

        it("may read only the AUTH token parameter without uploads configured", async () => {
            const policy = JSON.parse((await resolve(appAccessPolicy("arn:aws:ssm:us-east-2:123456789012:parameter/p")))!);
            assert.deepStrictEqual(policy.Statement, [
                { Sid: "ReadRedisAuthToken", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: ["arn:aws:ssm:us-east-2:123456789012:parameter/p"] },
            ]);
        });
    });

    describe("validation", () => {
        const ok = { minSize: 2, maxSize: 4, desiredCapacity: 2, appPort: 8000, appWorkers: 10, healthCheckPath: "/health", ami: "ami-0123456789abcdef0", privateSubnetCount: 2 };
        const cases: [string, Partial<typeof ok>, string][] = [
            ["minSize > maxSize", { minSize: 5 }, "minSize (5) must be <= maxSize (4)"],
            ["desired outside the range", { desiredCapacity: 7 }, "desiredCapacity (7) must be between minSize (2) and maxSize (4)"],
            ["the Redis port as app port", { appPort: 6379 }, "appPort (6379) must be a whole number from 1024 to 65535, not 6379"],
            ["one private subnet", { privateSubnetCount: 1 }, "privateSubnetIds (1 given) must hold at least 2 subnets"],
            ["a relative health check path", { healthCheckPath: "health" }, "healthCheckPath (health) must start with /"],
        ];
        it("accepts the prod shape", () => assert.doesNotThrow(() => validateWebTierArgs(ok)));
        for (const [what, change, message] of cases) {
            it(`fails on ${what}`, () => assert.throws(() => validateWebTierArgs({ ...ok, ...change }), { message }));
        }
    });
});
