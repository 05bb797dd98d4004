import { StackValidationPolicy } from "@pulumi/policy";
import { known, objects, pointsAt } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";

export const albListenerRulesHttps: StackValidationPolicy = {
    name: "alb-listener-rules-https",
    description: "Checks that every ALB listener rule belongs to a listener of this stack and that rules on HTTP listeners of an internet-facing ALB only redirect to HTTPS.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const listeners = args.resources.filter((r) => isOneOf(r.type, T.listener));
        const lbs = args.resources.filter((r) => isOneOf(r.type, T.loadBalancer));
        for (const rule of args.resources.filter((r) => isOneOf(r.type, T.listenerRule))) {
            // A preview knows the listener by property dependency even while its ARN is unknown.
            const listener = listeners.find((l) => pointsAt(rule, "listenerArn", l, ["arn", "id"]));
            if (!listener) {
                report(`listener rule ${rule.name} must belong to a listener of this stack (so its protocol can be checked); found listenerArn ${show(known(() => rule.props.listenerArn))}`, rule.urn);
                continue;
            }
            const protocol = known(() => listener.props.protocol) ?? "HTTP"; // a listener without protocol is HTTP
            if (protocol === "HTTPS") continue;
            const actions = objects(known(() => rule.props.actions));
            const redirect = actions.length === 1 && actions[0].type === "redirect" && actions[0].redirect?.protocol === "HTTPS";
            if (redirect) continue;
            // As for default actions (alb-listener-https): HTTP may forward only on an internal ALB.
            const lb = lbs.find((l) => pointsAt(listener, "loadBalancerArn", l, ["arn", "id"]));
            if (lb && known(() => lb.props.internal) === true) continue;
            report(`listener rule ${rule.name} on ${protocol} listener ${listener.name} must only redirect to HTTPS unless its load balancer is internal; found actions ${show(actions.map((a) => a.type))} on ${lb ? `internet-facing ${lb.name}` : "a load balancer outside this stack"}`, rule.urn);
        }
    },
};
