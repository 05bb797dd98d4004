/**
 * Reading props the way a preview presents them. During `pulumi preview` the SDK gives
 * policies props behind `unknownCheckingProxy`: reading a value the engine does not know
 * yet (an ID, an ARN, anything built from one) throws UnknownValueError, and the SDK then
 * reports the whole policy as "can't run during preview", advisory. A mandatory policy
 * that must still decide reads through these helpers, which return {@link UNKNOWN}
 * instead of throwing, and decides from what a preview does know (inputs, property
 * dependencies, URNs). Values handed back stay behind the proxy, so a careless deeper
 * read still fails the SDK's way rather than silently.
 */
import { unknownCheckingProxy } from "@pulumi/policy";

/** The SDK's unknown sentinels (@pulumi/policy proxy.js; a test checks they match). */
export const UNKNOWN_SENTINELS: readonly string[] = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the engine's UnknownStringValue)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

/** A value a preview does not know. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** True for a raw sentinel (a value read without the proxy). */
export function isSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.includes(value);
}

/** `obj[key]`, or {@link UNKNOWN} when the preview does not know it; undefined when `obj` is not an object. */
export function peek(obj: unknown, key: string | number): unknown {
    if (obj === null || typeof obj !== "object") return undefined;
    // The proxy has no getOwnPropertyDescriptor trap: the descriptor holds the raw value.
    const d = Object.getOwnPropertyDescriptor(obj, String(key));
    if (d === undefined || !("value" in d)) return undefined;
    if (isSentinel(d.value)) return UNKNOWN;
    return unknownCheckingProxy(d.value);
}

/** `obj.a.b.c` by {@link peek}: the first unknown or non-object step ends it. */
export function peekPath(obj: unknown, ...path: (string | number)[]): unknown {
    let v: unknown = obj;
    for (const key of path) {
        if (v === UNKNOWN) return UNKNOWN;
        v = peek(v, key);
    }
    return v;
}

/** The elements of the list at `obj[key]`, each possibly {@link UNKNOWN}; UNKNOWN when the list itself is; [] when not a list. */
export function items(obj: unknown, key: string): unknown[] | Unknown {
    const list = peek(obj, key);
    if (list === UNKNOWN) return UNKNOWN;
    return elements(list);
}

/** The elements of a list value, each possibly {@link UNKNOWN}; [] when not a list. */
export function elements(list: unknown): unknown[] {
    if (!Array.isArray(list)) return [];
    return Array.from({ length: list.length }, (_, i) => peek(list, i));
}

/**
 * The elements of a list value that are objects: a non-list gives none, and null, unknown,
 * scalar and list elements are left out (the one reader of object lists; policies/lib/shapes
 * has the other plain-data readers).
 */
export function objects(list: unknown): Record<string, unknown>[] {
    // UNKNOWN is a symbol, never an object: the typeof test leaves it out.
    return elements(list).filter(
        (x): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x),
    );
}

/** The same as {@link items}, with an unknown list read as empty (for callers that handle unknowns through dependencies). */
export function knownItems(obj: unknown, key: string): unknown[] {
    const v = items(obj, key);
    return v === UNKNOWN ? [] : v;
}

/** True when the value, or anything inside it, is unknown. */
export function hasUnknown(value: unknown): boolean {
    if (value === UNKNOWN || isSentinel(value)) return true;
    if (value === null || typeof value !== "object") return false;
    return Object.keys(value).some((k) => hasUnknown(peek(value, k)));
}

/** Every string inside a value (unknown ones left out). */
export function stringsIn(value: unknown): string[] {
    if (typeof value === "string") return isSentinel(value) ? [] : [value];
    if (value === UNKNOWN || value === null || typeof value !== "object") return [];
    return Object.keys(value).flatMap((k) => stringsIn(peek(value, k)));
}

/** A plain copy for messages (unknowns shown as "[unknown]"); never throws. */
export function plain(value: unknown): unknown {
    if (value === UNKNOWN || isSentinel(value)) return "[unknown]";
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return elements(value).map(plain);
    return Object.fromEntries(Object.keys(value).map((k) => [k, plain(peek(value, k))]));
}
