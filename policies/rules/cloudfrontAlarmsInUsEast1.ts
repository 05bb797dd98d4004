import { StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf, regionOf, watchedMetrics } from "../lib/alarms";
import { show } from "../lib/types";

export const cloudfrontAlarmsInUsEast1: StackValidationPolicy = {
    name: "cloudfront-alarms-in-us-east-1",
    description: "Checks that alarms on CloudFront metrics are created in us-east-1, the only region CloudFront publishes metrics to.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const alarm of alarmsOf(args.resources)) {
            if (!watchedMetrics(alarm).some((m) => m.namespace === "AWS/CloudFront")) continue;
            const region = regionOf(alarm);
            if (region !== "us-east-1") report(`alarm ${alarm.name} on AWS/CloudFront must be created in us-east-1 (a us-east-1 provider); found ${show(region)}`, alarm.urn);
        }
    },
};
