/** The config spec's keys of one section (stacks/configSpec.ts): The network: a VPC the stack creates, or one it adopts. */
import * as v from "../validate";
import { KeyDef, prod } from "./keySpec";

export const NETWORK_KEYS = {
    vpcCidr: {
        kind: "string",
        check: v.checkVpcCidr,
        allowed: "an IPv4 CIDR block from /16 to /20",
        default: prod("10.20.0.0/16"),
        meaning: "The block of the VPC the stack creates (four subnets are cut from it).",
        args: ["network.cidrBlock"],
    },
    availabilityZones: {
        kind: "list",
        allowed: "exactly 2 availability zones of aws:region",
        defaultText: "the region's first two",
        meaning: "The zones of the VPC the stack creates.",
        args: ["network.availabilityZones"],
    },
    vpcId: {
        kind: "string",
        check: (s) => v.checkAwsId(s, "vpc"),
        allowed: "vpc-xxxxxxxx",
        defaultText: "none",
        meaning: "Adopt this existing VPC (with its subnets) instead of creating one.",
    },
    publicSubnetIds: {
        kind: "list",
        check: (s) => v.checkAwsId(s, "subnet"),
        allowed: "2 or more subnet-xxxxxxxx",
        meaning: "With vpcId: the public subnets (the NAT side).",
        args: ["network.publicSubnetIds"],
    },
    privateSubnetIds: {
        kind: "list",
        check: (s) => v.checkAwsId(s, "subnet"),
        allowed: "2 or more subnet-xxxxxxxx",
        meaning: "With vpcId: the private subnets of the ALB, instances and Redis.",
        args: ["network.privateSubnetIds", "webTier.privateSubnetIds", "cache.subnetIds"],
    },
    privateRouteTableIds: {
        kind: "list",
        check: (s) => v.checkAwsId(s, "rtb"),
        allowed: "rtb-xxxxxxxx, with vpcId only",
        meaning:
            "With vpcId: the private subnets' route tables, which get the S3 gateway endpoint (none without them).",
    },
} as const satisfies Record<string, KeyDef>;
