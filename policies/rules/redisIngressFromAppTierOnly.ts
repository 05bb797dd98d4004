import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { items, UNKNOWN } from "../lib/known";
import { appTierMembers, referenceGroupSet } from "../lib/appTier";
import { collectRules, coversPort, NormalizedRule, resolveGroup } from "../lib/securityGroups";
import { show, T } from "../lib/types";
import { cached, ofType, withUrn } from "../lib/stackIndex";

const REDIS_PORT = 6379;

export const redisIngressFromAppTierOnly: StackValidationPolicy = {
    name: "redis-ingress-from-app-tier-only",
    description:
        "Checks that Redis security groups admit 6379 from exactly the app tier's security groups, by reference and never by CIDR.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const groups = ofType(args.resources, T.securityGroup);
        const appGroups = referenceGroupSet(appTierMembers(args.resources));
        const rules = collectRules(args.resources).filter((r) => r.direction === "ingress");
        // Each Redis reads its own groups' rules, not every rule of the stack (quadratic with many caches).
        const rulesOf = new Map<string, NormalizedRule[]>();
        for (const r of rules) if (r.group !== undefined) cached(rulesOf, r.group.urn, () => []).push(r);
        const position = new Map(rules.map((r, i) => [r, i]));
        for (const rg of ofType(args.resources, T.replicationGroup)) {
            // In a preview a new group's ID is unknown: then the engine's dependencies name the groups.
            const listed = items(rg.props, "securityGroupIds");
            const ids = listed === UNKNOWN ? [] : listed.filter((id) => id !== UNKNOWN);
            const unknown = listed === UNKNOWN || listed.includes(UNKNOWN);
            const redisGroups = [
                ...ids.map((id) => resolveGroup(rg, "securityGroupIds", id, groups)),
                ...(unknown
                    ? withUrn(
                          groups,
                          (rg.propertyDependencies.securityGroupIds ?? []).map((d) => d.urn),
                      )
                    : []),
            ].filter((g): g is PolicyResource => typeof g === "object");
            if (redisGroups.length === 0) {
                report(
                    `Redis ${rg.name} must use a security group of this stack that admits the app tier; found ${show(ids)}`,
                    rg.urn,
                );
                continue;
            }
            const admitted = new Set<string>();
            const mine = [...new Set(redisGroups.map((g) => g.urn))]
                .flatMap((urn) => rulesOf.get(urn) ?? [])
                .sort((a, b) => position.get(a)! - position.get(b)!);
            for (const rule of mine) {
                const where = `rule ${rule.declaredBy.name} on ${rule.group!.name}`;
                if (rule.cidrs.length > 0 || rule.prefixLists.length > 0) {
                    report(
                        `${where} must admit Redis by security group reference only; found ${show([...rule.cidrs, ...rule.prefixLists])}`,
                        rule.declaredBy.urn,
                    );
                }
                if (rule.fromPort !== REDIS_PORT || rule.toPort !== REDIS_PORT || rule.protocol !== "tcp") {
                    report(
                        `${where} must admit tcp ${REDIS_PORT} only; found ${rule.protocol} ${show(rule.fromPort)}-${show(rule.toPort)}`,
                        rule.declaredBy.urn,
                    );
                }
                for (const peer of rule.peerGroups) {
                    const key = typeof peer === "string" ? peer : peer.name;
                    if (!appGroups.includes(key))
                        report(
                            `${where} must admit only the app tier's security groups ${show(appGroups)}; found ${key}`,
                            rule.declaredBy.urn,
                        );
                    else if (coversPort(rule, REDIS_PORT)) admitted.add(key);
                }
            }
            const missing = appGroups.filter((g) => !admitted.has(g));
            if (missing.length > 0)
                report(
                    `Redis ${rg.name} must admit ${REDIS_PORT} from every app-tier security group; missing ${show(missing)}`,
                    rg.urn,
                );
        }
    },
};
