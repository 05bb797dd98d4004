import * as assert from "assert";
import { BASE_POLICIES } from "../policies/pack";
import { GAP_MISTAKES } from "./gapMistakes";
import { GUARD_DRIFTS } from "./guardDrifts";
import { checkProd, Mutator, prodBaseline } from "./policyHarness";

/**
 * Realistic mistakes applied to the real prod stack, one at a time. Each must be
 * caught by the named policy with exactly this message, and by no other policy
 * (so a finding points at one cause).
 */
interface Mistake {
    readonly what: string;
    readonly mutate: (m: Mutator) => void;
    readonly policy: string;
    readonly messages: string[];
    /** Further policies the same mistake legitimately trips too. @default [] */
    readonly alsoCaughtBy?: string[];
}

describe("policy pack over the prod stack", () => {
    let ids: Record<string, string>;
    before(async () => {
        const run = await prodBaseline();
        const id = (name: string) => run.resources.find((r) => r.name === name && r.custom)!.id;
        ids = {
            appSg: id("chatmrpt-web-app-sg"),
            albSg: id("chatmrpt-web-alb-sg"),
            cacheSg: id("chatmrpt-cache-sg"),
            uploads: run.resources.find((r) => r.name === "chatmrpt-uploads-bucket")!.outputs.bucket,
            redis: id("chatmrpt-cache-redis"),
            vpcOriginSg: run.resources.find((r) => r.name === "chatmrpt-web-alb-from-cloudfront-http")!.inputs
                .referencedSecurityGroupId,
        };
    });

    it("finds no violation in the prod stack as built", async () => {
        const { violations } = await checkProd();
        assert.deepStrictEqual(violations, []);
    });

    const mistakes: Mistake[] = [
        // --- consistent security groups: the drift that cut a staging server off from Redis
        {
            what: "a second launch template with a different security group",
            mutate: (m) =>
                m.add("chatmrpt-web-lt", {
                    name: "chatmrpt-web-lt-canary",
                    props: {
                        ...m.get("chatmrpt-web-lt").inputs,
                        networkInterfaces: [
                            {
                                deviceIndex: 0,
                                associatePublicIpAddress: "false",
                                securityGroups: [ids.albSg],
                            },
                        ],
                    },
                    propertyDependencies: { networkInterfaces: [m.get("chatmrpt-web-alb-sg").urn] },
                }),
            policy: "app-tier-single-security-group-set",
            messages: [
                'chatmrpt-web-lt-canary (LaunchTemplate) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-web-alb-sg"]',
            ],
        },
        {
            what: "a hand-made app instance with an extra security group",
            mutate: (m) =>
                m.add("chatmrpt-web-lt", {
                    name: "chatmrpt-app-manual",
                    type: "aws:ec2/instance:Instance",
                    props: {
                        instanceType: "t3.large",
                        vpcSecurityGroupIds: [ids.appSg, ids.cacheSg],
                        associatePublicIpAddress: false,
                        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
                        rootBlockDevice: { encrypted: true },
                        tags: { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" },
                    },
                }),
            policy: "app-tier-single-security-group-set",
            messages: [
                'chatmrpt-app-manual (Instance) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-cache-sg","chatmrpt-web-app-sg"]',
            ],
            alsoCaughtBy: ["no-literal-security-group-ids"],
        },
        {
            what: "a launch template that attaches no security group",
            mutate: (m) =>
                m.set("chatmrpt-web-lt", "networkInterfaces", [
                    { deviceIndex: 0, associatePublicIpAddress: "false" },
                ]),
            policy: "app-tier-single-security-group-set",
            messages: [
                "chatmrpt-web-lt (LaunchTemplate) must attach the app tier's security groups []; found none (the VPC default group would apply)",
                "chatmrpt-web-asg (Group) must attach the app tier's security groups []; found none (the VPC default group would apply)",
            ],
            alsoCaughtBy: ["redis-ingress-from-app-tier-only"],
        },
        {
            what: "Redis reachable by CIDR",
            mutate: (m) =>
                m
                    .set("chatmrpt-cache-from-app", "referencedSecurityGroupId", undefined)
                    .set("chatmrpt-cache-from-app", "cidrIpv4", "10.20.0.0/16"),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                'rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit Redis by security group reference only; found ["10.20.0.0/16"]',
                'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "Redis admitting the ALB's group instead of the app's",
            mutate: (m) =>
                m
                    .set("chatmrpt-cache-from-app", "referencedSecurityGroupId", ids.albSg)
                    .link("chatmrpt-cache-from-app", "referencedSecurityGroupId", "chatmrpt-web-alb-sg"),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                'rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit only the app tier\'s security groups ["chatmrpt-web-app-sg"]; found chatmrpt-web-alb-sg',
                'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "Redis's rule opened to all ports",
            mutate: (m) =>
                m
                    .set("chatmrpt-cache-from-app", "ipProtocol", "-1")
                    .set("chatmrpt-cache-from-app", "fromPort", undefined)
                    .set("chatmrpt-cache-from-app", "toPort", undefined),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                "rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit tcp 6379 only; found -1 unset-unset",
            ],
        },
        {
            what: "Redis rule removed (the app cannot reach Redis)",
            mutate: (m) => m.remove("chatmrpt-cache-from-app"),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "an inline rule added to a group that also has rule resources",
            mutate: (m) =>
                m
                    .set("chatmrpt-web-app-sg", "ingress", [
                        {
                            protocol: "tcp",
                            fromPort: 8000,
                            toPort: 8000,
                            securityGroups: [ids.albSg],
                            description: "App from ALB",
                        },
                    ])
                    .link("chatmrpt-web-app-sg", "ingress", "chatmrpt-web-alb-sg"),
            policy: "no-mixed-security-group-rules",
            messages: [
                "security group chatmrpt-web-app-sg must declare rules either inline or as rule resources, not both; found 1 inline and chatmrpt-web-app-https-out, chatmrpt-web-app-to-redis, chatmrpt-web-app-from-alb",
            ],
        },
        {
            what: "the ALB opened to the internet on 80",
            mutate: (m) =>
                m
                    .set("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId", undefined)
                    .set("chatmrpt-web-alb-from-cloudfront-http", "cidrIpv4", "0.0.0.0/0"),
            policy: "no-public-ingress",
            messages: [
                'rule chatmrpt-web-alb-from-cloudfront-http on chatmrpt-web-alb-sg must not admit ["0.0.0.0/0"] (the ALB must be reachable only from CloudFront (make it internal behind a VPC origin)); found tcp 80-80 from 0.0.0.0/0',
            ],
            alsoCaughtBy: ["alb-behind-cloudfront"],
        },
        // --- the edge: only CloudFront reaches the ALB
        {
            what: "the internal ALB also admitting the VPC's CIDR",
            mutate: (m) =>
                m.add("chatmrpt-web-alb-from-cloudfront-http", {
                    name: "chatmrpt-web-alb-from-vpc",
                    props: {
                        securityGroupId: ids.albSg,
                        cidrIpv4: "10.20.0.0/16",
                        ipProtocol: "tcp",
                        fromPort: 80,
                        toPort: 80,
                        description: "HTTP from the VPC",
                        tags: m.get("chatmrpt-web-alb-from-cloudfront-http").inputs.tags,
                    },
                    propertyDependencies: { securityGroupId: [m.get("chatmrpt-web-alb-sg").urn] },
                }),
            policy: "alb-behind-cloudfront",
            messages: [
                'internal ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-vpc on chatmrpt-web-alb-sg must admit only CloudFront\'s VPC-origin security group; found ["10.20.0.0/16"]',
            ],
        },
        {
            what: "the internal ALB also admitting the app tier's group",
            mutate: (m) =>
                m.add("chatmrpt-web-alb-from-cloudfront-http", {
                    name: "chatmrpt-web-alb-from-app",
                    props: {
                        securityGroupId: ids.albSg,
                        referencedSecurityGroupId: ids.appSg,
                        ipProtocol: "tcp",
                        fromPort: 80,
                        toPort: 80,
                        description: "HTTP from the app",
                        tags: m.get("chatmrpt-web-alb-from-cloudfront-http").inputs.tags,
                    },
                    propertyDependencies: {
                        securityGroupId: [m.get("chatmrpt-web-alb-sg").urn],
                        referencedSecurityGroupId: [m.get("chatmrpt-web-app-sg").urn],
                    },
                }),
            policy: "alb-behind-cloudfront",
            messages: [
                'internal ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-app on chatmrpt-web-alb-sg must admit only CloudFront\'s VPC-origin security group; found ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "the ALB made internet-facing, still admitting only the VPC-origin group",
            mutate: (m) => m.set("chatmrpt-web-alb", "internal", false),
            policy: "alb-behind-cloudfront",
            messages: [
                'internet-facing ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-cloudfront-http on chatmrpt-web-alb-sg must admit only CloudFront\'s origin-facing prefix list ["pl-3b927c52","pl-b6a144df","pl-4ea04527","pl-82a045eb","pl-4fa04526","pl-a3a144ca"] (or make the ALB internal behind a VPC origin); found ["{vpcOriginSg}"]',
            ],
            // Its HTTP listener and the HTTP VPC origin now face the internet too.
            alsoCaughtBy: ["alb-listener-https", "cloudfront-origin-https"],
        },
        {
            what: "a literal sg- ID as the ALB's source instead of the looked-up VPC-origin group",
            mutate: (m) =>
                m
                    .set(
                        "chatmrpt-web-alb-from-cloudfront-http",
                        "referencedSecurityGroupId",
                        "sg-0b21586985a0bbfbe",
                    )
                    .link("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId"),
            policy: "no-literal-security-group-ids",
            messages: [
                "chatmrpt-web-alb-from-cloudfront-http.referencedSecurityGroupId must reference a security group resource (or list sg-0b21586985a0bbfbe in adoptedSecurityGroupIds); found the literal sg-0b21586985a0bbfbe",
            ],
            alsoCaughtBy: ["alb-behind-cloudfront"],
        },
        {
            what: "SSH opened to the world on the app group",
            mutate: (m) =>
                m.add("chatmrpt-web-app-from-alb", {
                    name: "chatmrpt-web-app-ssh",
                    props: {
                        securityGroupId: ids.appSg,
                        cidrIpv6: "::/0",
                        ipProtocol: "tcp",
                        fromPort: 22,
                        toPort: 22,
                        description: "debug",
                    },
                    propertyDependencies: { securityGroupId: [m.get("chatmrpt-web-app-sg").urn] },
                }),
            policy: "no-public-ingress",
            messages: [
                'rule chatmrpt-web-app-ssh on chatmrpt-web-app-sg must not admit ["::/0"] (only an ALB\'s 80/443 may be open to the internet); found tcp 22-22 from ::/0',
            ],
            alsoCaughtBy: ["required-tags", "no-wide-admin-ingress", "app-ingress-from-alb-only"],
        },
        {
            what: "a literal sg- ID pasted into the launch template",
            mutate: (m) =>
                m.set("chatmrpt-web-lt", "networkInterfaces.0.securityGroups", ["sg-0b21586985a0bbfbe"]),
            policy: "no-literal-security-group-ids",
            messages: [
                "chatmrpt-web-lt.networkInterfaces must reference a security group resource (or list sg-0b21586985a0bbfbe in adoptedSecurityGroupIds); found the literal sg-0b21586985a0bbfbe",
            ],
            // The whole app tier moved to the pasted group, which Redis does not admit.
            alsoCaughtBy: ["redis-ingress-from-app-tier-only"],
        },
        {
            what: "a rule without a description",
            mutate: (m) => m.set("chatmrpt-web-app-from-alb", "description", undefined),
            policy: "security-group-rules-described",
            messages: ["rule chatmrpt-web-app-from-alb must have a description; found unset"],
        },
        // --- HTTPS
        {
            what: "an HTTP listener that forwards on an internet-facing ALB (locked to CloudFront's prefix list)",
            mutate: (m) =>
                m
                    .set("chatmrpt-web-alb", "internal", false)
                    .set("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId", undefined)
                    .set("chatmrpt-web-alb-from-cloudfront-http", "prefixListId", "pl-b6a144df"),
            policy: "alb-listener-https",
            messages: [
                'HTTP listener must only redirect to HTTPS unless its load balancer is internal; found default actions ["forward"] on internet-facing chatmrpt-web-alb',
            ],
            // The HTTP VPC origin now points at an internet-facing ALB.
            alsoCaughtBy: ["cloudfront-origin-https"],
        },
        {
            what: "an old TLS policy on an HTTPS listener",
            mutate: (m) =>
                m
                    .set("chatmrpt-web-http", "protocol", "HTTPS")
                    .set("chatmrpt-web-http", "sslPolicy", "ELBSecurityPolicy-2016-08"),
            policy: "alb-listener-https",
            messages: [
                "HTTPS listener must use a TLS policy from the allow-list (ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09); found ELBSecurityPolicy-2016-08",
            ],
        },
        {
            what: "CloudFront allow-all on the static behavior",
            mutate: (m) =>
                m.set(
                    "chatmrpt-cdn-distribution",
                    "orderedCacheBehaviors.0.viewerProtocolPolicy",
                    "allow-all",
                ),
            policy: "cloudfront-viewer-https",
            messages: [
                "cache behavior /static/* must use viewerProtocolPolicy redirect-to-https or https-only; found allow-all",
            ],
        },
        {
            what: "an alias served on the default certificate (TLSv1 floor)",
            mutate: (m) => m.set("chatmrpt-cdn-distribution", "aliases", ["chat.mrpt-health.org"]),
            policy: "cloudfront-viewer-https",
            messages: [
                'a distribution with aliases must serve them a custom certificate with minimumProtocolVersion TLSv1.2_2021 or newer; found the default *.cloudfront.net certificate (TLSv1) with aliases ["chat.mrpt-health.org"]',
            ],
        },
        {
            what: "a custom certificate at viewer TLS 1.0",
            mutate: (m) =>
                m.set("chatmrpt-cdn-distribution", "viewerCertificate", {
                    acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/1",
                    sslSupportMethod: "sni-only",
                    minimumProtocolVersion: "TLSv1",
                }),
            policy: "cloudfront-viewer-https",
            messages: ["viewer minimumProtocolVersion must be TLSv1.2_2021 or newer; found TLSv1"],
        },
        {
            what: "an internet origin allowing TLSv1",
            mutate: (m) =>
                m
                    .set("chatmrpt-cdn-distribution", "origins.0.vpcOriginConfig", undefined)
                    .set("chatmrpt-cdn-distribution", "origins.0.customOriginConfig", {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "https-only",
                        originSslProtocols: ["TLSv1", "TLSv1.2"],
                    }),
            policy: "cloudfront-origin-https",
            messages: [
                'origin app must allow only TLSv1.2 (originSslProtocols ["TLSv1.2"]); found ["TLSv1","TLSv1.2"]',
            ],
        },
        {
            what: "an internet origin reached over HTTP",
            mutate: (m) =>
                m
                    .set("chatmrpt-cdn-distribution", "origins.0.vpcOriginConfig", undefined)
                    .set("chatmrpt-cdn-distribution", "origins.0.customOriginConfig", {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "http-only",
                        originSslProtocols: ["TLSv1.2"],
                    }),
            policy: "cloudfront-origin-https",
            messages: ["origin app must use originProtocolPolicy https-only; found http-only"],
        },
        {
            what: "old prod as a second origin without the router on the behaviours",
            mutate: (m) =>
                m.set("chatmrpt-cdn-distribution", "origins.1", {
                    originId: "legacy",
                    domainName: "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
                    customOriginConfig: {
                        httpPort: 80,
                        httpsPort: 443,
                        originProtocolPolicy: "http-only",
                        originSslProtocols: ["TLSv1.2"],
                    },
                }),
            policy: "cloudfront-router-every-behavior",
            messages: ["default", "/static/*"].flatMap((path) =>
                ["viewer-request", "viewer-response"].map(
                    (event) =>
                        `cache behavior ${path} of chatmrpt-cdn-distribution must run the origin router on ${event}; found []`,
                ),
            ),
            // A distribution serving old prod is the adopted one, and must be protected.
            alsoCaughtBy: ["cloudfront-origin-https", "adopted-distribution-protected"],
        },
        {
            what: "a VPC origin the stack does not hold",
            mutate: (m) =>
                m.set(
                    "chatmrpt-cdn-distribution",
                    "origins.0.vpcOriginConfig.vpcOriginId",
                    "vo_OtherAccountOrigin0000",
                ),
            policy: "cloudfront-origin-https",
            messages: [
                "origin app must use a VPC origin of this stack, whose protocol the pack can check; found vo_OtherAccountOrigin0000",
            ],
        },
        {
            what: "an HTTPS VPC origin allowing TLSv1",
            mutate: (m) =>
                m
                    .set(
                        "chatmrpt-cdn-origin-http",
                        "vpcOriginEndpointConfig.originProtocolPolicy",
                        "https-only",
                    )
                    .set("chatmrpt-cdn-origin-http", "vpcOriginEndpointConfig.originSslProtocols", {
                        items: ["TLSv1", "TLSv1.2"],
                        quantity: 2,
                    }),
            policy: "cloudfront-origin-https",
            messages: [
                'VPC origin chatmrpt-cdn-origin-http must allow only TLSv1.2 (originSslProtocols.items ["TLSv1.2"]); found ["TLSv1","TLSv1.2"]',
            ],
        },
        {
            what: "an HTTP VPC origin towards a load balancer outside the stack",
            mutate: (m) =>
                m
                    .set(
                        "chatmrpt-cdn-origin-http",
                        "vpcOriginEndpointConfig.arn",
                        "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/chatmrpt-staging-alb/752380251",
                    )
                    .link("chatmrpt-cdn-origin-http", "vpcOriginEndpointConfig"),
            policy: "cloudfront-origin-https",
            messages: [
                "VPC origin chatmrpt-cdn-origin-http may use originProtocolPolicy http-only only towards an internal load balancer of this stack; found arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/chatmrpt-staging-alb/752380251",
            ],
        },
        {
            what: "Redis without transit encryption",
            mutate: (m) => m.set("chatmrpt-cache-redis", "transitEncryptionEnabled", false),
            policy: "elasticache-redis-encrypted",
            messages: ["transitEncryptionEnabled must be true; found false"],
        },
        {
            what: "the TLS-only statement dropped from the uploads bucket policy",
            mutate: (m) =>
                m.set(
                    "chatmrpt-uploads-policy",
                    "policy",
                    JSON.stringify({ Version: "2012-10-17", Statement: [] }),
                ),
            policy: "s3-bucket-tls-only",
            messages: [
                "bucket chatmrpt-uploads-bucket must have a policy denying requests where aws:SecureTransport is false; found a policy without that statement",
            ],
        },
        // --- alarms
        {
            what: "an alarm without actions",
            mutate: (m) => m.set("chatmrpt-monitoring-alb-elb-5xx", "alarmActions", []),
            policy: "alarm-actions-on-stack-topic",
            messages: [
                "alarm chatmrpt-monitoring-alb-elb-5xx must have at least one alarm action on an SNS topic of this stack; found none",
            ],
        },
        {
            what: "an alarm notifying a topic outside the stack",
            mutate: (m) =>
                m.set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                    "arn:aws:sns:us-east-2:999999999999:someone-else",
                ]),
            policy: "alarm-actions-on-stack-topic",
            messages: [
                'alarm chatmrpt-monitoring-asg-cpu-high must notify SNS topics of this stack; found ["arn:aws:sns:us-east-2:999999999999:someone-else"]',
            ],
        },
        {
            what: "a missing Redis evictions alarm",
            mutate: (m) => m.remove("chatmrpt-monitoring-redis-002-evictions"),
            policy: "required-alarms",
            messages: [
                `Redis node ${"{redis}"}-002 of chatmrpt-cache-redis must have alarms on CPUUtilization|EngineCPUUtilization, DatabaseMemoryUsagePercentage, Evictions, CurrConnections, ReplicationLag; missing Evictions`,
            ],
        },
        {
            what: "a missing latency alarm on the ALB",
            mutate: (m) => m.remove("chatmrpt-monitoring-alb-latency-p90"),
            policy: "required-alarms",
            messages: [
                "load balancer chatmrpt-web-alb must have alarms on HTTPCode_ELB_5XX_Count, TargetResponseTime, RejectedConnectionCount; missing TargetResponseTime",
            ],
        },
        {
            what: "a CloudFront alarm created in us-east-2",
            mutate: (m) => m.options("chatmrpt-monitoring-cloudfront-5xx-rate", { provider: undefined }),
            policy: "cloudfront-alarms-in-us-east-1",
            messages: [
                "alarm chatmrpt-monitoring-cloudfront-5xx-rate on AWS/CloudFront must be created in us-east-1 (a us-east-1 provider); found us-east-2",
            ],
        },
        {
            what: "a missing blocked-requests alarm on the WAF",
            mutate: (m) => m.remove("chatmrpt-monitoring-waf-blocked"),
            policy: "required-alarms",
            messages: [
                "web ACL chatmrpt-waf-acl must have alarms on BlockedRequests; missing BlockedRequests",
            ],
        },
        {
            what: "the canary's failure alarm removed",
            mutate: (m) => m.remove("chatmrpt-monitoring-endpoints-failed"),
            policy: "required-alarms",
            messages: [
                "canary chatmrpt-endpoints-canary must have alarms on SuccessPercent, TimeToFirstByte|Duration; missing SuccessPercent",
            ],
            alsoCaughtBy: ["endpoint-canary-watched"],
        },
        {
            what: "the WAF alarm created in us-east-2, where CLOUDFRONT web ACLs publish nothing",
            mutate: (m) => m.options("chatmrpt-monitoring-waf-blocked", { provider: undefined }),
            policy: "cloudfront-alarms-in-us-east-1",
            messages: [
                "alarm chatmrpt-monitoring-waf-blocked on AWS/WAFV2 (CLOUDFRONT scope) must be created in us-east-1 (a us-east-1 provider); found us-east-2",
            ],
        },
        // --- backups
        {
            what: "Redis snapshot retention 0",
            mutate: (m) => m.set("chatmrpt-cache-redis", "snapshotRetentionLimit", 0),
            policy: "redis-snapshots-retained",
            messages: ["snapshotRetentionLimit must be at least 7 days; found 0"],
        },
        {
            what: "no final Redis snapshot",
            mutate: (m) => m.set("chatmrpt-cache-redis", "finalSnapshotIdentifier", undefined),
            policy: "redis-snapshots-retained",
            messages: [
                "finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset",
            ],
        },
        {
            what: "a backup plan keeping 7 days",
            mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.lifecycle.deleteAfter", 7),
            policy: "app-volumes-backed-up",
            messages: [
                "volumes of chatmrpt-web-lt must be kept at least 30 days by their backup plan; found 7 days",
            ],
        },
        {
            what: "the backup tag dropped from the app volumes",
            mutate: (m) => m.set("chatmrpt-web-lt", "tagSpecifications.1.tags.Backup", undefined),
            policy: "app-volumes-backed-up",
            messages: [
                'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; found no selection matching their tags {"Environment":"prod","ManagedBy":"pulumi","Name":"chatmrpt-web-app","Project":"chatmrpt"}',
            ],
            // The restore tests pick the volumes by the same tag.
            alsoCaughtBy: ["restore-tests-cover-app-volumes"],
        },
        {
            what: "an unprotected uploads bucket",
            mutate: (m) => m.options("chatmrpt-uploads-bucket", { protect: false }),
            policy: "stateful-resources-protected",
            messages: [
                "chatmrpt-uploads-bucket (Bucket) holds data and must be created with protect: true; found protect: false",
            ],
        },
        {
            what: "an unprotected Redis",
            mutate: (m) => m.options("chatmrpt-cache-redis", { protect: false }),
            policy: "stateful-resources-protected",
            messages: [
                "chatmrpt-cache-redis (ReplicationGroup) holds data and must be created with protect: true; found protect: false",
            ],
        },
        {
            what: "versioning suspended on uploads",
            mutate: (m) =>
                m.set("chatmrpt-uploads-versioning", "versioningConfiguration.status", "Suspended"),
            policy: "data-buckets-versioned",
            messages: ["data bucket chatmrpt-uploads-bucket must have versioning Enabled; found Suspended"],
        },
        {
            what: "the canary artifacts' expiry widened to the whole bucket, its code included (issue 22)",
            mutate: (m) => m.set("chatmrpt-endpoints-artifacts-lifecycle", "rules.2.filter", {}),
            policy: "lifecycle-spares-managed-objects",
            messages: [
                "lifecycle rule expire-objects on bucket chatmrpt-endpoints-artifacts-bucket would expire chatmrpt-endpoints-code (key code/endpoint-check.zip): " +
                    "scope the rule's filter to a prefix the program writes no object under",
            ],
        },
        // --- hygiene
        {
            what: "IMDSv1 allowed",
            mutate: (m) => m.set("chatmrpt-web-lt", "metadataOptions.httpTokens", "optional"),
            policy: "ec2-imdsv2-required",
            messages: ["metadataOptions.httpTokens must be required (IMDSv2); found optional"],
        },
        {
            what: "an unencrypted root volume",
            mutate: (m) => m.set("chatmrpt-web-lt", "blockDeviceMappings.0.ebs.encrypted", "false"),
            policy: "ebs-volumes-encrypted",
            messages: ["volume /dev/xvda must be encrypted; found encrypted false"],
        },
        {
            what: "public IPs on app instances",
            mutate: (m) => m.set("chatmrpt-web-lt", "networkInterfaces.0.associatePublicIpAddress", "true"),
            policy: "app-instances-no-public-ip",
            messages: ["network interface 0 must set associatePublicIpAddress false; found true"],
        },
        {
            what: "ALB access logs turned off",
            mutate: (m) => m.set("chatmrpt-web-alb", "accessLogs", undefined),
            policy: "alb-hardened",
            messages: ["accessLogs must be enabled with a bucket; found unset"],
            // The log bucket no longer receives logs, so it counts as a data bucket without versions, backups or access logs.
            alsoCaughtBy: ["data-buckets-versioned", "access-logging-on", "data-buckets-in-backup-plan"],
        },
        {
            what: "a resource missing the Environment tag",
            mutate: (m) => m.set("chatmrpt-web-alb", "tags.Environment", undefined),
            policy: "required-tags",
            messages: ["tags must include Project, Environment, ManagedBy; missing Environment"],
        },
    ];

    for (const mistake of mistakes) {
        it(`catches ${mistake.what} (${mistake.policy})`, async () => {
            const { violations } = await checkProd(mistake.mutate);
            const mine = violations.filter((v) => v.policy === mistake.policy).map((v) => v.message);
            assert.deepStrictEqual(
                mine,
                mistake.messages.map((m) =>
                    m.replace("{redis}", ids.redis).replace("{vpcOriginSg}", ids.vpcOriginSg),
                ),
            );
            const others = [
                ...new Set(violations.filter((v) => v.policy !== mistake.policy).map((v) => v.policy)),
            ].sort();
            assert.deepStrictEqual(others, [...(mistake.alsoCaughtBy ?? [])].sort());
        });
    }

    it("has at least 25 mistakes, and every policy catches at least one", () => {
        assert.ok(mistakes.length >= 25);
        // The policies added for the outside attack's gaps have their mistakes in gapMistakes.ts, issue 20's in guardDrifts.ts.
        const caught = new Set(
            [...mistakes, ...GAP_MISTAKES, ...GUARD_DRIFTS]
                .filter((m) => m.messages.length > 0)
                .map((m) => m.policy),
        );
        assert.deepStrictEqual(
            BASE_POLICIES.map((p) => p.name).filter((n) => !caught.has(n)),
            [],
        );
    });
});
