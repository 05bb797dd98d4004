import * as assert from "assert";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { validateSecureBucketArgs } from "../components/secureBucket";
import { named, runProdOk } from "./helpers";

describe("SecureBucket (prod uploads and ALB logs)", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk();
    });

    for (const prefix of ["chatmrpt-uploads", "chatmrpt-alb-logs"]) {
        describe(prefix, () => {
            it("blocks all public access and disables ACLs", () => {
                const pab = named(run, `${prefix}-public-access`).inputs;
                assert.deepStrictEqual(
                    [
                        pab.blockPublicAcls,
                        pab.blockPublicPolicy,
                        pab.ignorePublicAcls,
                        pab.restrictPublicBuckets,
                    ],
                    [true, true, true, true],
                );
                assert.deepStrictEqual(named(run, `${prefix}-ownership`).inputs.rule, {
                    objectOwnership: "BucketOwnerEnforced",
                });
            });

            it("encrypts by default", () => {
                assert.deepStrictEqual(named(run, `${prefix}-encryption`).inputs.rules, [
                    { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ]);
            });

            it("is protected from deletion", () => {
                assert.strictEqual(named(run, `${prefix}-bucket`).protect, true);
                assert.strictEqual(named(run, `${prefix}-bucket`).inputs.forceDestroy, false);
            });
        });
    }

    it("versions uploads and expires noncurrent versions after 30 days and stale multipart uploads after 7", () => {
        assert.deepStrictEqual(named(run, "chatmrpt-uploads-versioning").inputs.versioningConfiguration, {
            status: "Enabled",
        });
        assert.deepStrictEqual(named(run, "chatmrpt-uploads-lifecycle").inputs.rules, [
            {
                id: "abort-incomplete-multipart-uploads",
                status: "Enabled",
                filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
            {
                id: "expire-noncurrent-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 30 },
            },
        ]);
    });

    it("denies every request to uploads that is not over TLS, and allows nothing else", () => {
        const arn = named(run, "chatmrpt-uploads-bucket").outputs.arn;
        assert.deepStrictEqual(JSON.parse(named(run, "chatmrpt-uploads-policy").inputs.policy as string), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [arn, `${arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        });
    });

    it("lets us-east-2's ELB account write ALB logs under alb/AWSLogs/<account>/ and expires them after 90 days", () => {
        const arn = named(run, "chatmrpt-alb-logs-bucket").outputs.arn;
        const policy = JSON.parse(named(run, "chatmrpt-alb-logs-policy").inputs.policy as string);
        assert.deepStrictEqual(policy.Statement[1], {
            Sid: "AllowAlbLogDelivery",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::033677994240:root" },
            Action: "s3:PutObject",
            Resource: `${arn}/alb/AWSLogs/123456789012/*`,
        });
        assert.strictEqual(policy.Statement[0].Sid, "DenyInsecureTransport");
        assert.deepStrictEqual(
            named(run, "chatmrpt-alb-logs-lifecycle").inputs.rules.map((r: any) => r.id),
            ["abort-incomplete-multipart-uploads", "expire-objects"],
        );
        assert.deepStrictEqual(named(run, "chatmrpt-alb-logs-lifecycle").inputs.rules[1].expiration, {
            days: 90,
        });
    });

    it("logs every request to uploads (S3 server access logs) under s3/uploads/ in the log bucket, which admits only that delivery", () => {
        const logging = named(run, "chatmrpt-uploads-access-logging").inputs;
        const logs = named(run, "chatmrpt-alb-logs-bucket").outputs;
        const uploadsArn = named(run, "chatmrpt-uploads-bucket").outputs.arn;
        assert.deepStrictEqual(
            [logging.bucket, logging.targetBucket, logging.targetPrefix, logging.targetGrants],
            [named(run, "chatmrpt-uploads-bucket").id, logs.bucket, "s3/uploads/", undefined],
        );
        const policy = JSON.parse(named(run, "chatmrpt-alb-logs-policy").inputs.policy as string);
        assert.deepStrictEqual(policy.Statement[2], {
            Sid: "AllowS3ServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${logs.arn}/s3/uploads/*`,
            Condition: {
                ArnLike: { "aws:SourceArn": uploadsArn },
                StringEquals: { "aws:SourceAccount": "123456789012" },
            },
        });
        assert.strictEqual(policy.Statement.length, 3);
    });

    it("turns on ALB access logs into that bucket", () => {
        assert.deepStrictEqual(named(run, "chatmrpt-web-alb").inputs.accessLogs, {
            bucket: named(run, "chatmrpt-alb-logs-bucket").outputs.bucket,
            prefix: "alb",
            enabled: true,
        });
    });

    it("rejects lifecycle days below 1", () => {
        assert.throws(() => validateSecureBucketArgs({ noncurrentDays: 0, abortDays: 7 }), {
            message: "noncurrentVersionExpirationDays (0) must be a whole number of days >= 1",
        });
    });
});
