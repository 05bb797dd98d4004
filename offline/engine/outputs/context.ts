import { createHash } from "crypto";

/** The account every mocked ARN lives in. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** A resource's properties as the engine sends them (plain data, secrets unwrapped). */
export type Props = Record<string, unknown>;

/** A stable hex digest of the parts: the same resource gets the same mocked IDs in every run. */
export function shortHash(...parts: string[]): string {
    return createHash("sha1").update(parts.join("|")).digest("hex");
}

/** A UUID-shaped ID from a digest (the form of ACM, KMS, WAF and Backup IDs). */
export function uuidOf(h: string): string {
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What a filler of one resource type reads, and the outputs it fills. */
export interface OutputContext {
    readonly name: string;
    readonly inputs: Props;
    /** The outputs: the inputs, the autonamed name, and what the filler adds. */
    readonly out: Props;
    readonly region: string;
    /** {@link shortHash} of the type and name. */
    readonly h: string;
    /** The resource's name in AWS: its autonamed or given name, else its Pulumi name. */
    readonly resourceName: string;
    /** The ID the resource gets unless its filler says otherwise (prefixed hash, or its name). */
    readonly id: string;
    /** The `import` option: the ID of the existing resource the engine adopts. */
    readonly importId?: string;
    /** `arn:aws:<kind>:<region>:<account>`: the start of a regional ARN. */
    arn(kind: string): string;
}

/** Fills the outputs AWS computes for one type into `ctx.out`; returns the ID when it is not `ctx.id`. */
export type OutputFiller = (ctx: OutputContext) => string | void;

/** The list an input holds (an empty list when it holds none). */
export function listOf(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}
