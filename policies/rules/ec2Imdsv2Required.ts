import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

export const ec2Imdsv2Required: ResourceValidationPolicy = {
    name: "ec2-imdsv2-required",
    description:
        "Checks that launch templates, launch configurations and instances require IMDSv2 with a hop limit no higher than configured.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1 } } },
    validateResource: (args, report) => {
        if (
            !isOneOf(args.type, T.launchTemplate) &&
            !isOneOf(args.type, T.launchConfiguration) &&
            !isOneOf(args.type, T.instance)
        )
            return;
        const { maxHopLimit } = args.getConfig<{ maxHopLimit: number }>();
        const m = args.props.metadataOptions ?? {};
        if (m.httpEndpoint === "disabled") return; // no metadata service at all
        if (m.httpTokens !== "required")
            report(`metadataOptions.httpTokens must be required (IMDSv2); found ${show(m.httpTokens)}`);
        if (m.httpPutResponseHopLimit === undefined || m.httpPutResponseHopLimit > maxHopLimit) {
            report(
                `metadataOptions.httpPutResponseHopLimit must be at most ${maxHopLimit}; found ${show(m.httpPutResponseHopLimit)}`,
            );
        }
    },
};
