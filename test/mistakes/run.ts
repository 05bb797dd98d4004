import * as assert from "assert";
import { findingsIn } from "../policyViews";
import { ids, loadIds, Mistake } from "./mistake";

/** A message with its `{key}` placeholders filled from {@link ids}. */
function filled(message: string): string {
    return message.replace(/\{(\w+)\}/g, (whole, key: string) =>
        Object.hasOwn(ids, key) ? ids[key] : whole,
    );
}

/**
 * The one runner of the mistake tables: one test per mistake, which applies it in each of its
 * views and asserts the exact messages of its policy there, and that no other policy fires
 * but those listed. The unmutated records of each view are built once and shared.
 */
export function checkMistakes(title: string, mistakes: readonly Mistake[]): void {
    describe(title, () => {
        before(loadIds);
        for (const mistake of mistakes) {
            const verb = mistake.messages.length === 0 ? "accepts" : "catches";
            it(`${verb} ${mistake.what} (${mistake.policy}), in ${mistake.views.join(", ")}`, async () => {
                const expected = mistake.messages.map(filled);
                const others = [...(mistake.alsoCaughtBy ?? [])].sort();
                for (const view of mistake.views) {
                    const found = await findingsIn(view, mistake.mutate, mistake.config, mistake.stack);
                    const mine = found.filter((f) => f.policy === mistake.policy).map((f) => f.message);
                    assert.deepStrictEqual(mine, expected, `${view} view`);
                    const rest = [
                        ...new Set(found.filter((f) => f.policy !== mistake.policy).map((f) => f.policy)),
                    ].sort();
                    assert.deepStrictEqual(rest, others, `${view} view, other policies`);
                }
            });
        }
    });
}
