import { PolicyResource } from "@pulumi/policy";
import { objects } from "./known";
import { dependencies, known, knownCopy, record, setOrUnknown, strings } from "./shapes";
import { isOneOf, T } from "./types";
import { ofType, withProp } from "./stackIndex";

/** One ingress or egress rule, whichever way it was declared. */
export interface NormalizedRule {
    readonly direction: "ingress" | "egress";
    /** The security group the rule belongs to (undefined when it cannot be resolved). */
    readonly group?: PolicyResource;
    /** Where the rule came from: the SG itself (inline) or a rule resource. */
    readonly declaredBy: PolicyResource;
    readonly inline: boolean;
    readonly protocol: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    readonly cidrs: string[];
    /** Referenced security groups (by resource when resolvable, else by ID string). */
    readonly peerGroups: (PolicyResource | string)[];
    readonly prefixLists: string[];
    readonly description?: unknown;
}

/** A security group's ID as stack props give it. */
export function sgId(sg: PolicyResource): string | undefined {
    const id = known(() => sg.props.id);
    return typeof id === "string" ? id : undefined;
}

/**
 * The security group a property points at: by property dependency (how the engine
 * links resources, known even in a preview), else by matching ID.
 */
export function resolveGroup(
    holder: PolicyResource,
    property: string,
    value: unknown,
    groups: PolicyResource[],
): PolicyResource | string | undefined {
    const deps = dependencies(holder, property).filter((d) => isOneOf(d.type, T.securityGroup));
    const byId = withProp(groups, "id", value)[0];
    if (byId) return byId;
    if (deps.length === 1) return deps[0];
    return typeof value === "string" ? value : undefined;
}

function ports(from: unknown, to: unknown): { fromPort?: number; toPort?: number } {
    return {
        fromPort: typeof from === "number" ? from : undefined,
        toPort: typeof to === "number" ? to : undefined,
    };
}

/**
 * Every rule in the stack: inline on SGs, `aws:vpc` rule resources and legacy `aws:ec2`
 * rules. After a refresh a group's `ingress`/`egress` outputs also list the rules of
 * separate rule resources (offline/engine/refresh.ts); such a copy is not an inline rule
 * and is left out, so a refreshed, untouched stack reads as it was deployed.
 */
/** Rules per resource list: a stack policy asks once per load balancer or group, and the answer only depends on the list. */
const rulesOf = new WeakMap<PolicyResource[], NormalizedRule[]>();

export function collectRules(resources: PolicyResource[]): NormalizedRule[] {
    const cached = rulesOf.get(resources);
    if (cached !== undefined) return cached;
    const rules = collectRulesOnce(resources);
    rulesOf.set(resources, rules);
    return rules;
}

function collectRulesOnce(resources: PolicyResource[]): NormalizedRule[] {
    const all = collectAllRules(resources);
    const separate = new Map<string, number>();
    for (const r of all.filter((x) => !x.inline && x.group))
        separate.set(ruleKey(r), (separate.get(ruleKey(r)) ?? 0) + 1);
    return all.filter((r) => {
        if (!r.inline) return true;
        const copies = separate.get(ruleKey(r)) ?? 0;
        if (copies === 0) return true;
        separate.set(ruleKey(r), copies - 1);
        return false;
    });
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", all: "-1" };

/** What identifies a rule in AWS: group, direction, protocol, ports (none for all traffic), sources, description. */
function ruleKey(r: NormalizedRule): string {
    const protocol = PROTOCOL_NAMES[r.protocol.toLowerCase()] ?? r.protocol.toLowerCase();
    const everything = protocol === "-1";
    const peers = r.peerGroups.map((g) => (typeof g === "string" ? g : g.urn)).sort();
    return JSON.stringify([
        r.group?.urn,
        r.direction,
        protocol,
        everything ? 0 : r.fromPort,
        everything ? 0 : r.toPort,
        [...r.cidrs].sort(),
        peers,
        [...r.prefixLists].sort(),
        typeof r.description === "string" ? r.description : "",
    ]);
}

function collectAllRules(resources: PolicyResource[]): NormalizedRule[] {
    const groups = ofType(resources, T.securityGroup);
    const rules: NormalizedRule[] = [];
    for (const sg of groups) {
        for (const direction of ["ingress", "egress"] as const) {
            for (const rule of objects(knownCopy(known(() => sg.props[direction])))) {
                rules.push({
                    direction,
                    group: sg,
                    declaredBy: sg,
                    inline: true,
                    protocol: String(rule.protocol ?? "-1"),
                    ...ports(rule.fromPort, rule.toPort),
                    cidrs: [...strings(rule.cidrBlocks), ...strings(rule.ipv6CidrBlocks)],
                    // `self: true` is how AWS reports a reference to the group itself (a refresh shows it so).
                    peerGroups: [
                        ...strings(rule.securityGroups).map((id) => withProp(groups, "id", id)[0] ?? id),
                        ...(rule.self === true ? [sg] : []),
                    ],
                    prefixLists: strings(rule.prefixListIds),
                    description: rule.description,
                });
            }
        }
    }
    for (const r of resources) {
        const isNew = isOneOf(r.type, T.ingressRule) || isOneOf(r.type, T.egressRule);
        if (!isNew && !isOneOf(r.type, T.legacyRule)) continue;
        const p = record(knownCopy(r.props)); // in a preview, unknown IDs read as unset and the dependencies decide
        const direction = isNew
            ? isOneOf(r.type, T.ingressRule)
                ? "ingress"
                : "egress"
            : p.type === "egress"
              ? "egress"
              : "ingress";
        const target = resolveGroup(r, "securityGroupId", p.securityGroupId, groups);
        const peerProperty = isNew ? "referencedSecurityGroupId" : "sourceSecurityGroupId";
        const peerValue = p[peerProperty];
        // Unknown in a preview is not unset: then the rule's dependency names the peer.
        const peer = setOrUnknown(() => r.props[peerProperty])
            ? resolveGroup(r, peerProperty, peerValue, groups)
            : undefined;
        rules.push({
            direction,
            group: typeof target === "object" ? target : undefined,
            declaredBy: r,
            inline: false,
            protocol: String((isNew ? p.ipProtocol : p.protocol) ?? "-1"),
            ...ports(p.fromPort, p.toPort),
            cidrs: isNew
                ? [p.cidrIpv4, p.cidrIpv6].filter((c): c is string => typeof c === "string")
                : [...strings(p.cidrBlocks), ...strings(p.ipv6CidrBlocks)],
            // The older rule type names its own group with `self: true` instead of a peer.
            peerGroups: [
                ...(peer === undefined ? [] : [peer]),
                ...(!isNew && p.self === true && typeof target === "object" ? [target] : []),
            ],
            prefixLists: isNew
                ? typeof p.prefixListId === "string"
                    ? [p.prefixListId]
                    : []
                : strings(p.prefixListIds),
            description: p.description,
        });
    }
    return rules;
}

/** True when the rule's port range includes `port` (protocol -1 means every port). */
export function coversPort(rule: NormalizedRule, port: number): boolean {
    if (rule.protocol === "-1" || rule.protocol === "all") return true;
    if (rule.fromPort === undefined || rule.toPort === undefined) return false;
    return rule.fromPort <= port && port <= rule.toPort;
}

/**
 * The security groups a launch template, launch configuration, instance, spot request,
 * spot fleet (its launch specifications) or network interface attaches.
 */
export function attachedGroupValues(r: PolicyResource): { property: string; values: unknown[] } {
    const p = r.props;
    if (isOneOf(r.type, T.launchTemplate)) {
        const fromInterfaces = objects(known(() => p.networkInterfaces)).flatMap(
            (ni) => known(() => asList(ni.securityGroups)) ?? [undefined],
        );
        if (fromInterfaces.length > 0) return { property: "networkInterfaces", values: fromInterfaces };
        return {
            property: "vpcSecurityGroupIds",
            values: [
                ...(known(() => asList(p.vpcSecurityGroupIds)) ?? [undefined]),
                ...asList(known(() => p.securityGroupNames)),
            ],
        };
    }
    if (isOneOf(r.type, T.launchConfiguration) || isOneOf(r.type, T.networkInterface)) {
        return { property: "securityGroups", values: known(() => asList(p.securityGroups)) ?? [undefined] };
    }
    if (isOneOf(r.type, T.spotFleetRequest)) {
        return {
            property: "launchSpecifications",
            values: objects(known(() => p.launchSpecifications)).flatMap(
                (s) => known(() => asList(s.vpcSecurityGroupIds)) ?? [undefined],
            ),
        };
    }
    return {
        property: "vpcSecurityGroupIds",
        values: [
            ...(known(() => asList(p.vpcSecurityGroupIds)) ?? [undefined]),
            ...asList(known(() => p.securityGroups)),
        ],
    };
}

/** A list's elements (a non-list gives none); element reads stay lazy so unknowns surface to `known`. */
function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value.map((_, i) => value[i]) : [];
}

/**
 * The attached groups as stable keys: the SG resource's name when resolvable (so the
 * check works in a preview, where new IDs are unknown), else the literal ID.
 */
export function attachedGroupKeys(r: PolicyResource, resources: PolicyResource[]): string[] {
    const groups = ofType(resources, T.securityGroup);
    const { property, values } = attachedGroupValues(r);
    const deps = dependencies(r, property).filter((d) => isOneOf(d.type, T.securityGroup));
    const keys = values
        .filter((v) => v !== null)
        .map((v) => {
            const g = withProp(groups, "id", v)[0];
            return g ? g.name : v;
        });
    // In a preview, values may be unknown: fall back to the dependencies the engine recorded.
    if (keys.some((k) => typeof k !== "string") && deps.length > 0)
        return [...new Set(deps.map((d) => d.name))].sort();
    return [...new Set(keys.filter((k): k is string => typeof k === "string"))].sort();
}
