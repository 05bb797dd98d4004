import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf } from "../lib/alarms";
import { dependencies, known } from "../lib/shapes";
import { isOneOf, show, T } from "../lib/types";
import { inListOrder, ofType, pointedAt, withProp, withUrn } from "../lib/stackIndex";

/** An alarm's actions: by value when known, else (in a preview) by the resources they depend on. */
function actionsOf(alarm: PolicyResource, topics: PolicyResource[], policies: PolicyResource[]) {
    const values = known(() => {
        const v = alarm.props.alarmActions;
        return Array.isArray(v) ? v.map((_, i) => v[i]) : v;
    });
    const deps = dependencies(alarm, "alarmActions");
    if (values === undefined && deps.length > 0) {
        const urns = deps.map((d) => d.urn);
        return {
            topics: withUrn(topics, urns),
            scaling: withUrn(policies, urns),
            foreign: deps
                .filter((d) => !isOneOf(d.type, T.topic) && !isOneOf(d.type, T.scalingPolicy))
                .map((d) => d.name),
            count: deps.length,
        };
    }
    const list: unknown[] = Array.isArray(values) ? values : [];
    // By ARN through lookups built once per stack: a scan of every topic per alarm is quadratic.
    const byArn = (candidates: PolicyResource[]) =>
        inListOrder(
            candidates,
            list.flatMap((a) => withProp(candidates, "arn", a)),
        );
    return {
        topics: byArn(topics),
        scaling: byArn(policies),
        foreign: list.filter(
            (a) => withProp(topics, "arn", a).length === 0 && withProp(policies, "arn", a).length === 0,
        ),
        count: list.length,
    };
}

export const alarmActions: StackValidationPolicy = {
    name: "alarm-actions-on-stack-topic",
    description:
        "Checks that every metric and composite alarm is enabled, notifies an SNS topic of this stack (scaling policies of the stack may be added), and that each such topic has a subscriber.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { requireSubscribers: { type: "boolean", default: true } } },
    validateStack: (args, report) => {
        const { requireSubscribers } = args.getConfig<{ requireSubscribers: boolean }>();
        const topics = ofType(args.resources, T.topic);
        const policies = ofType(args.resources, T.scalingPolicy);
        const notified = new Set<PolicyResource>();
        for (const alarm of [...alarmsOf(args.resources), ...ofType(args.resources, T.compositeAlarm)]) {
            if (known(() => alarm.props.actionsEnabled) === false) {
                report(
                    `alarm ${alarm.name} must have actionsEnabled true (a muted alarm notifies no one); found false`,
                    alarm.urn,
                );
            }
            const actions = actionsOf(alarm, topics, policies);
            actions.topics.forEach((t) => notified.add(t));
            if (actions.count === 0) {
                report(
                    `alarm ${alarm.name} must have at least one alarm action on an SNS topic of this stack; found none`,
                    alarm.urn,
                );
                continue;
            }
            if (actions.foreign.length > 0) {
                report(
                    `alarm ${alarm.name} must notify SNS topics of this stack; found ${show(actions.foreign)}`,
                    alarm.urn,
                );
            } else if (actions.topics.length === 0) {
                report(
                    `alarm ${alarm.name} must notify an SNS topic of this stack besides its scaling policies; found only ${show(actions.scaling.map((p) => p.name))}`,
                    alarm.urn,
                );
            }
        }
        if (!requireSubscribers) return;
        const subscribed = new Set(
            ofType(args.resources, T.topicSubscription).flatMap((s) =>
                pointedAt(s, "topic", topics, ["arn"]),
            ),
        );
        for (const topic of notified) {
            if (!subscribed.has(topic)) {
                report(
                    `SNS topic ${topic.name} receives alarms and must have at least one subscription; found none (its alarms would notify no one)`,
                    topic.urn,
                );
            }
        }
    },
};
