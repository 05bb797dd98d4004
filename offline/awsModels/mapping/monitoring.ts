/** Monitoring: CloudWatch alarms and dashboards, EventBridge rules, SNS, Synthetics. */
import { TAGS, Target, TypeMapping } from "./types";

/** An SNS topic attribute: one entry of the Attributes map, its value a string. */
const topicAttribute = (attribute: string): Target => ({ to: "Attributes", form: "attribute", attribute });

export const MONITORING: Record<string, TypeMapping> = {
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        operations: ["cloudwatch:PutMetricAlarm"],
        send: {
            name: "AlarmName",
            // A {name: value} map sent as Dimensions[].Name/Value.
            dimensions: { to: "Dimensions", form: "entries", key: "Name", value: "Value" },
            metricQueries: "Metrics",
            "metricQueries[].metric.dimensions": {
                to: "Metrics[].MetricStat.Metric.Dimensions",
                form: "entries",
                key: "Name",
                value: "Value",
            },
            "metricQueries[].metric.metricName": "Metrics[].MetricStat.Metric.MetricName",
            "metricQueries[].metric.namespace": "Metrics[].MetricStat.Metric.Namespace",
            "metricQueries[].metric.period": "Metrics[].MetricStat.Period",
            "metricQueries[].metric.stat": "Metrics[].MetricStat.Stat",
            "metricQueries[].metric.unit": "Metrics[].MetricStat.Unit",
            tags: TAGS,
        },
    },
    "aws:cloudwatch/dashboard:Dashboard": { operations: ["cloudwatch:PutDashboard"] },
    "aws:cloudwatch/eventRule:EventRule": { operations: ["events:PutRule"], send: { tags: TAGS } },
    "aws:cloudwatch/eventTarget:EventTarget": {
        operations: ["events:PutTargets"],
        send: {
            arn: "Targets[].Arn",
            targetId: "Targets[].Id",
            input: "Targets[].Input",
            roleArn: "Targets[].RoleArn",
        },
    },
    "aws:sns/topic:Topic": {
        operations: ["sns:CreateTopic"],
        send: {
            tags: TAGS,
            displayName: topicAttribute("DisplayName"),
            kmsMasterKeyId: topicAttribute("KmsMasterKeyId"),
            policy: topicAttribute("Policy"),
            deliveryPolicy: topicAttribute("DeliveryPolicy"),
        },
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        // SetTopicAttributes with AttributeName "Policy".
        operations: ["sns:SetTopicAttributes"],
        send: { arn: "TopicArn", policy: "AttributeValue" },
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        operations: ["sns:Subscribe"],
        send: { topic: "TopicArn" },
    },
    "aws:synthetics/canary:Canary": {
        operations: ["synthetics:CreateCanary", "synthetics:UpdateCanary"],
        send: {
            failureRetentionPeriod: "FailureRetentionPeriodInDays",
            successRetentionPeriod: "SuccessRetentionPeriodInDays",
            // The code location is flattened: Code.Handler, Code.S3Bucket, ...
            handler: "Code.Handler",
            s3Bucket: "Code.S3Bucket",
            s3Key: "Code.S3Key",
            s3Version: "Code.S3Version",
            zipFile: "Code.ZipFile",
            tags: { to: "synthetics:CreateCanary Tags", form: "entries" },
        },
        notSent: {
            deleteLambda: "a boolean, sent by DeleteCanary",
            startCanary: "a boolean: whether StartCanary is called",
        },
    },
};
