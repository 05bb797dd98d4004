import { StackValidationPolicy } from "@pulumi/policy";
import { alarmsOf, regionOf, watchedMetrics } from "../lib/alarms";
import { peek, peekPath, UNKNOWN } from "../lib/known";
import { isOneOf, show, T } from "../lib/types";

export const cloudfrontAlarmsInUsEast1: StackValidationPolicy = {
    name: "cloudfront-alarms-in-us-east-1",
    description:
        "Checks that alarms on CloudFront metrics, and on the WAF metrics of CLOUDFRONT-scope web ACLs, are created in us-east-1, the only region those metrics are published to.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const aclResources = args.resources.filter(
            (r) => isOneOf(r.type, T.webAcl) && peek(r.props, "scope") === "CLOUDFRONT",
        );
        const cloudFrontAcls = new Set(
            aclResources.map((r) => peekPath(r.props, "visibilityConfig", "metricName")),
        );
        const aclUrns = new Set(aclResources.map((a) => a.urn));
        // In a preview the dimensions may be unknown: then the alarm's dependency on the ACL decides.
        const onCloudFrontAcl = (m: ReturnType<typeof watchedMetrics>[number]) =>
            m.dimensions === UNKNOWN
                ? m.dependsOn.some((d) => aclUrns.has(d.urn))
                : cloudFrontAcls.has(m.dimensions.WebACL);
        for (const alarm of alarmsOf(args.resources)) {
            const metrics = watchedMetrics(alarm);
            const namespace = metrics.some((m) => m.namespace === "AWS/CloudFront")
                ? "AWS/CloudFront"
                : metrics.some((m) => m.namespace === "AWS/WAFV2" && onCloudFrontAcl(m))
                  ? "AWS/WAFV2 (CLOUDFRONT scope)"
                  : undefined;
            if (namespace === undefined) continue;
            const region = regionOf(alarm);
            if (region !== "us-east-1")
                report(
                    `alarm ${alarm.name} on ${namespace} must be created in us-east-1 (a us-east-1 provider); found ${show(region)}`,
                    alarm.urn,
                );
        }
    },
};
