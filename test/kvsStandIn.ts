/**
 * A stand-in of the CloudFront KeyValueStore API on loopback, for driving `npm run route`
 * as a real process. It follows the API model (botocore cloudfront-keyvaluestore
 * 2022-07-26 service-2.json): REST paths `/key-value-stores/{KvsARN}[/keys/{Key}]`, the
 * store's version in the `ETag` header, PutKey conditional on `If-Match` (required; a stale
 * one is a 409 ConflictException), errors as `x-amzn-ErrorType` with a JSON `Message`.
 * It checks what a real endpoint would refuse: a host without the store's account ID in
 * front, and a request not signed with SigV4A.
 */
import * as http from "http";
import { AddressInfo } from "net";

export interface StandInRequest {
    readonly method: string;
    readonly path: string;
    readonly host: string;
    readonly ifMatch?: string;
    readonly authorization: string;
    readonly regionSet?: string;
    readonly body: string;
}

export interface KvsStandIn {
    /** http://localhost:PORT, for AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE. */
    readonly endpoint: string;
    readonly requests: StandInRequest[];
    /** The store's keys, by ARN. */
    readonly stores: Map<string, Map<string, string>>;
    etagOf(arn: string): string;
    /** Another writer changes the store just before each of the next n PutKey calls. */
    interfere(n: number): void;
    /** Answer every call with 403 AccessDeniedException. */
    deny(on: boolean): void;
    close(): Promise<void>;
}

export const ACCOUNT = "123456789012";
export const STORE_ARN = `arn:aws:cloudfront::${ACCOUNT}:key-value-store/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

export async function startKvsStandIn(initial: Record<string, string> = {}): Promise<KvsStandIn> {
    const stores = new Map([[STORE_ARN, new Map(Object.entries(initial))]]);
    const versions = new Map([[STORE_ARN, 1]]);
    const requests: StandInRequest[] = [];
    let interfering = 0;
    let denying = false;
    const etagOf = (arn: string) => `ETAG${versions.get(arn)}`;
    const bump = (arn: string) => versions.set(arn, (versions.get(arn) ?? 0) + 1);

    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (d: Buffer) => (body += d.toString("utf8")));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://stand-in");
            const header = (n: string) => req.headers[n] as string | undefined;
            const record: StandInRequest = {
                method: req.method ?? "",
                path: decodeURIComponent(url.pathname),
                host: header("host") ?? "",
                ifMatch: header("if-match"),
                authorization: header("authorization") ?? "",
                regionSet: header("x-amz-region-set"),
                body,
            };
            requests.push(record);
            const send = (status: number, payload: object, headers: Record<string, string> = {}) => {
                res.writeHead(status, { "content-type": "application/json", ...headers });
                res.end(JSON.stringify(payload));
            };
            const error = (status: number, type: string, message: string) =>
                send(status, { Message: message }, { "x-amzn-ErrorType": type });

            if (!record.authorization.startsWith("AWS4-ECDSA-P256-SHA256 "))
                return error(403, "InvalidSignatureException", "The API takes SigV4A signatures only");
            if (denying)
                return error(403, "AccessDeniedException", "User is not authorized to perform this action");
            const m = /^\/key-value-stores\/(arn:[^/]+\/[^/]+)(?:\/keys\/(.+))?$/.exec(
                url.pathname.split("/").map(decodeURIComponent).join("/"),
            );
            const arn = m?.[1] ?? "";
            const store = stores.get(arn);
            if (!m || !store) return error(404, "ResourceNotFoundException", `No key value store ${arn}`);
            const account = arn.split(":")[4];
            if (!record.host.startsWith(`${account}.`))
                return error(400, "ValidationException", `host ${record.host} lacks the account ${account}`);
            const key = m[2];
            const size = () => [...store].reduce((n, [k, v]) => n + k.length + v.length, 0);
            const counts = () => ({ ItemCount: store.size, TotalSizeInBytes: size() });

            if (req.method === "GET" && key === undefined)
                return send(
                    200,
                    { KvsARN: arn, Created: 1_700_000_000, LastModified: 1_700_000_000, ...counts() },
                    { ETag: etagOf(arn) },
                );
            if (req.method === "GET" && key !== undefined) {
                const value = store.get(key);
                if (value === undefined) return error(404, "ResourceNotFoundException", `No key ${key}`);
                return send(200, { Key: key, Value: value, ...counts() });
            }
            if (req.method === "PUT" && key !== undefined) {
                if (!record.ifMatch) return error(400, "ValidationException", "If-Match is required");
                if (interfering > 0) {
                    interfering--;
                    store.set("otherWriter", String(requests.length));
                    bump(arn);
                }
                if (record.ifMatch !== etagOf(arn))
                    return error(409, "ConflictException", "Pre-condition failed: ETag mismatch");
                const value = (JSON.parse(body || "{}") as { Value?: string }).Value;
                if (typeof value !== "string") return error(400, "ValidationException", "Value is required");
                store.set(key, value);
                bump(arn);
                return send(200, counts(), { ETag: etagOf(arn) });
            }
            return error(400, "ValidationException", `unsupported ${req.method} ${url.pathname}`);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        endpoint: `http://localhost:${port}`,
        requests,
        stores,
        etagOf,
        interfere: (n) => {
            interfering = n;
        },
        deny: (on) => {
            denying = on;
        },
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
