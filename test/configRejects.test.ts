import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackConfig, StackConfigError } from "../stacks/stackConfig";
import {
    checkAwsCron,
    checkEmail,
    checkSsmParameterName,
    echo,
    MAX_PROGRAM_TAGS_PER_RESOURCE,
} from "../stacks/validate";
import { CACHE_NODE_TYPES, EC2_INSTANCE_TYPES } from "../stacks/awsFacts";
import { cacheNodeVcpus } from "../components/monitoring";
import { readStackFile, withOverrides } from "../offline/engine/stackFile";
import { runOffline } from "../offline/engine/mockRuntime";
import { runProgram } from "../stacks/program";
import { errorOf, PROD, ROOT, runProd } from "./helpers";

const SUBNETS = [
    "subnet-0123456789abcdef0",
    "subnet-0123456789abcdef1",
    "subnet-0123456789abcdef2",
    "subnet-0123456789abcdef3",
];
const adopt = (pub: string[], priv: string[]) => ({
    "chatmrpt:vpcId": "vpc-0123456789abcdef0",
    "chatmrpt:vpcCidr": undefined,
    "chatmrpt:publicSubnetIds": JSON.stringify(pub),
    "chatmrpt:privateSubnetIds": JSON.stringify(priv),
});
const tags = (n: number) =>
    JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-tag-${i}`, "x"])));
const longPath = `/${"a".repeat(1100)}`;

/** A stack file in a scratch project root, with the real Pulumi.yaml. */
function stackDir(stackYaml: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stackfile-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackYaml);
    return dir;
}
const REAL_STACK = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");

function fileProblems(stackYaml: string): string[] {
    const dir = stackDir(stackYaml);
    try {
        readStackFile("prod", { root: dir });
    } catch (e) {
        assert.ok(e instanceof StackConfigError, `expected StackConfigError, got ${String(e)}`);
        return e.problems;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    throw new Error("expected the stack file to be rejected");
}

describe("names and header values that can never work are refused, by class (issue 21)", () => {
    const LEGACY = "chatmrpt-alb-319454030.us-east-2.elb.amazonaws.com";
    const SITE = { "chatmrpt:domainName": "chat.mrpt-health.org", "chatmrpt:domainStage": "request" };
    const cutover = (legacy: string, more: Record<string, string> = {}) => ({
        "chatmrpt:legacyOriginDomainName": legacy,
        ...more,
    });
    const token = (t: string) => ({ ...cutover(LEGACY), "chatmrpt:originOverrideSecret": t });
    const base = "0123456789abcdef0123456789abcdef";
    const special = "must not be under .";
    // [class, overrides, the problem it must list]
    const cases: [string, Record<string, string>, string][] = [
        ...[
            "chat.test",
            "chat.example",
            "chat.invalid",
            "app.localhost",
            "shop.local",
            "hidden.onion",
            "corp.internal",
            "x.home.arpa",
            "y.alt",
        ].map((name): [string, Record<string, string>, string] => [
            `a special-use domainName (${name})`,
            { ...SITE, "chatmrpt:domainName": name },
            `chatmrpt:domainName (${name}): ${special}`,
        ]),
        [
            "a domainName under cloudfront.net",
            { ...SITE, "chatmrpt:domainName": "d111111abcdef8.cloudfront.net" },
            "chatmrpt:domainName (d111111abcdef8.cloudfront.net): must not be under cloudfront.net",
        ],
        [
            "a domainName under amazonaws.com",
            { ...SITE, "chatmrpt:domainName": "site.s3.amazonaws.com" },
            "chatmrpt:domainName (site.s3.amazonaws.com): must not be under amazonaws.com",
        ],
        [
            "a special-use originDomainName",
            { ...SITE, "chatmrpt:originDomainName": "origin.chat.test" },
            `chatmrpt:originDomainName (origin.chat.test): ${special}test`,
        ],
        [
            "an internal load balancer as legacy origin",
            cutover("internal-old-prod-1234.us-east-2.elb.amazonaws.com"),
            "chatmrpt:legacyOriginDomainName (internal-old-prod-1234.us-east-2.elb.amazonaws.com): must be an internet-facing load balancer",
        ],
        [
            "a special-use legacy origin",
            cutover("old.prod.test"),
            `chatmrpt:legacyOriginDomainName (old.prod.test): ${special}test`,
        ],
        [
            "the site itself as legacy origin",
            cutover("chat.mrpt-health.org", SITE),
            "chatmrpt:legacyOriginDomainName (chat.mrpt-health.org): must be old prod's load balancer, not chatmrpt:domainName (chat.mrpt-health.org), the site itself",
        ],
        [
            "a name under the site as legacy origin",
            cutover("old.chat.mrpt-health.org", SITE),
            "chatmrpt:legacyOriginDomainName (old.chat.mrpt-health.org): must be old prod's load balancer, not chatmrpt:domainName",
        ],
        [
            "the stack's own origin name as legacy origin",
            cutover("origin.chat.mrpt-health.org", SITE),
            "chatmrpt:legacyOriginDomainName (origin.chat.mrpt-health.org): must be old prod's load balancer, not chatmrpt:originDomainName (origin.chat.mrpt-health.org), this stack's own origin",
        ],
        [
            "an override token with a trailing space",
            token(`${base} `),
            "chatmrpt:originOverrideSecret (secret, 33 characters): must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has whitespace at character 33",
        ],
        [
            "an override token with a leading tab",
            token(`\t${base}`),
            "chatmrpt:originOverrideSecret (secret, 33 characters): must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has whitespace at character 1",
        ],
        [
            "an override token with a line break",
            token(`${base}\r\nx`),
            "chatmrpt:originOverrideSecret (secret, 35 characters): must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has a line break at character 33",
        ],
        [
            "an override token with a control character",
            token(`${base}\u0007`),
            "chatmrpt:originOverrideSecret (secret, 33 characters): must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has a control character at character 33",
        ],
        [
            "an override token with a non-ASCII character",
            token(`${base}é`),
            "chatmrpt:originOverrideSecret (secret, 33 characters): must hold only visible ASCII characters (! to ~), as an HTTP header value carries them (RFC 9110 §5.5); it has a non-ASCII character at character 33",
        ],
    ];
    for (const [what, overrides, message] of cases) {
        it(`rejects ${what}, naming the key and what is allowed, and registers nothing`, async () => {
            const run = await runProd(overrides, false);
            assert.ok(run.error instanceof StackConfigError, errorOf(run));
            const problems = (run.error as StackConfigError).problems;
            assert.ok(
                problems.some((p) => p.startsWith(message)),
                `expected a problem starting with\n  ${message}\ngot\n  ${problems.join("\n  ")}`,
            );
            assert.ok(!problems.join("\n").includes(base), "a secret is never echoed");
            assert.deepStrictEqual(run.resources, []);
        });
    }
    it("still accepts old prod's public load balancer and a token of visible ASCII", async () => {
        const run = await runProd({ ...token(`${base}!~`), ...SITE }, false);
        assert.strictEqual(run.error, undefined, run.error === undefined ? "" : errorOf(run));
    });
});

describe("config AWS would refuse is rejected before any resource exists", () => {
    // [class, overrides, the problem it must list: key (value): what is allowed]
    const cases: [string, Record<string, string | undefined>, string][] = [
        [
            "an instance type that does not exist",
            { "chatmrpt:instanceType": "t3.8xlarge" },
            "chatmrpt:instanceType (t3.8xlarge): is not an EC2 instance type; t3 comes in t3.nano, t3.micro, t3.small, t3.medium, t3.large, t3.xlarge, t3.2xlarge",
        ],
        [
            "a cache node type that does not exist",
            { "chatmrpt:redisNodeType": "cache.t3.large" },
            "chatmrpt:redisNodeType (cache.t3.large): is not an ElastiCache node type; cache.t3 comes in cache.t3.micro, cache.t3.small, cache.t3.medium",
        ],
        [
            "an engine version that does not exist",
            { "chatmrpt:redisEngineVersion": "7.3" },
            "chatmrpt:redisEngineVersion (7.3): must be one of 6.0, 6.2, 7.0, 7.1 when chatmrpt:redisEngine is redis",
        ],
        [
            "an engine version of the other engine",
            { "chatmrpt:redisEngine": "valkey", "chatmrpt:redisEngineVersion": "7.1" },
            "chatmrpt:redisEngineVersion (7.1): must be one of 7.2, 8.0, 8.1, 8.2 when chatmrpt:redisEngine is valkey",
        ],
        [
            "a region that does not exist",
            { "aws:region": "us-east-9" },
            "aws:region (us-east-9): must be an AWS region such as us-east-2 (did you mean us-east-1?)",
        ],
        [
            "an availability zone that does not exist",
            { "chatmrpt:availabilityZones": JSON.stringify(["us-east-2a", "us-east-2d"]) },
            "chatmrpt:availabilityZones (us-east-2d): must be an availability zone of us-east-2: us-east-2a, us-east-2b, us-east-2c",
        ],
        [
            "the same availability zone twice",
            { "chatmrpt:availabilityZones": JSON.stringify(["us-east-2a", "us-east-2a"]) },
            "chatmrpt:availabilityZones (us-east-2a): is listed more than once",
        ],
        [
            "a cron hour out of range",
            { "chatmrpt:backupSchedule": "cron(0 25 ? * * *)" },
            'chatmrpt:backupSchedule (cron(0 25 ? * * *)): has a bad hours field (25): "25" is not 0-23',
        ],
        [
            "a cron with both day fields set",
            { "chatmrpt:backupSchedule": "cron(0 4 * * MON *)" },
            "chatmrpt:backupSchedule (cron(0 4 * * MON *)): must have ? in exactly one of day-of-month (*) and day-of-week (MON), such as cron(0 4 ? * * *)",
        ],
        [
            "a backup more often than hourly",
            { "chatmrpt:backupSchedule": "cron(0/15 * ? * * *)" },
            "chatmrpt:backupSchedule (cron(0/15 * ? * * *)): must run at most once an hour (AWS Backup's limit): the minutes field (0/15) must be one number",
        ],
        [
            "a snapshot window shorter than 60 minutes",
            { "chatmrpt:redisSnapshotWindow": "03:00-03:30" },
            "chatmrpt:redisSnapshotWindow (03:00-03:30): must be at least 60 minutes long (ElastiCache's minimum); it is 30",
        ],
        [
            "a maintenance window shorter than 60 minutes",
            { "chatmrpt:redisMaintenanceWindow": "sun:05:00-sun:05:30" },
            "chatmrpt:redisMaintenanceWindow (sun:05:00-sun:05:30): must be at least 60 minutes long (ElastiCache's minimum); it is 30",
        ],
        [
            "more tags than AWS allows with the program's own",
            { "chatmrpt:tags": tags(46) },
            "chatmrpt:tags (46 tags): must hold at most 45 tags: AWS allows 50 per resource and the program adds up to 5 of its own; found 46",
        ],
        [
            "a tag the program sets on each resource",
            { "chatmrpt:tags": JSON.stringify({ Name: "mine" }) },
            "chatmrpt:tags (Name): is set by the program and must not be overridden",
        ],
        [
            "a health-check path longer than the ALB allows (echo cut)",
            { "chatmrpt:healthCheckPath": longPath },
            `chatmrpt:healthCheckPath (${longPath.slice(0, 77)}…): must be at most 1024 characters (the ALB's limit); it has 1101`,
        ],
        [
            "an SSM parameter name deeper than 15 levels",
            { "chatmrpt:ami": `ssm:/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}` },
            "chatmrpt:ami (ssm:/l0/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/l15): must have at most 15 levels (Parameter Store's limit); it has 16",
        ],
        [
            "an SSM parameter name too long",
            { "chatmrpt:ami": `ssm:/${"p".repeat(1000)}` },
            `chatmrpt:ami (ssm:/${"p".repeat(72)}…): is too long: with its ARN it is 1045 characters, and Parameter Store allows 1011`,
        ],
        [
            "a duplicate subnet",
            adopt([SUBNETS[0], SUBNETS[0]], [SUBNETS[2], SUBNETS[3]]),
            "chatmrpt:publicSubnetIds (subnet-0123456789abcdef0): is listed more than once",
        ],
        [
            "a subnet both public and private",
            adopt([SUBNETS[0], SUBNETS[1]], [SUBNETS[1], SUBNETS[3]]),
            "chatmrpt:privateSubnetIds (subnet-0123456789abcdef1): is also in chatmrpt:publicSubnetIds; a subnet is either public or private",
        ],
        [
            "a duplicate alert email (any case)",
            { "chatmrpt:alertEmails": JSON.stringify(["ops@example.org", "OPS@example.org"]) },
            "chatmrpt:alertEmails (OPS@example.org): is listed more than once",
        ],
        [
            "a malformed alert email",
            { "chatmrpt:alertEmails": JSON.stringify(["ops@example..org"]) },
            "chatmrpt:alertEmails (ops@example..org): must be an email address such as ops@example.org",
        ],
        [
            "a hexadecimal number",
            { "chatmrpt:maxSize": "0x10" },
            "chatmrpt:maxSize (0x10): must be a whole number from 1 to 20, written as plain decimal (not 0x10, 1e3, 2. or with spaces)",
        ],
        [
            "an exponent",
            { "chatmrpt:maxSize": "1e1" },
            "chatmrpt:maxSize (1e1): must be a whole number from 1 to 20, written as plain decimal",
        ],
        [
            "a trailing dot",
            { "chatmrpt:maxSize": "4." },
            "chatmrpt:maxSize (4.): must be a whole number from 1 to 20, written as plain decimal",
        ],
        [
            "a leading space",
            { "chatmrpt:maxSize": " 4" },
            "chatmrpt:maxSize ( 4): must be a whole number from 1 to 20, written as plain decimal",
        ],
        [
            "a map where one value belongs",
            { "chatmrpt:instanceType": JSON.stringify({ size: "large" }) },
            'chatmrpt:instanceType ({"size":"large"}): must be a single value, not a map (in Pulumi.<stack>.yaml: chatmrpt:instanceType: <value>)',
        ],
        [
            "a key given twice in different case",
            { "chatmrpt:MinSize": "2" },
            "chatmrpt:minSize and chatmrpt:MinSize: the same key is given twice in different spellings; keep one",
        ],
        [
            "a misspelt key",
            { "chatmrpt:redisNodeTyp": "cache.t3.small" },
            "chatmrpt:redisNodeTyp: is not a known key; did you mean chatmrpt:redisNodeType?",
        ],
        [
            "a misspelt namespace",
            { "chatmprt:minSize": "3" },
            "chatmprt:minSize: namespace chatmprt: is not this project's; did you mean chatmrpt:minSize?",
        ],
        [
            "the origin named like the site",
            {
                "chatmrpt:domainName": "chatmrpt.org",
                "chatmrpt:domainStage": "request",
                "chatmrpt:originDomainName": "chatmrpt.org",
            },
            "chatmrpt:originDomainName (chatmrpt.org): must differ from chatmrpt:domainName",
        ],
    ];
    for (const [what, overrides, message] of cases) {
        it(`rejects ${what}, naming the key, and registers nothing`, async () => {
            const run = await runProd(overrides, false);
            const error = errorOf(run);
            assert.ok(run.error instanceof StackConfigError, error);
            assert.ok(
                (run.error as StackConfigError).problems.some((p) => p.startsWith(message)),
                `expected a problem starting with\n  ${message}\ngot\n  ${(run.error as StackConfigError).problems.join("\n  ")}`,
            );
            assert.deepStrictEqual(run.resources, []);
        });
    }

    it("rejects a plaintext value for a key that must be a secret, without echoing it", async () => {
        const dir = stackDir(
            REAL_STACK.replace(
                "  chatmrpt:shape: prod\n",
                "  chatmrpt:shape: prod\n  chatmrpt:redisAuthToken: plaintext-token-0123456789\n",
            ).replace("- ops@chatmrpt.example.org", "- oncall@chatmrpt-team.io"), // run as `up`: someone is paged
        );
        try {
            const file = readStackFile("prod", { root: dir });
            assert.ok(!file.secretKeys.includes("chatmrpt:redisAuthToken"));
            const run = await runOffline(() => runProgram(), {
                config: file.config,
                secretKeys: file.secretKeys,
                project: file.project,
                stack: file.stack,
                withStack: false,
            });
            const problems = (run.error as StackConfigError).problems;
            assert.deepStrictEqual(problems, [
                "chatmrpt:redisAuthToken (plaintext, 26 characters): must be a secret, not plaintext in the stack file; remove it and set it with `pulumi config set --secret chatmrpt:redisAuthToken <value>`",
            ]);
            assert.deepStrictEqual(run.resources, []);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("every problem at once: a component's own checks are made by the config layer too", async () => {
        const run = await runProd(
            {
                "chatmrpt:availabilityZones": JSON.stringify(["us-east-2a", "us-east-2a"]),
                "chatmrpt:domainName": "chatmrpt.org",
                "chatmrpt:domainStage": "request",
                "chatmrpt:originDomainName": "chatmrpt.org",
                "chatmrpt:maxSize": "1e1",
            },
            false,
        );
        const keys = (run.error as StackConfigError).problems.map((p) => p.split(" ")[0]);
        for (const key of ["chatmrpt:originDomainName", "chatmrpt:maxSize", "chatmrpt:availabilityZones"])
            assert.ok(keys.includes(key), keys.join(", "));
        assert.ok(
            keys.every((k) => k.startsWith("chatmrpt:")),
            keys.join(", "),
        );
        assert.deepStrictEqual(run.resources, []);
    });

    it("names the SSM parameter the program would create from the environment when AWS reserves its prefix", () => {
        const config = withOverrides(PROD.config, {});
        assert.throws(
            () =>
                loadStackConfig({
                    project: "aws-chat",
                    stack: "prod",
                    get: (k) => config[k],
                    keys: () => Object.keys(config),
                }),
            (e: StackConfigError) =>
                e.problems.includes(
                    "chatmrpt:environment (prod): names the SSM parameter /aws-chat/prod/redis/auth-token, which must not start with aws or ssm (reserved by AWS)",
                ),
        );
    });

    it("the program adds no more tags to any resource than the count the limit assumes", async () => {
        const run = await runProd();
        let most = 0;
        for (const r of run.resources.filter((x) => x.custom)) {
            const sets: Record<string, unknown>[] = [r.inputs.tags ?? {}];
            for (const spec of (r.inputs.tagSpecifications ?? []) as { tags?: Record<string, string> }[])
                sets.push(spec.tags ?? {});
            if (Array.isArray(r.inputs.tags))
                sets[0] = Object.fromEntries((r.inputs.tags as { key: string }[]).map((t) => [t.key, 1]));
            for (const set of sets) most = Math.max(most, Object.keys(set).length);
        }
        // prod sets no chatmrpt:tags, so every tag here is the program's own.
        assert.strictEqual(most, MAX_PROGRAM_TAGS_PER_RESOURCE);
    });
});

describe("stack files with the wrong structure say what is wrong", () => {
    it("a config section that is a list", () => {
        assert.deepStrictEqual(fileProblems("config:\n  - a\n  - b\n"), [
            "Pulumi.prod.yaml: config: must be a map of key: value; found a list",
        ]);
    });
    it("a file that is not a map", () => {
        assert.deepStrictEqual(fileProblems("- config\n"), [
            "Pulumi.prod.yaml: must be a map with a config: section; found a list",
        ]);
    });
    it("YAML that does not parse (a key repeated verbatim), with its line", () => {
        const problems = fileProblems('config:\n  chatmrpt:minSize: "2"\n  chatmrpt:minSize: "3"\n');
        assert.strictEqual(problems.length, 1);
        assert.match(
            problems[0],
            /^Pulumi\.prod\.yaml \(line 3\): is not valid YAML: duplicated mapping key/,
        );
    });
    it("a key with no value, a map nested too deep and a malformed secret, with the config's own problems, all at once", () => {
        const problems = fileProblems(
            REAL_STACK.replace(
                "  chatmrpt:shape: prod\n",
                "  chatmrpt:shape: prod\n  chatmrpt:appPort:\n  chatmrpt:tags:\n    team:\n      name: x\n  chatmrpt:redisAuthToken:\n    secure: [a]\n  chatmrpt:maxSize: 0x10\n",
            ).replace('  chatmrpt:maxSize: "4"\n', ""),
        );
        assert.deepStrictEqual(problems.slice(0, 3), [
            "chatmrpt:appPort: has no value; write chatmrpt:appPort: <value>, or remove the line",
            "chatmrpt:tags: holds a map nested more than one level deep; this program reads single values, lists of strings and maps of strings",
            "chatmrpt:redisAuthToken: a secret must be written as secure: <ciphertext> and nothing else (as `pulumi config set --secret` writes it)",
        ]);
        // Read as written: YAML would have turned 0x10 into 16.
        assert.ok(
            problems.includes(
                "chatmrpt:maxSize (0x10): must be a whole number from 1 to 20, written as plain decimal (not 0x10, 1e3, 2. or with spaces)",
            ),
            problems.join("\n"),
        );
    });
    it("a key given twice, with and without the namespace", () => {
        const problems = fileProblems(
            REAL_STACK.replace('  chatmrpt:minSize: "2"\n', '  chatmrpt:minSize: "2"\n  minSize: "3"\n'),
        );
        assert.strictEqual(
            problems[0],
            "Pulumi.prod.yaml: chatmrpt:minSize and minSize are the same key (chatmrpt:minSize) given twice; keep one",
        );
    });
    it("reads the real stack file with no problem, and only placeholders and secure: values as secrets", () => {
        assert.deepStrictEqual(PROD.secretKeys, ["chatmrpt:redisAuthToken", "chatmrpt:originOverrideSecret"]);
    });
});

describe("validators against AWS's rules", () => {
    it("AWS cron: accepts what EventBridge and AWS Backup document", () => {
        for (const ok of [
            "cron(0 4 ? * * *)",
            "cron(15 10 ? * 6L 2022-2023)",
            "cron(0 18 ? * MON-FRI *)",
            "cron(0 8 1 * ? *)",
            "cron(0/5 8-17 ? * MON-FRI *)",
            "cron(0 0 L * ? *)",
            "cron(0 9 ? * 2#1 *)",
            "cron(0 0 15W JAN,JUL ? 2199)",
        ]) {
            assert.strictEqual(checkAwsCron(ok), undefined, ok);
        }
    });
    it("AWS cron: rejects bad fields, saying which", () => {
        const cases: [string, string][] = [
            ["cron(60 4 ? * * *)", 'has a bad minutes field (60): "60" is not 0-59'],
            ["cron(0 4 32 * ? *)", 'has a bad day-of-month field (32): "32" is not 1-31'],
            ["cron(0 4 ? 13 * *)", 'has a bad month field (13): "13" is not 1-12 or JAN-DEC'],
            ["cron(0 4 ? * 8 *)", 'has a bad day-of-week field (8): "8" is not 1-7 or SUN-SAT'],
            ["cron(0 4 ? * * 1969)", 'has a bad year field (1969): "1969" is not 1970-2199'],
            ["cron(0 4 ? * 2#6 *)", 'has a bad day-of-week field (2#6): "2#6" is not 1-7 or SUN-SAT'],
            [
                "cron(0 4 ? * FRI-MON *)",
                'has a bad day-of-week field (FRI-MON): range "FRI-MON" must go from low to high',
            ],
            ["cron(0 4 ? ? * *)", 'has a bad month field (?): "?" is not 1-12 or JAN-DEC'],
            [
                "cron(0 4 ? * ? *)",
                "must have ? in exactly one of day-of-month (?) and day-of-week (?), such as cron(0 4 ? * * *)",
            ],
            [
                "cron(0 4 ? * *)",
                "must have six fields (minutes hours day-of-month month day-of-week year); found 5, such as cron(0 4 ? * * *)",
            ],
            [
                "rate(1 day)",
                "must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year), such as cron(0 4 ? * * *)",
            ],
        ];
        for (const [value, message] of cases) assert.strictEqual(checkAwsCron(value), message, value);
    });
    it("SSM names: characters, reserved prefixes for names the program creates, public /aws/service/ parameters readable", () => {
        assert.strictEqual(
            checkSsmParameterName("/chatmrpt/prod/app ami", { creating: false }),
            "must be an SSM parameter name of a-z A-Z 0-9 _ . - with / between levels, such as /chatmrpt/prod/app-ami-id",
        );
        assert.strictEqual(
            checkSsmParameterName("/ssm/x", { creating: true }),
            "must not start with aws or ssm (reserved by AWS)",
        );
        assert.strictEqual(
            checkSsmParameterName("/AWS/x", { creating: true }),
            "must not start with aws or ssm (reserved by AWS)",
        );
        assert.strictEqual(
            checkSsmParameterName("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", {
                creating: false,
            }),
            undefined,
        );
    });
    it("emails: dot-atoms and DNS domains only", () => {
        for (const bad of [
            "ops@@example.org",
            "ops@example",
            ".ops@example.org",
            "ops.@example.org",
            "op s@example.org",
            "ops@-example.org",
        ])
            assert.ok(checkEmail(bad), bad);
        for (const good of ["ops@example.org", "ops+alerts@chatmrpt.example.org", "o'brien@example.co.uk"])
            assert.strictEqual(checkEmail(good), undefined, good);
    });
    it("the kept lists come from their sources and agree with the components", () => {
        assert.ok(
            EC2_INSTANCE_TYPES.has("t3.large") &&
                !EC2_INSTANCE_TYPES.has("t3.8xlarge") &&
                EC2_INSTANCE_TYPES.size > 500,
        );
        for (const type of Object.keys(CACHE_NODE_TYPES))
            assert.strictEqual(cacheNodeVcpus(type), CACHE_NODE_TYPES[type], type);
    });
    it("cuts long values in the echo", () => {
        assert.strictEqual(echo("x".repeat(81)), `${"x".repeat(77)}…`);
        assert.strictEqual(echo("x".repeat(80)), "x".repeat(80));
    });
});
