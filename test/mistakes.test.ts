import * as assert from "assert";
import { BASE_POLICIES, chatMrptPolicies } from "../policies/pack";
import { ALL_MISTAKES, checkMistakes, MISTAKE_THEMES } from "./mistakes";
import { assertSharedRecordsUnchanged, checkProd, TODAY } from "./policyHarness";

/**
 * Realistic mistakes applied to the real prod stack, one at a time, and the legitimate
 * variants the same policies must accept (./mistakes/, one table per theme): each is caught
 * by the named policy with exactly its messages, in each view it names, and by no other
 * policy unless listed, so a finding points at one cause.
 */
describe("policy pack over the prod stack: deliberate mistakes", () => {
    // Every mistake edits copies: the prod records the tests share must come out as they went in.
    after(assertSharedRecordsUnchanged);

    it("finds no violation in the prod stack as built", async () => {
        const { violations } = await checkProd();
        assert.deepStrictEqual(violations, []);
    });

    for (const [title, mistakes] of MISTAKE_THEMES) checkMistakes(title, mistakes);

    it("names only policies of the pack (a misspelt one would accept anything)", () => {
        const names = new Set(chatMrptPolicies({ now: () => TODAY }).map((p) => p.name));
        const unknown = ALL_MISTAKES.flatMap((m) => [m.policy, ...(m.alsoCaughtBy ?? [])]).filter(
            (n) => !names.has(n),
        );
        assert.deepStrictEqual(unknown, []);
    });

    it("keeps every mistake of the three tables it merged (198), and one caught by every policy of the pack", () => {
        assert.ok(ALL_MISTAKES.length >= 198, `${ALL_MISTAKES.length} mistakes`);
        const caught = new Set(ALL_MISTAKES.filter((m) => m.messages.length > 0).map((m) => m.policy));
        assert.deepStrictEqual(
            BASE_POLICIES.map((p) => p.name).filter((n) => !caught.has(n)),
            [],
        );
    });
});
