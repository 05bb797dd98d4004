import { objects } from "../lib/known";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const classicElbHttpsOnly: ResourceValidationPolicy = {
    name: "classic-elb-https-only",
    description:
        "Checks that no classic ELB is created unless allowed, and that an allowed one listens only on HTTPS or SSL (a classic ELB cannot redirect HTTP to HTTPS).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowClassicLoadBalancers: { type: "boolean", default: false } } },
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.classicLoadBalancer)) return;
        const { allowClassicLoadBalancers } = args.getConfig<{ allowClassicLoadBalancers: boolean }>();
        if (!allowClassicLoadBalancers)
            report(
                "classic load balancers must not be used (no HTTP-to-HTTPS redirect, no TLS 1.3 policies, no header checks): use an ALB; found one",
            );
        for (const l of objects(args.props.listeners)) {
            const protocol = typeof l.lbProtocol === "string" ? l.lbProtocol.toUpperCase() : l.lbProtocol;
            if (protocol !== "HTTPS" && protocol !== "SSL")
                report(
                    `listener on port ${show(l.lbPort)} must use lbProtocol HTTPS or SSL; found ${show(l.lbProtocol)}`,
                );
        }
    },
};
