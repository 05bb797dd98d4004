import * as fs from "fs";
import { PolicyPackConfig } from "@pulumi/policy";
import { ExemptedFinding } from "../../policies/lib/exemptions";
import { chatMrptPolicies, ChatMrptPolicy, PACK_NAME } from "../../policies/pack";
import * as path from "path";
import { OfflineRun, runOffline } from "../engine/mockRuntime";
import { countResources, describeCount } from "../engine/resourceCount";
import { PROJECT_ROOT } from "../engine/projectRoot";
import { runProgramOffline } from "../engine/runMemo";
import { refreshRecords } from "../engine/refresh";
import { readStackFile, StackFile, withOverrides } from "../engine/stackFile";
import { NAMESPACE, SECRET_KEYS } from "../../stacks/stackConfig";
import { Evaluation, evaluatePolicies } from "./evaluate";
import { previewBase } from "./previewBase";
import { BaseSource, View } from "./views";
import { flatten } from "../plan/flatten";

export interface StackCheck {
    readonly stackFile: StackFile;
    /** The config the program ran with: the stack file plus overrides. */
    readonly config: Record<string, string>;
    readonly run: OfflineRun<unknown>;
    readonly evaluation: Evaluation;
    readonly exempted: ExemptedFinding[];
    /** True when a mandatory policy was violated. */
    readonly failed: boolean;
    /** The engine view the policies ran in. */
    readonly view: View;
}

export interface CheckStackOptions {
    /** Stack name (Pulumi.<stack>.yaml). @default "prod" */
    readonly stack?: string;
    /** Pack config (as for --policy-pack-config). @default {} */
    readonly packConfig?: PolicyPackConfig;
    /** Config overrides on top of the stack file (undefined removes a key). @default {} */
    readonly configOverrides?: Record<string, string | undefined>;
    /** Today, for exemption expiry. @default - now */
    readonly now?: () => Date;
    /** Replace policies (tests). @default - the pack */
    readonly policies?: (onExempted: (f: ExemptedFinding) => void) => ChatMrptPolicy[];
    /** Change recorded resources before policies run (mutation tests). @default - none */
    readonly mutate?: (run: OfflineRun<unknown>) => void;
    /** The engine view (see views.ts). @default "up" */
    readonly view?: View;
    /** What a preview compares with (required with view `preview`). */
    readonly base?: BaseSource;
    /** The program to run (tests add resources as a pull request would). @default - stacks/program.ts */
    readonly program?: () => unknown;
}

/** A preview base from a finished run: its resources as a plan lists them (tests; the CLI reads a plan file). */
export function baseOf(check: StackCheck): BaseSource {
    const secrets = SECRET_KEYS.map((k) => check.config[`${NAMESPACE}:${k}`] ?? "");
    return {
        resources: check.run.resources
            .filter((r) => r.custom)
            .map((r) => ({ urn: r.urn, type: r.type, settings: flatten(r.inputs, secrets) })),
    };
}

/** The pack config the CLI is given for a stack in CI (`--policy-pack-config`), when the file exists. */
export function defaultPackConfigPath(stack: string): string | undefined {
    const file = path.join(PROJECT_ROOT, "policies", `config.${stack}.json`);
    return fs.existsSync(file) ? file : undefined;
}

/** Reads a plan file as a preview base (`--base`), or `empty`. */
export function readBase(source: string): BaseSource {
    if (source === "empty") return "empty";
    let parsed: any;
    try {
        parsed = JSON.parse(fs.readFileSync(source, "utf8"));
    } catch (e) {
        throw new Error(`--base ${source}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (parsed?.planVersion !== 1 || !Array.isArray(parsed.resources))
        throw new Error(`--base ${source} is not a plan from \`npm run plan -- --json\` (planVersion 1)`);
    return parsed as BaseSource;
}

/** Reads a pack config file (JSON, as `pulumi preview --policy-pack-config` takes). */
export function readPackConfig(path: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch (e) {
        throw new Error(`policy pack config ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error(`policy pack config ${path} must be a JSON object keyed by policy name`);
    return parsed as PolicyPackConfig;
}

/**
 * Runs the real program offline with a stack's config, as the engine would in `view`,
 * and the pack over what it registered. The pack config is only what is given (as the
 * CLI's `--policy-pack-config`): nothing is copied into it from the stack.
 */
export async function checkStack(options: CheckStackOptions = {}): Promise<StackCheck> {
    const stackFile = readStackFile(options.stack ?? "prod");
    const config = withOverrides(stackFile.config, options.configOverrides);
    const view = options.view ?? "up";
    if (view === "preview" && options.base === undefined)
        throw new Error('the preview view needs a base (a plan, or "empty")');
    const secrets = SECRET_KEYS.map((k) => config[`${NAMESPACE}:${k}`] ?? "");
    const preview = view === "preview" ? previewBase(options.base!, secrets) : undefined;
    // standIns: offline, what only AWS can answer (an AMI it cannot see) is stood in for and said so.
    const runOptions = {
        config,
        secretKeys: stackFile.secretKeys,
        project: stackFile.project,
        stack: stackFile.stack,
        preview,
        standIns: true,
    };
    const ran =
        options.program === undefined
            ? await runProgramOffline(runOptions)
            : await runOffline(options.program, runOptions);
    if (ran.error !== undefined) throw ran.error;
    const run = view === "refreshed" ? { ...ran, resources: refreshRecords(ran.resources) } : ran;
    options.mutate?.(run);

    const exempted: ExemptedFinding[] = [];
    const onExempted = (f: ExemptedFinding) => exempted.push(f);
    const policies = options.policies
        ? options.policies(onExempted)
        : chatMrptPolicies({ now: options.now, onExempted });
    const evaluation = await evaluatePolicies(policies, run.resources, {
        config: options.packConfig ?? {},
        packEnforcementLevel: "mandatory",
        defaultRegion: config["aws:region"] ?? "us-east-1",
        project: stackFile.project,
        stack: stackFile.stack,
        pack: packIdentity(),
    });
    return {
        stackFile,
        config,
        run,
        evaluation,
        exempted,
        failed: evaluation.violations.some((v) => v.enforcementLevel === "mandatory"),
        view,
    };
}

/** The pack's name and version as the SDK reports them (PolicyPack name, policies/package.json version). */
function packIdentity(): { name: string; version: string } {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "package.json"), "utf8")) as {
        version: string;
    };
    return { name: PACK_NAME, version: pkg.version };
}

/** The readable report: one block per finding, then exempted findings, then a summary. */
export function formatPolicyReport(check: StackCheck): string {
    const lines: string[] = [];
    const { violations, policiesRun } = check.evaluation;
    lines.push(
        `Policy pack chatmrpt-guardrails: ${policiesRun.length} policies over ${describeCount(countResources(check.run.resources))} of stack ${check.stackFile.stack} (${check.view} view)`,
    );
    for (const standIn of check.run.standIns) lines.push(`  offline: ${standIn}`);
    if (violations.length === 0) lines.push("  no violations");
    for (const v of violations) {
        lines.push(`  [${v.enforcementLevel}] ${v.policy}`);
        lines.push(`      resource: ${v.resource ?? "(stack)"}${v.type ? ` (${v.type})` : ""}`);
        lines.push(`      ${v.message}`);
    }
    if (check.exempted.length > 0) {
        lines.push(`Exempted findings (${check.exempted.length}):`);
        for (const e of check.exempted)
            lines.push(
                `  ${e.policy} on ${e.resource} until ${e.expires}: ${e.message}\n      reason: ${e.reason}`,
            );
    }
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push(
        `${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s); ${check.exempted.length} exempted`,
    );
    return lines.join("\n");
}

/** The JSON report. */
export function policyReportJson(check: StackCheck): object {
    return {
        stack: check.stackFile.stack,
        view: check.view,
        policies: check.evaluation.policiesRun,
        violations: check.evaluation.violations,
        exempted: check.exempted,
        placeholderSecrets: check.stackFile.placeholderSecrets,
        ...(check.run.standIns.length > 0 ? { offlineStandIns: check.run.standIns } : {}),
        passed: !check.failed,
    };
}
