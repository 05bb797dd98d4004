import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { elements, knownItems, objects, peek, plain, UNKNOWN } from "../lib/known";
import { show, T } from "../lib/types";
import { LEGACY_ORIGIN_ID } from "./cloudfrontOriginHttps";
import { ofType, withProp, withUrn } from "../lib/stackIndex";

/**
 * Origin ID of the new stack during the cutover (components/originRouter.ts ORIGIN_IDS.app;
 * repeated here because the pack imports nothing outside itself; a test keeps them equal).
 */
export const APP_ORIGIN_ID = "app";

/** The runtime the router needs (cf.selectRequestOriginById and cf.kvs() exist only in 2.0). */
const ROUTER_RUNTIME = "cloudfront-js-2.0";
const EVENTS = ["viewer-request", "viewer-response"];

const KEY_VALUE_STORE = ["aws:cloudfront/keyValueStore:KeyValueStore"];

/**
 * What the router needs besides its runtime: the KeyValueStore of this stack it reads the
 * routing key from (without it every viewer gets the fallback), and a published LIVE stage.
 */
function routerProblems(fn: PolicyResource, stores: PolicyResource[]): string[] {
    const problems: string[] = [];
    const listed = peek(fn.props, "keyValueStoreAssociations");
    const arns = listed === UNKNOWN ? [] : elements(listed);
    const unknown = listed === UNKNOWN || arns.includes(UNKNOWN);
    const associated =
        arns.some((a) => withProp(stores, "arn", a).length > 0) ||
        (unknown &&
            withUrn(
                stores,
                (fn.propertyDependencies.keyValueStoreAssociations ?? []).map((x) => x.urn),
            ).length > 0);
    if (!associated)
        problems.push(
            `must be associated with a KeyValueStore of this stack (keyValueStoreAssociations), where the routing key lives; found ${show(plain(listed))}`,
        );
    if (peek(fn.props, "publish") === false)
        problems.push(
            "must be published (publish true): distributions run the LIVE stage; found publish false",
        );
    return problems;
}

export const cloudfrontRouterEveryBehavior: StackValidationPolicy = {
    name: "cloudfront-router-every-behavior",
    description:
        "Checks that a distribution serving both old prod (origin legacy, or an adopted distribution's own origin beside origin app while the stack runs a cloudfront-js-2.0 function) and this stack (origin app) runs one published cloudfront-js-2.0 function of this stack, associated with a KeyValueStore of this stack, on the viewer-request and viewer-response events of every cache behavior, so no path bypasses the routing or the sticky cookie.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const functions = ofType(args.resources, T.cloudfrontFunction);
        const stores = ofType(args.resources, KEY_VALUE_STORE);
        const routers = new Set<PolicyResource>();
        for (const d of ofType(args.resources, T.distribution)) {
            // Read through lib/known: a preview's unknowns and odd shapes must not throw.
            const ids = objects(peek(d.props, "origins")).map((o) => peek(o, "originId"));
            // Two sides: old prod as origin legacy, or an adopted distribution whose own origin for
            // old prod is the legacy side, beside the app while the stack runs a cloudfront-js-2.0 function.
            const adoptedRouting =
                ids.includes(APP_ORIGIN_ID) &&
                ids.length > 1 &&
                functions.some((f) => peek(f.props, "runtime") === ROUTER_RUNTIME);
            if (!ids.includes(LEGACY_ORIGIN_ID) && !adoptedRouting) continue;
            if (!ids.includes(APP_ORIGIN_ID))
                report(
                    `distribution ${d.name} has origin ${LEGACY_ORIGIN_ID} but no origin ${APP_ORIGIN_ID} to move users to; found ${show(plain(ids))}`,
                    d.urn,
                );
            const defaultBehavior = peek(d.props, "defaultCacheBehavior");
            const behaviors = [
                {
                    path: "default",
                    property: "defaultCacheBehavior",
                    b: defaultBehavior !== null && typeof defaultBehavior === "object" ? defaultBehavior : {},
                },
                ...objects(peek(d.props, "orderedCacheBehaviors")).map((b) => ({
                    path: String(plain(peek(b, "pathPattern"))),
                    property: "orderedCacheBehaviors",
                    b,
                })),
            ];
            for (const { path, property, b } of behaviors) {
                const associations = objects(
                    knownItems(b, "functionAssociations").length > 0 ? peek(b, "functionAssociations") : [],
                ).map((a) => ({ eventType: peek(a, "eventType"), functionArn: peek(a, "functionArn") }));
                for (const event of EVENTS) {
                    const found = associations.filter((a) => a.eventType === event);
                    if (found.length !== 1) {
                        report(
                            `cache behavior ${path} of ${d.name} must run the origin router on ${event}; found ${show(plain(associations.map((a) => a.eventType)))}`,
                            d.urn,
                        );
                        continue;
                    }
                    const arn = found[0].functionArn;
                    // The ARN is known after an `up`; in a preview only the engine's dependency is.
                    const fn =
                        typeof arn === "string"
                            ? withProp(functions, "arn", arn)[0]
                            : withUrn(
                                  functions,
                                  (d.propertyDependencies[property] ?? []).map((x) => x.urn),
                              )[0];
                    if (fn === undefined) {
                        report(
                            `cache behavior ${path} of ${d.name} must run a function of this stack on ${event}; found ${show(arn === UNKNOWN ? "[unknown]" : plain(arn))}`,
                            d.urn,
                        );
                    } else if (peek(fn.props, "runtime") !== ROUTER_RUNTIME) {
                        report(
                            `function ${fn.name} on cache behavior ${path} must use runtime ${ROUTER_RUNTIME}; found ${show(plain(peek(fn.props, "runtime")))}`,
                            d.urn,
                        );
                    } else {
                        routers.add(fn);
                    }
                }
                const arns = new Set(
                    associations
                        .filter((a) => typeof a.eventType === "string" && EVENTS.includes(a.eventType))
                        .map((a) => JSON.stringify(plain(a.functionArn))),
                );
                if (arns.size > 1)
                    report(
                        `cache behavior ${path} of ${d.name} must run the same function on viewer-request and viewer-response (the response half sets the bucket the request half routed by)`,
                        d.urn,
                    );
            }
        }
        for (const fn of routers)
            for (const problem of routerProblems(fn, stores))
                report(`origin router ${fn.name} ${problem}`, fn.urn);
    },
};
