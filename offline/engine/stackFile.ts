import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { loadStackConfig, NAMESPACE, SECRET_KEYS, StackConfigError } from "../../stacks/stackConfig";
import { PROJECT_ROOT } from "./projectRoot";

export { PROJECT_ROOT };

/** A stack's config as the engine would hand it to the program. */
export interface StackFile {
    readonly project: string;
    readonly stack: string;
    /** Flat config: `chatmrpt:minSize` → "2"; lists and maps as JSON, as Pulumi passes them. */
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
    /** Secrets that could not be read offline and were replaced by placeholders. */
    readonly placeholderSecrets: string[];
}

/**
 * Placeholders for secrets when running without the Pulumi CLI (which alone can decrypt
 * `secure:` values). They pass validation, so the rest of the stack can be checked;
 * they are never deployed: only `pulumi up` deploys, and it reads the real secrets.
 */
export const OFFLINE_SECRET_PLACEHOLDERS: Record<(typeof SECRET_KEYS)[number], string> = {
    redisAuthToken: "offline-placeholder-redis-auth-token",
    // At least 32 characters, as the router requires.
    originOverrideSecret: "offline-placeholder-origin-override-secret",
};

/** A config map with `overrides` applied on top; an undefined value removes the key. */
export function withOverrides(
    config: Record<string, string>,
    overrides: Record<string, string | undefined> = {},
): Record<string, string> {
    const result = { ...config };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete result[key];
        else result[key] = value;
    }
    return result;
}

/** Options of {@link readStackFile}. */
export interface ReadStackFileOptions {
    /** Project root holding Pulumi.yaml and Pulumi.<stack>.yaml. @default PROJECT_ROOT */
    readonly root?: string;
    /** Replace secrets that are missing or encrypted with placeholders. @default true */
    readonly placeholderSecrets?: boolean;
}

/** Reads Pulumi.yaml and Pulumi.<stack>.yaml into the flat config map the engine would pass. */
export function readStackFile(stack: string, options: ReadStackFileOptions = {}): StackFile {
    const root = options.root ?? PROJECT_ROOT;
    if (!/^[A-Za-z0-9_.-]+$/.test(stack))
        throw new Error(`stack (${stack}) must be a stack name such as prod`);
    const projectFile = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
        name?: string;
    };
    const project = projectFile?.name;
    if (!project) throw new Error(`Pulumi.yaml in ${root} has no name`);
    const fileName = `Pulumi.${stack}.yaml`;
    const stackPath = path.join(root, fileName);
    if (!fs.existsSync(stackPath)) {
        const stacks = fs
            .readdirSync(root)
            .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
            .map((f) => f.slice(7, -5));
        throw new Error(
            `stack (${stack}) has no ${fileName} in ${root}; stacks here: ${stacks.join(", ") || "none"}`,
        );
    }
    const { config, secretKeys, problems, readable } = parseStackConfig(
        fs.readFileSync(stackPath, "utf8"),
        project,
        fileName,
    );
    const placeholderSecrets: string[] = [];
    if (options.placeholderSecrets !== false) {
        for (const key of SECRET_KEYS) {
            const full = `${NAMESPACE}:${key}`;
            if (config[full] === undefined) {
                config[full] = OFFLINE_SECRET_PLACEHOLDERS[key];
                placeholderSecrets.push(full);
                secretKeys.push(full);
            }
        }
    }
    if (problems.length > 0) {
        // List the file's problems with the config's own, as one run of the program would
        // (unless the config section could not be read at all: then only the file's).
        let configProblems: string[] = [];
        if (readable)
            try {
                loadStackConfig({
                    project,
                    stack,
                    get: (k) => config[k],
                    keys: () => Object.keys(config),
                    isSecret: (k) => secretKeys.includes(k),
                });
            } catch (e) {
                if (e instanceof StackConfigError) configProblems = e.problems;
            }
        throw new StackConfigError([...problems, ...configProblems.filter((p) => !problems.includes(p))]);
    }
    return { project, stack, config, secretKeys, placeholderSecrets };
}

/**
 * The config section of a stack file, flattened as the engine passes it. Top-level scalars
 * are strings as written (YAML's failsafe schema): `0x10` stays "0x10" rather than becoming
 * 16, as Pulumi reads them ("Top level entries are always treated as strings", `pulumi
 * config set`). Lists and maps reach the program as JSON with YAML's own types kept
 * (YAML 1.2 core schema: `CostCenter: 42` is the number 42, `true` a boolean), as Pulumi
 * stores structured config and `config.requireObject` returns it.
 */
export function parseStackConfig(
    text: string,
    project: string,
    fileName = "Pulumi.<stack>.yaml",
): { config: Record<string, string>; secretKeys: string[]; problems: string[]; readable: boolean } {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const problems: string[] = [];
    let doc: unknown;
    try {
        doc = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA }) ?? {};
    } catch (e) {
        const reason = e instanceof yaml.YAMLException ? e.reason : String(e);
        const line = e instanceof yaml.YAMLException && e.mark ? ` (line ${e.mark.line + 1})` : "";
        return {
            config,
            secretKeys,
            problems: [`${fileName}${line}: is not valid YAML: ${reason}`],
            readable: false,
        };
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        return {
            config,
            secretKeys,
            problems: [
                `${fileName}: must be a map with a config: section; found ${Array.isArray(doc) ? "a list" : "a single value"}`,
            ],
            readable: false,
        };
    }
    const section = (doc as Record<string, unknown>).config ?? {};
    // The same text, typed: what structured values hold (it parsed above, so it parses here).
    const typedDoc = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as { config?: Record<string, unknown> };
    const typed = typedDoc?.config ?? {};
    if (typeof section !== "object" || section === null || Array.isArray(section)) {
        return {
            config,
            secretKeys,
            problems: [
                `${fileName}: config: must be a map of key: value; found ${Array.isArray(section) ? "a list" : `a single value (${String(section).slice(0, 40)})`}`,
            ],
            readable: false,
        };
    }
    const spelledAs = new Map<string, string>();
    for (const [rawKey, value] of Object.entries(section as Record<string, unknown>)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        const earlier = spelledAs.get(key);
        if (earlier !== undefined)
            problems.push(
                `${fileName}: ${earlier} and ${rawKey} are the same key (${key}) given twice; keep one`,
            );
        spelledAs.set(key, rawKey);
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            const keys = Object.keys(value);
            if (typeof (value as { secure: unknown }).secure !== "string" || keys.length !== 1) {
                problems.push(
                    `${key}: a secret must be written as secure: <ciphertext> and nothing else (as \`pulumi config set --secret\` writes it)`,
                );
            }
            secretKeys.push(key);
            continue; // encrypted: only the CLI can read it
        }
        if (value === null) {
            problems.push(`${key}: has no value; write ${rawKey}: <value>, or remove the line`);
            continue;
        }
        if (
            typeof value === "object" &&
            !Array.isArray(value) &&
            Object.values(value).some((x) => x !== null && typeof x === "object")
        ) {
            problems.push(
                `${key}: holds a map nested more than one level deep; this program reads single values, lists of strings and maps of strings`,
            );
        }
        if (typeof value === "string") {
            config[key] = value;
            continue;
        }
        const structured = typed[rawKey];
        if (hasNonFinite(structured))
            problems.push(
                `${key}: holds .inf or .nan, which Pulumi cannot store as JSON config; write a number or a quoted string`,
            );
        config[key] = JSON.stringify(structured);
    }
    return { config, secretKeys, problems, readable: true };
}

/** Whether a parsed value holds a number JSON cannot carry (YAML's .inf, .nan). */
function hasNonFinite(value: unknown): boolean {
    if (typeof value === "number") return !Number.isFinite(value);
    if (value !== null && typeof value === "object") return Object.values(value).some(hasNonFinite);
    return false;
}
