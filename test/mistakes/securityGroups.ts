import { ALL_VIEWS, ids, Mistake, SAFE_INSTANCE, sg, TAGS } from "./mistake";
import { appIngress } from "./ingress";

/** Every way an instance gets its groups, literal IDs, the VPC's default group, inline and separate rules. */
export const SECURITY_GROUP_MISTAKES: Mistake[] = [
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [
            "chatmrpt-web-lt (LaunchTemplate) must attach the app tier's security groups []; found none (the VPC default group would apply)",
            "chatmrpt-web-asg (Group) must attach the app tier's security groups []; found none (the VPC default group would apply)",
        ],
        alsoCaughtBy: ["redis-ingress-from-app-tier-only"],
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
        views: ["up"],
        messages: [
            "security group chatmrpt-web-app-sg must declare rules either inline or as rule resources, not both; found 1 inline and chatmrpt-web-app-https-out, chatmrpt-web-app-to-redis, chatmrpt-web-app-from-alb",
        ],
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
        views: ["up"],
        messages: [
            "chatmrpt-web-alb-from-cloudfront-http.referencedSecurityGroupId must reference a security group resource (or list sg-0b21586985a0bbfbe in adoptedSecurityGroupIds); found the literal sg-0b21586985a0bbfbe",
        ],
        alsoCaughtBy: ["alb-behind-cloudfront"],
    },
    {
        what: "a literal sg- ID pasted into the launch template",
        mutate: (m) =>
            m.set("chatmrpt-web-lt", "networkInterfaces.0.securityGroups", ["sg-0b21586985a0bbfbe"]),
        policy: "no-literal-security-group-ids",
        views: ["up"],
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
        views: ["up"],
        messages: ["rule chatmrpt-web-app-from-alb must have a description; found unset"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [
            'chatmrpt-app-lc (LaunchConfiguration) must use the app tier\'s security-group set ["chatmrpt-web-app-sg"]; found ["chatmrpt-web-alb-sg"]',
        ],
    },
    // --- the VPC default security group
    {
        what: "the VPC's default security group left unmanaged",
        mutate: (m) => m.remove("chatmrpt-network-default-sg"),
        policy: "vpc-default-security-group-closed",
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [
            "chatmrpt-default-sg-in (SecurityGroupIngressRule) must not add a rule to the default security group chatmrpt-network-default-sg; found one",
        ],
        alsoCaughtBy: ["no-literal-security-group-ids"],
    },
    // Legitimate: a rule naming its own group on another port (AWS reports it as self: true after a refresh).
    {
        what: "a metrics port between app instances, by their own group",
        policy: "no-mixed-security-group-rules",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) =>
            appIngress(
                m,
                "x-metrics",
                {
                    referencedSecurityGroupId: m.get("chatmrpt-web-app-sg").outputs.id,
                    fromPort: 9100,
                    toPort: 9100,
                },
                "chatmrpt-web-app-sg",
            ),
    },
    {
        what: "the same as an older aws:ec2 rule with self: true",
        policy: "no-mixed-security-group-rules",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "x-metrics",
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                props: {
                    type: "ingress",
                    securityGroupId: m.get("chatmrpt-web-app-sg").outputs.id,
                    protocol: "tcp",
                    fromPort: 9100,
                    toPort: 9100,
                    self: true,
                    description: "metrics",
                },
                propertyDependencies: { securityGroupId: [m.get("chatmrpt-web-app-sg").urn] },
            }),
    },
    {
        what: "CloudFront's VPC-origin group admitted by an older aws:ec2 rule",
        policy: "no-literal-security-group-ids",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) => {
            const r = m.get("chatmrpt-web-alb-from-cloudfront-http");
            m.add("chatmrpt-web-alb-from-cloudfront-http", {
                name: "x-from-cloudfront",
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                props: {
                    type: "ingress",
                    securityGroupId: r.inputs.securityGroupId,
                    sourceSecurityGroupId: r.inputs.referencedSecurityGroupId,
                    protocol: "tcp",
                    fromPort: 80,
                    toPort: 80,
                    description: "HTTP from CloudFront VPC origins",
                },
                propertyDependencies: {
                    securityGroupId: r.propertyDependencies.securityGroupId,
                    sourceSecurityGroupId: r.propertyDependencies.referencedSecurityGroupId,
                },
            });
            m.remove("chatmrpt-web-alb-from-cloudfront-http");
        },
    },
];
