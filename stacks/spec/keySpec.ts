/**
 * The shape of one entry of the config spec (stacks/configSpec.ts), and the helpers the
 * section files under stacks/spec/ write their entries with.
 */

/** The shapes a stack can select with `chatmrpt:shape`. */
export const SHAPES = ["prod"] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * How far a custom domain has got. `request`: the certificates exist and their validation
 * records are exported, nothing waits on DNS. `active`: the certificates are validated and
 * the distribution answers to the name.
 */
export const DOMAIN_STAGES = ["request", "active"] as const;

/** A value check: undefined when allowed, or a sentence saying what is allowed. */
export type Check = (value: string) => string | undefined;

interface Common {
    /** One sentence an operator reads (the docs' table). */
    readonly meaning: string;
    /** The preset value in each shape (as Pulumi config stores it: a string). */
    readonly default?: Partial<Record<Shape, string>>;
    /** For the docs, when the default is computed rather than preset. */
    readonly defaultText?: string;
    /** Component arguments this key becomes (`component.arg`): their problems are reported under this key. */
    readonly args?: readonly string[];
}

/** One key, as a section file states it (the section is the file's). */
export type KeyDef = Common &
    (
        | { readonly kind: "int" | "number"; readonly min: number; readonly max: number }
        | { readonly kind: "enum"; readonly values: readonly string[]; readonly note?: string }
        | { readonly kind: "boolean" }
        | {
              readonly kind: "string";
              readonly check?: Check;
              readonly allowed: string;
              readonly required?: boolean;
          }
        | { readonly kind: "list"; readonly check?: Check; readonly allowed: string }
        | { readonly kind: "map"; readonly allowed: string }
        | { readonly kind: "secret"; readonly check: Check; readonly allowed: string }
    );

/** A default in the one shape there is. */
export const prod = (value: string) => ({ prod: value });

export type IntDef = KeyDef & { readonly kind: "int" };

/** A whole number from `min` to `max`, with its prod default. */
export const int = (
    min: number,
    max: number,
    def: string | undefined,
    meaning: string,
    args?: string[],
): IntDef => ({
    kind: "int",
    min,
    max,
    default: def === undefined ? undefined : prod(def),
    meaning,
    args,
});
