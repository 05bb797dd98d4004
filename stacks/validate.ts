/**
 * Pure validators for stack configuration. Each returns `undefined` when the value
 * is acceptable, or a sentence that says what is allowed; the caller prefixes the
 * key and the bad value, so every message reads
 * `chatmrpt:minSize (5): must be <= chatmrpt:maxSize (4)`.
 */

import { cacheNodeVcpus } from "../components/monitoring";
import {
    AWS_REGIONS,
    AZ_LETTERS_BY_REGION,
    CACHE_NODE_TYPES,
    EC2_INSTANCE_TYPES,
    MAX_TAGS_PER_RESOURCE,
} from "./awsFacts";

/** Instance families the app has been run on; anything else is a typo or an untested choice. */
export const ALLOWED_INSTANCE_FAMILIES = [
    "t3",
    "t3a",
    "m5",
    "m6i",
    "m7i",
    "c5",
    "c6i",
    "c7i",
    "r6i",
] as const;

/** An EC2 type of an allowed family that exists (per the provider's InstanceType enum). */
export function checkInstanceType(value: string): string | undefined {
    const [family, size, ...rest] = value.split(".");
    if (rest.length > 0 || !size || !(ALLOWED_INSTANCE_FAMILIES as readonly string[]).includes(family)) {
        return `must be <family>.<size> with family one of ${ALLOWED_INSTANCE_FAMILIES.join(", ")}`;
    }
    if (!EC2_INSTANCE_TYPES.has(value)) {
        const sizes = [...EC2_INSTANCE_TYPES]
            .filter((t) => t.startsWith(`${family}.`) && !t.includes("metal"))
            .sort(bySize);
        return `is not an EC2 instance type; ${family} comes in ${sizes.join(", ")}`;
    }
    return undefined;
}

/** ElastiCache node types that exist (stacks/awsFacts.ts, from the ElastiCache API reference). */
export function checkCacheNodeType(value: string): string | undefined {
    if (CACHE_NODE_TYPES[value] !== undefined) {
        // The alarms size their CPU threshold by vCPUs: what Monitoring cannot size is refused here, by key.
        try {
            cacheNodeVcpus(value);
        } catch {
            return "has a size the Redis CPU alarm cannot be sized for (components/monitoring/alarms/redis.ts cacheNodeVcpus)";
        }
        return undefined;
    }
    const family = value.split(".")[1];
    const same = Object.keys(CACHE_NODE_TYPES).filter((t) => t.split(".")[1] === family);
    return same.length > 0
        ? `is not an ElastiCache node type; cache.${family} comes in ${same.join(", ")}`
        : `must be an ElastiCache node type such as cache.t3.small (families ${[...new Set(Object.keys(CACHE_NODE_TYPES).map((t) => t.split(".")[1]))].join(", ")})`;
}

const SIZE_ORDER = ["nano", "micro", "small", "medium", "large", "xlarge"];
function sizeRank(type: string): number {
    const size = type.split(".")[1] ?? "";
    const i = SIZE_ORDER.indexOf(size);
    return i >= 0 ? i : SIZE_ORDER.length + parseInt(size, 10);
}
function bySize(a: string, b: string): number {
    return sizeRank(a) - sizeRank(b);
}

export function checkIntegerInRange(value: number, min: number, max: number): string | undefined {
    if (!Number.isInteger(value) || value < min || value > max) {
        return `must be a whole number from ${min} to ${max}`;
    }
    return undefined;
}

export function checkNumberInRange(value: number, min: number, max: number): string | undefined {
    if (!Number.isFinite(value) || value < min || value > max) {
        return `must be a number from ${min} to ${max}`;
    }
    return undefined;
}

/** An IPv4 CIDR block with a prefix between /16 and /28 (the VPC limits). */
export function checkVpcCidr(value: string): string | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    const allowed = "must be an IPv4 CIDR block with a prefix from /16 to /28, such as 10.20.0.0/16";
    if (!match) return allowed;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix < 16 || prefix > 28) return allowed;
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (address % 2 ** (32 - prefix) !== 0) {
        return `has host bits set: the network address for /${prefix} is ${networkAddress(address, prefix)}`;
    }
    return undefined;
}

function networkAddress(address: number, prefix: number): string {
    const network = address - (address % 2 ** (32 - prefix));
    return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".") + `/${prefix}`;
}

/** A DNS host name of at least two labels, lower case, no trailing dot. */
export function checkDomainName(value: string): string | undefined {
    const label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    const pattern = new RegExp(`^(${label}\\.)+[a-z]{2,63}$`);
    return value.length <= 253 && pattern.test(value)
        ? undefined
        : "must be a lower-case DNS name with at least two labels, such as chatmrpt.example.org";
}

/** The names reserved for documentation (RFC 2606): a stack file that holds one was never finished. */
export const PLACEHOLDER_DOMAINS = ["example.org", "example.com", "example.net"] as const;

export function checkNotPlaceholderDomain(value: string): string | undefined {
    return PLACEHOLDER_DOMAINS.some((d) => value === d || value.endsWith(`.${d}`))
        ? `must not be a placeholder (${PLACEHOLDER_DOMAINS.join(", ")} or a subdomain of one); set the site's real name, or leave it unset to serve on the distribution's *.cloudfront.net name`
        : undefined;
}

/** An address SNS can deliver to: a dot-atom local part and a DNS domain (RFC 5321 limits). */
export function checkEmail(value: string): string | undefined {
    const at = value.lastIndexOf("@");
    const local = value.slice(0, at);
    const domain = value.slice(at + 1).toLowerCase();
    const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    const label = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    const ok =
        at > 0 &&
        local.length <= 64 &&
        value.length <= 254 &&
        new RegExp(`^${atom}(\\.${atom})*$`).test(local) &&
        new RegExp(`^(${label}\\.)+[a-z]{2,63}$`).test(domain);
    return ok ? undefined : "must be an email address such as ops@example.org";
}

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

export function checkAwsId(value: string, prefix: "vpc" | "subnet" | "sg" | "rtb"): string | undefined {
    return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(value)
        ? undefined
        : `must be an AWS ID of the form ${prefix}-xxxxxxxx (8 or 17 hex digits)`;
}

/** `ami-…` or `ssm:/parameter/path` (an SSM parameter that holds the AMI ID). */
export function checkAmi(value: string): string | undefined {
    if (/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)) return undefined;
    if (/^ssm:\/[A-Za-z0-9_.\-/]+$/.test(value)) return undefined;
    return "must be an AMI ID (ami-xxxxxxxx) or ssm:/path/of/parameter holding one";
}

/** The longest health-check path an ALB target group accepts (ELBv2 HealthCheckPath: 1-1024). */
export const MAX_HEALTH_CHECK_PATH = 1024;

/** An HTTP path for health checks: starts with `/`, no spaces or query, at most 1024 characters. */
export function checkHttpPath(value: string): string | undefined {
    if (!/^\/[A-Za-z0-9_\-./]*$/.test(value)) return "must be an absolute path such as /health";
    return value.length > MAX_HEALTH_CHECK_PATH
        ? `must be at most ${MAX_HEALTH_CHECK_PATH} characters (the ALB's limit); it has ${value.length}`
        : undefined;
}

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

/** The special characters ElastiCache allows in an AUTH token (besides letters and digits). */
export const REDIS_AUTH_TOKEN_SPECIALS = "!&#$^<>-";

/**
 * The ElastiCache AUTH token rules: 16-128 printable ASCII characters; the AUTH guide allows
 * only ! & # $ ^ < > - besides letters and digits, and the API reference forbids / " @ %.
 * Taking the narrower rule satisfies both (so no space, quote, slash, @ or %).
 */
export function checkRedisAuthToken(value: string): string | undefined {
    if (value.length < 16 || value.length > 128) return "must be 16 to 128 characters long";
    if (!/^[A-Za-z0-9!&#$^<>-]+$/.test(value)) {
        return `must hold only letters, digits and ${REDIS_AUTH_TOKEN_SPECIALS.split("").join(" ")} (ElastiCache refuses any other character)`;
    }
    return undefined;
}

/** A region that exists (the provider's Region enum). */
export function checkRegion(value: string): string | undefined {
    if (AWS_REGIONS.has(value)) return undefined;
    const near = closest(value, [...AWS_REGIONS]);
    return `must be an AWS region such as us-east-2${near ? ` (did you mean ${near}?)` : ""}`;
}

/** An availability zone of `region` (stacks/awsFacts.ts). */
export function checkAvailabilityZone(value: string, region: string): string | undefined {
    const letters = AZ_LETTERS_BY_REGION[region];
    if (letters === undefined)
        return `cannot be checked: the availability zones of ${region} are not in stacks/awsFacts.ts (add them with their source)`;
    const zones = [...letters].map((l) => `${region}${l}`);
    return zones.includes(value)
        ? undefined
        : `must be an availability zone of ${region}: ${zones.join(", ")}`;
}

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

/**
 * An SSM parameter name as Parameter Store accepts it: a-zA-Z0-9_.- and / between
 * levels, at most 15 levels, and its full ARN at most 1011 characters. Names the
 * program creates must not start with aws or ssm (case-insensitive); reading one of
 * AWS's public parameters under /aws/service/ is fine.
 */
export function checkSsmParameterName(
    name: string,
    options: { creating: boolean; region?: string },
): string | undefined {
    if (!/^\/?[A-Za-z0-9_.\-]+(\/[A-Za-z0-9_.\-]+)*$/.test(name))
        return "must be an SSM parameter name of a-z A-Z 0-9 _ . - with / between levels, such as /chatmrpt/prod/app-ami-id";
    const levels = name.replace(/^\//, "").split("/").length;
    if (levels > 15) return `must have at most 15 levels (Parameter Store's limit); it has ${levels}`;
    const arnLength =
        `arn:aws:ssm:${options.region ?? "us-east-2"}:123456789012:parameter${name.startsWith("/") ? "" : "/"}${name}`
            .length;
    if (arnLength > 1011)
        return `is too long: with its ARN it is ${arnLength} characters, and Parameter Store allows 1011`;
    if (options.creating && /^\/?(aws|ssm)/i.test(name))
        return "must not start with aws or ssm (reserved by AWS)";
    return undefined;
}

/** A number written in plain decimal (`2`, `-1`, `0.5`): not `0x10`, `1e3`, `2.` or ` 2`. */
export function checkPlainDecimal(value: string): string | undefined {
    return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)
        ? undefined
        : "must be written as a plain decimal number such as 2 or 0.5";
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
