import { StackValidationPolicy } from "@pulumi/policy";
import { knownItems } from "../lib/known";
import { collectRules, sgId } from "../lib/securityGroups";
import { show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

const OPEN = ["0.0.0.0/0", "::/0"];

export const noPublicIngress: StackValidationPolicy = {
    name: "no-public-ingress",
    description:
        "Checks that no security group admits 0.0.0.0/0 or ::/0, except an ALB's 80/443 when the ALB is not meant to be reachable only from CloudFront.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { albOnlyFromCloudFront: { type: "boolean", default: true } } },
    validateStack: (args, report) => {
        const { albOnlyFromCloudFront } = args.getConfig<{ albOnlyFromCloudFront: boolean }>();
        const albGroups = new Set(
            ofType(args.resources, T.loadBalancer).flatMap((lb) => [
                ...knownItems(lb.props, "securityGroups").filter((g): g is string => typeof g === "string"),
                ...(lb.propertyDependencies.securityGroups ?? []).map((d) => d.urn),
            ]),
        );
        for (const rule of collectRules(args.resources)) {
            if (rule.direction !== "ingress") continue;
            const open = rule.cidrs.filter((c) => OPEN.includes(c));
            if (open.length === 0) continue;
            const onAlb =
                rule.group !== undefined &&
                (albGroups.has(sgId(rule.group) ?? "") || albGroups.has(rule.group.urn));
            const webPorts =
                rule.protocol === "tcp" &&
                rule.fromPort === rule.toPort &&
                [80, 443].includes(rule.fromPort ?? -1);
            const where = `rule ${rule.declaredBy.name}${rule.group ? ` on ${rule.group.name}` : ""}`;
            if (onAlb && webPorts && !albOnlyFromCloudFront) continue;
            const why =
                onAlb && webPorts
                    ? "the ALB must be reachable only from CloudFront (make it internal behind a VPC origin)"
                    : "only an ALB's 80/443 may be open to the internet";
            report(
                `${where} must not admit ${show(open)} (${why}); found ${rule.protocol} ${show(rule.fromPort)}-${show(rule.toPort)} from ${open.join(", ")}`,
                rule.declaredBy.urn,
            );
        }
    },
};
