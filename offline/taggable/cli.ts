/**
 * `npm run taggable`: regenerates policies/taggable.generated.ts from node_modules/@pulumi/aws.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../engine/projectRoot";
import { GENERATED_FILE, renderTaggableTable } from "./generate";

if (require.main === module) {
    const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
    fs.writeFileSync(path.join(PROJECT_ROOT, GENERATED_FILE), renderTaggableTable(awsDir));
    process.stdout.write(`wrote ${GENERATED_FILE}\n`);
}
