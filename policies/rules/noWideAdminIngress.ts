import { StackValidationPolicy } from "@pulumi/policy";
import { collectRules, coversPort } from "../lib/securityGroups";
import { show } from "../lib/types";

/** SSH, RDP and Redis: the ports an attacker scans for first. */
export const DEFAULT_ADMIN_PORTS = [22, 3389, 6379];

/** The prefix length of a CIDR, or undefined when it is not one. */
export function prefixLength(cidr: string): { family: 4 | 6; bits: number } | undefined {
    const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(cidr.trim());
    if (!m) return undefined;
    return { family: m[1].includes(":") ? 6 : 4, bits: Number(m[2]) };
}

export const noWideAdminIngress: StackValidationPolicy = {
    name: "no-wide-admin-ingress",
    description:
        "Checks that no security group rule admits an admin port (SSH, RDP, Redis and configured others) from a range wider than the configured prefix lengths.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            adminPorts: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: 65535 },
                default: DEFAULT_ADMIN_PORTS,
            },
            // A /16 is a whole VPC; anything wider is someone else's network too.
            minIpv4PrefixLength: { type: "integer", minimum: 0, maximum: 32, default: 16 },
            // A /48 is one site's allocation.
            minIpv6PrefixLength: { type: "integer", minimum: 0, maximum: 128, default: 48 },
        },
    },
    validateStack: (args, report) => {
        const { adminPorts, minIpv4PrefixLength, minIpv6PrefixLength } = args.getConfig<{
            adminPorts: number[];
            minIpv4PrefixLength: number;
            minIpv6PrefixLength: number;
        }>();
        for (const rule of collectRules(args.resources)) {
            if (rule.direction !== "ingress") continue;
            const ports = adminPorts.filter((port) => coversPort(rule, port));
            if (ports.length === 0) continue;
            const wide = rule.cidrs.filter((c) => {
                const p = prefixLength(c);
                return (
                    p === undefined || p.bits < (p.family === 4 ? minIpv4PrefixLength : minIpv6PrefixLength)
                );
            });
            if (wide.length === 0) continue;
            const where = `rule ${rule.declaredBy.name}${rule.group ? ` on ${rule.group.name}` : ""}`;
            report(
                `${where} must not admit admin ports ${show(ports)} from ranges wider than /${minIpv4PrefixLength} (IPv4) or /${minIpv6PrefixLength} (IPv6); found ${wide.join(", ")}`,
                rule.declaredBy.urn,
            );
        }
    },
};
