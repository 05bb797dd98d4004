import { RecordedResource } from "./mockRuntime";

/**
 * The one way the offline tools count what a stack registers: every registration but
 * the root Stack (which the engine adds for any program), split by kind. The plan's
 * header, its component list and `npm run policy` all report these numbers.
 */
export interface ResourceCount {
    readonly total: number;
    /** Cloud resources (custom resources other than providers). */
    readonly cloud: number;
    readonly components: number;
    readonly providers: number;
}

export function countResources(records: readonly RecordedResource[]): ResourceCount {
    const counted = records.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const providers = counted.filter((r) => r.type.startsWith("pulumi:providers:")).length;
    const components = counted.filter((r) => !r.custom).length;
    return { total: counted.length, cloud: counted.length - providers - components, components, providers };
}

/** `101 resources (90 AWS resources, 10 components, 1 provider)`. */
export function describeCount(c: ResourceCount): string {
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    return `${n(c.total, "resource")} (${n(c.cloud, "AWS resource")}, ${n(c.components, "component")}, ${n(c.providers, "provider")})`;
}
