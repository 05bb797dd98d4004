import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { docFiles, generatedSections, updateDocs } from "../offline/docs/cli";
import { begin, end, replaceSection, sectionNames, sectionOf } from "../offline/docs/sections";
import { ROOT } from "./helpers";

describe("the docs", () => {
    let sections: Record<string, string>;
    before(async function () {
        this.timeout(180_000);
        sections = await generatedSections();
    });

    it("have every generated part current (npm run docs)", () => {
        assert.deepStrictEqual(updateDocs(sections, docFiles(ROOT), false, ROOT), [], "run npm run docs");
    });

    it("carry the stack picture in the README and the architecture page, and the cutover's in the latter", () => {
        const names = (file: string) => sectionNames(fs.readFileSync(path.join(ROOT, file), "utf8"));
        assert.ok(names("README.md").includes("stack-diagram"));
        assert.deepStrictEqual(names("docs/architecture.md").filter((n) => n.endsWith("-diagram")), ["stack-diagram", "cutover-diagram"]);
        assert.ok(sections["cutover-diagram"].includes('|"app 10%"|'));
    });

    describe("generated parts", () => {
        const doc = ["# t", "", begin("x"), "old", end("x"), "tail"].join("\n");

        it("are found, read and replaced between their markers", () => {
            assert.deepStrictEqual(sectionNames(doc), ["x"]);
            assert.strictEqual(sectionOf(doc, "x"), "old");
            const next = replaceSection(doc, "x", "new\nlines", "t.md");
            assert.strictEqual(sectionOf(next, "x"), "new\nlines");
            assert.ok(next.endsWith(`${end("x")}\ntail`));
        });

        it("are reported stale, rewritten, and an unknown part is an error naming the file", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
            fs.writeFileSync(path.join(dir, "a.md"), doc);
            assert.deepStrictEqual(updateDocs({ x: "new" }, ["a.md"], false, dir), [{ file: "a.md", section: "x" }]);
            assert.strictEqual(fs.readFileSync(path.join(dir, "a.md"), "utf8"), doc, "--check changed the file");
            updateDocs({ x: "new" }, ["a.md"], true, dir);
            assert.deepStrictEqual(updateDocs({ x: "new" }, ["a.md"], false, dir), []);
            assert.throws(() => updateDocs({ y: "new" }, ["a.md"], false, dir), /^Error: a\.md: unknown generated part x; known: y$/);
            assert.throws(() => replaceSection("no markers", "x", "b", "b.md"), /b\.md: no generated part x/);
        });
    });
});
