// Running the stack: SNS topics, CloudWatch alarms, logs and rules, canaries, AWS Backup.
import { OutputFiller, uuidOf } from "./context";

export const OPERATIONS_OUTPUTS: Record<string, OutputFiller> = {
    "aws:sns/topic:Topic": ({ out, resourceName, arn }) => {
        out.arn = `${arn("sns")}:${resourceName}`;
        return `${out.arn}`;
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": ({ out, resourceName, arn }) => {
        out.arn = `${arn("cloudwatch")}:alarm:${resourceName}`;
        return resourceName;
    },
    "aws:cloudwatch/logGroup:LogGroup": ({ out, inputs, arn }) => {
        out.arn = `${arn("logs")}:log-group:${inputs.name}`;
        return `${inputs.name}`;
    },
    "aws:cloudwatch/eventRule:EventRule": ({ out, resourceName, arn }) => {
        out.arn = `${arn("events")}:rule/${resourceName}`;
        return resourceName;
    },
    "aws:synthetics/canary:Canary": ({ out, inputs, h, arn }) => {
        out.arn = `${arn("synthetics")}:canary:${inputs.name}`;
        out.engineArn = `${arn("lambda")}:function:cwsyn-${inputs.name}-${h.slice(0, 8)}`;
        return `${inputs.name}`;
    },
    "aws:backup/vault:Vault": ({ out, resourceName, arn }) => {
        out.arn = `${arn("backup")}:backup-vault:${resourceName}`;
        return resourceName;
    },
    "aws:backup/plan:Plan": ({ out, h, arn }) => {
        const id = uuidOf(h);
        out.arn = `${arn("backup")}:backup-plan:${id}`;
        return id;
    },
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": ({ out, inputs, h, arn }) => {
        out.arn = `${arn("backup")}:restore-testing-plan:${inputs.name}-${h.slice(0, 6)}`;
        return `${inputs.name}`;
    },
};
