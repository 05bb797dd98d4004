/**
 * Runs the real program under Pulumi's mock runtime and records every resource
 * registration the way the engine sees it: type, name, URN, inputs, parent,
 * dependencies, property dependencies, provider and options (protect included).
 *
 * The mocks are strict: an invoke nobody mocked throws `Mock not implemented: <token>`,
 * and computed outputs are filled the way AWS fills them (ARNs, IDs, DNS names,
 * autonamed names; see ./outputs), so code that reads them behaves as it would against the cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    forgetPendingRegistrations,
    installMockMonitor,
    outputValue,
    skipSdkStackCaptures,
    waitForRPCs,
} from "../../components/lib/pulumiInternals";
import { RecordedInvoke, RecordedResource, PreviewBase } from "./records";
import { RecordingMonitor, unwrapSecrets } from "./recordingMonitor";

export { AUTONAMED, MOCK_ACCOUNT_ID, computeOutputs, previewOutputs } from "./outputs";
export {
    MOCK_IMAGES,
    MOCK_SSM_PARAMETERS,
    mockInvoke,
    STAND_IN_IMAGE_ID,
    VPC_ORIGIN_SERVICE_SG_NAME,
} from "./invokes";
export type { InvokeContext, MockImage } from "./invokes";
export { UNKNOWN } from "./records";
export type { Change, PreviewBase, RecordedInvoke, RecordedProps, RecordedResource } from "./records";

/** What one offline run of the program produced. */
export interface OfflineRun<T> {
    readonly resources: RecordedResource[];
    readonly invokes: RecordedInvoke[];
    /** Component (and stack) URN → the output names it registered. */
    readonly outputsRegistered: Map<string, string[]>;
    /** What the program returned (or threw). */
    readonly result?: T;
    readonly error?: unknown;
    /** The program's outputs resolved to plain values (secrets unwrapped). */
    readonly outputs?: Record<string, unknown>;
    /** With {@link RunOfflineOptions.standIns}: what the run stood in for because only AWS knows it, one sentence each. */
    readonly standIns: string[];
    /** The warnings the program logged (`pulumi.log.warn`), which `pulumi preview` and `up` print. */
    readonly warnings: string[];
}

/** How the engine runs the program: `pulumi up` or `pulumi preview` (what `pulumi.runtime.isDryRun()` answers). */
export type EngineMode = "up" | "preview";

/** Options of {@link runOffline}. */
export interface RunOfflineOptions {
    readonly project?: string;
    readonly stack?: string;
    /** Full config map (`chatmrpt:minSize` → "2"). */
    readonly config: Record<string, string>;
    /** Keys in `config` that are secrets. */
    readonly secretKeys?: string[];
    /**
     * Run as `pulumi preview` against this base: the SDK runs in dry-run mode, resources the
     * base lacks or whose inputs differ get unknown computed outputs ({@link previewOutputs}),
     * inputs built from those stay unknown, and apply() callbacks on them do not run.
     * @default - a `pulumi up`: every output known
     */
    readonly preview?: PreviewBase;
    /**
     * `up`: `pulumi.runtime.isDryRun()` is false, as in `pulumi up`. `preview`: it is true, as
     * in `pulumi preview` (the SDK then treats outputs the engine did not return as unknown).
     * @default - "preview" with a {@link preview} base, else "up"
     */
    readonly mode?: EngineMode;
    /** Register a root Stack resource as the engine does. @default true */
    readonly withStack?: boolean;
    /**
     * Answer what only AWS can (an AMI parameter or image the mocked account lacks) with a
     * documented stand-in, and say so in {@link OfflineRun.standIns}; the CLIs set it.
     * @default false - answered as AWS answers a missing one, with an error
     */
    readonly standIns?: boolean;
}

/** What the program returned or threw, filled in as it runs (a run stopped early keeps what it had). */
interface Ran<T> {
    result?: T;
    error?: unknown;
    outputs?: Record<string, unknown>;
}

/** Runs the program in the Pulumi stack (or bare), keeping what it returned or threw in `ran`. */
async function execute<T>(program: () => T, withStack: boolean, ran: Ran<T>): Promise<void> {
    try {
        if (!withStack) {
            ran.result = program();
            ran.outputs = await resolveOutputs(ran.result);
        } else {
            // The error is kept here rather than thrown through the Stack resource, where it
            // would also surface as an unhandled rejection of the stack's outputs.
            await pulumi.runtime.runInPulumiStack(async () => {
                try {
                    ran.result = program();
                    ran.outputs = await resolveOutputs(ran.result);
                    return ran.result as pulumi.Inputs | undefined;
                } catch (e) {
                    ran.error = e;
                    return undefined;
                }
            });
        }
    } catch (e) {
        ran.error = e;
    }
    await waitForRPCs();
    await new Promise((done) => setImmediate(done));
}

/**
 * Runs `program` under the mock runtime with `config` and returns every resource it
 * registered. Runs are sequential: Pulumi's runtime is process-global.
 */
export async function runOffline<T>(program: () => T, options: RunOfflineOptions): Promise<OfflineRun<T>> {
    const region = options.config["aws:region"] ?? "us-east-1";
    const mode = options.mode ?? (options.preview === undefined ? "up" : "preview");
    if (mode === "up" && options.preview !== undefined)
        throw new Error('runOffline: a preview base needs mode "preview" (an up knows every output)');
    const standIns: string[] = [];
    const monitor = new RecordingMonitor(region, options.preview, options.standIns ? standIns : undefined);
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
    skipSdkStackCaptures();
    installMockMonitor(monitor, options.project ?? "chatmrpt", options.stack ?? "prod", mode === "preview");

    // An Output that rejects inside a resource's inputs (a check that can only run once a
    // data source answered) fails the update in the real engine; here it is the run's error,
    // not a crash of the process.
    const rejections: unknown[] = [];
    let rejected: () => void = () => undefined;
    const firstRejection = new Promise<void>((done) => {
        rejected = done;
    });
    const onRejection = (reason: unknown) => {
        rejections.push(reason);
        rejected();
    };
    process.on("unhandledRejection", onRejection);
    const warnings: string[] = [];
    const stopRecording = recordWarnings(warnings);
    const ran: Ran<T> = {};
    try {
        // The engine stops the program at the first unhandled rejection: what depends on the
        // failed resource never registers (nor do the stack's outputs resolve), so stop there too.
        await Promise.race([execute(program, options.withStack !== false, ran), firstRejection]);
    } catch (e) {
        rejections.push(e);
    } finally {
        process.off("unhandledRejection", onRejection);
        stopRecording();
    }
    let error = ran.error;
    if (rejections.length > 0) {
        if (error === undefined) error = rejections[0];
        // The abandoned registrations are expected to stay pending; the next run resets the RPC state.
        forgetPendingRegistrations();
    }
    return {
        resources: monitor.records,
        invokes: monitor.invokes,
        outputsRegistered: monitor.outputsRegistered,
        result: ran.result,
        error,
        outputs: ran.outputs,
        standIns,
        warnings,
    };
}

/** How the SDK prints `pulumi.log.warn` when no engine is connected (log/index.js), as the mocks run. */
const SDK_WARNING = "warning: [runtime] ";

/**
 * Records the program's warnings instead of printing them: with no engine connected the
 * SDK writes `pulumi.log.warn` to the console, where the engine would show a diagnostic.
 * Returns what restores the console.
 */
function recordWarnings(into: string[]): () => void {
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
        const [first] = args;
        if (args.length === 1 && typeof first === "string" && first.startsWith(SDK_WARNING))
            into.push(first.slice(SDK_WARNING.length));
        else original(...args);
    };
    return () => {
        console.warn = original;
    };
}

/** Resolves every Output in a plain object of Outputs (secrets unwrapped). */
export async function resolveOutputs(value: unknown): Promise<Record<string, unknown>> {
    if (value === null || typeof value !== "object") return {};
    const entries = await Promise.all(
        Object.entries(value as Record<string, unknown>).map(
            async ([k, v]) => [k, await resolve(v)] as const,
        ),
    );
    return Object.fromEntries(entries);
}

/** The value of an Output (or plain value) as a promise ({@link UNKNOWN} where a preview does not know it). */
export async function resolve<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
    // apply() never runs on an unknown value; the Output's own promise(withUnknowns) does resolve.
    return unwrapSecrets(await outputValue(value)) as T | undefined;
}
