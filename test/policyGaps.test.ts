import * as assert from "assert";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { maxIntervalHours } from "../policies/lib/backupSchedule";
import { chatMrptPolicies } from "../policies/pack";
import { recordedResource } from "./helpers";
import { ids, loadIds, SAFE_INSTANCE, TAGS } from "./mistakes/mistake";
import { assertSharedRecordsUnchanged, Mutator, prodBaseline, TODAY } from "./policyHarness";

/** The policy SDK's unknown sentinels and its unknown-checking proxy (internal, so untyped). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownArrayValue, unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as {
    unknownArrayValue: unknown;
    unknownStringValue: unknown;
    unknownCheckingProxy: <T extends object>(props: T) => T;
};

/**
 * Makes `property` unknown as a preview does for a resource the change adds or replaces:
 * the SDK's own sentinel behind the SDK's own unknown-checking proxy, which throws on read.
 */
function unknownAt(r: RecordedResource, property: string): void {
    const sentinel = Array.isArray(r.inputs[property]) ? unknownArrayValue : unknownStringValue;
    const mutable = r as { inputs: Record<string, any>; outputs: Record<string, any> };
    mutable.inputs = unknownCheckingProxy({ ...r.inputs, [property]: sentinel });
    mutable.outputs = unknownCheckingProxy({ ...r.outputs, [property]: sentinel });
}

/** Runs the pack over prod after `mutate`, then makes the listed properties unknown (no cloning after that). */
async function preview(
    mutate: (m: Mutator) => void,
    unknowns: [string, string][],
): Promise<{ policy: string; message: string }[]> {
    const m = new Mutator((await prodBaseline()).resources);
    mutate(m);
    for (const [name, property] of unknowns) unknownAt(m.get(name), property);
    const evaluation = await evaluatePolicies(chatMrptPolicies({ now: () => TODAY }), m.result(), {
        packEnforcementLevel: "mandatory",
        defaultRegion: "us-east-2",
        project: "chatmrpt",
        stack: "prod",
    });
    return evaluation.violations.map((v) => ({ policy: v.policy, message: v.message }));
}

describe("policy pack: decisions a preview can make", () => {
    // Each preview edits copies: the prod records the tests share must come out as they went in.
    after(assertSharedRecordsUnchanged);

    before(loadIds);

    it("blocks a spot request with another security group while its group IDs are unknown", async () => {
        const found = await preview(
            (m) =>
                m.add("chatmrpt-web-lt", {
                    name: "chatmrpt-app-spot",
                    type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                    props: { ...SAFE_INSTANCE, vpcSecurityGroupIds: ["x"] },
                    propertyDependencies: { vpcSecurityGroupIds: [m.get("chatmrpt-cache-sg").urn] },
                }),
            [["chatmrpt-app-spot", "vpcSecurityGroupIds"]],
        );
        assert.deepStrictEqual(found, [
            {
                policy: "app-tier-single-security-group-set",
                message:
                    'chatmrpt-app-spot (SpotInstanceRequest) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-cache-sg"]',
            },
        ]);
    });
    it("blocks a forwarding rule added to an internet-facing ALB's HTTP listener while the listener's ARN is unknown", async () => {
        const found = await preview(
            (m) =>
                m
                    .set("chatmrpt-web-alb", "internal", false)
                    .set("chatmrpt-web-http", "defaultActions", [
                        {
                            type: "redirect",
                            redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
                        },
                    ])
                    .add("chatmrpt-web-http", {
                        name: "chatmrpt-web-api-rule",
                        type: "aws:lb/listenerRule:ListenerRule",
                        props: {
                            listenerArn: "later",
                            priority: 10,
                            actions: [{ type: "forward" }],
                            tags: TAGS,
                        },
                        propertyDependencies: { listenerArn: [m.get("chatmrpt-web-http").urn] },
                    }),
            [
                ["chatmrpt-web-api-rule", "listenerArn"],
                ["chatmrpt-web-http", "arn"],
            ],
        );
        assert.deepStrictEqual(
            found.filter((f) => f.policy === "alb-listener-rules-https"),
            [
                {
                    policy: "alb-listener-rules-https",
                    message:
                        'listener rule chatmrpt-web-api-rule on HTTP listener chatmrpt-web-http must only redirect to HTTPS unless its load balancer is internal; found actions ["forward"] on internet-facing chatmrpt-web-alb',
                },
            ],
        );
    });
    it("blocks an Elastic IP on an instance whose ID is unknown", async () => {
        const found = await preview(
            (m) =>
                m.add("chatmrpt-network-nat-eip", {
                    name: "chatmrpt-app-eip",
                    props: { domain: "vpc", instance: "i-later", tags: TAGS },
                }),
            [["chatmrpt-app-eip", "instance"]],
        );
        assert.deepStrictEqual(found, [
            {
                policy: "app-instances-no-public-ip",
                message:
                    "an Elastic IP must not be attached to an instance or network interface (app instances get no public IP); found instance (known after apply)",
            },
        ]);
    });
    it("blocks SSH from a /8 on a new group, whose ID is unknown, naming it from the rule's dependency", async () => {
        const found = await preview(
            (m) =>
                m
                    .add("chatmrpt-cache-sg", {
                        name: "chatmrpt-debug-sg",
                        props: { description: "debug", vpcId: "vpc-1", tags: TAGS },
                    })
                    .add("chatmrpt-web-app-from-alb", {
                        name: "chatmrpt-debug-ssh",
                        props: {
                            securityGroupId: "sg-later",
                            cidrIpv4: "10.0.0.0/8",
                            ipProtocol: "tcp",
                            fromPort: 22,
                            toPort: 22,
                            description: "ops",
                            tags: TAGS,
                        },
                        propertyDependencies: { securityGroupId: [m.get("chatmrpt-debug-sg").urn] },
                    }),
            [
                ["chatmrpt-debug-ssh", "securityGroupId"],
                ["chatmrpt-debug-sg", "id"],
            ],
        );
        assert.deepStrictEqual(found, [
            {
                policy: "no-wide-admin-ingress",
                message:
                    "rule chatmrpt-debug-ssh on chatmrpt-debug-sg must not admit admin ports [22] from ranges wider than /16 (IPv4) or /48 (IPv6); found 10.0.0.0/8",
            },
        ]);
    });
    it("accepts alarms whose topic ARN is unknown by their dependency on the stack's topic", async () => {
        // A replaced topic: its ARN, every alarm's actions and the subscription's topic are unknown.
        const alarms = (await prodBaseline()).resources.filter(
            (r) =>
                r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" &&
                r.inputs.alarmActions?.includes(ids.topic),
        );
        assert.strictEqual(alarms.length, 22); // all but the CloudFront and WAF alarms, which notify the us-east-1 topic
        const found = await preview(
            () => undefined,
            [
                ...alarms.map((a): [string, string] => [a.name, "alarmActions"]),
                ["chatmrpt-monitoring-alerts", "arn"],
                ["chatmrpt-monitoring-email-1", "topic"],
            ],
        );
        assert.deepStrictEqual(found, []);
    });
});

describe("maxIntervalHours (AWS Backup cron)", () => {
    const cases: [string, number | undefined][] = [
        ["cron(0 4 ? * * *)", 24],
        ["cron(0 */6 ? * * *)", 6],
        ["cron(0 1,13 ? * * *)", 12],
        ["cron(0 4 ? * MON-FRI *)", 72],
        ["cron(0 4 ? * SUN *)", 168],
        ["cron(0 4 1 * ? *)", 672],
        ["rate(1 day)", undefined],
        ["cron(0 25 ? * * *)", undefined],
    ];
    for (const [schedule, hours] of cases)
        it(`${schedule} runs at most every ${hours ?? "(unparseable)"} hours`, () =>
            assert.strictEqual(maxIntervalHours(schedule), hours));
});

describe("the policies added or widened for the attack's gaps", () => {
    const MINE = [
        "alb-listener-rules-https",
        "app-tier-single-security-group-set",
        "app-instances-no-public-ip",
        "ebs-volumes-encrypted",
        "vpc-default-security-group-closed",
        "no-wide-admin-ingress",
        "classic-elb-https-only",
        "alarm-actions-on-stack-topic",
        "app-volumes-backed-up",
        "backup-vault-key-protected",
        "s3-bucket-public-access-blocked",
        "rds-encrypted-backed-up",
        "elasticache-memcached-encrypted",
        "elasticache-redis-encrypted",
        "redis-snapshots-retained",
        "no-plaintext-secrets",
        "iam-no-wildcard-or-admin",
    ];
    const TYPES = [
        "aws:lb/listener:Listener",
        "aws:lb/listenerRule:ListenerRule",
        "aws:ec2/launchTemplate:LaunchTemplate",
        "aws:ec2/launchConfiguration:LaunchConfiguration",
        "aws:ec2/instance:Instance",
        "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
        "aws:ec2/spotFleetRequest:SpotFleetRequest",
        "aws:ec2/fleet:Fleet",
        "aws:ec2/networkInterface:NetworkInterface",
        "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment",
        "aws:ec2/eip:Eip",
        "aws:ec2/eipAssociation:EipAssociation",
        "aws:ec2/vpc:Vpc",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/securityGroupRule:SecurityGroupRule",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:elb/loadBalancer:LoadBalancer",
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        "aws:cloudwatch/compositeAlarm:CompositeAlarm",
        "aws:sns/topic:Topic",
        "aws:sns/topicSubscription:TopicSubscription",
        "aws:autoscaling/group:Group",
        "aws:backup/plan:Plan",
        "aws:backup/selection:Selection",
        "aws:backup/vault:Vault",
        "aws:kms/key:Key",
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:rds/instance:Instance",
        "aws:rds/cluster:Cluster",
        "aws:rds/clusterInstance:ClusterInstance",
        "aws:elasticache/cluster:Cluster",
        "aws:elasticache/replicationGroup:ReplicationGroup",
        "aws:ecs/taskDefinition:TaskDefinition",
        "aws:lambda/function:Function",
        "aws:iam/role:Role",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    ];
    const KEYS = [
        "protocol",
        "defaultActions",
        "actions",
        "listenerArn",
        "networkInterfaces",
        "vpcSecurityGroupIds",
        "securityGroups",
        "securityGroupId",
        "associatePublicIpAddress",
        "rootBlockDevice",
        "ebsBlockDevices",
        "blockDeviceMappings",
        "launchSpecifications",
        "launchTemplateConfigs",
        "launchTemplate",
        "instance",
        "instanceId",
        "networkInterfaceId",
        "vpcId",
        "ingress",
        "egress",
        "cidrIpv4",
        "cidrBlocks",
        "ipv6CidrBlocks",
        "fromPort",
        "toPort",
        "listeners",
        "alarmActions",
        "actionsEnabled",
        "topic",
        "rules",
        "conditions",
        "resources",
        "notResources",
        "selectionTags",
        "planId",
        "tagSpecifications",
        "kmsKeyArn",
        "deletionWindowInDays",
        "bucket",
        "blockPublicAcls",
        "storageEncrypted",
        "backupRetentionPeriod",
        "deletionProtection",
        "skipFinalSnapshot",
        "publiclyAccessible",
        "engine",
        "transitEncryptionEnabled",
        "snapshotRetentionLimit",
        "userData",
        "userDataBase64",
        "containerDefinitions",
        "environment",
        "policy",
        "inlinePolicies",
        "managedPolicyArns",
        "policyArn",
        "arn",
        "id",
    ];
    it("do not fire on components or providers, whatever their props (the engine runs resource policies on them too)", async () => {
        const odd = {
            listeners: [{ lbProtocol: "http" }],
            associatePublicIpAddress: true,
            instance: "i-1",
            storageEncrypted: false,
            engine: "memcached",
            policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
            userData: "password=hunter2",
        };
        const resources: RecordedResource[] = [
            "chatmrpt:web:WebTier",
            "pulumi:providers:aws",
            "pulumi:pulumi:Stack",
        ].map((type, i) => recordedResource(type, `c${i}`, odd, { outputs: odd }));
        const policies = chatMrptPolicies({ now: () => TODAY }).filter((p) => MINE.includes(p.name));
        const evaluation = await evaluatePolicies(policies, resources, {
            packEnforcementLevel: "mandatory",
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
        });
        assert.deepStrictEqual(evaluation.violations, []);
    });
    const shapes: [string, unknown][] = [
        ["null", null],
        ["a number", 42],
        ["a string", "x"],
        ["a list of null", [null]],
        ["a list of numbers", [1]],
        ["an object of nulls", { a: null, ebs: null }],
    ];
    for (const [what, value] of shapes) {
        it(`do not throw when every property is ${what}`, async () => {
            const resources: RecordedResource[] = TYPES.map((type, i) => {
                const props = Object.fromEntries(KEYS.map((k) => [k, structuredClone(value)]));
                return recordedResource(type, `r${i}`, props, { outputs: props });
            });
            const policies = chatMrptPolicies({ now: () => TODAY }).filter((p) => MINE.includes(p.name));
            assert.strictEqual(policies.length, MINE.length);
            const evaluation = await evaluatePolicies(policies, resources, {
                packEnforcementLevel: "mandatory",
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
            });
            assert.ok(
                evaluation.violations.length > 0,
                "odd shapes must read as unset, and unset security settings are findings",
            );
        });
    }
});
