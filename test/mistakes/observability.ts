import { ALL_VIEWS, ids, Mistake, TAGS } from "./mistake";

const CANARY = "chatmrpt-endpoints-canary";

/** Alarms that exist and can notify, the endpoint canary, the app's log groups and access logs. */
export const OBSERVABILITY_MISTAKES: Mistake[] = [
    // --- alarms
    {
        what: "an alarm without actions",
        mutate: (m) => m.set("chatmrpt-monitoring-alb-elb-5xx", "alarmActions", []),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            "alarm chatmrpt-monitoring-alb-elb-5xx must have at least one alarm action on an SNS topic of this stack; found none",
        ],
    },
    {
        what: "an alarm notifying a topic outside the stack",
        mutate: (m) =>
            m.set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                "arn:aws:sns:us-east-2:999999999999:someone-else",
            ]),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            'alarm chatmrpt-monitoring-asg-cpu-high must notify SNS topics of this stack; found ["arn:aws:sns:us-east-2:999999999999:someone-else"]',
        ],
    },
    {
        what: "a missing Redis evictions alarm",
        mutate: (m) => m.remove("chatmrpt-monitoring-redis-002-evictions"),
        policy: "required-alarms",
        views: ["up"],
        messages: [
            `Redis node ${"{redis}"}-002 of chatmrpt-cache-redis must have alarms on CPUUtilization|EngineCPUUtilization, DatabaseMemoryUsagePercentage, Evictions, CurrConnections, ReplicationLag; missing Evictions`,
        ],
    },
    {
        what: "a missing latency alarm on the ALB",
        mutate: (m) => m.remove("chatmrpt-monitoring-alb-latency-p90"),
        policy: "required-alarms",
        views: ["up"],
        messages: [
            "load balancer chatmrpt-web-alb must have alarms on HTTPCode_ELB_5XX_Count, TargetResponseTime, RejectedConnectionCount; missing TargetResponseTime",
        ],
    },
    {
        what: "a CloudFront alarm created in us-east-2",
        mutate: (m) => m.options("chatmrpt-monitoring-cloudfront-5xx-rate", { provider: undefined }),
        policy: "cloudfront-alarms-in-us-east-1",
        views: ["up"],
        messages: [
            "alarm chatmrpt-monitoring-cloudfront-5xx-rate on AWS/CloudFront must be created in us-east-1 (a us-east-1 provider); found us-east-2",
        ],
    },
    {
        what: "a missing blocked-requests alarm on the WAF",
        mutate: (m) => m.remove("chatmrpt-monitoring-waf-blocked"),
        policy: "required-alarms",
        views: ["up"],
        messages: ["web ACL chatmrpt-waf-acl must have alarms on BlockedRequests; missing BlockedRequests"],
    },
    {
        what: "the canary's failure alarm removed",
        mutate: (m) => m.remove("chatmrpt-monitoring-endpoints-failed"),
        policy: "required-alarms",
        views: ["up"],
        messages: [
            "canary chatmrpt-endpoints-canary must have alarms on SuccessPercent, TimeToFirstByte|Duration; missing SuccessPercent",
        ],
        alsoCaughtBy: ["endpoint-canary-watched"],
    },
    {
        what: "the WAF alarm created in us-east-2, where CLOUDFRONT web ACLs publish nothing",
        mutate: (m) => m.options("chatmrpt-monitoring-waf-blocked", { provider: undefined }),
        policy: "cloudfront-alarms-in-us-east-1",
        views: ["up"],
        messages: [
            "alarm chatmrpt-monitoring-waf-blocked on AWS/WAFV2 (CLOUDFRONT scope) must be created in us-east-1 (a us-east-1 provider); found us-east-2",
        ],
    },
    // --- alarms that exist but cannot notify
    {
        what: "a muted alarm",
        mutate: (m) => m.set("chatmrpt-monitoring-alb-elb-5xx", "actionsEnabled", false),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            "alarm chatmrpt-monitoring-alb-elb-5xx must have actionsEnabled true (a muted alarm notifies no one); found false",
        ],
    },
    {
        what: "a composite alarm without actions",
        mutate: (m) =>
            m.add("chatmrpt-monitoring-alb-elb-5xx", {
                name: "chatmrpt-monitoring-composite",
                type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                props: { alarmName: "c", alarmRule: "ALARM(a) OR ALARM(b)", tags: TAGS },
            }),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            "alarm chatmrpt-monitoring-composite must have at least one alarm action on an SNS topic of this stack; found none",
        ],
    },
    {
        what: "a composite alarm notifying a topic elsewhere",
        mutate: (m) =>
            m.add("chatmrpt-monitoring-alb-elb-5xx", {
                name: "chatmrpt-monitoring-composite",
                type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
                props: {
                    alarmName: "c",
                    alarmRule: "ALARM(a)",
                    alarmActions: ["arn:aws:sns:us-east-2:999999999999:elsewhere"],
                    tags: TAGS,
                },
            }),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            'alarm chatmrpt-monitoring-composite must notify SNS topics of this stack; found ["arn:aws:sns:us-east-2:999999999999:elsewhere"]',
        ],
    },
    {
        what: "the alert topic left without a subscriber",
        mutate: (m) => m.remove("chatmrpt-monitoring-email-1"),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            "SNS topic chatmrpt-monitoring-alerts receives alarms and must have at least one subscription; found none (its alarms would notify no one)",
        ],
    },
    {
        what: "a step-scaling alarm whose actions are the scaling policy and the stack topic (compliant)",
        mutate: (m) =>
            m
                .add("chatmrpt-web-cpu-tracking", {
                    name: "chatmrpt-web-step-out",
                    props: {
                        autoscalingGroupName: "asg",
                        policyType: "StepScaling",
                        arn: "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    },
                })
                .set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                    "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    ids.topic,
                ]),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [],
    },
    {
        what: "a step-scaling alarm that only scales",
        mutate: (m) =>
            m
                .add("chatmrpt-web-cpu-tracking", {
                    name: "chatmrpt-web-step-out",
                    props: {
                        autoscalingGroupName: "asg",
                        policyType: "StepScaling",
                        arn: "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                    },
                })
                .set("chatmrpt-monitoring-asg-cpu-high", "alarmActions", [
                    "arn:aws:autoscaling:us-east-2:123456789012:scalingPolicy:1:autoScalingGroupName/asg:policyName/step-out",
                ]),
        policy: "alarm-actions-on-stack-topic",
        views: ["up"],
        messages: [
            'alarm chatmrpt-monitoring-asg-cpu-high must notify an SNS topic of this stack besides its scaling policies; found only ["chatmrpt-web-step-out"]',
        ],
    },
    {
        what: "the canary stopped",
        mutate: (m) => m.set(CANARY, "startCanary", false),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [`canary ${CANARY} must run (startCanary true); found false`],
    },
    {
        what: "the canary reported STOPPED by AWS (a console stop)",
        mutate: (m) => m.set(CANARY, "status", "STOPPED"),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [`canary ${CANARY} must be running; AWS reports status STOPPED`],
    },
    {
        what: "the canary deleted",
        mutate: (m) => m.remove(CANARY),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            'the stack must have an endpoint canary checking ["/","/health","/system-health"] through CloudFront; found none',
        ],
        // Its artifacts bucket is then an ordinary data bucket.
        alsoCaughtBy: ["data-buckets-in-backup-plan", "access-logging-on"],
    },
    {
        what: "the canary checking / only",
        mutate: (m) => m.set(CANARY, "runConfig.environmentVariables.CHECK_PATHS", "/"),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            `canary ${CANARY} must check ["/","/health","/system-health"] (CHECK_PATHS); missing ["/health","/system-health"]`,
        ],
    },
    {
        what: "the canary run once (rate(0 minutes))",
        mutate: (m) => m.set(CANARY, "schedule.expression", "rate(0 minutes)"),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [`canary ${CANARY} must run at least every 60 minutes; found schedule rate(0 minutes)`],
    },
    {
        what: "a latency alarm raised to 10 s",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoint-root-latency", "threshold", 10000),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            `latency alarm chatmrpt-monitoring-endpoint-root-latency of canary ${CANARY} must fire above at most 250 ms (GreaterThanThreshold); found GreaterThanThreshold 10000`,
        ],
    },
    {
        what: "a latency alarm waiting 20 slow runs",
        mutate: (m) =>
            m
                .set("chatmrpt-monitoring-endpoint-health-latency", "datapointsToAlarm", 20)
                .set("chatmrpt-monitoring-endpoint-health-latency", "evaluationPeriods", 20),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            `latency alarm chatmrpt-monitoring-endpoint-health-latency of canary ${CANARY} must fire after at most 5 slow periods; found 20`,
        ],
    },
    {
        what: "every latency alarm deleted",
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        alsoCaughtBy: ["required-alarms"],
        mutate: (m) =>
            ["root", "health", "system-health"].forEach((s) =>
                m.remove(`chatmrpt-monitoring-endpoint-${s}-latency`),
            ),
        messages: [`canary ${CANARY} must have a latency alarm (any other metric of the canary); found none`],
    },
    {
        what: "the failure alarm muted (no actions)",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoints-failed", "alarmActions", []),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            `failure alarm chatmrpt-monitoring-endpoints-failed of canary ${CANARY} must notify someone (alarmActions); found none`,
        ],
        alsoCaughtBy: ["alarm-actions-on-stack-topic"],
    },
    {
        what: "the failure alarm's threshold at 0 %",
        mutate: (m) => m.set("chatmrpt-monitoring-endpoints-failed", "threshold", 0),
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [
            `failure alarm chatmrpt-monitoring-endpoints-failed of canary ${CANARY} must fire when success drops below 100 % (LessThanThreshold 100); found LessThanThreshold 0`,
        ],
    },
    {
        what: "latency alarms on a time-to-first-byte metric over three runs (issue 22)",
        policy: "endpoint-canary-watched",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) =>
            ["root", "health", "system-health"].forEach((s) =>
                m
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "metricName", "TimeToFirstByte")
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "datapointsToAlarm", 3)
                    .set(`chatmrpt-monitoring-endpoint-${s}-latency`, "evaluationPeriods", 3),
            ),
    },
    {
        what: "app log retention cut to 1 day",
        mutate: (m) => m.set("chatmrpt-logs-app", "retentionInDays", 1),
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        messages: ["log group chatmrpt-logs-app must keep logs 14 to 731 days (retentionInDays); found 1"],
    },
    {
        what: "system logs kept forever (retention unset)",
        mutate: (m) => m.set("chatmrpt-logs-system", "retentionInDays", undefined),
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        messages: [
            "log group chatmrpt-logs-system must keep logs 14 to 731 days (retentionInDays); found never expire",
        ],
    },
    {
        what: "the system log group deleted",
        mutate: (m) => m.remove("chatmrpt-logs-system"),
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        messages: [
            'the stack must have a log group named like /chatmrpt/*/system; found ["/chatmrpt/prod/app"]',
        ],
    },
    {
        what: "the instance role's log-writing policy deleted",
        mutate: (m) => m.remove("chatmrpt-logs-write"),
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        messages: ["app", "system"].map(
            (g) =>
                `instance role chatmrpt-web-instance-role must be allowed logs:CreateLogStream and logs:PutLogEvents on log group /chatmrpt/prod/${g}; found no statement granting it`,
        ),
    },
    {
        what: "the instance role writing to the app group only",
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        mutate: (m) =>
            m.set(
                "chatmrpt-logs-write",
                "policy",
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                            Resource: ["arn:aws:logs:us-east-2:123456789012:log-group:/chatmrpt/prod/app:*"],
                        },
                    ],
                }),
            ),
        messages: [
            "instance role chatmrpt-web-instance-role must be allowed logs:CreateLogStream and logs:PutLogEvents on log group /chatmrpt/prod/system; found no statement granting it",
        ],
    },
    {
        what: "the CloudWatch agent's managed policy instead of the inline one",
        policy: "app-log-groups-kept",
        views: ALL_VIEWS,
        messages: [],
        mutate: (m) =>
            m.remove("chatmrpt-logs-write").add("chatmrpt-web-ssm-core", {
                name: "x-agent",
                props: {
                    role: m.get("chatmrpt-web-ssm-core").inputs.role,
                    policyArn: "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                },
                propertyDependencies: { role: [m.get("chatmrpt-web-instance-role").urn] },
            }),
    },
    {
        what: "ALB access logs off",
        mutate: (m) => m.set("chatmrpt-web-alb", "accessLogs.enabled", false),
        policy: "access-logging-on",
        views: ALL_VIEWS,
        alsoCaughtBy: ["alb-hardened"],
        messages: [
            "load balancer chatmrpt-web-alb must write access logs to a bucket (accessLogs enabled, bucket set); found enabled false, bucket chatmrpt-alb-logs-bucket-ee636ac",
        ],
    },
    {
        what: "the uploads bucket's access logging removed",
        mutate: (m) => m.remove("chatmrpt-uploads-access-logging"),
        policy: "access-logging-on",
        views: ALL_VIEWS,
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must have server access logging to a target bucket; found unset",
        ],
    },
];
