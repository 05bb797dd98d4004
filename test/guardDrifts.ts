import { PolicyPackConfig } from "@pulumi/policy";
import { Mutator } from "./policyHarness";
import { CUTOVER, cutoverPackConfig, overlay } from "./cutoverState";

/**
 * Drifts against what the stack gained in issue 20 (WAF, canary, logs, restore tests,
 * stickiness, the adopted distribution...), each something a pull request or a console
 * change could do, and the legitimate variants the same policies must accept. Run in the
 * up, preview and refreshed views by guardPolicies.test.ts.
 */
export interface Drift {
    readonly what: string;
    readonly mutate: (m: Mutator) => void;
    readonly policy: string;
    /** Exact messages of `policy`, the same in every view; [] for a legitimate variant. */
    readonly messages: string[];
    /** Other policies the same change trips. @default [] */
    readonly alsoCaughtBy?: string[];
    readonly config?: PolicyPackConfig;
    /** Stack config on top of prod's (the cutover). @default {} */
    readonly stack?: Record<string, string>;
    /** The views that show it. @default ALL_VIEWS */
    readonly views?: readonly ("up" | "preview" | "refreshed")[];
}

const TAGS = { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" };
const WAF = "chatmrpt-waf-acl";
const ACL = "web ACL chatmrpt-waf-acl of distribution chatmrpt-cdn-distribution";
const BLOCK = { "cloudfront-waf-protected": { expectedMode: "block" } };

/** The WAF's rules as block mode writes them (components/webAcl.ts), from the recorded count-mode ones. */
function blockMode(m: Mutator): any[] {
    const rules = structuredClone(m.get(WAF).inputs.rules) as any[];
    for (const r of rules) {
        if (r.overrideAction) r.overrideAction = { none: {} };
        if (r.action) r.action = { block: {} };
    }
    m.set(WAF, "rules", rules);
    return rules;
}

/** An ingress rule on the app's group, as a separate aws:vpc rule resource. */
function appIngress(m: Mutator, name: string, props: Record<string, unknown>, peer?: string): void {
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

export const EDGE_DRIFTS: Drift[] = [
    {
        what: "the web ACL detached from the distribution",
        mutate: (m) =>
            m
                .set("chatmrpt-cdn-distribution", "webAclId", undefined)
                .link("chatmrpt-cdn-distribution", "webAclId"),
        policy: "cloudfront-waf-protected",
        messages: [
            "distribution chatmrpt-cdn-distribution must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found none",
        ],
    },
    {
        what: "webAclId set to null while a stale dependency still names the ACL",
        mutate: (m) => m.set("chatmrpt-cdn-distribution", "webAclId", null),
        policy: "cloudfront-waf-protected",
        messages: [
            "distribution chatmrpt-cdn-distribution must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found none",
        ],
    },
    {
        what: "an ACL from outside the stack (a literal ARN)",
        mutate: (m) =>
            m
                .set(
                    "chatmrpt-cdn-distribution",
                    "webAclId",
                    "arn:aws:wafv2:us-east-1:123456789012:global/webacl/other/0000",
                )
                .link("chatmrpt-cdn-distribution", "webAclId"),
        policy: "cloudfront-waf-protected",
        messages: [
            "distribution chatmrpt-cdn-distribution must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found arn:aws:wafv2:us-east-1:123456789012:global/webacl/other/0000",
        ],
    },
    {
        what: "the ACL's rules emptied",
        mutate: (m) => m.set(WAF, "rules", []),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must run the AWS managed rule group AWSManagedRulesAmazonIpReputationList; found []`,
            `${ACL} must run the AWS managed rule group AWSManagedRulesCommonRuleSet; found []`,
            `${ACL} must run the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet; found []`,
            `${ACL} must have a rate-based rule by IP with a limit from 100 to 20000; found none`,
        ],
    },
    {
        what: "the known-bad-inputs group dropped",
        mutate: (m) =>
            m.set(
                WAF,
                "rules",
                m.get(WAF).inputs.rules.filter((r: any) => r.name !== "AWSManagedRulesKnownBadInputsRuleSet"),
            ),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must run the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet; found ["AWSManagedRulesAmazonIpReputationList","AWSManagedRulesCommonRuleSet"]`,
        ],
    },
    {
        what: "the rate limit raised out of range",
        mutate: (m) => m.set(WAF, "rules.3.statement.rateBasedStatement.limit", 2000000000),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must have a rate-based rule by IP with a limit from 100 to 20000; found rate-per-client-ip limit 2000000000 by IP`,
        ],
    },
    {
        what: "the rate rule keyed on a forwarded header a client can set",
        mutate: (m) => m.set(WAF, "rules.3.statement.rateBasedStatement.aggregateKeyType", "FORWARDED_IP"),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must have a rate-based rule by IP with a limit from 100 to 20000; found rate-per-client-ip limit 3000 by FORWARDED_IP`,
        ],
    },
    {
        what: "the default action set to block",
        mutate: (m) => m.set(WAF, "defaultAction", { block: {} }),
        policy: "cloudfront-waf-protected",
        messages: [`${ACL} must have defaultAction allow (its rules decide what is refused); found block`],
    },
    {
        what: "the ACL made REGIONAL",
        mutate: (m) => m.set(WAF, "scope", "REGIONAL"),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must have scope CLOUDFRONT (the only scope a distribution can use); found REGIONAL`,
        ],
    },
    {
        what: "an allow-everything rule ahead of the managed groups",
        mutate: (m) =>
            m.set(WAF, "rules", [
                {
                    name: "allow-all",
                    priority: 0,
                    action: { allow: {} },
                    statement: { notStatement: { statement: { byteMatchStatement: { searchString: "x" } } } },
                },
                ...m.get(WAF).inputs.rules.map((r: any) => ({ ...r, priority: r.priority + 1 })),
            ]),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} rule allow-all must not allow requests ahead of the managed groups and rate rule; found action allow at priority 0`,
        ],
    },
    {
        what: "block mode drifting back to count",
        mutate: () => undefined,
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} rule AWSManagedRulesAmazonIpReputationList must keep AWSManagedRulesAmazonIpReputationList's own actions in block mode (overrideAction none); found count`,
            `${ACL} rule AWSManagedRulesCommonRuleSet must keep AWSManagedRulesCommonRuleSet's own actions in block mode (overrideAction none); found count`,
            `${ACL} rule AWSManagedRulesKnownBadInputsRuleSet must keep AWSManagedRulesKnownBadInputsRuleSet's own actions in block mode (overrideAction none); found count`,
            `${ACL} rate-based rule rate-per-client-ip must block in block mode; found action count`,
        ],
    },
    {
        what: "block mode with one group set back to count",
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        mutate: (m) =>
            m.set(
                WAF,
                "rules",
                blockMode(m).map((r) =>
                    r.name === "AWSManagedRulesCommonRuleSet" ? { ...r, overrideAction: { count: {} } } : r,
                ),
            ),
        messages: [
            `${ACL} rule AWSManagedRulesCommonRuleSet must keep AWSManagedRulesCommonRuleSet's own actions in block mode (overrideAction none); found count`,
        ],
    },
    {
        what: "block mode counting a common rule the app does not need relaxed",
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        mutate: (m) =>
            m.set(
                WAF,
                "rules",
                blockMode(m).map((r) =>
                    r.name !== "AWSManagedRulesCommonRuleSet"
                        ? r
                        : {
                              ...r,
                              statement: {
                                  managedRuleGroupStatement: {
                                      ...r.statement.managedRuleGroupStatement,
                                      ruleActionOverrides: [
                                          { name: "SizeRestrictions_BODY", actionToUse: { count: {} } },
                                          { name: "NoUserAgent_HEADER", actionToUse: { count: {} } },
                                      ],
                                  },
                              },
                          },
                ),
            ),
        messages: [
            `${ACL} rule AWSManagedRulesCommonRuleSet may set only ["SizeRestrictions_BODY","CrossSiteScripting_BODY","GenericRFI_BODY"] of AWSManagedRulesCommonRuleSet to count or allow in block mode; found ["NoUserAgent_HEADER"]`,
        ],
    },
    {
        what: "the rules moved to ruleJson with the IP-reputation group missing",
        mutate: (m) =>
            m.set(WAF, "rules", undefined).set(
                WAF,
                "ruleJson",
                JSON.stringify([
                    {
                        Name: "AWSManagedRulesCommonRuleSet",
                        Priority: 1,
                        OverrideAction: { Count: {} },
                        Statement: {
                            ManagedRuleGroupStatement: {
                                VendorName: "AWS",
                                Name: "AWSManagedRulesCommonRuleSet",
                            },
                        },
                    },
                    {
                        Name: "AWSManagedRulesKnownBadInputsRuleSet",
                        Priority: 2,
                        OverrideAction: { Count: {} },
                        Statement: {
                            ManagedRuleGroupStatement: {
                                VendorName: "AWS",
                                Name: "AWSManagedRulesKnownBadInputsRuleSet",
                            },
                        },
                    },
                    {
                        Name: "rate",
                        Priority: 3,
                        Action: { Count: {} },
                        Statement: { RateBasedStatement: { AggregateKeyType: "IP", Limit: 3000 } },
                    },
                ]),
            ),
        policy: "cloudfront-waf-protected",
        messages: [
            `${ACL} must run the AWS managed rule group AWSManagedRulesAmazonIpReputationList; found ["AWSManagedRulesCommonRuleSet","AWSManagedRulesKnownBadInputsRuleSet"]`,
        ],
    },
    // Legitimate variants.
    {
        what: "block mode (components/webAcl.ts mode block) under expectedMode block",
        config: BLOCK,
        mutate: (m) => void blockMode(m),
        policy: "cloudfront-waf-protected",
        messages: [],
    },
    {
        what: "block mode under the default expectedMode count (block is stricter)",
        mutate: (m) => void blockMode(m),
        policy: "cloudfront-waf-protected",
        messages: [],
    },
    {
        what: "block mode counting the body-size, body XSS and body RFI rules the app needs (rule action overrides)",
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        messages: [],
        mutate: (m) =>
            m.set(
                WAF,
                "rules",
                blockMode(m).map((r) =>
                    r.name !== "AWSManagedRulesCommonRuleSet"
                        ? r
                        : {
                              ...r,
                              statement: {
                                  managedRuleGroupStatement: {
                                      ...r.statement.managedRuleGroupStatement,
                                      ruleActionOverrides: [
                                          "SizeRestrictions_BODY",
                                          "CrossSiteScripting_BODY",
                                          "GenericRFI_BODY",
                                      ].map((name) => ({ name, actionToUse: { count: {} } })),
                                  },
                              },
                          },
                ),
            ),
    },
    {
        what: "block mode with the common group scoped down to skip uploads",
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        messages: [],
        mutate: (m) =>
            m.set(
                WAF,
                "rules",
                blockMode(m).map((r) =>
                    r.name !== "AWSManagedRulesCommonRuleSet"
                        ? r
                        : {
                              ...r,
                              statement: {
                                  managedRuleGroupStatement: {
                                      ...r.statement.managedRuleGroupStatement,
                                      scopeDownStatement: {
                                          notStatement: {
                                              statement: {
                                                  byteMatchStatement: {
                                                      searchString: "/upload",
                                                      positionalConstraint: "STARTS_WITH",
                                                      fieldToMatch: { uriPath: {} },
                                                      textTransformations: [{ priority: 0, type: "NONE" }],
                                                  },
                                              },
                                          },
                                      },
                                  },
                              },
                          },
                ),
            ),
    },
    {
        what: "the same rules written as ruleJson",
        policy: "cloudfront-waf-protected",
        messages: [],
        mutate: (m) =>
            m.set(WAF, "rules", undefined).set(
                WAF,
                "ruleJson",
                JSON.stringify(
                    [
                        "AWSManagedRulesAmazonIpReputationList",
                        "AWSManagedRulesCommonRuleSet",
                        "AWSManagedRulesKnownBadInputsRuleSet",
                    ]
                        .map((name, i) => ({
                            Name: name,
                            Priority: i,
                            OverrideAction: { Count: {} },
                            Statement: { ManagedRuleGroupStatement: { VendorName: "AWS", Name: name } },
                        }))
                        .concat([
                            {
                                Name: "rate",
                                Priority: 3,
                                Action: { Count: {} },
                                Statement: {
                                    RateBasedStatement: { AggregateKeyType: "IP", Limit: 3000 },
                                },
                            } as any,
                        ]),
                ),
            ),
    },
];

export const APP_TIER_DRIFTS: Drift[] = [
    {
        what: "stickiness turned off",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness.enabled", false),
        policy: "alb-stickiness-for-local-files",
        messages: [
            "target group chatmrpt-web-tg must keep each user on one instance while the app keeps files on instance disks (stickiness enabled, type lb_cookie or app_cookie); found enabled false, type lb_cookie",
        ],
    },
    {
        what: "stickiness removed",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness", undefined),
        policy: "alb-stickiness-for-local-files",
        messages: [
            "target group chatmrpt-web-tg must keep each user on one instance while the app keeps files on instance disks (stickiness enabled, type lb_cookie or app_cookie); found enabled unset, type unset",
        ],
    },
    {
        what: "stickiness off once the app keeps no files on instance disks",
        mutate: (m) => m.set("chatmrpt-web-tg", "stickiness.enabled", false),
        config: { "alb-stickiness-for-local-files": { appKeepsFilesOnInstanceDisks: false } },
        policy: "alb-stickiness-for-local-files",
        messages: [],
    },
    {
        what: "EC2 health checks",
        mutate: (m) => m.set("chatmrpt-web-asg", "healthCheckType", "EC2"),
        policy: "asg-elb-health-and-request-scaling",
        messages: [
            "Auto Scaling group chatmrpt-web-asg must use healthCheckType ELB (replace instances the load balancer finds unhealthy); found EC2",
        ],
    },
    {
        what: "the request-count scaling policy deleted",
        mutate: (m) => m.remove("chatmrpt-web-request-tracking"),
        policy: "asg-elb-health-and-request-scaling",
        messages: [
            'Auto Scaling group chatmrpt-web-asg must have an enabled target-tracking policy on ALBRequestCountPerTarget or RequestCountPerTarget; found ["chatmrpt-web-cpu-tracking"]',
        ],
    },
    {
        what: "the request-count scaling policy disabled",
        mutate: (m) => m.set("chatmrpt-web-request-tracking", "enabled", false),
        policy: "asg-elb-health-and-request-scaling",
        messages: [
            'Auto Scaling group chatmrpt-web-asg must have an enabled target-tracking policy on ALBRequestCountPerTarget or RequestCountPerTarget; found ["chatmrpt-web-cpu-tracking","chatmrpt-web-request-tracking"]',
        ],
    },
    {
        what: "the ASG taken out of its target group",
        mutate: (m) =>
            m.set("chatmrpt-web-asg", "targetGroupArns", []).link("chatmrpt-web-asg", "targetGroupArns"),
        policy: "asg-elb-health-and-request-scaling",
        messages: ["Auto Scaling group chatmrpt-web-asg must be in a load balancer target group; found none"],
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
        messages: [
            "cache behaviour /static/* of chatmrpt-cdn-distribution must send Strict-Transport-Security with max-age at least 31536000 through its response headers policy; found no response headers policy",
        ],
    },
    {
        what: "AWS's managed SecurityHeadersPolicy on a behaviour",
        policy: "cloudfront-hsts",
        messages: [],
        mutate: (m) =>
            m.set(
                "chatmrpt-cdn-distribution",
                "orderedCacheBehaviors.0.responseHeadersPolicyId",
                "67f7725c-6f97-4210-82d7-5512b31e9d03",
            ),
    },
];

export const SECURITY_GROUP_DRIFTS: Drift[] = [
    {
        what: "SSH from the VPC CIDR",
        mutate: (m) => appIngress(m, "x-ssh", { cidrIpv4: "10.20.0.0/16", fromPort: 22, toPort: 22 }),
        policy: "app-ingress-from-alb-only",
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
        messages: [
            'rule x-ssh on app-tier group chatmrpt-web-app-sg must not admit [22] (SSH: use SSM Session Manager); found tcp 22-22 from ["chatmrpt-web-alb-sg"]',
        ],
    },
    {
        what: "the app port from a private range",
        mutate: (m) => appIngress(m, "x-app", { cidrIpv4: "172.16.0.0/12", fromPort: 8000, toPort: 8000 }),
        policy: "app-ingress-from-alb-only",
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
        messages: [
            `rule chatmrpt-web-app-from-alb on app-tier group chatmrpt-web-app-sg must admit app port [8000] only from the load balancer's security group ["chatmrpt-web-alb-sg"]; found ["chatmrpt-cache-sg"]`,
        ],
    },
    {
        what: "all traffic from the VPC as an older aws:ec2 rule",
        policy: "app-ingress-from-alb-only",
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
    // Legitimate: a rule naming its own group on another port (AWS reports it as self: true after a refresh).
    {
        what: "a metrics port between app instances, by their own group",
        policy: "no-mixed-security-group-rules",
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

export const IAM_DRIFTS: Drift[] = [
    "AmazonS3FullAccess",
    "AWSLambda_FullAccess",
    "CloudWatchFullAccessV2",
    "AmazonDynamoDBFullAccess_v2",
].map((name) => ({
    what: `${name} attached to the instance role`,
    policy: "iam-no-wildcard-or-admin",
    mutate: (m: Mutator) =>
        m.add("chatmrpt-web-ssm-core", {
            name: "x-attach",
            props: {
                role: m.get("chatmrpt-web-ssm-core").inputs.role,
                policyArn: `arn:aws:iam::aws:policy/${name}`,
            },
        }),
    messages: [
        `AWS managed policies granting a whole service or the account must not be attached; found arn:aws:iam::aws:policy/${name}`,
    ],
}));

const CANARY = "chatmrpt-endpoints-canary";
const removeTyped = (m: Mutator, name: string, type: string) =>
    m.resources.splice(
        m.resources.findIndex((r) => r.name === name && r.type === type),
        1,
    );

export const OBSERVABILITY_DRIFTS: Drift[] = [
    {
        what: "the canary stopped",
        mutate: (m) => m.set(CANARY, "startCanary", false),
        policy: "endpoint-canary-watched",
        messages: [`canary ${CANARY} must run (startCanary true); found false`],
    },
    {
        what: "the canary reported STOPPED by AWS (a console stop)",
        mutate: (m) => m.set(CANARY, "status", "STOPPED"),
        policy: "endpoint-canary-watched",
        messages: [`canary ${CANARY} must be running; AWS reports status STOPPED`],
    },
    {
        what: "the canary deleted",
        mutate: (m) => m.remove(CANARY),
        policy: "endpoint-canary-watched",
        messages: [
            'the stack must have an endpoint canary checking ["/","/health","/system-health"] through CloudFront; found none',
        ],
        // Its artifacts bucket is then an ordinary data bucket.
        alsoCaughtBy: ["data-buckets-in-backup-plan", "access-logging-on"],
    },
    {
        what: "the canary checking / only",
        mutate: (m) => m.set(CANARY, "runConfig.environmentVariables.CHECK_PATHS", "/"),
        policy: "endpoint-canary-watched",
        messages: [
            `canary ${CANARY} must check ["/","/health","/system-health"] (CHECK_PATHS); missing ["/health","/system-health"]`,
        ],
    },
    {
        what: "the canary run once (rate(0 minutes))",
        mutate: (m) => m.set(CANARY, "schedule.expression", "rate(0 minutes)"),
        policy: "endpoint-canary-watched",
        messages: [`canary ${CANARY} must run at least every 60 minutes; found schedule rate(0 minutes)`],
    },
    {
        what: "a latency alarm raised to 10 s",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoint-root-latency", "threshold", 10000),
        policy: "endpoint-canary-watched",
        messages: [
            `latency alarm chatmrpt-monitoring-endpoint-root-latency of canary ${CANARY} must fire above at most 250 ms (GreaterThanThreshold); found GreaterThanThreshold 10000`,
        ],
    },
    {
        what: "a latency alarm waiting 20 slow runs",
        mutate: (m) =>
            m
                .set("chatmrpt-monitoring-endpoint-health-latency", "datapointsToAlarm", 20)
                .set("chatmrpt-monitoring-endpoint-health-latency", "evaluationPeriods", 20),
        policy: "endpoint-canary-watched",
        messages: [
            `latency alarm chatmrpt-monitoring-endpoint-health-latency of canary ${CANARY} must fire after at most 5 slow periods; found 20`,
        ],
    },
    {
        what: "every latency alarm deleted",
        policy: "endpoint-canary-watched",
        alsoCaughtBy: ["required-alarms"],
        mutate: (m) =>
            ["root", "health", "system-health"].forEach((s) =>
                m.remove(`chatmrpt-monitoring-endpoint-${s}-latency`),
            ),
        messages: [`canary ${CANARY} must have a latency alarm (any other metric of the canary); found none`],
    },
    {
        what: "the failure alarm muted (no actions)",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoints-failed", "alarmActions", []),
        policy: "endpoint-canary-watched",
        messages: [
            `failure alarm chatmrpt-monitoring-endpoints-failed of canary ${CANARY} must notify someone (alarmActions); found none`,
        ],
        alsoCaughtBy: ["alarm-actions-on-stack-topic"],
    },
    {
        what: "the failure alarm's threshold at 0 %",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoints-failed", "threshold", 0),
        policy: "endpoint-canary-watched",
        messages: [
            `failure alarm chatmrpt-monitoring-endpoints-failed of canary ${CANARY} must fire when success drops below 100 % (LessThanThreshold 100); found LessThanThreshold 0`,
        ],
    },
    {
        what: "latency alarms on a time-to-first-byte metric over three runs (issue 22)",
        policy: "endpoint-canary-watched",
        messages: [],
        mutate: (m) =>
            ["root", "health", "system-health"].forEach((s) =>
                m
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "metricName", "TimeToFirstByte")
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "datapointsToAlarm", 3)
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "evaluationPeriods", 3),
            ),
    },
    {
        what: "app log retention cut to 1 day",
        mutate: (m) => m.set("chatmrpt-logs-app", "retentionInDays", 1),
        policy: "app-log-groups-kept",
        messages: ["log group chatmrpt-logs-app must keep logs 14 to 731 days (retentionInDays); found 1"],
    },
    {
        what: "system logs kept forever (retention unset)",
        mutate: (m) => m.set("chatmrpt-logs-system", "retentionInDays", undefined),
        policy: "app-log-groups-kept",
        messages: [
            "log group chatmrpt-logs-system must keep logs 14 to 731 days (retentionInDays); found never expire",
        ],
    },
    {
        what: "the system log group deleted",
        mutate: (m) => m.remove("chatmrpt-logs-system"),
        policy: "app-log-groups-kept",
        messages: [
            'the stack must have a log group named like /chatmrpt/*/system; found ["/chatmrpt/prod/app"]',
        ],
    },
    {
        what: "the instance role's log-writing policy deleted",
        mutate: (m) => m.remove("chatmrpt-logs-write"),
        policy: "app-log-groups-kept",
        messages: ["app", "system"].map(
            (g) =>
                `instance role chatmrpt-web-instance-role must be allowed logs:CreateLogStream and logs:PutLogEvents on log group /chatmrpt/prod/${g}; found no statement granting it`,
        ),
    },
    {
        what: "the instance role writing to the app group only",
        policy: "app-log-groups-kept",
        mutate: (m) =>
            m.set(
                "chatmrpt-logs-write",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: ["arn:aws:logs:us-east-2:123456789012:log-group:/chatmrpt/prod/app:*"],
                        },
                    ],
                }),
            ),
        messages: [
            "instance role chatmrpt-web-instance-role must be allowed logs:CreateLogStream and logs:PutLogEvents on log group /chatmrpt/prod/system; found no statement granting it",
        ],
    },
    {
        what: "the CloudWatch agent's managed policy instead of the inline one",
        policy: "app-log-groups-kept",
        messages: [],
        mutate: (m) =>
            m.remove("chatmrpt-logs-write").add("chatmrpt-web-ssm-core", {
                name: "x-agent",
                props: {
                    role: m.get("chatmrpt-web-ssm-core").inputs.role,
                    policyArn: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                },
                propertyDependencies: { role: [m.get("chatmrpt-web-instance-role").urn] },
            }),
    },
];

const VOLUME_TAGS =
    '[{"Backup":"chatmrpt-daily","Environment":"prod","ManagedBy":"pulumi","Name":"chatmrpt-web-app","Project":"chatmrpt"}]';
const RESTORE = `a restore testing plan must have a selection covering the app volumes (EBS, tags ${VOLUME_TAGS}); found`;
const RESULTS =
    'restore test results (AWS Backup "Restore Job State Change" events) must reach an SNS topic of this stack with a subscriber through an enabled EventBridge rule; found';

export const RECOVERY_DRIFTS: Drift[] = [
    {
        what: "the restore testing plan deleted",
        policy: "restore-tests-cover-app-volumes",
        mutate: (m) =>
            m.remove("chatmrpt-backups-restore-test").remove("chatmrpt-backups-restore-test-volumes"),
        messages: [
            "the stack must have a restore testing plan that proves the app volumes' backups restore; found none",
        ],
    },
    {
        what: "the restore testing selection deleted",
        mutate: (m) => m.remove("chatmrpt-backups-restore-test-volumes"),
        policy: "restore-tests-cover-app-volumes",
        messages: [`${RESTORE} plan chatmrpt-backups-restore-test has no selection`],
    },
    {
        what: "the restore testing selection picking other volumes",
        mutate: (m) =>
            m.set(
                "chatmrpt-backups-restore-test-volumes",
                "protectedResourceConditions.stringEquals.0.value",
                "other",
            ),
        policy: "restore-tests-cover-app-volumes",
        messages: [
            `${RESTORE} selection chatmrpt-backups-restore-test-volumes has conditions that exclude them ([{"key":"aws:ResourceTag/Backup","value":"other"}])`,
        ],
    },
    {
        what: "the restore testing selection moved to S3",
        mutate: (m) => m.set("chatmrpt-backups-restore-test-volumes", "protectedResourceType", "S3"),
        policy: "restore-tests-cover-app-volumes",
        messages: [`${RESTORE} selection chatmrpt-backups-restore-test-volumes has protectedResourceType S3`],
    },
    {
        what: "the uploads bucket dropped from the backup selection",
        mutate: (m) =>
            m.set("chatmrpt-backups-buckets", "resources", []).link("chatmrpt-backups-buckets", "resources"),
        policy: "data-buckets-in-backup-plan",
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must be in an AWS Backup selection of a backup plan of this stack; found none",
        ],
    },
    {
        what: "the bucket selection deleted",
        mutate: (m) => m.remove("chatmrpt-backups-buckets"),
        policy: "data-buckets-in-backup-plan",
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must be in an AWS Backup selection of a backup plan of this stack; found none",
        ],
    },
    {
        what: "the restore results' only subscriber removed",
        mutate: (m) => m.remove("chatmrpt-backups-restore-results-email-1"),
        policy: "restore-results-notified",
        messages: [`${RESULTS} topic chatmrpt-backups-restore-results has no subscriber`],
    },
    {
        what: "the restore results' event target removed",
        mutate: (m) =>
            void removeTyped(m, "chatmrpt-backups-restore-results", "aws:cloudwatch/eventTarget:EventTarget"),
        policy: "restore-results-notified",
        messages: [`${RESULTS} rule chatmrpt-backups-restore-results reaches no SNS topic of this stack`],
    },
    {
        what: "the restore results' rule disabled",
        mutate: (m) =>
            m.resources
                .filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule")
                .forEach((r) => {
                    r.inputs.state = "DISABLED";
                    r.outputs.state = "DISABLED";
                }),
        policy: "restore-results-notified",
        messages: [`${RESULTS} rule chatmrpt-backups-restore-results disabled`],
    },
    {
        what: "a vault that can be force-destroyed",
        mutate: (m) => m.set("chatmrpt-backups-vault", "forceDestroy", true),
        policy: "backup-vaults-keep-recovery-points",
        messages: [
            "backup vault chatmrpt-backups-vault must not set forceDestroy (a destroy would delete every recovery point); found true",
        ],
    },
    {
        what: "the vault on the AWS managed key",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", undefined)
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        policy: "backup-vaults-keep-recovery-points",
        messages: [
            "backup vault chatmrpt-backups-vault must be encrypted with a customer-managed KMS key (kmsKeyArn), or the pack config must say why not (awsManagedKeyReason, 10+ characters); found the AWS managed key",
        ],
    },
    {
        what: "the vault on the AWS managed key when the pack config says why",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", undefined)
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        config: {
            "backup-vaults-keep-recovery-points": {
                awsManagedKeyReason: "a second account's vault, whose key policy we do not manage",
            },
        },
        policy: "backup-vaults-keep-recovery-points",
        messages: [],
    },
    {
        what: "ALB access logs off",
        mutate: (m) => m.set("chatmrpt-web-alb", "accessLogs.enabled", false),
        policy: "access-logging-on",
        alsoCaughtBy: ["alb-hardened"],
        messages: [
            "load balancer chatmrpt-web-alb must write access logs to a bucket (accessLogs enabled, bucket set); found enabled false, bucket chatmrpt-alb-logs-bucket-ee636ac",
        ],
    },
    {
        what: "the uploads bucket's access logging removed",
        mutate: (m) => m.remove("chatmrpt-uploads-access-logging"),
        policy: "access-logging-on",
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must have server access logging to a target bucket; found unset",
        ],
    },
];

// The cutover's committed state: old prod's distribution adopted and routed, under the committed pack config.
const EXEMPT = cutoverPackConfig();
const ROUTER = "chatmrpt-cdn-router-function";

export const CUTOVER_DRIFTS: Drift[] = [
    {
        what: "the adopted distribution un-protected",
        stack: CUTOVER,
        config: EXEMPT,
        mutate: (m) => m.options("chatmrpt-cdn-distribution", { protect: false }),
        policy: "adopted-distribution-protected",
        messages: [
            "distribution chatmrpt-cdn-distribution was adopted (its ID E2EXAMPLE12345 is in adoptedDistributionIds) and must be created with protect: true (and retainOnDelete: true); found protect: false",
        ],
    },
    {
        what: "the adoption keys unset while the pack config still lists the adopted distribution",
        mutate: () => undefined,
        config: { "adopted-distribution-protected": { adoptedDistributionIds: ["E2EXAMPLE12345"] } },
        policy: "adopted-distribution-protected",
        // A preview of a first deployment knows no distribution ID: the up and refreshed views catch it.
        views: ["up", "refreshed"],
        messages: [
            "distribution E2EXAMPLE12345 is in adoptedDistributionIds but the stack declares no distribution with that ID: keep chatmrpt:adoptDistributionId E2EXAMPLE12345 and chatmrpt:adoptedDistributionConfig set, or release it explicitly (chatmrpt:releaseAdoptedDistribution true) and remove it from adoptedDistributionIds",
        ],
    },
    {
        what: "an adopted distribution listed in the pack config un-protected after the legacy origin left",
        mutate: (m) => {
            m.options("chatmrpt-cdn-distribution", { protect: false }).set(
                "chatmrpt-cdn-distribution",
                "id",
                "E2EXAMPLE12345",
            );
            for (const a of ["5xx-rate", "error-rate"])
                m.set(`chatmrpt-monitoring-cloudfront-${a}`, "dimensions.DistributionId", "E2EXAMPLE12345");
        },
        config: { "adopted-distribution-protected": { adoptedDistributionIds: ["E2EXAMPLE12345"] } },
        policy: "adopted-distribution-protected",
        messages: [
            "distribution chatmrpt-cdn-distribution was adopted (its ID E2EXAMPLE12345 is in adoptedDistributionIds) and must be created with protect: true (and retainOnDelete: true); found protect: false",
        ],
    },
    {
        what: "the router's KeyValueStore association removed",
        stack: CUTOVER,
        config: EXEMPT,
        policy: "cloudfront-router-every-behavior",
        mutate: (m) =>
            m.set(ROUTER, "keyValueStoreAssociations", []).link(ROUTER, "keyValueStoreAssociations"),
        messages: [
            `origin router ${ROUTER} must be associated with a KeyValueStore of this stack (keyValueStoreAssociations), where the routing key lives; found []`,
        ],
    },
    {
        what: "the router left unpublished",
        stack: CUTOVER,
        config: EXEMPT,
        mutate: (m) => m.set(ROUTER, "publish", false),
        policy: "cloudfront-router-every-behavior",
        messages: [
            `origin router ${ROUTER} must be published (publish true): distributions run the LIVE stage; found publish false`,
        ],
    },
    {
        what: "the router taken off the static behaviour of the adopted realistic distribution",
        stack: overlay("route"),
        config: EXEMPT,
        policy: "cloudfront-router-every-behavior",
        mutate: (m) => m.set("chatmrpt-cdn-distribution", "orderedCacheBehaviors.0.functionAssociations", []),
        messages: ["request", "response"].map(
            (e) =>
                `cache behavior /static/* of chatmrpt-cdn-distribution must run the origin router on viewer-${e}; found []`,
        ),
    },
];

/** Every table above, for the pack-wide check that each policy catches something. */
export const GUARD_DRIFTS: Drift[] = [
    ...EDGE_DRIFTS,
    ...APP_TIER_DRIFTS,
    ...SECURITY_GROUP_DRIFTS,
    ...IAM_DRIFTS,
    ...OBSERVABILITY_DRIFTS,
    ...RECOVERY_DRIFTS,
    ...CUTOVER_DRIFTS,
];
