/**
 * npm run readiness -- --old URL --new URL [--header name:value ...] [--requests N]
 *                      [--stack prod | --limit-ms MS] [--timeout-ms MS] [--json]
 * Exit codes: 0 ready; 1 not ready (a failed check, including a side that does not answer);
 * 2 error (bad arguments, unreadable stack config): the gate could not judge at all.
 */
import { eachArg, runCommand } from "../command";
import {
    checkReadiness,
    CONCURRENT_REQUESTS,
    formatReadiness,
    latencyLimitMs,
    ReadinessTransport,
} from "./readiness";

export const READINESS_USAGE = `Usage: npm run readiness -- --old URL --new URL [options]

Compares old production with the new stack before users move:
  - /, /health and /system-health answer 200 on both sides;
  - the new side's p95 latency over N requests is within the limit;
  - ${CONCURRENT_REQUESTS} concurrent requests to the new side all succeed.

Options:
  --old URL            old production's base URL (such as https://d225ar6c86586s.cloudfront.net)
  --new URL            the new stack's base URL (or the same distribution, with --header)
  --header NAME:VALUE  header sent to the new side only, repeatable (such as the router's
                       x-chatmrpt-force-origin:app:TOKEN); values are never printed
  --requests N         requests the latency is measured on (default 30)
  --stack NAME         stack whose latency limit applies (chatmrpt:endpointLatencyLimitMs; default prod)
  --limit-ms MS        the latency limit itself, instead of the stack's
  --timeout-ms MS      per-request timeout (default 10000)
  --json               print the report as JSON
  --help               this text

Exit codes: 0 ready, 1 not ready, 2 error (bad arguments or stack config).`;

export interface ReadinessArgs {
    help: boolean;
    oldUrl?: string;
    newUrl?: string;
    headers: Record<string, string>;
    requests?: number;
    stack: string;
    limitMs?: number;
    timeoutMs?: number;
    json: boolean;
}

function positiveNumber(flag: string, value: string, whole: boolean): number {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
        throw new Error(`${flag} (${value}) must be a ${whole ? "whole number" : "number"} greater than 0`);
    }
    return n;
}

export function parseReadinessArgs(argv: string[]): ReadinessArgs {
    const args: ReadinessArgs = { help: false, headers: {}, stack: "prod", json: false };
    let stackGiven = false;
    eachArg(argv, (arg, value) => {
        if (arg === "--help" || arg === "-h") args.help = true;
        else if (arg === "--json") args.json = true;
        else if (arg === "--old") args.oldUrl = value();
        else if (arg === "--new") args.newUrl = value();
        else if (arg === "--requests") args.requests = positiveNumber(arg, value(), true);
        else if (arg === "--limit-ms") args.limitMs = positiveNumber(arg, value(), false);
        else if (arg === "--timeout-ms") args.timeoutMs = positiveNumber(arg, value(), true);
        else if (arg === "--stack") {
            args.stack = value();
            stackGiven = true;
        } else if (arg === "--header") {
            const pair = value();
            const colon = pair.indexOf(":");
            const name = colon < 0 ? "" : pair.slice(0, colon).trim().toLowerCase();
            // Never echo the value: it is usually the override token.
            if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
                throw new Error(
                    "--header takes NAME:VALUE with a valid header name (such as x-chatmrpt-force-origin:app:TOKEN)",
                );
            args.headers[name] = pair.slice(colon + 1).trim();
        } else throw new Error(`unknown argument ${arg}; see --help`);
    });
    if (stackGiven && args.limitMs !== undefined)
        throw new Error("--stack and --limit-ms both set the latency limit; give one");
    if (!args.help) {
        const missing = [
            ["--old", args.oldUrl],
            ["--new", args.newUrl],
        ]
            .filter(([, v]) => v === undefined)
            .map(([f]) => f);
        if (missing.length > 0)
            throw new Error(
                `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} required; see --help`,
            );
    }
    return args;
}

/** The command; `transport` replaces the real sockets (tests). */
export async function runReadinessCli(
    argv: string[],
    write: (s: string) => void,
    transport?: ReadinessTransport,
): Promise<number> {
    const args = parseReadinessArgs(argv);
    if (args.help) {
        write(READINESS_USAGE);
        return 0;
    }
    const limitMs = args.limitMs ?? (await latencyLimitMs(args.stack));
    const report = await checkReadiness({
        oldUrl: args.oldUrl!,
        newUrl: args.newUrl!,
        newHeaders: args.headers,
        requests: args.requests,
        limitMs,
        timeoutMs: args.timeoutMs,
        transport,
    });
    write(args.json ? JSON.stringify(report, null, 2) : formatReadiness(report));
    return report.ready ? 0 : 1;
}

if (require.main === module) runCommand(runReadinessCli);
