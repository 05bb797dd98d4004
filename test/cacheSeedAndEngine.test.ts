import * as assert from "assert";
import { checkSnapshotName, validateCacheArgs } from "../components/cache";
import { estimateCost, loadPriceBook, loadUsage } from "../offline/cost/costModel";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { withOverrides } from "../offline/engine/stackFile";
import { loadStackConfig, StackConfigError } from "../stacks/stackConfig";
import { named, PROD, runProd } from "./helpers";

function problemsOf(overrides: Record<string, string | undefined>): string[] {
    const config = withOverrides(PROD.config, overrides);
    try {
        loadStackConfig({
            project: "chatmrpt",
            stack: "prod",
            get: (k) => config[k],
            keys: () => Object.keys(config),
        });
    } catch (e) {
        assert.ok(e instanceof StackConfigError);
        return e.problems;
    }
    throw new Error("expected the config to be rejected");
}

describe("Cache seeded from old prod's snapshot, on either engine", () => {
    let seeded: OfflineRun<unknown>;
    let valkey: OfflineRun<unknown>;
    before(async () => {
        // One run at a time: the mock runtime is process-wide.
        seeded = await runProd({ "chatmrpt:redisSeedSnapshot": "chatmrpt-redis-production-cutover" });
        valkey = await runProd({ "chatmrpt:redisEngine": "valkey" });
        assert.strictEqual(seeded.error, undefined);
        assert.strictEqual(valkey.error, undefined);
    });

    it("creates the group from the snapshot, still encrypted at rest and in transit with AUTH", () => {
        const rg = named(seeded, "chatmrpt-cache-redis");
        assert.deepStrictEqual(
            {
                snapshot: rg.inputs.snapshotName,
                atRest: rg.inputs.atRestEncryptionEnabled,
                transit: rg.inputs.transitEncryptionEnabled,
                auth: rg.inputs.authToken,
                engine: rg.inputs.engine,
            },
            {
                snapshot: "chatmrpt-redis-production-cutover",
                atRest: true,
                transit: true,
                auth: "offline-placeholder-redis-auth-token",
                engine: "redis",
            },
        );
    });

    it("ignores later changes to the seed, so no `up` replaces the group (snapshotName forces a new one)", () => {
        const rg = named(seeded, "chatmrpt-cache-redis");
        assert.deepStrictEqual(rg.ignoreChanges, ["snapshotName", "snapshotArns"]);
        assert.strictEqual(rg.protect, true);
    });

    it("starts empty without a seed, with the same ignoreChanges (unsetting the key later changes nothing)", () => {
        const rg = named(valkey, "chatmrpt-cache-redis");
        assert.strictEqual(rg.inputs.snapshotName, undefined);
        assert.deepStrictEqual(rg.ignoreChanges, ["snapshotName", "snapshotArns"]);
    });

    it("runs Valkey 8.0 with a valkey8 parameter group when chatmrpt:redisEngine is valkey", () => {
        const rg = named(valkey, "chatmrpt-cache-redis");
        const params = named(valkey, "chatmrpt-cache-params");
        assert.deepStrictEqual(
            {
                engine: rg.inputs.engine,
                version: rg.inputs.engineVersion,
                family: params.inputs.family,
                policy: params.inputs.parameters,
            },
            {
                engine: "valkey",
                version: "8.0",
                family: "valkey8",
                policy: [{ name: "maxmemory-policy", value: "volatile-lru" }],
            },
        );
        assert.deepStrictEqual(
            { atRest: rg.inputs.atRestEncryptionEnabled, transit: rg.inputs.transitEncryptionEnabled },
            { atRest: true, transit: true },
        );
    });

    describe("cost of each engine", () => {
        it("prices Redis OSS nodes and shows Valkey as the alternative, 20 % lower", () => {
            const estimate = estimateCost(seeded.resources, loadPriceBook(), loadUsage("prod"));
            const node = estimate.lines.find(
                (l) => l.resource === "chatmrpt-cache-redis" && l.unit === "node-hours",
            )!;
            assert.deepStrictEqual(
                [node.item, node.unitPriceUsd, node.monthlyUsd],
                ["ElastiCache redis cache.t4g.small × 2", 0.032, 46.72],
            );
            assert.deepStrictEqual(estimate.alternatives, [
                {
                    resource: "chatmrpt-cache-redis",
                    choice: "engine valkey instead of redis (chatmrpt:redisEngine)",
                    monthlyUsd: 37.38,
                    deltaUsd: -9.34,
                },
            ]);
        });
        it("prices Valkey nodes and shows Redis OSS as the alternative", () => {
            const estimate = estimateCost(valkey.resources, loadPriceBook(), loadUsage("prod"));
            const node = estimate.lines.find(
                (l) => l.resource === "chatmrpt-cache-redis" && l.unit === "node-hours",
            )!;
            assert.deepStrictEqual(
                [node.item, node.unitPriceUsd, node.monthlyUsd],
                ["ElastiCache valkey cache.t4g.small × 2", 0.0256, 37.38],
            );
            assert.deepStrictEqual(
                estimate.alternatives.map((a) => [a.choice, a.monthlyUsd, a.deltaUsd]),
                [["engine redis instead of valkey (chatmrpt:redisEngine)", 46.72, 9.34]],
            );
            const base = estimateCost(seeded.resources, loadPriceBook(), loadUsage("prod"));
            assert.strictEqual(Math.round((base.totalUsd - estimate.totalUsd) * 100) / 100, 9.34);
        });
    });

    describe("config validation", () => {
        it("rejects an engine that is neither redis nor valkey", () => {
            assert.deepStrictEqual(problemsOf({ "chatmrpt:redisEngine": "memcached" }), [
                "chatmrpt:redisEngine (memcached): must be one of redis, valkey (Valkey is a drop-in for Redis OSS 7 at lower node prices)",
            ]);
        });
        it("rejects a version of the other engine", () => {
            assert.deepStrictEqual(
                problemsOf({ "chatmrpt:redisEngine": "valkey", "chatmrpt:redisEngineVersion": "7.1" }),
                [
                    "chatmrpt:redisEngineVersion (7.1): must be one of 7.2, 8.0, 8.1, 8.2 when chatmrpt:redisEngine is valkey",
                ],
            );
            assert.deepStrictEqual(problemsOf({ "chatmrpt:redisEngineVersion": "8.0" }), [
                "chatmrpt:redisEngineVersion (8.0): must be one of 6.0, 6.2, 7.0, 7.1 when chatmrpt:redisEngine is redis",
            ]);
        });
        it("defaults the version by engine", () => {
            const config = loadStackConfig({
                project: "chatmrpt",
                stack: "prod",
                get: (k) =>
                    (({ ...PROD.config, "chatmrpt:redisEngine": "valkey" }) as Record<string, string>)[k],
                keys: () => [...Object.keys(PROD.config), "chatmrpt:redisEngine"],
            });
            assert.deepStrictEqual(
                [config.cache.engine, config.cache.engineVersion, config.cache.seedSnapshotName],
                ["valkey", "8.0", undefined],
            );
        });
        it("rejects a snapshot ARN and a malformed snapshot name", () => {
            assert.deepStrictEqual(
                problemsOf({
                    "chatmrpt:redisSeedSnapshot":
                        "arn:aws:elasticache:us-east-2:123456789012:snapshot:cutover",
                }),
                [
                    "chatmrpt:redisSeedSnapshot (arn:aws:elasticache:us-east-2:123456789012:snapshot:cutover): must be the snapshot's name, not its ARN (the part after `:snapshot:`)",
                ],
            );
            assert.deepStrictEqual(problemsOf({ "chatmrpt:redisSeedSnapshot": "1st snapshot" }), [
                "chatmrpt:redisSeedSnapshot (1st snapshot): must be an ElastiCache snapshot name: a letter, then letters, digits, - or . (at most 255, not ending in - or .)",
            ]);
        });
        it("accepts manual and automatic snapshot names", () => {
            for (const name of [
                "chatmrpt-cutover-seed",
                "automatic.chatmrpt-redis-production-2026-11-30-03-00",
            ])
                assert.strictEqual(checkSnapshotName(name), undefined, name);
            assert.notStrictEqual(checkSnapshotName("seed-"), undefined);
            assert.notStrictEqual(checkSnapshotName("x".repeat(256)), undefined);
        });
        it("validates the component's own args the same way", () => {
            const ok = {
                nodes: 2,
                snapshotRetentionDays: 7,
                engineVersion: "8.0",
                engine: "valkey",
                subnetCount: 2,
            };
            assert.doesNotThrow(() => validateCacheArgs(ok));
            assert.throws(() => validateCacheArgs({ ...ok, engineVersion: "7.1" }), {
                message: "engineVersion (7.1) must be one of 7.2, 8.0, 8.1, 8.2 for valkey",
            });
            assert.throws(() => validateCacheArgs({ ...ok, engine: "memcached" }), {
                message: "engine (memcached) must be one of redis, valkey",
            });
            assert.throws(() => validateCacheArgs({ ...ok, seedSnapshotName: "arn:aws:elasticache:x" }), {
                message:
                    "seedSnapshotName (arn:aws:elasticache:x) must be the snapshot's name, not its ARN (the part after `:snapshot:`)",
            });
        });
    });
});
