import { DocRule, between, text } from "./rule";

const BACKUP_NAME = text(/^[a-zA-Z0-9\-_.]{1,50}$/, 50, "1 to 50 letters, digits or -_.");
const BACKUP_NAME_QUOTE = "Must contain 1 to 50 alphanumeric or '-_.' characters.";

const S3_RESERVED = [/^xn--/, /^sthree-/, /^amzn-s3-demo-/, /-s3alias$/, /--ol-s3$/, /\.mrap$/, /--x-s3$/];

/** Documented limits of KMS keys, AWS Backup, SSM parameters, ElastiCache and S3. */
export const DATA_RULES: readonly DocRule[] = [
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
];
