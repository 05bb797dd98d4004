import * as fs from "fs";
import * as path from "path";

/**
 * The project root: the nearest folder at or above `from` that holds Pulumi.yaml.
 * Found by walking up, so the same code works from the TypeScript sources and from
 * their compiled copies in build/ (whose __dirname is one level deeper).
 */
export function findProjectRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir)
            throw new Error(`no Pulumi.yaml at or above ${from}: run from the project`);
    }
}

/** The project root (where Pulumi.yaml is). */
export const PROJECT_ROOT = findProjectRoot();

/** The folder of the cost model's data files (prices.json, usage.<stack>.yaml). */
export const COST_DATA_DIR = path.join(PROJECT_ROOT, "offline", "cost");
