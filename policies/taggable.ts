/**
 * AWS resource types of this program that take no `tags` (everything else under `aws:`
 * does). Kept as an explicit list so a new untaggable type is a deliberate choice.
 */
export const UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:acm/certificateValidation:CertificateValidation",
    "aws:route53/record:Record",
    "aws:autoscaling/policy:Policy",
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    "aws:sns/topicSubscription:TopicSubscription",
    "aws:cloudwatch/dashboard:Dashboard",
    "aws:backup/selection:Selection",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:kms/alias:Alias",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:backup/vaultPolicy:VaultPolicy",
    "aws:s3/bucketLogging:BucketLogging",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:backup/restoreTestingSelection:RestoreTestingSelection",
]);

/** True when a resource of this type carries AWS tags. */
export function isTaggable(type: string): boolean {
    return type.startsWith("aws:") && !UNTAGGABLE_TYPES.has(type);
}

/**
 * The tags a resource declares, whatever shape its type uses (a map, or the Auto
 * Scaling group's list of `{key, value}`).
 */
export function declaredTags(type: string, props: Record<string, any>): Record<string, string> {
    if (type === "aws:autoscaling/group:Group") {
        return Object.fromEntries(((props.tags ?? []) as { key: string; value: string }[]).map((t) => [t.key, t.value]));
    }
    return (props.tags ?? {}) as Record<string, string>;
}
