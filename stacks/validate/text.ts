/** Helpers for messages: repeats in a list, "did you mean", and cutting long values. */

/** The items of a list that repeat an earlier one (compared after `normalize`). */
export function duplicatesOf(
    items: readonly string[],
    normalize: (s: string) => string = (s) => s,
): string[] {
    const seen = new Set<string>();
    const repeated: string[] = [];
    for (const item of items) {
        const key = normalize(item);
        if (seen.has(key) && !repeated.includes(item)) repeated.push(item);
        seen.add(key);
    }
    return repeated;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The candidate nearest to `value` when it is close enough to be a typo of it. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = c.toLowerCase() === value.toLowerCase() ? 0 : editDistance(value, c);
        if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 4)) ? best : undefined;
}

/** A value as echoed in a message: long ones are cut so the message stays readable. */
export function echo(value: string, max = 80): string {
    return value.length > max ? `${value.slice(0, max - 3)}…` : value;
}
