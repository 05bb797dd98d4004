import * as assert from "assert";
import { validateCdnArgs } from "../components/cdn";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { named, ofType, runProd } from "./helpers";

describe("Cdn (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let distribution: Record<string, any>;
    before(async () => {
        run = await runProd();
        assert.strictEqual(run.error, undefined);
        distribution = named(run, "chatmrpt-cdn-distribution").inputs;
    });

    it("reaches the ALB over https-only TLSv1.2 with the secret header", () => {
        assert.deepStrictEqual(distribution.origins, [{
            originId: "alb",
            domainName: "origin.chatmrpt.example.org",
            customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], originReadTimeout: 60, originKeepaliveTimeout: 5 },
            customHeaders: [{ name: "X-Origin-Verify", value: "offline-placeholder-origin-verify-header-value" }],
        }]);
    });

    it("serves the custom domain with a us-east-1 certificate, SNI and TLSv1.2_2021", () => {
        const cert = named(run, "chatmrpt-cdn-cert-cert");
        assert.strictEqual(cert.region, "us-east-1");
        assert.strictEqual(named(run, "chatmrpt-cdn-cert-validation").region, "us-east-1");
        assert.deepStrictEqual(distribution.aliases, ["chatmrpt.example.org"]);
        assert.deepStrictEqual(distribution.viewerCertificate, { acmCertificateArn: cert.outputs.arn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" });
    });

    it("redirects viewers to HTTPS and passes everything uncached on dynamic paths", () => {
        const d = distribution.defaultCacheBehavior;
        assert.deepStrictEqual(
            { viewer: d.viewerProtocolPolicy, cache: d.cachePolicyId, originRequest: d.originRequestPolicyId, methods: d.allowedMethods, compress: d.compress },
            { viewer: "redirect-to-https", cache: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", originRequest: "216adef6-5c7f-47e4-b989-5492eafa07d3", methods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"], compress: true });
    });

    it("caches /static/* only", () => {
        assert.deepStrictEqual(distribution.orderedCacheBehaviors.map((b: any) => [b.pathPattern, b.cachePolicyId, b.viewerProtocolPolicy, b.compress]),
            [["/static/*", "658327ea-f89d-4fab-a63d-7e88639e58f6", "redirect-to-https", true]]);
    });

    it("speaks HTTP/2 and HTTP/3", () => assert.strictEqual(distribution.httpVersion, "http2and3"));

    it("sends HSTS for two years with subdomains on every behavior", () => {
        const policy = named(run, "chatmrpt-cdn-security-headers");
        assert.deepStrictEqual(policy.inputs.securityHeadersConfig.strictTransportSecurity, { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: false, override: true });
        for (const b of [distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors]) assert.strictEqual(b.responseHeadersPolicyId, policy.id);
    });

    it("creates no DNS records without a hosted zone and exports them instead", async () => {
        assert.strictEqual(ofType(run, "aws:route53/record:Record").length, 0);
        assert.deepStrictEqual((run.outputs!.dnsRecords as any[]).map((r) => [r.name, r.type]), [["chatmrpt.example.org", "CNAME"], ["origin.chatmrpt.example.org", "CNAME"]]);
        assert.deepStrictEqual((run.outputs!.certificateValidationRecords as any[]).map((r) => [r.certificate, r.domainName]),
            [["alb (us-east-2)", "origin.chatmrpt.example.org"], ["alb (us-east-2)", "chatmrpt.example.org"], ["cloudfront (us-east-1)", "chatmrpt.example.org"]]);
    });

    describe("with a Route 53 zone", () => {
        let zoned: OfflineRun<unknown>;
        before(async () => {
            zoned = await runProd({ "chatmrpt:hostedZoneId": "Z0123456789ABCDEFGHIJ" });
            assert.strictEqual(zoned.error, undefined);
        });

        it("validates both certificates in the zone and aliases the site and the origin", () => {
            const records = ofType(zoned, "aws:route53/record:Record").map((r) => [r.name, r.inputs.type, r.inputs.zoneId]);
            assert.deepStrictEqual(records.sort(), [
                ["chatmrpt-cdn-alias-a", "A", "Z0123456789ABCDEFGHIJ"],
                ["chatmrpt-cdn-alias-aaaa", "AAAA", "Z0123456789ABCDEFGHIJ"],
                ["chatmrpt-cdn-cert-validation-1", "CNAME", "Z0123456789ABCDEFGHIJ"],
                ["chatmrpt-origin-alias", "A", "Z0123456789ABCDEFGHIJ"],
                ["chatmrpt-origin-cert-validation-1", "CNAME", "Z0123456789ABCDEFGHIJ"],
                ["chatmrpt-origin-cert-validation-2", "CNAME", "Z0123456789ABCDEFGHIJ"],
            ]);
            const validation = named(zoned, "chatmrpt-cdn-cert-validation");
            assert.deepStrictEqual(validation.inputs.validationRecordFqdns, [named(zoned, "chatmrpt-cdn-cert-validation-1").outputs.fqdn]);
        });
    });

    describe("validation", () => {
        it("fails on a read timeout CloudFront refuses", () => assert.throws(() => validateCdnArgs({ readTimeout: 0, staticPaths: [], priceClass: "PriceClass_100" }), { message: "originReadTimeoutSeconds (0) must be a whole number from 1 to 180" }));
        it("fails on /* as a static path", () => assert.throws(() => validateCdnArgs({ readTimeout: 60, staticPaths: ["/*"], priceClass: "PriceClass_100" }), { message: "staticPathPatterns (/*) must start with / and must not be /* (that is the default behavior)" }));
    });
});
