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
// No runtime imports here: the CLIs parse --view before they load the Pulumi SDK.

export const VIEWS = ["up", "preview", "refreshed"] as const;
export type View = (typeof VIEWS)[number];

/** What a preview compares with: a plan's resources (URN and flattened inputs), or nothing. */
export type BaseSource =
    | "empty"
    | {
          readonly resources: readonly {
              readonly urn: string;
              readonly type?: string;
              readonly settings: Record<string, unknown>;
          }[];
      };

/** Parses `--view`; `--base` is required with `preview` and refused otherwise. */
export function parseView(view: string | undefined, base: string | undefined): { view: View; base?: string } {
    const v = view ?? "up";
    if (!(VIEWS as readonly string[]).includes(v))
        throw new Error(`--view must be one of ${VIEWS.join(", ")}; found ${v}`);
    if (v === "preview" && base === undefined)
        throw new Error(
            "--view preview needs --base <plan.json> (a plan from `npm run plan -- --json`, e.g. main's) or --base empty (a first deployment)",
        );
    if (v !== "preview" && base !== undefined)
        throw new Error(`--base only applies to --view preview; found --view ${v}`);
    return { view: v as View, base };
}
