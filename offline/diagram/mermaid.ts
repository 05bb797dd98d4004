/**
 * The stack as a mermaid flowchart (GitHub renders it in Markdown), drawn from a plan: one node
 * per tier with its resource count, the path a request takes, and, during the cutover, where
 * each share of viewers goes. The diff picture is the same drawing with the tiers a change
 * adds, changes or removes marked, and a legend.
 */
import { Plan, PlanDiff, PlannedResource } from "../plan/plan";
import { Routing, routingOf, routingValueKept } from "./routing";
import { countByTier, isCounted, TIERS, TierId, tierClassifier } from "./tiers";

export type Mark = "added" | "changed" | "removed";

interface TierNode {
    readonly count: number;
    readonly detail?: string;
    readonly mark?: Mark;
    /** `+1 ~2 -1`: what the change does inside the tier. */
    readonly delta?: string;
}

interface Picture {
    readonly tiers: ReadonlyMap<TierId, TierNode>;
    readonly routing?: Routing;
    /** The routing before the change, when it differs. */
    readonly routingBefore?: Routing;
    readonly legacyMark?: Mark;
}

/** Mermaid styles of the marks (GitHub's diff colours), and the legend's wording. */
const MARK_STYLES: Readonly<Record<Mark, string>> = {
    added: "fill:#dafbe1,stroke:#1a7f37,stroke-width:3px,color:#1f2328",
    changed: "fill:#fff8c5,stroke:#9a6700,stroke-width:3px,color:#1f2328",
    removed: "fill:#ffebe9,stroke:#cf222e,stroke-width:3px,stroke-dasharray:6 4,color:#1f2328",
};
const MARK_WORDS: Readonly<Record<Mark, string>> = {
    added: "added by this change",
    changed: "changed by this change",
    removed: "removed by this change",
};

/** Text inside a quoted mermaid label: no quotes or angle brackets of its own. */
const text = (s: string) => s.replace(/"/g, "#quot;").replace(/[<>]/g, "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The settings that say most about a tier's size, where it has them. */
function detailOf(tier: TierId, members: readonly PlannedResource[]): string | undefined {
    const of = (suffix: string) => members.find((r) => r.type.endsWith(suffix))?.settings ?? {};
    if (tier === "app") {
        const asg = of(":Group");
        const type = of(":LaunchTemplate").instanceType;
        if (asg.desiredCapacity === undefined) return undefined;
        return `${type ?? "?"} × ${asg.desiredCapacity} (min ${asg.minSize}, max ${asg.maxSize})`;
    }
    if (tier === "redis") {
        const group = of(":ReplicationGroup");
        return group.nodeType === undefined
            ? undefined
            : `${group.nodeType} × ${group.numCacheClusters ?? 1}`;
    }
    return undefined;
}

function membersByTier(plan: Pick<Plan, "resources">): Map<TierId, PlannedResource[]> {
    const tierOf = tierClassifier(plan.resources);
    const out = new Map<TierId, PlannedResource[]>();
    for (const r of plan.resources.filter(isCounted)) out.set(tierOf(r), [...(out.get(tierOf(r)) ?? []), r]);
    return out;
}

function nodeLine(id: TierId, label: string, node: TierNode): string {
    const lines = [label, plural(node.count, "resource")];
    if (node.detail) lines.push(node.detail);
    if (node.delta) lines.push(node.delta);
    const body = `"${lines.map(text).join("<br/>")}"`;
    // Data stores are drawn as cylinders.
    return id === "redis" || id === "uploads" ? `${id}[(${body})]` : `${id}[${body}]`;
}

/** The lines of the viewer shares: a solid arrow for a side that gets viewers, dotted for 0 %. */
function routingEdges(routing: Routing, before: Routing | undefined): string[] {
    const share = (side: "app" | "legacy", r: Routing) =>
        side === "app" ? r.appPercent : 100 - r.appPercent;
    const edge = (side: "app" | "legacy", target: string) => {
        const now = share(side, routing);
        const was = before && share(side, before) !== now ? ` (was ${share(side, before)}%)` : "";
        return `    cdn ${now > 0 ? "-->" : "-.->"}|"${side} ${now}%${was}"| ${target}`;
    };
    return [edge("app", "vpcOrigin"), edge("legacy", "legacy")];
}

/** The flowchart source (without the Markdown fence). */
function render(picture: Picture): string {
    const has = (id: TierId) => picture.tiers.has(id);
    const node = (id: TierId) => {
        const n = picture.tiers.get(id);
        const label = TIERS.find((t) => t.id === id)?.label ?? id;
        return n ? [`        ${nodeLine(id, label, n)}`] : [];
    };
    const group = (id: string, title: string, ids: TierId[]) => {
        const inside = ids.flatMap(node);
        return inside.length === 0 ? [] : [`    subgraph ${id} ["${text(title)}"]`, ...inside, "    end"];
    };
    const out = ["flowchart TB", '    viewers(["viewers"])'];
    out.push(...group("edge", "CloudFront (global edge)", ["cdn", "waf", "router"]));
    const routing = picture.routing ?? picture.routingBefore;
    if (routing)
        out.push(`    legacy["${text("old production (legacy origin)")}<br/>${text(routing.legacyDomain)}"]`);
    out.push(...node("vpcOrigin").map((l) => l.slice(4)));
    out.push(...group("vpc", "VPC (private subnets)", ["network", "alb", "app", "redis"]));
    out.push(...node("uploads").map((l) => l.slice(4)));
    out.push(...group("observability", "monitoring", ["alarms", "canary", "dashboard", "logs"]));
    out.push(...["backups", "other"].flatMap((id) => node(id as TierId).map((l) => l.slice(4))));

    const edges: [TierId | "viewers", string, TierId][] = [
        ["viewers", '-->|"HTTPS"|', "cdn"],
        ["waf", '-.-|"inspects every request"|', "cdn"],
        ["router", '-.-|"picks the origin per viewer"|', "cdn"],
    ];
    const path = (from: TierId | "viewers", to: TierId) => (from === "viewers" || has(from)) && has(to);
    for (const [from, link, to] of edges) if (path(from, to)) out.push(`    ${from} ${link} ${to}`);
    if (routing && has("cdn"))
        out.push(...routingEdges(routing, picture.routing ? picture.routingBefore : undefined));
    else if (path("cdn", "vpcOrigin")) out.push("    cdn --> vpcOrigin");
    const downstream: [TierId, string, TierId][] = [
        ["vpcOrigin", "-->", "alb"],
        ["alb", "-->", "app"],
        ["app", '-->|"sessions"|', "redis"],
        ["app", '-->|"user files"|', "uploads"],
        ["canary", '-.->|"probes"|', "cdn"],
        ["app", '-.->|"logs"|', "logs"],
        ["backups", '-.-|"backs up"|', "app"],
    ];
    for (const [from, link, to] of downstream) if (path(from, to)) out.push(`    ${from} ${link} ${to}`);

    const marked = [...picture.tiers]
        .filter(([, n]) => n.mark)
        .map(([id, n]) => [id, n.mark] as [string, Mark]);
    if (routing && picture.legacyMark) marked.push(["legacy", picture.legacyMark]);
    if (marked.length > 0) {
        const marks = Object.keys(MARK_STYLES) as Mark[];
        out.push('    subgraph legend ["legend"]');
        for (const m of marks) out.push(`        legend_${m}["${MARK_WORDS[m]}"]`);
        out.push('        legend_same["unchanged"]', "    end");
        for (const m of marks) out.push(`    classDef ${m} ${MARK_STYLES[m]}`);
        for (const m of marks) {
            const ids = [`legend_${m}`, ...marked.filter(([, mark]) => mark === m).map(([id]) => id)];
            out.push(`    class ${ids.join(",")} ${m}`);
        }
    }
    return out.join("\n");
}

/** The picture of one plan's stack. */
export function stackDiagram(plan: Pick<Plan, "resources">): string {
    const members = membersByTier(plan);
    const tiers = new Map<TierId, TierNode>();
    for (const t of TIERS) {
        const m = members.get(t.id) ?? [];
        if (m.length > 0) tiers.set(t.id, { count: m.length, detail: detailOf(t.id, m) });
    }
    return render({ tiers, routing: routingOf(plan) });
}

export interface TierChange {
    readonly tier: TierId;
    readonly mark: Mark;
    readonly added: number;
    readonly changed: number;
    readonly removed: number;
}

/** Which tiers a change touches, and how: in the order the picture draws them. */
export function tierChanges(
    before: Pick<Plan, "resources">,
    after: Pick<Plan, "resources">,
    diff: PlanDiff,
): TierChange[] {
    const tierBefore = tierClassifier(before.resources);
    const tierAfter = tierClassifier(after.resources);
    const countBefore = countByTier(before);
    const countAfter = countByTier(after);
    const tally = (list: readonly PlannedResource[], tierOf: (r: PlannedResource) => TierId, id: TierId) =>
        list.filter((r) => isCounted(r) && tierOf(r) === id).length;
    const changedResources = diff.changed.filter((c) => c.changes.length > 0).map((c) => c.resource);
    const out: TierChange[] = [];
    for (const { id } of TIERS) {
        const added = tally(diff.added, tierAfter, id);
        const removed = tally(diff.removed, tierBefore, id);
        const changed = tally(changedResources, tierAfter, id);
        if (added + removed + changed === 0) continue;
        const mark: Mark = countBefore[id] === 0 ? "added" : countAfter[id] === 0 ? "removed" : "changed";
        out.push({ tier: id, mark, added, changed, removed });
    }
    return out;
}

/** `+1 ~2 -1`, leaving out what is zero. */
const deltaText = (c: TierChange) =>
    [
        c.added ? `+${c.added} added` : "",
        c.changed ? `~${c.changed} changed` : "",
        c.removed ? `-${c.removed} removed` : "",
    ]
        .filter(Boolean)
        .join(", ");

/** The stack after a change, with the tiers it adds, changes or removes marked. */
export function diffDiagram(
    before: Pick<Plan, "resources">,
    after: Pick<Plan, "resources">,
    diff: PlanDiff,
): string {
    const membersAfter = membersByTier(after);
    const countBefore = countByTier(before);
    const changes = new Map(tierChanges(before, after, diff).map((c) => [c.tier, c]));
    const tiers = new Map<TierId, TierNode>();
    for (const { id } of TIERS) {
        const m = membersAfter.get(id) ?? [];
        const change = changes.get(id);
        if (m.length === 0 && countBefore[id] === 0) continue;
        tiers.set(id, {
            count: m.length,
            detail: detailOf(id, m),
            mark: change?.mark,
            delta: change && deltaText(change),
        });
    }
    const planned = routingOf(after);
    const routingBefore = routingOf(before);
    // An existing key keeps its live value (ignoreChanges): the config's value moves nobody.
    const routing =
        planned && routingBefore && routingValueKept(after)
            ? { ...planned, activeOrigin: routingBefore.activeOrigin, appPercent: routingBefore.appPercent }
            : planned;
    const legacyMark: Mark | undefined =
        routing && !routingBefore ? "added" : !routing && routingBefore ? "removed" : undefined;
    const differs = routing && routingBefore && routing.appPercent !== routingBefore.appPercent;
    return render({
        tiers,
        routing,
        routingBefore: routing ? (differs ? routingBefore : undefined) : routingBefore,
        legacyMark,
    });
}

/** One line for readers whose mail client shows no pictures. */
export function tierChangeSummary(changes: readonly TierChange[]): string {
    if (changes.length === 0) return "Tiers touched: none (no resource is added, changed or removed).";
    const label = (id: TierId) => TIERS.find((t) => t.id === id)?.label ?? id;
    return `Tiers touched: ${changes.map((c) => `${label(c.tier)} (${c.mark === "changed" ? deltaText(c) : c.mark})`).join("; ")}.`;
}

/** A flowchart inside a Markdown fence, as GitHub renders it. */
export const mermaidBlock = (source: string): string => ["```mermaid", source, "```"].join("\n");
