/**
 * The base a preview compares with, as the mock runtime asks for it: per resource,
 * created, changed or the same as deployed (see views.ts for the three views).
 */
import { Change, PreviewBase } from "../engine/mockRuntime";
import { flatten } from "../plan/flatten";
import { BaseSource } from "./views";

function sameSettings(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * The preview base: a resource absent from the base is created; one whose flattened
 * inputs (secrets redacted the same way on both sides) differ, or hold an unknown, is
 * changed; the rest are the same as deployed.
 */
export function previewBase(source: BaseSource, secrets: string[]): PreviewBase {
    const byUrn = new Map(source === "empty" ? [] : source.resources.map((r) => [r.urn, r.settings]));
    return (urn, inputs): Change => {
        const before = byUrn.get(urn);
        if (before === undefined) return "create";
        return sameSettings(before, flatten(inputs, secrets)) ? "same" : "update";
    };
}
