/**
 * The tiers of the stack picture: every AWS resource of a plan lands in exactly one, by its
 * type token first, then by the type of the component it sits in, then by the Purpose tag of a
 * generic building block (a SecureBucket), so a resource added later is counted in the right
 * tier without touching this file. What matches nothing is counted in "other", never dropped.
 */
import { Plan, PlannedResource } from "../plan/plan";

export type TierId =
    | "cdn"
    | "waf"
    | "router"
    | "vpcOrigin"
    | "network"
    | "alb"
    | "app"
    | "redis"
    | "uploads"
    | "alarms"
    | "canary"
    | "dashboard"
    | "logs"
    | "backups"
    | "other";

export interface Tier {
    readonly id: TierId;
    /** What the picture calls it. */
    readonly label: string;
}

/** In the order the picture draws them. */
export const TIERS: readonly Tier[] = [
    { id: "cdn", label: "CloudFront distribution" },
    { id: "waf", label: "WAF web ACL" },
    { id: "router", label: "origin router (function + KeyValueStore)" },
    { id: "vpcOrigin", label: "VPC origin" },
    { id: "network", label: "VPC network (subnets, NAT, routes, endpoints)" },
    { id: "alb", label: "internal ALB" },
    { id: "app", label: "app instances (Auto Scaling group)" },
    { id: "redis", label: "Redis (ElastiCache)" },
    { id: "uploads", label: "uploads bucket (S3)" },
    { id: "alarms", label: "alarms and alert topics" },
    { id: "canary", label: "endpoint canary" },
    { id: "dashboard", label: "dashboard" },
    { id: "logs", label: "logs (CloudWatch, ALB access logs)" },
    { id: "backups", label: "backups (AWS Backup, restore tests)" },
    { id: "other", label: "other resources" },
];

/** Types that belong to one tier wherever they are declared (first match wins). */
const BY_TYPE: readonly (readonly [RegExp, TierId])[] = [
    [/^aws:wafv2\//, "waf"],
    [/^aws:cloudfront\/(function|keyValueStore|keyvaluestoreKey):/, "router"],
    [/^aws:cloudfront\/vpcOrigin:/, "vpcOrigin"],
    // The custom domain's certificate and records serve the distribution.
    [/^aws:(cloudfront|acm|route53)\//, "cdn"],
    [/^aws:(lb|alb)\//, "alb"],
    [/^aws:(autoscaling\/|ec2\/launchTemplate:|iam\/instanceProfile:)/, "app"],
    [/^aws:elasticache\//, "redis"],
    [/^aws:cloudwatch\/(metricAlarm|compositeAlarm):/, "alarms"],
    [/^aws:cloudwatch\/dashboard:/, "dashboard"],
    [/^aws:synthetics\//, "canary"],
    [/^aws:cloudwatch\/(logGroup|logStream|logSubscriptionFilter|logMetricFilter):/, "logs"],
    [/^aws:backup\//, "backups"],
    [
        /^aws:ec2\/(vpc|subnet|natGateway|eip|internetGateway|egressOnlyInternetGateway|routeTable|routeTableAssociation|route|vpcEndpoint|defaultSecurityGroup|defaultRouteTable|defaultNetworkAcl|networkAcl|flowLog):/,
        "network",
    ],
];

/** Generic types (security groups, IAM, SNS, KMS, S3) go with their component, by its module. */
const BY_COMPONENT_MODULE: Readonly<Record<string, TierId>> = {
    network: "network",
    web: "app",
    cache: "redis",
    cdn: "cdn",
    waf: "waf",
    monitoring: "alarms",
    logs: "logs",
    backup: "backups",
};

/** Components whose type says more than their module does. */
const BY_COMPONENT_TYPE: Readonly<Record<string, TierId>> = {
    "chatmrpt:monitoring:EndpointCanary": "canary",
    // The cutover's copy of old prod's files into the uploads bucket and onto the instances.
    "chatmrpt:cutover:LegacyUploadsDocument": "uploads",
    // The cutover's copy of old prod's sessions into this stack's Redis.
    "chatmrpt:cutover:LegacySessionsDocument": "redis",
};

/** A building block used for several jobs (SecureBucket) goes by its bucket's Purpose tag. */
const BY_PURPOSE: Readonly<Record<string, TierId>> = {
    uploads: "uploads",
    "alb-access-logs": "logs",
    "canary-artifacts": "canary",
};

/** What the picture counts: AWS resources, not components or providers. */
export const isCounted = (r: Pick<PlannedResource, "type">): boolean => r.type.startsWith("aws:");

/** A function from resource to tier for one plan (components and Purpose tags are looked up in it). */
export function tierClassifier(resources: readonly PlannedResource[]): (r: PlannedResource) => TierId {
    const componentType = new Map<string, string>();
    const purpose = new Map<string, string>();
    for (const r of resources) {
        if (!r.type.startsWith("aws:") && !r.type.startsWith("pulumi:")) componentType.set(r.name, r.type);
        const tag = r.settings["tags.Purpose"];
        if (typeof tag === "string" && !purpose.has(r.component)) purpose.set(r.component, tag);
    }
    return (r) => {
        for (const [pattern, tier] of BY_TYPE) if (pattern.test(r.type)) return tier;
        const type = componentType.get(r.component);
        if (type !== undefined) {
            const byType = BY_COMPONENT_TYPE[type] ?? BY_COMPONENT_MODULE[type.split(":")[1] ?? ""];
            if (byType !== undefined) return byType;
        }
        return BY_PURPOSE[purpose.get(r.component) ?? ""] ?? "other";
    };
}

/** How many AWS resources of a plan each tier holds (every tier present, 0 when empty). */
export function countByTier(plan: Pick<Plan, "resources">): Record<TierId, number> {
    const counts = Object.fromEntries(TIERS.map((t) => [t.id, 0])) as Record<TierId, number>;
    const tierOf = tierClassifier(plan.resources);
    for (const r of plan.resources) if (isCounted(r)) counts[tierOf(r)] += 1;
    return counts;
}
