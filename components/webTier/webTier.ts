import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { admitCloudFront, createInstanceProfile, createSecurityGroups } from "./access";
import { WebTierArgs, webTierSettings } from "./args";
import { createLaunchTemplate } from "./launchTemplate";
import { createLoadBalancer } from "./loadBalancer";
import { requestsPerTargetPerMinute, validateWebTierArgs } from "./rules";
import { createScaling } from "./scaling";

/**
 * Internal ALB (no public address; reachable only from CloudFront's VPC-origin security
 * group once {@link WebTier.admitCloudFront} is called), launch template and Auto
 * Scaling group of the app. Every app instance gets the same single
 * security group from the launch template: the drift that cut one staging server off
 * from Redis cannot happen.
 */
export class WebTier extends pulumi.ComponentResource {
    public readonly albSecurityGroupId: pulumi.Output<string>;
    public readonly appSecurityGroupId: pulumi.Output<string>;
    public readonly albArn: pulumi.Output<string>;
    public readonly albArnSuffix: pulumi.Output<string>;
    public readonly albDnsName: pulumi.Output<string>;
    public readonly albZoneId: pulumi.Output<string>;
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    public readonly autoScalingGroupName: pulumi.Output<string>;
    public readonly instanceRoleName: pulumi.Output<string>;
    public readonly launchTemplateId: pulumi.Output<string>;
    public readonly minSize: number;
    public readonly maxSize: number;
    public readonly instanceType: string;
    /** The `ALBRequestCountPerTarget` target (requests per instance per minute). */
    public readonly requestsPerTargetPerMinute: number;
    /** The AMI ID the launch template holds (resolved from SSM when `ami` is a parameter). */
    public readonly imageId: pulumi.Output<string>;
    /** The one port the ALB listens on: 443 with a certificate, else 80. */
    public readonly listenerPort: 80 | 443;
    private readonly albSg: aws.ec2.SecurityGroup;
    private readonly tags: Record<string, string>;
    private readonly name: string;

    constructor(name: string, args: WebTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:web:WebTier", name, {}, opts);
        const s = webTierSettings(args);
        validateWebTierArgs({ ...s, ami: args.ami, privateSubnetCount: args.privateSubnetIds.length });
        this.minSize = s.minSize;
        this.maxSize = s.maxSize;
        this.instanceType = s.instanceType;
        this.listenerPort = args.certificateArn === undefined ? 80 : 443;
        this.tags = s.tags;
        this.name = name;
        this.requestsPerTargetPerMinute = requestsPerTargetPerMinute(s.appWorkers, s.typicalAnswerSeconds);

        // Registered in this order (security groups, load balancer, IAM, launch template,
        // scaling): the plan lists a component's children as they were registered.
        const groups = createSecurityGroups(name, args, s, this);
        this.albSg = groups.alb;
        const lb = createLoadBalancer(name, args, s, groups.alb.id, this);
        const { role, profile } = createInstanceProfile(name, args, s.tags, this);
        const { launchTemplate, image } = createLaunchTemplate(
            name,
            args,
            s,
            { appSecurityGroupId: groups.app.id, instanceProfileArn: profile.arn },
            this,
        );
        const group = createScaling(name, args.privateSubnetIds, s, launchTemplate, lb, this);

        this.albSecurityGroupId = groups.alb.id;
        this.appSecurityGroupId = groups.app.id;
        this.albArn = lb.alb.arn;
        this.albArnSuffix = lb.alb.arnSuffix;
        this.albDnsName = lb.alb.dnsName;
        this.albZoneId = lb.alb.zoneId;
        this.targetGroupArnSuffix = lb.targetGroup.arnSuffix;
        this.autoScalingGroupName = group.name;
        this.instanceRoleName = role.name;
        this.launchTemplateId = launchTemplate.id;
        this.imageId = image.imageId;
        this.registerOutputs({
            albSecurityGroupId: this.albSecurityGroupId,
            appSecurityGroupId: this.appSecurityGroupId,
            albArn: this.albArn,
            albDnsName: this.albDnsName,
            autoScalingGroupName: this.autoScalingGroupName,
            imageId: this.imageId,
        });
    }

    /** The ALB's only ingress rule, from CloudFront's VPC-origin security group (see {@link admitCloudFront}). */
    admitCloudFront(
        vpcOriginSecurityGroupId: pulumi.Input<string>,
        dependsOn: pulumi.Resource[],
    ): aws.vpc.SecurityGroupIngressRule {
        return admitCloudFront(
            this.name,
            this.albSg.id,
            this.listenerPort,
            this.tags,
            vpcOriginSecurityGroupId,
            { parent: this, dependsOn },
        );
    }
}
