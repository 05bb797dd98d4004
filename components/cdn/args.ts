import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AdoptionPhase, routingConflicts } from "../cdnAdoption";
import { DistributionSettings } from "../distributionConfig";
import { ORIGIN_IDS, OriginSide } from "../originRouter";

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

/** {@link CdnArgs} with every default resolved, as the children are built from them. */
export interface CdnSettings {
    readonly staticPaths: string[];
    readonly readTimeout: number;
    readonly priceClass: string;
    readonly tags: Record<string, string>;
    readonly hstsIncludeSubdomains: boolean;
    /** The custom name is at its `active` step: certificate validated, alias attached. */
    readonly active: boolean;
}

/** The defaults of {@link CdnArgs}, resolved in one place. */
export function cdnSettings(args: CdnArgs): CdnSettings {
    return {
        staticPaths: args.staticPathPatterns ?? ["/static/*"],
        readTimeout: args.originReadTimeoutSeconds ?? 60,
        priceClass: args.priceClass ?? "PriceClass_100",
        tags: args.tags ?? {},
        hstsIncludeSubdomains: args.hstsIncludeSubdomains ?? false,
        active: args.domain?.stage === "active",
    };
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
