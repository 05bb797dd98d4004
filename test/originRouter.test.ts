import * as assert from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as vm from "vm";
import {
    BUCKET_COOKIE,
    buildRouterCode,
    checkRouting,
    MAX_FUNCTION_CODE_BYTES,
    OriginSide,
    OVERRIDE_HEADER,
    OVERRIDE_TOKEN_KEY,
    parseRouting,
    ROUTER_SOURCE_PATH,
    ROUTING_KEY,
} from "../components/originRouter";

const TOKEN = "t0ken-for-the-router-tests-0123456789";

/** What the fake `cloudfront` module saw during one run. */
interface Run {
    selected: string[];
    kvsReads: string[];
}

type Store = Record<string, string> | "unreachable";

/**
 * Loads the built function into a fresh V8 context with a fake `cloudfront` module, as the
 * CloudFront Functions runtime would: `import cf from 'cloudfront'` is the one line swapped.
 */
function load(fallback: OriginSide, store: Store) {
    const code = buildRouterCode({ fallback });
    const importLine = "import cf from 'cloudfront';";
    assert.strictEqual(code.split(importLine).length, 2, "the function imports the cloudfront module once");
    const run: Run = { selected: [], kvsReads: [] };
    const cf = {
        kvs: () => ({
            get: async (key: string) => {
                run.kvsReads.push(key);
                if (store === "unreachable") throw new Error("KeyValueStore unavailable");
                if (!(key in store)) throw new Error(`key ${key} not found`);
                return store[key];
            },
        }),
        selectRequestOriginById: (id: string) => {
            run.selected.push(id);
        },
    };
    const context = vm.createContext({ __cloudfront: cf });
    new vm.Script(code.replace(importLine, "const cf = __cloudfront;"), {
        filename: "originRouterFunction.js",
    }).runInContext(context);
    const handler = context.handler as (event: unknown) => Promise<any>;
    return { run, handler };
}

function requestEvent(o: { requestId?: string; cookie?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, { value: string }> = { host: { value: "chatmrpt.example.org" } };
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = { value: v };
    return {
        version: "1.0",
        context: {
            eventType: "viewer-request",
            requestId: o.requestId ?? "req-1",
            distributionId: "E2EXAMPLE12345",
        },
        viewer: { ip: "198.51.100.7" },
        request: {
            method: "GET",
            uri: "/",
            querystring: {},
            headers,
            cookies: o.cookie === undefined ? {} : { [BUCKET_COOKIE]: { value: o.cookie } },
        },
    };
}

function responseEvent(o: { requestId?: string; cookie?: string } = {}) {
    const e = requestEvent(o);
    return {
        ...e,
        context: { ...e.context, eventType: "viewer-response" },
        response: { statusCode: 200, statusDescription: "OK", headers: {}, cookies: {} },
    };
}

/** The side one request is sent to. */
async function route(
    store: Store,
    o: Parameters<typeof requestEvent>[0] = {},
    fallback: OriginSide = "legacy",
): Promise<{ side: string; run: Run; request: any }> {
    const { run, handler } = load(fallback, store);
    const event = requestEvent(o);
    const request = await handler(event);
    assert.strictEqual(run.selected.length, 1, "selects exactly one origin");
    return { side: run.selected[0], run, request };
}

/** Synthetic request IDs in CloudFront's shape (56 base64 characters), derived from a seed for repeatability. */
function requestIds(count: number, seed = "router-tests"): string[] {
    return Array.from(
        { length: count },
        (_, i) => createHash("sha256").update(`${seed}-${i}`).digest("base64").slice(0, 54) + "==",
    );
}

describe("origin router function", () => {
    it("fits CloudFront's 10 KB code limit and keeps its settings in one placeholder", () => {
        const code = buildRouterCode({ fallback: "legacy" });
        assert.ok(Buffer.byteLength(code) < MAX_FUNCTION_CODE_BYTES);
        assert.ok(!code.includes("__ROUTER_CONFIG__"));
        assert.strictEqual(fs.readFileSync(ROUTER_SOURCE_PATH, "utf8").split("__ROUTER_CONFIG__").length, 2);
    });

    it("refuses a fallback that is not an origin", () => {
        assert.throws(() => buildRouterCode({ fallback: "new" as OriginSide }), {
            message: "fallback (new) must be one of legacy, app",
        });
    });

    describe("all traffic one way", () => {
        it("sends everyone to legacy on `legacy`, cookie or not", async () => {
            assert.strictEqual((await route({ [ROUTING_KEY]: "legacy" })).side, "legacy");
            assert.strictEqual((await route({ [ROUTING_KEY]: "legacy" }, { cookie: "0" })).side, "legacy");
        });
        it("sends everyone to app on `app`, cookie or not", async () => {
            assert.strictEqual((await route({ [ROUTING_KEY]: "app" })).side, "app");
            assert.strictEqual((await route({ [ROUTING_KEY]: "app" }, { cookie: "99" })).side, "app");
        });
        it("treats app:0 as legacy and app:100 as app for every bucket", async () => {
            for (const bucket of ["0", "50", "99"]) {
                assert.strictEqual(
                    (await route({ [ROUTING_KEY]: "app:0" }, { cookie: bucket })).side,
                    "legacy",
                    bucket,
                );
                assert.strictEqual(
                    (await route({ [ROUTING_KEY]: "app:100" }, { cookie: bucket })).side,
                    "app",
                    bucket,
                );
            }
        });
        it("reads only the routing key when no override header is sent", async () => {
            assert.deepStrictEqual(
                (await route({ [ROUTING_KEY]: "app", [OVERRIDE_TOKEN_KEY]: TOKEN })).run.kvsReads,
                [ROUTING_KEY],
            );
        });
    });

    describe("a share of users", () => {
        it("sends bucket n to app exactly when n < percent (boundaries of app:10)", async () => {
            const store = { [ROUTING_KEY]: "app:10" };
            assert.strictEqual((await route(store, { cookie: "0" })).side, "app");
            assert.strictEqual((await route(store, { cookie: "9" })).side, "app");
            assert.strictEqual((await route(store, { cookie: "10" })).side, "legacy");
            assert.strictEqual((await route(store, { cookie: "99" })).side, "legacy");
        });
        it("keeps app:1 to bucket 0 and app:99 off bucket 99 only", async () => {
            assert.strictEqual((await route({ [ROUTING_KEY]: "app:1" }, { cookie: "0" })).side, "app");
            assert.strictEqual((await route({ [ROUTING_KEY]: "app:1" }, { cookie: "1" })).side, "legacy");
            assert.strictEqual((await route({ [ROUTING_KEY]: "app:99" }, { cookie: "98" })).side, "app");
            assert.strictEqual((await route({ [ROUTING_KEY]: "app:99" }, { cookie: "99" })).side, "legacy");
        });
        it("keeps a viewer with a cookie on one side whatever the request ID", async () => {
            const sides = new Set<string>();
            for (const id of requestIds(50))
                sides.add((await route({ [ROUTING_KEY]: "app:50" }, { cookie: "7", requestId: id })).side);
            assert.deepStrictEqual([...sides], ["app"]);
        });
        it("ignores a forged or malformed bucket cookie and buckets by request ID instead", async () => {
            const id = requestIds(1)[0];
            const byId = (await route({ [ROUTING_KEY]: "app:50" }, { requestId: id })).side;
            for (const bad of ["100", "-1", "07", "5.5", "", "app"]) {
                assert.strictEqual(
                    (await route({ [ROUTING_KEY]: "app:50" }, { cookie: bad, requestId: id })).side,
                    byId,
                    JSON.stringify(bad),
                );
            }
        });
        it("sends 10 % ± 2 of 10,000 new users to app at app:10, and sets each one the cookie that keeps them there", async () => {
            const store = { [ROUTING_KEY]: "app:10" };
            const { run, handler } = load("legacy", store);
            const ids = requestIds(10000);
            let toApp = 0;
            let consistent = 0;
            for (const id of ids) {
                await handler(requestEvent({ requestId: id }));
                const side = run.selected[run.selected.length - 1];
                if (side === "app") toApp++;
                const response = await handler(responseEvent({ requestId: id }));
                const cookie = response.cookies[BUCKET_COOKIE];
                // The next request, with the cookie, goes where the first one went.
                await handler(requestEvent({ requestId: `${id}-next`, cookie: cookie.value }));
                if (run.selected[run.selected.length - 1] === side) consistent++;
            }
            const share = (100 * toApp) / ids.length;
            assert.ok(share >= 8 && share <= 12, `share at app:10 was ${share} %`);
            assert.strictEqual(consistent, ids.length);
        });
    });

    describe("the bucket cookie (viewer-response)", () => {
        it("is set, Secure and HttpOnly, when the viewer has none", async () => {
            const { handler } = load("legacy", {});
            const response = await handler(responseEvent({ requestId: "abc" }));
            assert.match(response.cookies[BUCKET_COOKIE].value, /^([0-9]|[1-9][0-9])$/);
            assert.strictEqual(
                response.cookies[BUCKET_COOKIE].attributes,
                "Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=Lax",
            );
        });
        it("is left alone when the viewer already has a valid one", async () => {
            const { run, handler } = load("legacy", {});
            const response = await handler(responseEvent({ cookie: "42" }));
            assert.deepStrictEqual(response.cookies, {});
            assert.deepStrictEqual(run.kvsReads, []);
        });
        it("replaces a malformed one", async () => {
            const { handler } = load("legacy", {});
            const response = await handler(responseEvent({ cookie: "420", requestId: "abc" }));
            assert.notStrictEqual(response.cookies[BUCKET_COOKIE], undefined);
        });
    });

    describe("the override header", () => {
        const store = { [ROUTING_KEY]: "legacy", [OVERRIDE_TOKEN_KEY]: TOKEN };
        it("forces app with the right token, and strips the header before the origin", async () => {
            const { side, request } = await route(store, { headers: { [OVERRIDE_HEADER]: `app:${TOKEN}` } });
            assert.strictEqual(side, "app");
            assert.strictEqual(request.headers[OVERRIDE_HEADER], undefined);
            assert.deepStrictEqual(request.headers.host, { value: "chatmrpt.example.org" });
        });
        it("forces legacy with the right token while all traffic goes to app", async () => {
            assert.strictEqual(
                (
                    await route(
                        { ...store, [ROUTING_KEY]: "app" },
                        { headers: { [OVERRIDE_HEADER]: `legacy:${TOKEN}` } },
                    )
                ).side,
                "legacy",
            );
        });
        it("beats the bucket cookie", async () => {
            assert.strictEqual(
                (
                    await route(
                        { ...store, [ROUTING_KEY]: "app:10" },
                        { cookie: "99", headers: { [OVERRIDE_HEADER]: `app:${TOKEN}` } },
                    )
                ).side,
                "app",
            );
        });
        it("is ignored (and still stripped) with a wrong token", async () => {
            for (const value of [
                `app:${TOKEN}x`,
                `app:${TOKEN.slice(0, -1)}`,
                "app:",
                "app",
                `new:${TOKEN}`,
                TOKEN,
            ]) {
                const { side, request } = await route(store, { headers: { [OVERRIDE_HEADER]: value } });
                assert.strictEqual(side, "legacy", value);
                assert.strictEqual(request.headers[OVERRIDE_HEADER], undefined, value);
            }
        });
        it("is ignored when no token is stored, or the stored one is too short to be a secret", async () => {
            assert.strictEqual(
                (await route({ [ROUTING_KEY]: "legacy" }, { headers: { [OVERRIDE_HEADER]: "app:" } })).side,
                "legacy",
            );
            assert.strictEqual(
                (
                    await route(
                        { [ROUTING_KEY]: "legacy", [OVERRIDE_TOKEN_KEY]: "" },
                        { headers: { [OVERRIDE_HEADER]: "app:" } },
                    )
                ).side,
                "legacy",
            );
            assert.strictEqual(
                (
                    await route(
                        { [ROUTING_KEY]: "legacy", [OVERRIDE_TOKEN_KEY]: "short" },
                        { headers: { [OVERRIDE_HEADER]: "app:short" } },
                    )
                ).side,
                "legacy",
            );
        });
    });

    describe("falls back to the side named in config", () => {
        const bad = [
            "",
            "  ",
            "APP",
            "app:",
            "app:101",
            "app:-1",
            "app:10.5",
            "app:010",
            "app: 10",
            "legacy:10",
            "app:1e1",
            "blue",
        ];
        for (const fallback of ["legacy", "app"] as const) {
            it(`(${fallback}) on a malformed routing value`, async () => {
                for (const value of bad)
                    assert.strictEqual(
                        (await route({ [ROUTING_KEY]: value }, { cookie: "0" }, fallback)).side,
                        fallback,
                        JSON.stringify(value),
                    );
            });
            it(`(${fallback}) when the routing key is missing`, async () => {
                assert.strictEqual((await route({}, {}, fallback)).side, fallback);
            });
            it(`(${fallback}) when the KeyValueStore fails, even for an override`, async () => {
                assert.strictEqual((await route("unreachable", {}, fallback)).side, fallback);
                assert.strictEqual(
                    (await route("unreachable", { headers: { [OVERRIDE_HEADER]: `app:${TOKEN}` } }, fallback))
                        .side,
                    fallback,
                );
            });
        }
        it("accepts surrounding whitespace, as an operator's `put-key` may add", async () => {
            assert.strictEqual((await route({ [ROUTING_KEY]: " app \n" }, {}, "legacy")).side, "app");
        });
    });

    describe("parseRouting (the same grammar, for config validation)", () => {
        it("parses the three forms", () => {
            assert.deepStrictEqual(["legacy", "app", "app:0", "app:10", "app:100"].map(parseRouting), [
                { percent: 0 },
                { percent: 100 },
                { percent: 0 },
                { percent: 10 },
                { percent: 100 },
            ]);
        });
        it("says what is allowed", () => {
            assert.strictEqual(
                checkRouting("app:10.5"),
                "must be legacy, app, or app:<percent> with a whole percent from 0 to 100 (such as app:10)",
            );
            assert.strictEqual(checkRouting("app:10"), undefined);
        });
    });
});
