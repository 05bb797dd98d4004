/** The config spec's keys of one section (stacks/configSpec.ts): The custom domain. */
import { checkNotAwsName, checkSpecialUseName } from "../nameChecks";
import * as v from "../validate";
import { Check, DOMAIN_STAGES, KeyDef } from "./keySpec";

const checkSiteName: Check = (s) =>
    v.checkDomainName(s) ?? v.checkNotPlaceholderDomain(s) ?? checkSpecialUseName(s) ?? checkNotAwsName(s);
const checkZoneId: Check = (s) =>
    /^Z[A-Z0-9]{1,31}$/.test(s)
        ? undefined
        : "must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ";

export const DOMAIN_KEYS = {
    domainName: {
        kind: "string",
        check: checkSiteName,
        allowed:
            "a public lower-case DNS name of two or more labels: not a placeholder, a special-use name (.test, .local, ...) or AWS's",
        defaultText: "none",
        meaning: "The site's own name; unset, viewers use https://<distribution>.cloudfront.net.",
    },
    domainStage: {
        kind: "enum",
        values: DOMAIN_STAGES,
        defaultText: "none (active with hostedZoneId)",
        meaning:
            "With domainName: request (certificates and their validation records only) or active (validated, alias attached).",
    },
    originDomainName: {
        kind: "string",
        check: checkSiteName,
        allowed: "a lower-case DNS name, not domainName",
        defaultText: "origin.<domainName>",
        meaning:
            "The name CloudFront asks the ALB for over HTTPS once active (the ALB's certificate covers it and domainName).",
    },
    hostedZoneId: {
        kind: "string",
        check: checkZoneId,
        allowed: "a Route 53 hosted zone ID (Z...)",
        defaultText: "none",
        meaning:
            "The Route 53 zone holding domainName: validation and alias records are created in it, both steps in one run.",
    },
} as const satisfies Record<string, KeyDef>;
