/**
 * The shape of what `aws cloudfront get-distribution-config` prints, as far as the program
 * declares it (the API model's DistributionConfig, CloudFront 2020-05-31): each member's
 * type and whether the API requires it. {@link shapeProblems} walks a parsed file against
 * it and says, by JSON path, what is missing or of the wrong type.
 */

type Shape =
    | { readonly t: "string" | "integer" | "boolean" }
    | { readonly t: "list"; readonly of: Shape }
    | { readonly t: "struct"; readonly members: Record<string, Shape>; readonly required: readonly string[] };

const str: Shape = { t: "string" };
const int: Shape = { t: "integer" };
const bool: Shape = { t: "boolean" };
const listOf = (of: Shape): Shape => ({ t: "list", of });
const struct = (members: Record<string, Shape>, required: string[] = []): Shape => ({
    t: "struct",
    members,
    required,
});
/** The API's `{ Quantity, Items }` wrapper. */
const wrapped = (of: Shape, extra: Record<string, Shape> = {}, required: string[] = []) =>
    struct({ Quantity: int, Items: listOf(of), ...extra }, ["Quantity", ...required]);

const BEHAVIOR_MEMBERS: Record<string, Shape> = {
    TargetOriginId: str,
    TrustedSigners: wrapped(str, { Enabled: bool }, ["Enabled"]),
    TrustedKeyGroups: wrapped(str, { Enabled: bool }, ["Enabled"]),
    ViewerProtocolPolicy: str,
    AllowedMethods: wrapped(str, { CachedMethods: wrapped(str, {}, ["Items"]) }, ["Items"]),
    SmoothStreaming: bool,
    Compress: bool,
    LambdaFunctionAssociations: wrapped(
        struct({ LambdaFunctionARN: str, EventType: str, IncludeBody: bool }, [
            "LambdaFunctionARN",
            "EventType",
        ]),
    ),
    FunctionAssociations: wrapped(struct({ FunctionARN: str, EventType: str }, ["FunctionARN", "EventType"])),
    FieldLevelEncryptionId: str,
    RealtimeLogConfigArn: str,
    CachePolicyId: str,
    OriginRequestPolicyId: str,
    ResponseHeadersPolicyId: str,
    GrpcConfig: struct({ Enabled: bool }, ["Enabled"]),
    ForwardedValues: struct(
        {
            QueryString: bool,
            Cookies: struct({ Forward: str, WhitelistedNames: wrapped(str) }, ["Forward"]),
            Headers: wrapped(str),
            QueryStringCacheKeys: wrapped(str),
        },
        ["QueryString", "Cookies"],
    ),
    MinTTL: int,
    DefaultTTL: int,
    MaxTTL: int,
};

const ORIGIN = struct(
    {
        Id: str,
        DomainName: str,
        OriginPath: str,
        CustomHeaders: wrapped(struct({ HeaderName: str, HeaderValue: str }, ["HeaderName", "HeaderValue"])),
        S3OriginConfig: struct({ OriginAccessIdentity: str, OriginReadTimeout: int }),
        CustomOriginConfig: struct(
            {
                HTTPPort: int,
                HTTPSPort: int,
                OriginProtocolPolicy: str,
                OriginSslProtocols: wrapped(str, {}, ["Items"]),
                OriginReadTimeout: int,
                OriginKeepaliveTimeout: int,
                IpAddressType: str,
            },
            ["HTTPPort", "HTTPSPort", "OriginProtocolPolicy"],
        ),
        VpcOriginConfig: struct(
            { VpcOriginId: str, OwnerAccountId: str, OriginReadTimeout: int, OriginKeepaliveTimeout: int },
            ["VpcOriginId"],
        ),
        ConnectionAttempts: int,
        ConnectionTimeout: int,
        ResponseCompletionTimeout: int,
        OriginShield: struct({ Enabled: bool, OriginShieldRegion: str }, ["Enabled"]),
        OriginAccessControlId: str,
    },
    ["Id", "DomainName"],
);

/** The members the program reads, with the API's types and required members. */
export const DISTRIBUTION_CONFIG_SHAPE: Shape = struct(
    {
        CallerReference: str,
        Aliases: wrapped(str),
        DefaultRootObject: str,
        Origins: wrapped(ORIGIN, {}, ["Items"]),
        OriginGroups: wrapped(
            struct(
                {
                    Id: str,
                    FailoverCriteria: struct({ StatusCodes: wrapped(int, {}, ["Items"]) }, ["StatusCodes"]),
                    Members: wrapped(struct({ OriginId: str }, ["OriginId"]), {}, ["Items"]),
                    SelectionCriteria: str,
                },
                ["Id", "FailoverCriteria", "Members"],
            ),
        ),
        DefaultCacheBehavior: struct(BEHAVIOR_MEMBERS, ["TargetOriginId", "ViewerProtocolPolicy"]),
        CacheBehaviors: wrapped(
            struct({ PathPattern: str, ...BEHAVIOR_MEMBERS }, [
                "PathPattern",
                "TargetOriginId",
                "ViewerProtocolPolicy",
            ]),
        ),
        CustomErrorResponses: wrapped(
            struct({ ErrorCode: int, ResponsePagePath: str, ResponseCode: str, ErrorCachingMinTTL: int }, [
                "ErrorCode",
            ]),
        ),
        Comment: str,
        Logging: struct({ Enabled: bool, IncludeCookies: bool, Bucket: str, Prefix: str }),
        PriceClass: str,
        Enabled: bool,
        ViewerCertificate: struct({
            CloudFrontDefaultCertificate: bool,
            IAMCertificateId: str,
            ACMCertificateArn: str,
            SSLSupportMethod: str,
            MinimumProtocolVersion: str,
            Certificate: str,
            CertificateSource: str,
        }),
        Restrictions: struct(
            {
                GeoRestriction: struct({ RestrictionType: str, Quantity: int, Items: listOf(str) }, [
                    "RestrictionType",
                    "Quantity",
                ]),
            },
            ["GeoRestriction"],
        ),
        WebACLId: str,
        HttpVersion: str,
        IsIPV6Enabled: bool,
        ContinuousDeploymentPolicyId: str,
        Staging: bool,
        AnycastIpListId: str,
        CacheTagConfig: struct({ HeaderName: str }, ["HeaderName"]),
        ConnectionFunctionAssociation: struct({ Id: str }, ["Id"]),
    },
    ["Origins", "DefaultCacheBehavior", "Enabled"],
);

/**
 * Members of a DistributionConfig the provider (v7) cannot declare: adopting a distribution
 * that uses one would drop it, so such a file is refused. Their "off" value is allowed.
 */
export const UNDECLARABLE: Readonly<Record<string, { off: readonly unknown[]; why: string }>> = {
    TenantConfig: {
        off: [],
        why: "multi-tenant distributions are not declarable with aws.cloudfront.Distribution",
    },
    ConnectionMode: { off: ["direct"], why: "the provider has no connection mode argument" },
    ViewerMtlsConfig: { off: [], why: "viewer mTLS is not declared by this program" },
};

function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** Problems of `value` against `shape`, each `path: what is wrong`. Unknown members are ignored (newer API fields). */
export function shapeProblems(
    value: unknown,
    shape: Shape = DISTRIBUTION_CONFIG_SHAPE,
    path = "DistributionConfig",
): string[] {
    switch (shape.t) {
        case "string":
            return typeof value === "string" ? [] : [`${path} must be a string; found ${typeName(value)}`];
        case "boolean":
            return typeof value === "boolean"
                ? []
                : [`${path} must be true or false; found ${typeName(value)}`];
        case "integer":
            return Number.isInteger(value)
                ? []
                : [`${path} must be a whole number; found ${typeName(value)}`];
        case "list":
            if (!Array.isArray(value)) return [`${path} must be a list; found ${typeName(value)}`];
            return value.flatMap((item, i) => shapeProblems(item, shape.of, `${path}[${i}]`));
        case "struct": {
            if (value === null || typeof value !== "object" || Array.isArray(value))
                return [`${path} must be an object; found ${typeName(value)}`];
            const o = value as Record<string, unknown>;
            const problems = shape.required
                .filter((k) => o[k] === undefined)
                .map((k) => `${path}.${k} is required by the CloudFront API and missing`);
            for (const [k, member] of Object.entries(shape.members)) {
                if (o[k] !== undefined) problems.push(...shapeProblems(o[k], member, `${path}.${k}`));
            }
            // The API's Quantity is the number of Items: a hand-edited file that disagrees is ambiguous.
            if (Number.isInteger(o.Quantity) && "Items" in shape.members) {
                const n = Array.isArray(o.Items) ? o.Items.length : 0;
                if (o.Quantity !== n)
                    problems.push(
                        `${path}.Quantity (${String(o.Quantity)}) must equal the number of Items (${n})`,
                    );
            }
            return problems;
        }
    }
}
