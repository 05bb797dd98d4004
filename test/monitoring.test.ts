import * as assert from "assert";
import { alarmSpecs, cacheNodeVcpus, THRESHOLD_DEFAULTS, validateThresholds } from "../components/monitoring";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { named, ofType, runProd, runProdOk } from "./helpers";

type Row = [
    string,
    string,
    string,
    Record<string, string>,
    string,
    number,
    string,
    number,
    number,
    number,
    string,
];

describe("Monitoring (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let alarms: RecordedResource[];
    before(async () => {
        run = await runProdOk();
        alarms = ofType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    });

    it("defines exactly these alarms: metric, namespace, dimensions, statistic, threshold, comparison, period, evaluation, missing data", () => {
        const lb = named(run, "chatmrpt-web-alb").outputs.arnSuffix as string;
        const tg = named(run, "chatmrpt-web-tg").outputs.arnSuffix as string;
        const asg = named(run, "chatmrpt-web-asg").outputs.name as string;
        const rg = named(run, "chatmrpt-cache-redis").outputs.replicationGroupId as string;
        const cf = named(run, "chatmrpt-cdn-distribution").id;
        const canary = { CanaryName: "chatmrpt-endpoints" };
        const rows: Row[] = alarms.map((a) => [
            a.name.replace("chatmrpt-monitoring-", ""),
            a.inputs.namespace,
            a.inputs.metricName,
            a.inputs.dimensions,
            a.inputs.statistic ?? a.inputs.extendedStatistic,
            a.inputs.threshold,
            a.inputs.comparisonOperator,
            a.inputs.period,
            a.inputs.evaluationPeriods,
            a.inputs.datapointsToAlarm,
            a.inputs.treatMissingData,
        ]);
        const node = (n: number) => ({ CacheClusterId: `${rg}-00${n}` });
        const redis = (n: number): Row[] => [
            [
                `redis-00${n}-cpu`,
                "AWS/ElastiCache",
                "CPUUtilization",
                node(n),
                "Average",
                45,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "breaching",
            ],
            [
                `redis-00${n}-memory`,
                "AWS/ElastiCache",
                "DatabaseMemoryUsagePercentage",
                node(n),
                "Average",
                80,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "breaching",
            ],
            [
                `redis-00${n}-evictions`,
                "AWS/ElastiCache",
                "Evictions",
                node(n),
                "Sum",
                0,
                "GreaterThanThreshold",
                300,
                1,
                1,
                "notBreaching",
            ],
            [
                `redis-00${n}-connections`,
                "AWS/ElastiCache",
                "CurrConnections",
                node(n),
                "Maximum",
                500,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "breaching",
            ],
            [
                `redis-00${n}-replication-lag`,
                "AWS/ElastiCache",
                "ReplicationLag",
                node(n),
                "Maximum",
                30,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "notBreaching",
            ],
        ];
        const expected: Row[] = [
            [
                "alb-elb-5xx",
                "AWS/ApplicationELB",
                "HTTPCode_ELB_5XX_Count",
                { LoadBalancer: lb },
                "Sum",
                10,
                "GreaterThanOrEqualToThreshold",
                60,
                5,
                3,
                "notBreaching",
            ],
            [
                "alb-target-5xx",
                "AWS/ApplicationELB",
                "HTTPCode_Target_5XX_Count",
                { LoadBalancer: lb, TargetGroup: tg },
                "Sum",
                10,
                "GreaterThanOrEqualToThreshold",
                60,
                5,
                3,
                "notBreaching",
            ],
            // Chat answers: 15 s, not the 250 ms page limit.
            [
                "alb-latency-p90",
                "AWS/ApplicationELB",
                "TargetResponseTime",
                { LoadBalancer: lb },
                "p90",
                15,
                "GreaterThanThreshold",
                60,
                5,
                3,
                "notBreaching",
            ],
            [
                "alb-rejected-connections",
                "AWS/ApplicationELB",
                "RejectedConnectionCount",
                { LoadBalancer: lb },
                "Sum",
                1,
                "GreaterThanOrEqualToThreshold",
                60,
                5,
                3,
                "notBreaching",
            ],
            [
                "alb-unhealthy-hosts",
                "AWS/ApplicationELB",
                "UnHealthyHostCount",
                { LoadBalancer: lb, TargetGroup: tg },
                "Maximum",
                0,
                "GreaterThanThreshold",
                60,
                3,
                3,
                "breaching",
            ],
            [
                "alb-healthy-hosts-low",
                "AWS/ApplicationELB",
                "HealthyHostCount",
                { LoadBalancer: lb, TargetGroup: tg },
                "Minimum",
                2,
                "LessThanThreshold",
                60,
                3,
                3,
                "breaching",
            ],
            [
                "asg-cpu-high",
                "AWS/EC2",
                "CPUUtilization",
                { AutoScalingGroupName: asg },
                "Average",
                80,
                "GreaterThanThreshold",
                300,
                3,
                3,
                "notBreaching",
            ],
            [
                "asg-in-service-low",
                "AWS/AutoScaling",
                "GroupInServiceInstances",
                { AutoScalingGroupName: asg },
                "Minimum",
                2,
                "LessThanThreshold",
                60,
                5,
                5,
                "breaching",
            ],
            ...redis(1),
            ...redis(2),
            [
                "cloudfront-5xx-rate",
                "AWS/CloudFront",
                "5xxErrorRate",
                { DistributionId: cf, Region: "Global" },
                "Average",
                5,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "notBreaching",
            ],
            [
                "cloudfront-error-rate",
                "AWS/CloudFront",
                "TotalErrorRate",
                { DistributionId: cf, Region: "Global" },
                "Average",
                15,
                "GreaterThanThreshold",
                300,
                2,
                2,
                "notBreaching",
            ],
            // The team's 250 ms, per path through CloudFront, every 20 minutes: the server's time to first
            // byte, slow in 3 checks in a row (one slow run pages nobody).
            [
                "endpoints-failed",
                "CloudWatchSynthetics",
                "SuccessPercent",
                canary,
                "Minimum",
                100,
                "LessThanThreshold",
                1200,
                2,
                2,
                "breaching",
            ],
            [
                "endpoint-root-latency",
                "CloudWatchSynthetics",
                "TimeToFirstByte",
                { ...canary, StepName: "root" },
                "Average",
                250,
                "GreaterThanThreshold",
                1200,
                3,
                3,
                "notBreaching",
            ],
            [
                "endpoint-health-latency",
                "CloudWatchSynthetics",
                "TimeToFirstByte",
                { ...canary, StepName: "health" },
                "Average",
                250,
                "GreaterThanThreshold",
                1200,
                3,
                3,
                "notBreaching",
            ],
            [
                "endpoint-system-health-latency",
                "CloudWatchSynthetics",
                "TimeToFirstByte",
                { ...canary, StepName: "system-health" },
                "Average",
                250,
                "GreaterThanThreshold",
                1200,
                3,
                3,
                "notBreaching",
            ],
            [
                "waf-blocked",
                "AWS/WAFV2",
                "BlockedRequests",
                { WebACL: "chatmrpt-waf-acl", Rule: "ALL" },
                "Sum",
                100,
                "GreaterThanOrEqualToThreshold",
                300,
                1,
                1,
                "notBreaching",
            ],
        ];
        assert.deepStrictEqual(
            rows.sort((a, b) => a[0].localeCompare(b[0])),
            expected.sort((a, b) => a[0].localeCompare(b[0])),
        );
    });

    it("has no alarm that holds all requests to 250 ms", () => {
        const allRequests = alarms.filter(
            (a) =>
                a.inputs.namespace === "AWS/ApplicationELB" && a.inputs.metricName === "TargetResponseTime",
        );
        assert.deepStrictEqual(
            allRequests.map((a) => [a.name, a.inputs.threshold]),
            [["chatmrpt-monitoring-alb-latency-p90", 15]],
        );
    });

    it("notifies the stack's topic on ALARM and OK; CloudFront and WAF alarms use the us-east-1 topic and provider", () => {
        const topic = named(run, "chatmrpt-monitoring-alerts").outputs.arn;
        const globalTopic = named(run, "chatmrpt-monitoring-alerts-us-east-1");
        assert.strictEqual(globalTopic.region, "us-east-1");
        for (const a of alarms) {
            const cloudFront = a.inputs.namespace === "AWS/CloudFront" || a.inputs.namespace === "AWS/WAFV2";
            const expected = [cloudFront ? globalTopic.outputs.arn : topic];
            assert.deepStrictEqual(
                [a.inputs.alarmActions, a.inputs.okActions, a.region],
                [expected, expected, cloudFront ? "us-east-1" : "us-east-2"],
                a.name,
            );
        }
    });

    it("takes the chat and endpoint limits and the canary interval from config", async () => {
        const changed = await runProd({
            "chatmrpt:chatLatencyP90Ms": "20000",
            "chatmrpt:endpointLatencyLimitMs": "400",
            "chatmrpt:endpointCheckIntervalMinutes": "5",
        });
        assert.strictEqual(named(changed, "chatmrpt-monitoring-alb-latency-p90").inputs.threshold, 20);
        const health = named(changed, "chatmrpt-monitoring-endpoint-health-latency").inputs;
        assert.deepStrictEqual([health.threshold, health.period], [400, 300]);
        assert.strictEqual(
            named(changed, "chatmrpt-endpoints-canary").inputs.schedule.expression,
            "rate(5 minutes)",
        );
    });

    it("subscribes the configured emails to both topics", () => {
        const subs = ofType(run, "aws:sns/topicSubscription:TopicSubscription")
            .filter((s) => s.name.startsWith("chatmrpt-monitoring-"))
            .map((s) => [s.inputs.protocol, s.inputs.endpoint, s.region]);
        assert.deepStrictEqual(subs.sort(), [
            ["email", "ops@chatmrpt.example.org", "us-east-1"],
            ["email", "ops@chatmrpt.example.org", "us-east-2"],
        ]);
    });

    it("draws a dashboard of requests, latency percentiles, 5xx, hosts, ASG, Redis and CloudFront", () => {
        const body = JSON.parse(named(run, "chatmrpt-monitoring-dashboard").inputs.dashboardBody as string);
        assert.deepStrictEqual(
            body.widgets.map((w: any) => w.properties.title),
            [
                "Requests",
                "Latency p50 / p90 / p99 (s)",
                "5xx",
                "Healthy / unhealthy hosts",
                "Auto Scaling group size",
                "App CPU (%)",
                "Redis CPU (%)",
                "Redis memory (%)",
                "Redis evictions",
                "Redis connections",
                "CloudFront requests",
                "CloudFront error rate (%)",
            ],
        );
        assert.deepStrictEqual(
            body.widgets[1].properties.metrics.map((m: any[]) => m[4].stat),
            ["p50", "p90", "p99"],
        );
        assert.strictEqual(body.widgets[10].properties.region, "us-east-1");
    });

    it("watches EngineCPUUtilization at the full threshold on nodes with more than 2 vCPUs", () => {
        const specs = alarmSpecs({
            albArnSuffix: "a",
            targetGroupArnSuffix: "t",
            autoScalingGroupName: "g",
            minInstances: 2,
            redisClusterIds: ["r-001"],
            redisNodeType: "cache.r6g.xlarge",
            cloudFrontDistributionId: "E1",
            thresholds: { ...THRESHOLD_DEFAULTS, redisCpuPercent: 90 },
        });
        const cpu = specs.filter((s) => s.namespace === "AWS/ElastiCache" && /CPU/.test(s.metricName));
        assert.deepStrictEqual(
            cpu.map((s) => [s.metricName, s.threshold]),
            [["EngineCPUUtilization", 90]],
        );
        assert.strictEqual(
            specs.filter((s) => s.metricName === "ReplicationLag").length,
            0,
            "a single node has no replica",
        );
        assert.strictEqual(cacheNodeVcpus("cache.t3.small"), 2);
        assert.strictEqual(
            specs.filter((s) => s.namespace === "CloudWatchSynthetics" || s.namespace === "AWS/WAFV2").length,
            0,
            "no canary, no WAF: no alarms on them",
        );
    });

    it("rejects a negative threshold and a percentage above 100", () => {
        const ok = THRESHOLD_DEFAULTS;
        assert.throws(() => validateThresholds({ ...ok, endpointLatencyMs: -1 }), {
            message: "thresholds.endpointLatencyMs (-1) must be a number > 0",
        });
        assert.throws(() => validateThresholds({ ...ok, redisMemoryPercent: 120 }), {
            message: "thresholds.redisMemoryPercent (120) must be at most 100",
        });
    });
});
