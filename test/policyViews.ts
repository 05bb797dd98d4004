import { PolicyPackConfig } from "@pulumi/policy";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { refreshRecords } from "../offline/engine/refresh";
import { checkStack } from "../offline/policy/checkStack";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { View } from "../offline/policy/views";
import { chatMrptPolicies } from "../policies/pack";
import { Mutator, prodBaseline, TODAY } from "./policyHarness";

/**
 * The prod stack in the three views the engine gives a pack, for drift tests:
 * - up: outputs as the mocks compute them;
 * - preview: a first deployment's preview (base empty), so every computed output is the
 *   SDK's unknown and only inputs and dependencies are known: the hardest preview;
 * - refreshed: the up records read back as AWS reports them (offline/engine/refresh.ts),
 *   the drift applied before the refresh, as a console change would be.
 */
let previewRecords: RecordedResource[] | undefined;

async function previewBaseline(): Promise<RecordedResource[]> {
    if (!previewRecords) previewRecords = (await checkStack({ view: "preview", base: "empty", policies: () => [] })).run.resources;
    return previewRecords;
}

/** The records of one view after `mutate`. */
export async function recordsIn(view: View, mutate: (m: Mutator) => void = () => undefined): Promise<RecordedResource[]> {
    const base = view === "preview" ? await previewBaseline() : (await prodBaseline()).resources;
    const resources = structuredClone(base);
    mutate(new Mutator(resources));
    return view === "refreshed" ? refreshRecords(resources) : resources;
}

/** The pack's findings (`policy: message`) in one view after `mutate`. */
export async function findingsIn(view: View, mutate: (m: Mutator) => void = () => undefined, config: PolicyPackConfig = {}): Promise<string[]> {
    const resources = await recordsIn(view, mutate);
    const evaluation = await evaluatePolicies(chatMrptPolicies({ now: () => TODAY }), resources, {
        config, packEnforcementLevel: "mandatory", defaultRegion: "us-east-2", project: "chatmrpt", stack: "prod",
    });
    return evaluation.violations.map((v) => `${v.policy}: ${v.message}`);
}

export const ALL_VIEWS: readonly View[] = ["up", "preview", "refreshed"];
