import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { ROOT } from "./helpers";

/** Which top-level folders each folder may import from (itself included). */
const ALLOWED: Record<string, string[]> = {
    components: ["components"],
    stacks: ["stacks", "components"],
    policies: ["policies"],
    offline: ["offline", "policies", "stacks", "components"],
};

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(full);
        return e.name.endsWith(".ts") ? [full] : [];
    });
}

/** Every module specifier a file imports or requires. */
export function importsOf(text: string): string[] {
    const specs: string[] = [];
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g)) {
        specs.push(m[1] ?? m[2] ?? m[3]);
    }
    return specs;
}

describe("Project layout", () => {
    const edges: { from: string; file: string; spec: string; to: string }[] = [];
    before(() => {
        for (const folder of Object.keys(ALLOWED)) {
            for (const file of sourceFiles(path.join(ROOT, folder))) {
                for (const spec of importsOf(fs.readFileSync(file, "utf8"))) {
                    const to = spec.startsWith(".") ? path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0] : `package:${spec}`;
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
        const wrong = edges.filter((e) => !e.to.startsWith("package:") && !ALLOWED[e.from].includes(e.to)).map((e) => `${e.file} imports ${e.spec}`);
        assert.deepStrictEqual(wrong, []);
    });

    it("policies/ imports nothing but @pulumi/* and Node built-ins", () => {
        const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
        const wrong = edges.filter((e) => e.from === "policies" && e.to.startsWith("package:"))
            .filter((e) => !e.spec.startsWith("@pulumi/") && !builtins.has(e.spec)).map((e) => `${e.file} imports ${e.spec}`);
        assert.deepStrictEqual(wrong, []);
    });
});
