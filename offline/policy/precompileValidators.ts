/**
 * Build step (scripts/freshBuild.mjs runs it after tsc): compiles every config schema of
 * the pack once, with ajv's standalone code and the options the plan validates with
 * (packConfig.ts AJV_OPTIONS), into build/offline/policy/configValidators.generated.cjs.
 * The plan then loads ready validators instead of compiling 28 schemas on every run;
 * what they accept and the errors they give are ajv's own (test/packConfig.test.ts
 * compares them with a fresh compile).
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { chatMrptPolicies } from "../../policies/pack";
import { AJV_OPTIONS, convertSchema, PRECOMPILED_FILE } from "./packConfig";

/** The schemas the pack validates its config with, as the CLI converts them, each once, sorted. */
export function packSchemaTexts(): string[] {
    const texts = chatMrptPolicies().flatMap((p) =>
        p.configSchema === undefined ? [] : [JSON.stringify(convertSchema(p.configSchema))],
    );
    return [...new Set(texts)].sort();
}

/** A CommonJS module exporting SCHEMAS (the schema texts) and `v<i>`, the validator of SCHEMAS[i]. */
export function validatorsModule(schemaTexts: readonly string[]): string {
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
    const refs: Record<string, string> = {};
    schemaTexts.forEach((text, i) => {
        ajv.addSchema(JSON.parse(text), `v${i}`);
        refs[`v${i}`] = `v${i}`;
    });
    return `${standaloneCode(ajv, refs)}\nexports.SCHEMAS = ${JSON.stringify(schemaTexts)};\n`;
}

if (require.main === module) {
    const file = path.join(__dirname, PRECOMPILED_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, validatorsModule(packSchemaTexts()));
    // Renamed into place: a CLI starting meanwhile reads the old file or the new, never half of one.
    fs.renameSync(tmp, file);
}
