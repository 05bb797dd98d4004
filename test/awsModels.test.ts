import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { OfflineRun, RecordedResource, UNKNOWN } from "../offline/engine/mockRuntime";
import { runProgramOffline } from "../offline/engine/runMemo";
import {
    checkResource,
    compilePattern,
    describe as describeViolation,
    mappingProblems,
    Violation,
} from "../offline/awsModels/check";
import { loadConstraints } from "../offline/awsModels/model";
import { MAPPINGS, NOT_AWS, operationsUsed } from "../offline/awsModels/mapping";
import { named, PROD, ROOT, runProd, runProdOk } from "./helpers";
import { overlay } from "./cutoverState";

/** The stack shapes issue 21 names: prod, the two domain steps, the cutover and an enforcing WAF. */
const SHAPES: Record<string, Record<string, string>> = {
    prod: {},
    "domain request": { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "request" },
    "domain active": { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "active" },
    cutover: {
        "chatmrpt:adoptDistributionId": "E2EXAMPLE12345",
        "chatmrpt:adoptedDistributionConfig": "test/fixtures/distributions/old-prod.json",
        "chatmrpt:legacyOriginDomainName": "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com",
        "chatmrpt:activeOrigin": "legacy",
    },
    // The committed examples: a realistic live distribution adopted, routed, and the end state.
    "cutover adopt phase": overlay("adopt"),
    "cutover route phase": overlay("route"),
    "cutover complete": overlay("complete"),
    "wafMode block": { "chatmrpt:wafMode": "block" },
    // Beyond the five: the Route 53 records of a managed zone, and the optional settings that add resources or values.
    "domain in a managed zone": {
        "chatmrpt:domainName": "chat.mrpt-health.org",
        "chatmrpt:hostedZoneId": "Z0123456789ABCDEFGHIJ",
    },
    "optional settings": {
        "chatmrpt:backupCopyRegion": "us-west-2",
        "chatmrpt:redisEngine": "valkey",
        "chatmrpt:redisSeedSnapshot": "chatmrpt-redis-production-cutover",
        "chatmrpt:hstsIncludeSubdomains": "true",
        "chatmrpt:logRetentionDays": "90",
    },
};

function violationsOf(run: OfflineRun<unknown>): string[] {
    return run.resources.flatMap((r) => checkResource(r)).map(describeViolation);
}

/** The violations of one record after `change` (a copy: the run stays as it was). */
function violationsAfter(
    record: RecordedResource,
    change: (inputs: Record<string, any>) => void,
): Violation[] {
    const copy = structuredClone(record) as RecordedResource & { inputs: Record<string, any> };
    change(copy.inputs);
    return checkResource(copy);
}

describe("AWS models: every value the program sends, checked against the constraints AWS publishes", () => {
    for (const [shape, overrides] of Object.entries(SHAPES)) {
        it(`${shape}: no value AWS would refuse, and every resource type mapped`, async () => {
            const run = await runProdOk(overrides);
            assert.deepStrictEqual(violationsOf(run), []);
        });
    }

    it("a first preview (computed outputs unknown) is checked too, unknowns skipped", async () => {
        const run = await runProgramOffline({
            config: PROD.config,
            secretKeys: PROD.secretKeys,
            project: PROD.project,
            stack: PROD.stack,
            preview: () => "create",
        });
        if (run.error) throw run.error;
        const acl = named(run, "chatmrpt-waf-acl");
        assert.strictEqual(acl.outputs.arn, UNKNOWN);
        assert.deepStrictEqual(violationsOf(run), []);
    });
});

describe("AWS models: a broken value fails, naming the resource, the property, the value and the constraint", () => {
    let acl: RecordedResource;
    let alarm: RecordedResource;
    let alb: RecordedResource;
    let canary: RecordedResource;
    before(async () => {
        const run = await runProd();
        acl = named(run, "chatmrpt-waf-acl");
        alarm = run.resources.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")!;
        alb = named(run, "chatmrpt-web-alb");
        canary = named(run, "chatmrpt-endpoints-canary");
    });

    it("parentheses back in the WAF description (the issue's failure)", () => {
        const found = violationsAfter(acl, (i) => {
            i.description = "ChatMRPT CloudFront WAF (count mode)";
        }).map(describeViolation);
        assert.deepStrictEqual(found, [
            `${acl.urn}: description = "ChatMRPT CloudFront WAF (count mode)" violates wafv2:CreateWebACL Description (EntityDescription): pattern ^[\\w+=:#@/\\-,\\.][\\w+=:#@/\\-,\\.\\s]+[\\w+=:#@/\\-,\\.]$`,
            `${acl.urn}: description = "ChatMRPT CloudFront WAF (count mode)" violates wafv2:UpdateWebACL Description (EntityDescription): pattern ^[\\w+=:#@/\\-,\\.][\\w+=:#@/\\-,\\.\\s]+[\\w+=:#@/\\-,\\.]$`,
        ]);
    });

    it("a bad enum deep in a nested list (a rate rule keyed on something WAF does not know)", () => {
        const found = violationsAfter(acl, (i) => {
            i.rules[3].statement.rateBasedStatement.aggregateKeyType = "COOKIE";
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.value]),
            [
                ["rules[3].statement.rateBasedStatement.aggregateKeyType", "COOKIE"],
                ["rules[3].statement.rateBasedStatement.aggregateKeyType", "COOKIE"],
            ],
        );
        assert.match(
            found[0].constraint,
            /^wafv2:CreateWebACL Rules\[\]\.Statement\.RateBasedStatement\.AggregateKeyType \(RateBasedStatementAggregateKeyType\): one of IP, FORWARDED_IP/,
        );
    });

    it("a number out of range (a WAF rate limit below its minimum)", () => {
        const found = violationsAfter(acl, (i) => {
            i.rules[3].statement.rateBasedStatement.limit = 5;
        });
        assert.strictEqual(found[0].property, "rules[3].statement.rateBasedStatement.limit");
        assert.match(found[0].constraint, /RateLimit\): at least 10$/);
    });

    it("a tag key longer than the model allows, sent as Tags[].Key", () => {
        const key = "k".repeat(129);
        const found = violationsAfter(acl, (i) => {
            i.tags = { ...i.tags, [key]: "x" };
        });
        assert.deepStrictEqual(
            found.map((v) => [v.urn, v.property, v.value, v.constraint]),
            [
                [
                    acl.urn,
                    `tags.${key} (key)`,
                    key,
                    "wafv2:CreateWebACL Tags[].Key (TagKey): length at most 128, is 129",
                ],
            ],
        );
    });

    it("a too-long logical name, autonamed: the generated name (name, -, 7 characters) is checked", () => {
        const long = { ...structuredClone(alb), name: "chatmrpt-web-application-lb-x" } as RecordedResource;
        const found = checkResource(long).map((v) => [v.property, v.value, v.constraint.split(":")[0]]);
        assert.deepStrictEqual(found, [
            ["name", "chatmrpt-web-application-lb-x-0a1b2c3", "the provider's autonaming"],
            ["name", "chatmrpt-web-application-lb-x-0a1b2c3", "at most 32 characters, is 37"],
        ]);
    });

    it("a limit stated only in the docs: an alarm period that is not 10, 20, 30 or a multiple of 60", () => {
        const found = violationsAfter(alarm, (i) => {
            i.period = 90;
        }).map(describeViolation);
        assert.deepStrictEqual(found, [
            `${alarm.urn}: period = 90 violates 10, 20, 30 or a multiple of 60: "Valid values are 10, 20, 30, and any multiple of 60." (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html)`,
        ]);
    });

    it("a documented limit across two inputs: period × evaluation periods over a day, for a period under an hour", () => {
        const found = violationsAfter(alarm, (i) => {
            i.period = 1800;
            i.evaluationPeriods = 60;
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.value, v.constraint.split(":")[0]]),
            [["period", 1800, "period × evaluationPeriods (108000 s) at most 86400 s"]],
        );
    });

    it("a canary run timeout longer than the time between its runs", () => {
        const found = violationsAfter(canary, (i) => {
            i.schedule = { expression: "rate(1 minute)" };
            i.runConfig.timeoutInSeconds = 90;
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.value, v.constraint.split(":")[0]]),
            [["runConfig.timeoutInSeconds", 90, "at most the 60 s between runs (rate(1 minute))"]],
        );
    });

    it("a list over its maximum size (six alarm actions; PutMetricAlarm takes five)", () => {
        const found = violationsAfter(alarm, (i) => {
            i.alarmActions = Array(6).fill(i.alarmActions[0]);
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.constraint]),
            [
                [
                    "alarmActions",
                    "cloudwatch:PutMetricAlarm AlarmActions (ResourceList): at most 5 items, has 6",
                ],
            ],
        );
    });

    it("a canary name the Synthetics pattern refuses (upper case)", () => {
        const found = violationsAfter(canary, (i) => {
            i.name = "ChatMRPT-endpoints";
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.constraint]),
            [
                ["name", "synthetics:CreateCanary Name (CanaryName): pattern ^[0-9a-z_\\-]+$"],
                ["name", "synthetics:UpdateCanary Name (CanaryName): pattern ^[0-9a-z_\\-]+$"],
            ],
        );
    });

    it("an empty list below the list's minimum (a certificate with subjectAlternativeNames: [])", async () => {
        const cert = named(await runProd(SHAPES["domain request"]), "chatmrpt-cdn-cert-cert");
        const found = violationsAfter(cert, (i) => {
            i.subjectAlternativeNames = [];
        });
        assert.deepStrictEqual(
            found.map((v) => [v.property, v.constraint]),
            [
                [
                    "subjectAlternativeNames",
                    "acm:RequestCertificate SubjectAlternativeNames (DomainList): at least 1 items, has 0",
                ],
            ],
        );
    });

    it("an unknown value is skipped, not guessed", () => {
        assert.deepStrictEqual(
            violationsAfter(acl, (i) => {
                i.description = UNKNOWN;
            }),
            [],
        );
    });

    it("an input the mapping does not account for fails, and so does a resource type with no mapping", () => {
        const found = violationsAfter(acl, (i) => {
            i.brandNewSetting = "x";
        });
        assert.deepStrictEqual(
            found.map((v) => v.constraint),
            [
                "the AWS model mapping: no member of wafv2:CreateWebACL (CreateWebACLRequest) matches brandNewSetting (add it to offline/awsModels/mapping)",
            ],
        );
        const unmapped = checkResource({ ...acl, type: "aws:rds/instance:Instance" });
        assert.deepStrictEqual(
            unmapped.map((v) => [v.property, v.constraint]),
            [
                [
                    "(type)",
                    "the AWS model mapping: no mapping for this resource type (add one to offline/awsModels/mapping)",
                ],
            ],
        );
    });
});

describe("AWS models: the extract and the mapping", () => {
    it("the extract holds exactly the operations the mapping names, with its botocore version and license", () => {
        const extract = loadConstraints();
        const held = Object.entries(extract.services)
            .flatMap(([s, m]) => Object.keys(m.operations).map((o) => `${s}:${o}`))
            .sort();
        assert.deepStrictEqual(
            held,
            operationsUsed(),
            "run npm run awsmodels:extract after changing the mapping",
        );
        assert.match(extract.botocoreVersion, /^\d+\.\d+\.\d+$/);
        assert.match(extract.attribution, /Apache License 2\.0/);
        for (const model of Object.values(extract.services))
            assert.match(model.source, /^data\/[\w-]+\/\d{4}-\d{2}-\d{2}\/service-2\.json(\.gz)?$/);
    });

    it("every pattern in the extract compiles", () => {
        const patterns = Object.values(loadConstraints().services)
            .flatMap((m) => Object.values(m.shapes).map((s) => s.pattern))
            .filter((p): p is string => p !== undefined);
        assert.ok(patterns.length > 50);
        for (const p of patterns) assert.doesNotThrow(() => compilePattern(p), p);
    });

    it("every target the mapping names is a member of the model", () => {
        assert.deepStrictEqual(mappingProblems(), []);
    });

    it("the only unmapped types are the program's components, the stack and the providers", () => {
        assert.deepStrictEqual(NOT_AWS.map(String), [
            "/^chatmrpt:/",
            "/^pulumi:pulumi:Stack$/",
            "/^pulumi:providers:/",
        ]);
        assert.ok(Object.keys(MAPPINGS).every((t) => t.startsWith("aws:")));
    });

    it("npm run awsmodels:extract regenerates the extract", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
        };
        assert.match(pkg.scripts["awsmodels:extract"], /build\/offline\/awsModels\/extract\.js/);
    });
});
