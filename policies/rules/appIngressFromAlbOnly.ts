import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { appTierMembers } from "../lib/appTier";
import { elements, peek, UNKNOWN } from "../lib/known";
import { collectRules, coversPort } from "../lib/securityGroups";
import { dependencies } from "../lib/shapes";
import { show, T } from "../lib/types";
import { inListOrder, ofType, withProp, withUrn } from "../lib/stackIndex";

/** The security groups attached to the stack's load balancers (by ID, or by dependency where a preview does not know it). */
function loadBalancerGroups(resources: PolicyResource[]): Set<PolicyResource> {
    const groups = ofType(resources, T.securityGroup);
    const out = new Set<PolicyResource>();
    for (const lb of ofType(resources, T.loadBalancer)) {
        const listed = peek(lb.props, "securityGroups");
        const ids = elements(listed);
        for (const id of ids) for (const g of withProp(groups, "id", id)) out.add(g);
        if (listed === UNKNOWN || ids.includes(UNKNOWN))
            for (const g of withUrn(
                groups,
                dependencies(lb, "securityGroups").map((d) => d.urn),
            ))
                out.add(g);
    }
    return out;
}

export const appIngressFromAlbOnly: StackValidationPolicy = {
    name: "app-ingress-from-alb-only",
    description:
        "Checks that the app tier's security groups admit no SSH from anywhere, and the app port (each target group's port) only from the load balancer's security group: no CIDR, prefix list, VPC range or other group.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // Instances are reached through SSM Session Manager; SSH stays closed.
            forbiddenPorts: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: 65535 },
                default: [22],
            },
            // Ports the app serves besides the target groups' own.
            appPorts: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 }, default: [] },
        },
    },
    validateStack: (args, report) => {
        const { forbiddenPorts, appPorts } = args.getConfig<{
            forbiddenPorts: number[];
            appPorts: number[];
        }>();
        const groups = ofType(args.resources, T.securityGroup);
        const keys = new Set(appTierMembers(args.resources).flatMap((m) => m.groups));
        const appGroups = inListOrder(
            groups,
            groups.filter((g) => keys.has(g.name) || keys.has(String(peek(g.props, "id")))),
        );
        if (appGroups.length === 0) return;
        const albGroups = loadBalancerGroups(args.resources);
        const ports = [
            ...new Set([
                ...appPorts,
                ...ofType(args.resources, T.targetGroup)
                    .map((tg) => peek(tg.props, "port"))
                    .filter((p): p is number => typeof p === "number"),
            ]),
        ];
        const albNames = show([...albGroups].map((g) => g.name));
        for (const rule of collectRules(args.resources)) {
            if (rule.direction !== "ingress" || rule.group === undefined || !appGroups.includes(rule.group))
                continue;
            const where = `rule ${rule.declaredBy.name} on app-tier group ${rule.group.name}`;
            const sources = [
                ...rule.cidrs,
                ...rule.prefixLists,
                ...rule.peerGroups.map((g) => (typeof g === "string" ? g : g.name)),
            ];
            const forbidden = forbiddenPorts.filter((p) => coversPort(rule, p));
            if (forbidden.length > 0)
                report(
                    `${where} must not admit ${show(forbidden)} (SSH: use SSM Session Manager); found ${rule.protocol} ${show(rule.fromPort)}-${show(rule.toPort)} from ${show(sources)}`,
                    rule.declaredBy.urn,
                );
            const served = ports.filter((p) => coversPort(rule, p));
            if (served.length === 0) continue;
            const others = [
                ...rule.cidrs,
                ...rule.prefixLists,
                ...rule.peerGroups
                    .filter((g) => typeof g === "string" || !albGroups.has(g))
                    .map((g) => (typeof g === "string" ? g : g.name)),
            ];
            if (others.length > 0)
                report(
                    `${where} must admit app port ${show(served)} only from the load balancer's security group ${albNames}; found ${show(others)}`,
                    rule.declaredBy.urn,
                );
        }
    },
};
