/** Reading the price book and a stack's usage assumptions, checked before anything is priced. */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { COST_DATA_DIR } from "../engine/projectRoot";
import { PriceBook, Usage } from "./types";

export function loadPriceBook(file = path.join(COST_DATA_DIR, "prices.json")): PriceBook {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PriceBook;
}

const isCount = (value: unknown): boolean =>
    typeof value === "number" && Number.isFinite(value) && value >= 0;

/** Reads and checks a stack's usage file; every number must be present and >= 0. */
export function loadUsage(stack: string, dir = COST_DATA_DIR): Usage {
    const file = path.join(dir, `usage.${stack}.yaml`);
    if (!fs.existsSync(file))
        throw new Error(
            `usage file ${file} is missing: the cost estimate needs the stack's usage assumptions`,
        );
    const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
    const fail = (key: string, value: unknown) =>
        new Error(`${file}: ${key} (${String(value)}) must be a number >= 0`);
    const required = [
        "albAverageLcus",
        "natProcessedGb",
        "internetEgressGb",
        "cloudfrontGb",
        "cloudfrontRequests",
        "backupStorageGb",
        "redisBackupStorageGb",
    ];
    for (const key of required) if (!isCount(doc[key])) throw fail(key, doc[key]);
    const optional = [
        "natInboundGb",
        "canaryRunSeconds",
        "s3BackupGb",
        "s3BackupRequests",
        "restoreTestRestoreHours",
        "cloudfrontToOriginGb",
        "redisTrafficGb",
        "canaryMetricsPerCanary",
        "canaryMetricsPerStep",
        "canaryMetricsAcrossCanaries",
        "canaryRunLogKb",
        "snsEmailsPerSubscription",
        "serverAccessLogGb",
    ];
    // natInboundGb is checked before alb, as it always was: the first problem named is the same.
    const inOrder = [optional[0], "alb", ...optional.slice(1)];
    for (const key of inOrder) {
        if (key === "alb") {
            if (doc.alb === undefined) continue;
            const alb = doc.alb as Record<string, unknown> | null;
            for (const k of [
                "newConnectionsPerSecond",
                "activeConnectionsPerMinute",
                "processedGbPerMonth",
                "requestsPerSecond",
            ]) {
                if (typeof alb?.[k] !== "number" || (alb[k] as number) < 0)
                    throw new Error(`${file}: alb.${k} (${String(alb?.[k])}) must be a number >= 0`);
            }
        } else if (doc[key] !== undefined && !isCount(doc[key])) throw fail(key, doc[key]);
    }
    checkGroups(file, "logGroups", doc.logGroups, ["ingestedGb", "storedGb"]);
    checkGroups(file, "buckets", doc.buckets, ["storageGb", "putRequests", "getRequests"]);
    return doc as unknown as Usage;
}

/** Each entry of a map of usage (log groups, buckets) must give every key as a number >= 0. */
function checkGroups(file: string, section: string, value: unknown, keys: string[]): void {
    for (const [name, g] of Object.entries((value ?? {}) as Record<string, Record<string, unknown> | null>)) {
        for (const key of keys) {
            if (typeof g?.[key] !== "number" || (g[key] as number) < 0)
                throw new Error(
                    `${file}: ${section}.${name}.${key} (${String(g?.[key])}) must be a number >= 0`,
                );
        }
    }
}
