/**
 * The policy page's generated parts, from the pack itself (so nothing is typed by hand): the
 * summary line, a table of every policy (what it checks, its config keys, its exemptions),
 * and a reference per policy with each config key's type, allowed values, default and the
 * value policies/config.prod.json sets.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyConfigSchema } from "@pulumi/policy";
import { BASE_POLICIES, chatMrptPolicies, PACK_NAME } from "../../policies/pack";
import { maxExemptionDays, MIN_REASON_LENGTH, NEVER_EXEMPTABLE } from "../../policies/lib/exemptions";
import { PROJECT_ROOT } from "../engine/projectRoot";

/** The summary line. */

export function policySummary(): string {
    const levels = new Map<string, number>();
    for (const p of BASE_POLICIES)
        levels.set(p.enforcementLevel ?? "advisory", (levels.get(p.enforcementLevel ?? "advisory") ?? 0) + 1);
    const byLevel = [...levels]
        .map(([level, n]) => (n === BASE_POLICIES.length ? `all ${level}` : `${n} ${level}`))
        .join(", ");
    return `A CrossGuard pack, \`${PACK_NAME}\`: **${BASE_POLICIES.length} policies**, one per file in \`policies/rules/\`, ${byLevel}.`;
}

/** Every policy's name, for the check that the page names each one. */
export const policyNames = (): string[] => BASE_POLICIES.map((p) => p.name);

type Schema = Record<string, unknown>;

/** A value as the docs show it: JSON, with long lists kept on one line. */
const shown = (v: unknown): string => (v === undefined ? "—" : `\`${JSON.stringify(v)}\``);

/** The allowed values of one config key, in words. */
function allowed(s: Schema): string {
    const parts: string[] = [];
    if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((e) => `\`${String(e)}\``).join(", ")}`);
    if (typeof s.minimum === "number") parts.push(`≥ ${s.minimum}`);
    if (typeof s.maximum === "number") parts.push(`≤ ${s.maximum}`);
    const items = s.items as Schema | undefined;
    const type = s.type === "array" && items?.type ? `${String(items.type)}[]` : String(s.type ?? "any");
    return [type, ...parts].join(", ");
}

/** How a policy can be exempted, in words. */
function exemptability(name: string): string {
    return NEVER_EXEMPTABLE.includes(name) ? "never" : `up to ${maxExemptionDays(name)} days`;
}

/** The pack config CI hands the CLI for prod. */
function prodConfig(root: string): Record<string, Record<string, unknown>> {
    const file = path.join(root, "policies", "config.prod.json");
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
}

/** One line of the table: the policy, what it checks, its config keys and exemptions. */
export function policyTable(): string {
    const rows = chatMrptPolicies().map((p) => {
        const keys = Object.keys(p.configSchema?.properties ?? {}).filter(
            (k) => k !== "exemptions" && k !== "maxExemptionDays",
        );
        const description = (p.description ?? "").replace(/\|/g, "\\|");
        return `| [\`${p.name}\`](#${p.name}) | ${description} | ${keys.map((k) => `\`${k}\``).join(", ") || "—"} | ${exemptability(p.name)} |`;
    });
    return [
        `${rows.length} policies, all mandatory.`,
        "",
        "| policy | checks | config | exemptions |",
        "| --- | --- | --- | --- |",
        ...rows,
    ].join("\n");
}

/** A section per policy: what it checks, its config table (with prod's values) and its exemptions. */
export function policyReference(root = PROJECT_ROOT): string {
    const prod = prodConfig(root);
    const out: string[] = [];
    for (const p of chatMrptPolicies()) {
        const schema: PolicyConfigSchema | undefined = p.configSchema;
        out.push(`### ${p.name}`, "", p.description ?? "", "");
        out.push(
            `Enforcement: ${p.enforcementLevel ?? "mandatory"}. Exemptions: ${
                NEVER_EXEMPTABLE.includes(p.name)
                    ? "never (it guards a past incident; `advisory` in the pack config still reports mandatory, `disabled` is reported by `npm run policy`)"
                    : `per resource, with a reason of ${MIN_REASON_LENGTH}+ characters and an expiry at most ${maxExemptionDays(p.name)} days ahead`
            }.`,
            "",
        );
        out.push("| config key | allowed | default | `config.prod.json` |", "| --- | --- | --- | --- |");
        for (const [key, raw] of Object.entries(schema?.properties ?? {})) {
            const s = raw as Schema;
            out.push(`| \`${key}\` | ${allowed(s)} | ${shown(s.default)} | ${shown(prod[p.name]?.[key])} |`);
        }
        out.push("");
    }
    return out.join("\n").trimEnd();
}

/** The generated parts of docs/policies.md, by name. */
export function policySections(root = PROJECT_ROOT): Record<string, string> {
    return { "policy-table": policyTable(), "policy-reference": policyReference(root) };
}
