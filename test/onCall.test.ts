import * as assert from "assert";
import { buildPlan } from "../offline/plan/plan";
import { formatPlan } from "../offline/plan/format";
import { runProgramOffline } from "../offline/engine/runMemo";
import { EngineMode } from "../offline/engine/mockRuntime";
import { withOverrides } from "../offline/engine/stackFile";
import { checkOnCall, StackConfigError } from "../stacks/stackConfig";
import { PROD } from "./helpers";

const REAL = JSON.stringify(["oncall@chatmrpt-team.io"]);
const ALLOWED =
    "`pulumi up` needs real on-call addresses that someone reads (not under example.org, example.com, example.net, .test, .example, .invalid, .localhost, .local, .onion, .alt, .internal, home.arpa, nor a template's blank such as you@yourcompany.com); set them with `pulumi config set --path 'chatmrpt:alertEmails[0]' oncall@<your domain>` and confirm each subscription (docs/operations.md)";
const PROD_MESSAGE = `chatmrpt:alertEmails (ops@chatmrpt.example.org): pages nobody (example.org is reserved and never delivers mail); ${ALLOWED}`;

/** The real program as `pulumi up` or `pulumi preview` runs it, with prod's config and `overrides`. */
function run(mode: EngineMode, overrides: Record<string, string | undefined> = {}) {
    return runProgramOffline({
        config: withOverrides(PROD.config, overrides),
        secretKeys: PROD.secretKeys,
        project: PROD.project,
        stack: PROD.stack,
        mode,
    });
}

describe("on call (chatmrpt:alertEmails)", () => {
    describe("checkOnCall", () => {
        const placeholders: [string, string][] = [
            ["ops@chatmrpt.example.org", "example.org is reserved and never delivers mail"],
            ["ops@example.com", "example.com is reserved and never delivers mail"],
            ["pager@alerts.example.net", "example.net is reserved and never delivers mail"],
            ["ops@chatmrpt.test", "test is reserved and never delivers mail"],
            ["ops@team.example", "example is reserved and never delivers mail"],
            ["ops@nowhere.invalid", "invalid is reserved and never delivers mail"],
            ["ops@box.localhost", "localhost is reserved and never delivers mail"],
            ["you@yourcompany.com", "yourcompany.com is a template's blank"],
            ["changeme@chatmrpt.io", "changeme@ is a template's blank"],
        ];
        for (const [email, reason] of placeholders)
            it(`refuses ${email}: ${reason}`, () => {
                assert.deepStrictEqual(checkOnCall([email]), {
                    ok: false,
                    message: `chatmrpt:alertEmails (${email}): pages nobody (${reason}); ${ALLOWED}`,
                });
            });

        it("refuses a list with one placeholder among real addresses, naming each placeholder", () => {
            assert.deepStrictEqual(checkOnCall(["oncall@chatmrpt.io", "a@example.com", "b@x.test"]), {
                ok: false,
                message: `chatmrpt:alertEmails (a@example.com, b@x.test): pages nobody (a@example.com: example.com is reserved and never delivers mail; b@x.test: test is reserved and never delivers mail); ${ALLOWED}`,
            });
        });

        it("refuses no address at all", () => {
            assert.deepStrictEqual(checkOnCall([]), {
                ok: false,
                message: `chatmrpt:alertEmails (unset): nobody is paged when an alarm fires; ${ALLOWED}`,
            });
        });

        for (const email of [
            "oncall@chatmrpt.io",
            "ops@examples.org",
            "ops@test.com",
            "ops@mail.example-corp.net",
        ])
            it(`accepts ${email}: a domain that only looks like a reserved one`, () => {
                assert.deepStrictEqual(checkOnCall([email]), {
                    ok: true,
                    message: `alarms page ${email} (once each subscription is confirmed)`,
                });
            });
    });

    describe("the program", () => {
        it("pulumi up refuses prod's placeholder before any resource is registered", async () => {
            const up = await run("up");
            assert.ok(up.error instanceof StackConfigError, String(up.error));
            assert.deepStrictEqual(up.error.problems, [PROD_MESSAGE]);
            // Only the root stack, which the engine registers before the program runs.
            assert.deepStrictEqual(
                up.resources.map((r) => r.type),
                ["pulumi:pulumi:Stack"],
            );
        });

        it("pulumi up refuses a stack without alertEmails, with its other problems", async () => {
            const up = await run("up", { "chatmrpt:alertEmails": undefined, "chatmrpt:minSize": "0" });
            assert.ok(up.error instanceof StackConfigError, String(up.error));
            assert.deepStrictEqual(up.error.problems, [
                "chatmrpt:minSize (0): must be a whole number from 1 to 20",
                `chatmrpt:alertEmails (unset): nobody is paged when an alarm fires; ${ALLOWED}`,
            ]);
            assert.strictEqual(up.resources.filter((r) => r.custom).length, 0);
        });

        it("pulumi preview passes prod's placeholder and warns with the same message", async () => {
            const preview = await run("preview");
            assert.strictEqual(preview.error, undefined);
            assert.deepStrictEqual(preview.warnings, [PROD_MESSAGE]);
            assert.ok(preview.resources.length > 100, `${preview.resources.length} resources`);
        });

        it("a real address passes pulumi up and pulumi preview without a warning", async () => {
            const up = await run("up", { "chatmrpt:alertEmails": REAL });
            const preview = await run("preview", { "chatmrpt:alertEmails": REAL });
            assert.strictEqual(up.error, undefined);
            assert.strictEqual(preview.error, undefined);
            assert.deepStrictEqual([up.warnings, preview.warnings], [[], []]);
            const subscriptions = up.resources
                .filter((r) => r.type === "aws:sns/topicSubscription:TopicSubscription")
                .map((r) => [r.inputs.protocol, r.inputs.endpoint]);
            assert.deepStrictEqual(subscriptions, [
                ["email", "oncall@chatmrpt-team.io"],
                ["email", "oncall@chatmrpt-team.io"],
                ["email", "oncall@chatmrpt-team.io"],
            ]);
        });
    });

    describe("the plan", () => {
        it("passes on prod's placeholder and says pulumi up will refuse it, in its text and its JSON", async () => {
            const plan = await buildPlan();
            assert.deepStrictEqual(plan.failures, []);
            assert.deepStrictEqual(plan.onCall, { ok: false, message: PROD_MESSAGE });
            const lines = formatPlan(plan).split("\n");
            assert.strictEqual(
                lines.filter((l) => l.includes("on call")).join("\n"),
                `  on call: \`pulumi up\` will refuse this stack: ${PROD_MESSAGE}`,
            );
        });

        it("says nothing about on call when the address is real", async () => {
            const plan = await buildPlan({ configOverrides: { "chatmrpt:alertEmails": REAL } });
            assert.deepStrictEqual(plan.onCall, {
                ok: true,
                message: "alarms page oncall@chatmrpt-team.io (once each subscription is confirmed)",
            });
            assert.ok(!formatPlan(plan).includes("on call"));
        });
    });
});
