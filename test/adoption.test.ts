import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../offline/engine/mockRuntime";
import { runPlanCli } from "../offline/plan/cli";
import { errorOf, named, ofType, ROOT, runInProcess, runProd, runProdOk } from "./helpers";
import { cutoverPackConfig, LEGACY_DNS, overlay, REALISTIC_CONFIG } from "./cutoverState";
import { buildPlan, BuildPlanOptions } from "../offline/plan/plan";
import { refusedChanges, settingChanges } from "../offline/plan/adoption";
import { distributionSettings } from "../components/distributionConfig";
import { parseAdoptedDistribution } from "../stacks/config/adoptedDistribution";
import { TODAY } from "./policyHarness";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const KITCHEN_SINK = "test/fixtures/distributions/kitchen-sink.json";
const live = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")).DistributionConfig;
const items = (list: { Items?: unknown[] } | undefined) => list?.Items ?? [];
const asSet = (config: Record<string, string>) =>
    Object.entries(config).flatMap(([k, v]) => ["--set", `${k}=${v}`]);

async function adopted(config: Record<string, string>): Promise<RecordedResource> {
    const run = await runProdOk(config);
    const ds = ofType(run, DISTRIBUTION);
    assert.strictEqual(ds.length, 1);
    return ds[0];
}

/** Asserts the recorded inputs hold every setting of the live DistributionConfig, field by field. */
function assertKeepsLive(d: any, c: any): void {
    assert.deepStrictEqual(d.aliases ?? [], items(c.Aliases));
    assert.strictEqual(d.priceClass, c.PriceClass);
    assert.strictEqual(d.enabled, c.Enabled);
    assert.strictEqual(d.httpVersion, c.HttpVersion);
    assert.strictEqual(d.isIpv6Enabled, c.IsIPV6Enabled);
    assert.strictEqual(d.defaultRootObject ?? "", c.DefaultRootObject);
    assert.strictEqual(d.comment ?? "", c.Comment);
    assert.strictEqual(d.webAclId ?? "", c.WebACLId);
    const cert = c.ViewerCertificate;
    assert.strictEqual(d.viewerCertificate.acmCertificateArn, cert.ACMCertificateArn);
    assert.strictEqual(d.viewerCertificate.iamCertificateId, cert.IAMCertificateId);
    assert.strictEqual(d.viewerCertificate.sslSupportMethod, cert.SSLSupportMethod);
    assert.strictEqual(d.viewerCertificate.minimumProtocolVersion, cert.MinimumProtocolVersion);
    assert.deepStrictEqual(
        d.loggingConfig,
        c.Logging.Enabled
            ? {
                  bucket: c.Logging.Bucket,
                  includeCookies: c.Logging.IncludeCookies,
                  ...(c.Logging.Prefix ? { prefix: c.Logging.Prefix } : {}),
              }
            : undefined,
    );
    assert.deepStrictEqual(
        (d.customErrorResponses ?? []).map((e: any) => [
            e.errorCode,
            e.responseCode === undefined ? "" : String(e.responseCode),
            e.responsePagePath ?? "",
            e.errorCachingMinTtl,
        ]),
        items(c.CustomErrorResponses).map((e: any) => [
            e.ErrorCode,
            e.ResponseCode,
            e.ResponsePagePath,
            e.ErrorCachingMinTTL,
        ]),
    );
    assert.strictEqual(
        d.restrictions.geoRestriction.restrictionType,
        c.Restrictions.GeoRestriction.RestrictionType,
    );
    assert.deepStrictEqual(
        d.restrictions.geoRestriction.locations ?? [],
        items(c.Restrictions.GeoRestriction),
    );
    for (const o of items(c.Origins) as any[]) {
        const mine = d.origins.find((x: any) => x.originId === o.Id);
        assert.ok(mine, `origin ${o.Id}`);
        assert.strictEqual(mine.domainName, o.DomainName);
        assert.strictEqual(mine.originPath ?? "", o.OriginPath);
        assert.strictEqual(mine.connectionAttempts, o.ConnectionAttempts);
        assert.strictEqual(mine.connectionTimeout, o.ConnectionTimeout);
        assert.strictEqual(mine.originAccessControlId ?? "", o.OriginAccessControlId);
        const custom = o.CustomOriginConfig;
        if (custom)
            assert.deepStrictEqual(mine.customOriginConfig, {
                httpPort: custom.HTTPPort,
                httpsPort: custom.HTTPSPort,
                originProtocolPolicy: custom.OriginProtocolPolicy,
                originSslProtocols: custom.OriginSslProtocols.Items,
                originReadTimeout: custom.OriginReadTimeout,
                originKeepaliveTimeout: custom.OriginKeepaliveTimeout,
            });
        assert.deepStrictEqual(
            (mine.customHeaders ?? []).map((h: any) => [h.name, h.value]),
            items(o.CustomHeaders).map((h: any) => [h.HeaderName, h.HeaderValue]),
        );
    }
    const behaviors = [
        [d.defaultCacheBehavior, c.DefaultCacheBehavior],
        ...(items(c.CacheBehaviors) as any[]).map((b) => [
            (d.orderedCacheBehaviors ?? []).find((x: any) => x.pathPattern === b.PathPattern),
            b,
        ]),
    ];
    for (const [mine, b] of behaviors) {
        const where = b.PathPattern ?? "default";
        assert.ok(mine, where);
        assert.strictEqual(mine.targetOriginId, b.TargetOriginId, where);
        assert.strictEqual(mine.viewerProtocolPolicy, b.ViewerProtocolPolicy, where);
        assert.deepStrictEqual(mine.allowedMethods, b.AllowedMethods.Items, where);
        assert.deepStrictEqual(mine.cachedMethods, b.AllowedMethods.CachedMethods.Items, where);
        assert.strictEqual(mine.compress, b.Compress, where);
        assert.strictEqual(mine.cachePolicyId, b.CachePolicyId, where);
        assert.strictEqual(mine.originRequestPolicyId, b.OriginRequestPolicyId, where);
        assert.strictEqual(mine.responseHeadersPolicyId, b.ResponseHeadersPolicyId, where);
        assert.strictEqual(mine.realtimeLogConfigArn, b.RealtimeLogConfigArn, where);
        assert.deepStrictEqual(
            (mine.lambdaFunctionAssociations ?? []).map((l: any) => [l.eventType, l.lambdaArn]),
            items(b.LambdaFunctionAssociations).map((l: any) => [l.EventType, l.LambdaFunctionARN]),
            where,
        );
        const fv = b.ForwardedValues;
        if (fv) {
            assert.strictEqual(mine.forwardedValues.queryString, fv.QueryString, where);
            assert.strictEqual(mine.forwardedValues.cookies.forward, fv.Cookies.Forward, where);
            assert.deepStrictEqual(mine.forwardedValues.headers ?? [], items(fv.Headers), where);
            assert.deepStrictEqual(
                [mine.minTtl, mine.defaultTtl, mine.maxTtl],
                [b.MinTTL, b.DefaultTTL, b.MaxTTL],
            );
        } else assert.strictEqual(mine.forwardedValues, undefined, where);
    }
}

describe("adoption: the live distribution declared from its configuration", () => {
    for (const [name, file] of [
        [
            "the realistic config (alias and ACM certificate, logging, error pages, two behaviours, PriceClass_All)",
            REALISTIC_CONFIG,
        ],
        [
            "a config with S3 origins, an origin group, Lambda@Edge, legacy forwarded values and an IAM certificate",
            KITCHEN_SINK,
        ],
    ]) {
        describe(name, () => {
            const adopt = {
                "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
                "chatmrpt:adoptedDistributionConfig": file,
            };

            it("adopt phase: records a distribution identical to it, imported, protected and retained", async () => {
                const d = await adopted(adopt);
                assert.deepStrictEqual(
                    { importId: d.importId, protect: d.protect, retainOnDelete: d.retainOnDelete },
                    { importId: "E2EXAMPLE12345", protect: true, retainOnDelete: true },
                );
                assertKeepsLive(d.inputs, live(file));
                assert.strictEqual(d.inputs.origins.length, items(live(file).Origins).length);
                assert.strictEqual(
                    (d.inputs.orderedCacheBehaviors ?? []).length,
                    items(live(file).CacheBehaviors).length,
                );
                for (const b of [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])])
                    assert.strictEqual(b.functionAssociations, undefined);
            });

            it("adopt phase: the plan's adoption.changes is empty", async () => {
                const r = await runInProcess(runPlanCli, ["--json", ...asSet(adopt)]);
                const plan = JSON.parse(r.out);
                assert.deepStrictEqual(plan.adoption, {
                    distributionId: "E2EXAMPLE12345",
                    configPath: file,
                    changes: [],
                    refused: [],
                });
            });

            it("route phase: keeps all of it, and adds the VPC origin and the router on every behaviour", async () => {
                const run = await runProdOk({ ...adopt, "chatmrpt:legacyOriginDomainName": LEGACY_DNS });
                const d = ofType(run, DISTRIBUTION)[0];
                const fn = named(run, "chatmrpt-cdn-router-function");
                const c = live(file);
                assertKeepsLive(d.inputs, c);
                assert.deepStrictEqual(
                    d.inputs.origins.map((o: any) => o.originId),
                    [...items(c.Origins).map((o: any) => o.Id), "app"],
                );
                assert.strictEqual(
                    d.inputs.origins.find((o: any) => o.originId === "app").vpcOriginConfig.vpcOriginId,
                    named(run, "chatmrpt-cdn-origin-http").id,
                );
                for (const b of [d.inputs.defaultCacheBehavior, ...(d.inputs.orderedCacheBehaviors ?? [])]) {
                    const viewer = b.functionAssociations.filter((f: any) =>
                        f.eventType.startsWith("viewer-"),
                    );
                    assert.deepStrictEqual(viewer, [
                        { eventType: "viewer-request", functionArn: fn.outputs.arn },
                        { eventType: "viewer-response", functionArn: fn.outputs.arn },
                    ]);
                }
                // The router's legacy side is the live origin that points at old prod.
                const legacyId = (items(c.Origins) as any[]).find((o) => o.DomainName === LEGACY_DNS).Id;
                assert.ok(fn.inputs.code.includes(`"legacy":${JSON.stringify(legacyId)}`));
            });
        });
    }

    it("the committed route phase's plan lists exactly the added origin and associations", async () => {
        const r = await runInProcess(runPlanCli, ["--json", ...asSet(overlay("route"))]);
        const plan = JSON.parse(r.out);
        assert.deepStrictEqual(
            plan.adoption.changes.map((c: any) => [c.setting, c.live]),
            [
                ["defaultCacheBehavior.functionAssociations[viewer-request]", null],
                ["defaultCacheBehavior.functionAssociations[viewer-response]", null],
                ["orderedCacheBehaviors[/static/*].functionAssociations[viewer-request]", null],
                ["orderedCacheBehaviors[/static/*].functionAssociations[viewer-response]", null],
                ["origins[app]", null],
            ],
        );
        assert.deepStrictEqual(plan.adoption.refused, []);
    });

    it("refuses to route a behaviour that already runs a viewer function, naming it", async () => {
        const dir = fs.mkdtempSync(path.join(ROOT, "build", "adopt-"));
        try {
            const c = JSON.parse(fs.readFileSync(path.join(ROOT, REALISTIC_CONFIG), "utf8"));
            c.DistributionConfig.CacheBehaviors.Items[0].FunctionAssociations = {
                Quantity: 1,
                Items: [
                    {
                        FunctionARN: "arn:aws:cloudfront::123456789012:function/rewrite",
                        EventType: "viewer-request",
                    },
                ],
            };
            const file = path.join(dir, "live.json");
            fs.writeFileSync(file, JSON.stringify(c));
            const run = await runProd(
                {
                    "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
                    "chatmrpt:adoptedDistributionConfig": path.relative(ROOT, file),
                    "chatmrpt:legacyOriginDomainName": LEGACY_DNS,
                },
                false,
            );
            assert.match(
                errorOf(run),
                /behaviour \/static\/\* already runs the CloudFront function arn:aws:cloudfront::123456789012:function\/rewrite on viewer-request/,
            );
            assert.strictEqual(run.resources.length, 0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("requires the live configuration with the distribution ID", async () => {
        const run = await runProd({ "chatmrpt:adoptDistributionId": "E2EXAMPLE12345" }, false);
        assert.match(
            errorOf(run),
            /chatmrpt:adoptedDistributionConfig \(unset\): is required with chatmrpt:adoptDistributionId \(E2EXAMPLE12345\)/,
        );
        assert.strictEqual(run.resources.length, 0);
    });
});

describe("adoption: the committed cutover state in CI", () => {
    const plan = (phase: "adopt" | "route" | "complete", options: Partial<BuildPlanOptions> = {}) =>
        buildPlan({
            configOverrides: overlay(phase),
            packConfig: cutoverPackConfig(phase === "complete" ? "complete" : "cutover"),
            now: () => TODAY,
            ...options,
        });

    for (const phase of ["adopt", "route", "complete"] as const) {
        it(`${phase}: the PR plan passes in the up, first-preview and refreshed views`, async function () {
            this.timeout(120000);
            for (const view of ["up", "refreshed"] as const) {
                const p = await plan(phase, { view });
                assert.deepStrictEqual(p.failures, [], `${view} view`);
            }
            const preview = await plan(phase, { view: "preview", base: "empty" });
            assert.deepStrictEqual(preview.failures, [], "preview view");
        });
    }

    it("adopt: the legacy origin's finding is exempted from the adopt phase on (by its name in the pack config)", async () => {
        const p = await plan("adopt");
        assert.deepStrictEqual(p.adoption?.changes, []);
        assert.deepStrictEqual(p.policy.exempted.map((e) => e.policy).sort(), [
            "cloudfront-hsts",
            "cloudfront-hsts",
            "cloudfront-origin-https",
            "cloudfront-waf-protected",
        ]);
    });

    it("a lapsed exemption fails the plan, saying what to do", async () => {
        const p = await plan("route", { now: () => new Date("2026-12-08T12:00:00Z") });
        assert.ok(p.failures.length > 0);
        const messages = p.policy.violations.map((v) => v.message);
        assert.ok(
            messages.includes(
                "exemption of chatmrpt-cdn-distribution from cloudfront-origin-https: expired on 2026-12-07; finish the cutover (runbook step 7: unset chatmrpt:legacyOriginDomainName, set chatmrpt:cutoverComplete) and remove the exemption, or, while users still move, renew it for at most 14 days in policies/config.prod.json in a pull request",
            ),
            messages.join("\n"),
        );
    });

    it("complete: everyone on the app, old prod's origin gone, the stack's WAF and HSTS attached, nothing the live one had dropped", async () => {
        const p = await plan("complete");
        const settings = p.adoption!.changes.map((c) => c.setting);
        assert.deepStrictEqual(p.adoption!.refused, []);
        for (const s of [
            "origins[chatmrpt-alb]",
            "origins[app]",
            "defaultCacheBehavior.targetOriginId",
            "orderedCacheBehaviors[/static/*].targetOriginId",
            "defaultCacheBehavior.responseHeadersPolicyId",
            "webAclId",
        ])
            assert.ok(settings.includes(s), `${s} in ${settings.join(", ")}`);
        assert.ok(!settings.some((s) => s.startsWith("aliases") || s.startsWith("viewerCertificate")));
    });
});

describe("adoption: what fails the plan, and the keys that go with adoption", () => {
    it("a change dropping an alias, the certificate or a behaviour is refused, naming it", () => {
        const c = live(REALISTIC_CONFIG);
        const liveSettings = distributionSettings(c);
        const planned = {
            ...liveSettings,
            aliases: [],
            viewerCertificate: { cloudfrontDefaultCertificate: true },
        };
        delete (planned as Record<string, unknown>).orderedCacheBehaviors;
        assert.deepStrictEqual(refusedChanges(liveSettings, planned), [
            "would drop the alias chat.mrpt-health.org, which viewers reach the site by",
            'would replace the certificate arn:aws:acm:us-east-1:123456789012:certificate/6f2a1c9e-0b7d-4c1e-9a53-2d8e4b7f1a20 with "the default *.cloudfront.net one"',
            "would drop the behaviour /static/*",
        ]);
        assert.deepStrictEqual(refusedChanges(liveSettings, { ...liveSettings }), []);
    });

    it("tags are not a change: the declaration's tags are not compared", () => {
        const s = distributionSettings(live(REALISTIC_CONFIG));
        assert.deepStrictEqual(settingChanges(s, { ...s }), []);
    });

    for (const [what, overrides, expected] of [
        [
            "a release key without an adopted distribution",
            { "chatmrpt:releaseAdoptedDistribution": "true" },
            /chatmrpt:releaseAdoptedDistribution \(true\): applies only to an adopted distribution/,
        ],
        [
            "cutoverComplete while old prod is still an origin",
            { ...overlay("route"), "chatmrpt:cutoverComplete": "true" },
            /chatmrpt:cutoverComplete \(true\): marks the end state, without old prod: unset chatmrpt:legacyOriginDomainName/,
        ],
        [
            "moving everyone to app without the router or cutoverComplete",
            { ...overlay("adopt"), "chatmrpt:activeOrigin": "app" },
            /chatmrpt:activeOrigin \(app\): with chatmrpt:adoptDistributionId and no chatmrpt:legacyOriginDomainName the adopted distribution is kept as it is live/,
        ],
        [
            "an absolute path",
            { ...overlay("adopt"), "chatmrpt:adoptedDistributionConfig": "/tmp/live.json" },
            /chatmrpt:adoptedDistributionConfig \(\/tmp\/live\.json\): must be a path relative to the project root/,
        ],
        [
            "a file that does not exist",
            {
                ...overlay("adopt"),
                "chatmrpt:adoptedDistributionConfig": "stacks/adopted/E2EXAMPLE12345.json",
            },
            /chatmrpt:adoptedDistributionConfig \(stacks\/adopted\/E2EXAMPLE12345\.json\): no such file under the project root/,
        ],
        [
            "a file that is not the CLI's output",
            { ...overlay("adopt"), "chatmrpt:adoptedDistributionConfig": "package.json" },
            /chatmrpt:adoptedDistributionConfig \(package\.json\): must be the output of `aws cloudfront get-distribution-config --id <ID>`/,
        ],
    ] as [string, Record<string, string>, RegExp][]) {
        it(`refuses ${what} before any resource exists`, async () => {
            const run = await runProd(overrides, false);
            assert.match(errorOf(run), expected);
            assert.strictEqual(run.resources.length, 0);
        });
    }

    it("checks the file against the API's shape, by JSON path", () => {
        const c = structuredClone(live(REALISTIC_CONFIG));
        delete c.DefaultCacheBehavior.TargetOriginId;
        c.Origins.Items[0].ConnectionAttempts = "3";
        c.CacheBehaviors.Quantity = 2;
        const parsed = parseAdoptedDistribution(JSON.stringify({ DistributionConfig: c }));
        assert.deepStrictEqual(parsed.ok ? [] : parsed.problems, [
            'DistributionConfig.Origins.Items[0].ConnectionAttempts must be a whole number; found string "3"',
            "DistributionConfig.DefaultCacheBehavior.TargetOriginId is required by the CloudFront API and missing",
            "DistributionConfig.CacheBehaviors.Quantity (2) must equal the number of Items (1)",
        ]);
        const undeclarable = parseAdoptedDistribution(
            JSON.stringify({
                DistributionConfig: { ...live(REALISTIC_CONFIG), ConnectionMode: "tenant-only" },
            }),
        );
        assert.deepStrictEqual(undeclarable.ok ? [] : undeclarable.problems, [
            'DistributionConfig.ConnectionMode is set ("tenant-only"); the provider has no connection mode argument, so adopting would drop it',
        ]);
    });

    it("releases the distribution only with the explicit key: no protect, no retainOnDelete, still imported", async () => {
        const d = await adopted({ ...overlay("adopt"), "chatmrpt:releaseAdoptedDistribution": "true" });
        assert.deepStrictEqual(
            { importId: d.importId, protect: d.protect, retainOnDelete: d.retainOnDelete },
            { importId: "E2EXAMPLE12345", protect: false, retainOnDelete: false },
        );
    });

    it("keeps it protected and retained after the cutover (cutoverComplete, no legacy origin)", async () => {
        const d = await adopted(overlay("complete"));
        assert.deepStrictEqual([d.protect, d.retainOnDelete], [true, true]);
    });

    it("waits 30 minutes on the VPC origin through its timeouts input, and ignores later tag changes", async () => {
        const run = await runProd();
        const origin = named(run, "chatmrpt-cdn-origin-http");
        assert.deepStrictEqual(origin.inputs.timeouts, { create: "30m", update: "30m", delete: "30m" });
        assert.deepStrictEqual(origin.ignoreChanges, ["tags", "tagsAll"]);
        assert.strictEqual(origin.customTimeouts, undefined);
    });
});

describe("adoption: old prod's origin", () => {
    it("is added as origin legacy when no live origin reaches it, and the router selects it by that ID", async () => {
        const run = await runProd({
            ...overlay("route"),
            "chatmrpt:legacyOriginDomainName": "old-prod-2.us-east-2.elb.amazonaws.com",
        });
        if (run.error) throw run.error;
        const d = ofType(run, DISTRIBUTION)[0];
        assert.deepStrictEqual(
            d.inputs.origins.map((o: any) => [o.originId, o.domainName]),
            [
                ["chatmrpt-alb", LEGACY_DNS],
                ["legacy", "old-prod-2.us-east-2.elb.amazonaws.com"],
                ["app", named(run, "chatmrpt-web-alb").outputs.dnsName],
            ],
        );
        assert.ok(named(run, "chatmrpt-cdn-router-function").inputs.code.includes('"legacy":"legacy"'));
    });

    it("is exempted by name only when the pack config lists it: another HTTP origin is not", async () => {
        const committed = cutoverPackConfig() as Record<string, any>;
        const p = await buildPlan({
            configOverrides: overlay("adopt"),
            packConfig: {
                ...committed,
                "cloudfront-origin-https": {
                    ...committed["cloudfront-origin-https"],
                    legacyOriginDomainNames: [],
                },
            },
            now: () => TODAY,
        });
        assert.deepStrictEqual(
            p.policy.violations.map((v) => `${v.policy}: ${v.message}`),
            [
                "cloudfront-origin-https: origin chatmrpt-alb must use originProtocolPolicy https-only; found http-only",
            ],
        );
    });
});
