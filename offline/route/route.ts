/**
 * The write behind `npm run route`: the routing key of the router's KeyValueStore, set
 * through the KeyValueStore API (the AWS SDK for JavaScript v3), without `pulumi up`.
 * DescribeKeyValueStore gives the store's ETag, PutKey writes with it as If-Match, and a
 * conflict (another writer moved the ETag) is retried from a fresh ETag a bounded number
 * of times. Every failure is a {@link RouteFailure} whose message says what to do.
 */
import {
    CloudFrontKeyValueStoreClient,
    DescribeKeyValueStoreCommand,
    GetKeyCommand,
    PutKeyCommand,
} from "@aws-sdk/client-cloudfront-keyvaluestore";
import { ROUTING_KEY } from "../../components/routingValue";

// The KeyValueStore API accepts only SigV4A signatures; requiring the pure-JavaScript signer
// registers it with the SDK (without it every call fails before it is sent).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("@aws-sdk/signature-v4a");

/** Exit codes of `npm run route`. */
export const EXIT = {
    /** The key holds the value (written, or already there). */
    done: 0,
    /** The store was not written, or its state after the write is not what was asked. */
    failed: 1,
    /** Bad arguments or value: nothing was read or written. */
    usage: 2,
    /** No store to write: the ARN could not be found. Nothing was written. */
    noStore: 3,
} as const;

/** A failure with the exit code it ends the command with. */
export class RouteFailure extends Error {
    constructor(
        message: string,
        readonly exitCode: number,
    ) {
        super(message);
    }
}

/** The KeyValueStore API lives in us-east-1 (a global service signed with SigV4A); used when no region is set. */
export const DEFAULT_REGION = "us-east-1";
/** PutKey attempts when other writers keep moving the ETag. */
export const MAX_PUT_ATTEMPTS = 4;
/** Pause before retry n (1-based) after a conflict, in ms: 100, 200, 400. */
export const conflictDelayMs = (retry: number) => 100 * 2 ** (retry - 1);

/** Where AWS says how a key change reaches the edge (quoted in {@link PROPAGATION_NOTE}). */
export const PROPAGATION_SOURCE =
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/kvs-with-functions.html";
/** What the command prints after a write: AWS's words, and what AWS does not say. */
export const PROPAGATION_NOTE = [
    'AWS: "you make updates to function code and updates to the data associated with a function',
    'independently of each other" (CloudFront Developer Guide, "Amazon CloudFront KeyValueStore",',
    `${PROPAGATION_SOURCE}): no function publish and no distribution deployment.`,
    "AWS publishes no propagation time for key changes; edges may serve the old value for",
    "seconds to tens of seconds. Check with curl as in docs/cutover.md (Rollback).",
].join("\n");

/** What a successful run did. */
export interface RouteResult {
    readonly arn: string;
    readonly region: string;
    /** The key's value before, undefined when the key did not exist. */
    readonly before?: string;
    /** The key's value read back after the write. */
    readonly after: string;
    /** False when the key already held the value (nothing written). */
    readonly written: boolean;
    /** PutKey calls made (1 without conflicts). */
    readonly attempts: number;
}

/** Options of {@link route}. */
export interface RouteOptions {
    /** Test seam: how the retry pause waits. @default setTimeout */
    readonly sleep?: (ms: number) => Promise<void>;
}

const KVS_ARN = /^arn:aws[a-z-]*:cloudfront::(\d{12}):key-value-store\/[A-Za-z0-9-]+$/;

/** Why an ARN is not a KeyValueStore ARN, or undefined. */
export function checkKvsArn(arn: string): string | undefined {
    return KVS_ARN.test(arn)
        ? undefined
        : "must be a KeyValueStore ARN, arn:aws:cloudfront::<12-digit account>:key-value-store/<id>";
}

/**
 * The region the client signs for: the SDK's own (AWS_REGION, the profile's region), else
 * {@link DEFAULT_REGION}. Asked of a client so every standard source is honoured.
 */
export async function resolveRegion(): Promise<{ region: string; defaulted: boolean }> {
    const probe = new CloudFrontKeyValueStoreClient({});
    try {
        const region = await probe.config.region();
        if (typeof region === "string" && region !== "") return { region, defaulted: false };
    } catch {
        // "Region is missing": none configured anywhere.
    } finally {
        probe.destroy();
    }
    return { region: DEFAULT_REGION, defaulted: true };
}

/** A client honouring the SDK's standard environment (credentials, endpoint URLs), with timeouts. */
export function kvsClient(region: string): CloudFrontKeyValueStoreClient {
    // A black-holed endpoint would otherwise hang: the Node handler has no connection timeout.
    return new CloudFrontKeyValueStoreClient({
        region,
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    });
}

interface SdkError {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
}

const asSdkError = (e: unknown): SdkError => (typeof e === "object" && e !== null ? (e as SdkError) : {});
const statusOf = (e: unknown) => asSdkError(e).$metadata?.httpStatusCode;

/** A write refused because the ETag moved (409 ConflictException; 412 as HTTP would say it). */
export function isConflict(e: unknown): boolean {
    const { name } = asSdkError(e);
    return (
        name === "ConflictException" || name === "PreconditionFailed" || [409, 412].includes(statusOf(e) ?? 0)
    );
}

const NETWORK_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH"];

/** Where the client sends requests, as the operator set it (for messages). */
export function endpointOf(env: NodeJS.ProcessEnv, arn: string): string {
    const account = KVS_ARN.exec(arn)?.[1] ?? "<account>";
    return (
        env.AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE ??
        env.AWS_ENDPOINT_URL ??
        `https://${account}.cloudfront-kvs.global.api.aws`
    );
}

/** The failure an SDK error means, in the operator's terms. */
export function explain(e: unknown, step: string, arn: string, env: NodeJS.ProcessEnv): RouteFailure {
    const err = asSdkError(e);
    const detail = err.message ?? String(e);
    const status = statusOf(e);
    let what: string;
    if (err.name === "AccessDeniedException" || status === 403)
        what =
            `access denied (${detail}). The caller needs cloudfront-keyvaluestore:DescribeKeyValueStore, ` +
            `GetKey and PutKey on ${arn}; check the credentials in use (aws sts get-caller-identity)`;
    else if (err.name === "ResourceNotFoundException" || status === 404)
        what = `no such key value store (${detail}): check the ARN and the account of the credentials`;
    else if (err.name === "CredentialsProviderError")
        what = `no AWS credentials (${detail}): set AWS_PROFILE or the AWS_ACCESS_KEY_ID pair`;
    else if ((err.code && NETWORK_CODES.includes(err.code)) || err.name === "TimeoutError")
        what = `cannot reach the KeyValueStore API at ${endpointOf(env, arn)} (${err.code ?? err.name}: ${detail})`;
    else if (isConflict(e))
        what = `the store's ETag kept changing: another writer is updating it (${detail}). Nothing of ours was written; run the command again once the other write is done`;
    else what = `${err.name ?? "error"}${status ? ` (HTTP ${status})` : ""}: ${detail}`;
    return new RouteFailure(`${step} failed: ${what}`, EXIT.failed);
}

/** The key's value, undefined when it does not exist. */
async function readKey(client: CloudFrontKeyValueStoreClient, arn: string): Promise<string | undefined> {
    try {
        return (await client.send(new GetKeyCommand({ KvsARN: arn, Key: ROUTING_KEY }))).Value;
    } catch (e) {
        if (asSdkError(e).name === "ResourceNotFoundException") return undefined;
        throw e;
    }
}

/**
 * Sets {@link ROUTING_KEY} to `value` (already validated) in the store `arn`: before, the
 * conditional write (retried on conflict), and the value read back.
 */
export async function route(
    client: CloudFrontKeyValueStoreClient,
    region: string,
    arn: string,
    value: string,
    env: NodeJS.ProcessEnv,
    options: RouteOptions = {},
): Promise<RouteResult> {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const step = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
        try {
            return await call();
        } catch (e) {
            throw e instanceof RouteFailure ? e : explain(e, name, arn, env);
        }
    };
    const before = await step("GetKey (the value before)", () => readKey(client, arn));
    if (before === value) return { arn, region, before, after: value, written: false, attempts: 0 };

    let attempts = 0;
    for (;;) {
        attempts++;
        const etag = await step("DescribeKeyValueStore (the ETag)", async () => {
            const out = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: arn }));
            if (!out.ETag) throw new RouteFailure("DescribeKeyValueStore returned no ETag", EXIT.failed);
            return out.ETag;
        });
        try {
            await client.send(
                new PutKeyCommand({ KvsARN: arn, Key: ROUTING_KEY, Value: value, IfMatch: etag }),
            );
            break;
        } catch (e) {
            if (!isConflict(e)) throw explain(e, "PutKey", arn, env);
            if (attempts >= MAX_PUT_ATTEMPTS)
                throw explain(e, `PutKey (${attempts} attempts, each with a fresh ETag)`, arn, env);
            await sleep(conflictDelayMs(attempts));
        }
    }

    let after: string | undefined;
    try {
        after = await readKey(client, arn);
    } catch (e) {
        throw new RouteFailure(
            `the write succeeded but reading it back failed: ${explain(e, "GetKey", arn, env).message}. ` +
                `Check with: aws cloudfront-keyvaluestore get-key --kvs-arn ${arn} --key ${ROUTING_KEY}`,
            EXIT.failed,
        );
    }
    if (after !== value)
        throw new RouteFailure(
            `wrote ${value}, but ${ROUTING_KEY} now reads ${after ?? "(missing)"}: another writer changed it after us`,
            EXIT.failed,
        );
    return { arn, region, before, after, written: true, attempts };
}
