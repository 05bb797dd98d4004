/**
 * The CloudFront Function that moves users between the old production ALB (`legacy`) and
 * this stack (`app`) without redeploying the distribution: its source is
 * originRouterFunction.js, read at deploy time and built here with the stack's fallback side.
 */
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ORIGIN_IDS, OriginSide, ROUTING_KEY } from "./routingValue";

// The routing grammar lives in routingValue.ts (no Pulumi SDK) so `npm run route` checks values with it.
export { checkRouting, ORIGIN_IDS, parseRouting, ROUTING_KEY } from "./routingValue";
export type { OriginSide, Routing } from "./routingValue";

/** The runtime the function needs: `cf.selectRequestOriginById` and `cf.kvs()` exist only in 2.0. */
export const ROUTER_RUNTIME = "cloudfront-js-2.0";
/** KeyValueStore key holding the override token (a secret); unset or short turns overrides off. */
export const OVERRIDE_TOKEN_KEY = "overrideToken";
/** Request header that forces a side: `<legacy|app>:<token>`. Lower case, as CloudFront passes headers. */
export const OVERRIDE_HEADER = "x-chatmrpt-force-origin";
/** Cookie that keeps a viewer in one bucket (0-99), so on one side and one Redis. */
export const BUCKET_COOKIE = "chatmrpt_origin_bucket";
/** How long the bucket cookie lives: longer than any cutover (90 days). */
export const BUCKET_COOKIE_MAX_AGE_SECONDS = 90 * 24 * 3600;
/** Shortest override token the function accepts (the same floor as the origin-verify secret). */
export const MIN_OVERRIDE_TOKEN_LENGTH = 32;
/** CloudFront's limit on a function's code (10 KB). */
export const MAX_FUNCTION_CODE_BYTES = 10 * 1024;

/** Where the function's source lives (found from the sources and from their compiled copies in build/). */
export const ROUTER_SOURCE_PATH = locate("originRouterFunction.js");

function locate(file: string): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        for (const candidate of [path.join(dir, file), path.join(dir, "components", file)]) {
            if (fs.existsSync(candidate)) return candidate;
        }
        if (path.dirname(dir) === dir) throw new Error(`${file} not found at or above ${__dirname}`);
    }
}

/** Options of {@link buildRouterCode}. */
export interface RouterCodeOptions {
    /** The side used when the routing key is missing or malformed, or the store fails. */
    readonly fallback: OriginSide;
    /** The origin ID of the legacy side (an adopted distribution's own origin for old prod). @default ORIGIN_IDS.legacy */
    readonly legacyOriginId?: string;
}

/** The function's code with its settings filled in; throws if CloudFront would refuse it. */
export function buildRouterCode(options: RouterCodeOptions): string {
    if (!(options.fallback in ORIGIN_IDS))
        throw new Error(
            `fallback (${String(options.fallback)}) must be one of ${Object.keys(ORIGIN_IDS).join(", ")}`,
        );
    const config = {
        originIds: { legacy: options.legacyOriginId ?? ORIGIN_IDS.legacy, app: ORIGIN_IDS.app },
        fallback: options.fallback,
        routingKey: ROUTING_KEY,
        overrideTokenKey: OVERRIDE_TOKEN_KEY,
        overrideHeader: OVERRIDE_HEADER,
        minTokenLength: MIN_OVERRIDE_TOKEN_LENGTH,
        cookieName: BUCKET_COOKIE,
        cookieMaxAgeSeconds: BUCKET_COOKIE_MAX_AGE_SECONDS,
    };
    const source = fs.readFileSync(ROUTER_SOURCE_PATH, "utf8");
    const placeholder = "__ROUTER_CONFIG__";
    if (source.split(placeholder).length !== 2)
        throw new Error(`${ROUTER_SOURCE_PATH} must hold ${placeholder} exactly once`);
    const code = source.replace(placeholder, JSON.stringify(config));
    const bytes = Buffer.byteLength(code, "utf8");
    if (bytes > MAX_FUNCTION_CODE_BYTES)
        throw new Error(
            `the router function is ${bytes} bytes; CloudFront Functions allow ${MAX_FUNCTION_CODE_BYTES}`,
        );
    return code;
}

/** Arguments of {@link OriginRouter}. */
export interface OriginRouterArgs {
    /** The routing value (`legacy`, `app`, `app:<percent>`) the key is created with; later changes are `npm run route`'s (the key ignores this input after creation). */
    readonly activeOrigin: pulumi.Input<string>;
    /** The token the override header must carry (a secret, at least {@link MIN_OVERRIDE_TOKEN_LENGTH} characters). */
    readonly overrideToken: pulumi.Input<string>;
    /** The side the code falls back to; it is built into the code, so it changes the function. @default "legacy" */
    readonly fallback?: OriginSide;
    /** The origin ID the legacy side selects (built into the code). @default ORIGIN_IDS.legacy */
    readonly legacyOriginId?: string;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * The KeyValueStore holding the routing and the override token, and the published
 * function that reads it. The distribution associates {@link functionArn} with the
 * viewer-request and viewer-response events of every behaviour.
 */
export class OriginRouter extends pulumi.ComponentResource {
    public readonly functionArn: pulumi.Output<string>;
    public readonly keyValueStoreArn: pulumi.Output<string>;

    constructor(name: string, args: OriginRouterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cdn:OriginRouter", name, {}, opts);
        const tags = args.tags ?? {};
        const code = buildRouterCode({
            fallback: args.fallback ?? "legacy",
            legacyOriginId: args.legacyOriginId,
        });

        const store = new aws.cloudfront.KeyValueStore(
            `${name}-kvs`,
            {
                comment: "ChatMRPT origin routing (activeOrigin) and override token",
                tags,
            },
            { parent: this },
        );
        // A key update reaches the edge without touching the function or the distribution
        // (CloudFront Developer Guide, "Amazon CloudFront KeyValueStore"). `activeOrigin` is only
        // the value the key is created with: from then on `npm run route` owns it, so neither the
        // next `up` (which would write the config's value back) nor the nightly
        // `preview --refresh --expect-no-changes` (the engine suppresses refresh diffs of ignored
        // properties, pulumi/pulumi#16146 and #18377) undoes or reports a move.
        const routing = new aws.cloudfront.KeyvaluestoreKey(
            `${name}-key-active-origin`,
            {
                keyValueStoreArn: store.arn,
                key: ROUTING_KEY,
                value: args.activeOrigin,
            },
            { parent: this, ignoreChanges: ["value"] },
        );
        const token = new aws.cloudfront.KeyvaluestoreKey(
            `${name}-key-override-token`,
            {
                keyValueStoreArn: store.arn,
                key: OVERRIDE_TOKEN_KEY,
                value: pulumi.secret(args.overrideToken),
            },
            { parent: this, additionalSecretOutputs: ["value"] },
        );
        // The function goes live only once both keys are in, so its first requests are routed as configured.
        const fn = new aws.cloudfront.Function(
            `${name}-function`,
            {
                runtime: ROUTER_RUNTIME,
                comment:
                    "ChatMRPT: picks the legacy or app origin per viewer (see README, The origin router)",
                code,
                publish: true,
                // AWS allows one key value store per function.
                keyValueStoreAssociations: [store.arn],
                tags,
            },
            { parent: this, dependsOn: [routing, token] },
        );

        this.functionArn = fn.arn;
        this.keyValueStoreArn = store.arn;
        this.registerOutputs({ functionArn: this.functionArn, keyValueStoreArn: this.keyValueStoreArn });
    }
}
