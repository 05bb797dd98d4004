import * as pulumi from "@pulumi/pulumi";
import { CpuCreditMode, TimeoutArgs } from "./rules";

/**
 * Arguments of {@link WebTier}. What another resource could produce (IDs, ARNs, endpoints, names,
 * the region, the agent config) is a `pulumi.Input`. Plain on purpose, because the component
 * must know them while it is being constructed: the AMI (its `ssm:` form reads a parameter),
 * the instance type (whether credits apply), the counts, ports, durations and paths (validated
 * before anything is created), the number of subnets, and the tags (each child adds its Name).
 */
export interface WebTierArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets for the internal ALB and the app instances (two or more AZs). */
    readonly privateSubnetIds: pulumi.Input<string>[]; // a plain list: its length is checked
    /**
     * Issued ACM certificate (this region) for an HTTPS listener on 443. Without one the
     * ALB listens on HTTP 80 only: no public certificate can name an internal ALB, and
     * CloudFront reaches it through a VPC origin, inside AWS's network.
     * @default - HTTP listener on 80
     */
    readonly certificateArn?: pulumi.Input<string>;
    /**
     * AMI for the app: an `ami-…` ID, or `ssm:/path` of a parameter holding one. A parameter
     * is read at deploy time and its literal ID goes into the launch template, so a new ID
     * is a visible change that starts an instance refresh.
     */
    readonly ami: string;
    /** Instance type. @default "t3a.large" */
    readonly instanceType?: string;
    /** Auto Scaling group minimum. @default 2 */
    readonly minSize?: number;
    /** Auto Scaling group maximum. @default 4 */
    readonly maxSize?: number;
    /** Instances at creation (later left to scaling). @default minSize */
    readonly desiredCapacity?: number;
    /** Port the app listens on. @default 8000 */
    readonly appPort?: number;
    /** App (gunicorn) worker processes per instance. @default 10 */
    readonly appWorkers?: number;
    /** Path the target group health-checks. @default "/health" */
    readonly healthCheckPath?: string;
    /** Seconds a new instance has before ELB health checks count. @default 300 */
    readonly healthCheckGracePeriodSeconds?: number;
    /** Root volume size (gp3, encrypted). @default 30 */
    readonly rootVolumeSizeGiB?: number;
    /** Average CPU the Auto Scaling group tracks (second policy; requests per target lead). @default 30 */
    readonly cpuTargetPercent?: number;
    /** CPU credit mode of burstable (T3) instances; ignored for other families. @default "unlimited" */
    readonly cpuCredits?: CpuCreditMode;
    /** Seconds a worker is busy with a typical chat answer (sets the request-count target). @default 10 */
    readonly typicalAnswerSeconds?: number;
    /** ALB idle timeout; chat answers stream slowly. @default 120 */
    readonly albIdleTimeoutSeconds?: number;
    /** CloudFront's origin read timeout, which the worker timeout must not undercut. @default 60 */
    readonly originReadTimeoutSeconds?: number;
    /** Gunicorn `--timeout`: a worker silent this long is killed. @default 75 */
    readonly appWorkerTimeoutSeconds?: number;
    /** Gunicorn `--keep-alive`: must outlast the ALB idle timeout. @default 125 */
    readonly appKeepAliveSeconds?: number;
    /** Seconds the target group drains a leaving instance. @default 60 */
    readonly deregistrationDelaySeconds?: number;
    /** ALB stickiness cookie lifetime while uploads live on instance disks (0 turns stickiness off). @default 86400 */
    readonly stickinessSeconds?: number;
    /** Redis primary endpoint host. */
    readonly redisEndpoint: pulumi.Input<string>;
    /** Redis security group, the only place app instances may reach on 6379. */
    readonly redisSecurityGroupId: pulumi.Input<string>;
    /** SSM SecureString holding the Redis AUTH token, read at boot. */
    readonly redisAuthTokenParameter: {
        readonly name: pulumi.Input<string>;
        readonly arn: pulumi.Input<string>;
    };
    /** Uploads bucket the instances may read and write. @default - no bucket access */
    readonly uploadsBucket?: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
    /** Bucket for ALB access logs (its policy must let the region's ELB account write). @default - access logs off */
    readonly accessLogsBucket?: pulumi.Input<string>;
    /** Key prefix of the access logs. @default "alb" */
    readonly accessLogsPrefix?: pulumi.Input<string>;
    /** Region, for the AWS CLI calls in user data. */
    readonly region: pulumi.Input<string>;
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;
    /** Extra tags on the instances' volumes (e.g. the backup selection tag). @default {} */
    readonly volumeTags?: Record<string, string>;
    /** CloudWatch agent config and the app log file it ships (see AppLogs). @default - logs stay on the instance */
    readonly logShipping?: {
        readonly agentConfig: pulumi.Input<string>;
        readonly appLogFile: pulumi.Input<string>;
    };
}

/** {@link WebTierArgs} with every default applied: what the builders of the tier read. */
export interface WebTierSettings extends TimeoutArgs {
    readonly instanceType: string;
    readonly minSize: number;
    readonly maxSize: number;
    readonly desiredCapacity: number;
    readonly appPort: number;
    readonly appWorkers: number;
    readonly healthCheckPath: string;
    readonly gracePeriod: number;
    readonly rootVolumeSizeGiB: number;
    readonly cpuTargetPercent: number;
    readonly cpuCredits: CpuCreditMode;
    readonly typicalAnswerSeconds: number;
    readonly stickinessSeconds: number;
    readonly tags: Record<string, string>;
}

/** The defaults each `@default` above states. */
export function webTierSettings(args: WebTierArgs): WebTierSettings {
    const minSize = args.minSize ?? 2;
    return {
        instanceType: args.instanceType ?? "t3a.large",
        minSize,
        maxSize: args.maxSize ?? 4,
        desiredCapacity: args.desiredCapacity ?? minSize,
        appPort: args.appPort ?? 8000,
        appWorkers: args.appWorkers ?? 10,
        healthCheckPath: args.healthCheckPath ?? "/health",
        gracePeriod: args.healthCheckGracePeriodSeconds ?? 300,
        rootVolumeSizeGiB: args.rootVolumeSizeGiB ?? 30,
        cpuTargetPercent: args.cpuTargetPercent ?? 30,
        cpuCredits: args.cpuCredits ?? "unlimited",
        typicalAnswerSeconds: args.typicalAnswerSeconds ?? 10,
        albIdleTimeoutSeconds: args.albIdleTimeoutSeconds ?? 120,
        originReadTimeoutSeconds: args.originReadTimeoutSeconds ?? 60,
        appWorkerTimeoutSeconds: args.appWorkerTimeoutSeconds ?? 75,
        appKeepAliveSeconds: args.appKeepAliveSeconds ?? 125,
        deregistrationDelaySeconds: args.deregistrationDelaySeconds ?? 60,
        stickinessSeconds: args.stickinessSeconds ?? 86400,
        tags: args.tags ?? {},
    };
}
