/** The edge section: the WAF's mode, HSTS, and the endpoint canary's interval. */
import { Reader } from "./reader";
import { StackConfig } from "./types";

export function readEdge(
    r: Reader,
): Pick<StackConfig, "wafMode" | "hstsIncludeSubdomains" | "endpointCheckIntervalMinutes"> {
    return {
        wafMode: (r.string("wafMode") ?? "count") as "count" | "block",
        hstsIncludeSubdomains: r.string("hstsIncludeSubdomains") === "true",
        endpointCheckIntervalMinutes: r.int("endpointCheckIntervalMinutes"),
    };
}
