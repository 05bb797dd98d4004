import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

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

/**
 * Arguments of {@link Monitoring}. What another resource could produce (IDs, ARN suffixes, the
 * group and canary names, the WAF metric name, alert addresses) is a `pulumi.Input`. Plain on
 * purpose: the counts and the Redis node type (they decide which alarms exist and their
 * thresholds), the thresholds (validated before anything is created), the region (the
 * dashboard's widgets name it) and the tags. An email address that is an Output is checked
 * when it resolves.
 */
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
    readonly alertEmails?: pulumi.Input<string>[];
    /** Thresholds. @default - the values documented on MonitoringThresholds */
    readonly thresholds?: MonitoringThresholds;
    /** The stack's region (dashboard widgets). */
    readonly region: string;
    /** The endpoint canary to alarm on (its name and step names). @default - no canary alarms */
    readonly endpointCanary?: EndpointCheck;
    /** The CLOUDFRONT web ACL's metric name (WebACL dimension). @default - no WAF alarm */
    readonly webAclMetricName?: pulumi.Input<string>;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** What the endpoint alarms need to know about the canary. */
export interface EndpointCheck {
    readonly canaryName: pulumi.Input<string>;
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

/** What {@link alarmSpecs} builds the alarms from: the resources to watch and the thresholds. */
export interface AlarmInputs {
    readonly albArnSuffix: pulumi.Input<string>;
    readonly targetGroupArnSuffix: pulumi.Input<string>;
    readonly autoScalingGroupName: pulumi.Input<string>;
    readonly minInstances: number;
    readonly redisClusterIds: pulumi.Input<string>[];
    readonly redisNodeType: string;
    readonly cloudFrontDistributionId: pulumi.Input<string>;
    readonly thresholds: Required<MonitoringThresholds>;
    readonly endpointCanary?: EndpointCheck;
    readonly webAclMetricName?: pulumi.Input<string>;
}
