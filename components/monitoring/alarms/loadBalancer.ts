import { AlarmInputs, AlarmSpec } from "../args";

/**
 * The load balancer's alarms: 5xx, latency and rejected connections (which exist only while
 * requests flow) and the health of its targets (published every minute).
 */
export function loadBalancerAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    const lb = { LoadBalancer: a.albArnSuffix };
    const lbTg = { LoadBalancer: a.albArnSuffix, TargetGroup: a.targetGroupArnSuffix };
    const minute = { periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 3 };
    return [
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
    ];
}
