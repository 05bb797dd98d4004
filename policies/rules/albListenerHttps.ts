import { StackValidationPolicy } from "@pulumi/policy";
import { linked } from "../lib/edge";
import { elements, peek } from "../lib/known";
import { field } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

/** TLS policies we accept on ALB listeners: TLS 1.2 minimum, no CBC-only legacy sets. */
export const DEFAULT_ALLOWED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
];

export const albListenerHttps: StackValidationPolicy = {
    name: "alb-listener-https",
    description:
        "Checks that ALB listeners are HTTPS with an allowed TLS policy, HTTP listeners whose only action redirects to HTTPS, or HTTP listeners of an internal ALB.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedTlsPolicies: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_TLS_POLICIES,
            },
        },
    },
    validateStack: (args, report) => {
        const { allowedTlsPolicies } = args.getConfig<{ allowedTlsPolicies: string[] }>();
        const lbs = ofType(args.resources, T.loadBalancer);
        for (const listener of ofType(args.resources, T.listener)) {
            const p = listener.props;
            const protocol = p.protocol ?? "HTTP"; // an ALB listener without protocol is HTTP
            if (protocol === "HTTPS") {
                if (!allowedTlsPolicies.includes(p.sslPolicy)) {
                    report(
                        `HTTPS listener must use a TLS policy from the allow-list (${allowedTlsPolicies.join(", ")}); found ${show(p.sslPolicy)}`,
                        listener.urn,
                    );
                }
                continue;
            }
            const actions = elements(p.defaultActions);
            const redirectsToHttps =
                actions.length === 1 &&
                field(actions[0], "type") === "redirect" &&
                field(actions[0], "redirect", "protocol") === "HTTPS";
            if (redirectsToHttps) continue;
            // An internal ALB has no public address: its HTTP is reachable only from inside the
            // VPC, which alb-behind-cloudfront narrows to CloudFront's VPC origins.
            const lb = linked(listener, "loadBalancerArn", peek(p, "loadBalancerArn"), lbs, "arn");
            if (lb?.props.internal === true) continue;
            report(
                `${protocol} listener must only redirect to HTTPS unless its load balancer is internal; found default actions ${show(actions.map((a) => field(a, "type")))} on ${lb ? `internet-facing ${lb.name}` : "a load balancer outside this stack"}`,
                listener.urn,
            );
        }
    },
};
