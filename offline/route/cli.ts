/**
 * npm run route -- <legacy|app|app:N> [--kvs-arn ARN] [--stack NAME]
 * Moves users between old prod and this stack by writing the router's routing key, without
 * `pulumi up` (the cutover's rollback). Exit codes: 0 done; 1 the store was not written as
 * asked (unreachable, access denied, conflict, read-back mismatch); 2 bad arguments or value,
 * nothing read or written; 3 no store ARN (pulumi missing, or the stack has no router).
 */
import { execFile } from "child_process";
import { eachArg, runCommand } from "../command";
import { checkRouting, ROUTING_KEY } from "../../components/routingValue";
import { checkKvsArn, EXIT, kvsClient, PROPAGATION_NOTE, resolveRegion, route, RouteFailure } from "./route";

/** The stack output holding the store's ARN (index.ts exports it). */
export const ARN_OUTPUT = "originRouterKeyValueStoreArn";

export const ROUTE_USAGE = `Usage: npm run route -- <legacy|app|app:N> [--kvs-arn ARN] [--stack NAME]

Writes the router's KeyValueStore key ${ROUTING_KEY} (no pulumi up): legacy sends everyone to
old prod, app everyone to this stack, app:N viewers whose bucket is below N (0-100).

Options:
  --kvs-arn ARN   the store (default: pulumi stack output ${ARN_OUTPUT})
  --stack NAME    the stack whose output is read (default: the selected stack)
  --help          this text

AWS credentials, AWS_REGION (default us-east-1), AWS_ENDPOINT_URL and
AWS_ENDPOINT_URL_CLOUDFRONT_KEYVALUESTORE are read as the AWS SDK reads them.

Exit codes: 0 done; 1 not written as asked (unreachable, access denied, conflict);
2 bad arguments or value (nothing written); 3 no store ARN (nothing written).`;

export interface RouteArgs {
    readonly help: boolean;
    readonly value?: string;
    readonly kvsArn?: string;
    readonly stack?: string;
}

/** Parses the arguments; throws a {@link RouteFailure} with {@link EXIT.usage} on anything wrong. */
export function parseRouteArgs(argv: readonly string[]): RouteArgs {
    let help = false;
    let value: string | undefined;
    let kvsArn: string | undefined;
    let stack: string | undefined;
    try {
        eachArg(argv, (arg, next) => {
            if (arg === "--help" || arg === "-h") help = true;
            else if (arg === "--kvs-arn") kvsArn = next();
            else if (arg === "--stack") stack = next();
            else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
            else if (value !== undefined) throw new Error(`one value only (got ${value} and ${arg})`);
            else value = arg;
        });
    } catch (e) {
        throw new RouteFailure(`${(e as Error).message}\n${ROUTE_USAGE}`, EXIT.usage);
    }
    if (help) return { help };
    if (value === undefined)
        throw new RouteFailure(`a routing value is required\n${ROUTE_USAGE}`, EXIT.usage);
    const bad = checkRouting(value);
    if (bad) throw new RouteFailure(`the routing value (${value}) ${bad}`, EXIT.usage);
    if (kvsArn !== undefined) {
        const badArn = checkKvsArn(kvsArn);
        if (badArn) throw new RouteFailure(`--kvs-arn (${kvsArn}) ${badArn}`, EXIT.usage);
    }
    // The function trims the value; the key holds exactly what it will compare.
    return { help, value: value.trim(), kvsArn, stack };
}

/**
 * The store's ARN from `pulumi stack output`. The child inherits this process's environment
 * (NODE_OPTIONS included), as any tool it starts would.
 */
export function arnFromStack(stack: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
    const args = ["stack", "output", ARN_OUTPUT, ...(stack ? ["--stack", stack] : [])];
    const shown = `pulumi ${args.join(" ")}`;
    return new Promise((resolve, reject) => {
        execFile("pulumi", args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
            const fail = (why: string) =>
                reject(
                    new RouteFailure(
                        `no KeyValueStore ARN: ${why}. Pass --kvs-arn ARN instead`,
                        EXIT.noStore,
                    ),
                );
            if (error && (error as NodeJS.ErrnoException).code === "ENOENT")
                return fail(`the pulumi CLI is not on PATH (needed for ${shown})`);
            if (error) return fail(`${shown} failed: ${String(stderr).trim() || error.message}`);
            const arn = String(stdout).trim();
            if (arn === "")
                return fail(
                    `${shown} is empty: the stack has no router (chatmrpt:legacyOriginDomainName is unset)`,
                );
            const bad = checkKvsArn(arn);
            if (bad) return fail(`${shown} printed ${arn}, which ${bad}`);
            resolve(arn);
        });
    });
}

/** The command: its lines to `write`, its exit code; never throws. */
export async function runRouteCli(
    argv: string[],
    write: (s: string) => void,
    env: NodeJS.ProcessEnv = process.env,
    writeError: (s: string) => void = (s) => process.stderr.write(s + "\n"),
): Promise<number> {
    // This SDK release supports the Node versions package.json allows; its notice about later
    // releases would bury the before/after lines during a rollback. Set it to "false" to see it.
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    try {
        const args = parseRouteArgs(argv);
        if (args.help) {
            write(ROUTE_USAGE);
            return EXIT.done;
        }
        const arn = args.kvsArn ?? (await arnFromStack(args.stack, env));
        const { region, defaulted } = await resolveRegion();
        write(`KeyValueStore ${arn} (region ${region}${defaulted ? ", the default: none set" : ""})`);
        const client = kvsClient(region);
        try {
            const r = await route(client, region, arn, args.value!, env);
            write(`${ROUTING_KEY} before: ${r.before ?? "(missing)"}`);
            if (!r.written) {
                write(`${ROUTING_KEY} after:  ${r.after} (already set; nothing written)`);
                return EXIT.done;
            }
            const tries = r.attempts > 1 ? `, after ${r.attempts - 1} conflict(s) retried` : "";
            write(`${ROUTING_KEY} after:  ${r.after} (written with If-Match${tries}; read back)`);
            write(PROPAGATION_NOTE);
            return EXIT.done;
        } finally {
            client.destroy();
        }
    } catch (e) {
        const failure =
            e instanceof RouteFailure
                ? e
                : new RouteFailure(e instanceof Error ? e.message : String(e), EXIT.failed);
        writeError(`error: ${failure.message}`);
        return failure.exitCode;
    }
}

if (require.main === module) runCommand((argv, write) => runRouteCli(argv, write));
