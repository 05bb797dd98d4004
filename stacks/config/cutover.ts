/** The cutover section: the adopted distribution, old prod as the legacy origin, and the router's settings. */
import * as pulumi from "@pulumi/pulumi";
import { ORIGIN_IDS, OriginSide } from "../../components/originRouter";
import { NAMESPACE, Reader } from "./reader";
import { CutoverConfig } from "./types";

/**
 * The cutover keys. Without `legacyOriginDomainName` there is no router, so routing may
 * only say `app` (everyone is there already): a stack file still routing users to an
 * origin being removed is refused rather than silently ignored.
 */
export function readCutover(r: Reader): CutoverConfig {
    const adoptDistributionId = r.optional("adoptDistributionId");
    const domainName = r.optional("legacyOriginDomainName");
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
