import { StackValidationPolicy } from "@pulumi/policy";
import { loadBalancerIngress, referencesVpcOriginGroup } from "../lib/edge";
import { isOneOf, show, T } from "../lib/types";

/**
 * The CloudFront origin-facing managed prefix list (com.amazonaws.global.cloudfront.origin-facing),
 * one ID per region as `aws ec2 describe-managed-prefix-lists` shows it.
 */
export const DEFAULT_CLOUDFRONT_PREFIX_LISTS = [
    "pl-3b927c52",
    "pl-b6a144df",
    "pl-4ea04527",
    "pl-82a045eb",
    "pl-4fa04526",
    "pl-a3a144ca",
];

export const albBehindCloudFront: StackValidationPolicy = {
    name: "alb-behind-cloudfront",
    description:
        "Checks that an ALB is internal and admits only CloudFront's VPC-origin security group, or, if internet-facing, admits only CloudFront's origin-facing prefix list.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            cloudFrontPrefixListIds: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_CLOUDFRONT_PREFIX_LISTS,
            },
        },
    },
    validateStack: (args, report) => {
        const { cloudFrontPrefixListIds } = args.getConfig<{ cloudFrontPrefixListIds: string[] }>();
        for (const lb of args.resources.filter(
            (r) =>
                isOneOf(r.type, T.loadBalancer) &&
                (r.props.loadBalancerType ?? "application") === "application",
        )) {
            for (const rule of loadBalancerIngress(lb, args.resources)) {
                const where = `rule ${rule.declaredBy.name} on ${rule.group!.name}`;
                if (lb.props.internal === true) {
                    const others = [
                        ...rule.cidrs,
                        ...rule.prefixLists,
                        ...(referencesVpcOriginGroup(rule.declaredBy)
                            ? []
                            : rule.peerGroups.map((g) => (typeof g === "string" ? g : g.name))),
                    ];
                    if (others.length > 0)
                        report(
                            `internal ALB ${lb.name}: ${where} must admit only CloudFront's VPC-origin security group; found ${show(others)}`,
                            rule.declaredBy.urn,
                        );
                } else {
                    const others = [
                        ...rule.cidrs,
                        ...rule.prefixLists.filter((p) => !cloudFrontPrefixListIds.includes(p)),
                        ...rule.peerGroups.map((g) => (typeof g === "string" ? g : g.name)),
                    ];
                    if (others.length > 0 || rule.prefixLists.length === 0) {
                        report(
                            `internet-facing ALB ${lb.name}: ${where} must admit only CloudFront's origin-facing prefix list ${show(cloudFrontPrefixListIds)} (or make the ALB internal behind a VPC origin); found ${show(others)}`,
                            rule.declaredBy.urn,
                        );
                    }
                }
            }
        }
    },
};
