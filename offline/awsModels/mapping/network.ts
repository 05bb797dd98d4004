/** The VPC: EC2 operations (EC2 takes tags at creation as TagSpecifications[].Tags[]). */
import { Target, TypeMapping } from "./types";

const EC2_TAGS: Target = { to: "TagSpecifications[].Tags", form: "entries" };

export const NETWORK: Record<string, TypeMapping> = {
    "aws:ec2/vpc:Vpc": {
        operations: ["ec2:CreateVpc"],
        send: { tags: EC2_TAGS },
        notSent: {
            enableDnsHostnames: "a boolean, sent by ModifyVpcAttribute",
            enableDnsSupport: "a boolean, sent by ModifyVpcAttribute",
        },
    },
    "aws:ec2/subnet:Subnet": {
        operations: ["ec2:CreateSubnet"],
        send: { tags: EC2_TAGS },
        notSent: { mapPublicIpOnLaunch: "a boolean, sent by ModifySubnetAttribute" },
    },
    "aws:ec2/internetGateway:InternetGateway": {
        operations: ["ec2:CreateInternetGateway"],
        send: { tags: EC2_TAGS, vpcId: "ec2:AttachInternetGateway VpcId" },
    },
    "aws:ec2/eip:Eip": { operations: ["ec2:AllocateAddress"], send: { tags: EC2_TAGS } },
    "aws:ec2/natGateway:NatGateway": { operations: ["ec2:CreateNatGateway"], send: { tags: EC2_TAGS } },
    "aws:ec2/routeTable:RouteTable": {
        operations: ["ec2:CreateRouteTable"],
        // Each inline route is one CreateRoute call; the CIDR goes as DestinationCidrBlock.
        send: {
            tags: EC2_TAGS,
            routes: "ec2:CreateRoute",
            "routes[].cidrBlock": "ec2:CreateRoute DestinationCidrBlock",
        },
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { operations: ["ec2:AssociateRouteTable"] },
    "aws:ec2/securityGroup:SecurityGroup": {
        operations: ["ec2:CreateSecurityGroup"],
        send: { name: "GroupName", tags: EC2_TAGS },
        notSent: { revokeRulesOnDelete: "provider-only: whether to revoke rules before deleting" },
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        // AWS creates the default group with the VPC; the provider adopts it, tags it and
        // replaces its rules with the (empty) lists given.
        operations: ["ec2:CreateTags"],
        send: {
            tags: { to: "Tags", form: "entries" },
            ingress: "ec2:AuthorizeSecurityGroupIngress IpPermissions",
            egress: "ec2:AuthorizeSecurityGroupEgress IpPermissions",
        },
        notSent: { vpcId: "selects the VPC whose default group is adopted (DescribeSecurityGroups filter)" },
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        operations: ["ec2:AuthorizeSecurityGroupIngress"],
        send: {
            securityGroupId: "GroupId",
            ipProtocol: "IpPermissions[].IpProtocol",
            fromPort: "IpPermissions[].FromPort",
            toPort: "IpPermissions[].ToPort",
            cidrIpv4: "IpPermissions[].IpRanges[].CidrIp",
            cidrIpv6: "IpPermissions[].Ipv6Ranges[].CidrIpv6",
            prefixListId: "IpPermissions[].PrefixListIds[].PrefixListId",
            referencedSecurityGroupId: "IpPermissions[].UserIdGroupPairs[].GroupId",
            // The description goes with the one source the rule has (same String shape in each).
            description: "IpPermissions[].IpRanges[].Description",
            tags: EC2_TAGS,
        },
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        operations: ["ec2:AuthorizeSecurityGroupEgress"],
        send: {
            securityGroupId: "GroupId",
            ipProtocol: "IpPermissions[].IpProtocol",
            fromPort: "IpPermissions[].FromPort",
            toPort: "IpPermissions[].ToPort",
            cidrIpv4: "IpPermissions[].IpRanges[].CidrIp",
            cidrIpv6: "IpPermissions[].Ipv6Ranges[].CidrIpv6",
            prefixListId: "IpPermissions[].PrefixListIds[].PrefixListId",
            referencedSecurityGroupId: "IpPermissions[].UserIdGroupPairs[].GroupId",
            description: "IpPermissions[].IpRanges[].Description",
            tags: EC2_TAGS,
        },
    },
    "aws:ec2/vpcEndpoint:VpcEndpoint": { operations: ["ec2:CreateVpcEndpoint"], send: { tags: EC2_TAGS } },
};
