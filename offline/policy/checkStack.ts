import * as fs from "fs";
import { PolicyPackConfig } from "@pulumi/policy";
import { ExemptedFinding } from "../../policies/lib/exemptions";
import { chatMrptPolicies, ChatMrptPolicy } from "../../policies/pack";
import { OfflineRun, runOffline } from "../engine/mockRuntime";
import { countResources, describeCount } from "../engine/resourceCount";
import { readStackFile, StackFile, withOverrides } from "../engine/stackFile";
import { runProgram } from "../../stacks/program";
import { Evaluation, evaluatePolicies } from "./evaluate";

export interface StackCheck {
    readonly stackFile: StackFile;
    /** The config the program ran with: the stack file plus overrides. */
    readonly config: Record<string, string>;
    readonly run: OfflineRun<unknown>;
    readonly evaluation: Evaluation;
    readonly exempted: ExemptedFinding[];
    /** True when a mandatory policy was violated. */
    readonly failed: boolean;
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
}

/** Reads a pack config file (JSON, as `pulumi preview --policy-pack-config` takes). */
export function readPackConfig(path: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch (e) {
        throw new Error(`policy pack config ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`policy pack config ${path} must be a JSON object keyed by policy name`);
    return parsed as PolicyPackConfig;
}

/**
 * Runs the real program offline with a stack's config and the pack over what it
 * registered. The stack's `adoptedSecurityGroupIds` feed no-literal-security-group-ids
 * unless the pack config sets them.
 */
export async function checkStack(options: CheckStackOptions = {}): Promise<StackCheck> {
    const stackFile = readStackFile(options.stack ?? "prod");
    const config = withOverrides(stackFile.config, options.configOverrides);
    const run = await runOffline(() => runProgram(), { config, secretKeys: stackFile.secretKeys, project: stackFile.project, stack: stackFile.stack });
    if (run.error !== undefined) throw run.error;
    options.mutate?.(run);

    const exempted: ExemptedFinding[] = [];
    const onExempted = (f: ExemptedFinding) => exempted.push(f);
    const policies = options.policies ? options.policies(onExempted) : chatMrptPolicies({ now: options.now, onExempted });
    const packConfig: PolicyPackConfig = { ...(options.packConfig ?? {}) };
    const adopted = config["chatmrpt:adoptedSecurityGroupIds"];
    const literal = packConfig["no-literal-security-group-ids"];
    if (adopted && (typeof literal !== "object" || literal.adoptedSecurityGroupIds === undefined)) {
        packConfig["no-literal-security-group-ids"] = { ...(typeof literal === "object" ? literal : {}), adoptedSecurityGroupIds: JSON.parse(adopted) };
    }
    const evaluation = await evaluatePolicies(policies, run.resources, {
        config: packConfig, packEnforcementLevel: "mandatory", defaultRegion: config["aws:region"] ?? "us-east-1",
        project: stackFile.project, stack: stackFile.stack,
    });
    return { stackFile, config, run, evaluation, exempted, failed: evaluation.violations.some((v) => v.enforcementLevel === "mandatory") };
}

/** The readable report: one block per finding, then exempted findings, then a summary. */
export function formatPolicyReport(check: StackCheck): string {
    const lines: string[] = [];
    const { violations, policiesRun } = check.evaluation;
    lines.push(`Policy pack chatmrpt-guardrails: ${policiesRun.length} policies over ${describeCount(countResources(check.run.resources))} of stack ${check.stackFile.stack}`);
    if (violations.length === 0) lines.push("  no violations");
    for (const v of violations) {
        lines.push(`  [${v.enforcementLevel}] ${v.policy}`);
        lines.push(`      resource: ${v.resource ?? "(stack)"}${v.type ? ` (${v.type})` : ""}`);
        lines.push(`      ${v.message}`);
    }
    if (check.exempted.length > 0) {
        lines.push(`Exempted findings (${check.exempted.length}):`);
        for (const e of check.exempted) lines.push(`  ${e.policy} on ${e.resource} until ${e.expires}: ${e.message}\n      reason: ${e.reason}`);
    }
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    lines.push(`${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s); ${check.exempted.length} exempted`);
    return lines.join("\n");
}

/** The JSON report. */
export function policyReportJson(check: StackCheck): object {
    return {
        stack: check.stackFile.stack,
        policies: check.evaluation.policiesRun,
        violations: check.evaluation.violations,
        exempted: check.exempted,
        placeholderSecrets: check.stackFile.placeholderSecrets,
        passed: !check.failed,
    };
}
