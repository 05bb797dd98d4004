/** Validators of schedules: ElastiCache windows and AWS cron expressions. */

/** ElastiCache windows: `hh:mm-hh:mm` (daily) in UTC. */
export function checkDailyWindow(value: string): string | undefined {
    const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
    if (!m) return "must be a UTC window hh:mm-hh:mm such as 03:00-04:00";
    // ElastiCache: "The minimum snapshot window is a 60 minute period."
    const length = windowMinutes(value);
    return length < 60
        ? `must be at least 60 minutes long (ElastiCache's minimum); it is ${length}`
        : undefined;
}

/** ElastiCache maintenance window: `ddd:hh:mm-ddd:hh:mm` in UTC. */
export function checkWeeklyWindow(value: string): string | undefined {
    const day = "(sun|mon|tue|wed|thu|fri|sat)";
    const time = "([01]\\d|2[0-3]):[0-5]\\d";
    if (!new RegExp(`^${day}:${time}-${day}:${time}$`).test(value)) {
        return "must be a UTC window ddd:hh:mm-ddd:hh:mm such as sun:05:00-sun:06:00";
    }
    // ElastiCache: "The minimum maintenance window is a 60 minute period."
    const [start, end] = value
        .split("-")
        .map((s) => DAYS.indexOf(s.slice(0, 3)) * 1440 + minutesOfDay(s.slice(4)));
    const length = (end - start + 7 * 1440) % (7 * 1440);
    return length < 60
        ? `must be at least 60 minutes long (ElastiCache's minimum); it is ${length}`
        : undefined;
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function minutesOfDay(hhmm: string): number {
    const [h, m] = hhmm.split(":").map(Number);
    return h * 60 + m;
}

function windowMinutes(daily: string): number {
    const [start, end] = daily.split("-").map(minutesOfDay);
    return (end - start + 1440) % 1440;
}

/**
 * True when the daily snapshot window overlaps the weekly maintenance window
 * (ElastiCache rejects overlapping windows at apply time; we say so before).
 */
export function windowsOverlap(dailyWindow: string, weeklyWindow: string): boolean {
    const [dStart, dEnd] = dailyWindow.split("-").map(minutesOfDay);
    const [wStartRaw, wEndRaw] = weeklyWindow.split("-");
    const toWeekMinute = (s: string) => DAYS.indexOf(s.slice(0, 3)) * 1440 + minutesOfDay(s.slice(4));
    const week = 7 * 1440;
    const wStart = toWeekMinute(wStartRaw);
    const wLength = (toWeekMinute(wEndRaw) - wStart + week) % week;
    const dLength = (dEnd - dStart + 1440) % 1440;
    for (let day = 0; day < 7; day++) {
        const s = day * 1440 + dStart;
        // Intervals on a circle of one week: overlap if either start lies inside the other.
        const inside = (point: number, start: number, length: number) =>
            (point - start + week) % week < length;
        if (inside(s, wStart, wLength) || inside(wStart, s, dLength)) return true;
    }
    return false;
}

interface CronField {
    readonly name: string;
    readonly min: number;
    readonly max: number;
    readonly names?: readonly string[];
    /** Extra forms this field accepts beyond values, ranges, lists and steps. */
    readonly special?: RegExp;
}

const CRON_FIELDS: readonly CronField[] = [
    { name: "minutes", min: 0, max: 59 },
    { name: "hours", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31, special: /^(L|([1-9]|[12]\d|3[01])W)$/ },
    {
        name: "month",
        min: 1,
        max: 12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    },
    {
        name: "day-of-week",
        min: 1,
        max: 7,
        names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
        special: /^(L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/i,
    },
    { name: "year", min: 1970, max: 2199 },
];

function cronValue(token: string, field: CronField): number | undefined {
    if (/^\d+$/.test(token)) {
        const n = Number(token);
        return n >= field.min && n <= field.max ? n : undefined;
    }
    const i = field.names?.indexOf(token.toUpperCase()) ?? -1;
    return i >= 0 ? field.min + i : undefined;
}

/** Why one field of an AWS cron expression is wrong, or undefined. */
function cronFieldProblem(text: string, field: CronField): string | undefined {
    const allowed = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""}`;
    for (const item of text.split(",")) {
        if (item === "*" || field.special?.test(item)) continue;
        const [base, step, ...extra] = item.split("/");
        if (
            extra.length > 0 ||
            (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max))
        ) {
            return `${field.name} field (${text}): step "${item}" must be <start>/<n> with n from 1 to ${field.max}`;
        }
        if (base === "*" && step !== undefined) continue;
        const [from, to, ...more] = base.split("-");
        const a = cronValue(from, field);
        const b = to === undefined ? a : cronValue(to, field);
        if (more.length > 0 || a === undefined || b === undefined)
            return `${field.name} field (${text}): "${item}" is not ${allowed}`;
        if (a > b) return `${field.name} field (${text}): range "${base}" must go from low to high`;
    }
    return undefined;
}

/**
 * An AWS cron expression, `cron(minutes hours day-of-month month day-of-week year)`, as
 * EventBridge and AWS Backup read it: each field in range, `?` in exactly one of
 * day-of-month and day-of-week. `hourlyAtMost`: AWS Backup runs a rule at most once an
 * hour, so its minutes field must be one number.
 */
export function checkAwsCron(value: string, options: { hourlyAtMost?: boolean } = {}): string | undefined {
    const example = "such as cron(0 4 ? * * *)";
    const m = /^cron\((.*)\)$/.exec(value);
    if (!m)
        return `must be an AWS cron expression cron(minutes hours day-of-month month day-of-week year), ${example}`;
    const fields = m[1].trim().split(/\s+/);
    if (fields.length !== 6)
        return `must have six fields (minutes hours day-of-month month day-of-week year); found ${fields.length}, ${example}`;
    const [dom, dow] = [fields[2], fields[4]];
    if ((dom === "?") === (dow === "?"))
        return `must have ? in exactly one of day-of-month (${dom}) and day-of-week (${dow}), ${example}`;
    for (let i = 0; i < 6; i++) {
        if (fields[i] === "?" && (i === 2 || i === 4)) continue;
        const problem = cronFieldProblem(fields[i], CRON_FIELDS[i]);
        if (problem) return `has a bad ${problem}`;
    }
    if (options.hourlyAtMost && !/^\d+$/.test(fields[0]))
        return `must run at most once an hour (AWS Backup's limit): the minutes field (${fields[0]}) must be one number`;
    return undefined;
}
