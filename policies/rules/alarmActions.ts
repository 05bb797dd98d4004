import { StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf } from "../lib/alarms";
import { isOneOf, show, T } from "../lib/types";

export const alarmActions: StackValidationPolicy = {
    name: "alarm-actions-on-stack-topic",
    description: "Checks that every CloudWatch alarm has at least one alarm action and that each notifies an SNS topic of this stack.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const topics = args.resources.filter((r) => isOneOf(r.type, T.topic));
        const topicArns = new Set(topics.map((t) => t.props.arn).filter((a) => a !== undefined));
        for (const alarm of alarmsOf(args.resources)) {
            const actions = (alarm.props.alarmActions ?? []) as string[];
            if (actions.length === 0) {
                report(`alarm ${alarm.name} must have at least one alarm action on an SNS topic of this stack; found none`, alarm.urn);
                continue;
            }
            const foreign = actions.filter((a) => !topicArns.has(a));
            if (foreign.length > 0) {
                report(`alarm ${alarm.name} must notify SNS topics of this stack; found ${show(foreign)}`, alarm.urn);
            }
        }
    },
};
