import { StackValidationPolicy } from "@pulumi/policy";
import { objects } from "../lib/known";
import { field, known } from "../lib/shapes";
import { show, T } from "../lib/types";
import { ofType, pointedAt } from "../lib/stackIndex";

export const albListenerRulesHttps: StackValidationPolicy = {
    name: "alb-listener-rules-https",
    description:
        "Checks that every ALB listener rule belongs to a listener of this stack and that rules on HTTP listeners of an internet-facing ALB only redirect to HTTPS.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const listeners = ofType(args.resources, T.listener);
        const lbs = ofType(args.resources, T.loadBalancer);
        for (const rule of ofType(args.resources, T.listenerRule)) {
            // A preview knows the listener by property dependency even while its ARN is unknown.
            const listener = pointedAt(rule, "listenerArn", listeners, ["arn", "id"])[0];
            if (!listener) {
                report(
                    `listener rule ${rule.name} must belong to a listener of this stack (so its protocol can be checked); found listenerArn ${show(known(() => rule.props.listenerArn))}`,
                    rule.urn,
                );
                continue;
            }
            const protocol = known(() => listener.props.protocol) ?? "HTTP"; // a listener without protocol is HTTP
            if (protocol === "HTTPS") continue;
            const actions = objects(known(() => rule.props.actions));
            const redirect =
                actions.length === 1 &&
                actions[0].type === "redirect" &&
                field(actions[0], "redirect", "protocol") === "HTTPS";
            if (redirect) continue;
            // As for default actions (alb-listener-https): HTTP may forward only on an internal ALB.
            const lb = pointedAt(listener, "loadBalancerArn", lbs, ["arn", "id"])[0];
            if (lb && known(() => lb.props.internal) === true) continue;
            report(
                `listener rule ${rule.name} on ${protocol} listener ${listener.name} must only redirect to HTTPS unless its load balancer is internal; found actions ${show(actions.map((a) => a.type))} on ${lb ? `internet-facing ${lb.name}` : "a load balancer outside this stack"}`,
                rule.urn,
            );
        }
    },
};
