import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Exactly what the CloudWatch agent needs to ship into groups that already exist (no CreateLogGroup, no retention changes). */
export const LOG_WRITER_ACTIONS = [
    "logs:CreateLogStream",
    "logs:DescribeLogStreams",
    "logs:PutLogEvents",
] as const;

/**
 * Arguments of {@link AppLogs}. Plain on purpose: the prefix names the groups and the agent's
 * config (validated before anything is created), the retention is one of CloudWatch's fixed
 * values, and the log file goes into the agent config the web tier renders.
 */
export interface AppLogsArgs {
    /** Log group name prefix, such as `/chatmrpt/prod`; groups are `<prefix>/app` and `<prefix>/system`. */
    readonly logGroupPrefix: string;
    /** Days log events are kept. @default 30 */
    readonly retentionDays?: number;
    /** File the app's systemd unit writes (stdout and stderr). @default "/var/log/chatmrpt/app.log" */
    readonly appLogFile?: string;
    /**
     * Log class. STANDARD keeps metric filters and Live Tail and falls within CloudWatch's
     * always-free 5 GB at this volume; INFREQUENT_ACCESS halves ingestion ($0.25/GB) for
     * bigger volumes. @default "STANDARD"
     */
    readonly logGroupClass?: "STANDARD" | "INFREQUENT_ACCESS";
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/**
 * Log groups for the app and the system journal of every instance, and the CloudWatch
 * agent config that ships them (one stream per instance), so logs outlive instances the
 * Auto Scaling group replaces. Not encrypted with a customer key: CloudWatch Logs
 * encrypts at rest anyway, and a key would cost $1/month plus a key policy for the
 * service.
 */
export class AppLogs extends pulumi.ComponentResource {
    public readonly appLogGroupName: pulumi.Output<string>;
    public readonly systemLogGroupName: pulumi.Output<string>;
    public readonly logGroupArns: pulumi.Output<string>[];
    /** The agent's JSON config (amazon-cloudwatch-agent.json). */
    public readonly agentConfig: pulumi.Output<string>;
    public readonly appLogFile: string;
    public readonly retentionDays: number;
    private readonly resourceName: string;

    constructor(name: string, args: AppLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:logs:AppLogs", name, {}, opts);
        const retentionDays = args.retentionDays ?? 30;
        const appLogFile = args.appLogFile ?? "/var/log/chatmrpt/app.log";
        const logGroupClass = args.logGroupClass ?? "STANDARD";
        validateAppLogsArgs({ logGroupPrefix: args.logGroupPrefix, retentionDays, appLogFile });

        const group = (kind: string) =>
            new aws.cloudwatch.LogGroup(
                `${name}-${kind}`,
                {
                    name: `${args.logGroupPrefix}/${kind}`,
                    retentionInDays: retentionDays,
                    logGroupClass,
                    tags: args.tags ?? {},
                },
                { parent: this },
            );
        const app = group("app");
        const system = group("system");

        this.resourceName = name;
        this.appLogGroupName = app.name;
        this.systemLogGroupName = system.name;
        this.logGroupArns = [app.arn, system.arn];
        this.agentConfig = agentConfig(app.name, system.name, appLogFile);
        this.appLogFile = appLogFile;
        this.retentionDays = retentionDays;
        this.registerOutputs({
            appLogGroupName: this.appLogGroupName,
            systemLogGroupName: this.systemLogGroupName,
        });
    }

    /** Lets an instance role write to these two groups and nothing else. */
    allowWriteFrom(roleName: pulumi.Input<string>): aws.iam.RolePolicy {
        return new aws.iam.RolePolicy(
            `${this.resourceName}-write`,
            { role: roleName, policy: logWriterPolicy(this.logGroupArns) },
            { parent: this },
        );
    }
}

/** The agent config: the app log file and /var/log/messages, one stream per instance ID. */
export function agentConfig(
    appGroup: pulumi.Input<string>,
    systemGroup: pulumi.Input<string>,
    appLogFile: string,
): pulumi.Output<string> {
    return pulumi.all([appGroup, systemGroup]).apply(([app, system]) =>
        JSON.stringify({
            agent: { run_as_user: "root" },
            logs: {
                logs_collected: {
                    files: {
                        collect_list: [
                            { file_path: appLogFile, log_group_name: app, log_stream_name: "{instance_id}" },
                            {
                                file_path: "/var/log/messages",
                                log_group_name: system,
                                log_stream_name: "{instance_id}",
                            },
                        ],
                    },
                },
            },
        }),
    );
}

/** Least privilege: streams and events in the given groups only. */
export function logWriterPolicy(groupArns: pulumi.Input<string>[]): pulumi.Output<string> {
    return pulumi.all(groupArns).apply((arns) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ShipInstanceLogs",
                    Effect: "Allow",
                    Action: [...LOG_WRITER_ACTIONS],
                    Resource: arns.map((a) => `${a.replace(/:\*$/, "")}:*`),
                },
            ],
        }),
    );
}

/**
 * Boot commands. Before the app starts: its unit's output goes to the log file (systemd
 * `append:`). After: install the agent and rsyslog (which writes the journal to
 * /var/log/messages; Amazon Linux 2023 ships without it) and start the agent. A failure
 * there is logged and does not stop the boot: the app matters more than its logs.
 */
export function agentBootCommands(
    config: string,
    appLogFile: string,
): { beforeAppStart: string[]; afterAppStart: string[] } {
    const dir = appLogFile.slice(0, appLogFile.lastIndexOf("/"));
    const ctl = "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl";
    const file = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
    return {
        beforeAppStart: [
            `install -d -m 0750 ${dir}`,
            "install -d /etc/systemd/system/chatmrpt.service.d",
            "cat > /etc/systemd/system/chatmrpt.service.d/logs.conf <<'EOF'",
            "[Service]",
            `StandardOutput=append:${appLogFile}`,
            `StandardError=append:${appLogFile}`,
            "EOF",
        ],
        afterAppStart: [
            "ship_logs() {",
            "  dnf install -y amazon-cloudwatch-agent rsyslog",
            "  systemctl enable --now rsyslog",
            `  cat > ${file} <<'EOF'`,
            config,
            "EOF",
            `  ${ctl} -a fetch-config -m ec2 -s -c file:${file}`,
            "}",
            "ship_logs || echo 'chatmrpt: CloudWatch agent setup failed; logs stay on this instance' >&2",
        ],
    };
}

/** Throws on log settings CloudWatch Logs would refuse. */
export function validateAppLogsArgs(a: {
    logGroupPrefix: string;
    retentionDays: number;
    appLogFile: string;
}): void {
    if (!/^\/[A-Za-z0-9_\-./#]{1,480}$/.test(a.logGroupPrefix) || a.logGroupPrefix.endsWith("/")) {
        throw new Error(
            `logGroupPrefix (${a.logGroupPrefix}) must start with /, not end with /, and hold only letters, digits, _ - . / #`,
        );
    }
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(a.retentionDays)) {
        throw new Error(`retentionDays (${a.retentionDays}) must be one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    if (!/^\/[A-Za-z0-9_\-./]+\/[A-Za-z0-9_\-.]+$/.test(a.appLogFile))
        throw new Error(`appLogFile (${a.appLogFile}) must be an absolute file path`);
}
