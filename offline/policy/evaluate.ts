/**
 * Runs policy objects over recorded resources the way the CrossGuard engine does:
 * resource policies once per resource with its inputs, stack policies once with every
 * resource's outputs, each given type, name, URN, props, options, provider, parent,
 * dependencies, property dependencies, stack tags, notApplicable and getConfig (the
 * schema's defaults filled in, enforcementLevel overridable from config).
 */
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyPackConfig,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { enforcementDowngrades } from "../../policies/lib/enforcement";
import { NEVER_EXEMPTABLE } from "../../policies/lib/exemptions";
import { RecordedResource } from "../engine/mockRuntime";
import { typeTokenOf } from "../../components/lib/pulumiInternals";
import { parsePackConfig, reconcilePackConfig } from "./packConfig";

export interface Finding {
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn?: string;
    readonly resource?: string;
    readonly type?: string;
    readonly message: string;
    /**
     * True for the SDK's "can't run policy ... during preview" note: the policy read an
     * unknown value (UnknownValueError), so the SDK reported it advisory instead of running it.
     */
    readonly cantRunInPreview?: boolean;
}

export interface Evaluation {
    readonly violations: Finding[];
    readonly notApplicable: { policy: string; resource?: string; reason: string }[];
    readonly policiesRun: string[];
}

export interface EvaluateOptions {
    /** Pack config, as given to `--policy-pack-config`. @default {} */
    readonly config?: PolicyPackConfig;
    /** The pack's enforcement level for policies that set none. @default "advisory" (as the engine) */
    readonly packEnforcementLevel?: EnforcementLevel;
    /** Region of the default provider (resources without an explicit one). */
    readonly defaultRegion: string;
    readonly project: string;
    readonly stack: string;
    readonly stackTags?: ReadonlyMap<string, string>;
    /** Pack name and version, as the SDK puts them in its messages. @default chatmrpt-guardrails 0.1.0 */
    readonly pack?: { readonly name: string; readonly version: string };
}

class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

/**
 * The config a policy sees: schema defaults, then the pack config for it, validated
 * against its schema as the CLI does (keys the schema does not list pass through
 * unvalidated, as in the CLI; `lintPackConfig` reports them).
 */
export function policyConfig(
    schema: PolicyConfigSchema | undefined,
    given: unknown,
): Record<string, unknown> {
    const parsed = parsePackConfig({ policy: given ?? {} });
    return reconcilePackConfig([{ name: "policy", configSchema: schema }], parsed).get("policy")!.properties;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    return typeTokenOf(resourceClass) === type;
}

/** Builds the engine's view of the recorded resources (props: inputs or outputs). */
export function toPolicyResources(
    records: RecordedResource[],
    options: EvaluateOptions,
    propsOf: "inputs" | "outputs",
): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const defaultProvider: PolicyProviderResource = {
        type: "pulumi:providers:aws",
        name: "default",
        urn: `urn:pulumi:${options.stack}::${options.project}::pulumi:providers:aws::default`,
        props: { region: options.defaultRegion },
    };
    const recordByUrn = new Map(records.map((r) => [r.urn, r]));
    const providerOf = (ref: string | undefined, type: string): PolicyProviderResource | undefined => {
        if (!type.startsWith("aws:")) return undefined;
        if (!ref) return defaultProvider;
        const urn = ref.split("::").slice(0, -1).join("::");
        const record = recordByUrn.get(urn);
        return record
            ? {
                  type: record.type,
                  name: record.name,
                  urn: record.urn,
                  props: unknownCheckingProxy(record.inputs),
              }
            : defaultProvider;
    };
    for (const r of records) {
        const opts: PolicyResourceOptions = {
            protect: r.protect,
            ignoreChanges: r.ignoreChanges,
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: r.additionalSecretOutputs,
            parent: r.parent,
        };
        // The SDK hands policies their props behind this proxy: reading an unknown value throws UnknownValueError.
        const props = unknownCheckingProxy(propsOf === "inputs" ? r.inputs : r.outputs);
        byUrn.set(r.urn, {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props,
            opts,
            provider: providerOf(r.provider, r.type),
            dependencies: [],
            propertyDependencies: {},
            isType: (c) => isTypeOf(r.type, c),
            asType: (c) => (isTypeOf(r.type, c) ? (props as any) : undefined),
        });
    }
    for (const r of records) {
        const resource = byUrn.get(r.urn)! as {
            parent?: PolicyResource;
            dependencies: PolicyResource[];
            propertyDependencies: Record<string, PolicyResource[]>;
        };
        resource.parent = r.parent ? byUrn.get(r.parent) : undefined;
        resource.dependencies = r.dependencies
            .map((u) => byUrn.get(u))
            .filter((x): x is PolicyResource => x !== undefined);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
            resource.propertyDependencies[key] = urns
                .map((u) => byUrn.get(u))
                .filter((x): x is PolicyResource => x !== undefined);
        }
    }
    return [...byUrn.values()];
}

/**
 * A report as the policy server reads it: a message, or (as @pulumi/policy's server also
 * accepts) an object carrying its own message, URN and enforcement level.
 */
function unpack(
    message: unknown,
    urn: string | undefined,
    level: EnforcementLevel,
): { message: string; urn?: string; level: EnforcementLevel } {
    if (message === null || typeof message !== "object") return { message: String(message), urn, level };
    const m = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
    return { message: m.message ?? "", urn: m.urn ?? urn, level: m.enforcementLevel ?? level };
}

/** What one policy's run needs: the engine's views of the resources, and where findings go. */
interface PolicyRun {
    readonly name: string;
    readonly inputs: PolicyResource[];
    readonly outputs: PolicyResource[];
    readonly outputByUrn: Map<string, PolicyResource>;
    readonly stackTags: ReadonlyMap<string, string>;
    readonly getConfig: <T extends object>() => T;
    /** The level reported for a violation that does not state its own. */
    readonly reported: EnforcementLevel;
    readonly notApplicable: () => never;
    readonly cantRun: (policy: string, e: UnknownValueError, r?: PolicyResource) => Finding;
    readonly evaluation: Evaluation;
}

/** A stack policy, run once over every resource's outputs. */
async function runStackPolicy(policy: StackValidationPolicy, run: PolicyRun): Promise<void> {
    const { violations, notApplicable } = run.evaluation;
    try {
        await policy.validateStack(
            {
                resources: run.outputs,
                stackTags: run.stackTags,
                getConfig: run.getConfig,
                notApplicable: run.notApplicable,
            },
            (given, givenUrn) => {
                const { message, urn, level } = unpack(given, givenUrn, run.reported);
                const r = urn === undefined ? undefined : run.outputByUrn.get(urn);
                violations.push({
                    policy: run.name,
                    enforcementLevel: level,
                    urn,
                    resource: r?.name,
                    type: r?.type,
                    message,
                });
            },
        );
    } catch (e) {
        if (e instanceof NotApplicable) notApplicable.push({ policy: run.name, reason: e.reason });
        else if (e instanceof UnknownValueError) violations.push(run.cantRun(run.name, e));
        else throw new Error(`policy ${run.name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
}

/** A resource policy, run on every registered resource's inputs. */
async function runResourcePolicy(policy: ResourceValidationPolicy, run: PolicyRun): Promise<void> {
    const { violations, notApplicable } = run.evaluation;
    const validations =
        policy.validateResource === undefined
            ? []
            : Array.isArray(policy.validateResource)
              ? policy.validateResource
              : [policy.validateResource];
    // The engine analyzes every registered resource: custom ones, components, providers and the Stack.
    for (const r of run.inputs) {
        for (const validate of validations) {
            try {
                await validate(
                    {
                        type: r.type,
                        props: r.props,
                        urn: r.urn,
                        name: r.name,
                        opts: r.opts,
                        provider: r.provider,
                        stackTags: run.stackTags,
                        isType: r.isType,
                        asType: (c: any) => (r.isType(c) ? (r.props as any) : undefined),
                        getConfig: run.getConfig,
                        notApplicable: run.notApplicable,
                    },
                    (given, givenUrn) => {
                        const { message, urn, level } = unpack(given, givenUrn, run.reported);
                        violations.push({
                            policy: run.name,
                            enforcementLevel: level,
                            urn: urn ?? r.urn,
                            resource: r.name,
                            type: r.type,
                            message,
                        });
                    },
                );
            } catch (e) {
                if (e instanceof NotApplicable)
                    notApplicable.push({ policy: run.name, resource: r.name, reason: e.reason });
                else if (e instanceof UnknownValueError) violations.push(run.cantRun(run.name, e, r));
                else
                    throw new Error(
                        `policy ${run.name} failed on ${r.name}: ${e instanceof Error ? e.message : String(e)}`,
                    );
            }
        }
    }
}

/** Runs every policy over the recorded resources and collects what the engine would report. */
export async function evaluatePolicies(
    policies: (ResourceValidationPolicy | StackValidationPolicy)[],
    records: RecordedResource[],
    options: EvaluateOptions,
): Promise<Evaluation> {
    const evaluation: Evaluation = { violations: [], notApplicable: [], policiesRun: [] };
    const stackTags = options.stackTags ?? new Map<string, string>();
    // Every lookup is built once here, so evaluation stays linear in the number of resources.
    const inputs = toPolicyResources(records, options, "inputs");
    const outputs = toPolicyResources(records, options, "outputs");
    const outputByUrn = new Map(outputs.map((r) => [r.urn, r]));
    const throwNotApplicable = (reason?: string): never => {
        throw new NotApplicable(reason ?? "not applicable");
    };
    // As the CLI: parse, fill defaults, validate every policy's config before anything runs.
    const reconciled = reconcilePackConfig(policies, parsePackConfig(options.config ?? {}));
    const pack = options.pack ?? { name: "chatmrpt-guardrails", version: "0.1.0" };
    const cantRun = (policy: string, e: UnknownValueError, r?: PolicyResource): Finding => ({
        policy,
        enforcementLevel: "advisory",
        urn: r?.urn,
        resource: r?.name,
        type: r?.type,
        cantRunInPreview: true,
        message: `can't run policy '${policy}' from policy pack '${pack.name}@v${pack.version}' during preview: ${e.message}`,
    });

    // The CLI cannot stop a config that disables a never-exemptable policy; the offline run (CI) does.
    for (const { policy, message } of enforcementDowngrades(options.config, NEVER_EXEMPTABLE)) {
        if (policies.some((p) => p.name === policy))
            evaluation.violations.push({ policy, enforcementLevel: "mandatory", message });
    }
    for (const policy of policies) {
        const entry = reconciled.get(policy.name)!;
        const level = entry.enforcementLevel ?? options.packEnforcementLevel ?? "advisory";
        if (level === "disabled") continue;
        evaluation.policiesRun.push(policy.name);
        const config = entry.properties;
        const run: PolicyRun = {
            name: policy.name,
            inputs,
            outputs,
            outputByUrn,
            stackTags,
            // As the SDK's makeGetConfigFun: a shallow copy of the properties on each call, nested values shared.
            getConfig: <T extends object>() => ({ ...config }) as T,
            reported: level === "remediate" ? "mandatory" : level,
            notApplicable: throwNotApplicable,
            cantRun,
            evaluation,
        };
        if ("validateStack" in policy) await runStackPolicy(policy, run);
        else await runResourcePolicy(policy, run);
    }
    return evaluation;
}
