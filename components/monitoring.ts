import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgProblem, throwIfArgProblems } from "./argProblems";

/** Alarm thresholds (see each alarm below for what it guards). */
export interface MonitoringThresholds {
    /** ALB-generated 5xx per minute. @default 10 */
    readonly elb5xxCount?: number;
    /** App-generated 5xx per minute. @default 10 */
    readonly target5xxCount?: number;
    /**
     * p90 ALB response time over all requests, milliseconds. LLM chat answers take seconds,
     * so this is a chat limit, not the 250 ms page limit (that is `endpointLatencyMs`). @default 15000
     */
    readonly chatLatencyP90Ms?: number;
    /** Time one request to `/`, `/health` or `/system-health` may take through CloudFront, milliseconds (the team's 250 ms). @default 250 */
    readonly endpointLatencyMs?: number;
    /** Requests the WAF blocked in 5 minutes. @default 100 */
    readonly wafBlockedRequests?: number;
    /** Connections the ALB rejected per minute. @default 1 */
    readonly rejectedConnectionCount?: number;
    /** Average app-tier CPU, percent. @default 80 */
    readonly asgCpuPercent?: number;
    /** Redis CPU, percent of the whole node (divided by vCPUs for small nodes). @default 90 */
    readonly redisCpuPercent?: number;
    /** Redis memory used, percent of maxmemory. @default 80 */
    readonly redisMemoryPercent?: number;
    /** Redis client connections per node. @default 500 */
    readonly redisConnections?: number;
    /** Replica lag, seconds. @default 30 */
    readonly redisReplicationLagSeconds?: number;
    /** CloudFront 5xx rate, percent. @default 5 */
    readonly cloudFront5xxRatePercent?: number;
    /** CloudFront 4xx+5xx rate, percent. @default 15 */
    readonly cloudFrontErrorRatePercent?: number;
}

/** Arguments of {@link Monitoring}. */
export interface MonitoringArgs {
    /** ALB ARN suffix (`app/name/id`), the LoadBalancer dimension. */
    readonly albArnSuffix: pulumi.Input<string>;
    /** Target group ARN suffix, the TargetGroup dimension. */
    readonly targetGroupArnSuffix: pulumi.Input<string>;
    readonly autoScalingGroupName: pulumi.Input<string>;
    /** The group's minimum: fewer healthy or in-service instances than this alarms. */
    readonly minInstances: number;
    /** Redis replication group ID; member clusters are `<id>-001` … */
    readonly redisReplicationGroupId: pulumi.Input<string>;
    readonly redisNodes: number;
    readonly redisNodeType: string;
    readonly cloudFrontDistributionId: pulumi.Input<string>;
    /** Provider in us-east-1, the only region CloudFront metrics exist in. */
    readonly usEast1Provider: aws.Provider;
    /** Email addresses subscribed to both alert topics. @default [] */
    readonly alertEmails?: string[];
    /** Thresholds. @default - the values documented on MonitoringThresholds */
    readonly thresholds?: MonitoringThresholds;
    /** The stack's region (dashboard widgets). */
    readonly region: string;
    /** The endpoint canary to alarm on (its name and step names). @default - no canary alarms */
    readonly endpointCanary?: EndpointCheck;
    /** The CLOUDFRONT web ACL's metric name (WebACL dimension). @default - no WAF alarm */
    readonly webAclMetricName?: string;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** What the endpoint alarms need to know about the canary. */
export interface EndpointCheck {
    readonly canaryName: string;
    readonly stepNames: string[];
    readonly intervalMinutes: number;
    /** The per-step time-to-first-byte metric the canary publishes (CloudWatchSynthetics, CanaryName and StepName). */
    readonly latencyMetricName: string;
}

/** One alarm as this component defines it, before it becomes a MetricAlarm. */
export interface AlarmSpec {
    readonly id: string;
    readonly description: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Record<string, pulumi.Input<string>>;
    readonly statistic?: string;
    readonly extendedStatistic?: string;
    readonly comparisonOperator: string;
    readonly threshold: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    /** Deliberate for each: see the comment where it is set. */
    readonly treatMissingData: "breaching" | "notBreaching" | "missing" | "ignore";
    readonly global?: boolean;
}

/** vCPUs of an ElastiCache node, by size (t3/t4g micro-medium and *.large have 2). */
export function cacheNodeVcpus(nodeType: string): number {
    const size = nodeType.split(".")[2] ?? "";
    const bySize: Record<string, number> = {
        micro: 2,
        small: 2,
        medium: 2,
        large: 2,
        xlarge: 4,
        "2xlarge": 8,
        "4xlarge": 16,
        "8xlarge": 32,
        "12xlarge": 48,
        "16xlarge": 64,
        "24xlarge": 96,
    };
    const vcpus = bySize[size];
    if (vcpus === undefined)
        throw new Error(
            `redisNodeType (${nodeType}) has an unknown size; known: ${Object.keys(bySize).join(", ")}`,
        );
    return vcpus;
}

const DEFAULTS: Required<MonitoringThresholds> = {
    elb5xxCount: 10,
    target5xxCount: 10,
    chatLatencyP90Ms: 15000,
    endpointLatencyMs: 250,
    wafBlockedRequests: 100,
    rejectedConnectionCount: 1,
    asgCpuPercent: 80,
    redisCpuPercent: 90,
    redisMemoryPercent: 80,
    redisConnections: 500,
    redisReplicationLagSeconds: 30,
    cloudFront5xxRatePercent: 5,
    cloudFrontErrorRatePercent: 15,
};

/** The alarms for one stack, as plain data: tested directly, and created by {@link Monitoring}. */
export function alarmSpecs(a: {
    albArnSuffix: pulumi.Input<string>;
    targetGroupArnSuffix: pulumi.Input<string>;
    autoScalingGroupName: pulumi.Input<string>;
    minInstances: number;
    redisClusterIds: pulumi.Input<string>[];
    redisNodeType: string;
    cloudFrontDistributionId: pulumi.Input<string>;
    thresholds: Required<MonitoringThresholds>;
    endpointCanary?: EndpointCheck;
    webAclMetricName?: string;
}): AlarmSpec[] {
    const t = a.thresholds;
    const lb = { LoadBalancer: a.albArnSuffix };
    const lbTg = { LoadBalancer: a.albArnSuffix, TargetGroup: a.targetGroupArnSuffix };
    const minute = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 };
    const specs: AlarmSpec[] = [
        // ALB request metrics exist only while requests flow: no data is no traffic, not an outage.
        {
            id: "alb-elb-5xx",
            description: "The ALB itself is answering 5xx (no healthy target, or it is overloaded)",
            namespace: "AWS/ApplicationELB",
            metricName: "HTTPCode_ELB_5XX_Count",
            dimensions: lb,
            statistic: "Sum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: t.elb5xxCount,
            ...minute,
            treatMissingData: "notBreaching",
        },
        {
            id: "alb-target-5xx",
            description: "The app is answering 5xx",
            namespace: "AWS/ApplicationELB",
            metricName: "HTTPCode_Target_5XX_Count",
            dimensions: lbTg,
            statistic: "Sum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: t.target5xxCount,
            ...minute,
            treatMissingData: "notBreaching",
        },
        // Over all requests, so mostly chat: fast pages only pull the p90 down. The 250 ms page limit is the canary's.
        {
            id: "alb-latency-p90",
            description: `p90 response time above ${t.chatLatencyP90Ms} ms (chat answers; pages are held to ${t.endpointLatencyMs} ms by the endpoint canary)`,
            namespace: "AWS/ApplicationELB",
            metricName: "TargetResponseTime",
            dimensions: lb,
            extendedStatistic: "p90",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.chatLatencyP90Ms / 1000,
            ...minute,
            treatMissingData: "notBreaching",
        },
        {
            id: "alb-rejected-connections",
            description: "The ALB rejected connections (it hit its connection limit)",
            namespace: "AWS/ApplicationELB",
            metricName: "RejectedConnectionCount",
            dimensions: lb,
            statistic: "Sum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: t.rejectedConnectionCount,
            ...minute,
            treatMissingData: "notBreaching",
        },
        // Host counts are published every minute whatever the traffic: silence means trouble.
        {
            id: "alb-unhealthy-hosts",
            description: "An app instance fails its /health check",
            namespace: "AWS/ApplicationELB",
            metricName: "UnHealthyHostCount",
            dimensions: lbTg,
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            periodSeconds: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: "breaching",
        },
        {
            id: "alb-healthy-hosts-low",
            description: `Fewer than ${a.minInstances} healthy app instances`,
            namespace: "AWS/ApplicationELB",
            metricName: "HealthyHostCount",
            dimensions: lbTg,
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            threshold: a.minInstances,
            periodSeconds: 60,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: "breaching",
        },
        // Instances come and go during a refresh; a gap in CPU data is not an alarm by itself
        // (the in-service alarm below catches a group with no instances).
        {
            id: "asg-cpu-high",
            description: `App tier average CPU above ${t.asgCpuPercent} %`,
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: a.autoScalingGroupName },
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.asgCpuPercent,
            periodSeconds: 300,
            evaluationPeriods: 3,
            datapointsToAlarm: 3,
            treatMissingData: "notBreaching",
        },
        {
            id: "asg-in-service-low",
            description: `Fewer than ${a.minInstances} instances in service`,
            namespace: "AWS/AutoScaling",
            metricName: "GroupInServiceInstances",
            dimensions: { AutoScalingGroupName: a.autoScalingGroupName },
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
            threshold: a.minInstances,
            periodSeconds: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            treatMissingData: "breaching",
        },
    ];

    // AWS: on nodes with 2 vCPUs or fewer watch host CPU at 90 % ÷ vCPUs (Redis is
    // single-threaded); on larger nodes watch EngineCPUUtilization.
    const vcpus = cacheNodeVcpus(a.redisNodeType);
    const smallNode = vcpus <= 2;
    a.redisClusterIds.forEach((clusterId, i) => {
        const node = `redis-${String(i + 1).padStart(3, "0")}`;
        const dims = { CacheClusterId: clusterId };
        const fiveMinutes = { periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2 };
        specs.push(
            // Nodes publish every minute: silence means the node is gone.
            smallNode
                ? {
                      id: `${node}-cpu`,
                      description: `Redis node ${i + 1} CPU above ${t.redisCpuPercent} % of one of its ${vcpus} vCPUs`,
                      namespace: "AWS/ElastiCache",
                      metricName: "CPUUtilization",
                      dimensions: dims,
                      statistic: "Average",
                      comparisonOperator: "GreaterThanThreshold",
                      threshold: Math.round((t.redisCpuPercent / vcpus) * 100) / 100,
                      ...fiveMinutes,
                      treatMissingData: "breaching",
                  }
                : {
                      id: `${node}-engine-cpu`,
                      description: `Redis node ${i + 1} engine CPU above ${t.redisCpuPercent} %`,
                      namespace: "AWS/ElastiCache",
                      metricName: "EngineCPUUtilization",
                      dimensions: dims,
                      statistic: "Average",
                      comparisonOperator: "GreaterThanThreshold",
                      threshold: t.redisCpuPercent,
                      ...fiveMinutes,
                      treatMissingData: "breaching",
                  },
            {
                id: `${node}-memory`,
                description: `Redis node ${i + 1} memory above ${t.redisMemoryPercent} %`,
                namespace: "AWS/ElastiCache",
                metricName: "DatabaseMemoryUsagePercentage",
                dimensions: dims,
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisMemoryPercent,
                ...fiveMinutes,
                treatMissingData: "breaching",
            },
            // One eviction is one user logged out.
            {
                id: `${node}-evictions`,
                description: `Redis node ${i + 1} evicted keys (sessions lost)`,
                namespace: "AWS/ElastiCache",
                metricName: "Evictions",
                dimensions: dims,
                statistic: "Sum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                periodSeconds: 300,
                evaluationPeriods: 1,
                datapointsToAlarm: 1,
                treatMissingData: "notBreaching",
            },
            {
                id: `${node}-connections`,
                description: `Redis node ${i + 1} has more than ${t.redisConnections} connections`,
                namespace: "AWS/ElastiCache",
                metricName: "CurrConnections",
                dimensions: dims,
                statistic: "Maximum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisConnections,
                ...fiveMinutes,
                treatMissingData: "breaching",
            },
        );
        if (a.redisClusterIds.length > 1) {
            // Only replicas publish ReplicationLag, and which node is the replica changes on failover.
            specs.push({
                id: `${node}-replication-lag`,
                description: `Redis node ${i + 1} replica lags more than ${t.redisReplicationLagSeconds} s`,
                namespace: "AWS/ElastiCache",
                metricName: "ReplicationLag",
                dimensions: dims,
                statistic: "Maximum",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.redisReplicationLagSeconds,
                ...fiveMinutes,
                treatMissingData: "notBreaching",
            });
        }
    });

    if (a.endpointCanary !== undefined) {
        const c = a.endpointCanary;
        const period = c.intervalMinutes * 60;
        specs.push(
            // A canary that stopped running is a broken check: silence alarms.
            {
                id: "endpoints-failed",
                description: `A check of ${c.stepNames.join(", ")} through CloudFront failed`,
                namespace: "CloudWatchSynthetics",
                metricName: "SuccessPercent",
                dimensions: { CanaryName: c.canaryName },
                statistic: "Minimum",
                comparisonOperator: "LessThanThreshold",
                threshold: 100,
                periodSeconds: period,
                evaluationPeriods: 2,
                datapointsToAlarm: 2,
                treatMissingData: "breaching",
            },
            // The server's time to first byte (not the step's Duration, which adds the canary's own
            // DNS lookup and TLS handshake), one datapoint a run: slow in 3 runs in a row alarms, one
            // slow run does not. No datapoint (a failed or skipped run) counts as not slow: failures
            // and silence are the failure alarm's, which treats missing data as breaching.
            ...c.stepNames.map((step): AlarmSpec => ({
                id: `endpoint-${step}-latency`,
                description: `${step} answered slower than ${t.endpointLatencyMs} ms (time to first byte through CloudFront) in 3 checks in a row`,
                namespace: "CloudWatchSynthetics",
                metricName: c.latencyMetricName,
                dimensions: { CanaryName: c.canaryName, StepName: step },
                statistic: "Average",
                comparisonOperator: "GreaterThanThreshold",
                threshold: t.endpointLatencyMs,
                periodSeconds: period,
                evaluationPeriods: 3,
                datapointsToAlarm: 3,
                treatMissingData: "notBreaching",
            })),
        );
    }
    if (a.webAclMetricName !== undefined) {
        // CLOUDFRONT web ACL metrics are in us-east-1; Rule=ALL is the whole ACL. Regional ACLs add a Region dimension, CloudFront ones do not.
        specs.push({
            id: "waf-blocked",
            description: `The WAF blocked ${t.wafBlockedRequests} or more requests in 5 minutes (an attack, or a rule blocking real users)`,
            namespace: "AWS/WAFV2",
            metricName: "BlockedRequests",
            dimensions: { WebACL: a.webAclMetricName, Rule: "ALL" },
            statistic: "Sum",
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: t.wafBlockedRequests,
            periodSeconds: 300,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
            global: true,
        });
    }

    // CloudFront rates exist only with requests; in us-east-1 only, with Region=Global.
    const cf = { DistributionId: a.cloudFrontDistributionId, Region: "Global" };
    specs.push(
        {
            id: "cloudfront-5xx-rate",
            description: `CloudFront 5xx rate above ${t.cloudFront5xxRatePercent} %`,
            namespace: "AWS/CloudFront",
            metricName: "5xxErrorRate",
            dimensions: cf,
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.cloudFront5xxRatePercent,
            periodSeconds: 300,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            global: true,
        },
        {
            id: "cloudfront-error-rate",
            description: `CloudFront 4xx+5xx rate above ${t.cloudFrontErrorRatePercent} %`,
            namespace: "AWS/CloudFront",
            metricName: "TotalErrorRate",
            dimensions: cf,
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: t.cloudFrontErrorRatePercent,
            periodSeconds: 300,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "notBreaching",
            global: true,
        },
    );
    return specs;
}

/**
 * Alert topics, CloudWatch alarms and a dashboard for the whole stack. Every alarm
 * notifies on ALARM and on OK. CloudFront alarms and their topic are in us-east-1.
 */
export class Monitoring extends pulumi.ComponentResource {
    public readonly alertTopicArn: pulumi.Output<string>;
    public readonly globalAlertTopicArn: pulumi.Output<string>;
    public readonly alarmNames: pulumi.Output<string>[];
    public readonly dashboardName: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:monitoring:Monitoring", name, {}, opts);
        const thresholds: Required<MonitoringThresholds> = { ...DEFAULTS, ...(args.thresholds ?? {}) };
        const emails = args.alertEmails ?? [];
        const tags = args.tags ?? {};
        validateThresholds(thresholds);
        for (const email of emails) {
            if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email))
                throw new Error(`alertEmails (${email}) must be an email address`);
        }
        if (!Number.isInteger(args.minInstances) || args.minInstances < 1)
            throw new Error(`minInstances (${args.minInstances}) must be a whole number >= 1`);

        // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
        const topic = new aws.sns.Topic(
            `${name}-alerts`,
            { displayName: "ChatMRPT alerts", tags },
            { parent: this },
        );
        const globalTopic = new aws.sns.Topic(
            `${name}-alerts-us-east-1`,
            { displayName: "ChatMRPT CloudFront alerts", tags },
            { parent: this, provider: args.usEast1Provider },
        );
        emails.forEach((email, i) => {
            new aws.sns.TopicSubscription(
                `${name}-email-${i + 1}`,
                { topic: topic.arn, protocol: "email", endpoint: email },
                { parent: this },
            );
            new aws.sns.TopicSubscription(
                `${name}-email-${i + 1}-us-east-1`,
                { topic: globalTopic.arn, protocol: "email", endpoint: email },
                { parent: this, provider: args.usEast1Provider },
            );
        });

        const clusterIds = Array.from({ length: args.redisNodes }, (_, i) =>
            pulumi
                .output(args.redisReplicationGroupId)
                .apply((id) => `${id}-${String(i + 1).padStart(3, "0")}`),
        );
        const specs = alarmSpecs({
            albArnSuffix: args.albArnSuffix,
            targetGroupArnSuffix: args.targetGroupArnSuffix,
            autoScalingGroupName: args.autoScalingGroupName,
            minInstances: args.minInstances,
            redisClusterIds: clusterIds,
            redisNodeType: args.redisNodeType,
            cloudFrontDistributionId: args.cloudFrontDistributionId,
            thresholds,
            endpointCanary: args.endpointCanary,
            webAclMetricName: args.webAclMetricName,
        });
        const alarms = specs.map((spec) => {
            const actions = [spec.global ? globalTopic.arn : topic.arn];
            return new aws.cloudwatch.MetricAlarm(
                `${name}-${spec.id}`,
                {
                    alarmDescription: spec.description,
                    namespace: spec.namespace,
                    metricName: spec.metricName,
                    dimensions: spec.dimensions,
                    statistic: spec.statistic,
                    extendedStatistic: spec.extendedStatistic,
                    comparisonOperator: spec.comparisonOperator,
                    threshold: spec.threshold,
                    period: spec.periodSeconds,
                    evaluationPeriods: spec.evaluationPeriods,
                    datapointsToAlarm: spec.datapointsToAlarm,
                    treatMissingData: spec.treatMissingData,
                    alarmActions: actions,
                    okActions: actions,
                    tags,
                },
                { parent: this, provider: spec.global ? args.usEast1Provider : undefined },
            );
        });

        const dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: `${name}-dashboard`,
                dashboardBody: dashboardBody({
                    region: args.region,
                    albArnSuffix: args.albArnSuffix,
                    targetGroupArnSuffix: args.targetGroupArnSuffix,
                    autoScalingGroupName: args.autoScalingGroupName,
                    redisClusterIds: clusterIds,
                    cloudFrontDistributionId: args.cloudFrontDistributionId,
                    latencyLimitSeconds: thresholds.chatLatencyP90Ms / 1000,
                }),
            },
            { parent: this },
        );

        this.alertTopicArn = topic.arn;
        this.globalAlertTopicArn = globalTopic.arn;
        this.alarmNames = alarms.map((a) => a.name);
        this.dashboardName = dashboard.dashboardName;
        this.registerOutputs({
            alertTopicArn: this.alertTopicArn,
            globalAlertTopicArn: this.globalAlertTopicArn,
            dashboardName: this.dashboardName,
        });
    }
}

/** Throws on a threshold that cannot alarm (negative, or a percentage above 100). */
export function validateThresholds(t: Required<MonitoringThresholds>): void {
    throwIfArgProblems(thresholdProblems(t));
}

/** What {@link validateThresholds} refuses, as data (`thresholds.<name>`). */
export function thresholdProblems(t: Required<MonitoringThresholds>): ArgProblem[] {
    const problems: ArgProblem[] = [];
    for (const [key, value] of Object.entries(t)) {
        if (!Number.isFinite(value) || value <= 0)
            problems.push({ arg: `thresholds.${key}`, value, allowed: "must be a number > 0" });
        else if (key.endsWith("Percent") && value > 100)
            problems.push({ arg: `thresholds.${key}`, value, allowed: "must be at most 100" });
    }
    return problems;
}

/** The dashboard: traffic, latency, errors, capacity, Redis and CloudFront on one page. */
export function dashboardBody(a: {
    region: string;
    albArnSuffix: pulumi.Input<string>;
    targetGroupArnSuffix: pulumi.Input<string>;
    autoScalingGroupName: pulumi.Input<string>;
    redisClusterIds: pulumi.Input<string>[];
    cloudFrontDistributionId: pulumi.Input<string>;
    latencyLimitSeconds: number;
}): pulumi.Output<string> {
    return pulumi
        .all([
            a.albArnSuffix,
            a.targetGroupArnSuffix,
            a.autoScalingGroupName,
            pulumi.all(a.redisClusterIds),
            a.cloudFrontDistributionId,
        ])
        .apply(([lb, tg, asg, clusters, distribution]) => {
            const widget = (
                title: string,
                metrics: unknown[][],
                extra: Record<string, unknown> = {},
                region = a.region,
            ) => ({
                type: "metric",
                width: 12,
                height: 6,
                properties: { title, region, metrics, view: "timeSeries", stat: "Sum", period: 60, ...extra },
            });
            const perNode = (metric: string, stat: string) =>
                clusters.map((c) => ["AWS/ElastiCache", metric, "CacheClusterId", c, { stat }]);
            return JSON.stringify({
                widgets: [
                    widget("Requests", [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb]]),
                    widget(
                        "Latency p50 / p90 / p99 (s)",
                        ["p50", "p90", "p99"].map((stat) => [
                            "AWS/ApplicationELB",
                            "TargetResponseTime",
                            "LoadBalancer",
                            lb,
                            { stat },
                        ]),
                        { annotations: { horizontal: [{ label: "limit", value: a.latencyLimitSeconds }] } },
                    ),
                    widget("5xx", [
                        ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", lb],
                        [
                            "AWS/ApplicationELB",
                            "HTTPCode_Target_5XX_Count",
                            "LoadBalancer",
                            lb,
                            "TargetGroup",
                            tg,
                        ],
                    ]),
                    widget("Healthy / unhealthy hosts", [
                        [
                            "AWS/ApplicationELB",
                            "HealthyHostCount",
                            "LoadBalancer",
                            lb,
                            "TargetGroup",
                            tg,
                            { stat: "Minimum" },
                        ],
                        [
                            "AWS/ApplicationELB",
                            "UnHealthyHostCount",
                            "LoadBalancer",
                            lb,
                            "TargetGroup",
                            tg,
                            { stat: "Maximum" },
                        ],
                    ]),
                    widget("Auto Scaling group size", [
                        [
                            "AWS/AutoScaling",
                            "GroupInServiceInstances",
                            "AutoScalingGroupName",
                            asg,
                            { stat: "Minimum" },
                        ],
                        [
                            "AWS/AutoScaling",
                            "GroupDesiredCapacity",
                            "AutoScalingGroupName",
                            asg,
                            { stat: "Maximum" },
                        ],
                    ]),
                    widget("App CPU (%)", [
                        ["AWS/EC2", "CPUUtilization", "AutoScalingGroupName", asg, { stat: "Average" }],
                    ]),
                    widget("Redis CPU (%)", perNode("CPUUtilization", "Average")),
                    widget("Redis memory (%)", perNode("DatabaseMemoryUsagePercentage", "Average")),
                    widget("Redis evictions", perNode("Evictions", "Sum")),
                    widget("Redis connections", perNode("CurrConnections", "Maximum")),
                    widget(
                        "CloudFront requests",
                        [["AWS/CloudFront", "Requests", "DistributionId", distribution, "Region", "Global"]],
                        {},
                        "us-east-1",
                    ),
                    widget(
                        "CloudFront error rate (%)",
                        [
                            [
                                "AWS/CloudFront",
                                "5xxErrorRate",
                                "DistributionId",
                                distribution,
                                "Region",
                                "Global",
                                { stat: "Average" },
                            ],
                            [
                                "AWS/CloudFront",
                                "TotalErrorRate",
                                "DistributionId",
                                distribution,
                                "Region",
                                "Global",
                                { stat: "Average" },
                            ],
                        ],
                        {},
                        "us-east-1",
                    ),
                ],
            });
        });
}
