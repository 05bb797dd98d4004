import { ResourceValidationPolicy } from "@pulumi/policy";
import { isTrue } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

export const rdsEncryptedBackedUp: ResourceValidationPolicy = {
    name: "rds-encrypted-backed-up",
    description:
        "Checks that RDS instances and Aurora clusters encrypt storage, keep automated backups the configured days, are deletion-protected or take a final snapshot, and are not publicly accessible.",
    enforcementLevel: "mandatory",
    // AWS allows 0-35 days of automated backups; 0 turns them off.
    configSchema: {
        properties: { minBackupRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } },
    },
    validateResource: (args, report) => {
        const p = args.props;
        // Unset is not private: AWS makes an instance public by default when its VPC has an
        // internet gateway (RDS API, CreateDBInstance PubliclyAccessible).
        const publicIf = () => {
            if (p.publiclyAccessible !== false)
                report(`publiclyAccessible must be false; found ${show(p.publiclyAccessible)}`);
        };
        if (isOneOf(args.type, T.rdsClusterInstance)) {
            publicIf();
            return;
        }
        if (!isOneOf(args.type, T.rdsInstance) && !isOneOf(args.type, T.rdsCluster)) return;
        const { minBackupRetentionDays } = args.getConfig<{ minBackupRetentionDays: number }>();
        if (!isTrue(p.storageEncrypted))
            report(`storageEncrypted must be true; found ${show(p.storageEncrypted)}`);
        if (typeof p.backupRetentionPeriod !== "number" || p.backupRetentionPeriod < minBackupRetentionDays) {
            report(
                `backupRetentionPeriod must be at least ${minBackupRetentionDays} days; found ${show(p.backupRetentionPeriod)}`,
            );
        }
        const finalSnapshot =
            p.skipFinalSnapshot === false &&
            typeof p.finalSnapshotIdentifier === "string" &&
            p.finalSnapshotIdentifier !== "";
        if (p.deletionProtection !== true && !finalSnapshot) {
            report(
                `deletionProtection must be true, or skipFinalSnapshot false with a finalSnapshotIdentifier; found deletionProtection ${show(p.deletionProtection)}, skipFinalSnapshot ${show(p.skipFinalSnapshot)}, finalSnapshotIdentifier ${show(p.finalSnapshotIdentifier)}`,
            );
        }
        if (isOneOf(args.type, T.rdsInstance)) publicIf(); // a cluster is reached through its instances
    },
};
