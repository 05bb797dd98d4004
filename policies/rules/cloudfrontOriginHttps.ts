import { ResourceValidationPolicy } from "@pulumi/policy";
import { isOneOf, show, T } from "../lib/types";

/**
 * The origin ID of the old production ALB during the cutover (components/originRouter.ts
 * ORIGIN_IDS.legacy; the pack imports nothing outside itself, so it is repeated here).
 * Its findings are the only ones an exemption can set aside, for at most 14 days.
 */
export const LEGACY_ORIGIN_ID = "legacy";

export const cloudfrontOriginHttps: ResourceValidationPolicy = {
    name: "cloudfront-origin-https",
    description: "Checks that CloudFront reaches every custom origin with https-only and TLSv1.2 only.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.distribution)) return;
        for (const origin of (args.props.origins ?? []) as any[]) {
            const custom = origin.customOriginConfig;
            if (!custom) continue; // S3 origins with OAC are HTTPS by construction
            if (custom.originProtocolPolicy !== "https-only") {
                const legacy = origin.originId === LEGACY_ORIGIN_ID
                    ? " (the old production ALB has no TLS: exempt the distribution from cloudfront-origin-https for at most 14 days while traffic moves)"
                    : "";
                report(`origin ${origin.originId} must use originProtocolPolicy https-only; found ${show(custom.originProtocolPolicy)}${legacy}`);
            }
            const protocols = (custom.originSslProtocols ?? []) as string[];
            if (protocols.length !== 1 || protocols[0] !== "TLSv1.2") {
                report(`origin ${origin.originId} must allow only TLSv1.2 (originSslProtocols ["TLSv1.2"]); found ${show(protocols)}`);
            }
        }
    },
};
