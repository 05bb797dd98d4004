import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

/** TLS policies we accept on ALB listeners: TLS 1.2 minimum, no CBC-only legacy sets. */
export const DEFAULT_ALLOWED_TLS_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
];

export const albListenerHttps: ResourceValidationPolicy = {
    name: "alb-listener-https",
    description: "Checks that ALB listeners are HTTPS with an allowed TLS policy, or HTTP listeners whose only action redirects to HTTPS.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedTlsPolicies: { type: "array", items: { type: "string" }, default: DEFAULT_ALLOWED_TLS_POLICIES },
        },
    },
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.listener)) return;
        const { allowedTlsPolicies } = args.getConfig<{ allowedTlsPolicies: string[] }>();
        const protocol = args.props.protocol ?? "HTTP"; // an ALB listener without protocol is HTTP
        if (protocol === "HTTPS") {
            if (!allowedTlsPolicies.includes(args.props.sslPolicy)) {
                report(`HTTPS listener must use a TLS policy from the allow-list (${allowedTlsPolicies.join(", ")}); found ${show(args.props.sslPolicy)}`);
            }
            return;
        }
        const actions = (args.props.defaultActions ?? []) as any[];
        const redirectsToHttps = actions.length === 1 && actions[0].type === "redirect" && actions[0].redirect?.protocol === "HTTPS";
        if (!redirectsToHttps) {
            report(`${protocol} listener must only redirect to HTTPS; found default actions ${show(actions.map((a) => a.type))}`);
        }
    },
};
