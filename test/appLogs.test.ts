import * as assert from "assert";
import { validateAppLogsArgs } from "../components/appLogs";
import { OfflineRun } from "../offline/engine/mockRuntime";
import { named, runProd, runProdOk } from "./helpers";

describe("AppLogs (prod stack)", () => {
    let run: OfflineRun<unknown>;
    let userData: string;
    before(async () => {
        run = await runProdOk();
        userData = Buffer.from(named(run, "chatmrpt-web-lt").inputs.userData as string, "base64").toString(
            "utf8",
        );
    });

    it("keeps app and system logs 30 days in two Standard log groups", async () => {
        for (const kind of ["app", "system"]) {
            const group = named(run, `chatmrpt-logs-${kind}`).inputs;
            assert.deepStrictEqual(
                [group.name, group.retentionInDays, group.logGroupClass, group.kmsKeyId],
                [`/chatmrpt/prod/${kind}`, 30, "STANDARD", undefined],
            );
        }
        assert.strictEqual(
            named(await runProd({ "chatmrpt:logRetentionDays": "90" }), "chatmrpt-logs-app").inputs
                .retentionInDays,
            90,
        );
    });

    it("lets the instance role write streams and events to those two groups and nothing else", () => {
        const policy = named(run, "chatmrpt-logs-write");
        assert.strictEqual(policy.inputs.role, named(run, "chatmrpt-web-instance-role").outputs.name);
        const arns = ["app", "system"].map((k) => `${named(run, `chatmrpt-logs-${k}`).outputs.arn}:*`);
        assert.deepStrictEqual(JSON.parse(policy.inputs.policy).Statement, [
            {
                Sid: "ShipInstanceLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: arns,
            },
        ]);
    });

    it("configures the CloudWatch agent at boot: the app log file and /var/log/messages, one stream per instance", () => {
        const config = JSON.parse(
            userData
                .split("cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'EOF'\n")[1]
                .split("\nEOF")[0],
        );
        assert.deepStrictEqual(config.logs.logs_collected.files.collect_list, [
            {
                file_path: "/var/log/chatmrpt/app.log",
                log_group_name: "/chatmrpt/prod/app",
                log_stream_name: "{instance_id}",
            },
            {
                file_path: "/var/log/messages",
                log_group_name: "/chatmrpt/prod/system",
                log_stream_name: "{instance_id}",
            },
        ]);
        assert.ok(
            userData.includes(
                "StandardOutput=append:/var/log/chatmrpt/app.log\nStandardError=append:/var/log/chatmrpt/app.log",
            ),
        );
        assert.ok(
            userData.includes(
                "amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
            ),
        );
    });

    it("sends the app's output to the file before it starts, and installs the agent after, without failing the boot", () => {
        const at = (s: string) => userData.indexOf(s);
        assert.ok(at("StandardOutput=append:") < at("systemctl enable --now chatmrpt"));
        assert.ok(
            at("systemctl enable --now chatmrpt") < at("dnf install -y amazon-cloudwatch-agent rsyslog"),
        );
        assert.ok(
            userData.includes(
                "ship_logs || echo 'chatmrpt: CloudWatch agent setup failed; logs stay on this instance' >&2",
            ),
        );
    });

    it("rejects a retention CloudWatch Logs refuses and a relative log file", () => {
        assert.throws(
            () =>
                validateAppLogsArgs({
                    logGroupPrefix: "/chatmrpt/prod",
                    retentionDays: 31,
                    appLogFile: "/var/log/app.log",
                }),
            /^Error: retentionDays \(31\) must be one of 1, 3, 5, 7, 14, 30/,
        );
        assert.throws(
            () =>
                validateAppLogsArgs({
                    logGroupPrefix: "/chatmrpt/prod",
                    retentionDays: 30,
                    appLogFile: "app.log",
                }),
            { message: "appLogFile (app.log) must be an absolute file path" },
        );
        assert.throws(
            () =>
                validateAppLogsArgs({
                    logGroupPrefix: "chatmrpt/",
                    retentionDays: 30,
                    appLogFile: "/var/log/app.log",
                }),
            {
                message:
                    "logGroupPrefix (chatmrpt/) must start with /, not end with /, and hold only letters, digits, _ - . / #",
            },
        );
    });
});
