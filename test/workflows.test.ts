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
    it("are the pull-request, deploy and drift workflows", () =>
        assert.deepStrictEqual(files.sort(), ["deploy.yml", "drift.yml", "pull-request.yml"]));

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
                    const usesAws = (job.steps as any[]).some((s) =>
                        String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials"),
                    );
                    if (usesAws) {
                        assert.strictEqual(job.permissions["id-token"], "write");
                        const step = (job.steps as any[]).find((s) =>
                            String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials"),
                        );
                        assert.match(step.with["role-to-assume"], /^\$\{\{ vars\.AWS_[A-Z_]+_ROLE_ARN \}\}$/);
                    }
                }
            });

            it("runs Pulumi with the policy pack and its config", () => {
                const pulumi = (Object.values(doc.jobs) as any[])
                    .flatMap((j) => j.steps)
                    .find((s: any) => String(s.uses ?? "").startsWith("pulumi/actions@"));
                if (file === "drift.yml") {
                    // The action only installs the CLI there; the command is spelled out (checked below).
                    assert.deepStrictEqual(Object.keys(pulumi.with), ["pulumi-version"]);
                    return;
                }
                assert.deepStrictEqual(
                    [pulumi.with.policyPacks, pulumi.with.policyPackConfigs],
                    ["policies", "policies/config.prod.json"],
                );
                assert.strictEqual(pulumi.with.command, file === "deploy.yml" ? "up" : "preview");
            });
        });
    }

    describe("actions", () => {
        /**
         * Actions on Node 24, pinned by commit (a tag can be moved; a commit cannot). SHAs as
         * other projects pin them with these version comments (checkout v5.0.1 and
         * configure-aws-credentials v6.0.0 cross-checked in several public repositories);
         * configure-aws-credentials v5 ran on Node 20, v6 is its Node 24 major.
         */
        const PINNED: Record<string, string> = {
            "actions/checkout": "93cb6efe18208431cddfb8368fd83d5badbf9bfd # v5.0.1",
            "actions/setup-node": "a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0",
            "aws-actions/configure-aws-credentials": "8df5847569e6427dd6c4fb1cf565c83acfa8afa7 # v6.0.0",
            "pulumi/actions": "8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0",
        };
        const uses = files.flatMap((file) =>
            fs
                .readFileSync(path.join(DIR, file), "utf8")
                .split("\n")
                .map((line) => /^\s*-?\s*uses:\s*(\S+)@(.*)$/.exec(line))
                .filter((m): m is RegExpExecArray => m !== null)
                .map((m) => ({ file, action: m[1], ref: m[2].trim() })),
        );

        it("are all pinned by full commit SHA to the reviewed Node 24 release", () => {
            assert.ok(uses.length >= 10, `found only ${uses.length} uses:`);
            for (const u of uses)
                assert.strictEqual(u.ref, PINNED[u.action], `${u.file}: ${u.action}@${u.ref}`);
        });

        it("run the Pulumi CLI release that matches the pinned SDK, with the inputs each command needs", () => {
            const sdk = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8"))
                .dependencies["@pulumi/pulumi"];
            for (const file of files) {
                const steps = (
                    Object.values(
                        (yaml.load(fs.readFileSync(path.join(DIR, file), "utf8")) as any).jobs,
                    ) as any[]
                ).flatMap((j) => j.steps);
                const pulumi = steps.find((s: any) => String(s.uses ?? "").startsWith("pulumi/actions@"));
                assert.strictEqual(pulumi.with["pulumi-version"], sdk, file);
                const aws = steps.find((s: any) =>
                    String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials@"),
                );
                for (const node of steps.filter((s: any) =>
                    String(s.uses ?? "").startsWith("actions/setup-node@"),
                )) {
                    assert.deepStrictEqual(node.with, { "node-version": 24, cache: "npm" }, file);
                }
                if (file === "drift.yml") {
                    assert.deepStrictEqual(aws.with, {
                        "role-to-assume": "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
                        "aws-region": "us-east-2",
                    });
                    continue;
                }
                assert.strictEqual(pulumi.with["stack-name"], "${{ vars.PULUMI_STACK || 'prod' }}");
                assert.strictEqual(pulumi.with["cloud-url"], "${{ vars.PULUMI_BACKEND_URL }}");
                assert.strictEqual(pulumi.with.diff, true);
                assert.strictEqual(pulumi.env.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
                const awsStep = steps.find((s: any) =>
                    String(s.uses ?? "").startsWith("aws-actions/configure-aws-credentials@"),
                );
                assert.deepStrictEqual(
                    awsStep.with,
                    file === "deploy.yml"
                        ? {
                              "role-to-assume": "${{ vars.AWS_DEPLOY_ROLE_ARN }}",
                              "aws-region": "us-east-2",
                              "role-duration-seconds": 10800,
                          }
                        : { "role-to-assume": "${{ vars.AWS_PREVIEW_ROLE_ARN }}", "aws-region": "us-east-2" },
                );
            }
        });

        it("deploy only through the protected prod environment, one update at a time", () => {
            const doc = yaml.load(fs.readFileSync(path.join(DIR, "deploy.yml"), "utf8")) as any;
            assert.strictEqual(doc.jobs.up.environment, "prod");
            assert.deepStrictEqual(doc.jobs.up.needs, "checks");
            assert.deepStrictEqual(doc.concurrency, { group: "deploy-prod", "cancel-in-progress": false });
        });

        it("the drift job and the deploy's `up` never run at once: one concurrency group, nothing cancelled", () => {
            const deploy = yaml.load(fs.readFileSync(path.join(DIR, "deploy.yml"), "utf8")) as any;
            const drift = yaml.load(fs.readFileSync(path.join(DIR, "drift.yml"), "utf8")) as any;
            const shared = { group: "pulumi-prod", "cancel-in-progress": false };
            assert.deepStrictEqual(deploy.jobs.up.concurrency, shared);
            assert.deepStrictEqual(drift.jobs.drift.concurrency, shared);
            // Only the jobs that touch the stack: the deploy's checks may run during a drift run.
            assert.strictEqual(deploy.jobs.checks.concurrency, undefined);
        });

        it("the drift job runs in the named environment its OIDC subject names (repo:<owner>/<repo>:environment:drift)", () => {
            const drift = yaml.load(fs.readFileSync(path.join(DIR, "drift.yml"), "utf8")) as any;
            assert.strictEqual(drift.jobs.drift.environment, "drift");
            const docs = fs.readFileSync(path.resolve(__dirname, "..", "docs", "deploying.md"), "utf8");
            for (const subject of [
                "repo:<owner>/<repo>:environment:drift",
                "repo:<owner>/<repo>:pull_request",
                "repo:<owner>/<repo>:environment:prod",
            ]) {
                assert.ok(docs.includes(subject), subject);
            }
        });

        it("a first deploy fits: the job's timeout covers the summed worst-case waits, and the AWS session outlives the job", () => {
            const text = fs.readFileSync(path.join(DIR, "deploy.yml"), "utf8");
            const doc = yaml.load(text) as any;
            // The commented budget, line by line, adds up to its stated total.
            const waits = [...text.matchAll(/^\s*#\s{3}[A-Za-z/*,. ]+?\s+(\d+) min/gm)]
                .filter((m) => !m[0].includes("total"))
                .map((m) => Number(m[1]));
            const total = Number(/#\s+total\s+(\d+) min/.exec(text)![1]);
            assert.deepStrictEqual(waits, [15, 30, 35, 10, 40, 10, 5]);
            assert.strictEqual(
                waits.reduce((a, b) => a + b, 0),
                total,
            );
            const timeout = doc.jobs.up["timeout-minutes"];
            assert.ok(timeout >= total + 15, `timeout ${timeout} min leaves too little over ${total}`);
            const session = doc.jobs.up.steps.find((st: any) =>
                String(st.uses ?? "").startsWith("aws-actions/"),
            ).with["role-duration-seconds"];
            assert.ok(session >= timeout * 60, `session ${session} s ends before the ${timeout}-minute job`);
            // The instance-refresh wait in the budget is the script's own default.
            const script = fs.readFileSync(
                path.resolve(__dirname, "..", ".github", "scripts", "wait-for-instance-refresh.sh"),
                "utf8",
            );
            assert.match(script, /max="\$\{MAX_WAIT_SECONDS:-2400\}"/);
        });

        it("after the instance refresh, invalidates /static/* on the distribution `up` reports", () => {
            const doc = yaml.load(fs.readFileSync(path.join(DIR, "deploy.yml"), "utf8")) as any;
            const steps = doc.jobs.up.steps as any[];
            const wait = steps.findIndex((st) =>
                String(st.run ?? "").includes("wait-for-instance-refresh.sh"),
            );
            const invalidate = steps.findIndex((st) => String(st.run ?? "").includes("invalidate-static.sh"));
            assert.ok(wait >= 0 && invalidate === wait + 1, `wait ${wait}, invalidate ${invalidate}`);
            assert.deepStrictEqual(steps[invalidate].env, {
                DISTRIBUTION_ID: "${{ steps.up.outputs.cloudFrontDistributionId }}",
            });
            assert.strictEqual(
                steps[invalidate].run,
                'bash .github/scripts/invalidate-static.sh "$DISTRIBUTION_ID"',
            );
        });

        it("package.json engines admits the workflows' Node (24, the active LTS) and this machine's", () => {
            const engines: string = JSON.parse(
                fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8"),
            ).engines.node;
            assert.strictEqual(engines, ">=20.19 <25");
            const [, minMajor, minMinor, maxMajor] = /^>=(\d+)\.(\d+) <(\d+)$/.exec(engines)!.map(Number);
            const admits = (v: string) => {
                const [major, minor] = v.replace(/^v/, "").split(".").map(Number);
                return (major > minMajor || (major === minMajor && minor >= minMinor)) && major < maxMajor;
            };
            assert.ok(admits("24.0.0") && admits(process.version), process.version);
            assert.ok(!admits("25.0.0") && !admits("20.18.0"));
        });
    });

    describe("the PR plan job, run with stand-ins for npm and gh", () => {
        const doc = yaml.load(fs.readFileSync(path.join(DIR, "pull-request.yml"), "utf8")) as any;
        const steps = doc.jobs.plan.steps as any[];
        const planStep = steps.find((s) => s.id === "plan");
        const postStep = steps.find((s) => String(s.name).startsWith("Post the plan"));
        let dir: string;

        /** Runs a step's script in bash, as the runner does, with `bin` first on PATH. */
        function runStep(step: any, env: Record<string, string>): { status: number | null; out: string } {
            for (const value of Object.values(step.env ?? {})) assert.ok(typeof value === "string");
            const result = spawnSync("bash", ["-e", "-c", step.run], {
                encoding: "utf8",
                env: {
                    ...process.env,
                    PATH: `${path.join(dir, "bin")}:${process.env.PATH}`,
                    RUNNER_TEMP: dir,
                    GITHUB_OUTPUT: path.join(dir, "output"),
                    GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
                    GITHUB_REPOSITORY: "owner/repo",
                    ...env,
                },
            });
            return { status: result.status, out: result.stdout + result.stderr };
        }
        function stub(name: string, script: string): void {
            fs.writeFileSync(path.join(dir, "bin", name), `#!/bin/bash\n${script}\n`, { mode: 0o755 });
        }

        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "pr-plan-"));
            fs.mkdirSync(path.join(dir, "bin"));
            fs.writeFileSync(path.join(dir, "plan-main.json"), JSON.stringify({ planVersion: 1 }));
            // gh records how it was called and knows no earlier comment.
            stub("gh", `echo "$*" >> "${dir}/gh-calls"`);
        });
        afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("puts a config error (stderr) and the exit code into the comment", () => {
            stub(
                "npm",
                'echo "error: invalid stack configuration (1 problem):" >&2; echo "  - chatmrpt:minSize (9): must be <= chatmrpt:maxSize (4)" >&2; exit 2',
            );
            const { status } = runStep(planStep, {});
            assert.strictEqual(status, 0, "the step records the code; a later step fails the job");
            const comment = fs.readFileSync(path.join(dir, "comment.md"), "utf8");
            assert.ok(comment.startsWith("<!-- chatmrpt-plan -->\n**npm run plan exited 2**"), comment);
            assert.ok(
                comment.includes(
                    "**stderr of npm run plan:**\n\n```\nerror: invalid stack configuration (1 problem):\n  - chatmrpt:minSize (9): must be <= chatmrpt:maxSize (4)\n```",
                ),
                comment,
            );
            assert.strictEqual(fs.readFileSync(path.join(dir, "output"), "utf8"), "exit-code=2\n");
        });

        it("posts the diff and the full plan when the plan passes", () => {
            stub(
                "npm",
                'if [[ "$*" == *--diff* ]]; then echo "### Plan diff for stack prod"; else echo "Plan passes."; fi',
            );
            runStep(planStep, {});
            const comment = fs.readFileSync(path.join(dir, "comment.md"), "utf8");
            assert.ok(comment.startsWith("<!-- chatmrpt-plan -->\n### Plan diff for stack prod\n"), comment);
            assert.ok(
                comment.includes("<details><summary>Full plan</summary>\n\n```\nPlan passes.\n```"),
                comment,
            );
            assert.ok(!comment.includes("stderr"), comment);
            assert.strictEqual(fs.readFileSync(path.join(dir, "output"), "utf8"), "exit-code=0\n");
        });

        it("for a fork, writes the plan to the job summary and never calls the API its token cannot use", () => {
            fs.writeFileSync(path.join(dir, "comment.md"), "<!-- chatmrpt-plan -->\nthe plan\n");
            const { status, out } = runStep(postStep, { FORK: "true", PR_NUMBER: "7", GH_TOKEN: "x" });
            assert.strictEqual(status, 0, out);
            assert.strictEqual(
                fs.readFileSync(path.join(dir, "summary.md"), "utf8"),
                "<!-- chatmrpt-plan -->\nthe plan\n",
            );
            assert.ok(!fs.existsSync(path.join(dir, "gh-calls")));
            assert.strictEqual(
                postStep.env.FORK,
                "${{ github.event.pull_request.head.repo.full_name != github.repository }}",
            );
        });

        it("for the repository's own branch, creates the comment (and would update the one it made before)", () => {
            fs.writeFileSync(path.join(dir, "comment.md"), "<!-- chatmrpt-plan -->\nthe plan\n");
            const { status, out } = runStep(postStep, { FORK: "false", PR_NUMBER: "7", GH_TOKEN: "x" });
            assert.strictEqual(status, 0, out);
            const calls = fs.readFileSync(path.join(dir, "gh-calls"), "utf8").trim().split("\n");
            assert.deepStrictEqual(calls, [
                'api repos/owner/repo/issues/7/comments --paginate --jq .[] | select(.body | startswith("<!-- chatmrpt-plan -->")) | .id',
                `api --method POST repos/owner/repo/issues/7/comments -F body=@${dir}/comment.md`,
            ]);
            stub("gh", `echo "$*" >> "${dir}/gh-calls2"; [[ "$*" == *--paginate* ]] && echo 42; true`);
            runStep(postStep, { FORK: "false", PR_NUMBER: "7", GH_TOKEN: "x" });
            assert.ok(
                fs
                    .readFileSync(path.join(dir, "gh-calls2"), "utf8")
                    .includes(
                        `api --method PATCH repos/owner/repo/issues/comments/42 -F body=@${dir}/comment.md`,
                    ),
            );
        });

        it("fails the job after posting when the plan did not pass", () => {
            const fail = steps[steps.length - 1];
            assert.strictEqual(fail.if, "steps.plan.outputs.exit-code != '0'");
            assert.strictEqual(runStep(fail, { CODE: "1" }).status, 1);
            assert.deepStrictEqual(doc.jobs.plan.permissions, { contents: "read", "pull-requests": "write" });
        });
    });

    it("the PR workflow posts the plan's diff against main, its verdicts from a preview against main, with the CLI's pack config", () => {
        const text = fs.readFileSync(path.join(DIR, "pull-request.yml"), "utf8");
        assert.ok(
            text.includes(
                'npm run -s plan -- --stack prod --json --policy-pack-config policies/config.prod.json > "$RUNNER_TEMP/plan-main.json"',
            ),
        );
        assert.ok(
            text.includes(
                'npm run -s plan -- --stack prod --view preview --base "$RUNNER_TEMP/plan-main.json" --diff "$RUNNER_TEMP/plan-main.json" "${pack[@]}"',
            ),
        );
        assert.ok(text.includes('npm run -s plan -- --stack prod --view preview --base empty "${pack[@]}"'));
        assert.ok(text.includes("pack=(--policy-pack-config policies/config.prod.json)"));
    });

    it("every offline plan in CI reads the pack config the CLI reads", () => {
        for (const file of ["pull-request.yml", "deploy.yml"]) {
            const runs = (
                Object.values((yaml.load(fs.readFileSync(path.join(DIR, file), "utf8")) as any).jobs) as any[]
            )
                .flatMap((j) => j.steps)
                .map((s: any) => String(s.run ?? ""))
                .flatMap((r) => r.split("\n"))
                .filter((l) => /npm run -s plan/.test(l));
            assert.ok(runs.length > 0, file);
            for (const line of runs)
                assert.ok(
                    /--policy-pack-config policies\/config\.prod\.json|"\$\{pack\[@\]\}"/.test(line),
                    `${file}: ${line}`,
                );
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
            for (const flag of [
                "--refresh",
                "--expect-no-changes",
                "--policy-pack policies",
                "--policy-pack-config policies/config.prod.json",
                '--stack "$STACK"',
                "--non-interactive",
            ]) {
                assert.ok(command.includes(flag), flag);
            }
            assert.strictEqual(
                step("Preview with refresh, expecting no changes").env.STACK,
                "${{ vars.PULUMI_STACK || 'prod' }}",
            );
        });
        it("uses the read-only preview role, and may write issues but not code", () => {
            assert.strictEqual(
                job.steps.find((s: any) => String(s.uses).startsWith("aws-actions/")).with["role-to-assume"],
                "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
            );
            assert.deepStrictEqual(job.permissions, {
                contents: "read",
                "id-token": "write",
                issues: "write",
            });
            assert.deepStrictEqual(doc.permissions, { contents: "read" });
        });
        it("opens one issue (found by its label) or comments on the open one, and fails the run", () => {
            const s = step("Open or update the one drift issue");
            assert.strictEqual(
                s.if,
                "steps.preview.outputs.exit-code != '0' || steps.subscriptions.outputs.exit-code != '0'",
            );
            assert.ok(s.run.includes("gh issue list --label drift --state open --limit 1"));
            assert.ok(s.run.includes('gh issue comment "$number" --body-file "$body"'));
            assert.ok(s.run.includes("gh issue create --title") && s.run.includes("--label drift"));
            assert.ok(s.run.trimEnd().endsWith("exit 1"));
        });
        it("checks every chatmrpt- alert topic in both regions for a confirmed subscription, after the preview", () => {
            const s = step("Check the alert subscriptions are confirmed");
            const order = (job.steps as any[]).map((x) => x.name);
            assert.ok(order.indexOf("Preview with refresh, expecting no changes") < order.indexOf(s.name));
            assert.ok(
                s.run.includes(
                    'bash .github/scripts/check-alert-subscriptions.sh chatmrpt- us-east-2 us-east-1 > "$RUNNER_TEMP/subscriptions.txt" 2>&1',
                ),
            );
            assert.ok(s.run.includes('echo "exit-code=$code" >> "$GITHUB_OUTPUT"'));
        });

        describe("check-alert-subscriptions.sh, with a stand-in aws", () => {
            const SCRIPT = path.resolve(
                __dirname,
                "..",
                ".github",
                "scripts",
                "check-alert-subscriptions.sh",
            );
            const T = "arn:aws:sns:us-east-2:111122223333:chatmrpt-monitoring-alerts-a1";
            const G = "arn:aws:sns:us-east-1:111122223333:chatmrpt-monitoring-alerts-us-east-1-b2";
            /** topics and subscriptions per region, as the CLI's text output would list them. */
            function check(answers: Record<string, { topics: string[]; subs: string[][] }>) {
                const dir = fs.mkdtempSync(path.join(os.tmpdir(), "subs-"));
                for (const [region, a] of Object.entries(answers)) {
                    fs.writeFileSync(
                        path.join(dir, `topics-${region}`),
                        a.topics.length ? a.topics.join("\t") + "\n" : "",
                    );
                    fs.writeFileSync(
                        path.join(dir, `subs-${region}`),
                        a.subs.map((row) => row.join("\t") + "\n").join(""),
                    );
                }
                fs.writeFileSync(
                    path.join(dir, "aws"),
                    [
                        "#!/bin/bash",
                        'echo "$*" >> "$STUB/calls"',
                        "region=$4",
                        'if [ "$2" = list-topics ]; then cat "$STUB/topics-$region"; else cat "$STUB/subs-$region"; fi',
                    ].join("\n"),
                    { mode: 0o755 },
                );
                const r = spawnSync("bash", [SCRIPT, "chatmrpt-", ...Object.keys(answers)], {
                    encoding: "utf8",
                    env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir },
                });
                const calls = fs.readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n");
                fs.rmSync(dir, { recursive: true, force: true });
                return { status: r.status, out: r.stdout + r.stderr, calls };
            }
            const confirmed = (topic: string) => [topic, "ops@chatmrpt.org", `${topic}:0b1c`];

            it("passes when every topic has a confirmed subscription, asking each region for its topics and subscriptions", () => {
                const r = check({
                    "us-east-2": { topics: [T], subs: [confirmed(T)] },
                    "us-east-1": { topics: [G], subs: [confirmed(G)] },
                });
                assert.strictEqual(r.status, 0, r.out);
                assert.deepStrictEqual(r.calls, [
                    "sns list-topics --region us-east-2 --query Topics[?contains(TopicArn, ':chatmrpt-')].TopicArn --output text",
                    "sns list-subscriptions --region us-east-2 --query Subscriptions[?contains(TopicArn, ':chatmrpt-')].[TopicArn,Endpoint,SubscriptionArn] --output text",
                    "sns list-topics --region us-east-1 --query Topics[?contains(TopicArn, ':chatmrpt-')].TopicArn --output text",
                    "sns list-subscriptions --region us-east-1 --query Subscriptions[?contains(TopicArn, ':chatmrpt-')].[TopicArn,Endpoint,SubscriptionArn] --output text",
                ]);
            });

            it("fails on a subscription pending confirmation, even beside a confirmed one", () => {
                const r = check({
                    "us-east-2": {
                        topics: [T],
                        subs: [confirmed(T), [T, "oncall@chatmrpt.org", "PendingConfirmation"]],
                    },
                });
                assert.strictEqual(r.status, 1, r.out);
                assert.ok(r.out.includes(`PENDING   ${T} -> oncall@chatmrpt.org`), r.out);
            });

            it("fails on a topic with no confirmed subscription (one deleted or never created leaves no row at all)", () => {
                const r = check({
                    "us-east-2": { topics: [T], subs: [] },
                    "us-east-1": { topics: [G], subs: [confirmed(G)] },
                });
                assert.strictEqual(r.status, 1, r.out);
                assert.ok(r.out.includes(`NOBODY    ${T}: no confirmed subscription`), r.out);
            });

            it("fails when it finds no topic at all", () => {
                const r = check({ "us-east-2": { topics: [], subs: [] } });
                assert.strictEqual(r.status, 1, r.out);
                assert.match(r.out, /NO TOPIC  named chatmrpt-\* in us-east-2/);
            });
        });

        it("closes the issue once prod is clean", () => {
            const s = step("Close the drift issue once prod is clean");
            assert.strictEqual(
                s.if,
                "steps.preview.outputs.exit-code == '0' && steps.subscriptions.outputs.exit-code == '0'",
            );
            assert.ok(s.run.includes('gh issue close "$number"'));
        });
    });

    it("the pack config the workflows use names only real policies and valid settings", () => {
        const config = readPackConfig(path.resolve(__dirname, "..", "policies", "config.prod.json"));
        for (const name of Object.keys(config))
            assert.ok(
                BASE_POLICIES.some((p) => p.name === name),
                name,
            );
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
            const wait = steps.findIndex((st) =>
                String(st.run ?? "").includes("wait-for-instance-refresh.sh"),
            );
            assert.ok(start >= 0 && start < up && up < wait, `start ${start}, up ${up}, wait ${wait}`);
            assert.strictEqual(steps[up].with.command, "up");
            assert.deepStrictEqual(steps[wait].env, {
                ASG_NAME: "${{ steps.up.outputs.autoScalingGroupName }}",
                DEPLOY_START: "${{ steps.start.outputs.epoch }}",
            });
            assert.strictEqual(
                steps[wait].run,
                'bash .github/scripts/wait-for-instance-refresh.sh "$ASG_NAME" "$DEPLOY_START"',
            );
        });

        const SCRIPT = path.resolve(__dirname, "..", ".github", "scripts", "wait-for-instance-refresh.sh");
        it("invalidate-static.sh invalidates /static/* and waits for that invalidation", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invalidate-"));
            fs.writeFileSync(
                path.join(dir, "aws"),
                '#!/bin/bash\necho "$*" >> "$STUB/calls"\n[[ "$1 $2" == "cloudfront create-invalidation" ]] && echo I2J0EXAMPLE\ntrue\n',
                { mode: 0o755 },
            );
            const script = path.resolve(__dirname, "..", ".github", "scripts", "invalidate-static.sh");
            const r = spawnSync("bash", [script, "E1DIST"], {
                encoding: "utf8",
                env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir },
            });
            assert.strictEqual(r.status, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(fs.readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n"), [
                "cloudfront create-invalidation --distribution-id E1DIST --paths /static/* --query Invalidation.Id --output text",
                "cloudfront wait invalidation-completed --distribution-id E1DIST --id I2J0EXAMPLE",
            ]);
            fs.writeFileSync(path.join(dir, "aws"), "#!/bin/bash\nexit 254\n", { mode: 0o755 });
            const failed = spawnSync("bash", [script, "E1DIST"], {
                encoding: "utf8",
                env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir },
            });
            assert.strictEqual(failed.status, 254, "a failed AWS call fails the deploy");
            fs.rmSync(dir, { recursive: true, force: true });
        });

        /** Runs the script against a stub `aws` that answers `answers` in turn (one tab-separated line each). */
        function waitWith(answers: string[], since = "1764614400", env: Record<string, string> = {}) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refresh-"));
            answers.forEach((a, i) => fs.writeFileSync(path.join(dir, `answer${i}`), `${a}\n`));
            fs.writeFileSync(
                path.join(dir, "aws"),
                [
                    "#!/bin/bash",
                    'echo "$*" >> "$STUB/calls"',
                    'n=$(wc -l < "$STUB/calls")',
                    'f="$STUB/answer$((n - 1))"; [ -f "$f" ] || f=$(ls "$STUB"/answer* | sort -V | tail -1)',
                    'cat "$f"',
                ].join("\n"),
                { mode: 0o755 },
            );
            const r = spawnSync("bash", [SCRIPT, "chatmrpt-web-asg-1", since], {
                encoding: "utf8",
                env: { PATH: `${dir}:/usr/bin:/bin`, STUB: dir, POLL_SECONDS: "0", ...env },
                timeout: 20000,
            });
            return {
                status: r.status,
                out: r.stdout + r.stderr,
                calls: fs.readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n"),
            };
        }
        const at = "2025-12-01T19:00:00+00:00"; // after the deploy start (2025-12-01T18:40Z)

        it("asks AWS for the group's latest refresh", () => {
            const r = waitWith([`ir-1\tSuccessful\t${at}\tNone`]);
            assert.deepStrictEqual(r.calls, [
                "autoscaling describe-instance-refreshes --auto-scaling-group-name chatmrpt-web-asg-1 --max-records 1 --query InstanceRefreshes[0].[InstanceRefreshId,Status,StartTime,StatusReason] --output text",
            ]);
        });

        it("passes once the refresh succeeds, polling while it runs", () => {
            const r = waitWith([
                `ir-1\tPending\t${at}\tNone`,
                `ir-1\tInProgress\t${at}\tNone`,
                `ir-1\tSuccessful\t${at}\tNone`,
            ]);
            assert.deepStrictEqual([r.status, r.calls.length], [0, 3], r.out);
            assert.match(r.out, /Instance refresh ir-1 succeeded/);
        });

        for (const status of ["Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed"]) {
            it(`fails the deploy when the refresh ends ${status}`, () => {
                const r = waitWith([
                    `ir-2\tInProgress\t${at}\tNone`,
                    `ir-2\t${status}\t${at}\tInstances failed to pass health checks`,
                ]);
                assert.strictEqual(r.status, 1, r.out);
                assert.ok(
                    r.out.includes(
                        `::error::Instance refresh ir-2 on chatmrpt-web-asg-1 ended ${status}: Instances failed to pass health checks.`,
                    ),
                    r.out,
                );
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
            assert.ok(
                r.out.includes(
                    "::error::Instance refresh ir-3 on chatmrpt-web-asg-1 still InProgress after 0 s.",
                ),
                r.out,
            );
        });
    });
});
