import * as assert from "assert";
import * as path from "path";
import { CANARY_ARTIFACTS_PREFIX, CANARY_CODE_KEY } from "../components/endpointCanary";
import { validateSecureBucketArgs } from "../components/secureBucket";
import { OfflineRun, RecordedResource } from "../offline/engine/mockRuntime";
import { baseOf, checkStack, readPackConfig, StackCheck } from "../offline/policy/checkStack";
import { mayMatch } from "../policies/rules/lifecycleSparesManagedObjects";
import { UNKNOWN } from "../policies/lib/known";
import { named, ROOT, runProdOk } from "./helpers";

const PACK_CONFIG = readPackConfig(path.join(ROOT, "policies", "config.prod.json"));
const POLICY = "lifecycle-spares-managed-objects";

/**
 * An independent reading of the recorded stack (not the policy's code): every enabled rule
 * that expires current objects, and the key prefix its filter selects ("" is every key).
 */
function expiringPrefixes(lifecycle: RecordedResource): { id: string; prefix: string }[] {
    const rules = lifecycle.inputs.rules as Record<string, any>[];
    return rules
        .filter(
            (r) =>
                r.status === "Enabled" &&
                r.expiration !== undefined &&
                (r.expiration.days !== undefined || r.expiration.date !== undefined),
        )
        .map((r) => ({ id: r.id, prefix: r.filter?.prefix ?? r.filter?.and?.prefix ?? r.prefix ?? "" }));
}

describe("no lifecycle rule expires an object the program manages (issue 22)", () => {
    for (const wafMode of ["count", "block"]) {
        describe(`the recorded prod stack, wafMode ${wafMode}`, () => {
            let run: OfflineRun<unknown>;
            before(async () => {
                run = await runProdOk({ "chatmrpt:wafMode": wafMode });
            });

            it("for every bucket object and every expiring rule on its bucket, the rule's filter misses the object's key", () => {
                const objects = run.resources.filter(
                    (r) =>
                        r.type === "aws:s3/bucketObjectv2:BucketObjectv2" ||
                        r.type === "aws:s3/bucketObject:BucketObject",
                );
                const lifecycles = run.resources.filter(
                    (r) => r.type === "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                );
                assert.ok(objects.length >= 1, "the canary's code is a managed object");
                let pairs = 0;
                for (const object of objects) {
                    for (const lifecycle of lifecycles.filter(
                        (l) => l.inputs.bucket === object.inputs.bucket,
                    )) {
                        for (const rule of expiringPrefixes(lifecycle)) {
                            pairs++;
                            assert.ok(
                                !String(object.inputs.key).startsWith(rule.prefix),
                                `${lifecycle.name} rule ${rule.id} (prefix "${rule.prefix}") expires ${object.inputs.key}`,
                            );
                        }
                    }
                }
                assert.ok(pairs >= 1, "the canary's bucket has an expiring rule: the check above ran");
            });

            it("the canary's artifacts expire under the prefix Synthetics writes them to, and its code lives outside it", () => {
                const canary = named(run, "chatmrpt-endpoints-canary");
                const bucket = named(run, "chatmrpt-endpoints-artifacts-bucket").outputs.bucket;
                assert.strictEqual(
                    canary.inputs.artifactS3Location,
                    `s3://${bucket}/${CANARY_ARTIFACTS_PREFIX}`,
                );
                assert.strictEqual(canary.inputs.s3Key, CANARY_CODE_KEY);
                assert.ok(!CANARY_CODE_KEY.startsWith(CANARY_ARTIFACTS_PREFIX));
                assert.deepStrictEqual(named(run, "chatmrpt-endpoints-artifacts-lifecycle").inputs.rules, [
                    {
                        id: "abort-incomplete-multipart-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                    // Old versions of the code may go: the canary runs the current one (s3Version).
                    {
                        id: "expire-noncurrent-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: 1 },
                    },
                    {
                        id: "expire-objects",
                        status: "Enabled",
                        filter: { prefix: "runs/" },
                        expiration: { days: 14 },
                    },
                ]);
            });
        });
    }

    describe(`the ${POLICY} policy in the three engine views`, () => {
        let up: StackCheck;
        before(async () => {
            up = await checkStack({ packConfig: PACK_CONFIG });
        });
        /** The bucket-wide expiry that deleted the canary's code after 14 days. */
        const bucketWide = (r: OfflineRun<unknown>) => {
            const lifecycle = r.resources.find((x) => x.name === "chatmrpt-endpoints-artifacts-lifecycle")!;
            for (const props of [lifecycle.inputs, lifecycle.outputs]) {
                if (props === undefined || !Array.isArray(props.rules)) continue;
                props.rules = props.rules.map((rule: Record<string, unknown>) =>
                    rule.id === "expire-objects" ? { ...rule, filter: {} } : rule,
                );
            }
        };
        const findings = (c: StackCheck) =>
            c.evaluation.violations.filter((v) => v.policy === POLICY).map((v) => v.message);
        const expected = [
            "lifecycle rule expire-objects on bucket chatmrpt-endpoints-artifacts-bucket would expire chatmrpt-endpoints-code (key code/endpoint-check.zip): " +
                "scope the rule's filter to a prefix the program writes no object under",
        ];

        it("prod passes in up, refreshed and preview", async () => {
            assert.deepStrictEqual(findings(up), []);
            assert.deepStrictEqual(
                findings(await checkStack({ packConfig: PACK_CONFIG, view: "refreshed" })),
                [],
            );
            assert.deepStrictEqual(
                findings(await checkStack({ packConfig: PACK_CONFIG, view: "preview", base: "empty" })),
                [],
            );
        });

        it("a bucket-wide expiry is refused in up, refreshed and a preview against prod", async () => {
            assert.deepStrictEqual(
                findings(await checkStack({ packConfig: PACK_CONFIG, mutate: bucketWide })),
                expected,
            );
            assert.deepStrictEqual(
                findings(
                    await checkStack({ packConfig: PACK_CONFIG, view: "refreshed", mutate: bucketWide }),
                ),
                expected,
            );
            assert.deepStrictEqual(
                findings(
                    await checkStack({
                        packConfig: PACK_CONFIG,
                        view: "preview",
                        base: baseOf(up),
                        mutate: bucketWide,
                    }),
                ),
                expected,
            );
        });

        it("mandatory: it fails the run", async () => {
            const check = await checkStack({ packConfig: PACK_CONFIG, mutate: bucketWide });
            assert.strictEqual(check.failed, true);
        });
    });

    describe("which rules may select an object", () => {
        const object = { key: "code/endpoint-check.zip", tags: { Project: "chatmrpt" } };
        it("an empty filter selects everything; a prefix only its keys", () => {
            assert.strictEqual(mayMatch({ id: "all", prefixes: [], tags: {} }, object), true);
            assert.strictEqual(mayMatch({ id: "runs", prefixes: ["runs/"], tags: {} }, object), false);
            assert.strictEqual(mayMatch({ id: "code", prefixes: ["code/"], tags: {} }, object), true);
        });
        it("a tag filter selects the objects with that tag and value", () => {
            assert.strictEqual(
                mayMatch({ id: "t", prefixes: [], tags: { Project: "chatmrpt" } }, object),
                true,
            );
            assert.strictEqual(
                mayMatch({ id: "t", prefixes: [], tags: { Project: "other" } }, object),
                false,
            );
            assert.strictEqual(
                mayMatch({ id: "t", prefixes: ["code/"], tags: { Kind: "log" } }, object),
                false,
            );
        });
        it("what a preview does not know may match", () => {
            assert.strictEqual(mayMatch({ id: "u", prefixes: [UNKNOWN], tags: {} }, object), true);
            assert.strictEqual(
                mayMatch({ id: "u", prefixes: ["runs/"], tags: {} }, { key: UNKNOWN, tags: {} }),
                true,
            );
        });
    });

    it("SecureBucket refuses an expiration prefix S3 would not scope by, or one without expirationDays", () => {
        const ok = { noncurrentDays: 1, abortDays: 7, expirationDays: 14 };
        assert.doesNotThrow(() => validateSecureBucketArgs({ ...ok, expirationPrefix: "runs/" }));
        assert.throws(() => validateSecureBucketArgs({ ...ok, expirationPrefix: "runs" }), {
            message:
                "expirationPrefix (runs) must be a key prefix of letters, digits, ! _ . * ' ( ) - and /, ending with /",
        });
        assert.throws(
            () => validateSecureBucketArgs({ noncurrentDays: 1, abortDays: 7, expirationPrefix: "runs/" }),
            { message: "expirationPrefix (runs/) needs expirationDays" },
        );
    });
});
