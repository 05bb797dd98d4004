/** What the offline engine records of a run: resources, invokes and preview steps, as plain data. */
import { UNKNOWN_VALUE } from "../../components/lib/pulumiInternals";
import { Props } from "./outputs";

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
