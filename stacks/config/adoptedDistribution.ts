/**
 * Reads `chatmrpt:adoptedDistributionConfig`: the committed output of
 * `aws cloudfront get-distribution-config --id <ID>`, checked against the API's shape and
 * against what the provider can declare, then turned into distribution arguments.
 */
import * as fs from "fs";
import * as path from "path";
import {
    ApiDistributionConfig,
    distributionSettings,
    DistributionSettings,
    itemsOf,
} from "../../components/distributionConfig";
import { shapeProblems, UNDECLARABLE } from "./distributionShape";

/** What the file holds, or why it cannot be used. */
export type AdoptedFile =
    | { readonly ok: true; readonly etag?: string; readonly live: DistributionSettings }
    | { readonly ok: false; readonly problems: string[] };

/** Duplicates in a list (each once). */
function repeated(values: string[]): string[] {
    return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** What the API accepts but the program could not keep, or references that do not resolve. */
function meaningProblems(c: ApiDistributionConfig & Record<string, unknown>): string[] {
    const problems: string[] = [];
    for (const [member, { off, why }] of Object.entries(UNDECLARABLE)) {
        const value = c[member];
        if (value !== undefined && !off.includes(value) && !(Array.isArray(value) && value.length === 0))
            problems.push(
                `DistributionConfig.${member} is set (${JSON.stringify(value)}); ${why}, so adopting would drop it`,
            );
    }
    const origins = itemsOf(c.Origins);
    if (origins.length === 0) problems.push("DistributionConfig.Origins.Items must list at least one origin");
    origins.forEach((o, i) => {
        const kinds = ["S3OriginConfig", "CustomOriginConfig", "VpcOriginConfig"].filter(
            (k) => (o as unknown as Record<string, unknown>)[k] !== undefined,
        );
        if (kinds.length !== 1)
            problems.push(
                `DistributionConfig.Origins.Items[${i}] (${o.Id}) must have exactly one of S3OriginConfig, CustomOriginConfig, VpcOriginConfig; found ${kinds.length === 0 ? "none" : kinds.join(", ")}`,
            );
    });
    const groups = itemsOf(c.OriginGroups);
    for (const g of groups) {
        if (g.SelectionCriteria !== undefined && g.SelectionCriteria !== "default")
            problems.push(
                `DistributionConfig.OriginGroups: group ${g.Id} selects by ${g.SelectionCriteria}; the provider declares only the default selection, so adopting would drop it`,
            );
    }
    const ids = [...origins.map((o) => o.Id), ...groups.map((g) => g.Id)];
    for (const id of repeated(ids))
        problems.push(`DistributionConfig: origin ID ${id} is used more than once`);
    const behaviors = [
        { name: "DefaultCacheBehavior", b: c.DefaultCacheBehavior },
        ...itemsOf(c.CacheBehaviors).map((b) => ({ name: `CacheBehaviors (${b.PathPattern})`, b })),
    ];
    for (const { name, b } of behaviors) {
        if (!ids.includes(b.TargetOriginId))
            problems.push(
                `DistributionConfig.${name}.TargetOriginId (${b.TargetOriginId}) names no origin or origin group`,
            );
    }
    for (const p of repeated(itemsOf(c.CacheBehaviors).map((b) => b.PathPattern!)))
        problems.push(`DistributionConfig.CacheBehaviors: path pattern ${p} is listed more than once`);
    return problems;
}

/** Parses and checks the file's text (`source` names it in messages). */
export function parseAdoptedDistribution(text: string): AdoptedFile {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        return { ok: false, problems: [`is not JSON (${(e as Error).message})`] };
    }
    const top = parsed as { ETag?: unknown; DistributionConfig?: unknown } | null;
    if (top === null || typeof top !== "object" || Array.isArray(top) || top.DistributionConfig === undefined)
        return {
            ok: false,
            problems: [
                'must be the output of `aws cloudfront get-distribution-config --id <ID>`: { "ETag": ..., "DistributionConfig": {...} }; found no DistributionConfig',
            ],
        };
    const shape = shapeProblems(top.DistributionConfig);
    if (shape.length > 0) return { ok: false, problems: shape };
    const config = top.DistributionConfig as ApiDistributionConfig & Record<string, unknown>;
    const meaning = meaningProblems(config);
    if (meaning.length > 0) return { ok: false, problems: meaning };
    return {
        ok: true,
        etag: typeof top.ETag === "string" ? top.ETag : undefined,
        live: distributionSettings(config),
    };
}

/** Reads the file at `relativePath` under `root` (the project root). */
export function readAdoptedDistribution(root: string, relativePath: string): AdoptedFile {
    const file = path.join(root, relativePath);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return {
            ok: false,
            problems: [
                code === "ENOENT"
                    ? `no such file under the project root ${root}: save it with \`aws cloudfront get-distribution-config --id <ID> > ${relativePath}\` and commit it`
                    : `cannot be read (${code ?? (e as Error).message})`,
            ],
        };
    }
    return parseAdoptedDistribution(text);
}
