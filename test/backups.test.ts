import * as assert from "assert";
import { restoreTestingName, validateBackupsArgs } from "../components/backups";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { named, ofType, runProdOk } from "./helpers";

describe("Backups (prod stack)", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk();
    });

    it("backs up daily at 04:00 UTC into the vault and keeps 35 days", () => {
        const plan = named(run, "chatmrpt-backups-plan");
        assert.deepStrictEqual(
            plan.inputs.rules.map((r: any) => ({
                name: r.ruleName,
                vault: r.targetVaultName,
                schedule: r.schedule,
                lifecycle: r.lifecycle,
                copy: r.copyActions,
            })),
            [
                {
                    name: "daily",
                    vault: named(run, "chatmrpt-backups-vault").outputs.name,
                    schedule: "cron(0 4 ? * * *)",
                    lifecycle: { deleteAfter: 35 },
                    copy: undefined,
                },
            ],
        );
    });

    it("selects EBS volumes carrying the backup tag, which the app volumes carry", () => {
        const selection = named(run, "chatmrpt-backups-app-volumes");
        assert.deepStrictEqual(selection.inputs.resources, ["arn:aws:ec2:*:*:volume/*"]);
        assert.deepStrictEqual(selection.inputs.conditions, [
            { stringEquals: [{ key: "aws:ResourceTag/Backup", value: "chatmrpt-daily" }] },
        ]);
        const volumeTags = named(run, "chatmrpt-web-lt").inputs.tagSpecifications.find(
            (t: any) => t.resourceType === "volume",
        ).tags;
        assert.strictEqual(volumeTags.Backup, "chatmrpt-daily");
    });

    it("runs as a role only AWS Backup can assume, with the AWS Backup service policies", () => {
        const role = named(run, "chatmrpt-backups-role");
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement, [
            { Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        const attached = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.inputs.role === role.outputs.name)
            .map((a) => a.inputs.policyArn);
        assert.deepStrictEqual(attached, [
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            // AWS Backup for S3 needs its own pair.
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
        ]);
    });

    it("backs up the uploads bucket (versioned) in the daily plan", () => {
        const selection = named(run, "chatmrpt-backups-buckets");
        const uploads = named(run, "chatmrpt-uploads-bucket");
        assert.deepStrictEqual(
            [selection.inputs.planId, selection.inputs.iamRoleArn, selection.inputs.resources],
            [
                named(run, "chatmrpt-backups-plan").id,
                named(run, "chatmrpt-backups-role").outputs.arn,
                [uploads.outputs.arn],
            ],
        );
        assert.strictEqual(
            named(run, "chatmrpt-uploads-versioning").inputs.versioningConfiguration.status,
            "Enabled",
        );
    });

    it("restores the latest recovery point of every tagged app volume on the first Sunday of each month, an hour after the daily backup window", () => {
        const plan = named(run, "chatmrpt-backups-restore-test");
        assert.deepStrictEqual(plan.inputs, {
            name: "chatmrpt_backups_restore_test",
            scheduleExpression: "cron(0 8 ? * 1#1 *)",
            scheduleExpressionTimezone: "Etc/UTC",
            startWindowHours: 2,
            recoveryPointSelection: {
                algorithm: "LATEST_WITHIN_WINDOW",
                includeVaults: [named(run, "chatmrpt-backups-vault").outputs.arn],
                recoveryPointTypes: ["SNAPSHOT"],
                selectionWindowDays: 7,
            },
            tags: { Project: "chatmrpt", Environment: "prod", ManagedBy: "pulumi" },
        });
        const selection = named(run, "chatmrpt-backups-restore-test-volumes").inputs;
        assert.deepStrictEqual(selection, {
            name: "app_volumes",
            restoreTestingPlanName: "chatmrpt_backups_restore_test",
            protectedResourceType: "EBS",
            iamRoleArn: named(run, "chatmrpt-backups-role").outputs.arn,
            protectedResourceArns: ["*"],
            protectedResourceConditions: {
                stringEquals: [{ key: "aws:ResourceTag/Backup", value: "chatmrpt-daily" }],
            },
            validationWindowHours: 1,
        });
    });

    it("emails every restore job's result through EventBridge, which alone may publish to that topic", () => {
        const rule = named(run, "chatmrpt-backups-restore-results", "aws:cloudwatch/eventRule:EventRule");
        assert.deepStrictEqual(JSON.parse(rule.inputs.eventPattern), {
            source: ["aws.backup"],
            "detail-type": ["Restore Job State Change"],
            detail: { status: ["COMPLETED", "FAILED", "ABORTED"] },
        });
        const topic = named(run, "chatmrpt-backups-restore-results", "aws:sns/topic:Topic");
        const target = named(
            run,
            "chatmrpt-backups-restore-results",
            "aws:cloudwatch/eventTarget:EventTarget",
        );
        assert.deepStrictEqual(
            [target.inputs.rule, target.inputs.arn],
            [rule.outputs.name, topic.outputs.arn],
        );
        const policy = JSON.parse(
            named(run, "chatmrpt-backups-restore-results", "aws:sns/topicPolicy:TopicPolicy").inputs.policy,
        );
        assert.deepStrictEqual(policy.Statement, [
            {
                Sid: "AllowRestoreResultRule",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topic.outputs.arn,
                Condition: { ArnEquals: { "aws:SourceArn": rule.outputs.arn } },
            },
        ]);
        const email = named(run, "chatmrpt-backups-restore-results-email-1").inputs;
        assert.deepStrictEqual(
            [email.topic, email.protocol, email.endpoint],
            [topic.outputs.arn, "email", "ops@chatmrpt.example.org"],
        );
    });

    it("rejects a restore testing name AWS Backup would refuse", () => {
        assert.strictEqual(
            restoreTestingName("chatmrpt-backups_restore_test"),
            "chatmrpt_backups_restore_test",
        );
        assert.throws(() => restoreTestingName("x".repeat(51)), {
            message: `restore testing name (${"x".repeat(51)}) must be at most 50 characters`,
        });
    });

    it("encrypts the vault with a rotating key of its own and protects both", () => {
        const key = named(run, "chatmrpt-backups-vault-key");
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        // The key is the recovery points: deleting it (7-30 days after a destroy) loses them all.
        assert.deepStrictEqual(
            [key.protect, key.retainOnDelete, key.inputs.deletionWindowInDays],
            [true, true, 30],
        );
        const vault = named(run, "chatmrpt-backups-vault");
        assert.strictEqual(vault.inputs.kmsKeyArn, key.outputs.arn);
        assert.strictEqual(vault.protect, true);
    });

    it("copies to a vault in a second region only when configured", async () => {
        assert.strictEqual(ofType(run, "aws:backup/vault:Vault").length, 1);
        const copied = await runProdOk({ "chatmrpt:backupCopyRegion": "us-west-2" });
        const copyVault = named(copied, "chatmrpt-backups-copy-vault");
        assert.strictEqual(copyVault.region, "us-west-2");
        assert.strictEqual(named(copied, "chatmrpt-backups-copy-vault-key").region, "us-west-2");
        const rule = named(copied, "chatmrpt-backups-plan").inputs.rules[0];
        assert.deepStrictEqual(rule.copyActions, [
            { destinationVaultArn: copyVault.outputs.arn, lifecycle: { deleteAfter: 35 } },
        ]);
    });

    it("rejects retention 0 and a schedule that is not cron", () => {
        assert.throws(() => validateBackupsArgs({ retentionDays: 0, schedule: "cron(0 4 ? * * *)" }), {
            message: "retentionDays (0) must be a whole number from 1 to 3650",
        });
        assert.throws(() => validateBackupsArgs({ retentionDays: 35, schedule: "daily" }), {
            message: "schedule (daily) must be an AWS cron expression such as cron(0 4 ? * * *)",
        });
    });
});
