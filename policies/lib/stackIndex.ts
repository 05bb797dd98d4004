import { PolicyResource } from "@pulumi/policy";
import { peek, UNKNOWN } from "./known";
import { dependencies, known } from "./shapes";

/**
 * Lookups over one resource list, built once per list. A stack policy gets one list per
 * call (the SDK builds it per policy; the offline evaluator shares one across policies),
 * and a policy that scans it, or reads props behind the SDK's proxy, once per resource it
 * checks is quadratic: at 10,000 resources that is seconds. Every answer equals the scan
 * it replaces, in list order. The lists returned are shared: callers must not mutate them.
 */

type List = readonly PolicyResource[];
const EMPTY: PolicyResource[] = [];

/** `map.get(key)`, made by `make` (once) when absent. */
export function cached<K, V>(
    map: { get(k: K): V | undefined; set(k: K, v: V): unknown },
    key: K,
    make: () => V,
): V {
    let value = map.get(key);
    if (value === undefined) {
        value = make();
        map.set(key, value);
    }
    return value;
}

/** The items grouped by key, each group in list order; items without a key are left out. */
function groupBy<K>(items: List, keyOf: (r: PolicyResource) => K | undefined): Map<K, PolicyResource[]> {
    const groups = new Map<K, PolicyResource[]>();
    for (const r of items) {
        const key = keyOf(r);
        if (key !== undefined) cached(groups, key, () => []).push(r);
    }
    return groups;
}

const byTypeOf = new WeakMap<
    List,
    { byType: Map<string, PolicyResource[]>; byTokens: Map<readonly string[], PolicyResource[]> }
>();

/** The resources whose type is one of `tokens`, in stack order. */
export function ofType(resources: List, tokens: readonly string[]): PolicyResource[] {
    const index = cached(byTypeOf, resources, () => ({
        byType: groupBy(resources, (r) => r.type),
        byTokens: new Map(),
    }));
    return cached(index.byTokens, tokens, () => {
        if (tokens.length === 1) return index.byType.get(tokens[0]) ?? EMPTY;
        const wanted = new Set(tokens);
        return resources.filter((r) => wanted.has(r.type));
    });
}

/** Per list: prop key → known string value → the candidates with it. */
const byPropOf = new WeakMap<List, Map<string, Map<string, PolicyResource[]>>>();

/** The candidates whose known `props[key]` is the string `value` (none for a non-string), in list order. */
export function withProp(candidates: List, key: string, value: unknown): PolicyResource[] {
    if (typeof value !== "string") return EMPTY;
    const byKey = cached(byPropOf, candidates, () => new Map());
    const byValue = cached(byKey, key, () =>
        groupBy(candidates, (c) => {
            const v = known(() => c.props[key]);
            return typeof v === "string" ? v : undefined;
        }),
    );
    return byValue.get(value) ?? EMPTY;
}

const positionsOf = new WeakMap<List, Map<PolicyResource, number>>();
const byUrnOf = new WeakMap<List, Map<string, PolicyResource>>();

/** Members of `candidates` (without repeats), in the order of `candidates`. */
export function inListOrder(candidates: List, members: Iterable<PolicyResource>): PolicyResource[] {
    const unique = [...new Set(members)];
    if (unique.length <= 1) return unique;
    const position = cached(positionsOf, candidates, () => new Map(candidates.map((c, i) => [c, i])));
    return unique.sort((a, b) => position.get(a)! - position.get(b)!);
}

/** The candidates with one of these URNs, in list order. */
export function withUrn(candidates: List, urns: Iterable<string>): PolicyResource[] {
    const map = cached(byUrnOf, candidates, () => new Map(candidates.map((c) => [c.urn, c])));
    return inListOrder(
        candidates,
        [...urns].map((u) => map.get(u)).filter((c): c is PolicyResource => c !== undefined),
    );
}

/**
 * The candidates `holder.property` points at, in list order: the same answer as
 * `candidates.filter((c) => pointsAt(holder, property, c, keys))` (by property
 * dependency, else by a known ID, ARN or name equal to the value).
 */
export function pointedAt(
    holder: PolicyResource,
    property: string,
    candidates: List,
    keys: string[] = ["id", "arn", "name"],
): PolicyResource[] {
    const found = new Set<PolicyResource>(
        withUrn(
            candidates,
            dependencies(holder, property).map((d) => d.urn),
        ),
    );
    const value = known(() => holder.props[property]);
    if (typeof value === "string") {
        for (const k of keys) for (const c of withProp(candidates, k, value)) found.add(c);
    }
    return inListOrder(candidates, found);
}

/** Per holder list: property and keys → target list → target → the holders pointing at it. */
const pointingOf = new WeakMap<List, Map<string, WeakMap<List, Map<PolicyResource, PolicyResource[]>>>>();

/**
 * The holders whose `property` points at `target` (one of `targets`), in holder order:
 * the same answer as `holders.filter((h) => pointsAt(h, property, target, keys))`.
 */
export function pointingAt(
    holders: List,
    property: string,
    target: PolicyResource,
    targets: List,
    keys: string[] = ["id", "arn", "name"],
): PolicyResource[] {
    const byProperty = cached(pointingOf, holders, () => new Map());
    const byTargets = cached(byProperty, `${property}\u0000${keys.join("\u0000")}`, () => new WeakMap());
    const map = cached(byTargets, targets, () => {
        const holdersOf = new Map<PolicyResource, PolicyResource[]>();
        for (const h of holders)
            for (const t of pointedAt(h, property, targets, keys)) cached(holdersOf, t, () => []).push(h);
        return holdersOf;
    });
    return map.get(target) ?? EMPTY;
}

/**
 * The candidates `holder.property` names, deciding by what is known: a known value by the
 * candidates' `keys` (a dependency left over from an earlier value does not count), an
 * unknown one (a preview) by the engine's property dependency, an unset one: none.
 */
export function referencedBy(
    holder: PolicyResource,
    property: string,
    candidates: List,
    keys: string[] = ["id", "arn", "name"],
): PolicyResource[] {
    const value = peek(holder.props, property);
    if (value === UNKNOWN)
        return withUrn(
            candidates,
            dependencies(holder, property).map((d) => d.urn),
        );
    if (typeof value !== "string") return EMPTY;
    return inListOrder(
        candidates,
        keys.flatMap((k) => withProp(candidates, k, value)),
    );
}
