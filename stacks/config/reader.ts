/**
 * The config boundary: where a stack's raw `chatmrpt:` values come from, and the reader
 * that turns them into typed values with the spec's ranges and checks, collecting every
 * problem (key, value given, what is allowed) instead of throwing at the first.
 */
import * as pulumi from "@pulumi/pulumi";
import { configSecretKeys } from "../../components/lib/pulumiInternals";
import { Check, ConfigKey, KNOWN_KEYS, RENAMED_KEYS, specOf, enumProblem } from "../configSpec";
import * as v from "../validate";
import { echo } from "../validate";

/** The config namespace of this project (`chatmrpt:<key>` in Pulumi.<stack>.yaml). */
export const NAMESPACE = "chatmrpt";

/** Where the program gets its config from: Pulumi's runtime, or a test. */
export interface ConfigSource {
    readonly project: string;
    readonly stack: string;
    /** The raw value of a fully qualified key (`chatmrpt:minSize`), or undefined. */
    get(fullKey: string): string | undefined;
    /** Every fully qualified key that is set (to catch misspelt keys). */
    keys(): string[];
    /** Whether a key was set as a secret; undefined when the source cannot tell. */
    isSecret?(fullKey: string): boolean | undefined;
    /** The project root, where paths in config (adoptedDistributionConfig) are read from. @default - the working directory */
    readonly root?: string;
}

/** Reads the config the Pulumi engine handed to this program. */
export function pulumiConfigSource(): ConfigSource {
    return {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        // Pulumi runs a program from its project's directory (where Pulumi.yaml is).
        root: process.cwd(),
        get: (key) => pulumi.runtime.getConfig(key),
        keys: () => Object.keys(pulumi.runtime.allConfig()),
        isSecret: (key) => {
            // The engine lists the stack's secret keys here (the SDK's isConfigSecret reads the same).
            const keys = configSecretKeys();
            return keys === undefined ? undefined : keys.includes(key);
        },
    };
}

/** All problems found in a stack's config, reported together. */
export class StackConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(
            `invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`,
        );
        this.name = "StackConfigError";
    }
}

/** Namespaces a stack file may hold besides this project's. */
const OTHER_NAMESPACES = ["aws", "pulumi"];

/** Collects problems instead of throwing at the first, so one run shows them all. */
export class Reader {
    preset: Record<string, string> = {};
    private readonly problems: string[] = [];
    /** Keys that already have a problem: a component's check on them would only repeat it. */
    private readonly failedKeys = new Set<string>();

    constructor(readonly source: ConfigSource) {}

    /** Records a problem; `first` puts it at the top (the one to fix first). */
    problem(message: string, first = false): void {
        if (this.problems.includes(message)) return;
        if (first) this.problems.unshift(message);
        else this.problems.push(message);
    }

    /** Records `chatmrpt:key (value): sentence`. */
    keyProblem(key: string, value: string, sentence: string): void {
        this.failedKeys.add(key);
        this.problem(`${NAMESPACE}:${key} (${echo(value)}): ${sentence}`);
    }

    /** The keys that have a problem so far. */
    failed(): ReadonlySet<string> {
        return new Set(this.failedKeys);
    }

    hasProblems(): boolean {
        return this.problems.length > 0;
    }

    throwIfProblems(): void {
        if (this.problems.length > 0) throw new StackConfigError(this.problems);
    }

    /** Unknown keys (with the nearest known one), a key given twice in two spellings, a misspelt namespace. */
    rejectUnknownKeys(): void {
        const known: string[] = KNOWN_KEYS;
        const byLowerCase = new Map<string, string[]>();
        for (const full of this.source.keys()) {
            const colon = full.indexOf(":");
            if (colon < 0) continue; // engine settings such as PULUMI_CONFIG_SECRET_KEYS
            const namespace = full.slice(0, colon);
            const key = full.slice(colon + 1);
            if (namespace !== NAMESPACE) {
                if (
                    !OTHER_NAMESPACES.includes(namespace) &&
                    v.editDistance(namespace.toLowerCase(), NAMESPACE) <= 2
                ) {
                    this.problem(
                        `${echo(full)}: namespace ${namespace}: is not this project's; did you mean ${NAMESPACE}:${v.closest(key, known) ?? key}?`,
                    );
                }
                continue;
            }
            const spellings = byLowerCase.get(key.toLowerCase()) ?? [];
            byLowerCase.set(key.toLowerCase(), [...spellings, full]);
            // The pack config is what `pulumi preview --policy-pack-config` reads, so adopted groups live only there.
            if (key in RENAMED_KEYS) {
                this.problem(`${full}: was renamed; ${RENAMED_KEYS[key]}`);
            } else if (key === "adoptedSecurityGroupIds") {
                this.problem(
                    `${full}: moved to the policy pack config policies/config.<stack>.json ("no-literal-security-group-ids": {"adoptedSecurityGroupIds": [...]}), the one file the CLI reads; remove it here`,
                );
            } else if (!known.includes(key)) {
                const near = v.closest(key, known);
                this.problem(
                    near
                        ? `${echo(full)}: is not a known key; did you mean ${NAMESPACE}:${near}?`
                        : `${echo(full)}: is not a known key (known keys: ${known.join(", ")})`,
                );
            }
        }
        for (const spellings of byLowerCase.values()) {
            if (spellings.length > 1)
                this.problem(
                    `${spellings.join(" and ")}: the same key is given twice in different spellings; keep one`,
                );
        }
    }

    /** The value the stack itself sets, ignoring the preset. */
    explicit(key: ConfigKey): string | undefined {
        return this.source.get(`${NAMESPACE}:${key}`);
    }

    /** Whether the stack sets a key to something other than "" (which unsets it). */
    isSet(key: ConfigKey): boolean {
        const value = this.explicit(key);
        return value !== undefined && value !== "";
    }

    raw(key: string, namespace = NAMESPACE): string | undefined {
        return (
            this.source.get(`${namespace}:${key}`) ?? (namespace === NAMESPACE ? this.preset[key] : undefined)
        );
    }

    /** The spec's check of a key (its values for an enum). */
    private specCheck(key: ConfigKey): Check | undefined {
        const spec = specOf(key);
        if (spec.kind === "enum" || spec.kind === "boolean") return (s) => enumProblem(key, s);
        return "check" in spec ? spec.check : undefined;
    }

    private check(key: string, value: string, check?: Check, namespace = NAMESPACE): string | undefined {
        const problem = check?.(value);
        if (problem) {
            this.failedKeys.add(key);
            this.problem(`${namespace}:${key} (${echo(value)}): ${problem}`);
            return undefined;
        }
        return value;
    }

    /** A list or map where one value belongs (Pulumi passes them as JSON). */
    private structured(key: string, value: string, namespace = NAMESPACE): boolean {
        if (!/^\s*[[{]/.test(value)) return false;
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            return false;
        }
        if (typeof parsed !== "object" || parsed === null) return false;
        this.failedKeys.add(key);
        this.problem(
            `${namespace}:${key} (${echo(value)}): must be a single value, not a ${Array.isArray(parsed) ? "list" : "map"} (in Pulumi.<stack>.yaml: ${namespace}:${key}: <value>)`,
        );
        return true;
    }

    /** A key every shape sets (its preset, or the stack): checked with the spec's check, or `check`. */
    string(key: ConfigKey, check: Check | undefined = this.specCheck(key)): string | undefined {
        const value = this.raw(key);
        if (value === undefined) {
            this.keyProblem(key, "unset", "is required");
            return undefined;
        }
        if (this.structured(key, value)) return undefined;
        return this.check(key, value, check);
    }

    /** A key with no default that the stack must set (`aws:region`, `chatmrpt:ami`). */
    required(key: string, check: Check, namespace = NAMESPACE): string | undefined {
        const value = this.raw(key, namespace);
        if (value === undefined || value === "") {
            this.failedKeys.add(key);
            this.problem(
                `${namespace}:${key} (unset): is required; set it with \`pulumi config set ${namespace}:${key} <value>\``,
            );
            return undefined;
        }
        if (this.structured(key, value, namespace)) return undefined;
        return this.check(key, value, check, namespace);
    }

    /** A key that may be unset (or ""): undefined then. */
    optional(key: ConfigKey, check: Check | undefined = this.specCheck(key)): string | undefined {
        const value = this.raw(key);
        if (value === undefined || value === "" || this.structured(key, value)) return undefined;
        return this.check(key, value, check);
    }

    /** A whole number in the spec's range. */
    int(key: ConfigKey): number {
        return this.numeric(key, v.checkIntegerInRange);
    }

    /** A number in the spec's range. */
    number(key: ConfigKey): number {
        return this.numeric(key, v.checkNumberInRange);
    }

    private numeric(
        key: ConfigKey,
        check: (n: number, min: number, max: number) => string | undefined,
    ): number {
        const spec = specOf(key);
        if (spec.kind !== "int" && spec.kind !== "number")
            throw new Error(`${key} is a ${spec.kind} in the config spec, not a number`);
        const { min, max } = spec;
        const value = this.raw(key);
        if (value === undefined) {
            this.keyProblem(key, "unset", `is required (${check(NaN, min, max)})`);
            return NaN;
        }
        if (this.structured(key, value)) return NaN;
        // Number() reads 0x10, 1e3, "2." and " 2" too: only plain decimal is what it looks like.
        const notation = v.checkPlainDecimal(value);
        const n = notation ? NaN : Number(value);
        const problem = check(n, min, max);
        if (problem) {
            const hint =
                notation && /^\s*-?[\d.]/.test(value)
                    ? ", written as plain decimal (not 0x10, 1e3, 2. or with spaces)"
                    : "";
            this.keyProblem(key, value, `${problem}${hint}`);
            return NaN;
        }
        return n;
    }

    list(key: ConfigKey, check: Check | undefined = this.specCheck(key)): string[] {
        const value = this.raw(key);
        if (value === undefined || value === "") return [];
        const parsed = parseJson(value);
        if (!Array.isArray(parsed)) {
            this.keyProblem(key, value, "must be a list of strings (a YAML list in Pulumi.<stack>.yaml)");
            return [];
        }
        const items = parsed.filter((item, i): item is string => this.isString(`${key}[${i}]`, key, item));
        if (items.length < parsed.length) return [];
        // Lists name distinct things (subnets, AZs, addresses): a repeat is a mistake.
        for (const repeated of v.duplicatesOf(items, (s) => s.toLowerCase())) {
            this.keyProblem(key, repeated, "is listed more than once");
        }
        return items.filter((item) => this.check(key, item, check) !== undefined);
    }

    /** A map of strings (tags): each value a string, as AWS tag values are. */
    object(key: ConfigKey): Record<string, string> {
        const value = this.raw(key);
        if (value === undefined || value === "") return {};
        const parsed = parseJson(value);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
            this.keyProblem(key, value, "must be a map of strings to strings");
            return {};
        }
        const entries = Object.entries(parsed as Record<string, unknown>);
        const strings = entries.filter((e): e is [string, string] =>
            this.isString(pathOf(key, e[0]), key, e[1]),
        );
        return strings.length < entries.length ? {} : Object.fromEntries(strings);
    }

    /**
     * Whether an item of a list or map is a string. Pulumi keeps YAML's types inside
     * structured config (`CostCenter: 42` reaches the program as the number 42, `true` as a
     * boolean), while AWS takes tag values, names and addresses only as strings.
     */
    private isString(path: string, key: string, item: unknown): boolean {
        if (typeof item === "string") return true;
        this.failedKeys.add(key);
        const kind =
            item === null
                ? "null"
                : Array.isArray(item)
                  ? "a list"
                  : typeof item === "object"
                    ? "a map"
                    : `a ${typeof item}`;
        const shown = JSON.stringify(item);
        this.problem(
            `${NAMESPACE}:${path} (${echo(shown)}): must be a string, not ${kind}${key === "tags" ? " (AWS tag values are strings of 0 to 256 characters)" : ""}; quote it in Pulumi.<stack>.yaml (${item !== null && typeof item === "object" ? "a single quoted value" : `"${shown}"`})`,
        );
        return false;
    }

    secret(key: ConfigKey, check: Check | undefined = this.specCheck(key)): pulumi.Output<string> {
        const full = `${NAMESPACE}:${key}`;
        const value = this.source.get(full);
        if (value === undefined || value === "") {
            this.failedKeys.add(key);
            this.problem(
                `${full} (unset): is a required secret; set it with \`pulumi config set --secret ${full} <value>\``,
            );
            return pulumi.secret("");
        }
        // Never echo a secret: say what is wrong, not what was given.
        if (this.source.isSecret?.(full) === false) {
            this.failedKeys.add(key);
            this.problem(
                `${full} (plaintext, ${value.length} characters): must be a secret, not plaintext in the stack file; remove it and set it with \`pulumi config set --secret ${full} <value>\``,
            );
        }
        const problem = check?.(value);
        if (problem) {
            this.failedKeys.add(key);
            this.problem(`${full} (secret, ${value.length} characters): ${problem}`);
        }
        return pulumi.secret(value);
    }
}

/** A value as JSON, or undefined when it is not JSON. */
function parseJson(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** A key's path as `pulumi config get --path` takes it: `tags.CostCenter`, or `tags["a.b"]` for odd names. */
function pathOf(key: string, name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? `${key}.${name}` : `${key}[${JSON.stringify(name)}]`;
}
