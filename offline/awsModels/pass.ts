/** One pass over a resource's inputs against one operation of AWS's models (see ./check). */
import { RecordedResource, UNKNOWN } from "../engine/mockRuntime";
import { compilePattern, Loc, memberFor, resolve, shapeOf } from "./locate";
import { Shape } from "./model";
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

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);

/** Checks the value of one resource against one operation (a pass); collects into `out`. */
export class Pass {
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
