import { PolicyResource } from "@pulumi/policy";
import { knownItems, peekPath } from "./known";
import { collectRules, NormalizedRule, sgId } from "./securityGroups";
import { isOneOf, T } from "./types";
import { ofType, withProp, withUrn } from "./stackIndex";

/**
 * The resource of `candidates` that `holder.props[property]` names: by `key` value
 * (outputs, known after an `up`), else by the engine's property dependency (known
 * in a preview too).
 */
export function linked(
    holder: PolicyResource,
    property: string,
    value: unknown,
    candidates: PolicyResource[],
    key: string,
): PolicyResource | undefined {
    const byValue = withProp(candidates, key, value)[0];
    if (byValue) return byValue;
    const deps = withUrn(
        candidates,
        (holder.propertyDependencies[property] ?? []).map((d) => d.urn),
    );
    return deps.length === 1 ? deps[0] : undefined;
}

/** The load balancer a VPC origin points at, if it is in the stack. */
export function vpcOriginTarget(
    origin: PolicyResource,
    resources: PolicyResource[],
): PolicyResource | undefined {
    const lbs = ofType(resources, T.loadBalancer);
    return linked(
        origin,
        "vpcOriginEndpointConfig",
        peekPath(origin.props, "vpcOriginEndpointConfig", "arn"),
        lbs,
        "arn",
    );
}

/**
 * True when a rule's referenced group is the one AWS creates with a CloudFront VPC origin
 * (CloudFront-VPCOrigins-Service-SG): the program can only look it up, after the VPC
 * origin exists, so the reference depends on a VPC origin rather than on a group resource.
 */
export function referencesVpcOriginGroup(rule: PolicyResource): boolean {
    // aws:vpc rules name the peer as referencedSecurityGroupId, the older aws:ec2 rule as sourceSecurityGroupId.
    const deps = [
        ...(rule.propertyDependencies.referencedSecurityGroupId ?? []),
        ...(rule.propertyDependencies.sourceSecurityGroupId ?? []),
    ];
    return (
        deps.some((d) => isOneOf(d.type, T.vpcOrigin)) && !deps.some((d) => isOneOf(d.type, T.securityGroup))
    );
}

/** The ingress rules on a load balancer's security groups. */
export function loadBalancerIngress(lb: PolicyResource, resources: PolicyResource[]): NormalizedRule[] {
    const ids = new Set<string>(
        knownItems(lb.props, "securityGroups").filter((g): g is string => typeof g === "string"),
    );
    const urns = new Set((lb.propertyDependencies.securityGroups ?? []).map((d) => d.urn));
    return collectRules(resources).filter(
        (rule) =>
            rule.direction === "ingress" &&
            rule.group !== undefined &&
            (ids.has(sgId(rule.group) ?? "") || urns.has(rule.group.urn)),
    );
}
