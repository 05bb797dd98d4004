/**
 * The adopted distribution, declared from its live configuration (./distributionConfig.ts)
 * in one of three phases:
 * - `adopt`: exactly as it is live; the import changes nothing.
 * - `route`: the app's VPC origin and the router on every behaviour added, the rest kept. The
 *   live origin that points at old prod's ALB is the router's legacy side, under its own ID;
 *   old prod is added as origin `legacy` only when no live origin points at it.
 * - `complete`: the end state after the decommission: every behaviour goes to the app, the
 *   origins nothing uses any more go, the stack's WAF and security headers are attached.
 */
import type { cloudfront as Cf } from "@pulumi/aws/types/input";
import * as pulumi from "@pulumi/pulumi";
import { BehaviorArgs, DistributionSettings } from "./distributionConfig";
import { ORIGIN_IDS } from "./originRouter";

/** The phase of an adopted distribution. */
export type AdoptionPhase = "adopt" | "route" | "complete";

/** The viewer events the router runs on; CloudFront allows one edge function per event and behaviour. */
export const ROUTER_EVENTS = ["viewer-request", "viewer-response"] as const;

/** Each behaviour of a distribution with a readable name: `default`, or its path pattern. */
export function behaviorsOf(s: DistributionSettings): { name: string; b: BehaviorArgs }[] {
    return [
        { name: "default", b: s.defaultCacheBehavior as BehaviorArgs },
        ...(s.orderedCacheBehaviors ?? []).map((b) => ({
            name: String(b.pathPattern),
            b: b as BehaviorArgs,
        })),
    ];
}

/** The plain string of an input the live file gave as plain data. */
const plain = (v: pulumi.Input<string> | undefined): string | undefined =>
    typeof v === "string" ? v : undefined;

/**
 * Why routing cannot be added to this live configuration, one sentence each (none: it can).
 * "Each event type can have only one edge function association" and CloudFront Functions and
 * Lambda@Edge cannot be combined on viewer events (CloudFront Developer Guide, "Restrictions on
 * all edge functions"): a behaviour with a viewer function of its own cannot take the router.
 */
export function routingConflicts(live: DistributionSettings, legacyDomainName: string): string[] {
    const problems: string[] = [];
    for (const { name, b } of behaviorsOf(live)) {
        for (const f of (b.functionAssociations ??
            []) as Cf.DistributionDefaultCacheBehaviorFunctionAssociation[]) {
            if ((ROUTER_EVENTS as readonly unknown[]).includes(f.eventType))
                problems.push(
                    `behaviour ${name} already runs the CloudFront function ${plain(f.functionArn)} on ${plain(f.eventType)}, where the router must run (one function per event type): remove it from the live distribution or fold it into the router first`,
                );
        }
        for (const l of (b.lambdaFunctionAssociations ??
            []) as Cf.DistributionDefaultCacheBehaviorLambdaFunctionAssociation[]) {
            if ((ROUTER_EVENTS as readonly unknown[]).includes(l.eventType))
                problems.push(
                    `behaviour ${name} runs the Lambda@Edge function ${plain(l.lambdaArn)} on ${plain(l.eventType)}, and CloudFront Functions cannot share viewer events with Lambda@Edge: move it to an origin event or remove it first`,
                );
        }
    }
    // Old prod is added as origin `legacy` only when no live origin reaches it.
    const addsLegacy = !live.origins.some((o) => o.domainName === legacyDomainName);
    for (const o of live.origins) {
        const id = plain(o.originId);
        if (id === ORIGIN_IDS.app)
            problems.push(
                `origin ${id} (${plain(o.domainName)}) has the ID the app's VPC origin needs: rename it first`,
            );
        if (id === ORIGIN_IDS.legacy && addsLegacy)
            problems.push(
                `origin ${id} points at ${plain(o.domainName)}, not at old prod (${legacyDomainName}), but has the ID old prod's origin needs: rename it first`,
            );
    }
    for (const g of live.originGroups ?? []) {
        const id = plain(g.originId);
        if (id === ORIGIN_IDS.app || id === ORIGIN_IDS.legacy)
            problems.push(`origin group ${id} has an ID the router selects: rename it first`);
    }
    return problems;
}

/** Options of {@link adoptedDistributionSettings}. */
export interface AdoptedDistributionOptions {
    readonly live: DistributionSettings;
    readonly phase: AdoptionPhase;
    /** The app's origin (the VPC origin), added in the route and complete phases. */
    readonly appOrigin: Cf.DistributionOrigin;
    /** Route phase: old prod's origin as the program would declare it, and its domain. */
    readonly legacy?: { readonly domainName: string; readonly origin: Cf.DistributionOrigin };
    /** Route phase: the router function, on the viewer events of every behaviour. */
    readonly routerFunctionArn?: pulumi.Input<string>;
    /** Complete phase: the stack's web ACL and security headers. */
    readonly webAclArn?: pulumi.Input<string>;
    readonly responseHeadersPolicyId?: pulumi.Input<string>;
}

/**
 * The origin ID the router's legacy side selects: the live origin that points at old prod
 * (the first, if several do), else the `legacy` origin the route phase adds.
 */
export function legacyOriginIdOf(live: DistributionSettings, legacyDomainName: string): string {
    const found = live.origins.find((o) => o.domainName === legacyDomainName);
    return found === undefined ? ORIGIN_IDS.legacy : String(found.originId);
}

/** Applies `f` to every behaviour. */
function eachBehavior(s: DistributionSettings, f: (b: BehaviorArgs) => BehaviorArgs): DistributionSettings {
    return {
        ...s,
        defaultCacheBehavior: f(s.defaultCacheBehavior as BehaviorArgs),
        orderedCacheBehaviors: s.orderedCacheBehaviors?.map((b) => f(b as BehaviorArgs)) as
            Cf.DistributionOrderedCacheBehavior[] | undefined,
    };
}

function routed(o: AdoptedDistributionOptions): DistributionSettings {
    const legacy = o.legacy!;
    // The live origin that already reaches old prod is the legacy side, as it is.
    const reached = o.live.origins.some((x) => x.domainName === legacy.domainName);
    const withLegacy = reached ? o.live : { ...o.live, origins: [...o.live.origins, legacy.origin] };
    const withApp = { ...withLegacy, origins: [...withLegacy.origins, o.appOrigin] };
    return eachBehavior(withApp, (b) => ({
        ...b,
        functionAssociations: [
            ...((b.functionAssociations ?? []) as Cf.DistributionDefaultCacheBehaviorFunctionAssociation[]),
            ...ROUTER_EVENTS.map((eventType) => ({ eventType, functionArn: o.routerFunctionArn! })),
        ],
    }));
}

function completed(o: AdoptedDistributionOptions): DistributionSettings {
    const toApp = eachBehavior(o.live, (b) => ({
        ...b,
        targetOriginId: ORIGIN_IDS.app,
        responseHeadersPolicyId: b.responseHeadersPolicyId ?? o.responseHeadersPolicyId,
    }));
    // What no behaviour or origin group names any more goes (old prod's ALB among them).
    const used = new Set(
        (toApp.originGroups ?? []).flatMap((g) =>
            (g.members as Cf.DistributionOriginGroupMember[]).map((m) => m.originId),
        ),
    );
    return {
        ...toApp,
        origins: [...toApp.origins.filter((x) => used.has(x.originId)), o.appOrigin],
        webAclId: o.webAclArn,
    };
}

/** The adopted distribution's settings in `phase` (see the file's comment). */
export function adoptedDistributionSettings(o: AdoptedDistributionOptions): DistributionSettings {
    switch (o.phase) {
        case "adopt":
            return o.live;
        case "route":
            return routed(o);
        case "complete":
            return completed(o);
    }
}
