import { StackValidationPolicy } from "@pulumi/policy";
import { known, setOrUnknown } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType, pointedAt } from "../lib/stackIndex";

export const backupVaultKeyProtected: StackValidationPolicy = {
    name: "backup-vault-key-protected",
    description:
        "Checks that the KMS key of every backup vault is a key of this stack created with protect: true and the longest deletion window (deleting it loses every recovery point).",
    enforcementLevel: "mandatory",
    // AWS allows 7-30 days and defaults to 30.
    configSchema: {
        properties: { minDeletionWindowDays: { type: "integer", minimum: 7, maximum: 30, default: 30 } },
    },
    validateStack: (args, report) => {
        const { minDeletionWindowDays } = args.getConfig<{ minDeletionWindowDays: number }>();
        const keys = ofType(args.resources, T.kmsKey);
        for (const vault of ofType(args.resources, T.backupVault)) {
            // Without kmsKeyArn the vault uses the AWS managed key aws/backup, which no one can delete.
            if (
                !setOrUnknown(() => vault.props.kmsKeyArn) &&
                !(vault.propertyDependencies?.kmsKeyArn?.length > 0)
            )
                continue;
            const key = pointedAt(vault, "kmsKeyArn", keys, ["arn", "id"])[0];
            if (!key) {
                report(
                    `backup vault ${vault.name} must use a KMS key of this stack (so its deletion protection can be checked) or the AWS managed key; found kmsKeyArn ${show(known(() => vault.props.kmsKeyArn))}`,
                    vault.urn,
                );
                continue;
            }
            // The policy SDK shows `protect` but not `retainOnDelete`; protect is what blocks a destroy.
            if (!key.opts.protect)
                report(
                    `KMS key ${key.name} encrypts backup vault ${vault.name} and must be created with protect: true; found protect: false`,
                    key.urn,
                );
            const window = known(() => key.props.deletionWindowInDays) ?? 30;
            if (typeof window !== "number" || window < minDeletionWindowDays) {
                report(
                    `KMS key ${key.name} of backup vault ${vault.name} must have deletionWindowInDays at least ${minDeletionWindowDays}; found ${show(window)}`,
                    key.urn,
                );
            }
        }
    },
};
