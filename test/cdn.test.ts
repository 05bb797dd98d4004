import * as assert from "assert";
import { validateCdnArgs } from "../components/cdn";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { chatMrptPolicies } from "../policies/pack";
import { named, ofType, runProd, runProdOk } from "./helpers";

const CERT = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const RECORD = "aws:route53/record:Record";
const ZONE = "Z0123456789ABCDEFGHIJ";

/** The pack's findings on a run (each domain stage must pass it, not only day one). */
async function packFindings(run: OfflineRun<unknown>): Promise<string[]> {
    const evaluation = await evaluatePolicies(chatMrptPolicies(), run.resources, {
        defaultRegion: "us-east-2",
        project: "chatmrpt",
        stack: "prod",
        packEnforcementLevel: "mandatory",
    });
    return evaluation.violations.map((v) => `${v.policy}: ${v.message}`);
}

describe("Cdn (prod stack, day one: no custom domain)", () => {
    let run: OfflineRun<unknown>;
    let distribution: Record<string, any>;
    before(async () => {
        run = await runProdOk();
        distribution = named(run, "chatmrpt-cdn-distribution").inputs;
    });

    it("requests no certificate and waits on no validation", () => {
        assert.deepStrictEqual(
            [ofType(run, CERT).length, ofType(run, VALIDATION).length, ofType(run, RECORD).length],
            [0, 0, 0],
        );
    });

    it("serves viewers on the default *.cloudfront.net certificate, without aliases, at the TLSv1 floor CloudFront fixes for it", () => {
        assert.deepStrictEqual(distribution.aliases, []);
        assert.deepStrictEqual(distribution.viewerCertificate, {
            cloudfrontDefaultCertificate: true,
            minimumProtocolVersion: "TLSv1",
        });
    });

    it("reaches the internal ALB only through an HTTP VPC origin that points at it", () => {
        const origin = named(run, "chatmrpt-cdn-origin-http", "aws:cloudfront/vpcOrigin:VpcOrigin");
        const alb = named(run, "chatmrpt-web-alb");
        assert.deepStrictEqual(origin.inputs.vpcOriginEndpointConfig, {
            name: "chatmrpt-cdn-alb-http",
            arn: alb.outputs.arn,
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "http-only",
            originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
        });
        assert.match(origin.id, /^vo_[A-Za-z0-9]{22}$/);
        assert.deepStrictEqual(distribution.origins, [
            {
                originId: "app",
                domainName: alb.outputs.dnsName,
                vpcOriginConfig: { vpcOriginId: origin.id, originReadTimeout: 60, originKeepaliveTimeout: 5 },
            },
        ]);
        assert.match(alb.outputs.dnsName, /^internal-/);
        // AWS requires an internet gateway in the VPC before it creates a VPC origin there.
        assert.ok(origin.dependencies.includes(named(run, "chatmrpt-network-igw").urn));
    });

    it("looks up the VPC-origin security group by name in the ALB's VPC, after the VPC origin", () => {
        const vpc = named(run, "chatmrpt-network-vpc");
        assert.deepStrictEqual(
            run.invokes
                .filter((i) => i.token === "aws:ec2/getSecurityGroup:getSecurityGroup")
                .map((i) => i.args),
            [{ name: "CloudFront-VPCOrigins-Service-SG", vpcId: vpc.id }],
        );
        const rule = named(run, "chatmrpt-web-alb-from-cloudfront-http");
        assert.ok(rule.dependencies.includes(named(run, "chatmrpt-cdn-origin-http").urn));
    });

    it("redirects viewers to HTTPS and passes everything uncached on dynamic paths", () => {
        const d = distribution.defaultCacheBehavior;
        assert.deepStrictEqual(
            {
                viewer: d.viewerProtocolPolicy,
                cache: d.cachePolicyId,
                originRequest: d.originRequestPolicyId,
                methods: d.allowedMethods,
                compress: d.compress,
                origin: d.targetOriginId,
            },
            {
                viewer: "redirect-to-https",
                cache: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
                originRequest: "216adef6-5c7f-47e4-b989-5492eafa07d3",
                methods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                compress: true,
                origin: "app",
            },
        );
    });

    it("caches /static/* only", () => {
        assert.deepStrictEqual(
            distribution.orderedCacheBehaviors.map((b: any) => [
                b.pathPattern,
                b.cachePolicyId,
                b.viewerProtocolPolicy,
                b.compress,
            ]),
            [["/static/*", "658327ea-f89d-4fab-a63d-7e88639e58f6", "redirect-to-https", true]],
        );
    });

    it("speaks HTTP/2 and HTTP/3", () => assert.strictEqual(distribution.httpVersion, "http2and3"));

    it("sends HSTS for two years without includeSubDomains or preload (the team does not own the apex) on every behavior", () => {
        const policy = named(run, "chatmrpt-cdn-security-headers");
        assert.deepStrictEqual(policy.inputs.securityHeadersConfig.strictTransportSecurity, {
            accessControlMaxAgeSec: 63072000,
            includeSubdomains: false,
            preload: false,
            override: true,
        });
        for (const b of [distribution.defaultCacheBehavior, ...distribution.orderedCacheBehaviors])
            assert.strictEqual(b.responseHeadersPolicyId, policy.id);
    });

    it("adds includeSubDomains and preload with chatmrpt:hstsIncludeSubdomains true", async () => {
        const on = await runProd({ "chatmrpt:hstsIncludeSubdomains": "true" });
        assert.deepStrictEqual(
            named(on, "chatmrpt-cdn-security-headers").inputs.securityHeadersConfig.strictTransportSecurity,
            { accessControlMaxAgeSec: 63072000, includeSubdomains: true, preload: true, override: true },
        );
    });

    it("is protected by the WAF web ACL, passed by ARN in webAclId", () => {
        const acl = named(run, "chatmrpt-waf-acl");
        assert.match(acl.outputs.arn, /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//);
        assert.strictEqual(distribution.webAclId, acl.outputs.arn);
    });

    it("exports the cloudfront.net URL and no DNS or validation records", () => {
        assert.strictEqual(
            run.outputs!.siteUrl,
            `https://${named(run, "chatmrpt-cdn-distribution").outputs.domainName}`,
        );
        assert.deepStrictEqual(
            [run.outputs!.dnsRecords, run.outputs!.certificateValidationRecords],
            [[], []],
        );
    });

    describe("validation", () => {
        it("fails on a read timeout CloudFront refuses", () =>
            assert.throws(
                () => validateCdnArgs({ readTimeout: 0, staticPaths: [], priceClass: "PriceClass_100" }),
                { message: "originReadTimeoutSeconds (0) must be a whole number from 1 to 180" },
            ));
        it("fails on /* as a static path", () =>
            assert.throws(
                () => validateCdnArgs({ readTimeout: 60, staticPaths: ["/*"], priceClass: "PriceClass_100" }),
                {
                    message:
                        "staticPathPatterns (/*) must start with / and must not be /* (that is the default behavior)",
                },
            ));
    });
});

describe("Cdn with a custom domain, step 1 (domainStage request)", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk({
            "chatmrpt:domainName": "chat.mrpt-health.org",
            "chatmrpt:domainStage": "request",
        });
    });

    it("requests both certificates, in us-east-1 for CloudFront and us-east-2 for the ALB", () => {
        assert.deepStrictEqual(
            ofType(run, CERT)
                .map((c) => [
                    c.name,
                    c.region,
                    c.inputs.domainName,
                    c.inputs.subjectAlternativeNames,
                    c.inputs.validationMethod,
                ])
                .sort(),
            [
                ["chatmrpt-cdn-cert-cert", "us-east-1", "chat.mrpt-health.org", undefined, "DNS"],
                [
                    "chatmrpt-origin-cert-cert",
                    "us-east-2",
                    "origin.chat.mrpt-health.org",
                    ["chat.mrpt-health.org"],
                    "DNS",
                ],
            ],
        );
    });

    it("creates no validation resource (nothing waits on DNS) and no alias", () => {
        assert.strictEqual(ofType(run, VALIDATION).length, 0);
        const distribution = named(run, "chatmrpt-cdn-distribution").inputs;
        assert.deepStrictEqual(
            [distribution.aliases, distribution.viewerCertificate],
            [[], { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1" }],
        );
    });

    it("keeps the ALB on HTTP behind the HTTP VPC origin: a pending certificate cannot serve", () => {
        assert.deepStrictEqual(
            ofType(run, "aws:lb/listener:Listener").map((l) => [l.name, l.inputs.protocol, l.inputs.port]),
            [["chatmrpt-web-http", "HTTP", 80]],
        );
        assert.strictEqual(
            named(run, "chatmrpt-cdn-origin-http").inputs.vpcOriginEndpointConfig.originProtocolPolicy,
            "http-only",
        );
    });

    it("passes the policy pack", async () => assert.deepStrictEqual(await packFindings(run), []));

    it("exports the validation records of both certificates, and the records that will route the site", () => {
        const certs = Object.fromEntries(
            ofType(run, CERT).map((c) => [c.name, c.outputs.domainValidationOptions]),
        );
        const expected = (cert: string, label: string) =>
            (certs[cert] as any[]).map((o) => ({
                certificate: label,
                domainName: o.domainName,
                name: o.resourceRecordName,
                type: "CNAME",
                value: o.resourceRecordValue,
            }));
        assert.deepStrictEqual(run.outputs!.certificateValidationRecords, [
            ...expected("chatmrpt-origin-cert-cert", "alb (us-east-2)"),
            ...expected("chatmrpt-cdn-cert-cert", "cloudfront (us-east-1)"),
        ]);
        assert.deepStrictEqual(
            (run.outputs!.dnsRecords as any[]).map((r) => [r.name, r.type]),
            [
                ["chat.mrpt-health.org", "CNAME"],
                ["origin.chat.mrpt-health.org", "CNAME"],
            ],
        );
        assert.match(String(run.outputs!.siteUrl), /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
    });
});

describe("Cdn with a custom domain, step 2 (domainStage active)", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk({
            "chatmrpt:domainName": "chat.mrpt-health.org",
            "chatmrpt:domainStage": "active",
        });
    });

    it("validates both certificates against the records created by hand (no Route 53 records), giving up in 30 minutes", () => {
        for (const v of ofType(run, VALIDATION))
            assert.deepStrictEqual(v.customTimeouts, { create: "30m" }, v.name);
        assert.deepStrictEqual(
            ofType(run, VALIDATION)
                .map((v) => [v.name, v.region, v.inputs.validationRecordFqdns])
                .sort(),
            [
                ["chatmrpt-cdn-cert-validation", "us-east-1", undefined],
                ["chatmrpt-origin-cert-validation", "us-east-2", undefined],
            ],
        );
        assert.strictEqual(ofType(run, RECORD).length, 0);
    });

    it("attaches the alias with the validated us-east-1 certificate, SNI and TLSv1.2_2021", () => {
        const distribution = named(run, "chatmrpt-cdn-distribution").inputs;
        assert.deepStrictEqual(distribution.aliases, ["chat.mrpt-health.org"]);
        assert.deepStrictEqual(distribution.viewerCertificate, {
            acmCertificateArn: named(run, "chatmrpt-cdn-cert-cert").outputs.arn,
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.2_2021",
        });
        assert.strictEqual(run.outputs!.siteUrl, "https://chat.mrpt-health.org");
    });

    it("passes the policy pack", async () => assert.deepStrictEqual(await packFindings(run), []));

    it("reaches the ALB over HTTPS (TLSv1.2 only) by the origin name its regional certificate covers", () => {
        assert.strictEqual(ofType(run, "aws:cloudfront/vpcOrigin:VpcOrigin").length, 1);
        const origin = named(run, "chatmrpt-cdn-origin-https");
        assert.deepStrictEqual(
            [
                origin.inputs.vpcOriginEndpointConfig.originProtocolPolicy,
                origin.inputs.vpcOriginEndpointConfig.originSslProtocols,
            ],
            ["https-only", { items: ["TLSv1.2"], quantity: 1 }],
        );
        const distribution = named(run, "chatmrpt-cdn-distribution").inputs;
        assert.deepStrictEqual(
            distribution.origins.map((o: any) => [o.domainName, o.vpcOriginConfig.vpcOriginId]),
            [["origin.chat.mrpt-health.org", origin.id]],
        );
        const https = named(run, "chatmrpt-web-https");
        assert.deepStrictEqual(
            [https.inputs.port, https.inputs.protocol, https.inputs.sslPolicy, https.inputs.certificateArn],
            [
                443,
                "HTTPS",
                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                named(run, "chatmrpt-origin-cert-cert").outputs.arn,
            ],
        );
        assert.deepStrictEqual(
            ofType(run, "aws:lb/listener:Listener").map((l) => l.name),
            ["chatmrpt-web-https"],
        );
        const rule = named(run, "chatmrpt-web-alb-from-cloudfront-https");
        assert.deepStrictEqual(
            [rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.description],
            [443, 443, "HTTPS from CloudFront VPC origins"],
        );
        assert.ok(rule.dependencies.includes(origin.urn));
        assert.strictEqual(
            ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) =>
                r.name.startsWith("chatmrpt-web-alb-"),
            ).length,
            1,
        );
    });
});

describe("Cdn with a custom domain and a Route 53 zone (both steps in one run)", () => {
    let zoned: OfflineRun<unknown>;
    before(async () => {
        zoned = await runProdOk({
            "chatmrpt:domainName": "chat.mrpt-health.org",
            "chatmrpt:hostedZoneId": ZONE,
        });
    });

    it("passes the policy pack", async () => assert.deepStrictEqual(await packFindings(zoned), []));

    it("writes the validation records in the zone, validates against them and aliases the site and the origin", () => {
        const records = ofType(zoned, RECORD).map((r) => [r.name, r.inputs.type, r.inputs.zoneId]);
        assert.deepStrictEqual(records.sort(), [
            ["chatmrpt-cdn-alias-a", "A", ZONE],
            ["chatmrpt-cdn-alias-aaaa", "AAAA", ZONE],
            ["chatmrpt-cdn-cert-validation-1", "CNAME", ZONE],
            ["chatmrpt-origin-alias", "A", ZONE],
            ["chatmrpt-origin-cert-validation-1", "CNAME", ZONE],
            ["chatmrpt-origin-cert-validation-2", "CNAME", ZONE],
        ]);
        assert.deepStrictEqual(named(zoned, "chatmrpt-cdn-cert-validation").inputs.validationRecordFqdns, [
            named(zoned, "chatmrpt-cdn-cert-validation-1").outputs.fqdn,
        ]);
        assert.deepStrictEqual(
            named(zoned, "chatmrpt-origin-cert-validation").inputs.validationRecordFqdns,
            ["chatmrpt-origin-cert-validation-1", "chatmrpt-origin-cert-validation-2"].map(
                (n) => named(zoned, n).outputs.fqdn,
            ),
        );
        assert.deepStrictEqual(named(zoned, "chatmrpt-cdn-distribution").inputs.aliases, [
            "chat.mrpt-health.org",
        ]);
        assert.strictEqual(
            named(zoned, "chatmrpt-cdn-distribution").inputs.viewerCertificate.minimumProtocolVersion,
            "TLSv1.2_2021",
        );
    });
});
