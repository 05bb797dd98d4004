import { Mutator } from "../policyHarness";
import { ALL_VIEWS, Mistake, TAGS } from "./mistake";

const removeTyped = (m: Mutator, name: string, type: string) =>
    m.resources.splice(
        m.resources.findIndex((r) => r.name === name && r.type === type),
        1,
    );

const VOLUME_TAGS =
    '[{"Backup":"chatmrpt-daily","Environment":"prod","ManagedBy":"pulumi","Name":"chatmrpt-web-app","Project":"chatmrpt"}]';

const RESTORE = `a restore testing plan must have a selection covering the app volumes (EBS, tags ${VOLUME_TAGS}); found`;

const RESULTS =
    'restore test results (AWS Backup "Restore Job State Change" events) must reach an SNS topic of this stack with a subscriber through an enabled EventBridge rule; found';

/** Backup plans and vaults, Redis snapshots, restore tests and their results, protect and versioning. */
export const RECOVERY_MISTAKES: Mistake[] = [
    // --- backups
    {
        what: "Redis snapshot retention 0",
        mutate: (m) => m.set("chatmrpt-cache-redis", "snapshotRetentionLimit", 0),
        policy: "redis-snapshots-retained",
        views: ["up"],
        messages: ["snapshotRetentionLimit must be at least 7 days; found 0"],
    },
    {
        what: "no final Redis snapshot",
        mutate: (m) => m.set("chatmrpt-cache-redis", "finalSnapshotIdentifier", undefined),
        policy: "redis-snapshots-retained",
        views: ["up"],
        messages: ["finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset"],
    },
    {
        what: "a backup plan keeping 7 days",
        mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.lifecycle.deleteAfter", 7),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            "volumes of chatmrpt-web-lt must be kept at least 30 days by their backup plan; found 7 days",
        ],
    },
    {
        what: "the backup tag dropped from the app volumes",
        mutate: (m) => m.set("chatmrpt-web-lt", "tagSpecifications.1.tags.Backup", undefined),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; found no selection matching their tags {"Environment":"prod","ManagedBy":"pulumi","Name":"chatmrpt-web-app","Project":"chatmrpt"}',
        ],
        // The restore tests pick the volumes by the same tag.
        alsoCaughtBy: ["restore-tests-cover-app-volumes"],
    },
    {
        what: "an unprotected uploads bucket",
        mutate: (m) => m.options("chatmrpt-uploads-bucket", { protect: false }),
        policy: "stateful-resources-protected",
        views: ["up"],
        messages: [
            "chatmrpt-uploads-bucket (Bucket) holds data and must be created with protect: true; found protect: false",
        ],
    },
    {
        what: "an unprotected Redis",
        mutate: (m) => m.options("chatmrpt-cache-redis", { protect: false }),
        policy: "stateful-resources-protected",
        views: ["up"],
        messages: [
            "chatmrpt-cache-redis (ReplicationGroup) holds data and must be created with protect: true; found protect: false",
        ],
    },
    {
        what: "versioning suspended on uploads",
        mutate: (m) => m.set("chatmrpt-uploads-versioning", "versioningConfiguration.status", "Suspended"),
        policy: "data-buckets-versioned",
        views: ["up"],
        messages: ["data bucket chatmrpt-uploads-bucket must have versioning Enabled; found Suspended"],
    },
    {
        what: "the canary artifacts' expiry widened to the whole bucket, its code included (issue 22)",
        mutate: (m) => m.set("chatmrpt-endpoints-artifacts-lifecycle", "rules.2.filter", {}),
        policy: "lifecycle-spares-managed-objects",
        views: ["up"],
        messages: [
            "lifecycle rule expire-objects on bucket chatmrpt-endpoints-artifacts-bucket would expire chatmrpt-endpoints-code (key code/endpoint-check.zip): " +
                "scope the rule's filter to a prefix the program writes no object under",
        ],
    },
    // --- backups: exclusions, frequency, the vault's key
    {
        what: "a backup selection that excludes every volume again by notResources",
        mutate: (m) => m.set("chatmrpt-backups-app-volumes", "notResources", ["arn:aws:ec2:*:*:volume/*"]),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; chatmrpt-backups-app-volumes includes them but excludes them again by notResources ["arn:aws:ec2:*:*:volume/*"]',
        ],
    },
    {
        what: "a backup selection whose conditions exclude the tag it selects on",
        mutate: (m) =>
            m.set("chatmrpt-backups-app-volumes", "conditions", [
                {
                    stringEquals: [{ key: "aws:ResourceTag/Backup", value: "chatmrpt-daily" }],
                    stringNotLikes: [{ key: "aws:ResourceTag/Project", value: "chat*" }],
                },
            ]),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            'volumes of chatmrpt-web-lt must be selected by an AWS Backup selection; chatmrpt-backups-app-volumes includes them but excludes them again by conditions excluding ["aws:ResourceTag/Project=chat*"]',
        ],
    },
    {
        what: "a weekly backup schedule",
        mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.schedule", "cron(0 4 ? * SUN *)"),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            "volumes of chatmrpt-web-lt must be backed up at least every 24 hours by their backup plan; found a backup at most every 168 hours",
        ],
    },
    {
        what: "a backup schedule that is not an AWS cron expression",
        mutate: (m) => m.set("chatmrpt-backups-plan", "rules.0.schedule", "rate(1 day)"),
        policy: "app-volumes-backed-up",
        views: ["up"],
        messages: [
            'volumes of chatmrpt-web-lt must be backed up at least every 24 hours by their backup plan; found schedule ["rate(1 day)"]',
        ],
    },
    {
        what: "a daily schedule under a configured 12-hour maximum",
        mutate: () => undefined,
        policy: "app-volumes-backed-up",
        views: ["up"],
        config: { "app-volumes-backed-up": { maxIntervalHours: 12 } },
        messages: [
            "volumes of chatmrpt-web-lt must be backed up at least every 12 hours by their backup plan; found a backup at most every 24 hours",
        ],
    },
    {
        what: "the vault's key not protected from deletion",
        mutate: (m) => m.options("chatmrpt-backups-vault-key", { protect: false }),
        policy: "backup-vault-key-protected",
        views: ["up"],
        messages: [
            "KMS key chatmrpt-backups-vault-key encrypts backup vault chatmrpt-backups-vault and must be created with protect: true; found protect: false",
        ],
    },
    {
        what: "the vault's key with a 7-day deletion window",
        mutate: (m) => m.set("chatmrpt-backups-vault-key", "deletionWindowInDays", 7),
        policy: "backup-vault-key-protected",
        views: ["up"],
        messages: [
            "KMS key chatmrpt-backups-vault-key of backup vault chatmrpt-backups-vault must have deletionWindowInDays at least 30; found 7",
        ],
    },
    {
        what: "a vault on a key outside the stack",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", "arn:aws:kms:us-east-2:123456789012:key/shared")
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        policy: "backup-vault-key-protected",
        views: ["up"],
        messages: [
            "backup vault chatmrpt-backups-vault must use a KMS key of this stack (so its deletion protection can be checked) or the AWS managed key; found kmsKeyArn arn:aws:kms:us-east-2:123456789012:key/shared",
        ],
    },
    {
        what: "a standalone Valkey cluster (cannot encrypt; keeps no snapshots)",
        mutate: (m) =>
            m.add("chatmrpt-cache-redis", {
                name: "chatmrpt-cache-valkey",
                type: "aws:elasticache/cluster:Cluster",
                props: { engine: "valkey", nodeType: "cache.t4g.micro", numCacheNodes: 1, tags: TAGS },
            }),
        policy: "redis-snapshots-retained",
        views: ["up"],
        messages: [
            "snapshotRetentionLimit must be at least 7 days; found unset",
            "finalSnapshotIdentifier must be set so deleting the group keeps its data; found unset",
        ],
        alsoCaughtBy: ["elasticache-redis-encrypted"],
    },
    {
        what: "the restore testing plan deleted",
        policy: "restore-tests-cover-app-volumes",
        views: ALL_VIEWS,
        mutate: (m) =>
            m.remove("chatmrpt-backups-restore-test").remove("chatmrpt-backups-restore-test-volumes"),
        messages: [
            "the stack must have a restore testing plan that proves the app volumes' backups restore; found none",
        ],
    },
    {
        what: "the restore testing selection deleted",
        mutate: (m) => m.remove("chatmrpt-backups-restore-test-volumes"),
        policy: "restore-tests-cover-app-volumes",
        views: ALL_VIEWS,
        messages: [`${RESTORE} plan chatmrpt-backups-restore-test has no selection`],
    },
    {
        what: "the restore testing selection picking other volumes",
        mutate: (m) =>
            m.set(
                "chatmrpt-backups-restore-test-volumes",
                "protectedResourceConditions.stringEquals.0.value",
                "other",
            ),
        policy: "restore-tests-cover-app-volumes",
        views: ALL_VIEWS,
        messages: [
            `${RESTORE} selection chatmrpt-backups-restore-test-volumes has conditions that exclude them ([{"key":"aws:ResourceTag/Backup","value":"other"}])`,
        ],
    },
    {
        what: "the restore testing selection moved to S3",
        mutate: (m) => m.set("chatmrpt-backups-restore-test-volumes", "protectedResourceType", "S3"),
        policy: "restore-tests-cover-app-volumes",
        views: ALL_VIEWS,
        messages: [`${RESTORE} selection chatmrpt-backups-restore-test-volumes has protectedResourceType S3`],
    },
    {
        what: "the uploads bucket dropped from the backup selection",
        mutate: (m) =>
            m.set("chatmrpt-backups-buckets", "resources", []).link("chatmrpt-backups-buckets", "resources"),
        policy: "data-buckets-in-backup-plan",
        views: ALL_VIEWS,
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must be in an AWS Backup selection of a backup plan of this stack; found none",
        ],
    },
    {
        what: "the bucket selection deleted",
        mutate: (m) => m.remove("chatmrpt-backups-buckets"),
        policy: "data-buckets-in-backup-plan",
        views: ALL_VIEWS,
        messages: [
            "bucket chatmrpt-uploads-bucket holds users' data and must be in an AWS Backup selection of a backup plan of this stack; found none",
        ],
    },
    {
        what: "the restore results' only subscriber removed",
        mutate: (m) => m.remove("chatmrpt-backups-restore-results-email-1"),
        policy: "restore-results-notified",
        views: ALL_VIEWS,
        messages: [`${RESULTS} topic chatmrpt-backups-restore-results has no subscriber`],
    },
    {
        what: "the restore results' event target removed",
        mutate: (m) =>
            void removeTyped(m, "chatmrpt-backups-restore-results", "aws:cloudwatch/eventTarget:EventTarget"),
        policy: "restore-results-notified",
        views: ALL_VIEWS,
        messages: [`${RESULTS} rule chatmrpt-backups-restore-results reaches no SNS topic of this stack`],
    },
    {
        what: "the restore results' rule disabled",
        mutate: (m) =>
            m.resources
                .filter((r) => r.type === "aws:cloudwatch/eventRule:EventRule")
                .forEach((r) => {
                    r.inputs.state = "DISABLED";
                    r.outputs.state = "DISABLED";
                }),
        policy: "restore-results-notified",
        views: ALL_VIEWS,
        messages: [`${RESULTS} rule chatmrpt-backups-restore-results disabled`],
    },
    {
        what: "a vault that can be force-destroyed",
        mutate: (m) => m.set("chatmrpt-backups-vault", "forceDestroy", true),
        policy: "backup-vaults-keep-recovery-points",
        views: ALL_VIEWS,
        messages: [
            "backup vault chatmrpt-backups-vault must not set forceDestroy (a destroy would delete every recovery point); found true",
        ],
    },
    {
        what: "the vault on the AWS managed key",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", undefined)
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        policy: "backup-vaults-keep-recovery-points",
        views: ALL_VIEWS,
        messages: [
            "backup vault chatmrpt-backups-vault must be encrypted with a customer-managed KMS key (kmsKeyArn), or the pack config must say why not (awsManagedKeyReason, 10+ characters); found the AWS managed key",
        ],
    },
    {
        what: "the vault on the AWS managed key when the pack config says why",
        mutate: (m) =>
            m
                .set("chatmrpt-backups-vault", "kmsKeyArn", undefined)
                .link("chatmrpt-backups-vault", "kmsKeyArn"),
        config: {
            "backup-vaults-keep-recovery-points": {
                awsManagedKeyReason: "a second account's vault, whose key policy we do not manage",
            },
        },
        policy: "backup-vaults-keep-recovery-points",
        views: ALL_VIEWS,
        messages: [],
    },
];
