// The Pulumi SDK internals this project touches (components/lib/pulumiInternals.ts), each
// checked against the installed SDK: an upgrade that renames, moves or changes one fails here,
// naming it, instead of the plaintext-secret check or the offline engine failing obscurely.
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import * as policyProxy from "@pulumi/policy/proxy";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import {
    configSecretKeys,
    MESSAGE_GETTERS,
    MockMonitor,
    mockUrn,
    outputValue,
    SDK_STACK_CAPTURE,
    SIGNATURES,
    TYPE_TOKEN_DECLARATION,
    typeTokenOf,
    UNKNOWN_VALUE,
    waitForRPCs,
} from "../components/lib/pulumiInternals";
import { runOffline } from "../offline/engine/mockRuntime";

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

    it("the SDK captures its own stacks where SDK_STACK_CAPTURE says, and only those go unformatted", async () => {
        // What the SDK runs for each tracked promise and for each resource it registers.
        const captureBoth = () => {
            const tracked = Promise.resolve(1);
            // Internal (not in the typings): the wrapper the SDK puts around each promise it tracks.
            const { debuggablePromise } = debuggable as unknown as {
                debuggablePromise(p: Promise<unknown>, ctx: string): Promise<unknown>;
            };
            void debuggablePromise(tracked, "test");
            const callsites = (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites();
            return {
                trace: (tracked as unknown as { _debugStackTrace: string })._debugStackTrace,
                callsites,
            };
        };
        const installed = Error.prepareStackTrace;
        const topFiles: string[] = [];
        Error.prepareStackTrace = (_error, frames) => {
            topFiles.push(frames[0]?.getFileName() ?? "(none)");
            return "";
        };
        try {
            captureBoth();
        } finally {
            Error.prepareStackTrace = installed;
        }
        assert.strictEqual(topFiles.length, 2, topFiles.join(", "));
        for (const file of topFiles) assert.match(file, SDK_STACK_CAPTURE);
        // With the shortcut installed (test/fastStacks.ts, as runOffline installs it in the CLIs).
        const shortened = captureBoth();
        assert.deepStrictEqual(shortened, { trace: "Error: ", callsites: [] });
        assert.match(new Error("ours").stack!, /^Error: ours\n {4}at /);
    });

    it("reads a provider class's type token, in code and in the SDK's compiled files", () => {
        assert.strictEqual(typeTokenOf(aws.s3.BucketV2), "aws:s3/bucketV2:BucketV2");
        const file = require.resolve("@pulumi/aws/s3/bucketV2");
        assert.strictEqual(
            TYPE_TOKEN_DECLARATION.exec(fs.readFileSync(file, "utf8"))?.[1],
            "aws:s3/bucketV2:BucketV2",
        );
    });
});
