/**
 * Where viewers go during the cutover, read from a plan the way the origin router reads it:
 * the KeyValueStore key `activeOrigin` (`legacy`, `app` or `app:<percent>`), and the fallback
 * side the distribution's behaviors point to when the key is missing or malformed
 * (components/originRouterFunction.js).
 */
import { ORIGIN_IDS, ROUTING_KEY } from "../../components/originRouter";
import { Plan, PlannedResource } from "../plan/plan";

export interface Routing {
    /** The old production origin the router can send viewers to. */
    readonly legacyDomain: string;
    /** The key's value as the plan has it. */
    readonly activeOrigin: string;
    /** Percent of viewers sent to this stack (`app`); the rest go to `legacy`. */
    readonly appPercent: number;
}

const KEY_TYPE = "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey";
const DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution";

/** The share of viewers `app` gets for a key value; a value the router rejects goes to the fallback side. */
export function appShare(activeOrigin: string, fallback: string): number {
    const v = activeOrigin.trim();
    if (v === ORIGIN_IDS.app) return 100;
    if (v === ORIGIN_IDS.legacy) return 0;
    // Whole percent without leading zeros, as the router accepts it (app:010 and app:10.5 are malformed).
    const m = /^app:(100|[1-9]?[0-9])$/.exec(v);
    if (m) return Number(m[1]);
    return fallback === ORIGIN_IDS.app ? 100 : 0;
}

/** The legacy origin's domain, if the distribution has one. */
function legacyDomainOf(distribution: PlannedResource): string | undefined {
    for (const [path, value] of Object.entries(distribution.settings)) {
        const m = /^origins\[(\d+)\]\.originId$/.exec(path);
        if (m && value === ORIGIN_IDS.legacy) {
            const domain = distribution.settings[`origins[${m[1]}].domainName`];
            return typeof domain === "string" ? domain : "(unknown)";
        }
    }
    return undefined;
}

/** The cutover routing of a plan, or undefined when the stack has no legacy origin (no router). */
export function routingOf(plan: Pick<Plan, "resources">): Routing | undefined {
    const distribution = plan.resources.find((r) => r.type === DISTRIBUTION_TYPE);
    const legacyDomain = distribution && legacyDomainOf(distribution);
    if (!distribution || legacyDomain === undefined) return undefined;
    const key = plan.resources.find((r) => r.type === KEY_TYPE && r.settings.key === ROUTING_KEY);
    const fallback = String(
        distribution.settings["defaultCacheBehavior.targetOriginId"] ?? ORIGIN_IDS.legacy,
    );
    const activeOrigin =
        typeof key?.settings.value === "string" ? key.settings.value : `(no key: fallback ${fallback})`;
    return { legacyDomain, activeOrigin, appPercent: appShare(activeOrigin, fallback) };
}

/**
 * Whether the plan's routing key ignores its value after creation (`npm run route` owns it):
 * then a diff between two plans that both have the key moves nobody, whatever the config says.
 */
export function routingValueKept(plan: Pick<Plan, "resources">): boolean {
    const key = plan.resources.find((r) => r.type === KEY_TYPE && r.settings.key === ROUTING_KEY);
    return key?.ignoreChanges?.includes("value") ?? false;
}
