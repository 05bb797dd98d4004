import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ARN_OUTPUT, parseRouteArgs, runRouteCli } from "../offline/route/cli";
import { EXIT, MAX_PUT_ATTEMPTS, PROPAGATION_SOURCE, RouteFailure } from "../offline/route/route";
import { ROUTING_KEY } from "../components/routingValue";
import { ROOT, runCliAsync, runInProcess } from "./helpers";
import { ACCOUNT, KvsStandIn, startKvsStandIn, STORE_ARN } from "./kvsStandIn";

// What the real processes preload (through NODE_OPTIONS), for the cases run in this one.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload
require("./resolveLocalhost.js");

/**
 * `npm run route`, against a loopback stand-in of the KeyValueStore API. Most cases call the
 * command's entry in this process, with the environment the SDK reads swapped in for the
 * call; the first case and the stack-output cases run it as a real process, as typed, for
 * its exit codes, streams and what its children inherit.
 */
describe("npm run route (the rollback command)", function () {
    this.timeout(30_000);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "route-home-"));
    let kvs: KvsStandIn;

    /** A clean SDK environment: fake keys, no config files, no instance metadata, *.localhost on loopback. */
    const envFor = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
        const env: NodeJS.ProcessEnv = {
            PATH: process.env.PATH,
            HOME: home,
            AWS_CONFIG_FILE: path.join(home, "no-config"),
            AWS_SHARED_CREDENTIALS_FILE: path.join(home, "no-credentials"),
            AWS_EC2_METADATA_DISABLED: "true",
            AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
            AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: kvs.endpoint,
            NODE_OPTIONS: `--require ${path.join(ROOT, "test", "resolveLocalhost.js")}`,
            ...extra,
        };
        for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
        return env;
    };
    const routeProcess = (args: string[], extra: Record<string, string | undefined> = {}) =>
        runCliAsync("route", args, envFor(extra));
    /** Makes process.env exactly `env` (the SDK reads it, not an argument). */
    const replaceEnv = (env: NodeJS.ProcessEnv) => {
        for (const k of Object.keys(process.env)) delete process.env[k];
        Object.assign(process.env, env);
    };
    /** The same run in this process: process.env is the child's for the call, then restored. */
    const route = async (args: string[], extra: Record<string, string | undefined> = {}) => {
        const saved = { ...process.env };
        replaceEnv(envFor(extra));
        try {
            const { code, out, err } = await runInProcess((argv, write) => runRouteCli(argv, write), args);
            return { status: code, stdout: out, stderr: err };
        } finally {
            replaceEnv(saved);
        }
    };
    const stored = () => kvs.stores.get(STORE_ARN)?.get(ROUTING_KEY);
    const calls = () =>
        kvs.requests.map((r) => `${r.method} ${r.path.endsWith(`/keys/${ROUTING_KEY}`) ? "key" : "store"}`);

    beforeEach(async () => {
        kvs = await startKvsStandIn({ [ROUTING_KEY]: "app:10" });
    });
    afterEach(() => kvs.close());
    after(() => fs.rmSync(home, { recursive: true, force: true }));

    it("writes the key with If-Match from DescribeKeyValueStore, reads it back, prints before, after and AWS's note", async () => {
        const etag = kvs.etagOf(STORE_ARN);
        const r = await routeProcess(["legacy", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.done, r.stderr);
        assert.strictEqual(stored(), "legacy");
        assert.deepStrictEqual(calls(), ["GET key", "GET store", "PUT key", "GET key"]);
        const put = kvs.requests[2];
        assert.strictEqual(put.ifMatch, etag);
        assert.deepStrictEqual(JSON.parse(put.body), { Value: "legacy" });
        // The API's requirements, met by the real SDK: SigV4A for every region, the account in the host.
        for (const req of kvs.requests) {
            assert.match(req.authorization, /^AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\//);
            assert.strictEqual(req.regionSet, "*");
            assert.ok(req.host.startsWith(`${ACCOUNT}.localhost:`), req.host);
        }
        assert.match(r.stdout, /^activeOrigin before: app:10$/m);
        assert.match(r.stdout, /^activeOrigin after: {2}legacy \(written with If-Match; read back\)$/m);
        assert.ok(r.stdout.includes(PROPAGATION_SOURCE));
        assert.match(r.stdout, /AWS publishes no propagation time/);
    });

    it("uses us-east-1 when no region is set, and AWS_REGION when it is", async () => {
        const none = await route(["app", "--kvs-arn", STORE_ARN], { AWS_REGION: undefined });
        assert.strictEqual(none.status, EXIT.done, none.stderr);
        assert.match(none.stdout, /\(region us-east-1, the default: none set\)/);
        const set = await route(["app:20", "--kvs-arn", STORE_ARN], { AWS_REGION: "eu-west-1" });
        assert.strictEqual(set.status, EXIT.done, set.stderr);
        assert.match(set.stdout, /\(region eu-west-1\)/);
        assert.strictEqual(stored(), "app:20");
    });

    it("honours AWS_ENDPOINT_URL as well as the service's own variable", async () => {
        const r = await route(["app", "--kvs-arn", STORE_ARN], {
            AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: undefined,
            AWS_ENDPOINT_URL: kvs.endpoint,
        });
        assert.strictEqual(r.status, EXIT.done, r.stderr);
        assert.strictEqual(stored(), "app");
    });

    it("refuses a bad value with exit 2, naming it and what is allowed, before any request", async () => {
        const r = await route(["app:10.5", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.usage);
        assert.match(r.stderr, /the routing value \(app:10\.5\) must be legacy, app, or app:<percent>/);
        assert.deepStrictEqual(kvs.requests, []);
        assert.strictEqual(stored(), "app:10");
    });

    it("writes nothing when the key already holds the value", async () => {
        const r = await route(["app:10", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.done, r.stderr);
        assert.deepStrictEqual(calls(), ["GET key"]);
        assert.match(r.stdout, /app:10 \(already set; nothing written\)/);
    });

    it("retries a conflict from a fresh ETag, then succeeds", async () => {
        kvs.interfere(2);
        const r = await route(["legacy", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.done, r.stderr);
        assert.strictEqual(stored(), "legacy");
        const puts = kvs.requests.filter((q) => q.method === "PUT");
        assert.strictEqual(puts.length, 3);
        assert.strictEqual(new Set(puts.map((p) => p.ifMatch)).size, 3, "each attempt re-read the ETag");
        assert.match(r.stdout, /after 2 conflict\(s\) retried/);
    });

    it("gives up on a conflict that persists, exit 1, saying another writer holds the store", async () => {
        kvs.interfere(100);
        const r = await route(["legacy", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.failed);
        assert.strictEqual(kvs.requests.filter((q) => q.method === "PUT").length, MAX_PUT_ATTEMPTS);
        assert.match(
            r.stderr,
            /PutKey \(4 attempts, each with a fresh ETag\) failed: the store's ETag kept changing/,
        );
        assert.strictEqual(stored(), "app:10");
    });

    it("reports access denied clearly, exit 1, naming the permissions", async () => {
        kvs.deny(true);
        const r = await route(["legacy", "--kvs-arn", STORE_ARN]);
        assert.strictEqual(r.status, EXIT.failed);
        assert.match(
            r.stderr,
            /access denied .*cloudfront-keyvaluestore:DescribeKeyValueStore, GetKey and PutKey/,
        );
        assert.strictEqual(stored(), "app:10");
    });

    it("reports an unreachable endpoint clearly, exit 1", async () => {
        const endpoint = kvs.endpoint;
        await kvs.close();
        const r = await route(["legacy", "--kvs-arn", STORE_ARN], {
            AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE: endpoint,
            AWS_MAX_ATTEMPTS: "1",
        });
        kvs = await startKvsStandIn();
        assert.strictEqual(r.status, EXIT.failed);
        assert.ok(
            r.stderr.includes(`cannot reach the KeyValueStore API at ${endpoint} (ECONNREFUSED`),
            r.stderr,
        );
    });

    describe("without --kvs-arn", () => {
        const bin = fs.mkdtempSync(path.join(os.tmpdir(), "route-bin-"));
        const log = path.join(bin, "calls.log");
        /** A `pulumi` on PATH that logs its arguments and whether NODE_OPTIONS reached it. */
        const fakePulumi = (stdout: string, code = 0) => {
            const script = [
                `#!${process.execPath}`,
                `require("fs").appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), nodeOptions: process.env.NODE_OPTIONS }) + "\\n");`,
                `process.stdout.write(${JSON.stringify(stdout)});`,
                `process.exitCode = ${code};`,
            ].join("\n");
            fs.writeFileSync(path.join(bin, "pulumi"), script, { mode: 0o755 });
        };
        after(() => fs.rmSync(bin, { recursive: true, force: true }));
        beforeEach(() => fs.rmSync(log, { force: true }));

        it("reads the ARN from pulumi stack output, passing --stack and NODE_OPTIONS on", async () => {
            fakePulumi(`${STORE_ARN}\n`);
            const r = await routeProcess(["legacy", "--stack", "prod"], {
                PATH: `${bin}:${process.env.PATH}`,
            });
            assert.strictEqual(r.status, EXIT.done, r.stderr);
            assert.strictEqual(stored(), "legacy");
            const [call] = fs
                .readFileSync(log, "utf8")
                .trim()
                .split("\n")
                .map((l) => JSON.parse(l));
            assert.deepStrictEqual(call.args, ["stack", "output", ARN_OUTPUT, "--stack", "prod"]);
            assert.match(call.nodeOptions, /resolveLocalhost\.js/);
        });

        it("fails with exit 3 when the output is empty (no router) or pulumi is missing, writing nothing", async () => {
            fakePulumi("\n");
            const empty = await routeProcess(["legacy"], { PATH: `${bin}:${process.env.PATH}` });
            assert.strictEqual(empty.status, EXIT.noStore);
            assert.match(
                empty.stderr,
                /is empty: the stack has no router \(chatmrpt:legacyOriginDomainName is unset\)/,
            );
            const missing = await route(["legacy"], { PATH: path.join(home, "empty-path") });
            assert.strictEqual(missing.status, EXIT.noStore);
            assert.match(missing.stderr, /the pulumi CLI is not on PATH.*Pass --kvs-arn ARN instead/);
            assert.deepStrictEqual(kvs.requests, []);
        });
    });

    it("is shown in the docs only with arguments it accepts", () => {
        const shown = ["README.md", "docs/cutover.md"].flatMap((file) =>
            [...fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/npm run route -- ([^`\n]*)/g)].map(
                (m) => ({
                    file,
                    args: m[1]
                        .replace(/\s+#.*$/, "")
                        .trim()
                        .split(/\s+/),
                }),
            ),
        );
        assert.ok(shown.filter((s) => s.file === "docs/cutover.md").length >= 5, JSON.stringify(shown));
        for (const { file, args } of shown) {
            // The usage line's placeholders are not values.
            if (args[0].startsWith("<")) continue;
            assert.doesNotThrow(() => parseRouteArgs(args), `${file}: npm run route -- ${args.join(" ")}`);
        }
        assert.ok(shown.some((s) => s.args.join(" ") === "legacy --stack prod"));
    });

    it("runbook: every sh block parses and passes ShellCheck (commands an operator pastes)", () => {
        const text = fs.readFileSync(path.join(ROOT, "docs", "cutover.md"), "utf8");
        const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
        assert.ok(blocks.length >= 10);
        const bad = blocks.flatMap((block, i) => {
            const syntax = spawnSync("bash", ["-n"], { input: block, encoding: "utf8" });
            // SC2016: single-quoted JMESPath and ALB placeholders (`#{path}`) are meant literally.
            const lint = spawnSync("shellcheck", ["-s", "bash", "-e", "SC2016", "-"], {
                input: block,
                encoding: "utf8",
            });
            if (lint.error)
                throw new Error(
                    `shellcheck could not run (${lint.error.message}): apt-get install -y shellcheck`,
                );
            return syntax.status === 0 && lint.status === 0
                ? []
                : [`block ${i}: ${syntax.stderr}${lint.stdout}`];
        });
        assert.deepStrictEqual(bad, []);
    });

    describe("its arguments", () => {
        const refused = (argv: string[]) => {
            try {
                parseRouteArgs(argv);
            } catch (e) {
                assert.ok(e instanceof RouteFailure);
                assert.strictEqual(e.exitCode, EXIT.usage);
                return e.message.split("\n")[0];
            }
            assert.fail(`${argv.join(" ")} was accepted`);
        };

        it("accept the router's grammar only", () => {
            for (const v of ["legacy", "app", "app:0", "app:10", "app:100"])
                assert.strictEqual(parseRouteArgs([v]).value, v);
            for (const v of ["app:101", "app:010", "App", "legacy:5", "app:", "off"])
                assert.match(refused([v]), new RegExp(`^the routing value \\(${v}\\) must be legacy, app`));
        });

        it("refuse a missing value, a second value, an unknown flag and a malformed ARN", () => {
            assert.strictEqual(refused([]), "a routing value is required");
            assert.strictEqual(refused(["app", "legacy"]), "one value only (got app and legacy)");
            assert.strictEqual(refused(["app", "--force"]), "unknown option --force");
            assert.strictEqual(refused(["app", "--kvs-arn"]), "--kvs-arn needs a value");
            assert.match(
                refused(["app", "--kvs-arn", "arn:aws:cloudfront::123:distribution/E1"]),
                /^--kvs-arn \(arn:aws:cloudfront::123:distribution\/E1\) must be a KeyValueStore ARN/,
            );
        });
    });
});
