import { PolicyResource } from "@pulumi/policy";
import { dependencies, known } from "./shapes";

/**
 * Lookups over one stack's resource list, built once per list. The engine hands every
 * stack policy the same list in one run, and a policy that scans the list (or reads
 * props behind the SDK's proxy) once per resource it checks is quadratic: at 10,000
 * resources that is seconds. The lists returned are shared: callers must not mutate them.
 */
interface Index {
    readonly byType: Map<string, PolicyResource[]>;
    readonly ofTokens: Map<readonly string[], PolicyResource[]>;
}

const indexes = new WeakMap<readonly PolicyResource[], Index>();
const EMPTY: PolicyResource[] = [];

function indexOf(resources: readonly PolicyResource[]): Index {
    let index = indexes.get(resources);
    if (index === undefined) {
        const byType = new Map<string, PolicyResource[]>();
        for (const r of resources) {
            const list = byType.get(r.type);
            if (list === undefined) byType.set(r.type, [r]);
            else list.push(r);
        }
        index = { byType, ofTokens: new Map() };
        indexes.set(resources, index);
    }
    return index;
}

/** The resources whose type is one of `tokens`, in stack order. */
export function ofType(resources: readonly PolicyResource[], tokens: readonly string[]): PolicyResource[] {
    const index = indexOf(resources);
    let found = index.ofTokens.get(tokens);
    if (found === undefined) {
        if (tokens.length === 1) {
            found = index.byType.get(tokens[0]) ?? EMPTY;
        } else {
            const wanted = new Set(tokens);
            found = resources.filter((r) => wanted.has(r.type));
        }
        index.ofTokens.set(tokens, found);
    }
    return found;
}

/** Candidates by the known string value of each prop key: key → value → candidates, in list order. */
const keyed = new WeakMap<readonly PolicyResource[], Map<string, Map<string, PolicyResource[]>>>();

/** The candidates whose known `props[key]` is the string `value` (none for a non-string), in list order. */
export function withProp(candidates: readonly PolicyResource[], key: string, value: unknown): PolicyResource[] {
    if (typeof value !== "string") return EMPTY;
    let byKey = keyed.get(candidates);
    if (byKey === undefined) {
        byKey = new Map();
        keyed.set(candidates, byKey);
    }
    let byValue = byKey.get(key);
    if (byValue === undefined) {
        byValue = new Map();
        for (const c of candidates) {
            const v = known(() => c.props[key]);
            if (typeof v !== "string") continue;
            const list = byValue.get(v);
            if (list === undefined) byValue.set(v, [c]);
            else list.push(c);
        }
        byKey.set(key, byValue);
    }
    return byValue.get(value) ?? EMPTY;
}

const positions = new WeakMap<readonly PolicyResource[], Map<PolicyResource, number>>();

function positionIn(candidates: readonly PolicyResource[]): Map<PolicyResource, number> {
    let position = positions.get(candidates);
    if (position === undefined) {
        position = new Map(candidates.map((c, i) => [c, i]));
        positions.set(candidates, position);
    }
    return position;
}

/** Candidates by URN, for resolving the engine's (property) dependencies against a list. */
const byUrnOf = new WeakMap<readonly PolicyResource[], Map<string, PolicyResource>>();

function byUrn(candidates: readonly PolicyResource[]): Map<string, PolicyResource> {
    let map = byUrnOf.get(candidates);
    if (map === undefined) {
        map = new Map(candidates.map((c) => [c.urn, c]));
        byUrnOf.set(candidates, map);
    }
    return map;
}

/** The candidates with one of these URNs, in list order. */
export function withUrn(candidates: readonly PolicyResource[], urns: Iterable<string>): PolicyResource[] {
    const map = byUrn(candidates);
    return inListOrder(candidates, [...urns].map((u) => map.get(u)).filter((c): c is PolicyResource => c !== undefined));
}

/**
 * The candidates `holder.property` points at, in list order: the same answer as
 * `candidates.filter((c) => pointsAt(holder, property, c, keys))`, from lookups built
 * once per list instead of a scan per holder.
 */
export function pointedAt(holder: PolicyResource, property: string, candidates: readonly PolicyResource[], keys: string[] = ["id", "arn", "name"]): PolicyResource[] {
    const found = new Set<PolicyResource>(withUrn(candidates, dependencies(holder, property).map((d) => d.urn)));
    const value = known(() => holder.props[property]);
    if (typeof value === "string") {
        for (const k of keys) for (const c of withProp(candidates, k, value)) found.add(c);
    }
    return inListOrder(candidates, found);
}

/** Members of `candidates` (without repeats), in the order of `candidates`. */
export function inListOrder(candidates: readonly PolicyResource[], members: Iterable<PolicyResource>): PolicyResource[] {
    const unique = [...new Set(members)];
    if (unique.length <= 1) return unique;
    const position = positionIn(candidates);
    return unique.sort((a, b) => position.get(a)! - position.get(b)!);
}

/** For `holders` and one property: target → the holders pointing at it, built once per pair of lists. */
const reverse = new WeakMap<readonly PolicyResource[], Map<string, WeakMap<readonly PolicyResource[], Map<PolicyResource, PolicyResource[]>>>>();

/**
 * The holders whose `property` points at `target` (one of `targets`), in holder order:
 * the same answer as `holders.filter((h) => pointsAt(h, property, target, keys))`.
 */
export function pointingAt(holders: readonly PolicyResource[], property: string, target: PolicyResource, targets: readonly PolicyResource[], keys: string[] = ["id", "arn", "name"]): PolicyResource[] {
    let byProperty = reverse.get(holders);
    if (byProperty === undefined) {
        byProperty = new Map();
        reverse.set(holders, byProperty);
    }
    const key = `${property}\u0000${keys.join("\u0000")}`;
    let byTargets = byProperty.get(key);
    if (byTargets === undefined) {
        byTargets = new WeakMap();
        byProperty.set(key, byTargets);
    }
    let map = byTargets.get(targets);
    if (map === undefined) {
        map = new Map();
        for (const h of holders) {
            for (const t of pointedAt(h, property, targets, keys)) {
                const list = map.get(t);
                if (list === undefined) map.set(t, [h]);
                else list.push(h);
            }
        }
        byTargets.set(targets, map);
    }
    return map.get(target) ?? EMPTY;
}
