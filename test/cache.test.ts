import * as assert from "assert";
import { validateCacheArgs } from "../components/cache";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { named, ofType, runProdOk } from "./helpers";

describe("Cache (prod stack)", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk();
    });

    it("is a 2-node Multi-AZ Redis replication group with automatic failover", () => {
        const rg = named(run, "chatmrpt-cache-redis");
        assert.deepStrictEqual(
            {
                engine: rg.inputs.engine,
                version: rg.inputs.engineVersion,
                nodeType: rg.inputs.nodeType,
                nodes: rg.inputs.numCacheClusters,
                failover: rg.inputs.automaticFailoverEnabled,
                multiAz: rg.inputs.multiAzEnabled,
                port: rg.inputs.port,
            },
            {
                engine: "redis",
                version: "7.1",
                nodeType: "cache.t4g.small",
                nodes: 2,
                failover: true,
                multiAz: true,
                port: 6379,
            },
        );
    });

    it("encrypts in transit and at rest and requires the AUTH token from the secret", () => {
        const rg = named(run, "chatmrpt-cache-redis");
        assert.strictEqual(rg.inputs.transitEncryptionEnabled, true);
        assert.strictEqual(rg.inputs.atRestEncryptionEnabled, true);
        assert.strictEqual(rg.inputs.authToken, "offline-placeholder-redis-auth-token");
    });

    it("keeps 7 daily snapshots outside the maintenance window and a final snapshot", () => {
        const rg = named(run, "chatmrpt-cache-redis");
        assert.deepStrictEqual(
            {
                retention: rg.inputs.snapshotRetentionLimit,
                window: rg.inputs.snapshotWindow,
                maintenance: rg.inputs.maintenanceWindow,
                final: rg.inputs.finalSnapshotIdentifier,
                applyImmediately: rg.inputs.applyImmediately,
            },
            {
                retention: 7,
                window: "03:00-04:00",
                maintenance: "sun:05:00-sun:06:00",
                final: "chatmrpt-cache-final",
                applyImmediately: false,
            },
        );
    });

    it("is protected against deletion", () => {
        assert.strictEqual(named(run, "chatmrpt-cache-redis").protect, true);
    });

    it("lives in the private subnets behind its own security group", () => {
        const subnets = named(run, "chatmrpt-cache-subnets");
        const privateIds = ["chatmrpt-network-private-1", "chatmrpt-network-private-2"].map(
            (n) => named(run, n, "aws:ec2/subnet:Subnet").id,
        );
        assert.deepStrictEqual(subnets.inputs.subnetIds, privateIds);
        assert.deepStrictEqual(named(run, "chatmrpt-cache-redis").inputs.securityGroupIds, [
            named(run, "chatmrpt-cache-sg").id,
        ]);
    });

    it("admits 6379 from the app security group by reference only", () => {
        const rules = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
            (r) => r.inputs.securityGroupId === named(run, "chatmrpt-cache-sg").id,
        );
        assert.strictEqual(rules.length, 1);
        assert.deepStrictEqual(
            {
                ref: rules[0].inputs.referencedSecurityGroupId,
                cidr4: rules[0].inputs.cidrIpv4,
                cidr6: rules[0].inputs.cidrIpv6,
                from: rules[0].inputs.fromPort,
                to: rules[0].inputs.toPort,
            },
            {
                ref: named(run, "chatmrpt-web-app-sg").id,
                cidr4: undefined,
                cidr6: undefined,
                from: 6379,
                to: 6379,
            },
        );
    });

    it("evicts only expiring keys (sessions), least recently used first", () => {
        const params = named(run, "chatmrpt-cache-params");
        assert.strictEqual(params.inputs.family, "redis7");
        assert.deepStrictEqual(params.inputs.parameters, [
            { name: "maxmemory-policy", value: "volatile-lru" },
        ]);
        assert.strictEqual(named(run, "chatmrpt-cache-redis").inputs.parameterGroupName, params.outputs.name);
    });

    it("publishes the AUTH token as an SSM SecureString", () => {
        const param = named(run, "chatmrpt-cache-auth-token");
        assert.deepStrictEqual(
            { name: param.inputs.name, type: param.inputs.type },
            { name: "/chatmrpt/prod/redis/auth-token", type: "SecureString" },
        );
    });

    describe("validation", () => {
        const ok = { nodes: 2, snapshotRetentionDays: 7, engineVersion: "7.1", subnetCount: 2 };
        it("accepts the prod shape", () => assert.doesNotThrow(() => validateCacheArgs(ok)));
        it("fails on retention 0 (snapshots off)", () =>
            assert.throws(() => validateCacheArgs({ ...ok, snapshotRetentionDays: 0 }), {
                message: "snapshotRetentionDays (0) must be a whole number from 1 to 35",
            }));
        it("fails on Multi-AZ with one subnet", () =>
            assert.throws(() => validateCacheArgs({ ...ok, subnetCount: 1 }), {
                message: "subnetIds (1 given) must hold at least 2 subnets for Multi-AZ with 2 nodes",
            }));
        it("fails on Redis 5", () =>
            assert.throws(() => validateCacheArgs({ ...ok, engineVersion: "5.0" }), {
                message: "engineVersion (5.0) must be 6.x or 7.x",
            }));
    });
});
