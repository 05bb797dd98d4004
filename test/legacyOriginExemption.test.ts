import * as assert from "assert";
import { PolicyPackConfig } from "@pulumi/policy";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { RecordedResource } from "../offline/engine/mockRuntime";
import {
    DEFAULT_MAX_EXEMPTION_DAYS,
    ExemptedFinding,
    exemptionProblems,
    maxExemptionDays,
} from "../policies/lib/exemptions";
import { chatMrptPolicies } from "../policies/pack";
import { ORIGIN_IDS } from "../components/originRouter";
import { LEGACY_ORIGIN_ID } from "../policies/rules/cloudfrontOriginHttps";
import { TODAY } from "./policyHarness";

const NAME = "chatmrpt-cdn-distribution";
const appOrigin = {
    originId: "app",
    domainName: "origin.chatmrpt.example.org",
    customOriginConfig: {
        originProtocolPolicy: "https-only",
        originSslProtocols: ["TLSv1.2"],
        httpPort: 80,
        httpsPort: 443,
    },
};
const legacyOrigin = {
    originId: "legacy",
    domainName: "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
    customOriginConfig: {
        originProtocolPolicy: "http-only",
        originSslProtocols: ["TLSv1.2"],
        httpPort: 80,
        httpsPort: 443,
    },
};

function distribution(origins: object[]): RecordedResource {
    const type = "aws:cloudfront/distribution:Distribution";
    const inputs = { origins };
    return {
        type,
        name: NAME,
        urn: `urn:pulumi:prod::chatmrpt::${type}::${NAME}`,
        id: "E2EXAMPLE12345",
        custom: true,
        inputs,
        outputs: { ...inputs, id: "E2EXAMPLE12345" },
        protect: true,
        retainOnDelete: true,
        ignoreChanges: [],
        dependencies: [],
        propertyDependencies: {},
        additionalSecretOutputs: [],
        region: "us-east-2",
    };
}

/** Only cloudfront-origin-https, with the pack's exemption handling, over one distribution. */
async function check(
    origins: object[],
    exemptions?: object[],
): Promise<{ violations: string[]; exempted: ExemptedFinding[] }> {
    const exempted: ExemptedFinding[] = [];
    const policies = chatMrptPolicies({ now: () => TODAY, onExempted: (f) => exempted.push(f) }).filter(
        (p) => p.name === "cloudfront-origin-https",
    );
    const config: PolicyPackConfig = exemptions ? { "cloudfront-origin-https": { exemptions } } : {};
    const evaluation = await evaluatePolicies(policies, [distribution(origins)], {
        config,
        packEnforcementLevel: "mandatory",
        defaultRegion: "us-east-2",
        project: "chatmrpt",
        stack: "prod",
    });
    assert.ok(evaluation.violations.every((v) => v.enforcementLevel === "mandatory"));
    return { violations: evaluation.violations.map((v) => v.message), exempted };
}

const REASON = "old production ALB has no TLS; cutover window, decommissioned after 48 hours";
const LEGACY_FINDING =
    "origin legacy must use originProtocolPolicy https-only; found http-only (the old production ALB has no TLS: exempt the distribution from cloudfront-origin-https for at most 14 days while traffic moves)";

describe("cloudfront-origin-https and the legacy HTTP origin", () => {
    it("names the same origin ID as the router function", () => {
        assert.strictEqual(LEGACY_ORIGIN_ID, ORIGIN_IDS.legacy);
    });

    it("passes a distribution whose only origin is the new stack's (the baseline)", async () => {
        assert.deepStrictEqual(await check([appOrigin]), { violations: [], exempted: [] });
    });

    it("fails the legacy HTTP origin without an exemption, saying how long one may run", async () => {
        assert.deepStrictEqual((await check([appOrigin, legacyOrigin])).violations, [LEGACY_FINDING]);
    });

    it("passes it under an exemption that expires within 14 days, and lists it as exempted", async () => {
        const { violations, exempted } = await check(
            [appOrigin, legacyOrigin],
            [{ resource: NAME, reason: REASON, expires: "2026-12-07" }],
        );
        assert.deepStrictEqual(violations, []);
        assert.deepStrictEqual(
            exempted.map((e) => [e.policy, e.resource, e.message, e.expires]),
            [["cloudfront-origin-https", NAME, LEGACY_FINDING, "2026-12-07"]],
        );
    });

    it("fails an exemption that runs 15 days, with the last day allowed", async () => {
        const { violations, exempted } = await check(
            [appOrigin, legacyOrigin],
            [{ resource: NAME, reason: REASON, expires: "2026-12-08" }],
        );
        assert.deepStrictEqual(violations, [
            `exemption of ${NAME} from cloudfront-origin-https: expires on 2026-12-08, more than 14 days from today; cloudfront-origin-https exemptions may run until 2026-12-07 at the latest`,
            LEGACY_FINDING,
        ]);
        assert.deepStrictEqual(exempted, []);
    });

    it("fails a long exemption even once the legacy origin is gone (it would cover the next one)", async () => {
        assert.deepStrictEqual(
            (await check([appOrigin], [{ resource: NAME, reason: REASON, expires: "2027-06-30" }]))
                .violations,
            [
                `exemption of ${NAME} from cloudfront-origin-https: expires on 2027-06-30, more than 14 days from today; cloudfront-origin-https exemptions may run until 2026-12-07 at the latest`,
            ],
        );
    });

    it("fails an expired exemption and the origin it no longer covers", async () => {
        assert.deepStrictEqual(
            (
                await check(
                    [appOrigin, legacyOrigin],
                    [{ resource: NAME, reason: REASON, expires: "2026-11-22" }],
                )
            ).violations,
            [
                `exemption of ${NAME} from cloudfront-origin-https: expired on 2026-11-22; finish the cutover (runbook step 7: unset chatmrpt:legacyOriginDomainName, set chatmrpt:cutoverComplete) and remove the exemption, or, while users still move, renew it for at most 14 days in policies/config.prod.json in a pull request`,
                LEGACY_FINDING,
            ],
        );
    });

    it("never covers the new stack's origin, even with a valid exemption of the distribution", async () => {
        const httpApp = {
            ...appOrigin,
            customOriginConfig: { ...appOrigin.customOriginConfig, originProtocolPolicy: "match-viewer" },
        };
        const { violations, exempted } = await check(
            [httpApp, legacyOrigin],
            [{ resource: NAME, reason: REASON, expires: "2026-12-01" }],
        );
        assert.deepStrictEqual(violations, [
            "origin app must use originProtocolPolicy https-only; found match-viewer",
        ]);
        assert.deepStrictEqual(
            exempted.map((e) => e.message),
            [LEGACY_FINDING],
        );
    });

    it("never covers an HTTP origin under another ID", async () => {
        const other = { ...legacyOrigin, originId: "old-alb" };
        const { violations } = await check(
            [appOrigin, other],
            [{ resource: NAME, reason: REASON, expires: "2026-12-01" }],
        );
        assert.deepStrictEqual(violations, [
            "origin old-alb must use originProtocolPolicy https-only; found http-only",
        ]);
    });

    it("caps other policies' exemptions at 90 days", () => {
        assert.strictEqual(maxExemptionDays("alb-hardened"), DEFAULT_MAX_EXEMPTION_DAYS);
        assert.strictEqual(DEFAULT_MAX_EXEMPTION_DAYS, 90);
        assert.deepStrictEqual(
            exemptionProblems(
                "alb-hardened",
                { resource: "x", reason: "a good long reason", expires: "2027-02-21" },
                TODAY,
            ),
            [],
        );
        assert.deepStrictEqual(
            exemptionProblems(
                "alb-hardened",
                { resource: "x", reason: "a good long reason", expires: "2027-02-22" },
                TODAY,
            ),
            [
                "exemption of x from alb-hardened: expires on 2027-02-22, more than 90 days from today; alb-hardened exemptions may run until 2027-02-21 at the latest",
            ],
        );
    });
});
