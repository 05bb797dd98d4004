import { StackValidationPolicy } from "@pulumi/policy";
import { peek, UNKNOWN } from "../lib/known";
import { dependencies } from "../lib/shapes";
import { T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

export const backupVaultsKeepRecoveryPoints: StackValidationPolicy = {
    name: "backup-vaults-keep-recovery-points",
    description:
        "Checks that no backup vault can be force-destroyed (which deletes its recovery points with it) and that each is encrypted with a customer-managed KMS key, unless the pack config gives the reason the AWS managed key is accepted.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // Non-empty: the reason a vault may use the AWS managed key aws/backup (no one can then keep or revoke it).
            awsManagedKeyReason: { type: "string", default: "" },
        },
    },
    validateStack: (args, report) => {
        const { awsManagedKeyReason } = args.getConfig<{ awsManagedKeyReason: string }>();
        for (const vault of ofType(args.resources, T.backupVault)) {
            const force = peek(vault.props, "forceDestroy");
            if (force !== UNKNOWN && force !== false && force !== undefined && force !== null) {
                report(
                    `backup vault ${vault.name} must not set forceDestroy (a destroy would delete every recovery point); found ${String(force)}`,
                    vault.urn,
                );
            }
            const key = peek(vault.props, "kmsKeyArn");
            const customer =
                key === UNKNOWN
                    ? dependencies(vault, "kmsKeyArn").length > 0
                    : typeof key === "string" && !/:alias\/aws\//.test(key) && key !== "";
            if (!customer && awsManagedKeyReason.trim().length < 10) {
                report(
                    `backup vault ${vault.name} must be encrypted with a customer-managed KMS key (kmsKeyArn), or the pack config must say why not (awsManagedKeyReason, 10+ characters); found ${key === undefined || key === null || key === "" ? "the AWS managed key" : String(key)}`,
                    vault.urn,
                );
            }
        }
    },
};
