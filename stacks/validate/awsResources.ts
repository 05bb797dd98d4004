/** Validators of AWS names and IDs: instance and node types, regions and zones, AMIs, IDs, SSM names, AUTH tokens. */
import { cacheNodeVcpus } from "../../components/monitoring";
import { AWS_REGIONS, AZ_LETTERS_BY_REGION, CACHE_NODE_TYPES, EC2_INSTANCE_TYPES } from "../awsFacts";
import { closest } from "./text";

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
