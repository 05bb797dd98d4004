import { elements, peek } from "./lib/known";
import { TAGGABLE_TYPES } from "./taggable.generated";

/**
 * True when a resource of this type carries AWS tags: its arguments take `tags`, as
 * @pulumi/aws's own type definitions say (taggable.generated.ts, generated from them).
 */
export function isTaggable(type: string): boolean {
    return TAGGABLE_TYPES.has(type);
}

/**
 * The tags a resource declares, whatever shape its type uses (a map, or the Auto
 * Scaling group's list of `{key, value}`); entries a preview does not know, or of the
 * wrong shape, are left out.
 */
export function declaredTags(type: string, props: Record<string, unknown>): Record<string, string> {
    const tags = peek(props, "tags");
    if (type === "aws:autoscaling/group:Group") {
        return Object.fromEntries(
            elements(tags)
                .map((t) => [peek(t, "key"), peek(t, "value")])
                .filter(([k, v]) => typeof k === "string" && typeof v === "string"),
        );
    }
    if (tags === null || typeof tags !== "object" || Array.isArray(tags)) return {};
    return Object.fromEntries(
        Object.keys(tags)
            .map((k) => [k, peek(tags, k)])
            .filter(([, v]) => typeof v === "string"),
    );
}
