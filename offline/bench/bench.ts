/**
 * npm run bench — a benchmark, not a test: prints figures, asserts nothing.
 *  1. Wall time of `npm run plan` for prod (a fresh node process, as a user runs it)
 *     against the bare time to load @pulumi/pulumi, @pulumi/aws and @pulumi/policy in
 *     a fresh process, both measured in this run (median of --runs, default 5).
 *  2. Policy evaluation time over synthetic stacks of about 1,000, 5,000 and 10,000
 *     resources (copies of the prod stack with distinct names and IDs), after the
 *     evaluator has been warmed up on the largest of them.
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { PROJECT_ROOT } from "../engine/projectRoot";

const ROOT = PROJECT_ROOT;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function timeProcess(args: string[]): number {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    return ms;
}

/** Wall time of a command (npm) run from the project root, as a person types it. */
function timeCommand(command: string, args: string[]): number {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8" });
    const ms = performance.now() - start;
    if (result.status !== 0)
        throw new Error(
            `${command} ${args.join(" ")} exited ${result.status}: ${result.stderr.slice(-2000)}`,
        );
    return ms;
}

/** Runs `measure` once to warm up, then `runs` times, and returns the median in ms. */
async function medianOf(runs: number, measure: () => number | Promise<number>): Promise<number> {
    await measure();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await measure());
    return median(times);
}

function argValue(name: string, fallback: number): number {
    const i = process.argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(process.argv[i + 1]);
    if (!Number.isInteger(n) || n < 5)
        throw new Error(
            `${name} (${process.argv[i + 1]}) must be an integer of at least 5 (medians of at least 5 runs)`,
        );
    return n;
}

/** What `npm run bench -- --help` prints. */
export const BENCH_USAGE = `usage: npm run bench -- [--runs N]

A benchmark, not a test: prints figures, asserts nothing.
  --runs N   runs per figure after one warm-up, N >= 5 (default 5); each figure is their median
  --help     print this and exit`;

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    if (args.includes("--help") || args.includes("-h")) {
        console.log(BENCH_USAGE);
        return;
    }
    const unknown = args.filter((a, i) => a !== "--runs" && args[i - 1] !== "--runs");
    if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}; allowed: --runs N, --help`);
    const runs = argValue("--runs", 5);
    console.log(
        `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()}`,
    );
    console.log(`each figure: one warm-up run, then the median of ${runs}`);

    const planCli = path.join(ROOT, "build", "offline", "plan", "cli.js");
    const sdkLoad = "require('@pulumi/pulumi'); require('@pulumi/aws'); require('@pulumi/policy')";
    const loadMs = await medianOf(runs, () => timeProcess(["-e", sdkLoad]));
    // The same load as the CLIs do it, with the SDK's closure-serialization dependencies deferred:
    // what is left of the ratio against it is the plan's own work.
    const deferral = path.join(ROOT, "build", "components", "lib", "pulumiInternals", "deferredSdkParts.js");
    const deferredLoadMs = await medianOf(runs, () =>
        timeProcess(["-e", `require(${JSON.stringify(deferral)}).deferClosureSerializerDeps(); ${sdkLoad}`]),
    );
    const planMs = await medianOf(runs, () => timeProcess([planCli, "--stack", "prod"]));
    // As typed: npm itself, the build's staleness check, then the CLI.
    const typedMs = await medianOf(runs, () => timeCommand("npm", ["run", "-s", "plan"]));
    const buildMs = await medianOf(runs, () => timeProcess([path.join(ROOT, "scripts", "freshBuild.mjs")]));
    console.log(
        `bare load of @pulumi/pulumi + @pulumi/aws + @pulumi/policy: ${loadMs.toFixed(0).padStart(5)} ms`,
    );
    console.log(
        `  the same, TypeScript and Arborist deferred as the CLIs do: ${deferredLoadMs.toFixed(0).padStart(5)} ms`,
    );
    console.log(
        `plan for prod (node build/offline/plan/cli.js):            ${planMs.toFixed(0).padStart(5)} ms`,
    );
    console.log(
        `plan / bare load:                                          ${(planMs / loadMs).toFixed(2).padStart(5)}× (/ deferred load: ${(planMs / deferredLoadMs).toFixed(2)}×)`,
    );
    console.log(
        `npm run plan, as typed:                                    ${typedMs.toFixed(0).padStart(5)} ms`,
    );
    console.log(
        `npm run plan / bare load:                                  ${(typedMs / loadMs).toFixed(2).padStart(5)}× (goal: at most 1.50×)`,
    );
    console.log(
        `up-to-date build check (scripts/freshBuild.mjs):           ${buildMs.toFixed(0).padStart(5)} ms`,
    );
    // One full run (minutes): the figure the 40 s goal is about, with the machine's load beside it.
    const load = os.loadavg()[0];
    const testMs = timeCommand("npm", ["test"]);
    console.log(
        `npm test, wall time (one run, load average ${load.toFixed(2)} before): ${(testMs / 1000).toFixed(1).padStart(6)} s; / 40 s goal: ${(testMs / 40000).toFixed(2)}×`,
    );

    await benchPolicies(runs);
}

/**
 * Policy evaluation over copies of the prod stack. Wall time and the process's CPU time
 * (main thread and GC helpers) per resource: on a shared machine other processes stretch
 * the wall time of one size and not another, the CPU time much less so.
 */
async function benchPolicies(runs: number): Promise<void> {
    // Loaded here, not at the top, so that `--help` does not load the Pulumi SDK.
    const { evaluatePolicies } = await import("../policy/evaluate");
    const { chatMrptPolicies } = await import("../../policies/pack");
    const { runOffline } = await import("../engine/mockRuntime");
    const { replicate } = await import("./replicate");
    const { readStackFile } = await import("../engine/stackFile");
    const { runProgram } = await import("../../stacks/program");
    const file = readStackFile("prod");
    const run = await runOffline(() => runProgram(undefined, "preview"), {
        config: file.config,
        secretKeys: file.secretKeys,
        project: file.project,
        stack: file.stack,
    });
    if (run.error) throw run.error;
    const base = run.resources;
    const policies = chatMrptPolicies();
    // Copies of one app tier each bring their own security groups, so the larger stacks
    // have app-tier-single-security-group-set findings by design: they are counted, not a bug.
    console.log(
        `policy evaluation (${policies.length} policies, exemptions on, ${base.length}-resource prod stack copied):`,
    );
    const stacks = [1000, 5000, 10000].map((target) =>
        replicate(base, Math.max(1, Math.round(target / base.length))),
    );
    const evaluate = (records: typeof base) =>
        evaluatePolicies(policies, records, {
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
            packEnforcementLevel: "mandatory",
        });
    // Warm the JIT on the largest stack first: otherwise the smallest, measured first, pays for it.
    for (let i = 0; i < 3; i++) await evaluate(stacks[stacks.length - 1]);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const records of stacks) {
        let violations = 0;
        const cpuMs: number[] = [];
        const ms = await medianOf(runs, async () => {
            const start = performance.now();
            const startCpu = process.cpuUsage();
            violations = (await evaluate(records)).violations.length;
            const used = process.cpuUsage(startCpu);
            cpuMs.push((used.user + used.system) / 1000);
            return performance.now() - start;
        });
        // cpuMs holds the warm-up run too: medianOf runs the measure once before the runs it counts.
        const cpuMedian = median(cpuMs.slice(1));
        wall.push(ms / records.length);
        cpu.push(cpuMedian / records.length);
        console.log(
            `  ${String(records.length).padStart(6)} resources: ${ms.toFixed(0).padStart(6)} ms, ${((ms / records.length) * 1000).toFixed(1).padStart(6)} µs/resource (CPU ${((cpuMedian / records.length) * 1000).toFixed(1).padStart(6)} µs), ${violations} violations`,
        );
    }
    const ratio = (xs: number[]) => (Math.max(...xs) / Math.min(...xs)).toFixed(2);
    console.log(
        `per-resource time, largest ÷ smallest stack: ${(wall[wall.length - 1] / wall[0]).toFixed(2)}×`,
    );
    // Linear evaluation (issue 20): the per-resource time does not grow with the stack.
    console.log(
        `per-resource time, slowest ÷ fastest size:   ${ratio(wall)}× (CPU time: ${ratio(cpu)}×; goal: at most 1.30×)`,
    );
}

main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
});
