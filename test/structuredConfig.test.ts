import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runOffline } from "../offline/engine/mockRuntime";
import { parseStackConfig, readStackFile } from "../offline/engine/stackFile";
import { runProgram } from "../stacks/program";
import { loadStackConfig, StackConfigError } from "../stacks/stackConfig";
import { ROOT } from "./helpers";

const REAL_STACK = fs
    .readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")
    // Run as `pulumi up`, which also needs someone real to page.
    .replace("- ops@chatmrpt.example.org", "- oncall@chatmrpt-team.io");

/** Prod's stack file with `extra` lines added to its config section, in a scratch project root. */
function stackWith(extra: string, list = "- oncall@chatmrpt-team.io"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "structured-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.prod.yaml"),
        REAL_STACK.replace("config:\n", `config:\n${extra}`).replace("- oncall@chatmrpt-team.io", list),
    );
    return dir;
}

/** The stack file read and the program run as `pulumi up` would. */
async function up(extra: string, list?: string) {
    const dir = stackWith(extra, list);
    try {
        const file = readStackFile("prod", { root: dir });
        const run = await runOffline(() => runProgram({ ...sourceOf(file.config), root: dir }), {
            config: file.config,
            secretKeys: file.secretKeys,
            project: file.project,
            stack: file.stack,
            mode: "up",
        });
        return { file, run };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function sourceOf(config: Record<string, string>) {
    return {
        project: "chatmrpt",
        stack: "prod",
        get: (k: string) => config[k],
        keys: () => Object.keys(config),
    };
}

describe("structured config reaches the program as Pulumi passes it", () => {
    it("keeps YAML's types inside maps and lists, and top-level scalars as written", () => {
        const { config, problems } = parseStackConfig(
            [
                "config:",
                "  chatmrpt:minSize: 0x10",
                "  chatmrpt:wafMode: true",
                "  chatmrpt:tags:",
                "    CostCenter: 42",
                '    Quoted: "42"',
                "    Billable: true",
                "    Rate: 1.5",
                "    Hex: 0x10",
                "    Owner: null",
                "    Team: data",
                "  chatmrpt:alertEmails: [oncall@chatmrpt-team.io, 7]",
            ].join("\n"),
            "chatmrpt",
        );
        assert.deepStrictEqual(problems, []);
        assert.strictEqual(config["chatmrpt:minSize"], "0x10");
        assert.strictEqual(config["chatmrpt:wafMode"], "true");
        assert.strictEqual(
            config["chatmrpt:tags"],
            '{"CostCenter":42,"Quoted":"42","Billable":true,"Rate":1.5,"Hex":16,"Owner":null,"Team":"data"}',
        );
        assert.strictEqual(config["chatmrpt:alertEmails"], '["oncall@chatmrpt-team.io",7]');
    });

    it("refuses .inf and .nan inside a map, which Pulumi cannot store as JSON", () => {
        const { problems } = parseStackConfig("config:\n  chatmrpt:tags:\n    Limit: .inf\n", "chatmrpt");
        assert.deepStrictEqual(problems, [
            "chatmrpt:tags: holds .inf or .nan, which Pulumi cannot store as JSON config; write a number or a quoted string",
        ]);
    });

    it("pulumi up refuses a number as a tag value, naming chatmrpt:tags.CostCenter, before any resource", async () => {
        const { file, run } = await up("  chatmrpt:tags:\n    CostCenter: 42\n    Team: data\n");
        assert.strictEqual(file.config["chatmrpt:tags"], '{"CostCenter":42,"Team":"data"}');
        assert.ok(run.error instanceof StackConfigError, String(run.error));
        assert.deepStrictEqual(run.error.problems, [
            'chatmrpt:tags.CostCenter (42): must be a string, not a number (AWS tag values are strings of 0 to 256 characters); quote it in Pulumi.<stack>.yaml ("42")',
        ]);
        assert.deepStrictEqual(
            run.resources.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
    });

    it("names each non-string item: a boolean tag, a tag name that needs quoting, a number in a list", async () => {
        const { run } = await up(
            '  chatmrpt:tags:\n    Billable: true\n    "cost.center": 7\n',
            "- oncall@chatmrpt-team.io\n    - 7",
        );
        assert.ok(run.error instanceof StackConfigError, String(run.error));
        assert.deepStrictEqual(run.error.problems, [
            'chatmrpt:alertEmails[1] (7): must be a string, not a number; quote it in Pulumi.<stack>.yaml ("7")',
            'chatmrpt:tags.Billable (true): must be a string, not a boolean (AWS tag values are strings of 0 to 256 characters); quote it in Pulumi.<stack>.yaml ("true")',
            'chatmrpt:tags["cost.center"] (7): must be a string, not a number (AWS tag values are strings of 0 to 256 characters); quote it in Pulumi.<stack>.yaml ("7")',
        ]);
    });

    it("accepts the quoted value", () => {
        const dir = stackWith('  chatmrpt:tags:\n    CostCenter: "42"\n');
        try {
            const file = readStackFile("prod", { root: dir });
            const config = loadStackConfig({
                ...sourceOf(file.config),
                isSecret: (k) => file.secretKeys.includes(k),
            });
            assert.strictEqual(config.tags.CostCenter, "42");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
