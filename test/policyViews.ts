import { PolicyPackConfig } from "@pulumi/policy";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { refreshRecords } from "../offline/engine/refresh";
import { checkStack } from "../offline/policy/checkStack";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { View } from "../offline/policy/views";
import { chatMrptPolicies } from "../policies/pack";
import { Mutator, prodBaseline, shared, TODAY } from "./policyHarness";

/**
 * The prod stack in the three views the engine gives a pack, for drift tests:
 * - up: outputs as the mocks compute them;
 * - preview: a first deployment's preview (base empty), so every computed output is the
 *   SDK's unknown and only inputs and dependencies are known: the hardest preview;
 * - refreshed: the up records read back as AWS reports them (offline/engine/refresh.ts),
 *   the drift applied before the refresh, as a console change would be.
 */
const baselines = new Map<string, Promise<RecordedResource[]>>();

/** The unmutated records of a view of prod with `overrides` on its stack config (shared: a Mutator copies what it edits). */
function baseline(view: View, overrides: Record<string, string>): Promise<RecordedResource[]> {
    const key = JSON.stringify([view === "preview" ? "preview" : "up", overrides]);
    let records = baselines.get(key);
    if (records === undefined) {
        records =
            Object.keys(overrides).length === 0 && view !== "preview"
                ? prodBaseline().then((run) => run.resources)
                : checkStack({
                      configOverrides: overrides,
                      policies: () => [],
                      ...(view === "preview" ? { view: "preview" as const, base: "empty" as const } : {}),
                  }).then((c) => shared(c.run.resources));
        baselines.set(key, records);
    }
    return records;
}

/** The records of one view after `mutate` (on prod with `overrides` on its stack config). */
export async function recordsIn(
    view: View,
    mutate: (m: Mutator) => void = () => undefined,
    overrides: Record<string, string> = {},
): Promise<RecordedResource[]> {
    const m = new Mutator(await baseline(view, overrides));
    mutate(m);
    return view === "refreshed" ? refreshRecords(m.result()) : m.result();
}

/** The pack's findings in one view after `mutate`. */
export async function findingsIn(
    view: View,
    mutate: (m: Mutator) => void = () => undefined,
    config: PolicyPackConfig = {},
    overrides: Record<string, string> = {},
): Promise<{ policy: string; message: string }[]> {
    const resources = await recordsIn(view, mutate, overrides);
    const evaluation = await evaluatePolicies(chatMrptPolicies({ now: () => TODAY }), resources, {
        config,
        packEnforcementLevel: "mandatory",
        defaultRegion: "us-east-2",
        project: "chatmrpt",
        stack: "prod",
    });
    return evaluation.violations.map((v) => ({ policy: v.policy, message: v.message }));
}

export const ALL_VIEWS: readonly View[] = ["up", "preview", "refreshed"];
