import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { NAMESPACE, SECRET_KEYS } from "../../stacks/stackConfig";
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
export function withOverrides(config: Record<string, string>, overrides: Record<string, string | undefined> = {}): Record<string, string> {
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
    if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new Error(`stack (${stack}) must be a stack name such as prod`);
    const projectFile = yaml.load(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { name?: string };
    const project = projectFile?.name;
    if (!project) throw new Error(`Pulumi.yaml in ${root} has no name`);
    const stackPath = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackPath)) {
        const stacks = fs.readdirSync(root).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new Error(`stack (${stack}) has no Pulumi.${stack}.yaml in ${root}; stacks here: ${stacks.join(", ") || "none"}`);
    }
    const doc = (yaml.load(fs.readFileSync(stackPath, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const placeholderSecrets: string[] = [];
    for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            secretKeys.push(key);
            continue; // encrypted: only the CLI can read it; filled below
        }
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    if (options.placeholderSecrets !== false) {
        for (const key of SECRET_KEYS) {
            const full = `${NAMESPACE}:${key}`;
            if (config[full] === undefined) {
                config[full] = OFFLINE_SECRET_PLACEHOLDERS[key];
                placeholderSecrets.push(full);
            }
            if (!secretKeys.includes(full)) secretKeys.push(full);
        }
    }
    return { project, stack, config, secretKeys, placeholderSecrets };
}
