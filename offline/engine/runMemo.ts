/**
 * The real program under the mocks, run once per distinct configuration in a process.
 * The program is deterministic under the mocks (IDs and names are hashes of type and
 * name), so a second run with the same config, project and stack would register exactly
 * the same resources: it is answered from the first run instead. Each caller gets its own
 * copy of the records, so one that changes them (the mutation tests) changes nobody
 * else's. Previews are never reused: their base is a function this cannot compare.
 */
import { runProgram } from "../../stacks/program";
import { pulumiConfigSource } from "../../stacks/stackConfig";
import { PROJECT_ROOT } from "./projectRoot";
import { OfflineRun, runOffline, RunOfflineOptions } from "./mockRuntime";

/**
 * The program as an offline review runs it (the plan, the policy report, tests of what an
 * up creates): every output is computed as after an up, but nothing is deployed, so the
 * program's deploy-only refusals (a stack that pages nobody) are warnings, as in a preview.
 * With {@link RunOfflineOptions.mode} set, the program reads the engine's mode itself
 * (`pulumi.runtime.isDryRun()`), exactly as under `pulumi up` or `pulumi preview`.
 */
export function programFor(options: Pick<RunOfflineOptions, "mode" | "preview">): () => unknown {
    // Paths in config (adoptedDistributionConfig) are the project's, wherever the tool was started.
    const source = () => ({ ...pulumiConfigSource(), root: PROJECT_ROOT });
    if (options.mode === undefined && options.preview === undefined)
        return () => runProgram(source(), "preview");
    return () => runProgram(source());
}

const runs = new Map<string, OfflineRun<unknown>>();

function copyOf<T>(run: OfflineRun<T>): OfflineRun<T> {
    return {
        ...run,
        resources: structuredClone(run.resources),
        invokes: structuredClone(run.invokes),
        outputsRegistered: new Map([...run.outputsRegistered].map(([k, v]) => [k, [...v]])),
        outputs: run.outputs === undefined ? undefined : structuredClone(run.outputs),
        standIns: [...run.standIns],
        warnings: [...run.warnings],
    };
}

/** {@link runOffline} of the whole program (stacks/program.ts), reused for a configuration already run. */
export async function runProgramOffline(options: RunOfflineOptions): Promise<OfflineRun<unknown>> {
    const program = programFor(options);
    if (options.preview !== undefined) return runOffline(program, options);
    const key = JSON.stringify([
        options.mode ?? "review",
        options.project,
        options.stack,
        options.withStack ?? true,
        options.standIns ?? false,
        [...(options.secretKeys ?? [])].sort(),
        Object.entries(options.config).sort(([a], [b]) => a.localeCompare(b)),
    ]);
    const cached = runs.get(key);
    if (cached !== undefined) return copyOf(cached);
    const run = await runOffline(program, options);
    try {
        runs.set(key, copyOf(run));
    } catch {
        // A run whose records are not plain data (it should not happen) is simply not reused.
    }
    return run;
}
