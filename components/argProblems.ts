/**
 * How a component's validator reports an argument it refuses: which argument, the value
 * given, and what is allowed, as data. The component throws the first one before it creates
 * anything; the stack's config layer maps `arg` back to its `chatmrpt:` key (stacks/configSpec.ts)
 * and reports them all, without reading any message.
 */
export interface ArgProblem {
    /** The argument, as the component names it (`minSize`, `thresholds.elb5xxCount`). */
    readonly arg: string;
    /** The value given, as shown to the reader. */
    readonly value: string | number;
    /** What is allowed, as a sentence (`must be <= maxSize (4)`). */
    readonly allowed: string;
    /** Other arguments the sentence names, so a caller can name them its own way. */
    readonly related?: readonly string[];
}

/** `minSize (5) must be <= maxSize (4)`. */
export function formatArgProblem(p: ArgProblem): string {
    return `${p.arg} (${p.value}) ${p.allowed}`;
}

/** Throws the first problem, if any (a component refuses before it creates anything). */
export function throwIfArgProblems(problems: readonly ArgProblem[]): void {
    if (problems.length > 0) throw new Error(formatArgProblem(problems[0]));
}
