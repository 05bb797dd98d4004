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
import {
    albLogDeliveryStatement,
    s3AccessLogDeliveryStatement,
    SecureBucket,
} from "../components/secureBucket";
import { WebAcl } from "../components/webAcl";
import { WebTier } from "../components/webTier";
import { cdnAdoptionOf } from "./config/cutover";
import { createLegacyStateDocuments, LegacyStateDocuments } from "./legacyState";
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
    certificateValidationRecords: pulumi.Output<
        { certificate: string; domainName: string; name: string; type: string; value: string }[]
    >;
    /** The records that route the site, for whoever runs the DNS when no zone is configured; empty without a domain. */
    dnsRecords: pulumi.Output<{ name: string; type: string; value: string }[]>;
    /** The router's KeyValueStore, which `npm run route` writes; empty without a legacy origin. */
    originRouterKeyValueStoreArn: pulumi.Output<string>;
    /** The SSM document that copies old prod's uploads to the new instances; empty without a legacy origin. */
    legacyUploadsDocumentName: pulumi.Output<string>;
    /** The SSM document that copies old prod's Redis keys (sessions) to this stack's; empty without a legacy origin. */
    legacySessionsDocumentName: pulumi.Output<string>;
}

/**
 * Builds ChatMRPT's production environment from a validated config:
 * CloudFront → VPC origin → internal ALB → Auto Scaling group → ElastiCache Redis,
 * with the alarms, backups and buckets around them. Each tier is wired by its own helper
 * below, in the order the resources are registered.
 */
export function createChatMrpt(config: StackConfig): ChatMrptOutputs {
    const prefix = config.project;
    // CloudFront only accepts certificates from us-east-1.
    const usEast1 = new aws.Provider("us-east-1", { region: "us-east-1" });
    const network = createNetwork(config);
    const originCertificate = createOriginCertificate(config);
    const storage = createStorage(config);
    const backups = createBackups(config, storage.uploads);
    const appLogs = new AppLogs(`${prefix}-logs`, {
        logGroupPrefix: `/${prefix}/${config.environment}`,
        retentionDays: config.logs.retentionDays,
        tags: config.tags,
    });
    const cache = createCache(config, network);
    const web = createWebTier(config, { network, originCertificate, cache, storage, backups, appLogs });
    const edge = createEdge(config, { usEast1, network, web, originCertificate });
    const monitoring = createMonitoring(config, { usEast1, web, cache, cdn: edge.cdn, waf: edge.waf });
    const domain = config.domain;
    if (domain?.stage === "active" && domain.hostedZoneId !== undefined) {
        new aws.route53.Record(`${prefix}-origin-alias`, {
            zoneId: domain.hostedZoneId,
            name: domain.originName,
            type: "A",
            aliases: [{ name: web.albDnsName, zoneId: web.albZoneId, evaluateTargetHealth: true }],
        });
    }
    return stackOutputs(config, {
        originCertificate,
        storage,
        backups,
        cache,
        web,
        cdn: edge.cdn,
        monitoring,
    });
}

function createNetwork(config: StackConfig): Network {
    const tags = config.tags;
    const n = config.network;
    return new Network(
        `${config.project}-network`,
        n.mode === "adopt"
            ? {
                  vpcId: n.vpcId,
                  publicSubnetIds: n.publicSubnetIds,
                  privateSubnetIds: n.privateSubnetIds,
                  privateRouteTableIds: n.privateRouteTableIds,
                  region: config.region,
                  tags,
              }
            : { cidrBlock: n.cidrBlock, availabilityZones: n.availabilityZones, region: config.region, tags },
    );
}

/**
 * No domain: no certificate; CloudFront speaks HTTP to the internal ALB through the VPC
 * origin (no public certificate can name it), inside AWS's network. With a domain, the
 * ALB's certificate names both the origin and the site: CloudFront forwards the viewer's
 * Host header (all viewer headers reach the app), and checks the origin's certificate against it.
 */
function createOriginCertificate(config: StackConfig): DnsValidatedCertificate | undefined {
    const domain = config.domain;
    return domain === undefined
        ? undefined
        : new DnsValidatedCertificate(`${config.project}-origin-cert`, {
              domainName: domain.originName,
              subjectAlternativeNames: [domain.name],
              hostedZoneId: domain.hostedZoneId,
              validate: domain.stage === "active",
              tags: config.tags,
          });
}

interface Storage {
    readonly uploads: SecureBucket;
    readonly accessLogs: SecureBucket;
    readonly legacyState?: LegacyStateDocuments;
}

function createStorage(config: StackConfig): Storage {
    const prefix = config.project;
    const tags = config.tags;
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
            s3AccessLogDeliveryStatement(
                arn,
                UPLOADS_ACCESS_LOG_PREFIX,
                pulumi.interpolate`arn:aws:s3:::${uploads.bucketName}`,
                accountId,
            ),
        ],
        tags,
    });
    // Server access logs, not CloudTrail data events: free but for storage ($0.10 per 100k events otherwise).
    uploads.logAccessTo(accessLogs.bucketName, UPLOADS_ACCESS_LOG_PREFIX);
    // Old prod's files and sessions reach the new side through this bucket, while old prod is an origin.
    return { uploads, accessLogs, legacyState: createLegacyStateDocuments(config, uploads) };
}

function createBackups(config: StackConfig, uploads: SecureBucket): Backups {
    const backupCopyProvider =
        config.backups.copyRegion === undefined
            ? undefined
            : new aws.Provider(config.backups.copyRegion, {
                  region: config.backups.copyRegion as aws.Region,
              });
    return new Backups(`${config.project}-backups`, {
        retentionDays: config.backups.retentionDays,
        schedule: config.backups.schedule,
        copyProvider: backupCopyProvider,
        // Built from the name (known in a preview), so the selection can be checked before `up`.
        bucketArns: [pulumi.interpolate`arn:aws:s3:::${uploads.bucketName}`],
        restoreTestSchedule: config.restoreTestSchedule,
        alertEmails: config.alertEmails,
        tags: config.tags,
    });
}

function createCache(config: StackConfig, network: Network): Cache {
    const prefix = config.project;
    return new Cache(`${prefix}-cache`, {
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
        tags: config.tags,
    });
}

interface WebTierDeps {
    readonly network: Network;
    readonly originCertificate?: DnsValidatedCertificate;
    readonly cache: Cache;
    readonly storage: Storage;
    readonly backups: Backups;
    readonly appLogs: AppLogs;
}

function createWebTier(config: StackConfig, d: WebTierDeps): WebTier {
    const { uploads, accessLogs } = d.storage;
    const web = new WebTier(
        `${config.project}-web`,
        {
            vpcId: d.network.vpcId,
            privateSubnetIds: d.network.privateSubnetIds,
            certificateArn: d.originCertificate?.certificateArn,
            ...config.web,
            // The one value the CDN and the app tier's timeouts share.
            originReadTimeoutSeconds: config.originReadTimeoutSeconds,
            redisEndpoint: d.cache.primaryEndpoint,
            redisSecurityGroupId: d.cache.securityGroupId,
            redisAuthTokenParameter: {
                name: d.cache.authTokenParameterName,
                arn: d.cache.authTokenParameterArn,
            },
            uploadsBucket: { name: uploads.bucketName, arn: uploads.bucketArn },
            accessLogsBucket: accessLogs.bucketName,
            accessLogsPrefix: ALB_LOG_PREFIX,
            volumeTags: { [d.backups.selectionTag.key]: d.backups.selectionTag.value },
            logShipping: { agentConfig: d.appLogs.agentConfig, appLogFile: d.appLogs.appLogFile },
            region: config.region,
            tags: config.tags,
        },
        { dependsOn: [accessLogs] },
    ); // the ALB checks the log bucket's policy when it is created
    // The one rule that lets the app tier reach Redis: by security group, never by CIDR.
    d.cache.allowClientsFrom("app", web.appSecurityGroupId);
    d.appLogs.allowWriteFrom(web.instanceRoleName);
    return web;
}

interface EdgeDeps {
    readonly usEast1: aws.Provider;
    readonly network: Network;
    readonly web: WebTier;
    readonly originCertificate?: DnsValidatedCertificate;
}

function createEdge(config: StackConfig, d: EdgeDeps): { waf: WebAcl; cdn: Cdn } {
    const prefix = config.project;
    const domain = config.domain;
    const waf = new WebAcl(`${prefix}-waf`, {
        usEast1Provider: d.usEast1,
        mode: config.wafMode,
        // The slots the app has at its minimum size: instances × gunicorn workers.
        workerSlots: config.web.minSize * config.web.appWorkers,
        tags: config.tags,
    });
    const https = d.originCertificate?.certificateArn !== undefined;
    const cdn = new Cdn(`${prefix}-cdn`, {
        origin: {
            loadBalancerArn: d.web.albArn,
            vpcId: d.network.vpcId,
            domainName: https && domain ? domain.originName : d.web.albDnsName,
            protocol: https ? "https" : "http",
            // AWS refuses a VPC origin in a VPC without an internet gateway: wait for the network.
            waitFor: [d.network],
        },
        domain:
            domain === undefined
                ? undefined
                : { name: domain.name, stage: domain.stage, hostedZoneId: domain.hostedZoneId },
        originReadTimeoutSeconds: config.originReadTimeoutSeconds,
        usEast1Provider: d.usEast1,
        adopt: cdnAdoptionOf(config.cutover),
        legacyOrigin:
            config.cutover.legacy === undefined
                ? undefined
                : {
                      ...config.cutover.legacy,
                      overrideToken: config.secrets.originOverrideSecret,
                  },
        webAclArn: waf.arn,
        hstsIncludeSubdomains: config.hstsIncludeSubdomains,
        tags: config.tags,
    });
    // The ALB's only way in: from the group AWS creates with the VPC origin.
    d.web.admitCloudFront(cdn.vpcOriginSecurityGroupId, [cdn.vpcOrigin]);
    return { waf, cdn };
}

interface MonitoringDeps {
    readonly usEast1: aws.Provider;
    readonly web: WebTier;
    readonly cache: Cache;
    readonly cdn: Cdn;
    readonly waf: WebAcl;
}

function createMonitoring(config: StackConfig, d: MonitoringDeps): Monitoring {
    const prefix = config.project;
    // The team's 250 ms was measured on these three paths: check them through CloudFront.
    const endpoints = new EndpointCanary(`${prefix}-endpoints`, {
        canaryName: `${prefix}-endpoints`.slice(0, 21),
        host: d.cdn.distributionDomainName,
        paths: ["/", "/health", "/system-health"],
        intervalMinutes: config.endpointCheckIntervalMinutes,
        tags: config.tags,
    });
    return new Monitoring(`${prefix}-monitoring`, {
        albArnSuffix: d.web.albArnSuffix,
        targetGroupArnSuffix: d.web.targetGroupArnSuffix,
        autoScalingGroupName: d.web.autoScalingGroupName,
        minInstances: config.web.minSize,
        redisReplicationGroupId: d.cache.replicationGroupId,
        redisNodes: config.cache.nodes,
        redisNodeType: config.cache.nodeType,
        cloudFrontDistributionId: d.cdn.distributionId,
        usEast1Provider: d.usEast1,
        alertEmails: config.alertEmails,
        thresholds: config.alarms,
        endpointCanary: {
            canaryName: endpoints.canaryName,
            stepNames: endpoints.stepNames,
            intervalMinutes: endpoints.intervalMinutes,
            latencyMetricName: endpoints.latencyMetricName,
        },
        webAclMetricName: d.waf.metricName,
        region: config.region,
        tags: config.tags,
    });
}

interface OutputSources {
    readonly originCertificate?: DnsValidatedCertificate;
    readonly storage: Storage;
    readonly backups: Backups;
    readonly cache: Cache;
    readonly web: WebTier;
    readonly cdn: Cdn;
    readonly monitoring: Monitoring;
}

function stackOutputs(config: StackConfig, s: OutputSources): ChatMrptOutputs {
    const domain = config.domain;
    const { cdn, web } = s;
    const label =
        (certificate: string) =>
        (records: { domainName: string; name: string; type: string; value: string }[]) =>
            records.map((r) => ({ certificate, ...r }));
    return {
        siteUrl:
            domain?.stage === "active"
                ? pulumi.output(`https://${domain.name}`)
                : pulumi.interpolate`https://${cdn.distributionDomainName}`,
        cloudFrontDomain: cdn.distributionDomainName,
        cloudFrontDistributionId: cdn.distributionId,
        originRouterKeyValueStoreArn: cdn.routerKeyValueStoreArn,
        albDnsName: web.albDnsName,
        redisEndpoint: pulumi.secret(s.cache.primaryEndpoint),
        autoScalingGroupName: web.autoScalingGroupName,
        uploadsBucketName: s.storage.uploads.bucketName,
        legacyUploadsDocumentName: s.storage.legacyState?.uploads.documentName ?? pulumi.output(""),
        legacySessionsDocumentName: s.storage.legacyState?.sessions.documentName ?? pulumi.output(""),
        accessLogsBucketName: s.storage.accessLogs.bucketName,
        alertTopicArn: s.monitoring.alertTopicArn,
        dashboardName: s.monitoring.dashboardName,
        backupVaultName: s.backups.vaultName,
        certificateValidationRecords: pulumi
            .all([
                s.originCertificate?.validationRecords.apply(label(`alb (${config.region})`)) ?? [],
                cdn.certificateValidationRecords.apply(label("cloudfront (us-east-1)")),
            ])
            .apply(([a, b]) => [...a, ...b]),
        // Listed from the request stage on (the names do not change); they route the site once it is active.
        dnsRecords: pulumi.all([cdn.distributionDomainName, web.albDnsName]).apply(([cf, alb]) =>
            domain === undefined
                ? []
                : [
                      { name: domain.name, type: "CNAME", value: cf },
                      { name: domain.originName, type: "CNAME", value: alb },
                  ],
        ),
    };
}
