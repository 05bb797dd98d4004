import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { validateWorkflow } from "@action-validator/core";
import { readPackConfig } from "../offline/policy/checkStack";
import { BASE_POLICIES } from "../policies/pack";

const DIR = path.resolve(__dirname, "..", ".github", "workflows");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));

describe("GitHub workflows", () => {
    it("are the pull-request, deploy and drift workflows", () => assert.deepStrictEqual(files.sort(), ["deploy.yml", "drift.yml", "pull-request.yml"]));

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
                if (file === "drift.yml") {
                    // The action only installs the CLI there; the command is spelled out (checked below).
                    assert.strictEqual(pulumi.with, undefined);
                    return;
                }
                assert.deepStrictEqual([pulumi.with.policyPacks, pulumi.with.policyPackConfigs], ["policies", "policies/config.prod.json"]);
                assert.strictEqual(pulumi.with.command, file === "deploy.yml" ? "up" : "preview");
            });
        });
    }

    it("the PR workflow posts the plan's diff against main, its verdicts from a preview against main, with the CLI's pack config", () => {
        const text = fs.readFileSync(path.join(DIR, "pull-request.yml"), "utf8");
        assert.ok(text.includes('npm run -s plan -- --stack prod --json --policy-pack-config policies/config.prod.json > "$RUNNER_TEMP/plan-main.json"'));
        assert.ok(text.includes('npm run -s plan -- --stack prod --view preview --base "$RUNNER_TEMP/plan-main.json" --diff "$RUNNER_TEMP/plan-main.json" "${pack[@]}"'));
        assert.ok(text.includes('npm run -s plan -- --stack prod --view preview --base empty "${pack[@]}"'));
        assert.ok(text.includes("pack=(--policy-pack-config policies/config.prod.json)"));
        assert.ok(text.includes("uses: marocchino/sticky-pull-request-comment@v2"));
    });

    it("every offline plan in CI reads the pack config the CLI reads", () => {
        for (const file of ["pull-request.yml", "deploy.yml"]) {
            const runs = (Object.values((yaml.load(fs.readFileSync(path.join(DIR, file), "utf8")) as any).jobs) as any[]).flatMap((j) => j.steps)
                .map((s: any) => String(s.run ?? "")).flatMap((r) => r.split("\n")).filter((l) => /npm run -s plan/.test(l));
            assert.ok(runs.length > 0, file);
            for (const line of runs) assert.ok(/--policy-pack-config policies\/config\.prod\.json|"\$\{pack\[@\]\}"/.test(line), `${file}: ${line}`);
        }
    });

    describe("drift.yml", () => {
        const doc = yaml.load(fs.readFileSync(path.join(DIR, "drift.yml"), "utf8")) as any;
        const job = doc.jobs.drift;
        const step = (name: string) => (job.steps as any[]).find((s) => s.name === name);
        it("runs nightly on a schedule, and on demand", () => {
            assert.deepStrictEqual(doc.on.schedule, [{ cron: "17 4 * * *" }]);
            assert.deepStrictEqual(doc.on.workflow_dispatch, {});
        });
        it("previews prod with refresh, expecting no changes, with the pack and its config", () => {
            const run: string = step("Preview with refresh, expecting no changes").run;
            const command = run.split("\n").find((l) => l.startsWith("pulumi preview"))!;
            for (const flag of ["--refresh", "--expect-no-changes", "--policy-pack policies", "--policy-pack-config policies/config.prod.json", '--stack "$STACK"', "--non-interactive"]) {
                assert.ok(command.includes(flag), flag);
            }
            assert.strictEqual(step("Preview with refresh, expecting no changes").env.STACK, "${{ vars.PULUMI_STACK || 'prod' }}");
        });
        it("uses the read-only preview role, and may write issues but not code", () => {
            assert.strictEqual(job.steps.find((s: any) => String(s.uses).startsWith("aws-actions/")).with["role-to-assume"], "${{ vars.AWS_PREVIEW_ROLE_ARN }}");
            assert.deepStrictEqual(job.permissions, { contents: "read", "id-token": "write", issues: "write" });
            assert.deepStrictEqual(doc.permissions, { contents: "read" });
        });
        it("opens one issue (found by its label) or comments on the open one, and fails the run", () => {
            const s = step("Open or update the one drift issue");
            assert.strictEqual(s.if, "steps.preview.outputs.exit-code != '0'");
            assert.ok(s.run.includes("gh issue list --label drift --state open --limit 1"));
            assert.ok(s.run.includes('gh issue comment "$number" --body-file "$body"'));
            assert.ok(s.run.includes("gh issue create --title") && s.run.includes("--label drift"));
            assert.ok(s.run.trimEnd().endsWith("exit 1"));
        });
        it("closes the issue once prod is clean", () => {
            const s = step("Close the drift issue once prod is clean");
            assert.strictEqual(s.if, "steps.preview.outputs.exit-code == '0'");
            assert.ok(s.run.includes('gh issue close "$number"'));
        });
    });

    it("the pack config the workflows use names only real policies and valid settings", () => {
        const config = readPackConfig(path.resolve(__dirname, "..", "policies", "config.prod.json"));
        for (const name of Object.keys(config)) assert.ok(BASE_POLICIES.some((p) => p.name === name), name);
    });

    it("a broken workflow is caught by the validator", () => {
        assert.ok(validateWorkflow("on: push\njobs:\n  x:\n    steps: 3\n").errors.length > 0);
    });

    describe("deploy.yml waits for the instance refresh `up` started", () => {
        const doc = yaml.load(fs.readFileSync(path.join(DIR, "deploy.yml"), "utf8")) as any;
        const steps = doc.jobs.up.steps as any[];

        it("notes the start before `up`, then runs the wait script on the group `up` reports", () => {
            const start = steps.findIndex((st) => st.id === "start");
            const up = steps.findIndex((st) => st.id === "up");
            const wait = steps.findIndex((st) => String(st.run ?? "").includes("wait-for-instance-refresh.sh"));
            assert.ok(start >= 0 && start < up && up < wait, `start ${start}, up ${up}, wait ${wait}`);
            assert.strictEqual(steps[up].with.command, "up");
            assert.deepStrictEqual(steps[wait].env, { ASG_NAME: "${{ steps.up.outputs.autoScalingGroupName }}", DEPLOY_START: "${{ steps.start.outputs.epoch }}" });
            assert.strictEqual(steps[wait].run, 'bash .github/scripts/wait-for-instance-refresh.sh "$ASG_NAME" "$DEPLOY_START"');
        });

        const SCRIPT = path.resolve(__dirname, "..", ".github", "scripts", "wait-for-instance-refresh.sh");
        /** Runs the script against a stub `aws` that answers `answers` in turn (one tab-separated line each). */
        function waitWith(answers: string[], since = "1764614400", env: Record<string, string> = {}) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refresh-"));
            answers.forEach((a, i) => fs.writeFileSync(path.join(dir, `answer${i}`), `${a}\n`));
            fs.writeFileSync(path.join(dir, "aws"), [
                "#!/bin/bash",
                'echo "$*" >> "$STUB/calls"',
                'n=$(wc -l < "$STUB/calls")',
                'f="$STUB/answer$((n - 1))"; [ -f "$f" ] || f=$(ls "$STUB"/answer* | sort -V | tail -1)',
                'cat "$f"',
            ].join("\n"), { mode: 0o755 });
            const r = spawnSync("bash", [SCRIPT, "chatmrpt-web-asg-1", since], {
                encoding: "utf8", env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir, POLL_SECONDS: "0", ...env }, timeout: 20000,
            });
            return { status: r.status, out: r.stdout + r.stderr, calls: fs.readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n") };
        }
        const at = "2025-12-01T19:00:00+00:00"; // after the deploy start (2025-12-01T18:40Z)

        it("asks AWS for the group's latest refresh", () => {
            const r = waitWith([`ir-1\tSuccessful\t${at}\tNone`]);
            assert.deepStrictEqual(r.calls, ["autoscaling describe-instance-refreshes --auto-scaling-group-name chatmrpt-web-asg-1 --max-records 1 --query InstanceRefreshes[0].[InstanceRefreshId,Status,StartTime,StatusReason] --output text"]);
        });

        it("passes once the refresh succeeds, polling while it runs", () => {
            const r = waitWith([`ir-1\tPending\t${at}\tNone`, `ir-1\tInProgress\t${at}\tNone`, `ir-1\tSuccessful\t${at}\tNone`]);
            assert.deepStrictEqual([r.status, r.calls.length], [0, 3], r.out);
            assert.match(r.out, /Instance refresh ir-1 succeeded/);
        });

        for (const status of ["Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed"]) {
            it(`fails the deploy when the refresh ends ${status}`, () => {
                const r = waitWith([`ir-2\tInProgress\t${at}\tNone`, `ir-2\t${status}\t${at}\tInstances failed to pass health checks`]);
                assert.strictEqual(r.status, 1, r.out);
                assert.ok(r.out.includes(`::error::Instance refresh ir-2 on chatmrpt-web-asg-1 ended ${status}: Instances failed to pass health checks.`), r.out);
            });
        }

        it("passes when this deploy started no refresh (none at all, or only an older one)", () => {
            assert.strictEqual(waitWith(["None\tNone\tNone\tNone"]).status, 0);
            const older = waitWith(["ir-0\tFailed\t2025-11-30T10:00:00+00:00\tNone"]);
            assert.strictEqual(older.status, 0, older.out);
            assert.match(older.out, /No instance refresh started by this deploy/);
        });

        it("fails, bounded, when the refresh never finishes", () => {
            const r = waitWith([`ir-3\tInProgress\t${at}\tNone`], "1764614400", { MAX_WAIT_SECONDS: "0" });
            assert.strictEqual(r.status, 1, r.out);
            assert.ok(r.out.includes("::error::Instance refresh ir-3 on chatmrpt-web-asg-1 still InProgress after 0 s."), r.out);
        });
    });
});
