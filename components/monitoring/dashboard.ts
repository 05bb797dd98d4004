import * as pulumi from "@pulumi/pulumi";

/** What {@link dashboardBody} shows: the resources to chart and the chat latency limit. */
export interface DashboardInputs {
    readonly region: string;
    readonly albArnSuffix: pulumi.Input<string>;
    readonly targetGroupArnSuffix: pulumi.Input<string>;
    readonly autoScalingGroupName: pulumi.Input<string>;
    readonly redisClusterIds: pulumi.Input<string>[];
    readonly cloudFrontDistributionId: pulumi.Input<string>;
    readonly latencyLimitSeconds: number;
}

/** One metric widget, half the page wide, summed per minute unless `extra` says otherwise. */
function widget(region: string, title: string, metrics: unknown[][], extra: Record<string, unknown> = {}) {
    return {
        type: "metric",
        width: 12,
        height: 6,
        properties: { title, region, metrics, view: "timeSeries", stat: "Sum", period: 60, ...extra },
    };
}

type Widget = ReturnType<typeof widget>;

/** Requests, latency against the chat limit, 5xx, and healthy and unhealthy hosts. */
function loadBalancerWidgets(region: string, lb: string, tg: string, latencyLimitSeconds: number): Widget[] {
    const alb = "AWS/ApplicationELB";
    return [
        widget(region, "Requests", [[alb, "RequestCount", "LoadBalancer", lb]]),
        widget(
            region,
            "Latency p50 / p90 / p99 (s)",
            ["p50", "p90", "p99"].map((stat) => [alb, "TargetResponseTime", "LoadBalancer", lb, { stat }]),
            { annotations: { horizontal: [{ label: "limit", value: latencyLimitSeconds }] } },
        ),
        widget(region, "5xx", [
            [alb, "HTTPCode_ELB_5XX_Count", "LoadBalancer", lb],
            [alb, "HTTPCode_Target_5XX_Count", "LoadBalancer", lb, "TargetGroup", tg],
        ]),
        widget(region, "Healthy / unhealthy hosts", [
            [alb, "HealthyHostCount", "LoadBalancer", lb, "TargetGroup", tg, { stat: "Minimum" }],
            [alb, "UnHealthyHostCount", "LoadBalancer", lb, "TargetGroup", tg, { stat: "Maximum" }],
        ]),
    ];
}

/** The Auto Scaling group's size and the app instances' CPU. */
function appWidgets(region: string, asg: string): Widget[] {
    const group = ["AutoScalingGroupName", asg];
    return [
        widget(region, "Auto Scaling group size", [
            ["AWS/AutoScaling", "GroupInServiceInstances", ...group, { stat: "Minimum" }],
            ["AWS/AutoScaling", "GroupDesiredCapacity", ...group, { stat: "Maximum" }],
        ]),
        widget(region, "App CPU (%)", [["AWS/EC2", "CPUUtilization", ...group, { stat: "Average" }]]),
    ];
}

/** CPU, memory, evictions and connections, one line per Redis node. */
function redisWidgets(region: string, clusters: string[]): Widget[] {
    const perNode = (metric: string, stat: string) =>
        clusters.map((c) => ["AWS/ElastiCache", metric, "CacheClusterId", c, { stat }]);
    return [
        widget(region, "Redis CPU (%)", perNode("CPUUtilization", "Average")),
        widget(region, "Redis memory (%)", perNode("DatabaseMemoryUsagePercentage", "Average")),
        widget(region, "Redis evictions", perNode("Evictions", "Sum")),
        widget(region, "Redis connections", perNode("CurrConnections", "Maximum")),
    ];
}

/** CloudFront's requests and error rates, which exist only in us-east-1 with Region=Global. */
function cloudFrontWidgets(distribution: string): Widget[] {
    const dims = ["DistributionId", distribution, "Region", "Global"];
    const average = { stat: "Average" };
    return [
        widget("us-east-1", "CloudFront requests", [["AWS/CloudFront", "Requests", ...dims]]),
        widget("us-east-1", "CloudFront error rate (%)", [
            ["AWS/CloudFront", "5xxErrorRate", ...dims, average],
            ["AWS/CloudFront", "TotalErrorRate", ...dims, average],
        ]),
    ];
}

/** The dashboard: traffic, latency, errors, capacity, Redis and CloudFront on one page. */
export function dashboardBody(a: DashboardInputs): pulumi.Output<string> {
    return pulumi
        .all([
            a.albArnSuffix,
            a.targetGroupArnSuffix,
            a.autoScalingGroupName,
            pulumi.all(a.redisClusterIds),
            a.cloudFrontDistributionId,
        ])
        .apply(([lb, tg, asg, clusters, distribution]) =>
            JSON.stringify({
                widgets: [
                    ...loadBalancerWidgets(a.region, lb, tg, a.latencyLimitSeconds),
                    ...appWidgets(a.region, asg),
                    ...redisWidgets(a.region, clusters),
                    ...cloudFrontWidgets(distribution),
                ],
            }),
        );
}
