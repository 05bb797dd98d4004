import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const albHardened: ResourceValidationPolicy = {
    name: "alb-hardened",
    description:
        "Checks that application load balancers write access logs, are protected from deletion and drop invalid header fields.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (
            !isOneOf(args.type, T.loadBalancer) ||
            (args.props.loadBalancerType ?? "application") !== "application"
        )
            return;
        const p = args.props;
        if (p.accessLogs?.enabled !== true || !p.accessLogs?.bucket)
            report(`accessLogs must be enabled with a bucket; found ${show(p.accessLogs)}`);
        if (p.enableDeletionProtection !== true)
            report(`enableDeletionProtection must be true; found ${show(p.enableDeletionProtection)}`);
        if (p.dropInvalidHeaderFields !== true)
            report(`dropInvalidHeaderFields must be true; found ${show(p.dropInvalidHeaderFields)}`);
    },
};
