import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmSpecs } from "./alarms";
import { AlarmSpec, MonitoringArgs, MonitoringThresholds } from "./args";
import { dashboardBody } from "./dashboard";
import { THRESHOLD_DEFAULTS, validateThresholds } from "./thresholds";
import { AlertTopics, alertTopics, checkAlertEmails } from "./topics";

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
        const thresholds: Required<MonitoringThresholds> = {
            ...THRESHOLD_DEFAULTS,
            ...(args.thresholds ?? {}),
        };
        const emails = args.alertEmails ?? [];
        const tags = args.tags ?? {};
        validateThresholds(thresholds);
        checkAlertEmails(emails);
        if (!Number.isInteger(args.minInstances) || args.minInstances < 1)
            throw new Error(`minInstances (${args.minInstances}) must be a whole number >= 1`);

        const topics = alertTopics(name, this, emails, args.usEast1Provider, tags);
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
        const alarms = specs.map((spec) => this.alarm(name, spec, topics, args.usEast1Provider, tags));

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

        this.alertTopicArn = topics.regional.arn;
        this.globalAlertTopicArn = topics.global.arn;
        this.alarmNames = alarms.map((a) => a.name);
        this.dashboardName = dashboard.dashboardName;
        this.registerOutputs({
            alertTopicArn: this.alertTopicArn,
            globalAlertTopicArn: this.globalAlertTopicArn,
            dashboardName: this.dashboardName,
        });
    }

    /** One alarm, notifying its topic on ALARM and on OK (global ones in us-east-1). */
    private alarm(
        name: string,
        spec: AlarmSpec,
        topics: AlertTopics,
        usEast1Provider: aws.Provider,
        tags: Record<string, string>,
    ): aws.cloudwatch.MetricAlarm {
        const actions = [spec.global ? topics.global.arn : topics.regional.arn];
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
            { parent: this, provider: spec.global ? usEast1Provider : undefined },
        );
    }
}
