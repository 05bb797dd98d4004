import { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { keepMandatory } from "./enforcement";

/**
 * One exemption, set in the pack config under the policy it exempts:
 * `{"alb-hardened": {"exemptions": [{"resource": "chatmrpt-web-alb", "reason": "...", "expires": "2027-01-31"}]}}`.
 */
export interface Exemption {
    /** The resource's logical name or URN. */
    readonly resource: string;
    /** Why the finding is accepted; at least {@link MIN_REASON_LENGTH} characters. */
    readonly reason: string;
    /** Last day the exemption holds (YYYY-MM-DD, UTC). */
    readonly expires: string;
}

export const MIN_REASON_LENGTH = 10;

/**
 * Policies no exemption can silence: each guards against an incident the operators
 * already had (HTTP-only traffic, Redis unreachable or open, drifting security groups).
 */
export const NEVER_EXEMPTABLE: readonly string[] = [
    "alb-listener-https",
    "cloudfront-viewer-https",
    "elasticache-redis-encrypted",
    "app-tier-single-security-group-set",
    "redis-ingress-from-app-tier-only",
    "no-public-ingress",
    // A behaviour without the router would split one user's session across two Redis.
    "cloudfront-router-every-behavior",
    "alb-behind-cloudfront",
    "alb-listener-rules-https",
    "classic-elb-https-only",
];

/**
 * The longest an exemption may run, in days from today, by policy; others get
 * {@link DEFAULT_MAX_EXEMPTION_DAYS}. The old production ALB's plain-HTTP origin is
 * tolerated for the cutover only: 48 hours of old prod plus slack, never a standing waiver.
 */
export const MAX_EXEMPTION_DAYS: Readonly<Record<string, number>> = {
    "cloudfront-origin-https": 14,
};

/**
 * The longest any other exemption may run, pack-wide: 90 days, so each is re-read every
 * quarter. A policy's `maxExemptionDays` config can lower its own cap, never raise it.
 */
export const DEFAULT_MAX_EXEMPTION_DAYS = 90;

/**
 * Policies whose exemptions silence only some findings (matched on the message): an
 * exemption of the distribution from cloudfront-origin-https covers the legacy origin,
 * never the new stack's origin on the same distribution.
 */
export const EXEMPTABLE_FINDINGS: Readonly<Record<string, RegExp>> = {
    // Origin legacy, or an origin the pack config's legacyOriginDomainNames lists (rules/cloudfrontOriginHttps.ts OLD_PROD).
    "cloudfront-origin-https": /^origin (legacy |\S+ \(old prod's load balancer )/,
};

/** What to do when an exemption from a policy lapses, where more can be said than "fix or renew". */
export const EXPIRED_EXEMPTION_HINTS: Readonly<Record<string, string>> = {
    "cloudfront-origin-https":
        "finish the cutover (runbook step 7: unset chatmrpt:legacyOriginDomainName, set chatmrpt:cutoverComplete) and remove the exemption, or, while users still move, renew it for at most 14 days in policies/config.prod.json in a pull request",
    "cloudfront-waf-protected":
        "attach the stack's web ACL to the adopted distribution (chatmrpt:cutoverComplete does) and remove the exemption, or renew it with a new reason",
    "cloudfront-hsts":
        "give the adopted distribution's behaviours a response headers policy with HSTS (chatmrpt:cutoverComplete does where they have none) and remove the exemption, or renew it with a new reason",
};

/** The cap that applies to exemptions from `policy`, in days. */
export function maxExemptionDays(policy: string): number {
    return MAX_EXEMPTION_DAYS[policy] ?? DEFAULT_MAX_EXEMPTION_DAYS;
}

/** A finding an exemption silenced; the offline report lists these separately. */
export interface ExemptedFinding {
    readonly policy: string;
    readonly urn?: string;
    readonly resource: string;
    readonly message: string;
    readonly reason: string;
    readonly expires: string;
}

/** Options of {@link withExemptions}. */
export interface ExemptionOptions {
    /** Today, for expiry. @default - the current date */
    readonly now?: () => Date;
    /** Receives each exempted finding. @default - dropped (the engine has no channel for them) */
    readonly onExempted?: (finding: ExemptedFinding) => void;
    /** Pack-wide cap on an exemption's lifetime, in days from today (per-policy caps stay lower). @default DEFAULT_MAX_EXEMPTION_DAYS (90) */
    readonly maxExemptionDays?: number;
}

const EXEMPTIONS_SCHEMA = {
    type: "array",
    default: [],
    items: {
        type: "object",
        properties: {
            resource: { type: "string" },
            reason: { type: "string" },
            expires: { type: "string" },
        },
        required: ["resource"],
    },
} as const;

function nameOfUrn(urn: string | undefined): string | undefined {
    return urn?.split("::").pop();
}

/** The problems with one exemption, as violation messages (none when it is valid today). */
export function exemptionProblems(
    policy: string,
    e: Partial<Exemption>,
    today: Date,
    maxDays: number = maxExemptionDays(policy),
): string[] {
    const who = `exemption of ${e.resource ?? "(no resource)"} from ${policy}`;
    if (NEVER_EXEMPTABLE.includes(policy))
        return [`${who}: ${policy} can never be exempted; remove the exemption and fix the finding`];
    const problems: string[] = [];
    if (typeof e.reason !== "string" || e.reason.trim().length < MIN_REASON_LENGTH) {
        problems.push(
            `${who}: a reason of at least ${MIN_REASON_LENGTH} characters is required; found ${e.reason === undefined ? "none" : JSON.stringify(e.reason)}`,
        );
    }
    const match = typeof e.expires === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.expires) : null;
    const expiry = match
        ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
        : undefined;
    if (!expiry || Number.isNaN(expiry.getTime()) || expiry.toISOString().slice(0, 10) !== e.expires) {
        problems.push(
            `${who}: an expiry date (YYYY-MM-DD) is required; found ${e.expires === undefined ? "none" : JSON.stringify(e.expires)}`,
        );
    } else {
        const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
        if (expiry.getTime() < todayUtc)
            problems.push(
                `${who}: expired on ${e.expires}; ${EXPIRED_EXEMPTION_HINTS[policy] ?? "fix the finding or renew the exemption with a new reason"}`,
            );
        const latest = new Date(todayUtc + maxDays * 86_400_000).toISOString().slice(0, 10);
        if (expiry.getTime() > todayUtc + maxDays * 86_400_000) {
            problems.push(
                `${who}: expires on ${e.expires}, more than ${maxDays} days from today; ${policy} exemptions may run until ${latest} at the latest`,
            );
        }
    }
    return problems;
}

function matches(e: Partial<Exemption>, name: string | undefined, urn: string | undefined): boolean {
    return e.resource !== undefined && (e.resource === name || e.resource === urn);
}

/**
 * Wraps a policy so that findings on resources exempted in its config are set aside
 * (and handed to `onExempted`) instead of reported, while a bad exemption (short
 * reason, no or past expiry, unexemptable policy) is itself reported as a violation.
 */
export function withExemptions<P extends ResourceValidationPolicy | StackValidationPolicy>(
    policy: P,
    options: ExemptionOptions = {},
): P {
    const now = options.now ?? (() => new Date());
    const packCap = Math.min(
        MAX_EXEMPTION_DAYS[policy.name] ?? Infinity,
        options.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS,
    );
    // A never-exemptable policy stays mandatory even when the pack config says advisory.
    const strict = NEVER_EXEMPTABLE.includes(policy.name);
    const configSchema = {
        ...(policy.configSchema ?? {}),
        properties: {
            ...(policy.configSchema?.properties ?? {}),
            exemptions: EXEMPTIONS_SCHEMA as any,
            maxExemptionDays: { type: "integer", minimum: 1, maximum: packCap, default: packCap } as any,
        },
    };
    const capOf = (config: { maxExemptionDays?: unknown }) =>
        typeof config.maxExemptionDays === "number" ? Math.min(packCap, config.maxExemptionDays) : packCap;

    const filter =
        (
            exemptions: Partial<Exemption>[],
            cap: number,
            report: ReportViolation,
            fallbackName?: string,
            fallbackUrn?: string,
        ): ReportViolation =>
        (message, urn) => {
            const name = urn ? nameOfUrn(urn) : fallbackName;
            const fullUrn = urn ?? fallbackUrn;
            const exemptable = EXEMPTABLE_FINDINGS[policy.name]?.test(message) ?? true;
            const exemption = exemptable
                ? exemptions.find(
                      (e) =>
                          matches(e, name, fullUrn) &&
                          exemptionProblems(policy.name, e, now(), cap).length === 0,
                  )
                : undefined;
            if (exemption) {
                options.onExempted?.({
                    policy: policy.name,
                    urn: fullUrn,
                    resource: name ?? "",
                    message,
                    reason: exemption.reason!,
                    expires: exemption.expires!,
                });
            } else {
                report(message, urn);
            }
        };

    if ("validateStack" in policy) {
        const validateStack: StackValidationPolicy["validateStack"] = (args, given) => {
            const report = strict ? keepMandatory(given) : given;
            const config = args.getConfig<{ exemptions?: Partial<Exemption>[]; maxExemptionDays?: number }>();
            const exemptions = config.exemptions ?? [];
            for (const e of exemptions) {
                const urn = args.resources.find((r) => matches(e, r.name, r.urn))?.urn;
                for (const problem of exemptionProblems(policy.name, e, now(), capOf(config)))
                    report(problem, urn);
            }
            return policy.validateStack(args, filter(exemptions, capOf(config), report));
        };
        return { ...policy, configSchema, validateStack } as P;
    }
    const validations =
        policy.validateResource === undefined
            ? []
            : Array.isArray(policy.validateResource)
              ? policy.validateResource
              : [policy.validateResource];
    const validateResource: ResourceValidationPolicy["validateResource"] = async (args, given) => {
        const report = strict ? keepMandatory(given) : given;
        const config = args.getConfig<{ exemptions?: Partial<Exemption>[]; maxExemptionDays?: number }>();
        const exemptions = config.exemptions ?? [];
        for (const e of exemptions.filter((x) => matches(x, args.name, args.urn))) {
            for (const problem of exemptionProblems(policy.name, e, now(), capOf(config))) report(problem);
        }
        const filtered = filter(exemptions, capOf(config), report, args.name, args.urn);
        for (const validation of validations) await validation(args, filtered);
    };
    return { ...policy, configSchema, validateResource } as P;
}
