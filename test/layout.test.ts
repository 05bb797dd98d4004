import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { ROOT } from "./helpers";
import { anyTypes, functionSizes, sourceFiles } from "./sizes";

/** Which top-level folders each folder may import from (itself included). */
const ALLOWED: Record<string, string[]> = {
    components: ["components"],
    stacks: ["stacks", "components"],
    policies: ["policies"],
    offline: ["offline", "policies", "stacks", "components"],
};

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : filesUnder(full);
        return e.name.endsWith(".ts") ? [full] : [];
    });
}

/** Every module specifier a file imports or requires. */
export function importsOf(text: string): string[] {
    const specs: string[] = [];
    for (const m of text.matchAll(
        /(?:^|\n)\s*(?:import|export)[^"';]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g,
    )) {
        specs.push(m[1] ?? m[2] ?? m[3]);
    }
    return specs;
}

describe("Project layout", () => {
    const edges: { from: string; file: string; spec: string; to: string }[] = [];
    before(() => {
        for (const folder of Object.keys(ALLOWED)) {
            for (const file of filesUnder(path.join(ROOT, folder))) {
                for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
                    const to = spec.startsWith(".")
                        ? path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]
                        : `package:${spec}`;
                    edges.push({ from: folder, file: path.relative(ROOT, file), spec, to });
                }
            }
        }
    });

    it("finds the imports it checks (a regex that matched nothing would pass everything)", () => {
        assert.ok(edges.filter((e) => e.from === "offline" && e.to === "policies").length > 0);
        assert.ok(edges.filter((e) => e.from === "stacks" && e.to === "components").length > 0);
    });

    it("imports flow one way: offline → policies and stacks → components", () => {
        const wrong = edges
            .filter((e) => !e.to.startsWith("package:") && !ALLOWED[e.from].includes(e.to))
            .map((e) => `${e.file} imports ${e.spec}`);
        assert.deepStrictEqual(wrong, []);
    });

    it("policies/ imports nothing but @pulumi/* and Node built-ins", () => {
        const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
        const wrong = edges
            .filter((e) => e.from === "policies" && e.to.startsWith("package:"))
            .filter((e) => !e.spec.startsWith("@pulumi/") && !builtins.has(e.spec))
            .map((e) => `${e.file} imports ${e.spec}`);
        assert.deepStrictEqual(wrong, []);
    });
});

/** The size rules of issue 18, for every non-test, non-generated source file. */
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 120;
const MAX_ANY = 15;
/** The one module (a folder) allowed to touch Pulumi SDK internals (deep imports, `__` fields). */
const SDK_ADAPTER = "components/lib/pulumiInternals/";

describe("Project layout: sizes, types and SDK internals", () => {
    const files = sourceFiles().map((file) => ({
        file,
        text: fs.readFileSync(path.join(ROOT, file), "utf8"),
    }));
    const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

    it("measures what it checks (a measure that found nothing would pass everything)", () => {
        assert.ok(files.length > 80, `${files.length} files`);
        assert.ok(!files.some((f) => f.file.endsWith(".generated.ts") || f.file.startsWith("test/")));
        const sample =
            "function a() {\n  return 1;\n}\nclass B {\n  constructor() {\n    const f = () => {\n      x();\n    };\n  }\n}\nlet c: any; let d: Array<any>;\n";
        assert.deepStrictEqual(
            functionSizes("s.ts", sample).map((f) => [f.name, f.line, f.lines]),
            [
                ["a", 1, 3],
                ["B constructor", 5, 5],
                ["f", 6, 3],
            ],
        );
        assert.deepStrictEqual(anyTypes("s.ts", sample), [11, 11]);
        assert.deepStrictEqual([lineCount("a\nb\n"), lineCount("a\nb")], [2, 2]);
    });

    it(`no file is over ${MAX_FILE_LINES} lines`, () => {
        const over = files
            .map((f) => ({ ...f, lines: lineCount(f.text) }))
            .filter((f) => f.lines > MAX_FILE_LINES)
            .map((f) => `${f.file}: ${f.lines} lines`);
        assert.deepStrictEqual(over, []);
    });

    it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
        const over = files
            .flatMap((f) => functionSizes(f.file, f.text))
            .filter((s) => s.lines > MAX_FUNCTION_LINES)
            .map((s) => `${s.file}:${s.line} ${s.name}: ${s.lines} lines`);
        assert.deepStrictEqual(over, []);
    });

    it(`uses \`any\` at most ${MAX_ANY} times (unknown and narrowing instead)`, () => {
        const uses = files
            .map((f) => ({ file: f.file, lines: anyTypes(f.file, f.text) }))
            .filter((u) => u.lines.length > 0);
        const total = uses.reduce((n, u) => n + u.lines.length, 0);
        assert.ok(
            total <= MAX_ANY,
            `${total} uses of any:\n${uses.map((u) => `  ${u.file}: lines ${u.lines.join(", ")}`).join("\n")}`,
        );
    });

    it(`touches Pulumi SDK internals only in ${SDK_ADAPTER}`, () => {
        // Deep imports into the SDKs, and the SDK classes' `__`-prefixed fields (__pulumiType, __pulumiResource…).
        const internal = /@pulumi\/(pulumi|policy)\/|\b__pulumi\w*/;
        const wrong = files
            .filter((f) => !f.file.startsWith(SDK_ADAPTER))
            .flatMap((f) => f.text.split("\n").map((line, i) => ({ file: f.file, line, n: i + 1 })))
            .filter((l) => internal.test(l.line.replace(/\/\/.*$|^\s*\*.*$/, "")))
            .map((l) => `${l.file}:${l.n}: ${l.line.trim()}`);
        assert.deepStrictEqual(wrong, []);
        assert.ok(
            internal.test(fs.readFileSync(path.join(ROOT, SDK_ADAPTER, "index.ts"), "utf8")),
            "the adapter itself is what the pattern finds",
        );
    });
});
