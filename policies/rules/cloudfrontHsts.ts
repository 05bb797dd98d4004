import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { objects, peek, peekPath, plain, UNKNOWN } from "../lib/known";
import { dependencies } from "../lib/shapes";
import { show, T } from "../lib/types";
import { cached, ofType, withProp } from "../lib/stackIndex";

/**
 * AWS managed response headers policies that send Strict-Transport-Security max-age=31536000
 * (CloudFront Developer Guide, "Use managed response headers policies"): SecurityHeadersPolicy
 * and CORS-and-SecurityHeadersPolicy.
 */
export const DEFAULT_MANAGED_HSTS_POLICIES = [
    "67f7725c-6f97-4210-82d7-5512b31e9d03",
    "e61eb60c-9c35-4d20-a928-2b84e02af89c",
];

const RESPONSE_HEADERS = ["aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"];

/** Why a response headers policy of the stack does not send HSTS, or undefined when it does. */
function hstsGap(policy: PolicyResource, minMaxAgeSec: number): string | undefined {
    const hsts = peekPath(policy.props, "securityHeadersConfig", "strictTransportSecurity");
    if (hsts === UNKNOWN) return undefined;
    const maxAge = peek(hsts, "accessControlMaxAgeSec");
    if (hsts === undefined || hsts === null)
        return `policy ${policy.name} sends no Strict-Transport-Security`;
    if (maxAge !== UNKNOWN && (typeof maxAge !== "number" || maxAge < minMaxAgeSec))
        return `policy ${policy.name} sends max-age ${show(maxAge)}`;
    if (peek(hsts, "override") === false)
        return `policy ${policy.name} lets the origin's header win (override false)`;
    return undefined;
}

export const cloudfrontHsts: StackValidationPolicy = {
    name: "cloudfront-hsts",
    description:
        "Checks that every cache behaviour of every CloudFront distribution has a response headers policy sending Strict-Transport-Security with at least the configured max-age (a policy of this stack, or an AWS managed one that sends it).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            // One year: the floor browsers' preload lists ask for.
            minMaxAgeSec: { type: "integer", minimum: 0, default: 31536000 },
            managedHstsPolicyIds: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_MANAGED_HSTS_POLICIES,
            },
        },
    },
    validateStack: (args, report) => {
        const { minMaxAgeSec, managedHstsPolicyIds } = args.getConfig<{
            minMaxAgeSec: number;
            managedHstsPolicyIds: string[];
        }>();
        const policies = ofType(args.resources, RESPONSE_HEADERS);
        const isPolicy = new Set(policies);
        // Per list of policies found by ID (shared by every behaviour naming that ID): judged once, not per behaviour.
        const gapsOf = new Map<readonly PolicyResource[], string[]>();
        const gapsIn = (found: readonly PolicyResource[]) =>
            found.map((p) => hstsGap(p, minMaxAgeSec)).filter((g): g is string => g !== undefined);
        for (const d of ofType(args.resources, T.distribution)) {
            const defaultBehavior = peek(d.props, "defaultCacheBehavior");
            const ordered = peek(d.props, "orderedCacheBehaviors");
            const behaviors = [
                ...(defaultBehavior === UNKNOWN
                    ? []
                    : [{ path: "default", property: "defaultCacheBehavior", b: defaultBehavior }]),
                ...(ordered === UNKNOWN
                    ? []
                    : objects(ordered).map((b) => ({
                          path: String(plain(peek(b, "pathPattern"))),
                          property: "orderedCacheBehaviors",
                          b,
                      }))),
            ];
            for (const { path, property, b } of behaviors) {
                const id = peek(b, "responseHeadersPolicyId");
                if (typeof id === "string" && managedHstsPolicyIds.includes(id)) continue;
                // The ID is known after an `up`; in a preview only the engine's dependency is.
                const byId = typeof id === "string" ? withProp(policies, "id", id) : undefined;
                const found =
                    byId ?? (id === UNKNOWN ? dependencies(d, property).filter((x) => isPolicy.has(x)) : []);
                const gaps = byId ? cached(gapsOf, byId, () => gapsIn(byId)) : gapsIn(found);
                if (found.length > 0 && gaps.length === 0) continue;
                const what =
                    found.length === 0
                        ? id === undefined || id === null || id === ""
                            ? "no response headers policy"
                            : `policy ${show(id)}, not one of this stack or a managed one with HSTS`
                        : gaps.join("; ");
                report(
                    `cache behaviour ${path} of ${d.name} must send Strict-Transport-Security with max-age at least ${minMaxAgeSec} through its response headers policy; found ${what}`,
                    d.urn,
                );
            }
        }
    },
};
