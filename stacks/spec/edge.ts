/** The config spec's keys of one section (stacks/configSpec.ts): The edge: WAF (issue 13: it starts counting, not blocking), HSTS and the endpoint canary. */
import { WAF_MODES } from "../../components/webAcl";
import { int, KeyDef, prod } from "./keySpec";

export const EDGE_KEYS = {
    wafMode: {
        kind: "enum",
        values: WAF_MODES,
        default: prod("count"),
        meaning: "The WAF counts (logs only) or blocks.",
    },
    hstsIncludeSubdomains: {
        kind: "boolean",
        default: prod("false"),
        meaning: "HSTS includeSubDomains (and preload): only for whoever owns the apex domain.",
    },
    endpointCheckIntervalMinutes: int(
        1,
        60,
        "20",
        "Minutes between endpoint canary runs (each run is billed).",
    ),
} as const satisfies Record<string, KeyDef>;
