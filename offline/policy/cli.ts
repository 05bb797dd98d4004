/**
 * `npm run policy -- [--stack prod] [--policy-pack-config file.json] [--json]`
 * Runs the program offline and the policy pack over it; exits 1 on a mandatory violation.
 */
import { checkStack, formatPolicyReport, policyReportJson, readPackConfig } from "./checkStack";

export function parseArgs(argv: string[], flags: string[], valued: string[]): Record<string, string | boolean> {
    const out: Record<string, string | boolean> = {};
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const key = arg.replace(/^--/, "");
        if (flags.includes(key)) out[key] = true;
        else if (valued.includes(key)) {
            const value = argv[++i];
            if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value`);
            out[key] = value;
        } else throw new Error(`unknown argument ${arg}; allowed: ${[...flags, ...valued].map((f) => `--${f}`).join(", ")}`);
    }
    return out;
}

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2), ["json"], ["stack", "policy-pack-config"]);
    const check = await checkStack({
        stack: typeof args.stack === "string" ? args.stack : "prod",
        packConfig: typeof args["policy-pack-config"] === "string" ? readPackConfig(args["policy-pack-config"]) : undefined,
    });
    process.stdout.write(args.json ? JSON.stringify(policyReportJson(check), null, 2) + "\n" : formatPolicyReport(check) + "\n");
    return check.failed ? 1 : 0;
}

if (require.main === module) {
    // exitCode, not exit(): exit() would cut off output still queued for a pipe.
    main().then((code) => { process.exitCode = code; }, (e: unknown) => {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
    });
}
