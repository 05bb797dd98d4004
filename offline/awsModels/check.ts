/**
 * Checks the values a recorded resource sends against the constraints AWS publishes for
 * the operations that create or update it (./model, ./mapping) and the limits AWS states
 * only in its documentation (./docRules). Unknown values (outputs a preview cannot know)
 * are skipped; a name the provider generates (autonaming: the logical name, "-" and 7
 * random hex characters) is checked as the name AWS would receive.
 */
import { AUTONAMED, RecordedResource, UNKNOWN } from "../engine/mockRuntime";
import { loadConstraints, Shape, splitOperation } from "./model";
import { MAPPINGS, NOT_AWS } from "./mapping";
import { DOC_RULES } from "./docRules";
import { Target } from "./mapping/types";

/** One value AWS would refuse, or an input the mapping does not account for. */
export interface Violation {
    readonly urn: string;
    readonly type: string;
    /** The Pulumi input path (`rules[2].statement…`). */
    readonly property: string;
    readonly value: unknown;
    /** What it breaks: operation, member, shape and constraint, or the documented rule. */
    readonly constraint: string;
}

/** A violation as one line: resource, property, value and constraint. */
export function describe(v: Violation): string {
    const shown = JSON.stringify(v.value);
    return `${v.urn}: ${v.property} = ${shown !== undefined && shown.length > 120 ? `${shown.slice(0, 117)}...` : shown} violates ${v.constraint}`;
}

/** A place in one service model: a shape and how it was reached. */
interface Loc {
    readonly service: string;
    readonly shape: string;
    /** `wafv2:CreateWebACL Rules[].Name`, for messages. */
    readonly where: string;
}

const patterns = new Map<string, RegExp>();

/** A model pattern (Java regex syntax, not anchored unless it says so) as a JavaScript RegExp. */
export function compilePattern(pattern: string): RegExp {
    let re = patterns.get(pattern);
    if (re === undefined) {
        try {
            re = new RegExp(pattern, "u");
        } catch {
            // Surrogate ranges (\uD800-\uDBFF) are not valid with the u flag; they are without it.
            re = new RegExp(pattern);
        }
        patterns.set(pattern, re);
    }
    return re;
}

function shapeOf(service: string, name: string): Shape {
    const shape = loadConstraints().services[service]?.shapes[name];
    if (shape === undefined)
        throw new Error(`constraints.json: no shape ${name} in ${service} (run npm run awsmodels:extract)`);
    return shape;
}

/** Follows `A.B[].C` from an operation's input (or from `from`); undefined where the model has no such member. */
function resolve(ref: string, from?: Loc): Loc | undefined {
    let loc: Loc;
    let path = ref;
    if (from === undefined) {
        const space = ref.indexOf(" ");
        const { service, operation } = splitOperation(space < 0 ? ref : ref.slice(0, space));
        path = space < 0 ? "" : ref.slice(space + 1);
        const input = loadConstraints().services[service]?.operations[operation];
        if (input === undefined)
            throw new Error(
                `constraints.json: no operation ${service}:${operation} (run npm run awsmodels:extract)`,
            );
        loc = { service, shape: input, where: `${service}:${operation}` };
    } else {
        loc = from;
    }
    for (const segment of path.split(".").filter((s) => s !== "")) {
        const list = segment.endsWith("[]");
        const name = list ? segment.slice(0, -2) : segment;
        const member = shapeOf(loc.service, loc.shape).members?.[name];
        if (member === undefined) return undefined;
        loc = {
            service: loc.service,
            shape: member,
            where: `${loc.where}${loc.where.includes(" ") ? "." : " "}${name}`,
        };
        if (list) {
            const element = shapeOf(loc.service, loc.shape).member;
            if (element === undefined) return undefined;
            loc = { ...loc, shape: element, where: `${loc.where}[]` };
        }
    }
    return loc;
}

/** The member of a structure a Pulumi key stands for: same name ignoring case and underscores. */
function memberFor(shape: Shape, key: string): string | undefined {
    const norm = (s: string) => s.replace(/_/g, "").toLowerCase();
    return Object.keys(shape.members ?? {}).find((m) => norm(m) === norm(key));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);

/** Checks the value of one resource against one operation (a pass); collects into `out`. */
class Pass {
    constructor(
        private readonly resource: RecordedResource,
        private readonly send: Readonly<Record<string, string | Target | readonly Target[]>>,
        private readonly notSent: Readonly<Record<string, string>>,
        /** The first operation: every input must match in it; explicit-operation targets are checked here only. */
        private readonly primary: boolean,
        private readonly out: Violation[],
    ) {}

    private fail(property: string, value: unknown, constraint: string): void {
        this.out.push({ urn: this.resource.urn, type: this.resource.type, property, value, constraint });
    }

    private unmapped(property: string, value: unknown, why: string): void {
        if (this.primary)
            this.fail(property, value, `the AWS model mapping: ${why} (add it to offline/awsModels/mapping)`);
    }

    /** The inputs of a structure-valued object against a structure shape (or explicit targets). */
    fields(
        value: Record<string, unknown>,
        path: string,
        pattern: string,
        loc: Loc | undefined,
        root: Loc | undefined,
    ): void {
        for (const [key, v] of Object.entries(value)) {
            const childPath = path === "" ? key : `${path}.${key}`;
            const childPattern = pattern === "" ? key : `${pattern}.${key}`;
            if (v === undefined || v === null || childPattern in this.notSent) continue;
            const explicit = this.send[childPattern];
            if (explicit !== undefined) {
                const targets: readonly (string | Target)[] = Array.isArray(explicit)
                    ? explicit
                    : [explicit as string | Target];
                for (const t of targets)
                    this.target(v, childPath, childPattern, typeof t === "string" ? { to: t } : t, root);
                continue;
            }
            // A block the provider flattens (healthCheck.path → HealthCheckPath): only its members are mapped.
            const flattened = Object.keys(this.send).some(
                (k) => k.startsWith(`${childPattern}.`) || k.startsWith(`${childPattern}[].`),
            );
            const shape = loc === undefined ? undefined : shapeOf(loc.service, loc.shape);
            const member = shape?.type === "structure" ? memberFor(shape, key) : undefined;
            if (member === undefined && flattened) {
                this.children(v, childPath, childPattern, root);
                continue;
            }
            if (loc === undefined) {
                this.unmapped(
                    childPath,
                    v,
                    `${childPattern} is in a block the mapping flattens, and has no target`,
                );
                continue;
            }
            if (member === undefined) {
                this.unmapped(
                    childPath,
                    v,
                    `no member of ${loc.where} (${loc.shape}) matches ${childPattern}`,
                );
                continue;
            }
            this.value(v, childPath, childPattern, resolve(member, loc)!, root);
        }
    }

    /** The members of a flattened block, each of which the mapping sends somewhere. */
    private children(value: unknown, path: string, pattern: string, root: Loc | undefined): void {
        if (Array.isArray(value))
            return value.forEach((v, i) => this.children(v, `${path}[${i}]`, `${pattern}[]`, root));
        if (isPlainObject(value)) return this.fields(value, path, pattern, undefined, root);
        this.unmapped(path, value, `${pattern} is flattened in the mapping but is not an object`);
    }

    private target(
        value: unknown,
        path: string,
        pattern: string,
        target: Target,
        root: Loc | undefined,
    ): void {
        const explicitOp = /^[\w-]+:\w+/.test(target.to);
        if (explicitOp && !this.primary) return;
        if (!explicitOp && root === undefined) return;
        const loc = explicitOp ? resolve(target.to) : resolve(target.to, root);
        if (loc === undefined) {
            if (this.primary)
                this.fail(
                    path,
                    value,
                    `the AWS model mapping: ${target.to} is not a member of ${explicitOp ? "that operation" : root!.where}`,
                );
            return;
        }
        const shape = shapeOf(loc.service, loc.shape);
        switch (target.form) {
            case undefined:
                return this.value(value, path, pattern, loc, root);
            case "csv":
                return this.value(Array.isArray(value) ? value.join(",") : value, path, pattern, loc, root);
            case "attribute":
                return this.entries({ [target.attribute ?? ""]: value }, path, pattern, loc, shape, target);
            case "entries":
                return this.entries(value, path, pattern, loc, shape, target);
        }
    }

    /** A `{k: v}` map sent as a list of key/value structures or as a map. */
    private entries(
        value: unknown,
        path: string,
        pattern: string,
        loc: Loc,
        shape: Shape,
        target: Target,
    ): void {
        if (!isPlainObject(value)) return this.unmapped(path, value, `${pattern} is not a map`);
        const pairs = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as const);
        if (shape.type === "map") return this.value(Object.fromEntries(pairs), path, pattern, loc, undefined);
        const element =
            shape.type === "list" && shape.member ? shapeOf(loc.service, shape.member) : undefined;
        const names = Object.keys(element?.members ?? {});
        const key = target.key ?? names.find((n) => /key$/i.test(n));
        const val = target.value ?? names.find((n) => /value$/i.test(n));
        if (key === undefined || val === undefined)
            return this.unmapped(path, value, `${loc.where} is not a list of key/value structures`);
        this.size(pairs.length, path, value, shape, loc);
        const elementLoc: Loc = { service: loc.service, shape: shape.member!, where: `${loc.where}[]` };
        for (const [k, v] of pairs) {
            this.value(k, `${path}.${k} (key)`, pattern, resolve(key, elementLoc)!, undefined);
            if (v !== UNKNOWN) this.value(v, `${path}.${k}`, pattern, resolve(val, elementLoc)!, undefined);
        }
    }

    private size(count: number, path: string, value: unknown, shape: Shape, loc: Loc): void {
        if (shape.min !== undefined && count < shape.min)
            this.fail(path, value, `${loc.where} (${loc.shape}): at least ${shape.min} items, has ${count}`);
        if (shape.max !== undefined && count > shape.max)
            this.fail(path, value, `${loc.where} (${loc.shape}): at most ${shape.max} items, has ${count}`);
    }

    /** One value against the shape at `loc`. */
    value(value: unknown, path: string, pattern: string, loc: Loc, root: Loc | undefined): void {
        if (value === UNKNOWN || value === undefined || value === null) return;
        // An empty map (tags: {}) or block is not sent: the provider reads optional inputs with GetOk, which takes
        // it for unset. An empty list is checked against the list's minimum all the same (the program sends none).
        if (isPlainObject(value) && Object.keys(value).length === 0 && pattern !== "") return;
        const shape = shapeOf(loc.service, loc.shape);
        const scalar = !["structure", "list", "map"].includes(shape.type);
        // A list sent element by element into a scalar member (Items[].KeyValueStoreARN).
        if (scalar && Array.isArray(value))
            return value.forEach((v, i) => this.value(v, `${path}[${i}]`, `${pattern}[]`, loc, root));
        switch (shape.type) {
            case "structure":
                if (Array.isArray(value))
                    return value.forEach((v, i) => this.value(v, `${path}[${i}]`, `${pattern}[]`, loc, root));
                if (!isPlainObject(value))
                    return this.unmapped(
                        path,
                        value,
                        `${loc.where} is a structure, ${pattern} is not an object`,
                    );
                return this.fields(value, path, pattern, loc, root);
            case "list": {
                const items = Array.isArray(value) ? value : [value];
                this.size(items.length, path, value, shape, loc);
                const element: Loc = { service: loc.service, shape: shape.member!, where: `${loc.where}[]` };
                return items.forEach((v, i) =>
                    this.value(
                        v,
                        Array.isArray(value) ? `${path}[${i}]` : path,
                        `${pattern}[]`,
                        element,
                        root,
                    ),
                );
            }
            case "map": {
                if (!isPlainObject(value))
                    return this.unmapped(path, value, `${loc.where} is a map, ${pattern} is not an object`);
                this.size(Object.keys(value).length, path, value, shape, loc);
                for (const [k, v] of Object.entries(value)) {
                    this.value(
                        k,
                        `${path}.${k} (key)`,
                        pattern,
                        { service: loc.service, shape: shape.key!, where: `${loc.where} key` },
                        undefined,
                    );
                    this.value(
                        v,
                        `${path}.${k}`,
                        `${pattern}.${k}`,
                        { service: loc.service, shape: shape.value!, where: `${loc.where} value` },
                        undefined,
                    );
                }
                return;
            }
            case "string":
                return this.string(
                    typeof value === "string" ? value : JSON.stringify(value),
                    path,
                    value,
                    shape,
                    loc,
                );
            case "integer":
            case "long":
            case "float":
            case "double":
                return this.number(value, path, shape, loc);
            default:
                return; // boolean, timestamp, blob: nothing the models constrain that the program could get wrong
        }
    }

    private string(text: string, path: string, value: unknown, shape: Shape, loc: Loc): void {
        const where = `${loc.where} (${loc.shape})`;
        const length = [...text].length;
        if (shape.min !== undefined && length < shape.min)
            this.fail(path, value, `${where}: length at least ${shape.min}, is ${length}`);
        if (shape.max !== undefined && length > shape.max)
            this.fail(path, value, `${where}: length at most ${shape.max}, is ${length}`);
        if (shape.pattern !== undefined && !compilePattern(shape.pattern).test(text))
            this.fail(path, value, `${where}: pattern ${shape.pattern}`);
        if (shape.enum !== undefined && !shape.enum.includes(text))
            this.fail(path, value, `${where}: one of ${shape.enum.join(", ")}`);
    }

    private number(value: unknown, path: string, shape: Shape, loc: Loc): void {
        const where = `${loc.where} (${loc.shape})`;
        const n =
            typeof value === "number"
                ? value
                : typeof value === "string" && value.trim() !== ""
                  ? Number(value)
                  : NaN;
        if (Number.isNaN(n)) return this.fail(path, value, `${where}: a number (${shape.type})`);
        if ((shape.type === "integer" || shape.type === "long") && !Number.isInteger(n))
            this.fail(path, value, `${where}: a whole number`);
        if (shape.min !== undefined && n < shape.min)
            this.fail(path, value, `${where}: at least ${shape.min}`);
        if (shape.max !== undefined && n > shape.max)
            this.fail(path, value, `${where}: at most ${shape.max}`);
    }
}

/** The inputs as AWS receives them: an autonamed name filled as the provider generates it. */
export function sentInputs(resource: RecordedResource): Record<string, unknown> {
    const inputs: Record<string, unknown> = { ...resource.inputs };
    const auto = AUTONAMED[resource.type];
    if (auto !== undefined && inputs[auto.property] === undefined && inputs.namePrefix === undefined) {
        // The bridge's autonaming: name, "-", 7 random hex characters, never truncated.
        inputs[auto.property] = `${auto.lowerCase ? resource.name.toLowerCase() : resource.name}-0a1b2c3`;
    }
    return inputs;
}

/** Every violation of one resource; an AWS type with no mapping is one. */
export function checkResource(resource: RecordedResource): Violation[] {
    if (NOT_AWS.some((re) => re.test(resource.type))) return [];
    const mapping = MAPPINGS[resource.type];
    if (mapping === undefined) {
        return [
            {
                urn: resource.urn,
                type: resource.type,
                property: "(type)",
                value: resource.type,
                constraint:
                    "the AWS model mapping: no mapping for this resource type (add one to offline/awsModels/mapping)",
            },
        ];
    }
    const inputs = sentInputs(resource);
    const out: Violation[] = [];
    const auto = AUTONAMED[resource.type];
    if (auto !== undefined && resource.inputs[auto.property] === undefined) {
        const generated = String(inputs[auto.property]);
        if (generated.length > auto.maxLength) {
            out.push({
                urn: resource.urn,
                type: resource.type,
                property: auto.property,
                value: generated,
                constraint: `the provider's autonaming: name plus "-" and 7 random characters must fit ${auto.maxLength}`,
            });
        }
    }
    mapping.operations.forEach((ref, i) => {
        const root = resolve(ref);
        if (root === undefined) throw new Error(`mapping of ${resource.type}: ${ref} does not resolve`);
        new Pass(resource, mapping.send ?? {}, mapping.notSent ?? {}, i === 0, out).fields(
            inputs,
            "",
            "",
            root,
            root,
        );
    });
    for (const rule of DOC_RULES.filter((r) => r.type === resource.type)) {
        for (const { path, value } of valuesAt(inputs, rule.property)) {
            if (value === UNKNOWN || value === undefined) continue;
            const problem = rule.check(value, inputs);
            if (problem !== undefined)
                out.push({
                    urn: resource.urn,
                    type: resource.type,
                    property: path,
                    value,
                    constraint: `${problem}: "${rule.quote}" (${rule.source})`,
                });
        }
    }
    const seen = new Set<string>();
    return out.filter((v) => !seen.has(describe(v)) && seen.add(describe(v)) !== undefined);
}

/** The values at a Pulumi path (`rules[].name`: one per element), with their concrete paths. */
export function valuesAt(value: unknown, pattern: string): { path: string; value: unknown }[] {
    let found: { path: string; value: unknown }[] = [{ path: "", value }];
    for (const segment of pattern.split(".")) {
        const list = segment.endsWith("[]");
        const key = list ? segment.slice(0, -2) : segment;
        found = found.flatMap(({ path, value: v }) => {
            const child = isPlainObject(v) ? v[key] : undefined;
            const at = path === "" ? key : `${path}.${key}`;
            if (!list) return child === undefined ? [] : [{ path: at, value: child }];
            return Array.isArray(child) ? child.map((c, i) => ({ path: `${at}[${i}]`, value: c })) : [];
        });
    }
    return found;
}

/** Every `send` target of every mapping that names no member of the model (a typo, a renamed member). */
export function mappingProblems(): string[] {
    const problems: string[] = [];
    for (const [type, mapping] of Object.entries(MAPPINGS)) {
        const roots = mapping.operations.map((ref) => ({ ref, loc: resolve(ref) }));
        for (const { ref, loc } of roots)
            if (loc === undefined) problems.push(`${type}: operation ${ref} does not resolve`);
        for (const [key, target] of Object.entries(mapping.send ?? {})) {
            for (const t of Array.isArray(target) ? target : [target]) {
                const to = typeof t === "string" ? t : (t as Target).to;
                const explicit = /^[\w-]+:\w+/.test(to);
                const ok = explicit
                    ? resolve(to) !== undefined
                    : roots.some(({ loc }) => loc !== undefined && resolve(to, loc) !== undefined);
                if (!ok) problems.push(`${type}: ${key} → ${to} is not a member of the model`);
            }
        }
    }
    return problems;
}
