/** The cache behaviours of the distribution the stack declares itself, and the checks of its settings. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** AWS-managed CloudFront policies (fixed IDs, same in every account). */
export const MANAGED_POLICY = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    allViewerOriginRequest: "216adef6-5c7f-47e4-b989-5492eafa07d3",
} as const;

/**
 * The distribution's cache behaviours for one origin: everything dynamic and uncached by
 * default (every header, cookie and query string reaches the app), `staticPaths` cached.
 */
export function cacheBehaviors(a: {
    originId: string;
    responseHeadersPolicyId: pulumi.Input<string>;
    staticPaths: string[];
    routerFunctionArn?: pulumi.Input<string>;
}): {
    defaultCacheBehavior: aws.types.input.cloudfront.DistributionDefaultCacheBehavior;
    orderedCacheBehaviors: aws.types.input.cloudfront.DistributionOrderedCacheBehavior[];
} {
    const routed = a.routerFunctionArn !== undefined;
    // The router on both events of every behaviour: the request half picks the origin, the
    // response half sets the sticky bucket cookie.
    const functionAssociations = routed
        ? [
              { eventType: "viewer-request", functionArn: a.routerFunctionArn! },
              { eventType: "viewer-response", functionArn: a.routerFunctionArn! },
          ]
        : undefined;
    const common = {
        targetOriginId: a.originId,
        viewerProtocolPolicy: "redirect-to-https",
        compress: true,
        responseHeadersPolicyId: a.responseHeadersPolicyId,
        ...(functionAssociations ? { functionAssociations } : {}),
    };
    return {
        defaultCacheBehavior: {
            ...common,
            allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: MANAGED_POLICY.cachingDisabled,
            originRequestPolicyId: MANAGED_POLICY.allViewerOriginRequest,
        },
        orderedCacheBehaviors: a.staticPaths.map((pathPattern) => ({
            ...common,
            pathPattern,
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            // CloudFront caches by cache key, not by the origin the function picked: while two
            // sides serve, a cached /static/* object of one side would reach the other's users.
            // Uncached until old prod is gone (a first request has no bucket cookie to key on).
            cachePolicyId: routed ? MANAGED_POLICY.cachingDisabled : MANAGED_POLICY.cachingOptimized,
        })),
    };
}

/** Throws on distribution settings CloudFront would refuse. */
export function validateCdnArgs(a: { readTimeout: number; staticPaths: string[]; priceClass: string }): void {
    if (!Number.isInteger(a.readTimeout) || a.readTimeout < 1 || a.readTimeout > 180) {
        throw new Error(`originReadTimeoutSeconds (${a.readTimeout}) must be a whole number from 1 to 180`);
    }
    for (const p of a.staticPaths) {
        if (!p.startsWith("/") || p === "/*")
            throw new Error(
                `staticPathPatterns (${p}) must start with / and must not be /* (that is the default behavior)`,
            );
    }
    if (!["PriceClass_100", "PriceClass_200", "PriceClass_All"].includes(a.priceClass)) {
        throw new Error(
            `priceClass (${a.priceClass}) must be PriceClass_100, PriceClass_200 or PriceClass_All`,
        );
    }
}
