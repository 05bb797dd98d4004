import { agentBootCommands } from "../appLogs";
import * as pulumi from "@pulumi/pulumi";
import { SSM_FETCH } from "./rules";

/** Values user data needs to start the app. */
export interface UserDataArgs {
    readonly region: pulumi.Input<string>;
    readonly appPort: number;
    readonly appWorkers: number;
    readonly appWorkerTimeoutSeconds: number;
    readonly appKeepAliveSeconds: number;
    readonly redisEndpoint: pulumi.Input<string>;
    readonly redisAuthTokenParameterName: pulumi.Input<string>;
    readonly uploadsBucketName?: pulumi.Input<string>;
    readonly logShipping?: {
        readonly agentConfig: pulumi.Input<string>;
        readonly appLogFile: pulumi.Input<string>;
    };
}

/** The gunicorn settings user data writes as `GUNICORN_CMD_ARGS` (gunicorn reads it; the unit's own flags would override it). */
export function gunicornCmdArgs(a: {
    appWorkers: number;
    appWorkerTimeoutSeconds: number;
    appKeepAliveSeconds: number;
}): string {
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
    const logShipping = a.logShipping;
    return pulumi
        .all([
            a.redisEndpoint,
            a.uploadsBucketName,
            logShipping?.agentConfig,
            logShipping?.appLogFile,
            a.region,
            a.redisAuthTokenParameterName,
        ])
        .apply(([redis, bucket, agent, appLogFile, region, tokenParameter]) => {
            const logs =
                agent === undefined || appLogFile === undefined
                    ? { beforeAppStart: [], afterAppStart: [] }
                    : agentBootCommands(agent, appLogFile);
            return [
                "#!/bin/bash",
                "set -euo pipefail",
                "install -d -m 0750 /etc/chatmrpt",
                "REDIS_PASSWORD=''",
                `for attempt in $(seq 1 ${f.attempts}); do`,
                `  if REDIS_PASSWORD=$(timeout ${f.attemptTimeoutSeconds} aws ssm get-parameter --cli-connect-timeout 5 --cli-read-timeout 10 --region ${region} --with-decryption --name ${tokenParameter} --query Parameter.Value --output text); then break; fi`,
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
                `AWS_REGION=${region}`,
                "EOF",
                ...logs.beforeAppStart,
                "systemctl daemon-reload",
                "systemctl enable --now chatmrpt",
                ...logs.afterAppStart,
                "",
            ].join("\n");
        });
}
