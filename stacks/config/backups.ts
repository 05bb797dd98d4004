/** The backups and storage section: AWS Backup's plan and restore tests, and the buckets' lifecycles. */
import { NAMESPACE, Reader } from "./reader";
import { StackConfig } from "./types";

export function readBackupCopyRegion(r: Reader, region: string | undefined): string | undefined {
    const copyRegion = r.optional("backupCopyRegion");
    if (copyRegion && copyRegion === region) {
        r.problem(
            `${NAMESPACE}:backupCopyRegion (${copyRegion}): must differ from the stack's region (${region})`,
        );
    }
    return copyRegion;
}

export function readBackups(
    r: Reader,
    copyRegion: string | undefined,
): Pick<StackConfig, "restoreTestSchedule" | "backups" | "storage"> {
    return {
        restoreTestSchedule: r.string("restoreTestSchedule") ?? "",
        backups: {
            // AWS Backup needs >= 1 day; 35 matches the longest ElastiCache retention.
            retentionDays: r.int("backupRetentionDays"),
            schedule: r.string("backupSchedule") ?? "",
            copyRegion,
        },
        storage: {
            uploadsNoncurrentVersionDays: r.int("uploadsNoncurrentVersionDays"),
            accessLogRetentionDays: r.int("accessLogRetentionDays"),
        },
    };
}
