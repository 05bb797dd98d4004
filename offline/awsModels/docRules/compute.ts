import { API, DocRule, between, text } from "./rule";

const ELB_LB_ATTRIBUTES =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html";
const ELB_TG_ATTRIBUTES =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html";

/** Security group names and descriptions, and rule descriptions. */
const EC2_GROUP_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const GROUP_TEXT_QUOTE =
    "Constraints: Up to 255 characters in length Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";
const RULE_TEXT_QUOTE =
    "Constraints: Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";

/** Sizes by EBS volume type, in GiB. */
const VOLUME_GIB: Record<string, [number, number]> = {
    gp2: [1, 16384],
    gp3: [1, 65536],
    io1: [4, 16384],
    io2: [4, 65536],
    st1: [125, 16384],
    sc1: [125, 16384],
    standard: [1, 1024],
};

/** EC2 tags (the model gives their Key and Value no limits). */
function ec2Tags(type: string, property = "tags"): DocRule[] {
    const source = API("AWSEC2", "Tag");
    return [
        {
            type,
            property,
            source,
            quote: "Tag keys are case-sensitive and accept a maximum of 127 Unicode characters. May not begin with aws:.",
            check: (tags) =>
                Object.keys(tags as object)
                    .map((k) =>
                        [...k].length > 127
                            ? `key ${k}: at most 127 characters`
                            : /^aws:/i.test(k)
                              ? `key ${k} begins with aws:`
                              : undefined,
                    )
                    .find((p) => p),
        },
        {
            type,
            property,
            source,
            quote: "Tag values are case-sensitive and accept a maximum of 256 Unicode characters.",
            check: (tags) =>
                Object.entries(tags as object)
                    .map(([k, v]) =>
                        [...String(v)].length > 256 ? `value of ${k}: at most 256 characters` : undefined,
                    )
                    .find((p) => p),
        },
    ];
}

/** Documented limits of load balancers, target groups, launch templates, security groups and EC2 tags. */
export const COMPUTE_RULES: readonly DocRule[] = [
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        property: "idleTimeout",
        check: between(1, 4000),
        quote: "idle_timeout.timeout_seconds - The idle timeout value, in seconds. The valid range is 1-4000 seconds.",
        source: ELB_LB_ATTRIBUTES,
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "deregistrationDelay",
        check: between(0, 3600),
        quote: "deregistration_delay.timeout_seconds - … The range is 0-3600 seconds.",
        source: ELB_TG_ATTRIBUTES,
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "stickiness.cookieDuration",
        check: between(1, 604800),
        quote: "stickiness.lb_cookie.duration_seconds - … The range is 1 second to 1 week (604800 seconds).",
        source: ELB_TG_ATTRIBUTES,
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        property: "metadataOptions.httpPutResponseHopLimit",
        check: between(1, 64),
        quote: "Possible values: Integers from 1 to 64",
        source: API("AWSEC2", "LaunchTemplateInstanceMetadataOptionsRequest"),
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        property: "blockDeviceMappings[].ebs",
        check: (ebs) => {
            const { volumeSize, volumeType } = ebs as { volumeSize?: unknown; volumeType?: unknown };
            const range = VOLUME_GIB[String(volumeType ?? "gp2")];
            return volumeSize === undefined || range === undefined
                ? undefined
                : between(range[0], range[1])(volumeSize) &&
                      `volumeSize ${volumeSize}: ${range[0]} to ${range[1]} GiB for ${String(volumeType)}`;
        },
        quote: "The following are the supported volumes sizes for each volume type: gp2 : 1 - 16,384 GiB gp3 : 1 - 65,536 GiB io1 : 4 - 16,384 GiB io2 : 4 - 65,536 GiB st1 and sc1 : 125 - 16,384 GiB standard : 1 - 1024 GiB",
        source: API("AWSEC2", "LaunchTemplateEbsBlockDeviceRequest"),
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        property: "name",
        check: (v) =>
            /^internal-/.test(String(v))
                ? "must not begin with internal-"
                : text(
                      /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
                      32,
                      "letters, digits and hyphens, not at either end",
                  )(v),
        quote: 'This name must be unique per region per account, can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, must not begin or end with a hyphen, and must not begin with "internal-".',
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "name",
        check: text(
            /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
            32,
            "letters, digits and hyphens, not at either end",
        ),
        quote: "This name must be unique per region per account, can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen.",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "name",
        check: (v) =>
            /^sg-/.test(String(v))
                ? "must not start with sg-"
                : text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*")(v),
        quote: "Constraints: Up to 255 characters in length. Can't start with sg- . Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
        source: API("AWSEC2", "CreateSecurityGroup"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "description",
        check: text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*"),
        quote: GROUP_TEXT_QUOTE,
        source: API("AWSEC2", "CreateSecurityGroup"),
    },
    ...[
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ].map((type): DocRule => ({
        type,
        property: "description",
        check: text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*"),
        quote: RULE_TEXT_QUOTE,
        source: API("AWSEC2", "IpRange"),
    })),
    ...[
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:ec2/internetGateway:InternetGateway",
        "aws:ec2/eip:Eip",
        "aws:ec2/natGateway:NatGateway",
        "aws:ec2/routeTable:RouteTable",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "aws:ec2/launchTemplate:LaunchTemplate",
    ].flatMap((t) => ec2Tags(t)),
    ...ec2Tags("aws:ec2/launchTemplate:LaunchTemplate", "tagSpecifications[].tags"),
];
