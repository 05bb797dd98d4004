/** S3 buckets and their access logs, KMS keys and Route 53 zones. */
import { Pricer } from "../context";

const bucket: Pricer = (r, ctx) => {
    const purpose = r.inputs.tags?.Purpose as string | undefined;
    const b = purpose ? ctx.usage.buckets[purpose] : undefined;
    if (!b) {
        ctx.missing(r, `no usage assumption for bucket purpose ${purpose ?? "(no Purpose tag)"}`);
        return;
    }
    ctx.line(r, `S3 storage (${purpose})`, b.storageGb, "GB-months", ctx.regional(r, "s3StandardGbMonth"));
    ctx.line(
        r,
        `S3 PUT requests (${purpose})`,
        b.putRequests / 1000,
        "1k requests",
        ctx.regional(r, "s3PutPer1000"),
    );
    ctx.line(
        r,
        `S3 GET requests (${purpose})`,
        b.getRequests / 1000,
        "1k requests",
        ctx.regional(r, "s3GetPer1000"),
    );
};

const bucketLogging: Pricer = (r, ctx) => {
    // Delivery is free; the logs cost their storage in the target bucket.
    if (ctx.usage.serverAccessLogGb === undefined) {
        ctx.missing(r, "no server access log usage (serverAccessLogGb)");
        return;
    }
    ctx.line(
        r,
        "S3 server access log storage",
        ctx.usage.serverAccessLogGb,
        "GB-months",
        ctx.regional(r, "s3StandardGbMonth"),
    );
};

const kmsKey: Pricer = (r, ctx) => {
    const price = ctx.regional(r, "kmsKeyMonth");
    if (price === undefined) {
        ctx.missing(r, `no KMS price in ${r.region}`);
        return;
    }
    ctx.line(r, "KMS key", 1, "key-months", price);
    if (!r.inputs.enableKeyRotation) return;
    // Each rotation adds a key version, charged for the first two rotations (later ones free):
    // none in the first months, two from the second rotation on (the steady state).
    const days = Number(r.inputs.rotationPeriodInDays ?? 365); // AWS's default period: a year
    ctx.line(
        r,
        `KMS rotated key versions (rotation every ${days} days: 2 charged from the second rotation on, ${+firstYearVersions(days).toFixed(2)} on average in the first year)`,
        2,
        "key-version-months",
        ctx.regional(r, "kmsRotationMonth"),
        firstYearVersions(days),
    );
};

/** Charged key versions averaged over the first 365 days: one from the first rotation, two from the second. */
export function firstYearVersions(periodDays: number): number {
    const year = 365;
    const inYear = (from: number) => Math.max(0, year - from) / year;
    return inYear(periodDays) + inYear(2 * periodDays);
}

const hostedZone: Pricer = (r, ctx) => {
    ctx.line(r, "hosted zone", 1, "zone-months", ctx.prices.global.route53HostedZoneMonth);
};

export const STORAGE_PRICERS: Record<string, Pricer> = {
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketV2:BucketV2": bucket,
    "aws:s3/bucketLogging:BucketLogging": bucketLogging,
    "aws:kms/key:Key": kmsKey,
    "aws:route53/zone:Zone": hostedZone,
};
