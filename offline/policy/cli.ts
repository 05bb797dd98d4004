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

/** What `npm run policy -- --help` prints. */
export const POLICY_USAGE = `usage: npm run policy -- [--stack NAME] [--policy-pack-config FILE] [--json]

Runs the program offline with Pulumi.<stack>.yaml and the policy pack over what it registers.
  --stack NAME                 the stack (Pulumi.NAME.yaml); default prod
  --policy-pack-config FILE    pack config, as for pulumi preview --policy-pack-config
  --json                       the report as JSON
  --help                       print this and exit
Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 an error (a config error lists every problem).`;

async function main(): Promise<number> {
    const args = parseArgs(process.argv.slice(2), ["json", "help"], ["stack", "policy-pack-config"]);
    if (args.help) {
        process.stdout.write(POLICY_USAGE + "\n");
        return 0;
    }
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
