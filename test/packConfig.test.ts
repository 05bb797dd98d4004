import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { lintConfigFile, runPolicyCli } from "../offline/policy/cli";
import { runPlanCli } from "../offline/plan/cli";
import {
    compileValidator,
    loadPrecompiled,
    PackConfigError,
    parsePackConfig,
    PRECOMPILED_FILE,
    reconcilePackConfig,
} from "../offline/policy/packConfig";
import { packSchemaTexts, validatorsModule } from "../offline/policy/precompileValidators";
import { BASE_POLICIES } from "../policies/pack";
import { errorOf, PROD, ROOT, runInProcess, runProd } from "./helpers";
import { prodBaseline } from "./policyHarness";

function problems(config: unknown): string[] {
    try {
        reconcilePackConfig(BASE_POLICIES, parsePackConfig(config));
        return [];
    } catch (e) {
        if (e instanceof PackConfigError) return e.problems;
        throw e;
    }
}

function tempFile(content: unknown): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-")), "config.json");
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
}

describe("pack config, as the Pulumi CLI handles it", () => {
    it("validates each policy's config against its configSchema, in the CLI's words, all problems at once", () => {
        assert.deepStrictEqual(
            problems({
                "redis-snapshots-retained": { minRetentionDays: 0 },
                "app-volumes-backed-up": { minRetentionDays: "30" },
                "ec2-imdsv2-required": { maxHopLimit: 65 },
                "cloudfront-viewer-https": { minimumProtocolVersion: "TLSv1.2" },
                "no-public-ingress": { albOnlyFromCloudFront: "yes" },
            }),
            [
                'Policy "cloudfront-viewer-https": minimumProtocolVersion: minimumProtocolVersion must be one of the following: "SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"',
                'Policy "redis-snapshots-retained": minRetentionDays: Must be greater than or equal to 1',
                'Policy "app-volumes-backed-up": minRetentionDays: Invalid type. Expected: integer, given: string',
                'Policy "no-public-ingress": albOnlyFromCloudFront: Invalid type. Expected: boolean, given: string',
                'Policy "ec2-imdsv2-required": maxHopLimit: Must be less than or equal to 64',
            ],
        );
    });
    it("rejects an enforcement level the CLI does not know, and an entry that is neither a string nor an object", () => {
        assert.throws(
            () => parsePackConfig({ "alb-hardened": "warn", "required-tags": 3 }),
            (e: PackConfigError) => {
                assert.deepStrictEqual(e.problems, [
                    'Value "warn" for "alb-hardened" is not a valid enforcement level (allowed: advisory, mandatory, remediate, disabled)',
                    'Value 3 for "required-tags" is not a valid value; must be a string or object',
                ]);
                return true;
            },
        );
    });
    it("applies `all` to every policy, and a policy's own entry over it", () => {
        const reconciled = reconcilePackConfig(
            BASE_POLICIES,
            parsePackConfig({ all: "advisory", "alb-hardened": "mandatory" }),
        );
        assert.strictEqual(reconciled.get("alb-hardened")!.enforcementLevel, "mandatory");
        assert.strictEqual(reconciled.get("required-tags")!.enforcementLevel, "advisory");
    });
    it("fails the run before any policy runs when the config is invalid", async () => {
        await assert.rejects(
            evaluatePolicies(BASE_POLICIES.slice(), [], {
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
                config: { "redis-snapshots-retained": { minRetentionDays: 99 } },
            }),
            {
                message:
                    'invalid policy pack config:\n  Policy "redis-snapshots-retained": minRetentionDays: Must be less than or equal to 35',
            },
        );
    });

    describe("lint (what the CLI silently ignores)", () => {
        it("finds nothing in policies/config.prod.json", async () => {
            assert.deepStrictEqual(await lintConfigFile(path.join(ROOT, "policies", "config.prod.json")), []);
        });
        it("reports unknown policy names and unknown keys", async () => {
            const file = tempFile({
                "alb-hardend": "advisory",
                "redis-snapshots-retained": { minRetention: 14 },
                "alb-hardened": { exemptions: [] },
                all: { foo: 1 },
            });
            const findings = await lintConfigFile(file);
            assert.strictEqual(findings.length, 3);
            assert.match(
                findings[0],
                /^"alb-hardend" is not a policy of this pack \(the CLI ignores it\); policies: alb-listener-https, /,
            );
            assert.strictEqual(
                findings[1],
                '"redis-snapshots-retained" has no config key "minRetention" (the CLI ignores it); allowed: enforcementLevel, minRetentionDays, exemptions',
            );
            assert.strictEqual(
                findings[2],
                '"all" takes only an enforcement level; found keys foo (ignored by the CLI)',
            );
        });
        it("is `npm run policy -- --lint-config FILE`, exiting 1 on a finding", async () => {
            const bad = await runInProcess(runPolicyCli, [
                "--lint-config",
                tempFile({ "no-such-policy": "advisory" }),
            ]);
            assert.strictEqual(bad.code, 1, bad.out);
            assert.match(bad.out, /"no-such-policy" is not a policy of this pack/);
        });
    });

    describe("adopted security-group IDs have one source: the pack config the CLI reads", () => {
        it("the stack config no longer takes them, and says where they went", async () => {
            assert.strictEqual(PROD.config["chatmrpt:adoptedSecurityGroupIds"], undefined);
            const run = await runProd({ "chatmrpt:adoptedSecurityGroupIds": '["sg-0b21586985a0bbfbe"]' });
            assert.match(
                errorOf(run),
                /chatmrpt:adoptedSecurityGroupIds: moved to the policy pack config policies\/config\.<stack>\.json \("no-literal-security-group-ids": \{"adoptedSecurityGroupIds": \[\.\.\.\]\}\), the one file the CLI reads; remove it here/,
            );
        });
        it("policies/config.prod.json declares them (none today)", () => {
            const config = JSON.parse(
                fs.readFileSync(path.join(ROOT, "policies", "config.prod.json"), "utf8"),
            );
            assert.deepStrictEqual(config["no-literal-security-group-ids"], { adoptedSecurityGroupIds: [] });
        });
    });
});

/** Values of one property that break its schema every way it can be broken, and its default. */
function probes(schema: Record<string, any>): unknown[] {
    const values: unknown[] = [schema.default, null, schema.type === "string" ? 3 : "x", 1.5];
    if (schema.minimum !== undefined) values.push(schema.minimum - 1);
    if (schema.maximum !== undefined) values.push(schema.maximum + 1);
    if (schema.enum !== undefined) values.push("not-one-of-them");
    if (schema.type === "array") values.push([3, "x", null, {}, { resource: 3 }, []]);
    if (schema.type === "object")
        values.push({}, Object.fromEntries(Object.keys(schema.properties ?? {}).map((k) => [k, null])));
    return values;
}

describe("the config validators the build precompiles (offline/policy/precompileValidators.ts)", () => {
    const texts = packSchemaTexts();
    it("answer every probe of every schema of the pack exactly as ajv compiling the schema does", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "validators-")), PRECOMPILED_FILE);
        fs.writeFileSync(file, validatorsModule(texts));
        const precompiled = loadPrecompiled(file);
        assert.deepStrictEqual([...precompiled.keys()], texts);
        let probed = 0;
        for (const text of texts) {
            const schema = JSON.parse(text);
            const inputs: unknown[] = [{}, null, [], "x"];
            for (const [key, property] of Object.entries<Record<string, any>>(schema.properties ?? {}))
                for (const value of probes(property)) inputs.push({ [key]: value });
            const compiled = compileValidator(schema);
            const ready = precompiled.get(text)!;
            for (const input of inputs) {
                const valid = compiled(input);
                assert.strictEqual(ready(input), valid, `${text}: ${JSON.stringify(input)}`);
                assert.deepStrictEqual(ready.errors, compiled.errors, `${text}: ${JSON.stringify(input)}`);
                if (!valid) probed++;
            }
        }
        // Enough probes fail to have compared the errors of every keyword the schemas use.
        assert.ok(probed > texts.length * 5, `only ${probed} failing probes`);
    });
    it("are current in build/: one for each schema of the pack, so a plan compiles none", () => {
        const built = path.join(ROOT, "build", "offline", "policy", PRECOMPILED_FILE);
        assert.deepStrictEqual(
            [...loadPrecompiled(built).keys()],
            texts,
            "build/ is older than the pack's schemas: run node scripts/freshBuild.mjs",
        );
    });
});

describe("resource policies run on every registered resource, as in the engine", () => {
    it("components, providers and the Stack included, and no policy of the pack fires on prod's", async () => {
        const seen = new Set<string>();
        const spy: ResourceValidationPolicy = {
            name: "spy",
            description: "Checks that nothing.",
            enforcementLevel: "advisory",
            validateResource: (args) => {
                seen.add(args.type);
            },
        };
        const records = (await prodBaseline()).resources;
        await evaluatePolicies([spy], records, {
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
        });
        for (const t of [
            "pulumi:pulumi:Stack",
            "pulumi:providers:aws",
            "chatmrpt:web:WebTier",
            "chatmrpt:cache:Cache",
            "aws:ec2/launchTemplate:LaunchTemplate",
        ])
            assert.ok(seen.has(t), t);
        const notCustom = records.filter((r) => !r.custom);
        const resourcePolicies = BASE_POLICIES.filter((p) => "validateResource" in p);
        const { violations } = await evaluatePolicies(resourcePolicies, notCustom, {
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
            packEnforcementLevel: "mandatory",
        });
        assert.deepStrictEqual(violations, []);
    });
});

describe("npm run policy: views and help", () => {
    it("--view preview needs --base", async () => {
        await assert.rejects(
            runPolicyCli(["--view", "preview"], () => undefined),
            {
                message:
                    "--view preview needs --base <plan.json> (a plan from `npm run plan -- --json`, e.g. main's) or --base empty (a first deployment)",
            },
        );
        await assert.rejects(
            runPolicyCli(["--view", "refreshed", "--base", "empty"], () => undefined),
            { message: "--base only applies to --view preview; found --view refreshed" },
        );
        await assert.rejects(
            runPolicyCli(["--view", "later"], () => undefined),
            { message: "--view must be one of up, preview, refreshed; found later" },
        );
    });
    it("--help lists the views, in both CLIs", async () => {
        const policy = await runInProcess(runPolicyCli, ["--help"]);
        assert.strictEqual(policy.code, 0);
        assert.match(policy.out, /--view up\|preview\|refreshed/);
        assert.match((await runInProcess(runPlanCli, ["--help"])).out, /--base FILE\|empty/);
    });
    it("passes prod previewed as a first deployment (npm run policy)", async () => {
        const r = await runInProcess(runPolicyCli, ["--view", "preview", "--base", "empty"]);
        assert.strictEqual(r.code, 0, r.out);
        assert.match(r.out, /of stack prod \(preview view\)\n {2}no violations/);
    });
});
