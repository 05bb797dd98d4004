import { UNKNOWN } from "../engine/mockRuntime";

/** How a plan shows a value a preview does not know (as `pulumi preview` does). */
export const UNKNOWN_SHOWN = "[unknown]";

export const REDACTED = "[secret]";

/** Flattens inputs to `a.b[0].c` paths; values equal to a secret become [secret]. */
export function flatten(
    value: unknown,
    secrets: string[],
    prefix = "",
    out: Record<string, unknown> = {},
): Record<string, unknown> {
    if (Array.isArray(value)) {
        if (value.length === 0) out[prefix] = [];
        value.forEach((v, i) => flatten(v, secrets, `${prefix}[${i}]`, out));
    } else if (value !== null && typeof value === "object") {
        const entries = Object.entries(value);
        if (entries.length === 0 && prefix) out[prefix] = {};
        for (const [k, v] of entries) flatten(v, secrets, prefix ? `${prefix}.${k}` : k, out);
    } else if (prefix) {
        if (value === UNKNOWN) out[prefix] = UNKNOWN_SHOWN;
        else
            out[prefix] =
                typeof value === "string" && secrets.some((s) => s !== "" && value.includes(s))
                    ? REDACTED
                    : value;
    }
    return out;
}
