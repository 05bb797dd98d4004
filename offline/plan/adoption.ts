/**
 * The plan's `adoption` section: what the adopted distribution's declaration changes from its
 * live configuration (chatmrpt:adoptedDistributionConfig), setting by setting, and the changes
 * that fail the plan (an alias, the certificate or a behaviour dropped). Tags are not part of
 * a DistributionConfig, so they are not compared.
 */
import { RecordedResource, UNKNOWN } from "../engine/mockRuntime";
import { DistributionSettings } from "../../components/distributionConfig";
import { readAdoptedDistribution } from "../../stacks/config/adoptedDistribution";
import { NAMESPACE } from "../../stacks/stackConfig";
import { UNKNOWN_SHOWN } from "./flatten";

/** One setting the declaration changes: its path (lists keyed by ID, path pattern, error code or event), live and planned values (null: unset). */
export interface AdoptionChange {
    readonly setting: string;
    readonly live: unknown;
    readonly planned: unknown;
}

export interface Adoption {
    readonly distributionId: string;
    /** The live configuration's file, relative to the project root. */
    readonly configPath: string;
    readonly changes: AdoptionChange[];
    /** Changes the plan refuses (an alias, the certificate or a behaviour dropped), one sentence each. */
    readonly refused: string[];
}

/** Lists whose items are named by a member: compared item by item under that name. */
const KEYED: Record<string, string> = {
    origins: "originId",
    originGroups: "originId",
    orderedCacheBehaviors: "pathPattern",
    customErrorResponses: "errorCode",
    functionAssociations: "eventType",
    lambdaFunctionAssociations: "eventType",
    customHeaders: "name",
};

const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);

/** A value as compared and shown: unknowns as the plan shows them, lists of plain values in order (sets to the provider). */
function comparable(v: unknown): unknown {
    if (v === UNKNOWN) return UNKNOWN_SHOWN;
    if (Array.isArray(v)) {
        const items = v.map(comparable);
        return items.every((i) => typeof i !== "object" || i === null)
            ? [...items].sort((a, b) => String(a).localeCompare(String(b)))
            : items;
    }
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
    return v;
}

function keyedItems(list: unknown, key: string): Map<string, unknown> | undefined {
    if (list !== undefined && !Array.isArray(list)) return undefined;
    const items = (list ?? []) as unknown[];
    if (!items.every((i) => isObject(i) && i[key] !== undefined)) return undefined;
    return new Map(items.map((i) => [String((i as Record<string, unknown>)[key]), i]));
}

/** The settings that differ between `live` and `planned`, under `path`. */
export function settingChanges(live: unknown, planned: unknown, path = ""): AdoptionChange[] {
    const name = path.split(".").pop()!.replace(/\[.*$/, "");
    const key = KEYED[name];
    if (key !== undefined && (Array.isArray(live) || Array.isArray(planned))) {
        const a = keyedItems(live, key);
        const b = keyedItems(planned, key);
        if (a && b) {
            const names = [...new Set([...a.keys(), ...b.keys()])];
            return names.flatMap((n) => settingChanges(a.get(n), b.get(n), `${path}[${n}]`));
        }
    }
    if (isObject(live) && isObject(planned)) {
        const members = [...new Set([...Object.keys(live), ...Object.keys(planned)])].sort();
        return members.flatMap((m) => settingChanges(live[m], planned[m], path ? `${path}.${m}` : m));
    }
    const [l, p] = [comparable(live), comparable(planned)];
    return JSON.stringify(l) === JSON.stringify(p)
        ? []
        : [{ setting: path, live: l ?? null, planned: p ?? null }];
}

/** What the plan refuses among the changes: an alias, the certificate or a behaviour the live distribution has, gone. */
export function refusedChanges(live: DistributionSettings, planned: Record<string, unknown>): string[] {
    const refused: string[] = [];
    const plannedAliases = (planned.aliases ?? []) as unknown[];
    for (const alias of live.aliases ?? [])
        if (!plannedAliases.includes(alias))
            refused.push(`would drop the alias ${String(alias)}, which viewers reach the site by`);
    const cert = (c: unknown) => {
        const v = (c ?? {}) as Record<string, unknown>;
        return v.acmCertificateArn ?? v.iamCertificateId;
    };
    const liveCert = cert(live.viewerCertificate);
    if (liveCert !== undefined && cert(planned.viewerCertificate) !== liveCert)
        refused.push(
            `would replace the certificate ${String(liveCert)} with ${JSON.stringify(comparable(cert(planned.viewerCertificate)) ?? "the default *.cloudfront.net one")}`,
        );
    const plannedPaths = ((planned.orderedCacheBehaviors ?? []) as Record<string, unknown>[]).map(
        (b) => b.pathPattern,
    );
    for (const b of live.orderedCacheBehaviors ?? [])
        if (!plannedPaths.includes(b.pathPattern))
            refused.push(`would drop the behaviour ${String(b.pathPattern)}`);
    return refused;
}

/** The adoption section of a plan, or undefined when the stack adopts nothing. */
export function adoptionOf(
    config: Record<string, string>,
    records: readonly RecordedResource[],
    root: string,
): Adoption | undefined {
    const configPath = config[`${NAMESPACE}:adoptedDistributionConfig`];
    const distribution = records.find(
        (r) => r.type === "aws:cloudfront/distribution:Distribution" && r.importId !== undefined,
    );
    if (!configPath || distribution === undefined) return undefined;
    const file = readAdoptedDistribution(root, configPath);
    // The program read the same file a moment ago: this can only fail if it changed since.
    if (!file.ok)
        throw new Error(
            `${NAMESPACE}:adoptedDistributionConfig (${configPath}): ${file.problems.join("; ")}`,
        );
    const planned = { ...distribution.inputs };
    delete planned.tags;
    return {
        distributionId: distribution.importId!,
        configPath,
        changes: settingChanges(file.live, planned),
        refused: refusedChanges(file.live, planned),
    };
}
