import { AlarmInputs, AlarmSpec } from "../args";

/** The endpoint canary's alarms: a failed check, and each endpoint's time to first byte. */
export function canaryAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    const specs: AlarmSpec[] = [];
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
    return specs;
}

/** The WAF's alarm: many blocked requests. */
export function wafAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    const specs: AlarmSpec[] = [];
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

    return specs;
}

/** CloudFront's alarms: its 5xx and total error rates. */
export function cloudFrontAlarms(a: AlarmInputs): AlarmSpec[] {
    const t = a.thresholds;
    const specs: AlarmSpec[] = [];
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
