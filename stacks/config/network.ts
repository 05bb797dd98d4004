/** The network section: create a VPC (vpcCidr, availabilityZones) or adopt one (vpcId and its subnets). */
import { AZ_LETTERS_BY_REGION } from "../awsFacts";
import * as v from "../validate";
import { NAMESPACE, Reader } from "./reader";
import { NetworkConfig } from "./types";

export function readNetwork(r: Reader, region: string | undefined): NetworkConfig {
    const vpcId = r.optional("vpcId");
    const publicSubnetIds = r.list("publicSubnetIds");
    const privateSubnetIds = r.list("privateSubnetIds");
    if (vpcId !== undefined || publicSubnetIds.length > 0 || privateSubnetIds.length > 0) {
        return readAdoptedNetwork(r, vpcId, publicSubnetIds, privateSubnetIds);
    }
    const routeTables = r.explicit("privateRouteTableIds");
    if (routeTables !== undefined) {
        r.problem(
            `${NAMESPACE}:privateRouteTableIds (${routeTables}): only applies when adopting a VPC (vpcId); a created VPC's route tables are found by the program`,
        );
    }
    const cidrBlock = r.string("vpcCidr") ?? "";
    if (cidrBlock && !v.checkVpcCidr(cidrBlock) && Number(cidrBlock.split("/")[1]) > 20) {
        r.keyProblem("vpcCidr", cidrBlock, "must be /20 or larger to hold four /22 subnets");
    }
    let availabilityZones = r.list("availabilityZones", (s) =>
        region ? v.checkAvailabilityZone(s, region) : "cannot be checked without a valid aws:region",
    );
    // By default the region's first two AZs (not every region has a "b": ap-northeast-1 does not).
    if (availabilityZones.length === 0 && region)
        availabilityZones = [...(AZ_LETTERS_BY_REGION[region] ?? "ab").slice(0, 2)].map(
            (l) => `${region}${l}`,
        );
    if (availabilityZones.length !== 2) {
        r.keyProblem("availabilityZones", JSON.stringify(availabilityZones), "must list exactly 2 AZs");
    }
    return { mode: "create", cidrBlock, availabilityZones };
}

/** Adopting: the ALB and the Auto Scaling group each need two AZs' worth of subnets. */
function readAdoptedNetwork(
    r: Reader,
    vpcId: string | undefined,
    publicSubnetIds: string[],
    privateSubnetIds: string[],
): NetworkConfig {
    if (vpcId === undefined) r.problem(`${NAMESPACE}:vpcId (unset): is required when subnet IDs are given`);
    for (const id of publicSubnetIds.filter((s) => privateSubnetIds.includes(s))) {
        r.keyProblem(
            "privateSubnetIds",
            id,
            `is also in ${NAMESPACE}:publicSubnetIds; a subnet is either public or private`,
        );
    }
    for (const [key, ids] of [
        ["publicSubnetIds", publicSubnetIds],
        ["privateSubnetIds", privateSubnetIds],
    ] as const) {
        if (ids.length < 2)
            r.keyProblem(
                key,
                JSON.stringify(ids),
                "must list at least 2 subnets in different AZs when adopting a VPC",
            );
    }
    const cidr = r.explicit("vpcCidr");
    if (cidr !== undefined) r.keyProblem("vpcCidr", cidr, "must not be set when adopting a VPC (vpcId)");
    // The S3 gateway endpoint goes on these (an adopted VPC's routes are not ours to find).
    const privateRouteTableIds = r.list("privateRouteTableIds");
    return { mode: "adopt", vpcId: vpcId ?? "", publicSubnetIds, privateSubnetIds, privateRouteTableIds };
}
