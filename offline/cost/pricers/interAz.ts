/**
 * Data transfer between Availability Zones: EC2 pays $0.01/GB for each GB it sends to, and
 * each GB it receives from, another AZ of the region (the NAT gateway and ElastiCache bill
 * nothing on their side). The app instances are spread evenly over their group's AZs, so
 * those outside a single-AZ endpoint (the one NAT gateway, the Redis primary) cross.
 */
import { RecordedResource, UNKNOWN } from "../../engine/mockRuntime";
import { PricingContext } from "../context";

const SUBNET = "aws:ec2/subnet:Subnet";

/** The stack's subnets a property names: by ID after an up; in a preview, by the engine's dependency. */
function subnetsOf(ctx: PricingContext, r: RecordedResource, property: string): RecordedResource[] {
    const value: unknown = r.inputs[property];
    const ids = (Array.isArray(value) ? value : [value]).filter(
        (v) => typeof v === "string" && v !== UNKNOWN,
    );
    const deps = r.propertyDependencies[property] ?? [];
    return ctx.records.filter((s) => s.type === SUBNET && (ids.includes(s.id) || deps.includes(s.urn)));
}

/** The AZs of a property's subnets, in order, without repeats; undefined when one is unknown. */
export function zonesOf(ctx: PricingContext, r: RecordedResource, property: string): string[] | undefined {
    const zones = subnetsOf(ctx, r, property).map((s) => s.inputs.availabilityZone);
    if (zones.length === 0 || zones.some((z) => typeof z !== "string" || z === UNKNOWN)) return undefined;
    return [...new Set(zones as string[])];
}

/**
 * App instances by AZ: each group's desired capacity spread evenly over its subnets' AZs, as
 * Auto Scaling balances them (the first AZs take the remainder). Undefined when a group's
 * AZs cannot be told.
 */
export function instancesByZone(ctx: PricingContext): Map<string, number> | undefined {
    const byZone = new Map<string, number>();
    for (const group of ctx.records.filter((x) => x.type === "aws:autoscaling/group:Group")) {
        const zones = zonesOf(ctx, group, "vpcZoneIdentifiers");
        if (!zones) return undefined;
        const n = Number(group.inputs.desiredCapacity ?? group.inputs.minSize ?? 0);
        zones.forEach((z, i) =>
            byZone.set(
                z,
                (byZone.get(z) ?? 0) + Math.floor(n / zones.length) + (i < n % zones.length ? 1 : 0),
            ),
        );
    }
    return byZone;
}

/**
 * The share of the app's instances outside an endpoint that sits in one of `zones` (each as
 * likely, as AWS picks it), and how the line describes it.
 */
export function crossZoneShare(
    byZone: Map<string, number>,
    zones: string[],
): { share: number; text: string } {
    const total = [...byZone.values()].reduce((a, b) => a + b, 0);
    if (total === 0 || zones.length === 0) return { share: 0, text: "no app instance" };
    const inside = zones.reduce((sum, z) => sum + (byZone.get(z) ?? 0), 0) / zones.length;
    const share = 1 - inside / total;
    return {
        share,
        text: `${+(total - inside).toFixed(2)} of ${total} instance(s) in another AZ than ${zones.length === 1 ? zones[0] : `one of ${zones.join(", ")}`}`,
    };
}

/** The inter-AZ line of an endpoint the app reaches from every instance. */
export function interAzLine(
    ctx: PricingContext,
    r: RecordedResource,
    what: string,
    gb: number,
    zones: string[] | undefined,
): void {
    const byZone = instancesByZone(ctx);
    // No app instance, nothing reaches the endpoint.
    if (byZone && [...byZone.values()].every((n) => n === 0)) return;
    if (!byZone || !zones) {
        ctx.missing(
            r,
            `cannot tell the AZ of ${what} or of the app instances: inter-AZ data transfer unpriced`,
        );
        return;
    }
    const { share, text } = crossZoneShare(byZone, zones);
    ctx.line(
        r,
        `inter-AZ data transfer: app instances to ${what} (${gb} GB both ways × ${+(share * 100).toFixed(1)} %: ${text})`,
        gb * share,
        "GB",
        ctx.regional(r, "interAzGbEachWay"),
    );
}
