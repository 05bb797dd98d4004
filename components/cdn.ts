import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DnsValidatedCertificate, ValidationRecord } from "./dnsValidatedCertificate";
import {
    AdoptionPhase,
    adoptedDistributionSettings,
    legacyOriginIdOf,
    routingConflicts,
} from "./cdnAdoption";
import { cacheBehaviors, validateCdnArgs } from "./cdnBehaviors";
import { DistributionSettings } from "./distributionConfig";
import { ORIGIN_IDS, OriginRouter, OriginSide } from "./originRouter";

export { cacheBehaviors, MANAGED_POLICY, validateCdnArgs } from "./cdnBehaviors";

/** Viewer TLS floor with a custom certificate: TLS 1.2 with the 2021 cipher list. */
export const VIEWER_MIN_TLS = "TLSv1.2_2021";

/**
 * The floor CloudFront itself sets on the default *.cloudfront.net certificate, whatever
 * is asked for ("CloudFront automatically sets the security policy to TLSv1", API
 * reference, ViewerCertificate.MinimumProtocolVersion). Declared as such so the plan
 * shows what viewers really get.
 */
export const DEFAULT_CERTIFICATE_TLS = "TLSv1";

/** Origin ID of the app (the internal ALB behind the VPC origin): the one the router function selects as `app`. */
export const APP_ORIGIN_ID = ORIGIN_IDS.app;

/**
 * Name of the security group AWS creates in the VPC with its first VPC origin, carried by
 * the interfaces CloudFront sends origin traffic from (CloudFront Developer Guide, "Restrict
 * access with VPC origins"). AWS manages it; the stack only references it.
 */
export const VPC_ORIGIN_SECURITY_GROUP_NAME = "CloudFront-VPCOrigins-Service-SG";

/** The app's load balancer, as the VPC origin needs it. */
export interface CdnOrigin {
    /** ARN of the internal ALB. */
    readonly loadBalancerArn: pulumi.Input<string>;
    /** VPC of the ALB, where AWS creates the VPC-origin security group. */
    readonly vpcId: pulumi.Input<string>;
    /** Host name CloudFront sends (and, over HTTPS, checks the ALB's certificate against). */
    readonly domainName: pulumi.Input<string>;
    /** `https` needs an ALB listener with a certificate naming `domainName`. */
    readonly protocol: "http" | "https";
    /** What the VPC origin must wait for (the VPC's internet gateway, which AWS requires). @default [] */
    readonly waitFor?: pulumi.Resource[];
}

/** A custom name for the distribution (see stacks/stackConfig.ts `CustomDomain`). */
export interface CdnDomain {
    readonly name: string;
    /** `request`: certificate only, nothing waits; `active`: validated, alias attached. */
    readonly stage: "request" | "active";
    /** Route 53 zone for validation and alias records. @default - records exported instead */
    readonly hostedZoneId?: string;
}

/** Old prod as a second origin, and the router that moves viewers between the two. */
export interface CdnLegacyOrigin {
    /** Old prod's load balancer (HTTP only: it has no TLS). */
    readonly domainName: string;
    /** The routing value the KeyValueStore holds: legacy, app or app:<percent>. */
    readonly activeOrigin: pulumi.Input<string>;
    /** The side the function uses when the routing key is missing or malformed. */
    readonly fallback: OriginSide;
    /** Token of the override header (a secret). */
    readonly overrideToken: pulumi.Input<string>;
}

/** The distribution users reach today, adopted (see ./cdnAdoption.ts for the phases). */
export interface CdnAdoption {
    /** Its ID: imported with it, protected and retained on delete unless released. */
    readonly distributionId: string;
    /** Its live configuration as distribution arguments (./distributionConfig.ts). */
    readonly live: DistributionSettings;
    /** `adopt` (as live), `route` (needs legacyOrigin) or `complete` (everyone on the app). */
    readonly phase: AdoptionPhase;
    /** Released: neither protected nor retained, so a later change may replace or delete it. @default false */
    readonly released?: boolean;
}

/** Arguments of {@link Cdn}. */
export interface CdnArgs {
    /** The ALB CloudFront reaches through a VPC origin. */
    readonly origin: CdnOrigin;
    /** Provider in us-east-1, where CloudFront certificates must live. */
    readonly usEast1Provider: aws.Provider;
    /** The site's own name. @default - none: viewers use the distribution's *.cloudfront.net name */
    readonly domain?: CdnDomain;
    /** Path patterns served from cache. @default ["/static/*"] */
    readonly staticPathPatterns?: string[];
    /** Seconds CloudFront waits for the origin (LLM answers are slow; 60 is the quota without a raise). @default 60 */
    readonly originReadTimeoutSeconds?: number;
    /** Price class. @default "PriceClass_100" (North America and Europe edges) */
    readonly priceClass?: string;
    /** An existing distribution to adopt, declared from its live configuration. @default - a new distribution */
    readonly adopt?: CdnAdoption;
    /** Old prod as origin `legacy`, behind the router function. @default - the app is the only origin */
    readonly legacyOrigin?: CdnLegacyOrigin;
    /** ARN of a CLOUDFRONT-scope WAF web ACL (CloudFront takes the ARN in webAclId). @default - no WAF */
    readonly webAclArn?: pulumi.Input<string>;
    /** HSTS for every subdomain too: only for whoever owns the apex domain (preload is sent only with it). @default false */
    readonly hstsIncludeSubdomains?: boolean;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * The CloudFront distribution in front of the internal ALB: HTTPS for viewers (HSTS),
 * the ALB reached through a VPC origin, dynamic paths uncached, static paths cached.
 *
 * To extend (another origin, a function on the default behaviour): add to the `origins`
 * list (the app's origin is {@link APP_ORIGIN_ID}) and to what {@link cacheBehaviors}
 * returns, rather than to the distribution literal.
 */
export class Cdn extends pulumi.ComponentResource {
    public readonly distributionId: pulumi.Output<string>;
    public readonly distributionArn: pulumi.Output<string>;
    public readonly distributionDomainName: pulumi.Output<string>;
    public readonly distributionHostedZoneId: pulumi.Output<string>;
    /** The VPC origin: the ALB's ingress rule must depend on it (it creates the source group). */
    public readonly vpcOrigin: aws.cloudfront.VpcOrigin;
    /** ID of {@link VPC_ORIGIN_SECURITY_GROUP_NAME} in the ALB's VPC, looked up after the VPC origin exists. */
    public readonly vpcOriginSecurityGroupId: pulumi.Output<string>;
    /** ARN of the router's KeyValueStore; empty without a legacy origin. */
    public readonly routerKeyValueStoreArn: pulumi.Output<string>;
    /** The us-east-1 certificate's validation CNAMEs; empty without a domain. */
    public readonly certificateValidationRecords: pulumi.Output<ValidationRecord[]>;

    constructor(name: string, args: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cdn:Cdn", name, {}, opts);
        const staticPaths = args.staticPathPatterns ?? ["/static/*"];
        const readTimeout = args.originReadTimeoutSeconds ?? 60;
        const priceClass = args.priceClass ?? "PriceClass_100";
        const tags = args.tags ?? {};
        const hstsIncludeSubdomains = args.hstsIncludeSubdomains ?? false;
        validateCdnArgs({ readTimeout, staticPaths, priceClass });
        validateAdoption(args);
        const active = args.domain?.stage === "active";

        const certificate =
            args.domain === undefined
                ? undefined
                : new DnsValidatedCertificate(
                      `${name}-cert`,
                      {
                          domainName: args.domain.name,
                          hostedZoneId: args.domain.hostedZoneId,
                          validate: active,
                          tags,
                      },
                      { parent: this, provider: args.usEast1Provider },
                  );

        // A VPC origin in use cannot be updated in place (AWS: detach it from every distribution
        // first), so each protocol gets its own: moving to HTTPS creates the new one, repoints
        // the distribution, then deletes the old one.
        const protocol = args.origin.protocol;
        this.vpcOrigin = new aws.cloudfront.VpcOrigin(
            `${name}-origin-${protocol}`,
            {
                vpcOriginEndpointConfig: {
                    name: `${name}-alb-${protocol}`,
                    arn: args.origin.loadBalancerArn,
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: protocol === "https" ? "https-only" : "http-only",
                    // Required by the API even for http-only; used only over HTTPS.
                    originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
                },
                // AWS: creating a VPC origin "can take up to 15 minutes", the provider's default wait.
                // Through the input: the customTimeouts option does not reach plugin-framework
                // resources such as this one (pulumi/pulumi-terraform-bridge#827).
                timeouts: {
                    create: VPC_ORIGIN_TIMEOUT,
                    update: VPC_ORIGIN_TIMEOUT,
                    delete: VPC_ORIGIN_TIMEOUT,
                },
                tags,
            },
            {
                parent: this,
                dependsOn: args.origin.waitFor ?? [],
                // Tagged when created; a later tag change is an update AWS may refuse while the
                // origin is associated with a distribution, so it is not made.
                ignoreChanges: ["tags", "tagsAll"],
            },
        );
        // The group exists only once a VPC origin does. With dependsOn the SDK skips the lookup
        // and returns unknown while the VPC origin's ID is unknown (a first preview:
        // @pulumi/pulumi runtime/invoke.js), and `up` reads it after creating the VPC origin.
        this.vpcOriginSecurityGroupId = aws.ec2.getSecurityGroupOutput(
            { name: VPC_ORIGIN_SECURITY_GROUP_NAME, vpcId: args.origin.vpcId },
            { parent: this, dependsOn: [this.vpcOrigin] },
        ).id;

        const headers = new aws.cloudfront.ResponseHeadersPolicy(
            `${name}-security-headers`,
            {
                comment: "ChatMRPT security headers",
                securityHeadersConfig: {
                    // Preload lists require includeSubDomains, so preload follows it.
                    strictTransportSecurity: {
                        accessControlMaxAgeSec: 63072000,
                        includeSubdomains: hstsIncludeSubdomains,
                        preload: hstsIncludeSubdomains,
                        override: true,
                    },
                    contentTypeOptions: { override: true },
                    frameOptions: { frameOption: "SAMEORIGIN", override: true },
                    referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
                },
            },
            { parent: this },
        );

        const origins: aws.types.input.cloudfront.DistributionOrigin[] = [
            {
                originId: APP_ORIGIN_ID,
                domainName: args.origin.domainName,
                vpcOriginConfig: {
                    vpcOriginId: this.vpcOrigin.id,
                    originReadTimeout: readTimeout,
                    originKeepaliveTimeout: 5,
                },
            },
        ];
        const legacy = args.legacyOrigin;
        const router =
            legacy === undefined
                ? undefined
                : new OriginRouter(
                      `${name}-router`,
                      {
                          activeOrigin: legacy.activeOrigin,
                          overrideToken: legacy.overrideToken,
                          fallback: legacy.fallback,
                          legacyOriginId:
                              args.adopt === undefined
                                  ? undefined
                                  : legacyOriginIdOf(args.adopt.live, legacy.domainName),
                          tags,
                      },
                      { parent: this },
                  );
        if (legacy !== undefined) {
            origins.push({
                originId: ORIGIN_IDS.legacy,
                domainName: legacy.domainName,
                customOriginConfig: {
                    // Old prod's ALB has no certificate; the pack allows this only under an exemption of at most 14 days.
                    originProtocolPolicy: "http-only",
                    httpPort: 80,
                    httpsPort: 443,
                    // Required by the API, unused over HTTP.
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: readTimeout,
                    originKeepaliveTimeout: 5,
                },
            });
        }
        const behaviors = cacheBehaviors({
            // Where a request goes when the function picks nothing: the same side the function falls back to.
            originId: legacy === undefined ? APP_ORIGIN_ID : ORIGIN_IDS[legacy.fallback],
            responseHeadersPolicyId: headers.id,
            staticPaths,
            routerFunctionArn: router?.functionArn,
        });
        const declared: aws.cloudfront.DistributionArgs = {
            enabled: true,
            comment: `ChatMRPT ${args.domain?.name ?? "(no custom domain)"}`,
            // The alias only once the certificate naming it is issued.
            aliases: active ? [args.domain!.name] : [],
            httpVersion: "http2and3",
            isIpv6Enabled: true,
            priceClass,
            origins,
            ...behaviors,
            viewerCertificate: active
                ? {
                      acmCertificateArn: certificate!.certificateArn,
                      sslSupportMethod: "sni-only",
                      minimumProtocolVersion: VIEWER_MIN_TLS,
                  }
                : { cloudfrontDefaultCertificate: true, minimumProtocolVersion: DEFAULT_CERTIFICATE_TLS },
            restrictions: { geoRestriction: { restrictionType: "none" } },
            webAclId: args.webAclArn,
        };
        // Adopting: the distribution users already reach becomes this one, declared from its live
        // configuration so that the import changes nothing (the engine refuses an `up` whose import
        // differs: pulumi/pulumi developer-docs/architecture/import.md). Once in the state with that
        // ID, the engine treats it as any resource. protect blocks a replacement or delete;
        // retainOnDelete keeps it in AWS even if it leaves the program.
        const adopt = args.adopt;
        const distribution = new aws.cloudfront.Distribution(
            `${name}-distribution`,
            {
                ...(adopt === undefined
                    ? declared
                    : adoptedDistributionSettings({
                          live: adopt.live,
                          phase: adopt.phase,
                          appOrigin: origins[0],
                          legacy:
                              legacy === undefined
                                  ? undefined
                                  : { domainName: legacy.domainName, origin: origins[1] },
                          routerFunctionArn: router?.functionArn,
                          webAclArn: args.webAclArn,
                          responseHeadersPolicyId: headers.id,
                      })),
                // Tags are not part of a distribution's configuration: adding them changes nothing it serves.
                tags,
            },
            {
                parent: this,
                ...(adopt === undefined
                    ? {}
                    : {
                          import: adopt.distributionId,
                          protect: !adopt.released,
                          retainOnDelete: !adopt.released,
                      }),
            },
        );

        if (active && args.domain!.hostedZoneId !== undefined) {
            for (const type of ["A", "AAAA"]) {
                new aws.route53.Record(
                    `${name}-alias-${type.toLowerCase()}`,
                    {
                        zoneId: args.domain!.hostedZoneId,
                        name: args.domain!.name,
                        type,
                        aliases: [
                            {
                                name: distribution.domainName,
                                zoneId: distribution.hostedZoneId,
                                evaluateTargetHealth: false,
                            },
                        ],
                    },
                    { parent: this },
                );
            }
        }

        this.distributionId = distribution.id;
        this.distributionArn = distribution.arn;
        this.distributionDomainName = distribution.domainName;
        this.distributionHostedZoneId = distribution.hostedZoneId;
        this.routerKeyValueStoreArn = router?.keyValueStoreArn ?? pulumi.output("");
        this.certificateValidationRecords = certificate?.validationRecords ?? pulumi.output([]);
        this.registerOutputs({
            distributionId: this.distributionId,
            distributionDomainName: this.distributionDomainName,
            vpcOriginId: this.vpcOrigin.id,
            routerKeyValueStoreArn: this.routerKeyValueStoreArn,
            certificateValidationRecords: this.certificateValidationRecords,
        });
    }
}

/** How long the engine waits on the VPC origin: twice AWS's "up to 15 minutes". */
export const VPC_ORIGIN_TIMEOUT = "30m";

/** Throws on an adoption the distribution cannot take, before any resource exists. */
export function validateAdoption(args: Pick<CdnArgs, "adopt" | "legacyOrigin">): void {
    const adopt = args.adopt;
    if (adopt === undefined) return;
    if ((adopt.phase === "route") !== (args.legacyOrigin !== undefined))
        throw new Error(
            `adopt.phase (${adopt.phase}) must be route exactly when legacyOrigin is set (${args.legacyOrigin === undefined ? "unset" : "set"})`,
        );
    if (args.legacyOrigin === undefined) return;
    const conflicts = routingConflicts(adopt.live, args.legacyOrigin.domainName);
    if (conflicts.length > 0)
        throw new Error(
            `cannot route the adopted distribution ${adopt.distributionId}: ${conflicts.join("; ")}`,
        );
}
