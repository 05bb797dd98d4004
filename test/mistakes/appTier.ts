import { ALL_VIEWS, ids, Mistake, SAFE_INSTANCE, sg, TAGS } from "./mistake";

/** Public IPs, volumes, IMDS and tags of the app instances; stickiness, health checks and scaling of the group. */
export const APP_TIER_MISTAKES: Mistake[] = [
    // --- hygiene
    {
        what: "IMDSv1 allowed",
        mutate: (m) => m.set("chatmrpt-web-lt", "metadataOptions.httpTokens", "optional"),
        policy: "ec2-imdsv2-required",
        views: ["up"],
        messages: ["metadataOptions.httpTokens must be required (IMDSv2); found optional"],
    },
    {
        what: "an unencrypted root volume",
        mutate: (m) => m.set("chatmrpt-web-lt", "blockDeviceMappings.0.ebs.encrypted", "false"),
        policy: "ebs-volumes-encrypted",
        views: ["up"],
        messages: ["volume /dev/xvda must be encrypted; found encrypted false"],
    },
    {
        what: "public IPs on app instances",
        mutate: (m) => m.set("chatmrpt-web-lt", "networkInterfaces.0.associatePublicIpAddress", "true"),
        policy: "app-instances-no-public-ip",
        views: ["up"],
        messages: ["network interface 0 must set associatePublicIpAddress false; found true"],
    },
    {
        what: "a resource missing the Environment tag",
        mutate: (m) => m.set("chatmrpt-web-alb", "tags.Environment", undefined),
        policy: "required-tags",
        views: ["up"],
        messages: ["tags must include Project, Environment, ManagedBy; missing Environment"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: ["launch specification 0 must declare its root volume with encrypted true; found []"],
    },
    {
        what: "stickiness turned off",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness.enabled", false),
        policy: "alb-stickiness-for-local-files",
        views: ALL_VIEWS,
        messages: [
            "target group chatmrpt-web-tg must keep each user on one instance while the app keeps files on instance disks (stickiness enabled, type lb_cookie or app_cookie); found enabled false, type lb_cookie",
        ],
    },
    {
        what: "stickiness removed",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness", undefined),
        policy: "alb-stickiness-for-local-files",
        views: ALL_VIEWS,
        messages: [
            "target group chatmrpt-web-tg must keep each user on one instance while the app keeps files on instance disks (stickiness enabled, type lb_cookie or app_cookie); found enabled unset, type unset",
        ],
    },
    {
        what: "stickiness off once the app keeps no files on instance disks",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness.enabled", false),
        config: { "alb-stickiness-for-local-files": { appKeepsFilesOnInstanceDisks: false } },
        policy: "alb-stickiness-for-local-files",
        views: ALL_VIEWS,
        messages: [],
    },
    {
        what: "EC2 health checks",
        mutate: (m) => m.set("chatmrpt-web-asg", "healthCheckType", "EC2"),
        policy: "asg-elb-health-and-request-scaling",
        views: ALL_VIEWS,
        messages: [
            "Auto Scaling group chatmrpt-web-asg must use healthCheckType ELB (replace instances the load balancer finds unhealthy); found EC2",
        ],
    },
    {
        what: "the request-count scaling policy deleted",
        mutate: (m) => m.remove("chatmrpt-web-request-tracking"),
        policy: "asg-elb-health-and-request-scaling",
        views: ALL_VIEWS,
        messages: [
            'Auto Scaling group chatmrpt-web-asg must have an enabled target-tracking policy on ALBRequestCountPerTarget or RequestCountPerTarget; found ["chatmrpt-web-cpu-tracking"]',
        ],
    },
    {
        what: "the request-count scaling policy disabled",
        mutate: (m) => m.set("chatmrpt-web-request-tracking", "enabled", false),
        policy: "asg-elb-health-and-request-scaling",
        views: ALL_VIEWS,
        messages: [
            'Auto Scaling group chatmrpt-web-asg must have an enabled target-tracking policy on ALBRequestCountPerTarget or RequestCountPerTarget; found ["chatmrpt-web-cpu-tracking","chatmrpt-web-request-tracking"]',
        ],
    },
    {
        what: "the ASG taken out of its target group",
        mutate: (m) =>
            m.set("chatmrpt-web-asg", "targetGroupArns", []).link("chatmrpt-web-asg", "targetGroupArns"),
        policy: "asg-elb-health-and-request-scaling",
        views: ALL_VIEWS,
        messages: ["Auto Scaling group chatmrpt-web-asg must be in a load balancer target group; found none"],
    },
];
