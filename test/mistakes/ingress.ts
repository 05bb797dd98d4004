import { Mutator } from "../policyHarness";
import { ALL_VIEWS, ids, Mistake, sg, TAGS } from "./mistake";

/** An ingress rule on the app's group, as a separate aws:vpc rule resource. */
export function appIngress(m: Mutator, name: string, props: Record<string, unknown>, peer?: string): void {
    const model = m.get("chatmrpt-web-app-from-alb");
    m.add("chatmrpt-web-app-from-alb", {
        name,
        props: {
            securityGroupId: model.inputs.securityGroupId,
            ipProtocol: "tcp",
            description: name,
            tags: TAGS,
            ...props,
        },
        propertyDependencies: {
            securityGroupId: model.propertyDependencies.securityGroupId,
            ...(peer ? { referencedSecurityGroupId: [m.get(peer).urn] } : {}),
        },
    });
}

/** What the ALB, the app and Redis admit, and from where: CloudFront only, the ALB only, the app only; no admin ports from wide ranges. */
export const INGRESS_MISTAKES: Mistake[] = [
    {
        what: "Redis reachable by CIDR",
        mutate: (m) =>
            m
                .set("chatmrpt-cache-from-app", "referencedSecurityGroupId", undefined)
                .set("chatmrpt-cache-from-app", "cidrIpv4", "10.20.0.0/16"),
        policy: "redis-ingress-from-app-tier-only",
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [
            "rule chatmrpt-cache-from-app on chatmrpt-cache-sg must admit tcp 6379 only; found -1 unset-unset",
        ],
    },
    {
        what: "Redis rule removed (the app cannot reach Redis)",
        mutate: (m) => m.remove("chatmrpt-cache-from-app"),
        policy: "redis-ingress-from-app-tier-only",
        views: ["up"],
        messages: [
            'Redis chatmrpt-cache-redis must admit 6379 from every app-tier security group; missing ["chatmrpt-web-app-sg"]',
        ],
    },
    {
        what: "the ALB opened to the internet on 80",
        mutate: (m) =>
            m
                .set("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId", undefined)
                .set("chatmrpt-web-alb-from-cloudfront-http", "cidrIpv4", "0.0.0.0/0"),
        policy: "no-public-ingress",
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [
            'internal ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-app on chatmrpt-web-alb-sg must admit only CloudFront\'s VPC-origin security group; found ["chatmrpt-web-app-sg"]',
        ],
    },
    {
        what: "the ALB made internet-facing, still admitting only the VPC-origin group",
        mutate: (m) => m.set("chatmrpt-web-alb", "internal", false),
        policy: "alb-behind-cloudfront",
        views: ["up"],
        messages: [
            'internet-facing ALB chatmrpt-web-alb: rule chatmrpt-web-alb-from-cloudfront-http on chatmrpt-web-alb-sg must admit only CloudFront\'s origin-facing prefix list ["pl-3b927c52","pl-b6a144df","pl-4ea04527","pl-82a045eb","pl-4fa04526","pl-a3a144ca"] (or make the ALB internal behind a VPC origin); found ["{vpcOriginSg}"]',
        ],
        // Its HTTP listener and the HTTP VPC origin now face the internet too.
        alsoCaughtBy: ["alb-listener-https", "cloudfront-origin-https"],
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
        views: ["up"],
        messages: [
            'rule chatmrpt-web-app-ssh on chatmrpt-web-app-sg must not admit ["::/0"] (only an ALB\'s 80/443 may be open to the internet); found tcp 22-22 from ::/0',
        ],
        alsoCaughtBy: ["required-tags", "no-wide-admin-ingress", "app-ingress-from-alb-only"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        config: { "no-wide-admin-ingress": { minIpv4PrefixLength: 24 } },
        messages: [
            "rule chatmrpt-app-ssh-vpc on chatmrpt-web-app-sg must not admit admin ports [22] from ranges wider than /24 (IPv4) or /48 (IPv6); found 10.20.0.0/16",
        ],
        // The app tier admits no SSH at all, and its app port only from the ALB.
        alsoCaughtBy: ["app-ingress-from-alb-only"],
    },
    {
        what: "SSH from the VPC CIDR",
        mutate: (m) => appIngress(m, "x-ssh", { cidrIpv4: "10.20.0.0/16", fromPort: 22, toPort: 22 }),
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        messages: [
            'rule x-ssh on app-tier group chatmrpt-web-app-sg must not admit [22] (SSH: use SSM Session Manager); found tcp 22-22 from ["10.20.0.0/16"]',
        ],
    },
    {
        what: "SSH from the ALB's own group",
        mutate: (m) =>
            appIngress(
                m,
                "x-ssh",
                {
                    referencedSecurityGroupId: m.get("chatmrpt-web-alb-sg").outputs.id,
                    fromPort: 22,
                    toPort: 22,
                },
                "chatmrpt-web-alb-sg",
            ),
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        messages: [
            'rule x-ssh on app-tier group chatmrpt-web-app-sg must not admit [22] (SSH: use SSM Session Manager); found tcp 22-22 from ["chatmrpt-web-alb-sg"]',
        ],
    },
    {
        what: "the app port from a private range",
        mutate: (m) => appIngress(m, "x-app", { cidrIpv4: "172.16.0.0/12", fromPort: 8000, toPort: 8000 }),
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        messages: [
            `rule x-app on app-tier group chatmrpt-web-app-sg must admit app port [8000] only from the load balancer's security group ["chatmrpt-web-alb-sg"]; found ["172.16.0.0/12"]`,
        ],
    },
    {
        what: "the app port from the Redis group (a second group)",
        mutate: (m) =>
            m
                .set(
                    "chatmrpt-web-app-from-alb",
                    "referencedSecurityGroupId",
                    m.get("chatmrpt-cache-sg").outputs.id,
                )
                .link("chatmrpt-web-app-from-alb", "referencedSecurityGroupId", "chatmrpt-cache-sg"),
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        messages: [
            `rule chatmrpt-web-app-from-alb on app-tier group chatmrpt-web-app-sg must admit app port [8000] only from the load balancer's security group ["chatmrpt-web-alb-sg"]; found ["chatmrpt-cache-sg"]`,
        ],
    },
    {
        what: "all traffic from the VPC as an older aws:ec2 rule",
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        mutate: (m) =>
            m.add("chatmrpt-web-app-from-alb", {
                name: "x-all",
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                props: {
                    type: "ingress",
                    securityGroupId: m.get("chatmrpt-web-app-sg").outputs.id,
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["10.20.0.0/16"],
                    description: "vpc",
                },
                propertyDependencies: { securityGroupId: [m.get("chatmrpt-web-app-sg").urn] },
            }),
        messages: [
            'rule x-all on app-tier group chatmrpt-web-app-sg must not admit [22] (SSH: use SSM Session Manager); found -1 0-0 from ["10.20.0.0/16"]',
            `rule x-all on app-tier group chatmrpt-web-app-sg must admit app port [8000] only from the load balancer's security group ["chatmrpt-web-alb-sg"]; found ["10.20.0.0/16"]`,
        ],
    },
    {
        what: "the app port from the app group itself (self)",
        policy: "app-ingress-from-alb-only",
        views: ALL_VIEWS,
        mutate: (m) =>
            appIngress(
                m,
                "x-self",
                {
                    referencedSecurityGroupId: m.get("chatmrpt-web-app-sg").outputs.id,
                    fromPort: 8000,
                    toPort: 8000,
                },
                "chatmrpt-web-app-sg",
            ),
        messages: [
            `rule x-self on app-tier group chatmrpt-web-app-sg must admit app port [8000] only from the load balancer's security group ["chatmrpt-web-alb-sg"]; found ["chatmrpt-web-app-sg"]`,
        ],
    },
];
