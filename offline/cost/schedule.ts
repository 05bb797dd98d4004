/**
 * How often an AWS schedule expression runs, for pricing what each run costs (restore
 * tests, canary runs). AWS's cron has six fields, `cron(minutes hours day-of-month month
 * day-of-week year)`, with day-of-week 1-7 meaning SUN-SAT; cron-parser reads the classic
 * form with seconds first and day-of-week 0-7 (0 and 7 SUN). This module converts one to
 * the other and lets cron-parser match the days and expand the times.
 */
import { CronExpressionParser } from "cron-parser";

/**
 * The year runs are counted over: 2027 has 365 days, 8,760 hours, so one twelfth of it is
 * the price book's 730-hour month.
 */
export const REFERENCE_YEAR = 2027;

export interface ScheduleRuns {
    /** Runs in an average month of the reference year (its runs ÷ 12). */
    readonly runsPerMonth: number;
    /** The runs in the reference year. */
    readonly runsPerYear: number;
    /** What the count assumed, when the expression says more than a count can hold (a year field). */
    readonly note?: string;
}

/** AWS day-of-week numbers (1 = SUN … 7 = SAT) as cron-parser's (0 = SUN … 6 = SAT); names pass through. */
function dayOfWeek(field: string): string {
    const shift = (token: string) => (/^\d+$/.test(token) ? String(Number(token) - 1) : token);
    return field
        .split(",")
        .map((item) => {
            const [range, step] = item.split("/");
            const nth = /^(\w+)(#\d|L)$/.exec(range);
            // A lone L is the last day of the week, SAT.
            if (range === "L") return step === undefined ? "6" : `6/${step}`;
            const base = nth ? `${shift(nth[1])}${nth[2]}` : range.split("-").map(shift).join("-");
            return step === undefined ? base : `${base}/${step}`;
        })
        .join(",");
}

/**
 * Runs a month of an AWS `cron(...)` expression, or why it cannot be counted: the days of
 * the reference year the date fields match, times the runs a day the minutes and hours
 * give. The time zone moves the runs, not their number (but for one DST hour a year), so
 * the count is made in UTC. `W` (the nearest weekday to a day) runs once a month like the
 * day itself, so it is counted as that day (cron-parser has no `W`). A year field other
 * than `*` is not modelled: the runs are counted as if the schedule ran every year, and
 * the note says so.
 */
export function awsCronRuns(expression: string): ScheduleRuns | { problem: string } {
    let runs = counted.get(expression);
    if (runs === undefined) {
        runs = Object.freeze(countCronRuns(expression));
        counted.set(expression, runs);
    }
    return runs;
}

/**
 * Counts already made, by expression: a plan prices the same schedule once per restore
 * testing plan, selection and cheaper option (20 times for prod), and each count asks
 * cron-parser about 365 days.
 */
const counted = new Map<string, Readonly<ScheduleRuns | { problem: string }>>();

function countCronRuns(expression: string): ScheduleRuns | { problem: string } {
    const m = /^cron\((.*)\)$/.exec(expression.trim());
    const fields = m ? m[1].trim().split(/\s+/) : [];
    if (fields.length !== 6)
        return {
            problem: `${expression} is not an AWS cron expression cron(minutes hours day-of-month month day-of-week year)`,
        };
    const [minutes, hours, dom, month, dow, year] = fields;
    const dates = [
        dom.replace(/^LW$/, "L").replace(/(\d+)W/g, "$1"),
        month,
        dow === "?" ? "?" : dayOfWeek(dow),
    ];
    let runsPerYear = 0;
    try {
        const times = CronExpressionParser.parse(["0", minutes, hours, "*", "*", "*"].join(" "), {
            tz: "UTC",
        });
        const days = CronExpressionParser.parse(["0", "0", "0", ...dates].join(" "), { tz: "UTC" });
        const perDay = times.fields.minute.values.length * times.fields.hour.values.length;
        for (let d = 0; d < 365; d++)
            if (days.includesDate(new Date(Date.UTC(REFERENCE_YEAR, 0, 1 + d)))) runsPerYear += perDay;
    } catch (e) {
        // A day the months never have (cron(0 8 31 2 ? *)): cron-parser refuses it, AWS never runs it.
        if (/Invalid explicit day of month definition/.test((e as Error).message))
            return { runsPerMonth: 0, runsPerYear: 0, note: "never runs: none of its months has that day" };
        return { problem: `cannot count the runs of ${expression}: ${(e as Error).message}` };
    }
    return {
        runsPerMonth: runsPerYear / 12,
        runsPerYear,
        ...(year === "*" ? {} : { note: `year field ${year} not modelled: counted as every year` }),
    };
}
