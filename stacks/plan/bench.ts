/**
 * npm run bench — a benchmark, not a test: prints figures, asserts nothing.
 *  1. Wall time of `npm run plan` for prod (a fresh node process, as a user runs it)
 *     against the bare time to load @pulumi/pulumi, @pulumi/aws and @pulumi/policy in
 *     a fresh process, both measured in this run (median of --runs, default 5).
 *  2. Policy evaluation time over synthetic stacks of about 100, 1,000 and 5,000
 *     resources (copies of the prod stack with distinct names and IDs).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { evaluatePolicies } from "../../policies/offline/evaluate";
import { chatMrptPolicies } from "../../policies/pack";
import { RecordedResource, runOffline } from "../offline/mockRuntime";
import { readStackFile } from "../offline/stackFile";
import { runProgram } from "../program";

const ROOT = path.resolve(__dirname, "..", "..");

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

/** `copies` copies of the stack, every name, URN and ID made distinct per copy. */
export function replicate(records: RecordedResource[], copies: number): RecordedResource[] {
    const ids = [...new Set(records.map((r) => r.id).filter((id) => /^[a-z]+-[0-9a-f]+$/.test(id)))];
    const idPattern = new RegExp(`\\b(${ids.map((id) => id.replace(/[-]/g, "\\-")).join("|")})\\b`, "g");
    const text = JSON.stringify(records);
    const out: RecordedResource[] = [];
    for (let k = 0; k < copies; k++) {
        const suffix = k.toString(16).padStart(4, "0");
        out.push(...(JSON.parse(text.replace(idPattern, (id) => `${id}${suffix}`).replace(/chatmrpt-/g, `chatmrpt${k}-`)) as RecordedResource[]));
    }
    return out;
}

async function main(): Promise<void> {
    const runs = Number(process.argv.includes("--runs") ? process.argv[process.argv.indexOf("--runs") + 1] : 5);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()}`);

    const load = [], plan = [];
    for (let i = 0; i < runs; i++) {
        load.push(timeProcess(["-e", "require('@pulumi/pulumi'); require('@pulumi/aws'); require('@pulumi/policy')"]));
        plan.push(timeProcess(["-r", "ts-node/register/transpile-only", "stacks/plan/cli.ts", "--stack", "prod"]));
    }
    const loadMs = median(load);
    const planMs = median(plan);
    console.log(`load @pulumi/pulumi + @pulumi/aws + @pulumi/policy: ${loadMs.toFixed(0)} ms (median of ${runs})`);
    console.log(`npm run plan --stack prod:                        ${planMs.toFixed(0)} ms (median of ${runs})`);
    console.log(`plan / bare load:                                  ${(planMs / loadMs).toFixed(2)}×`);

    const file = readStackFile("prod");
    const run = await runOffline(() => runProgram(), { config: file.config, secretKeys: file.secretKeys, project: file.project, stack: file.stack });
    if (run.error) throw run.error;
    const base = run.resources;
    // Copies of one app tier each bring their own security groups, so the larger stacks
    // have app-tier-single-security-group-set findings by design: they are counted, not a bug.
    console.log("policy evaluation (23 policies, exemptions on):");
    for (const target of [100, 1000, 5000]) {
        const copies = Math.max(1, Math.round(target / base.length));
        const records = replicate(base, copies);
        const times: number[] = [];
        let violations = 0;
        for (let i = 0; i < 3; i++) {
            const start = performance.now();
            const evaluation = await evaluatePolicies(chatMrptPolicies(), records, { defaultRegion: "us-east-2", project: "chatmrpt", stack: "prod", packEnforcementLevel: "mandatory" });
            times.push(performance.now() - start);
            violations = evaluation.violations.length;
        }
        const ms = median(times);
        console.log(`  ${String(records.length).padStart(5)} resources: ${ms.toFixed(0).padStart(6)} ms (median of 3), ${(ms / records.length).toFixed(3)} ms/resource, ${violations} violations`);
    }
}

main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
});
