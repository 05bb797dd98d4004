/**
 * `npm run awsmodels:extract`: writes offline/awsModels/constraints.json, the constraints
 * of every operation the resource mapping (./mapping) names, from botocore's service models
 * (`data/<service>/<version>/service-2.json[.gz]`, the newest version of each service).
 * botocore is found with `--botocore DIR`, else BOTOCORE_DIR, else the machine's python3.
 * The test reads only the committed extract: it needs neither Python nor botocore.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { CONSTRAINTS_FILE, Constraints, ServiceModel, Shape, splitOperation } from "./model";
import { operationsUsed } from "./mapping";

/** botocore's license notice, which the extract carries with it. */
const ATTRIBUTION =
    "Extracted from botocore's service models (https://github.com/boto/botocore), " +
    "Copyright Amazon.com, Inc. or its affiliates, licensed under the Apache License 2.0.";

interface RawShape {
    type: string;
    min?: number;
    max?: number;
    pattern?: string;
    enum?: string[];
    members?: Record<string, { shape: string }>;
    member?: { shape: string };
    key?: { shape: string };
    value?: { shape: string };
}

interface RawModel {
    metadata: { apiVersion: string };
    operations: Record<string, { input?: { shape: string } }>;
    shapes: Record<string, RawShape>;
}

function botocoreDir(argv: string[]): string {
    const flag = argv.indexOf("--botocore");
    if (flag >= 0 && argv[flag + 1]) return argv[flag + 1];
    if (process.env.BOTOCORE_DIR) return process.env.BOTOCORE_DIR;
    const found = execFileSync(
        "python3",
        ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"],
        { encoding: "utf8" },
    );
    return found.trim();
}

function botocoreVersion(dir: string): string {
    const match = /__version__\s*=\s*['"]([^'"]+)['"]/.exec(
        fs.readFileSync(path.join(dir, "__init__.py"), "utf8"),
    );
    if (!match) throw new Error(`no __version__ in ${dir}/__init__.py`);
    return match[1];
}

/** The newest model of a service, and its path relative to botocore's folder. */
function readModel(dir: string, service: string): { model: RawModel; source: string } {
    const versions = fs
        .readdirSync(path.join(dir, "data", service))
        .filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))
        .sort();
    const version = versions[versions.length - 1];
    if (version === undefined) throw new Error(`botocore has no model for ${service}`);
    for (const file of ["service-2.json.gz", "service-2.json"]) {
        const full = path.join(dir, "data", service, version, file);
        if (!fs.existsSync(full)) continue;
        const raw = fs.readFileSync(full);
        const text = file.endsWith(".gz") ? zlib.gunzipSync(raw).toString("utf8") : raw.toString("utf8");
        return {
            model: JSON.parse(text) as RawModel,
            source: path.posix.join("data", service, version, file),
        };
    }
    throw new Error(`no service-2.json for ${service} ${version}`);
}

/** A shape with only what constrains a value. */
function trim(raw: RawShape): Shape {
    const shape: Record<string, unknown> = { type: raw.type };
    for (const key of ["min", "max", "pattern", "enum"] as const)
        if (raw[key] !== undefined) shape[key] = raw[key];
    if (raw.members)
        shape.members = Object.fromEntries(Object.entries(raw.members).map(([name, m]) => [name, m.shape]));
    for (const key of ["member", "key", "value"] as const) if (raw[key]) shape[key] = raw[key]!.shape;
    return shape as unknown as Shape;
}

/** The service's operations (name → input shape) and every shape their inputs reach. */
function extractService(model: RawModel, operations: string[], source: string): ServiceModel {
    const ops: Record<string, string> = {};
    const shapes: Record<string, Shape> = {};
    const pending: string[] = [];
    for (const op of operations) {
        const input = model.operations[op]?.input?.shape;
        if (model.operations[op] === undefined) throw new Error(`${source}: no operation ${op}`);
        if (input === undefined) throw new Error(`${source}: ${op} has no input`);
        ops[op] = input;
        pending.push(input);
    }
    while (pending.length > 0) {
        const name = pending.pop()!;
        if (shapes[name] !== undefined) continue;
        const shape = trim(model.shapes[name]);
        shapes[name] = shape;
        pending.push(
            ...Object.values(shape.members ?? {}),
            ...[shape.member, shape.key, shape.value].filter((s): s is string => s !== undefined),
        );
    }
    const sorted = Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
    return {
        apiVersion: model.metadata.apiVersion,
        source,
        operations: Object.fromEntries(Object.entries(ops).sort()),
        shapes: sorted,
    };
}

export function extract(dir: string): Constraints {
    const byService = new Map<string, string[]>();
    for (const ref of operationsUsed()) {
        const { service, operation } = splitOperation(ref);
        byService.set(service, [...(byService.get(service) ?? []), operation]);
    }
    const services: Record<string, ServiceModel> = {};
    for (const service of [...byService.keys()].sort()) {
        const { model, source } = readModel(dir, service);
        services[service] = extractService(model, [...new Set(byService.get(service))].sort(), source);
    }
    return { attribution: ATTRIBUTION, botocoreVersion: botocoreVersion(dir), services };
}

/** The extract as JSON with one shape per line, so a regenerated model shows as a readable diff. */
export function serialize(constraints: Constraints): string {
    const services = Object.entries(constraints.services).map(([name, m]) => {
        const shapes = Object.entries(m.shapes).map(
            ([s, shape]) => `      ${JSON.stringify(s)}: ${JSON.stringify(shape)}`,
        );
        return [
            `    ${JSON.stringify(name)}: {`,
            `      "apiVersion": ${JSON.stringify(m.apiVersion)}, "source": ${JSON.stringify(m.source)},`,
            `      "operations": ${JSON.stringify(m.operations)},`,
            `      "shapes": {\n${shapes.map((l) => `  ${l}`).join(",\n")}\n      }`,
            "    }",
        ].join("\n");
    });
    return [
        "{",
        `  "attribution": ${JSON.stringify(constraints.attribution)},`,
        `  "botocoreVersion": ${JSON.stringify(constraints.botocoreVersion)},`,
        `  "services": {\n${services.join(",\n")}\n  }`,
        "}",
        "",
    ].join("\n");
}

if (require.main === module) {
    const dir = botocoreDir(process.argv.slice(2));
    const constraints = extract(dir);
    fs.writeFileSync(CONSTRAINTS_FILE, serialize(constraints));
    const count = Object.values(constraints.services).reduce(
        (n, s) => n + Object.keys(s.operations).length,
        0,
    );
    console.log(
        `${path.relative(process.cwd(), CONSTRAINTS_FILE)}: ${count} operations from botocore ${constraints.botocoreVersion} (${dir})`,
    );
}
