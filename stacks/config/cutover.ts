/** The cutover section: the adopted distribution, old prod as the legacy origin, and the router's settings. */
import * as pulumi from "@pulumi/pulumi";
import { ORIGIN_IDS, OriginSide } from "../../components/originRouter";
import { NAMESPACE, Reader } from "./reader";
import { CustomDomain, CutoverConfig } from "./types";

/**
 * The cutover keys. Without `legacyOriginDomainName` there is no router, so routing may
 * only say `app` (everyone is there already): a stack file still routing users to an
 * origin being removed is refused rather than silently ignored.
 */
export function readCutover(r: Reader, site: CustomDomain | undefined): CutoverConfig {
    const adoptDistributionId = r.optional("adoptDistributionId");
    const domainName = r.optional("legacyOriginDomainName");
    // The site's own name (or one under it) reaches CloudFront again, and the origin name is this
    // stack's own ALB: either way users would loop back here instead of reaching old prod.
    const loopsTo =
        site === undefined || domainName === undefined
            ? undefined
            : domainName === site.originName
              ? `${NAMESPACE}:originDomainName (${site.originName}), this stack's own origin`
              : domainName === site.name || domainName.endsWith(`.${site.name}`)
                ? `${NAMESPACE}:domainName (${site.name}), the site itself`
                : undefined;
    if (domainName !== undefined && loopsTo !== undefined) {
        r.keyProblem(
            "legacyOriginDomainName",
            domainName,
            `must be old prod's load balancer, not ${loopsTo}: requests would loop back to this stack`,
        );
    }
    const activeOrigin = r.optional("activeOrigin");
    const fallback = r.optional("routerFallbackOrigin") as OriginSide | undefined;
    if (!r.isSet("legacyOriginDomainName")) {
        for (const [key, value] of [
            ["activeOrigin", activeOrigin],
            ["routerFallbackOrigin", fallback],
        ] as const) {
            if (value !== undefined && value !== ORIGIN_IDS.app) {
                r.problem(
                    `${NAMESPACE}:${key} (${value}): must be unset or app without ${NAMESPACE}:legacyOriginDomainName (there is no legacy origin to send users to)`,
                );
            }
        }
        return { adoptDistributionId };
    }
    if (domainName === undefined) return { adoptDistributionId };
    // Defaults send nobody anywhere new: old prod until the routing key says otherwise.
    return {
        adoptDistributionId,
        legacy: {
            domainName,
            activeOrigin: activeOrigin ?? ORIGIN_IDS.legacy,
            fallback: fallback ?? "legacy",
        },
    };
}

/** The override token: required only while the router exists; a leftover one after decommission is harmless. */
export function readOverrideSecret(r: Reader, cutover: CutoverConfig): pulumi.Output<string> {
    return cutover.legacy === undefined ? pulumi.secret("") : r.secret("originOverrideSecret");
}
