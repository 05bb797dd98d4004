// EC2 and Auto Scaling: prefixed IDs, the launch template's version, the group's ARN.
import { OutputFiller } from "./context";

/** ID prefixes AWS uses, so IDs look (and validate) like the real ones. */
export const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc-",
    "aws:ec2/subnet:Subnet": "subnet-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg-",
    "aws:ec2/internetGateway:InternetGateway": "igw-",
    "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
};

export const EC2_OUTPUTS: Record<string, OutputFiller> = {
    "aws:ec2/launchTemplate:LaunchTemplate": ({ out, id, arn }) => {
        out.latestVersion = 1;
        out.arn = `${arn("ec2")}:launch-template/${id}`;
    },
    "aws:autoscaling/group:Group": ({ out, h, resourceName, arn }) => {
        out.arn = `${arn("autoscaling")}:autoScalingGroup:${h.slice(0, 8)}:autoScalingGroupName/${resourceName}`;
        return resourceName;
    },
};
