/**
 * THE config spec: every `chatmrpt:` key, once. Its type, its default in each shape, what
 * is allowed, what it means (one sentence an operator reads) and the section of the config
 * reader that reads it. Everything else comes from here: the known-key list (unknown keys are
 * refused with a did-you-mean), the presets (`stacks/presets.ts`), the range and choice
 * messages, the plan's budget default, the map from a component's argument back to its key,
 * and the table in docs/configuration.md (`npm run docs:config`).
 *
 * To add a key: add one entry to CONFIG_SPEC below (section, kind, default per shape if any,
 * range or values or check, meaning), read it in its section's reader under stacks/config/
 * (`r.int("myKey")`, `r.string("myKey")`, ... take the range and check from here), then run
 * `npm run docs:config` and commit docs/configuration.md. Nothing else lists keys.
 */
import { checkRouting, MIN_OVERRIDE_TOKEN_LENGTH, ORIGIN_IDS } from "../components/originRouter";
import { checkSnapshotName, CACHE_ENGINES } from "../components/cache";
import { CPU_CREDIT_MODES } from "../components/webTier";
import { WAF_MODES } from "../components/webAcl";
import { LOG_RETENTION_DAYS } from "../components/appLogs";
import * as v from "./validate";

/** The shapes a stack can select with `chatmrpt:shape`. */
export const SHAPES = ["prod"] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * How far a custom domain has got. `request`: the certificates exist and their validation
 * records are exported, nothing waits on DNS. `active`: the certificates are validated and
 * the distribution answers to the name.
 */
export const DOMAIN_STAGES = ["request", "active"] as const;

/** The config reader's sections, one file each under stacks/config/, in reading order. */
export const SECTIONS = {
    stack: "Stack",
    domain: "Custom domain",
    network: "Network",
    webTier: "App tier",
    cache: "Redis",
    monitoring: "Monitoring and logs",
    edge: "Edge (WAF, HSTS, endpoint canary)",
    backups: "Backups and storage",
    cutover: "Cutover",
} as const;
export type Section = keyof typeof SECTIONS;

/** A value check: undefined when allowed, or a sentence saying what is allowed. */
export type Check = (value: string) => string | undefined;

interface Common {
    readonly section: Section;
    /** One sentence an operator reads (the docs' table). */
    readonly meaning: string;
    /** The preset value in each shape (as Pulumi config stores it: a string). */
    readonly default?: Partial<Record<Shape, string>>;
    /** For the docs, when the default is computed rather than preset. */
    readonly defaultText?: string;
    /** Component arguments this key becomes (`component.arg`): their problems are reported under this key. */
    readonly args?: readonly string[];
}
export type KeySpec = Common & (
    | { readonly kind: "int" | "number"; readonly min: number; readonly max: number }
    | { readonly kind: "enum"; readonly values: readonly string[]; readonly note?: string }
    | { readonly kind: "boolean" }
    | { readonly kind: "string"; readonly check?: Check; readonly allowed: string; readonly required?: boolean }
    | { readonly kind: "list"; readonly check?: Check; readonly allowed: string }
    | { readonly kind: "map"; readonly allowed: string }
    | { readonly kind: "secret"; readonly check: Check; readonly allowed: string }
);

const prod = (value: string) => ({ prod: value });
type IntSpec = KeySpec & { readonly kind: "int" };
const int = (section: Section, min: number, max: number, def: string | undefined, meaning: string, args?: string[]): IntSpec =>
    ({ section, kind: "int", min, max, default: def === undefined ? undefined : prod(def), meaning, args });
const alarm = (min: number, max: number, def: string, meaning: string, arg: string): IntSpec =>
    int("monitoring", min, max, def, meaning, [`monitoring.thresholds.${arg}`]);

const checkEnvironment: Check = (s) => (/^[a-z][a-z0-9-]{0,15}$/.test(s) ? undefined : "must be 1-16 lower-case letters, digits or -");
const checkSiteName: Check = (s) => v.checkDomainName(s) ?? v.checkNotPlaceholderDomain(s);
const checkZoneId: Check = (s) => (/^Z[A-Z0-9]{1,31}$/.test(s) ? undefined : "must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ");
// Observed IDs are E plus 13 or 14 upper-case letters and digits (E2QWRUHAPOMQZL; the
// provider's docs show EDFDVBD632BHDS5); AWS documents no fixed length.
const checkDistributionId: Check = (s) => (/^E[A-Z0-9]{13,14}$/.test(s) ? undefined
    : "must be a CloudFront distribution ID (E and 13 or 14 upper-case letters or digits, such as E2EXAMPLE12345); "
      + "look it up from the distribution's domain with `aws cloudfront list-distributions --query "
      + "\"DistributionList.Items[?DomainName=='d225ar6c86586s.cloudfront.net'].Id\" --output text`");
const checkLegacyOrigin: Check = (s) => v.checkDomainName(s) ?? (s.endsWith(".cloudfront.net")
    ? "must be old prod's load balancer, not a CloudFront distribution" : undefined);
/** CloudFront's KeyValueStore takes values of at most 1 KB (Developer Guide, "File format for key-value pairs"). */
export const MAX_KVS_VALUE_LENGTH = 1024;
const checkOverrideSecret: Check = (s) => (s.length >= MIN_OVERRIDE_TOKEN_LENGTH && s.length <= MAX_KVS_VALUE_LENGTH ? undefined
    : `must be ${MIN_OVERRIDE_TOKEN_LENGTH} to ${MAX_KVS_VALUE_LENGTH} characters (the router ignores shorter tokens; `
      + "a KeyValueStore value holds at most 1 KB), such as the output of `openssl rand -hex 32`");

/** Every `chatmrpt:` key. The order is the docs' order within a section. */
export const CONFIG_SPEC = {
    // Stack
    shape: { section: "stack", kind: "enum", values: SHAPES, meaning: "Selects the preset whose values every other key defaults to." },
    environment: { section: "stack", kind: "string", check: checkEnvironment, allowed: "1-16 lower-case letters, digits or -", default: prod("prod"),
        meaning: "The environment's name: in resource names, log groups, the SSM parameter path and the Environment tag." },
    tags: { section: "stack", kind: "map", allowed: "a map of tag names to string values, at most 45; not Project, Environment, ManagedBy, Name, Tier or Purpose",
        meaning: "Extra tags on every taggable resource (Project, Environment and ManagedBy are always set)." },
    // The team's target after consolidation.
    monthlyBudgetUsd: { section: "stack", kind: "number", min: 1, max: 1000000, default: prod("260"), meaning: "The monthly budget in USD: the plan fails above it." },
    // Custom domain
    domainName: { section: "domain", kind: "string", check: checkSiteName, allowed: "a lower-case DNS name of two or more labels, not a placeholder",
        defaultText: "none", meaning: "The site's own name; unset, viewers use https://<distribution>.cloudfront.net." },
    domainStage: { section: "domain", kind: "enum", values: DOMAIN_STAGES, defaultText: "none (active with hostedZoneId)",
        meaning: "With domainName: request (certificates and their validation records only) or active (validated, alias attached)." },
    originDomainName: { section: "domain", kind: "string", check: checkSiteName, allowed: "a lower-case DNS name, not domainName", defaultText: "origin.<domainName>",
        meaning: "The name CloudFront asks the ALB for over HTTPS once active (the ALB's certificate covers it and domainName)." },
    hostedZoneId: { section: "domain", kind: "string", check: checkZoneId, allowed: "a Route 53 hosted zone ID (Z...)", defaultText: "none",
        meaning: "The Route 53 zone holding domainName: validation and alias records are created in it, both steps in one run." },
    // Network
    vpcCidr: { section: "network", kind: "string", check: v.checkVpcCidr, allowed: "an IPv4 CIDR block from /16 to /20", default: prod("10.20.0.0/16"),
        meaning: "The block of the VPC the stack creates (four subnets are cut from it).", args: ["network.cidrBlock"] },
    availabilityZones: { section: "network", kind: "list", allowed: "exactly 2 availability zones of aws:region", defaultText: "the region's first two",
        meaning: "The zones of the VPC the stack creates.", args: ["network.availabilityZones"] },
    vpcId: { section: "network", kind: "string", check: (s) => v.checkAwsId(s, "vpc"), allowed: "vpc-xxxxxxxx", defaultText: "none",
        meaning: "Adopt this existing VPC (with its subnets) instead of creating one." },
    publicSubnetIds: { section: "network", kind: "list", check: (s) => v.checkAwsId(s, "subnet"), allowed: "2 or more subnet-xxxxxxxx",
        meaning: "With vpcId: the public subnets (the NAT side).", args: ["network.publicSubnetIds"] },
    privateSubnetIds: { section: "network", kind: "list", check: (s) => v.checkAwsId(s, "subnet"), allowed: "2 or more subnet-xxxxxxxx",
        meaning: "With vpcId: the private subnets of the ALB, instances and Redis.",
        args: ["network.privateSubnetIds", "webTier.privateSubnetIds", "cache.subnetIds"] },
    privateRouteTableIds: { section: "network", kind: "list", check: (s) => v.checkAwsId(s, "rtb"), allowed: "rtb-xxxxxxxx, with vpcId only",
        meaning: "With vpcId: the private subnets' route tables, which get the S3 gateway endpoint (none without them)." },
    // App tier
    instanceType: { section: "webTier", kind: "string", check: v.checkInstanceType, allowed: `an EC2 type of ${v.ALLOWED_INSTANCE_FAMILIES.join(", ")}`,
        default: prod("t3.large"), meaning: "The app instances' EC2 type." },
    minSize: int("webTier", 1, 20, "2", "The Auto Scaling group's minimum instances.", ["webTier.minSize"]),
    desiredCapacity: int("webTier", 1, 20, "2", "The instances the group starts with (between minSize and maxSize).", ["webTier.desiredCapacity"]),
    maxSize: int("webTier", 1, 20, "4", "The most instances the group scales to.", ["webTier.maxSize"]),
    ami: { section: "webTier", kind: "string", check: v.checkAmi, required: true, allowed: "ami-xxxxxxxx, or ssm:/path of a parameter holding one",
        meaning: "The app image; an ssm: parameter is read at deploy time and the literal ID goes into the launch template.", args: ["webTier.ami"] },
    appPort: int("webTier", 1024, 65535, "8000", "The port the app listens on (not 6379, Redis's).", ["webTier.appPort"]),
    appWorkers: int("webTier", 1, 64, "10", "Gunicorn workers per instance.", ["webTier.appWorkers"]),
    healthCheckPath: { section: "webTier", kind: "string", check: v.checkHttpPath, allowed: "an absolute path of at most 1024 characters", default: prod("/health"),
        meaning: "The path the ALB checks each instance on.", args: ["webTier.healthCheckPath"] },
    healthCheckGracePeriodSeconds: int("webTier", 60, 3600, "300", "Seconds a new instance has to pass its health check (more than the boot-time SSM fetch).",
        ["webTier.healthCheckGracePeriodSeconds"]),
    rootVolumeSizeGiB: int("webTier", 8, 1024, "30", "The root volume's size; at least the image's root snapshot (checked once the image is read)."),
    // Unlimited credits, and the CPU target at t3.large's 30 % baseline: the group adds an
    // instance before it buys surplus credits ($0.05/vCPU-hour), so the plan's surplus is $0
    // until the group is at maxSize (a 60 % target would cost ~$44/month for two instances).
    cpuTargetPercent: int("webTier", 10, 90, "30", "The CPU target-tracking target; with standard credits at most the type's baseline.",
        ["webTier.cpuTargetPercent"]),
    cpuCredits: { section: "webTier", kind: "enum", values: CPU_CREDIT_MODES, default: prod("unlimited"), meaning: "The T3 credit mode.",
        args: ["webTier.cpuCredits"] },
    // 10 workers × 60 / 10 s × 70 % = 42 requests per instance per minute.
    typicalAnswerSeconds: int("webTier", 1, 600, "10", "Seconds a worker spends on a typical chat answer; sets the request-count scaling target.",
        ["webTier.typicalAnswerSeconds"]),
    // Timeouts along a request, in the order they must hold: CloudFront read 60 ≤ ALB idle
    // 120 < gunicorn keep-alive 125; gunicorn worker timeout 75 ≥ 60; drain 60 (≥ 60, ≤ 120).
    // CloudFront allows 1-60 s without a quota increase (up to 180 with one).
    originReadTimeoutSeconds: int("webTier", 1, 180, "60", "CloudFront's origin read timeout; the app tier's timeouts are checked against it.",
        ["webTier.originReadTimeoutSeconds"]),
    // The ALB's idle timeout: 1-4000 s.
    albIdleTimeoutSeconds: int("webTier", 1, 4000, "120", "The ALB's idle timeout: at least originReadTimeoutSeconds.", ["webTier.albIdleTimeoutSeconds"]),
    appKeepAliveSeconds: int("webTier", 2, 4001, "125", "Gunicorn's keep-alive: more than albIdleTimeoutSeconds.", ["webTier.appKeepAliveSeconds"]),
    appWorkerTimeoutSeconds: int("webTier", 1, 3600, "75", "Gunicorn's worker timeout: at least originReadTimeoutSeconds.", ["webTier.appWorkerTimeoutSeconds"]),
    // Target group deregistration delay: 0-3600 s (AWS); the rollback budget caps it lower.
    deregistrationDelaySeconds: int("webTier", 0, 3600, "60", "Seconds a draining instance finishes answers: from originReadTimeoutSeconds to 120.",
        ["webTier.deregistrationDelaySeconds"]),
    // lb_cookie: 1 s to 7 days; 0 turns stickiness off. A day while uploads live on instance disks.
    stickinessSeconds: int("webTier", 0, 604800, "86400", "The ALB stickiness cookie's lifetime; 0 turns stickiness off.",
        ["webTier.stickinessSeconds"]),
    // Redis
    // Two cache.t3.small nodes cost about the $50/month the team budgets for Redis.
    redisNodeType: { section: "cache", kind: "string", check: v.checkCacheNodeType, allowed: "an ElastiCache node type such as cache.t3.small",
        default: prod("cache.t3.small"), meaning: "The cache nodes' type." },
    redisNodes: int("cache", 1, 6, "2", "Cache nodes (2 or more: Multi-AZ with automatic failover).", ["cache.nodes"]),
    // Old prod runs Redis OSS; valkey is the cheaper alternative the plan prices beside it.
    redisEngine: { section: "cache", kind: "enum", values: CACHE_ENGINES, default: prod("redis"), meaning: "The cache engine.",
        note: "Valkey is a drop-in for Redis OSS 7 at lower node prices", args: ["cache.engine"] },
    redisEngineVersion: { section: "cache", kind: "string", allowed: "redis: 6.0, 6.2, 7.0, 7.1; valkey: 7.2, 8.0, 8.1, 8.2",
        defaultText: "7.1 (8.0 for valkey)", meaning: "The engine version.", args: ["cache.engineVersion"] },
    redisSeedSnapshot: { section: "cache", kind: "string", check: checkSnapshotName, allowed: "an ElastiCache snapshot name (not its ARN)", defaultText: "none",
        meaning: "The snapshot the group is created from (read at creation only).", args: ["cache.seedSnapshotName"] },
    redisSnapshotRetentionDays: int("cache", 1, 35, "7", "Days automatic snapshots are kept.", ["cache.snapshotRetentionDays"]),
    redisSnapshotWindow: { section: "cache", kind: "string", check: v.checkDailyWindow, allowed: "hh:mm-hh:mm UTC, 60 minutes or more",
        default: prod("03:00-04:00"), meaning: "The daily snapshot window; must not overlap the maintenance window." },
    redisMaintenanceWindow: { section: "cache", kind: "string", check: v.checkWeeklyWindow, allowed: "ddd:hh:mm-ddd:hh:mm UTC, 60 minutes or more",
        default: prod("sun:05:00-sun:06:00"), meaning: "The weekly maintenance window." },
    redisAuthToken: { section: "cache", kind: "secret", check: v.checkRedisAuthToken, allowed: "16-128 letters, digits and ! & # $ ^ < > -",
        meaning: "Redis's AUTH token (required secret); the app reads it from SSM." },
    // Monitoring and logs (see components/monitoring.ts for what each threshold guards)
    alertEmails: { section: "monitoring", kind: "list", check: v.checkEmail, allowed: "email addresses", defaultText: "[]",
        meaning: "Who is paged: email subscriptions to both alert topics (each must be confirmed from its inbox)." },
    alarmElb5xxCount: alarm(1, 100000, "10", "ALB 5xx per minute (3 of 5 minutes).", "elb5xxCount"),
    alarmTarget5xxCount: alarm(1, 100000, "10", "Target 5xx per minute (3 of 5 minutes).", "target5xxCount"),
    // The team's 250 ms is for /, /health and /system-health (checked through CloudFront by a
    // canary); chat answers come from an LLM and get their own p90 limit.
    endpointLatencyLimitMs: alarm(10, 60000, "250", "The limit for /, /health and /system-health, checked through CloudFront by the canary.",
        "endpointLatencyMs"),
    // LLM answers take seconds; CloudFront gives up on the origin at 60 s.
    chatLatencyP90Ms: alarm(1000, 60000, "15000", "The p90 TargetResponseTime limit over all ALB requests (chat answers take seconds).",
        "chatLatencyP90Ms"),
    alarmWafBlockedRequests: alarm(1, 1000000, "100", "WAF-blocked requests per 5 minutes.", "wafBlockedRequests"),
    alarmRejectedConnectionCount: alarm(1, 100000, "1", "ALB rejected connections per minute.", "rejectedConnectionCount"),
    alarmAsgCpuPercent: alarm(1, 100, "80", "The app instances' average CPU.", "asgCpuPercent"),
    alarmRedisCpuPercent: alarm(1, 100, "90", "Redis CPU per node (divided by vCPUs on nodes of 2 or fewer).", "redisCpuPercent"),
    alarmRedisMemoryPercent: alarm(1, 100, "80", "Redis memory per node.", "redisMemoryPercent"),
    alarmRedisConnections: alarm(1, 65000, "500", "Redis connections per node.", "redisConnections"),
    alarmRedisReplicationLagSeconds: alarm(1, 3600, "30", "Redis replication lag.", "redisReplicationLagSeconds"),
    alarmCloudFront5xxRatePercent: { section: "monitoring", kind: "number", min: 0.1, max: 100, default: prod("5"),
        meaning: "CloudFront's 5xx rate (us-east-1).", args: ["monitoring.thresholds.cloudFront5xxRatePercent"] },
    alarmCloudFrontErrorRatePercent: { section: "monitoring", kind: "number", min: 0.1, max: 100, default: prod("15"),
        meaning: "CloudFront's total error rate (us-east-1).", args: ["monitoring.thresholds.cloudFrontErrorRatePercent"] },
    logRetentionDays: { section: "monitoring", kind: "enum", values: LOG_RETENTION_DAYS.map(String), default: prod("30"),
        note: "CloudWatch Logs retention values", meaning: "CloudWatch Logs retention of app and system logs." },
    // Edge (issue 13): WAF starts counting, not blocking.
    wafMode: { section: "edge", kind: "enum", values: WAF_MODES, default: prod("count"), meaning: "The WAF counts (logs only) or blocks." },
    hstsIncludeSubdomains: { section: "edge", kind: "boolean", default: prod("false"),
        meaning: "HSTS includeSubDomains (and preload): only for whoever owns the apex domain." },
    endpointCheckIntervalMinutes: int("edge", 1, 60, "20", "Minutes between endpoint canary runs (each run is billed)."),
    // Backups and storage
    backupRetentionDays: int("backups", 1, 3650, "35", "Days AWS Backup keeps recovery points of the app volumes.", ["backups.retentionDays"]),
    backupSchedule: { section: "backups", kind: "string", check: (s) => v.checkAwsCron(s, { hourlyAtMost: true }), default: prod("cron(0 4 ? * * *)"),
        allowed: "an AWS cron expression, at most hourly", meaning: "When AWS Backup backs up the app volumes.", args: ["backups.schedule"] },
    backupCopyRegion: { section: "backups", kind: "string", check: v.checkRegion, allowed: "an AWS region other than aws:region", defaultText: "none",
        meaning: "A second region recovery points are copied to." },
    restoreTestSchedule: { section: "backups", kind: "string", check: (s) => v.checkAwsCron(s), default: prod("cron(0 8 ? * 1#1 *)"),
        allowed: "an AWS cron expression", meaning: "When AWS Backup test-restores the app volumes (each restore job is billed)." },
    uploadsNoncurrentVersionDays: int("backups", 1, 3650, "30", "Days a replaced or deleted upload is kept."),
    accessLogRetentionDays: int("backups", 1, 3650, "90", "Days ALB and S3 access logs are kept."),
    // Cutover
    adoptDistributionId: { section: "cutover", kind: "string", check: checkDistributionId, allowed: "a CloudFront distribution ID (E...)", defaultText: "none",
        meaning: "The distribution users reach today: the stack imports it (protect, retainOnDelete) and creates no other." },
    legacyOriginDomainName: { section: "cutover", kind: "string", check: checkLegacyOrigin, allowed: "old prod's load balancer's public DNS name",
        defaultText: "none", meaning: "Old prod's ALB as origin legacy, with the router function; unset once decommissioned." },
    activeOrigin: { section: "cutover", kind: "string", check: checkRouting, allowed: "legacy, app or app:<1-99>", defaultText: "legacy",
        meaning: "Where the router sends viewers: the KeyValueStore's routing value." },
    routerFallbackOrigin: { section: "cutover", kind: "enum", values: Object.keys(ORIGIN_IDS), defaultText: "legacy",
        meaning: "The side the router uses when the routing key is missing or malformed." },
    originOverrideSecret: { section: "cutover", kind: "secret", check: checkOverrideSecret, allowed: `${MIN_OVERRIDE_TOKEN_LENGTH}-1024 characters`,
        meaning: "The token of the x-chatmrpt-force-origin: app:<token> header (secret, required while legacyOriginDomainName is set)." },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof CONFIG_SPEC;

/** The keys this program reads; any other `chatmrpt:` key is a typo and is rejected. */
export const KNOWN_KEYS = Object.keys(CONFIG_SPEC) as ConfigKey[];

type SecretKey = { [K in ConfigKey]: (typeof CONFIG_SPEC)[K]["kind"] extends "secret" ? K : never }[ConfigKey];

/** Keys that must be set with `pulumi config set --secret`. */
export const SECRET_KEYS = KNOWN_KEYS.filter((k): k is SecretKey => CONFIG_SPEC[k].kind === "secret");

/** Keys that no longer exist, and what replaced them. */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
    alarmLatencyP90Ms: "use endpointLatencyLimitMs (/, /health, /system-health through CloudFront) or chatLatencyP90Ms (p90 of all ALB responses)",
};

export function specOf(key: ConfigKey): KeySpec {
    return CONFIG_SPEC[key];
}

/** A key's preset value in a shape (undefined: none, or computed). */
export function defaultOf(key: ConfigKey, shape: string | undefined): string | undefined {
    const d: Partial<Record<string, string>> | undefined = specOf(key).default;
    return shape === undefined ? undefined : d?.[shape];
}

/** The preset of a shape: every key with a default in it. */
export function presetOf(shape: Shape): Record<string, string> {
    const preset: Record<string, string> = {};
    for (const key of KNOWN_KEYS) {
        const value = defaultOf(key, shape);
        if (value !== undefined) preset[key] = value;
    }
    return preset;
}

/** The `chatmrpt:` key a component's argument comes from (`webTier.gracePeriod` → healthCheckGracePeriodSeconds). */
export function keyOfArg(componentArg: string): ConfigKey | undefined {
    return KNOWN_KEYS.find((k) => (specOf(k).args ?? []).includes(componentArg));
}

/** What a key allows, as one phrase (the docs' table and the enum messages). */
export function allowedOf(key: ConfigKey): string {
    const spec = specOf(key);
    switch (spec.kind) {
        case "int": return `whole number ${spec.min}-${spec.max}`;
        case "number": return `number ${spec.min}-${spec.max}`;
        case "enum": return `one of ${spec.values.join(", ")}`;
        case "boolean": return "true or false";
        default: return spec.allowed;
    }
}

/** The message for a value outside an enum: `must be one of a, b` (with the key's note). */
export function enumProblem(key: ConfigKey, value: string): string | undefined {
    const spec = specOf(key);
    const values = spec.kind === "enum" ? spec.values : spec.kind === "boolean" ? ["true", "false"] : undefined;
    if (values === undefined || values.includes(value)) return undefined;
    const note = spec.kind === "enum" && spec.note ? ` (${spec.note})` : "";
    return spec.kind === "boolean" ? "must be true or false" : `must be one of ${values.join(", ")}${note}`;
}
