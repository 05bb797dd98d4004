/** The config spec's keys of one section (stacks/configSpec.ts): The cutover: the adopted distribution, old prod as the legacy origin, and the router. */
import { checkRouting, MIN_OVERRIDE_TOKEN_LENGTH, ORIGIN_IDS } from "../../components/originRouter";
import { checkHeaderToken, checkLegacyOriginName } from "../nameChecks";
import * as v from "../validate";
import { Check, KeyDef, prod } from "./keySpec";

// Observed IDs are E plus 13 or 14 upper-case letters and digits (E2QWRUHAPOMQZL; the
// provider's docs show EDFDVBD632BHDS5); AWS documents no fixed length.
const checkDistributionId: Check = (s) =>
    /^E[A-Z0-9]{13,14}$/.test(s)
        ? undefined
        : "must be a CloudFront distribution ID (E and 13 or 14 upper-case letters or digits, such as E2EXAMPLE12345); " +
          "look it up from the distribution's domain with `aws cloudfront list-distributions --query " +
          "\"DistributionList.Items[?DomainName=='d225ar6c86586s.cloudfront.net'].Id\" --output text`";
/** A committed file of the project: relative, inside it, JSON. */
const checkConfigPath: Check = (s) =>
    s.startsWith("/") || /^[A-Za-z]:[\\/]/.test(s)
        ? "must be a path relative to the project root (the file is committed with the stack), such as stacks/adopted/E2EXAMPLE12345.json"
        : s.split(/[\\/]/).includes("..")
          ? "must stay inside the project (no ..): the file is committed with the stack"
          : s.endsWith(".json")
            ? undefined
            : "must name a .json file (the output of `aws cloudfront get-distribution-config --id <ID>`)";
const checkLegacyOrigin: Check = (s) => v.checkDomainName(s) ?? checkLegacyOriginName(s);
/** CloudFront's KeyValueStore takes values of at most 1 KB (Developer Guide, "File format for key-value pairs"). */
export const MAX_KVS_VALUE_LENGTH = 1024;
const checkOverrideSecret: Check = (s) =>
    s.length >= MIN_OVERRIDE_TOKEN_LENGTH && s.length <= MAX_KVS_VALUE_LENGTH
        ? checkHeaderToken(s)
        : `must be ${MIN_OVERRIDE_TOKEN_LENGTH} to ${MAX_KVS_VALUE_LENGTH} characters (the router ignores shorter tokens; ` +
          "a KeyValueStore value holds at most 1 KB), such as the output of `openssl rand -hex 32`";

export const CUTOVER_KEYS = {
    adoptDistributionId: {
        kind: "string",
        check: checkDistributionId,
        allowed: "a CloudFront distribution ID (E...)",
        defaultText: "none",
        meaning:
            "The distribution users reach today: imported (protect, retainOnDelete), no other created. Stays set for good: once in the state it is as any resource.",
    },
    adoptedDistributionConfig: {
        kind: "string",
        check: checkConfigPath,
        allowed:
            "a path relative to the project root, to the JSON `aws cloudfront get-distribution-config --id <ID>` prints",
        defaultText: "none (required with adoptDistributionId)",
        meaning:
            "The adopted distribution's live configuration, committed: the program declares the distribution from it, so the import changes nothing.",
    },
    cutoverComplete: {
        kind: "boolean",
        default: prod("false"),
        meaning:
            "The end state (runbook step 7): the adopted distribution serves everyone from the app, without old prod, the router, or an exemption.",
    },
    releaseAdoptedDistribution: {
        kind: "boolean",
        default: prod("false"),
        meaning:
            "Releases the adopted distribution (no protect, no retainOnDelete); also remove its ID from the pack config's adoptedDistributionIds.",
    },
    legacyOriginDomainName: {
        kind: "string",
        check: checkLegacyOrigin,
        allowed:
            "old prod's internet-facing load balancer's DNS name (not internal-, a distribution or the site's own names)",
        defaultText: "none",
        meaning: "Old prod's ALB as origin legacy, with the router function; unset once decommissioned.",
    },
    activeOrigin: {
        kind: "string",
        check: checkRouting,
        allowed: "legacy, app or app:<1-99>",
        defaultText: "legacy",
        meaning:
            "The routing value the KeyValueStore key is created with; afterwards npm run route owns the key (its value is ignored).",
    },
    routerFallbackOrigin: {
        kind: "enum",
        values: Object.keys(ORIGIN_IDS),
        defaultText: "legacy",
        meaning: "The side the router uses when the routing key is missing or malformed.",
    },
    originOverrideSecret: {
        kind: "secret",
        check: checkOverrideSecret,
        allowed: `${MIN_OVERRIDE_TOKEN_LENGTH}-1024 visible ASCII characters`,
        meaning:
            "The token of the x-chatmrpt-force-origin: app:<token> header (secret, required while legacyOriginDomainName is set).",
    },
} as const satisfies Record<string, KeyDef>;
