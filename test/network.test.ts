import * as assert from "assert";
import { Network, splitCidr, validateNetworkArgs } from "../components/network";
import { OfflineRun, runOffline } from "../offline/engine/mockRuntime";
import { named, ofType, runProdOk } from "./helpers";

describe("Network", () => {
    describe("created (prod)", () => {
        let run: OfflineRun<unknown>;
        before(async () => {
            run = await runProdOk();
        });

        it("splits 10.20.0.0/16 into two public and two private subnets across two AZs", () => {
            const subnets = ofType(run, "aws:ec2/subnet:Subnet").map((s) => [
                s.name,
                s.inputs.cidrBlock,
                s.inputs.availabilityZone,
                s.inputs.mapPublicIpOnLaunch,
            ]);
            assert.deepStrictEqual(subnets.sort(), [
                ["chatmrpt-network-private-1", "10.20.128.0/18", "us-east-2a", false],
                ["chatmrpt-network-private-2", "10.20.192.0/18", "us-east-2b", false],
                ["chatmrpt-network-public-1", "10.20.0.0/18", "us-east-2a", false],
                ["chatmrpt-network-public-2", "10.20.64.0/18", "us-east-2b", false],
            ]);
        });

        it("routes private subnets through one NAT gateway and public ones through the internet gateway", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-network-private-rt").inputs.routes, [
                { cidrBlock: "0.0.0.0/0", natGatewayId: named(run, "chatmrpt-network-nat").id },
            ]);
            assert.deepStrictEqual(named(run, "chatmrpt-network-public-rt").inputs.routes, [
                { cidrBlock: "0.0.0.0/0", gatewayId: named(run, "chatmrpt-network-igw").id },
            ]);
            assert.strictEqual(
                named(run, "chatmrpt-network-nat").inputs.subnetId,
                named(run, "chatmrpt-network-public-1", "aws:ec2/subnet:Subnet").id,
            );
        });

        it("sends S3 traffic through a gateway endpoint on the private route table, not the NAT", () => {
            const endpoints = ofType(run, "aws:ec2/vpcEndpoint:VpcEndpoint");
            assert.deepStrictEqual(
                endpoints.map((e) => ({
                    name: e.name,
                    vpc: e.inputs.vpcId,
                    service: e.inputs.serviceName,
                    type: e.inputs.vpcEndpointType,
                    routes: e.inputs.routeTableIds,
                    policy: e.inputs.policy,
                })),
                [
                    {
                        name: "chatmrpt-network-s3-endpoint",
                        vpc: named(run, "chatmrpt-network-vpc").id,
                        service: "com.amazonaws.us-east-2.s3",
                        type: "Gateway",
                        routes: [named(run, "chatmrpt-network-private-rt").id],
                        policy: undefined,
                    },
                ],
            );
        });

        it("adopts the VPC's default security group with no rules, so nothing can land in an open group", () => {
            const sg = named(run, "chatmrpt-network-default-sg");
            assert.strictEqual(sg.type, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.deepStrictEqual(
                [sg.inputs.vpcId, sg.inputs.ingress, sg.inputs.egress],
                [named(run, "chatmrpt-network-vpc").id, [], []],
            );
        });
    });

    describe("adopted", () => {
        let run: OfflineRun<unknown>;
        before(async () => {
            run = await runProdOk({
                "chatmrpt:vpcId": "vpc-0123456789abcdef0",
                "chatmrpt:publicSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef0",
                    "subnet-0123456789abcdef1",
                ]),
                "chatmrpt:privateSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef2",
                    "subnet-0123456789abcdef3",
                ]),
                "chatmrpt:privateRouteTableIds": JSON.stringify([
                    "rtb-0123456789abcdef0",
                    "rtb-0123456789abcdef1",
                ]),
            });
        });

        it("puts the S3 gateway endpoint on the route tables it is given", () => {
            const endpoint = named(run, "chatmrpt-network-s3-endpoint");
            assert.deepStrictEqual(
                [endpoint.inputs.vpcId, endpoint.inputs.vpcEndpointType, endpoint.inputs.routeTableIds],
                ["vpc-0123456789abcdef0", "Gateway", ["rtb-0123456789abcdef0", "rtb-0123456789abcdef1"]],
            );
        });

        it("creates no endpoint in an adopted VPC without route tables (they are not the program's to find)", async () => {
            const alone = await runOffline(
                () =>
                    new Network("n", {
                        vpcId: "vpc-1",
                        publicSubnetIds: ["subnet-1", "subnet-2"],
                        privateSubnetIds: ["subnet-3", "subnet-4"],
                        region: "us-east-2",
                    }),
                { config: { "aws:region": "us-east-2" }, withStack: false },
            );
            assert.deepStrictEqual(
                alone.resources.filter((r) => r.custom).map((r) => r.type),
                [],
            );
        });

        it("creates no VPC, subnet, route or NAT", () => {
            const networkTypes = run.resources.filter((r) =>
                /^aws:ec2\/(vpc|subnet|routeTable|routeTableAssociation|natGateway|eip|internetGateway|defaultSecurityGroup):/.test(
                    r.type,
                ),
            );
            assert.deepStrictEqual(
                networkTypes.map((r) => r.name),
                [],
            );
        });

        it("places the internal ALB, the instances and Redis in the given private subnets", () => {
            assert.deepStrictEqual(named(run, "chatmrpt-web-alb").inputs.subnets, [
                "subnet-0123456789abcdef2",
                "subnet-0123456789abcdef3",
            ]);
            assert.deepStrictEqual(named(run, "chatmrpt-web-asg").inputs.vpcZoneIdentifiers, [
                "subnet-0123456789abcdef2",
                "subnet-0123456789abcdef3",
            ]);
            assert.deepStrictEqual(named(run, "chatmrpt-cache-subnets").inputs.subnetIds, [
                "subnet-0123456789abcdef2",
                "subnet-0123456789abcdef3",
            ]);
            assert.strictEqual(named(run, "chatmrpt-web-app-sg").inputs.vpcId, "vpc-0123456789abcdef0");
        });
    });

    describe("splitCidr and validation", () => {
        it("splits a /20 into four /22", () =>
            assert.deepStrictEqual(splitCidr("10.1.16.0/20"), [
                ["10.1.16.0/22", "10.1.20.0/22"],
                ["10.1.24.0/22", "10.1.28.0/22"],
            ]));
        it("fails on one AZ", () =>
            assert.throws(
                () => validateNetworkArgs({ availabilityZones: ["us-east-2a"], region: "us-east-2" }),
                { message: 'availabilityZones (["us-east-2a"]) must list exactly 2 AZs' },
            ));
        it("fails on adopting without subnets", () =>
            assert.throws(() => validateNetworkArgs({ vpcId: "vpc-1", region: "us-east-2" }), {
                message: "publicSubnetIds ([]) must list at least 2 subnets when vpcId is given",
            }));
    });
});
