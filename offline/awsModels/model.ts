/**
 * The constraints AWS publishes for the operations this program's resources call, as
 * extracted from botocore's service models (offline/awsModels/constraints.json, written by
 * `npm run awsmodels:extract`), and how to read them. Shapes keep only what constrains a
 * value: type, length or range (`min`/`max`), `pattern`, `enum`, and the members of
 * structures, lists and maps, so a member path can be followed from an operation's input.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../engine/projectRoot";

/** One shape of a service model, trimmed to its constraints. */
export interface Shape {
    readonly type: string;
    /** Length (strings, blobs), size (lists, maps) or value (numbers) bounds. */
    readonly min?: number;
    readonly max?: number;
    readonly pattern?: string;
    readonly enum?: readonly string[];
    /** Structure members: member name → shape name. */
    readonly members?: Readonly<Record<string, string>>;
    /** List element shape. */
    readonly member?: string;
    /** Map key and value shapes. */
    readonly key?: string;
    readonly value?: string;
}

/** One service's operations (name → input shape) and the shapes they reach. */
export interface ServiceModel {
    readonly apiVersion: string;
    /** The botocore data file it came from, relative to botocore's package folder. */
    readonly source: string;
    readonly operations: Readonly<Record<string, string>>;
    readonly shapes: Readonly<Record<string, Shape>>;
}

/** The committed extract. */
export interface Constraints {
    readonly attribution: string;
    readonly botocoreVersion: string;
    readonly services: Readonly<Record<string, ServiceModel>>;
}

/** Where the extract is committed. */
export const CONSTRAINTS_FILE = path.join(PROJECT_ROOT, "offline", "awsModels", "constraints.json");

let loaded: Constraints | undefined;

/** The committed extract (read once per process). */
export function loadConstraints(): Constraints {
    loaded ??= JSON.parse(fs.readFileSync(CONSTRAINTS_FILE, "utf8")) as Constraints;
    return loaded;
}

/** An operation reference, `service:Operation` (e.g. `wafv2:CreateWebACL`), split. */
export function splitOperation(ref: string): { service: string; operation: string } {
    const at = ref.indexOf(":");
    if (at <= 0) throw new Error(`operation reference ${ref}: expected service:Operation`);
    return { service: ref.slice(0, at), operation: ref.slice(at + 1) };
}
