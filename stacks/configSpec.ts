/**
 * THE config spec: every `chatmrpt:` key, once. Its type, its default in each shape, what
 * is allowed, what it means (one sentence an operator reads) and the section of the config
 * reader that reads it. Everything else comes from here: the known-key list (unknown keys are
 * refused with a did-you-mean), the presets (`stacks/presets.ts`), the range and choice
 * messages, the plan's budget default, the map from a component's argument back to its key,
 * and the table in docs/configuration.md (`npm run docs:config`).
 *
 * To add a key: add one entry to its section's list in stacks/spec/<section>.ts (kind, default
 * per shape if any, range or values or check, meaning, and the component args it becomes), read
 * it in that section's reader under stacks/config/ (`r.int("myKey")`, `r.string("myKey")`, ...
 * take the range, values and check from here), then run `npm run docs:config` and commit
 * docs/configuration.md. Nothing else lists keys; test/configSpec.test.ts checks each key is read.
 */
import { BACKUPS_KEYS } from "./spec/backups";
import { CACHE_KEYS } from "./spec/cache";
import { CUTOVER_KEYS } from "./spec/cutover";
import { DOMAIN_KEYS } from "./spec/domain";
import { EDGE_KEYS } from "./spec/edge";
import { KeyDef, Shape } from "./spec/keySpec";
import { MONITORING_KEYS } from "./spec/monitoring";
import { NETWORK_KEYS } from "./spec/network";
import { STACK_KEYS } from "./spec/stack";
import { WEB_TIER_KEYS } from "./spec/webTier";

export { Check, DOMAIN_STAGES, SHAPES, Shape } from "./spec/keySpec";
export { MAX_KVS_VALUE_LENGTH } from "./spec/cutover";

/** The config reader's sections, one file each under stacks/config/ and stacks/spec/, in the docs' order. */
export const SECTIONS = {
    stack: "Stack",
    domain: "Custom domain",
    network: "Network",
    webTier: "App tier",
    cache: "Redis",
    monitoring: "Monitoring and logs",
    edge: "Edge (WAF, HSTS, endpoint canary)",
    backups: "Backups and storage",
    cutover: "Cutover",
} as const;
export type Section = keyof typeof SECTIONS;

/** One key of the spec: its definition and its section. */
export type KeySpec = KeyDef & { readonly section: Section };

type InSection<S extends Section, T> = { [K in keyof T]: T[K] & { readonly section: S } };

function inSection<S extends Section, T extends Record<string, KeyDef>>(
    section: S,
    keys: T,
): InSection<S, T> {
    const entries = Object.entries(keys).map(([k, def]) => [k, { ...def, section }]);
    return Object.fromEntries(entries) as unknown as InSection<S, T>;
}

/** Every `chatmrpt:` key. The order is the docs' order. */
export const CONFIG_SPEC = {
    ...inSection("stack", STACK_KEYS),
    ...inSection("domain", DOMAIN_KEYS),
    ...inSection("network", NETWORK_KEYS),
    ...inSection("webTier", WEB_TIER_KEYS),
    ...inSection("cache", CACHE_KEYS),
    ...inSection("monitoring", MONITORING_KEYS),
    ...inSection("edge", EDGE_KEYS),
    ...inSection("backups", BACKUPS_KEYS),
    ...inSection("cutover", CUTOVER_KEYS),
};

export type ConfigKey = keyof typeof CONFIG_SPEC;

/** The keys this program reads; any other `chatmrpt:` key is a typo and is rejected. */
export const KNOWN_KEYS = Object.keys(CONFIG_SPEC) as ConfigKey[];

type SecretKey = {
    [K in ConfigKey]: (typeof CONFIG_SPEC)[K]["kind"] extends "secret" ? K : never;
}[ConfigKey];

/** Keys that must be set with `pulumi config set --secret`. */
export const SECRET_KEYS = KNOWN_KEYS.filter((k): k is SecretKey => CONFIG_SPEC[k].kind === "secret");

/** Keys that no longer exist, and what replaced them. */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
    alarmLatencyP90Ms:
        "use endpointLatencyLimitMs (/, /health, /system-health through CloudFront) or chatLatencyP90Ms (p90 of all ALB responses)",
};

export function specOf(key: ConfigKey): KeySpec {
    return CONFIG_SPEC[key];
}

/** A key's preset value in a shape (undefined: none, or computed). */
export function defaultOf(key: ConfigKey, shape: string | undefined): string | undefined {
    const d: Partial<Record<string, string>> | undefined = specOf(key).default;
    return shape === undefined ? undefined : d?.[shape];
}

/** The preset of a shape: every key with a default in it. */
export function presetOf(shape: Shape): Record<string, string> {
    const preset: Record<string, string> = {};
    for (const key of KNOWN_KEYS) {
        const value = defaultOf(key, shape);
        if (value !== undefined) preset[key] = value;
    }
    return preset;
}

/** The `chatmrpt:` key a component's argument comes from (`webTier.gracePeriod` → healthCheckGracePeriodSeconds). */
export function keyOfArg(componentArg: string): ConfigKey | undefined {
    return KNOWN_KEYS.find((k) => (specOf(k).args ?? []).includes(componentArg));
}

/** What a key allows, as one phrase (the docs' table and the enum messages). */
export function allowedOf(key: ConfigKey): string {
    const spec = specOf(key);
    switch (spec.kind) {
        case "int":
            return `whole number ${spec.min}-${spec.max}`;
        case "number":
            return `number ${spec.min}-${spec.max}`;
        case "enum":
            return `one of ${spec.values.join(", ")}`;
        case "boolean":
            return "true or false";
        default:
            return spec.allowed;
    }
}

/** The message for a value outside an enum: `must be one of a, b` (with the key's note). */
export function enumProblem(key: ConfigKey, value: string): string | undefined {
    const spec = specOf(key);
    const values =
        spec.kind === "enum" ? spec.values : spec.kind === "boolean" ? ["true", "false"] : undefined;
    if (values === undefined || values.includes(value)) return undefined;
    const note = spec.kind === "enum" && spec.note ? ` (${spec.note})` : "";
    return spec.kind === "boolean" ? "must be true or false" : `must be one of ${values.join(", ")}${note}`;
}
