// The Pulumi SDK internals this project touches (components/lib/pulumiInternals/), each
// checked against the installed SDK: an upgrade that renames, moves or changes one fails here,
// naming it, instead of the plaintext-secret check or the offline engine failing obscurely.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as policyProxy from "@pulumi/policy/proxy";
import {
    configSecretKeys,
    MESSAGE_GETTERS,
    MockMonitor,
    mockUrn,
    outputValue,
    SIGNATURES,
    TYPE_TOKEN_DECLARATION,
    typeTokenOf,
    UNKNOWN_VALUE,
    waitForRPCs,
} from "../components/lib/pulumiInternals";
import { CLOSURE_SERIALIZER_DEPS } from "../components/lib/pulumiInternals/deferredSdkParts";
import { runOffline } from "../offline/engine/mockRuntime";
import { PROJECT_ROOT } from "../offline/engine/projectRoot";

describe("Pulumi SDK internals (the adapter an SDK upgrade must keep working)", () => {
    it("the unknown sentinel is the one @pulumi/policy treats as unknown", () => {
        // Not in @pulumi/policy's typings either: read as the proxy module exports it.
        assert.strictEqual(
            UNKNOWN_VALUE,
            (policyProxy as unknown as { unknownStringValue: string }).unknownStringValue,
        );
        assert.match(UNKNOWN_VALUE, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it("a secret crosses the wire wrapped in the secret signature", async () => {
        // Under the mock monitor, which tells the SDK it supports secrets, as the engine does.
        const run = await runOffline(() => ({}), { config: {}, withStack: false });
        assert.strictEqual(run.error, undefined);
        const wire = await pulumi.runtime.serializeProperties(
            "test",
            { s: pulumi.secret("x") },
            { keepOutputValues: false },
        );
        assert.deepStrictEqual(wire.s, { [SIGNATURES.key]: SIGNATURES.secret, value: "x" });
        assert.notStrictEqual(SIGNATURES.asset, SIGNATURES.archive);
    });

    it("reads the stack's secret config keys where the engine puts them", async () => {
        let seen: string[] | undefined;
        const run = await runOffline(
            () => {
                seen = configSecretKeys();
                return {};
            },
            {
                config: { "chatmrpt:a": "1", "chatmrpt:b": "2" },
                secretKeys: ["chatmrpt:b"],
                withStack: false,
            },
        );
        assert.strictEqual(run.error, undefined);
        assert.deepStrictEqual(seen, ["chatmrpt:b"]);
        // And the SDK's public check agrees with what the adapter read.
        assert.strictEqual(new pulumi.Config("chatmrpt").get("b") !== undefined, true);
    });

    it("the SDK's mock monitor still has the private newUrn the preview base needs", () => {
        const monitor = new MockMonitor({ call: () => ({}), newResource: () => ({ id: "", state: {} }) });
        assert.strictEqual(
            mockUrn(monitor, "", "aws:s3/bucketV2:BucketV2", "b").endsWith("::aws:s3/bucketV2:BucketV2::b"),
            true,
        );
        assert.strictEqual(typeof waitForRPCs, "function");
    });

    it("the protobuf messages still have every getter the recording monitor reads", () => {
        const classes: Record<keyof typeof MESSAGE_GETTERS, { prototype: object }> = {
            RegisterResourceRequest: resourcePb.RegisterResourceRequest,
            RegisterResourceResponse: resourcePb.RegisterResourceResponse,
            RegisterResourceOutputsRequest: resourcePb.RegisterResourceOutputsRequest,
        };
        const missing = Object.entries(MESSAGE_GETTERS).flatMap(([message, getters]) =>
            getters
                .filter(
                    (g) =>
                        typeof (
                            classes[message as keyof typeof MESSAGE_GETTERS].prototype as Record<
                                string,
                                unknown
                            >
                        )[g] !== "function",
                )
                .map((g) => `${message}.${g}`),
        );
        assert.deepStrictEqual(missing, []);
    });

    it("an unknown Output resolves to the sentinel's Output form, a known one to its value", async () => {
        assert.strictEqual(await outputValue(pulumi.output("v")), "v");
        assert.strictEqual(pulumi.isUnknown(await outputValue(pulumi.output(pulumi.unknown))), true);
    });

    it("reads a provider class's type token, in code and in the SDK's compiled files", () => {
        assert.strictEqual(typeTokenOf(aws.s3.BucketV2), "aws:s3/bucketV2:BucketV2");
        const file = require.resolve("@pulumi/aws/s3/bucketV2");
        assert.strictEqual(
            TYPE_TOKEN_DECLARATION.exec(fs.readFileSync(file, "utf8"))?.[1],
            "aws:s3/bucketV2:BucketV2",
        );
    });

    describe("the stacks the offline engine stops the SDK capturing", () => {
        type Debuggable = {
            debugPromiseLeaks: boolean;
            debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
            leakedPromises(): [Set<Promise<unknown>>, string];
        };
        const sdk = debuggable as unknown as Debuggable;
        const resourceClass = pulumi.Resource as unknown as { stackTrace(skip?: number): unknown[] };
        const bucket = () => {
            new aws.s3.BucketV2("b");
            return {};
        };

        it("the SDK still reaches both through the properties the engine replaces", async () => {
            // An upgrade that bound either one directly would keep capturing: counted here.
            const seen = { promises: 0, traces: 0 };
            const [promise, trace] = [sdk.debuggablePromise, resourceClass.stackTrace];
            sdk.debuggablePromise = (p, ctx) => {
                seen.promises++;
                return promise(p, ctx);
            };
            resourceClass.stackTrace = (skip) => {
                seen.traces++;
                return trace(skip);
            };
            try {
                const run = await runOffline(bucket, { config: {}, withStack: false });
                assert.strictEqual(run.error, undefined);
            } finally {
                [sdk.debuggablePromise, resourceClass.stackTrace] = [promise, trace];
            }
            assert.strictEqual(seen.traces, 1);
            assert.ok(seen.promises > 0, "debuggablePromise was never called through its export");
            assert.strictEqual(sdk.debugPromiseLeaks, false);
        });

        it("keeps the SDK's leak tracking: pending promises are candidates, settled ones are not", async () => {
            const run = await runOffline(bucket, { config: {}, withStack: false });
            assert.strictEqual(run.error, undefined);
            sdk.leakedPromises(); // starts from an empty set
            const never = new Promise(() => undefined);
            void sdk.debuggablePromise(never, "never settles");
            const settled = sdk.debuggablePromise(Promise.resolve(1), "settles");
            const failure = new Error("no");
            const rejected = sdk.debuggablePromise(Promise.reject(failure), "rejects");
            assert.strictEqual(await settled, 1);
            await assert.rejects(rejected, (e: unknown) => e === failure);
            assert.strictEqual((failure as unknown as { promise?: unknown }).promise !== undefined, true);
            const [leaked] = sdk.leakedPromises();
            assert.deepStrictEqual([...leaked], [never]);
        });
    });

    describe("what the offline CLIs defer: the SDK's closure-serialization dependencies", () => {
        it("the SDK still requires each from the file the deferral resolves it for", () => {
            const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
            for (const dep of CLOSURE_SERIALIZER_DEPS) {
                const source = fs.readFileSync(path.join(sdkRoot, dep.requiredBy), "utf8");
                assert.ok(
                    source.includes(`require("${dep.request}")`),
                    `${dep.requiredBy} requires ${dep.request}`,
                );
            }
        });

        it("loads neither with the SDK, and each on first use, where closures still serialize", () => {
            // A fresh process: this one loaded the SDK, and TypeScript, long ago.
            const built = path.join(
                PROJECT_ROOT,
                "build",
                "components",
                "lib",
                "pulumiInternals",
                "deferredSdkParts.js",
            );
            const child = `
                const path = require("path");
                const rel = (f) => path.relative(process.cwd(), f);
                const { deferClosureSerializerDeps } = require(${JSON.stringify(built)});
                const deferred = deferClosureSerializerDeps().map(rel);
                const again = deferClosureSerializerDeps().map(rel);
                const pulumi = require("@pulumi/pulumi");
                // Files of either package loaded, other than the stand-ins' own cache entries.
                const heavy = () => Object.keys(require.cache).map(rel)
                    .filter((f) => ["typescript", "@npmcli/arborist"].some((m) => f.startsWith("node_modules/" + m + "/")))
                    .filter((f) => !deferred.includes(f)).sort();
                const loadedWithSdk = heavy();
                const afterSdk = deferClosureSerializerDeps().map(rel);
                const codePaths = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "runtime", "closure");
                const arborist = require(require.resolve("@npmcli/arborist", { paths: [codePaths] }));
                pulumi.runtime.serializeFunction(function add(a, b) { return a + b; }).then((fn) => {
                    console.log(JSON.stringify({ deferred, again, loadedWithSdk, afterSdk,
                        arboristClass: typeof arborist.Arborist, esModule: arborist.__esModule,
                        serialized: fn.text.includes("return a + b"),
                        loadedOnUse: heavy().filter((f) => ["lib/typescript.js", "lib/arborist/index.js"].some((e) => f.endsWith(e))) }));
                });`;
            const out = JSON.parse(
                execFileSync(process.execPath, ["-e", child], {
                    cwd: PROJECT_ROOT,
                    encoding: "utf8",
                    stdio: "pipe",
                }),
            ) as Record<string, unknown>;
            assert.deepStrictEqual(out, {
                deferred: [
                    "node_modules/@pulumi/pulumi/typescript-shim.js",
                    "node_modules/@npmcli/arborist/lib/index.js",
                ],
                again: [],
                loadedWithSdk: [],
                afterSdk: [],
                arboristClass: "function",
                esModule: true,
                serialized: true,
                // The first use of each loaded the real module: TypeScript itself, Arborist's class.
                loadedOnUse: [
                    "node_modules/@npmcli/arborist/lib/arborist/index.js",
                    "node_modules/typescript/lib/typescript.js",
                ],
            });
        });
    });
});
