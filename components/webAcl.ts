import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** `count` records what the rules would block; `block` enforces them. */
export type WafMode = "count" | "block";
export const WAF_MODES: readonly WafMode[] = ["count", "block"];

/**
 * AWS managed rule groups in the web ACL, in evaluation order (AWS docs, "AWS Managed
 * Rules rule groups list"). These three carry no fee beyond the per-rule charge; Bot
 * Control, ATP and ACFP would.
 */
export const MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

/**
 * Rules of a managed group that stay at `count` in block mode too (AWS docs, "Baseline rule
 * groups", core rule set): the app's own traffic matches them. `SizeRestrictions_BODY` blocks
 * any body over 8 KB (file uploads, long prompts); `CrossSiteScripting_BODY` and
 * `GenericRFI_BODY` match free-text chat that quotes HTML or URLs. Overridden rather than
 * scoped down: a scope-down statement takes the matched paths out of every rule of the group,
 * an override only these three, which keep counting (CountedRequests, sampled requests and
 * their labels) so they stay visible.
 */
export const COUNTED_MANAGED_RULES: Readonly<Record<string, readonly string[]>> = {
    AWSManagedRulesCommonRuleSet: ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericRFI_BODY"],
};

/** Evaluation windows a rate-based rule accepts (AWS docs, "Rate-based rule high-level settings"). */
export const RATE_WINDOWS_SECONDS = [60, 120, 300, 600] as const;
/** The lowest rate limit AWS WAF accepts (same page). */
export const MIN_RATE_LIMIT = 10;

/**
 * Requests one client IP may send per window: the share of the app's worker slots one
 * client may keep busy, times the window, divided by the average request time.
 * limit = ceil(workerSlots × perClientShare × windowSeconds ÷ averageRequestSeconds).
 * WAF counts cached (static) requests too, hence a short average.
 */
export function rateLimitForSlots(a: {
    workerSlots: number;
    perClientShare: number;
    windowSeconds: number;
    averageRequestSeconds: number;
}): number {
    return Math.max(
        MIN_RATE_LIMIT,
        Math.ceil((a.workerSlots * a.perClientShare * a.windowSeconds) / a.averageRequestSeconds),
    );
}

/**
 * Arguments of {@link WebAcl}. Plain on purpose: the worker slots, share, request time and
 * window compute the rate limit (a number the rule must hold when it is created), and the mode
 * decides each rule's action.
 */
export interface WebAclArgs {
    /** Provider in us-east-1: CLOUDFRONT-scope web ACLs can only be created there. */
    readonly usEast1Provider: aws.Provider;
    /** `count` (log only) or `block`. @default "count" */
    readonly mode?: WafMode;
    /** Gunicorn workers across the app tier at its minimum size (instances × workers). */
    readonly workerSlots: number;
    /** Share of the worker slots one client IP may keep busy. @default 0.25 */
    readonly perClientShare?: number;
    /** Average seconds a request keeps a worker (cached static requests count too). @default 0.5 */
    readonly averageRequestSeconds?: number;
    /** Rate-based rule evaluation window. @default 300 */
    readonly rateWindowSeconds?: number;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * A CLOUDFRONT-scope WAF web ACL: the AWS managed rule groups for IP reputation, common
 * exploits and known bad inputs, then a rate limit per client IP sized from the app's
 * worker slots. In `count` mode nothing is blocked: every match is only counted, to tune
 * before enforcing. In `block` mode the body rules the app's own traffic trips stay
 * counted. Attach it with the distribution's `webAclId` (its ARN).
 */
export class WebAcl extends pulumi.ComponentResource {
    public readonly arn: pulumi.Output<string>;
    /** The WebACL dimension of its CloudWatch metrics (AWS/WAFV2, in us-east-1). */
    public readonly metricName: string;
    public readonly rateLimit: number;
    public readonly mode: WafMode;

    constructor(name: string, args: WebAclArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:waf:WebAcl", name, {}, opts);
        const mode = args.mode ?? "count";
        const perClientShare = args.perClientShare ?? 0.25;
        const averageRequestSeconds = args.averageRequestSeconds ?? 0.5;
        const windowSeconds = args.rateWindowSeconds ?? 300;
        validateWebAclArgs({
            mode,
            workerSlots: args.workerSlots,
            perClientShare,
            averageRequestSeconds,
            windowSeconds,
        });
        const rateLimit = rateLimitForSlots({
            workerSlots: args.workerSlots,
            perClientShare,
            windowSeconds,
            averageRequestSeconds,
        });
        const metric = (id: string) => ({
            cloudwatchMetricsEnabled: true,
            sampledRequestsEnabled: true,
            metricName: `${name}-${id}`,
        });

        const managed = MANAGED_RULE_GROUPS.map((group, i) => ({
            name: group,
            priority: i,
            // A rule group takes overrideAction: count turns every block into a count, none keeps the group's own actions.
            overrideAction: mode === "count" ? { count: {} } : { none: {} },
            // The same overrides in both modes, so switching mode changes only overrideAction.
            statement: {
                managedRuleGroupStatement: { vendorName: "AWS", name: group, ...ruleActionOverrides(group) },
            },
            visibilityConfig: metric(group),
        }));
        const rate = {
            name: "rate-per-client-ip",
            priority: MANAGED_RULE_GROUPS.length,
            action: mode === "count" ? { count: {} } : { block: {} },
            // IP is the viewer's address as CloudFront sees it (not a forwarded header a client could set).
            statement: {
                rateBasedStatement: {
                    aggregateKeyType: "IP",
                    limit: rateLimit,
                    evaluationWindowSec: windowSeconds,
                },
            },
            visibilityConfig: metric("rate-per-client-ip"),
        };

        const acl = new aws.wafv2.WebAcl(
            `${name}-acl`,
            {
                // WAF's EntityDescription pattern allows letters, digits, spaces and +=:#@/-,. only (no parentheses).
                description: `ChatMRPT CloudFront WAF, ${mode} mode`,
                scope: "CLOUDFRONT",
                defaultAction: { allow: {} },
                rules: [...managed, rate],
                visibilityConfig: metric("acl"),
                tags: args.tags ?? {},
            },
            { parent: this, provider: args.usEast1Provider },
        );

        this.arn = acl.arn;
        this.metricName = `${name}-acl`;
        this.rateLimit = rateLimit;
        this.mode = mode;
        this.registerOutputs({ arn: this.arn });
    }
}

/** The group's rules kept at count (see {@link COUNTED_MANAGED_RULES}), as the statement's `ruleActionOverrides`. */
type CountOverride = { name: string; actionToUse: { count: Record<string, never> } };
export function ruleActionOverrides(group: string): { ruleActionOverrides?: CountOverride[] } {
    const rules = COUNTED_MANAGED_RULES[group] ?? [];
    return rules.length === 0
        ? {}
        : { ruleActionOverrides: rules.map((name) => ({ name, actionToUse: { count: {} } })) };
}

/** Throws on settings AWS WAF would refuse, before anything is created. */
export function validateWebAclArgs(a: {
    mode: string;
    workerSlots: number;
    perClientShare: number;
    averageRequestSeconds: number;
    windowSeconds: number;
}): void {
    if (!(WAF_MODES as readonly string[]).includes(a.mode))
        throw new Error(`mode (${a.mode}) must be one of ${WAF_MODES.join(", ")}`);
    if (!Number.isInteger(a.workerSlots) || a.workerSlots < 1)
        throw new Error(`workerSlots (${a.workerSlots}) must be a whole number >= 1`);
    if (!(a.perClientShare > 0 && a.perClientShare <= 1))
        throw new Error(`perClientShare (${a.perClientShare}) must be > 0 and <= 1`);
    if (!(a.averageRequestSeconds > 0))
        throw new Error(`averageRequestSeconds (${a.averageRequestSeconds}) must be > 0`);
    if (!(RATE_WINDOWS_SECONDS as readonly number[]).includes(a.windowSeconds)) {
        throw new Error(
            `rateWindowSeconds (${a.windowSeconds}) must be one of ${RATE_WINDOWS_SECONDS.join(", ")}`,
        );
    }
}
