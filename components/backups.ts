import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgProblem, throwIfArgProblems } from "./argProblems";

/** The tag that puts a volume into the daily backup selection. */
export const BACKUP_TAG = { key: "Backup", value: "chatmrpt-daily" } as const;

/**
 * Arguments of {@link Backups}. The buckets and alert addresses may come from other resources
 * (`pulumi.Input`); retention and schedules are plain because they are validated before
 * anything is created, and the tags because each child carries them.
 */
export interface BackupsArgs {
    /** Days each recovery point is kept. @default 35 */
    readonly retentionDays?: number;
    /** When the daily backup starts (AWS cron, UTC). @default "cron(0 4 ? * * *)" */
    readonly schedule?: string;
    /** Provider in a second region for a copy of every recovery point. @default - no copy */
    readonly copyProvider?: aws.Provider;
    /** S3 buckets to back up too (AWS Backup for S3 needs versioning on each). @default [] */
    readonly bucketArns?: pulumi.Input<string>[];
    /** When restore tests of the app volumes start (AWS cron, UTC), after the daily backup has finished. @default "cron(0 8 ? * 1#1 *)" (first Sunday of the month: each restore job is billed) */
    readonly restoreTestSchedule?: string;
    /** Email addresses told the result of every restore job (tests included); an Output is sent as it resolves. @default [] */
    readonly alertEmails?: pulumi.Input<string>[];
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** AWS managed policies the backup role needs; the S3 pair is separate from the general pair (AWS Backup docs, "Amazon S3 backups"). */
export const BACKUP_ROLE_POLICIES = [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
] as const;

/** Restore testing names allow only letters, digits and underscores, at most 50 (AWS Backup API). */
export function restoreTestingName(name: string): string {
    const out = name.replace(/[^A-Za-z0-9_]/g, "_");
    if (out.length > 50) throw new Error(`restore testing name (${out}) must be at most 50 characters`);
    return out;
}

/**
 * AWS Backup for the app tier's EBS volumes: a vault encrypted with its own KMS key,
 * a daily plan, and a selection of every volume carrying {@link BACKUP_TAG}. With a
 * copy provider, each recovery point is also copied to a vault in that region.
 */
export class Backups extends pulumi.ComponentResource {
    public readonly vaultName: pulumi.Output<string>;
    public readonly planId: pulumi.Output<string>;
    public readonly copyVaultArn?: pulumi.Output<string>;
    public readonly restoreTestingPlanName: pulumi.Output<string>;
    /** Tag to put on resources that must be backed up. */
    public readonly selectionTag = BACKUP_TAG;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:backup:Backups", name, {}, opts);
        const retentionDays = args.retentionDays ?? 35;
        const schedule = args.schedule ?? "cron(0 4 ? * * *)";
        const tags = args.tags ?? {};
        const restoreTestSchedule = args.restoreTestSchedule ?? "cron(0 8 ? * 1#1 *)";
        validateBackupsArgs({ retentionDays, schedule });
        validateBackupsArgs({ retentionDays, schedule: restoreTestSchedule });

        const vault = this.vault(name, tags, undefined);
        const copyVault = args.copyProvider ? this.vault(`${name}-copy`, tags, args.copyProvider) : undefined;

        const lifecycle = { deleteAfter: retentionDays };
        const plan = new aws.backup.Plan(
            `${name}-plan`,
            {
                rules: [
                    {
                        ruleName: "daily",
                        targetVaultName: vault.name,
                        schedule,
                        startWindow: 60,
                        completionWindow: 180,
                        lifecycle,
                        copyActions: copyVault
                            ? [{ destinationVaultArn: copyVault.arn, lifecycle }]
                            : undefined,
                        recoveryPointTags: tags,
                    },
                ],
                tags,
            },
            { parent: this },
        );

        const role = this.backupRole(name, tags);

        new aws.backup.Selection(
            `${name}-app-volumes`,
            {
                name: `${name}-app-volumes`,
                planId: plan.id,
                iamRoleArn: role.arn,
                // EBS volumes AND the tag (conditions are ANDed; selectionTags would be ORed).
                resources: ["arn:aws:ec2:*:*:volume/*"],
                conditions: [
                    { stringEquals: [{ key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value }] },
                ],
            },
            { parent: this },
        );

        if ((args.bucketArns ?? []).length > 0) {
            new aws.backup.Selection(
                `${name}-buckets`,
                {
                    name: `${name}-buckets`,
                    planId: plan.id,
                    iamRoleArn: role.arn,
                    resources: args.bucketArns,
                },
                { parent: this },
            );
        }

        const testPlan = this.restoreTests(name, vault, role, restoreTestSchedule, tags);
        this.reportRestoreResults(name, args.alertEmails ?? [], tags);

        this.vaultName = vault.name;
        this.planId = plan.id;
        this.copyVaultArn = copyVault?.arn;
        this.restoreTestingPlanName = testPlan.name;
        this.registerOutputs({
            vaultName: this.vaultName,
            planId: this.planId,
            copyVaultArn: this.copyVaultArn,
            restoreTestingPlanName: this.restoreTestingPlanName,
        });
    }

    /** The role AWS Backup assumes, with the managed policies for EBS and S3 backups and restores. */
    private backupRole(name: string, tags: Record<string, string>): aws.iam.Role {
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description: "AWS Backup for ChatMRPT",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "backup.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags,
            },
            { parent: this },
        );
        // Names kept from before the S3 pair was added (renaming would replace them).
        const attachmentNames = ["backup-policy", "restore-policy", "s3-backup-policy", "s3-restore-policy"];
        BACKUP_ROLE_POLICIES.forEach((policyArn, i) => {
            new aws.iam.RolePolicyAttachment(
                `${name}-${attachmentNames[i]}`,
                { role: role.name, policyArn },
                { parent: this },
            );
        });
        return role;
    }

    /**
     * Prove the backups restore: on `schedule` (monthly by default), restore the latest recovery
     * point of every tagged volume, keep it an hour for validation, then AWS Backup deletes it.
     */
    private restoreTests(
        name: string,
        vault: aws.backup.Vault,
        role: aws.iam.Role,
        schedule: string,
        tags: Record<string, string>,
    ): aws.backup.RestoreTestingPlan {
        const testPlan = new aws.backup.RestoreTestingPlan(
            `${name}-restore-test`,
            {
                name: restoreTestingName(`${name}_restore_test`),
                scheduleExpression: schedule,
                scheduleExpressionTimezone: "Etc/UTC",
                startWindowHours: 2,
                recoveryPointSelection: {
                    algorithm: "LATEST_WITHIN_WINDOW",
                    includeVaults: [vault.arn],
                    recoveryPointTypes: ["SNAPSHOT"],
                    selectionWindowDays: 7,
                },
                tags,
            },
            { parent: this },
        );
        new aws.backup.RestoreTestingSelection(
            `${name}-restore-test-volumes`,
            {
                name: "app_volumes",
                restoreTestingPlanName: testPlan.name,
                protectedResourceType: "EBS",
                iamRoleArn: role.arn,
                // A wildcard plus tag conditions, as for the backup selection ("*" and explicit ARNs cannot mix).
                protectedResourceArns: ["*"],
                protectedResourceConditions: {
                    stringEquals: [{ key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value }],
                },
                validationWindowHours: 1,
            },
            { parent: this },
        );
        return testPlan;
    }

    /** Every restore job's outcome (COMPLETED, FAILED, ABORTED) by email, through EventBridge. */
    private reportRestoreResults(
        name: string,
        emails: pulumi.Input<string>[],
        tags: Record<string, string>,
    ): void {
        const topic = new aws.sns.Topic(
            `${name}-restore-results`,
            { displayName: "ChatMRPT restore test results", tags },
            { parent: this },
        );
        const rule = new aws.cloudwatch.EventRule(
            `${name}-restore-results`,
            {
                description: "AWS Backup restore job finished (restore tests included)",
                eventPattern: JSON.stringify({
                    source: ["aws.backup"],
                    "detail-type": ["Restore Job State Change"],
                    detail: { status: ["COMPLETED", "FAILED", "ABORTED"] },
                }),
                tags,
            },
            { parent: this },
        );
        // EventBridge publishes as events.amazonaws.com, and only for this rule.
        const policy = new aws.sns.TopicPolicy(
            `${name}-restore-results`,
            {
                arn: topic.arn,
                policy: pulumi.all([topic.arn, rule.arn]).apply(([topicArn, ruleArn]) =>
                    JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "AllowRestoreResultRule",
                                Effect: "Allow",
                                Principal: { Service: "events.amazonaws.com" },
                                Action: "sns:Publish",
                                Resource: topicArn,
                                Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
                            },
                        ],
                    }),
                ),
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(
            `${name}-restore-results`,
            { rule: rule.name, arn: topic.arn },
            { parent: this, dependsOn: [policy] },
        );
        emails.forEach((email, i) => {
            new aws.sns.TopicSubscription(
                `${name}-restore-results-email-${i + 1}`,
                { topic: topic.arn, protocol: "email", endpoint: email },
                { parent: this },
            );
        });
    }

    private vault(
        name: string,
        tags: Record<string, string>,
        provider: aws.Provider | undefined,
    ): aws.backup.Vault {
        const key = new aws.kms.Key(
            `${name}-vault-key`,
            {
                description: "ChatMRPT backup vault",
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                tags,
                // Deleting the key destroys every recovery point it encrypts: protect it with the vault.
            },
            { parent: this, provider, protect: true, retainOnDelete: true },
        );
        return new aws.backup.Vault(
            `${name}-vault`,
            { kmsKeyArn: key.arn, forceDestroy: false, tags },
            { parent: this, provider, protect: true },
        );
    }
}

/** Throws on a plan AWS Backup would refuse. */
export function validateBackupsArgs(a: { retentionDays: number; schedule: string }): void {
    throwIfArgProblems(backupsArgProblems(a));
}

/** What {@link validateBackupsArgs} refuses, as data. */
export function backupsArgProblems(a: { retentionDays: number; schedule: string }): ArgProblem[] {
    const problems: ArgProblem[] = [];
    if (!Number.isInteger(a.retentionDays) || a.retentionDays < 1 || a.retentionDays > 3650) {
        problems.push({
            arg: "retentionDays",
            value: a.retentionDays,
            allowed: "must be a whole number from 1 to 3650",
        });
    }
    if (!/^cron\([^()]+\)$/.test(a.schedule))
        problems.push({
            arg: "schedule",
            value: a.schedule,
            allowed: "must be an AWS cron expression such as cron(0 4 ? * * *)",
        });
    return problems;
}
