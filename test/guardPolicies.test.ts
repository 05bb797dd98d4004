import * as assert from "assert";
import * as path from "path";
import { checkStack, readPackConfig } from "../offline/policy/checkStack";
import { CUTOVER, cutoverPackConfig, overlay } from "./cutoverState";
import {
    APP_TIER_DRIFTS,
    CUTOVER_DRIFTS,
    Drift,
    EDGE_DRIFTS,
    IAM_DRIFTS,
    OBSERVABILITY_DRIFTS,
    RECOVERY_DRIFTS,
    SECURITY_GROUP_DRIFTS,
} from "./guardDrifts";
import { ROOT } from "./helpers";
import { TODAY } from "./policyHarness";
import { ALL_VIEWS, findingsIn } from "./policyViews";

const PACK_CONFIG = readPackConfig(path.join(ROOT, "policies", "config.prod.json"));

/**
 * Each drift must be blocked in every engine view with the same messages, and by no
 * other policy unless listed; each legitimate variant must pass in every view.
 */
function runDrifts(title: string, drifts: Drift[]): void {
    describe(title, () => {
        for (const drift of drifts) {
            it(`${drift.messages.length === 0 ? "accepts" : "blocks"} ${drift.what} (${drift.policy}), in up, preview and refreshed`, async () => {
                for (const view of drift.views ?? ALL_VIEWS) {
                    const found = await findingsIn(view, drift.mutate, drift.config ?? {}, drift.stack ?? {});
                    const prefix = `${drift.policy}: `;
                    const mine = found.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
                    assert.deepStrictEqual(mine, drift.messages, `${view} view`);
                    const others = [
                        ...new Set(found.filter((f) => !f.startsWith(prefix)).map((f) => f.split(":")[0])),
                    ].sort();
                    assert.deepStrictEqual(
                        others,
                        [...(drift.alsoCaughtBy ?? [])].sort(),
                        `${view} view, other policies`,
                    );
                }
            });
        }
    });
}

describe("guard policies (issue 20): drifts blocked and variants accepted in every view", () => {
    runDrifts("edge protection", EDGE_DRIFTS);
    runDrifts("app tier behaviour", APP_TIER_DRIFTS);
    runDrifts("security groups", SECURITY_GROUP_DRIFTS);
    runDrifts("IAM", IAM_DRIFTS);
    runDrifts("observability", OBSERVABILITY_DRIFTS);
    runDrifts("recovery", RECOVERY_DRIFTS);
    runDrifts("cutover safety", CUTOVER_DRIFTS);
});

describe("guard policies: the stack's legitimate shapes pass in every view with the committed pack config", () => {
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
