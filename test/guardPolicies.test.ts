import * as assert from "assert";
import * as path from "path";
import { checkStack, readPackConfig } from "../offline/policy/checkStack";
import { CUTOVER, cutoverPackConfig, overlay } from "./cutoverState";
import { ROOT } from "./helpers";
import { assertSharedRecordsUnchanged, TODAY } from "./policyHarness";
import { ALL_VIEWS } from "./policyViews";

const PACK_CONFIG = readPackConfig(path.join(ROOT, "policies", "config.prod.json"));

describe("guard policies: the stack's legitimate shapes pass in every view with the committed pack config", () => {
    // Each shape edits copies: the prod records the tests share must come out as they went in.
    after(assertSharedRecordsUnchanged);

    // The cutover's committed pack config: dated exemptions for the adopted distribution (at most 14 days).
    const cutoverExemption = cutoverPackConfig();
    const variants: [string, Record<string, string>, object][] = [
        [
            "domain step 1 (request)",
            { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "request" },
            {},
        ],
        [
            "domain step 2 (active)",
            { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "active" },
            {},
        ],
        ["the cutover, routing to legacy", CUTOVER, cutoverExemption],
        ["the cutover, routing to app", { ...CUTOVER, "chatmrpt:activeOrigin": "app" }, cutoverExemption],
        ["the committed adopt phase", overlay("adopt"), cutoverExemption],
        ["the committed route phase", overlay("route"), cutoverExemption],
        ["the committed end state", overlay("complete"), cutoverPackConfig("complete")],
        ["wafMode block", { "chatmrpt:wafMode": "block" }, {}],
        [
            "wafMode block under expectedMode block",
            { "chatmrpt:wafMode": "block" },
            { "cloudfront-waf-protected": { expectedMode: "block" } },
        ],
    ];
    for (const [what, configOverrides, extra] of variants) {
        it(what, async function () {
            this.timeout(120000);
            const packConfig = { ...PACK_CONFIG, ...extra };
            for (const view of ALL_VIEWS) {
                const check = await checkStack({
                    configOverrides,
                    packConfig,
                    now: () => TODAY,
                    view,
                    base: view === "preview" ? "empty" : undefined,
                });
                assert.deepStrictEqual(
                    check.evaluation.violations.map((v) => `${v.policy}: ${v.message}`),
                    [],
                    `${view} view`,
                );
            }
        });
    }
});
