/**
 * Every resource type the program registers, mapped to the AWS operations that receive its
 * inputs (see ./types for the rules). A type with no mapping fails the AWS-model check,
 * unless it is one of {@link NOT_AWS}.
 */
import { TypeMapping } from "./types";
import { NETWORK } from "./network";
import { WEB } from "./web";
import { DATA } from "./data";
import { EDGE } from "./edge";
import { MONITORING } from "./monitoring";

export const MAPPINGS: Readonly<Record<string, TypeMapping>> = {
    ...NETWORK,
    ...WEB,
    ...DATA,
    ...EDGE,
    ...MONITORING,
};

/**
 * Types that send nothing to AWS: the program's own components (`chatmrpt:*`, logical
 * groupings the engine records and no provider sees), the stack, and the provider
 * resources (their inputs configure the provider: region, retries; no AWS operation
 * receives them).
 */
export const NOT_AWS: readonly RegExp[] = [/^chatmrpt:/, /^pulumi:pulumi:Stack$/, /^pulumi:providers:/];

/** Every `service:Operation` the mappings name (what the extract keeps). */
export function operationsUsed(): string[] {
    const refs = new Set<string>();
    const add = (to: string) => {
        const match = /^([\w-]+:\w+)/.exec(to);
        if (match) refs.add(match[1]);
    };
    for (const mapping of Object.values(MAPPINGS)) {
        mapping.operations.forEach(add);
        for (const target of Object.values(mapping.send ?? {})) {
            for (const t of Array.isArray(target) ? target : [target])
                add(typeof t === "string" ? t : (t as { to: string }).to);
        }
    }
    return [...refs].sort();
}
