import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WebTierArgs, WebTierSettings } from "./args";
import { ALB_TLS_POLICY } from "./rules";

/** The internal ALB, its target group and its one listener. */
export interface TierLoadBalancer {
    readonly alb: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly listener: aws.lb.Listener;
}

/** The ALB (internal, behind `albSecurityGroupId`), the app's target group and the listener forwarding to it. */
export function createLoadBalancer(
    name: string,
    args: WebTierArgs,
    s: WebTierSettings,
    albSecurityGroupId: pulumi.Input<string>,
    parent: pulumi.Resource,
): TierLoadBalancer {
    const tags = s.tags;
    const alb = new aws.lb.LoadBalancer(
        `${name}-alb`,
        {
            loadBalancerType: "application",
            // Internal: private addresses only, no public IPv4; CloudFront comes in through a VPC origin.
            internal: true,
            securityGroups: [albSecurityGroupId],
            subnets: args.privateSubnetIds,
            dropInvalidHeaderFields: true,
            enableDeletionProtection: true,
            idleTimeout: s.albIdleTimeoutSeconds,
            accessLogs:
                args.accessLogsBucket === undefined
                    ? undefined
                    : {
                          bucket: args.accessLogsBucket,
                          prefix: args.accessLogsPrefix ?? "alb",
                          enabled: true,
                      },
            tags,
        },
        { parent },
    );

    const targetGroup = new aws.lb.TargetGroup(
        `${name}-tg`,
        {
            vpcId: args.vpcId,
            port: s.appPort,
            protocol: "HTTP",
            targetType: "instance",
            // Long enough for the longest answer CloudFront still waits for (its origin read
            // timeout), short enough to keep a refresh step or a rollback inside 2 minutes.
            deregistrationDelay: s.deregistrationDelaySeconds,
            // Uploaded files still live on the instance that received them: keep a user on it
            // (CloudFront forwards all cookies, so the ALB's AWSALB cookie reaches it).
            stickiness:
                s.stickinessSeconds > 0
                    ? { enabled: true, type: "lb_cookie", cookieDuration: s.stickinessSeconds }
                    : { enabled: false, type: "lb_cookie" },
            healthCheck: {
                enabled: true,
                path: s.healthCheckPath,
                protocol: "HTTP",
                matcher: "200",
                interval: 15,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
            },
            tags,
        },
        { parent },
    );

    // One listener, forwarding: the security group already admits CloudFront's VPC-origin
    // interfaces only. No origin secret header: see docs/deploying.md ("Why no secret origin header").
    const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
    const listener =
        args.certificateArn === undefined
            ? new aws.lb.Listener(
                  `${name}-http`,
                  { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags },
                  { parent },
              )
            : new aws.lb.Listener(
                  `${name}-https`,
                  {
                      loadBalancerArn: alb.arn,
                      port: 443,
                      protocol: "HTTPS",
                      sslPolicy: ALB_TLS_POLICY,
                      certificateArn: args.certificateArn,
                      defaultActions: forward,
                      tags,
                  },
                  { parent },
              );
    return { alb, targetGroup, listener };
}
