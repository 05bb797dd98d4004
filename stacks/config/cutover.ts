/** The cutover section: the adopted distribution, old prod as the legacy origin, and the router's settings. */
import * as pulumi from "@pulumi/pulumi";
import { CdnAdoption } from "../../components/cdn";
import { routingConflicts } from "../../components/cdnAdoption";
import { ORIGIN_IDS, OriginSide } from "../../components/originRouter";
import { readAdoptedDistribution } from "./adoptedDistribution";
import { NAMESPACE, Reader } from "./reader";
import { CustomDomain, CutoverConfig } from "./types";

/**
 * The cutover keys. Without `legacyOriginDomainName` there is no router, so routing may
 * only say `app` (everyone is there already): a stack file still routing users to an
 * origin being removed is refused rather than silently ignored.
 */
export function readCutover(r: Reader, site: CustomDomain | undefined): CutoverConfig {
    const adoptDistributionId = r.optional("adoptDistributionId");
    const complete = r.string("cutoverComplete") === "true";
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
    const adoption = readAdoption(r, adoptDistributionId, complete);
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
            } else if (value !== undefined && adoptDistributionId !== undefined && !complete) {
                // Adopted and not routed, the distribution is kept as it is live: moving everyone is the end state only.
                r.problem(
                    `${NAMESPACE}:${key} (${value}): with ${NAMESPACE}:adoptDistributionId and no ${NAMESPACE}:legacyOriginDomainName the adopted distribution is kept as it is live (nobody moves); to move users set ${NAMESPACE}:legacyOriginDomainName (the route phase), or set ${NAMESPACE}:cutoverComplete true once old prod is decommissioned (runbook step 7)`,
                );
            }
        }
        return { adoptDistributionId, adoption, complete };
    }
    if (domainName === undefined) return { adoptDistributionId, adoption, complete };
    if (complete)
        r.keyProblem(
            "cutoverComplete",
            "true",
            `marks the end state, without old prod: unset ${NAMESPACE}:legacyOriginDomainName (${domainName}) with it, or unset cutoverComplete while routing`,
        );
    if (adoption !== undefined) {
        for (const conflict of routingConflicts(adoption.live, domainName))
            r.keyProblem(
                "legacyOriginDomainName",
                domainName,
                `cannot route the adopted distribution ${adoption.distributionId} (${NAMESPACE}:adoptedDistributionConfig ${adoption.configPath}): ${conflict}`,
            );
    }
    // Defaults send nobody anywhere new: old prod until the routing key says otherwise.
    return {
        adoptDistributionId,
        adoption,
        complete,
        legacy: {
            domainName,
            activeOrigin: activeOrigin ?? ORIGIN_IDS.legacy,
            fallback: fallback ?? "legacy",
        },
    };
}

/** The adopted distribution's live configuration, required with its ID; the keys that only go with it. */
function readAdoption(
    r: Reader,
    distributionId: string | undefined,
    complete: boolean,
): CutoverConfig["adoption"] {
    const configPath = r.optional("adoptedDistributionConfig");
    const released = r.string("releaseAdoptedDistribution") === "true";
    if (distributionId === undefined) {
        const alone: [string, string | undefined][] = [
            ["adoptedDistributionConfig", configPath],
            ["releaseAdoptedDistribution", released ? "true" : undefined],
            ["cutoverComplete", complete ? "true" : undefined],
        ];
        for (const [key, value] of alone)
            if (value !== undefined)
                r.keyProblem(
                    key,
                    value,
                    `applies only to an adopted distribution: set ${NAMESPACE}:adoptDistributionId too, or unset it`,
                );
        return undefined;
    }
    if (configPath === undefined) {
        if (!r.failed().has("adoptedDistributionConfig"))
            r.keyProblem(
                "adoptedDistributionConfig",
                "unset",
                `is required with ${NAMESPACE}:adoptDistributionId (${distributionId}): save the live configuration with \`aws cloudfront get-distribution-config --id ${distributionId} > stacks/adopted/${distributionId}.json\`, commit it and set this key to that path`,
            );
        return undefined;
    }
    const file = readAdoptedDistribution(r.source.root ?? process.cwd(), configPath);
    if (!file.ok) {
        for (const p of file.problems) r.keyProblem("adoptedDistributionConfig", configPath, p);
        return undefined;
    }
    return { distributionId, configPath, live: file.live, released };
}

/** The override token: required only while the router exists; a leftover one after decommission is harmless. */
export function readOverrideSecret(r: Reader, cutover: CutoverConfig): pulumi.Output<string> {
    return cutover.legacy === undefined ? pulumi.secret("") : r.secret("originOverrideSecret");
}

/** The adopted distribution as the CDN takes it, in the phase the keys say; undefined when none is adopted. */
export function cdnAdoptionOf(cutover: CutoverConfig): CdnAdoption | undefined {
    const a = cutover.adoption;
    if (a === undefined) return undefined;
    const phase = cutover.legacy !== undefined ? "route" : cutover.complete ? "complete" : "adopt";
    return { distributionId: a.distributionId, live: a.live, released: a.released, phase };
}
