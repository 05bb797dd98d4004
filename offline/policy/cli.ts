/**
 * `npm run policy -- [--stack prod] [--view up|preview|refreshed] [--base plan.json|empty]
 *                    [--policy-pack-config file.json] [--json]`
 * `npm run policy -- --lint-config file.json`
 * Runs the program offline and the policy pack over it; exits 1 on a mandatory violation
 * (or, with --lint-config, on any finding), 2 on an error.
 */
import * as fs from "fs";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { eachArg, runCommand } from "../command";
import { parseView } from "./views";

export const POLICY_HELP = `usage: npm run policy -- [options]

Runs the program offline with Pulumi.<stack>.yaml and the policy pack over what it registers.
  --stack NAME                 stack (Pulumi.NAME.yaml); default prod
  --view up|preview|refreshed  what the engine shows the pack; default up
                                 up         pulumi up: every output known
                                 preview    pulumi preview against --base: outputs of created or
                                            changed resources unknown, as the SDK presents them
                                 refreshed  pulumi preview --refresh: outputs as AWS returns them
  --base FILE|empty            with --view preview: the deployed state, as a plan from
                               \`npm run plan -- --json\` (e.g. main's), or empty (first deployment)
  --policy-pack-config FILE    pack config; default policies/config.NAME.json when it exists
  --json                       JSON report
  --lint-config FILE           report policy names and keys in FILE that the CLI silently ignores
  --help                       this text
Exit codes: 0 passed; 1 a mandatory violation (or a lint finding); 2 an error (a config error lists every problem).`;

export function parseArgs(
    argv: string[],
    flags: string[],
    valued: string[],
): Record<string, string | boolean> {
    const out: Record<string, string | boolean> = {};
    eachArg(argv, (arg, value) => {
        const key = arg.replace(/^--/, "");
        if (flags.includes(key)) out[key] = true;
        else if (valued.includes(key)) out[key] = value();
        else
            throw new Error(
                `unknown argument ${arg}; allowed: ${[...flags, ...valued].map((f) => `--${f}`).join(", ")}`,
            );
    });
    return out;
}

/** The lint: what in a pack config file the CLI would silently ignore. */
export async function lintConfigFile(file: string): Promise<string[]> {
    const { BASE_POLICIES } = await import("../../policies/pack");
    const { lintPackConfig, parsePackConfig } = await import("./packConfig");
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`policy pack config ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return lintPackConfig(
        BASE_POLICIES.map((p) => ({ ...p, configSchema: withExemptionKey(p.configSchema) })),
        parsePackConfig(raw),
    );
}

/** Every policy also takes `exemptions` (policies/lib/exemptions.ts adds it to each schema). */
function withExemptionKey(schema: PolicyConfigSchema | undefined) {
    return {
        ...(schema ?? {}),
        properties: { ...(schema?.properties ?? {}), exemptions: { type: "array" as const } },
    };
}

export async function runPolicyCli(argv: string[], write: (s: string) => void): Promise<number> {
    const args = parseArgs(
        argv,
        ["json", "help"],
        ["stack", "policy-pack-config", "view", "base", "lint-config"],
    );
    if (args.help) {
        write(POLICY_HELP);
        return 0;
    }
    if (typeof args["lint-config"] === "string") {
        const findings = await lintConfigFile(args["lint-config"]);
        write(
            findings.length === 0
                ? `${args["lint-config"]}: no unknown policies or keys`
                : findings.map((f) => `${args["lint-config"]}: ${f}`).join("\n"),
        );
        return findings.length === 0 ? 0 : 1;
    }
    // Loaded only past --help and --lint-config: it loads the Pulumi SDK and runs the program.
    const {
        checkStack,
        defaultPackConfigPath,
        formatPolicyReport,
        policyReportJson,
        readBase,
        readPackConfig,
    } = await import("./checkStack");
    const stack = typeof args.stack === "string" ? args.stack : "prod";
    const { view, base } = parseView(args.view as string | undefined, args.base as string | undefined);
    const configFile =
        typeof args["policy-pack-config"] === "string"
            ? args["policy-pack-config"]
            : defaultPackConfigPath(stack);
    const check = await checkStack({
        stack,
        view,
        base: base === undefined ? undefined : readBase(base),
        packConfig: configFile === undefined ? undefined : readPackConfig(configFile),
    });
    write(args.json ? JSON.stringify(policyReportJson(check), null, 2) : formatPolicyReport(check));
    return check.failed ? 1 : 0;
}

if (require.main === module) runCommand(runPolicyCli);
