import * as assert from "assert";
import { BASE_POLICIES } from "../policies/pack";
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
            appSg: id("chatmrpt-web-app-sg"), albSg: id("chatmrpt-web-alb-sg"), cacheSg: id("chatmrpt-cache-sg"),
            uploads: run.resources.find((r) => r.name === "chatmrpt-uploads-bucket")!.outputs.bucket,
            redis: id("chatmrpt-cache-redis"),
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
            mutate: (m) => m.add("chatmrpt-web-lt", {
                name: "chatmrpt-web-lt-canary",
                props: { ...m.get("chatmrpt-web-lt").inputs, networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [ids.albSg] }] },
                propertyDependencies: { networkInterfaces: [m.get("chatmrpt-web-alb-sg").urn] },
            }),
            policy: "app-tier-single-security-group-set",
            messages: ['chatmrpt-web-lt-canary (LaunchTemplate) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-web-alb-sg"]'],
        },
        {
            what: "a hand-made app instance with an extra security group",
            mutate: (m) => m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-manual", type: "aws:ec2/instance:Instance",
                props: { instanceType: "t3.large", vpcSecurityGroupIds: [ids.appSg, ids.cacheSg], associatePublicIpAddress: false, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 }, rootBlockDevice: { encrypted: true }, tags: { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" } },
            }),
            policy: "app-tier-single-security-group-set",
            messages: ['chatmrpt-app-manual (Instance) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-cache-sg","chatmrpt-web-app-sg"]'],
            alsoCaughtBy: ["no-literal-security-group-ids"],
        },
        {
            what: "a launch template that attaches no security group",
            mutate: (m) => m.set("chatmrpt-web-lt", "networkInterfaces", [{ deviceIndex: 0, associatePublicIpAddress: "false" }]),
            policy: "app-tier-single-security-group-set",
            messages: [
                "chatmrpt-web-lt (LaunchTemplate) must attach the app tier's security groups []; found none (the VPC default group would apply)",
                "chatmrpt-web-asg (Group) must attach the app tier's security groups []; found none (the VPC default group would apply)",
            ],
            alsoCaughtBy: ["redis-ingress-from-app-tier-only"],
        },
        {
            what: "Redis reachable by CIDR",
            mutate: (m) => m.set("chatmrpt-cache-from-app", "referencedSecurityGroupId", undefined).set("chatmrpt-cache-from-app", "cidrIpv4", "10.20.0.0/16"),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                'rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit Redis by security group reference only; found ["10.20.0.0/16"]',
                'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "Redis admitting the ALB's group instead of the app's",
            mutate: (m) => m.set("chatmrpt-cache-from-app", "referencedSecurityGroupId", ids.albSg).link("chatmrpt-cache-from-app", "referencedSecurityGroupId", "chatmrpt-web-alb-sg"),
            policy: "redis-ingress-from-app-tier-only",
            messages: [
                'rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit only the app tier\'s security groups ["chatmrpt-web-app-sg"]; found chatmrpt-web-alb-sg',
                'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
            ],
        },
        {
            what: "Redis's rule opened to all ports",
            mutate: (m) => m.set("chatmrpt-cache-from-app", "ipProtocol", "-1").set("chatmrpt-cache-from-app", "fromPort", undefined).set("chatmrpt-cache-from-app", "toPort", undefined),
            policy: "redis-ingress-from-app-tier-only",
            messages: ["rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit tcp 6379 only; found -1 unset-unset"],
        },
        {
            what: "Redis rule removed (the app cannot reach Redis)",
            mutate: (m) => m.remove("chatmrpt-cache-from-app"),
            policy: "redis-ingress-from-app-tier-only",
            messages: ['Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]'],
        },
        {
            what: "an inline rule added to a group that also has rule resources",
            mutate: (m) => m.set("chatmrpt-web-app-sg", "ingress", [{ protocol: "tcp", fromPort: 8000, toPort: 8000, securityGroups: [ids.albSg], description: "App from ALB" }]).link("chatmrpt-web-app-sg", "ingress", "chatmrpt-web-alb-sg"),
            policy: "no-mixed-security-group-rules",
            messages: ["security group chatmrpt-web-app-sg must declare rules either inline or as rule resources, not both; found 1 inline and chatmrpt-web-app-https-out, chatmrpt-web-app-to-redis, chatmrpt-web-app-from-alb"],
        },
        {
            what: "the ALB opened to the internet on 443",
            mutate: (m) => m.set("chatmrpt-web-alb-https-from-cloudfront", "prefixListId", undefined).set("chatmrpt-web-alb-https-from-cloudfront", "cidrIpv4", "0.0.0.0/0"),
            policy: "no-public-ingress",
            messages: ['rule chatmrpt-web-alb-https-from-cloudfront on chatmrpt-web-alb-sg must not admit ["0.0.0.0/0"] (the ALB must be reachable only from CloudFront (use the origin-facing prefix list)); found tcp 443-443 from 0.0.0.0/0'],
        },
        {
            what: "SSH opened to the world on the app group",
            mutate: (m) => m.add("chatmrpt-web-app-from-alb", { name: "chatmrpt-web-app-ssh", props: { securityGroupId: ids.appSg, cidrIpv6: "::/0", ipProtocol: "tcp", fromPort: 22, toPort: 22, description: "debug" }, propertyDependencies: { securityGroupId: [m.get("chatmrpt-web-app-sg").urn] } }),
            policy: "no-public-ingress",
            messages: ['rule chatmrpt-web-app-ssh on chatmrpt-web-app-sg must not admit ["::/0"] (only an ALB\'s 80/443 may be open to the internet); found tcp 22-22 from ::/0'],
            alsoCaughtBy: ["required-tags"],
        },
        {
            what: "a literal sg- ID pasted into the launch template",
            mutate: (m) => m.set("chatmrpt-web-lt", "networkInterfaces.0.securityGroups", ["sg-0b21586985a0bbfbe"]),
            policy: "no-literal-security-group-ids",
            messages: ["chatmrpt-web-lt.networkInterfaces must reference a security group resource (or list sg-0b21586985a0bbfbe in adoptedSecurityGroupIds); found the literal sg-0b21586985a0bbfbe"],
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
            what: "an HTTP listener that forwards instead of redirecting",
            mutate: (m) => m.set("chatmrpt-web-http", "defaultActions", [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/x/1" }]),
            policy: "alb-listener-https",
            messages: ['HTTP listener must only redirect to HTTPS; found default actions ["forward"]'],
        },
        {
            what: "a listener without protocol (HTTP) that forwards",
            mutate: (m) => m.set("chatmrpt-web-http", "protocol", undefined).set("chatmrpt-web-http", "defaultActions", [{ type: "fixed-response", fixedResponse: { statusCode: "200" } }]),
            policy: "alb-listener-https",
            messages: ['HTTP listener must only redirect to HTTPS; found default actions ["fixed-response"]'],
        },
        {
            what: "an old TLS policy on the HTTPS listener",
            mutate: (m) => m.set("chatmrpt-web-https", "sslPolicy", "ELBSecurityPolicy-2016-08"),
            policy: "alb-listener-https",
            messages: ["HTTPS listener must use a TLS policy from the allow-list (ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09); found ELBSecurityPolicy-2016-08"],
        },
        {
            what: "CloudFront allow-all on the static behavior",
            mutate: (m) => m.set("chatmrpt-cdn-distribution", "orderedCacheBehaviors.0.viewerProtocolPolicy", "allow-all"),
            policy: "cloudfront-viewer-https",
            messages: ["cache behavior /static/* must use viewerProtocolPolicy redirect-to-https or https-only; found allow-all"],
        },
        {
            what: "CloudFront viewer TLS 1.0",
            mutate: (m) => m.set("chatmrpt-cdn-distribution", "viewerCertificate.minimumProtocolVersion", "TLSv1"),
            policy: "cloudfront-viewer-https",
            messages: ["viewer minimumProtocolVersion must be TLSv1.2_2021 or newer; found TLSv1"],
        },
        {
            what: "a TLSv1 origin protocol",
            mutate: (m) => m.set("chatmrpt-cdn-distribution", "origins.0.customOriginConfig.originSslProtocols", ["TLSv1", "TLSv1.2"]),
            policy: "cloudfront-origin-https",
            messages: ['origin alb must allow only TLSv1.2 (originSslProtocols ["TLSv1.2"]); found ["TLSv1","TLSv1.2"]'],
        },
        {
            what: "an origin reached over HTTP",
            mutate: (m) => m.set("chatmrpt-cdn-distribution", "origins.0.customOriginConfig.originProtocolPolicy", "match-viewer"),
            policy: "cloudfront-origin-https",
            messages: ["origin alb must use originProtocolPolicy https-only; found match-viewer"],
        },
        {
            what: "Redis without transit encryption",
            mutate: (m) => m.set("chatmrpt-cache-redis", "transitEncryptionEnabled", false),
            policy: "elasticache-redis-encrypted",
            messages: ["transitEncryptionEnabled must be true; found false"],
        },
        {
            what: "the TLS-only statement dropped from the uploads bucket policy",
            mutate: (m) => m.set("chatmrpt-uploads-policy", "policy", JSON.stringify({ Version: "2012-10-17", Statement: [] })),
            policy: "s3-bucket-tls-only",
            messages: ["bucket chatmrpt-uploads-bucket must have a policy denying requests where aws:SecureTransport is false; found a policy without that statement"],
        },
        // --- alarms
        {
            what: "an alarm without actions",
            mutate: (m) => m.set("chatmrpt-monitoring-alb-elb-5xx", "alarmActions", []),
            policy: "alarm-actions-on-stack-topic",
            messages: ["alarm chatmrpt-monitoring-alb-elb-5xx must have at least one alarm action on an SNS topic of this stack; found none"],
        },
        {
            what: "an alarm notifying a topic outside the stack",
            mutate: (m) => m.set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", ["arn:aws:sns:us-east-2:999999999999:someone-else"]),
            policy: "alarm-actions-on-stack-topic",
            messages: ['alarm chatmrpt-monitoring-asg-cpu-high must notify SNS topics of this stack; found ["arn:aws:sns:us-east-2:999999999999:someone-else"]'],
        },
        {
            what: "a missing Redis evictions alarm",
            mutate: (m) => m.remove("chatmrpt-monitoring-redis-002-evictions"),
            policy: "required-alarms",
            messages: [`Redis node ${"{redis}"}-002 of chatmrpt-cache-redis must have alarms on CPUUtilization|EngineCPUUtilization, DatabaseMemoryUsagePercentage, Evictions, CurrConnections, ReplicationLag; missing Evictions`],
        },
        {
            what: "a missing latency alarm on the ALB",
            mutate: (m) => m.remove("chatmrpt-monitoring-alb-latency-p90"),
            policy: "required-alarms",
            messages: ["load balancer chatmrpt-web-alb must have alarms on HTTPCode_ELB_5XX_Count, TargetResponseTime, RejectedConnectionCount; missing TargetResponseTime"],
        },
        {
            what: "a CloudFront alarm created in us-east-2",
            mutate: (m) => m.options("chatmrpt-monitoring-cloudfront-5xx-rate", { provider: undefined }),
            policy: "cloudfront-alarms-in-us-east-1",
            messages: ["alarm chatmrpt-monitoring-cloudfront-5xx-rate on AWS/CloudFront must be created in us-east-1 (a us-east-1 provider); found us-east-2"],
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
            messages: ["finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset"],
        },
        {
            what: "a backup plan keeping 7 days",
            mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.lifecycle.deleteAfter", 7),
            policy: "app-volumes-backed-up",
            messages: ["volumes of chatmrpt-web-lt must be kept at least 30 days by their backup plan; found 7 days"],
        },
        {
            what: "the backup tag dropped from the app volumes",
            mutate: (m) => m.set("chatmrpt-web-lt", "tagSpecifications.1.tags.Backup", undefined),
            policy: "app-volumes-backed-up",
            messages: ['volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; found no selection matching their tags {"Environment":"prod","ManagedBy":"pulumi","Name":"chatmrpt-web-app","Project":"chatmrpt"}'],
        },
        {
            what: "an unprotected uploads bucket",
            mutate: (m) => m.options("chatmrpt-uploads-bucket", { protect: false }),
            policy: "stateful-resources-protected",
            messages: ["chatmrpt-uploads-bucket (Bucket) holds data and must be created with protect: true; found protect: false"],
        },
        {
            what: "an unprotected Redis",
            mutate: (m) => m.options("chatmrpt-cache-redis", { protect: false }),
            policy: "stateful-resources-protected",
            messages: ["chatmrpt-cache-redis (ReplicationGroup) holds data and must be created with protect: true; found protect: false"],
        },
        {
            what: "versioning suspended on uploads",
            mutate: (m) => m.set("chatmrpt-uploads-versioning", "versioningConfiguration.status", "Suspended"),
            policy: "data-buckets-versioned",
            messages: ["data bucket chatmrpt-uploads-bucket must have versioning Enabled; found Suspended"],
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
            // The log bucket no longer receives logs, so it counts as a data bucket without versions.
            alsoCaughtBy: ["data-buckets-versioned"],
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
            assert.deepStrictEqual(mine, mistake.messages.map((m) => m.replace("{redis}", ids.redis)));
            const others = [...new Set(violations.filter((v) => v.policy !== mistake.policy).map((v) => v.policy))].sort();
            assert.deepStrictEqual(others, [...(mistake.alsoCaughtBy ?? [])].sort());
        });
    }

    it("has at least 25 mistakes, and every policy catches at least one", () => {
        assert.ok(mistakes.length >= 25);
        const caught = new Set(mistakes.map((m) => m.policy));
        assert.deepStrictEqual(BASE_POLICIES.map((p) => p.name).filter((n) => !caught.has(n)), []);
    });
});
