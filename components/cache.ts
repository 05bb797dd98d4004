import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgProblem, throwIfArgProblems } from "./argProblems";

/**
 * Arguments of {@link Cache}. What another resource could produce (the VPC, subnets, the AUTH
 * token, the seed snapshot) is a `pulumi.Input`; the shape (node type and count, engine and
 * version, retention, windows) is plain because it is validated, and sizes the alarms, before
 * anything is created. The subnet list is plain: its length is checked.
 */
export interface CacheArgs {
    /** VPC of the cache's security group. */
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets for the nodes, in at least two AZs when nodes > 1. */
    readonly subnetIds: pulumi.Input<string>[];
    /** The AUTH token clients present; must be a Pulumi secret. */
    readonly authToken: pulumi.Input<string>;
    /** Node type. @default "cache.t3.small" */
    readonly nodeType?: string;
    /** Number of nodes (1 primary + replicas); 2 or more enables Multi-AZ failover. @default 2 */
    readonly nodes?: number;
    /** Engine: Redis OSS, or Valkey (a drop-in for Redis OSS 7 at lower node prices). @default "redis" */
    readonly engine?: CacheEngine;
    /** Engine version (major.minor), one of {@link ENGINE_VERSIONS} for the engine. @default "7.1" for redis, "8.0" for valkey */
    readonly engineVersion?: string;
    /**
     * ElastiCache snapshot to create the group from (old prod's Redis, so sessions survive
     * the move). Read only when the group is created: later changes are ignored, never a replacement.
     * @default - the group starts empty
     */
    readonly seedSnapshotName?: pulumi.Input<string>;
    /** Days of daily snapshots kept. @default 7 */
    readonly snapshotRetentionDays?: number;
    /** Daily snapshot window, UTC. @default "03:00-04:00" */
    readonly snapshotWindow?: string;
    /** Weekly maintenance window, UTC; must not overlap the snapshot window. @default "sun:05:00-sun:06:00" */
    readonly maintenanceWindow?: string;
    /** SSM parameter name the AUTH token is published under for the app. @default `/${name}/redis/auth-token` */
    readonly authTokenParameterName?: string;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** The Redis port; the app tier's security group reaches the cache on it only. */
export const REDIS_PORT = 6379;

/** The engines a replication group can run. */
export const CACHE_ENGINES = ["redis", "valkey"] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/**
 * Versions ElastiCache offers per engine (major.minor): Redis OSS stops at 7.1; Valkey
 * starts at 7.2 (the Redis 7.2 fork) and its 8.x line.
 */
export const ENGINE_VERSIONS: Readonly<Record<CacheEngine, readonly string[]>> = {
    redis: ["6.0", "6.2", "7.0", "7.1"],
    valkey: ["7.2", "8.0", "8.1", "8.2"],
};

/** The version each engine gets when none is configured. */
export const DEFAULT_ENGINE_VERSION: Readonly<Record<CacheEngine, string>> = { redis: "7.1", valkey: "8.0" };

/**
 * The shared session store: an ElastiCache Redis replication group in private
 * subnets, encrypted in transit and at rest, with AUTH, daily snapshots and a final
 * snapshot on delete. Its security group admits nobody until a client tier is
 * connected with {@link Cache.allowClientsFrom} (by security group, never by CIDR).
 */
export class Cache extends pulumi.ComponentResource {
    public readonly securityGroupId: pulumi.Output<string>;
    public readonly replicationGroupId: pulumi.Output<string>;
    /** Primary endpoint host name (TLS, port 6379). */
    public readonly primaryEndpoint: pulumi.Output<string>;
    /** The member cluster IDs, for per-node CloudWatch metrics. */
    public readonly memberClusterIds: pulumi.Output<string[]>;
    public readonly authTokenParameterName: string;
    public readonly authTokenParameterArn: pulumi.Output<string>;
    public readonly port = REDIS_PORT;
    public readonly nodeType: string;
    public readonly nodes: number;
    private readonly name: string;
    private readonly tags: Record<string, string>;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cache:Cache", name, {}, opts);
        const nodeType = args.nodeType ?? "cache.t3.small";
        const nodes = args.nodes ?? 2;
        const engine = args.engine ?? "redis";
        const engineVersion = args.engineVersion ?? DEFAULT_ENGINE_VERSION[engine] ?? "";
        const snapshotRetentionDays = args.snapshotRetentionDays ?? 7;
        const snapshotWindow = args.snapshotWindow ?? "03:00-04:00";
        const maintenanceWindow = args.maintenanceWindow ?? "sun:05:00-sun:06:00";
        const parameterName = args.authTokenParameterName ?? `/${name}/redis/auth-token`;
        const tags = args.tags ?? {};
        validateCacheArgs({
            nodes,
            snapshotRetentionDays,
            engine,
            engineVersion,
            // An Output is checked when it resolves (checkedSnapshotName).
            seedSnapshotName: typeof args.seedSnapshotName === "string" ? args.seedSnapshotName : undefined,
            subnetCount: args.subnetIds.length,
        });
        this.name = name;
        this.tags = tags;
        this.nodeType = nodeType;
        this.nodes = nodes;

        const securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                vpcId: args.vpcId,
                description: "ChatMRPT Redis: 6379 from the app tier only",
                tags: { ...tags, Name: `${name}-sg` },
            },
            { parent: this },
        );
        const subnetGroup = new aws.elasticache.SubnetGroup(
            `${name}-subnets`,
            { description: "ChatMRPT Redis private subnets", subnetIds: args.subnetIds, tags },
            { parent: this },
        );
        const replicationGroup = createReplicationGroup(
            name,
            {
                engine,
                engineVersion,
                nodeType,
                nodes,
                snapshotRetentionDays,
                snapshotWindow,
                maintenanceWindow,
                authToken: args.authToken,
                seedSnapshotName: checkedSnapshotName(args.seedSnapshotName),
                securityGroupId: securityGroup.id,
                subnetGroupName: subnetGroup.name,
                tags,
            },
            this,
        );

        // The app reads the token at boot; user data (readable with DescribeInstanceAttribute) never holds it.
        const parameter = new aws.ssm.Parameter(
            `${name}-auth-token`,
            {
                name: parameterName,
                type: "SecureString",
                value: pulumi.secret(args.authToken),
                description: "ChatMRPT Redis AUTH token",
                tags,
            },
            { parent: this },
        );

        this.securityGroupId = securityGroup.id;
        this.replicationGroupId = replicationGroup.id;
        this.primaryEndpoint = replicationGroup.primaryEndpointAddress;
        this.memberClusterIds = replicationGroup.memberClusters.apply((ids) => [...ids].sort());
        this.authTokenParameterName = parameterName;
        this.authTokenParameterArn = parameter.arn;
        this.registerOutputs({
            securityGroupId: this.securityGroupId,
            replicationGroupId: this.replicationGroupId,
            primaryEndpoint: this.primaryEndpoint,
            authTokenParameterArn: this.authTokenParameterArn,
        });
    }

    /**
     * Admits Redis traffic from one client security group (CDK's `connections.allowFrom`).
     * Separate rule resources, never inline rules: mixing the two makes perpetual diffs.
     */
    allowClientsFrom(
        clientName: string,
        clientSecurityGroupId: pulumi.Input<string>,
    ): aws.vpc.SecurityGroupIngressRule {
        return new aws.vpc.SecurityGroupIngressRule(
            `${this.name}-from-${clientName}`,
            {
                securityGroupId: this.securityGroupId,
                referencedSecurityGroupId: clientSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: REDIS_PORT,
                toPort: REDIS_PORT,
                description: `Redis from ${clientName}`,
                tags: this.tags,
            },
            { parent: this },
        );
    }
}

/** What {@link createReplicationGroup} builds the group from: the resolved shape and its network. */
interface ReplicationGroupSettings {
    readonly engine: CacheEngine;
    readonly engineVersion: string;
    readonly nodeType: string;
    readonly nodes: number;
    readonly snapshotRetentionDays: number;
    readonly snapshotWindow: string;
    readonly maintenanceWindow: string;
    readonly authToken: pulumi.Input<string>;
    readonly seedSnapshotName?: pulumi.Input<string>;
    readonly securityGroupId: pulumi.Input<string>;
    readonly subnetGroupName: pulumi.Input<string>;
    readonly tags: Record<string, string>;
}

/** The replication group and its parameter group (sessions: evict only keys that expire). */
function createReplicationGroup(
    name: string,
    s: ReplicationGroupSettings,
    parent: pulumi.Resource,
): aws.elasticache.ReplicationGroup {
    const { engine, engineVersion, nodeType, snapshotWindow, maintenanceWindow, tags } = s;
    // Parameter group families are named by engine and major version: redis7, valkey8.
    const family = `${engine}${engineVersion.split(".")[0]}`;
    const parameterGroup = new aws.elasticache.ParameterGroup(
        `${name}-params`,
        {
            family,
            description: "ChatMRPT sessions: evict only keys that expire",
            parameters: [
                // Sessions carry a TTL; keys without one (app state) must never be evicted, and
                // among sessions the least recently used go first. The Evictions alarm says when.
                { name: "maxmemory-policy", value: "volatile-lru" },
            ],
            tags,
        },
        { parent },
    );
    return new aws.elasticache.ReplicationGroup(
        `${name}-redis`,
        {
            description: "ChatMRPT shared sessions",
            engine,
            engineVersion,
            nodeType,
            numCacheClusters: s.nodes,
            port: REDIS_PORT,
            parameterGroupName: parameterGroup.name,
            subnetGroupName: s.subnetGroupName,
            securityGroupIds: [s.securityGroupId],
            automaticFailoverEnabled: s.nodes > 1,
            multiAzEnabled: s.nodes > 1,
            atRestEncryptionEnabled: true,
            transitEncryptionEnabled: true,
            authToken: pulumi.secret(s.authToken),
            authTokenUpdateStrategy: "ROTATE",
            snapshotRetentionLimit: s.snapshotRetentionDays,
            snapshotWindow,
            maintenanceWindow,
            finalSnapshotIdentifier: `${name}-final`,
            autoMinorVersionUpgrade: true,
            // Changes wait for the maintenance window instead of failing over mid-day.
            applyImmediately: false,
            // Encryption at rest can only be chosen at creation, so the seed is a snapshot
            // restored into a new encrypted group, never an in-place change of the old one.
            snapshotName: s.seedSnapshotName,
            tags,
        },
        {
            parent,
            protect: true,
            // Changing snapshotName (or snapshotArns) forces a new group (provider docs): the seed
            // is read once, at creation, and must never empty the sessions store on a later `up`.
            ignoreChanges: ["snapshotName", "snapshotArns"],
        },
    );
}

/** The seed snapshot's name; one that is an Output is checked once it resolves (a plain one was checked up front). */
function checkedSnapshotName(name: pulumi.Input<string> | undefined): pulumi.Input<string> | undefined {
    if (name === undefined || typeof name === "string") return name;
    return pulumi.output(name).apply((value) => {
        const problem = checkSnapshotName(value);
        if (problem) throw new Error(`seedSnapshotName (${value}) ${problem}`);
        return value;
    });
}

/** Throws on a cache shape ElastiCache would refuse, before anything is created. */
export function validateCacheArgs(a: CacheShapeArgs): void {
    throwIfArgProblems(cacheArgProblems(a));
}

/** The arguments {@link validateCacheArgs} checks. */
export interface CacheShapeArgs {
    nodes: number;
    snapshotRetentionDays: number;
    engine?: string;
    engineVersion: string;
    seedSnapshotName?: string;
    subnetCount: number;
}

/** What {@link validateCacheArgs} refuses, as data. */
export function cacheArgProblems(a: CacheShapeArgs): ArgProblem[] {
    const engine = a.engine ?? "redis";
    if (!(CACHE_ENGINES as readonly string[]).includes(engine))
        return [{ arg: "engine", value: engine, allowed: `must be one of ${CACHE_ENGINES.join(", ")}` }];
    const problems: ArgProblem[] = [];
    if (!Number.isInteger(a.nodes) || a.nodes < 1 || a.nodes > 6)
        problems.push({ arg: "nodes", value: a.nodes, allowed: "must be a whole number from 1 to 6" });
    if (
        !Number.isInteger(a.snapshotRetentionDays) ||
        a.snapshotRetentionDays < 1 ||
        a.snapshotRetentionDays > 35
    ) {
        // 0 would turn snapshots off: this is the only copy of every user's session.
        problems.push({
            arg: "snapshotRetentionDays",
            value: a.snapshotRetentionDays,
            allowed: "must be a whole number from 1 to 35",
        });
    }
    if (engine === "redis" && !/^[67]\.\d+$/.test(a.engineVersion)) {
        problems.push({ arg: "engineVersion", value: a.engineVersion, allowed: "must be 6.x or 7.x" });
    } else if (!ENGINE_VERSIONS[engine as CacheEngine].includes(a.engineVersion)) {
        problems.push({
            arg: "engineVersion",
            value: a.engineVersion,
            allowed: `must be one of ${ENGINE_VERSIONS[engine as CacheEngine].join(", ")} for ${engine}`,
        });
    }
    const snapshotProblem =
        a.seedSnapshotName === undefined ? undefined : checkSnapshotName(a.seedSnapshotName);
    if (snapshotProblem)
        problems.push({ arg: "seedSnapshotName", value: a.seedSnapshotName ?? "", allowed: snapshotProblem });
    if (a.nodes > 1 && a.subnetCount < 2) {
        problems.push({
            arg: "subnetIds",
            value: `${a.subnetCount} given`,
            allowed: `must hold at least 2 subnets for Multi-AZ with ${a.nodes} nodes`,
        });
    }
    return problems;
}

/**
 * An ElastiCache snapshot name as `create-snapshot` and automatic backups make them
 * (`automatic.chatmrpt-redis-production-2026-11-30-03-00`): a letter first, then letters,
 * digits, hyphens and dots, at most 255. An ARN is the usual mistake, so it gets its own message.
 */
export function checkSnapshotName(value: string): string | undefined {
    if (value.startsWith("arn:"))
        return "must be the snapshot's name, not its ARN (the part after `:snapshot:`)";
    return /^[A-Za-z][A-Za-z0-9.-]{0,254}$/.test(value) && !/[-.]$/.test(value)
        ? undefined
        : "must be an ElastiCache snapshot name: a letter, then letters, digits, - or . (at most 255, not ending in - or .)";
}
