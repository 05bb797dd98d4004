import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { elements, peek, peekPath, UNKNOWN } from "../lib/known";
import { show, T } from "../lib/types";
import { ofType, pointingAt } from "../lib/stackIndex";

/** Resources that attach a target group to an Auto Scaling group from outside it. */
const ATTACHMENTS = [
    "aws:autoscaling/attachment:Attachment",
    "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment",
];

/** True when the ASG is in a target group: its own list, or an attachment resource. */
function inTargetGroup(
    asg: PolicyResource,
    groups: PolicyResource[],
    attachments: PolicyResource[],
): boolean {
    const own = peek(asg.props, "targetGroupArns");
    if (own === UNKNOWN || elements(own).length > 0) return true;
    const traffic = peek(asg.props, "trafficSources");
    if (traffic === UNKNOWN || elements(traffic).length > 0) return true;
    return pointingAt(attachments, "autoscalingGroupName", asg, groups, ["name", "id"]).length > 0;
}

/** A policy that scales on requests per target, read from its predefined or customised metric. */
function scalesOnRequests(policy: PolicyResource, metricNames: string[]): boolean | undefined {
    const config = peek(policy.props, "targetTrackingConfiguration");
    if (config === UNKNOWN) return undefined;
    if (peek(policy.props, "enabled") === false) return false;
    if (peek(policy.props, "policyType") !== "TargetTrackingScaling") return false;
    const predefined = peekPath(config, "predefinedMetricSpecification", "predefinedMetricType");
    const custom = peekPath(config, "customizedMetricSpecification", "metricName");
    return metricNames.some((n) => n === predefined || n === custom);
}

export const asgElbHealthAndRequestScaling: StackValidationPolicy = {
    name: "asg-elb-health-and-request-scaling",
    description:
        "Checks that every Auto Scaling group is in a load balancer target group, replaces instances the load balancer finds unhealthy (health check type ELB), and has an enabled target-tracking policy on requests per target.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requestMetrics: {
                type: "array",
                items: { type: "string" },
                default: ["ALBRequestCountPerTarget", "RequestCountPerTarget"],
            },
        },
    },
    validateStack: (args, report) => {
        const { requestMetrics } = args.getConfig<{ requestMetrics: string[] }>();
        const groups = ofType(args.resources, T.autoScalingGroup);
        const attachments = ofType(args.resources, ATTACHMENTS);
        const policies = ofType(args.resources, ["aws:autoscaling/policy:Policy"]);
        for (const asg of groups) {
            if (!inTargetGroup(asg, groups, attachments))
                report(
                    `Auto Scaling group ${asg.name} must be in a load balancer target group; found none`,
                    asg.urn,
                );
            const check = peek(asg.props, "healthCheckType");
            if (check !== UNKNOWN && check !== "ELB")
                report(
                    `Auto Scaling group ${asg.name} must use healthCheckType ELB (replace instances the load balancer finds unhealthy); found ${show(check)}`,
                    asg.urn,
                );
            const mine = pointingAt(policies, "autoscalingGroupName", asg, groups, ["name", "id"]);
            const verdicts = mine.map((p) => scalesOnRequests(p, requestMetrics));
            if (!verdicts.some((v) => v !== false)) {
                report(
                    `Auto Scaling group ${asg.name} must have an enabled target-tracking policy on ${requestMetrics.join(" or ")}; found ${show(mine.map((p) => p.name))}`,
                    asg.urn,
                );
            }
        }
    },
};
