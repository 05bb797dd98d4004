import { ResourceValidationPolicy } from "@pulumi/policy";
import { objects } from "../lib/known";
import { isOneOf, show, T } from "../lib/types";

/** Viewer TLS floors, oldest first; the config names the lowest one accepted. */
export const CLOUDFRONT_TLS_VERSIONS = [
    "SSLv3",
    "TLSv1",
    "TLSv1_2016",
    "TLSv1.1_2016",
    "TLSv1.2_2018",
    "TLSv1.2_2019",
    "TLSv1.2_2021",
    "TLSv1.2_2025",
    "TLSv1.3_2025",
];

export const cloudfrontViewerHttps: ResourceValidationPolicy = {
    name: "cloudfront-viewer-https",
    description:
        "Checks that every CloudFront cache behavior redirects to or requires HTTPS and that viewers get TLSv1.2_2021 or newer, or the default *.cloudfront.net certificate on a distribution without aliases.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minimumProtocolVersion: {
                type: "string",
                enum: CLOUDFRONT_TLS_VERSIONS,
                default: "TLSv1.2_2021",
            },
            // CloudFront fixes the default certificate's floor at TLSv1, whatever is asked
            // (API reference, ViewerCertificate): allowed only while no custom name is served.
            allowDefaultCertificate: { type: "boolean", default: true },
        },
    },
    validateResource: (args, report) => {
        if (!isOneOf(args.type, T.distribution)) return;
        const { minimumProtocolVersion, allowDefaultCertificate } = args.getConfig<{
            minimumProtocolVersion: string;
            allowDefaultCertificate: boolean;
        }>();
        const behaviors = [
            { path: "default", b: args.props.defaultCacheBehavior ?? {} },
            ...objects(args.props.orderedCacheBehaviors).map((b) => ({ path: b.pathPattern, b })),
        ];
        for (const { path, b } of behaviors) {
            if (!["redirect-to-https", "https-only"].includes(b.viewerProtocolPolicy)) {
                report(
                    `cache behavior ${path} must use viewerProtocolPolicy redirect-to-https or https-only; found ${show(b.viewerProtocolPolicy)}`,
                );
            }
        }
        const cert = args.props.viewerCertificate ?? {};
        if (cert.cloudfrontDefaultCertificate === true) {
            const aliases = (args.props.aliases ?? []) as string[];
            if (!allowDefaultCertificate) {
                report(
                    `viewers must be served a custom certificate with minimumProtocolVersion ${minimumProtocolVersion} or newer; found the default *.cloudfront.net certificate (TLSv1)`,
                );
            } else if (aliases.length > 0) {
                report(
                    `a distribution with aliases must serve them a custom certificate with minimumProtocolVersion ${minimumProtocolVersion} or newer; found the default *.cloudfront.net certificate (TLSv1) with aliases ${show(aliases)}`,
                );
            }
            return;
        }
        const found = CLOUDFRONT_TLS_VERSIONS.indexOf(cert.minimumProtocolVersion);
        if (found < CLOUDFRONT_TLS_VERSIONS.indexOf(minimumProtocolVersion)) {
            report(
                `viewer minimumProtocolVersion must be ${minimumProtocolVersion} or newer; found ${show(cert.minimumProtocolVersion)}`,
            );
        }
    },
};
