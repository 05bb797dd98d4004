/**
 * `npm run docs:config`: regenerates docs/configuration.md, the whole page, from the config spec
 * (`npm run docs` keeps the generated parts of the other pages).
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../engine/projectRoot";
import { CONFIG_DOCS_FILE, renderFormattedConfigDocs } from "./configTable";

async function main(): Promise<void> {
    const file = path.join(PROJECT_ROOT, CONFIG_DOCS_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, await renderFormattedConfigDocs());
    process.stdout.write(`wrote ${CONFIG_DOCS_FILE}\n`);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    });
}
