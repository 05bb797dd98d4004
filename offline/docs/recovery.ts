/**
 * The recovery page's facts (what is backed up, when, for how long, how restores are
 * tested), read from prod's plan, so a schedule change shows in the docs the day it lands.
 */
import { Plan, PlannedResource } from "../plan/plan";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS = ["first", "second", "third", "fourth", "fifth"];

/**
 * An AWS cron expression in words, for the forms the stack uses (daily, weekly, the Nth
 * weekday of the month); any other form is shown as written. AWS numbers days 1 (Sunday) to 7.
 */
export function describeCron(expression: string): string {
    const m = /^cron\((\d{1,2}) (\d{1,2}) \? \* (\*|[1-7]|[1-7]#[1-5]) \*\)$/.exec(expression);
    if (!m) return `\`${expression}\``;
    const time = `${m[2].padStart(2, "0")}:${m[1].padStart(2, "0")} UTC`;
    const [day, nth] = m[3].split("#");
    const when =
        day === "*"
            ? "every day"
            : nth === undefined
              ? `every ${DAYS[Number(day) - 1]}`
              : `the ${ORDINALS[Number(nth) - 1]} ${DAYS[Number(day) - 1]} of each month`;
    return `${when} at ${time} (\`${expression}\`)`;
}

function one(plan: Plan, type: string, name?: string): PlannedResource {
    const found = plan.resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    if (found.length !== 1)
        throw new Error(
            `the recovery page expects one ${type}${name ? ` named ${name}` : ""} in prod's plan; found ${found.length}`,
        );
    return found[0];
}

const setting = (r: PlannedResource, path: string): string => {
    const v = r.settings[path];
    if (v === undefined) throw new Error(`${r.name} has no ${path} in prod's plan`);
    return String(v);
};

/** The table of what is kept and how restores are proven. */
export function recoveryTable(plan: Plan): string {
    const backupPlan = one(plan, "aws:backup/plan:Plan");
    const restorePlan = one(plan, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
    const restoreSelection = one(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection");
    const redis = one(plan, "aws:elasticache/replicationGroup:ReplicationGroup");
    const key = one(plan, "aws:kms/key:Key");
    const uploadsLifecycle = plan.resources.find(
        (r) => r.type.endsWith(":BucketLifecycleConfiguration") && r.component.endsWith("-uploads"),
    );
    const copies = Object.keys(backupPlan.settings).some((k) => k.startsWith("rules[0].copyActions[0]"));
    const noncurrent =
        uploadsLifecycle &&
        Object.entries(uploadsLifecycle.settings).find(([k]) =>
            k.endsWith("noncurrentVersionExpiration.noncurrentDays"),
        )?.[1];
    const rows = [
        [
            "app volumes (EBS, tagged `Backup=chatmrpt-daily`)",
            `AWS Backup ${describeCron(setting(backupPlan, "rules[0].schedule"))}`,
            `${setting(backupPlan, "rules[0].lifecycle.deleteAfter")} days${copies ? ", copied to a second region" : ", one region (no `backupCopyRegion`)"}`,
        ],
        [
            "uploads bucket (S3)",
            "the same daily backup (a second selection)",
            `${setting(backupPlan, "rules[0].lifecycle.deleteAfter")} days; replaced or deleted files also stay as noncurrent versions for ${noncurrent ?? "?"} days`,
        ],
        [
            "Redis (ElastiCache)",
            `automatic snapshots daily in ${setting(redis, "snapshotWindow")} UTC`,
            `${setting(redis, "snapshotRetentionLimit")} days, and a final snapshot on delete`,
        ],
        [
            "restore tests (app volumes)",
            `${describeCron(setting(restorePlan, "scheduleExpression"))}`,
            `the latest recovery point of the last ${setting(restorePlan, "recoveryPointSelection.selectionWindowDays")} days, kept ${setting(restoreSelection, "validationWindowHours")} hour(s), then deleted`,
        ],
        [
            "the vault's KMS key",
            "rotated yearly by KMS" + (setting(key, "enableKeyRotation") === "true" ? "" : " (OFF)"),
            `deletion waits ${setting(key, "deletionWindowInDays")} days`,
        ],
    ];
    return ["| what | when | kept |", "| --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
        "\n",
    );
}
