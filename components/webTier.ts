import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { agentBootCommands } from "./appLogs";
import { ArgProblem, throwIfArgProblems } from "./argProblems";

/** Deliberate choice: TLS 1.3 preferred, TLS 1.2 still accepted (CloudFront speaks 1.2 to origins). */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * vCPUs and baseline CPU (percent of each vCPU) of the burstable types the app may run on,
 * from the EC2 burstable performance instances table. Above the baseline an `unlimited`
 * instance buys surplus credits; a `standard` one is throttled to it once its credits run out.
 */
export const BURSTABLE_BASELINES: Record<string, { readonly vcpus: number; readonly baselinePercent: number }> = {
    "t3.nano": { vcpus: 2, baselinePercent: 5 }, "t3.micro": { vcpus: 2, baselinePercent: 10 },
    "t3.small": { vcpus: 2, baselinePercent: 20 }, "t3.medium": { vcpus: 2, baselinePercent: 20 },
    "t3.large": { vcpus: 2, baselinePercent: 30 }, "t3.xlarge": { vcpus: 4, baselinePercent: 40 },
    "t3.2xlarge": { vcpus: 8, baselinePercent: 40 },
    "t3a.nano": { vcpus: 2, baselinePercent: 5 }, "t3a.micro": { vcpus: 2, baselinePercent: 10 },
    "t3a.small": { vcpus: 2, baselinePercent: 20 }, "t3a.medium": { vcpus: 2, baselinePercent: 20 },
    "t3a.large": { vcpus: 2, baselinePercent: 30 }, "t3a.xlarge": { vcpus: 4, baselinePercent: 40 },
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
    return Math.max(1, Math.floor((appWorkers * 60 / typicalAnswerSeconds) * REQUEST_TARGET_UTILIZATION));
}

/** The longest deregistration delay a rollback can afford: the team's rollback budget is 2 minutes. */
export const MAX_DEREGISTRATION_DELAY_SECONDS = 120;

/** Boot-time SSM fetch: attempts, per-attempt bound (s) and pause between attempts (s). */
export const SSM_FETCH = { attempts: 6, attemptTimeoutSeconds: 20, pauseSeconds: 10 } as const;

/** Longest a boot can spend waiting on SSM before it gives up (the instance then fails its health checks and is replaced). */
export const SSM_FETCH_BOUND_SECONDS = SSM_FETCH.attempts * SSM_FETCH.attemptTimeoutSeconds + (SSM_FETCH.attempts - 1) * SSM_FETCH.pauseSeconds;

/** Arguments of {@link WebTier}. */
export interface WebTierArgs {
    readonly vpcId: pulumi.Input<string>;
    /** Private subnets for the internal ALB and the app instances (two or more AZs). */
    readonly privateSubnetIds: pulumi.Input<string>[];
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
    /** Instance type. @default "t3.large" */
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
    readonly redisAuthTokenParameter: { readonly name: string; readonly arn: pulumi.Input<string> };
    /** Uploads bucket the instances may read and write. @default - no bucket access */
    readonly uploadsBucket?: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string> };
    /** Bucket for ALB access logs (its policy must let the region's ELB account write). @default - access logs off */
    readonly accessLogsBucket?: pulumi.Input<string>;
    /** Key prefix of the access logs. @default "alb" */
    readonly accessLogsPrefix?: string;
    /** Region, for the AWS CLI calls in user data. */
    readonly region: string;
    /** Tags for every taggable child. @default {} */
    readonly tags?: Record<string, string>;
    /** Extra tags on the instances' volumes (e.g. the backup selection tag). @default {} */
    readonly volumeTags?: Record<string, string>;
    /** CloudWatch agent config and the app log file it ships (see AppLogs). @default - logs stay on the instance */
    readonly logShipping?: { readonly agentConfig: pulumi.Input<string>; readonly appLogFile: string };
}

/**
 * Internal ALB (no public address; reachable only from CloudFront's VPC-origin security
 * group once {@link WebTier.admitCloudFront} is called), launch template and Auto
 * Scaling group of the app. Every app instance gets the same single
 * security group from the launch template: the drift that cut one staging server off
 * from Redis cannot happen.
 */
export class WebTier extends pulumi.ComponentResource {
    public readonly albSecurityGroupId: pulumi.Output<string>;
    public readonly appSecurityGroupId: pulumi.Output<string>;
    public readonly albArn: pulumi.Output<string>;
    public readonly albArnSuffix: pulumi.Output<string>;
    public readonly albDnsName: pulumi.Output<string>;
    public readonly albZoneId: pulumi.Output<string>;
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    public readonly autoScalingGroupName: pulumi.Output<string>;
    public readonly instanceRoleName: pulumi.Output<string>;
    public readonly launchTemplateId: pulumi.Output<string>;
    public readonly minSize: number;
    public readonly maxSize: number;
    public readonly instanceType: string;
    /** The `ALBRequestCountPerTarget` target (requests per instance per minute). */
    public readonly requestsPerTargetPerMinute: number;
    /** The AMI ID the launch template holds (resolved from SSM when `ami` is a parameter). */
    public readonly imageId: pulumi.Output<string>;
    /** The one port the ALB listens on: 443 with a certificate, else 80. */
    public readonly listenerPort: 80 | 443;
    private readonly albSg: aws.ec2.SecurityGroup;
    private readonly tags: Record<string, string>;
    private readonly name: string;

    constructor(name: string, args: WebTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:web:WebTier", name, {}, opts);
        const instanceType = args.instanceType ?? "t3.large";
        const minSize = args.minSize ?? 2;
        const maxSize = args.maxSize ?? 4;
        const desiredCapacity = args.desiredCapacity ?? minSize;
        const appPort = args.appPort ?? 8000;
        const appWorkers = args.appWorkers ?? 10;
        const healthCheckPath = args.healthCheckPath ?? "/health";
        const gracePeriod = args.healthCheckGracePeriodSeconds ?? 300;
        const rootVolumeSizeGiB = args.rootVolumeSizeGiB ?? 30;
        const cpuTargetPercent = args.cpuTargetPercent ?? 30;
        const cpuCredits = args.cpuCredits ?? "unlimited";
        const typicalAnswerSeconds = args.typicalAnswerSeconds ?? 10;
        const idleTimeout = args.albIdleTimeoutSeconds ?? 120;
        const timeouts: TimeoutArgs = {
            albIdleTimeoutSeconds: idleTimeout,
            originReadTimeoutSeconds: args.originReadTimeoutSeconds ?? 60,
            appWorkerTimeoutSeconds: args.appWorkerTimeoutSeconds ?? 75,
            appKeepAliveSeconds: args.appKeepAliveSeconds ?? 125,
            deregistrationDelaySeconds: args.deregistrationDelaySeconds ?? 60,
        };
        const stickinessSeconds = args.stickinessSeconds ?? 86400;
        const tags = args.tags ?? {};
        validateWebTierArgs({ minSize, maxSize, desiredCapacity, appPort, appWorkers, healthCheckPath, ami: args.ami,
            privateSubnetCount: args.privateSubnetIds.length,
            instanceType, cpuCredits, cpuTargetPercent, typicalAnswerSeconds, gracePeriod, stickinessSeconds, ...timeouts });
        const burstable = BURSTABLE_BASELINES[instanceType];
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.instanceType = instanceType;
        this.listenerPort = args.certificateArn === undefined ? 80 : 443;
        this.tags = tags;
        this.name = name;

        // Security groups and their rules, as separate rule resources (never inline). The ALB's
        // one ingress rule comes from admitCloudFront: its source exists only after the VPC origin.
        const albSg = new aws.ec2.SecurityGroup(`${name}-alb-sg`, {
            vpcId: args.vpcId,
            description: "ChatMRPT ALB: from CloudFront VPC origins only",
            tags: { ...tags, Name: `${name}-alb-sg` },
        }, { parent: this });
        const appSg = new aws.ec2.SecurityGroup(`${name}-app-sg`, {
            vpcId: args.vpcId,
            description: "ChatMRPT app instances: app port from the ALB only",
            tags: { ...tags, Name: `${name}-app-sg` },
        }, { parent: this });

        this.albSg = albSg;
        new aws.vpc.SecurityGroupEgressRule(`${name}-alb-to-app`, {
            securityGroupId: albSg.id,
            referencedSecurityGroupId: appSg.id,
            ipProtocol: "tcp", fromPort: appPort, toPort: appPort,
            description: "To the app instances",
            tags,
        }, { parent: this });
        new aws.vpc.SecurityGroupIngressRule(`${name}-app-from-alb`, {
            securityGroupId: appSg.id,
            referencedSecurityGroupId: albSg.id,
            ipProtocol: "tcp", fromPort: appPort, toPort: appPort,
            description: "App port from the ALB",
            tags,
        }, { parent: this });
        new aws.vpc.SecurityGroupEgressRule(`${name}-app-to-redis`, {
            securityGroupId: appSg.id,
            referencedSecurityGroupId: args.redisSecurityGroupId,
            ipProtocol: "tcp", fromPort: 6379, toPort: 6379,
            description: "To Redis",
            tags,
        }, { parent: this });
        // The app calls LLM APIs, SSM and S3 over HTTPS; nothing else leaves the instance.
        new aws.vpc.SecurityGroupEgressRule(`${name}-app-https-out`, {
            securityGroupId: appSg.id,
            cidrIpv4: "0.0.0.0/0",
            ipProtocol: "tcp", fromPort: 443, toPort: 443,
            description: "HTTPS to AWS APIs and LLM providers",
            tags,
        }, { parent: this });

        const alb = new aws.lb.LoadBalancer(`${name}-alb`, {
            loadBalancerType: "application",
            // Internal: private addresses only, no public IPv4; CloudFront comes in through a VPC origin.
            internal: true,
            securityGroups: [albSg.id],
            subnets: args.privateSubnetIds,
            dropInvalidHeaderFields: true,
            enableDeletionProtection: true,
            idleTimeout,
            accessLogs: args.accessLogsBucket === undefined ? undefined : { bucket: args.accessLogsBucket, prefix: args.accessLogsPrefix ?? "alb", enabled: true },
            tags,
        }, { parent: this });

        const targetGroup = new aws.lb.TargetGroup(`${name}-tg`, {
            vpcId: args.vpcId,
            port: appPort,
            protocol: "HTTP",
            targetType: "instance",
            // Long enough for the longest answer CloudFront still waits for (its origin read
            // timeout), short enough to keep a refresh step or a rollback inside 2 minutes.
            deregistrationDelay: timeouts.deregistrationDelaySeconds,
            // Uploaded files still live on the instance that received them: keep a user on it
            // (CloudFront forwards all cookies, so the ALB's AWSALB cookie reaches it).
            stickiness: stickinessSeconds > 0
                ? { enabled: true, type: "lb_cookie", cookieDuration: stickinessSeconds }
                : { enabled: false, type: "lb_cookie" },
            healthCheck: {
                enabled: true,
                path: healthCheckPath,
                protocol: "HTTP",
                matcher: "200",
                interval: 15,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
            },
            tags,
        }, { parent: this });

        // One listener, forwarding: the security group already admits CloudFront's VPC-origin
        // interfaces only. No origin secret header: see docs/deploying.md ("Why no secret origin header").
        const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        let listener: aws.lb.Listener;
        if (args.certificateArn === undefined) {
            listener = new aws.lb.Listener(`${name}-http`, { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags }, { parent: this });
        } else {
            listener = new aws.lb.Listener(`${name}-https`, {
                loadBalancerArn: alb.arn,
                port: 443,
                protocol: "HTTPS",
                sslPolicy: ALB_TLS_POLICY,
                certificateArn: args.certificateArn,
                defaultActions: forward,
                tags,
            }, { parent: this });
        }

        const role = new aws.iam.Role(`${name}-instance-role`, {
            description: "ChatMRPT app instances",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags,
        }, { parent: this });
        // Session Manager replaces SSH: no key pair, no port 22.
        new aws.iam.RolePolicyAttachment(`${name}-ssm-core`, {
            role: role.name,
            policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        }, { parent: this });
        new aws.iam.RolePolicy(`${name}-app-access`, {
            role: role.id,
            policy: appAccessPolicy(args.redisAuthTokenParameter.arn, args.uploadsBucket?.arn),
        }, { parent: this });
        const profile = new aws.iam.InstanceProfile(`${name}-instance-profile`, { role: role.name, tags }, { parent: this });

        const userData = renderUserData({
            region: args.region,
            appPort,
            appWorkers,
            appWorkerTimeoutSeconds: timeouts.appWorkerTimeoutSeconds,
            appKeepAliveSeconds: timeouts.appKeepAliveSeconds,
            redisEndpoint: args.redisEndpoint,
            redisAuthTokenParameterName: args.redisAuthTokenParameter.name,
            uploadsBucketName: args.uploadsBucket?.name,
            logShipping: args.logShipping,
        });

        const image = resolveImage(args.ami, this);
        // Known only once the image is read (at preview or up, never offline before the
        // lookups): fail the launch template rather than boot a root volume EC2 refuses.
        const rootVolumeSize = image.apply((i) => {
            const problem = checkRootVolumeFitsImage(rootVolumeSizeGiB, i);
            if (problem) throw new Error(problem);
            return rootVolumeSizeGiB;
        });

        const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-lt`, {
            description: "ChatMRPT app instance",
            // The literal ID, never `resolve:ssm:`: EC2 would resolve that at each launch, so a
            // new AMI shows no diff, rolls nothing, and later launches silently run it; and
            // instance-refresh rollback is not supported for SSM-parameter images.
            imageId: image.imageId,
            instanceType,
            // T3 launches unlimited by default; say so on purpose (the plan prices the surplus
            // above baseline at the CPU target). Non-burstable types refuse a credit option.
            creditSpecification: burstable ? { cpuCredits } : undefined,
            iamInstanceProfile: { arn: profile.arn },
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
            networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [appSg.id] }],
            // The image's own root device (/dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu): a
            // mapping under any other name adds a second volume and leaves the root unencrypted-as-built.
            blockDeviceMappings: [{
                deviceName: image.rootDeviceName,
                ebs: { volumeSize: rootVolumeSize, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
            }],
            userData: userData.apply((script) => Buffer.from(script).toString("base64")),
            updateDefaultVersion: true,
            tagSpecifications: [
                { resourceType: "instance", tags: { ...tags, Name: `${name}-app` } },
                { resourceType: "volume", tags: { ...tags, ...(args.volumeTags ?? {}), Name: `${name}-app` } },
            ],
            tags,
        }, { parent: this });

        const group = new aws.autoscaling.Group(`${name}-asg`, {
            vpcZoneIdentifiers: args.privateSubnetIds,
            minSize,
            maxSize,
            desiredCapacity,
            // A numbered version (never $Latest, for which the provider starts no refresh): a new
            // one is a change of this group, which starts the refresh.
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => `${v}`) },
            targetGroupArns: [targetGroup.arn],
            healthCheckType: "ELB",
            healthCheckGracePeriod: gracePeriod,
            defaultInstanceWarmup: gracePeriod,
            // Creating the group, `up` fails unless minSize instances pass the target group's
            // /health check; twice the grace period covers boot, the bounded SSM fetch and two
            // healthy checks, so a broken image fails in minutes. minElbCapacity, not
            // waitForElbCapacity: on updates the provider would wait for *exactly* that many
            // healthy targets, which a scaled-out group or a refresh (old + new) never has.
            // Updates are watched by the deploy workflow (the instance refresh) instead.
            minElbCapacity: minSize,
            waitForCapacityTimeout: `${Math.ceil((2 * gracePeriod) / 60)}m`,
            enabledMetrics: ["GroupInServiceInstances", "GroupDesiredCapacity", "GroupMinSize", "GroupMaxSize", "GroupTotalInstances"],
            instanceRefresh: {
                strategy: "Rolling",
                // Launch before terminate: capacity never drops below the minimum during a refresh,
                // and instances of an image that never passes /health never replace healthy ones.
                // No autoRollback: AWS would allow it (literal AMI, numbered version), but the
                // provider moves the group to the new version before it starts the refresh, so a
                // "rollback" returns to the same bad version and replaces instances in a loop
                // (terraform-provider-aws#34189). Rollback is pinning the previous AMI instead.
                // `up` does not wait for the refresh: the deploy workflow does, and fails with it.
                preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: `${gracePeriod}`, autoRollback: false },
            },
            tags: Object.entries({ ...tags, Name: `${name}-app` }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        }, {
            parent: this,
            // Scaling owns the desired count after creation; `pulumi up` must not reset it.
            ignoreChanges: ["desiredCapacity"],
            // Health checks (and so the capacity wait) start once the listener forwards to the group.
            dependsOn: [listener],
        });

        // Workers wait on LLM APIs at low CPU: scale on requests per instance first.
        // Several target-tracking policies: out when any says so, in only when all agree.
        // Each policy makes two CloudWatch alarms of its own (AWS-managed, billed as alarms).
        this.requestsPerTargetPerMinute = requestsPerTargetPerMinute(appWorkers, typicalAnswerSeconds);
        new aws.autoscaling.Policy(`${name}-request-tracking`, {
            autoscalingGroupName: group.name,
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: {
                    predefinedMetricType: "ALBRequestCountPerTarget",
                    // app/<alb>/<id>/targetgroup/<tg>/<id>: the target group must be attached to the group.
                    resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${targetGroup.arnSuffix}`,
                },
                targetValue: this.requestsPerTargetPerMinute,
            },
        }, { parent: this, dependsOn: [listener] });
        new aws.autoscaling.Policy(`${name}-cpu-tracking`, {
            autoscalingGroupName: group.name,
            policyType: "TargetTrackingScaling",
            targetTrackingConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                targetValue: cpuTargetPercent,
            },
        }, { parent: this });

        this.albSecurityGroupId = albSg.id;
        this.appSecurityGroupId = appSg.id;
        this.albArn = alb.arn;
        this.albArnSuffix = alb.arnSuffix;
        this.albDnsName = alb.dnsName;
        this.albZoneId = alb.zoneId;
        this.targetGroupArnSuffix = targetGroup.arnSuffix;
        this.autoScalingGroupName = group.name;
        this.instanceRoleName = role.name;
        this.launchTemplateId = launchTemplate.id;
        this.imageId = image.imageId;
        this.registerOutputs({
            albSecurityGroupId: this.albSecurityGroupId,
            appSecurityGroupId: this.appSecurityGroupId,
            albArn: this.albArn,
            albDnsName: this.albDnsName,
            autoScalingGroupName: this.autoScalingGroupName,
            imageId: this.imageId,
        });
    }

    /**
     * The ALB's only ingress rule: the listener port from CloudFront's VPC-origin security
     * group. `dependsOn` must hold the VPC origin, which is what makes AWS create that group.
     * Named by protocol, like the VPC origin: moving to HTTPS creates the 443 rule first and
     * deletes the port 80 one only after the distribution has moved (`up` deletes last).
     */
    admitCloudFront(vpcOriginSecurityGroupId: pulumi.Input<string>, dependsOn: pulumi.Resource[]): aws.vpc.SecurityGroupIngressRule {
        const port = this.listenerPort;
        return new aws.vpc.SecurityGroupIngressRule(`${this.name}-alb-from-cloudfront-${port === 443 ? "https" : "http"}`, {
            securityGroupId: this.albSg.id,
            referencedSecurityGroupId: vpcOriginSecurityGroupId,
            ipProtocol: "tcp", fromPort: port, toPort: port,
            description: `${port === 443 ? "HTTPS" : "HTTP"} from CloudFront VPC origins`,
            tags: this.tags,
        }, { parent: this, dependsOn });
    }
}

/** Least privilege: the one SSM parameter, and the uploads bucket's objects. */
export function appAccessPolicy(parameterArn: pulumi.Input<string>, bucketArn?: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.all([parameterArn, bucketArn]).apply(([param, bucket]) => {
        const statements: object[] = [
            { Sid: "ReadRedisAuthToken", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [param] },
        ];
        if (bucket !== undefined) {
            statements.push(
                { Sid: "ListUploads", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucket] },
                { Sid: "ReadWriteUploads", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${bucket}/*`] },
            );
        }
        return JSON.stringify({ Version: "2012-10-17", Statement: statements });
    });
}

/** What the launch template needs from the image. */
export interface ResolvedImage {
    readonly imageId: string;
    /** Where the AMI came from (`ssm:/path` or the literal ID), for messages. */
    readonly source: string;
    readonly rootDeviceName: string;
    /** Size of the root snapshot: the smallest root volume EC2 accepts. */
    readonly rootSnapshotGiB: number;
}

/**
 * Reads the AMI at deploy time: the SSM parameter (if `ami` is `ssm:/path`) to a literal ID,
 * then the image itself for its root device name and root snapshot size.
 */
export function resolveImage(ami: string, parent: pulumi.Resource): pulumi.Output<ResolvedImage> {
    const imageId = ami.startsWith("ssm:")
        // insecureValue: an AMI ID is no secret, and a secret would hide the very diff that starts the refresh.
        ? aws.ssm.getParameterOutput({ name: ami.slice("ssm:".length), withDecryption: false }, { parent }).insecureValue
        : pulumi.output(ami);
    // By image ID only: no name or owner filter another account's image could match.
    const found = aws.ec2.getAmiOutput({ filters: [{ name: "image-id", values: [imageId] }] }, { parent });
    return pulumi.all([imageId, found]).apply(([id, image]) => {
        const root = image.blockDeviceMappings.find((m) => m.deviceName === image.rootDeviceName);
        // The provider flattens EBS details to a string map keyed volume_size.
        const ebs = (root?.ebs ?? {}) as Record<string, string>;
        const size = Number(ebs.volume_size ?? ebs.volumeSize);
        if (!root || !Number.isFinite(size)) {
            throw new Error(`ami (${ami}): image ${id} has no EBS root volume at ${image.rootDeviceName}; the app needs an EBS-backed image`);
        }
        return { imageId: id, source: ami, rootDeviceName: image.rootDeviceName, rootSnapshotGiB: size };
    });
}

/** A sentence when the root volume is smaller than the image's root snapshot (EC2 refuses to launch it). */
export function checkRootVolumeFitsImage(rootVolumeSizeGiB: number, image: ResolvedImage): string | undefined {
    return rootVolumeSizeGiB < image.rootSnapshotGiB
        ? `rootVolumeSizeGiB (${rootVolumeSizeGiB}) must be >= ${image.rootSnapshotGiB}, the root snapshot size of ${image.imageId} (${image.source}, ${image.rootDeviceName}); raise chatmrpt:rootVolumeSizeGiB`
        : undefined;
}

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
        problems.push([["albIdleTimeoutSeconds", "originReadTimeoutSeconds"], `must be >= originReadTimeoutSeconds (${t.originReadTimeoutSeconds})`]);
    }
    if (t.appKeepAliveSeconds <= t.albIdleTimeoutSeconds) {
        problems.push([["appKeepAliveSeconds", "albIdleTimeoutSeconds"], `must be > albIdleTimeoutSeconds (${t.albIdleTimeoutSeconds})`]);
    }
    if (t.appWorkerTimeoutSeconds < t.originReadTimeoutSeconds) {
        problems.push([["appWorkerTimeoutSeconds", "originReadTimeoutSeconds"], `must be >= originReadTimeoutSeconds (${t.originReadTimeoutSeconds})`]);
    }
    if (t.deregistrationDelaySeconds < t.originReadTimeoutSeconds || t.deregistrationDelaySeconds > MAX_DEREGISTRATION_DELAY_SECONDS) {
        problems.push([["deregistrationDelaySeconds", "originReadTimeoutSeconds"],
            `must be from originReadTimeoutSeconds (${t.originReadTimeoutSeconds}) to ${MAX_DEREGISTRATION_DELAY_SECONDS} (the rollback budget)`]);
    }
    return problems;
}

/** Values user data needs to start the app. */
export interface UserDataArgs {
    readonly region: string;
    readonly appPort: number;
    readonly appWorkers: number;
    readonly appWorkerTimeoutSeconds: number;
    readonly appKeepAliveSeconds: number;
    readonly redisEndpoint: pulumi.Input<string>;
    readonly redisAuthTokenParameterName: string;
    readonly uploadsBucketName?: pulumi.Input<string>;
    readonly logShipping?: { readonly agentConfig: pulumi.Input<string>; readonly appLogFile: string };
}

/** The gunicorn settings user data writes as `GUNICORN_CMD_ARGS` (gunicorn reads it; the unit's own flags would override it). */
export function gunicornCmdArgs(a: { appWorkers: number; appWorkerTimeoutSeconds: number; appKeepAliveSeconds: number }): string {
    return `--workers ${a.appWorkers} --timeout ${a.appWorkerTimeoutSeconds} --keep-alive ${a.appKeepAliveSeconds}`;
}

/**
 * The boot script. The AMI (an image of the staging servers) holds the app and a
 * `chatmrpt` systemd unit that reads /etc/chatmrpt/chatmrpt.env; this writes that file
 * and starts the unit. The AUTH token is fetched from SSM, never written into user data.
 * The fetch is bounded ({@link SSM_FETCH_BOUND_SECONDS}, inside the health-check grace
 * period): with SSM unreachable (the NAT's AZ down) boot fails and the group replaces the
 * instance, instead of hanging forever.
 */
export function renderUserData(a: UserDataArgs): pulumi.Output<string> {
    const f = SSM_FETCH;
    return pulumi.all([a.redisEndpoint, a.uploadsBucketName, a.logShipping?.agentConfig]).apply(([redis, bucket, agent]) => {
        const logs = agent === undefined || a.logShipping === undefined ? { beforeAppStart: [], afterAppStart: [] } : agentBootCommands(agent, a.logShipping.appLogFile);
        return [
        "#!/bin/bash",
        "set -euo pipefail",
        "install -d -m 0750 /etc/chatmrpt",
        "REDIS_PASSWORD=''",
        `for attempt in $(seq 1 ${f.attempts}); do`,
        `  if REDIS_PASSWORD=$(timeout ${f.attemptTimeoutSeconds} aws ssm get-parameter --cli-connect-timeout 5 --cli-read-timeout 10 --region ${a.region} --with-decryption --name ${a.redisAuthTokenParameterName} --query Parameter.Value --output text); then break; fi`,
        `  echo "chatmrpt: SSM get-parameter attempt $attempt of ${f.attempts} failed" >&2`,
        `  if [ "$attempt" -eq ${f.attempts} ]; then echo "chatmrpt: SSM unreachable, giving up" >&2; exit 1; fi`,
        `  sleep ${f.pauseSeconds}`,
        "done",
        "umask 077",
        "cat > /etc/chatmrpt/chatmrpt.env <<EOF",
        `APP_PORT=${a.appPort}`,
        `GUNICORN_WORKERS=${a.appWorkers}`,
        `GUNICORN_CMD_ARGS="${gunicornCmdArgs(a)}"`,
        `REDIS_HOST=${redis}`,
        "REDIS_PORT=6379",
        "REDIS_SSL=true",
        "REDIS_PASSWORD=${REDIS_PASSWORD}",
        ...(bucket === undefined ? [] : [`UPLOAD_BUCKET=${bucket}`]),
        `AWS_REGION=${a.region}`,
        "EOF",
        ...logs.beforeAppStart,
        "systemctl daemon-reload",
        "systemctl enable --now chatmrpt",
        ...logs.afterAppStart,
        "",
    ].join("\n");
    });
}

/** Throws on a web-tier shape AWS would refuse or that would break the app, before anything is created. */
export function validateWebTierArgs(a: WebTierShapeArgs): void {
    throwIfArgProblems(webTierArgProblems(a));
}

/** The arguments {@link validateWebTierArgs} checks. */
export type WebTierShapeArgs = TimeoutArgs & {
    minSize: number; maxSize: number; desiredCapacity: number; appPort: number; appWorkers: number;
    healthCheckPath: string; ami: string; privateSubnetCount: number;
    instanceType: string; cpuCredits: string; cpuTargetPercent: number; typicalAnswerSeconds: number; gracePeriod: number;
    stickinessSeconds: number;
};

/** What {@link validateWebTierArgs} refuses, as data. */
export function webTierArgProblems(a: WebTierShapeArgs): ArgProblem[] {
    const p: ArgProblem[] = [];
    if (!Number.isInteger(a.minSize) || a.minSize < 1) p.push({ arg: "minSize", value: a.minSize, allowed: "must be a whole number >= 1" });
    if (a.minSize > a.maxSize) p.push({ arg: "minSize", value: a.minSize, allowed: `must be <= maxSize (${a.maxSize})`, related: ["maxSize"] });
    if (a.desiredCapacity < a.minSize || a.desiredCapacity > a.maxSize) {
        p.push({ arg: "desiredCapacity", value: a.desiredCapacity, allowed: `must be between minSize (${a.minSize}) and maxSize (${a.maxSize})`, related: ["minSize", "maxSize"] });
    }
    if (!Number.isInteger(a.appPort) || a.appPort < 1024 || a.appPort > 65535 || a.appPort === 6379) {
        p.push({ arg: "appPort", value: a.appPort, allowed: "must be a whole number from 1024 to 65535, not 6379" });
    }
    if (!Number.isInteger(a.appWorkers) || a.appWorkers < 1) p.push({ arg: "appWorkers", value: a.appWorkers, allowed: "must be a whole number >= 1" });
    if (!a.healthCheckPath.startsWith("/")) p.push({ arg: "healthCheckPath", value: a.healthCheckPath, allowed: "must start with /" });
    if (!/^ami-[0-9a-f]+$/.test(a.ami) && !/^ssm:\/\S+$/.test(a.ami)) p.push({ arg: "ami", value: a.ami, allowed: "must be ami-… or ssm:/path" });
    // An ALB needs subnets in two AZs; an ASG in one AZ loses everything with it.
    if (a.privateSubnetCount < 2) p.push({ arg: "privateSubnetIds", value: `${a.privateSubnetCount} given`, allowed: "must hold at least 2 subnets" });
    if (!(CPU_CREDIT_MODES as readonly string[]).includes(a.cpuCredits)) p.push({ arg: "cpuCredits", value: a.cpuCredits, allowed: "must be standard or unlimited" });
    const burst = BURSTABLE_BASELINES[a.instanceType];
    // Out of credits, a standard instance is held at its baseline: a higher target is never reached and the group never scales on CPU.
    if (burst && a.cpuCredits === "standard" && a.cpuTargetPercent > burst.baselinePercent) {
        p.push({ arg: "cpuTargetPercent", value: a.cpuTargetPercent, allowed: `must be <= ${burst.baselinePercent}, the baseline of ${a.instanceType}, with cpuCredits standard`, related: ["cpuCredits"] });
    }
    if (!(a.typicalAnswerSeconds > 0)) p.push({ arg: "typicalAnswerSeconds", value: a.typicalAnswerSeconds, allowed: "must be > 0" });
    // The capacity wait and the SSM fetch both fit in the grace period only if the fetch gives up first.
    if (SSM_FETCH_BOUND_SECONDS >= a.gracePeriod) {
        p.push({ arg: "healthCheckGracePeriodSeconds", value: a.gracePeriod, allowed: `must be > ${SSM_FETCH_BOUND_SECONDS}, the longest boot-time SSM fetch` });
    }
    // lb_cookie duration: 1 second to 7 days (AWS).
    if (!Number.isInteger(a.stickinessSeconds) || a.stickinessSeconds < 0 || a.stickinessSeconds > 604800) {
        p.push({ arg: "stickinessSeconds", value: a.stickinessSeconds, allowed: "must be a whole number from 0 (off) to 604800" });
    }
    for (const [[arg, other], allowed] of timeoutProblems(a)) p.push({ arg, value: a[arg as keyof TimeoutArgs], allowed, related: [other] });
    return p;
}
