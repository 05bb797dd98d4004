/**
 * The shapes the cost model reads (the price book, a stack's usage assumptions) and
 * the estimate it returns.
 */
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
    /** SNS email and email-JSON notifications, per 100,000. */
    snsEmailPer100k?: number;
    /** Data EC2 sends to or receives from another AZ of the region, per GB each way. */
    interAzGbEachWay?: number;
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
    /** A custom metric (one name and dimension set) a month, and API requests such as PutMetricData per 1,000. */
    cloudwatchCustomMetricMonth?: number;
    cloudwatchApiRequestsPer1000?: number;
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
        cloudfrontGbNorthAmericaEurope: number;
        /** Regional data transfer out to origin (what CloudFront sends to the origin), United States, per GB. */
        cloudfrontToOriginGbUnitedStates?: number;
        cloudfrontHttpsPer10k: number;
        route53HostedZoneMonth: number;
        route53QueriesPerMillion: number;
        /** Per VPC origin per month, and where that figure comes from. */
        cloudfrontVpcOriginMonth?: number;
        cloudfrontVpcOriginSource?: string;
        /** CloudFront Functions per million invocations, KeyValueStore per million reads, and their sources. */
        cloudfrontFunctionInvocationsPerMillion?: number;
        cloudfrontFunctionSource?: string;
        cloudfrontKvsReadsPerMillion?: number;
        cloudfrontKvsSource?: string;
        wafWebAclMonth?: number;
        wafRuleMonth?: number;
        wafPerMillionRequests?: number;
    };
    alwaysFreeTier: {
        cloudfrontGb: number;
        cloudfrontRequests: number;
        cloudwatchAlarms: number;
        cloudwatchDashboards: number;
        cloudfrontFunctionInvocations?: number;
        internetEgressGb?: number;
        cloudwatchLogsGb?: number;
        lambdaGbSeconds?: number;
        cloudwatchCustomMetrics?: number;
        cloudwatchApiRequests?: number;
        snsEmailNotifications?: number;
        syntheticsCanaryRuns?: number;
    };
    /** What one ALB LCU holds in each dimension (the max of the four is billed). */
    albLcu?: {
        newConnectionsPerSecond: number;
        activeConnectionsPerMinute: number;
        processedGbPerHour: number;
        ruleEvaluationsPerSecond: number;
        freeRules: number;
    };
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
    /** GB a month CloudFront sends to the origin (request bodies: uploads, chat messages). */
    cloudfrontToOriginGb?: number;
    /** GB a month between the app and the Redis primary, both ways (sessions, chat state). */
    redisTrafficGb?: number;
    /**
     * Metrics the Synthetics library publishes for each canary (CanaryName), for each step
     * (CanaryName and StepName), and once for all canaries (no dimension): billed as custom metrics.
     */
    canaryMetricsPerCanary?: number;
    canaryMetricsPerStep?: number;
    canaryMetricsAcrossCanaries?: number;
    /** Emails each SNS email subscription receives a month (alarm state changes, restore results). */
    snsEmailsPerSubscription?: number;
    /** KB of log one canary run writes to its Lambda's log group. */
    canaryRunLogKb?: number;
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
    /**
     * Hours a volume restored by a restore test exists outside its validation window (restoring,
     * then deletion); the runs come from the plan's schedule, the volumes from the stack.
     */
    restoreTestRestoreHours?: number;
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
    /** At steady state. */
    readonly monthlyUsd: number;
    /** The average month of the first year, where it differs (charges that grow, as KMS rotations do). */
    readonly firstYearMonthlyUsd?: number;
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
    /** A month at steady state: every charge that grows over the first years at its full rate. */
    readonly totalUsd: number;
    /** The average month of the first year (KMS rotation charges start with the first rotation). */
    readonly firstYearTotalUsd: number;
    /**
     * Steady state with none of the always-free allowances: they are account-wide, and the
     * estimate otherwise gives them all to this stack (during the cutover old prod shares them).
     */
    readonly totalWithoutFreeTierUsd: number;
    readonly pricesAsOf: string;
    readonly source: string;
}
