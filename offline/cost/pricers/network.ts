/** The network's billed parts: the NAT gateway (hours, data both ways, data out), public IPv4, endpoints. */
import { Pricer } from "../context";
import { interAzLine, zonesOf } from "./interAz";

/** Gateway endpoints (S3, DynamoDB) cost nothing; interface endpoints are billed per hour and GB. */
const FREE_VPC_ENDPOINT_TYPES = new Set(["Gateway"]);

const natGateway: Pricer = (r, ctx) => {
    const { usage, prices } = ctx;
    if (ctx.regional(r, "natGatewayHourly") === undefined) {
        ctx.missing(r, `no NAT gateway price in ${r.region}`);
        return;
    }
    ctx.line(r, "NAT gateway hours", ctx.hours, "hours", ctx.regional(r, "natGatewayHourly"));
    if (usage.natInboundGb === undefined)
        ctx.line(
            r,
            "NAT gateway data processed",
            usage.natProcessedGb,
            "GB",
            ctx.regional(r, "natGatewayGb"),
        );
    else {
        ctx.line(
            r,
            `NAT gateway data processed (${usage.natProcessedGb} GB out + ${usage.natInboundGb} GB in)`,
            usage.natProcessedGb + usage.natInboundGb,
            "GB",
            ctx.regional(r, "natGatewayGb"),
        );
    }
    // The one NAT gateway sits in one AZ: the instances in the other reach it across AZs, both ways.
    interAzLine(
        ctx,
        r,
        "the NAT gateway",
        usage.natProcessedGb + (usage.natInboundGb ?? 0),
        zonesOf(ctx, r, "subnetId"),
    );
    if (prices.alwaysFreeTier.internetEgressGb === undefined) {
        ctx.line(
            r,
            "data out to the internet",
            usage.internetEgressGb,
            "GB",
            ctx.regional(r, "internetEgressGb"),
        );
        return;
    }
    // The free data-out allowance is account-wide: the first NAT gateway takes it.
    const free = Math.min(ctx.egressFreeGbLeft, usage.internetEgressGb);
    ctx.egressFreeGbLeft -= free;
    ctx.line(
        r,
        `data out to the internet (${usage.internetEgressGb} GB, ${free} GB free)`,
        usage.internetEgressGb - free,
        "GB",
        ctx.regional(r, "internetEgressGb"),
    );
};

const elasticIp: Pricer = (r, ctx) => {
    if (ctx.regional(r, "publicIpv4Hourly") === undefined) {
        ctx.missing(r, `no public IPv4 price in ${r.region}`);
        return;
    }
    ctx.line(r, "public IPv4 address", ctx.hours, "IP-hours", ctx.regional(r, "publicIpv4Hourly"));
};

const vpcEndpoint: Pricer = (r, ctx) => {
    if (FREE_VPC_ENDPOINT_TYPES.has(r.inputs.vpcEndpointType)) ctx.markFree(r);
    else ctx.missing(r, `no price for a ${String(r.inputs.vpcEndpointType ?? "Gateway")} VPC endpoint`);
};

export const NETWORK_PRICERS: Record<string, Pricer> = {
    "aws:ec2/natGateway:NatGateway": natGateway,
    "aws:ec2/eip:Eip": elasticIp,
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
};
