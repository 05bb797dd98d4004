import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgProblem, throwIfArgProblems } from "./argProblems";

/**
 * Arguments of {@link Network}. Give `vpcId` and both subnet lists to adopt an existing
 * VPC; otherwise give `cidrBlock` and `availabilityZones` to create one. IDs and the region
 * may come from another resource (`pulumi.Input`); the subnet lists are plain lists (their
 * length is checked), and the CIDR block, the zones and the tags are plain because the
 * subnets are carved, named and tagged from them while the component is constructed.
 */
export interface NetworkArgs {
    /** Adopt this VPC instead of creating one. @default - a new VPC is created */
    readonly vpcId?: pulumi.Input<string>;
    /** Public subnets of the adopted VPC (its NAT; the ALB is internal). @default - none; required with vpcId */
    readonly publicSubnetIds?: pulumi.Input<string>[];
    /** Private subnets of the adopted VPC (app instances, Redis). @default - none; required with vpcId */
    readonly privateSubnetIds?: pulumi.Input<string>[];
    /** CIDR block of a new VPC, split into four equal subnets. @default "10.20.0.0/16" */
    readonly cidrBlock?: string;
    /** The two AZs of a new VPC. @default - required when creating */
    readonly availabilityZones?: string[];
    /** Private route tables of the adopted VPC, for the S3 gateway endpoint. @default - none; no endpoint in an adopted VPC */
    readonly privateRouteTableIds?: pulumi.Input<string>[];
    /** Region, for the S3 endpoint's service name. */
    readonly region: pulumi.Input<string>;
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;
}

/** What {@link Network} exposes, adopted or created. */
interface Vpc {
    readonly vpcId: pulumi.Output<string>;
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly s3EndpointId?: pulumi.Output<string>;
}

/**
 * The VPC the app runs in. Creating one gives a public and a private subnet in each
 * of two AZs and a single NAT gateway (one, not two: it is the cost the budget
 * allows; losing its AZ stops outbound calls until it is back, not inbound traffic).
 * S3 traffic skips the NAT through a gateway endpoint on the private route tables (free,
 * and it keeps working when the NAT's AZ is down).
 *
 * Built from plain aws resources rather than awsx.ec2.Vpc so that the NAT gateway,
 * routes and subnets are visible to the policy pack and the cost estimate.
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly publicSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    /** True when the VPC was adopted rather than created. */
    public readonly adopted: boolean;
    /** The S3 gateway endpoint's ID. @default - undefined when an adopted VPC gives no route tables */
    public readonly s3EndpointId?: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:network:Network", name, {}, opts);
        validateNetworkArgs(args);
        this.adopted = args.vpcId !== undefined;
        const vpc = this.adopted ? adoptVpc(name, args, this) : createVpc(name, args, this);
        this.vpcId = vpc.vpcId;
        this.publicSubnetIds = vpc.publicSubnetIds;
        this.privateSubnetIds = vpc.privateSubnetIds;
        this.s3EndpointId = vpc.s3EndpointId;
        this.registerOutputs({
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
        });
    }
}

/** An existing VPC: its IDs as given, and an S3 endpoint on its private route tables when it gives any. */
function adoptVpc(name: string, args: NetworkArgs, parent: pulumi.Resource): Vpc {
    const vpcId = pulumi.output(args.vpcId!);
    const routeTables = args.privateRouteTableIds ?? [];
    return {
        vpcId,
        publicSubnetIds: (args.publicSubnetIds ?? []).map((id) => pulumi.output(id)),
        privateSubnetIds: (args.privateSubnetIds ?? []).map((id) => pulumi.output(id)),
        s3EndpointId:
            routeTables.length > 0
                ? s3GatewayEndpoint(name, args.vpcId!, routeTables, args.region, args.tags ?? {}, parent).id
                : undefined,
    };
}

/** A new VPC: two public and two private subnets, one NAT gateway and the S3 endpoint. */
function createVpc(name: string, args: NetworkArgs, parent: pulumi.Resource): Vpc {
    const tags = args.tags ?? {};
    const cidrBlock = args.cidrBlock ?? "10.20.0.0/16";
    const zones = args.availabilityZones ?? [];
    const [publicCidrs, privateCidrs] = splitCidr(cidrBlock);
    const vpc = new aws.ec2.Vpc(
        `${name}-vpc`,
        {
            cidrBlock,
            enableDnsHostnames: true,
            enableDnsSupport: true,
            tags: { ...tags, Name: `${name}-vpc` },
        },
        { parent },
    );
    // AWS gives every VPC a default group admitting its own members and all egress, and
    // anything launched without groups lands in it. Adopted with no rules, it admits nothing.
    new aws.ec2.DefaultSecurityGroup(
        `${name}-default-sg`,
        { vpcId: vpc.id, ingress: [], egress: [], tags: { ...tags, Name: `${name}-default-sg` } },
        { parent },
    );
    const igw = new aws.ec2.InternetGateway(
        `${name}-igw`,
        { vpcId: vpc.id, tags: { ...tags, Name: `${name}-igw` } },
        { parent },
    );
    const publicRoutes = routeTable(`${name}-public-rt`, vpc, { gatewayId: igw.id }, tags, parent);
    const publicSubnets = subnets(name, "public", vpc, zones, publicCidrs, publicRoutes, tags, parent);
    const natIp = new aws.ec2.Eip(
        `${name}-nat-eip`,
        { domain: "vpc", tags: { ...tags, Name: `${name}-nat` } },
        { parent },
    );
    const nat = new aws.ec2.NatGateway(
        `${name}-nat`,
        { subnetId: publicSubnets[0].id, allocationId: natIp.id, tags: { ...tags, Name: `${name}-nat` } },
        { parent, dependsOn: [igw] },
    );
    const privateRoutes = routeTable(`${name}-private-rt`, vpc, { natGatewayId: nat.id }, tags, parent);
    const privateSubnets = subnets(name, "private", vpc, zones, privateCidrs, privateRoutes, tags, parent);
    return {
        vpcId: vpc.id,
        publicSubnetIds: publicSubnets.map((s) => s.id),
        privateSubnetIds: privateSubnets.map((s) => s.id),
        s3EndpointId: s3GatewayEndpoint(name, vpc.id, [privateRoutes.id], args.region, tags, parent).id,
    };
}

/** A route table whose default route (0.0.0.0/0) goes to `target` (the internet gateway or the NAT). */
function routeTable(
    name: string,
    vpc: aws.ec2.Vpc,
    target: { gatewayId?: pulumi.Input<string>; natGatewayId?: pulumi.Input<string> },
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.RouteTable {
    return new aws.ec2.RouteTable(
        name,
        { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", ...target }], tags: { ...tags, Name: name } },
        { parent },
    );
}

/** One subnet of a tier per zone, each associated with the tier's route table. */
function subnets(
    name: string,
    tier: "public" | "private",
    vpc: aws.ec2.Vpc,
    zones: string[],
    cidrs: string[],
    routes: aws.ec2.RouteTable,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.Subnet[] {
    return zones.map((az, i) => {
        const subnet = new aws.ec2.Subnet(
            `${name}-${tier}-${i + 1}`,
            {
                vpcId: vpc.id,
                cidrBlock: cidrs[i],
                availabilityZone: az,
                // Nothing in the public subnets needs a public IP but the ALB and the NAT.
                mapPublicIpOnLaunch: false,
                tags: { ...tags, Name: `${name}-${tier}-${az}`, Tier: tier },
            },
            { parent },
        );
        new aws.ec2.RouteTableAssociation(
            `${name}-${tier}-${i + 1}`,
            { subnetId: subnet.id, routeTableId: routes.id },
            { parent },
        );
        return subnet;
    });
}

/**
 * S3 through a gateway endpoint: no NAT processing charge, no hourly charge. No endpoint
 * policy (full access, the default): the instance role already limits the app to its
 * bucket, and the OS package repositories and the SSM agent also fetch from AWS-owned
 * buckets that a policy naming only ours would cut off.
 */
function s3GatewayEndpoint(
    name: string,
    vpcId: pulumi.Input<string>,
    routeTableIds: pulumi.Input<string>[],
    region: pulumi.Input<string>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.ec2.VpcEndpoint {
    return new aws.ec2.VpcEndpoint(
        `${name}-s3-endpoint`,
        {
            vpcId,
            // A plain region stays a plain string: an Output delays the registration and reorders the plan.
            serviceName:
                typeof region === "string"
                    ? `com.amazonaws.${region}.s3`
                    : pulumi.interpolate`com.amazonaws.${region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds,
            tags: { ...tags, Name: `${name}-s3` },
        },
        { parent },
    );
}

/** Throws when the args neither fully adopt nor fully create a VPC. */
export function validateNetworkArgs(args: NetworkArgs): void {
    throwIfArgProblems(networkArgProblems(args));
}

/** What {@link validateNetworkArgs} refuses, as data. */
export function networkArgProblems(args: NetworkArgs): ArgProblem[] {
    const problems: ArgProblem[] = [];
    if (args.vpcId !== undefined) {
        for (const key of ["publicSubnetIds", "privateSubnetIds"] as const) {
            const ids = args[key] ?? [];
            if (ids.length < 2)
                problems.push({
                    arg: key,
                    // An Output has no text yet: say how many were given.
                    value: ids.every((id) => typeof id === "string")
                        ? JSON.stringify(ids)
                        : `${ids.length} given`,
                    allowed: "must list at least 2 subnets when vpcId is given",
                });
        }
        if (args.cidrBlock !== undefined)
            problems.push({
                arg: "cidrBlock",
                value: args.cidrBlock,
                allowed: `must not be given with vpcId${typeof args.vpcId === "string" ? ` (${args.vpcId})` : ""}`,
            });
        return problems;
    }
    const zones = args.availabilityZones ?? [];
    if (zones.length !== 2)
        problems.push({
            arg: "availabilityZones",
            value: JSON.stringify(zones),
            allowed: "must list exactly 2 AZs",
        });
    if (new Set(zones).size !== zones.length)
        problems.push({
            arg: "availabilityZones",
            value: JSON.stringify(zones),
            allowed: "must be distinct",
        });
    const cidrProblem = splitCidrProblem(args.cidrBlock ?? "10.20.0.0/16");
    if (cidrProblem) problems.push(cidrProblem);
    return problems;
}

/** Why a block cannot be split into four subnets, or undefined. */
function splitCidrProblem(cidrBlock: string): ArgProblem | undefined {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidrBlock);
    if (!match)
        return {
            arg: "cidrBlock",
            value: cidrBlock,
            allowed: "must be an IPv4 CIDR block such as 10.20.0.0/16",
        };
    const prefix = Number(match[5]);
    if (prefix < 16 || prefix > 26)
        return {
            arg: "cidrBlock",
            value: cidrBlock,
            allowed: "must have a prefix from /16 to /26 to split into four subnets",
        };
    return undefined;
}

/**
 * Splits a VPC block into four equal quarters: two public subnets then two private.
 * `10.20.0.0/16` → public 10.20.0.0/18, 10.20.64.0/18; private 10.20.128.0/18, 10.20.192.0/18.
 */
export function splitCidr(cidrBlock: string): [string[], string[]] {
    throwIfArgProblems([splitCidrProblem(cidrBlock)].filter((p) => p !== undefined));
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidrBlock)!;
    const prefix = Number(match[5]);
    const base = match
        .slice(1, 5)
        .map(Number)
        .reduce((acc, o) => acc * 256 + o, 0);
    const quarter = 2 ** (32 - prefix - 2);
    const toCidr = (n: number) =>
        [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".") + `/${prefix + 2}`;
    const subnets = [0, 1, 2, 3].map((i) => toCidr(base + i * quarter));
    return [subnets.slice(0, 2), subnets.slice(2)];
}
