import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WebTierSettings } from "./args";
import { TierLoadBalancer } from "./loadBalancer";
import { requestsPerTargetPerMinute } from "./rules";

/**
 * The Auto Scaling group on the launch template, behind the target group, with its rolling
 * instance refresh, and its two target-tracking policies (requests per instance, then CPU).
 */
export function createScaling(
    name: string,
    privateSubnetIds: pulumi.Input<string>[],
    s: WebTierSettings,
    launchTemplate: aws.ec2.LaunchTemplate,
    lb: TierLoadBalancer,
    parent: pulumi.Resource,
): aws.autoscaling.Group {
    const group = new aws.autoscaling.Group(
        `${name}-asg`,
        {
            vpcZoneIdentifiers: privateSubnetIds,
            minSize: s.minSize,
            maxSize: s.maxSize,
            desiredCapacity: s.desiredCapacity,
            // A numbered version (never $Latest, for which the provider starts no refresh): a new
            // one is a change of this group, which starts the refresh.
            launchTemplate: {
                id: launchTemplate.id,
                version: launchTemplate.latestVersion.apply((v) => `${v}`),
            },
            targetGroupArns: [lb.targetGroup.arn],
            healthCheckType: "ELB",
            healthCheckGracePeriod: s.gracePeriod,
            defaultInstanceWarmup: s.gracePeriod,
            // Creating the group, `up` fails unless minSize instances pass the target group's
            // /health check; twice the grace period covers boot, the bounded SSM fetch and two
            // healthy checks, so a broken image fails in minutes. minElbCapacity, not
            // waitForElbCapacity: on updates the provider would wait for *exactly* that many
            // healthy targets, which a scaled-out group or a refresh (old + new) never has.
            // Updates are watched by the deploy workflow (the instance refresh) instead.
            minElbCapacity: s.minSize,
            waitForCapacityTimeout: `${Math.ceil((2 * s.gracePeriod) / 60)}m`,
            enabledMetrics: [
                "GroupInServiceInstances",
                "GroupDesiredCapacity",
                "GroupMinSize",
                "GroupMaxSize",
                "GroupTotalInstances",
            ],
            instanceRefresh: {
                strategy: "Rolling",
                // Launch before terminate: capacity never drops below the minimum during a refresh,
                // and instances of an image that never passes /health never replace healthy ones.
                // No autoRollback: AWS would allow it (literal AMI, numbered version), but the
                // provider moves the group to the new version before it starts the refresh, so a
                // "rollback" returns to the same bad version and replaces instances in a loop
                // (terraform-provider-aws#34189). Rollback is pinning the previous AMI instead.
                // `up` does not wait for the refresh: the deploy workflow does, and fails with it.
                preferences: {
                    minHealthyPercentage: 100,
                    maxHealthyPercentage: 200,
                    instanceWarmup: `${s.gracePeriod}`,
                    autoRollback: false,
                },
            },
            tags: Object.entries({ ...s.tags, Name: `${name}-app` }).map(([key, value]) => ({
                key,
                value,
                propagateAtLaunch: true,
            })),
        },
        {
            parent,
            // Scaling owns the desired count after creation; `pulumi up` must not reset it.
            ignoreChanges: ["desiredCapacity"],
            // Health checks (and so the capacity wait) start once the listener forwards to the group.
            dependsOn: [lb.listener],
        },
    );

    // Workers wait on LLM APIs at low CPU: scale on requests per instance first.
    // Several target-tracking policies: out when any says so, in only when all agree.
    // Each policy makes two CloudWatch alarms of its own (AWS-managed, billed as alarms).
    new aws.autoscaling.Policy(
        `${name}-request-tracking`,
        {
            autoscalingGroupName: group.name,
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: {
                    predefinedMetricType: "ALBRequestCountPerTarget",
                    // app/<alb>/<id>/targetgroup/<tg>/<id>: the target group must be attached to the group.
                    resourceLabel: pulumi.interpolate`${lb.alb.arnSuffix}/${lb.targetGroup.arnSuffix}`,
                },
                targetValue: requestsPerTargetPerMinute(s.appWorkers, s.typicalAnswerSeconds),
            },
        },
        { parent, dependsOn: [lb.listener] },
    );
    new aws.autoscaling.Policy(
        `${name}-cpu-tracking`,
        {
            autoscalingGroupName: group.name,
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: s.cpuTargetPercent,
            },
        },
        { parent },
    );
    return group;
}
