import * as pulumi from "@pulumi/pulumi";
import { LOG_RETENTION_DAYS } from "../components/appLogs";
import { CACHE_ENGINES, CacheEngine, checkSnapshotName, DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS } from "../components/cache";
import { BURSTABLE_BASELINES, CPU_CREDIT_MODES, CpuCreditMode, SSM_FETCH_BOUND_SECONDS, timeoutProblems } from "../components/webTier";
import { checkRouting, MIN_OVERRIDE_TOKEN_LENGTH, ORIGIN_IDS, OriginSide } from "../components/originRouter";
import { configSecretKeys } from "../components/lib/pulumiInternals";
import { PRESETS, SHAPES, Shape } from "./presets";
import * as v from "./validate";
import { echo } from "./validate";
import { AZ_LETTERS_BY_REGION } from "./awsFacts";
import { validateBackupsArgs } from "../components/backups";
import { validateCacheArgs } from "../components/cache";
import { validateThresholds } from "../components/monitoring";
import { validateNetworkArgs } from "../components/network";
import { validateWebTierArgs } from "../components/webTier";

/** The config namespace of this project (`chatmrpt:<key>` in Pulumi.<stack>.yaml). */
export const NAMESPACE = "chatmrpt";

/** Where the program gets its config from: Pulumi's runtime, or a test. */
export interface ConfigSource {
    readonly project: string;
    readonly stack: string;
    /** The raw value of a fully qualified key (`chatmrpt:minSize`), or undefined. */
    get(fullKey: string): string | undefined;
    /** Every fully qualified key that is set (to catch misspelt keys). */
    keys(): string[];
    /** Whether a key was set as a secret; undefined when the source cannot tell. */
    isSecret?(fullKey: string): boolean | undefined;
}

/** Reads the config the Pulumi engine handed to this program. */
export function pulumiConfigSource(): ConfigSource {
    return {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        get: (key) => pulumi.runtime.getConfig(key),
        keys: () => Object.keys(pulumi.runtime.allConfig()),
        isSecret: (key) => {
            // The engine lists the stack's secret keys here (the SDK's isConfigSecret reads the same).
            const keys = configSecretKeys();
            return keys === undefined ? undefined : keys.includes(key);
        },
    };
}

/** Either adopt an existing VPC and its subnets, or create one. */
export type NetworkConfig =
    | { readonly mode: "adopt"; readonly vpcId: string; readonly publicSubnetIds: string[]; readonly privateSubnetIds: string[]; readonly privateRouteTableIds: string[] }
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
    /** Old prod's ALB as origin `legacy`, with the router function; unset once decommissioned. */
    readonly legacy?: {
        readonly domainName: string;
        /** The KeyValueStore's routing value: legacy, app or app:<percent>. */
        readonly activeOrigin: string;
        /** The side the function uses when the routing key is missing or malformed. */
        readonly fallback: OriginSide;
    };
}

/** CloudFront's KeyValueStore takes values of at most 1 KB (Developer Guide, "File format for key-value pairs"). */
export const MAX_KVS_VALUE_LENGTH = 1024;

/**
 * How far a custom domain has got. `request`: the certificates exist and their validation
 * records are exported, nothing waits on DNS. `active`: the certificates are validated and
 * the distribution answers to the name.
 */
export const DOMAIN_STAGES = ["request", "active"] as const;
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

/** All problems found in a stack's config, reported together. */
export class StackConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
        this.name = "StackConfigError";
    }
}

/** The keys this program reads; any other `chatmrpt:` key is a typo and is rejected. */
export const KNOWN_KEYS = [
    "shape", "environment", "domainName", "domainStage", "originDomainName", "hostedZoneId",
    "vpcId", "publicSubnetIds", "privateSubnetIds", "vpcCidr", "availabilityZones",
    "instanceType", "minSize", "desiredCapacity", "maxSize", "ami", "appPort", "appWorkers", "healthCheckPath",
    "healthCheckGracePeriodSeconds", "rootVolumeSizeGiB", "cpuTargetPercent", "albIdleTimeoutSeconds",
    "cpuCredits", "typicalAnswerSeconds", "originReadTimeoutSeconds", "appWorkerTimeoutSeconds", "appKeepAliveSeconds",
    "deregistrationDelaySeconds", "stickinessSeconds", "privateRouteTableIds",
    "redisNodeType", "redisNodes", "redisEngine", "redisEngineVersion", "redisSeedSnapshot", "redisSnapshotRetentionDays", "redisSnapshotWindow",
    "redisMaintenanceWindow", "redisAuthToken",
    "alarmElb5xxCount", "alarmTarget5xxCount", "chatLatencyP90Ms", "endpointLatencyLimitMs", "alarmWafBlockedRequests", "alarmRejectedConnectionCount",
    "alarmAsgCpuPercent", "alarmRedisCpuPercent", "alarmRedisMemoryPercent", "alarmRedisConnections",
    "alarmRedisReplicationLagSeconds", "alarmCloudFront5xxRatePercent", "alarmCloudFrontErrorRatePercent",
    "alertEmails", "backupRetentionDays", "backupSchedule", "backupCopyRegion",
    "uploadsNoncurrentVersionDays", "accessLogRetentionDays", "monthlyBudgetUsd", "tags",
    "adoptDistributionId", "legacyOriginDomainName", "activeOrigin", "routerFallbackOrigin", "originOverrideSecret",
    "wafMode", "hstsIncludeSubdomains", "endpointCheckIntervalMinutes", "logRetentionDays", "restoreTestSchedule",
] as const;

/** Keys that no longer exist, and what replaced them. */
const RENAMED_KEYS: Record<string, string> = {
    alarmLatencyP90Ms: "use endpointLatencyLimitMs (/, /health, /system-health through CloudFront) or chatLatencyP90Ms (p90 of all ALB responses)",
};

/** Keys that must be set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["redisAuthToken", "originOverrideSecret"] as const;

/**
 * Reads and validates the whole stack config. Throws a StackConfigError that lists
 * every problem (key, value given, what is allowed) before any resource exists.
 */
export function loadStackConfig(source: ConfigSource): StackConfig {
    const r = new Reader(source);
    // Misspelt keys and namespaces need no preset: report them even when the shape is bad.
    r.rejectUnknownKeys();

    const shapeRaw = r.raw("shape");
    if (shapeRaw === undefined || !(SHAPES as readonly string[]).includes(shapeRaw)) {
        // Without a shape there are no defaults to validate the rest against.
        r.problem(`${NAMESPACE}:shape (${echo(shapeRaw ?? "unset")}): must be one of ${SHAPES.join(", ")}`, true);
        r.throwIfProblems();
    }
    const shape = shapeRaw as Shape;
    r.preset = PRESETS[shape];

    const region = r.required("region", v.checkRegion, "aws");
    const environment = r.string("environment", (s) => (/^[a-z][a-z0-9-]{0,15}$/.test(s) ? undefined : "must be 1-16 lower-case letters, digits or -"));
    const domain = readDomain(r);

    const network = readNetwork(r, region);

    const minSize = r.int("minSize", 1, 20);
    const maxSize = r.int("maxSize", 1, 20);
    const desiredCapacity = r.int("desiredCapacity", 1, 20);
    if (minSize > maxSize) r.problem(`${NAMESPACE}:minSize (${minSize}): must be <= ${NAMESPACE}:maxSize (${maxSize})`);
    if (desiredCapacity < minSize || desiredCapacity > maxSize) {
        r.problem(`${NAMESPACE}:desiredCapacity (${desiredCapacity}): must be between minSize (${minSize}) and maxSize (${maxSize})`);
    }
    const appPort = r.int("appPort", 1024, 65535);
    if (appPort === 6379) r.problem(`${NAMESPACE}:appPort (6379): must not be the Redis port`);

    const web = readWebTimingsAndScaling(r);

    const redisNodes = r.int("redisNodes", 1, 6);
    const redisEngine = (r.string("redisEngine", (s) => ((CACHE_ENGINES as readonly string[]).includes(s)
        ? undefined
        : `must be one of ${CACHE_ENGINES.join(", ")} (Valkey is a drop-in for Redis OSS 7 at lower node prices)`)) ?? "redis") as CacheEngine;
    // The version defaults by engine: a preset's Redis 7.1 would be wrong for valkey.
    const redisEngineVersion = (r.explicit("redisEngineVersion") ?? "") === ""
        ? DEFAULT_ENGINE_VERSION[redisEngine]
        : r.optional("redisEngineVersion", (s) => (ENGINE_VERSIONS[redisEngine].includes(s)
            ? undefined
            : `must be one of ${ENGINE_VERSIONS[redisEngine].join(", ")} when ${NAMESPACE}:redisEngine is ${redisEngine}`)) ?? "";
    const snapshotWindow = r.string("redisSnapshotWindow", v.checkDailyWindow);
    const maintenanceWindow = r.string("redisMaintenanceWindow", v.checkWeeklyWindow);
    if (snapshotWindow && maintenanceWindow && !v.checkDailyWindow(snapshotWindow) && !v.checkWeeklyWindow(maintenanceWindow) &&
        v.windowsOverlap(snapshotWindow, maintenanceWindow)) {
        r.problem(`${NAMESPACE}:redisSnapshotWindow (${snapshotWindow}): must not overlap ${NAMESPACE}:redisMaintenanceWindow (${maintenanceWindow})`);
    }

    const alertEmails = r.list("alertEmails", v.checkEmail);
    const logRetentionDays = r.int("logRetentionDays", 1, 3653);
    if (Number.isInteger(logRetentionDays) && !(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        r.problem(`${NAMESPACE}:logRetentionDays (${logRetentionDays}): must be one of ${LOG_RETENTION_DAYS.join(", ")} (CloudWatch Logs retention values)`);
    }
    const copyRegion = r.optional("backupCopyRegion", v.checkRegion);
    if (copyRegion && copyRegion === region) {
        r.problem(`${NAMESPACE}:backupCopyRegion (${copyRegion}): must differ from the stack's region (${region})`);
    }

    const extraTags = r.object("tags");
    const tags: Record<string, string> = { ...extraTags, Project: source.project, Environment: environment ?? "", ManagedBy: "pulumi" };
    const countProblem = v.checkTagCount(Object.keys(extraTags).length);
    if (countProblem) r.problem(`${NAMESPACE}:tags (${Object.keys(extraTags).length} tags): ${countProblem}`);
    for (const [k, value] of Object.entries(extraTags)) {
        const problem = v.checkTag(k, value);
        if (problem) r.problem(`${NAMESPACE}:tags (${echo(`${k}=${value}`)}): ${problem}`);
        // Components set these per resource: a stack's value would be silently replaced.
        if (["Project", "Environment", "ManagedBy", "Name", "Tier", "Purpose"].includes(k)) {
            r.problem(`${NAMESPACE}:tags (${k}): is set by the program and must not be overridden`);
        }
    }
    if (environment && v.checkSsmParameterName(`/${source.project}/${environment}/redis/auth-token`, { creating: true, region })) {
        r.problem(`${NAMESPACE}:environment (${environment}): names the SSM parameter /${source.project}/${environment}/redis/auth-token, which ${v.checkSsmParameterName(`/${source.project}/${environment}/redis/auth-token`, { creating: true, region })}`);
    }

    const cutover = readCutover(r);

    const config: StackConfig = {
        shape,
        project: source.project,
        stack: source.stack,
        environment: environment ?? "",
        region: region ?? "",
        tags,
        network,
        domain,
        web: {
            instanceType: r.string("instanceType", v.checkInstanceType) ?? "",
            minSize,
            desiredCapacity,
            maxSize,
            ami: r.required("ami", (s) => v.checkAmi(s) ?? (s.startsWith("ssm:") ? v.checkSsmParameterName(s.slice(4), { creating: false, region }) : undefined)) ?? "",
            appPort,
            appWorkers: r.int("appWorkers", 1, 64),
            healthCheckPath: r.string("healthCheckPath", v.checkHttpPath) ?? "",
            healthCheckGracePeriodSeconds: r.int("healthCheckGracePeriodSeconds", 60, 3600),
            rootVolumeSizeGiB: r.int("rootVolumeSizeGiB", 8, 1024),
            ...web.web,
        },
        originReadTimeoutSeconds: web.originReadTimeoutSeconds,
        cache: {
            nodeType: r.string("redisNodeType", v.checkCacheNodeType) ?? "",
            nodes: redisNodes,
            engine: redisEngine,
            engineVersion: redisEngineVersion,
            seedSnapshotName: r.optional("redisSeedSnapshot", checkSnapshotName),
            snapshotRetentionDays: r.int("redisSnapshotRetentionDays", 1, 35),
            snapshotWindow: snapshotWindow ?? "",
            maintenanceWindow: maintenanceWindow ?? "",
        },
        alarms: {
            elb5xxCount: r.int("alarmElb5xxCount", 1, 100000),
            target5xxCount: r.int("alarmTarget5xxCount", 1, 100000),
            // LLM answers take seconds; CloudFront gives up on the origin at 60 s.
            chatLatencyP90Ms: r.int("chatLatencyP90Ms", 1000, 60000),
            endpointLatencyMs: r.int("endpointLatencyLimitMs", 10, 60000),
            wafBlockedRequests: r.int("alarmWafBlockedRequests", 1, 1000000),
            rejectedConnectionCount: r.int("alarmRejectedConnectionCount", 1, 100000),
            asgCpuPercent: r.int("alarmAsgCpuPercent", 1, 100),
            redisCpuPercent: r.int("alarmRedisCpuPercent", 1, 100),
            redisMemoryPercent: r.int("alarmRedisMemoryPercent", 1, 100),
            redisConnections: r.int("alarmRedisConnections", 1, 65000),
            redisReplicationLagSeconds: r.int("alarmRedisReplicationLagSeconds", 1, 3600),
            cloudFront5xxRatePercent: r.number("alarmCloudFront5xxRatePercent", 0.1, 100),
            cloudFrontErrorRatePercent: r.number("alarmCloudFrontErrorRatePercent", 0.1, 100),
        },
        alertEmails,
        wafMode: (r.string("wafMode", (s) => (s === "count" || s === "block" ? undefined : "must be count or block")) ?? "count") as "count" | "block",
        hstsIncludeSubdomains: r.string("hstsIncludeSubdomains", (s) => (s === "true" || s === "false" ? undefined : "must be true or false")) === "true",
        endpointCheckIntervalMinutes: r.int("endpointCheckIntervalMinutes", 1, 60),
        logs: { retentionDays: logRetentionDays },
        restoreTestSchedule: r.string("restoreTestSchedule", CRON_CHECK) ?? "",
        backups: {
            // AWS Backup needs >= 1 day; 35 matches the longest ElastiCache retention.
            retentionDays: r.int("backupRetentionDays", 1, 3650),
            schedule: r.string("backupSchedule", (s) => v.checkAwsCron(s, { hourlyAtMost: true })) ?? "",
            copyRegion,
        },
        storage: {
            uploadsNoncurrentVersionDays: r.int("uploadsNoncurrentVersionDays", 1, 3650),
            accessLogRetentionDays: r.int("accessLogRetentionDays", 1, 3650),
        },
        monthlyBudgetUsd: r.number("monthlyBudgetUsd", 1, 1000000),
        cutover,
        secrets: {
            redisAuthToken: r.secret("redisAuthToken", v.checkRedisAuthToken),
            // Required only while the router exists; a leftover one after decommission is harmless.
            originOverrideSecret: cutover.legacy === undefined
                ? pulumi.secret("")
                : r.secret("originOverrideSecret", (s) => (s.length >= MIN_OVERRIDE_TOKEN_LENGTH && s.length <= MAX_KVS_VALUE_LENGTH
                    ? undefined
                    : `must be ${MIN_OVERRIDE_TOKEN_LENGTH} to ${MAX_KVS_VALUE_LENGTH} characters (the router ignores shorter tokens; a KeyValueStore value holds at most 1 KB), such as the output of \`openssl rand -hex 32\``)),
        },
    };
    // The components' own checks, on the values they will get: whatever they would refuse
    // is reported here, by key, before any resource exists. Only on a config that is valid
    // so far (an unset value would fail them for the wrong reason).
    if (!r.hasProblems()) runComponentChecks(r, config);
    r.throwIfProblems();
    return config;
}

/**
 * The custom domain, if any. Without `domainName` nothing else domain-related may be set:
 * the site is served on the distribution's own name and no certificate is requested.
 */
function readDomain(r: Reader): CustomDomain | undefined {
    const checkName = (s: string) => v.checkDomainName(s) ?? v.checkNotPlaceholderDomain(s);
    const name = r.optional("domainName", checkName);
    const stageRaw = r.explicit("domainStage");
    const originName = r.optional("originDomainName", checkName);
    const hostedZoneId = r.optional("hostedZoneId", (s) => (/^Z[A-Z0-9]{1,31}$/.test(s) ? undefined : "must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ"));
    if (r.explicit("domainName") === undefined || r.explicit("domainName") === "") {
        for (const [key, value] of [["domainStage", stageRaw], ["originDomainName", r.explicit("originDomainName")], ["hostedZoneId", r.explicit("hostedZoneId")]] as const) {
            if (value !== undefined && value !== "") r.problem(`${NAMESPACE}:${key} (${value}): must not be set without ${NAMESPACE}:domainName`);
        }
        return undefined;
    }
    let stage: DomainStage | undefined;
    if (stageRaw === undefined || stageRaw === "") {
        // With a zone the program writes the validation records itself, so both steps fit in one run.
        if (hostedZoneId !== undefined) stage = "active";
        else r.problem(`${NAMESPACE}:domainStage (unset): must be request or active when ${NAMESPACE}:domainName is set without ${NAMESPACE}:hostedZoneId (request first; active once the validation records exist)`);
    } else if ((DOMAIN_STAGES as readonly string[]).includes(stageRaw)) {
        stage = stageRaw as DomainStage;
    } else {
        r.problem(`${NAMESPACE}:domainStage (${stageRaw}): must be one of ${DOMAIN_STAGES.join(", ")}`);
    }
    // The ALB's certificate names both: ACM refuses a SAN that repeats the domain.
    if (name !== undefined && originName === name) r.problem(`${NAMESPACE}:originDomainName (${echo(originName)}): must differ from ${NAMESPACE}:domainName`);
    if (name === undefined || stage === undefined) return undefined;
    return { name, originName: originName ?? `origin.${name}`, stage, hostedZoneId };
}

/** The app tier's scaling and timeout keys, with the orderings between them checked. */
function readWebTimingsAndScaling(r: Reader) {
    const instanceType = r.raw("instanceType") ?? "";
    const cpuTargetPercent = r.int("cpuTargetPercent", 10, 90);
    const cpuCredits = r.string("cpuCredits", (s) => ((CPU_CREDIT_MODES as readonly string[]).includes(s) ? undefined : "must be standard or unlimited")) as CpuCreditMode | undefined;
    const burst = BURSTABLE_BASELINES[instanceType];
    // Out of credits, a standard instance is held at its baseline: a target above it is never reached.
    if (burst && cpuCredits === "standard" && cpuTargetPercent > burst.baselinePercent) {
        r.problem(`${NAMESPACE}:cpuTargetPercent (${cpuTargetPercent}): must be <= ${burst.baselinePercent}, the baseline of ${instanceType}, with ${NAMESPACE}:cpuCredits standard`);
    }
    // An instance gets the grace period to pass /health; the bounded SSM fetch must give up inside it.
    const grace = Number(r.raw("healthCheckGracePeriodSeconds"));
    if (Number.isInteger(grace) && grace <= SSM_FETCH_BOUND_SECONDS) {
        r.problem(`${NAMESPACE}:healthCheckGracePeriodSeconds (${grace}): must be > ${SSM_FETCH_BOUND_SECONDS}, the longest boot-time SSM fetch`);
    }
    const typicalAnswerSeconds = r.int("typicalAnswerSeconds", 1, 600);
    const timeouts = {
        // CloudFront allows 1-60 s without a quota increase (up to 180 with one).
        originReadTimeoutSeconds: r.int("originReadTimeoutSeconds", 1, 180),
        // The ALB's idle timeout: 1-4000 s.
        albIdleTimeoutSeconds: r.int("albIdleTimeoutSeconds", 1, 4000),
        appWorkerTimeoutSeconds: r.int("appWorkerTimeoutSeconds", 1, 3600),
        appKeepAliveSeconds: r.int("appKeepAliveSeconds", 2, 4001),
        // Target group deregistration delay: 0-3600 s (AWS); the rollback budget caps it lower.
        deregistrationDelaySeconds: r.int("deregistrationDelaySeconds", 0, 3600),
    };
    if (Object.values(timeouts).every(Number.isFinite)) {
        for (const [[key, other], sentence] of timeoutProblems(timeouts)) {
            r.problem(`${NAMESPACE}:${key} (${timeouts[key as keyof typeof timeouts]}): ${sentence.replace(other, `${NAMESPACE}:${other}`)}`);
        }
    }
    const { originReadTimeoutSeconds, ...webTimeouts } = timeouts;
    return {
        originReadTimeoutSeconds,
        web: {
            cpuTargetPercent,
            cpuCredits: cpuCredits ?? "unlimited",
            typicalAnswerSeconds,
            ...webTimeouts,
            // lb_cookie: 1 s to 7 days; 0 turns stickiness off (once uploads live in S3 only).
            stickinessSeconds: r.int("stickinessSeconds", 0, 604800),
        },
    };
}

/**
 * The cutover keys. Without `legacyOriginDomainName` there is no router, so routing may
 * only say `app` (everyone is there already): a stack file still routing users to an
 * origin being removed is refused rather than silently ignored.
 */
function readCutover(r: Reader): CutoverConfig {
    // Observed IDs are E plus 13 or 14 upper-case letters and digits (E2QWRUHAPOMQZL; the
    // provider's docs show EDFDVBD632BHDS5); AWS documents no fixed length.
    const adoptDistributionId = r.optional("adoptDistributionId", (s) => (/^E[A-Z0-9]{13,14}$/.test(s)
        ? undefined
        : `must be a CloudFront distribution ID (E and 13 or 14 upper-case letters or digits, such as E2EXAMPLE12345); look it up from the distribution's domain with \`aws cloudfront list-distributions --query "DistributionList.Items[?DomainName=='d225ar6c86586s.cloudfront.net'].Id" --output text\``));
    const domainName = r.optional("legacyOriginDomainName", (s) => v.checkDomainName(s) ?? (s.endsWith(".cloudfront.net")
        ? "must be old prod's load balancer, not a CloudFront distribution"
        : undefined));
    const activeOrigin = r.optional("activeOrigin", checkRouting);
    const sides = Object.keys(ORIGIN_IDS);
    const fallback = r.optional("routerFallbackOrigin", (s) => (sides.includes(s) ? undefined : `must be one of ${sides.join(", ")}`)) as OriginSide | undefined;
    if (r.explicit("legacyOriginDomainName") === undefined || r.explicit("legacyOriginDomainName") === "") {
        for (const [key, value] of [["activeOrigin", activeOrigin], ["routerFallbackOrigin", fallback]] as const) {
            if (value !== undefined && value !== ORIGIN_IDS.app) {
                r.problem(`${NAMESPACE}:${key} (${value}): must be unset or app without ${NAMESPACE}:legacyOriginDomainName (there is no legacy origin to send users to)`);
            }
        }
        return { adoptDistributionId };
    }
    if (domainName === undefined) return { adoptDistributionId };
    // Defaults send nobody anywhere new: old prod until the routing key says otherwise.
    return { adoptDistributionId, legacy: { domainName, activeOrigin: activeOrigin ?? ORIGIN_IDS.legacy, fallback: fallback ?? "legacy" } };
}

function runComponentChecks(r: Reader, c: StackConfig): void {
    const check = (validate: () => void, keys: Record<string, string>) => {
        try {
            validate();
        } catch (e) {
            r.problem(v.componentProblem(e instanceof Error ? e.message : String(e), keys));
        }
    };
    const privateSubnets = () => (c.network.mode === "adopt" ? c.network.privateSubnetIds.length : 2);
    check(() => validateNetworkArgs(c.network.mode === "adopt"
        ? { region: c.region, vpcId: c.network.vpcId, publicSubnetIds: c.network.publicSubnetIds, privateSubnetIds: c.network.privateSubnetIds }
        : { region: c.region, cidrBlock: c.network.cidrBlock, availabilityZones: c.network.availabilityZones }),
    { cidrBlock: "vpcCidr", availabilityZones: "availabilityZones", publicSubnetIds: "publicSubnetIds", privateSubnetIds: "privateSubnetIds" });
    check(() => validateWebTierArgs({ ...c.web, originReadTimeoutSeconds: c.originReadTimeoutSeconds, gracePeriod: c.web.healthCheckGracePeriodSeconds, privateSubnetCount: privateSubnets() }), {
        ...Object.fromEntries(["minSize", "maxSize", "desiredCapacity", "appPort", "appWorkers", "healthCheckPath", "ami", "instanceType", "cpuCredits", "cpuTargetPercent",
            "typicalAnswerSeconds", "stickinessSeconds", "originReadTimeoutSeconds", "albIdleTimeoutSeconds", "appWorkerTimeoutSeconds", "appKeepAliveSeconds",
            "deregistrationDelaySeconds", "privateSubnetIds"].map((k) => [k, k])),
        gracePeriod: "healthCheckGracePeriodSeconds",
    });
    check(() => validateCacheArgs({ ...c.cache, subnetCount: privateSubnets() }), {
        nodes: "redisNodes", snapshotRetentionDays: "redisSnapshotRetentionDays", engine: "redisEngine", engineVersion: "redisEngineVersion",
        seedSnapshotName: "redisSeedSnapshot", subnetIds: "privateSubnetIds",
    });
    check(() => validateBackupsArgs({ retentionDays: c.backups.retentionDays, schedule: c.backups.schedule }), { retentionDays: "backupRetentionDays", schedule: "backupSchedule" });
    check(() => validateThresholds(c.alarms), Object.fromEntries(Object.keys(c.alarms).map((k) => [`thresholds.${k}`, `alarm${k[0].toUpperCase()}${k.slice(1)}`])));
}

/** An AWS cron expression, field by field (stacks/validate.ts checkAwsCron). */
const CRON_CHECK = (s: string) => v.checkAwsCron(s);

function readNetwork(r: Reader, region: string | undefined): NetworkConfig {
    const vpcId = r.optional("vpcId", (s) => v.checkAwsId(s, "vpc"));
    const publicSubnetIds = r.list("publicSubnetIds", (s) => v.checkAwsId(s, "subnet"));
    const privateSubnetIds = r.list("privateSubnetIds", (s) => v.checkAwsId(s, "subnet"));
    if (vpcId !== undefined || publicSubnetIds.length > 0 || privateSubnetIds.length > 0) {
        // Adopting: the ALB and the Auto Scaling group each need two AZs' worth of subnets.
        if (vpcId === undefined) r.problem(`${NAMESPACE}:vpcId (unset): is required when subnet IDs are given`);
        for (const id of publicSubnetIds.filter((s) => privateSubnetIds.includes(s))) {
            r.problem(`${NAMESPACE}:privateSubnetIds (${id}): is also in ${NAMESPACE}:publicSubnetIds; a subnet is either public or private`);
        }
        for (const [key, ids] of [["publicSubnetIds", publicSubnetIds], ["privateSubnetIds", privateSubnetIds]] as const) {
            if (ids.length < 2) r.problem(`${NAMESPACE}:${key} (${JSON.stringify(ids)}): must list at least 2 subnets in different AZs when adopting a VPC`);
        }
        const cidr = r.explicit("vpcCidr");
        if (cidr !== undefined) r.problem(`${NAMESPACE}:vpcCidr (${cidr}): must not be set when adopting a VPC (vpcId)`);
        // The S3 gateway endpoint goes on these (an adopted VPC's routes are not ours to find).
        const privateRouteTableIds = r.list("privateRouteTableIds", (s) => v.checkAwsId(s, "rtb"));
        return { mode: "adopt", vpcId: vpcId ?? "", publicSubnetIds, privateSubnetIds, privateRouteTableIds };
    }
    const routeTables = r.explicit("privateRouteTableIds");
    if (routeTables !== undefined) r.problem(`${NAMESPACE}:privateRouteTableIds (${routeTables}): only applies when adopting a VPC (vpcId); a created VPC's route tables are found by the program`);
    const cidrBlock = r.string("vpcCidr", v.checkVpcCidr) ?? "";
    if (cidrBlock && !v.checkVpcCidr(cidrBlock) && Number(cidrBlock.split("/")[1]) > 20) {
        r.problem(`${NAMESPACE}:vpcCidr (${cidrBlock}): must be /20 or larger to hold four /22 subnets`);
    }
    let availabilityZones = r.list("availabilityZones", (s) => (region ? v.checkAvailabilityZone(s, region) : "cannot be checked without a valid aws:region"));
    // By default the region's first two AZs (not every region has a "b": ap-northeast-1 does not).
    if (availabilityZones.length === 0 && region) availabilityZones = [...(AZ_LETTERS_BY_REGION[region] ?? "ab").slice(0, 2)].map((l) => `${region}${l}`);
    if (availabilityZones.length !== 2) {
        r.problem(`${NAMESPACE}:availabilityZones (${JSON.stringify(availabilityZones)}): must list exactly 2 AZs`);
    }
    return { mode: "create", cidrBlock, availabilityZones };
}

/** Namespaces a stack file may hold besides this project's. */
const OTHER_NAMESPACES = ["aws", "pulumi"];

/** Collects problems instead of throwing at the first, so one run shows them all. */
class Reader {
    preset: Record<string, string> = {};
    private readonly problems: string[] = [];

    constructor(private readonly source: ConfigSource) {}

    /** Records a problem; `first` puts it at the top (the one to fix first). */
    problem(message: string, first = false): void {
        if (this.problems.includes(message)) return;
        if (first) this.problems.unshift(message);
        else this.problems.push(message);
    }

    hasProblems(): boolean {
        return this.problems.length > 0;
    }

    throwIfProblems(): void {
        if (this.problems.length > 0) throw new StackConfigError(this.problems);
    }

    /** Unknown keys (with the nearest known one), a key given twice in two spellings, a misspelt namespace. */
    rejectUnknownKeys(): void {
        const known = [...KNOWN_KEYS] as string[];
        const byLowerCase = new Map<string, string[]>();
        for (const full of this.source.keys()) {
            const colon = full.indexOf(":");
            if (colon < 0) continue; // engine settings such as PULUMI_CONFIG_SECRET_KEYS
            const namespace = full.slice(0, colon);
            const key = full.slice(colon + 1);
            if (namespace !== NAMESPACE) {
                if (!OTHER_NAMESPACES.includes(namespace) && v.editDistance(namespace.toLowerCase(), NAMESPACE) <= 2) {
                    this.problem(`${echo(full)}: namespace ${namespace}: is not this project's; did you mean ${NAMESPACE}:${v.closest(key, known) ?? key}?`);
                }
                continue;
            }
            const spellings = byLowerCase.get(key.toLowerCase()) ?? [];
            byLowerCase.set(key.toLowerCase(), [...spellings, full]);
            // The pack config is what `pulumi preview --policy-pack-config` reads, so adopted groups live only there.
            if (key in RENAMED_KEYS) {
                this.problem(`${full}: was renamed; ${RENAMED_KEYS[key]}`);
            } else if (key === "adoptedSecurityGroupIds") {
                this.problem(`${full}: moved to the policy pack config policies/config.<stack>.json ("no-literal-security-group-ids": {"adoptedSecurityGroupIds": [...]}), the one file the CLI reads; remove it here`);
            } else if (!known.includes(key)) {
                const near = v.closest(key, known);
                this.problem(near
                    ? `${echo(full)}: is not a known key; did you mean ${NAMESPACE}:${near}?`
                    : `${echo(full)}: is not a known key (known keys: ${known.join(", ")})`);
            }
        }
        for (const spellings of byLowerCase.values()) {
            if (spellings.length > 1) this.problem(`${spellings.join(" and ")}: the same key is given twice in different spellings; keep one`);
        }
    }

    /** The value the stack itself sets, ignoring the preset. */
    explicit(key: string): string | undefined {
        return this.source.get(`${NAMESPACE}:${key}`);
    }

    raw(key: string, namespace = NAMESPACE): string | undefined {
        return this.source.get(`${namespace}:${key}`) ?? (namespace === NAMESPACE ? this.preset[key] : undefined);
    }

    private check(key: string, value: string, check?: (s: string) => string | undefined, namespace = NAMESPACE): string | undefined {
        const problem = check?.(value);
        if (problem) {
            this.problem(`${namespace}:${key} (${echo(value)}): ${problem}`);
            return undefined;
        }
        return value;
    }

    /** A list or map where one value belongs (Pulumi passes them as JSON). */
    private structured(key: string, value: string, namespace = NAMESPACE): boolean {
        if (!/^\s*[[{]/.test(value)) return false;
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            return false;
        }
        if (typeof parsed !== "object" || parsed === null) return false;
        this.problem(`${namespace}:${key} (${echo(value)}): must be a single value, not a ${Array.isArray(parsed) ? "list" : "map"} (in Pulumi.<stack>.yaml: ${namespace}:${key}: <value>)`);
        return true;
    }

    string(key: string, check?: (s: string) => string | undefined): string | undefined {
        const value = this.raw(key);
        if (value === undefined) {
            this.problem(`${NAMESPACE}:${key} (unset): is required`);
            return undefined;
        }
        if (this.structured(key, value)) return undefined;
        return this.check(key, value, check);
    }

    required(key: string, check: (s: string) => string | undefined, namespace = NAMESPACE): string | undefined {
        const value = this.raw(key, namespace);
        if (value === undefined || value === "") {
            this.problem(`${namespace}:${key} (unset): is required; set it with \`pulumi config set ${namespace}:${key} <value>\``);
            return undefined;
        }
        if (this.structured(key, value, namespace)) return undefined;
        return this.check(key, value, check, namespace);
    }

    optional(key: string, check: (s: string) => string | undefined): string | undefined {
        const value = this.raw(key);
        if (value === undefined || value === "" || this.structured(key, value)) return undefined;
        return this.check(key, value, check);
    }

    int(key: string, min: number, max: number): number {
        return this.numeric(key, min, max, v.checkIntegerInRange);
    }

    number(key: string, min: number, max: number): number {
        return this.numeric(key, min, max, v.checkNumberInRange);
    }

    private numeric(key: string, min: number, max: number, check: (n: number, min: number, max: number) => string | undefined): number {
        const value = this.raw(key);
        if (value === undefined) {
            this.problem(`${NAMESPACE}:${key} (unset): is required (${check(NaN, min, max)})`);
            return NaN;
        }
        if (this.structured(key, value)) return NaN;
        // Number() reads 0x10, 1e3, "2." and " 2" too: only plain decimal is what it looks like.
        const notation = v.checkPlainDecimal(value);
        const n = notation ? NaN : Number(value);
        const problem = check(n, min, max);
        if (problem) {
            this.problem(`${NAMESPACE}:${key} (${echo(value)}): ${problem}${notation && /^\s*-?[\d.]/.test(value) ? ", written as plain decimal (not 0x10, 1e3, 2. or with spaces)" : ""}`);
            return NaN;
        }
        return n;
    }

    list(key: string, check: (s: string) => string | undefined): string[] {
        const value = this.raw(key);
        if (value === undefined || value === "") return [];
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string")) {
            this.problem(`${NAMESPACE}:${key} (${echo(value)}): must be a list of strings (a YAML list in Pulumi.<stack>.yaml)`);
            return [];
        }
        const items = parsed as string[];
        // Lists name distinct things (subnets, AZs, addresses): a repeat is a mistake.
        for (const repeated of v.duplicatesOf(items, (s) => s.toLowerCase())) {
            this.problem(`${NAMESPACE}:${key} (${echo(repeated)}): is listed more than once`);
        }
        return items.filter((item) => this.check(`${key}`, item, check) !== undefined);
    }

    object(key: string): Record<string, string> {
        const value = this.raw(key);
        if (value === undefined || value === "") return {};
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = undefined;
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((x) => typeof x !== "string")) {
            this.problem(`${NAMESPACE}:${key} (${echo(value)}): must be a map of strings to strings`);
            return {};
        }
        return parsed as Record<string, string>;
    }

    secret(key: string, check: (s: string) => string | undefined): pulumi.Output<string> {
        const full = `${NAMESPACE}:${key}`;
        const value = this.source.get(full);
        if (value === undefined || value === "") {
            this.problem(`${full} (unset): is a required secret; set it with \`pulumi config set --secret ${full} <value>\``);
            return pulumi.secret("");
        }
        // Never echo a secret: say what is wrong, not what was given.
        if (this.source.isSecret?.(full) === false) {
            this.problem(`${full} (plaintext, ${value.length} characters): must be a secret, not plaintext in the stack file; remove it and set it with \`pulumi config set --secret ${full} <value>\``);
        }
        const problem = check(value);
        if (problem) this.problem(`${full} (secret, ${value.length} characters): ${problem}`);
        return pulumi.secret(value);
    }
}
