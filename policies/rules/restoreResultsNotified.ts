import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { peek, UNKNOWN } from "../lib/known";
import { parseJson, record, strings } from "../lib/shapes";
import { T } from "../lib/types";
import { ofType, pointingAt, referencedBy } from "../lib/stackIndex";

const EVENT_RULE = ["aws:cloudwatch/eventRule:EventRule"];
const EVENT_TARGET = ["aws:cloudwatch/eventTarget:EventTarget"];

/** True when the rule's pattern matches AWS Backup's restore job events (or a preview does not know it). */
function matchesRestoreJobs(rule: PolicyResource, detailType: string): boolean {
    const raw = peek(rule.props, "eventPattern");
    if (raw === UNKNOWN) return true;
    const pattern = record(parseJson(raw));
    const list = (v: unknown) => (typeof v === "string" ? [v] : strings(v));
    return list(pattern.source).includes("aws.backup") && list(pattern["detail-type"]).includes(detailType);
}

const enabled = (rule: PolicyResource) =>
    peek(rule.props, "state") !== "DISABLED" && peek(rule.props, "isEnabled") !== false;

export const restoreResultsNotified: StackValidationPolicy = {
    name: "restore-results-notified",
    description:
        "Checks that when the stack tests restores, an enabled EventBridge rule sends AWS Backup's restore job results to an SNS topic of this stack that has a subscriber.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { detailType: { type: "string", default: "Restore Job State Change" } } },
    validateStack: (args, report) => {
        const { detailType } = args.getConfig<{ detailType: string }>();
        const plans = ofType(args.resources, ["aws:backup/restoreTestingPlan:RestoreTestingPlan"]);
        if (plans.length === 0) return;
        const rules = ofType(args.resources, EVENT_RULE);
        const topics = ofType(args.resources, T.topic);
        const subscriptions = ofType(args.resources, T.topicSubscription);
        const targets = ofType(args.resources, EVENT_TARGET);
        const found: string[] = [];
        const delivered = rules
            .filter((r) => matchesRestoreJobs(r, detailType))
            .some((rule) => {
                if (!enabled(rule)) {
                    found.push(`rule ${rule.name} disabled`);
                    return false;
                }
                const ruleTargets = pointingAt(targets, "rule", rule, rules, ["name", "id"]);
                const reached = ruleTargets.flatMap((t) => referencedBy(t, "arn", topics, ["arn"]));
                if (reached.length === 0) found.push(`rule ${rule.name} reaches no SNS topic of this stack`);
                const heard = reached.filter(
                    (topic) => pointingAt(subscriptions, "topic", topic, topics, ["arn"]).length > 0,
                );
                if (reached.length > 0 && heard.length === 0)
                    found.push(`topic ${reached.map((t) => t.name).join(", ")} has no subscriber`);
                return heard.length > 0;
            });
        if (!delivered) {
            report(
                `restore test results (AWS Backup "${detailType}" events) must reach an SNS topic of this stack with a subscriber through an enabled EventBridge rule; found ${found.length > 0 ? found.join("; ") : "no rule matching them"}`,
                plans[0].urn,
            );
        }
    },
};
