/**
 * Limits AWS states in its documentation but not as constraints in the API models, each
 * with the sentence that states it and where (the API reference pages are generated from
 * the same models' documentation strings). Checked like the model constraints (./check).
 */

/** One documented limit on one Pulumi input. */
export interface DocRule {
    readonly type: string;
    /** Pulumi input path (`rules[].name`). */
    readonly property: string;
    /** What is wrong with the value (read with the resource's other inputs), or undefined when it complies. */
    readonly check: (value: unknown, inputs: Record<string, unknown>) => string | undefined;
    /** The documentation's own words. */
    readonly quote: string;
    readonly source: string;
}

const API = (service: string, operation: string) =>
    `https://docs.aws.amazon.com/${service}/latest/APIReference/API_${operation}.html`;

/** A check that the value is a string matching `re` (and at most `max` characters). */
function text(re: RegExp, max: number, what: string): (value: unknown) => string | undefined {
    return (value) => {
        const s = String(value);
        if ([...s].length > max) return `at most ${max} characters, is ${[...s].length}`;
        return re.test(s) ? undefined : what;
    };
}

/** Security group names and descriptions, and rule descriptions. */
const EC2_GROUP_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const GROUP_TEXT_QUOTE =
    "Constraints: Up to 255 characters in length Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";
const RULE_TEXT_QUOTE =
    "Constraints: Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*";

const BACKUP_NAME = text(/^[a-zA-Z0-9\-_.]{1,50}$/, 50, "1 to 50 letters, digits or -_.");
const BACKUP_NAME_QUOTE = "Must contain 1 to 50 alphanumeric or '-_.' characters.";

const RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const S3_RESERVED = [/^xn--/, /^sthree-/, /^amzn-s3-demo-/, /-s3alias$/, /--ol-s3$/, /\.mrap$/, /--x-s3$/];

/** An alarm period: 10, 20, 30 or a multiple of 60 seconds. */
function alarmPeriod(value: unknown): string | undefined {
    const n = Number(value);
    return [10, 20, 30].includes(n) || (Number.isInteger(n) && n > 0 && n % 60 === 0)
        ? undefined
        : "10, 20, 30 or a multiple of 60";
}

const PERIOD_QUOTE = "Valid values are 10, 20, 30, and any multiple of 60.";

/** An alarm's evaluation range: period × evaluation periods. */
function alarmRange(period: unknown, inputs: Record<string, unknown>): string | undefined {
    const range = Number(period) * Number(inputs.evaluationPeriods ?? 1);
    const limit = Number(period) < 3600 ? 86400 : 604800;
    return range > limit ? `period × evaluationPeriods (${range} s) at most ${limit} s` : undefined;
}

/** A number within [min, max]. */
function between(min: number, max: number): (value: unknown) => string | undefined {
    return (value) => (Number(value) >= min && Number(value) <= max ? undefined : `${min} to ${max}`);
}

/** A canary's run timeout: no longer than the time between runs (a rate schedule). */
function canaryTimeout(timeout: unknown, inputs: Record<string, unknown>): string | undefined {
    const expression = String((inputs.schedule as { expression?: unknown } | undefined)?.expression ?? "");
    const rate = /^rate\((\d+) (minute|minutes|hour)\)$/.exec(expression);
    if (rate === null || Number(rate[1]) === 0) return undefined;
    const every = Number(rate[1]) * (rate[2] === "hour" ? 3600 : 60);
    return Number(timeout) > every ? `at most the ${every} s between runs (${expression})` : undefined;
}

/** Sizes by EBS volume type, in GiB. */
const VOLUME_GIB: Record<string, [number, number]> = {
    gp2: [1, 16384],
    gp3: [1, 65536],
    io1: [4, 16384],
    io2: [4, 65536],
    st1: [125, 16384],
    sc1: [125, 16384],
    standard: [1, 1024],
};

const CF_TIMEOUT_SOURCE =
    "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CustomOriginConfig.html";
const ELB_LB_ATTRIBUTES =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html";
const ELB_TG_ATTRIBUTES =
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html";

/** EC2 tags (the model gives their Key and Value no limits). */
function ec2Tags(type: string, property = "tags"): DocRule[] {
    const source = API("AWSEC2", "Tag");
    return [
        {
            type,
            property,
            source,
            quote: "Tag keys are case-sensitive and accept a maximum of 127 Unicode characters. May not begin with aws:.",
            check: (tags) =>
                Object.keys(tags as object)
                    .map((k) =>
                        [...k].length > 127
                            ? `key ${k}: at most 127 characters`
                            : /^aws:/i.test(k)
                              ? `key ${k} begins with aws:`
                              : undefined,
                    )
                    .find((p) => p),
        },
        {
            type,
            property,
            source,
            quote: "Tag values are case-sensitive and accept a maximum of 256 Unicode characters.",
            check: (tags) =>
                Object.entries(tags as object)
                    .map(([k, v]) =>
                        [...String(v)].length > 256 ? `value of ${k}: at most 256 characters` : undefined,
                    )
                    .find((p) => p),
        },
    ];
}

export const DOC_RULES: readonly DocRule[] = [
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "period",
        check: alarmPeriod,
        quote: PERIOD_QUOTE,
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "metricQueries[].metric.period",
        check: alarmPeriod,
        quote: PERIOD_QUOTE,
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm",
        property: "period",
        check: alarmRange,
        quote: "An alarm's total current evaluation period can be no longer than seven days, so Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of less than one hour (3,600 seconds), the total evaluation period can't be longer than one day (86,400 seconds).",
        source: API("AmazonCloudWatch", "PutMetricAlarm"),
    },
    {
        type: "aws:synthetics/canary:Canary",
        property: "runConfig.timeoutInSeconds",
        check: canaryTimeout,
        quote: "How long the canary is allowed to run before it must stop. You can't set this time to be longer than the frequency of the runs of this canary.",
        source: "https://docs.aws.amazon.com/AmazonSynthetics/latest/APIReference/API_CanaryRunConfigInput.html",
    },
    {
        type: "aws:wafv2/webAcl:WebAcl",
        property: "rules[].statement.rateBasedStatement.evaluationWindowSec",
        check: (v) => ([60, 120, 300, 600].includes(Number(v)) ? undefined : "one of 60, 120, 300, 600"),
        quote: "Valid settings are 60, 120, 300, and 600.",
        source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html",
    },
    ...["visibilityConfig.metricName", "rules[].visibilityConfig.metricName"].map((property): DocRule => ({
        type: "aws:wafv2/webAcl:WebAcl",
        property,
        check: (v) =>
            ["All", "Default_Action"].includes(String(v))
                ? "a name reserved for WAF"
                : text(/^[A-Za-z0-9_-]+$/, 128, "only A-Z, a-z, 0-9, - and _")(v),
        quote: "The name can contain only the characters: A-Z, a-z, 0-9, - (hyphen), and _ (underscore). The name can be from one to 128 characters long. It can't contain whitespace or metric names that are reserved for WAF, for example All and Default_Action.",
        source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html",
    })),
    ...["vpcOriginConfig", "customOriginConfig"].flatMap((block): DocRule[] => [
        {
            type: "aws:cloudfront/distribution:Distribution",
            property: `origins[].${block}.originReadTimeout`,
            check: between(1, 120),
            source: CF_TIMEOUT_SOURCE,
            quote: "The minimum timeout is 1 second, the maximum is 120 seconds, and the default (if you don't specify otherwise) is 30 seconds.",
        },
        {
            type: "aws:cloudfront/distribution:Distribution",
            property: `origins[].${block}.originKeepaliveTimeout`,
            check: between(1, 120),
            source: CF_TIMEOUT_SOURCE,
            quote: "The minimum timeout is 1 second, the maximum is 120 seconds, and the default (if you don't specify otherwise) is 5 seconds.",
        },
    ]),
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        property: "idleTimeout",
        check: between(1, 4000),
        quote: "idle_timeout.timeout_seconds - The idle timeout value, in seconds. The valid range is 1-4000 seconds.",
        source: ELB_LB_ATTRIBUTES,
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "deregistrationDelay",
        check: between(0, 3600),
        quote: "deregistration_delay.timeout_seconds - … The range is 0-3600 seconds.",
        source: ELB_TG_ATTRIBUTES,
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "stickiness.cookieDuration",
        check: between(1, 604800),
        quote: "stickiness.lb_cookie.duration_seconds - … The range is 1 second to 1 week (604800 seconds).",
        source: ELB_TG_ATTRIBUTES,
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        property: "metadataOptions.httpPutResponseHopLimit",
        check: between(1, 64),
        quote: "Possible values: Integers from 1 to 64",
        source: API("AWSEC2", "LaunchTemplateInstanceMetadataOptionsRequest"),
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        property: "blockDeviceMappings[].ebs",
        check: (ebs) => {
            const { volumeSize, volumeType } = ebs as { volumeSize?: unknown; volumeType?: unknown };
            const range = VOLUME_GIB[String(volumeType ?? "gp2")];
            return volumeSize === undefined || range === undefined
                ? undefined
                : between(range[0], range[1])(volumeSize) &&
                      `volumeSize ${volumeSize}: ${range[0]} to ${range[1]} GiB for ${String(volumeType)}`;
        },
        quote: "The following are the supported volumes sizes for each volume type: gp2 : 1 - 16,384 GiB gp3 : 1 - 65,536 GiB io1 : 4 - 16,384 GiB io2 : 4 - 65,536 GiB st1 and sc1 : 125 - 16,384 GiB standard : 1 - 1024 GiB",
        source: API("AWSEC2", "LaunchTemplateEbsBlockDeviceRequest"),
    },
    {
        type: "aws:kms/key:Key",
        property: "deletionWindowInDays",
        check: between(7, 30),
        quote: "If you include a value, it must be between 7 and 30, inclusive.",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html",
    },
    {
        type: "aws:backup/plan:Plan",
        property: "rules[].startWindow",
        check: (v) => (Number(v) >= 60 ? undefined : "at least 60 minutes"),
        quote: "If this value is included, it must be at least 60 minutes to avoid errors.",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html",
    },
    {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        property: "startWindowHours",
        check: between(1, 168),
        quote: "If this value is included, this parameter has a maximum value of 168 hours (one week).",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html",
    },
    {
        type: "aws:ssm/parameter:Parameter",
        property: "name",
        check: (v) =>
            /^\/?(aws|ssm)/i.test(String(v))
                ? "must not begin with aws or ssm"
                : text(/^[a-zA-Z0-9_.\-/]+$/, 2048, "only a-zA-Z0-9_.- and /")(v),
        quote: 'A parameter name can\'t be prefixed with "aws" or "ssm" (case-insensitive). Parameter names can include only the following symbols and letters: a-zA-Z0-9_.-',
        source: "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html",
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        property: "maintenanceWindow",
        check: (v) =>
            /^(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d-(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d$/.test(
                String(v),
            )
                ? undefined
                : "ddd:hh24:mi-ddd:hh24:mi",
        quote: "It is specified as a range in the format ddd:hh24:mi-ddd:hh24:mi (24H Clock UTC). The minimum maintenance window is a 60 minute period. Valid values for ddd are: sun mon tue wed thu fri sat",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        property: "retentionInDays",
        check: (v) =>
            RETENTION_DAYS.includes(Number(v)) ? undefined : `one of ${RETENTION_DAYS.join(", ")}`,
        quote: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653.",
        source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
    },
    {
        type: "aws:sns/topic:Topic",
        property: "name",
        check: text(/^[A-Za-z0-9_-]{1,256}$/, 256, "1 to 256 ASCII letters, digits, underscores or hyphens"),
        quote: "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.",
        source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
    },
    {
        type: "aws:s3/bucket:Bucket",
        property: "bucket",
        check: (v) => {
            const s = String(v);
            if (s.length < 3 || s.length > 63) return `3 to 63 characters, is ${s.length}`;
            if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(s))
                return "lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit";
            if (s.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(s))
                return "no two adjacent periods, not an IP address";
            return S3_RESERVED.some((re) => re.test(s)) ? "a reserved prefix or suffix" : undefined;
        },
        quote: "Bucket names must be between 3 (min) and 63 (max) characters long. Bucket names can consist only of lowercase letters, numbers, dots (.), and hyphens (-). Bucket names must begin and end with a letter or number.",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        property: "name",
        check: (v) =>
            /^internal-/.test(String(v))
                ? "must not begin with internal-"
                : text(
                      /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
                      32,
                      "letters, digits and hyphens, not at either end",
                  )(v),
        quote: 'This name must be unique per region per account, can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, must not begin or end with a hyphen, and must not begin with "internal-".',
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        property: "name",
        check: text(
            /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/,
            32,
            "letters, digits and hyphens, not at either end",
        ),
        quote: "This name must be unique per region per account, can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen.",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "name",
        check: (v) =>
            /^sg-/.test(String(v))
                ? "must not start with sg-"
                : text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*")(v),
        quote: "Constraints: Up to 255 characters in length. Can't start with sg- . Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
        source: API("AWSEC2", "CreateSecurityGroup"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        property: "description",
        check: text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*"),
        quote: GROUP_TEXT_QUOTE,
        source: API("AWSEC2", "CreateSecurityGroup"),
    },
    ...[
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ].map((type): DocRule => ({
        type,
        property: "description",
        check: text(EC2_GROUP_TEXT, 255, "only a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*"),
        quote: RULE_TEXT_QUOTE,
        source: API("AWSEC2", "IpRange"),
    })),
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        property: "replicationGroupId",
        check: text(
            /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,39}$/,
            40,
            "letters, digits, hyphens; a letter first; no -- ; not ending in -",
        ),
        quote: "A name must contain from 1 to 40 alphanumeric characters or hyphens. The first character must be a letter. A name cannot end with a hyphen or contain two consecutive hyphens.",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
    },
    {
        type: "aws:elasticache/subnetGroup:SubnetGroup",
        property: "name",
        check: text(/^[a-zA-Z0-9-]+$/, 255, "letters, digits and hyphens"),
        quote: "Must contain no more than 255 alphanumeric characters or hyphens.",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html",
    },
    {
        type: "aws:backup/plan:Plan",
        property: "name",
        check: BACKUP_NAME,
        quote: BACKUP_NAME_QUOTE,
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html",
    },
    {
        type: "aws:backup/plan:Plan",
        property: "rules[].ruleName",
        check: BACKUP_NAME,
        quote: BACKUP_NAME_QUOTE,
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html",
    },
    {
        type: "aws:backup/selection:Selection",
        property: "name",
        check: BACKUP_NAME,
        quote: BACKUP_NAME_QUOTE,
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html",
    },
    {
        type: "aws:backup/restoreTestingPlan:RestoreTestingPlan",
        property: "name",
        check: text(/^[a-zA-Z0-9_]+$/, Infinity, "only letters, digits and underscores"),
        quote: "This cannot be changed after creation, and it must consist of only alphanumeric characters and underscores.",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html",
    },
    {
        type: "aws:backup/restoreTestingSelection:RestoreTestingSelection",
        property: "name",
        check: text(/^[a-zA-Z0-9_]+$/, 50, "only letters, digits and underscores"),
        quote: "The name consists of only alphanumeric characters and underscores. Maximum length is 50.",
        source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html",
    },
    {
        type: "aws:cloudwatch/dashboard:Dashboard",
        property: "dashboardName",
        check: text(/^[A-Za-z0-9_-]+$/, 255, "only A-Z, a-z, 0-9, - and _"),
        quote: 'The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_".',
        source: API("AmazonCloudWatch", "PutDashboard"),
    },
    {
        type: "aws:cloudfront/distribution:Distribution",
        property: "comment",
        check: text(/^/, 128, ""),
        quote: "The comment cannot be longer than 128 characters.",
        source: "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html",
    },
    ...[
        "aws:ec2/vpc:Vpc",
        "aws:ec2/subnet:Subnet",
        "aws:ec2/internetGateway:InternetGateway",
        "aws:ec2/eip:Eip",
        "aws:ec2/natGateway:NatGateway",
        "aws:ec2/routeTable:RouteTable",
        "aws:ec2/securityGroup:SecurityGroup",
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "aws:ec2/launchTemplate:LaunchTemplate",
    ].flatMap((t) => ec2Tags(t)),
    ...ec2Tags("aws:ec2/launchTemplate:LaunchTemplate", "tagSpecifications[].tags"),
];
