import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { adoptedDistributionSettings } from "../cdnAdoption";
import { cacheBehaviors } from "../cdnBehaviors";
import { ORIGIN_IDS } from "../originRouter";
import { APP_ORIGIN_ID, CdnArgs, CdnSettings, DEFAULT_CERTIFICATE_TLS, VIEWER_MIN_TLS } from "./args";

/** The response headers every behaviour sends: HSTS, nosniff, SAMEORIGIN frames, a strict referrer. */
export function createSecurityHeaders(
    name: string,
    hstsIncludeSubdomains: boolean,
    parent: pulumi.Resource,
): aws.cloudfront.ResponseHeadersPolicy {
    return new aws.cloudfront.ResponseHeadersPolicy(
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
        { parent },
    );
}

/** What the distribution is built from, besides the component's args. */
export interface DistributionParts {
    /** The app's origin first, then old prod's when there is a legacy origin. */
    readonly origins: aws.types.input.cloudfront.DistributionOrigin[];
    readonly responseHeadersPolicyId: pulumi.Input<string>;
    /** The router function, on every behaviour. @default - no router */
    readonly routerFunctionArn?: pulumi.Input<string>;
    /** The issued certificate's ARN, at the `active` step. @default - the default certificate */
    readonly certificateArn?: pulumi.Input<string>;
}

/** A new distribution's settings: the app (or the router's fallback side) behind every behaviour. */
function declaredSettings(
    args: CdnArgs,
    s: CdnSettings,
    parts: DistributionParts,
): aws.cloudfront.DistributionArgs {
    const legacy = args.legacyOrigin;
    const behaviors = cacheBehaviors({
        // Where a request goes when the function picks nothing: the same side the function falls back to.
        originId: legacy === undefined ? APP_ORIGIN_ID : ORIGIN_IDS[legacy.fallback],
        responseHeadersPolicyId: parts.responseHeadersPolicyId,
        staticPaths: s.staticPaths,
        routerFunctionArn: parts.routerFunctionArn,
    });
    return {
        enabled: true,
        comment: `ChatMRPT ${args.domain?.name ?? "(no custom domain)"}`,
        // The alias only once the certificate naming it is issued.
        aliases: s.active ? [args.domain!.name] : [],
        httpVersion: "http2and3",
        isIpv6Enabled: true,
        priceClass: s.priceClass,
        origins: parts.origins,
        ...behaviors,
        viewerCertificate: s.active
            ? {
                  acmCertificateArn: parts.certificateArn!,
                  sslSupportMethod: "sni-only",
                  minimumProtocolVersion: VIEWER_MIN_TLS,
              }
            : { cloudfrontDefaultCertificate: true, minimumProtocolVersion: DEFAULT_CERTIFICATE_TLS },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        webAclId: args.webAclArn,
    };
}

/** The distribution: declared new, or the adopted one declared from its live configuration. */
export function createDistribution(
    name: string,
    args: CdnArgs,
    s: CdnSettings,
    parts: DistributionParts,
    parent: pulumi.Resource,
): aws.cloudfront.Distribution {
    const declared = declaredSettings(args, s, parts);
    // Adopting: the distribution users already reach becomes this one, declared from its live
    // configuration so that the import changes nothing (the engine refuses an `up` whose import
    // differs: pulumi/pulumi developer-docs/architecture/import.md). Once in the state with that
    // ID, the engine treats it as any resource. protect blocks a replacement or delete;
    // retainOnDelete keeps it in AWS even if it leaves the program.
    const adopt = args.adopt;
    const legacy = args.legacyOrigin;
    return new aws.cloudfront.Distribution(
        `${name}-distribution`,
        {
            ...(adopt === undefined
                ? declared
                : adoptedDistributionSettings({
                      live: adopt.live,
                      phase: adopt.phase,
                      appOrigin: parts.origins[0],
                      legacy:
                          legacy === undefined
                              ? undefined
                              : { domainName: legacy.domainName, origin: parts.origins[1] },
                      routerFunctionArn: parts.routerFunctionArn,
                      webAclArn: args.webAclArn,
                      responseHeadersPolicyId: parts.responseHeadersPolicyId,
                  })),
            // Tags are not part of a distribution's configuration: adding them changes nothing it serves.
            tags: s.tags,
        },
        {
            parent,
            ...(adopt === undefined
                ? {}
                : {
                      import: adopt.distributionId,
                      protect: !adopt.released,
                      retainOnDelete: !adopt.released,
                  }),
        },
    );
}
