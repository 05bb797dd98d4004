import { Mutator } from "../policyHarness";
import { ids, Mistake, TAGS } from "./mistake";

/** RDS and Aurora, services the team may add later: one database beside Redis per case. */
function rdsMistakes(): Mistake[] {
    const db = {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        storageEncrypted: true,
        backupRetentionPeriod: 7,
        deletionProtection: true,
        publiclyAccessible: false,
        tags: TAGS,
    };
    const add = (m: Mutator, change: Record<string, unknown>, type = "aws:rds/instance:Instance") =>
        m.add("chatmrpt-cache-redis", { name: "chatmrpt-db", type, props: { ...db, ...change } });
    const rds = (
        what: string,
        change: Record<string, unknown>,
        messages: string[],
        type?: string,
    ): Mistake => ({
        what,
        mutate: (m) => add(m, change, type),
        policy: "rds-encrypted-backed-up",
        views: ["up"],
        messages,
    });
    return [
        rds("an RDS instance with encryption, backups and deletion protection (compliant)", {}, []),
        rds("an unencrypted RDS instance", { storageEncrypted: undefined }, [
            "storageEncrypted must be true; found unset",
        ]),
        rds("an RDS instance with backups off", { backupRetentionPeriod: 0 }, [
            "backupRetentionPeriod must be at least 7 days; found 0",
        ]),
        rds(
            "an RDS instance deleted without a snapshot",
            { deletionProtection: false, skipFinalSnapshot: true },
            [
                "deletionProtection must be true, or skipFinalSnapshot false with a finalSnapshotIdentifier; found deletionProtection false, skipFinalSnapshot true, finalSnapshotIdentifier unset",
            ],
        ),
        rds("an RDS instance open to the internet", { publiclyAccessible: true }, [
            "publiclyAccessible must be false; found true",
        ]),
        rds(
            "an Aurora cluster with a final snapshot instead of deletion protection (compliant)",
            {
                deletionProtection: undefined,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: "chatmrpt-db-final",
                publiclyAccessible: undefined,
            },
            [],
            "aws:rds/cluster:Cluster",
        ),
        rds(
            "an unencrypted Aurora cluster",
            { storageEncrypted: false, publiclyAccessible: undefined },
            ["storageEncrypted must be true; found false"],
            "aws:rds/cluster:Cluster",
        ),
        rds("an RDS instance leaving public access to AWS's default", { publiclyAccessible: undefined }, [
            "publiclyAccessible must be false; found unset",
        ]),
        rds(
            "a public Aurora cluster instance",
            { publiclyAccessible: true },
            ["publiclyAccessible must be false; found true"],
            "aws:rds/clusterInstance:ClusterInstance",
        ),
    ];
}

/** Encryption, backups and public access of data services beyond the stack's own. */
export const DATA_MISTAKES: Mistake[] = [
    {
        what: "Redis without transit encryption",
        mutate: (m) => m.set("chatmrpt-cache-redis", "transitEncryptionEnabled", false),
        policy: "elasticache-redis-encrypted",
        views: ["up"],
        messages: ["transitEncryptionEnabled must be true; found false"],
    },
    // --- services the team may add later: RDS and Aurora
    ...rdsMistakes(),
    // --- S3 public access block on every bucket
    {
        what: "a bucket without a public access block",
        mutate: (m) => m.remove("chatmrpt-uploads-public-access"),
        policy: "s3-bucket-public-access-blocked",
        views: ["up"],
        messages: [
            "bucket chatmrpt-uploads-bucket must have a public access block with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true; found none",
        ],
    },
    {
        what: "a public access block that lets public policies through",
        mutate: (m) =>
            m
                .set("chatmrpt-uploads-public-access", "restrictPublicBuckets", false)
                .set("chatmrpt-uploads-public-access", "blockPublicPolicy", undefined),
        policy: "s3-bucket-public-access-blocked",
        views: ["up"],
        messages: [
            "bucket chatmrpt-uploads-bucket must have a public access block with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true; found blockPublicPolicy, restrictPublicBuckets not true",
        ],
    },
    {
        what: "buckets covered by the account's public access block instead (compliant)",
        mutate: (m) =>
            m.remove("chatmrpt-uploads-public-access").add("chatmrpt-alb-logs-public-access", {
                name: "chatmrpt-account-public-access",
                type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                props: {
                    blockPublicAcls: true,
                    blockPublicPolicy: true,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: true,
                    tags: TAGS,
                },
            }),
        policy: "s3-bucket-public-access-blocked",
        views: ["up"],
        messages: [],
    },
    // --- ElastiCache clusters, not only replication groups
    {
        what: "a Memcached cluster without TLS",
        mutate: (m) =>
            m.add("chatmrpt-cache-redis", {
                name: "chatmrpt-cache-memcached",
                type: "aws:elasticache/cluster:Cluster",
                props: {
                    engine: "memcached",
                    nodeType: "cache.t4g.micro",
                    numCacheNodes: 1,
                    securityGroupIds: [ids.cacheSg],
                    tags: TAGS,
                },
            }),
        policy: "elasticache-memcached-encrypted",
        views: ["up"],
        messages: ["transitEncryptionEnabled must be true (Memcached 1.6.12 or later); found unset"],
    },
];
