import { StackValidationPolicy } from "@pulumi/policy";
import { vpcOriginTarget } from "../lib/edge";
import { objects, peek } from "../lib/known";
import { record } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";
import { ofType, withProp } from "../lib/stackIndex";

/**
 * The origin ID of the old production ALB during the cutover (components/originRouter.ts
 * ORIGIN_IDS.legacy; the pack imports nothing outside itself, so it is repeated here).
 * Its findings are the only ones an exemption can set aside, for at most 14 days.
 */
export const LEGACY_ORIGIN_ID = "legacy";

/** How a finding names an origin the pack config lists as old prod's (the exemption matches it). */
export const OLD_PROD = "old prod's load balancer";

const TLS12_ONLY = (protocols: unknown) =>
    Array.isArray(protocols) && protocols.length === 1 && protocols[0] === "TLSv1.2";

export const cloudfrontOriginHttps: StackValidationPolicy = {
    name: "cloudfront-origin-https",
    description:
        "Checks that CloudFront reaches internet (custom) origins with https-only and TLSv1.2 only, and speaks HTTP only through a VPC origin to an internal load balancer.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // Old prod's load balancers: an adopted distribution reaches old prod through its own
            // origin (any ID), whose finding an exemption of at most 14 days may then cover too.
            legacyOriginDomainNames: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateStack: (args, report) => {
        const { legacyOriginDomainNames } = args.getConfig<{ legacyOriginDomainNames: string[] }>();
        const vpcOrigins = ofType(args.resources, T.vpcOrigin);
        for (const d of ofType(args.resources, T.distribution)) {
            for (const origin of objects(d.props.origins)) {
                const custom = origin.customOriginConfig ? record(origin.customOriginConfig) : undefined;
                if (custom) {
                    // Old prod by its ID (the stack's own legacy origin) or by its name (an adopted distribution's).
                    const byName =
                        origin.originId !== LEGACY_ORIGIN_ID &&
                        legacyOriginDomainNames.includes(String(origin.domainName));
                    const who = byName
                        ? `origin ${origin.originId} (${OLD_PROD} ${origin.domainName})`
                        : `origin ${origin.originId}`;
                    const note =
                        origin.originId === LEGACY_ORIGIN_ID || byName
                            ? " (the old production ALB has no TLS: exempt the distribution from cloudfront-origin-https for at most 14 days while traffic moves)"
                            : "";
                    // An internet origin: the path crosses the internet, so TLS 1.2 or nothing.
                    if (custom.originProtocolPolicy !== "https-only") {
                        report(
                            `${who} must use originProtocolPolicy https-only; found ${show(custom.originProtocolPolicy)}${note}`,
                            d.urn,
                        );
                    }
                    if (!TLS12_ONLY(custom.originSslProtocols)) {
                        report(
                            `${who} must allow only TLSv1.2 (originSslProtocols ["TLSv1.2"]); found ${show(custom.originSslProtocols ?? [])}`,
                            d.urn,
                        );
                    }
                } else if (origin.vpcOriginConfig) {
                    const id = peek(origin.vpcOriginConfig, "vpcOriginId");
                    // The ID is known after an `up`; in a preview only the engine's dependency is.
                    const inStack =
                        typeof id === "string"
                            ? withProp(vpcOrigins, "id", id).length > 0
                            : (d.propertyDependencies.origins ?? []).some((x) =>
                                  isOneOf(x.type, T.vpcOrigin),
                              );
                    if (!inStack) {
                        report(
                            `origin ${origin.originId} must use a VPC origin of this stack, whose protocol the pack can check; found ${show(id)}`,
                            d.urn,
                        );
                    }
                }
                // S3 origins with OAC are HTTPS by construction.
            }
        }
        for (const v of vpcOrigins) {
            const config = v.props.vpcOriginEndpointConfig ?? {};
            if (config.originProtocolPolicy === "https-only") {
                if (!TLS12_ONLY(config.originSslProtocols?.items)) {
                    report(
                        `VPC origin ${v.name} must allow only TLSv1.2 (originSslProtocols.items ["TLSv1.2"]); found ${show(config.originSslProtocols?.items ?? [])}`,
                        v.urn,
                    );
                }
                continue;
            }
            // HTTP stays inside AWS's network only when the target has no public address.
            const target = vpcOriginTarget(v, args.resources);
            if (target === undefined || target.props.internal !== true) {
                report(
                    `VPC origin ${v.name} may use originProtocolPolicy ${show(config.originProtocolPolicy)} only towards an internal load balancer of this stack; found ${target ? `internet-facing ${target.name}` : show(config.arn)}`,
                    v.urn,
                );
            }
        }
    },
};
