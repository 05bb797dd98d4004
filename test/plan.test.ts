import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsePlanArgs, runPlanCli } from "../offline/plan/cli";
import { diffPlans, flatten, ignoredPaths, Plan, PlannedResource } from "../offline/plan/plan";
import { spawnSync } from "child_process";
import { ROOT, runCli, runInProcess } from "./helpers";
import { runPolicyCli } from "../offline/policy/cli";
import { BASE_POLICIES } from "../policies/pack";

const plan = (...argv: string[]) => runInProcess(runPlanCli, argv);

describe("npm run plan", () => {
    let prodText: { code: number; out: string };
    let prodJsonFile: string;
    before(async () => {
        prodText = await plan();
        const json = await plan("--json");
        prodJsonFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "main.json");
        fs.writeFileSync(prodJsonFile, json.out);
    });

    it("prints resources, policy verdicts and cost for prod and passes", () => {
        assert.strictEqual(prodText.code, 0);
        const sections = prodText.out.split("\n").filter((l) => l.startsWith("== "));
        assert.deepStrictEqual(sections, [
            "== Resources by component ==",
            "== Policy verdicts ==",
            "== Monthly cost estimate (on-demand list prices as of 2025-06-01) ==",
        ]);
        assert.ok(
            prodText.out.includes(
                "chatmrpt-web-asg                             Group: t3a.large × 2 (min 2, max 4), ELB health checks, grace 300 s, Rolling refresh, 2 subnets",
            ),
        );
        assert.ok(
            prodText.out.includes(
                "chatmrpt-web-alb                             LoadBalancer: internal, deletion protection on",
            ),
        );
        assert.ok(prodText.out.includes("Listener: HTTP:80, forward"));
        assert.ok(
            prodText.out.includes(
                "chatmrpt-cdn-origin-http                     VpcOrigin: http-only to chatmrpt-web-alb",
            ),
        );
        assert.ok(
            prodText.out.includes(
                "Distribution: no aliases, default *.cloudfront.net certificate, viewer TLSv1, origins app via VPC origin, http2and3",
            ),
        );
        // The internal ALB has no public IPv4 (the NAT gateway's Elastic IP is the one left); the VPC origin is listed at $0 with its source.
        assert.deepStrictEqual(
            prodText.out.split("\n").filter((l) => l.includes("public IPv4")),
            [
                "      $3.65  chatmrpt-network-nat-eip                 public IPv4 address (730 IP-hours × $0.005)",
            ],
        );
        assert.ok(
            prodText.out.includes(
                "CloudFront VPC origin (no additional charge; AWS What's New 2024-11-20, CloudFront VPC origins)",
            ),
        );
        assert.ok(
            prodText.out.includes(
                "ReplicationGroup: cache.t4g.small × 2, Multi-AZ, TLS on, at rest encrypted, snapshots 7 days, protected",
            ),
        );
        assert.ok(
            prodText.out.includes(
                `${BASE_POLICIES.length} policies: 0 mandatory and 0 advisory violation(s), 0 exempted`,
            ),
        );
        assert.ok(
            prodText.out.includes("image ami-0a1b2c3d4e5f60718 (root /dev/xvda), CPU credits unlimited"),
        );
        assert.ok(
            prodText.out.includes(
                "CPU credits: unlimited, surplus at the 30 % CPU target (baseline 30 %) × 2",
            ),
        );
        assert.ok(prodText.out.includes("25 alarms, 10 in the always-free allowance"));
        assert.ok(
            prodText.out.includes(
                "total $251.41/month at steady state; budget $260.00 (within); the context docs expect about $260.00 (-$8.59)",
            ),
        );
        // Priced, not hand-waved: the WAF, the canary, the S3 backup, and the restore test fee at its stated assumed rate.
        for (const line of [
            "      $5.00  chatmrpt-waf-acl                         WAF web ACL (1 ACL-months × $5)",
            "      $4.00  chatmrpt-waf-acl                         WAF rules (4) (4 rule-months × $1)",
            "      $1.80  chatmrpt-waf-acl                         WAF requests inspected (3000000, every CloudFront request) (3 million requests × $0.6)",
            "      $2.51  chatmrpt-endpoints-canary                canary runs (every 20 min; 100 in the always-free allowance) (2090 runs × $0.0012)",
            "      $1.00  chatmrpt-backups-buckets                 S3 backup storage (1 bucket(s)) (20 GB-months × $0.05)",
            "      $4.00  chatmrpt-backups-restore-test            restore test jobs (cron(0 8 ? * 1#1 *): 1 runs/month × 2 volume(s); assumed rate, not a sourced price) (2 jobs × $2)",
            // What AWS bills beyond the hourly lines (issue 21).
            "      $0.30  chatmrpt-network-nat                     inter-AZ data transfer: app instances to the NAT gateway (60 GB both ways × 50 %: 1 of 2 instance(s) in another AZ than us-east-2a) (30 GB × $0.01)",
            "      $0.05  chatmrpt-cache-redis                     inter-AZ data transfer: app instances to the Redis primary (10 GB both ways × 50 %: 1 of 2 instance(s) in another AZ than one of us-east-2a, us-east-2b) (5 GB × $0.01)",
            "      $0.30  chatmrpt-cdn-distribution                CloudFront data transfer to origin (15 GB of request bodies: uploads, chat messages) (15 GB × $0.02)",
            "      $3.90  chatmrpt-endpoints-canary                custom metrics (23: Synthetics 7 per canary + 2 × 3 steps + 7 across canaries + 3 TimeToFirstByte; 10 in the always-free allowance) (13 metric-months × $0.3)",
            "      $2.00  chatmrpt-backups-vault-key               KMS rotated key versions (rotation every 365 days: 2 charged from the second rotation on, 0 on average in the first year) (2 key-version-months × $1)",
            "  first year: $249.41/month on average (KMS rotated key versions grow to the steady state over the first years)",
            "  without the always-free allowances: $273.11/month at steady state (they are account-wide; during the cutover old prod uses them too)",
        ])
            assert.ok(prodText.out.split("\n").includes(line), line);
    });

    it("lists the cheaper options with the totals the same model gives them", () => {
        const lines = prodText.out.split("\n");
        const section = lines
            .slice(
                lines.indexOf(
                    "  cheaper options (same usage, priced by the same model at steady state; not applied):",
                ) + 1,
            )
            .filter((l) => / {2}(\$\d+\.\d\d| unpriced) {2}/.test(l))
            .map((l) => l.split(":")[0].trim());
        assert.deepStrictEqual(section, [
            // t3a.large is what prod runs, so it is no option.
            "$239.73  t4g.large app instances (Graviton) (-$11.68/month)",
            "$242.07  Valkey cache nodes (-$9.34/month)",
            "$230.39  t4g.large app instances and Valkey cache nodes (-$21.02/month)",
            "unpriced  1-year Compute Savings Plan on the app instances (no sourced 1-year rate for t3a.large)",
        ]);
        assert.ok(prodText.out.trimEnd().endsWith("Plan passes."));
    });

    it("gives the same as valid JSON, with the prod EC2 line computed from list prices", () => {
        const json = JSON.parse(fs.readFileSync(prodJsonFile, "utf8"));
        assert.strictEqual(json.planVersion, 1);
        assert.strictEqual(json.policy.passed, true);
        const ec2 = json.cost.lines.find((l: any) => l.item === "EC2 t3a.large × 2");
        assert.strictEqual(ec2.monthlyUsd, 109.79); // 2 × 730 h × $0.0752 = $109.792
        assert.deepStrictEqual(json.cost.unpriced, []);
        assert.strictEqual(json.cost.totalUsd, 251.41);
        // Steady state, the first year's average (no rotated KMS key version yet: $2 less), and
        // without the account-wide always-free allowances.
        assert.strictEqual(json.cost.firstYearTotalUsd, 249.41);
        assert.strictEqual(json.cost.totalWithoutFreeTierUsd, 273.11);
    });

    it("never writes a secret into the plan", () => {
        const text = fs.readFileSync(prodJsonFile, "utf8");
        assert.ok(!text.includes("offline-placeholder-redis-auth-token"));
        assert.deepStrictEqual(flatten({ a: { b: ["x-SECRET-y", "ok"] } }, ["SECRET"]), {
            "a.b[0]": "[secret]",
            "a.b[1]": "ok",
        });
    });

    it("diffs against an earlier plan: a changed instance count and its cost", async () => {
        const { code, out } = await plan(
            "--diff",
            prodJsonFile,
            "--set",
            "desiredCapacity=3",
            "--set",
            "maxSize=4",
        );
        const lines = out.split("\n");
        // The group ignores desiredCapacity after creation (scaling owns it): no update, but the
        // what-if is priced at the configured count.
        assert.ok(lines.includes("Resources: 0 to add, 0 to change, 0 to remove"), out);
        assert.ok(lines.includes("~ chatmrpt-web-asg (Group), cost +$57.30/month"), out);
        assert.ok(
            lines.includes("    desiredCapacity: 2 → 3 (ignoreChanges: not applied, the live value stays)"),
            out,
        );
        assert.ok(
            lines.includes("Cost at steady state: $251.41 → $310.62 per month (+$59.21); budget $260.00"),
            out,
        );
        // A third instance is a third volume for each restore test run.
        assert.ok(lines.includes("    chatmrpt-backups-restore-test: $4.00 → $6.00 (+$2.00)"), out);
        assert.ok(lines.includes("    chatmrpt-web-asg: $114.59 → $171.89 (+$57.30)"), out);
        // Two of three instances share the NAT gateway's AZ: less of its traffic crosses AZs.
        assert.ok(lines.includes("    chatmrpt-network-nat: $35.85 → $35.75 (-$0.10)"), out);
        // 3 × t3a.large is over the $260 budget.
        assert.strictEqual(code, 1);
        assert.ok(
            lines.includes(
                "Plan FAILS: estimated $310.62/month exceeds the budget of $260.00 (chatmrpt:monthlyBudgetUsd)",
            ),
            out,
        );
    });

    it("prices the surplus CPU credits a CPU target above t3a.large's baseline buys", async () => {
        const { out } = await plan("--diff", prodJsonFile, "--set", "cpuTargetPercent=60");
        // (60 − 30) % × 2 vCPUs × 2 instances × 730 h × $0.05 per vCPU-hour
        assert.ok(
            out.includes("Cost at steady state: $251.41 → $295.21 per month (+$43.80); budget $260.00"),
            out,
        );
    });

    it("diffs policy findings, new and gone", async () => {
        const { code, out } = await plan("--diff", prodJsonFile, "--set", "redisSnapshotRetentionDays=3");
        assert.strictEqual(code, 1);
        assert.ok(out.includes("Policy: 1 new finding(s), 0 gone"), out);
        assert.ok(
            out.includes(
                "+ [mandatory] redis-snapshots-retained on chatmrpt-cache-redis: snapshotRetentionLimit must be at least 7 days; found 3",
            ),
            out,
        );
    });

    it("exits 1 when the estimate exceeds the stack's budget", async () => {
        const { code, out } = await plan("--set", "monthlyBudgetUsd=200");
        assert.strictEqual(code, 1);
        assert.ok(
            out.includes(
                "Plan FAILS: estimated $251.41/month exceeds the budget of $200.00 (chatmrpt:monthlyBudgetUsd)",
            ),
            out,
        );
    });

    it("exits 1 when a billable type has no price, instead of leaving it out of the total", async () => {
        // 2 × m7i.8xlarge and a 16xlarge cache node: priced, these are far over $260.
        const { code, out } = await plan(
            "--set",
            "instanceType=m7i.8xlarge",
            "--set",
            "redisNodeType=cache.r7g.16xlarge",
        );
        assert.strictEqual(code, 1);
        const lines = out.split("\n");
        assert.ok(
            lines.includes("    chatmrpt-web-asg (Group): no EC2 price for m7i.8xlarge in us-east-2"),
            out,
        );
        assert.ok(
            lines.includes(
                "    chatmrpt-cache-redis (ReplicationGroup): no ElastiCache redis price for cache.r7g.16xlarge in us-east-2",
            ),
            out,
        );
        assert.ok(out.includes("; budget $260.00 (NOT CHECKED: unpriced items)"), out);
        assert.ok(
            lines.includes(
                "Plan FAILS: 2 billable item(s) have no price, so the budget cannot be checked (no ElastiCache redis price for cache.r7g.16xlarge in us-east-2; no EC2 price for m7i.8xlarge in us-east-2): add them to offline/cost/prices.json",
            ),
            out,
        );
    });

    it("in a region the prices do not cover, lists every billable item as unpriced, never $NaN", async () => {
        const { code, out } = await plan("--json", "--set", "aws:region=eu-west-1");
        assert.strictEqual(code, 1);
        assert.ok(!out.includes("NaN") && !out.includes('null,\n      "monthlyUsd"'), "no NaN in the plan");
        const json = JSON.parse(out);
        assert.strictEqual(json.region, "eu-west-1");
        assert.strictEqual(json.cost.withinBudget, false);
        const reasons = new Set(json.cost.unpriced.map((u: any) => u.reason));
        for (const reason of [
            "no EC2 price for t3a.large in eu-west-1",
            "no ElastiCache redis price for cache.t4g.small in eu-west-1",
            "no NAT gateway price in eu-west-1",
            "no ALB price in eu-west-1",
            "no KMS price in eu-west-1",
            "no AWS Backup price in eu-west-1",
            "no price for S3 storage (uploads) in eu-west-1",
        ]) {
            assert.ok(reasons.has(reason), `${reason} in ${[...reasons].join("; ")}`);
        }
        // What is priced is global or in us-east-1 (CloudFront's alarms), and finite.
        for (const l of json.cost.lines)
            assert.ok(
                Number.isFinite(l.monthlyUsd) && l.type !== "aws:ec2/natGateway:NatGateway",
                JSON.stringify(l),
            );
        assert.ok(Number.isFinite(json.cost.totalUsd));
    });

    it("shows the --set overrides it ran with, secrets redacted", async () => {
        const { out } = await plan(
            "--set",
            "desiredCapacity=3",
            "--set",
            "chatmrpt:redisAuthToken=an-override-secret-value-of-32-chars-or-more",
        );
        assert.ok(
            out.split("\n")[1] ===
                "  with --set: chatmrpt:desiredCapacity=3, chatmrpt:redisAuthToken=[secret]",
            out,
        );
        assert.ok(!out.includes("an-override-secret-value"));
    });

    it("counts resources one way in the header, the component list and npm run policy", async () => {
        const header =
            /^Plan for stack prod \(us-east-2\): (\d+) resources \((\d+) AWS resources, (\d+) components, (\d+) providers?\)$/.exec(
                prodText.out.split("\n")[0],
            );
        assert.ok(header, prodText.out.split("\n")[0]);
        const [total, cloud, components, providers] = header.slice(1).map(Number);
        assert.strictEqual(cloud + components + providers, total);
        // The component list: each group's own line plus the resources listed under it.
        const groups = prodText.out
            .split("\n")
            .map((l) => /^(\S.*?)(?: \(.*\))?: (\d+) resources$/.exec(l))
            .filter((m): m is RegExpExecArray => m !== null);
        const listed =
            groups.reduce((sum, m) => sum + Number(m[2]), 0) +
            groups.filter((m) => m[1] !== "(stack)").length;
        assert.strictEqual(listed, total);
        assert.ok(
            prodText.out.includes(
                `\n${total} in all: ${groups.length - 1} top-level components and the ${total - groups.length + 1} resources listed under them\n`,
            ),
            prodText.out,
        );
        const policy = await runInProcess(runPolicyCli);
        assert.strictEqual(policy.code, 0, policy.out);
        assert.match(
            policy.out.split("\n")[0],
            new RegExp(
                `^Policy pack chatmrpt-guardrails: \\d+ policies over ${total} resources \\(${cloud} AWS resources, ${components} components, ${providers} providers?\\) of stack prod \\(up view\\)$`,
            ),
        );
    });

    it("every CLI answers --help with its usage and exits 0", function () {
        this.timeout(120000);
        for (const tool of ["plan", "policy", "bench", "readiness"] as const) {
            const result = runCli(tool, ["--help"]);
            assert.strictEqual(result.status, 0, `${tool}: ${result.stderr}`);
            assert.match(result.stdout, new RegExp(`^usage: npm run ${tool} --`, "i"), tool);
            assert.strictEqual(result.stderr, "");
        }
    });

    it("the what-if example of docs/plan-and-cost.md prints what the page says, exit code included", function () {
        this.timeout(120000);
        const page = fs.readFileSync(path.join(ROOT, "docs", "plan-and-cost.md"), "utf8");
        const block =
            /<!-- what-if example: checked by test\/plan\.test\.ts -->\n```console\n\$ (.*)\n([\s\S]*?)```/.exec(
                page,
            );
        assert.ok(block, "the page's what-if example block");
        const result = spawnSync("bash", ["-c", block[1]], { cwd: ROOT, encoding: "utf8" });
        assert.strictEqual(result.stdout, block[2]);
    });

    it("exits 1 on a mandatory policy violation", async () => {
        const { code, out } = await plan("--set", "redisSnapshotRetentionDays=3");
        assert.strictEqual(code, 1);
        assert.ok(out.includes("Plan FAILS: 1 mandatory policy violation(s)"), out);
    });

    it("rejects bad arguments and a file that is not a plan, saying why", async () => {
        assert.throws(
            () => parsePlanArgs(["--stak", "prod"]),
            /unknown argument --stak; allowed: --stack NAME, --json, --diff FILE, --set KEY=VALUE, --policy-pack-config FILE, --view up\|preview\|refreshed, --base FILE\|empty, --help/,
        );
        assert.throws(
            () => parsePlanArgs(["--set", "minSize"]),
            /--set takes key=value \(such as chatmrpt:minSize=3\); found minSize/,
        );
        const notPlan = path.join(path.dirname(prodJsonFile), "other.json");
        fs.writeFileSync(notPlan, "{}");
        await assert.rejects(
            plan("--diff", notPlan),
            /is not a plan from `npm run plan -- --json` \(planVersion 1\)/,
        );
    });

    it("reports a bad config override as a config error, with no stack trace, and exits 2", function () {
        this.timeout(120000);
        const result = runCli("plan", ["--set", "minSize=9"]);
        assert.strictEqual(result.status, 2);
        assert.strictEqual(
            result.stderr.trim(),
            [
                "error: invalid stack configuration (2 problems):",
                "  - chatmrpt:minSize (9): must be <= chatmrpt:maxSize (4)",
                "  - chatmrpt:desiredCapacity (2): must be between chatmrpt:minSize (9) and chatmrpt:maxSize (4)",
            ].join("\n"),
        );
    });

    it("stands in for an AMI parameter only AWS can read, says so naming chatmrpt:ami, and prints no stack trace", async () => {
        const result = await plan("--set", "ami=ssm:/chatmrpt/staging/app-ami-id");
        assert.deepStrictEqual([result.code, result.err], [0, ""]);
        assert.ok(
            result.out
                .split("\n")
                .includes(
                    "  offline: chatmrpt:ami ssm:/chatmrpt/staging/app-ami-id needs AWS to read: the plan uses the " +
                        "stand-in image ami-0a1b2c3d4e5f60718 (chatmrpt-app-2026-11-30: root /dev/xvda, 8 GiB snapshot); pulumi preview reads " +
                        "the parameter and checks the image it names",
                ),
            result.out.slice(0, 800),
        );
        assert.ok(result.out.includes("image ami-0a1b2c3d4e5f60718 (root /dev/xvda)"));
    });

    it("keeps an AMI ID offline cannot look up in the launch template, with the stand-in's root device, and says so", async () => {
        const { code, out } = await plan("--json", "--set", "ami=ami-0fffffffffffffff1");
        const json = JSON.parse(out) as {
            offlineStandIns?: string[];
            resources: { name: string; summary?: string }[];
        };
        assert.strictEqual(code, 0);
        assert.deepStrictEqual(json.offlineStandIns, [
            "chatmrpt:ami ami-0fffffffffffffff1 needs AWS to look up: the plan takes its root " +
                "device and snapshot size from the stand-in image ami-0a1b2c3d4e5f60718 (chatmrpt-app-2026-11-30: root /dev/xvda, " +
                "8 GiB snapshot); pulumi preview reads the real image and checks chatmrpt:rootVolumeSizeGiB against it",
        ]);
        assert.match(
            json.resources.find((r) => r.name === "chatmrpt-web-lt")?.summary ?? "",
            /image ami-0fffffffffffffff1 \(root \/dev\/xvda\)/,
        );
        // Prod's own image is in the mocked account: nothing stood in for, and no such key in its plan.
        assert.strictEqual(JSON.parse(fs.readFileSync(prodJsonFile, "utf8")).offlineStandIns, undefined);
    });

    it("runs as a command: exits 0 for prod and writes the whole JSON plan through a pipe (more than 64 KiB)", function () {
        this.timeout(120000);
        const result = runCli("plan", ["--json"]);
        assert.strictEqual(result.status, 0, result.stderr);
        assert.ok(result.stdout.length > 65536, `only ${result.stdout.length} characters`);
        const plan = JSON.parse(result.stdout) as { planVersion: number; failures: unknown[] };
        assert.deepStrictEqual([plan.planVersion, plan.failures], [1, []]);
        // The command prints what its entry function, which the other tests call in-process, returns.
        assert.strictEqual(result.stdout, fs.readFileSync(prodJsonFile, "utf8"));
    });
});

describe("a plan diff and ignoreChanges", () => {
    it("matches ignoreChanges' property paths against flattened paths, [*] as any index", () => {
        const ignored = ignoredPaths(["value", "rules[*].port"]);
        assert.deepStrictEqual(
            [
                "value",
                "value.x",
                "valueX",
                "rules[0].port",
                "rules[12].port",
                "rules[0].portal",
                "rules.port",
            ].map(ignored),
            [true, true, false, true, true, false, false],
        );
    });

    it("reports no change under an ignored path of a resource that exists, as pulumi preview does", () => {
        const resource = (value: string, ignoreChanges?: string[]): PlannedResource => ({
            urn: "urn:k",
            name: "k",
            type: "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey",
            component: "c",
            settings: { key: "activeOrigin", value },
            ...(ignoreChanges ? { ignoreChanges } : {}),
        });
        const planOf = (r: PlannedResource) =>
            ({
                resources: [r],
                cost: { totalUsd: 0, lines: [] },
                policy: { violations: [] },
            }) as unknown as Plan;
        const changed = (a: PlannedResource, b: PlannedResource) =>
            diffPlans(planOf(a), planOf(b)).changed.map((c) => ({ changes: c.changes, ignored: c.ignored }));
        const change = [{ path: "value", before: "legacy", after: "app" }];
        assert.deepStrictEqual(changed(resource("legacy"), resource("app")), [
            { changes: change, ignored: undefined },
        ]);
        assert.deepStrictEqual(changed(resource("legacy"), resource("app", ["value"])), [
            { changes: [], ignored: change },
        ]);
    });
});
