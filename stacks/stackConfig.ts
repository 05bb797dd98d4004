/**
 * Reads and validates the whole stack config once, section by section (stacks/config/), with
 * the keys, ranges and defaults of the one spec (stacks/configSpec.ts). A bad config throws a
 * StackConfigError listing every problem (key, value given, what is allowed) before any
 * resource exists.
 */
import { presetOf } from "./configSpec";
import { readBackupCopyRegion, readBackups } from "./config/backups";
import { readCache } from "./config/cache";
import { runComponentChecks } from "./config/componentChecks";
import { readCutover, readOverrideSecret } from "./config/cutover";
import { readDomain } from "./config/domain";
import { readEdge } from "./config/edge";
import { checkOnCall, readAlarms, readAlertEmails, readLogRetentionDays } from "./config/monitoring";
import { readNetwork } from "./config/network";
import { ConfigSource, Reader } from "./config/reader";
import { readEnvironment, readRegion, readShape, readTags } from "./config/stack";
import { StackConfig } from "./config/types";
import { readWebTier } from "./config/webTier";

export { ConfigSource, NAMESPACE, pulumiConfigSource, StackConfigError } from "./config/reader";
export {
    AlarmThresholds,
    CustomDomain,
    CutoverConfig,
    DOMAIN_STAGES,
    DomainStage,
    NetworkConfig,
    StackConfig,
} from "./config/types";
export { checkOnCall, OnCall } from "./config/monitoring";
export { KNOWN_KEYS, MAX_KVS_VALUE_LENGTH, SECRET_KEYS } from "./configSpec";

/** Options of {@link loadStackConfig}. */
export interface LoadStackConfigOptions {
    /**
     * The config is about to be deployed (`pulumi up`): a stack that pages nobody (see
     * {@link checkOnCall}) is refused with the other problems.
     * @default false - a preview, the plan or a test: nothing is deployed
     */
    readonly deploying?: boolean;
}

export function loadStackConfig(source: ConfigSource, options: LoadStackConfigOptions = {}): StackConfig {
    const r = new Reader(source);
    // Misspelt keys and namespaces need no preset: report them even when the shape is bad.
    r.rejectUnknownKeys();
    const shape = readShape(r);
    r.preset = presetOf(shape);

    const region = readRegion(r);
    const environment = readEnvironment(r, region);
    const domain = readDomain(r);
    const network = readNetwork(r, region);
    const { web, originReadTimeoutSeconds } = readWebTier(r, region);
    const cache = readCache(r);
    const alertEmails = readAlertEmails(r);
    const onCall = checkOnCall(alertEmails);
    if (options.deploying && !onCall.ok && !r.failed().has("alertEmails")) r.problem(onCall.message);
    const logRetentionDays = readLogRetentionDays(r);
    const copyRegion = readBackupCopyRegion(r, region);
    const tags = readTags(r, environment);
    const cutover = readCutover(r, domain);

    const config: StackConfig = {
        shape,
        project: source.project,
        stack: source.stack,
        environment: environment ?? "",
        region: region ?? "",
        tags,
        network,
        domain,
        web,
        originReadTimeoutSeconds,
        cache,
        alarms: readAlarms(r),
        alertEmails,
        ...readEdge(r),
        logs: { retentionDays: logRetentionDays },
        ...readBackups(r, copyRegion),
        monthlyBudgetUsd: r.number("monthlyBudgetUsd"),
        cutover,
        secrets: {
            redisAuthToken: r.secret("redisAuthToken"),
            originOverrideSecret: readOverrideSecret(r, cutover),
        },
    };
    runComponentChecks(r, config);
    r.throwIfProblems();
    return config;
}
