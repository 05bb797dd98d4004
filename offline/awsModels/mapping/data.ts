/** State and backups: ElastiCache, S3 (one operation per bucket setting), AWS Backup, KMS, SSM, CloudWatch Logs. */
import { TAGS, Target, TypeMapping } from "./types";

/** A tag map sent as a map member (Backup, Logs, Synthetics take `{key: value}` as is). */
const tagMap = (to: string): Target => ({ to, form: "entries" });

export const DATA: Record<string, TypeMapping> = {
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        operations: ["elasticache:CreateReplicationGroup", "elasticache:ModifyReplicationGroup"],
        send: {
            description: "ReplicationGroupDescription",
            nodeType: "CacheNodeType",
            parameterGroupName: "CacheParameterGroupName",
            subnetGroupName: "CacheSubnetGroupName",
            maintenanceWindow: "PreferredMaintenanceWindow",
            multiAzEnabled: "MultiAZEnabled",
            tags: TAGS,
            finalSnapshotIdentifier: "elasticache:DeleteReplicationGroup FinalSnapshotIdentifier",
            snapshotName: "SnapshotName",
            // Sent only when the token changes, which only ModifyReplicationGroup does.
            authTokenUpdateStrategy: "elasticache:ModifyReplicationGroup AuthTokenUpdateStrategy",
        },
        notSent: { applyImmediately: "a boolean, sent with ModifyReplicationGroup" },
    },
    "aws:elasticache/subnetGroup:SubnetGroup": {
        operations: ["elasticache:CreateCacheSubnetGroup"],
        send: { name: "CacheSubnetGroupName", description: "CacheSubnetGroupDescription", tags: TAGS },
    },
    "aws:elasticache/parameterGroup:ParameterGroup": {
        operations: ["elasticache:CreateCacheParameterGroup"],
        send: {
            name: "CacheParameterGroupName",
            family: "CacheParameterGroupFamily",
            tags: TAGS,
            // Parameters are set after creation, by ModifyCacheParameterGroup.
            parameters: "elasticache:ModifyCacheParameterGroup ParameterNameValues",
            "parameters[].name": "elasticache:ModifyCacheParameterGroup ParameterNameValues[].ParameterName",
            "parameters[].value":
                "elasticache:ModifyCacheParameterGroup ParameterNameValues[].ParameterValue",
        },
    },
    "aws:s3/bucket:Bucket": {
        operations: ["s3:CreateBucket"],
        send: { tags: { to: "s3:PutBucketTagging Tagging.TagSet", form: "entries" } },
        notSent: { forceDestroy: "provider-only: empty the bucket before deleting it" },
    },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        operations: ["s3:PutBucketLifecycleConfiguration"],
        send: { rules: "LifecycleConfiguration.Rules" },
    },
    "aws:s3/bucketLogging:BucketLogging": {
        operations: ["s3:PutBucketLogging"],
        send: {
            targetBucket: "BucketLoggingStatus.LoggingEnabled.TargetBucket",
            targetPrefix: "BucketLoggingStatus.LoggingEnabled.TargetPrefix",
        },
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": {
        operations: ["s3:PutObject"],
        notSent: {
            source: "the archive's bytes (Body, a blob with no limit in the model)",
            // Tagging is a URL query string (`k=v&…`), a string the model does not constrain.
            tags: "sent as the Tagging query string, which the model does not constrain",
            forceDestroy: "provider-only: delete every version when deleting",
        },
    },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
        operations: ["s3:PutBucketOwnershipControls"],
        send: { rule: "OwnershipControls.Rules" },
    },
    "aws:s3/bucketPolicy:BucketPolicy": { operations: ["s3:PutBucketPolicy"] },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
        operations: ["s3:PutPublicAccessBlock"],
        notSent: {
            blockPublicAcls: "a boolean (PublicAccessBlockConfiguration)",
            blockPublicPolicy: "a boolean (PublicAccessBlockConfiguration)",
            ignorePublicAcls: "a boolean (PublicAccessBlockConfiguration)",
            restrictPublicBuckets: "a boolean (PublicAccessBlockConfiguration)",
        },
    },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        operations: ["s3:PutBucketEncryption"],
        send: { rules: "ServerSideEncryptionConfiguration.Rules" },
    },
    "aws:s3/bucketVersioning:BucketVersioning": { operations: ["s3:PutBucketVersioning"] },
    "aws:backup/vault:Vault": {
        operations: ["backup:CreateBackupVault"],
        send: { name: "BackupVaultName", kmsKeyArn: "EncryptionKeyArn", tags: tagMap("BackupVaultTags") },
        notSent: { forceDestroy: "provider-only: delete recovery points before deleting" },
    },
    "aws:backup/plan:Plan": {
        operations: ["backup:CreateBackupPlan", "backup:UpdateBackupPlan"],
        send: {
            name: "BackupPlan.BackupPlanName",
            rules: "BackupPlan.Rules",
            tags: tagMap("backup:CreateBackupPlan BackupPlanTags"),
            // Windows are minutes in both; lifecycle days are DeleteAfterDays.
            "rules[].schedule": "BackupPlan.Rules[].ScheduleExpression",
            "rules[].scheduleExpressionTimezone": "BackupPlan.Rules[].ScheduleExpressionTimezone",
            "rules[].startWindow": "BackupPlan.Rules[].StartWindowMinutes",
            "rules[].completionWindow": "BackupPlan.Rules[].CompletionWindowMinutes",
            "rules[].targetVaultName": "BackupPlan.Rules[].TargetBackupVaultName",
            "rules[].lifecycle.deleteAfter": "BackupPlan.Rules[].Lifecycle.DeleteAfterDays",
            "rules[].lifecycle.coldStorageAfter": "BackupPlan.Rules[].Lifecycle.MoveToColdStorageAfterDays",
            "rules[].recoveryPointTags": tagMap("BackupPlan.Rules[].RecoveryPointTags"),
            "rules[].copyActions[].lifecycle.deleteAfter":
                "BackupPlan.Rules[].CopyActions[].Lifecycle.DeleteAfterDays",
            "rules[].copyActions[].lifecycle.coldStorageAfter":
                "BackupPlan.Rules[].CopyActions[].Lifecycle.MoveToColdStorageAfterDays",
            "rules[].copyActions[].destinationVaultArn":
                "BackupPlan.Rules[].CopyActions[].DestinationBackupVaultArn",
        },
    },
    "aws:backup/selection:Selection": {
        operations: ["backup:CreateBackupSelection"],
        send: {
            planId: "BackupPlanId",
            name: "BackupSelection.SelectionName",
            iamRoleArn: "BackupSelection.IamRoleArn",
            resources: "BackupSelection.Resources",
            notResources: "BackupSelection.NotResources",
            // Pulumi's conditions list is the one Conditions structure; its pairs are ConditionKey/ConditionValue.
            conditions: "BackupSelection.Conditions",
            "conditions[].stringEquals[].key": "BackupSelection.Conditions.StringEquals[].ConditionKey",
            "conditions[].stringEquals[].value": "BackupSelection.Conditions.StringEquals[].ConditionValue",
            "conditions[].stringLike[].key": "BackupSelection.Conditions.StringLike[].ConditionKey",
            "conditions[].stringLike[].value": "BackupSelection.Conditions.StringLike[].ConditionValue",
        },
    },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": {
        operations: ["backup:CreateRestoreTestingPlan"],
        send: {
            name: "RestoreTestingPlan.RestoreTestingPlanName",
            recoveryPointSelection: "RestoreTestingPlan.RecoveryPointSelection",
            scheduleExpression: "RestoreTestingPlan.ScheduleExpression",
            scheduleExpressionTimezone: "RestoreTestingPlan.ScheduleExpressionTimezone",
            startWindowHours: "RestoreTestingPlan.StartWindowHours",
            tags: tagMap("Tags"),
        },
    },
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": {
        operations: ["backup:CreateRestoreTestingSelection"],
        send: {
            name: "RestoreTestingSelection.RestoreTestingSelectionName",
            iamRoleArn: "RestoreTestingSelection.IamRoleArn",
            protectedResourceArns: "RestoreTestingSelection.ProtectedResourceArns",
            protectedResourceConditions: "RestoreTestingSelection.ProtectedResourceConditions",
            protectedResourceType: "RestoreTestingSelection.ProtectedResourceType",
            restoreMetadataOverrides: tagMap("RestoreTestingSelection.RestoreMetadataOverrides"),
            validationWindowHours: "RestoreTestingSelection.ValidationWindowHours",
        },
    },
    "aws:kms/key:Key": {
        operations: ["kms:CreateKey"],
        send: {
            tags: TAGS,
            // Sent when the key is deleted (the waiting period before AWS destroys it).
            deletionWindowInDays: "kms:ScheduleKeyDeletion PendingWindowInDays",
            rotationPeriodInDays: "kms:EnableKeyRotation RotationPeriodInDays",
        },
        notSent: { enableKeyRotation: "a boolean: whether EnableKeyRotation is called" },
    },
    "aws:ssm/parameter:Parameter": { operations: ["ssm:PutParameter"], send: { tags: TAGS } },
    "aws:ssm/document:Document": { operations: ["ssm:CreateDocument"], send: { tags: TAGS } },
    "aws:cloudwatch/logGroup:LogGroup": {
        operations: ["logs:CreateLogGroup"],
        send: {
            name: "logGroupName",
            tags: tagMap("tags"),
            retentionInDays: "logs:PutRetentionPolicy retentionInDays",
        },
    },
};
