import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DnsValidatedCertificate, ValidationRecord } from "./dnsValidatedCertificate";
import { ORIGIN_VERIFY_HEADER } from "./webTier";

/** AWS-managed CloudFront policies (fixed IDs, same in every account). */
export const MANAGED_POLICY = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    allViewerOriginRequest: "216adef6-5c7f-47e4-b989-5492eafa07d3",
} as const;

/** Viewer TLS floor: TLS 1.2 with the 2021 cipher list. */
export const VIEWER_MIN_TLS = "TLSv1.2_2021";

/** Arguments of {@link Cdn}. */
export interface CdnArgs {
    /** The site's public name (the distribution's alias). */
    readonly domainName: string;
    /** Name the origin (ALB) is reached by over TLS; its certificate must cover it. */
    readonly originDomainName: pulumi.Input<string>;
    /** Secret value of the X-Origin-Verify header the ALB requires. */
    readonly originVerifySecret: pulumi.Input<string>;
    /** Provider in us-east-1, where CloudFront certificates must live. */
    readonly usEast1Provider: aws.Provider;
    /** Route 53 zone for certificate validation and the alias record. @default - records exported instead */
    readonly hostedZoneId?: string;
    /** Path patterns served from cache. @default ["/static/*"] */
    readonly staticPathPatterns?: string[];
    /** Seconds CloudFront waits for the origin (LLM answers are slow; 60 is the quota without a raise). @default 60 */
    readonly originReadTimeoutSeconds?: number;
    /** Price class. @default "PriceClass_100" (North America and Europe edges) */
    readonly priceClass?: string;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * The CloudFront distribution in front of the ALB: HTTPS for viewers (TLS 1.2+, HSTS),
 * HTTPS only to the origin with the secret header, dynamic paths uncached, static
 * paths cached.
 */
export class Cdn extends pulumi.ComponentResource {
    public readonly distributionId: pulumi.Output<string>;
    public readonly distributionDomainName: pulumi.Output<string>;
    public readonly distributionHostedZoneId: pulumi.Output<string>;
    public readonly certificateValidationRecords: pulumi.Output<ValidationRecord[]>;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cdn:Cdn", name, {}, opts);
        const staticPaths = args.staticPathPatterns ?? ["/static/*"];
        const readTimeout = args.originReadTimeoutSeconds ?? 60;
        const priceClass = args.priceClass ?? "PriceClass_100";
        const tags = args.tags ?? {};
        validateCdnArgs({ readTimeout, staticPaths, priceClass });
        const originId = "alb";

        const certificate = new DnsValidatedCertificate(`${name}-cert`, {
            domainName: args.domainName,
            hostedZoneId: args.hostedZoneId,
            tags,
        }, { parent: this, provider: args.usEast1Provider });

        const headers = new aws.cloudfront.ResponseHeadersPolicy(`${name}-security-headers`, {
            comment: "ChatMRPT security headers",
            securityHeadersConfig: {
                strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true },
                contentTypeOptions: { override: true },
                frameOptions: { frameOption: "SAMEORIGIN", override: true },
                referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
            },
        }, { parent: this });

        const behavior = {
            targetOriginId: originId,
            viewerProtocolPolicy: "redirect-to-https",
            compress: true,
            responseHeadersPolicyId: headers.id,
        };
        const distribution = new aws.cloudfront.Distribution(`${name}-distribution`, {
            enabled: true,
            comment: `ChatMRPT ${args.domainName}`,
            aliases: [args.domainName],
            httpVersion: "http2and3",
            isIpv6Enabled: true,
            priceClass,
            origins: [{
                originId,
                domainName: args.originDomainName,
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "https-only",
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: readTimeout,
                    originKeepaliveTimeout: 5,
                },
                customHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: pulumi.secret(args.originVerifySecret) }],
            }],
            // Chat pages and APIs: never cached; every header, cookie and query string reaches the app.
            defaultCacheBehavior: {
                ...behavior,
                allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                cachedMethods: ["GET", "HEAD"],
                cachePolicyId: MANAGED_POLICY.cachingDisabled,
                originRequestPolicyId: MANAGED_POLICY.allViewerOriginRequest,
            },
            orderedCacheBehaviors: staticPaths.map((pathPattern) => ({
                ...behavior,
                pathPattern,
                allowedMethods: ["GET", "HEAD"],
                cachedMethods: ["GET", "HEAD"],
                cachePolicyId: MANAGED_POLICY.cachingOptimized,
            })),
            viewerCertificate: {
                acmCertificateArn: certificate.certificateArn,
                sslSupportMethod: "sni-only",
                minimumProtocolVersion: VIEWER_MIN_TLS,
            },
            restrictions: { geoRestriction: { restrictionType: "none" } },
            tags,
        }, { parent: this });

        if (args.hostedZoneId !== undefined) {
            for (const type of ["A", "AAAA"]) {
                new aws.route53.Record(`${name}-alias-${type.toLowerCase()}`, {
                    zoneId: args.hostedZoneId,
                    name: args.domainName,
                    type,
                    aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
                }, { parent: this });
            }
        }

        this.distributionId = distribution.id;
        this.distributionDomainName = distribution.domainName;
        this.distributionHostedZoneId = distribution.hostedZoneId;
        this.certificateValidationRecords = certificate.validationRecords;
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionDomainName: this.distributionDomainName,
            certificateValidationRecords: this.certificateValidationRecords,
        });
    }
}

/** Throws on distribution settings CloudFront would refuse. */
export function validateCdnArgs(a: { readTimeout: number; staticPaths: string[]; priceClass: string }): void {
    if (!Number.isInteger(a.readTimeout) || a.readTimeout < 1 || a.readTimeout > 180) {
        throw new Error(`originReadTimeoutSeconds (${a.readTimeout}) must be a whole number from 1 to 180`);
    }
    for (const p of a.staticPaths) {
        if (!p.startsWith("/") || p === "/*") throw new Error(`staticPathPatterns (${p}) must start with / and must not be /* (that is the default behavior)`);
    }
    if (!["PriceClass_100", "PriceClass_200", "PriceClass_All"].includes(a.priceClass)) {
        throw new Error(`priceClass (${a.priceClass}) must be PriceClass_100, PriceClass_200 or PriceClass_All`);
    }
}
