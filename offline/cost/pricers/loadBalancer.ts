/** Application Load Balancers: hours, capacity units from the traffic, and public IPv4 addresses. */
import { RecordedResource } from "../../engine/mockRuntime";
import { Pricer } from "../context";
import { AlbTraffic, PriceBook } from "../types";

/** Listener rules on the listeners of one load balancer (each request is evaluated against them). */
function listenerRulesOf(lb: RecordedResource, records: RecordedResource[]): number {
    const listeners = records
        .filter((x) => x.type === "aws:lb/listener:Listener" && x.inputs.loadBalancerArn === lb.outputs.arn)
        .map((x) => x.outputs.arn);
    return records.filter(
        (x) => x.type === "aws:lb/listenerRule:ListenerRule" && listeners.includes(x.inputs.listenerArn),
    ).length;
}

/**
 * ALB capacity units from traffic: the dimension that needs the most LCUs is billed
 * (new connections/s, active connections/min, processed GB/hour, rule evaluations/s
 * beyond the free rules). Averages over the month: busy hours cost more than this says.
 */
export function albLcus(
    traffic: AlbTraffic,
    per: NonNullable<PriceBook["albLcu"]>,
    rules: number,
    hours = 730,
): { lcus: number; dimension: string } {
    const dimensions: [string, number][] = [
        ["new connections", traffic.newConnectionsPerSecond / per.newConnectionsPerSecond],
        ["active connections", traffic.activeConnectionsPerMinute / per.activeConnectionsPerMinute],
        ["processed bytes", traffic.processedGbPerMonth / hours / per.processedGbPerHour],
        [
            "rule evaluations",
            (traffic.requestsPerSecond * Math.max(0, rules - per.freeRules)) / per.ruleEvaluationsPerSecond,
        ],
    ];
    const [dimension, lcus] = dimensions.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { lcus, dimension };
}

const loadBalancer: Pricer = (r, ctx) => {
    const { usage, prices, hours } = ctx;
    if (ctx.regional(r, "albHourly") === undefined) {
        ctx.missing(r, `no ALB price in ${r.region}`);
        return;
    }
    ctx.line(r, "ALB hours", hours, "hours", ctx.regional(r, "albHourly"));
    if (usage.alb && prices.albLcu) {
        const lcu = albLcus(usage.alb, prices.albLcu, listenerRulesOf(r, ctx.records), hours);
        ctx.line(
            r,
            `ALB LCUs (${+lcu.lcus.toFixed(3)} average, by ${lcu.dimension})`,
            lcu.lcus * hours,
            "LCU-hours",
            ctx.regional(r, "albLcuHourly"),
        );
    } else
        ctx.line(
            r,
            `ALB LCUs (${usage.albAverageLcus} average)`,
            usage.albAverageLcus * hours,
            "LCU-hours",
            ctx.regional(r, "albLcuHourly"),
        );
    const ips = r.inputs.internal ? 0 : ((r.inputs.subnets ?? []) as unknown[]).length;
    if (ips > 0)
        ctx.line(
            r,
            `public IPv4 × ${ips} (one per AZ)`,
            ips * hours,
            "IP-hours",
            ctx.regional(r, "publicIpv4Hourly"),
        );
};

export const LOAD_BALANCER_PRICERS: Record<string, Pricer> = {
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
};
