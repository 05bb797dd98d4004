/**
 * npm run docs [-- --check]
 * Rewrites the generated parts of README.md and docs/*.md from the program (the plan, the
 * pack, the config spec); with --check, changes nothing and exits 1 while a part is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { eachArg, runCommand } from "../command";
import { PROJECT_ROOT } from "../engine/projectRoot";
import { replaceSection, sectionNames, sectionOf } from "./sections";

export const DOCS_USAGE = `usage: npm run docs [-- --check]

Rewrites the generated parts of README.md and docs/*.md (between BEGIN GENERATED and
END GENERATED markers) from the program: the stack pictures, the tier table, the stack's
numbers and the recovery table from the plan.
  --check   change nothing; exit 1 and name every part that is out of date
  --help    print this and exit`;

/** README.md and every Markdown page under docs/, relative to the project root. */
export function docFiles(root = PROJECT_ROOT): string[] {
    const dir = path.join(root, "docs");
    const pages = fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter((f) => f.endsWith(".md"))
              .sort()
              .map((f) => `docs/${f}`)
        : [];
    return ["README.md", ...pages];
}

/** Every generated part's current text, by name (builds the plans once). */
export async function generatedSections(): Promise<Record<string, string>> {
    const { architecturePlans, architectureSections } = await import("./architecture");
    const { recoveryTable } = await import("./recovery");
    const { costFigures } = await import("./costFigures");
    const plans = await architecturePlans();
    const { policySections, policySummary } = await import("./policies");
    return {
        ...architectureSections(plans),
        "recovery-table": recoveryTable(plans.prod),
        "cost-figures": costFigures(plans),
        "policy-summary": policySummary(),
        ...policySections(),
    };
}

export interface StalePart {
    readonly file: string;
    readonly section: string;
}

/** Brings each file's generated parts up to date (or, with `write` false, only reports them). */
export function updateDocs(
    sections: Record<string, string>,
    files: string[],
    write: boolean,
    root = PROJECT_ROOT,
): StalePart[] {
    const stale: StalePart[] = [];
    for (const file of files) {
        const full = path.join(root, file);
        let doc = fs.readFileSync(full, "utf8");
        const before = stale.length;
        for (const name of sectionNames(doc)) {
            const body = sections[name];
            if (body === undefined)
                throw new Error(
                    `${file}: unknown generated part ${name}; known: ${Object.keys(sections).sort().join(", ")}`,
                );
            if (sectionOf(doc, name) === body) continue;
            stale.push({ file, section: name });
            doc = replaceSection(doc, name, body, file);
        }
        if (write && stale.length > before) fs.writeFileSync(full, doc);
    }
    return stale;
}

export async function runDocsCli(argv: string[], write: (s: string) => void): Promise<number> {
    let check = false;
    let help = false;
    eachArg(argv, (arg) => {
        if (arg === "--check") check = true;
        else if (arg === "--help" || arg === "-h") help = true;
        else throw new Error(`unknown argument ${arg}; allowed: --check, --help`);
    });
    if (help) {
        write(DOCS_USAGE);
        return 0;
    }
    const stale = updateDocs(await generatedSections(), docFiles(), !check);
    for (const s of stale) write(`${check ? "out of date" : "rewrote"}: ${s.file} (${s.section})`);
    if (stale.length === 0) write("the generated parts are current");
    return check && stale.length > 0 ? 1 : 0;
}

if (require.main === module) runCommand(runDocsCli);
