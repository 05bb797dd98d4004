import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { backupsArgProblems } from "../components/backups";
import { cacheArgProblems } from "../components/cache";
import { thresholdProblems } from "../components/monitoring";
import { networkArgProblems } from "../components/network";
import { webTierArgProblems } from "../components/webTier";
import { ArgProblem } from "../components/argProblems";
import { CONFIG_DOCS_FILE, renderFormattedConfigDocs } from "../offline/docs/configTable";
import { withOverrides } from "../offline/engine/stackFile";
import { buildPlan } from "../offline/plan/plan";
import {
    CONFIG_SPEC,
    defaultOf,
    KNOWN_KEYS,
    keyOfArg,
    presetOf,
    SECRET_KEYS,
    specOf,
} from "../stacks/configSpec";
import { PRESETS } from "../stacks/presets";
import { loadStackConfig } from "../stacks/stackConfig";
import { PROD, ROOT } from "./helpers";

/** Every `chatmrpt:` key the config reader asks its source for, with `overrides` on prod. */
function keysRead(overrides: Record<string, string | undefined>): Set<string> {
    const config = withOverrides(PROD.config, overrides);
    const read = new Set<string>();
    loadStackConfig({
        project: PROD.project,
        stack: PROD.stack,
        keys: () => Object.keys(config),
        get: (k) => {
            if (k.startsWith("chatmrpt:")) read.add(k.slice("chatmrpt:".length));
            return config[k];
        },
    });
    return read;
}

describe("the config spec is the one list of keys", () => {
    it("docs/configuration.md is what `npm run docs:config` renders from the spec (run it and commit)", async () => {
        const committed = fs.readFileSync(path.join(ROOT, CONFIG_DOCS_FILE), "utf8");
        assert.strictEqual(
            committed,
            await renderFormattedConfigDocs(),
            `${CONFIG_DOCS_FILE} is stale: run \`npm run docs:config\``,
        );
        for (const key of KNOWN_KEYS) assert.ok(committed.includes(`| \`${key}\` `), key);
    });

    it("every key in the spec is read by the config reader, and the reader reads no other", () => {
        const read = new Set([
            ...keysRead({}),
            ...keysRead({
                "chatmrpt:domainName": "chat.mrpt-health.org",
                "chatmrpt:hostedZoneId": "Z0123456789ABCDEFGHIJ",
            }),
            ...keysRead({
                "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
            }),
            ...keysRead({
                "chatmrpt:vpcCidr": undefined,
                "chatmrpt:vpcId": "vpc-0123456789abcdef0",
                "chatmrpt:publicSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef0",
                    "subnet-0123456789abcdef1",
                ]),
                "chatmrpt:privateSubnetIds": JSON.stringify([
                    "subnet-0123456789abcdef2",
                    "subnet-0123456789abcdef3",
                ]),
            }),
        ]);
        assert.deepStrictEqual(
            [...read].filter((k) => !(KNOWN_KEYS as string[]).includes(k)),
            [],
        );
        assert.deepStrictEqual(
            KNOWN_KEYS.filter((k) => !read.has(k)),
            [],
        );
    });

    it("the presets are the spec's defaults, and presets.ts states none of its own", () => {
        assert.deepStrictEqual(PRESETS.prod, presetOf("prod"));
        assert.strictEqual(PRESETS.prod.instanceType, specOf("instanceType").default?.prod);
        const source = fs.readFileSync(path.join(ROOT, "stacks", "presets.ts"), "utf8");
        for (const value of ["t3.large", "cache.t3.small", "cron(0 4 ? * * *)", "10.20.0.0/16"])
            assert.ok(!source.includes(value), value);
    });

    it("secret keys are the spec's secrets, and no secret has a default", () => {
        assert.deepStrictEqual(SECRET_KEYS, ["redisAuthToken", "originOverrideSecret"]);
        for (const key of SECRET_KEYS) assert.strictEqual(defaultOf(key, "prod"), undefined, key);
    });

    it("the plan's budget, unset in the stack, is the spec's default for the shape", async () => {
        const plan = await buildPlan({ configOverrides: { "chatmrpt:monthlyBudgetUsd": undefined } });
        assert.strictEqual(plan.cost.budgetUsd, Number(defaultOf("monthlyBudgetUsd", "prod")));
        assert.strictEqual(plan.cost.budgetUsd, 260);
    });

    it("every range in the spec is one the reader enforces at both ends", () => {
        for (const key of KNOWN_KEYS) {
            const spec = specOf(key);
            if (spec.kind !== "int" && spec.kind !== "number") continue;
            const problems = (value: number) => {
                try {
                    loadStackConfig({
                        project: PROD.project,
                        stack: PROD.stack,
                        keys: () => [],
                        get: (k) => withOverrides(PROD.config, { [`chatmrpt:${key}`]: String(value) })[k],
                    });
                    return [];
                } catch (e) {
                    return (e as { problems: string[] }).problems.filter((p) =>
                        p.startsWith(`chatmrpt:${key} (`),
                    );
                }
            };
            const step = spec.kind === "int" ? 1 : 0.05;
            assert.ok(problems(spec.min - step).length > 0, `${key} below ${spec.min}`);
            assert.ok(problems(spec.max + step).length > 0, `${key} above ${spec.max}`);
        }
    });
});

describe("a component's own rules come back as data, under their config key", () => {
    /** Every problem each component validator can report, from arguments that are all wrong. */
    const everyProblem: [string, ArgProblem[]][] = [
        [
            "network",
            networkArgProblems({
                region: "us-east-2",
                vpcId: "vpc-1",
                publicSubnetIds: [],
                privateSubnetIds: [],
                cidrBlock: "10.0.0.0/8",
            }),
        ],
        [
            "network",
            networkArgProblems({
                region: "us-east-2",
                availabilityZones: ["a", "a", "a"],
                cidrBlock: "10.0.0.0/8",
            }),
        ],
        [
            "webTier",
            webTierArgProblems({
                minSize: 0,
                maxSize: -1,
                desiredCapacity: 5,
                appPort: 6379,
                appWorkers: 0,
                healthCheckPath: "health",
                ami: "x",
                privateSubnetCount: 1,
                instanceType: "t3.large",
                cpuCredits: "standard",
                cpuTargetPercent: 60,
                typicalAnswerSeconds: 0,
                gracePeriod: 10,
                stickinessSeconds: -1,
                originReadTimeoutSeconds: 60,
                albIdleTimeoutSeconds: 10,
                appWorkerTimeoutSeconds: 10,
                appKeepAliveSeconds: 5,
                deregistrationDelaySeconds: 1,
            }),
        ],
        [
            "webTier",
            webTierArgProblems({
                minSize: 2,
                maxSize: 4,
                desiredCapacity: 2,
                appPort: 8000,
                appWorkers: 1,
                healthCheckPath: "/",
                ami: "ami-0123abcd",
                privateSubnetCount: 2,
                instanceType: "t3.large",
                cpuCredits: "burst",
                cpuTargetPercent: 30,
                typicalAnswerSeconds: 1,
                gracePeriod: 300,
                stickinessSeconds: 0,
                originReadTimeoutSeconds: 60,
                albIdleTimeoutSeconds: 120,
                appWorkerTimeoutSeconds: 75,
                appKeepAliveSeconds: 125,
                deregistrationDelaySeconds: 60,
            }),
        ],
        [
            "cache",
            cacheArgProblems({
                nodes: 0,
                snapshotRetentionDays: 0,
                engineVersion: "9.9",
                seedSnapshotName: "arn:x",
                subnetCount: 1,
            }),
        ],
        [
            "cache",
            cacheArgProblems({ nodes: 2, snapshotRetentionDays: 7, engineVersion: "7.1", subnetCount: 1 }),
        ],
        [
            "cache",
            cacheArgProblems({
                nodes: 2,
                snapshotRetentionDays: 7,
                engine: "memcached",
                engineVersion: "7.1",
                subnetCount: 2,
            }),
        ],
        ["backups", backupsArgProblems({ retentionDays: 0, schedule: "daily" })],
        [
            "monitoring",
            thresholdProblems(
                Object.fromEntries(Object.keys(loadStackConfigFromProd().alarms).map((k) => [k, 0])) as never,
            ),
        ],
    ];

    it("every argument a component can refuse maps to one chatmrpt: key through the spec", () => {
        const unmapped = everyProblem
            .flatMap(([c, ps]) => ps.flatMap((p) => [p.arg, ...(p.related ?? [])]).map((a) => `${c}.${a}`))
            .filter((a) => keyOfArg(a) === undefined);
        assert.deepStrictEqual(unmapped, []);
    });

    it("every component argument the spec names is one a component reports (no stale mapping)", () => {
        const reported = new Set(
            everyProblem.flatMap(([c, ps]) =>
                ps.flatMap((p) => [p.arg, ...(p.related ?? [])].map((a) => `${c}.${a}`)),
            ),
        );
        const named = KNOWN_KEYS.flatMap((k) => [...(specOf(k).args ?? [])]);
        assert.deepStrictEqual(
            named.filter((a) => !reported.has(a)),
            [],
        );
        assert.ok(named.length > 30, String(named.length));
    });

    it("a problem names its argument, the value and what is allowed, as fields", () => {
        const [problem] = webTierArgProblems({
            minSize: 5,
            maxSize: 4,
            desiredCapacity: 4,
            appPort: 8000,
            appWorkers: 1,
            healthCheckPath: "/",
            ami: "ami-0123abcd",
            privateSubnetCount: 2,
            instanceType: "t3.large",
            cpuCredits: "unlimited",
            cpuTargetPercent: 30,
            typicalAnswerSeconds: 1,
            gracePeriod: 300,
            stickinessSeconds: 0,
            originReadTimeoutSeconds: 60,
            albIdleTimeoutSeconds: 120,
            appWorkerTimeoutSeconds: 75,
            appKeepAliveSeconds: 125,
            deregistrationDelaySeconds: 60,
        });
        assert.deepStrictEqual(problem, {
            arg: "minSize",
            value: 5,
            allowed: "must be <= maxSize (4)",
            related: ["maxSize"],
        });
        assert.strictEqual(
            keyOfArg("webTier.healthCheckGracePeriodSeconds"),
            "healthCheckGracePeriodSeconds",
        );
        assert.strictEqual(keyOfArg("monitoring.thresholds.redisCpuPercent"), "alarmRedisCpuPercent");
        assert.strictEqual(keyOfArg("cache.engineVersion"), "redisEngineVersion");
    });

    it("the config spec describes each key with a section and a meaning an operator reads", () => {
        for (const [key, spec] of Object.entries(CONFIG_SPEC)) {
            assert.ok(/^[A-Z].*\.$/.test(spec.meaning), `${key}: ${spec.meaning}`);
            assert.ok(spec.meaning.length <= 160, key);
        }
    });
});

function loadStackConfigFromProd() {
    return loadStackConfig({
        project: PROD.project,
        stack: PROD.stack,
        keys: () => Object.keys(PROD.config),
        get: (k) => PROD.config[k],
    });
}
