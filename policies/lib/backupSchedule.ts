/** Longest gap between two runs of an AWS Backup cron schedule, in hours (undefined when unparseable). */

const DAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

/** The values a cron field allows within [min, max] (names mapped via `names`); undefined when unparseable. */
function fieldValues(
    field: string,
    min: number,
    max: number,
    names: Record<string, number> = {},
): number[] | undefined {
    const out = new Set<number>();
    const num = (s: string) =>
        s.toUpperCase() in names ? names[s.toUpperCase()] : /^\d+$/.test(s) ? Number(s) : NaN;
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        let from: number;
        let to: number;
        if (range === "*" || range === "?") [from, to] = [min, max];
        else if (range.includes("-")) [from, to] = range.split("-").map(num) as [number, number];
        else [from, to] = [num(range), stepText === undefined ? num(range) : max];
        if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to)
            return undefined;
        for (let v = from; v <= to; v += step) out.add(v);
    }
    return [...out].sort((a, b) => a - b);
}

/** The largest circular gap between sorted values on a cycle of `period`. */
function largestGap(values: number[], period: number): number {
    return Math.max(
        ...values.map((v, i) => (i + 1 < values.length ? values[i + 1] - v : values[0] + period - v)),
    );
}

/**
 * AWS Backup takes `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. Schedules
 * restricted by day of month, month or year are treated as a month apart at best.
 */
export function maxIntervalHours(schedule: unknown): number | undefined {
    if (typeof schedule !== "string") return undefined;
    const m = /^cron\(([^()]+)\)$/.exec(schedule.trim());
    const fields = m?.[1].trim().split(/\s+/);
    if (!fields || fields.length !== 6) return undefined;
    const [, hours, dom, month, dow, year] = fields;
    const h = fieldValues(hours, 0, 23);
    const days = fieldValues(dow, 1, 7, DAYS);
    if (!h || !days || !fieldValues(month, 1, 12) || fieldValues(dom, 1, 31) === undefined) return undefined;
    if (!["*", "?"].includes(dom) || !["*", "?"].includes(month) || !["*", "?"].includes(year))
        return 24 * 28;
    const hourGap = largestGap(h, 24);
    if (days.length === 7) return hourGap;
    // Runs on some weekdays only: the longest stretch without a run day, plus the day's own gap.
    return (largestGap(days, 7) - 1) * 24 + hourGap;
}
