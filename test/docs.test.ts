import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { docFiles, generatedSections, updateDocs } from "../offline/docs/cli";
import { policyNames } from "../offline/docs/policies";
import { BASE_POLICIES } from "../policies/pack";
import { begin, end, replaceSection, sectionNames, sectionOf } from "../offline/docs/sections";
import { NAMESPACE, KNOWN_KEYS } from "../stacks/stackConfig";
import { PROD, ROOT } from "./helpers";

/** Every Markdown page of the manual, with its text. */
const pages = () =>
    docFiles(ROOT).map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), "utf8") }));
/** Each match of a pattern in the manual, with the page it is on. */
const mentions = (pattern: RegExp) =>
    pages().flatMap(({ file, text }) => [...text.matchAll(pattern)].map((m) => ({ file, m })));

/** Keys the docs name only to say they are gone (the program rejects them with a pointer). */
const RETIRED_KEYS = ["originVerifySecret", "adoptedSecurityGroupIds", "alarmLatencyP90Ms"];

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
        assert.deepStrictEqual(
            names("docs/architecture.md").filter((n) => n.endsWith("-diagram")),
            ["stack-diagram", "cutover-diagram"],
        );
        assert.ok(sections["cutover-diagram"].includes('|"app 10%"|'));
    });

    it("document every chatmrpt: config key the program knows, and name no key it does not", () => {
        const all = pages()
            .map((p) => p.text)
            .join("\n");
        const undocumented = KNOWN_KEYS.filter((k) => !new RegExp(`\`(${NAMESPACE}:)?${k}\``).test(all));
        assert.deepStrictEqual(undocumented, []);
        const named = mentions(new RegExp(`${NAMESPACE}:([a-zA-Z]+)\\b(?!:[A-Za-z])`, "g")).map(
            ({ file, m }) => ({ file, key: m[1] }),
        );
        assert.ok(named.length > 20, "the pattern finds the keys the docs name");
        const unknown = named.filter(
            ({ key }) => !(KNOWN_KEYS as readonly string[]).includes(key) && !RETIRED_KEYS.includes(key),
        );
        assert.deepStrictEqual(unknown, []);
        for (const key of RETIRED_KEYS)
            assert.ok(!(KNOWN_KEYS as readonly string[]).includes(key), `${key} is a known key again`);
    });

    it("name every policy of the pack on the policy page", () => {
        const page = fs.readFileSync(path.join(ROOT, "docs", "policies.md"), "utf8");
        assert.strictEqual(policyNames().length, BASE_POLICIES.length);
        assert.deepStrictEqual(
            policyNames().filter((n) => !page.includes(`\`${n}\``)),
            [],
        );
    });

    it("name only npm scripts package.json has", () => {
        const scripts = Object.keys(
            (
                JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
                    scripts: Record<string, string>;
                }
            ).scripts,
        );
        const named = mentions(/npm run (?:-s )?([a-z][\w:-]*)/g).map(({ file, m }) => ({
            file,
            script: m[1],
        }));
        assert.ok(named.some((n) => n.script === "plan") && named.some((n) => n.script === "docs"));
        assert.deepStrictEqual(
            named.filter((n) => !scripts.includes(n.script)),
            [],
        );
    });

    it("read only stack outputs index.ts exports", () => {
        const exported = [
            ...fs.readFileSync(path.join(ROOT, "index.ts"), "utf8").matchAll(/^export const (\w+)/gm),
        ].map((m) => m[1]);
        assert.ok(exported.includes("siteUrl"));
        const read = mentions(/pulumi stack output (?:--[\w-]+ )*([a-zA-Z]\w*)/g).map(({ file, m }) => ({
            file,
            output: m[1],
        }));
        assert.ok(read.length > 0);
        assert.deepStrictEqual(
            read.filter((r) => !exported.includes(r.output)),
            [],
        );
    });

    it("quote the pack's policy count, prod's resource count and monthly total as the program has them", () => {
        const facts = sections["stack-facts"];
        const policies = /\*\*(\d+) policies\*\*/.exec(facts)?.[1];
        assert.strictEqual(policies, String(BASE_POLICIES.length));
        const total = /\*\*(\$[\d.]+) a month\*\*/.exec(facts)?.[1];
        assert.ok(policies && total, facts);
        // Dated measurements (the benchmark) say how many policies ran then; everything else says how many there are.
        const counts = mentions(/\b(\d+) policies\b/g).filter(({ file }) => file !== "docs/benchmark.md");
        assert.deepStrictEqual(
            counts.filter(({ m }) => m[1] !== policies).map(({ file, m }) => `${file}: ${m[0]}`),
            [],
        );
        const resourceCounts = mentions(/\b(\d+) resources \((\d+) AWS resources[^)]*\)/g);
        const prodCount = /`npm run plan` for prod: (.*)\./.exec(sections["resource-count"])?.[1];
        assert.deepStrictEqual(
            resourceCounts.filter(({ m }) => m[0] !== prodCount).map(({ file, m }) => `${file}: ${m[0]}`),
            [],
        );
        const prodTotals = mentions(/[Pp]rod(?:'s plan is| today:) \**(\$[\d.]+)/g);
        assert.deepStrictEqual(
            prodTotals.filter(({ m }) => m[1] !== total).map(({ file, m }) => `${file}: ${m[0]}`),
            [],
        );
    });

    it("use the stack's own names in the commands they show (SSM parameters, region, node type)", async function () {
        this.timeout(120_000);
        const { architecturePlans } = await import("../offline/docs/architecture");
        const { prod } = await architecturePlans();
        // What the plan sets, and what the stack file names (an AMI parameter is read at deploy time).
        const values = new Set(
            [
                ...prod.resources.flatMap((r) => Object.values(r.settings)),
                ...Object.values(PROD.config).map((v) => v.replace(/^ssm:/, "")),
            ].filter((v): v is string => typeof v === "string"),
        );
        const parameters = mentions(/--name (\/chatmrpt\/[\w/-]+)/g);
        assert.ok(parameters.length > 0);
        assert.deepStrictEqual(
            parameters.filter(({ m }) => !values.has(m[1])).map(({ file, m }) => `${file}: ${m[1]}`),
            [],
        );
        const regions = mentions(/--region ([a-z]{2}-[a-z]+-\d)/g).filter(
            ({ m }) => m[1] !== prod.region && m[1] !== "us-east-1",
        );
        assert.deepStrictEqual(
            regions.map(({ file, m }) => `${file}: ${m[0]}`),
            [],
        );
        const nodeType = prod.resources.find(
            (r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup",
        )?.settings.nodeType;
        const nodeTypes = mentions(/--cache-node-type (\S+)/g).filter(({ m }) => m[1] !== nodeType);
        assert.deepStrictEqual(
            nodeTypes.map(({ file, m }) => `${file}: ${m[0]}`),
            [],
        );
    });

    it("name only files and folders that exist", () => {
        // Paths from the project root; placeholders (`usage.NAME.yaml`) are not paths.
        const named = mentions(
            /`((?:components|stacks|policies|offline|test|docs|\.github)\/[\w./-]*)`/g,
        ).filter(({ m }) => !/\.\.\.|\/\/|[A-Z]{3,}/.test(m[1]));
        assert.ok(named.length > 20);
        assert.deepStrictEqual(
            named
                .filter(({ m }) => !fs.existsSync(path.join(ROOT, m[1])))
                .map(({ file, m }) => `${file}: ${m[1]}`),
            [],
        );
    });

    it("link only to pages and headings that exist", () => {
        const slug = (heading: string) =>
            heading
                .trim()
                .toLowerCase()
                .replace(/[^\p{L}\p{N} _-]/gu, "")
                .replace(/ /g, "-");
        const anchorsOf = (file: string) => {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
            return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
        };
        const broken: string[] = [];
        for (const { file, m } of mentions(/\]\(([^)\s]+)\)/g)) {
            const target = m[1];
            if (/^[a-z]+:/.test(target)) continue;
            const [where, anchor] = target.split("#");
            const resolved = where === "" ? file : path.normalize(path.join(path.dirname(file), where));
            if (!fs.existsSync(path.join(ROOT, resolved))) broken.push(`${file}: ${target} (no such file)`);
            else if (anchor && resolved.endsWith(".md") && !anchorsOf(resolved).has(anchor))
                broken.push(`${file}: ${target} (no such heading)`);
        }
        assert.deepStrictEqual(broken, []);
    });

    it("index every page: docs/README.md and the front page link to each one", () => {
        const index = fs.readFileSync(path.join(ROOT, "docs", "README.md"), "utf8");
        const front = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const pagesOf = docFiles(ROOT).filter((f) => f.startsWith("docs/") && f !== "docs/README.md");
        assert.deepStrictEqual(
            pagesOf.filter((f) => !index.includes(`](${path.basename(f)})`)),
            [],
            "missing from docs/README.md",
        );
        assert.deepStrictEqual(
            pagesOf.filter((f) => !front.includes(`](${f})`)),
            [],
            "missing from README.md",
        );
    });

    it("keep the README a front page of at most 200 lines", () => {
        assert.ok(fs.readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length <= 200);
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
            assert.deepStrictEqual(updateDocs({ x: "new" }, ["a.md"], false, dir), [
                { file: "a.md", section: "x" },
            ]);
            assert.strictEqual(
                fs.readFileSync(path.join(dir, "a.md"), "utf8"),
                doc,
                "--check changed the file",
            );
            updateDocs({ x: "new" }, ["a.md"], true, dir);
            assert.deepStrictEqual(updateDocs({ x: "new" }, ["a.md"], false, dir), []);
            assert.throws(
                () => updateDocs({ y: "new" }, ["a.md"], false, dir),
                /^Error: a\.md: unknown generated part x; known: y$/,
            );
            assert.throws(() => replaceSection("no markers", "x", "b", "b.md"), /b\.md: no generated part x/);
        });
    });
});
