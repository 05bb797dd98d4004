import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import {
    APP_ENV_FILE,
    KEY_PATTERN_PATTERN,
    legacySessionsContent,
    SESSIONS_SCRIPT_PATH,
    SOURCE_HOST_PATTERN,
} from "../components/legacySessionsDocument";
import { ofType, runProd } from "./helpers";

/** A Redis stand-in speaking RESP: AUTH, SCAN (one page), PTTL, DUMP, RESTORE (BUSYKEY when the key exists). */
async function fakeRedis(password?: string) {
    const keys = new Map<string, { value: Buffer; ttl: number }>();
    const commands: string[] = [];
    const server = net.createServer((socket) => {
        let buffer = Buffer.alloc(0);
        let authed = password === undefined;
        const bulk = (b: Buffer | null) =>
            b === null ? "$-1\r\n" : Buffer.concat([Buffer.from(`$${b.length}\r\n`), b, Buffer.from("\r\n")]);
        socket.on("data", (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                // Parse one *N array of $len bulk strings, or wait for more bytes.
                let at = 0;
                const line = () => {
                    const end = buffer.indexOf("\r\n", at);
                    if (end < 0) return undefined;
                    const text = buffer.subarray(at, end).toString();
                    at = end + 2;
                    return text;
                };
                const head = line();
                if (head === undefined) return;
                const args: Buffer[] = [];
                let complete = true;
                for (let i = 0; i < Number(head.slice(1)); i++) {
                    const len = line();
                    if (len === undefined || buffer.length < at + Number(len.slice(1)) + 2) {
                        complete = false;
                        break;
                    }
                    args.push(buffer.subarray(at, at + Number(len.slice(1))));
                    at += Number(len.slice(1)) + 2;
                }
                if (!complete) return;
                buffer = buffer.subarray(at);
                const [cmd, ...rest] = args;
                const name = cmd.toString().toUpperCase();
                commands.push(name);
                const reply = (r: string | Buffer) => socket.write(r);
                if (name === "AUTH") {
                    authed = rest[0].toString() === password;
                    reply(authed ? "+OK\r\n" : "-WRONGPASS invalid username-password pair\r\n");
                } else if (!authed) reply("-NOAUTH Authentication required.\r\n");
                else if (name === "SCAN") {
                    const pattern = new RegExp(`^${rest[2].toString().replace(/\*/g, ".*")}$`);
                    const found = [...keys.keys()].filter((k) => pattern.test(k));
                    reply(
                        Buffer.concat([
                            Buffer.from("*2\r\n$1\r\n0\r\n"),
                            Buffer.from(`*${found.length}\r\n`),
                            ...found.map((k) => bulk(Buffer.from(k)) as Buffer),
                        ]),
                    );
                } else if (name === "PTTL") {
                    const k = keys.get(rest[0].toString());
                    reply(`:${k === undefined ? -2 : k.ttl === 0 ? -1 : k.ttl}\r\n`);
                } else if (name === "DUMP") reply(bulk(keys.get(rest[0].toString())?.value ?? null));
                else if (name === "RESTORE") {
                    const key = rest[0].toString();
                    if (keys.has(key)) reply("-BUSYKEY Target key name already exists.\r\n");
                    else {
                        keys.set(key, { value: Buffer.from(rest[2]), ttl: Number(rest[1].toString()) });
                        reply("+OK\r\n");
                    }
                } else reply(`-ERR unknown command '${name}'\r\n`);
            }
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
        port: (server.address() as net.AddressInfo).port,
        keys,
        commands,
        close: () => new Promise<void>((r) => server.close(() => r())),
    };
}

interface Content {
    parameters: Record<string, { allowedValues?: string[]; allowedPattern?: string; default?: string }>;
    mainSteps: { inputs: { runCommand: string[] } }[];
}

describe("the legacy sessions document (old prod's Redis keys to this stack's Redis)", () => {
    it("exists only while old prod is an origin, its name a stack output, the copy script inside", async () => {
        const prod = await runProd();
        assert.strictEqual(prod.outputs?.legacySessionsDocumentName, "");
        const cutover = await runProd({
            "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
        });
        const docs = ofType(cutover, "aws:ssm/document:Document").filter((d) =>
            d.name.startsWith("chatmrpt-legacy-sessions"),
        );
        assert.strictEqual(docs.length, 1);
        assert.strictEqual(cutover.outputs?.legacySessionsDocumentName, docs[0].outputs.name);
        const content = JSON.parse(String(docs[0].inputs.content)) as Content;
        assert.ok(
            content.mainSteps[0].inputs.runCommand
                .join("\n")
                .includes(fs.readFileSync(SESSIONS_SCRIPT_PATH, "utf8").trim()),
        );
        assert.deepStrictEqual(content.parameters.Direction.allowedValues, ["export", "import"]);
        const host = new RegExp(SOURCE_HOST_PATTERN);
        assert.ok(host.test("chatmrpt-redis-production.1b3pmt.0001.use2.cache.amazonaws.com"));
        for (const bad of ["a b", "a'b", "a;b", "$(x)"]) assert.ok(!host.test(bad), bad);
        const keys = new RegExp(KEY_PATTERN_PATTERN);
        assert.ok(keys.test("session:*"));
        for (const bad of ["", "a b", "'*'"]) assert.ok(!keys.test(bad), bad);
    });

    it("export then import copies every key with its TTL, keeps keys the new side has, and removes the transfer", async function () {
        this.timeout(30_000);
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-sessions-"));
        // The new side's token may hold characters a shell would act on: the env file is never sourced.
        const token = "t0k&n$HOME<x>!#^-";
        const [oldRedis, newRedis] = [await fakeRedis(), await fakeRedis(token)];
        try {
            const payload = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x24, 0x2a, 0x01]);
            oldRedis.keys.set("session:alice", { value: payload, ttl: 86_400_000 });
            oldRedis.keys.set("session:bob", { value: Buffer.from("bob-v1"), ttl: 0 });
            oldRedis.keys.set("other:x", { value: Buffer.from("x"), ttl: 0 });
            newRedis.keys.set("session:bob", { value: Buffer.from("bob-new-side"), ttl: 0 });

            const bin = path.join(root, "bin");
            const s3 = path.join(root, "s3");
            fs.mkdirSync(bin);
            fs.writeFileSync(
                path.join(bin, "aws"),
                [
                    "#!/bin/bash",
                    "set -euo pipefail",
                    `map() { case "$1" in s3://*) echo "${s3}/\${1#s3://}";; *) echo "$1";; esac; }`,
                    'case "$1 $2" in',
                    '  "s3 cp") src=$(map "$3"); dst=$(map "$4"); mkdir -p "$(dirname "$dst")"; cp "$src" "$dst";;',
                    '  "s3 rm") rm "$(map "$3")";;',
                    '  *) echo "unexpected: $*" >&2; exit 2;;',
                    "esac",
                ].join("\n"),
                { mode: 0o755 },
            );
            const envFile = path.join(root, "chatmrpt.env");
            fs.writeFileSync(
                envFile,
                [
                    "APP_PORT=8000",
                    'GUNICORN_CMD_ARGS="--workers 2"',
                    "REDIS_HOST=127.0.0.1",
                    `REDIS_PORT=${newRedis.port}`,
                    "REDIS_SSL=false",
                    `REDIS_PASSWORD=${token}`,
                    "",
                ].join("\n"),
            );
            const content = JSON.parse(
                legacySessionsContent(
                    "chatmrpt-uploads-abc1234",
                    "us-east-2",
                    fs.readFileSync(SESSIONS_SCRIPT_PATH, "utf8"),
                ),
            ) as Content;
            const run = (params: Record<string, string>) =>
                new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
                    const script = content.mainSteps[0].inputs.runCommand
                        .join("\n")
                        .replace(
                            /\{\{ (\w+) \}\}/g,
                            (_, n: string) => params[n] ?? content.parameters[n].default ?? "",
                        )
                        .split(APP_ENV_FILE)
                        .join(envFile);
                    const child = spawn("bash", ["-c", script], {
                        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
                    });
                    let stdout = "";
                    let stderr = "";
                    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
                    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
                    child.on("close", (status) => resolve({ status, stdout, stderr }));
                });

            const exported = await run({
                Direction: "export",
                SourceHost: "127.0.0.1",
                SourcePort: String(oldRedis.port),
                KeyPattern: "session:*",
            });
            assert.strictEqual(exported.status, 0, exported.stderr);
            assert.match(exported.stdout, /exported 2 keys matching session:\* from 127\.0\.0\.1/);
            const transfer = path.join(
                s3,
                "chatmrpt-uploads-abc1234",
                "cutover",
                "legacy-sessions",
                "sessions.bin",
            );
            assert.ok(fs.existsSync(transfer));

            const imported = await run({ Direction: "import" });
            assert.strictEqual(imported.status, 0, imported.stderr);
            assert.match(imported.stdout, /restored 1 keys, kept 1 that already existed, 0 failed/);
            assert.deepStrictEqual(newRedis.keys.get("session:alice"), { value: payload, ttl: 86_400_000 });
            assert.strictEqual(newRedis.keys.get("session:bob")?.value.toString(), "bob-new-side");
            assert.ok(!newRedis.keys.has("other:x"));
            assert.strictEqual(newRedis.commands[0], "AUTH");
            assert.ok(!fs.existsSync(transfer), "the session data stays in the bucket");

            const noHost = await run({ Direction: "export" });
            assert.strictEqual(noHost.status, 1);
            assert.match(noHost.stderr, /export needs SourceHost/);
            fs.writeFileSync(envFile, fs.readFileSync(envFile, "utf8").replace(token, "wrong"));
            fs.mkdirSync(path.dirname(transfer), { recursive: true });
            fs.writeFileSync(transfer, "CHATMRPT-SESSIONS-1\n");
            const denied = await run({ Direction: "import" });
            assert.strictEqual(denied.status, 1);
            assert.match(denied.stderr, /chatmrpt: import failed: WRONGPASS/);
        } finally {
            await Promise.all([oldRedis.close(), newRedis.close()]);
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
