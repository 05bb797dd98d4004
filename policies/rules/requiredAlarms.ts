import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf, WatchedMetric, watchedMetrics } from "../lib/alarms";
import { elements, peek, peekPath, UNKNOWN } from "../lib/known";
import { cached } from "../lib/stackIndex";
import { isOneOf, T } from "../lib/types";

/** Metrics each kind of resource must have an alarm on; `A|B` accepts either. Defaults: the set the stack builds. */
export const DEFAULT_REQUIRED_METRICS = {
    loadBalancer: ["HTTPCode_ELB_5XX_Count", "TargetResponseTime", "RejectedConnectionCount"],
    targetGroup: ["HTTPCode_Target_5XX_Count", "UnHealthyHostCount", "HealthyHostCount"],
    autoScalingGroup: ["CPUUtilization", "GroupInServiceInstances"],
    redisNode: [
        "CPUUtilization|EngineCPUUtilization",
        "DatabaseMemoryUsagePercentage",
        "Evictions",
        "CurrConnections",
        "ReplicationLag",
    ],
    distribution: ["5xxErrorRate", "TotalErrorRate"],
    webAcl: ["BlockedRequests"],
    // TimeToFirstByte: the per-step server time the endpoint canary publishes (its latency alarms' metric).
    canary: ["SuccessPercent", "TimeToFirstByte|Duration"],
};
type Required = typeof DEFAULT_REQUIRED_METRICS;

interface Target {
    readonly resource: PolicyResource;
    readonly what: string;
    readonly kind: keyof Required;
    readonly namespace: string;
    readonly dimension: string;
    readonly value: unknown;
}

function targets(resources: PolicyResource[]): Target[] {
    const out: Target[] = [];
    for (const r of resources) {
        const p = r.props;
        // Values a preview does not know yet (a new ALB's arnSuffix) stay UNKNOWN: alarms are then matched by property dependency.
        if (
            isOneOf(r.type, T.loadBalancer) &&
            (peek(p, "loadBalancerType") ?? "application") === "application"
        ) {
            out.push({
                resource: r,
                what: `load balancer ${r.name}`,
                kind: "loadBalancer",
                namespace: "AWS/ApplicationELB",
                dimension: "LoadBalancer",
                value: peek(p, "arnSuffix"),
            });
        } else if (isOneOf(r.type, T.targetGroup)) {
            out.push({
                resource: r,
                what: `target group ${r.name}`,
                kind: "targetGroup",
                namespace: "AWS/ApplicationELB",
                dimension: "TargetGroup",
                value: peek(p, "arnSuffix"),
            });
        } else if (isOneOf(r.type, T.autoScalingGroup)) {
            out.push({
                resource: r,
                what: `Auto Scaling group ${r.name}`,
                kind: "autoScalingGroup",
                namespace: "AWS/EC2|AWS/AutoScaling",
                dimension: "AutoScalingGroupName",
                value: peek(p, "name"),
            });
        } else if (isOneOf(r.type, T.replicationGroup)) {
            const members = elements(peek(p, "memberClusters")).filter(
                (m): m is string => typeof m === "string",
            );
            const count =
                typeof peek(p, "numCacheClusters") === "number" ? (peek(p, "numCacheClusters") as number) : 1;
            // AWS names member clusters <group id>-001, -002, ... (memberClusters is unknown until created).
            const nodes =
                members.length > 0
                    ? members
                    : Array.from(
                          { length: count },
                          (_, i) => `${peek(p, "replicationGroupId")}-${String(i + 1).padStart(3, "0")}`,
                      );
            for (const node of nodes) {
                out.push({
                    resource: r,
                    what: `Redis node ${node} of ${r.name}`,
                    kind: "redisNode",
                    namespace: "AWS/ElastiCache",
                    dimension: "CacheClusterId",
                    value: node,
                });
            }
        } else if (isOneOf(r.type, T.distribution)) {
            out.push({
                resource: r,
                what: `CloudFront distribution ${r.name}`,
                kind: "distribution",
                namespace: "AWS/CloudFront",
                dimension: "DistributionId",
                value: peek(p, "id"),
            });
        } else if (isOneOf(r.type, T.webAcl)) {
            out.push({
                resource: r,
                what: `web ACL ${r.name}`,
                kind: "webAcl",
                namespace: "AWS/WAFV2",
                dimension: "WebACL",
                value: peekPath(p, "visibilityConfig", "metricName"),
            });
        } else if (isOneOf(r.type, T.canary)) {
            out.push({
                resource: r,
                what: `canary ${r.name}`,
                kind: "canary",
                namespace: "CloudWatchSynthetics",
                dimension: "CanaryName",
                value: peek(p, "name"),
            });
        }
    }
    return out;
}

/**
 * Whether the metric's dimension names the target: by value when both are known, else
 * (in a preview) when the dimension is unknown and was built from this target and no
 * other resource of its type, as the alarm's property dependencies record.
 */
function watches(m: WatchedMetric, t: Target): boolean {
    const value = m.dimensions === UNKNOWN ? UNKNOWN : m.dimensions[t.dimension];
    if (value === undefined) return false;
    if (value !== UNKNOWN) return t.value !== UNKNOWN && value === t.value;
    const sameType = m.dependsOn.filter((d) => d.type === t.resource.type);
    return sameType.length === 1 && sameType[0].urn === t.resource.urn;
}

type Watched = { alarm: PolicyResource; m: WatchedMetric };

/**
 * The stack's watched metrics by name and dimension value (known values), plus by name
 * those whose dimensions a preview does not know: a target then looks up only the
 * metrics that can watch it, not every metric of the stack.
 */
function metricIndex(watched: Watched[]): (name: string, t: Target) => Watched[] {
    const known = new Map<string, Watched[]>();
    const unknownDims = new Map<string, Watched[]>();
    const add = (map: Map<string, Watched[]>, key: string, w: Watched) => cached(map, key, () => []).push(w);
    for (const w of watched) {
        const name = w.m.metricName ?? "";
        if (w.m.dimensions === UNKNOWN) {
            add(unknownDims, name, w);
            continue;
        }
        let someUnknown = false;
        for (const [dimension, value] of Object.entries(w.m.dimensions)) {
            if (value === UNKNOWN) someUnknown = true;
            else add(known, JSON.stringify([name, dimension, value]), w);
        }
        if (someUnknown) add(unknownDims, name, w);
    }
    return (name, t) => [
        ...(t.value === UNKNOWN ? [] : (known.get(JSON.stringify([name, t.dimension, t.value])) ?? [])),
        ...(unknownDims.get(name) ?? []),
    ];
}

export const requiredAlarms: StackValidationPolicy = {
    name: "required-alarms",
    description:
        "Checks that every ALB, target group, Auto Scaling group, Redis node, CloudFront distribution, web ACL and canary has an alarm on each required metric.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredMetrics: {
                type: "object",
                default: DEFAULT_REQUIRED_METRICS,
                properties: Object.fromEntries(
                    Object.keys(DEFAULT_REQUIRED_METRICS).map((k) => [
                        k,
                        { type: "array", items: { type: "string" } },
                    ]),
                ),
            },
        },
    },
    validateStack: (args, report) => {
        const { requiredMetrics } = args.getConfig<{ requiredMetrics: Partial<Required> }>();
        const required = { ...DEFAULT_REQUIRED_METRICS, ...requiredMetrics };
        const candidates = metricIndex(
            alarmsOf(args.resources).flatMap((alarm) => watchedMetrics(alarm).map((m) => ({ alarm, m }))),
        );
        for (const t of targets(args.resources)) {
            const clusters = peek(t.resource.props, "numCacheClusters");
            const single = t.kind === "redisNode" && (typeof clusters === "number" ? clusters : 1) < 2;
            const missing = required[t.kind].filter((metric) => {
                if (single && metric === "ReplicationLag") return false; // a lone node has no replica to lag
                const names = metric.split("|");
                return !names.some((name) =>
                    candidates(name, t).some(
                        ({ m }) => t.namespace.split("|").includes(m.namespace ?? "") && watches(m, t),
                    ),
                );
            });
            if (missing.length > 0) {
                report(
                    `${t.what} must have alarms on ${required[t.kind].join(", ")}; missing ${missing.join(", ")}`,
                    t.resource.urn,
                );
            }
        }
    },
};
