/**
 * The routing value's grammar, shared by the router's config check, the router's deploy-time
 * build and the `npm run route` command. Kept free of the Pulumi SDK so the command starts fast.
 */

/** Origin IDs the function selects with `cf.selectRequestOriginById`; the distribution must define both. */
export const ORIGIN_IDS = { legacy: "legacy", app: "app" } as const;
export type OriginSide = keyof typeof ORIGIN_IDS;

/** KeyValueStore key holding the routing: `legacy`, `app` or `app:<percent>`. */
export const ROUTING_KEY = "activeOrigin";

/** A parsed routing value: the share of buckets (0-100) sent to `app`. */
export interface Routing {
    readonly percent: number;
}

/**
 * Parses a routing value as the function does: `legacy` (0 %), `app` (100 %), or `app:<n>`
 * with n a whole number 0-100. Whole percents only: buckets are whole percents, and finer
 * steps buy nothing with two app instances. Anything else is undefined (the function then
 * uses the fallback side).
 */
export function parseRouting(value: string): Routing | undefined {
    const v = value.trim();
    if (v === ORIGIN_IDS.legacy) return { percent: 0 };
    if (v === ORIGIN_IDS.app) return { percent: 100 };
    const m = /^app:(100|[1-9]?[0-9])$/.exec(v);
    return m ? { percent: Number(m[1]) } : undefined;
}

/** Validator in the style of stacks/validate/, for `chatmrpt:activeOrigin` and `npm run route`. */
export function checkRouting(value: string): string | undefined {
    return parseRouting(value) === undefined
        ? "must be legacy, app, or app:<percent> with a whole percent from 0 to 100 (such as app:10)"
        : undefined;
}
