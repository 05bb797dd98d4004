import { PolicyPackConfig } from "@pulumi/policy";
import { Mutator, prodBaseline } from "./policyHarness";

/**
 * The classes of gap an outside attack found, and the services the team may add later,
 * as mistakes applied to the recorded prod stack (run by policyGaps.test.ts).
 */
export interface Mistake {
    readonly what: string;
    readonly mutate: (m: Mutator) => void;
    readonly policy: string;
    /** Exact messages; [] for a compliant change the policy must accept. */
    readonly messages: string[];
    readonly alsoCaughtBy?: string[];
    readonly config?: PolicyPackConfig;
}

export const TAGS = { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" };
export const SAFE_INSTANCE = {
    instanceType: "t3.large",
    associatePublicIpAddress: false,
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true },
    tags: TAGS,
};
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** IDs and values of the recorded prod stack the mistakes refer to; filled by {@link loadIds}. */
export const ids: Record<string, string> = {};

export async function loadIds(): Promise<void> {
    const run = await prodBaseline();
    const get = (name: string) => run.resources.find((r) => r.name === name && r.custom)!;
    Object.assign(ids, {
        appSg: get("chatmrpt-web-app-sg").id,
        albSg: get("chatmrpt-web-alb-sg").id,
        cacheSg: get("chatmrpt-cache-sg").id,
        httpListener: get("chatmrpt-web-http").outputs.arn,
        targetGroup: get("chatmrpt-web-tg").outputs.arn,
        topic: get("chatmrpt-monitoring-alerts").outputs.arn,
        lt: get("chatmrpt-web-lt").id,
        ltUserData: get("chatmrpt-web-lt").inputs.userData,
    });
}

const sg = (m: Mutator, name: string) => m.get(name).urn;

export const GAP_MISTAKES: Mistake[] = [
    // --- a listener linked to its load balancer by ARN alone (imported, or a literal ARN): no property dependency
    {
        what: "the internal ALB's HTTP listener when only its ARN links it to the ALB",
        mutate: (m) => m.link("chatmrpt-web-http", "loadBalancerArn"),
        policy: "alb-listener-https",
        messages: [],
    },
    {
        what: "an HTTP listener forwarding on a load balancer outside the stack (a literal ARN, no dependency)",
        mutate: (m) =>
            m
                .link("chatmrpt-web-http", "loadBalancerArn")
                .set(
                    "chatmrpt-web-http",
                    "loadBalancerArn",
                    "arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/old-prod/0123456789abcdef",
                ),
        policy: "alb-listener-https",
        messages: [
            'HTTP listener must only redirect to HTTPS unless its load balancer is internal; found default actions ["forward"] on a load balancer outside this stack',
        ],
    },
    // --- listener rules, not only default actions
    {
        what: "a forwarding listener rule on the HTTP listener of an internet-facing ALB",
        mutate: (m) =>
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
                        listenerArn: ids.httpListener,
                        priority: 10,
                        actions: [{ type: "forward", targetGroupArn: ids.targetGroup }],
                        conditions: [{ pathPattern: { values: ["/api/*"] } }],
                        tags: TAGS,
                    },
                    propertyDependencies: { listenerArn: [m.get("chatmrpt-web-http").urn] },
                }),
        policy: "alb-listener-rules-https",
        messages: [
            'listener rule chatmrpt-web-api-rule on HTTP listener chatmrpt-web-http must only redirect to HTTPS unless its load balancer is internal; found actions ["forward"] on internet-facing chatmrpt-web-alb',
        ],
        // An internet-facing ALB must also be locked to CloudFront, and reached over HTTPS.
        alsoCaughtBy: ["alb-behind-cloudfront", "cloudfront-origin-https"],
    },
    {
        what: "a listener rule on a listener outside the stack",
        mutate: (m) =>
            m.add("chatmrpt-web-http", {
                name: "chatmrpt-web-api-rule",
                type: "aws:lb/listenerRule:ListenerRule",
                props: {
                    listenerArn: "arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/other/1/2",
                    priority: 10,
                    actions: [{ type: "forward", targetGroupArn: ids.targetGroup }],
                    conditions: [{ pathPattern: { values: ["/api/*"] } }],
                    tags: TAGS,
                },
            }),
        policy: "alb-listener-rules-https",
        messages: [
            "listener rule chatmrpt-web-api-rule must belong to a listener of this stack (so its protocol can be checked); found listenerArn arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/other/1/2",
        ],
    },
    {
        what: "a forwarding listener rule on the internal ALB's HTTP listener (compliant, as its default action)",
        mutate: (m) =>
            m.add("chatmrpt-web-http", {
                name: "chatmrpt-web-api-rule",
                type: "aws:lb/listenerRule:ListenerRule",
                props: {
                    listenerArn: ids.httpListener,
                    priority: 10,
                    actions: [{ type: "forward", targetGroupArn: ids.targetGroup }],
                    conditions: [{ pathPattern: { values: ["/api/*"] } }],
                    tags: TAGS,
                },
                propertyDependencies: { listenerArn: [m.get("chatmrpt-web-http").urn] },
            }),
        policy: "alb-listener-rules-https",
        messages: [],
    },
    {
        what: "an aws:alb listener rule that redirects to HTTPS on an internet-facing ALB (compliant)",
        mutate: (m) =>
            m
                .set("chatmrpt-web-alb", "internal", false)
                .set("chatmrpt-web-http", "defaultActions", [
                    {
                        type: "redirect",
                        redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
                    },
                ])
                .add("chatmrpt-web-http", {
                    name: "chatmrpt-web-http-redirect",
                    type: "aws:alb/listenerRule:ListenerRule",
                    props: {
                        listenerArn: ids.httpListener,
                        priority: 5,
                        actions: [
                            {
                                type: "redirect",
                                redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
                            },
                        ],
                        conditions: [{ pathPattern: { values: ["/*"] } }],
                        tags: TAGS,
                    },
                    propertyDependencies: { listenerArn: [m.get("chatmrpt-web-http").urn] },
                }),
        policy: "alb-listener-rules-https",
        messages: [],
        alsoCaughtBy: ["alb-behind-cloudfront", "cloudfront-origin-https"],
    },
    // --- every path by which an instance gets a security group
    {
        what: "a spot instance request with the cache group",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-spot",
                type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                props: { ...SAFE_INSTANCE, vpcSecurityGroupIds: [ids.cacheSg] },
                propertyDependencies: { vpcSecurityGroupIds: [sg(m, "chatmrpt-cache-sg")] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [
            'chatmrpt-app-spot (SpotInstanceRequest) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-cache-sg"]',
        ],
    },
    {
        what: "a spot fleet whose launch specification uses the ALB group",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-spot-fleet",
                type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                props: {
                    iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                    targetCapacity: 1,
                    tags: TAGS,
                    launchSpecifications: [
                        {
                            ami: "ami-0abc",
                            instanceType: "t3.large",
                            associatePublicIpAddress: false,
                            rootBlockDevices: [{ encrypted: true }],
                            vpcSecurityGroupIds: [ids.albSg],
                        },
                    ],
                },
                propertyDependencies: { launchSpecifications: [sg(m, "chatmrpt-web-alb-sg")] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [
            'chatmrpt-app-spot-fleet (SpotFleetRequest) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-web-alb-sg"]',
        ],
    },
    {
        what: "an EC2 fleet on the app's launch template (compliant: it takes the template's groups)",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-fleet",
                type: "aws:ec2/fleet:Fleet",
                props: {
                    tags: TAGS,
                    launchTemplateConfigs: [
                        { launchTemplateSpecification: { launchTemplateId: ids.lt, version: "$Latest" } },
                    ],
                    targetCapacitySpecification: {
                        defaultTargetCapacityType: "spot",
                        totalTargetCapacity: 1,
                    },
                },
                propertyDependencies: { launchTemplateConfigs: [m.get("chatmrpt-web-lt").urn] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [],
    },
    {
        what: "a network interface with the cache group",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-eni",
                type: "aws:ec2/networkInterface:NetworkInterface",
                props: { subnetId: "subnet-1", securityGroups: [ids.cacheSg], tags: TAGS },
                propertyDependencies: { securityGroups: [sg(m, "chatmrpt-cache-sg")] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [
            'chatmrpt-app-eni (NetworkInterface) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-cache-sg"]',
        ],
    },
    {
        what: "a security group attached to an interface one at a time",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-eni-sg",
                type: "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment",
                props: { networkInterfaceId: "eni-0abc", securityGroupId: ids.albSg },
                propertyDependencies: { securityGroupId: [sg(m, "chatmrpt-web-alb-sg")] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [
            'chatmrpt-app-eni-sg (NetworkInterfaceSecurityGroupAttachment) must not add security groups to an interface one at a time (set them on the launch template: ["chatmrpt-web-app-sg"]); found chatmrpt-web-alb-sg',
        ],
    },
    {
        what: "a launch configuration with the ALB group",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-lc",
                type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                props: { ...SAFE_INSTANCE, imageId: "ami-0abc", securityGroups: [ids.albSg] },
                propertyDependencies: { securityGroups: [sg(m, "chatmrpt-web-alb-sg")] },
            }),
        policy: "app-tier-single-security-group-set",
        messages: [
            'chatmrpt-app-lc (LaunchConfiguration) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-web-alb-sg"]',
        ],
    },
    // --- every path by which an instance gets a public IP
    {
        what: "a spot instance request that leaves the public IP to the subnet",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-spot",
                type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
                props: {
                    ...SAFE_INSTANCE,
                    associatePublicIpAddress: undefined,
                    vpcSecurityGroupIds: [ids.appSg],
                },
                propertyDependencies: { vpcSecurityGroupIds: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "app-instances-no-public-ip",
        messages: ["associatePublicIpAddress must be false; found unset"],
    },
    {
        what: "a spot fleet launch specification with a public IP",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-spot-fleet",
                type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                props: {
                    tags: TAGS,
                    launchSpecifications: [
                        {
                            ami: "ami-0abc",
                            instanceType: "t3.large",
                            associatePublicIpAddress: true,
                            rootBlockDevices: [{ encrypted: true }],
                            vpcSecurityGroupIds: [ids.appSg],
                        },
                    ],
                },
                propertyDependencies: { launchSpecifications: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "app-instances-no-public-ip",
        messages: ["launch specification 0 must set associatePublicIpAddress false; found true"],
    },
    {
        what: "a launch configuration with a public IP",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-lc",
                type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                props: {
                    ...SAFE_INSTANCE,
                    imageId: "ami-0abc",
                    associatePublicIpAddress: true,
                    securityGroups: [ids.appSg],
                },
                propertyDependencies: { securityGroups: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "app-instances-no-public-ip",
        messages: ["associatePublicIpAddress must be false; found true"],
    },
    {
        what: "an Elastic IP attached to an instance",
        mutate: (m) =>
            m.add("chatmrpt-network-nat-eip", {
                name: "chatmrpt-app-eip",
                props: { domain: "vpc", instance: "i-0abc", tags: TAGS },
            }),
        policy: "app-instances-no-public-ip",
        messages: [
            "an Elastic IP must not be attached to an instance or network interface (app instances get no public IP); found instance i-0abc",
        ],
    },
    {
        what: "an Elastic IP association to a network interface",
        mutate: (m) =>
            m.add("chatmrpt-network-nat-eip", {
                name: "chatmrpt-app-eip-assoc",
                type: "aws:ec2/eipAssociation:EipAssociation",
                props: { allocationId: "eipalloc-1", networkInterfaceId: "eni-0abc" },
            }),
        policy: "app-instances-no-public-ip",
        messages: [
            "an Elastic IP must not be attached to an instance or network interface (app instances get no public IP); found networkInterfaceId eni-0abc",
        ],
    },
    // --- launch-configuration (and spot) volumes
    {
        what: "a launch configuration with an unencrypted root volume",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-lc",
                type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                props: {
                    ...SAFE_INSTANCE,
                    imageId: "ami-0abc",
                    rootBlockDevice: { volumeSize: 30 },
                    securityGroups: [ids.appSg],
                },
                propertyDependencies: { securityGroups: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "ebs-volumes-encrypted",
        messages: ["rootBlockDevice.encrypted must be true; found unset"],
    },
    {
        what: "a launch configuration with an unencrypted data volume",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-lc",
                type: "aws:ec2/launchConfiguration:LaunchConfiguration",
                props: {
                    ...SAFE_INSTANCE,
                    imageId: "ami-0abc",
                    ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }],
                    securityGroups: [ids.appSg],
                },
                propertyDependencies: { securityGroups: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "ebs-volumes-encrypted",
        messages: ["volume /dev/sdf must be encrypted; found encrypted false"],
    },
    {
        what: "a spot fleet launch specification without an encrypted root volume",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-app-spot-fleet",
                type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
                props: {
                    tags: TAGS,
                    launchSpecifications: [
                        {
                            ami: "ami-0abc",
                            instanceType: "t3.large",
                            associatePublicIpAddress: false,
                            vpcSecurityGroupIds: [ids.appSg],
                        },
                    ],
                },
                propertyDependencies: { launchSpecifications: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "ebs-volumes-encrypted",
        messages: ["launch specification 0 must declare its root volume with encrypted true; found []"],
    },
    // --- the VPC default security group
    {
        what: "the VPC's default security group left unmanaged",
        mutate: (m) => m.remove("chatmrpt-network-default-sg"),
        policy: "vpc-default-security-group-closed",
        messages: [
            "VPC chatmrpt-network-vpc must adopt its default security group as an aws.ec2.DefaultSecurityGroup with no rules (AWS creates it admitting its members and all egress); found none",
        ],
    },
    {
        what: "the default security group given AWS's default allow rules back",
        mutate: (m) =>
            m
                .set("chatmrpt-network-default-sg", "ingress", [
                    { protocol: "-1", fromPort: 0, toPort: 0, self: true },
                ])
                .set("chatmrpt-network-default-sg", "egress", [
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                ]),
        policy: "vpc-default-security-group-closed",
        messages: [
            "default security group chatmrpt-network-default-sg must have no ingress or egress rules; found 1 ingress and 1 egress",
        ],
    },
    {
        what: "a rule resource added to the default security group",
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "chatmrpt-default-sg-in",
                props: {
                    securityGroupId: m.get("chatmrpt-network-default-sg").id,
                    referencedSecurityGroupId: ids.appSg,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    description: "x",
                    tags: TAGS,
                },
                propertyDependencies: { securityGroupId: [m.get("chatmrpt-network-default-sg").urn] },
            }),
        policy: "vpc-default-security-group-closed",
        messages: [
            "chatmrpt-default-sg-in (SecurityGroupIngressRule) must not add a rule to the default security group chatmrpt-network-default-sg; found one",
        ],
        alsoCaughtBy: ["no-literal-security-group-ids"],
    },
    // --- admin ports from any wide range
    {
        what: "SSH from a /8 through a legacy rule",
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "chatmrpt-app-ssh",
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                props: {
                    type: "ingress",
                    securityGroupId: ids.appSg,
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrBlocks: ["10.0.0.0/8"],
                    description: "ops VPN",
                },
                propertyDependencies: { securityGroupId: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "no-wide-admin-ingress",
        messages: [
            "rule chatmrpt-app-ssh on chatmrpt-web-app-sg must not admit admin ports [22] from ranges wider than /16 (IPv4) or /48 (IPv6); found 10.0.0.0/8",
        ],
        // The app tier admits no SSH at all, and its app port only from the ALB.
        alsoCaughtBy: ["app-ingress-from-alb-only"],
    },
    {
        what: "RDP from a wide IPv6 range",
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "chatmrpt-app-rdp",
                props: {
                    securityGroupId: ids.appSg,
                    cidrIpv6: "2001:db8::/32",
                    ipProtocol: "tcp",
                    fromPort: 3389,
                    toPort: 3389,
                    description: "rdp",
                    tags: TAGS,
                },
                propertyDependencies: { securityGroupId: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "no-wide-admin-ingress",
        messages: [
            "rule chatmrpt-app-rdp on chatmrpt-web-app-sg must not admit admin ports [3389] from ranges wider than /16 (IPv4) or /48 (IPv6); found 2001:db8::/32",
        ],
    },
    {
        what: "all traffic from a /12 (SSH, RDP and Redis with it)",
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "chatmrpt-app-all",
                props: {
                    securityGroupId: ids.appSg,
                    cidrIpv4: "172.16.0.0/12",
                    ipProtocol: "-1",
                    description: "peered",
                    tags: TAGS,
                },
                propertyDependencies: { securityGroupId: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "no-wide-admin-ingress",
        messages: [
            "rule chatmrpt-app-all on chatmrpt-web-app-sg must not admit admin ports [22,3389,6379] from ranges wider than /16 (IPv4) or /48 (IPv6); found 172.16.0.0/12",
        ],
        // The app tier admits no SSH at all, and its app port only from the ALB.
        alsoCaughtBy: ["app-ingress-from-alb-only"],
    },
    {
        what: "SSH from the VPC's /16 under a stricter configured /24",
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "chatmrpt-app-ssh-vpc",
                props: {
                    securityGroupId: ids.appSg,
                    cidrIpv4: "10.20.0.0/16",
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    description: "bastion",
                    tags: TAGS,
                },
                propertyDependencies: { securityGroupId: [sg(m, "chatmrpt-web-app-sg")] },
            }),
        policy: "no-wide-admin-ingress",
        config: { "no-wide-admin-ingress": { minIpv4PrefixLength: 24 } },
        messages: [
            "rule chatmrpt-app-ssh-vpc on chatmrpt-web-app-sg must not admit admin ports [22] from ranges wider than /24 (IPv4) or /48 (IPv6); found 10.20.0.0/16",
        ],
        // The app tier admits no SSH at all, and its app port only from the ALB.
        alsoCaughtBy: ["app-ingress-from-alb-only"],
    },
    // --- classic ELBs
    {
        what: "a classic ELB, even on HTTPS",
        mutate: (m) =>
            m.add("chatmrpt-web-alb", {
                name: "chatmrpt-legacy-elb",
                type: "aws:elb/loadBalancer:LoadBalancer",
                props: {
                    listeners: [
                        {
                            lbPort: 443,
                            lbProtocol: "https",
                            instancePort: 8000,
                            instanceProtocol: "http",
                            sslCertificateId: "arn:aws:acm:us-east-2:123456789012:certificate/x",
                        },
                    ],
                    tags: TAGS,
                },
            }),
        policy: "classic-elb-https-only",
        messages: [
            "classic load balancers must not be used (no HTTP-to-HTTPS redirect, no TLS 1.3 policies, no header checks): use an ALB; found one",
        ],
    },
    {
        what: "an allowed aws:elasticloadbalancing classic ELB listening on HTTP",
        mutate: (m) =>
            m.add("chatmrpt-web-alb", {
                name: "chatmrpt-legacy-elb",
                type: "aws:elasticloadbalancing/loadBalancer:LoadBalancer",
                props: {
                    listeners: [
                        { lbPort: 80, lbProtocol: "http", instancePort: 8000, instanceProtocol: "http" },
                    ],
                    tags: TAGS,
                },
            }),
        policy: "classic-elb-https-only",
        config: { "classic-elb-https-only": { allowClassicLoadBalancers: true } },
        messages: ["listener on port 80 must use lbProtocol HTTPS or SSL; found http"],
    },
    // --- alarms that exist but cannot notify
    {
        what: "a muted alarm",
        mutate: (m) => m.set("chatmrpt-monitoring-alb-elb-5xx", "actionsEnabled", false),
        policy: "alarm-actions-on-stack-topic",
        messages: [
            "alarm chatmrpt-monitoring-alb-elb-5xx must have actionsEnabled true (a muted alarm notifies no one); found false",
        ],
    },
    {
        what: "a composite alarm without actions",
        mutate: (m) =>
            m.add("chatmrpt-monitoring-alb-elb-5xx", {
                name: "chatmrpt-monitoring-composite",
                type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                props: { alarmName: "c", alarmRule: "ALARM(a) OR ALARM(b)", tags: TAGS },
            }),
        policy: "alarm-actions-on-stack-topic",
        messages: [
            "alarm chatmrpt-monitoring-composite must have at least one alarm action on an SNS topic of this stack; found none",
        ],
    },
    {
        what: "a composite alarm notifying a topic elsewhere",
        mutate: (m) =>
            m.add("chatmrpt-monitoring-alb-elb-5xx", {
                name: "chatmrpt-monitoring-composite",
                type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                props: {
                    alarmName: "c",
                    alarmRule: "ALARM(a)",
                    alarmActions: ["arn:aws:sns:us-east-2:999999999999:elsewhere"],
                    tags: TAGS,
                },
            }),
        policy: "alarm-actions-on-stack-topic",
        messages: [
            'alarm chatmrpt-monitoring-composite must notify SNS topics of this stack; found ["arn:aws:sns:us-east-2:999999999999:elsewhere"]',
        ],
    },
    {
        what: "the alert topic left without a subscriber",
        mutate: (m) => m.remove("chatmrpt-monitoring-email-1"),
        policy: "alarm-actions-on-stack-topic",
        messages: [
            "SNS topic chatmrpt-monitoring-alerts receives alarms and must have at least one subscription; found none (its alarms would notify no one)",
        ],
    },
    {
        what: "a step-scaling alarm whose actions are the scaling policy and the stack topic (compliant)",
        mutate: (m) =>
            m
                .add("chatmrpt-web-cpu-tracking", {
                    name: "chatmrpt-web-step-out",
                    props: {
                        autoscalingGroupName: "asg",
                        policyType: "StepScaling",
                        arn: "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    },
                })
                .set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                    "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    ids.topic,
                ]),
        policy: "alarm-actions-on-stack-topic",
        messages: [],
    },
    {
        what: "a step-scaling alarm that only scales",
        mutate: (m) =>
            m
                .add("chatmrpt-web-cpu-tracking", {
                    name: "chatmrpt-web-step-out",
                    props: {
                        autoscalingGroupName: "asg",
                        policyType: "StepScaling",
                        arn: "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    },
                })
                .set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                    "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                ]),
        policy: "alarm-actions-on-stack-topic",
        messages: [
            'alarm chatmrpt-monitoring-asg-cpu-high must notify an SNS topic of this stack besides its scaling policies; found only ["chatmrpt-web-step-out"]',
        ],
    },
    // --- backups: exclusions, frequency, the vault's key
    {
        what: "a backup selection that excludes every volume again by notResources",
        mutate: (m) => m.set("chatmrpt-backups-app-volumes", "notResources", ["arn:aws:ec2:*:*:volume/*"]),
        policy: "app-volumes-backed-up",
        messages: [
            'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; chatmrpt-backups-app-volumes includes them but excludes them again by notResources ["arn:aws:ec2:*:*:volume/*"]',
        ],
    },
    {
        what: "a backup selection whose conditions exclude the tag it selects on",
        mutate: (m) =>
            m.set("chatmrpt-backups-app-volumes", "conditions", [
                {
                    stringEquals: [{ key: "aws:ResourceTag/Backup", value: "chatmrpt-daily" }],
                    stringNotLikes: [{ key: "aws:ResourceTag/Project", value: "chat*" }],
                },
            ]),
        policy: "app-volumes-backed-up",
        messages: [
            'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; chatmrpt-backups-app-volumes includes them but excludes them again by conditions excluding ["aws:ResourceTag/Project=chat*"]',
        ],
    },
    {
        what: "a weekly backup schedule",
        mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.schedule", "cron(0 4 ? * SUN *)"),
        policy: "app-volumes-backed-up",
        messages: [
            "volumes of chatmrpt-web-lt must be backed up at least every 24 hours by their backup plan; found a backup at most every 168 hours",
        ],
    },
    {
        what: "a backup schedule that is not an AWS cron expression",
        mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.schedule", "rate(1 day)"),
        policy: "app-volumes-backed-up",
        messages: [
            'volumes of chatmrpt-web-lt must be backed up at least every 24 hours by their backup plan; found schedule ["rate(1 day)"]',
        ],
    },
    {
        what: "a daily schedule under a configured 12-hour maximum",
        mutate: () => undefined,
        policy: "app-volumes-backed-up",
        config: { "app-volumes-backed-up": { maxIntervalHours: 12 } },
        messages: [
            "volumes of chatmrpt-web-lt must be backed up at least every 12 hours by their backup plan; found a backup at most every 24 hours",
        ],
    },
    {
        what: "the vault's key not protected from deletion",
        mutate: (m) => m.options("chatmrpt-backups-vault-key", { protect: false }),
        policy: "backup-vault-key-protected",
        messages: [
            "KMS key chatmrpt-backups-vault-key encrypts backup vault chatmrpt-backups-vault and must be created with protect: true; found protect: false",
        ],
    },
    {
        what: "the vault's key with a 7-day deletion window",
        mutate: (m) => m.set("chatmrpt-backups-vault-key", "deletionWindowInDays", 7),
        policy: "backup-vault-key-protected",
        messages: [
            "KMS key chatmrpt-backups-vault-key of backup vault chatmrpt-backups-vault must have deletionWindowInDays at least 30; found 7",
        ],
    },
    {
        what: "a vault on a key outside the stack",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", "arn:aws:kms:us-east-2:123456789012:key/shared")
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        policy: "backup-vault-key-protected",
        messages: [
            "backup vault chatmrpt-backups-vault must use a KMS key of this stack (so its deletion protection can be checked) or the AWS managed key; found kmsKeyArn arn:aws:kms:us-east-2:123456789012:key/shared",
        ],
    },
    // --- services the team may add later: RDS and Aurora
    ...rdsMistakes(),
    // --- S3 public access block on every bucket
    {
        what: "a bucket without a public access block",
        mutate: (m) => m.remove("chatmrpt-uploads-public-access"),
        policy: "s3-bucket-public-access-blocked",
        messages: [
            "bucket chatmrpt-uploads-bucket must have a public access block with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true; found none",
        ],
    },
    {
        what: "a public access block that lets public policies through",
        mutate: (m) =>
            m
                .set("chatmrpt-uploads-public-access", "restrictPublicBuckets", false)
                .set("chatmrpt-uploads-public-access", "blockPublicPolicy", undefined),
        policy: "s3-bucket-public-access-blocked",
        messages: [
            "bucket chatmrpt-uploads-bucket must have a public access block with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true; found blockPublicPolicy, restrictPublicBuckets not true",
        ],
    },
    {
        what: "buckets covered by the account's public access block instead (compliant)",
        mutate: (m) =>
            m.remove("chatmrpt-uploads-public-access").add("chatmrpt-alb-logs-public-access", {
                name: "chatmrpt-account-public-access",
                type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                props: {
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                    tags: TAGS,
                },
            }),
        policy: "s3-bucket-public-access-blocked",
        messages: [],
    },
    // --- plaintext secrets
    {
        what: "an AWS access key in the launch template's user data",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-lt",
                "userData",
                b64(
                    `${Buffer.from(ids.ltUserData, "base64").toString()}\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n`,
                ),
            ),
        policy: "no-plaintext-secrets",
        messages: [
            "user data must fetch secrets at boot (SSM Parameter Store or Secrets Manager), not contain them; found an AWS access key ID",
        ],
    },
    {
        what: "a literal password in the launch template's user data",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-lt",
                "userData",
                b64(
                    `${Buffer.from(ids.ltUserData, "base64").toString()}\nREDIS_PASSWORD="hunter2-but-longer"\n`,
                ),
            ),
        policy: "no-plaintext-secrets",
        messages: [
            "user data must fetch secrets at boot (SSM Parameter Store or Secrets Manager), not contain them; found REDIS_PASSWORD set to a literal",
        ],
    },
    {
        what: "a literal token in an ECS task definition's environment",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-worker-task",
                type: "aws:ecs/taskDefinition:TaskDefinition",
                props: {
                    family: "worker",
                    tags: TAGS,
                    containerDefinitions: JSON.stringify([
                        {
                            name: "worker",
                            image: "x",
                            environment: [
                                { name: "LOG_LEVEL", value: "info" },
                                { name: "OPENAI_API_KEY", value: "sk-live-123" },
                            ],
                            secrets: [
                                {
                                    name: "DB_PASSWORD",
                                    valueFrom: "arn:aws:ssm:us-east-2:123456789012:parameter/db",
                                },
                            ],
                        },
                    ]),
                },
            }),
        policy: "no-plaintext-secrets",
        messages: [
            "container worker environment OPENAI_API_KEY must not hold a literal secret (use the container's secrets (valueFrom)); found a literal value",
        ],
    },
    {
        what: "a private key in an ECS task definition's environment under an innocent name",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-worker-task",
                type: "aws:ecs/taskDefinition:TaskDefinition",
                props: {
                    family: "worker",
                    tags: TAGS,
                    containerDefinitions: JSON.stringify([
                        {
                            name: "worker",
                            image: "x",
                            environment: [
                                { name: "TLS_MATERIAL", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" },
                            ],
                        },
                    ]),
                },
            }),
        policy: "no-plaintext-secrets",
        messages: [
            "container worker environment TLS_MATERIAL must not hold a literal secret (use the container's secrets (valueFrom)); found a private key",
        ],
    },
    {
        what: "a literal token in a Lambda function's environment",
        mutate: (m) =>
            m.add("chatmrpt-web-lt", {
                name: "chatmrpt-hook",
                type: "aws:lambda/function:Function",
                props: {
                    role: "arn:aws:iam::123456789012:role/x",
                    tags: TAGS,
                    environment: {
                        variables: {
                            SLACK_TOKEN: "xoxb-1234",
                            DB_PASSWORD_PARAM: "arn:aws:ssm:us-east-2:123456789012:parameter/db",
                        },
                    },
                },
            }),
        policy: "no-plaintext-secrets",
        messages: [
            "environment.variables SLACK_TOKEN must not hold a literal secret (use a reference to SSM or Secrets Manager); found a literal value",
        ],
    },
    // --- IAM wildcards and broad managed policies
    {
        what: "an inline role policy allowing s3:* on the uploads bucket",
        mutate: (m) =>
            m.set(
                "chatmrpt-web-app-access",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::uploads/*" },
                    ],
                }),
            ),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            'policy must name its actions and resources; found statement All allows every action of ["s3:*"]',
        ],
    },
    {
        what: 'an inline role policy on Resource "*"',
        mutate: (m) =>
            m.set(
                "chatmrpt-web-app-access",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" },
                        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" },
                    ],
                }),
            ),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            'policy must name its actions and resources; found statement #0 allows ["s3:GetObject"] on Resource "*"',
        ],
    },
    {
        what: "a managed policy allowing everything but IAM",
        mutate: (m) =>
            m.add("chatmrpt-web-app-access", {
                name: "chatmrpt-ops-policy",
                type: "aws:iam/policy:Policy",
                props: {
                    tags: TAGS,
                    policy: {
                        Version: "2012-10-17",
                        Statement: {
                            Sid: "Ops",
                            Effect: "Allow",
                            NotAction: "iam:*",
                            Resource: "arn:aws:s3:::x",
                        },
                    },
                },
            }),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            "policy must name its actions and resources; found statement Ops allows NotAction iam:* (everything else)",
        ],
    },
    {
        what: 'a role inline policy allowing "*" on "*"',
        mutate: (m) =>
            m.set("chatmrpt-web-instance-role", "inlinePolicies", [
                {
                    name: "break-glass",
                    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
                },
            ]),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            'inline policy break-glass must name its actions and resources; found statement #0 allows every action of ["*"]; statement #0 allows ["*"] on Resource "*"',
        ],
    },
    {
        what: "AdministratorAccess attached to the instance role",
        mutate: (m) =>
            m.set("chatmrpt-web-ssm-core", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            "AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/AdministratorAccess",
        ],
    },
    {
        what: "AmazonS3FullAccess in the role's managedPolicyArns",
        mutate: (m) =>
            m.set("chatmrpt-web-instance-role", "managedPolicyArns", [
                "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            ]),
        policy: "iam-no-wildcard-or-admin",
        messages: [
            "AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/AmazonS3FullAccess",
        ],
    },
    // --- ElastiCache clusters, not only replication groups
    {
        what: "a Memcached cluster without TLS",
        mutate: (m) =>
            m.add("chatmrpt-cache-redis", {
                name: "chatmrpt-cache-memcached",
                type: "aws:elasticache/cluster:Cluster",
                props: {
                    engine: "memcached",
                    nodeType: "cache.t4g.micro",
                    numCacheNodes: 1,
                    securityGroupIds: [ids.cacheSg],
                    tags: TAGS,
                },
            }),
        policy: "elasticache-memcached-encrypted",
        messages: ["transitEncryptionEnabled must be true (Memcached 1.6.12 or later); found unset"],
    },
    {
        what: "a standalone Valkey cluster (cannot encrypt; keeps no snapshots)",
        mutate: (m) =>
            m.add("chatmrpt-cache-redis", {
                name: "chatmrpt-cache-valkey",
                type: "aws:elasticache/cluster:Cluster",
                props: { engine: "valkey", nodeType: "cache.t4g.micro", numCacheNodes: 1, tags: TAGS },
            }),
        policy: "redis-snapshots-retained",
        messages: [
            "snapshotRetentionLimit must be at least 7 days; found unset",
            "finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset",
        ],
        alsoCaughtBy: ["elasticache-redis-encrypted"],
    },
];

function rdsMistakes(): Mistake[] {
    const db = {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        storageEncrypted: true,
        backupRetentionPeriod: 7,
        deletionProtection: true,
        publiclyAccessible: false,
        tags: TAGS,
    };
    const add = (m: Mutator, change: Record<string, unknown>, type = "aws:rds/instance:Instance") =>
        m.add("chatmrpt-cache-redis", { name: "chatmrpt-db", type, props: { ...db, ...change } });
    const rds = (
        what: string,
        change: Record<string, unknown>,
        messages: string[],
        type?: string,
    ): Mistake => ({
        what,
        mutate: (m) => add(m, change, type),
        policy: "rds-encrypted-backed-up",
        messages,
    });
    return [
        rds("an RDS instance with encryption, backups and deletion protection (compliant)", {}, []),
        rds("an unencrypted RDS instance", { storageEncrypted: undefined }, [
            "storageEncrypted must be true; found unset",
        ]),
        rds("an RDS instance with backups off", { backupRetentionPeriod: 0 }, [
            "backupRetentionPeriod must be at least 7 days; found 0",
        ]),
        rds(
            "an RDS instance deleted without a snapshot",
            { deletionProtection: false, skipFinalSnapshot: true },
            [
                "deletionProtection must be true, or skipFinalSnapshot false with a finalSnapshotIdentifier; found deletionProtection false, skipFinalSnapshot true, finalSnapshotIdentifier unset",
            ],
        ),
        rds("an RDS instance open to the internet", { publiclyAccessible: true }, [
            "publiclyAccessible must be false; found true",
        ]),
        rds(
            "an Aurora cluster with a final snapshot instead of deletion protection (compliant)",
            {
                deletionProtection: undefined,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: "chatmrpt-db-final",
                publiclyAccessible: undefined,
            },
            [],
            "aws:rds/cluster:Cluster",
        ),
        rds(
            "an unencrypted Aurora cluster",
            { storageEncrypted: false, publiclyAccessible: undefined },
            ["storageEncrypted must be true; found false"],
            "aws:rds/cluster:Cluster",
        ),
        rds("an RDS instance leaving public access to AWS's default", { publiclyAccessible: undefined }, [
            "publiclyAccessible must be false; found unset",
        ]),
        rds(
            "a public Aurora cluster instance",
            { publiclyAccessible: true },
            ["publiclyAccessible must be false; found true"],
            "aws:rds/clusterInstance:ClusterInstance",
        ),
    ];
}
