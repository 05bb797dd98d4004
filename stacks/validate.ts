/**
 * Pure validators for stack configuration. Each returns `undefined` when the value
 * is acceptable, or a sentence that says what is allowed; the caller prefixes the
 * key and the bad value, so every message reads
 * `chatmrpt:minSize (5): must be <= chatmrpt:maxSize (4)`.
 */

/** Instance families the app has been run on; anything else is a typo or an untested choice. */
export const ALLOWED_INSTANCE_FAMILIES = ["t3", "t3a", "m5", "m6i", "m7i", "c5", "c6i", "c7i", "r6i"] as const;

/** Instance sizes, smallest first. */
const INSTANCE_SIZES = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge"];

export function checkInstanceType(value: string): string | undefined {
    const [family, size, ...rest] = value.split(".");
    if (rest.length > 0 || !size || !(ALLOWED_INSTANCE_FAMILIES as readonly string[]).includes(family)) {
        return `must be <family>.<size> with family one of ${ALLOWED_INSTANCE_FAMILIES.join(", ")}`;
    }
    if (!INSTANCE_SIZES.includes(size)) {
        return `size must be one of ${INSTANCE_SIZES.join(", ")}`;
    }
    return undefined;
}

/** ElastiCache node types look like `cache.t3.small`. */
export function checkCacheNodeType(value: string): string | undefined {
    return /^cache\.(t3|t4g|m6g|m7g|r6g|r7g)\.(micro|small|medium|large|xlarge|[248]xlarge)$/.test(value)
        ? undefined
        : "must be an ElastiCache node type such as cache.t3.small (families t3, t4g, m6g, m7g, r6g, r7g)";
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

export function checkEmail(value: string): string | undefined {
    return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) ? undefined : "must be an email address such as ops@example.org";
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

/** An HTTP path for health checks: starts with `/`, no spaces or query. */
export function checkHttpPath(value: string): string | undefined {
    return /^\/[A-Za-z0-9_\-./]*$/.test(value) ? undefined : "must be an absolute path such as /health";
}

/** ElastiCache windows: `hh:mm-hh:mm` (daily) in UTC. */
export function checkDailyWindow(value: string): string | undefined {
    const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
    if (!m) return "must be a UTC window hh:mm-hh:mm such as 03:00-04:00";
    const length = windowMinutes(value);
    return length < 60 ? "must be at least 60 minutes long" : undefined;
}

/** ElastiCache maintenance window: `ddd:hh:mm-ddd:hh:mm` in UTC. */
export function checkWeeklyWindow(value: string): string | undefined {
    const day = "(sun|mon|tue|wed|thu|fri|sat)";
    const time = "([01]\\d|2[0-3]):[0-5]\\d";
    if (!new RegExp(`^${day}:${time}-${day}:${time}$`).test(value)) {
        return "must be a UTC window ddd:hh:mm-ddd:hh:mm such as sun:05:00-sun:06:00";
    }
    return undefined;
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
        const inside = (point: number, start: number, length: number) => (point - start + week) % week < length;
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


/** AWS region names such as us-east-2. */
export function checkRegion(value: string): string | undefined {
    return /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value) ? undefined : "must be an AWS region such as us-east-2";
}

/** Tag keys and values as AWS accepts them. */
export function checkTag(key: string, value: string): string | undefined {
    if (key.length < 1 || key.length > 128 || key.startsWith("aws:")) return "tag keys must be 1-128 characters and not start with aws:";
    if (value.length > 256) return "tag values must be at most 256 characters";
    return undefined;
}
