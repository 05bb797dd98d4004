import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cheaperOptions } from "../offline/cost/cheaperOptions";
import {
    estimateCost,
    loadPriceBook,
    loadUsage,
    PriceBook,
    rateMinutes,
    Usage,
} from "../offline/cost/costModel";
import { awsCronRuns } from "../offline/cost/schedule";
import { checkAwsCron } from "../stacks/validate";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { recordedResource } from "./helpers";

/** Round numbers so each expected figure is easy to check by hand. */
const PRICES: PriceBook = {
    source: "test",
    pricesAsOf: "2026-01-01",
    currency: "USD",
    hoursPerMonth: 700,
    regions: {
        "us-east-2": {
            ec2HourlyByInstanceType: { "t3.large": 0.1, "m5.large": 0.1 },
            burstableSurplusVcpuHourByFamily: { t3: 0.05 },
            ebsGbMonthByVolumeType: { gp3: 0.1 },
            albHourly: 0.02,
            albLcuHourly: 0.01,
            natGatewayHourly: 0.05,
            natGatewayGb: 0.05,
            internetEgressGb: 0.1,
            publicIpv4Hourly: 0.005,
            elasticacheHourlyByNodeType: { "cache.t3.small": 0.04 },
            elasticacheBackupGbMonth: 0.1,
            cloudwatchAlarmMonth: 0.1,
            cloudwatchDashboardMonth: 3,
            backupEbsGbMonth: 0.05,
            backupCrossRegionTransferGb: 0.02,
            s3StandardGbMonth: 0.02,
            s3PutPer1000: 0.005,
            s3GetPer1000: 0.0004,
            kmsKeyMonth: 1,
        },
    },
    global: {
        cloudfrontGbNorthAmericaEurope: 0.1,
        cloudfrontHttpsPer10k: 0.01,
        route53HostedZoneMonth: 0.5,
        route53QueriesPerMillion: 0.4,
        cloudfrontVpcOriginMonth: 0,
        cloudfrontVpcOriginSource: "test source",
    },
    alwaysFreeTier: {
        cloudfrontGb: 1000,
        cloudfrontRequests: 10000000,
        cloudwatchAlarms: 1,
        cloudwatchDashboards: 0,
    },
};
const USAGE: Usage = {
    albAverageLcus: 2,
    natProcessedGb: 100,
    internetEgressGb: 50,
    cloudfrontGb: 1500,
    cloudfrontRequests: 20000000,
    backupStorageGb: 100,
    redisBackupStorageGb: 10,
    buckets: { uploads: { storageGb: 100, putRequests: 10000, getRequests: 100000 } },
};

const round2 = (n: number) => Math.round(n * 100) / 100;

let counter = 0;
/** The shared {@link recordedResource} under a fresh name (`r1`, `r2`…): the model prices by type and inputs. */
const res = (type: string, inputs: Record<string, unknown>, extra: Partial<RecordedResource> = {}) =>
    recordedResource(type, `r${++counter}`, inputs, extra);

function monthly(records: RecordedResource[]): [string, number][] {
    return estimateCost(records, PRICES, USAGE).lines.map((l) => [l.item, l.monthlyUsd]);
}

describe("cost model", () => {
    it("prices an Auto Scaling group as instances × hours plus their volumes", () => {
        const lt = res(
            "aws:ec2/launchTemplate:LaunchTemplate",
            {
                instanceType: "t3.large",
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3" } },
                ],
            },
            { id: "lt-1" },
        );
        const asg = res("aws:autoscaling/group:Group", {
            desiredCapacity: 3,
            launchTemplate: { id: "lt-1" },
        });
        // 3 × 700 h × $0.10 = $210; 30 GB × 3 × $0.10 = $9
        assert.deepStrictEqual(monthly([lt, asg]), [
            ["EC2 t3.large × 3", 210],
            ["EBS gp3 30 GB × 3", 9],
        ]);
    });

    describe("T3 CPU credits", () => {
        const group = (cpuCredits: string | undefined, target: number | undefined) => {
            const lt = res(
                "aws:ec2/launchTemplate:LaunchTemplate",
                { instanceType: "t3.large", ...(cpuCredits ? { creditSpecification: { cpuCredits } } : {}) },
                { id: "lt-1" },
            );
            const asg = res("aws:autoscaling/group:Group", {
                desiredCapacity: 2,
                launchTemplate: { id: "lt-1" },
            });
            asg.outputs.name = "asg-1";
            const policy =
                target === undefined
                    ? []
                    : [
                          res("aws:autoscaling/policy:Policy", {
                              autoscalingGroupName: "asg-1",
                              targetTrackingConfiguration: {
                                  predefinedMetricSpecification: {
                                      predefinedMetricType: "ASGAverageCPUUtilization",
                                  },
                                  targetValue: target,
                              },
                          }),
                      ];
            return [lt, asg, ...policy];
        };
        const credits = (records: RecordedResource[]) =>
            estimateCost(records, PRICES, USAGE)
                .lines.filter((l) => l.item.startsWith("CPU credits"))
                .map((l) => [l.item, l.quantity, l.unitPriceUsd, l.monthlyUsd]);

        it("prices unlimited surplus at a 60 % target: (60 − 30) % × 2 vCPUs × 2 instances × 700 h × $0.05", () => {
            assert.deepStrictEqual(credits(group("unlimited", 60)), [
                ["CPU credits: unlimited, surplus at the 60 % CPU target (baseline 30 %) × 2", 840, 0.05, 42],
            ]);
        });

        it("prices nothing at a target at the baseline, and treats an unset credit option as T3's default, unlimited", () => {
            assert.deepStrictEqual(credits(group(undefined, 30)), [
                ["CPU credits: unlimited, surplus at the 30 % CPU target (baseline 30 %) × 2", 0, 0.05, 0],
            ]);
        });

        it("prices nothing for standard credits", () => {
            assert.deepStrictEqual(credits(group("standard", 25)), [
                ["CPU credits: standard (held at the 30 % baseline, no surplus charge)", 0, 0, 0],
            ]);
        });

        it("lists unlimited credits with no CPU target as unpriced, never $0", () => {
            assert.deepStrictEqual(
                estimateCost(group("unlimited", undefined), PRICES, USAGE).unpriced.map((u) => u.reason),
                [
                    "t3.large in unlimited mode with no CPU target-tracking policy: surplus credits are unbounded",
                ],
            );
        });
    });

    it("counts a gateway VPC endpoint as free and an interface endpoint as unpriced", () => {
        const estimate = estimateCost(
            [
                res("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" }),
                res("aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface" }),
            ],
            PRICES,
            USAGE,
        );
        assert.deepStrictEqual(
            [estimate.free.length, estimate.unpriced.map((u) => u.reason), estimate.lines],
            [1, ["no price for a Interface VPC endpoint"], []],
        );
    });

    it("prices an ALB by hours, LCUs and one public IPv4 per subnet", () => {
        // 700 × 0.02 = 14; 2 LCU × 700 × 0.01 = 14; 2 IPs × 700 × 0.005 = 7
        assert.deepStrictEqual(monthly([res("aws:lb/loadBalancer:LoadBalancer", { subnets: ["a", "b"] })]), [
            ["ALB hours", 14],
            ["ALB LCUs (2 average)", 14],
            ["public IPv4 × 2 (one per AZ)", 7],
        ]);
    });

    it("gives an internal ALB no public IPv4", () => {
        assert.deepStrictEqual(
            monthly([res("aws:lb/loadBalancer:LoadBalancer", { internal: true, subnets: ["a", "b"] })]),
            [
                ["ALB hours", 14],
                ["ALB LCUs (2 average)", 14],
            ],
        );
    });

    it("lists a VPC origin at its price with the source, and as unpriced without one", () => {
        const origin = res("aws:cloudfront/vpcOrigin:VpcOrigin", {});
        assert.deepStrictEqual(
            estimateCost([origin], PRICES, USAGE).lines.map((l) => [
                l.item,
                l.quantity,
                l.unit,
                l.unitPriceUsd,
                l.monthlyUsd,
            ]),
            [["CloudFront VPC origin (no additional charge; test source)", 1, "origin-months", 0, 0]],
        );
        const unsourced = { ...PRICES, global: { ...PRICES.global, cloudfrontVpcOriginSource: undefined } };
        assert.deepStrictEqual(
            estimateCost([origin], unsourced, USAGE).unpriced.map((u) => u.reason),
            ["no VPC origin price with a source"],
        );
        assert.deepStrictEqual(
            [
                loadPriceBook().global.cloudfrontVpcOriginMonth,
                loadPriceBook().global.cloudfrontVpcOriginSource,
            ],
            [0, "AWS What's New 2024-11-20, CloudFront VPC origins"],
        );
    });

    it("prices a NAT gateway by hours, GB processed and egress, and its Elastic IP", () => {
        // 700 × 0.05 = 35; 100 GB × 0.05 = 5; 50 GB × 0.1 = 5; 700 × 0.005 = 3.5
        assert.deepStrictEqual(
            monthly([res("aws:ec2/natGateway:NatGateway", {}), res("aws:ec2/eip:Eip", {})]),
            [
                ["NAT gateway hours", 35],
                ["NAT gateway data processed", 5],
                ["data out to the internet", 5],
                ["public IPv4 address", 3.5],
            ],
        );
    });

    it("prices Redis by node type × nodes and its snapshot storage", () => {
        // 2 × 700 × 0.04 = 56; 10 GB × 0.1 = 1
        assert.deepStrictEqual(
            monthly([
                res("aws:elasticache/replicationGroup:ReplicationGroup", {
                    nodeType: "cache.t3.small",
                    numCacheClusters: 2,
                    snapshotRetentionLimit: 7,
                }),
            ]),
            [
                ["ElastiCache redis cache.t3.small × 2", 56],
                ["snapshot storage beyond the free one", 1],
            ],
        );
    });

    it("prices CloudFront beyond the always-free allowance", () => {
        // (1500 - 1000) GB × 0.1 = 50; (20M - 10M) / 10k × 0.01 = 10
        assert.deepStrictEqual(monthly([res("aws:cloudfront/distribution:Distribution", {})]), [
            ["CloudFront data out (1500 GB, 1000 GB free)", 50],
            ["CloudFront HTTPS requests (20000000, 10000000 free)", 10],
        ]);
    });

    it("prices alarms after the free ones, dashboards, KMS keys and zones", () => {
        const records = [
            res("aws:cloudwatch/metricAlarm:MetricAlarm", {}),
            res("aws:cloudwatch/metricAlarm:MetricAlarm", {}),
            res("aws:cloudwatch/dashboard:Dashboard", {}),
            res("aws:kms/key:Key", {}),
            res("aws:route53/zone:Zone", {}),
        ];
        assert.deepStrictEqual(monthly(records), [
            ["alarm (always-free allowance)", 0],
            ["alarm", 0.1],
            ["dashboard", 3],
            ["KMS key", 1],
            ["hosted zone", 0.5],
        ]);
    });

    it("prices AWS Backup storage, and a copy's storage and transfer when the copy region is priced", () => {
        const vault = res(
            "aws:backup/vault:Vault",
            {},
            { outputs: { arn: "arn:copy" }, region: "us-east-2" },
        );
        const plan = res("aws:backup/plan:Plan", {
            rules: [{ copyActions: [{ destinationVaultArn: "arn:copy" }] }],
        });
        // 100 GB × 0.05 = 5 (twice: source and copy); 100 GB × 0.02 = 2
        assert.deepStrictEqual(monthly([vault, plan]), [
            ["EBS backup storage", 5],
            ["EBS backup copy storage (us-east-2)", 5],
            ["cross-region copy transfer", 2],
        ]);
    });

    it("prices S3 by the usage of the bucket's purpose", () => {
        // 100 GB × 0.02 = 2; 10 × 0.005 = 0.05; 100 × 0.0004 = 0.04
        assert.deepStrictEqual(monthly([res("aws:s3/bucket:Bucket", { tags: { Purpose: "uploads" } })]), [
            ["S3 storage (uploads)", 2],
            ["S3 PUT requests (uploads)", 0.05],
            ["S3 GET requests (uploads)", 0.04],
        ]);
    });

    it("lists unpriced kinds and never counts them as $0", () => {
        const estimate = estimateCost(
            [
                res("aws:rds/instance:Instance", {}),
                res("aws:s3/bucket:Bucket", { tags: { Purpose: "exports" } }),
                res("aws:autoscaling/group:Group", { desiredCapacity: 1, launchTemplate: { id: "lt-x" } }),
                res("aws:lb/loadBalancer:LoadBalancer", { subnets: ["a"] }, { region: "ap-south-1" }),
            ],
            PRICES,
            USAGE,
        );
        assert.deepStrictEqual(
            estimate.unpriced.map((u) => [u.type, u.reason]),
            [
                ["aws:rds/instance:Instance", "no price for this kind of resource"],
                ["aws:s3/bucket:Bucket", "no usage assumption for bucket purpose exports"],
                ["aws:autoscaling/group:Group", "its launch template is not in the stack"],
                ["aws:lb/loadBalancer:LoadBalancer", "no ALB price in ap-south-1"],
            ],
        );
        assert.strictEqual(estimate.totalUsd, 0);
        assert.deepStrictEqual(estimate.lines, []);
    });

    describe("what is easy to leave out", () => {
        const FULL: PriceBook = {
            ...PRICES,
            regions: { "us-east-2": { ...PRICES.regions["us-east-2"], kmsRotationMonth: 1 } },
            alwaysFreeTier: { ...PRICES.alwaysFreeTier, internetEgressGb: 100, cloudwatchAlarms: 1 },
            albLcu: {
                newConnectionsPerSecond: 25,
                activeConnectionsPerMinute: 3000,
                processedGbPerHour: 1,
                ruleEvaluationsPerSecond: 1000,
                freeRules: 10,
            },
        };
        const lines = (records: RecordedResource[], usage: Partial<Usage> = {}) =>
            estimateCost(records, FULL, { ...USAGE, ...usage }).lines.map((l) => [l.item, l.monthlyUsd]);

        it("takes the 100 GB free data-out tier once for the account", () => {
            // (150 - 100) GB × 0.1 = 5; a second NAT gateway finds the allowance used up: 150 × 0.1 = 15
            const nat = () => res("aws:ec2/natGateway:NatGateway", {});
            const out = lines([nat(), nat()], { internetEgressGb: 150 }).filter(([item]) =>
                String(item).startsWith("data out"),
            );
            assert.deepStrictEqual(out, [
                ["data out to the internet (150 GB, 100 GB free)", 5],
                ["data out to the internet (150 GB, 0 GB free)", 15],
            ]);
        });

        it("charges NAT processing for traffic both ways", () => {
            // (100 out + 60 in) GB × 0.05 = 8
            assert.deepStrictEqual(
                lines([res("aws:ec2/natGateway:NatGateway", {})], { natInboundGb: 60 })[1],
                ["NAT gateway data processed (100 GB out + 60 GB in)", 8],
            );
        });

        it("derives ALB LCUs from the traffic: the largest dimension is billed", () => {
            // 50 new conn/s ÷ 25 = 2 LCU; 3,000 active ÷ 3,000 = 1; 700 GB ÷ 700 h ÷ 1 = 1; 100 req/s × (12 - 10 rules) ÷ 1,000 = 0.2
            const lb = res(
                "aws:lb/loadBalancer:LoadBalancer",
                { subnets: [] },
                { outputs: { arn: "arn:lb" } },
            );
            const https = res(
                "aws:lb/listener:Listener",
                { loadBalancerArn: "arn:lb" },
                { outputs: { arn: "arn:listener" } },
            );
            const rules = Array.from({ length: 12 }, () =>
                res("aws:lb/listenerRule:ListenerRule", { listenerArn: "arn:listener" }),
            );
            // Rules of another load balancer's listener do not count.
            const other = res("aws:lb/listenerRule:ListenerRule", { listenerArn: "arn:other-listener" });
            const traffic = {
                newConnectionsPerSecond: 50,
                activeConnectionsPerMinute: 3000,
                processedGbPerMonth: 700,
                requestsPerSecond: 100,
            };
            assert.deepStrictEqual(lines([lb, https, ...rules, other], { alb: traffic })[1], [
                "ALB LCUs (2 average, by new connections)",
                14,
            ]);
            // 2,000 req/s × 2 billable rules ÷ 1,000 = 4 LCU beats the rest: 4 × 700 × 0.01 = 28
            assert.deepStrictEqual(
                lines([lb, https, ...rules], { alb: { ...traffic, requestsPerSecond: 2000 } })[1],
                ["ALB LCUs (4 average, by rule evaluations)", 28],
            );
        });

        it("prices the alarms target tracking creates, after the free allowance", () => {
            // One explicit alarm takes the one free alarm: both tracking alarms are paid, 2 × 0.1
            const policy = res("aws:autoscaling/policy:Policy", {
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: {},
            });
            assert.deepStrictEqual(
                lines([res("aws:cloudwatch/metricAlarm:MetricAlarm", {}), policy]).slice(1),
                [["alarms target tracking creates (2, 0 in the always-free allowance)", 0.2]],
            );
            // Scale-in disabled: only the high alarm exists; with no explicit alarm it is free.
            const noScaleIn = res("aws:autoscaling/policy:Policy", {
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: { disableScaleIn: true },
            });
            assert.deepStrictEqual(lines([noScaleIn]), [
                ["alarms target tracking creates (1, 1 in the always-free allowance)", 0],
            ]);
            const simple = estimateCost(
                [res("aws:autoscaling/policy:Policy", { policyType: "SimpleScaling" })],
                FULL,
                USAGE,
            );
            assert.deepStrictEqual([simple.lines.length, simple.free.length], [0, 1]);
        });

        it("counts the key versions rotation adds", () => {
            assert.deepStrictEqual(lines([res("aws:kms/key:Key", { enableKeyRotation: true })]), [
                ["KMS key", 1],
                [
                    "KMS rotated key versions (rotation every 365 days: 2 charged from the second rotation on, 0 on average in the first year)",
                    2,
                ],
            ]);
            assert.deepStrictEqual(lines([res("aws:kms/key:Key", { enableKeyRotation: false })]), [
                ["KMS key", 1],
            ]);
        });

        it("lists a price the book lacks as unpriced rather than $NaN", () => {
            const estimate = estimateCost(
                [res("aws:ec2/natGateway:NatGateway", {})],
                { ...FULL, regions: { "us-east-2": { natGatewayHourly: 0.05 } } },
                USAGE,
            );
            assert.deepStrictEqual(
                estimate.unpriced.map((u) => u.reason),
                [
                    "no price for NAT gateway data processed in us-east-2",
                    "no price for data out to the internet (50 GB, 50 GB free) in us-east-2",
                ],
            );
            assert.strictEqual(estimate.totalUsd, 35);
        });
    });

    it("says which kinds are free instead of pricing them", () => {
        const estimate = estimateCost(
            [res("aws:ec2/vpc:Vpc", {}), res("aws:ec2/securityGroup:SecurityGroup", {})],
            PRICES,
            USAGE,
        );
        assert.deepStrictEqual(
            [estimate.free.length, estimate.lines.length, estimate.unpriced.length],
            [2, 0, 0],
        );
    });

    it("keeps prices with their source and date", () => {
        const book = loadPriceBook();
        assert.match(book.source, /AWS on-demand list prices/);
        assert.match(book.pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
        assert.strictEqual(book.regions["us-east-2"].ec2HourlyByInstanceType!["t3.large"], 0.0832);
    });

    it("rejects a usage file with a negative or missing number, naming the key", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-"));
        fs.writeFileSync(path.join(dir, "usage.x.yaml"), "albAverageLcus: -1\n");
        assert.throws(
            () => loadUsage("x", dir),
            /usage\.x\.yaml: albAverageLcus \(-1\) must be a number >= 0/,
        );
        assert.throws(() => loadUsage("nope", dir), /usage file .*usage\.nope\.yaml is missing/);
        assert.strictEqual(loadUsage("prod").albAverageLcus, 1);
    });
});

describe("cost model: what AWS bills beyond the hourly lines", () => {
    const prices: PriceBook = {
        ...PRICES,
        regions: {
            "us-east-2": { ...PRICES.regions["us-east-2"], interAzGbEachWay: 0.01, kmsRotationMonth: 1 },
        },
        global: { ...PRICES.global, cloudfrontToOriginGbUnitedStates: 0.02 },
        alwaysFreeTier: { ...PRICES.alwaysFreeTier, internetEgressGb: 100 },
    };
    const usage: Usage = { ...USAGE, natInboundGb: 100, redisTrafficGb: 40, cloudfrontToOriginGb: 50 };
    /** A NAT gateway in the first AZ, a Redis group on both, and a group of `instances` over `zones`. */
    const stack = (zones: string[], instances: number, preferredCacheClusterAzs?: string[]) => {
        const subnets = zones.map((az, i) =>
            res("aws:ec2/subnet:Subnet", { availabilityZone: az }, { id: `subnet-${i}` }),
        );
        const ids = subnets.map((s) => s.id);
        const cacheSubnets = res("aws:elasticache/subnetGroup:SubnetGroup", {
            name: "cache",
            subnetIds: ids,
        });
        return [
            ...subnets,
            cacheSubnets,
            res("aws:ec2/natGateway:NatGateway", { subnetId: ids[0] }),
            res("aws:elasticache/replicationGroup:ReplicationGroup", {
                nodeType: "cache.t3.small",
                numCacheClusters: 2,
                subnetGroupName: "cache",
                ...(preferredCacheClusterAzs ? { preferredCacheClusterAzs } : {}),
            }),
            res("aws:ec2/launchTemplate:LaunchTemplate", { instanceType: "m5.large" }, { id: "lt-az" }),
            res("aws:autoscaling/group:Group", {
                desiredCapacity: instances,
                vpcZoneIdentifiers: ids,
                launchTemplate: { id: "lt-az" },
            }),
        ];
    };
    const interAz = (records: RecordedResource[]) =>
        estimateCost(records, prices, usage)
            .lines.filter((l) => l.item.startsWith("inter-AZ"))
            .map((l) => [l.item, l.quantity, l.monthlyUsd]);

    it("prices the instances in the other AZ reaching the one NAT gateway and the Redis primary, each way", () => {
        // NAT: (100 GB out + 100 GB in) × the half of the instances outside us-east-2a × $0.01.
        // Redis: 40 GB × a half (the primary is in either AZ, one instance in each) × $0.01.
        assert.deepStrictEqual(interAz(stack(["us-east-2a", "us-east-2b"], 2)), [
            [
                "inter-AZ data transfer: app instances to the NAT gateway (200 GB both ways × 50 %: 1 of 2 instance(s) in another AZ than us-east-2a)",
                100,
                1,
            ],
            [
                "inter-AZ data transfer: app instances to the Redis primary (40 GB both ways × 50 %: 1 of 2 instance(s) in another AZ than one of us-east-2a, us-east-2b)",
                20,
                0.2,
            ],
        ]);
        // Three instances over two AZs: two in us-east-2a, one outside the NAT's AZ.
        assert.strictEqual(interAz(stack(["us-east-2a", "us-east-2b"], 3))[0][1], 200 / 3);
        // A primary pinned to the second AZ: the instance in the first crosses.
        assert.match(
            String(interAz(stack(["us-east-2a", "us-east-2b"], 3, ["us-east-2b"]))[1][0]),
            /2 of 3 instance\(s\) in another AZ than us-east-2b/,
        );
    });

    it("prices nothing between AZs when everything is in one", () => {
        assert.deepStrictEqual(
            interAz(stack(["us-east-2a"], 2)).map(([, gb, usd]) => [gb, usd]),
            [
                [0, 0],
                [0, 0],
            ],
        );
    });

    it("lists inter-AZ traffic it cannot place, or with no usage, as unpriced", () => {
        const records = stack(["us-east-2a", "us-east-2b"], 2);
        const unknownSubnet = records.map((r) =>
            r.type === "aws:ec2/natGateway:NatGateway"
                ? { ...r, inputs: { subnetId: "subnet-elsewhere" } }
                : r,
        );
        assert.deepStrictEqual(
            estimateCost(unknownSubnet, prices, usage).unpriced.map((u) => u.reason),
            [
                "cannot tell the AZ of the NAT gateway or of the app instances: inter-AZ data transfer unpriced",
            ],
        );
        assert.deepStrictEqual(
            estimateCost(records, prices, { ...usage, redisTrafficGb: undefined }).unpriced.map(
                (u) => u.reason,
            ),
            ["no usage for the app's traffic with Redis (redisTrafficGb): inter-AZ data transfer unpriced"],
        );
    });

    it("prices what CloudFront sends to the origin, which no free allowance covers", () => {
        const distribution = res("aws:cloudfront/distribution:Distribution", {});
        const line = estimateCost([distribution], prices, usage).lines.find((l) =>
            l.item.startsWith("CloudFront data transfer to origin"),
        );
        assert.deepStrictEqual([line?.quantity, line?.monthlyUsd], [50, 1]);
        assert.deepStrictEqual(
            estimateCost([distribution], prices, { ...usage, cloudfrontToOriginGb: undefined }).unpriced.map(
                (u) => u.reason,
            ),
            ["no usage for the data CloudFront sends to the origin (cloudfrontToOriginGb)"],
        );
    });

    it("gives the first year's figure where charges grow: KMS rotations, by rotation period", () => {
        const key = (rotationPeriodInDays?: number) =>
            estimateCost(
                [res("aws:kms/key:Key", { enableKeyRotation: true, rotationPeriodInDays })],
                prices,
                usage,
            );
        // Yearly: no rotation in the first year ($1), the key and two versions later ($3).
        assert.deepStrictEqual([key().totalUsd, key().firstYearTotalUsd], [3, 1]);
        // Every 90 days: one version from day 90, two from day 180: (275 + 185) ÷ 365 on average.
        assert.deepStrictEqual([key(90).totalUsd, key(90).firstYearTotalUsd], [3, 2.26]);
        // Nothing grows without rotation.
        const plain = estimateCost([res("aws:kms/key:Key", {})], prices, usage);
        assert.deepStrictEqual([plain.totalUsd, plain.firstYearTotalUsd], [1, 1]);
    });

    it("gives the figure without the always-free allowances, higher when the stack uses them", () => {
        const records = [
            ...stack(["us-east-2a", "us-east-2b"], 2),
            res("aws:cloudfront/distribution:Distribution", {}),
        ];
        const e = estimateCost(records, prices, usage);
        // CloudFront 1,000 GB and 10M requests, 100 GB to the internet and an alarm are free.
        // Without them: 1,500 GB × $0.10 + 2,000 × 10k requests × $0.01 + 50 GB × $0.10 more.
        assert.ok(e.totalWithoutFreeTierUsd > e.totalUsd);
        assert.strictEqual(round2(e.totalWithoutFreeTierUsd - e.totalUsd), round2(100 + 10 + 5));
    });
});

describe("cost model: WAF, canary, logs, S3 backups, restore tests, access logs", () => {
    const prices: PriceBook = {
        ...PRICES,
        regions: {
            "us-east-2": {
                ...PRICES.regions["us-east-2"],
                syntheticsCanaryRun: 0.001,
                lambdaGbSecond: 0.00001,
                cloudwatchLogsIngestGbStandard: 0.5,
                cloudwatchLogsIngestGbInfrequentAccess: 0.25,
                cloudwatchLogsStorageGbMonth: 0.03,
                backupS3GbMonth: 0.05,
                elasticacheValkeyHourlyByNodeType: { "cache.t3.small": 0.03 },
                cloudwatchCustomMetricMonth: 0.3,
                cloudwatchApiRequestsPer1000: 0.01,
                ec2HourlyByInstanceType: { "t3.large": 0.1, "t3a.large": 0.09, "t4g.large": 0.08 },
            },
        },
        global: { ...PRICES.global, wafWebAclMonth: 5, wafRuleMonth: 1, wafPerMillionRequests: 0.6 },
        alwaysFreeTier: {
            ...PRICES.alwaysFreeTier,
            cloudwatchLogsGb: 5,
            lambdaGbSeconds: 1000,
            cloudwatchCustomMetrics: 10,
            cloudwatchApiRequests: 1000000,
        },
    };
    const usage: Usage = {
        ...USAGE,
        logGroups: { app: { ingestedGb: 4, storedGb: 4 }, system: { ingestedGb: 2, storedGb: 2 } },
        canaryRunSeconds: 10,
        s3BackupGb: 20,
        s3BackupRequests: 100000,
        restoreTestRestoreHours: 2,
        serverAccessLogGb: 10,
    };
    const lines = (records: RecordedResource[]) =>
        estimateCost(records, prices, usage).lines.map((l) => [l.item, l.monthlyUsd]);
    const acl = (rules: object[]) =>
        res("aws:wafv2/webAcl:WebAcl", { scope: "CLOUDFRONT", rules }, { outputs: { arn: "arn:acl" } });

    it("prices a web ACL, its rules (a managed group is one rule) and every request of the distribution it protects", () => {
        const rules = [
            { statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet" } } },
            { statement: { rateBasedStatement: {} } },
        ];
        // $5 + 2 × $1 + 20M requests × $0.60/M = $12 (CloudFront's own lines are the distribution's)
        assert.deepStrictEqual(
            lines([
                acl(rules),
                res("aws:cloudfront/distribution:Distribution", { webAclId: "arn:acl" }),
            ]).slice(0, 3),
            [
                ["WAF web ACL", 5],
                ["WAF rules (2)", 2],
                ["WAF requests inspected (20000000, every CloudFront request)", 12],
            ],
        );
        assert.deepStrictEqual(lines([acl(rules)])[2], ["WAF requests inspected (0, not attached)", 0]);
    });

    it("leaves a paid managed rule group (Bot Control) unpriced instead of counting it as a plain rule", () => {
        const estimate = estimateCost(
            [
                acl([
                    {
                        statement: {
                            managedRuleGroupStatement: { name: "AWSManagedRulesBotControlRuleSet" },
                        },
                    },
                ]),
            ],
            prices,
            usage,
        );
        assert.deepStrictEqual(
            estimate.unpriced.map((u) => u.reason),
            ["managed rule groups with their own fees are not priced: AWSManagedRulesBotControlRuleSet"],
        );
    });

    it("prices canary runs from the schedule, and its Lambda beyond the free GB-seconds", () => {
        // 700 h × 60 ÷ 15 = 2,800 runs × $0.001 = $2.80; 2,800 × 10 s × 1 GB = 28,000 GB-s − 1,000 free = 27,000 × $0.00001 = $0.27
        assert.deepStrictEqual(
            lines([
                res("aws:synthetics/canary:Canary", {
                    schedule: { expression: "rate(15 minutes)" },
                    runConfig: { memoryInMb: 1024 },
                }),
            ]),
            [
                ["canary runs (every 15 min; 0 in the always-free allowance)", 2.8],
                ["canary Lambda (28000 GB-s, 1000 in the always-free allowance)", 0.27],
            ],
        );
        // An AWS cron schedule counts the same way as restore tests: every 30 minutes is
        // 17,520 runs a year, 1,460 a month; the free GB-seconds go to the first canary only.
        const cron = res("aws:synthetics/canary:Canary", {
            schedule: { expression: "cron(0/30 * * * ? *)" },
            runConfig: { memoryInMb: 1024 },
        });
        assert.deepStrictEqual(lines([cron, { ...cron, name: "second" }]), [
            ["canary runs (cron(0/30 * * * ? *); 0 in the always-free allowance)", 1.46],
            ["canary Lambda (14600 GB-s, 1000 in the always-free allowance)", 0.14],
            ["canary runs (cron(0/30 * * * ? *); 0 in the always-free allowance)", 1.46],
            ["canary Lambda (14600 GB-s, 0 in the always-free allowance)", 0.15],
        ]);
        assert.deepStrictEqual(
            [
                rateMinutes("rate(1 minute)"),
                rateMinutes("rate(15 minutes)"),
                rateMinutes("cron(0 * * * ? *)"),
            ],
            [1, 15, undefined],
        );
    });

    it("prices the metrics a canary publishes (the library's and its own per checked path), and its PutMetricData calls, after the always-free allowances", () => {
        const paths = Array.from({ length: 12 }, (_, i) => `/p${i}`).join(",");
        const canary = res("aws:synthetics/canary:Canary", {
            schedule: { expression: "rate(1 minute)" },
            runConfig: {
                memoryInMb: 1024,
                environmentVariables: { CHECK_PATHS: paths, CHECK_METRIC: "TimeToFirstByte" },
            },
        });
        const withMetrics = {
            ...usage,
            canaryMetricsPerCanary: 7,
            canaryMetricsPerStep: 2,
            canaryMetricsAcrossCanaries: 7,
            canaryRunLogKb: 4,
        };
        // 7 + 2 × 12 steps + 7 + 12 TimeToFirstByte = 50 metrics − 10 free = 40 × $0.30;
        // 42,000 runs a month, two calls each, inside the free million.
        const estimate = estimateCost([canary], prices, withMetrics);
        assert.deepStrictEqual(estimate.unpriced, []);
        const metricLines = (records: RecordedResource[], u: Usage = withMetrics) =>
            estimateCost(records, prices, u)
                .lines.filter((l) => /^(custom metrics|PutMetricData)/.test(l.item))
                .map((l) => [l.item, l.monthlyUsd]);
        assert.deepStrictEqual(metricLines([canary]), [
            [
                "custom metrics (50: Synthetics 7 per canary + 2 × 12 steps + 7 across canaries + 12 TimeToFirstByte; 10 in the always-free allowance)",
                12,
            ],
            [
                "PutMetricData calls (84000: the script's and the library's a run; 84000 in the always-free allowance)",
                0,
            ],
        ]);
        // A second canary pays for its own metrics but not again for those across all canaries,
        // and the free ten are taken once.
        const plain = res("aws:synthetics/canary:Canary", { schedule: { expression: "rate(5 minutes)" } });
        assert.deepStrictEqual(metricLines([canary, plain]).slice(2), [
            [
                "custom metrics (7: Synthetics 7 per canary + 2 × 0 steps + 0 across canaries; 0 in the always-free allowance)",
                2.1,
            ],
            ["PutMetricData calls (8400: the library's a run; 8400 in the always-free allowance)", 0],
        ]);
        // Without a price in the book, or without the usage, the metrics are unpriced, never a silent $0.
        const noMetricPrice = {
            ...prices,
            regions: {
                ...prices.regions,
                "us-east-2": { ...prices.regions["us-east-2"], cloudwatchCustomMetricMonth: undefined },
            },
        };
        assert.deepStrictEqual(
            estimateCost([canary], noMetricPrice, withMetrics).unpriced.map((u) => u.reason),
            [
                "no price for custom metrics (50: Synthetics 7 per canary + 2 × 12 steps + 7 across canaries + 12 TimeToFirstByte; 10 in the always-free allowance) in us-east-2",
            ],
        );
        assert.deepStrictEqual(
            estimateCost([canary], prices, usage).unpriced.map((u) => u.reason),
            [
                "no usage for the metrics the Synthetics library publishes (canaryMetricsPerCanary, canaryMetricsPerStep, canaryMetricsAcrossCanaries)",
                "no usage for the canary's Lambda logs (canaryRunLogKb)",
            ],
        );
    });

    it("prices the logs the canary's Lambda keeps forever: ingestion after the free 5 GB, a year of storage", () => {
        const canary = res("aws:synthetics/canary:Canary", {
            schedule: { expression: "rate(1 minute)" },
            runConfig: { memoryInMb: 1024 },
        });
        // 42,000 runs × 100 KB = 4.01 GB a month: inside the free 5 GB; stored 12 months at steady state.
        const e = estimateCost([canary], prices, { ...usage, canaryRunLogKb: 100 });
        const logs = e.lines.filter((l) => l.item.startsWith("canary Lambda logs"));
        assert.deepStrictEqual(
            logs.map((l) => [l.item, +l.quantity.toFixed(2), l.monthlyUsd, l.firstYearMonthlyUsd]),
            [
                ["canary Lambda logs ingested (4.005 GB, 4.005 GB free)", 0, 0, undefined],
                [
                    "canary Lambda logs stored (its log group never expires: +4.005 GB a month; a year's worth)",
                    48.07,
                    1.44,
                    0.78,
                ],
            ],
        );
        // After app logs that took 4 of the free 5 GB, the canary pays for 3.005 GB.
        const appLogs = res("aws:cloudwatch/logGroup:LogGroup", { name: "/chatmrpt/prod/app" });
        const shared = estimateCost([appLogs, canary], prices, { ...usage, canaryRunLogKb: 100 });
        assert.strictEqual(
            shared.lines.find((l) => l.item.startsWith("canary Lambda logs ingested"))?.monthlyUsd,
            1.5,
        );
    });

    it("prices SNS email deliveries after the account's free 1,000, and lists other protocols as unpriced", () => {
        const email = (name: string) =>
            res("aws:sns/topicSubscription:TopicSubscription", {
                protocol: "email",
                endpoint: `${name}@x.org`,
            });
        const snsPrices: PriceBook = {
            ...prices,
            regions: { "us-east-2": { ...prices.regions["us-east-2"], snsEmailPer100k: 2 } },
            alwaysFreeTier: { ...prices.alwaysFreeTier, snsEmailNotifications: 1000 },
        };
        // 3 subscriptions × 600 emails: the first takes 600 free, the second 400, the third none.
        const e = estimateCost([email("a"), email("b"), email("c")], snsPrices, {
            ...usage,
            snsEmailsPerSubscription: 600,
        });
        assert.deepStrictEqual(
            e.lines.map((l) => [l.item, +l.quantity.toFixed(4)]),
            [
                ["SNS email notifications (600, 600 in the always-free allowance)", 0],
                ["SNS email notifications (600, 400 in the always-free allowance)", 0.002],
                ["SNS email notifications (600, 0 in the always-free allowance)", 0.006],
            ],
        );
        // Without the free allowance: each line 600 × $2 per 100,000 = $0.012, a cent once rounded.
        assert.deepStrictEqual([e.totalUsd, e.totalWithoutFreeTierUsd], [0.01, 0.03]);
        const sms = res("aws:sns/topicSubscription:TopicSubscription", { protocol: "sms" });
        assert.deepStrictEqual(
            estimateCost([sms], snsPrices, { ...usage, snsEmailsPerSubscription: 1 }).unpriced.map(
                (u) => u.reason,
            ),
            ["SNS sms deliveries are not priced (only email)"],
        );
    });

    it("prices standard single-metric alarms, and lists high-resolution, metric-math and anomaly alarms as unpriced", () => {
        const alarm = (inputs: Record<string, unknown>) =>
            res("aws:cloudwatch/metricAlarm:MetricAlarm", inputs);
        const e = estimateCost(
            [
                alarm({ period: 300 }),
                alarm({ period: 60 }),
                alarm({ period: 10 }),
                alarm({ metricQueries: [{ id: "m1" }, { id: "e1" }] }),
                alarm({ thresholdMetricId: "ad1", metricQueries: [{ id: "ad1" }] }),
            ],
            prices,
            usage,
        );
        // One free alarm in this book: the first is free, the second $0.10.
        assert.deepStrictEqual(
            e.lines.map((l) => [l.item, l.monthlyUsd]),
            [
                ["alarm (always-free allowance)", 0],
                ["alarm", 0.1],
            ],
        );
        assert.strictEqual(e.unpriced.length, 3);
    });

    it("prices log groups by class, taking the always-free 5 GB once across Standard groups", () => {
        const group = (name: string, logGroupClass: string) =>
            res("aws:cloudwatch/logGroup:LogGroup", { name, logGroupClass, retentionInDays: 30 });
        // app: 4 GB, all free; system: 2 GB, 1 GB free, 1 GB × $0.50; storage 4 and 2 GB × $0.03
        assert.deepStrictEqual(lines([group("/x/app", "STANDARD"), group("/x/system", "STANDARD")]), [
            ["CloudWatch Logs ingestion (app, 4 GB, 5 GB free)", 0],
            ["CloudWatch Logs storage (app, 30 days)", 0.12],
            ["CloudWatch Logs ingestion (system, 2 GB, 1 GB free)", 0.5],
            ["CloudWatch Logs storage (system, 30 days)", 0.06],
        ]);
        // Infrequent Access: $0.25/GB, no free allowance assumed.
        assert.deepStrictEqual(lines([group("/x/app", "INFREQUENT_ACCESS")])[0], [
            "CloudWatch Logs ingestion (app, 4 GB)",
            1,
        ]);
        assert.deepStrictEqual(
            estimateCost([group("/x/audit", "STANDARD")], prices, usage).unpriced.map((u) => u.reason),
            ["no usage assumption for log group audit (logGroups.audit)"],
        );
    });

    it("prices S3 backups on the selection that names a bucket, and leaves EBS selections to the plan", () => {
        // 20 GB × $0.05 = $1; 100k requests × $0.0004/1k = $0.04
        assert.deepStrictEqual(
            lines([res("aws:backup/selection:Selection", { resources: ["arn:aws:s3:::uploads"] })]),
            [
                ["S3 backup storage (1 bucket(s))", 1],
                ["S3 requests made by the backups", 0.04],
            ],
        );
        const ebs = estimateCost(
            [res("aws:backup/selection:Selection", { resources: ["arn:aws:ec2:*:*:volume/*"] })],
            prices,
            usage,
        );
        assert.deepStrictEqual([ebs.lines.length, ebs.free.length], [0, 1]);
    });

    describe("AWS cron schedules, counted", () => {
        it("reads AWS's day-of-week (1 = SUN), ?, #, L, W and the year field", () => {
            const perYear = (e: string) => {
                const runs = awsCronRuns(e);
                return "problem" in runs ? runs.problem : runs.runsPerYear;
            };
            assert.deepStrictEqual(
                [
                    "cron(0 8 ? * 1#1 *)", // first Sunday: 12
                    "cron(0 8 ? * 1 *)", // Sundays of 2027: 52
                    "cron(0 8 ? * 2-6 *)", // MON-FRI: 261 weekdays in 2027
                    "cron(0 8 ? * 6L *)", // last Friday: 12
                    "cron(0 8 15W * ? *)", // nearest weekday to the 15th: 12
                    "cron(0/15 * * * ? *)", // every 15 minutes: 4 × 24 × 365
                    "cron(0 4 ? * * *)", // daily: 365
                ].map(perYear),
                [12, 52, 261, 12, 12, 35040, 365],
            );
            assert.deepStrictEqual(awsCronRuns("cron(0 8 1 1 ? 2030)"), {
                runsPerMonth: 1 / 12,
                runsPerYear: 1,
                note: "year field 2030 not modelled: counted as every year",
            });
            assert.match(perYear("rate(7 days)") as string, /is not an AWS cron expression/);
            // A day its months never have: AWS accepts it and never runs it.
            assert.deepStrictEqual(awsCronRuns("cron(0 8 31 2 ? *)"), {
                runsPerMonth: 0,
                runsPerYear: 0,
                note: "never runs: none of its months has that day",
            });
        });

        it("counts every schedule chatmrpt:restoreTestSchedule accepts", () => {
            const uncountable: string[] = [];
            for (const minutes of ["0", "*/15"])
                for (const hours of ["8", "0/6"])
                    for (const dom of ["?", "*", "1", "L", "15W", "LW", "1-15", "1/7", "31", "30"])
                        for (const month of ["*", "2", "JAN-MAR", "*/3"])
                            for (const dow of [
                                "?",
                                "*",
                                "1",
                                "SUN",
                                "1#1",
                                "SAT#5",
                                "6L",
                                "L",
                                "2-6",
                                "1/2",
                                "7",
                            ]) {
                                const e = `cron(${minutes} ${hours} ${dom} ${month} ${dow} *)`;
                                if (checkAwsCron(e) !== undefined) continue;
                                const runs = awsCronRuns(e);
                                if ("problem" in runs) uncountable.push(`${e}: ${runs.problem}`);
                            }
            assert.deepStrictEqual(uncountable, []);
        });
    });

    describe("restore tests, by their schedule", () => {
        const stack = (schedule: string, desiredCapacity = 2, selection: Record<string, any> = {}) => {
            const lt = res(
                "aws:ec2/launchTemplate:LaunchTemplate",
                {
                    blockDeviceMappings: [{ ebs: { volumeSize: 35, volumeType: "gp3" } }],
                    tagSpecifications: [
                        { resourceType: "instance", tags: { Backup: "chatmrpt-daily" } },
                        { resourceType: "volume", tags: { Backup: "chatmrpt-daily", Name: "app" } },
                    ],
                },
                { id: "lt-rt" },
            );
            const group = res("aws:autoscaling/group:Group", {
                desiredCapacity,
                launchTemplate: { id: "lt-rt" },
            });
            const plan = res("aws:backup/restoreTestingPlan:RestoreTestingPlan", {
                name: "rt",
                scheduleExpression: schedule,
                scheduleExpressionTimezone: "Etc/UTC",
            });
            const sel = res("aws:backup/restoreTestingSelection:RestoreTestingSelection", {
                restoreTestingPlanName: "rt",
                protectedResourceType: "EBS",
                protectedResourceArns: ["*"],
                protectedResourceConditions: {
                    stringEquals: [{ key: "aws:ResourceTag/Backup", value: "chatmrpt-daily" }],
                },
                validationWindowHours: 5,
                ...selection,
            });
            return [lt, group, plan, sel];
        };
        const restorePrices: PriceBook = {
            ...prices,
            regions: { "us-east-2": { ...prices.regions["us-east-2"], backupRestoreTestJobAssumed: 2 } },
        };
        const restoreLines = (records: RecordedResource[]) =>
            estimateCost(records, restorePrices, usage)
                .lines.filter((l) => l.type.startsWith("aws:backup/"))
                .map((l) => [l.item, l.monthlyUsd]);

        it("bills one job per selected volume per run, and each restored volume while it lives", () => {
            // First Sunday of each month: 12 runs a year, 1 a month × 2 volumes × $2 = $4.
            // Volumes: 1 run × 2 × 35 GB × (2 h + the 5 h validation window) = 490 GB-hours ÷ 700 h × $0.10.
            assert.deepStrictEqual(restoreLines(stack("cron(0 8 ? * 1#1 *)")), [
                [
                    "restore test jobs (cron(0 8 ? * 1#1 *): 1 runs/month × 2 volume(s); assumed rate, not a sourced price)",
                    4,
                ],
                ["EBS gp3 volumes restored by tests (2 × 35 GB, 7 h each, 1 runs/month)", 0.07],
            ]);
        });

        it("costs more when the tests run weekly than monthly, and scales with the group", () => {
            const total = (records: RecordedResource[]) =>
                estimateCost(records, restorePrices, usage)
                    .lines.filter((l) => l.type.startsWith("aws:backup/"))
                    .reduce((sum, l) => sum + l.monthlyUsd, 0);
            const monthly = total(stack("cron(0 8 ? * 1#1 *)"));
            // 52 Sundays in 2027 (AWS's 1 is SUN): 52 ÷ 12 × 2 volumes × $2 = $17.33 in jobs.
            const weekly = total(stack("cron(0 8 ? * 1 *)"));
            assert.ok(weekly > 4 * monthly, `weekly ${weekly} vs monthly ${monthly}`);
            assert.strictEqual(restoreLines(stack("cron(0 8 ? * 1 *)"))[0][1], 17.33);
            // Hourly: 730 runs a month × 2 volumes × $2.
            assert.strictEqual(restoreLines(stack("cron(0 * * * ? *)"))[0][1], 2920);
            assert.strictEqual(restoreLines(stack("cron(0 8 ? * 1#1 *)", 3))[0][1], 6);
        });

        it("lists a schedule it cannot count, or volumes it cannot size, as unpriced", () => {
            const unpriced = (records: RecordedResource[]) =>
                estimateCost(records, restorePrices, usage)
                    .unpriced.filter((u) => u.type.startsWith("aws:backup/"))
                    .map((u) => u.reason);
            assert.match(
                unpriced(stack("cron(0 8 ? * L#9 *)"))[0],
                /^cannot count the runs of cron\(0 8 \? \* L#9 \*\)/,
            );
            assert.deepStrictEqual(
                unpriced(
                    stack("cron(0 8 ? * 1#1 *)", 2, {
                        protectedResourceArns: ["arn:aws:ec2:us-east-2:1:volume/vol-1"],
                    }),
                ),
                [
                    `cannot count the restore jobs of r${counter}: a selection by explicit ARNs names volumes the stack does not describe: they cannot be sized`,
                    "a selection by explicit ARNs names volumes the stack does not describe: they cannot be sized",
                ],
            );
            // Without the stated per-job rate, the jobs are unpriced, never $0.
            assert.deepStrictEqual(
                estimateCost(stack("cron(0 8 ? * 1#1 *)"), prices, usage)
                    .unpriced.filter((u) => u.type.startsWith("aws:backup/"))
                    .map((u) => u.reason),
                [
                    "no price for restore test jobs (cron(0 8 ? * 1#1 *): 1 runs/month × 2 volume(s); assumed rate, not a sourced price) in us-east-2",
                ],
            );
        });
    });

    it("prices server access logs as their storage (delivery is free)", () => {
        assert.deepStrictEqual(lines([res("aws:s3/bucketLogging:BucketLogging", {})]), [
            ["S3 server access log storage", 0.2],
        ]);
    });

    it("prices Valkey nodes at their own rate", () => {
        assert.deepStrictEqual(
            lines([
                res("aws:elasticache/replicationGroup:ReplicationGroup", {
                    engine: "valkey",
                    nodeType: "cache.t3.small",
                    numCacheClusters: 2,
                }),
            ]),
            [["ElastiCache valkey cache.t3.small × 2", 42]],
        );
    });

    describe("cheaper options", () => {
        // Standard credits: the surplus-credit line stays $0 whatever the family.
        const lt = res(
            "aws:ec2/launchTemplate:LaunchTemplate",
            { instanceType: "t3.large", creditSpecification: { cpuCredits: "standard" } },
            { id: "lt-9" },
        );
        const asg = res("aws:autoscaling/group:Group", {
            desiredCapacity: 2,
            launchTemplate: { id: "lt-9" },
        });
        const redis = res("aws:elasticache/replicationGroup:ReplicationGroup", {
            engine: "redis",
            nodeType: "cache.t3.small",
            numCacheClusters: 2,
        });
        const options = () =>
            Object.fromEntries(
                cheaperOptions([lt, asg, redis], prices, usage).map((o) => [
                    o.name,
                    [o.totalUsd, o.savingUsd, o.unpricedReason],
                ]),
            );

        it("re-prices the same records with one thing changed: instance family, engine, or both", () => {
            // base: 2 × 700 × 0.1 = 140 + Redis 2 × 700 × 0.04 = 56 → 196
            assert.deepStrictEqual(options(), {
                "t3a.large app instances (AMD)": [182, 14, undefined],
                "t4g.large app instances (Graviton)": [168, 28, undefined],
                "Valkey cache nodes": [182, 14, undefined],
                "t4g.large app instances and Valkey cache nodes": [154, 42, undefined],
                "1-year Compute Savings Plan on the app instances": [
                    undefined,
                    undefined,
                    "no sourced 1-year rate for t3.large",
                ],
            });
        });

        it("prices the savings plan only from a sourced rate, and an option without a price gets no total", () => {
            const withRate: PriceBook = {
                ...prices,
                regions: {
                    "us-east-2": {
                        ...prices.regions["us-east-2"],
                        computeSavingsPlan1yHourlyByInstanceType: { "t3.large": 0.07 },
                    },
                },
            };
            const sp = cheaperOptions([lt, asg, redis], withRate, usage).find((o) =>
                o.name.startsWith("1-year"),
            )!;
            assert.deepStrictEqual([sp.totalUsd, sp.savingUsd], [154, 42]); // 2 × 700 × 0.07 = 98 + 56
            const noT4g: PriceBook = {
                ...prices,
                regions: {
                    "us-east-2": {
                        ...prices.regions["us-east-2"],
                        ec2HourlyByInstanceType: { "t3.large": 0.1, "m5.large": 0.1 },
                    },
                },
            };
            const graviton = cheaperOptions([lt, asg, redis], noT4g, usage).find((o) =>
                o.name.startsWith("t4g.large app instances (Graviton)"),
            )!;
            assert.deepStrictEqual(
                [graviton.totalUsd, graviton.unpricedReason],
                [undefined, `${asg.name}: no EC2 price for t4g.large in us-east-2`],
            );
        });
    });

    it("gives every price added for this issue a source, and marks what could not be sourced", () => {
        const book = loadPriceBook();
        const sources = book.sources ?? {};
        for (const key of [
            "wafWebAclMonth, wafRuleMonth, wafPerMillionRequests",
            "syntheticsCanaryRun",
            "cloudwatchLogs*",
            "backupS3GbMonth",
            "t4g.*",
            "elasticacheValkeyHourlyByNodeType",
        ]) {
            assert.match(sources[key] ?? "", /^aws\.amazon\.com\//, key);
        }
        assert.match(sources.computeSavingsPlan1yHourlyByInstanceType, /^unsourced:/);
        assert.match(sources.backupRestoreTestJobAssumed, /^ASSUMED, not sourced:/);
        assert.strictEqual(book.regions["us-east-2"].backupRestoreTestJobAssumed, 2);
        assert.strictEqual(book.regions["us-east-2"].computeSavingsPlan1yHourlyByInstanceType, undefined);
    });
});
