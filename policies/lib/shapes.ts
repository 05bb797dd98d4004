import { PolicyResource } from "@pulumi/policy";

/**
 * Safe readers for props of unexpected shape. A policy that throws fails the whole
 * preview, so null, wrong types and null list elements must read as "not set".
 */

/** The string elements of a list (a non-list gives none). */
export function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}

/** An object value, or {} for anything else. */
export function record(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
}

/** `obj.a.b…` of plain data: undefined as soon as a step is not an object. */
export function field(obj: unknown, ...path: string[]): unknown {
    let value = obj;
    for (const key of path) {
        if (value === null || typeof value !== "object") return undefined;
        value = (value as Record<string, unknown>)[key];
    }
    return value;
}

/** true or "true" (launch templates carry booleans as strings). */
export function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

/** A JSON document given as text or as an object; undefined when it does not parse. */
export function parseJson(value: unknown): unknown {
    if (typeof value !== "string") return value;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/**
 * Reads a value that may be unknown in a preview: the policy SDK throws
 * UnknownValueError on an unknown; here it reads as `undefined`, so the caller falls
 * back to what a preview does know (property dependencies, URNs, inputs).
 */
export function known<T>(read: () => T): T | undefined {
    try {
        return read();
    } catch (e) {
        if (isUnknownRead(e)) return undefined;
        throw e;
    }
}

/**
 * The SDK's error for reading an unknown. Matched by name: the class is internal to
 * @pulumi/policy (not in its typings), and the pack may load another copy of the SDK.
 */
function isUnknownRead(e: unknown): boolean {
    return e instanceof Error && e.constructor.name === "UnknownValueError";
}

/** The resources of this stack a property depends on (recorded by the engine, known in a preview). */
export function dependencies(r: PolicyResource, property: string): PolicyResource[] {
    const deps = r.propertyDependencies?.[property];
    return Array.isArray(deps) ? deps.filter((d) => d !== null && typeof d === "object") : [];
}

/**
 * True when `holder.property` points at `target`: by property dependency (how a
 * preview knows it), else by `target`'s ID, ARN or name equal to the value.
 */
export function pointsAt(
    holder: PolicyResource,
    property: string,
    target: PolicyResource,
    keys: string[] = ["id", "arn", "name"],
): boolean {
    if (dependencies(holder, property).some((d) => d.urn === target.urn)) return true;
    const value = known(() => holder.props[property]);
    if (typeof value !== "string") return false;
    return keys.some((k) => {
        const v = known(() => target.props[k]);
        return typeof v === "string" && v === value;
    });
}

/** True when a value is set, or unknown in a preview (it will be set to something). */
export function setOrUnknown(read: () => unknown): boolean {
    try {
        const v = read();
        return v !== undefined && v !== null && v !== "";
    } catch (e) {
        if (isUnknownRead(e)) return true;
        throw e;
    }
}

/** A plain copy of a value in which every unknown (in a preview) reads as undefined. */
export function knownCopy(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value))
        return Array.from({ length: value.length }, (_, i) => knownCopy(known(() => value[i])));
    return Object.fromEntries(
        Object.keys(value).map((k) => [k, knownCopy(known(() => (value as Record<string, unknown>)[k]))]),
    );
}
