/**
 * A live CloudFront distribution's configuration, as `aws cloudfront get-distribution-config`
 * prints it (the API's DistributionConfig, 2020-05-31), declared as `aws.cloudfront.Distribution`
 * arguments (provider v7 names), so that importing it with those arguments changes nothing.
 *
 * What the API returns empty ("" strings, `Quantity: 0` lists, disabled logging) is left
 * out, as the provider reads it back unset. Tags are not part of a DistributionConfig.
 */
import type { cloudfront as Cf } from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";

/** `{ Quantity, Items }`, the API's list wrapper. */
export interface ApiList<T> {
    readonly Quantity?: number;
    readonly Items?: readonly T[];
}

export interface ApiOrigin {
    readonly Id: string;
    readonly DomainName: string;
    readonly OriginPath?: string;
    readonly CustomHeaders?: ApiList<{ HeaderName: string; HeaderValue: string }>;
    readonly S3OriginConfig?: { OriginAccessIdentity?: string; OriginReadTimeout?: number };
    readonly CustomOriginConfig?: {
        HTTPPort: number;
        HTTPSPort: number;
        OriginProtocolPolicy: string;
        OriginSslProtocols?: ApiList<string>;
        OriginReadTimeout?: number;
        OriginKeepaliveTimeout?: number;
        IpAddressType?: string;
    };
    readonly VpcOriginConfig?: {
        VpcOriginId: string;
        OwnerAccountId?: string;
        OriginReadTimeout?: number;
        OriginKeepaliveTimeout?: number;
    };
    readonly ConnectionAttempts?: number;
    readonly ConnectionTimeout?: number;
    readonly ResponseCompletionTimeout?: number;
    readonly OriginShield?: { Enabled: boolean; OriginShieldRegion?: string };
    readonly OriginAccessControlId?: string;
}

export interface ApiBehavior {
    readonly PathPattern?: string;
    readonly TargetOriginId: string;
    readonly TrustedSigners?: ApiList<string> & { Enabled?: boolean };
    readonly TrustedKeyGroups?: ApiList<string> & { Enabled?: boolean };
    readonly ViewerProtocolPolicy: string;
    readonly AllowedMethods?: ApiList<string> & { CachedMethods?: ApiList<string> };
    readonly SmoothStreaming?: boolean;
    readonly Compress?: boolean;
    readonly LambdaFunctionAssociations?: ApiList<{
        LambdaFunctionARN: string;
        EventType: string;
        IncludeBody?: boolean;
    }>;
    readonly FunctionAssociations?: ApiList<{ FunctionARN: string; EventType: string }>;
    readonly FieldLevelEncryptionId?: string;
    readonly RealtimeLogConfigArn?: string;
    readonly CachePolicyId?: string;
    readonly OriginRequestPolicyId?: string;
    readonly ResponseHeadersPolicyId?: string;
    readonly GrpcConfig?: { Enabled: boolean };
    readonly ForwardedValues?: {
        QueryString: boolean;
        Cookies: { Forward: string; WhitelistedNames?: ApiList<string> };
        Headers?: ApiList<string>;
        QueryStringCacheKeys?: ApiList<string>;
    };
    readonly MinTTL?: number;
    readonly DefaultTTL?: number;
    readonly MaxTTL?: number;
}

/** The API's DistributionConfig: the members the provider can declare. */
export interface ApiDistributionConfig {
    readonly CallerReference?: string;
    readonly Aliases?: ApiList<string>;
    readonly DefaultRootObject?: string;
    readonly Origins: ApiList<ApiOrigin>;
    readonly OriginGroups?: ApiList<{
        Id: string;
        FailoverCriteria: { StatusCodes: ApiList<number> };
        Members: ApiList<{ OriginId: string }>;
        SelectionCriteria?: string;
    }>;
    readonly DefaultCacheBehavior: ApiBehavior;
    readonly CacheBehaviors?: ApiList<ApiBehavior>;
    readonly CustomErrorResponses?: ApiList<{
        ErrorCode: number;
        ResponsePagePath?: string;
        ResponseCode?: string;
        ErrorCachingMinTTL?: number;
    }>;
    readonly Comment?: string;
    readonly Logging?: { Enabled?: boolean; IncludeCookies?: boolean; Bucket?: string; Prefix?: string };
    readonly PriceClass?: string;
    readonly Enabled: boolean;
    readonly ViewerCertificate?: {
        CloudFrontDefaultCertificate?: boolean;
        IAMCertificateId?: string;
        ACMCertificateArn?: string;
        SSLSupportMethod?: string;
        MinimumProtocolVersion?: string;
    };
    readonly Restrictions?: { GeoRestriction: { RestrictionType: string; Items?: readonly string[] } };
    readonly WebACLId?: string;
    readonly HttpVersion?: string;
    readonly IsIPV6Enabled?: boolean;
    readonly ContinuousDeploymentPolicyId?: string;
    readonly Staging?: boolean;
    readonly AnycastIpListId?: string;
    readonly CacheTagConfig?: { HeaderName: string };
    readonly ConnectionFunctionAssociation?: { Id: string };
}

/** One cache behaviour, as the provider declares it (the default one has no pathPattern). */
export type BehaviorArgs = Omit<Cf.DistributionOrderedCacheBehavior, "pathPattern"> & {
    pathPattern?: string;
};

/** A distribution's settings as `aws.cloudfront.Distribution` arguments (plain values, no tags). */
export interface DistributionSettings {
    enabled: boolean;
    comment?: string;
    aliases?: string[];
    defaultRootObject?: string;
    origins: Cf.DistributionOrigin[];
    originGroups?: Cf.DistributionOriginGroup[];
    defaultCacheBehavior: Cf.DistributionDefaultCacheBehavior;
    orderedCacheBehaviors?: Cf.DistributionOrderedCacheBehavior[];
    customErrorResponses?: Cf.DistributionCustomErrorResponse[];
    loggingConfig?: Cf.DistributionLoggingConfig;
    priceClass?: string;
    viewerCertificate: Cf.DistributionViewerCertificate;
    restrictions: Cf.DistributionRestrictions;
    webAclId?: pulumi.Input<string>;
    httpVersion?: string;
    isIpv6Enabled?: boolean;
    continuousDeploymentPolicyId?: string;
    staging?: boolean;
    anycastIpListId?: string;
    cacheTagConfig?: Cf.DistributionCacheTagConfig;
    connectionFunctionAssociation?: Cf.DistributionConnectionFunctionAssociation;
}

/** The items of an API list ([] when absent). */
export function itemsOf<T>(list: ApiList<T> | undefined): T[] {
    return [...(list?.Items ?? [])];
}

/** `value` unless the API's "nothing" ("" or undefined). */
const text = (value: string | undefined): string | undefined =>
    value === undefined || value === "" ? undefined : value;

/** An object without its undefined members, so a declared value is what the provider reads back. */
function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A non-empty list, or undefined (the provider reads an empty list back as unset). */
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

function originArgs(o: ApiOrigin): Cf.DistributionOrigin {
    const custom = o.CustomOriginConfig;
    const vpc = o.VpcOriginConfig;
    const oai = text(o.S3OriginConfig?.OriginAccessIdentity);
    return defined({
        originId: o.Id,
        domainName: o.DomainName,
        originPath: text(o.OriginPath),
        connectionAttempts: o.ConnectionAttempts,
        connectionTimeout: o.ConnectionTimeout,
        responseCompletionTimeout: o.ResponseCompletionTimeout,
        customHeaders: nonEmpty(
            itemsOf(o.CustomHeaders).map((h) => ({ name: h.HeaderName, value: h.HeaderValue })),
        ),
        customOriginConfig:
            custom === undefined
                ? undefined
                : defined({
                      httpPort: custom.HTTPPort,
                      httpsPort: custom.HTTPSPort,
                      originProtocolPolicy: custom.OriginProtocolPolicy,
                      originSslProtocols: itemsOf(custom.OriginSslProtocols),
                      originReadTimeout: custom.OriginReadTimeout,
                      originKeepaliveTimeout: custom.OriginKeepaliveTimeout,
                      ipAddressType: text(custom.IpAddressType),
                  }),
        // With an origin access control the API returns an empty identity: no s3OriginConfig then.
        s3OriginConfig: oai === undefined ? undefined : { originAccessIdentity: oai },
        vpcOriginConfig:
            vpc === undefined
                ? undefined
                : defined({
                      vpcOriginId: vpc.VpcOriginId,
                      ownerAccountId: text(vpc.OwnerAccountId),
                      originReadTimeout: vpc.OriginReadTimeout,
                      originKeepaliveTimeout: vpc.OriginKeepaliveTimeout,
                  }),
        originAccessControlId: text(o.OriginAccessControlId),
        originShield: o.OriginShield?.Enabled
            ? defined({ enabled: true, originShieldRegion: text(o.OriginShield.OriginShieldRegion) })
            : undefined,
    });
}

/** A trusted signer or key group list: its IDs while enabled. */
const trusted = (t: (ApiList<string> & { Enabled?: boolean }) | undefined) =>
    t?.Enabled === false ? undefined : nonEmpty(itemsOf(t));

/** One behaviour (default or ordered) as the provider declares it. */
export function behaviorArgs(b: ApiBehavior): BehaviorArgs {
    const methods = b.AllowedMethods;
    const fv = b.ForwardedValues;
    return defined({
        pathPattern: b.PathPattern,
        targetOriginId: b.TargetOriginId,
        viewerProtocolPolicy: b.ViewerProtocolPolicy,
        // CloudFront's default when the API gets none: GET and HEAD, both cached.
        allowedMethods: methods ? itemsOf(methods) : ["GET", "HEAD"],
        cachedMethods: methods?.CachedMethods ? itemsOf(methods.CachedMethods) : ["GET", "HEAD"],
        compress: b.Compress,
        smoothStreaming: b.SmoothStreaming,
        trustedSigners: trusted(b.TrustedSigners),
        trustedKeyGroups: trusted(b.TrustedKeyGroups),
        fieldLevelEncryptionId: text(b.FieldLevelEncryptionId),
        realtimeLogConfigArn: text(b.RealtimeLogConfigArn),
        cachePolicyId: text(b.CachePolicyId),
        originRequestPolicyId: text(b.OriginRequestPolicyId),
        responseHeadersPolicyId: text(b.ResponseHeadersPolicyId),
        grpcConfig: b.GrpcConfig === undefined ? undefined : { enabled: b.GrpcConfig.Enabled },
        functionAssociations: nonEmpty(
            itemsOf(b.FunctionAssociations).map((f) => ({
                eventType: f.EventType,
                functionArn: f.FunctionARN,
            })),
        ),
        lambdaFunctionAssociations: nonEmpty(
            itemsOf(b.LambdaFunctionAssociations).map((l) =>
                defined({
                    eventType: l.EventType,
                    lambdaArn: l.LambdaFunctionARN,
                    includeBody: l.IncludeBody,
                }),
            ),
        ),
        // The legacy cache settings (before cache policies): forwarded values and the three TTLs.
        forwardedValues:
            fv === undefined
                ? undefined
                : defined({
                      queryString: fv.QueryString,
                      cookies: defined({
                          forward: fv.Cookies.Forward,
                          whitelistedNames: nonEmpty(itemsOf(fv.Cookies.WhitelistedNames)),
                      }),
                      headers: nonEmpty(itemsOf(fv.Headers)),
                      queryStringCacheKeys: nonEmpty(itemsOf(fv.QueryStringCacheKeys)),
                  }),
        minTtl: b.MinTTL,
        defaultTtl: b.DefaultTTL,
        maxTtl: b.MaxTTL,
    });
}

function viewerCertificateArgs(
    c: ApiDistributionConfig["ViewerCertificate"],
): Cf.DistributionViewerCertificate {
    const acm = text(c?.ACMCertificateArn);
    const iam = text(c?.IAMCertificateId);
    // CloudFront's own *.cloudfront.net certificate when no other is named.
    if (acm === undefined && iam === undefined)
        return defined({
            cloudfrontDefaultCertificate: true,
            minimumProtocolVersion: text(c?.MinimumProtocolVersion),
        });
    return defined({
        acmCertificateArn: acm,
        iamCertificateId: iam,
        sslSupportMethod: text(c?.SSLSupportMethod),
        minimumProtocolVersion: text(c?.MinimumProtocolVersion),
    });
}

/** The live configuration as `aws.cloudfront.Distribution` arguments: importing with them changes nothing. */
export function distributionSettings(c: ApiDistributionConfig): DistributionSettings {
    const logging = c.Logging;
    const defaultCacheBehavior = behaviorArgs(c.DefaultCacheBehavior);
    delete defaultCacheBehavior.pathPattern;
    return defined({
        enabled: c.Enabled,
        comment: text(c.Comment),
        aliases: nonEmpty(itemsOf(c.Aliases)),
        defaultRootObject: text(c.DefaultRootObject),
        origins: itemsOf(c.Origins).map(originArgs),
        originGroups: nonEmpty(
            itemsOf(c.OriginGroups).map((g) => ({
                originId: g.Id,
                failoverCriteria: { statusCodes: itemsOf(g.FailoverCriteria.StatusCodes) },
                members: itemsOf(g.Members).map((m) => ({ originId: m.OriginId })),
            })),
        ),
        defaultCacheBehavior,
        orderedCacheBehaviors: nonEmpty(
            itemsOf(c.CacheBehaviors).map((b) => behaviorArgs(b) as Cf.DistributionOrderedCacheBehavior),
        ),
        customErrorResponses: nonEmpty(
            itemsOf(c.CustomErrorResponses).map((e) =>
                defined({
                    errorCode: e.ErrorCode,
                    responseCode: text(e.ResponseCode) === undefined ? undefined : Number(e.ResponseCode),
                    responsePagePath: text(e.ResponsePagePath),
                    errorCachingMinTtl: e.ErrorCachingMinTTL,
                }),
            ),
        ),
        // Disabled logging reads back as no logging block.
        loggingConfig:
            logging?.Enabled === true
                ? defined({
                      bucket: logging.Bucket,
                      includeCookies: logging.IncludeCookies,
                      prefix: text(logging.Prefix),
                  })
                : undefined,
        priceClass: c.PriceClass,
        viewerCertificate: viewerCertificateArgs(c.ViewerCertificate),
        restrictions: {
            geoRestriction: defined({
                restrictionType: c.Restrictions?.GeoRestriction.RestrictionType ?? "none",
                locations: nonEmpty([...(c.Restrictions?.GeoRestriction.Items ?? [])]),
            }),
        },
        webAclId: text(c.WebACLId),
        httpVersion: c.HttpVersion,
        isIpv6Enabled: c.IsIPV6Enabled,
        continuousDeploymentPolicyId: text(c.ContinuousDeploymentPolicyId),
        staging: c.Staging,
        anycastIpListId: text(c.AnycastIpListId),
        cacheTagConfig:
            c.CacheTagConfig === undefined ? undefined : { headerName: c.CacheTagConfig.HeaderName },
        connectionFunctionAssociation:
            c.ConnectionFunctionAssociation === undefined
                ? undefined
                : { id: c.ConnectionFunctionAssociation.Id },
    });
}
