import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WebTierArgs, WebTierSettings } from "./args";

/** The two security groups of the tier. */
export interface TierSecurityGroups {
    readonly alb: aws.ec2.SecurityGroup;
    readonly app: aws.ec2.SecurityGroup;
}

/**
 * Security groups and their rules, as separate rule resources (never inline). The ALB's one
 * ingress rule comes from {@link admitCloudFront}: its source exists only after the VPC origin.
 */
export function createSecurityGroups(
    name: string,
    args: WebTierArgs,
    s: WebTierSettings,
    parent: pulumi.Resource,
): TierSecurityGroups {
    const tags = s.tags;
    const albSg = new aws.ec2.SecurityGroup(
        `${name}-alb-sg`,
        {
            vpcId: args.vpcId,
            description: "ChatMRPT ALB: from CloudFront VPC origins only",
            tags: { ...tags, Name: `${name}-alb-sg` },
        },
        { parent },
    );
    const appSg = new aws.ec2.SecurityGroup(
        `${name}-app-sg`,
        {
            vpcId: args.vpcId,
            description: "ChatMRPT app instances: app port from the ALB only",
            tags: { ...tags, Name: `${name}-app-sg` },
        },
        { parent },
    );

    new aws.vpc.SecurityGroupEgressRule(
        `${name}-alb-to-app`,
        {
            securityGroupId: albSg.id,
            referencedSecurityGroupId: appSg.id,
            ipProtocol: "tcp",
            fromPort: s.appPort,
            toPort: s.appPort,
            description: "To the app instances",
            tags,
        },
        { parent },
    );
    new aws.vpc.SecurityGroupIngressRule(
        `${name}-app-from-alb`,
        {
            securityGroupId: appSg.id,
            referencedSecurityGroupId: albSg.id,
            ipProtocol: "tcp",
            fromPort: s.appPort,
            toPort: s.appPort,
            description: "App port from the ALB",
            tags,
        },
        { parent },
    );
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-app-to-redis`,
        {
            securityGroupId: appSg.id,
            referencedSecurityGroupId: args.redisSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: 6379,
            toPort: 6379,
            description: "To Redis",
            tags,
        },
        { parent },
    );
    // The app calls LLM APIs, SSM and S3 over HTTPS; nothing else leaves the instance.
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-app-https-out`,
        {
            securityGroupId: appSg.id,
            cidrIpv4: "0.0.0.0/0",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "HTTPS to AWS APIs and LLM providers",
            tags,
        },
        { parent },
    );
    return { alb: albSg, app: appSg };
}

/**
 * The ALB's only ingress rule: the listener port from CloudFront's VPC-origin security
 * group. `dependsOn` must hold the VPC origin, which is what makes AWS create that group.
 * Named by protocol, like the VPC origin: moving to HTTPS creates the 443 rule first and
 * deletes the port 80 one only after the distribution has moved (`up` deletes last).
 */
export function admitCloudFront(
    name: string,
    albSecurityGroupId: pulumi.Input<string>,
    port: 80 | 443,
    tags: Record<string, string>,
    vpcOriginSecurityGroupId: pulumi.Input<string>,
    opts: { parent: pulumi.Resource; dependsOn: pulumi.Resource[] },
): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(
        `${name}-alb-from-cloudfront-${port === 443 ? "https" : "http"}`,
        {
            securityGroupId: albSecurityGroupId,
            referencedSecurityGroupId: vpcOriginSecurityGroupId,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            description: `${port === 443 ? "HTTPS" : "HTTP"} from CloudFront VPC origins`,
            tags,
        },
        opts,
    );
}

/** The instances' role (Session Manager and {@link appAccessPolicy}) and its instance profile. */
export function createInstanceProfile(
    name: string,
    args: WebTierArgs,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): {
    role: aws.iam.Role;
    profile: aws.iam.InstanceProfile;
} {
    const role = new aws.iam.Role(
        `${name}-instance-role`,
        {
            description: "ChatMRPT app instances",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "ec2.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            }),
            tags,
        },
        { parent },
    );
    // Session Manager replaces SSH: no key pair, no port 22.
    new aws.iam.RolePolicyAttachment(
        `${name}-ssm-core`,
        {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        },
        { parent },
    );
    new aws.iam.RolePolicy(
        `${name}-app-access`,
        {
            role: role.id,
            policy: appAccessPolicy(args.redisAuthTokenParameter.arn, args.uploadsBucket?.arn),
        },
        { parent },
    );
    const profile = new aws.iam.InstanceProfile(
        `${name}-instance-profile`,
        { role: role.name, tags },
        { parent },
    );
    return { role, profile };
}

/** Least privilege: the one SSM parameter, and the uploads bucket's objects. */
export function appAccessPolicy(
    parameterArn: pulumi.Input<string>,
    bucketArn?: pulumi.Input<string>,
): pulumi.Output<string> {
    return pulumi.all([parameterArn, bucketArn]).apply(([param, bucket]) => {
        const statements: object[] = [
            { Sid: "ReadRedisAuthToken", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [param] },
        ];
        if (bucket !== undefined) {
            statements.push(
                { Sid: "ListUploads", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucket] },
                {
                    Sid: "ReadWriteUploads",
                    Effect: "Allow",
                    Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                    Resource: [`${bucket}/*`],
                },
            );
        }
        return JSON.stringify({ Version: "2012-10-17", Statement: statements });
    });
}
