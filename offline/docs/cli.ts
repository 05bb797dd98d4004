/**
 * `npm run docs:config`: regenerates docs/configuration.md from the config spec.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../engine/projectRoot";
import { CONFIG_DOCS_FILE, renderConfigDocs } from "./configTable";

if (require.main === module) {
    const file = path.join(PROJECT_ROOT, CONFIG_DOCS_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderConfigDocs());
    process.stdout.write(`wrote ${CONFIG_DOCS_FILE}\n`);
}
