/**
 * The edge: CloudFront (its API wraps every list as `{Quantity, Items}`), its KeyValueStore,
 * WAF, ACM (and Route 53 when the stack manages the zone).
 */
import { TAGS, TypeMapping } from "./types";

/** A cache behavior's lists, under `prefix` (DefaultCacheBehavior or CacheBehaviors.Items[]). */
function behavior(pulumi: string, api: string): Record<string, string> {
    return {
        [`${pulumi}.allowedMethods`]: `${api}.AllowedMethods.Items`,
        [`${pulumi}.cachedMethods`]: `${api}.AllowedMethods.CachedMethods.Items`,
        [`${pulumi}.functionAssociations`]: `${api}.FunctionAssociations.Items`,
        [`${pulumi}.lambdaFunctionAssociations`]: `${api}.LambdaFunctionAssociations.Items`,
        [`${pulumi}.trustedKeyGroups`]: `${api}.TrustedKeyGroups.Items`,
        [`${pulumi}.trustedSigners`]: `${api}.TrustedSigners.Items`,
        [`${pulumi}.lambdaFunctionAssociations[].lambdaArn`]: `${api}.LambdaFunctionAssociations.Items[].LambdaFunctionARN`,
        [`${pulumi}.forwardedValues.headers`]: `${api}.ForwardedValues.Headers.Items`,
        [`${pulumi}.forwardedValues.queryStringCacheKeys`]: `${api}.ForwardedValues.QueryStringCacheKeys.Items`,
        [`${pulumi}.forwardedValues.cookies.whitelistedNames`]: `${api}.ForwardedValues.Cookies.WhitelistedNames.Items`,
    };
}

export const EDGE: Record<string, TypeMapping> = {
    "aws:cloudfront/distribution:Distribution": {
        operations: [
            "cloudfront:CreateDistributionWithTags DistributionConfigWithTags.DistributionConfig",
            "cloudfront:UpdateDistribution DistributionConfig",
        ],
        send: {
            aliases: "Aliases.Items",
            ...behavior("defaultCacheBehavior", "DefaultCacheBehavior"),
            orderedCacheBehaviors: "CacheBehaviors.Items",
            ...behavior("orderedCacheBehaviors[]", "CacheBehaviors.Items[]"),
            origins: "Origins.Items",
            "origins[].originId": "Origins.Items[].Id",
            "origins[].customHeaders": "Origins.Items[].CustomHeaders.Items",
            "origins[].customHeaders[].name": "Origins.Items[].CustomHeaders.Items[].HeaderName",
            "origins[].customHeaders[].value": "Origins.Items[].CustomHeaders.Items[].HeaderValue",
            "origins[].customOriginConfig.originSslProtocols":
                "Origins.Items[].CustomOriginConfig.OriginSslProtocols.Items",
            "restrictions.geoRestriction.locations": "Restrictions.GeoRestriction.Items",
            customErrorResponses: "CustomErrorResponses.Items",
            // An adopted distribution's other settings (stacks/config/adoptedDistribution.ts).
            loggingConfig: "Logging",
            originGroups: "OriginGroups.Items",
            "originGroups[].originId": "OriginGroups.Items[].Id",
            "originGroups[].members": "OriginGroups.Items[].Members.Items",
            "originGroups[].failoverCriteria.statusCodes":
                "OriginGroups.Items[].FailoverCriteria.StatusCodes.Items",
            tags: {
                to: "cloudfront:CreateDistributionWithTags DistributionConfigWithTags.Tags.Items",
                form: "entries",
            },
        },
        notSent: {
            waitForDeployment: "provider-only: whether `up` waits for the deployment",
            retainOnDelete: "provider-only: disable instead of delete",
        },
    },
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": {
        operations: ["cloudfront:CreateResponseHeadersPolicy ResponseHeadersPolicyConfig"],
        send: { "customHeadersConfig.items": "CustomHeadersConfig.Items" },
    },
    "aws:cloudfront/vpcOrigin:VpcOrigin": {
        operations: ["cloudfront:CreateVpcOrigin"],
        send: {
            tags: { to: "Tags.Items", form: "entries" },
            "vpcOriginEndpointConfig.originSslProtocols.items":
                "VpcOriginEndpointConfig.OriginSslProtocols.Items",
        },
        notSent: { timeouts: "provider-only: how long the provider waits on create, update and delete" },
    },
    "aws:cloudfront/function:Function": {
        operations: ["cloudfront:CreateFunction"],
        send: {
            // The code is the FunctionCode blob; runtime and comment sit in FunctionConfig.
            code: "FunctionCode",
            runtime: "FunctionConfig.Runtime",
            comment: "FunctionConfig.Comment",
            keyValueStoreAssociations: "FunctionConfig.KeyValueStoreAssociations.Items[].KeyValueStoreARN",
            tags: { to: "cloudfront:TagResource Tags.Items", form: "entries" },
        },
        notSent: { publish: "a boolean: whether PublishFunction is called" },
    },
    "aws:cloudfront/keyValueStore:KeyValueStore": {
        operations: ["cloudfront:CreateKeyValueStore"],
        send: { tags: { to: "cloudfront:TagResource Tags.Items", form: "entries" } },
    },
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey": {
        operations: ["cloudfront-keyvaluestore:PutKey"],
        send: { keyValueStoreArn: "KvsARN" },
    },
    "aws:wafv2/webAcl:WebAcl": {
        operations: ["wafv2:CreateWebACL", "wafv2:UpdateWebACL"],
        send: { tags: { to: "wafv2:CreateWebACL Tags", form: "entries" } },
    },
    "aws:acm/certificate:Certificate": { operations: ["acm:RequestCertificate"], send: { tags: TAGS } },
    // No AWS write: the provider polls DescribeCertificate until the certificate is issued.
    "aws:acm/certificateValidation:CertificateValidation": {
        operations: ["acm:DescribeCertificate"],
        notSent: { validationRecordFqdns: "provider-only: records it checks exist before waiting" },
    },
    "aws:route53/record:Record": {
        operations: ["route53:ChangeResourceRecordSets"],
        send: {
            zoneId: "HostedZoneId",
            name: "ChangeBatch.Changes[].ResourceRecordSet.Name",
            type: "ChangeBatch.Changes[].ResourceRecordSet.Type",
            ttl: "ChangeBatch.Changes[].ResourceRecordSet.TTL",
            records: "ChangeBatch.Changes[].ResourceRecordSet.ResourceRecords[].Value",
            aliases: "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget",
            "aliases[].zoneId": "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget.HostedZoneId",
            "aliases[].name": "ChangeBatch.Changes[].ResourceRecordSet.AliasTarget.DNSName",
        },
        notSent: { allowOverwrite: "provider-only: UPSERT instead of CREATE (an enum it always satisfies)" },
    },
};
