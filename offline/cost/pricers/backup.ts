/** AWS Backup: EBS and S3 backup storage and the cross-region copy (restore testing: restoreTesting.ts). */
import { RecordedResource } from "../../engine/mockRuntime";
import { Pricer } from "../context";

interface BackupRule {
    copyActions?: { destinationVaultArn?: string }[];
}

const plan: Pricer = (r, ctx) => {
    const { usage, prices } = ctx;
    if (ctx.regional(r, "backupEbsGbMonth") === undefined) {
        ctx.missing(r, `no AWS Backup price in ${r.region}`);
        return;
    }
    ctx.line(
        r,
        "EBS backup storage",
        usage.backupStorageGb,
        "GB-months",
        ctx.regional(r, "backupEbsGbMonth"),
    );
    const rules = (r.inputs.rules ?? []) as BackupRule[];
    if (!rules.some((rule) => (rule.copyActions ?? []).length > 0)) return;
    const copyVault: RecordedResource | undefined = ctx.records.find(
        (x) =>
            x.type === "aws:backup/vault:Vault" &&
            rules.some((rule) =>
                (rule.copyActions ?? []).some((c) => c.destinationVaultArn === x.outputs.arn),
            ),
    );
    const copyPrice = copyVault ? prices.regions[copyVault.region]?.backupEbsGbMonth : undefined;
    if (copyPrice === undefined || !copyVault)
        ctx.missing(r, `no AWS Backup price for the copy region ${copyVault?.region ?? "(unknown)"}`);
    else
        ctx.line(
            r,
            `EBS backup copy storage (${copyVault.region})`,
            usage.backupStorageGb,
            "GB-months",
            copyPrice,
        );
    ctx.line(
        r,
        "cross-region copy transfer",
        usage.backupStorageGb,
        "GB",
        ctx.regional(r, "backupCrossRegionTransferGb"),
    );
};

const selection: Pricer = (r, ctx) => {
    const s3 = ((r.inputs.resources ?? []) as unknown[]).filter(
        (arn) => typeof arn === "string" && arn.startsWith("arn:aws:s3:::"),
    );
    if (s3.length === 0) {
        ctx.markFree(r);
        return;
    } // EBS storage is priced on the plan
    const price = ctx.regional(r, "backupS3GbMonth");
    if (ctx.usage.s3BackupGb === undefined || price === undefined) {
        ctx.missing(r, "no S3 backup usage (s3BackupGb) or price");
        return;
    }
    ctx.line(r, `S3 backup storage (${s3.length} bucket(s))`, ctx.usage.s3BackupGb, "GB-months", price);
    // AWS Backup for S3 also bills the GET/LIST requests it makes on the bucket.
    ctx.line(
        r,
        "S3 requests made by the backups",
        (ctx.usage.s3BackupRequests ?? 0) / 1000,
        "1k requests",
        ctx.regional(r, "s3GetPer1000"),
    );
};

export const BACKUP_PRICERS: Record<string, Pricer> = {
    "aws:backup/plan:Plan": plan,
    "aws:backup/selection:Selection": selection,
};
