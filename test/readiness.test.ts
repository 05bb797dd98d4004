import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { parseReadinessArgs, runReadinessCli } from "../offline/readiness/cli";
import { checkReadiness, checkBaseUrl, latencyLimitMs, percentile, ReadinessReport } from "../offline/readiness/readiness";
import { runCli, runCliAsync } from "./helpers";

const TOKEN = "readiness-test-token-0123456789abcdef";

/** A loopback server that answers each path with a status, after a delay, optionally only with a header. */
interface Behaviour {
    status?: Record<string, number>;
    delayMs?: number;
    /** Requests in flight above this get 503 (a server that cannot take the concurrency check). */
    maxInFlight?: number;
    /** Only requests carrying this header value get their status; others 403. */
    requireHeader?: [string, string];
}

interface Server {
    readonly url: string;
    readonly seen: http.IncomingHttpHeaders[];
    close(): Promise<void>;
}

async function serve(b: Behaviour = {}): Promise<Server> {
    const seen: http.IncomingHttpHeaders[] = [];
    let inFlight = 0;
    const server = http.createServer((req, res) => {
        seen.push(req.headers);
        inFlight++;
        const answer = () => {
            const path = (req.url ?? "/").split("?")[0];
            let status = b.status?.[path] ?? 200;
            if (b.requireHeader && req.headers[b.requireHeader[0]] !== b.requireHeader[1]) status = 403;
            if (b.maxInFlight !== undefined && inFlight > b.maxInFlight) status = 503;
            res.writeHead(status, { "content-type": "text/plain" });
            res.end(`${status} ${path}`);
            inFlight--;
        };
        if (b.delayMs) setTimeout(answer, b.delayMs);
        else setImmediate(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<string> {
    const s = await serve();
    await s.close();
    return s.url;
}

const FAST_OPTIONS = { requests: 6, limitMs: 250, timeoutMs: 2000 };

describe("readiness gate", function () {
    // Loopback only; the slowest case waits 6 × 60 ms.
    this.timeout(10000);
    const servers: Server[] = [];
    const start = async (b?: Behaviour) => { const s = await serve(b); servers.push(s); return s; };
    after(async () => { await Promise.all(servers.map((s) => s.close())); });

    it("is ready when both sides answer 200 everywhere, quickly, 10 at a time", async () => {
        const [oldSide, newSide] = [await start(), await start()];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS });
        assert.deepStrictEqual(report.problems, []);
        assert.strictEqual(report.ready, true);
        assert.deepStrictEqual(report.status.map((s) => [s.path, s.oldStatus, s.newStatus, s.ok]), [["/", 200, 200, true], ["/health", 200, 200, true], ["/system-health", 200, 200, true]]);
        assert.deepStrictEqual([report.latency!.requests, report.latency!.succeeded, report.latency!.ok], [6, 6, true]);
        assert.ok(report.latency!.p95Ms < 250);
        assert.deepStrictEqual(report.concurrency, { requests: 10, succeeded: 10, ok: true });
    });

    it("is not ready when the new side is slower than the limit at p95", async () => {
        const [oldSide, newSide] = [await start(), await start({ delayMs: 60 })];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS, limitMs: 40 });
        assert.strictEqual(report.ready, false);
        assert.strictEqual(report.latency!.ok, false);
        assert.ok(report.latency!.p50Ms >= 60 && report.latency!.p95Ms >= 60, JSON.stringify(report.latency));
        assert.deepStrictEqual(report.problems, [`latency: p95 ${report.latency!.p95Ms} ms exceeds the 40 ms limit (p50 ${report.latency!.p50Ms} ms)`]);
        assert.strictEqual(report.concurrency!.ok, true);
    });

    it("is not ready when a path fails on the new side, and sends it no load", async () => {
        const [oldSide, newSide] = [await start(), await start({ status: { "/system-health": 500 } })];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS });
        assert.deepStrictEqual(report.problems, ["/system-health: old 200, new 500; both must be 200", "latency and concurrency: skipped, the new side failed a status check"]);
        assert.deepStrictEqual([report.latency, report.concurrency], [undefined, undefined]);
        assert.strictEqual(newSide.seen.length, 3);
    });

    it("is not ready on a mismatch: old answers what new does not (and the other way round)", async () => {
        const [oldSide, newSide] = [await start({ status: { "/health": 404 } }), await start({ status: { "/": 302 } })];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS });
        assert.deepStrictEqual(report.status.map((s) => [s.path, s.oldStatus, s.newStatus, s.ok]), [["/", 200, 302, false], ["/health", 404, 200, false], ["/system-health", 200, 200, true]]);
        assert.strictEqual(report.ready, false);
    });

    it("is not ready when the new side drops requests beyond 3 in flight", async () => {
        const [oldSide, newSide] = [await start(), await start({ maxInFlight: 3, delayMs: 30 })];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS });
        assert.strictEqual(report.latency!.ok, true);
        assert.strictEqual(report.concurrency!.ok, false);
        assert.ok(report.concurrency!.succeeded <= 3, JSON.stringify(report.concurrency));
        assert.deepStrictEqual(report.problems, [`concurrency: ${report.concurrency!.succeeded} of 10 concurrent requests succeeded; all must`]);
    });

    it("reports a side that does not answer as unreachable (not ready, not an error)", async () => {
        const newSide = await start();
        const report = await checkReadiness({ oldUrl: await closedPort(), newUrl: newSide.url, ...FAST_OPTIONS });
        assert.deepStrictEqual(report.status.map((s) => [s.oldStatus, s.oldError]), [[undefined, "ECONNREFUSED"], [undefined, "ECONNREFUSED"], [undefined, "ECONNREFUSED"]]);
        assert.strictEqual(report.ready, false);
    });

    it("sends the override header to the new side only", async () => {
        const [oldSide, newSide] = [await start(), await start({ requireHeader: ["x-chatmrpt-force-origin", `app:${TOKEN}`] })];
        const report = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, newHeaders: { "x-chatmrpt-force-origin": `app:${TOKEN}` }, ...FAST_OPTIONS });
        assert.strictEqual(report.ready, true, report.problems.join("; "));
        assert.ok(newSide.seen.length >= 3 + 6 + 10);
        assert.ok(newSide.seen.every((h) => h["x-chatmrpt-force-origin"] === `app:${TOKEN}`));
        assert.ok(oldSide.seen.every((h) => h["x-chatmrpt-force-origin"] === undefined));
        const without = await checkReadiness({ oldUrl: oldSide.url, newUrl: newSide.url, ...FAST_OPTIONS });
        assert.deepStrictEqual(without.status.map((s) => s.newStatus), [403, 403, 403]);
    });

    describe("its pieces", () => {
        it("takes the limit from the prod stack's latency alarm (250 ms)", async () => {
            assert.strictEqual(await latencyLimitMs("prod"), 250);
        });
        it("computes nearest-rank percentiles", () => {
            const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted
            assert.deepStrictEqual([percentile(samples, 50), percentile(samples, 95), percentile(samples, 100), percentile([7], 95)], [10, 19, 20, 7]);
        });
        it("rejects base URLs it cannot use", () => {
            assert.strictEqual(checkBaseUrl("https://d225ar6c86586s.cloudfront.net"), undefined);
            assert.strictEqual(checkBaseUrl("d225ar6c86586s.cloudfront.net"), "must be an absolute URL such as https://d225ar6c86586s.cloudfront.net");
            assert.strictEqual(checkBaseUrl("ftp://x.example.org"), "must be an http:// or https:// URL");
            assert.strictEqual(checkBaseUrl("https://x.example.org/?a=1"), "must not have a query or fragment (the gate adds the paths)");
        });
        it("parses arguments, keeping header values out of every message", () => {
            const args = parseReadinessArgs(["--old", "http://a", "--new", "http://b", "--header", `X-ChatMRPT-Force-Origin: app:${TOKEN}`, "--requests", "50", "--json"]);
            assert.deepStrictEqual(args, { help: false, oldUrl: "http://a", newUrl: "http://b", headers: { "x-chatmrpt-force-origin": `app:${TOKEN}` }, requests: 50, stack: "prod", json: true });
            assert.throws(() => parseReadinessArgs(["--old", "http://a"]), { message: "--new is required; see --help" });
            assert.throws(() => parseReadinessArgs(["--old", "http://a", "--new", "http://b", "--requests", "2.5"]), { message: "--requests (2.5) must be a whole number greater than 0" });
            assert.throws(() => parseReadinessArgs(["--old", "http://a", "--new", "http://b", "--stack", "prod", "--limit-ms", "200"]), { message: "--stack and --limit-ms both set the latency limit; give one" });
            assert.throws(() => parseReadinessArgs(["--header", `bad name:${TOKEN}`]), (e: Error) => !e.message.includes(TOKEN));
        });
    });

    describe("npm run readiness", () => {
        it("exits 0 and prints READY against two healthy servers (compiled CLI, limit from the prod stack)", async function () {
            // The CLI runs the whole program for the prod stack's limit: 7-12 s on a loaded 2-core machine.
            this.timeout(30000);
            const [oldSide, newSide] = [await start(), await start()];
            const text = await runCliAsync("readiness", ["--old", oldSide.url, "--new", newSide.url, "--requests", "3"]);
            assert.strictEqual(text.status, 0, text.stderr);
            assert.match(text.stdout, /ok {3}\/system-health {2}old 200, new 200/);
            assert.match(text.stdout, /p50 \d+(\.\d)? ms, p95 \d+(\.\d)? ms over 3 requests \(3 succeeded\); limit 250 ms at p95/);
            assert.match(text.stdout, /ok {3}10 of 10 succeeded/);
            assert.match(text.stdout, /\nREADY\n$/);
        });
        it("exits 1 when a side is unreachable, naming it (compiled CLI)", async () => {
            const nobody = await closedPort();
            // spawnSync is fine here: nothing in this process has to answer.
            const r = runCli("readiness", ["--old", nobody, "--new", nobody, "--limit-ms", "250", "--timeout-ms", "2000"]);
            assert.strictEqual(r.status, 1, r.stderr);
            assert.match(r.stdout, /FAIL \/health {9}old unreachable \(ECONNREFUSED\), new unreachable \(ECONNREFUSED\)/);
            assert.match(r.stdout, /NOT READY/);
        });
        it("exits 2 on bad arguments (compiled CLI)", () => {
            const bad = runCli("readiness", ["--old", "http://a", "--new", "not a url", "--limit-ms", "250"]);
            assert.deepStrictEqual([bad.status, bad.stderr], [2, "error: --new (not a url): must be an absolute URL such as https://d225ar6c86586s.cloudfront.net\n"]);
        });
        it("prints the report as JSON with --json, without the header's value", async () => {
            const [oldSide, newSide] = [await start(), await start()];
            const out: string[] = [];
            const code = await runReadinessCli(["--old", oldSide.url, "--new", newSide.url, "--requests", "3", "--limit-ms", "250", "--header", `x-chatmrpt-force-origin:app:${TOKEN}`, "--json"], (s) => out.push(s));
            const report = JSON.parse(out.join("")) as ReadinessReport;
            assert.deepStrictEqual([code, report.ready, report.latency!.limitMs, report.latency!.requests, report.concurrency!.succeeded], [0, true, 250, 3, 10]);
            assert.ok(!out.join("").includes(TOKEN));
        });
        it("returns 1 for not ready, and prints usage with --help", async () => {
            const [oldSide, newSide] = [await start(), await start({ status: { "/health": 503 } })];
            const out: string[] = [];
            assert.strictEqual(await runReadinessCli(["--old", oldSide.url, "--new", newSide.url, "--limit-ms", "250"], (s) => out.push(s)), 1);
            assert.match(out.join(""), /NOT READY:\n {2}- \/health: old 200, new 503; both must be 200/);
            const help: string[] = [];
            assert.strictEqual(await runReadinessCli(["--help"], (s) => help.push(s)), 0);
            assert.match(help.join(""), /^Usage: npm run readiness -- --old URL --new URL/);
            assert.match(help.join(""), /Exit codes: 0 ready, 1 not ready, 2 error/);
        });
    });
});
