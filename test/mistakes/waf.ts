import { Mutator } from "../policyHarness";
import { ALL_VIEWS, Mistake } from "./mistake";

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

/** The CLOUDFRONT web ACL: attached, its managed groups and rate rule, count and block modes. */
export const WAF_MISTAKES: Mistake[] = [
    {
        what: "the web ACL detached from the distribution",
        mutate: (m) =>
            m
                .set("chatmrpt-cdn-distribution", "webAclId", undefined)
                .link("chatmrpt-cdn-distribution", "webAclId"),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
        messages: [
            "distribution chatmrpt-cdn-distribution must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found none",
        ],
    },
    {
        what: "webAclId set to null while a stale dependency still names the ACL",
        mutate: (m) => m.set("chatmrpt-cdn-distribution", "webAclId", null),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
        messages: [
            "distribution chatmrpt-cdn-distribution must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found arn:aws:wafv2:us-east-1:123456789012:global/webacl/other/0000",
        ],
    },
    {
        what: "the ACL's rules emptied",
        mutate: (m) => m.set(WAF, "rules", []),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
        messages: [
            `${ACL} must run the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet; found ["AWSManagedRulesAmazonIpReputationList","AWSManagedRulesCommonRuleSet"]`,
        ],
    },
    {
        what: "the rate limit raised out of range",
        mutate: (m) => m.set(WAF, "rules.3.statement.rateBasedStatement.limit", 2000000000),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
        messages: [
            `${ACL} must have a rate-based rule by IP with a limit from 100 to 20000; found rate-per-client-ip limit 2000000000 by IP`,
        ],
    },
    {
        what: "the rate rule keyed on a forwarded header a client can set",
        mutate: (m) => m.set(WAF, "rules.3.statement.rateBasedStatement.aggregateKeyType", "FORWARDED_IP"),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
        messages: [
            `${ACL} must have a rate-based rule by IP with a limit from 100 to 20000; found rate-per-client-ip limit 3000 by FORWARDED_IP`,
        ],
    },
    {
        what: "the default action set to block",
        mutate: (m) => m.set(WAF, "defaultAction", { block: {} }),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
        messages: [`${ACL} must have defaultAction allow (its rules decide what is refused); found block`],
    },
    {
        what: "the ACL made REGIONAL",
        mutate: (m) => m.set(WAF, "scope", "REGIONAL"),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
        messages: [
            `${ACL} rule allow-all must not allow requests ahead of the managed groups and rate rule; found action allow at priority 0`,
        ],
    },
    {
        what: "block mode drifting back to count",
        mutate: () => undefined,
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
        messages: [],
    },
    {
        what: "block mode under the default expectedMode count (block is stricter)",
        mutate: (m) => void blockMode(m),
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
        messages: [],
    },
    {
        what: "block mode counting the body-size, body XSS and body RFI rules the app needs (rule action overrides)",
        config: BLOCK,
        policy: "cloudfront-waf-protected",
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
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
        views: ALL_VIEWS,
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
