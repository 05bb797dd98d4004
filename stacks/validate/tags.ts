/** Validators of tags: keys and values as AWS accepts them, and how many fit. */
import { MAX_TAGS_PER_RESOURCE } from "../awsFacts";

/** Tag keys and values as AWS accepts them (letters, digits, spaces and _ . : / = + - @). */
export function checkTag(key: string, value: string): string | undefined {
    if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith("aws:"))
        return "tag keys must be 1-128 characters and not start with aws:";
    if (value.length > 256) return "tag values must be at most 256 characters";
    const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
    if (!allowed.test(key) || !allowed.test(value))
        return "tag keys and values may hold only letters, digits, spaces and _ . : / = + - @";
    return undefined;
}

/**
 * The most tags the program itself puts on one resource: Project, Environment and
 * ManagedBy everywhere, plus Name, and one of Tier (subnets), Purpose (buckets) or the
 * backup selection tag (volumes). test/stackConfig.test.ts checks this against a run.
 */
export const MAX_PROGRAM_TAGS_PER_RESOURCE = 5;

/** How many user tags fit next to the program's own under AWS's per-resource limit. */
export function checkTagCount(count: number): string | undefined {
    const room = MAX_TAGS_PER_RESOURCE - MAX_PROGRAM_TAGS_PER_RESOURCE;
    return count > room
        ? `must hold at most ${room} tags: AWS allows ${MAX_TAGS_PER_RESOURCE} per resource and the program adds up to ${MAX_PROGRAM_TAGS_PER_RESOURCE} of its own; found ${count}`
        : undefined;
}
