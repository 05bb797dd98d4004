/**
 * What the offline CLIs (plan, policy, readiness) share: walking their arguments and
 * running as a command. Light on purpose: `--help` must not load the Pulumi SDK.
 */
import { deferClosureSerializerDeps } from "../components/lib/pulumiInternals/deferredSdkParts";

/**
 * Calls `on` for each argument in order; `value()` takes the next argument as this
 * flag's value, refusing a missing one or another flag.
 */
export function eachArg(argv: readonly string[], on: (arg: string, value: () => string) => void): void {
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        on(arg, () => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
            return v;
        });
    }
}

/**
 * Runs a CLI entry with this process's arguments: its lines to stdout, its exit code;
 * an error as one `error:` line on stderr (no stack trace) and exit code 2. What the SDK
 * loads only to serialize closures is deferred first (none of the CLIs does): half its load.
 */
export function runCommand(run: (argv: string[], write: (s: string) => void) => Promise<number>): void {
    deferClosureSerializerDeps();
    // exitCode, not exit(): exit() would cut off output still queued for a pipe.
    run(process.argv.slice(2), (s) => process.stdout.write(s + "\n")).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
