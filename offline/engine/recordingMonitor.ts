/**
 * The mock monitor of an offline run: Pulumi's own MockMonitor, recording every registration as
 * the engine receives it and answering with the outputs AWS would compute (./outputs).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    CustomTimeoutsMessage,
    deserializeProperties,
    MockMonitor,
    mockUrn,
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
    SIGNATURES,
} from "../../components/lib/pulumiInternals";
import { mockInvoke } from "./invokes";
import { computeOutputs, previewOutputs, Props } from "./outputs";
import { Change, PreviewBase, RecordedInvoke, RecordedResource, UNKNOWN } from "./records";

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return (
        value !== null &&
        typeof value === "object" &&
        [Object.prototype, null].includes(Object.getPrototypeOf(value))
    );
}

/** A value as policies see it: secrets unwrapped, unknowns as {@link UNKNOWN}. */
export function unwrapSecrets(value: unknown): unknown {
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
export class RecordingMonitor extends MockMonitor {
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
                // An import reads the live resource, in a preview too: its ID and outputs are known.
                if (args.custom && this.nextChange !== "same" && !args.id)
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
