import { ResourceValidationPolicy } from "@pulumi/policy";
import { declaredTags, isTaggable } from "../taggable";

export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Checks that every taggable AWS resource carries the required tags.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string" },
                default: ["Project", "Environment", "ManagedBy"],
            },
        },
    },
    validateResource: (args, report) => {
        if (!isTaggable(args.type)) return;
        const { requiredTags: required } = args.getConfig<{ requiredTags: string[] }>();
        const tags = declaredTags(args.type, args.props);
        const missing = required.filter((k) => typeof tags[k] !== "string" || tags[k] === "");
        if (missing.length > 0)
            report(`tags must include ${required.join(", ")}; missing ${missing.join(", ")}`);
    },
};
