import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Deliberate choice: TLS 1.3 preferred, TLS 1.2 still accepted (CloudFront speaks 1.2 to origins). */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

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
    /** AMI for the app: an `ami-…` ID, or `ssm:/path` of a parameter holding one. */
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
    /** Average CPU the Auto Scaling group tracks. @default 60 */
    readonly cpuTargetPercent?: number;
    /** ALB idle timeout; chat answers stream slowly. @default 120 */
    readonly albIdleTimeoutSeconds?: number;
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
        const cpuTargetPercent = args.cpuTargetPercent ?? 60;
        const idleTimeout = args.albIdleTimeoutSeconds ?? 120;
        const tags = args.tags ?? {};
        validateWebTierArgs({ minSize, maxSize, desiredCapacity, appPort, appWorkers, healthCheckPath, ami: args.ami,
            privateSubnetCount: args.privateSubnetIds.length });
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
            // Quick drain keeps a rolling refresh or a rollback within the team's 2 minutes.
            deregistrationDelay: 30,
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
        // interfaces only. No origin secret header: see README ("Why no secret origin header").
        const forward = [{ type: "forward", targetGroupArn: targetGroup.arn }];
        if (args.certificateArn === undefined) {
            new aws.lb.Listener(`${name}-http`, { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: forward, tags }, { parent: this });
        } else {
            new aws.lb.Listener(`${name}-https`, {
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
            redisEndpoint: args.redisEndpoint,
            redisAuthTokenParameterName: args.redisAuthTokenParameter.name,
            uploadsBucketName: args.uploadsBucket?.name,
        });

        const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-lt`, {
            description: "ChatMRPT app instance",
            imageId: args.ami.startsWith("ssm:") ? `resolve:ssm:${args.ami.slice("ssm:".length)}` : args.ami,
            instanceType,
            iamInstanceProfile: { arn: profile.arn },
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
            networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [appSg.id] }],
            blockDeviceMappings: [{
                deviceName: "/dev/xvda",
                ebs: { volumeSize: rootVolumeSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
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
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => `${v}`) },
            targetGroupArns: [targetGroup.arn],
            healthCheckType: "ELB",
            healthCheckGracePeriod: gracePeriod,
            defaultInstanceWarmup: gracePeriod,
            enabledMetrics: ["GroupInServiceInstances", "GroupDesiredCapacity", "GroupMinSize", "GroupMaxSize", "GroupTotalInstances"],
            instanceRefresh: {
                strategy: "Rolling",
                // Launch before terminate: capacity never drops below the minimum during a refresh.
                preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: `${gracePeriod}`, autoRollback: true },
            },
            tags: Object.entries({ ...tags, Name: `${name}-app` }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        }, {
            parent: this,
            // Scaling owns the desired count after creation; `pulumi up` must not reset it.
            ignoreChanges: ["desiredCapacity"],
        });

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
        this.registerOutputs({
            albSecurityGroupId: this.albSecurityGroupId,
            appSecurityGroupId: this.appSecurityGroupId,
            albArn: this.albArn,
            albDnsName: this.albDnsName,
            autoScalingGroupName: this.autoScalingGroupName,
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

/** Values user data needs to start the app. */
export interface UserDataArgs {
    readonly region: string;
    readonly appPort: number;
    readonly appWorkers: number;
    readonly redisEndpoint: pulumi.Input<string>;
    readonly redisAuthTokenParameterName: string;
    readonly uploadsBucketName?: pulumi.Input<string>;
}

/**
 * The boot script. The AMI (an image of the staging servers) holds the app and a
 * `chatmrpt` systemd unit that reads /etc/chatmrpt/chatmrpt.env; this writes that file
 * and starts the unit. The AUTH token is fetched from SSM, never written into user data.
 */
export function renderUserData(a: UserDataArgs): pulumi.Output<string> {
    return pulumi.all([a.redisEndpoint, a.uploadsBucketName]).apply(([redis, bucket]) => [
        "#!/bin/bash",
        "set -euo pipefail",
        "install -d -m 0750 /etc/chatmrpt",
        `REDIS_PASSWORD=$(aws ssm get-parameter --region ${a.region} --with-decryption --name ${a.redisAuthTokenParameterName} --query Parameter.Value --output text)`,
        "umask 077",
        "cat > /etc/chatmrpt/chatmrpt.env <<EOF",
        `APP_PORT=${a.appPort}`,
        `GUNICORN_WORKERS=${a.appWorkers}`,
        `REDIS_HOST=${redis}`,
        "REDIS_PORT=6379",
        "REDIS_SSL=true",
        "REDIS_PASSWORD=${REDIS_PASSWORD}",
        ...(bucket === undefined ? [] : [`UPLOAD_BUCKET=${bucket}`]),
        `AWS_REGION=${a.region}`,
        "EOF",
        "systemctl daemon-reload",
        "systemctl enable --now chatmrpt",
        "",
    ].join("\n"));
}

/** Throws on a web-tier shape AWS would refuse or that would break the app, before anything is created. */
export function validateWebTierArgs(a: {
    minSize: number; maxSize: number; desiredCapacity: number; appPort: number; appWorkers: number;
    healthCheckPath: string; ami: string; privateSubnetCount: number;
}): void {
    if (!Number.isInteger(a.minSize) || a.minSize < 1) throw new Error(`minSize (${a.minSize}) must be a whole number >= 1`);
    if (a.minSize > a.maxSize) throw new Error(`minSize (${a.minSize}) must be <= maxSize (${a.maxSize})`);
    if (a.desiredCapacity < a.minSize || a.desiredCapacity > a.maxSize) {
        throw new Error(`desiredCapacity (${a.desiredCapacity}) must be between minSize (${a.minSize}) and maxSize (${a.maxSize})`);
    }
    if (!Number.isInteger(a.appPort) || a.appPort < 1024 || a.appPort > 65535 || a.appPort === 6379) {
        throw new Error(`appPort (${a.appPort}) must be a whole number from 1024 to 65535, not 6379`);
    }
    if (!Number.isInteger(a.appWorkers) || a.appWorkers < 1) throw new Error(`appWorkers (${a.appWorkers}) must be a whole number >= 1`);
    if (!a.healthCheckPath.startsWith("/")) throw new Error(`healthCheckPath (${a.healthCheckPath}) must start with /`);
    if (!/^ami-[0-9a-f]+$/.test(a.ami) && !/^ssm:\/\S+$/.test(a.ami)) throw new Error(`ami (${a.ami}) must be ami-… or ssm:/path`);
    // An ALB needs subnets in two AZs; an ASG in one AZ loses everything with it.
    if (a.privateSubnetCount < 2) throw new Error(`privateSubnetIds (${a.privateSubnetCount} given) must hold at least 2 subnets`);
}
