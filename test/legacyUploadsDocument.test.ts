import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    checkTransferPrefix,
    DEFAULT_TRANSFER_PREFIX,
    legacyUploadsContent,
    OWNER_PATTERN,
    UPLOADS_DIR_PATTERN,
} from "../components/legacyUploadsDocument";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { named, ofType, runProd, runProdOk } from "./helpers";

const DOCUMENT = "aws:ssm/document:Document";
const LEGACY = { "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com" };

interface Content {
    schemaVersion: string;
    parameters: Record<string, { allowedValues?: string[]; allowedPattern?: string; default?: string }>;
    mainSteps: { action: string; inputs: { timeoutSeconds: string; runCommand: string[] } }[];
}

/** The script as SSM runs it: `{{ Name }}` replaced by the parameter's text (SSM substitutes textually). */
function scriptFor(content: Content, params: Record<string, string>): string {
    return content.mainSteps[0].inputs.runCommand
        .join("\n")
        .replace(
            /\{\{ (\w+) \}\}/g,
            (_, name: string) => params[name] ?? content.parameters[name].default ?? "",
        );
}

/** The uploads document (the sessions one is test/legacySessionsDocument.test.ts's). */
const uploadsDocs = (run: OfflineRun<unknown>) =>
    ofType(run, DOCUMENT).filter((d) => d.name.startsWith("chatmrpt-legacy-uploads"));

describe("the legacy uploads document (old prod's files to the new instances)", () => {
    let prod: OfflineRun<unknown>;
    let cutover: OfflineRun<unknown>;
    before(async () => {
        // One at a time: the SDK's runtime state is per process.
        prod = await runProd();
        cutover = await runProdOk(LEGACY);
    });

    it("exists only while old prod is an origin, and its name is a stack output", () => {
        assert.deepStrictEqual(ofType(prod, DOCUMENT), []);
        assert.strictEqual(prod.outputs?.legacyUploadsDocumentName, "");
        const [doc] = uploadsDocs(cutover);
        // The stack's tags, as the router's store (another cutover-only resource) carries them.
        const store = named(cutover, "chatmrpt-cdn-router-kvs");
        assert.ok(Object.keys(store.inputs.tags as object).length >= 3);
        assert.strictEqual(uploadsDocs(cutover).length, 1);
        assert.strictEqual(cutover.outputs?.legacyUploadsDocumentName, doc.outputs.name);
        assert.deepStrictEqual(
            {
                documentType: doc.inputs.documentType,
                documentFormat: doc.inputs.documentFormat,
                targetType: doc.inputs.targetType,
                tags: doc.inputs.tags,
            },
            {
                documentType: "Command",
                documentFormat: "JSON",
                targetType: "/AWS::EC2::Instance",
                tags: store.inputs.tags,
            },
        );
    });

    it("copies through the stack's uploads bucket, and takes only safe parameters", () => {
        const [doc] = uploadsDocs(cutover);
        const [bucket] = ofType(cutover, "aws:s3/bucket:Bucket").filter(
            (b) => b.name === "chatmrpt-uploads-bucket",
        );
        const content = JSON.parse(String(doc.inputs.content)) as Content;
        assert.strictEqual(content.schemaVersion, "2.2");
        assert.strictEqual(content.mainSteps[0].action, "aws:runShellScript");
        assert.ok(
            content.mainSteps[0].inputs.runCommand.includes(
                `transfer='s3://${bucket.outputs.bucket}/${DEFAULT_TRANSFER_PREFIX}'`,
            ),
        );
        assert.deepStrictEqual(content.parameters.Direction.allowedValues, ["export", "import"]);
        assert.strictEqual(content.parameters.UploadsDir.allowedPattern, UPLOADS_DIR_PATTERN);
        assert.strictEqual(content.parameters.Owner.allowedPattern, OWNER_PATTERN);
        const dir = new RegExp(UPLOADS_DIR_PATTERN);
        for (const ok of ["/home/ec2-user/ChatMRPT/instance/uploads", "/srv/app_1/uploads.d"])
            assert.ok(dir.test(ok), ok);
        for (const bad of ["uploads", "/a/../etc", "/a/./b", "/a b", "/a'b", "/a;rm", "/", "/a//b", "/a/"])
            assert.ok(!dir.test(bad), bad);
        const owner = new RegExp(OWNER_PATTERN);
        assert.ok(owner.test("ec2-user:ec2-user"));
        for (const bad of ["root", "root:root;x", "Root:root", "a:b c"]) assert.ok(!owner.test(bad), bad);
    });

    it("refuses a transfer prefix S3 keys or the script would mangle", () => {
        assert.strictEqual(checkTransferPrefix("cutover/legacy-uploads/"), undefined);
        for (const bad of ["cutover", "/cutover/", "cutover//x/", "Cut over/"])
            assert.match(checkTransferPrefix(bad) ?? "", /^must be lower-case letters/, bad);
    });

    it("export then import moves old prod's files onto a new instance's disk, again only what is new", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "legacy-uploads-"));
        try {
            // `aws s3 sync SRC DST`: the transfer prefix is a local folder here.
            const bin = path.join(root, "bin");
            const s3 = path.join(root, "s3");
            fs.mkdirSync(bin);
            fs.writeFileSync(
                path.join(bin, "aws"),
                [
                    "#!/bin/bash",
                    "set -euo pipefail",
                    '[ "$1 $2" = "s3 sync" ] || { echo "unexpected: $*" >&2; exit 2; }',
                    `map() { case "$1" in s3://*) echo "${s3}/\${1#s3://}";; *) echo "$1";; esac; }`,
                    'src=$(map "$3"); dst=$(map "$4"); mkdir -p "$dst"; cp -R "$src"/. "$dst"/',
                    'echo "$*" >> ' + JSON.stringify(path.join(root, "aws.log")),
                ].join("\n"),
                { mode: 0o755 },
            );
            const content = JSON.parse(
                legacyUploadsContent("chatmrpt-uploads-abc1234", "us-east-2", DEFAULT_TRANSFER_PREFIX),
            ) as Content;
            const owner = `${spawnSync("id", ["-un"], { encoding: "utf8" }).stdout.trim()}:${spawnSync("id", ["-gn"], { encoding: "utf8" }).stdout.trim()}`;
            const run = (params: Record<string, string>) =>
                spawnSync("bash", ["-c", scriptFor(content, params)], {
                    encoding: "utf8",
                    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
                });
            const oldDir = path.join(root, "old", "uploads");
            const newDir = path.join(root, "new", "uploads");
            fs.mkdirSync(path.join(oldDir, "session-1"), { recursive: true });
            fs.writeFileSync(path.join(oldDir, "session-1", "data.csv"), "a,b\n");

            const exported = run({ Direction: "export", UploadsDir: oldDir });
            assert.strictEqual(exported.status, 0, exported.stderr);
            const imported = run({ Direction: "import", UploadsDir: newDir, Owner: owner });
            assert.strictEqual(imported.status, 0, imported.stderr);
            assert.strictEqual(fs.readFileSync(path.join(newDir, "session-1", "data.csv"), "utf8"), "a,b\n");
            assert.match(imported.stdout, /chatmrpt: import done on .*: 1 files in /);
            assert.deepStrictEqual(fs.readFileSync(path.join(root, "aws.log"), "utf8").trim().split("\n"), [
                `s3 sync ${oldDir} s3://chatmrpt-uploads-abc1234/cutover/legacy-uploads/ --only-show-errors --region us-east-2`,
                `s3 sync s3://chatmrpt-uploads-abc1234/cutover/legacy-uploads/ ${newDir} --only-show-errors --region us-east-2`,
            ]);
            // A file the new instance already has (uploaded there since) survives a second import.
            fs.writeFileSync(path.join(newDir, "session-2.txt"), "new side");
            assert.strictEqual(run({ Direction: "import", UploadsDir: newDir, Owner: owner }).status, 0);
            assert.strictEqual(fs.readFileSync(path.join(newDir, "session-2.txt"), "utf8"), "new side");

            const missing = run({ Direction: "export", UploadsDir: path.join(root, "nowhere") });
            assert.strictEqual(missing.status, 1);
            assert.match(missing.stderr, /chatmrpt: no directory .*nowhere on /);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});
