/**
 * The three views the Pulumi engine gives a policy pack, and how the offline runner
 * makes each:
 * - `up`: `pulumi up`; every output is known (what the mocks compute).
 * - `preview`: `pulumi preview` of this program against a base (the state deployed, e.g.
 *   main's plan, or `empty` for a first deployment). The program runs in dry-run mode;
 *   resources the base lacks, or whose inputs differ, get unknown computed outputs (the
 *   SDK's sentinel, see mockRuntime `previewOutputs`), inputs built from those are unknown
 *   too, and a policy that reads one gets the SDK's advisory "can't run during preview".
 * - `refreshed`: `pulumi preview --refresh` of an unchanged stack; outputs as AWS returns
 *   them (see engine/refresh.ts).
 */
import { Change, PreviewBase } from "../engine/mockRuntime";
import { flatten } from "../plan/flatten";

export const VIEWS = ["up", "preview", "refreshed"] as const;
export type View = typeof VIEWS[number];

/** What a preview compares with: a plan's resources (URN and flattened inputs), or nothing. */
export type BaseSource = "empty" | { readonly resources: readonly { readonly urn: string; readonly type?: string; readonly settings: Record<string, unknown> }[] };

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

/** Parses `--view`; `--base` is required with `preview` and refused otherwise. */
export function parseView(view: string | undefined, base: string | undefined): { view: View; base?: string } {
    const v = view ?? "up";
    if (!(VIEWS as readonly string[]).includes(v)) throw new Error(`--view must be one of ${VIEWS.join(", ")}; found ${v}`);
    if (v === "preview" && base === undefined) throw new Error("--view preview needs --base <plan.json> (a plan from `npm run plan -- --json`, e.g. main's) or --base empty (a first deployment)");
    if (v !== "preview" && base !== undefined) throw new Error(`--base only applies to --view preview; found --view ${v}`);
    return { view: v as View, base };
}
