import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of {@link Cache}. */
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
    /** Redis engine version (major.minor). @default "7.1" */
    readonly engineVersion?: string;
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
        const engineVersion = args.engineVersion ?? "7.1";
        const snapshotRetentionDays = args.snapshotRetentionDays ?? 7;
        const snapshotWindow = args.snapshotWindow ?? "03:00-04:00";
        const maintenanceWindow = args.maintenanceWindow ?? "sun:05:00-sun:06:00";
        const parameterName = args.authTokenParameterName ?? `/${name}/redis/auth-token`;
        const tags = args.tags ?? {};
        validateCacheArgs({ nodes, snapshotRetentionDays, engineVersion, subnetCount: args.subnetIds.length });
        this.name = name;
        this.tags = tags;
        this.nodeType = nodeType;
        this.nodes = nodes;

        const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: "ChatMRPT Redis: 6379 from the app tier only",
            tags: { ...tags, Name: `${name}-sg` },
        }, { parent: this });

        const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-subnets`, {
            description: "ChatMRPT Redis private subnets",
            subnetIds: args.subnetIds,
            tags,
        }, { parent: this });

        const family = `redis${engineVersion.split(".")[0]}`;
        const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-params`, {
            family,
            description: "ChatMRPT sessions: evict only keys that expire",
            parameters: [
                // Sessions carry a TTL; keys without one (app state) must never be evicted, and
                // among sessions the least recently used go first. The Evictions alarm says when.
                { name: "maxmemory-policy", value: "volatile-lru" },
            ],
            tags,
        }, { parent: this });

        const replicationGroup = new aws.elasticache.ReplicationGroup(`${name}-redis`, {
            description: "ChatMRPT shared sessions",
            engine: "redis",
            engineVersion,
            nodeType,
            numCacheClusters: nodes,
            port: REDIS_PORT,
            parameterGroupName: parameterGroup.name,
            subnetGroupName: subnetGroup.name,
            securityGroupIds: [securityGroup.id],
            automaticFailoverEnabled: nodes > 1,
            multiAzEnabled: nodes > 1,
            atRestEncryptionEnabled: true,
            transitEncryptionEnabled: true,
            authToken: pulumi.secret(args.authToken),
            authTokenUpdateStrategy: "ROTATE",
            snapshotRetentionLimit: snapshotRetentionDays,
            snapshotWindow,
            maintenanceWindow,
            finalSnapshotIdentifier: `${name}-final`,
            autoMinorVersionUpgrade: true,
            // Changes wait for the maintenance window instead of failing over mid-day.
            applyImmediately: false,
            tags,
        }, { parent: this, protect: true });

        // The app reads the token at boot; user data (readable with DescribeInstanceAttribute) never holds it.
        const parameter = new aws.ssm.Parameter(`${name}-auth-token`, {
            name: parameterName,
            type: "SecureString",
            value: pulumi.secret(args.authToken),
            description: "ChatMRPT Redis AUTH token",
            tags,
        }, { parent: this });

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
    allowClientsFrom(clientName: string, clientSecurityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule {
        return new aws.vpc.SecurityGroupIngressRule(`${this.name}-from-${clientName}`, {
            securityGroupId: this.securityGroupId,
            referencedSecurityGroupId: clientSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: REDIS_PORT,
            toPort: REDIS_PORT,
            description: `Redis from ${clientName}`,
            tags: this.tags,
        }, { parent: this });
    }
}

/** Throws on a cache shape ElastiCache would refuse, before anything is created. */
export function validateCacheArgs(a: { nodes: number; snapshotRetentionDays: number; engineVersion: string; subnetCount: number }): void {
    if (!Number.isInteger(a.nodes) || a.nodes < 1 || a.nodes > 6) throw new Error(`nodes (${a.nodes}) must be a whole number from 1 to 6`);
    if (!Number.isInteger(a.snapshotRetentionDays) || a.snapshotRetentionDays < 1 || a.snapshotRetentionDays > 35) {
        // 0 would turn snapshots off: this is the only copy of every user's session.
        throw new Error(`snapshotRetentionDays (${a.snapshotRetentionDays}) must be a whole number from 1 to 35`);
    }
    if (!/^[67]\.\d+$/.test(a.engineVersion)) throw new Error(`engineVersion (${a.engineVersion}) must be 6.x or 7.x`);
    if (a.nodes > 1 && a.subnetCount < 2) throw new Error(`subnetIds (${a.subnetCount} given) must hold at least 2 subnets for Multi-AZ with ${a.nodes} nodes`);
}
