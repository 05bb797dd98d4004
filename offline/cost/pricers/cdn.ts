/** CloudFront and what runs at its edge: the distribution, VPC origins, functions, KeyValueStore, WAF. */
import { RecordedResource, UNKNOWN } from "../../engine/mockRuntime";
import { Pricer } from "../context";

/** AWS managed rule groups that carry their own subscription and request fees (AWS WAF pricing). */
export const PAID_MANAGED_RULE_GROUPS = new Set([
    "AWSManagedRulesBotControlRuleSet",
    "AWSManagedRulesATPRuleSet",
    "AWSManagedRulesACFPRuleSet",
]);

interface FunctionAssociation {
    eventType: string;
    functionArn: string;
}

/** How many distinct viewer events of the stack's distributions run the function with this ARN. */
function functionEvents(records: RecordedResource[], arn: unknown): number {
    const events = new Set<string>();
    for (const d of records.filter((x) => x.type === "aws:cloudfront/distribution:Distribution")) {
        for (const b of [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])]) {
            for (const a of (b?.functionAssociations ?? []) as FunctionAssociation[]) {
                if (arn !== undefined && a.functionArn === arn) events.add(a.eventType);
            }
        }
    }
    return events.size;
}

const distribution: Pricer = (r, ctx) => {
    const { usage, prices } = ctx;
    // The always-free allowance is account-wide: it is taken once, by the first distribution.
    const freeGb = ctx.cloudfrontSeen ? 0 : prices.alwaysFreeTier.cloudfrontGb;
    const freeRequests = ctx.cloudfrontSeen ? 0 : prices.alwaysFreeTier.cloudfrontRequests;
    ctx.cloudfrontSeen = true;
    ctx.line(
        r,
        `CloudFront data out (${usage.cloudfrontGb} GB, ${freeGb} GB free)`,
        Math.max(0, usage.cloudfrontGb - freeGb),
        "GB",
        prices.global.cloudfrontGbNorthAmericaEurope,
    );
    toOrigin(r, ctx);
    ctx.line(
        r,
        `CloudFront HTTPS requests (${usage.cloudfrontRequests}, ${freeRequests} free)`,
        Math.max(0, usage.cloudfrontRequests - freeRequests) / 10000,
        "10k requests",
        prices.global.cloudfrontHttpsPer10k,
    );
};

/** What CloudFront sends to the origin (request bodies) is billed as regional data transfer out to origin, VPC origins included. */
const toOrigin: Pricer = (r, ctx) => {
    const gb = ctx.usage.cloudfrontToOriginGb;
    if (gb === undefined) {
        ctx.missing(r, "no usage for the data CloudFront sends to the origin (cloudfrontToOriginGb)");
        return;
    }
    ctx.line(
        r,
        `CloudFront data transfer to origin (${gb} GB of request bodies: uploads, chat messages)`,
        gb,
        "GB",
        ctx.prices.global.cloudfrontToOriginGbUnitedStates,
    );
};

const vpcOrigin: Pricer = (r, ctx) => {
    const price = ctx.prices.global.cloudfrontVpcOriginMonth;
    const source = ctx.prices.global.cloudfrontVpcOriginSource;
    if (price === undefined || !source) {
        ctx.missing(r, "no VPC origin price with a source");
        return;
    }
    // Priced as a line (at $0 today) so the plan shows it and where the figure comes from.
    ctx.line(
        r,
        `CloudFront VPC origin (${price === 0 ? "no additional charge" : "per month"}; ${source})`,
        1,
        "origin-months",
        price,
    );
};

const cloudfrontFunction: Pricer = (r, ctx) => {
    const { usage, prices } = ctx;
    const price = prices.global.cloudfrontFunctionInvocationsPerMillion;
    if (price === undefined || !prices.global.cloudfrontFunctionSource) {
        ctx.missing(r, "no CloudFront Functions price with a source");
        return;
    }
    // Invoked once per viewer request per event it is associated with (request and response: two).
    const events = functionEvents(ctx.records, r.outputs.arn);
    const invocations = usage.cloudfrontRequests * events;
    const freeInvocations = prices.alwaysFreeTier.cloudfrontFunctionInvocations ?? 0;
    ctx.line(
        r,
        `CloudFront Function invocations (${usage.cloudfrontRequests} requests × ${events} events, ${freeInvocations} free; ${prices.global.cloudfrontFunctionSource})`,
        Math.max(0, invocations - freeInvocations) / 1e6,
        "1M invocations",
        price,
    );
};

const keyValueStore: Pricer = (r, ctx) => {
    const price = ctx.prices.global.cloudfrontKvsReadsPerMillion;
    const source = ctx.prices.global.cloudfrontKvsSource;
    if (price === undefined || !source) {
        ctx.missing(r, "no KeyValueStore price with a source");
        return;
    }
    // The router reads the routing key once per viewer request (the token only on override requests).
    ctx.line(
        r,
        `KeyValueStore reads (${ctx.usage.cloudfrontRequests}; ${source})`,
        ctx.usage.cloudfrontRequests / 1e6,
        "1M reads",
        price,
    );
};

/** Whether a distribution of the stack uses the ACL: by ARN after an `up`; in a preview the ARN is unknown and the dependency decides. */
function attachedToDistribution(acl: RecordedResource, records: RecordedResource[]): boolean {
    return records.some(
        (x) =>
            x.type === "aws:cloudfront/distribution:Distribution" &&
            x.inputs.webAclId !== undefined &&
            (x.inputs.webAclId !== UNKNOWN
                ? x.inputs.webAclId === acl.outputs.arn
                : (x.propertyDependencies.webAclId ?? []).includes(acl.urn)),
    );
}

interface WafRule {
    statement?: { managedRuleGroupStatement?: { name?: string } };
}

const webAcl: Pricer = (r, ctx) => {
    const g = ctx.prices.global;
    if (
        g.wafWebAclMonth === undefined ||
        g.wafRuleMonth === undefined ||
        g.wafPerMillionRequests === undefined
    ) {
        ctx.missing(r, "no AWS WAF price");
        return;
    }
    const rules = (r.inputs.rules ?? []) as WafRule[];
    ctx.line(r, "WAF web ACL", 1, "ACL-months", g.wafWebAclMonth);
    // A managed rule group is billed as one rule.
    ctx.line(r, `WAF rules (${rules.length})`, rules.length, "rule-months", g.wafRuleMonth);
    const paid = rules
        .map((x) => x.statement?.managedRuleGroupStatement?.name)
        .filter((n): n is string => n !== undefined && PAID_MANAGED_RULE_GROUPS.has(n));
    if (paid.length > 0)
        ctx.missing(r, `managed rule groups with their own fees are not priced: ${paid.join(", ")}`);
    // It inspects every request of the distributions it is attached to.
    const attached = attachedToDistribution(r, ctx.records);
    const requests = attached ? ctx.usage.cloudfrontRequests : 0;
    ctx.line(
        r,
        `WAF requests inspected (${requests}${attached ? ", every CloudFront request" : ", not attached"})`,
        requests / 1e6,
        "million requests",
        g.wafPerMillionRequests,
    );
};

export const CDN_PRICERS: Record<string, Pricer> = {
    "aws:cloudfront/distribution:Distribution": distribution,
    "aws:cloudfront/vpcOrigin:VpcOrigin": vpcOrigin,
    "aws:cloudfront/function:Function": cloudfrontFunction,
    "aws:cloudfront/keyValueStore:KeyValueStore": keyValueStore,
    "aws:wafv2/webAcl:WebAcl": webAcl,
};
