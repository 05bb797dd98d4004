/**
 * Every Pulumi SDK internal this project touches, in one place: what the published typings
 * do not offer but the program (the plaintext-secret check) and the offline engine (the mock
 * runtime) need. Each accessor here is pinned by test/pulumiInternals.test.ts, which fails
 * when an SDK upgrade renames, moves or changes one, instead of a run failing obscurely.
 * Nothing else may import `@pulumi/pulumi/runtime/...` or read `__`-fields of SDK classes
 * (the layout test checks). It lives in components/, the folder every other one may import.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settingsModule from "@pulumi/pulumi/runtime/settings";
import * as stateModule from "@pulumi/pulumi/runtime/state";

/** The SDK's mock resource monitor (`@pulumi/pulumi/runtime/mocks`), to subclass. */
export { MockMonitor };

/** The engine's unknown sentinel: how the SDK serializes an unknown Output (`rpc.unknownValue`). */
export const UNKNOWN_VALUE: string = rpc.unknownValue;

/** The key and signatures of the SDK's special values (secrets, assets, archives) on the wire. */
export const SIGNATURES = {
    key: rpc.specialSigKey,
    secret: rpc.specialSecretSig,
    asset: rpc.specialAssetSig,
    archive: rpc.specialArchiveSig,
} as const;

/** A protobuf `Struct` of resource properties as plain values (secrets stay wrapped in their signature). */
export function deserializeProperties(struct: unknown): Record<string, unknown> {
    return rpc.deserializeProperties(struct as Parameters<typeof rpc.deserializeProperties>[0]);
}

interface RuntimeStore {
    config: Record<string, string | undefined>;
    leakCandidates?: Set<unknown>;
    [flag: string]: unknown;
}

function store(): RuntimeStore {
    return (stateModule as unknown as { getStore(): RuntimeStore }).getStore();
}

/**
 * The stack's secret config keys as the engine hands them to the program (the SDK's own
 * `isConfigSecret` reads the same entry); undefined when the engine gave none.
 */
export function configSecretKeys(): string[] | undefined {
    const raw = store().config.PULUMI_CONFIG_SECRET_KEYS;
    const keys: unknown = raw ? JSON.parse(raw) : undefined;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : undefined;
}

/**
 * Installs `monitor` as the runtime's resource monitor (what `pulumi.runtime.setMocks` does
 * with its own), and says which engine features it supports, as a current engine does.
 */
export function installMockMonitor(
    monitor: MockMonitor,
    project: string,
    stack: string,
    preview: boolean,
): void {
    settingsModule.setMockOptions(monitor, project, stack, preview);
    Object.assign(store(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: false,
        supportsInvokeTransforms: false,
    });
}

interface DebuggableModule {
    debugPromiseLeaks: boolean;
    debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}

let capturesSkipped = false;

/**
 * Stops the SDK capturing stacks that only a real engine or a leak debug session reads:
 * `debuggablePromise` takes a stack for every promise it tracks, which the SDK prints only
 * under PULUMI_DEBUG_PROMISE_LEAKS, and every resource takes a whole, unlimited stack for the
 * source position it sends the engine, which the mock monitor ignores. Together they were a
 * third of a mocked run's CPU. The leak tracking itself is kept: a promise is still a leak
 * candidate until it settles, and a rejection still carries its promise. With
 * PULUMI_DEBUG_PROMISE_LEAKS set nothing changes, so the stacks are there to print.
 * For the offline engine only: a real `pulumi up` never calls this.
 */
export function skipSdkStackCaptures(): void {
    const sdk = debuggable as unknown as DebuggableModule;
    if (capturesSkipped || sdk.debugPromiseLeaks) return;
    sdk.debuggablePromise = <T>(p: Promise<T>): Promise<T> => {
        const candidates = store().leakCandidates;
        candidates?.add(p);
        return p.then(
            (value) => {
                candidates?.delete(p);
                return value;
            },
            (err: unknown) => {
                candidates?.delete(p);
                if (err !== null && typeof err === "object") (err as { promise?: unknown }).promise = p;
                throw err;
            },
        );
    };
    (pulumi.Resource as unknown as { stackTrace(skip?: number): unknown[] }).stackTrace = () => [];
    capturesSkipped = true;
}

/** Waits until every resource registration and invoke in flight has been answered. */
export function waitForRPCs(): Promise<void> {
    return (settingsModule as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Forgets registrations a failed run left pending (the SDK would report them as leaked). */
export function forgetPendingRegistrations(): void {
    store().leakCandidates?.clear();
}

/** The URN the SDK's mock monitor gives a registration (its `newUrn`, not in the typings). */
export function mockUrn(monitor: MockMonitor, parent: string, type: string, name: string): string {
    return (monitor as unknown as { newUrn(parent: string, type: string, name: string): string }).newUrn(
        parent,
        type,
        name,
    );
}

/** An Output's value, unknowns included (a preview's unknown resolves to {@link UNKNOWN_VALUE}'s Output form). */
export function outputValue<T>(value: pulumi.Input<T> | undefined): Promise<T> {
    const output = pulumi.output(value) as unknown as { promise(withUnknowns?: boolean): Promise<T> };
    return output.promise(true);
}

/** The type token a provider resource class declares (`aws.s3.Bucket` → `aws:s3/bucket:Bucket`). */
export function typeTokenOf(resourceClass: unknown): string | undefined {
    const token = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof token === "string" ? token : undefined;
}

/** How a provider SDK's compiled class file declares its type token (read by the taggable generator). */
export const TYPE_TOKEN_DECLARATION = /static __pulumiType = '([^']+)'/;

/** The customTimeouts of a registration, as the SDK's protobuf request carries them. */
export interface CustomTimeoutsMessage {
    getCreate(): string;
    getUpdate(): string;
    getDelete(): string;
}

/**
 * The parts of the SDK's `RegisterResourceRequest` protobuf message the offline engine
 * reads (typed `any` in the SDK's MockMonitor; each getter is pinned by the adapter test).
 */
export interface RegisterResourceRequest {
    getObject(): unknown;
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        forEach(each: (deps: { getUrnsList(): string[] }, key: string) => void): void;
    };
    getAdditionalsecretoutputsList(): string[];
    getCustomtimeouts(): CustomTimeoutsMessage | undefined;
    getImportid(): string;
}

/** The parts of `RegisterResourceResponse` the offline engine reads. */
export interface RegisterResourceResponse {
    getUrn(): string;
    getId(): string;
    getObject(): unknown;
}

/** The parts of `RegisterResourceOutputsRequest` the offline engine reads. */
export interface RegisterResourceOutputsRequest {
    getUrn(): string;
    getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/** The getters of each message above, for the adapter test to check against the SDK's own classes. */
export const MESSAGE_GETTERS = {
    RegisterResourceRequest: [
        "getObject",
        "getType",
        "getName",
        "getParent",
        "getCustom",
        "getProvider",
        "getProtect",
        "getRetainondelete",
        "getIgnorechangesList",
        "getDependenciesList",
        "getPropertydependenciesMap",
        "getAdditionalsecretoutputsList",
        "getCustomtimeouts",
        "getImportid",
    ],
    RegisterResourceResponse: ["getUrn", "getId", "getObject"],
    RegisterResourceOutputsRequest: ["getUrn", "getOutputs"],
} as const;
