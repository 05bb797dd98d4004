import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cache } from "../components/cache";
import { Monitoring, MonitoringArgs } from "../components/monitoring";
import { Network } from "../components/network";
import { OfflineRun, runOffline } from "../offline/engine/mockRuntime";

/** A component built alone under the mocks, in us-east-2. */
function alone(build: () => unknown): Promise<OfflineRun<unknown>> {
    return runOffline(build, { config: { "aws:region": "us-east-2" }, withStack: false });
}

/** A value another resource would produce: an Output, not a string. */
const later = (value: string): pulumi.Output<string> => pulumi.output(Promise.resolve(value));

function monitoringArgs(alertEmails: pulumi.Input<string>[]): MonitoringArgs {
    return {
        albArnSuffix: later("app/chatmrpt-web-alb/0123456789abcdef"),
        targetGroupArnSuffix: later("targetgroup/chatmrpt-web-tg/0123456789abcdef"),
        autoScalingGroupName: later("chatmrpt-web-asg"),
        minInstances: 2,
        redisReplicationGroupId: later("chatmrpt-cache-redis"),
        redisNodes: 2,
        redisNodeType: "cache.t3.small",
        cloudFrontDistributionId: later("E2EXAMPLE12345"),
        usEast1Provider: new aws.Provider("us-east-1", { region: "us-east-1" }),
        alertEmails,
        region: "us-east-2",
        endpointCanary: {
            canaryName: later("chatmrpt-endpoints"),
            stepNames: ["root"],
            intervalMinutes: 15,
            latencyMetricName: "TimeToFirstByte",
        },
        webAclMetricName: later("chatmrpt-waf"),
    };
}

describe("component args take another resource's outputs (pulumi.Input), as awsx does", () => {
    it("Network adopts a VPC whose IDs and region are Outputs", async () => {
        const run = await alone(
            () =>
                new Network("n", {
                    vpcId: later("vpc-0123456789abcdef0"),
                    publicSubnetIds: [later("subnet-1"), later("subnet-2")],
                    privateSubnetIds: [later("subnet-3"), later("subnet-4")],
                    privateRouteTableIds: [later("rtb-1")],
                    region: later("us-east-2"),
                }),
        );
        assert.strictEqual(run.error, undefined);
        const endpoint = run.resources.find((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")!;
        assert.deepStrictEqual(
            [endpoint.inputs.vpcId, endpoint.inputs.serviceName, endpoint.inputs.routeTableIds],
            ["vpc-0123456789abcdef0", "com.amazonaws.us-east-2.s3", ["rtb-1"]],
        );
    });

    it("Network still counts an Output subnet list's entries (the list itself is plain)", () => {
        assert.throws(
            () =>
                new Network("n", {
                    vpcId: later("vpc-1"),
                    publicSubnetIds: [later("subnet-1")],
                    region: "x",
                }),
            /^Error: publicSubnetIds \(1 given\) must list at least 2 subnets when vpcId is given$/,
        );
    });

    it("Monitoring alarms on Output names, and sends to an Output address once it resolves", async () => {
        const run = await alone(() => new Monitoring("m", monitoringArgs([later("ops@mrpt-health.org")])));
        assert.strictEqual(run.error, undefined);
        const waf = run.resources.find((r) => r.name === "m-waf-blocked")!;
        assert.deepStrictEqual(waf.inputs.dimensions, { WebACL: "chatmrpt-waf", Rule: "ALL" });
        const failed = run.resources.find((r) => r.name === "m-endpoints-failed")!;
        assert.deepStrictEqual(failed.inputs.dimensions, { CanaryName: "chatmrpt-endpoints" });
        const subscriptions = run.resources.filter(
            (r) => r.type === "aws:sns/topicSubscription:TopicSubscription",
        );
        assert.deepStrictEqual(
            subscriptions.map((s) => s.inputs.endpoint),
            ["ops@mrpt-health.org", "ops@mrpt-health.org"],
        );
    });

    it("Monitoring refuses a plain bad address up front, and an Output one when it resolves", async () => {
        assert.throws(
            () => new Monitoring("m", monitoringArgs(["not-an-address"])),
            /alertEmails \(not-an-address\) must be an email address/,
        );
        const run = await alone(() => new Monitoring("m", monitoringArgs([later("not-an-address")])));
        assert.match(String(run.error), /alertEmails \(not-an-address\) must be an email address/);
        assert.ok(!run.resources.some((r) => r.type === "aws:sns/topicSubscription:TopicSubscription"));
    });

    it("Cache checks a seed snapshot given as an Output when it resolves", async () => {
        const args = {
            vpcId: later("vpc-1"),
            subnetIds: [later("subnet-3"), later("subnet-4")],
            authToken: pulumi.secret("offline-placeholder-redis-auth-token"),
        };
        const good = await alone(
            () => new Cache("c", { ...args, seedSnapshotName: later("chatmrpt-redis-production-cutover") }),
        );
        assert.strictEqual(good.error, undefined);
        const group = good.resources.find(
            (r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup",
        )!;
        assert.strictEqual(group.inputs.snapshotName, "chatmrpt-redis-production-cutover");
        const arn = "arn:aws:elasticache:us-east-2:123456789012:snapshot:x";
        const bad = await alone(() => new Cache("c", { ...args, seedSnapshotName: later(arn) }));
        assert.match(
            String(bad.error),
            /seedSnapshotName \(arn:aws:elasticache.*\) must be the snapshot's name, not its ARN/,
        );
    });
});
