import * as assert from "assert";
import { rateLimitForSlots, validateWebAclArgs } from "../components/webAcl";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { named, runProd, runProdOk } from "./helpers";

const metric = (name: string) => ({
    cloudwatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName: `chatmrpt-waf-${name}`,
});
/** The core rule set's body rules the app's own traffic trips: counted in both modes (issue 22). */
const CRS_COUNTED = ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericRFI_BODY"].map((rule) => ({
    name: rule,
    actionToUse: { count: {} },
}));
const managed = (name: string, priority: number, overrideAction: object) => ({
    name,
    priority,
    overrideAction,
    statement: {
        managedRuleGroupStatement: {
            vendorName: "AWS",
            name,
            ...(name === "AWSManagedRulesCommonRuleSet" ? { ruleActionOverrides: CRS_COUNTED } : {}),
        },
    },
    visibilityConfig: metric(name),
});

describe("WebAcl (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let acl: RecordedResource;
    before(async () => {
        run = await runProdOk();
        acl = named(run, "chatmrpt-waf-acl");
    });

    it("is a CLOUDFRONT-scope web ACL created with the us-east-1 provider, allowing by default", () => {
        assert.deepStrictEqual(
            [acl.inputs.scope, acl.region, acl.inputs.defaultAction],
            ["CLOUDFRONT", "us-east-1", { allow: {} }],
        );
        assert.deepStrictEqual(acl.inputs.visibilityConfig, metric("acl"));
    });

    it("starts in count mode: the managed groups count instead of block, and so does the rate rule", () => {
        assert.deepStrictEqual(acl.inputs.rules, [
            managed("AWSManagedRulesAmazonIpReputationList", 0, { count: {} }),
            managed("AWSManagedRulesCommonRuleSet", 1, { count: {} }),
            managed("AWSManagedRulesKnownBadInputsRuleSet", 2, { count: {} }),
            {
                name: "rate-per-client-ip",
                priority: 3,
                action: { count: {} },
                // 2 instances × 10 workers = 20 slots; a quarter of them for 300 s at 0.5 s a request = 3,000.
                statement: {
                    rateBasedStatement: { aggregateKeyType: "IP", limit: 3000, evaluationWindowSec: 300 },
                },
                visibilityConfig: metric("rate-per-client-ip"),
            },
        ]);
    });

    it("enforces with chatmrpt:wafMode block: groups keep their own actions and the rate rule blocks", async () => {
        const block = named(await runProd({ "chatmrpt:wafMode": "block" }), "chatmrpt-waf-acl").inputs.rules;
        assert.deepStrictEqual(
            block.map((r: any) => [r.name, r.overrideAction, r.action]),
            [
                ["AWSManagedRulesAmazonIpReputationList", { none: {} }, undefined],
                ["AWSManagedRulesCommonRuleSet", { none: {} }, undefined],
                ["AWSManagedRulesKnownBadInputsRuleSet", { none: {} }, undefined],
                ["rate-per-client-ip", undefined, { block: {} }],
            ],
        );
    });

    it("in block mode too, counts (never blocks) the body rules uploads, long prompts and chat text trip, and only those", async () => {
        const block = named(await runProd({ "chatmrpt:wafMode": "block" }), "chatmrpt-waf-acl").inputs.rules;
        assert.deepStrictEqual(block.slice(0, 3), [
            managed("AWSManagedRulesAmazonIpReputationList", 0, { none: {} }),
            managed("AWSManagedRulesCommonRuleSet", 1, { none: {} }),
            managed("AWSManagedRulesKnownBadInputsRuleSet", 2, { none: {} }),
        ]);
        // Overrides, not a scope-down: every other rule of the group still sees every path.
        assert.strictEqual(block[1].statement.managedRuleGroupStatement.scopeDownStatement, undefined);
        assert.deepStrictEqual(
            block[1].statement.managedRuleGroupStatement.ruleActionOverrides.map((o: any) => o.name),
            ["SizeRestrictions_BODY", "CrossSiteScripting_BODY", "GenericRFI_BODY"],
        );
    });

    it("sizes the rate limit from the worker slots, never below the AWS minimum of 10", () => {
        assert.strictEqual(
            rateLimitForSlots({
                workerSlots: 20,
                perClientShare: 0.25,
                windowSeconds: 300,
                averageRequestSeconds: 0.5,
            }),
            3000,
        );
        assert.strictEqual(
            rateLimitForSlots({
                workerSlots: 40,
                perClientShare: 0.25,
                windowSeconds: 60,
                averageRequestSeconds: 0.5,
            }),
            1200,
        );
        assert.strictEqual(
            rateLimitForSlots({
                workerSlots: 1,
                perClientShare: 0.01,
                windowSeconds: 60,
                averageRequestSeconds: 30,
            }),
            10,
        );
    });

    it("rejects a mode, window or share AWS WAF or the formula cannot take", () => {
        const ok = {
            mode: "count",
            workerSlots: 20,
            perClientShare: 0.25,
            averageRequestSeconds: 0.5,
            windowSeconds: 300,
        };
        assert.throws(() => validateWebAclArgs({ ...ok, mode: "enforce" }), {
            message: "mode (enforce) must be one of count, block",
        });
        assert.throws(() => validateWebAclArgs({ ...ok, windowSeconds: 180 }), {
            message: "rateWindowSeconds (180) must be one of 60, 120, 300, 600",
        });
        assert.throws(() => validateWebAclArgs({ ...ok, perClientShare: 1.5 }), {
            message: "perClientShare (1.5) must be > 0 and <= 1",
        });
        assert.throws(() => validateWebAclArgs({ ...ok, workerSlots: 0 }), {
            message: "workerSlots (0) must be a whole number >= 1",
        });
    });
});
