import { CUTOVER, cutoverPackConfig, overlay } from "../cutoverState";
import { ALL_VIEWS, Mistake } from "./mistake";

// The cutover's committed state: old prod's distribution adopted and routed, under the committed pack config.
const EXEMPT = cutoverPackConfig();

const ROUTER = "chatmrpt-cdn-router-function";

/** The adopted distribution's protection and the origin router, in the cutover's committed states. */
export const CUTOVER_MISTAKES: Mistake[] = [
    {
        what: "old prod as a second origin without the router on the behaviours",
        mutate: (m) =>
            m.set("chatmrpt-cdn-distribution", "origins.1", {
                originId: "legacy",
                domainName: "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
                customOriginConfig: {
                    httpPort: 80,
                    httpsPort: 443,
                    originProtocolPolicy: "http-only",
                    originSslProtocols: ["TLSv1.2"],
                },
            }),
        policy: "cloudfront-router-every-behavior",
        views: ["up"],
        messages: ["default", "/static/*"].flatMap((path) =>
            ["viewer-request", "viewer-response"].map(
                (event) =>
                    `cache behavior ${path} of chatmrpt-cdn-distribution must run the origin router on ${event}; found []`,
            ),
        ),
        // A distribution serving old prod is the adopted one, and must be protected.
        alsoCaughtBy: ["cloudfront-origin-https", "adopted-distribution-protected"],
    },
    {
        what: "the adopted distribution un-protected",
        stack: CUTOVER,
        config: EXEMPT,
        mutate: (m) => m.options("chatmrpt-cdn-distribution", { protect: false }),
        policy: "adopted-distribution-protected",
        views: ALL_VIEWS,
        messages: [
            "distribution chatmrpt-cdn-distribution was adopted (its ID E2EXAMPLE12345 is in adoptedDistributionIds) and must be created with protect: true (and retainOnDelete: true); found protect: false",
        ],
    },
    {
        what: "the adoption keys unset while the pack config still lists the adopted distribution",
        mutate: () => undefined,
        config: { "adopted-distribution-protected": { adoptedDistributionIds: ["E2EXAMPLE12345"] } },
        policy: "adopted-distribution-protected",
        // A preview of a first deployment knows no distribution ID: the up and refreshed views catch it.
        views: ["up", "refreshed"],
        messages: [
            "distribution E2EXAMPLE12345 is in adoptedDistributionIds but the stack declares no distribution with that ID: keep chatmrpt:adoptDistributionId E2EXAMPLE12345 and chatmrpt:adoptedDistributionConfig set, or release it explicitly (chatmrpt:releaseAdoptedDistribution true) and remove it from adoptedDistributionIds",
        ],
    },
    {
        what: "an adopted distribution listed in the pack config un-protected after the legacy origin left",
        mutate: (m) => {
            m.options("chatmrpt-cdn-distribution", { protect: false }).set(
                "chatmrpt-cdn-distribution",
                "id",
                "E2EXAMPLE12345",
            );
            for (const a of ["5xx-rate", "error-rate"])
                m.set(`chatmrpt-monitoring-cloudfront-${a}`, "dimensions.DistributionId", "E2EXAMPLE12345");
        },
        config: { "adopted-distribution-protected": { adoptedDistributionIds: ["E2EXAMPLE12345"] } },
        policy: "adopted-distribution-protected",
        views: ALL_VIEWS,
        messages: [
            "distribution chatmrpt-cdn-distribution was adopted (its ID E2EXAMPLE12345 is in adoptedDistributionIds) and must be created with protect: true (and retainOnDelete: true); found protect: false",
        ],
    },
    {
        what: "the router's KeyValueStore association removed",
        stack: CUTOVER,
        config: EXEMPT,
        policy: "cloudfront-router-every-behavior",
        views: ALL_VIEWS,
        mutate: (m) =>
            m.set(ROUTER, "keyValueStoreAssociations", []).link(ROUTER, "keyValueStoreAssociations"),
        messages: [
            `origin router ${ROUTER} must be associated with a KeyValueStore of this stack (keyValueStoreAssociations), where the routing key lives; found []`,
        ],
    },
    {
        what: "the router left unpublished",
        stack: CUTOVER,
        config: EXEMPT,
        mutate: (m) => m.set(ROUTER, "publish", false),
        policy: "cloudfront-router-every-behavior",
        views: ALL_VIEWS,
        messages: [
            `origin router ${ROUTER} must be published (publish true): distributions run the LIVE stage; found publish false`,
        ],
    },
    {
        what: "the router taken off the static behaviour of the adopted realistic distribution",
        stack: overlay("route"),
        config: EXEMPT,
        policy: "cloudfront-router-every-behavior",
        views: ALL_VIEWS,
        mutate: (m) => m.set("chatmrpt-cdn-distribution", "orderedCacheBehaviors.0.functionAssociations", []),
        messages: ["request", "response"].map(
            (e) =>
                `cache behavior /static/* of chatmrpt-cdn-distribution must run the origin router on viewer-${e}; found []`,
        ),
    },
];
