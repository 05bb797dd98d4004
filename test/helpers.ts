import { spawn, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { OfflineRun, RecordedProps, RecordedResource } from "../offline/engine/mockRuntime";
import { runProgramOffline } from "../offline/engine/runMemo";
import { readStackFile, withOverrides } from "../offline/engine/stackFile";
import { ChatMrptOutputs } from "../stacks/chatmrpt";

export const PROD = readStackFile("prod");

/** Runs the real program with the real prod config, with `overrides` on top (undefined removes a key). */
export function runProd(
    overrides: Record<string, string | undefined> = {},
    withStack = true,
): Promise<OfflineRun<ChatMrptOutputs>> {
    const config = withOverrides(PROD.config, overrides);
    return runProgramOffline({
        config,
        secretKeys: PROD.secretKeys,
        project: PROD.project,
        stack: PROD.stack,
        withStack,
    }) as Promise<OfflineRun<ChatMrptOutputs>>;
}

/**
 * {@link runProd} for a suite's `before` hook: the run, or the program's own error thrown
 * (a suite over a stack that failed to build would only report missing resources).
 */
export async function runProdOk(
    overrides: Record<string, string | undefined> = {},
): Promise<OfflineRun<ChatMrptOutputs>> {
    const run = await runProd(overrides);
    if (run.error !== undefined) throw run.error;
    return run;
}

/**
 * One resource as the engine records it, built by hand to check a policy or the plan outside
 * the stack: a custom resource of the prod stack in us-east-2 with no options, its outputs its
 * inputs plus its ID. `extra` sets anything else.
 */
export function recordedResource(
    type: string,
    name: string,
    inputs: RecordedProps = {},
    extra: Partial<RecordedResource> = {},
): RecordedResource {
    const id = extra.id ?? `${name}-id`;
    return {
        type,
        name,
        urn: `urn:pulumi:prod::chatmrpt::${type}::${name}`,
        id,
        custom: true,
        inputs,
        outputs: { ...inputs, id },
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        dependencies: [],
        propertyDependencies: {},
        additionalSecretOutputs: [],
        region: "us-east-2",
        ...extra,
    };
}

/** All resources of one type token. */
export function ofType(run: OfflineRun<unknown>, type: string): RecordedResource[] {
    return run.resources.filter((r) => r.type === type);
}

/** The one resource with this logical name (fails loudly when absent or repeated). */
export function named(run: OfflineRun<unknown>, name: string, type?: string): RecordedResource {
    const found = run.resources.filter((r) => r.name === name && (type === undefined || r.type === type));
    if (found.length !== 1)
        throw new Error(
            `expected one resource named ${name}${type ? ` of ${type}` : ""}, found ${found.length}`,
        );
    return found[0];
}

/** Counts of resources per type token, for exact-count assertions. */
export function countByType(run: OfflineRun<unknown>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

/** The error a run threw, as a message (fails when it did not throw). */
export function errorOf(run: OfflineRun<unknown>): string {
    if (run.error === undefined) throw new Error("expected the program to throw");
    return run.error instanceof Error ? run.error.message : String(run.error);
}

/** The project root, where the CLIs run. */
export const ROOT = path.resolve(__dirname, "..");

/**
 * Runs one of the compiled CLIs (`build/offline/<tool>/cli.js`, built by `npm run build`,
 * which `npm run test:unit` runs first) as a user's `npm run <tool>` would, from the root.
 */
export function runCli(
    tool: "plan" | "policy" | "readiness" | "bench",
    args: string[] = [],
): SpawnSyncReturns<string> {
    const cli = path.join(ROOT, "build", "offline", tool, tool === "bench" ? "bench.js" : "cli.js");
    if (!fs.existsSync(cli))
        throw new Error(`${cli} is missing: run \`npm run build\` first (npm run test:unit does)`);
    return spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: "utf8" });
}

/**
 * A CLI's entry function (runPlanCli, runPolicyCli) called in this process: the same code
 * as the command minus starting node and loading the SDK again (about a second each).
 * Each file keeps at least one real process run per CLI for its exit codes and streams.
 */
export async function runInProcess(
    run: (argv: string[], write: (s: string) => void) => Promise<number>,
    argv: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    // What the command would print on stderr (warnings, a stack trace) is caught, not shown.
    const stderrWrite = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
        err += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return true;
    }) as typeof process.stderr.write;
    try {
        const code = await run(argv, (s) => {
            out += s + "\n";
        });
        return { code, out, err };
    } finally {
        process.stderr.write = stderrWrite;
    }
}

/**
 * {@link runCli} without blocking the event loop, for a CLI that talks to servers the test
 * runs in this process (spawnSync would stall them until the CLI timed out).
 */
export function runCliAsync(
    tool: "plan" | "policy" | "readiness" | "route",
    args: string[] = [],
    env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const cli = path.join(ROOT, "build", "offline", tool, "cli.js");
    if (!fs.existsSync(cli))
        throw new Error(`${cli} is missing: run \`npm run build\` first (npm run test:unit does)`);
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => {
            stdout += d.toString("utf8");
        });
        child.stderr.on("data", (d: Buffer) => {
            stderr += d.toString("utf8");
        });
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}
