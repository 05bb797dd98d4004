/**
 * Stack shapes. `chatmrpt:shape` selects one; every key it sets can still be overridden by
 * the stack's own config. The values are the spec's defaults (stacks/configSpec.ts), as
 * strings, as Pulumi config stores them, so a preset and a stack file go through the same
 * validation. Nothing is set here: change a default in the spec.
 */
import { presetOf, Shape, SHAPES } from "./configSpec";

export { SHAPES, Shape };

/**
 * The one production environment, sized from the operations team's notes (`shared/context`):
 * two app instances of 10 workers each, Redis shared by both, responses under 250 ms,
 * about $260/month.
 */
export const PRESETS: Record<Shape, Record<string, string>> = Object.fromEntries(
    SHAPES.map((s) => [s, presetOf(s)]),
) as Record<Shape, Record<string, string>>;
