/**
 * npm run plan -- [--stack prod] [--json] [--diff earlier.json] [--set key=value ...]
 *                 [--policy-pack-config pack.json] [--view up|preview|refreshed] [--base plan.json|empty]
 * Exit codes: 0 the plan passes; 1 a mandatory policy violation, over budget or unpriced; 2 an error.
 */
import * as fs from "fs";
import { eachArg, runCommand } from "../command";
import { parseView, View } from "../policy/views";

/** What `npm run plan -- --help` prints. */
export const PLAN_USAGE = `usage: npm run plan -- [--stack NAME] [--json] [--diff EARLIER.json] [--set KEY=VALUE ...]
                    [--policy-pack-config FILE] [--view up|preview|refreshed] [--base FILE|empty]

The plan a reviewer reads without cloud credentials: resources by component, policy
verdicts and the monthly cost against chatmrpt:monthlyBudgetUsd.
  --stack NAME                 the stack (Pulumi.NAME.yaml, offline/cost/usage.NAME.yaml); default prod
  --json                       the plan as JSON (planVersion 1), the input of --diff and --base
  --diff FILE                  compare with an earlier --json plan
  --set KEY=VALUE              what-if: config on top of the stack file (repeatable; KEY
                               without a namespace means chatmrpt:KEY)
  --policy-pack-config FILE    pack config, as for pulumi preview --policy-pack-config;
                               default policies/config.NAME.json when it exists
  --view up|preview|refreshed  what the engine shows the pack (see npm run policy -- --help); default up
  --base FILE|empty            with --view preview: the deployed state (a plan JSON, e.g. main's) or empty
  --help                       print this and exit
Exit codes: 0 the plan passes; 1 a mandatory policy violation, over budget, or a billable
item without a price; 2 an error (a config error lists every problem).`;

export interface PlanArgs {
    stack: string;
    json: boolean;
    diff?: string;
    packConfig?: string;
    set: Record<string, string>;
    view: View;
    base?: string;
    help: boolean;
}

export function parsePlanArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stack: "prod", json: false, set: {}, view: "up", help: false };
    let view: string | undefined;
    eachArg(argv, (arg, value) => {
        if (arg === "--help" || arg === "-h") args.help = true;
        else if (arg === "--json") args.json = true;
        else if (arg === "--view") view = value();
        else if (arg === "--base") args.base = value();
        else if (arg === "--stack") args.stack = value();
        else if (arg === "--diff") args.diff = value();
        else if (arg === "--policy-pack-config") args.packConfig = value();
        else if (arg === "--set") {
            const pair = value();
            const eq = pair.indexOf("=");
            if (eq < 1) throw new Error(`--set takes key=value (such as chatmrpt:minSize=3); found ${pair}`);
            const key = pair.slice(0, eq);
            args.set[key.includes(":") ? key : `chatmrpt:${key}`] = pair.slice(eq + 1);
        } else
            throw new Error(
                `unknown argument ${arg}; allowed: --stack NAME, --json, --diff FILE, --set KEY=VALUE, --policy-pack-config FILE, --view up|preview|refreshed, --base FILE|empty, --help`,
            );
    });
    args.view = parseView(view, args.base).view;
    return args;
}

export async function runPlanCli(argv: string[], write: (s: string) => void): Promise<number> {
    const args = parsePlanArgs(argv);
    if (args.help) {
        write(PLAN_USAGE);
        return 0;
    }
    // Loaded only past --help: they load the Pulumi SDK, about a second of a bare `--help`.
    const { defaultPackConfigPath, readBase, readPackConfig } = await import("../policy/checkStack");
    const { asPlan, buildPlan, diffPlans } = await import("./plan");
    const { formatDiff, formatPlan } = await import("./format");
    const packConfig = args.packConfig ?? defaultPackConfigPath(args.stack);
    const earlier =
        args.diff === undefined
            ? undefined
            : (() => {
                  let text: string;
                  try {
                      text = fs.readFileSync(args.diff, "utf8");
                  } catch {
                      throw new Error(`--diff ${args.diff}: cannot read the file`);
                  }
                  try {
                      return asPlan(JSON.parse(text), args.diff);
                  } catch (e) {
                      throw new Error(
                          e instanceof SyntaxError
                              ? `--diff ${args.diff} is not JSON: ${e.message}`
                              : (e as Error).message,
                      );
                  }
              })();
    const plan = await buildPlan({
        stack: args.stack,
        configOverrides: args.set,
        packConfig: packConfig ? readPackConfig(packConfig) : undefined,
        view: args.view,
        base: args.base === undefined ? undefined : readBase(args.base),
    });
    if (earlier) {
        const diff = diffPlans(earlier, plan);
        write(args.json ? JSON.stringify(diff, null, 2) : formatDiff(diff, plan, earlier));
    } else {
        write(args.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    }
    return plan.failures.length === 0 ? 0 : 1;
}

if (require.main === module) runCommand(runPlanCli);
