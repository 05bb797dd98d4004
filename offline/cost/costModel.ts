/**
 * Monthly cost of what a stack registers, from list prices (prices.json) and a stack's
 * usage assumptions (usage.<stack>.yaml). Every AWS resource is either priced, known
 * to be free (and said so), or listed as unpriced: nothing is silently $0.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { BURSTABLE_BASELINES } from "../../components/webTier";
import { RecordedResource, UNKNOWN } from "../engine/mockRuntime";
import { COST_DATA_DIR } from "../engine/projectRoot";

export interface RegionPrices {
    ec2HourlyByInstanceType?: Record<string, number>;
    /** Surplus CPU credits of burstable instances in unlimited mode, per vCPU-hour, by family (t3, t3a). */
    burstableSurplusVcpuHourByFamily?: Record<string, number>;
    ebsGbMonthByVolumeType?: Record<string, number>;
    albHourly?: number;
    albLcuHourly?: number;
    natGatewayHourly?: number;
    natGatewayGb?: number;
    internetEgressGb?: number;
    publicIpv4Hourly?: number;
    /** Redis OSS node-hours (the engine's own name in the price list). */
    elasticacheHourlyByNodeType?: Record<string, number>;
    /** Valkey node-hours, priced below Redis OSS for the same node type. */
    elasticacheValkeyHourlyByNodeType?: Record<string, number>;
    elasticacheBackupGbMonth?: number;
    cloudwatchAlarmMonth?: number;
    cloudwatchDashboardMonth?: number;
    backupEbsGbMonth?: number;
    backupCrossRegionTransferGb?: number;
    s3StandardGbMonth?: number;
    s3PutPer1000?: number;
    s3GetPer1000?: number;
    kmsKeyMonth?: number;
    /** Each key version automatic rotation adds, a month (only the first two rotations are charged). */
    kmsRotationMonth?: number;
    syntheticsCanaryRun?: number;
    lambdaGbSecond?: number;
    cloudwatchLogsIngestGbStandard?: number;
    cloudwatchLogsIngestGbInfrequentAccess?: number;
    cloudwatchLogsStorageGbMonth?: number;
    backupS3GbMonth?: number;
    /** A stated conservative rate per restore test job: AWS's rate could not be sourced offline. */
    backupRestoreTestJobAssumed?: number;
    /** 1-year Compute Savings Plan (no upfront) hourly rates; absent where no rate could be sourced. */
    computeSavingsPlan1yHourlyByInstanceType?: Record<string, number>;
}


export interface PriceBook {
    source: string;
    pricesAsOf: string;
    currency: string;
    hoursPerMonth: number;
    regions: Record<string, RegionPrices>;
    global: {
        cloudfrontGbNorthAmericaEurope: number; cloudfrontHttpsPer10k: number; route53HostedZoneMonth: number; route53QueriesPerMillion: number;
        /** Per VPC origin per month, and where that figure comes from. */
        cloudfrontVpcOriginMonth?: number; cloudfrontVpcOriginSource?: string;
        /** CloudFront Functions per million invocations, KeyValueStore per million reads, and their sources. */
        cloudfrontFunctionInvocationsPerMillion?: number; cloudfrontFunctionSource?: string;
        cloudfrontKvsReadsPerMillion?: number; cloudfrontKvsSource?: string;
        wafWebAclMonth?: number; wafRuleMonth?: number; wafPerMillionRequests?: number;
    };
    alwaysFreeTier: {
        cloudfrontGb: number; cloudfrontRequests: number; cloudwatchAlarms: number; cloudwatchDashboards: number;
        cloudfrontFunctionInvocations?: number; internetEgressGb?: number; cloudwatchLogsGb?: number; lambdaGbSeconds?: number;
    };
    /** What one ALB LCU holds in each dimension (the max of the four is billed). */
    albLcu?: { newConnectionsPerSecond: number; activeConnectionsPerMinute: number; processedGbPerHour: number; ruleEvaluationsPerSecond: number; freeRules: number };
    /** Where the prices added after the first book came from, by key. */
    sources?: Record<string, string>;
}

export interface BucketUsage {
    storageGb: number;
    putRequests: number;
    getRequests: number;
}

/** The ALB's traffic, from which its LCUs are derived. */
export interface AlbTraffic {
    newConnectionsPerSecond: number;
    activeConnectionsPerMinute: number;
    processedGbPerMonth: number;
    requestsPerSecond: number;
}

export interface Usage {
    /** Used when `alb` (traffic) is not given. */
    albAverageLcus: number;
    alb?: AlbTraffic;
    /** GB sent out through the NAT gateway. */
    natProcessedGb: number;
    /** GB coming back in through the NAT gateway (answers, downloads): NAT charges processing both ways. */
    natInboundGb?: number;
    internetEgressGb: number;
    cloudfrontGb: number;
    cloudfrontRequests: number;
    backupStorageGb: number;
    redisBackupStorageGb: number;
    buckets: Record<string, BucketUsage>;
    /** Per log group, by the last segment of its name (`/chatmrpt/prod/app` → app). */
    logGroups?: Record<string, { ingestedGb: number; storedGb: number }>;
    /** Seconds one canary run keeps its Lambda busy. */
    canaryRunSeconds?: number;
    /** GB-months of S3 backups (AWS Backup for S3). */
    s3BackupGb?: number;
    /** GET/LIST requests AWS Backup makes on the backed-up buckets a month. */
    s3BackupRequests?: number;
    /** Restore test jobs a month (one per restored resource per scheduled run). */
    restoreTestJobsPerMonth?: number;
    /** GB-hours of EBS volumes that restore tests create a month (restored, validated, deleted). */
    restoreTestVolumeGbHours?: number;
    /** GB-months of S3 server access logs kept. */
    serverAccessLogGb?: number;
}

/** One priced item. */
export interface CostLine {
    readonly resource: string;
    readonly type: string;
    readonly item: string;
    readonly quantity: number;
    readonly unit: string;
    readonly unitPriceUsd: number;
    readonly monthlyUsd: number;
}

export interface Unpriced {
    readonly resource: string;
    readonly type: string;
    readonly reason: string;
}

/** What a resource would cost with another choice (shown beside the total, never added to it). */
export interface CostAlternative {
    readonly resource: string;
    /** The choice, such as `engine valkey instead of redis`. */
    readonly choice: string;
    /** The resource's monthly cost with that choice, and the difference from what is planned. */
    readonly monthlyUsd: number;
    readonly deltaUsd: number;
}

export interface CostEstimate {
    readonly lines: CostLine[];
    readonly alternatives: CostAlternative[];
    readonly unpriced: Unpriced[];
    /** Resources of kinds AWS does not charge for (listed, not summed). */
    readonly free: { resource: string; type: string }[];
    readonly totalUsd: number;
    readonly pricesAsOf: string;
    readonly source: string;
}

const COST_DIR = COST_DATA_DIR;

/** Where each ElastiCache engine's node prices are in a region's price list. */
const ELASTICACHE_PRICE_KEYS: Record<string, keyof RegionPrices> = {
    redis: "elasticacheHourlyByNodeType",
    valkey: "elasticacheValkeyHourlyByNodeType",
};

/** Kinds AWS does not bill for by themselves (their traffic is priced where it flows). */
export const FREE_TYPES = new Set([
    "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable", "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/internetGateway:InternetGateway", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule", "aws:lb/targetGroup:TargetGroup", "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/instanceProfile:InstanceProfile",
    "aws:acm/certificate:Certificate", "aws:acm/certificateValidation:CertificateValidation", "aws:ssm/parameter:Parameter",
    "aws:route53/record:Record", "aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription",
    "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:backup/vault:Vault",
    "aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    // Keys cost nothing to hold; the reads are priced on their store.
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey",
    // Objects are priced by their bucket's usage; AWS service events on the default bus are free; topic policies are free.
    "aws:s3/bucketObjectv2:BucketObjectv2", "aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget", "aws:sns/topicPolicy:TopicPolicy",
]);

/** Gateway endpoints (S3, DynamoDB) cost nothing; interface endpoints are billed per hour and GB. */
const FREE_VPC_ENDPOINT_TYPES = new Set(["Gateway"]);

/** AWS managed rule groups that carry their own subscription and request fees (AWS WAF pricing). */
export const PAID_MANAGED_RULE_GROUPS = new Set(["AWSManagedRulesBotControlRuleSet", "AWSManagedRulesATPRuleSet", "AWSManagedRulesACFPRuleSet"]);

/** Minutes between runs of a `rate(N minutes)` schedule, or undefined for anything else. */
export function rateMinutes(expression: string): number | undefined {
    const m = /^rate\((\d+) minutes?\)$/.exec(expression);
    return m ? Number(m[1]) : undefined;
}

export function loadPriceBook(file = path.join(COST_DIR, "prices.json")): PriceBook {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PriceBook;
}

/** Reads and checks a stack's usage file; every number must be present and >= 0. */
export function loadUsage(stack: string, dir = COST_DIR): Usage {
    const file = path.join(dir, `usage.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`usage file ${file} is missing: the cost estimate needs the stack's usage assumptions`);
    const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
    const numbers = ["albAverageLcus", "natProcessedGb", "internetEgressGb", "cloudfrontGb", "cloudfrontRequests", "backupStorageGb", "redisBackupStorageGb"] as const;
    for (const key of numbers) {
        const value = doc[key];
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`${file}: ${key} (${String(value)}) must be a number >= 0`);
    }
    for (const key of ["natInboundGb"]) {
        const value = doc[key];
        if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) throw new Error(`${file}: ${key} (${String(value)}) must be a number >= 0`);
    }
    if (doc.alb !== undefined) {
        const alb = doc.alb as Record<string, unknown>;
        for (const key of ["newConnectionsPerSecond", "activeConnectionsPerMinute", "processedGbPerMonth", "requestsPerSecond"]) {
            if (typeof alb?.[key] !== "number" || (alb[key] as number) < 0) throw new Error(`${file}: alb.${key} (${String(alb?.[key])}) must be a number >= 0`);
        }
    }
    for (const key of ["canaryRunSeconds", "s3BackupGb", "s3BackupRequests", "restoreTestJobsPerMonth", "restoreTestVolumeGbHours", "serverAccessLogGb"]) {
        const value = doc[key];
        if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) throw new Error(`${file}: ${key} (${String(value)}) must be a number >= 0`);
    }
    for (const [group, g] of Object.entries((doc.logGroups ?? {}) as Record<string, Record<string, unknown>>)) {
        for (const key of ["ingestedGb", "storedGb"]) {
            if (typeof g?.[key] !== "number" || (g[key] as number) < 0) throw new Error(`${file}: logGroups.${group}.${key} (${String(g?.[key])}) must be a number >= 0`);
        }
    }
    const buckets = (doc.buckets ?? {}) as Record<string, Record<string, unknown>>;
    for (const [purpose, b] of Object.entries(buckets)) {
        for (const key of ["storageGb", "putRequests", "getRequests"]) {
            if (typeof b?.[key] !== "number" || (b[key] as number) < 0) throw new Error(`${file}: buckets.${purpose}.${key} (${String(b?.[key])}) must be a number >= 0`);
        }
    }
    return doc as unknown as Usage;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Prices every resource of a run. */
export function estimateCost(records: RecordedResource[], prices: PriceBook, usage: Usage): CostEstimate {
    const lines: CostLine[] = [];
    const alternatives: CostAlternative[] = [];
    const unpriced: Unpriced[] = [];
    const free: { resource: string; type: string }[] = [];
    const hours = prices.hoursPerMonth;
    const missing = (r: RecordedResource, reason: string) => unpriced.push({ resource: r.name, type: r.type, reason });
    // A price the book lacks is unpriced, never $NaN or $0.
    const line = (r: RecordedResource, item: string, quantity: number, unit: string, unitPriceUsd: number | undefined) => {
        if (typeof unitPriceUsd !== "number" || !Number.isFinite(unitPriceUsd) || !Number.isFinite(quantity)) missing(r, `no price for ${item} in ${r.region}`);
        else lines.push({ resource: r.name, type: r.type, item, quantity, unit, unitPriceUsd, monthlyUsd: round(quantity * unitPriceUsd) });
    };
    const regional = (r: RecordedResource, key: keyof RegionPrices): any => prices.regions[r.region]?.[key];

    /**
     * Surplus CPU credits of burstable instances. In unlimited mode (T3's default) the group's
     * CPU target-tracking policy holds the average at or below its target, so the worst
     * sustained surplus is (target − baseline) × vCPUs per instance-hour; standard mode has none.
     */
    const cpuCreditLine = (group: RecordedResource, lt: RecordedResource, count: number) => {
        const type = lt.inputs.instanceType as string;
        const burst = BURSTABLE_BASELINES[type];
        if (!burst) return;
        const mode = (lt.inputs.creditSpecification?.cpuCredits as string | undefined) ?? "unlimited";
        if (mode === "standard") {
            line(group, `CPU credits: standard (held at the ${burst.baselinePercent} % baseline, no surplus charge)`, 0, "vCPU-hours", 0);
            return;
        }
        const price = regional(group, "burstableSurplusVcpuHourByFamily")?.[type.split(".")[0]];
        const policy = records.find((x) => x.type === "aws:autoscaling/policy:Policy" && x.inputs.autoscalingGroupName === group.outputs.name &&
            x.inputs.targetTrackingConfiguration?.predefinedMetricSpecification?.predefinedMetricType === "ASGAverageCPUUtilization");
        const target = policy?.inputs.targetTrackingConfiguration?.targetValue as number | undefined;
        if (price === undefined) { missing(group, `no surplus CPU credit price for ${type} in ${group.region}`); return; }
        if (target === undefined) { missing(group, `${type} in unlimited mode with no CPU target-tracking policy: surplus credits are unbounded`); return; }
        const surplusPercent = Math.max(0, target - burst.baselinePercent);
        line(group, `CPU credits: unlimited, surplus at the ${target} % CPU target (baseline ${burst.baselinePercent} %) × ${count}`,
            (surplusPercent / 100) * burst.vcpus * count * hours, "vCPU-hours", price);
    };

    const alarms = records.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    const dashboards = records.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
    let cloudfrontSeen = false;
    // Account-wide allowances, taken once, by the first resource that uses them.
    let egressFreeGbLeft = prices.alwaysFreeTier.internetEgressGb ?? 0;
    let alarmsFreeLeft = Math.max(0, prices.alwaysFreeTier.cloudwatchAlarms - alarms.length);
    let logsFreeUsed = 0;

    for (const r of records) {
        if (!r.custom || r.type.startsWith("pulumi:")) continue;
        if (FREE_TYPES.has(r.type)) {
            free.push({ resource: r.name, type: r.type });
            continue;
        }
        const p = r.inputs;
        switch (r.type) {
            case "aws:autoscaling/group:Group": {
                // By ID after an up; by the engine's property dependency in a preview, where a new template's ID is unknown.
                const lt = records.find((x) => x.type === "aws:ec2/launchTemplate:LaunchTemplate" &&
                    (x.id === p.launchTemplate?.id || (x.id === "" && (r.propertyDependencies.launchTemplate ?? []).includes(x.urn))));
                if (!lt) { missing(r, "its launch template is not in the stack"); break; }
                const count = p.desiredCapacity ?? p.minSize ?? 0;
                const type = lt.inputs.instanceType as string;
                const hourly = regional(r, "ec2HourlyByInstanceType")?.[type];
                if (hourly === undefined) missing(r, `no EC2 price for ${type} in ${r.region}`);
                else line(r, `EC2 ${type} × ${count}`, count * hours, "instance-hours", hourly);
                cpuCreditLine(r, lt, count);
                for (const m of (lt.inputs.blockDeviceMappings ?? []) as any[]) {
                    const volumeType = m.ebs?.volumeType ?? "gp2";
                    const gb = m.ebs?.volumeSize;
                    const price = regional(r, "ebsGbMonthByVolumeType")?.[volumeType];
                    if (gb === undefined || price === undefined) missing(r, `no EBS price or size for ${m.deviceName} (${volumeType})`);
                    else line(r, `EBS ${volumeType} ${gb} GB × ${count}`, gb * count, "GB-months", price);
                }
                break;
            }
            case "aws:ec2/vpcEndpoint:VpcEndpoint":
                if (FREE_VPC_ENDPOINT_TYPES.has(p.vpcEndpointType)) free.push({ resource: r.name, type: r.type });
                else missing(r, `no price for a ${String(p.vpcEndpointType ?? "Gateway")} VPC endpoint`);
                break;
            case "aws:lb/loadBalancer:LoadBalancer":
            case "aws:alb/loadBalancer:LoadBalancer": {
                if (regional(r, "albHourly") === undefined) { missing(r, `no ALB price in ${r.region}`); break; }
                line(r, "ALB hours", hours, "hours", regional(r, "albHourly"));
                if (usage.alb && prices.albLcu) {
                    const lcu = albLcus(usage.alb, prices.albLcu, listenerRulesOf(r, records), hours);
                    line(r, `ALB LCUs (${+lcu.lcus.toFixed(3)} average, by ${lcu.dimension})`, lcu.lcus * hours, "LCU-hours", regional(r, "albLcuHourly"));
                } else line(r, `ALB LCUs (${usage.albAverageLcus} average)`, usage.albAverageLcus * hours, "LCU-hours", regional(r, "albLcuHourly"));
                const ips = p.internal ? 0 : (p.subnets ?? []).length;
                if (ips > 0) line(r, `public IPv4 × ${ips} (one per AZ)`, ips * hours, "IP-hours", regional(r, "publicIpv4Hourly"));
                break;
            }
            case "aws:ec2/natGateway:NatGateway":
                if (regional(r, "natGatewayHourly") === undefined) { missing(r, `no NAT gateway price in ${r.region}`); break; }
                line(r, "NAT gateway hours", hours, "hours", regional(r, "natGatewayHourly"));
                if (usage.natInboundGb === undefined) line(r, "NAT gateway data processed", usage.natProcessedGb, "GB", regional(r, "natGatewayGb"));
                else line(r, `NAT gateway data processed (${usage.natProcessedGb} GB out + ${usage.natInboundGb} GB in)`, usage.natProcessedGb + usage.natInboundGb, "GB", regional(r, "natGatewayGb"));
                if (prices.alwaysFreeTier.internetEgressGb === undefined) line(r, "data out to the internet", usage.internetEgressGb, "GB", regional(r, "internetEgressGb"));
                else {
                    const free = Math.min(egressFreeGbLeft, usage.internetEgressGb);
                    egressFreeGbLeft -= free;
                    line(r, `data out to the internet (${usage.internetEgressGb} GB, ${free} GB free)`, usage.internetEgressGb - free, "GB", regional(r, "internetEgressGb"));
                }
                break;
            case "aws:ec2/eip:Eip":
                if (regional(r, "publicIpv4Hourly") === undefined) { missing(r, `no public IPv4 price in ${r.region}`); break; }
                line(r, "public IPv4 address", hours, "IP-hours", regional(r, "publicIpv4Hourly"));
                break;
            case "aws:elasticache/replicationGroup:ReplicationGroup": {
                const nodes = p.numCacheClusters ?? 1;
                const engine = (p.engine ?? "redis") as string; // the provider's default engine is redis
                const nodePrice = (e: string): number | undefined => regional(r, ELASTICACHE_PRICE_KEYS[e])?.[p.nodeType];
                const hourly = ELASTICACHE_PRICE_KEYS[engine] === undefined ? undefined : nodePrice(engine);
                if (hourly === undefined) { missing(r, `no ElastiCache ${engine} price for ${String(p.nodeType)} in ${r.region}`); break; }
                line(r, `ElastiCache ${engine} ${p.nodeType} × ${nodes}`, nodes * hours, "node-hours", hourly);
                for (const other of Object.keys(ELASTICACHE_PRICE_KEYS).filter((e) => e !== engine)) {
                    const otherHourly = nodePrice(other);
                    if (otherHourly === undefined) continue;
                    const now = round(nodes * hours * hourly);
                    const then = round(nodes * hours * otherHourly);
                    alternatives.push({ resource: r.name, choice: `engine ${other} instead of ${engine} (chatmrpt:redisEngine)`, monthlyUsd: then, deltaUsd: round(then - now) });
                }
                if ((p.snapshotRetentionLimit ?? 0) > 0) line(r, "snapshot storage beyond the free one", usage.redisBackupStorageGb, "GB-months", regional(r, "elasticacheBackupGbMonth"));
                break;
            }
            case "aws:cloudfront/distribution:Distribution": {
                // The always-free allowance is account-wide: it is taken once, by the first distribution.
                const freeGb = cloudfrontSeen ? 0 : prices.alwaysFreeTier.cloudfrontGb;
                const freeRequests = cloudfrontSeen ? 0 : prices.alwaysFreeTier.cloudfrontRequests;
                cloudfrontSeen = true;
                line(r, `CloudFront data out (${usage.cloudfrontGb} GB, ${freeGb} GB free)`, Math.max(0, usage.cloudfrontGb - freeGb), "GB", prices.global.cloudfrontGbNorthAmericaEurope);
                line(r, `CloudFront HTTPS requests (${usage.cloudfrontRequests}, ${freeRequests} free)`, Math.max(0, usage.cloudfrontRequests - freeRequests) / 10000, "10k requests", prices.global.cloudfrontHttpsPer10k);
                break;
            }
            case "aws:cloudfront/vpcOrigin:VpcOrigin": {
                const price = prices.global.cloudfrontVpcOriginMonth;
                if (price === undefined || !prices.global.cloudfrontVpcOriginSource) { missing(r, "no VPC origin price with a source"); break; }
                // Priced as a line (at $0 today) so the plan shows it and where the figure comes from.
                line(r, `CloudFront VPC origin (${price === 0 ? "no additional charge" : "per month"}; ${prices.global.cloudfrontVpcOriginSource})`, 1, "origin-months", price);
                break;
            }
            case "aws:cloudfront/function:Function": {
                const price = prices.global.cloudfrontFunctionInvocationsPerMillion;
                if (price === undefined || !prices.global.cloudfrontFunctionSource) { missing(r, "no CloudFront Functions price with a source"); break; }
                // Invoked once per viewer request per event it is associated with (request and response: two).
                const events = functionEvents(records, r.outputs.arn);
                const invocations = usage.cloudfrontRequests * events;
                const freeInvocations = prices.alwaysFreeTier.cloudfrontFunctionInvocations ?? 0;
                line(r, `CloudFront Function invocations (${usage.cloudfrontRequests} requests × ${events} events, ${freeInvocations} free; ${prices.global.cloudfrontFunctionSource})`,
                    Math.max(0, invocations - freeInvocations) / 1e6, "1M invocations", price);
                break;
            }
            case "aws:cloudfront/keyValueStore:KeyValueStore": {
                const price = prices.global.cloudfrontKvsReadsPerMillion;
                if (price === undefined || !prices.global.cloudfrontKvsSource) { missing(r, "no KeyValueStore price with a source"); break; }
                // The router reads the routing key once per viewer request (the token only on override requests).
                line(r, `KeyValueStore reads (${usage.cloudfrontRequests}; ${prices.global.cloudfrontKvsSource})`, usage.cloudfrontRequests / 1e6, "1M reads", price);
                break;
            }
            case "aws:cloudwatch/metricAlarm:MetricAlarm": {
                const price = regional(r, "cloudwatchAlarmMonth");
                if (price === undefined) { missing(r, `no CloudWatch alarm price in ${r.region}`); break; }
                // The first N alarms of the account are free; charge those after them.
                const index = alarms.indexOf(r);
                line(r, index < prices.alwaysFreeTier.cloudwatchAlarms ? "alarm (always-free allowance)" : "alarm", 1, "alarm-months", index < prices.alwaysFreeTier.cloudwatchAlarms ? 0 : price);
                break;
            }
            case "aws:cloudwatch/dashboard:Dashboard": {
                const index = dashboards.indexOf(r);
                const freeOne = index < prices.alwaysFreeTier.cloudwatchDashboards;
                line(r, freeOne ? "dashboard (always-free allowance)" : "dashboard", 1, "dashboard-months", freeOne ? 0 : regional(r, "cloudwatchDashboardMonth"));
                break;
            }
            case "aws:backup/plan:Plan": {
                if (regional(r, "backupEbsGbMonth") === undefined) { missing(r, `no AWS Backup price in ${r.region}`); break; }
                line(r, "EBS backup storage", usage.backupStorageGb, "GB-months", regional(r, "backupEbsGbMonth"));
                const copy = ((p.rules ?? []) as any[]).some((rule) => (rule.copyActions ?? []).length > 0);
                if (copy) {
                    const copyVault = records.find((x) => x.type === "aws:backup/vault:Vault" && ((p.rules ?? []) as any[]).some((rule) => (rule.copyActions ?? []).some((c: any) => c.destinationVaultArn === x.outputs.arn)));
                    const copyPrice = copyVault ? prices.regions[copyVault.region]?.backupEbsGbMonth : undefined;
                    if (copyPrice === undefined) missing(r, `no AWS Backup price for the copy region ${copyVault?.region ?? "(unknown)"}`);
                    else line(r, `EBS backup copy storage (${copyVault!.region})`, usage.backupStorageGb, "GB-months", copyPrice);
                    line(r, "cross-region copy transfer", usage.backupStorageGb, "GB", regional(r, "backupCrossRegionTransferGb"));
                }
                break;
            }
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2": {
                const purpose = p.tags?.Purpose as string | undefined;
                const b = purpose ? usage.buckets[purpose] : undefined;
                if (!b) { missing(r, `no usage assumption for bucket purpose ${purpose ?? "(no Purpose tag)"}`); break; }
                line(r, `S3 storage (${purpose})`, b.storageGb, "GB-months", regional(r, "s3StandardGbMonth"));
                line(r, `S3 PUT requests (${purpose})`, b.putRequests / 1000, "1k requests", regional(r, "s3PutPer1000"));
                line(r, `S3 GET requests (${purpose})`, b.getRequests / 1000, "1k requests", regional(r, "s3GetPer1000"));
                break;
            }
            case "aws:kms/key:Key": {
                const price = regional(r, "kmsKeyMonth");
                if (price === undefined) { missing(r, `no KMS price in ${r.region}`); break; }
                line(r, "KMS key", 1, "key-months", price);
                // Yearly rotation adds a charged key version for the first two rotations: count both.
                if (p.enableKeyRotation) line(r, "KMS rotated key versions (first two rotations charged)", 2, "key-version-months", regional(r, "kmsRotationMonth"));
                break;
            }
            case "aws:autoscaling/policy:Policy": {
                if (p.policyType !== "TargetTrackingScaling") { free.push({ resource: r.name, type: r.type }); break; }
                // Target tracking creates its own CloudWatch alarms: one to scale out, one to scale in.
                const count = p.targetTrackingConfiguration?.disableScaleIn ? 1 : 2;
                const freeHere = Math.min(alarmsFreeLeft, count);
                alarmsFreeLeft -= freeHere;
                line(r, `alarms target tracking creates (${count}, ${freeHere} in the always-free allowance)`, count - freeHere, "alarm-months", regional(r, "cloudwatchAlarmMonth"));
                break;
            }
            case "aws:wafv2/webAcl:WebAcl": {
                const g = prices.global;
                if (g.wafWebAclMonth === undefined || g.wafRuleMonth === undefined || g.wafPerMillionRequests === undefined) { missing(r, "no AWS WAF price"); break; }
                const rules = (p.rules ?? []) as any[];
                line(r, "WAF web ACL", 1, "ACL-months", g.wafWebAclMonth);
                // A managed rule group is billed as one rule.
                line(r, `WAF rules (${rules.length})`, rules.length, "rule-months", g.wafRuleMonth);
                const paid = rules.map((x) => x.statement?.managedRuleGroupStatement?.name).filter((n) => PAID_MANAGED_RULE_GROUPS.has(n));
                if (paid.length > 0) missing(r, `managed rule groups with their own fees are not priced: ${paid.join(", ")}`);
                // It inspects every request of the distributions it is attached to.
                // By ARN after an `up`; in a preview the ARN is unknown and the dependency decides.
                const attached = records.some((x) => x.type === "aws:cloudfront/distribution:Distribution" && x.inputs.webAclId !== undefined &&
                    (x.inputs.webAclId !== UNKNOWN ? x.inputs.webAclId === r.outputs.arn : (x.propertyDependencies.webAclId ?? []).includes(r.urn)));
                const requests = attached ? usage.cloudfrontRequests : 0;
                line(r, `WAF requests inspected (${requests}${attached ? ", every CloudFront request" : ", not attached"})`, requests / 1e6, "million requests", g.wafPerMillionRequests);
                break;
            }
            case "aws:synthetics/canary:Canary": {
                const minutes = rateMinutes(p.schedule?.expression ?? "");
                const runPrice = regional(r, "syntheticsCanaryRun");
                if (minutes === undefined || minutes === 0) { missing(r, `cannot count runs of schedule ${String(p.schedule?.expression)}`); break; }
                if (runPrice === undefined) { missing(r, `no CloudWatch Synthetics price in ${r.region}`); break; }
                const runs = Math.ceil((hours * 60) / minutes);
                line(r, `canary runs (every ${minutes} min)`, runs, "runs", runPrice);
                const gbSeconds = runs * (usage.canaryRunSeconds ?? NaN) * ((p.runConfig?.memoryInMb ?? 1000) / 1024);
                if (!Number.isFinite(gbSeconds) || regional(r, "lambdaGbSecond") === undefined) { missing(r, "no canary run time (canaryRunSeconds) or Lambda price"); break; }
                const freeGbs = prices.alwaysFreeTier.lambdaGbSeconds ?? 0;
                line(r, `canary Lambda (${Math.round(gbSeconds)} GB-s, ${freeGbs} free)`, Math.max(0, gbSeconds - freeGbs), "GB-seconds", regional(r, "lambdaGbSecond"));
                break;
            }
            case "aws:cloudwatch/logGroup:LogGroup": {
                const kind = String(p.name ?? "").split("/").pop() ?? "";
                const u = usage.logGroups?.[kind];
                const ia = p.logGroupClass === "INFREQUENT_ACCESS";
                const ingest = regional(r, ia ? "cloudwatchLogsIngestGbInfrequentAccess" : "cloudwatchLogsIngestGbStandard");
                if (!u) { missing(r, `no usage assumption for log group ${kind || "(unnamed)"} (logGroups.${kind})`); break; }
                if (ingest === undefined || regional(r, "cloudwatchLogsStorageGbMonth") === undefined) { missing(r, `no CloudWatch Logs price in ${r.region}`); break; }
                // The always-free 5 GB (Standard class) is account-wide: taken by the log groups in order.
                const free = ia ? 0 : Math.max(0, (prices.alwaysFreeTier.cloudwatchLogsGb ?? 0) - logsFreeUsed);
                const paidIngest = Math.max(0, u.ingestedGb - free);
                logsFreeUsed += ia ? 0 : u.ingestedGb;
                line(r, `CloudWatch Logs ingestion (${kind}, ${u.ingestedGb} GB${free > 0 ? `, ${+free.toFixed(2)} GB free` : ""})`, paidIngest, "GB", ingest);
                line(r, `CloudWatch Logs storage (${kind}, ${p.retentionInDays ?? "never expire"} days)`, u.storedGb, "GB-months", regional(r, "cloudwatchLogsStorageGbMonth"));
                break;
            }
            case "aws:backup/selection:Selection": {
                const s3 = ((p.resources ?? []) as string[]).filter((arn) => typeof arn === "string" && arn.startsWith("arn:aws:s3:::"));
                if (s3.length === 0) { free.push({ resource: r.name, type: r.type }); break; } // EBS storage is priced on the plan
                if (usage.s3BackupGb === undefined || regional(r, "backupS3GbMonth") === undefined) { missing(r, "no S3 backup usage (s3BackupGb) or price"); break; }
                line(r, `S3 backup storage (${s3.length} bucket(s))`, usage.s3BackupGb, "GB-months", regional(r, "backupS3GbMonth"));
                // AWS Backup for S3 also bills the GET/LIST requests it makes on the bucket.
                line(r, "S3 requests made by the backups", (usage.s3BackupRequests ?? 0) / 1000, "1k requests", regional(r, "s3GetPer1000"));
                break;
            }
            case "aws:backup/restoreTestingPlan:RestoreTestingPlan": {
                // No per-test rate could be sourced offline: counted at the stated conservative
                // rate in prices.json (backupRestoreTestJobAssumed), never as $0.
                const rate = regional(r, "backupRestoreTestJobAssumed");
                if (usage.restoreTestJobsPerMonth === undefined || rate === undefined) { missing(r, "AWS Backup bills restore tests: no restoreTestJobsPerMonth usage or backupRestoreTestJobAssumed rate"); break; }
                line(r, "restore test jobs (assumed rate, not a sourced price)", usage.restoreTestJobsPerMonth, "jobs", rate);
                break;
            }
            case "aws:backup/restoreTestingSelection:RestoreTestingSelection": {
                const price = regional(r, "ebsGbMonthByVolumeType")?.gp3;
                if (usage.restoreTestVolumeGbHours === undefined || price === undefined) { missing(r, "no restore test volume usage (restoreTestVolumeGbHours) or EBS price"); break; }
                line(r, "EBS volumes restored by tests (until deleted)", usage.restoreTestVolumeGbHours / hours, "GB-months", price);
                break;
            }
            case "aws:s3/bucketLogging:BucketLogging":
                // Delivery is free; the logs cost their storage in the target bucket.
                if (usage.serverAccessLogGb === undefined) { missing(r, "no server access log usage (serverAccessLogGb)"); break; }
                line(r, "S3 server access log storage", usage.serverAccessLogGb, "GB-months", regional(r, "s3StandardGbMonth"));
                break;
            case "aws:route53/zone:Zone":
                line(r, "hosted zone", 1, "zone-months", prices.global.route53HostedZoneMonth);
                break;
            default:
                missing(r, "no price for this kind of resource");
        }
    }
    const totalUsd = round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
    return { lines, alternatives, unpriced, free, totalUsd, pricesAsOf: prices.pricesAsOf, source: prices.source };
}

/** How many distinct viewer events of the stack's distributions run the function with this ARN. */
function functionEvents(records: RecordedResource[], arn: unknown): number {
    const events = new Set<string>();
    for (const d of records.filter((x) => x.type === "aws:cloudfront/distribution:Distribution")) {
        for (const b of [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])]) {
            for (const a of (b?.functionAssociations ?? []) as { eventType: string; functionArn: string }[]) {
                if (arn !== undefined && a.functionArn === arn) events.add(a.eventType);
            }
        }
    }
    return events.size;
}

/** Listener rules on the listeners of one load balancer (each request is evaluated against them). */
function listenerRulesOf(lb: RecordedResource, records: RecordedResource[]): number {
    const listeners = records.filter((x) => x.type === "aws:lb/listener:Listener" && x.inputs.loadBalancerArn === lb.outputs.arn).map((x) => x.outputs.arn);
    return records.filter((x) => x.type === "aws:lb/listenerRule:ListenerRule" && listeners.includes(x.inputs.listenerArn)).length;
}

/**
 * ALB capacity units from traffic: the dimension that needs the most LCUs is billed
 * (new connections/s, active connections/min, processed GB/hour, rule evaluations/s
 * beyond the free rules). Averages over the month: busy hours cost more than this says.
 */
export function albLcus(traffic: AlbTraffic, per: NonNullable<PriceBook["albLcu"]>, rules: number, hours = 730): { lcus: number; dimension: string } {
    const dimensions: [string, number][] = [
        ["new connections", traffic.newConnectionsPerSecond / per.newConnectionsPerSecond],
        ["active connections", traffic.activeConnectionsPerMinute / per.activeConnectionsPerMinute],
        ["processed bytes", traffic.processedGbPerMonth / hours / per.processedGbPerHour],
        ["rule evaluations", traffic.requestsPerSecond * Math.max(0, rules - per.freeRules) / per.ruleEvaluationsPerSecond],
    ];
    const [dimension, lcus] = dimensions.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { lcus, dimension };
}
