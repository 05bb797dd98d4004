import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppLogs } from "../components/appLogs";
import { Backups } from "../components/backups";
import { Cache } from "../components/cache";
import { Cdn } from "../components/cdn";
import { DnsValidatedCertificate } from "../components/dnsValidatedCertificate";
import { EndpointCanary } from "../components/endpointCanary";
import { Monitoring } from "../components/monitoring";
import { Network } from "../components/network";
import { albLogDeliveryStatement, s3AccessLogDeliveryStatement, SecureBucket } from "../components/secureBucket";
import { WebAcl } from "../components/webAcl";
import { WebTier } from "../components/webTier";
import { StackConfig } from "./stackConfig";

/** Key prefix of the ALB's access logs in their bucket. */
const ALB_LOG_PREFIX = "alb";
/** Key prefix of the uploads bucket's server access logs (the audit trail of user files), in the same bucket. */
const UPLOADS_ACCESS_LOG_PREFIX = "s3/uploads/";

/** What `pulumi stack output` shows an operator. */
export interface ChatMrptOutputs {
    siteUrl: pulumi.Output<string>;
    cloudFrontDomain: pulumi.Output<string>;
    cloudFrontDistributionId: pulumi.Output<string>;
    albDnsName: pulumi.Output<string>;
    redisEndpoint: pulumi.Output<string>;
    autoScalingGroupName: pulumi.Output<string>;
    uploadsBucketName: pulumi.Output<string>;
    accessLogsBucketName: pulumi.Output<string>;
    alertTopicArn: pulumi.Output<string>;
    dashboardName: pulumi.Output<string>;
    backupVaultName: pulumi.Output<string>;
    /** ACM validation CNAMEs for both certificates (create them where the DNS is run); empty without a domain. */
    certificateValidationRecords: pulumi.Output<{ certificate: string; domainName: string; name: string; type: string; value: string }[]>;
    /** The records that route the site, for whoever runs the DNS when no zone is configured; empty without a domain. */
    dnsRecords: pulumi.Output<{ name: string; type: string; value: string }[]>;
    /** The router's KeyValueStore, for the emergency `aws cloudfront-keyvaluestore put-key`; empty without a legacy origin. */
    originRouterKeyValueStoreArn: pulumi.Output<string>;
}

/**
 * Builds ChatMRPT's production environment from a validated config:
 * CloudFront → VPC origin → internal ALB → Auto Scaling group → ElastiCache Redis,
 * with the alarms, backups and buckets around them.
 */
export function createChatMrpt(config: StackConfig): ChatMrptOutputs {
    const tags = config.tags;
    const prefix = config.project;

    // CloudFront only accepts certificates from us-east-1.
    const usEast1 = new aws.Provider("us-east-1", { region: "us-east-1" });

    const network = new Network(`${prefix}-network`, config.network.mode === "adopt"
        ? { vpcId: config.network.vpcId, publicSubnetIds: config.network.publicSubnetIds, privateSubnetIds: config.network.privateSubnetIds, privateRouteTableIds: config.network.privateRouteTableIds, region: config.region, tags }
        : { cidrBlock: config.network.cidrBlock, availabilityZones: config.network.availabilityZones, region: config.region, tags });

    // No domain: no certificate; CloudFront speaks HTTP to the internal ALB through the VPC
    // origin (no public certificate can name it), inside AWS's network. With a domain, the
    // ALB's certificate names both the origin and the site: CloudFront forwards the viewer's
    // Host header (all viewer headers reach the app), and checks the origin's certificate against it.
    const domain = config.domain;
    const originCertificate = domain === undefined ? undefined : new DnsValidatedCertificate(`${prefix}-origin-cert`, {
        domainName: domain.originName,
        subjectAlternativeNames: [domain.name],
        hostedZoneId: domain.hostedZoneId,
        validate: domain.stage === "active",
        tags,
    });

    // Uploads move off instance disks: the Auto Scaling group replaces instances at will.
    const uploads = new SecureBucket(`${prefix}-uploads`, {
        purpose: "uploads",
        versioned: true,
        noncurrentVersionExpirationDays: config.storage.uploadsNoncurrentVersionDays,
        tags,
    });
    const accountId = aws.getCallerIdentityOutput().accountId;
    const accessLogs = new SecureBucket(`${prefix}-alb-logs`, {
        purpose: "alb-access-logs",
        versioned: false,
        expirationDays: config.storage.accessLogRetentionDays,
        extraPolicyStatements: (arn) => [
            albLogDeliveryStatement(config.region, arn, accountId, ALB_LOG_PREFIX),
            // From the name, not the ARN output: a preview knows the name, so the policy stays checkable.
            s3AccessLogDeliveryStatement(arn, UPLOADS_ACCESS_LOG_PREFIX, pulumi.interpolate`arn:aws:s3:::${uploads.bucketName}`, accountId),
        ],
        tags,
    });
    // Server access logs, not CloudTrail data events: free but for storage ($0.10 per 100k events otherwise).
    uploads.logAccessTo(accessLogs.bucketName, UPLOADS_ACCESS_LOG_PREFIX);

    const backupCopyProvider = config.backups.copyRegion === undefined
        ? undefined
        : new aws.Provider(config.backups.copyRegion, { region: config.backups.copyRegion as aws.Region });
    const backups = new Backups(`${prefix}-backups`, {
        retentionDays: config.backups.retentionDays,
        schedule: config.backups.schedule,
        copyProvider: backupCopyProvider,
        // Built from the name (known in a preview), so the selection can be checked before `up`.
        bucketArns: [pulumi.interpolate`arn:aws:s3:::${uploads.bucketName}`],
        restoreTestSchedule: config.restoreTestSchedule,
        alertEmails: config.alertEmails,
        tags,
    });

    const appLogs = new AppLogs(`${prefix}-logs`, {
        logGroupPrefix: `/${prefix}/${config.environment}`,
        retentionDays: config.logs.retentionDays,
        tags,
    });

    const cache = new Cache(`${prefix}-cache`, {
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        authToken: config.secrets.redisAuthToken,
        nodeType: config.cache.nodeType,
        nodes: config.cache.nodes,
        engine: config.cache.engine,
        engineVersion: config.cache.engineVersion,
        seedSnapshotName: config.cache.seedSnapshotName,
        snapshotRetentionDays: config.cache.snapshotRetentionDays,
        snapshotWindow: config.cache.snapshotWindow,
        maintenanceWindow: config.cache.maintenanceWindow,
        authTokenParameterName: `/${prefix}/${config.environment}/redis/auth-token`,
        tags,
    });

    const web = new WebTier(`${prefix}-web`, {
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        certificateArn: originCertificate?.certificateArn,
        ami: config.web.ami,
        instanceType: config.web.instanceType,
        minSize: config.web.minSize,
        maxSize: config.web.maxSize,
        desiredCapacity: config.web.desiredCapacity,
        appPort: config.web.appPort,
        appWorkers: config.web.appWorkers,
        healthCheckPath: config.web.healthCheckPath,
        healthCheckGracePeriodSeconds: config.web.healthCheckGracePeriodSeconds,
        rootVolumeSizeGiB: config.web.rootVolumeSizeGiB,
        cpuTargetPercent: config.web.cpuTargetPercent,
        albIdleTimeoutSeconds: config.web.albIdleTimeoutSeconds,
        cpuCredits: config.web.cpuCredits,
        typicalAnswerSeconds: config.web.typicalAnswerSeconds,
        // The one value the CDN and the app tier's timeouts share.
        originReadTimeoutSeconds: config.originReadTimeoutSeconds,
        appWorkerTimeoutSeconds: config.web.appWorkerTimeoutSeconds,
        appKeepAliveSeconds: config.web.appKeepAliveSeconds,
        deregistrationDelaySeconds: config.web.deregistrationDelaySeconds,
        stickinessSeconds: config.web.stickinessSeconds,
        redisEndpoint: cache.primaryEndpoint,
        redisSecurityGroupId: cache.securityGroupId,
        redisAuthTokenParameter: { name: cache.authTokenParameterName, arn: cache.authTokenParameterArn },
        uploadsBucket: { name: uploads.bucketName, arn: uploads.bucketArn },
        accessLogsBucket: accessLogs.bucketName,
        accessLogsPrefix: ALB_LOG_PREFIX,
        volumeTags: { [backups.selectionTag.key]: backups.selectionTag.value },
        logShipping: { agentConfig: appLogs.agentConfig, appLogFile: appLogs.appLogFile },
        region: config.region,
        tags,
    }, { dependsOn: [accessLogs] }); // the ALB checks the log bucket's policy when it is created
    // The one rule that lets the app tier reach Redis: by security group, never by CIDR.
    cache.allowClientsFrom("app", web.appSecurityGroupId);
    appLogs.allowWriteFrom(web.instanceRoleName);

    const waf = new WebAcl(`${prefix}-waf`, {
        usEast1Provider: usEast1,
        mode: config.wafMode,
        // The slots the app has at its minimum size: instances × gunicorn workers.
        workerSlots: config.web.minSize * config.web.appWorkers,
        tags,
    });

    const https = originCertificate?.certificateArn !== undefined;
    const cdn = new Cdn(`${prefix}-cdn`, {
        origin: {
            loadBalancerArn: web.albArn, vpcId: network.vpcId, domainName: https ? domain!.originName : web.albDnsName, protocol: https ? "https" : "http",
            // AWS refuses a VPC origin in a VPC without an internet gateway: wait for the network.
            waitFor: [network],
        },
        domain: domain === undefined ? undefined : { name: domain.name, stage: domain.stage, hostedZoneId: domain.hostedZoneId },
        originReadTimeoutSeconds: config.originReadTimeoutSeconds,
        usEast1Provider: usEast1,
        adoptDistributionId: config.cutover.adoptDistributionId,
        legacyOrigin: config.cutover.legacy === undefined ? undefined : {
            ...config.cutover.legacy, overrideToken: config.secrets.originOverrideSecret,
        },
        webAclArn: waf.arn,
        hstsIncludeSubdomains: config.hstsIncludeSubdomains,
        tags,
    });
    // The ALB's only way in: from the group AWS creates with the VPC origin.
    web.admitCloudFront(cdn.vpcOriginSecurityGroupId, [cdn.vpcOrigin]);

    // The team's 250 ms was measured on these three paths: check them through CloudFront.
    const endpoints = new EndpointCanary(`${prefix}-endpoints`, {
        canaryName: `${prefix}-endpoints`.slice(0, 21),
        host: cdn.distributionDomainName,
        paths: ["/", "/health", "/system-health"],
        intervalMinutes: config.endpointCheckIntervalMinutes,
        tags,
    });

    const monitoring = new Monitoring(`${prefix}-monitoring`, {
        albArnSuffix: web.albArnSuffix,
        targetGroupArnSuffix: web.targetGroupArnSuffix,
        autoScalingGroupName: web.autoScalingGroupName,
        minInstances: config.web.minSize,
        redisReplicationGroupId: cache.replicationGroupId,
        redisNodes: config.cache.nodes,
        redisNodeType: config.cache.nodeType,
        cloudFrontDistributionId: cdn.distributionId,
        usEast1Provider: usEast1,
        alertEmails: config.alertEmails,
        thresholds: config.alarms,
        endpointCanary: { canaryName: endpoints.canaryName, stepNames: endpoints.stepNames, intervalMinutes: endpoints.intervalMinutes, latencyMetricName: endpoints.latencyMetricName },
        webAclMetricName: waf.metricName,
        region: config.region,
        tags,
    });

    if (domain?.stage === "active" && domain.hostedZoneId !== undefined) {
        new aws.route53.Record(`${prefix}-origin-alias`, {
            zoneId: domain.hostedZoneId,
            name: domain.originName,
            type: "A",
            aliases: [{ name: web.albDnsName, zoneId: web.albZoneId, evaluateTargetHealth: true }],
        });
    }

    const label = (certificate: string) => (records: { domainName: string; name: string; type: string; value: string }[]) =>
        records.map((r) => ({ certificate, ...r }));
    return {
        siteUrl: domain?.stage === "active" ? pulumi.output(`https://${domain.name}`) : pulumi.interpolate`https://${cdn.distributionDomainName}`,
        cloudFrontDomain: cdn.distributionDomainName,
        cloudFrontDistributionId: cdn.distributionId,
        originRouterKeyValueStoreArn: cdn.routerKeyValueStoreArn,
        albDnsName: web.albDnsName,
        redisEndpoint: pulumi.secret(cache.primaryEndpoint),
        autoScalingGroupName: web.autoScalingGroupName,
        uploadsBucketName: uploads.bucketName,
        accessLogsBucketName: accessLogs.bucketName,
        alertTopicArn: monitoring.alertTopicArn,
        dashboardName: monitoring.dashboardName,
        backupVaultName: backups.vaultName,
        certificateValidationRecords: pulumi.all([
            originCertificate?.validationRecords.apply(label(`alb (${config.region})`)) ?? [],
            cdn.certificateValidationRecords.apply(label("cloudfront (us-east-1)")),
        ]).apply(([a, b]) => [...a, ...b]),
        // Listed from the request stage on (the names do not change); they route the site once it is active.
        dnsRecords: pulumi.all([cdn.distributionDomainName, web.albDnsName]).apply(([cf, alb]) => domain === undefined ? [] : [
            { name: domain.name, type: "CNAME", value: cf },
            { name: domain.originName, type: "CNAME", value: alb },
        ]),
    };
}
