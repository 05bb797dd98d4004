// The web tier's own rules: the shapes AWS would refuse or that would break the app, checked
// before anything is created, and the constants they rest on.
import { ArgProblem, throwIfArgProblems } from "../argProblems";

/** Deliberate choice: TLS 1.3 preferred, TLS 1.2 still accepted (CloudFront speaks 1.2 to origins). */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * vCPUs and baseline CPU (percent of each vCPU) of the burstable types the app may run on,
 * from the EC2 burstable performance instances table. Above the baseline an `unlimited`
 * instance buys surplus credits; a `standard` one is throttled to it once its credits run out.
 */
export const BURSTABLE_BASELINES: Record<
    string,
    { readonly vcpus: number; readonly baselinePercent: number }
> = {
    "t3.nano": { vcpus: 2, baselinePercent: 5 },
    "t3.micro": { vcpus: 2, baselinePercent: 10 },
    "t3.small": { vcpus: 2, baselinePercent: 20 },
    "t3.medium": { vcpus: 2, baselinePercent: 20 },
    "t3.large": { vcpus: 2, baselinePercent: 30 },
    "t3.xlarge": { vcpus: 4, baselinePercent: 40 },
    "t3.2xlarge": { vcpus: 8, baselinePercent: 40 },
    "t3a.nano": { vcpus: 2, baselinePercent: 5 },
    "t3a.micro": { vcpus: 2, baselinePercent: 10 },
    "t3a.small": { vcpus: 2, baselinePercent: 20 },
    "t3a.medium": { vcpus: 2, baselinePercent: 20 },
    "t3a.large": { vcpus: 2, baselinePercent: 30 },
    "t3a.xlarge": { vcpus: 4, baselinePercent: 40 },
    "t3a.2xlarge": { vcpus: 8, baselinePercent: 40 },
};

/** CPU credit modes EC2 accepts for burstable instances. */
export const CPU_CREDIT_MODES = ["standard", "unlimited"] as const;
export type CpuCreditMode = (typeof CPU_CREDIT_MODES)[number];

/**
 * Share of the workers' capacity the request-count policy aims for: the rest absorbs a
 * burst while target tracking (3 one-minute datapoints) and the instance warmup catch up.
 */
export const REQUEST_TARGET_UTILIZATION = 0.7;

/**
 * Requests a minute one instance should serve on average, the `ALBRequestCountPerTarget`
 * target: each sync gunicorn worker holds one request at a time for a typical chat answer,
 * so an instance serves `workers × 60 / answerSeconds` requests a minute when every worker
 * is busy; aim for {@link REQUEST_TARGET_UTILIZATION} of that (10 workers, 10 s → 42).
 */
export function requestsPerTargetPerMinute(appWorkers: number, typicalAnswerSeconds: number): number {
    return Math.max(1, Math.floor(((appWorkers * 60) / typicalAnswerSeconds) * REQUEST_TARGET_UTILIZATION));
}

/** The longest deregistration delay a rollback can afford: the team's rollback budget is 2 minutes. */
export const MAX_DEREGISTRATION_DELAY_SECONDS = 120;

/** Boot-time SSM fetch: attempts, per-attempt bound (s) and pause between attempts (s). */
export const SSM_FETCH = { attempts: 6, attemptTimeoutSeconds: 20, pauseSeconds: 10 } as const;

/** Longest a boot can spend waiting on SSM before it gives up (the instance then fails its health checks and is replaced). */
export const SSM_FETCH_BOUND_SECONDS =
    SSM_FETCH.attempts * SSM_FETCH.attemptTimeoutSeconds + (SSM_FETCH.attempts - 1) * SSM_FETCH.pauseSeconds;

/** The timeouts along a request's path, which must agree (see {@link timeoutProblems}). */
export interface TimeoutArgs {
    readonly albIdleTimeoutSeconds: number;
    readonly originReadTimeoutSeconds: number;
    readonly appWorkerTimeoutSeconds: number;
    readonly appKeepAliveSeconds: number;
    readonly deregistrationDelaySeconds: number;
}

/**
 * The orderings, each as [names, sentence]:
 * - CloudFront's read timeout ≤ the ALB idle timeout (else the ALB cuts answers CloudFront still waits for);
 * - the ALB idle timeout < gunicorn's keep-alive (the ALB, not the app, must close idle
 *   connections, or it reuses one the app just closed: intermittent 502s);
 * - gunicorn's worker timeout ≥ CloudFront's read timeout (a worker is not killed mid-answer);
 * - CloudFront's read timeout ≤ the deregistration delay ≤ 120 s (a draining instance finishes
 *   every answer still wanted, inside the 2-minute rollback budget).
 */
export function timeoutProblems(t: TimeoutArgs): [string[], string][] {
    const problems: [string[], string][] = [];
    if (t.albIdleTimeoutSeconds < t.originReadTimeoutSeconds) {
        problems.push([
            ["albIdleTimeoutSeconds", "originReadTimeoutSeconds"],
            `must be >= originReadTimeoutSeconds (${t.originReadTimeoutSeconds})`,
        ]);
    }
    if (t.appKeepAliveSeconds <= t.albIdleTimeoutSeconds) {
        problems.push([
            ["appKeepAliveSeconds", "albIdleTimeoutSeconds"],
            `must be > albIdleTimeoutSeconds (${t.albIdleTimeoutSeconds})`,
        ]);
    }
    if (t.appWorkerTimeoutSeconds < t.originReadTimeoutSeconds) {
        problems.push([
            ["appWorkerTimeoutSeconds", "originReadTimeoutSeconds"],
            `must be >= originReadTimeoutSeconds (${t.originReadTimeoutSeconds})`,
        ]);
    }
    if (
        t.deregistrationDelaySeconds < t.originReadTimeoutSeconds ||
        t.deregistrationDelaySeconds > MAX_DEREGISTRATION_DELAY_SECONDS
    ) {
        problems.push([
            ["deregistrationDelaySeconds", "originReadTimeoutSeconds"],
            `must be from originReadTimeoutSeconds (${t.originReadTimeoutSeconds}) to ${MAX_DEREGISTRATION_DELAY_SECONDS} (the rollback budget)`,
        ]);
    }
    return problems;
}

/** Throws on a web-tier shape AWS would refuse or that would break the app, before anything is created. */
export function validateWebTierArgs(a: WebTierShapeArgs): void {
    throwIfArgProblems(webTierArgProblems(a));
}

/** The arguments {@link validateWebTierArgs} checks. */
export type WebTierShapeArgs = TimeoutArgs & {
    minSize: number;
    maxSize: number;
    desiredCapacity: number;
    appPort: number;
    appWorkers: number;
    healthCheckPath: string;
    ami: string;
    privateSubnetCount: number;
    instanceType: string;
    cpuCredits: string;
    cpuTargetPercent: number;
    typicalAnswerSeconds: number;
    gracePeriod: number;
    stickinessSeconds: number;
};

/** What {@link validateWebTierArgs} refuses, as data. */
export function webTierArgProblems(a: WebTierShapeArgs): ArgProblem[] {
    const p: ArgProblem[] = [];
    if (!Number.isInteger(a.minSize) || a.minSize < 1)
        p.push({ arg: "minSize", value: a.minSize, allowed: "must be a whole number >= 1" });
    if (a.minSize > a.maxSize)
        p.push({
            arg: "minSize",
            value: a.minSize,
            allowed: `must be <= maxSize (${a.maxSize})`,
            related: ["maxSize"],
        });
    if (a.desiredCapacity < a.minSize || a.desiredCapacity > a.maxSize) {
        p.push({
            arg: "desiredCapacity",
            value: a.desiredCapacity,
            allowed: `must be between minSize (${a.minSize}) and maxSize (${a.maxSize})`,
            related: ["minSize", "maxSize"],
        });
    }
    if (!Number.isInteger(a.appPort) || a.appPort < 1024 || a.appPort > 65535 || a.appPort === 6379) {
        p.push({
            arg: "appPort",
            value: a.appPort,
            allowed: "must be a whole number from 1024 to 65535, not 6379",
        });
    }
    if (!Number.isInteger(a.appWorkers) || a.appWorkers < 1)
        p.push({ arg: "appWorkers", value: a.appWorkers, allowed: "must be a whole number >= 1" });
    if (!a.healthCheckPath.startsWith("/"))
        p.push({ arg: "healthCheckPath", value: a.healthCheckPath, allowed: "must start with /" });
    if (!/^ami-[0-9a-f]+$/.test(a.ami) && !/^ssm:\/\S+$/.test(a.ami))
        p.push({ arg: "ami", value: a.ami, allowed: "must be ami-… or ssm:/path" });
    // An ALB needs subnets in two AZs; an ASG in one AZ loses everything with it.
    if (a.privateSubnetCount < 2)
        p.push({
            arg: "privateSubnetIds",
            value: `${a.privateSubnetCount} given`,
            allowed: "must hold at least 2 subnets",
        });
    if (!(CPU_CREDIT_MODES as readonly string[]).includes(a.cpuCredits))
        p.push({ arg: "cpuCredits", value: a.cpuCredits, allowed: "must be standard or unlimited" });
    const burst = BURSTABLE_BASELINES[a.instanceType];
    // Out of credits, a standard instance is held at its baseline: a higher target is never reached and the group never scales on CPU.
    if (burst && a.cpuCredits === "standard" && a.cpuTargetPercent > burst.baselinePercent) {
        p.push({
            arg: "cpuTargetPercent",
            value: a.cpuTargetPercent,
            allowed: `must be <= ${burst.baselinePercent}, the baseline of ${a.instanceType}, with cpuCredits standard`,
            related: ["cpuCredits"],
        });
    }
    if (!(a.typicalAnswerSeconds > 0))
        p.push({ arg: "typicalAnswerSeconds", value: a.typicalAnswerSeconds, allowed: "must be > 0" });
    // The capacity wait and the SSM fetch both fit in the grace period only if the fetch gives up first.
    if (SSM_FETCH_BOUND_SECONDS >= a.gracePeriod) {
        p.push({
            arg: "healthCheckGracePeriodSeconds",
            value: a.gracePeriod,
            allowed: `must be > ${SSM_FETCH_BOUND_SECONDS}, the longest boot-time SSM fetch`,
        });
    }
    // lb_cookie duration: 1 second to 7 days (AWS).
    if (!Number.isInteger(a.stickinessSeconds) || a.stickinessSeconds < 0 || a.stickinessSeconds > 604800) {
        p.push({
            arg: "stickinessSeconds",
            value: a.stickinessSeconds,
            allowed: "must be a whole number from 0 (off) to 604800",
        });
    }
    for (const [[arg, other], allowed] of timeoutProblems(a))
        p.push({ arg, value: a[arg as keyof TimeoutArgs], allowed, related: [other] });
    return p;
}
