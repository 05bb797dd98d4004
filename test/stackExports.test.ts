import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { docFiles } from "../offline/docs/cli";
import { OfflineRun, runOffline } from "../offline/engine/mockRuntime";
import { withOverrides } from "../offline/engine/stackFile";
import { PROD, ROOT } from "./helpers";

/**
 * The stack outputs, exactly: what `pulumi stack output` answers. An operator's runbook reads
 * some of them (the docs' `pulumi stack output NAME` lines, checked below), so one dropped from
 * index.ts breaks an emergency step, and one added is a new contract to keep.
 */
const EXPECTED_EXPORTS = [
    "accessLogsBucketName",
    "albDnsName",
    "alertTopicArn",
    "autoScalingGroupName",
    "backupVaultName",
    "certificateValidationRecords",
    "cloudFrontDistributionId",
    "cloudFrontDomain",
    "dashboardName",
    "dnsRecords",
    "legacySessionsDocumentName",
    "legacyUploadsDocumentName",
    "originRouterKeyValueStoreArn",
    "redisEndpoint",
    "siteUrl",
    "uploadsBucketName",
];

const INDEX = path.join(ROOT, "index.ts");
const ON_CALL = JSON.stringify(["oncall@chatmrpt-team.io"]);

/** index.ts itself, loaded fresh inside a mocked Pulumi stack (its top level runs the program). */
function runIndex(overrides: Record<string, string | undefined> = {}): Promise<OfflineRun<unknown>> {
    return runOffline(
        () => {
            delete require.cache[require.resolve(INDEX)];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            return { ...(require(INDEX) as Record<string, unknown>) };
        },
        {
            // Run as `pulumi up`, which refuses prod's placeholder address: someone real is paged.
            config: withOverrides(PROD.config, { "chatmrpt:alertEmails": ON_CALL, ...overrides }),
            secretKeys: PROD.secretKeys,
            project: PROD.project,
            stack: PROD.stack,
        },
    );
}

/** The outputs the docs tell an operator to read with `pulumi stack output`. */
function documentedOutputs(): string[] {
    const names = docFiles(ROOT).flatMap((file) =>
        [
            ...fs
                .readFileSync(path.join(ROOT, file), "utf8")
                .matchAll(/pulumi stack output (?:--[\w-]+ )*([a-zA-Z]\w*)/g),
        ].map((m) => m[1]),
    );
    return [...new Set(names)].sort();
}

describe("index.ts: the stack's exports, loaded from the file itself", () => {
    const runs: Record<string, OfflineRun<unknown>> = {};
    const shapes: Record<string, Record<string, string>> = {
        prod: {},
        "with a legacy origin": {
            "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
            "chatmrpt:activeOrigin": "legacy",
        },
    };
    before(async function () {
        this.timeout(120000);
        for (const [shape, overrides] of Object.entries(shapes)) {
            runs[shape] = await runIndex(overrides);
            assert.strictEqual(runs[shape].error, undefined, `${shape}: ${String(runs[shape].error)}`);
        }
    });

    it("refuses, as pulumi up, prod's placeholder on-call address before any resource", async () => {
        const refused = await runIndex({ "chatmrpt:alertEmails": undefined });
        assert.match(String(refused.error), /chatmrpt:alertEmails \(unset\): nobody is paged/);
        assert.deepStrictEqual(
            refused.resources.map((r) => r.type),
            ["pulumi:pulumi:Stack"],
        );
    });

    it("exports exactly these outputs, and the Stack registers exactly them", () => {
        for (const [shape, run] of Object.entries(runs)) {
            assert.deepStrictEqual(Object.keys(run.result as object).sort(), EXPECTED_EXPORTS, shape);
            const stack = run.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
            assert.deepStrictEqual(
                [...(run.outputsRegistered.get(stack.urn) ?? [])].sort(),
                EXPECTED_EXPORTS,
            );
        }
    });

    it("resolves every export to a value (none undefined, none failing)", () => {
        for (const [shape, run] of Object.entries(runs)) {
            const missing = EXPECTED_EXPORTS.filter((name) => run.outputs?.[name] === undefined);
            assert.deepStrictEqual(missing, [], shape);
        }
        const prod = runs.prod.outputs!;
        assert.match(String(prod.siteUrl), /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
        assert.match(String(prod.albDnsName), /^internal-.*\.us-east-2\.elb\.amazonaws\.com$/);
        // The emergency rollback writes activeOrigin into this store: set whenever a legacy origin is.
        assert.strictEqual(prod.originRouterKeyValueStoreArn, "");
        assert.match(
            String(runs["with a legacy origin"].outputs!.originRouterKeyValueStoreArn),
            /^arn:aws:cloudfront::\d{12}:key-value-store\//,
        );
    });

    it("exports every output the docs tell an operator to read", () => {
        const documented = documentedOutputs();
        assert.ok(documented.includes("originRouterKeyValueStoreArn"), documented.join(", "));
        assert.deepStrictEqual(
            documented.filter((name) => !EXPECTED_EXPORTS.includes(name)),
            [],
        );
    });
});
