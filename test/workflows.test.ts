import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { validateWorkflow } from "@action-validator/core";
import { readPackConfig } from "../offline/policy/checkStack";
import { BASE_POLICIES } from "../policies/pack";

const DIR = path.resolve(__dirname, "..", ".github", "workflows");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));

describe("GitHub workflows", () => {
    it("are the pull-request and deploy workflows", () => assert.deepStrictEqual(files.sort(), ["deploy.yml", "pull-request.yml"]));

    for (const file of files) {
        describe(file, () => {
            const text = fs.readFileSync(path.join(DIR, file), "utf8");
            const doc = yaml.load(text) as any;

            it("is valid by the GitHub workflow schema (@action-validator/core)", () => {
                assert.deepStrictEqual(validateWorkflow(text).errors, []);
            });

            it("assumes an AWS role through OIDC and stores no AWS keys", () => {
                assert.ok(!/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/.test(text));
                for (const job of Object.values(doc.jobs) as any[]) {
                    const usesAws = (job.steps as any[]).some((s) => String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials"));
                    if (usesAws) {
                        assert.strictEqual(job.permissions["id-token"], "write");
                        const step = (job.steps as any[]).find((s) => String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials"));
                        assert.match(step.with["role-to-assume"], /^\$\{\{ vars\.AWS_[A-Z_]+_ROLE_ARN \}\}$/);
                    }
                }
            });

            it("runs Pulumi with the policy pack and its config", () => {
                const pulumi = (Object.values(doc.jobs) as any[]).flatMap((j) => j.steps).find((s: any) => String(s.uses ?? "").startsWith("pulumi/actions@"));
                assert.deepStrictEqual([pulumi.with.policyPacks, pulumi.with.policyPackConfigs], ["policies", "policies/config.prod.json"]);
                assert.strictEqual(pulumi.with.command, file === "deploy.yml" ? "up" : "preview");
            });
        });
    }

    it("the PR workflow posts the plan's diff against main", () => {
        const text = fs.readFileSync(path.join(DIR, "pull-request.yml"), "utf8");
        assert.ok(text.includes('npm run -s plan -- --stack prod --diff "$RUNNER_TEMP/plan-main.json"'));
        assert.ok(text.includes("uses: marocchino/sticky-pull-request-comment@v2"));
    });

    it("the pack config the workflows use names only real policies and valid settings", () => {
        const config = readPackConfig(path.resolve(__dirname, "..", "policies", "config.prod.json"));
        for (const name of Object.keys(config)) assert.ok(BASE_POLICIES.some((p) => p.name === name), name);
    });

    it("a broken workflow is caught by the validator", () => {
        assert.ok(validateWorkflow("on: push\njobs:\n  x:\n    steps: 3\n").errors.length > 0);
    });
});
