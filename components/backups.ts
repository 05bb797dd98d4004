import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The tag that puts a volume into the daily backup selection. */
export const BACKUP_TAG = { key: "Backup", value: "chatmrpt-daily" } as const;

/** Arguments of {@link Backups}. */
export interface BackupsArgs {
    /** Days each recovery point is kept. @default 35 */
    readonly retentionDays?: number;
    /** When the daily backup starts (AWS cron, UTC). @default "cron(0 4 ? * * *)" */
    readonly schedule?: string;
    /** Provider in a second region for a copy of every recovery point. @default - no copy */
    readonly copyProvider?: aws.Provider;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
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
    /** Tag to put on resources that must be backed up. */
    public readonly selectionTag = BACKUP_TAG;

    constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:backup:Backups", name, {}, opts);
        const retentionDays = args.retentionDays ?? 35;
        const schedule = args.schedule ?? "cron(0 4 ? * * *)";
        const tags = args.tags ?? {};
        validateBackupsArgs({ retentionDays, schedule });

        const vault = this.vault(name, tags, undefined);
        const copyVault = args.copyProvider ? this.vault(`${name}-copy`, tags, args.copyProvider) : undefined;

        const lifecycle = { deleteAfter: retentionDays };
        const plan = new aws.backup.Plan(`${name}-plan`, {
            rules: [{
                ruleName: "daily",
                targetVaultName: vault.name,
                schedule,
                startWindow: 60,
                completionWindow: 180,
                lifecycle,
                copyActions: copyVault ? [{ destinationVaultArn: copyVault.arn, lifecycle }] : undefined,
                recoveryPointTags: tags,
            }],
            tags,
        }, { parent: this });

        const role = new aws.iam.Role(`${name}-role`, {
            description: "AWS Backup for ChatMRPT",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags,
        }, { parent: this });
        new aws.iam.RolePolicyAttachment(`${name}-backup-policy`, {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
        }, { parent: this });
        new aws.iam.RolePolicyAttachment(`${name}-restore-policy`, {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
        }, { parent: this });

        new aws.backup.Selection(`${name}-app-volumes`, {
            name: `${name}-app-volumes`,
            planId: plan.id,
            iamRoleArn: role.arn,
            // EBS volumes AND the tag (conditions are ANDed; selectionTags would be ORed).
            resources: ["arn:aws:ec2:*:*:volume/*"],
            conditions: [{ stringEquals: [{ key: `aws:ResourceTag/${BACKUP_TAG.key}`, value: BACKUP_TAG.value }] }],
        }, { parent: this });

        this.vaultName = vault.name;
        this.planId = plan.id;
        this.copyVaultArn = copyVault?.arn;
        this.registerOutputs({ vaultName: this.vaultName, planId: this.planId, copyVaultArn: this.copyVaultArn });
    }

    private vault(name: string, tags: Record<string, string>, provider: aws.Provider | undefined): aws.backup.Vault {
        const key = new aws.kms.Key(`${name}-vault-key`, {
            description: "ChatMRPT backup vault",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            tags,
        // Deleting the key destroys every recovery point it encrypts: protect it with the vault.
        }, { parent: this, provider, protect: true, retainOnDelete: true });
        return new aws.backup.Vault(`${name}-vault`, { kmsKeyArn: key.arn, forceDestroy: false, tags }, { parent: this, provider, protect: true });
    }
}

/** Throws on a plan AWS Backup would refuse. */
export function validateBackupsArgs(a: { retentionDays: number; schedule: string }): void {
    if (!Number.isInteger(a.retentionDays) || a.retentionDays < 1 || a.retentionDays > 3650) {
        throw new Error(`retentionDays (${a.retentionDays}) must be a whole number from 1 to 3650`);
    }
    if (!/^cron\([^()]+\)$/.test(a.schedule)) throw new Error(`schedule (${a.schedule}) must be an AWS cron expression such as cron(0 4 ? * * *)`);
}
