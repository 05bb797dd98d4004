import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { parseReadinessArgs, runReadinessCli } from "../offline/readiness/cli";
import {
    checkBaseUrl,
    checkReadiness,
    HTTP_TRANSPORT,
    latencyLimitMs,
    LoadRequest,
    LoadResult,
    percentile,
    ReadinessReport,
    ReadinessTransport,
    StatusResult,
} from "../offline/readiness/readiness";
import { runCli } from "./helpers";

const TOKEN = "readiness-test-token-0123456789abcdef";
const OLD = "https://old.test.chatmrpt.org";
const NEW = "https://new.test.chatmrpt.org";

/** What a fake side answers: statuses by path, response times, a concurrency ceiling, a required header. */
interface FakeSide {
    status?: Record<string, number>;
    /** Response time of each request in turn (cycled), in ms. @default [5] */
    latencyMs?: number[];
    /** Requests in flight above this get 503 (a server that cannot take the concurrency check). */
    maxInFlight?: number;
    /** Only requests carrying this header value get their status; others 403. */
    requireHeader?: [string, string];
    /** Nothing listens: every request fails as a refused connection does. */
    unreachable?: boolean;
}

/**
 * A transport with no sockets and no clock: each side answers from its {@link FakeSide}, and
 * response times are the ones it is given, so no result depends on how busy the machine is.
 */
class FakeTransport implements ReadinessTransport {
    readonly seen: { url: string; headers: Record<string, string> }[] = [];
    constructor(private readonly sides: Record<string, FakeSide>) {}

    private side(url: string): FakeSide {
        const base = Object.keys(this.sides).find((b) => url.startsWith(b));
        assert.ok(base, `the gate asked for ${url}, which is neither side`);
        return this.sides[base];
    }

    private answer(side: FakeSide, path: string, headers: Record<string, string>, inFlight: number): number {
        let status = side.status?.[path] ?? 200;
        if (side.requireHeader && headers[side.requireHeader[0]] !== side.requireHeader[1]) status = 403;
        if (side.maxInFlight !== undefined && inFlight > side.maxInFlight) status = 503;
        return status;
    }

    async status(url: string, headers: Record<string, string>): Promise<StatusResult> {
        this.seen.push({ url, headers });
        const side = this.side(url);
        if (side.unreachable) return { error: "ECONNREFUSED" };
        return { status: this.answer(side, new URL(url).pathname, headers, 1) };
    }

    async load(r: LoadRequest): Promise<LoadResult> {
        const side = this.side(r.baseUrl);
        const latencies = side.latencyMs ?? [5];
        const result: LoadResult = { latenciesMs: [], succeeded: 0 };
        for (let i = 0; i < r.amount; i++) {
            const path = r.paths[i % r.paths.length];
            this.seen.push({ url: r.baseUrl + path, headers: r.headers });
            // Requests go out in waves of `connections`; the k-th of a wave has k in flight.
            const inFlight = (i % r.connections) + 1;
            const status = this.answer(side, path, r.headers, inFlight);
            result.latenciesMs.push(latencies[i % latencies.length]);
            if (status >= 200 && status < 300) (result as { succeeded: number }).succeeded++;
        }
        return result;
    }
}

const OPTIONS = { oldUrl: OLD, newUrl: NEW, requests: 6, limitMs: 250 };
const check = (
    old: FakeSide,
    next: FakeSide,
    more: { limitMs?: number; newHeaders?: Record<string, string> } = {},
) => {
    const transport = new FakeTransport({ [OLD]: old, [NEW]: next });
    return { transport, report: checkReadiness({ ...OPTIONS, ...more, transport }) };
};

describe("readiness gate", () => {
    it("is ready when both sides answer 200 everywhere, quickly, 10 at a time", async () => {
        const report = await check({}, { latencyMs: [4, 6, 5] }).report;
        assert.deepStrictEqual(report.problems, []);
        assert.strictEqual(report.ready, true);
        assert.deepStrictEqual(
            report.status.map((s) => [s.path, s.oldStatus, s.newStatus, s.ok]),
            [
                ["/", 200, 200, true],
                ["/health", 200, 200, true],
                ["/system-health", 200, 200, true],
            ],
        );
        assert.deepStrictEqual(report.latency, {
            requests: 6,
            succeeded: 6,
            p50Ms: 5,
            p95Ms: 6,
            limitMs: 250,
            ok: true,
        });
        assert.deepStrictEqual(report.concurrency, { requests: 10, succeeded: 10, ok: true });
    });

    it("is not ready when the new side is slower than the limit at p95, and says by how much", async () => {
        // 6 requests: p50 is the 3rd fastest, p95 the 6th.
        const report = await check({}, { latencyMs: [30, 35, 38, 39, 61, 45] }, { limitMs: 40 }).report;
        assert.strictEqual(report.ready, false);
        assert.deepStrictEqual(
            [report.latency!.p50Ms, report.latency!.p95Ms, report.latency!.ok],
            [38, 61, false],
        );
        assert.deepStrictEqual(report.problems, ["latency: p95 61 ms exceeds the 40 ms limit (p50 38 ms)"]);
        assert.strictEqual(report.concurrency!.ok, true);
    });

    it("passes a p95 exactly at the limit (the limit is inclusive)", async () => {
        const report = await check({}, { latencyMs: [40] }, { limitMs: 40 }).report;
        assert.deepStrictEqual([report.latency!.p95Ms, report.latency!.ok, report.ready], [40, true, true]);
    });

    it("is not ready when a path fails on the new side, and sends it no load", async () => {
        const { transport, report: pending } = check({}, { status: { "/system-health": 500 } });
        const report = await pending;
        assert.deepStrictEqual(report.problems, [
            "/system-health: old 200, new 500; both must be 200",
            "latency and concurrency: skipped, the new side failed a status check",
        ]);
        assert.deepStrictEqual([report.latency, report.concurrency], [undefined, undefined]);
        assert.strictEqual(transport.seen.filter((s) => s.url.startsWith(NEW)).length, 3);
    });

    it("is not ready on a mismatch: old answers what new does not (and the other way round)", async () => {
        const report = await check({ status: { "/health": 404 } }, { status: { "/": 302 } }).report;
        assert.deepStrictEqual(
            report.status.map((s) => [s.path, s.oldStatus, s.newStatus, s.ok]),
            [
                ["/", 200, 302, false],
                ["/health", 404, 200, false],
                ["/system-health", 200, 200, true],
            ],
        );
        assert.strictEqual(report.ready, false);
    });

    it("is not ready when the new side drops requests beyond 3 in flight", async () => {
        const report = await check({}, { maxInFlight: 3 }).report;
        assert.strictEqual(report.latency!.ok, true);
        assert.deepStrictEqual(report.concurrency, { requests: 10, succeeded: 3, ok: false });
        assert.deepStrictEqual(report.problems, [
            "concurrency: 3 of 10 concurrent requests succeeded; all must",
        ]);
    });

    it("reports a side that does not answer as unreachable (not ready, not an error)", async () => {
        const report = await check({ unreachable: true }, {}).report;
        assert.deepStrictEqual(
            report.status.map((s) => [s.oldStatus, s.oldError]),
            [
                [undefined, "ECONNREFUSED"],
                [undefined, "ECONNREFUSED"],
                [undefined, "ECONNREFUSED"],
            ],
        );
        assert.strictEqual(report.ready, false);
    });

    it("sends the override header to the new side only", async () => {
        const header = { "x-chatmrpt-force-origin": `app:${TOKEN}` };
        const newSide: FakeSide = { requireHeader: ["x-chatmrpt-force-origin", `app:${TOKEN}`] };
        const { transport, report } = check({}, newSide, { newHeaders: header });
        assert.strictEqual((await report).ready, true, (await report).problems.join("; "));
        const toNew = transport.seen.filter((s) => s.url.startsWith(NEW));
        assert.strictEqual(toNew.length, 3 + 6 + 10);
        assert.ok(toNew.every((s) => s.headers["x-chatmrpt-force-origin"] === `app:${TOKEN}`));
        assert.ok(
            transport.seen
                .filter((s) => s.url.startsWith(OLD))
                .every((s) => s.headers["x-chatmrpt-force-origin"] === undefined),
        );
        const without = await check({}, newSide).report;
        assert.deepStrictEqual(
            without.status.map((s) => s.newStatus),
            [403, 403, 403],
        );
    });

    describe("its pieces", () => {
        it("takes the limit from the prod stack's latency alarm (250 ms)", async () => {
            assert.strictEqual(await latencyLimitMs("prod"), 250);
        });
        it("computes nearest-rank percentiles: the rank rounds up, never down or to nearest", () => {
            const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
            // Ranks 2.1 → 3 (to nearest or down: 2), 5.5 → 6 (down: 5), 9.5 → 10 (down: 9), 9.0 → 9.
            assert.deepStrictEqual(
                [percentile(ten, 21), percentile(ten, 55), percentile(ten, 95), percentile(ten, 90)],
                [3, 6, 10, 9],
            );
            assert.deepStrictEqual(
                [percentile([7], 95), percentile([3, 1, 2], 0), percentile([3, 1, 2], 100)],
                [7, 1, 3],
            );
            assert.ok(Number.isNaN(percentile([], 50)));
        });
        it("rejects base URLs it cannot use", () => {
            assert.strictEqual(checkBaseUrl("https://d225ar6c86586s.cloudfront.net"), undefined);
            assert.strictEqual(
                checkBaseUrl("d225ar6c86586s.cloudfront.net"),
                "must be an absolute URL such as https://d225ar6c86586s.cloudfront.net",
            );
            assert.strictEqual(checkBaseUrl("ftp://x.example.org"), "must be an http:// or https:// URL");
            assert.strictEqual(
                checkBaseUrl("https://x.example.org/?a=1"),
                "must not have a query or fragment (the gate adds the paths)",
            );
        });
        it("parses arguments, keeping header values out of every message", () => {
            const args = parseReadinessArgs([
                "--old",
                "http://a",
                "--new",
                "http://b",
                "--header",
                `X-ChatMRPT-Force-Origin: app:${TOKEN}`,
                "--requests",
                "50",
                "--json",
            ]);
            assert.deepStrictEqual(args, {
                help: false,
                oldUrl: "http://a",
                newUrl: "http://b",
                headers: { "x-chatmrpt-force-origin": `app:${TOKEN}` },
                requests: 50,
                stack: "prod",
                json: true,
            });
            assert.throws(() => parseReadinessArgs(["--old", "http://a"]), {
                message: "--new is required; see --help",
            });
            assert.throws(
                () => parseReadinessArgs(["--old", "http://a", "--new", "http://b", "--requests", "2.5"]),
                { message: "--requests (2.5) must be a whole number greater than 0" },
            );
            assert.throws(
                () =>
                    parseReadinessArgs([
                        "--old",
                        "http://a",
                        "--new",
                        "http://b",
                        "--stack",
                        "prod",
                        "--limit-ms",
                        "200",
                    ]),
                { message: "--stack and --limit-ms both set the latency limit; give one" },
            );
            assert.throws(
                () => parseReadinessArgs(["--header", `bad name:${TOKEN}`]),
                (e: Error) => !e.message.includes(TOKEN),
            );
        });
    });

    describe("npm run readiness", () => {
        it("exits 0 and prints READY against two healthy sides (limit from the prod stack)", async () => {
            const out: string[] = [];
            const transport = new FakeTransport({ [OLD]: {}, [NEW]: { latencyMs: [3, 4, 12] } });
            const code = await runReadinessCli(
                ["--old", OLD, "--new", NEW, "--requests", "3"],
                (s) => out.push(s),
                transport,
            );
            const text = out.join("");
            assert.strictEqual(code, 0, text);
            assert.match(text, /ok {3}\/system-health {2}old 200, new 200/);
            assert.match(
                text,
                /ok {3}p50 4 ms, p95 12 ms over 3 requests \(3 succeeded\); limit 250 ms at p95/,
            );
            assert.match(text, /ok {3}10 of 10 succeeded/);
            assert.match(text, /\nREADY$/);
        });
        it("exits 1 when a side is unreachable, naming it (compiled CLI, a loopback port nothing listens on)", async () => {
            const nobody = await closedPort();
            const r = runCli("readiness", [
                "--old",
                nobody,
                "--new",
                nobody,
                "--limit-ms",
                "250",
                "--timeout-ms",
                "30000",
            ]);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.match(
                r.stdout,
                /FAIL \/health {9}old unreachable \(ECONNREFUSED\), new unreachable \(ECONNREFUSED\)/,
            );
            assert.match(r.stdout, /NOT READY/);
        });
        it("exits 2 on bad arguments (compiled CLI)", () => {
            const bad = runCli("readiness", ["--old", "http://a", "--new", "not a url", "--limit-ms", "250"]);
            assert.deepStrictEqual(
                [bad.status, bad.stderr],
                [
                    2,
                    "error: --new (not a url): must be an absolute URL such as https://d225ar6c86586s.cloudfront.net\n",
                ],
            );
        });
        it("prints the report as JSON with --json, without the header's value", async () => {
            const out: string[] = [];
            const transport = new FakeTransport({ [OLD]: {}, [NEW]: {} });
            const code = await runReadinessCli(
                [
                    "--old",
                    OLD,
                    "--new",
                    NEW,
                    "--requests",
                    "3",
                    "--limit-ms",
                    "250",
                    "--header",
                    `x-chatmrpt-force-origin:app:${TOKEN}`,
                    "--json",
                ],
                (s) => out.push(s),
                transport,
            );
            const report = JSON.parse(out.join("")) as ReadinessReport;
            assert.deepStrictEqual(
                [
                    code,
                    report.ready,
                    report.latency!.limitMs,
                    report.latency!.requests,
                    report.concurrency!.succeeded,
                ],
                [0, true, 250, 3, 10],
            );
            assert.ok(!out.join("").includes(TOKEN));
        });
        it("returns 1 for not ready, and prints usage with --help", async () => {
            const out: string[] = [];
            const transport = new FakeTransport({ [OLD]: {}, [NEW]: { status: { "/health": 503 } } });
            assert.strictEqual(
                await runReadinessCli(
                    ["--old", OLD, "--new", NEW, "--limit-ms", "250"],
                    (s) => out.push(s),
                    transport,
                ),
                1,
            );
            assert.match(out.join(""), /NOT READY:\n {2}- \/health: old 200, new 503; both must be 200/);
            const help: string[] = [];
            assert.strictEqual(await runReadinessCli(["--help"], (s) => help.push(s)), 0);
            assert.match(help.join(""), /^Usage: npm run readiness -- --old URL --new URL/);
            assert.match(help.join(""), /Exit codes: 0 ready, 1 not ready, 2 error/);
        });
    });

    describe("over real sockets (the one smoke test of the HTTP transport)", () => {
        const servers: http.Server[] = [];
        after(async () => {
            await Promise.all(
                servers.map(
                    (s) =>
                        new Promise<void>((done) => {
                            s.closeAllConnections();
                            s.close(() => done());
                        }),
                ),
            );
        });

        it("sends status checks and load through fetch and autocannon, the header to the new side only", async () => {
            const seen: { side: string; header?: string | string[] }[] = [];
            const url = async (side: string) => {
                const server = http.createServer((req, res) => {
                    seen.push({ side, header: req.headers["x-chatmrpt-force-origin"] });
                    res.writeHead(200, { "content-type": "text/plain" });
                    res.end("ok");
                });
                servers.push(server);
                await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
                return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
            };
            // A limit no loopback answer can miss however busy the machine: timing is not what this checks.
            const report = await checkReadiness({
                oldUrl: await url("old"),
                newUrl: await url("new"),
                newHeaders: { "x-chatmrpt-force-origin": `app:${TOKEN}` },
                requests: 3,
                limitMs: 60000,
                timeoutMs: 30000,
                transport: HTTP_TRANSPORT,
            });
            assert.deepStrictEqual(report.problems, []);
            assert.deepStrictEqual([report.latency!.succeeded, report.concurrency!.succeeded], [3, 10]);
            assert.deepStrictEqual(seen.filter((s) => s.side === "new").length, 3 + 3 + 10);
            assert.ok(
                seen.every((s) => (s.side === "new" ? s.header === `app:${TOKEN}` : s.header === undefined)),
            );
        });
    });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<string> {
    const server = http.createServer();
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((done) => server.close(() => done()));
    return `http://127.0.0.1:${port}`;
}
