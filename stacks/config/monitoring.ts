/** The monitoring section: who is paged, the alarm thresholds, and how long logs are kept. */
import { PLACEHOLDER_DOMAINS } from "../validate";
import { SPECIAL_USE_SUFFIXES } from "../nameChecks";
import { NAMESPACE, Reader } from "./reader";
import { AlarmThresholds } from "./types";

export function readAlertEmails(r: Reader): string[] {
    return r.list("alertEmails");
}

/** Whether someone is paged: `ok`, or a sentence naming chatmrpt:alertEmails, the value and what is allowed. */
export interface OnCall {
    readonly ok: boolean;
    readonly message: string;
}

/** Domains of addresses nobody reads: documentation names (RFC 2606) and special-use names (RFC 6761 …). */
const NOBODY_READS = [...PLACEHOLDER_DOMAINS, ...SPECIAL_USE_SUFFIXES];
/** Domains and local parts that are a template's blanks (you@yourcompany.com, changeme@…). */
const TEMPLATE_BLANK =
    /^(your[-_.]?(company|domain|org|team|email|name)|company|domain|changeme|change-me|todo|tbd|placeholder)(\.|$)/;

/** Why an address pages nobody; undefined when it is one a person could read. */
function placeholderReason(email: string): string | undefined {
    const at = email.lastIndexOf("@");
    const local = email.slice(0, at).toLowerCase();
    const domain = email.slice(at + 1).toLowerCase();
    const reserved = NOBODY_READS.find((d) => domain === d || domain.endsWith(`.${d}`));
    if (reserved !== undefined) return `${reserved} is reserved and never delivers mail`;
    if (TEMPLATE_BLANK.test(domain)) return `${domain} is a template's blank`;
    if (TEMPLATE_BLANK.test(local)) return `${local}@ is a template's blank`;
    return undefined;
}

/**
 * Whether the alarms page a person: at least one address, none of them a placeholder.
 * `pulumi up` refuses a stack that pages nobody; a preview and the offline plan say so
 * (pull requests are checked before a team has set its address).
 */
export function checkOnCall(alertEmails: readonly string[]): OnCall {
    const allowed = `real on-call addresses that someone reads (not under ${NOBODY_READS.map((d) => (d.includes(".") ? d : `.${d}`)).join(", ")}, nor a template's blank such as you@yourcompany.com); set them with \`pulumi config set --path '${NAMESPACE}:alertEmails[0]' oncall@<your domain>\` and confirm each subscription (docs/operations.md)`;
    if (alertEmails.length === 0)
        return {
            ok: false,
            message: `${NAMESPACE}:alertEmails (unset): nobody is paged when an alarm fires; \`pulumi up\` needs ${allowed}`,
        };
    const placeholders = alertEmails
        .map((email) => ({ email, reason: placeholderReason(email) }))
        .filter((p) => p.reason !== undefined);
    if (placeholders.length > 0)
        return {
            ok: false,
            message: `${NAMESPACE}:alertEmails (${placeholders.map((p) => p.email).join(", ")}): pages nobody (${placeholders.map((p) => (placeholders.length === 1 ? p.reason : `${p.email}: ${p.reason}`)).join("; ")}); \`pulumi up\` needs ${allowed}`,
        };
    return {
        ok: true,
        message: `alarms page ${alertEmails.join(", ")} (once each subscription is confirmed)`,
    };
}

export function readLogRetentionDays(r: Reader): number {
    const value = r.string("logRetentionDays");
    return value === undefined ? NaN : Number(value);
}

export function readAlarms(r: Reader): AlarmThresholds {
    return {
        elb5xxCount: r.int("alarmElb5xxCount"),
        target5xxCount: r.int("alarmTarget5xxCount"),
        chatLatencyP90Ms: r.int("chatLatencyP90Ms"),
        endpointLatencyMs: r.int("endpointLatencyLimitMs"),
        wafBlockedRequests: r.int("alarmWafBlockedRequests"),
        rejectedConnectionCount: r.int("alarmRejectedConnectionCount"),
        asgCpuPercent: r.int("alarmAsgCpuPercent"),
        redisCpuPercent: r.int("alarmRedisCpuPercent"),
        redisMemoryPercent: r.int("alarmRedisMemoryPercent"),
        redisConnections: r.int("alarmRedisConnections"),
        redisReplicationLagSeconds: r.int("alarmRedisReplicationLagSeconds"),
        cloudFront5xxRatePercent: r.number("alarmCloudFront5xxRatePercent"),
        cloudFrontErrorRatePercent: r.number("alarmCloudFrontErrorRatePercent"),
    };
}
