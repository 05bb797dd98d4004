/** The custom domain section: domainName, domainStage, originDomainName, hostedZoneId. */
import { DOMAIN_STAGES } from "../configSpec";
import { echo } from "../validate";
import { NAMESPACE, Reader } from "./reader";
import { CustomDomain, DomainStage } from "./types";

/**
 * The custom domain, if any. Without `domainName` nothing else domain-related may be set:
 * the site is served on the distribution's own name and no certificate is requested.
 */
export function readDomain(r: Reader): CustomDomain | undefined {
    const name = r.optional("domainName");
    const stageRaw = r.explicit("domainStage");
    const originName = r.optional("originDomainName");
    const hostedZoneId = r.optional("hostedZoneId");
    if (!r.isSet("domainName")) {
        for (const key of ["domainStage", "originDomainName", "hostedZoneId"] as const) {
            const value = r.explicit(key);
            if (value !== undefined && value !== "")
                r.problem(`${NAMESPACE}:${key} (${value}): must not be set without ${NAMESPACE}:domainName`);
        }
        return undefined;
    }
    let stage: DomainStage | undefined;
    if (stageRaw === undefined || stageRaw === "") {
        // With a zone the program writes the validation records itself, so both steps fit in one run.
        if (hostedZoneId !== undefined) stage = "active";
        else
            r.problem(
                `${NAMESPACE}:domainStage (unset): must be request or active when ${NAMESPACE}:domainName is set without ${NAMESPACE}:hostedZoneId (request first; active once the validation records exist)`,
            );
    } else if ((DOMAIN_STAGES as readonly string[]).includes(stageRaw)) {
        stage = stageRaw as DomainStage;
    } else {
        r.keyProblem("domainStage", stageRaw, `must be one of ${DOMAIN_STAGES.join(", ")}`);
    }
    // The ALB's certificate names both: ACM refuses a SAN that repeats the domain.
    if (name !== undefined && originName === name)
        r.problem(
            `${NAMESPACE}:originDomainName (${echo(originName)}): must differ from ${NAMESPACE}:domainName`,
        );
    if (name === undefined || stage === undefined) return undefined;
    return { name, originName: originName ?? `origin.${name}`, stage, hostedZoneId };
}
