import { StackValidationPolicy } from "@pulumi/policy";
import { peek, peekPath, UNKNOWN } from "../lib/known";
import { show, T } from "../lib/types";
import { ofType } from "../lib/stackIndex";

export const albStickinessForLocalFiles: StackValidationPolicy = {
    name: "alb-stickiness-for-local-files",
    description:
        "Checks that every ALB target group keeps a user on one instance (stickiness enabled) while the pack config says the app keeps user files on instance disks.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // The app writes uploads and reports to the instance's disk; another instance would not have them.
            appKeepsFilesOnInstanceDisks: { type: "boolean", default: true },
            stickinessTypes: {
                type: "array",
                items: { type: "string" },
                default: ["lb_cookie", "app_cookie"],
            },
        },
    },
    validateStack: (args, report) => {
        const { appKeepsFilesOnInstanceDisks, stickinessTypes } = args.getConfig<{
            appKeepsFilesOnInstanceDisks: boolean;
            stickinessTypes: string[];
        }>();
        if (!appKeepsFilesOnInstanceDisks) return;
        for (const tg of ofType(args.resources, T.targetGroup)) {
            const stickiness = peek(tg.props, "stickiness");
            // A Lambda target group has no instances to stick to.
            if (stickiness === UNKNOWN || peek(tg.props, "targetType") === "lambda") continue;
            const enabled = peekPath(tg.props, "stickiness", "enabled");
            const type = peekPath(tg.props, "stickiness", "type");
            if (enabled === UNKNOWN) continue;
            if (enabled !== true || (type !== UNKNOWN && !stickinessTypes.includes(String(type)))) {
                report(
                    `target group ${tg.name} must keep each user on one instance while the app keeps files on instance disks (stickiness enabled, type ${stickinessTypes.join(" or ")}); found enabled ${show(enabled)}, type ${show(type)}`,
                    tg.urn,
                );
            }
        }
    },
};
