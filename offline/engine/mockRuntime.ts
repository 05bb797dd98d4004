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
    deserializeProperties,
    forgetPendingRegistrations,
    installMockMonitor,
    MockMonitor,
    mockUrn,
    outputValue,
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
    SIGNATURES,
    UNKNOWN_VALUE,
    CustomTimeoutsMessage,
    waitForRPCs,
} from "../../components/lib/pulumiInternals";
import { mockInvoke } from "./invokes";
import { computeOutputs, previewOutputs, Props } from "./outputs";

export { AUTONAMED, MOCK_ACCOUNT_ID, computeOutputs, previewOutputs } from "./outputs";
export {
    MOCK_IMAGES,
    MOCK_SSM_PARAMETERS,
    mockInvoke,
    STAND_IN_IMAGE_ID,
    VPC_ORIGIN_SERVICE_SG_NAME,
} from "./invokes";
export type { InvokeContext, MockImage } from "./invokes";

/**
 * Recorded properties: plain data as the engine received it, of every resource type's
 * shape. Typed loosely on purpose, as the SDK's own mock monitor types them: tests, the
 * plan and the policy harness read deep paths of many types, which a reader narrows.
 */
export type RecordedProps = Record<string, any>;

/** One resource as the engine received it. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly id: string;
    readonly custom: boolean;
    /** Inputs, secrets unwrapped (policies see plain values, as in the engine). */
    readonly inputs: RecordedProps;
    /** Inputs plus the outputs the mocks computed. */
    readonly outputs: RecordedProps;
    readonly parent?: string;
    readonly provider?: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: string[];
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    readonly additionalSecretOutputs: string[];
    /** The customTimeouts option, when set (how long the engine waits on create/update/delete). */
    readonly customTimeouts?: {
        readonly create?: string;
        readonly update?: string;
        readonly delete?: string;
    };
    /** Region the resource is created in (its provider's, or the stack's). */
    readonly region: string;
    /** The `import` option: the ID of the existing cloud resource the engine adopts. */
    readonly importId?: string;
    /** What a preview does with it against its base: `same` (outputs known), `create` or `update` (computed outputs unknown). Always `same` in `up`. */
    readonly change?: Change;
}

/** A resource's step in a preview: kept as in the base, created, or changed. */
export type Change = "same" | "create" | "update";

/**
 * A preview's base: the resources of the deployed state (e.g. main's plan). Given a
 * resource's URN and inputs (unknowns as {@link UNKNOWN}), says what the preview does.
 */
export type PreviewBase = (urn: string, inputs: Props) => Change;

/** One invoke (data source call) the program made. */
export interface RecordedInvoke {
    readonly token: string;
    readonly args: Props;
}

/**
 * The engine's unknown sentinel: the SDK serializes an unknown Output as this string
 * (`rpc.unknownValue`), and @pulumi/policy's `unknownCheckingProxy` throws
 * `UnknownValueError` when a policy reads it (its `unknownStringValue`).
 */
export const UNKNOWN = UNKNOWN_VALUE;

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return (
        value !== null &&
        typeof value === "object" &&
        [Object.prototype, null].includes(Object.getPrototypeOf(value))
    );
}

function unwrapSecrets(value: unknown): unknown {
    if (pulumi.isUnknown(value)) return UNKNOWN;
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    // Only plain data: an Output or a Resource answers every property with another Output.
    if (!isPlainObject(value)) return value;
    if (value[SIGNATURES.key] === SIGNATURES.secret) return unwrapSecrets(value.value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
}

const unwrapProps = (value: unknown): Props => unwrapSecrets(value) as Props;

/** The wire signature of an asset or archive; undefined for anything else. */
function assetSignature(value: unknown): string | undefined {
    if (pulumi.asset.Asset.isInstance(value)) return SIGNATURES.asset;
    return pulumi.asset.Archive.isInstance(value) ? SIGNATURES.archive : undefined;
}

/**
 * A recorded copy of props: assets and archives hold their contents behind promises, so
 * they are recorded as what the engine is sent (the signature) and their kind, and a
 * record stays plain data that tests and the mutation harness can clone.
 */
function recordable(value: unknown): unknown {
    const signature = assetSignature(value);
    if (signature) return { [SIGNATURES.key]: signature, kind: (value as object).constructor.name };
    if (Array.isArray(value)) return value.map(recordable);
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordable(v)]));
    }
    return value;
}

const recordableProps = (value: Props): Props => recordable(value) as Props;

/** The customTimeouts a registration carries; undefined when none is set. */
function timeoutsOf(t: CustomTimeoutsMessage | undefined): RecordedResource["customTimeouts"] {
    if (!t) return undefined;
    const entries = Object.entries({
        create: t.getCreate(),
        update: t.getUpdate(),
        delete: t.getDelete(),
    }).filter(([, v]) => v);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

type Callback<R> = (err: unknown, response: R | undefined) => void;

/** Records registrations; subclassed from Pulumi's own mock monitor so nothing else changes. */
class RecordingMonitor extends MockMonitor {
    readonly records: RecordedResource[] = [];
    /** Component URN → the output names it registered (the SDK itself registers none). */
    readonly outputsRegistered = new Map<string, string[]>();
    readonly invokes: RecordedInvoke[] = [];
    /** Provider URN → region, so a resource's region is its provider's. */
    private readonly providerRegions = new Map<string, string>();

    /** The preview step of the registration in flight (set just before the SDK's mock monitor calls newResource). */
    private nextChange: Change = "same";

    constructor(
        private readonly stackRegion: string,
        private readonly base?: PreviewBase,
        standIns?: string[],
    ) {
        super({
            call: (args) => {
                const region = this.regionOf(args.provider);
                const inputs = args.inputs as Props;
                this.invokes.push({ token: args.token, args: inputs });
                return mockInvoke(args.token, inputs, region, {
                    vpcsWithVpcOrigins: this.vpcsWithVpcOrigins(),
                    standIns,
                });
            },
            newResource: (args) => {
                if (args.type === "pulumi:providers:aws") {
                    return { id: `${args.name}-provider-id`, state: { ...args.inputs } };
                }
                const region = this.regionOf(args.provider);
                const inputs = unwrapProps(args.inputs);
                if (args.custom && this.nextChange !== "same")
                    return previewOutputs(args.type, args.name, inputs, region);
                // Pulumi's MockMonitor passes the `import` option as args.id.
                return computeOutputs(args.type, args.name, inputs, region, args.id || undefined);
            },
        });
    }

    /** VPCs holding the load balancer a recorded VPC origin points at. */
    private vpcsWithVpcOrigins(): Set<string> {
        const vpcs = new Set<string>();
        for (const origin of this.records.filter((r) => r.type === "aws:cloudfront/vpcOrigin:VpcOrigin")) {
            const target = this.records.find(
                (r) =>
                    r.outputs.arn !== undefined &&
                    r.outputs.arn === origin.inputs.vpcOriginEndpointConfig?.arn,
            );
            const sg = target
                ? this.records.find(
                      (r) =>
                          r.type === "aws:ec2/securityGroup:SecurityGroup" &&
                          (target.inputs.securityGroups ?? []).includes(r.id),
                  )
                : undefined;
            if (sg?.inputs.vpcId) vpcs.add(sg.inputs.vpcId);
        }
        return vpcs;
    }

    private regionOf(providerRef: string | undefined): string {
        if (!providerRef) return this.stackRegion;
        const urn = providerRef.split("::").slice(0, -1).join("::");
        return this.providerRegions.get(urn) ?? this.stackRegion;
    }

    override registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        const outputs = req.getOutputs()?.toJavaScript() ?? {};
        const names = Object.keys(outputs);
        // The SDK registers empty outputs for every component by itself; keep what the component said.
        if (names.length > 0 || !this.outputsRegistered.has(req.getUrn()))
            this.outputsRegistered.set(req.getUrn(), names);
        super.registerResourceOutputs(req, callback);
    }

    override async registerResource(
        req: RegisterResourceRequest,
        callback: Callback<RegisterResourceResponse>,
    ): Promise<void> {
        const inputs = unwrapProps(deserializeProperties(req.getObject()));
        // super.registerResource calls newResource synchronously, before its first await.
        const change: Change =
            this.base && req.getCustom()
                ? this.base(
                      mockUrn(this, req.getParent(), req.getType(), req.getName()),
                      recordableProps(inputs),
                  )
                : "same";
        this.nextChange = change;
        await super.registerResource(req, (err: unknown, response: RegisterResourceResponse | undefined) => {
            if (!err && response) this.record(req, response, inputs, change);
            callback(err, response);
        });
    }

    private record(
        req: RegisterResourceRequest,
        response: RegisterResourceResponse,
        inputs: Props,
        change: Change,
    ): void {
        const urn = response.getUrn();
        const provider = req.getType() === "pulumi:providers:aws";
        const providerRegion = typeof inputs.region === "string" ? inputs.region : this.stackRegion;
        if (provider) this.providerRegions.set(urn, providerRegion);
        const outputs = response.getObject() ? unwrapProps(deserializeProperties(response.getObject())) : {};
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        this.records.push({
            type: req.getType(),
            name: req.getName(),
            urn,
            id: response.getId(),
            custom: req.getCustom(),
            inputs: recordableProps(inputs),
            outputs: recordableProps(outputs),
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            ignoreChanges: req.getIgnorechangesList(),
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            customTimeouts: timeoutsOf(req.getCustomtimeouts()),
            region: provider ? providerRegion : this.regionOf(req.getProvider()),
            importId: req.getImportid() || undefined,
            change,
        });
    }
}

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
