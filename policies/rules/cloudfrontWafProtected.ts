import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { peek, UNKNOWN } from "../lib/known";
import { show, T } from "../lib/types";
import { ofType, referencedBy } from "../lib/stackIndex";
import { defaultActionOf, WafRule, wafRules } from "../lib/waf";

/** The AWS managed groups the stack's web ACL runs (components/webAcl.ts MANAGED_RULE_GROUPS). */
export const DEFAULT_MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
];

/**
 * Rules of a managed group that may count instead of block in block mode: the common rule
 * set's body-size, body XSS and body RFI rules, which hit file uploads and free-text chat.
 */
export const DEFAULT_COUNTED_RULES: Record<string, string[]> = {
    AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericRFI_BODY"],
};

interface Config {
    requiredManagedRuleGroups: string[];
    minRateLimit: number;
    maxRateLimit: number;
    rateAggregateKeyTypes: string[];
    expectedMode: "count" | "block";
    allowedCountedRules: Record<string, string[]>;
}

const ENFORCING = ["block", "captcha", "challenge"];

/** The problems of one ACL, as messages. */
function aclProblems(acl: PolicyResource, rules: WafRule[], c: Config): string[] {
    const problems: string[] = [];
    const scope = peek(acl.props, "scope");
    if (scope !== UNKNOWN && scope !== "CLOUDFRONT")
        problems.push(
            `must have scope CLOUDFRONT (the only scope a distribution can use); found ${show(scope)}`,
        );
    const byDefault = defaultActionOf(acl);
    if (peek(acl.props, "defaultAction") !== UNKNOWN && byDefault !== "allow")
        problems.push(
            `must have defaultAction allow (its rules decide what is refused); found ${show(byDefault)}`,
        );
    const groups = rules.filter((r) => r.managedGroup?.vendor === "AWS");
    for (const wanted of c.requiredManagedRuleGroups) {
        const found = groups.filter((r) => r.managedGroup!.name === wanted);
        if (found.length === 0)
            problems.push(
                `must run the AWS managed rule group ${wanted}; found ${show(groups.map((g) => g.managedGroup!.name))}`,
            );
        if (c.expectedMode !== "block") continue;
        for (const g of found) {
            if (g.action !== "none")
                problems.push(
                    `rule ${g.name} must keep ${wanted}'s own actions in block mode (overrideAction none); found ${show(g.action)}`,
                );
            const allowed = c.allowedCountedRules[wanted] ?? [];
            const relaxed = g.managedGroup!.relaxedRules.filter((n) => !allowed.includes(n));
            if (relaxed.length > 0)
                problems.push(
                    `rule ${g.name} may set only ${show(allowed)} of ${wanted} to count or allow in block mode; found ${show(relaxed)}`,
                );
        }
    }
    const rates = rules.filter((r) => r.rate !== undefined);
    const inRange = rates.filter(
        (r) =>
            typeof r.rate!.limit === "number" &&
            r.rate!.limit >= c.minRateLimit &&
            r.rate!.limit <= c.maxRateLimit &&
            c.rateAggregateKeyTypes.includes(String(r.rate!.aggregateKeyType ?? "IP")),
    );
    if (inRange.length === 0) {
        const found = rates.map(
            (r) => `${r.name} limit ${show(r.rate!.limit)} by ${show(r.rate!.aggregateKeyType)}`,
        );
        problems.push(
            `must have a rate-based rule by ${c.rateAggregateKeyTypes.join(" or ")} with a limit from ${c.minRateLimit} to ${c.maxRateLimit}; found ${found.length > 0 ? found.join(", ") : "none"}`,
        );
    } else if (c.expectedMode === "block" && !inRange.some((r) => ENFORCING.includes(r.action ?? ""))) {
        problems.push(
            `rate-based rule ${inRange[0].name} must block in block mode; found action ${show(inRange[0].action)}`,
        );
    }
    // An allow rule ahead of the protections lets every request it matches skip them.
    const guarded = [...groups, ...rates]
        .map((r) => r.priority)
        .filter((p): p is number => typeof p === "number");
    for (const r of rules.filter((x) => x.action === "allow" && x.managedGroup === undefined)) {
        if (typeof r.priority !== "number" || guarded.some((p) => r.priority! < p)) {
            problems.push(
                `rule ${r.name} must not allow requests ahead of the managed groups and rate rule; found action allow at priority ${show(r.priority)}`,
            );
        }
    }
    return problems;
}

export const cloudfrontWafProtected: StackValidationPolicy = {
    name: "cloudfront-waf-protected",
    description:
        "Checks that every CloudFront distribution has a CLOUDFRONT-scope WAFv2 web ACL of this stack that allows by default, runs the configured AWS managed rule groups and a rate-based rule with a limit in the configured range, and blocks when the pack config expects block mode.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredManagedRuleGroups: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_MANAGED_RULE_GROUPS,
            },
            // AWS WAF accepts 10 to 2,000,000,000; the app's worker slots put a sane limit in the thousands.
            minRateLimit: { type: "integer", minimum: 10, default: 100 },
            maxRateLimit: { type: "integer", minimum: 10, default: 20000 },
            rateAggregateKeyTypes: { type: "array", items: { type: "string" }, default: ["IP"] },
            // "count" accepts either mode (block is stricter); "block" refuses a drift back to count.
            expectedMode: { type: "string", enum: ["count", "block"], default: "count" },
            allowedCountedRules: {
                type: "object",
                additionalProperties: { type: "array", items: { type: "string" } },
                default: DEFAULT_COUNTED_RULES,
            },
        },
    },
    validateStack: (args, report) => {
        const c = args.getConfig<Config>();
        const acls = ofType(args.resources, T.webAcl);
        const checked = new Set<PolicyResource>();
        for (const d of ofType(args.resources, T.distribution)) {
            const value = peek(d.props, "webAclId");
            const acl = referencedBy(d, "webAclId", acls, ["arn", "id"])[0];
            if (acl === undefined) {
                const found =
                    value === undefined || value === null || value === ""
                        ? "none"
                        : value === UNKNOWN
                          ? "a web ACL outside this stack"
                          : show(value);
                report(
                    `distribution ${d.name} must have a CLOUDFRONT-scope web ACL of this stack attached (webAclId); found ${found}`,
                    d.urn,
                );
                continue;
            }
            if (checked.has(acl)) continue;
            checked.add(acl);
            const rules = wafRules(acl, args.resources);
            const problems = rules === undefined ? [] : aclProblems(acl, rules, c);
            for (const p of problems) report(`web ACL ${acl.name} of distribution ${d.name} ${p}`, acl.urn);
        }
    },
};
