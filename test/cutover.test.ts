import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildRouterCode, ORIGIN_IDS, ROUTER_RUNTIME } from "../components/originRouter";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { OFFLINE_SECRET_PLACEHOLDERS } from "../offline/engine/stackFile";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { checkStack } from "../offline/policy/checkStack";
import { BASE_POLICIES } from "../policies/pack";
import { APP_ORIGIN_ID } from "../policies/rules/cloudfrontRouterEveryBehavior";
import { ChatMrptOutputs } from "../stacks/chatmrpt";
import { errorOf, named, ofType, runInProcess, runProd, runProdOk } from "./helpers";
import { runPlanCli } from "../offline/plan/cli";
import { TODAY } from "./policyHarness";
import { cutoverPackConfig } from "./cutoverState";

const LEGACY_DNS = "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com";
const OLD_PROD_CONFIG = "test/fixtures/distributions/old-prod.json";
/** The issue's done-means config. */
const CUTOVER = {
    "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
    "chatmrpt:adoptedDistributionConfig": OLD_PROD_CONFIG,
    "chatmrpt:legacyOriginDomainName": LEGACY_DNS,
    "chatmrpt:activeOrigin": "legacy",
};
const asSet = (config: Record<string, string>) =>
    Object.entries(config).flatMap(([k, v]) => ["--set", `${k}=${v}`]);

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const FUNCTION = "aws:cloudfront/function:Function";
const KVS = "aws:cloudfront/keyValueStore:KeyValueStore";
const KEY = "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey";
const ROUTER_NAMES = [
    "chatmrpt-cdn-router",
    "chatmrpt-cdn-router-kvs",
    "chatmrpt-cdn-router-key-active-origin",
    "chatmrpt-cdn-router-key-override-token",
    "chatmrpt-cdn-router-function",
];

function behaviors(d: RecordedResource): any[] {
    return [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])];
}

describe("cutover: the adopted distribution, two origins and the router", () => {
    let run: OfflineRun<ChatMrptOutputs>;
    let distribution: RecordedResource;
    let fn: RecordedResource;
    let store: RecordedResource;
    before(async () => {
        run = await runProdOk(CUTOVER);
        distribution = ofType(run, DISTRIBUTION)[0];
        fn = named(run, "chatmrpt-cdn-router-function", FUNCTION);
        store = named(run, "chatmrpt-cdn-router-kvs", KVS);
    });

    it("registers exactly one distribution: the adopted one, imported by ID, protected and retained on delete", () => {
        assert.strictEqual(ofType(run, DISTRIBUTION).length, 1);
        assert.strictEqual(distribution.name, "chatmrpt-cdn-distribution");
        assert.deepStrictEqual(
            {
                importId: distribution.importId,
                id: distribution.id,
                protect: distribution.protect,
                retainOnDelete: distribution.retainOnDelete,
            },
            { importId: "E2EXAMPLE12345", id: "E2EXAMPLE12345", protect: true, retainOnDelete: true },
        );
        // Everything downstream (the alarms, the stack output) uses the adopted ID.
        assert.strictEqual(run.outputs?.cloudFrontDistributionId, "E2EXAMPLE12345");
        assert.strictEqual(run.outputs?.originRouterKeyValueStoreArn, store.outputs.arn);
    });

    it("has exactly two origins: old prod's own live origin as it is, and the new stack through its VPC origin", () => {
        const vpcOrigin = named(run, "chatmrpt-cdn-origin-http");
        assert.deepStrictEqual(distribution.inputs.origins, [
            {
                originId: LEGACY_DNS,
                domainName: LEGACY_DNS,
                connectionAttempts: 3,
                connectionTimeout: 10,
                customOriginConfig: {
                    originProtocolPolicy: "http-only",
                    httpPort: 80,
                    httpsPort: 443,
                    originSslProtocols: ["TLSv1.2"],
                    originReadTimeout: 60,
                    originKeepaliveTimeout: 5,
                },
            },
            {
                originId: "app",
                domainName: named(run, "chatmrpt-web-alb").outputs.dnsName,
                vpcOriginConfig: {
                    vpcOriginId: vpcOrigin.id,
                    originReadTimeout: 60,
                    originKeepaliveTimeout: 5,
                },
            },
        ]);
    });

    it("names the origins as the router and the pack do", () => {
        assert.deepStrictEqual(ORIGIN_IDS, { legacy: "legacy", app: "app" });
        assert.strictEqual(APP_ORIGIN_ID, ORIGIN_IDS.app);
    });

    it("runs one published cloudfront-js-2.0 function, reading the stack's KeyValueStore, with legacy as its fallback", () => {
        assert.strictEqual(ofType(run, FUNCTION).length, 1);
        assert.deepStrictEqual(
            {
                runtime: fn.inputs.runtime,
                publish: fn.inputs.publish,
                kvs: fn.inputs.keyValueStoreAssociations,
            },
            { runtime: ROUTER_RUNTIME, publish: true, kvs: [store.outputs.arn] },
        );
        assert.strictEqual(ROUTER_RUNTIME, "cloudfront-js-2.0");
        // Its legacy side is the live origin's own ID.
        assert.strictEqual(
            fn.inputs.code,
            buildRouterCode({ fallback: "legacy", legacyOriginId: LEGACY_DNS }),
        );
        // Live only once both keys exist.
        for (const key of ofType(run, KEY)) assert.ok(fn.dependencies.includes(key.urn), key.name);
    });

    it("puts the function on viewer-request and viewer-response of every behaviour", () => {
        assert.strictEqual(behaviors(distribution).length, 1);
        for (const b of behaviors(distribution)) {
            assert.deepStrictEqual(
                b.functionAssociations,
                [
                    { eventType: "viewer-request", functionArn: fn.outputs.arn },
                    { eventType: "viewer-response", functionArn: fn.outputs.arn },
                ],
                b.pathPattern ?? "default",
            );
            // The live target stays: the function selects the origin of every request.
            assert.strictEqual(b.targetOriginId, LEGACY_DNS);
        }
    });

    it("keeps the live behaviour's cache policy (uncached, as old prod serves it)", () => {
        for (const b of behaviors(distribution))
            assert.strictEqual(
                b.cachePolicyId,
                "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                b.pathPattern ?? "default",
            );
    });

    it("writes the routing and the override token as two keys of the store, the token as a secret", () => {
        const keys = ofType(run, KEY).map((k) => ({
            name: k.name,
            store: k.inputs.keyValueStoreArn,
            key: k.inputs.key,
            value: k.inputs.value,
            secret: k.additionalSecretOutputs,
            ignoreChanges: k.ignoreChanges,
        }));
        assert.deepStrictEqual(keys, [
            {
                name: "chatmrpt-cdn-router-key-active-origin",
                store: store.outputs.arn,
                key: "activeOrigin",
                value: "legacy",
                secret: [],
                // Created from chatmrpt:activeOrigin; npm run route owns the value from then on.
                ignoreChanges: ["value"],
            },
            {
                name: "chatmrpt-cdn-router-key-override-token",
                store: store.outputs.arn,
                key: "overrideToken",
                value: OFFLINE_SECRET_PLACEHOLDERS.originOverrideSecret,
                secret: ["value"],
                // Rotating chatmrpt:originOverrideSecret still reaches the store.
                ignoreChanges: [],
            },
        ]);
        assert.ok(OFFLINE_SECRET_PLACEHOLDERS.originOverrideSecret.length >= 32);
    });

    it("still looks up the VPC-origin security group and admits it on the ALB", () => {
        assert.strictEqual(
            run.invokes.filter((i) => i.token === "aws:ec2/getSecurityGroup:getSecurityGroup").length,
            1,
        );
        assert.ok(
            named(run, "chatmrpt-web-alb-from-cloudfront-http").dependencies.includes(
                named(run, "chatmrpt-cdn-origin-http").urn,
            ),
        );
    });

    describe("the policy pack", () => {
        // The cutover's committed pack config, with the origin exemption's expiry as given.
        const exemption = (expires: string): PolicyPackConfig => {
            const committed = cutoverPackConfig() as Record<string, any>;
            return {
                ...committed,
                "cloudfront-origin-https": {
                    ...committed["cloudfront-origin-https"],
                    exemptions: [{ ...committed["cloudfront-origin-https"].exemptions[0], expires }],
                },
            };
        };
        const violations = async (packConfig: PolicyPackConfig) =>
            (
                await checkStack({ configOverrides: CUTOVER, packConfig, now: () => TODAY })
            ).evaluation.violations.map((v) => `${v.policy}: ${v.message}`);

        it("passes the done-means config only under a cloudfront-origin-https exemption ending within 14 days", async () => {
            assert.deepStrictEqual(await violations(exemption("2026-12-07")), []);
        });

        it("fails it with a longer exemption, and without one", async () => {
            const legacy = `cloudfront-origin-https: origin ${LEGACY_DNS} (old prod's load balancer ${LEGACY_DNS}) must use originProtocolPolicy https-only; found http-only (the old production ALB has no TLS: exempt the distribution from cloudfront-origin-https for at most 14 days while traffic moves)`;
            assert.deepStrictEqual(await violations(exemption("2026-12-08")), [
                "cloudfront-origin-https: exemption of chatmrpt-cdn-distribution from cloudfront-origin-https: expires on 2026-12-08, more than 14 days from today; cloudfront-origin-https exemptions may run until 2026-12-07 at the latest",
                legacy,
            ]);
            const committed = cutoverPackConfig() as Record<string, any>;
            assert.deepStrictEqual(
                await violations({
                    ...committed,
                    "cloudfront-origin-https": { ...committed["cloudfront-origin-https"], exemptions: [] },
                }),
                [legacy],
            );
        });

        it("catches a behaviour without the router, or with it on one event only", async () => {
            const policy = BASE_POLICIES.filter((p) => p.name === "cloudfront-router-every-behavior");
            const strip = (b: any, events: string[]) => ({
                ...b,
                functionAssociations: b.functionAssociations.filter((a: any) => events.includes(a.eventType)),
            });
            const mutated = {
                defaultCacheBehavior: strip(distribution.inputs.defaultCacheBehavior, ["viewer-request"]),
                orderedCacheBehaviors: [
                    strip({ ...distribution.inputs.defaultCacheBehavior, pathPattern: "/static/*" }, []),
                ],
            };
            const d = {
                ...distribution,
                inputs: { ...distribution.inputs, ...mutated },
                outputs: { ...distribution.outputs, ...mutated },
            };
            const resources = run.resources.map((r) => (r === distribution ? d : r));
            const found = await evaluatePolicies(policy, resources, {
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
                packEnforcementLevel: "mandatory",
                config: {},
            });
            assert.deepStrictEqual(
                found.violations.map((v) => v.message),
                [
                    'cache behavior default of chatmrpt-cdn-distribution must run the origin router on viewer-response; found ["viewer-request"]',
                    "cache behavior /static/* of chatmrpt-cdn-distribution must run the origin router on viewer-request; found []",
                    "cache behavior /static/* of chatmrpt-cdn-distribution must run the origin router on viewer-response; found []",
                ],
            );
            const untouched = await evaluatePolicies(policy, run.resources, {
                defaultRegion: "us-east-2",
                project: "chatmrpt",
                stack: "prod",
                packEnforcementLevel: "mandatory",
                config: {},
            });
            assert.deepStrictEqual(untouched.violations, []);
        });
    });
});

describe("cutover: without the cutover keys (prod today)", () => {
    let run: OfflineRun<ChatMrptOutputs>;
    before(async () => {
        run = await runProdOk();
    });

    it("creates its own distribution (no import, not protected) with the app as its only origin and no router", () => {
        const [d] = ofType(run, DISTRIBUTION);
        assert.strictEqual(ofType(run, DISTRIBUTION).length, 1);
        assert.deepStrictEqual(
            { importId: d.importId, protect: d.protect, retainOnDelete: d.retainOnDelete },
            { importId: undefined, protect: false, retainOnDelete: false },
        );
        assert.match(d.id, /^E[A-Z0-9]{13}$/);
        assert.deepStrictEqual(
            d.inputs.origins.map((o: any) => o.originId),
            ["app"],
        );
        for (const b of behaviors(d)) assert.strictEqual(b.functionAssociations, undefined);
        assert.deepStrictEqual([...ofType(run, FUNCTION), ...ofType(run, KVS), ...ofType(run, KEY)], []);
    });
});

describe("cutover: npm run plan -- --diff", () => {
    let dir: string;
    let before_: string;
    // The CLI's entry in this process (test/plan.test.ts runs the command itself).
    const diff = async (config: Record<string, string>) => {
        const r = await runInProcess(runPlanCli, ["--json", "--diff", before_, ...asSet(config)]);
        assert.ok(r.code === 0 || r.code === 1, r.out);
        return JSON.parse(r.out);
    };
    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "chatmrpt-cutover-"));
        before_ = path.join(dir, "legacy.json");
        const r = await runInProcess(runPlanCli, ["--json", ...asSet(CUTOVER)]);
        assert.ok(r.code === 0 || r.code === 1, r.out);
        fs.writeFileSync(before_, r.out);
        assert.ok(
            !r.out.includes(OFFLINE_SECRET_PLACEHOLDERS.originOverrideSecret),
            "the override token is in the plan",
        );
    });

    it("shows the adoption, the router and the routing in the text plan", async () => {
        const { out } = await runInProcess(runPlanCli, asSet(CUTOVER));
        for (const line of [
            `Distribution: adopts E2EXAMPLE12345 (import, protected, retained on delete), no aliases, default *.cloudfront.net certificate, viewer TLSv1, origins ${LEGACY_DNS} http-only TLSv1.2; app via VPC origin, http2, router on 1 of 1 behaviors`,
            "chatmrpt-cdn-router-function                 Function: cloudfront-js-2.0, published, 1 key value store(s)",
            "chatmrpt-cdn-router-key-active-origin        KeyvaluestoreKey: activeOrigin = legacy",
        ])
            assert.ok(out.includes(line), `${line}\n${out}`);
        assert.ok(!out.includes(OFFLINE_SECRET_PLACEHOLDERS.originOverrideSecret));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("from legacy to app:10 in the config changes nothing: after creation the key's value is npm run route's", async () => {
        const d = await diff({ ...CUTOVER, "chatmrpt:activeOrigin": "app:10" });
        assert.deepStrictEqual(
            {
                added: d.added,
                removed: d.removed,
                changed: d.changed.map((c: any) => [c.resource.name, c.changes, c.ignored]),
                newFindings: d.newFindings,
                costDeltaUsd: d.costDeltaUsd,
            },
            {
                added: [],
                removed: [],
                changed: [
                    [
                        "chatmrpt-cdn-router-key-active-origin",
                        [],
                        [{ path: "value", before: "legacy", after: "app:10" }],
                    ],
                ],
                newFindings: [],
                costDeltaUsd: 0,
            },
        );
        const key = JSON.parse(fs.readFileSync(before_, "utf8")).resources.find(
            (r: any) => r.name === "chatmrpt-cdn-router-key-active-origin",
        );
        assert.deepStrictEqual(key.ignoreChanges, ["value"]);
    });

    it("the decommission (legacyOriginDomainName unset, cutoverComplete) removes old prod's origin, the associations, the function, the store and its keys", async () => {
        const d = await diff({
            "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
            "chatmrpt:adoptedDistributionConfig": OLD_PROD_CONFIG,
            "chatmrpt:legacyOriginDomainName": "",
            "chatmrpt:cutoverComplete": "true",
        });
        assert.deepStrictEqual(d.added, []);
        // The cutover's SSM documents for old prod's uploads and sessions go with the legacy origin.
        const cutoverOnly = [
            ...ROUTER_NAMES,
            ...["chatmrpt-legacy-uploads", "chatmrpt-legacy-sessions"].flatMap((n) => [n, `${n}-document`]),
        ];
        assert.deepStrictEqual(d.removed.map((r: any) => r.name).sort(), cutoverOnly.sort());
        const changed = d.changed.map((c: any) => c.resource.name);
        assert.deepStrictEqual(
            changed,
            [
                "chatmrpt-waf-acl",
                "chatmrpt-cdn-distribution",
                "chatmrpt-cdn-router-function",
                "chatmrpt-cdn-router-kvs",
            ].filter((n) => changed.includes(n)),
        );
        const paths = d.changed
            .find((c: any) => c.resource.name === "chatmrpt-cdn-distribution")
            .changes.map((c: any) => c.path);
        assert.ok(
            paths.includes("origins[1].originId") &&
                paths.includes("defaultCacheBehavior.functionAssociations[0].eventType") &&
                paths.includes("defaultCacheBehavior.targetOriginId") &&
                paths.includes("webAclId"),
            JSON.stringify(paths),
        );
        // The stack's web ACL now inspects the distribution's requests (priced per request).
        const waf = d.changed.find((c: any) => c.resource.name === "chatmrpt-waf-acl");
        assert.ok(
            waf === undefined || (waf.changes.length === 0 && waf.costDeltaUsd > 0),
            JSON.stringify(waf),
        );
        // The legacy origin's finding goes with it; the function and store costs go.
        assert.ok(d.goneFindings.some((f: any) => f.policy === "cloudfront-origin-https"));
        for (const name of ["chatmrpt-cdn-router-function", "chatmrpt-cdn-router-kvs"])
            assert.strictEqual(d.costByResource.find((c: any) => c.resource === name)?.afterUsd, 0, name);
    });
});

describe("cutover: bad values are refused before any resource exists", () => {
    for (const [what, overrides, expected] of [
        [
            "a malformed distribution ID",
            { ...CUTOVER, "chatmrpt:adoptDistributionId": "d225ar6c86586s" },
            /chatmrpt:adoptDistributionId \(d225ar6c86586s\): must be a CloudFront distribution ID \(E and 13 or 14 upper-case letters or digits/,
        ],
        [
            "a legacy origin that is not a host name",
            { ...CUTOVER, "chatmrpt:legacyOriginDomainName": "http://chatmrpt-alb" },
            /chatmrpt:legacyOriginDomainName \(http:\/\/chatmrpt-alb\): must be a lower-case DNS name/,
        ],
        [
            "a distribution as the legacy origin",
            { ...CUTOVER, "chatmrpt:legacyOriginDomainName": "d225ar6c86586s.cloudfront.net" },
            /chatmrpt:legacyOriginDomainName \(d225ar6c86586s\.cloudfront\.net\): must be old prod's load balancer/,
        ],
        [
            "a malformed routing",
            { ...CUTOVER, "chatmrpt:activeOrigin": "app:10.5" },
            /chatmrpt:activeOrigin \(app:10\.5\): must be legacy, app, or app:<percent>/,
        ],
        [
            "a fallback that is no side",
            { ...CUTOVER, "chatmrpt:routerFallbackOrigin": "both" },
            /chatmrpt:routerFallbackOrigin \(both\): must be one of legacy, app/,
        ],
        [
            "a short override secret",
            { ...CUTOVER, "chatmrpt:originOverrideSecret": "short" },
            /chatmrpt:originOverrideSecret \(secret, 5 characters\): must be 32 to 1024 characters/,
        ],
        [
            "routing to legacy without a legacy origin",
            { "chatmrpt:activeOrigin": "app:50" },
            /chatmrpt:activeOrigin \(app:50\): must be unset or app without chatmrpt:legacyOriginDomainName/,
        ],
    ] as [string, Record<string, string>, RegExp][]) {
        it(`on ${what}`, async () => {
            const run = await runProd(overrides, false);
            assert.match(errorOf(run), expected);
            assert.strictEqual(run.resources.length, 0);
        });
    }

    it("never echoes the override secret", async () => {
        const secret = "x".repeat(2000);
        const run = await runProd({ ...CUTOVER, "chatmrpt:originOverrideSecret": secret }, false);
        assert.match(errorOf(run), /originOverrideSecret \(secret, 2000 characters\)/);
        assert.ok(!errorOf(run).includes(secret));
    });

    it("accepts app without a legacy origin (everyone is there already)", async () => {
        const run = await runProdOk({
            "chatmrpt:activeOrigin": "app",
            "chatmrpt:routerFallbackOrigin": "app",
        });
        assert.deepStrictEqual(ofType(run, FUNCTION), []);
    });
});
