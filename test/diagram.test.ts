import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CUTOVER_EXAMPLE } from "../offline/docs/architecture";
import { diffDiagram, stackDiagram, tierChanges, tierChangeSummary } from "../offline/diagram/mermaid";
import { appShare, routingOf } from "../offline/diagram/routing";
import { countByTier, tierClassifier, TIERS } from "../offline/diagram/tiers";
import { runPlanCli } from "../offline/plan/cli";
import { buildPlan, diffPlans, Plan, PlannedResource } from "../offline/plan/plan";
import { runInProcess } from "./helpers";
import { parseMermaid } from "./mermaidParser";

const LEGACY_DNS = CUTOVER_EXAMPLE["chatmrpt:legacyOriginDomainName"];
const lines = (s: string) => s.split("\n").map((l) => l.trim());
const classLines = (s: string) => lines(s).filter((l) => l.startsWith("class ") || l.startsWith("classDef "));

describe("the stack picture", () => {
    let prod: Plan;
    let cutover: Plan;
    let bigger: Plan;
    before(async function () {
        this.timeout(180_000);
        prod = await buildPlan({ stack: "prod" });
        cutover = await buildPlan({ stack: "prod", configOverrides: { ...CUTOVER_EXAMPLE } });
        bigger = await buildPlan({ stack: "prod", configOverrides: { "chatmrpt:maxSize": "6" } });
    });

    describe("tiers", () => {
        it("put every AWS resource of prod in one named tier: the counts add up to the plan's, nothing is 'other'", () => {
            const counts = countByTier(prod);
            assert.strictEqual(
                Object.values(counts).reduce((a, b) => a + b, 0),
                prod.counts.cloud,
            );
            assert.strictEqual(counts.other, 0);
            for (const tier of [
                "cdn",
                "waf",
                "vpcOrigin",
                "network",
                "alb",
                "app",
                "redis",
                "uploads",
                "alarms",
                "canary",
                "dashboard",
                "logs",
                "backups",
            ] as const) {
                assert.ok(counts[tier] > 0, `${tier} is empty`);
            }
            // No legacy origin in prod: no router.
            assert.strictEqual(counts.router, 0);
        });

        it("place generic types by their component, and a SecureBucket by its Purpose tag", () => {
            const tierOf = tierClassifier(prod.resources);
            const at = (name: string) => {
                const r = prod.resources.find((x) => x.name === name);
                assert.ok(r, `${name} is not in the plan`);
                return tierOf(r);
            };
            assert.deepStrictEqual(
                [
                    "chatmrpt-web-alb",
                    "chatmrpt-web-asg",
                    "chatmrpt-web-instance-role",
                    "chatmrpt-cache-redis",
                    "chatmrpt-uploads-bucket",
                    "chatmrpt-alb-logs-bucket",
                    "chatmrpt-endpoints-artifacts-bucket",
                    "chatmrpt-backups-role",
                    "chatmrpt-network-nat-eip",
                ].map(at),
                ["alb", "app", "app", "redis", "uploads", "logs", "canary", "backups", "network"],
            );
        });

        it("give a resource nobody listed the tier of its component, and 'other' only when it has none", () => {
            const resource = (
                name: string,
                type: string,
                component: string,
                settings: Record<string, unknown> = {},
            ): PlannedResource => ({ urn: `urn:${name}`, name, type, component, settings });
            const resources = [
                resource("chatmrpt-cache", "chatmrpt:cache:Cache", "chatmrpt-cache"),
                resource("chatmrpt-web", "chatmrpt:web:WebTier", "chatmrpt-web"),
                resource("chatmrpt-cache-new-sg", "aws:ec2/securityGroup:SecurityGroup", "chatmrpt-cache"),
                resource("chatmrpt-web-queue", "aws:sqs/queue:Queue", "chatmrpt-web"),
                resource("chatmrpt-web-flow-logs", "aws:ec2/flowLog:FlowLog", "chatmrpt-web"),
                resource("loose-topic", "aws:sns/topic:Topic", "(stack)"),
            ];
            const tierOf = tierClassifier(resources);
            assert.deepStrictEqual(resources.slice(2).map(tierOf), ["redis", "app", "network", "other"]);
        });
    });

    describe("the router's shares", () => {
        it("read activeOrigin as the router does, malformed values going to the fallback side", () => {
            assert.deepStrictEqual(
                [
                    "legacy",
                    "app",
                    "app:10",
                    "app:0",
                    "app:100",
                    " app:5 ",
                    "app:010",
                    "app:10.5",
                    "app:101",
                    "",
                    "APP",
                ].map((v) => appShare(v, "legacy")),
                [0, 100, 10, 0, 100, 5, 0, 0, 0, 0, 0],
            );
            assert.strictEqual(appShare("app:010", "app"), 100);
        });

        it("come from the plan's KeyValueStore key and the distribution's legacy origin", () => {
            assert.strictEqual(routingOf(prod), undefined);
            assert.deepStrictEqual(routingOf(cutover), {
                legacyDomain: LEGACY_DNS,
                activeOrigin: "app:10",
                appPercent: 10,
            });
        });

        it("show where each share of viewers goes during the cutover", () => {
            const d = lines(stackDiagram(cutover));
            assert.ok(d.includes('cdn -->|"app 10%"| vpcOrigin'), d.join("\n"));
            assert.ok(d.includes('cdn -->|"legacy 90%"| legacy'));
            assert.ok(d.includes(`legacy["old production (legacy origin)<br/>${LEGACY_DNS}"]`));
            assert.ok(
                d.some((l) =>
                    l.startsWith('router["origin router (function + KeyValueStore)<br/>4 resources"]'),
                ),
            );
            assert.ok(!lines(stackDiagram(prod)).some((l) => l.startsWith("legacy") || l.includes("%")));
            assert.ok(lines(stackDiagram(prod)).includes("cdn --> vpcOrigin"));
        });

        it("draw a side with no viewers dotted", () => {
            const all = {
                ...cutover,
                resources: cutover.resources.map((r) =>
                    r.settings.key === "activeOrigin"
                        ? { ...r, settings: { ...r.settings, value: "app" } }
                        : r,
                ),
            };
            const d = lines(stackDiagram(all));
            assert.ok(d.includes('cdn -->|"app 100%"| vpcOrigin'));
            assert.ok(d.includes('cdn -.->|"legacy 0%"| legacy'));
        });
    });

    describe("the picture of prod", () => {
        it("follows a request from viewers to Redis and the uploads bucket, with monitoring and backups beside", () => {
            const d = lines(stackDiagram(prod));
            for (const edge of [
                'viewers -->|"HTTPS"| cdn',
                'waf -.-|"inspects every request"| cdn',
                "cdn --> vpcOrigin",
                "vpcOrigin --> alb",
                "alb --> app",
                'app -->|"sessions"| redis',
                'app -->|"user files"| uploads',
                'canary -.->|"probes"| cdn',
                'backups -.-|"backs up"| app',
            ]) {
                assert.ok(d.includes(edge), edge);
            }
            const count = countByTier(prod);
            assert.ok(
                d.includes(
                    `app["app instances (Auto Scaling group)<br/>${count.app} resources<br/>t3a.large × 2 (min 2, max 4)"]`,
                ),
                d.join("\n"),
            );
            assert.ok(
                d.includes(
                    `redis[("Redis (ElastiCache)<br/>${count.redis} resources<br/>cache.t4g.small × 2")]`,
                ),
            );
            assert.deepStrictEqual(classLines(stackDiagram(prod)), [], "an unchanged stack has no marks");
        });

        it("is a flowchart mermaid parses, in prod, during the cutover and as a diff", async function () {
            this.timeout(60_000);
            const diagrams = [
                stackDiagram(prod),
                stackDiagram(cutover),
                diffDiagram(prod, cutover, diffPlans(prod, cutover)),
                diffDiagram(cutover, prod, diffPlans(cutover, prod)),
                diffDiagram(prod, bigger, diffPlans(prod, bigger)),
            ];
            for (const d of diagrams)
                assert.deepStrictEqual(await parseMermaid(d), { diagramType: "flowchart-v2", config: {} });
        });

        it("the parser rejects a broken flowchart (so a passing parse means something)", async function () {
            this.timeout(60_000);
            const good = stackDiagram(prod);
            const broken = [
                good.replace('viewers(["viewers"])', 'viewers(["viewers"]'),
                good.replace("alb --> app", "alb --> app]"),
                good.replace("flowchart TB", "flowchar TB"),
                good.replace(/\n {4}end(?=\n)/, ""),
                good.replace('-->|"HTTPS"|', '-->|"HTTPS"'),
            ];
            for (const b of broken) {
                assert.notStrictEqual(b, good);
                await assert.rejects(parseMermaid(b), /Parse error|Lexical error|No diagram type detected/);
            }
        });
    });

    describe("the diff picture", () => {
        it("marks nothing for a diff without a change", () => {
            const none = diffPlans(prod, prod);
            const d = diffDiagram(prod, prod, none);
            assert.deepStrictEqual(classLines(d), []);
            assert.ok(!d.includes("legend"));
            assert.strictEqual(d, stackDiagram(prod));
            assert.strictEqual(
                tierChangeSummary(tierChanges(prod, prod, none)),
                "Tiers touched: none (no resource is added, changed or removed).",
            );
        });

        it("marks the one tier a config change touches, with a legend", () => {
            const diff = diffPlans(prod, bigger);
            const d = diffDiagram(prod, bigger, diff);
            assert.notStrictEqual(d, diffDiagram(prod, prod, diffPlans(prod, prod)));
            assert.deepStrictEqual(tierChanges(prod, bigger, diff), [
                { tier: "app", mark: "changed", added: 0, changed: 1, removed: 0 },
            ]);
            assert.ok(lines(d).includes("class legend_changed,app changed"), d);
            assert.ok(lines(d).includes("class legend_added added"));
            assert.ok(
                lines(d).some(
                    (l) =>
                        l.startsWith("app[") &&
                        l.includes("t3a.large × 2 (min 2, max 6)") &&
                        l.includes("~1 changed"),
                ),
            );
            assert.ok(lines(d).includes('legend_changed["changed by this change"]'));
        });

        it("marks the router added, the distribution changed and the shares new when the cutover starts", () => {
            const diff = diffPlans(prod, cutover);
            const changes = tierChanges(prod, cutover, diff);
            assert.deepStrictEqual(
                changes.map((c) => [c.tier, c.mark]),
                [
                    ["cdn", "changed"],
                    ["router", "added"],
                    ...changes.slice(2).map((c) => [c.tier, "changed"]),
                ],
            );
            const d = lines(diffDiagram(prod, cutover, diff));
            assert.ok(
                d.some((l) => /^class legend_added,router,legacy added$/.test(l)),
                d.join("\n"),
            );
            assert.ok(d.includes('cdn -->|"app 10%"| vpcOrigin'));
        });

        it("marks the router removed at the decommission, and says what a share was when the key moves", () => {
            const back = diffPlans(cutover, prod);
            const d = lines(diffDiagram(cutover, prod, back));
            assert.ok(d.includes("class legend_removed,router,legacy removed"), d.join("\n"));
            const withValue = (value: string, ignoreChanges?: string[]) => ({
                ...cutover,
                resources: cutover.resources.map((r) =>
                    r.settings.key === "activeOrigin"
                        ? { ...r, settings: { ...r.settings, value }, ignoreChanges }
                        : r,
                ),
            });
            // The program's key ignores its value after creation: a config change moves nobody.
            const configOnly = withValue("legacy", ["value"]);
            const kept = lines(diffDiagram(cutover, configOnly, diffPlans(cutover, configOnly)));
            assert.ok(kept.includes('cdn -->|"app 10%"| vpcOrigin'), kept.join("\n"));
            assert.ok(
                !kept.some((l) => l.includes("router changed") || l.includes("(was ")),
                kept.join("\n"),
            );
            // A key that follows its input (none in the program today) shows the move.
            const base = withValue("app:10");
            const rollback = withValue("legacy");
            const moved = lines(diffDiagram(base, rollback, diffPlans(base, rollback)));
            assert.ok(moved.includes('cdn -.->|"app 0% (was 10%)"| vpcOrigin'), moved.join("\n"));
            assert.ok(moved.includes('cdn -->|"legacy 100% (was 90%)"| legacy'));
            assert.ok(moved.includes("class legend_changed,router changed"));
        });

        it("is in the PR comment text (npm run plan -- --diff), marked, and unmarked for no change", async function () {
            this.timeout(120_000);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-"));
            const main = path.join(dir, "main.json");
            fs.writeFileSync(main, JSON.stringify(prod));
            const same = await runInProcess(runPlanCli, ["--diff", main]);
            const changed = await runInProcess(runPlanCli, ["--diff", main, "--set", "maxSize=6"]);
            for (const r of [same, changed]) {
                assert.strictEqual(r.code, 0, r.out);
                assert.ok(r.out.includes("\n```mermaid\nflowchart TB\n"), r.out);
            }
            assert.ok(same.out.includes("Tiers touched: none"));
            assert.ok(!same.out.includes("classDef"));
            assert.ok(
                changed.out.includes("Tiers touched: app instances (Auto Scaling group) (~1 changed)."),
                changed.out,
            );
            assert.ok(changed.out.includes("class legend_changed,app changed"));
        });
    });

    it("lists every tier once", () => {
        assert.strictEqual(new Set(TIERS.map((t) => t.id)).size, TIERS.length);
    });
});
