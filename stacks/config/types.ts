/** The typed configuration of one stack, as the config reader hands it to the program. */
import * as pulumi from "@pulumi/pulumi";
import { CacheEngine } from "../../components/cache";
import { CpuCreditMode } from "../../components/webTier";
import { OriginSide } from "../../components/originRouter";
import { DistributionSettings } from "../../components/distributionConfig";
import { DOMAIN_STAGES, Shape } from "../configSpec";

export { DOMAIN_STAGES };

/** Either adopt an existing VPC and its subnets, or create one. */
export type NetworkConfig =
    | {
          readonly mode: "adopt";
          readonly vpcId: string;
          readonly publicSubnetIds: string[];
          readonly privateSubnetIds: string[];
          readonly privateRouteTableIds: string[];
      }
    | { readonly mode: "create"; readonly cidrBlock: string; readonly availabilityZones: string[] };

/** The whole typed configuration of one stack, read and validated once. */
export interface StackConfig {
    readonly shape: Shape;
    readonly project: string;
    readonly stack: string;
    readonly environment: string;
    readonly region: string;
    /** Tags every taggable resource carries (Project, Environment, ManagedBy, plus chatmrpt:tags). */
    readonly tags: Record<string, string>;
    readonly network: NetworkConfig;
    /** The site's own name; unset on day one, when viewers use the distribution's *.cloudfront.net name. */
    readonly domain?: CustomDomain;
    readonly web: {
        readonly instanceType: string;
        readonly minSize: number;
        readonly desiredCapacity: number;
        readonly maxSize: number;
        readonly ami: string;
        readonly appPort: number;
        readonly appWorkers: number;
        readonly healthCheckPath: string;
        readonly healthCheckGracePeriodSeconds: number;
        readonly rootVolumeSizeGiB: number;
        readonly cpuTargetPercent: number;
        readonly cpuCredits: CpuCreditMode;
        readonly typicalAnswerSeconds: number;
        readonly albIdleTimeoutSeconds: number;
        readonly appWorkerTimeoutSeconds: number;
        readonly appKeepAliveSeconds: number;
        readonly deregistrationDelaySeconds: number;
        readonly stickinessSeconds: number;
    };
    /** CloudFront's origin read timeout: the CDN uses it, and the app tier's timeouts are checked against it. */
    readonly originReadTimeoutSeconds: number;
    readonly cache: {
        readonly nodeType: string;
        readonly nodes: number;
        readonly engine: CacheEngine;
        readonly engineVersion: string;
        /** Snapshot of old prod's Redis the group is created from (read at creation only). */
        readonly seedSnapshotName?: string;
        readonly snapshotRetentionDays: number;
        readonly snapshotWindow: string;
        readonly maintenanceWindow: string;
    };
    readonly alarms: AlarmThresholds;
    readonly alertEmails: string[];
    /** WAF on the distribution: count (log only) or block. */
    readonly wafMode: "count" | "block";
    /** HSTS includeSubDomains (and preload) on the site's responses. */
    readonly hstsIncludeSubdomains: boolean;
    /** Minutes between runs of the endpoint canary. */
    readonly endpointCheckIntervalMinutes: number;
    readonly logs: { readonly retentionDays: number };
    readonly restoreTestSchedule: string;
    readonly backups: {
        readonly retentionDays: number;
        readonly schedule: string;
        readonly copyRegion?: string;
    };
    readonly storage: {
        readonly uploadsNoncurrentVersionDays: number;
        readonly accessLogRetentionDays: number;
    };
    readonly monthlyBudgetUsd: number;
    /** The cutover: the distribution users reach today, and old prod as a second origin. */
    readonly cutover: CutoverConfig;
    /** Secrets, wrapped as Pulumi secrets so they never show in state or logs. */
    readonly secrets: {
        readonly redisAuthToken: pulumi.Output<string>;
        /** The override token the router function accepts (read only while a legacy origin is set). */
        readonly originOverrideSecret: pulumi.Output<string>;
    };
}

/** See README "Cutover runbook". */
export interface CutoverConfig {
    /** ID of the existing distribution the stack adopts (imported, protected, retained); unset: a new one. */
    readonly adoptDistributionId?: string;
    /** The adopted distribution's live configuration (chatmrpt:adoptedDistributionConfig), read and checked. */
    readonly adoption?: {
        readonly distributionId: string;
        /** The file it was read from, relative to the project root. */
        readonly configPath: string;
        readonly live: DistributionSettings;
        /** chatmrpt:releaseAdoptedDistribution: no protect, no retainOnDelete. */
        readonly released: boolean;
    };
    /** chatmrpt:cutoverComplete: the end state, everyone on the app without the router. */
    readonly complete: boolean;
    /** Old prod's ALB as origin `legacy`, with the router function; unset once decommissioned. */
    readonly legacy?: {
        readonly domainName: string;
        /** The KeyValueStore's routing value: legacy, app or app:<percent>. */
        readonly activeOrigin: string;
        /** The side the function uses when the routing key is missing or malformed. */
        readonly fallback: OriginSide;
    };
}

/**
 * How far a custom domain has got. `request`: the certificates exist and their validation
 * records are exported, nothing waits on DNS. `active`: the certificates are validated and
 * the distribution answers to the name.
 */
export type DomainStage = (typeof DOMAIN_STAGES)[number];

/** A custom domain for the site (see {@link DomainStage}). */
export interface CustomDomain {
    /** The site's public name (the distribution's alias once active). */
    readonly name: string;
    /** The name CloudFront asks the ALB for over HTTPS; the regional certificate covers it. */
    readonly originName: string;
    readonly stage: DomainStage;
    /** Route 53 zone holding the names: validation and alias records are created in it. */
    readonly hostedZoneId?: string;
}

export interface AlarmThresholds {
    readonly elb5xxCount: number;
    readonly target5xxCount: number;
    readonly chatLatencyP90Ms: number;
    readonly endpointLatencyMs: number;
    readonly wafBlockedRequests: number;
    readonly rejectedConnectionCount: number;
    readonly asgCpuPercent: number;
    readonly redisCpuPercent: number;
    readonly redisMemoryPercent: number;
    readonly redisConnections: number;
    readonly redisReplicationLagSeconds: number;
    readonly cloudFront5xxRatePercent: number;
    readonly cloudFrontErrorRatePercent: number;
}
