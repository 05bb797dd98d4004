import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Arguments of {@link SecureBucket}. All plain on purpose: the purpose names the policy's Sids
 * and the tags, the lifecycle days and prefix are validated before anything is created, and the
 * statements another resource shapes come in through `extraPolicyStatements`, given the ARN.
 */
export interface SecureBucketArgs {
    /** What the bucket is for (bucket policy Sids and the description tag). */
    readonly purpose: string;
    /** Keep every version of every object. @default true */
    readonly versioned?: boolean;
    /** Days a noncurrent version is kept before it expires (versioned buckets). @default 30 */
    readonly noncurrentVersionExpirationDays?: number;
    /** Days after which current objects expire. @default - never (data is kept) */
    readonly expirationDays?: number;
    /**
     * Key prefix the expiration applies to (ends with `/`), so objects the program keeps in the
     * same bucket elsewhere (a canary's code) never expire; the pack's
     * `lifecycle-spares-managed-objects` policy refuses a rule that would expire one.
     * @default - the whole bucket (only for buckets the program writes no objects to, such as log buckets)
     */
    readonly expirationPrefix?: string;
    /** Days after which an unfinished multipart upload is aborted. @default 7 */
    readonly abortIncompleteMultipartUploadDays?: number;
    /** Statements added to the bucket policy, given the bucket's ARN (e.g. log delivery); the TLS-only deny is always there. @default - none */
    readonly extraPolicyStatements?: (bucketArn: pulumi.Output<string>) => pulumi.Input<object>[];
    /** Protect the bucket from `pulumi destroy` (buckets that hold data). @default true */
    readonly protect?: boolean;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * An S3 bucket with the settings every bucket here needs: all public access blocked,
 * ACLs disabled, default encryption (SSE-S3: the one ALB log delivery accepts), a policy
 * that refuses any request not made over TLS, optional versioning, and lifecycle rules
 * for old versions and abandoned multipart uploads.
 */
export class SecureBucket extends pulumi.ComponentResource {
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;
    private readonly bucket: aws.s3.Bucket;
    private readonly resourceName: string;

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:storage:SecureBucket", name, {}, opts);
        const versioned = args.versioned ?? true;
        const noncurrentDays = args.noncurrentVersionExpirationDays ?? 30;
        const abortDays = args.abortIncompleteMultipartUploadDays ?? 7;
        const protect = args.protect ?? true;
        const tags = { ...(args.tags ?? {}), Purpose: args.purpose };
        const { expirationDays, expirationPrefix } = args;
        validateSecureBucketArgs({ noncurrentDays, abortDays, expirationDays, expirationPrefix });

        const bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            { forceDestroy: false, tags },
            { parent: this, protect },
        );
        new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            {
                bucket: bucket.id,
                rule: { objectOwnership: "BucketOwnerEnforced" },
            },
            { parent: this },
        );
        const publicAccess = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            { parent: this },
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucket.id,
                rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            },
            { parent: this },
        );
        if (versioned) {
            new aws.s3.BucketVersioning(
                `${name}-versioning`,
                {
                    bucket: bucket.id,
                    versioningConfiguration: { status: "Enabled" },
                },
                { parent: this },
            );
        }
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        id: "abort-incomplete-multipart-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: abortDays },
                    },
                    ...(versioned
                        ? [
                              {
                                  id: "expire-noncurrent-versions",
                                  status: "Enabled",
                                  filter: {},
                                  noncurrentVersionExpiration: { noncurrentDays },
                              },
                          ]
                        : []),
                    ...(args.expirationDays !== undefined
                        ? [
                              {
                                  id: "expire-objects",
                                  status: "Enabled",
                                  // An empty filter is the whole bucket; a prefix keeps the rule off objects the program manages.
                                  filter:
                                      args.expirationPrefix === undefined
                                          ? {}
                                          : { prefix: args.expirationPrefix },
                                  expiration: { days: args.expirationDays },
                              },
                          ]
                        : []),
                ],
            },
            { parent: this },
        );
        // From the name, not the `arn` output: the name is known at preview (Pulumi autonames at
        // Check), the ARN only after create, and the policy pack must read this document in a preview.
        const knownArn = pulumi.interpolate`arn:aws:s3:::${bucket.bucket}`;
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket: bucket.id,
                policy: bucketPolicy(knownArn, args.extraPolicyStatements?.(knownArn) ?? []),
            },
            { parent: this, dependsOn: [publicAccess] },
        );

        this.bucket = bucket;
        this.resourceName = name;
        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }

    /**
     * Turns on S3 server access logging into `targetBucketName` under `prefix`: one record per
     * request (who, which object, when, result). Free apart from the log storage; the target's
     * policy must admit logging.s3.amazonaws.com (see {@link s3AccessLogDeliveryStatement}).
     */
    logAccessTo(targetBucketName: pulumi.Input<string>, prefix: string): aws.s3.BucketLogging {
        if (!/^[a-z0-9][a-z0-9/_-]*\/$/.test(prefix))
            throw new Error(
                `access log prefix (${prefix}) must be lowercase letters, digits, / _ - and end with /`,
            );
        // Target grants are not allowed with BucketOwnerEnforced: delivery is granted by the target's bucket policy.
        return new aws.s3.BucketLogging(
            `${this.resourceName}-access-logging`,
            {
                bucket: this.bucket.id,
                targetBucket: targetBucketName,
                targetPrefix: prefix,
            },
            { parent: this },
        );
    }
}

/** The statement that lets S3 deliver `sourceBucketArn`'s server access logs under `prefix`, for this account only. */
export function s3AccessLogDeliveryStatement(
    bucketArn: pulumi.Input<string>,
    prefix: string,
    sourceBucketArn: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
): pulumi.Output<object> {
    return pulumi.all([bucketArn, sourceBucketArn, accountId]).apply(([arn, source, acct]) => ({
        Sid: "AllowS3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn}/${prefix}*`,
        Condition: { ArnLike: { "aws:SourceArn": source }, StringEquals: { "aws:SourceAccount": acct } },
    }));
}

/** The bucket policy: deny anything not over TLS, plus the caller's statements. */
export function bucketPolicy(
    bucketArn: pulumi.Input<string>,
    extra: pulumi.Input<object>[],
): pulumi.Output<string> {
    return pulumi.all([bucketArn, pulumi.all(extra)]).apply(([arn, statements]) =>
        JSON.stringify({
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
                ...statements,
            ],
        }),
    );
}

/** Throws on lifecycle settings S3 would refuse. */
export function validateSecureBucketArgs(a: {
    noncurrentDays: number;
    abortDays: number;
    expirationDays?: number;
    expirationPrefix?: string;
}): void {
    for (const [key, value] of [
        ["noncurrentVersionExpirationDays", a.noncurrentDays],
        ["abortIncompleteMultipartUploadDays", a.abortDays],
        ["expirationDays", a.expirationDays],
    ] as const) {
        if (value !== undefined && (!Number.isInteger(value) || value < 1))
            throw new Error(`${key} (${value}) must be a whole number of days >= 1`);
    }
    if (a.expirationPrefix === undefined) return;
    if (!/^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]*\/$/.test(a.expirationPrefix)) {
        const allowed = "letters, digits, ! _ . * ' ( ) - and /, ending with /";
        throw new Error(`expirationPrefix (${a.expirationPrefix}) must be a key prefix of ${allowed}`);
    }
    if (a.expirationDays === undefined)
        throw new Error(`expirationPrefix (${a.expirationPrefix}) needs expirationDays`);
}

/**
 * The account that delivers ALB access logs in each region that predates August 2022
 * (AWS docs, "Enable access logs for your Application Load Balancer"). Newer regions use
 * the service principal logdelivery.elasticloadbalancing.amazonaws.com instead.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "eu-west-1": "156460612806",
    "eu-central-1": "054676820928",
};

/** The statement that lets the ALB of `region` write its logs under `prefix`. */
export function albLogDeliveryStatement(
    region: string,
    bucketArn: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    prefix: string,
): pulumi.Output<object> {
    const account = ELB_LOG_DELIVERY_ACCOUNTS[region];
    return pulumi.all([bucketArn, accountId]).apply(([arn, acct]) => ({
        Sid: "AllowAlbLogDelivery",
        Effect: "Allow",
        Principal:
            account !== undefined
                ? { AWS: `arn:aws:iam::${account}:root` }
                : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn}/${prefix}/AWSLogs/${acct}/*`,
    }));
}
