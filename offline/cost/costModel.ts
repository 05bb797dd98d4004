/**
 * Monthly cost of what a stack registers, from list prices (prices.json) and a stack's
 * usage assumptions (usage.<stack>.yaml). Every AWS resource is either priced, known
 * to be free (and said so), or listed as unpriced: nothing is silently $0.
 *
 * Each service family prices its own types (pricers/*.ts); this module dispatches each
 * record, in registration order, to its type's pricer.
 */
import { RecordedResource } from "../engine/mockRuntime";
import { Pricer, PricingContext, round } from "./context";
import { BACKUP_PRICERS } from "./pricers/backup";
import { CACHE_PRICERS } from "./pricers/cache";
import { CDN_PRICERS } from "./pricers/cdn";
import { COMPUTE_PRICERS } from "./pricers/compute";
import { LOAD_BALANCER_PRICERS } from "./pricers/loadBalancer";
import { MONITORING_PRICERS } from "./pricers/monitoring";
import { NETWORK_PRICERS } from "./pricers/network";
import { NOTIFICATION_PRICERS } from "./pricers/notifications";
import { RESTORE_TESTING_PRICERS } from "./pricers/restoreTesting";
import { STORAGE_PRICERS } from "./pricers/storage";
import { CostEstimate, PriceBook, Usage } from "./types";

export * from "./types";
export { loadPriceBook, loadUsage } from "./load";
export { albLcus } from "./pricers/loadBalancer";
export { PAID_MANAGED_RULE_GROUPS } from "./pricers/cdn";
export { rateMinutes } from "./pricers/monitoring";

/** Kinds AWS does not bill for by themselves (their traffic is priced where it flows). */
export const FREE_TYPES = new Set([
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:lb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:lb/targetGroup:TargetGroup",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:iam/role:Role",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/instanceProfile:InstanceProfile",
    "aws:acm/certificate:Certificate",
    "aws:acm/certificateValidation:CertificateValidation",
    "aws:ssm/parameter:Parameter",
    // A Command document costs nothing by itself; Run Command on EC2 instances has no charge.
    "aws:ssm/document:Document",
    "aws:route53/record:Record",
    // A topic costs nothing by itself; its publishes (one per notification) stay far inside the
    // always-free million a month, and the email deliveries are priced on the subscriptions.
    "aws:sns/topic:Topic",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:backup/vault:Vault",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    // Keys cost nothing to hold; the reads are priced on their store.
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey",
    // Objects are priced by their bucket's usage; AWS service events on the default bus are free; topic policies are free.
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:cloudwatch/eventRule:EventRule",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:sns/topicPolicy:TopicPolicy",
]);

/** Every billed type and its pricer, by service family. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
    ...COMPUTE_PRICERS,
    ...LOAD_BALANCER_PRICERS,
    ...NETWORK_PRICERS,
    ...CACHE_PRICERS,
    ...CDN_PRICERS,
    ...MONITORING_PRICERS,
    ...STORAGE_PRICERS,
    ...BACKUP_PRICERS,
    ...RESTORE_TESTING_PRICERS,
    ...NOTIFICATION_PRICERS,
};

function priceAll(records: RecordedResource[], prices: PriceBook, usage: Usage): PricingContext {
    const ctx = new PricingContext(records, prices, usage);
    for (const r of records) {
        if (!r.custom || r.type.startsWith("pulumi:")) continue;
        if (FREE_TYPES.has(r.type)) ctx.markFree(r);
        else if (Object.prototype.hasOwnProperty.call(PRICERS, r.type)) PRICERS[r.type](r, ctx);
        else ctx.missing(r, "no price for this kind of resource");
    }
    return ctx;
}

/** The price book with every always-free allowance at zero (notes kept). */
function withoutFreeTier(prices: PriceBook): PriceBook {
    const zeroed = Object.fromEntries(
        Object.entries(prices.alwaysFreeTier).map(([k, v]) => [k, typeof v === "number" ? 0 : v]),
    );
    return { ...prices, alwaysFreeTier: zeroed as PriceBook["alwaysFreeTier"] };
}

const sum = (lines: { monthlyUsd: number; firstYearMonthlyUsd?: number }[], firstYear = false) =>
    round(
        lines.reduce(
            (total, l) => total + (firstYear ? (l.firstYearMonthlyUsd ?? l.monthlyUsd) : l.monthlyUsd),
            0,
        ),
    );

/**
 * Prices every resource of a run: the steady-state month (the total), the first year's
 * average month, and the steady state without the account's always-free allowances.
 */
export function estimateCost(records: RecordedResource[], prices: PriceBook, usage: Usage): CostEstimate {
    const ctx = priceAll(records, prices, usage);
    return {
        lines: ctx.lines,
        alternatives: ctx.alternatives,
        unpriced: ctx.unpriced,
        free: ctx.free,
        totalUsd: sum(ctx.lines),
        firstYearTotalUsd: sum(ctx.lines, true),
        totalWithoutFreeTierUsd: sum(priceAll(records, withoutFreeTier(prices), usage).lines),
        pricesAsOf: prices.pricesAsOf,
        source: prices.source,
    };
}
