/**
 * Pack config the way the Pulumi CLI handles `--policy-pack-config` (sdk/go/common/resource/
 * plugin/analyzer_config.go: parsePolicyPackConfig, ReconcilePolicyPackConfig,
 * ValidatePolicyPackConfig):
 * - each entry is an enforcement level string or an object (its `enforcementLevel` key taken out);
 * - `all` sets every policy's enforcement level;
 * - entries for policies the pack does not have, and keys a policy's schema does not list,
 *   are silently ignored (the schema handed to the validator is only `{type: object,
 *   properties, required}`), which is why {@link lintPackConfig} exists;
 * - each policy's config is its schema defaults overlaid with the given properties, then
 *   validated against its `configSchema` (gojsonschema there, Ajv here; messages follow
 *   gojsonschema's `field: Description` shape, prefixed `Policy "name": `).
 */
import * as fs from "fs";
import * as path from "path";
import type Ajv from "ajv";
import type { ErrorObject, Options } from "ajv";
import { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
    "advisory",
    "mandatory",
    "remediate",
    "disabled",
];

/** One policy's entry after parsing. */
export interface ParsedPolicyConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Record<string, unknown>;
}

export class PackConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack config:\n  ${problems.join("\n  ")}`);
    }
}

/** Parses the file's JSON object as the CLI does (throws on a bad enforcement level or entry shape). */
export function parsePackConfig(raw: unknown): Map<string, ParsedPolicyConfig> {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        throw new PackConfigError(["the pack config must be a JSON object keyed by policy name"]);
    const out = new Map<string, ParsedPolicyConfig>();
    const problems: string[] = [];
    const level = (v: unknown, k: string): EnforcementLevel | undefined => {
        if (typeof v === "string" && (ENFORCEMENT_LEVELS as string[]).includes(v))
            return v as EnforcementLevel;
        problems.push(
            `Value ${JSON.stringify(v)} for "${k}" is not a valid enforcement level (allowed: ${ENFORCEMENT_LEVELS.join(", ")})`,
        );
        return undefined;
    };
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v === "string") {
            out.set(k, { enforcementLevel: level(v, k), properties: {} });
        } else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
            const { enforcementLevel, ...properties } = v as Record<string, unknown>;
            out.set(k, {
                enforcementLevel: enforcementLevel === undefined ? undefined : level(enforcementLevel, k),
                properties,
            });
        } else {
            problems.push(
                `Value ${JSON.stringify(v)} for "${k}" is not a valid value; must be a string or object`,
            );
        }
    }
    if (problems.length > 0) throw new PackConfigError(problems);
    return out;
}

/** A policy as the CLI knows it: name, declared enforcement level and config schema. */
export interface PolicyInfo {
    readonly name: string;
    readonly enforcementLevel?: EnforcementLevel;
    readonly configSchema?: PolicyConfigSchema;
}

/** The config every policy runs with: its enforcement level and properties (defaults, then given). */
export interface ReconciledConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Record<string, unknown>;
}

/** The validator's options, for the validators compiled here and those the build precompiles. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false, useDefaults: false, verbose: true };

/** A compiled schema: true when the data is valid, else its errors in `errors`. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** gojsonschema's wording for the errors a policy config can have. */
function describe(e: ErrorObject): string {
    const field = e.instancePath === "" ? "(root)" : e.instancePath.slice(1).replace(/\//g, ".");
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
        case "type":
            return `${field}: Invalid type. Expected: ${p.type}, given: ${jsonType(e.data)}`;
        case "minimum":
            return `${field}: Must be greater than or equal to ${p.limit}`;
        case "maximum":
            return `${field}: Must be less than or equal to ${p.limit}`;
        case "exclusiveMinimum":
            return `${field}: Must be greater than ${p.limit}`;
        case "exclusiveMaximum":
            return `${field}: Must be less than ${p.limit}`;
        case "enum":
            return `${field}: ${field.split(".").pop()} must be one of the following: ${((p.allowedValues ?? e.schema) as unknown[]).map((x) => JSON.stringify(x)).join(", ")}`;
        case "required":
            return `${field === "(root)" ? "" : `${field}: `}${p.missingProperty} is required`;
        case "additionalProperties":
            return `${field}: Additional property ${p.additionalProperty} is not allowed`;
        case "minLength":
            return `${field}: String length must be greater than or equal to ${p.limit}`;
        case "maxLength":
            return `${field}: String length must be less than or equal to ${p.limit}`;
        case "minItems":
            return `${field}: Array must have at least ${p.limit} items`;
        case "maxItems":
            return `${field}: Array must have at most ${p.limit} items`;
        case "pattern":
            return `${field}: Does not match pattern '${p.pattern}'`;
        default:
            return `${field}: ${e.message ?? e.keyword}`;
    }
}

function jsonType(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

/** What the CLI hands its validator for a policy's schema: only type, properties and required (convertSchema). */
export function convertSchema(schema: PolicyConfigSchema): Record<string, unknown> {
    const converted: Record<string, unknown> = { type: "object" };
    if (Object.keys(schema.properties ?? {}).length > 0) converted.properties = schema.properties;
    if ((schema.required ?? []).length > 0) converted.required = schema.required;
    return converted;
}

/**
 * The pack's validators as the build compiled them ({@link PRECOMPILED_FILE}, beside this
 * module in build/; scripts/freshBuild.mjs writes it after tsc with
 * offline/policy/precompileValidators.ts), by schema text. Compiling the pack's schemas
 * with ajv took longer than evaluating the whole stack on every plan; a schema the file
 * lacks (a test's policy, a build older than a schema change) is compiled here instead.
 */
export const PRECOMPILED_FILE = "configValidators.generated.cjs";

/** Reads a precompiled validators module: its SCHEMAS (schema texts) and one export `v<i>` per schema. */
export function loadPrecompiled(file: string): Map<string, Validator> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(file) as Record<string, unknown> & { SCHEMAS: string[] };
    return new Map(generated.SCHEMAS.map((key, i) => [key, generated[`v${i}`] as Validator]));
}

let ajv: Ajv | undefined;

/** Compiles a converted schema with ajv, loaded on first use (a schema the build did not precompile). */
export function compileValidator(converted: Record<string, unknown>): Validator {
    if (ajv === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const AjvClass = (require("ajv") as { default: typeof Ajv }).default;
        ajv = new AjvClass(AJV_OPTIONS);
    }
    return ajv.compile(converted);
}

/**
 * Validators by schema text: the pack builds new policy objects (and schemas) per run;
 * each schema is compiled once per process, or not at all when the build precompiled it.
 */
let compiled: Map<string, Validator> | undefined;

/** The problems with one policy's config against its schema, in gojsonschema's words. */
export function validatePolicyConfig(
    schema: PolicyConfigSchema | undefined,
    properties: Record<string, unknown>,
): string[] {
    if (schema === undefined) return [];
    const converted = convertSchema(schema);
    const key = JSON.stringify(converted);
    if (compiled === undefined) {
        const file = path.join(__dirname, PRECOMPILED_FILE);
        compiled = fs.existsSync(file) ? loadPrecompiled(file) : new Map();
    }
    let validate = compiled.get(key);
    if (!validate) {
        validate = compileValidator(converted);
        compiled.set(key, validate);
    }
    return validate(properties) ? [] : (validate.errors ?? []).map(describe);
}

/** Defaults, `all`, then each policy's entry; validated (throws {@link PackConfigError} with every problem). */
export function reconcilePackConfig(
    policies: readonly PolicyInfo[],
    given: Map<string, ParsedPolicyConfig>,
): Map<string, ReconciledConfig> {
    const all = given.get("all")?.enforcementLevel;
    const result = new Map<string, ReconciledConfig>();
    const problems: string[] = [];
    for (const p of policies) {
        const defaults = Object.fromEntries(
            Object.entries(p.configSchema?.properties ?? {})
                .filter(([, s]) => (s as { default?: unknown }).default !== undefined)
                .map(([k, s]) => [k, structuredClone((s as { default?: unknown }).default)]),
        );
        const entry = given.get(p.name);
        const properties = { ...defaults, ...(entry?.properties ?? {}) };
        result.set(p.name, {
            enforcementLevel: entry?.enforcementLevel ?? all ?? p.enforcementLevel,
            properties,
        });
        for (const problem of validatePolicyConfig(p.configSchema, properties))
            problems.push(`Policy "${p.name}": ${problem}`);
    }
    if (problems.length > 0) throw new PackConfigError(problems);
    return result;
}

/**
 * What the CLI accepts without a word but is almost surely a mistake: entries for
 * policies the pack does not have, and keys a policy's schema does not list.
 */
export function lintPackConfig(
    policies: readonly PolicyInfo[],
    given: Map<string, ParsedPolicyConfig>,
): string[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const findings: string[] = [];
    for (const [name, entry] of given) {
        if (name === "all") {
            if (Object.keys(entry.properties).length > 0)
                findings.push(
                    `"all" takes only an enforcement level; found keys ${Object.keys(entry.properties).join(", ")} (ignored by the CLI)`,
                );
            continue;
        }
        const policy = byName.get(name);
        if (!policy) {
            findings.push(
                `"${name}" is not a policy of this pack (the CLI ignores it); policies: ${[...byName.keys()].join(", ")}`,
            );
            continue;
        }
        const allowed = Object.keys(policy.configSchema?.properties ?? {});
        for (const key of Object.keys(entry.properties)) {
            if (!allowed.includes(key))
                findings.push(
                    `"${name}" has no config key "${key}" (the CLI ignores it); allowed: ${["enforcementLevel", ...allowed].join(", ")}`,
                );
        }
    }
    return findings;
}
