/** The Redis section: node type and count, engine and version, snapshots, windows, the AUTH token. */
import { CacheEngine, DEFAULT_ENGINE_VERSION, ENGINE_VERSIONS } from "../../components/cache";
import * as v from "../validate";
import { NAMESPACE, Reader } from "./reader";
import { StackConfig } from "./types";

export function readCache(r: Reader): StackConfig["cache"] {
    const nodes = r.int("redisNodes");
    const engine = (r.string("redisEngine") ?? "redis") as CacheEngine;
    // The version defaults by engine: a preset's Redis 7.1 would be wrong for valkey.
    const engineVersion =
        (r.explicit("redisEngineVersion") ?? "") === ""
            ? DEFAULT_ENGINE_VERSION[engine]
            : (r.optional("redisEngineVersion", (s) =>
                  ENGINE_VERSIONS[engine].includes(s)
                      ? undefined
                      : `must be one of ${ENGINE_VERSIONS[engine].join(", ")} when ${NAMESPACE}:redisEngine is ${engine}`,
              ) ?? "");
    const snapshotWindow = r.string("redisSnapshotWindow");
    const maintenanceWindow = r.string("redisMaintenanceWindow");
    if (snapshotWindow && maintenanceWindow && v.windowsOverlap(snapshotWindow, maintenanceWindow)) {
        r.problem(
            `${NAMESPACE}:redisSnapshotWindow (${snapshotWindow}): must not overlap ${NAMESPACE}:redisMaintenanceWindow (${maintenanceWindow})`,
        );
    }
    return {
        nodeType: r.string("redisNodeType") ?? "",
        nodes,
        engine,
        engineVersion,
        seedSnapshotName: r.optional("redisSeedSnapshot"),
        snapshotRetentionDays: r.int("redisSnapshotRetentionDays"),
        snapshotWindow: snapshotWindow ?? "",
        maintenanceWindow: maintenanceWindow ?? "",
    };
}
