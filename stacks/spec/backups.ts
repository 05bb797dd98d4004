/** The config spec's keys of one section (stacks/configSpec.ts): Backups and storage. */
import * as v from "../validate";
import { int, KeyDef, prod } from "./keySpec";

export const BACKUPS_KEYS = {
    backupRetentionDays: int(1, 3650, "35", "Days AWS Backup keeps recovery points of the app volumes.", [
        "backups.retentionDays",
    ]),
    backupSchedule: {
        kind: "string",
        check: (s) => v.checkAwsCron(s, { hourlyAtMost: true }),
        default: prod("cron(0 4 ? * * *)"),
        allowed: "an AWS cron expression, at most hourly",
        meaning: "When AWS Backup backs up the app volumes.",
        args: ["backups.schedule"],
    },
    backupCopyRegion: {
        kind: "string",
        check: v.checkRegion,
        allowed: "an AWS region other than aws:region",
        defaultText: "none",
        meaning: "A second region recovery points are copied to.",
    },
    restoreTestSchedule: {
        kind: "string",
        check: (s) => v.checkAwsCron(s),
        default: prod("cron(0 8 ? * 1#1 *)"),
        allowed: "an AWS cron expression",
        meaning: "When AWS Backup test-restores the app volumes (each restore job is billed).",
    },
    uploadsNoncurrentVersionDays: int(1, 3650, "30", "Days a replaced or deleted upload is kept."),
    accessLogRetentionDays: int(1, 3650, "90", "Days ALB and S3 access logs are kept."),
} as const satisfies Record<string, KeyDef>;
