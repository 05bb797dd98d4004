import { ALL_VIEWS, ids, Mistake, TAGS } from "./mistake";

/** Listeners, listener rules, classic ELBs, CloudFront's viewer and origin protocols, HSTS and the ALB's hardening. */
export const HTTPS_MISTAKES: Mistake[] = [
    // --- HTTPS
    {
        what: "an HTTP listener that forwards on an internet-facing ALB (locked to CloudFront's prefix list)",
        mutate: (m) =>
            m
                .set("chatmrpt-web-alb", "internal", false)
                .set("chatmrpt-web-alb-from-cloudfront-http", "referencedSecurityGroupId", undefined)
                .set("chatmrpt-web-alb-from-cloudfront-http", "prefixListId", "pl-b6a144df"),
        policy: "alb-listener-https",
        views: ["up"],
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
        views: ["up"],
        messages: [
            "HTTPS listener must use a TLS policy from the allow-list (ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09); found ELBSecurityPolicy-2016-08",
        ],
    },
    {
        what: "CloudFront allow-all on the static behavior",
        mutate: (m) =>
            m.set("chatmrpt-cdn-distribution", "orderedCacheBehaviors.0.viewerProtocolPolicy", "allow-all"),
        policy: "cloudfront-viewer-https",
        views: ["up"],
        messages: [
            "cache behavior /static/* must use viewerProtocolPolicy redirect-to-https or https-only; found allow-all",
        ],
    },
    {
        what: "an alias served on the default certificate (TLSv1 floor)",
        mutate: (m) => m.set("chatmrpt-cdn-distribution", "aliases", ["chat.mrpt-health.org"]),
        policy: "cloudfront-viewer-https",
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: ["origin app must use originProtocolPolicy https-only; found http-only"],
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
        views: ["up"],
        messages: [
            "origin app must use a VPC origin of this stack, whose protocol the pack can check; found vo_OtherAccountOrigin0000",
        ],
    },
    {
        what: "an HTTPS VPC origin allowing TLSv1",
        mutate: (m) =>
            m
                .set("chatmrpt-cdn-origin-http", "vpcOriginEndpointConfig.originProtocolPolicy", "https-only")
                .set("chatmrpt-cdn-origin-http", "vpcOriginEndpointConfig.originSslProtocols", {
                    items: ["TLSv1", "TLSv1.2"],
                    quantity: 2,
                }),
        policy: "cloudfront-origin-https",
        views: ["up"],
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
        views: ["up"],
        messages: [
            "VPC origin chatmrpt-cdn-origin-http may use originProtocolPolicy http-only only towards an internal load balancer of this stack; found arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/chatmrpt-staging-alb/752380251",
        ],
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
        views: ["up"],
        messages: [
            "bucket chatmrpt-uploads-bucket must have a policy denying requests where aws:SecureTransport is false; found a policy without that statement",
        ],
    },
    {
        what: "ALB access logs turned off",
        mutate: (m) => m.set("chatmrpt-web-alb", "accessLogs", undefined),
        policy: "alb-hardened",
        views: ["up"],
        messages: ["accessLogs must be enabled with a bucket; found unset"],
        // The log bucket no longer receives logs, so it counts as a data bucket without versions, backups or access logs.
        alsoCaughtBy: ["data-buckets-versioned", "access-logging-on", "data-buckets-in-backup-plan"],
    },
    // --- a listener linked to its load balancer by ARN alone (imported, or a literal ARN): no property dependency
    {
        what: "the internal ALB's HTTP listener when only its ARN links it to the ALB",
        mutate: (m) => m.link("chatmrpt-web-http", "loadBalancerArn"),
        policy: "alb-listener-https",
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
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
        views: ["up"],
        messages: [],
        alsoCaughtBy: ["alb-behind-cloudfront", "cloudfront-origin-https"],
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
        views: ["up"],
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
        views: ["up"],
        config: { "classic-elb-https-only": { allowClassicLoadBalancers: true } },
        messages: ["listener on port 80 must use lbProtocol HTTPS or SSL; found http"],
    },
    {
        what: "HSTS removed from the response headers policy",
        mutate: (m) =>
            m.set(
                "chatmrpt-cdn-security-headers",
                "securityHeadersConfig.strictTransportSecurity",
                undefined,
            ),
        policy: "cloudfront-hsts",
        views: ALL_VIEWS,
        messages: ["default", "/static/*"].map(
            (p) =>
                `cache behaviour ${p} of chatmrpt-cdn-distribution must send Strict-Transport-Security with max-age at least 31536000 through its response headers policy; found policy chatmrpt-cdn-security-headers sends no Strict-Transport-Security`,
        ),
    },
    {
        what: "HSTS max-age cut to a day",
        mutate: (m) =>
            m.set(
                "chatmrpt-cdn-security-headers",
                "securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec",
                86400,
            ),
        policy: "cloudfront-hsts",
        views: ALL_VIEWS,
        messages: ["default", "/static/*"].map(
            (p) =>
                `cache behaviour ${p} of chatmrpt-cdn-distribution must send Strict-Transport-Security with max-age at least 31536000 through its response headers policy; found policy chatmrpt-cdn-security-headers sends max-age 86400`,
        ),
    },
    {
        what: "a behaviour without a response headers policy",
        mutate: (m) =>
            m.set("chatmrpt-cdn-distribution", "orderedCacheBehaviors.0.responseHeadersPolicyId", undefined),
        policy: "cloudfront-hsts",
        views: ALL_VIEWS,
        messages: [
            "cache behaviour /static/* of chatmrpt-cdn-distribution must send Strict-Transport-Security with max-age at least 31536000 through its response headers policy; found no response headers policy",
        ],
    },
    {
        what: "AWS's managed SecurityHeadersPolicy on a behaviour",
        policy: "cloudfront-hsts",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) =>
            m.set(
                "chatmrpt-cdn-distribution",
                "orderedCacheBehaviors.0.responseHeadersPolicyId",
                "67f7725c-6f97-4210-82d7-5512b31e9d03",
            ),
    },
];
