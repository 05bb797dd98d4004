/**
 * The SSM Command document the cutover runbook runs to move users' sessions: ElastiCache
 * seeds a group from a snapshot only at creation, weeks before anyone moves, so the runbook
 * copies the keys instead, right before a share moves. `export`, sent to one of old prod's
 * instances (they reach old prod's Redis), DUMPs every matching key with its TTL into the
 * uploads bucket; `import`, sent to one new instance (they reach this stack's Redis, with TLS
 * and the AUTH token from the app's env file), RESTOREs them, keeping any key that already
 * exists, and deletes the transfer object. The copying is legacySessionsCopy.py (Python
 * standard library only), read at deploy time.
 */
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the export waits between the two runs. */
export const SESSIONS_TRANSFER_KEY = "cutover/legacy-sessions/sessions.bin";
/** The env file user data writes (components/webTier/userData.ts): the new Redis's host, port, TLS and token. */
export const APP_ENV_FILE = "/etc/chatmrpt/chatmrpt.env";
/** A DNS name or IPv4 address; empty only when importing. */
export const SOURCE_HOST_PATTERN = "^([A-Za-z0-9.-]{1,253})?$";
/** A SCAN MATCH pattern without quotes or spaces. */
export const KEY_PATTERN_PATTERN = "^[A-Za-z0-9_:*?.-]{1,128}$";
/** An SSM parameter name (hierarchical), or empty for a source without AUTH. */
export const PASSWORD_PARAMETER_PATTERN = "^(/[A-Za-z0-9_.-]+)*$";

/** Where the copy script lives (found from the sources and from their compiled copies in build/). */
export const SESSIONS_SCRIPT_PATH = locate("legacySessionsCopy.py");

function locate(file: string): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        for (const candidate of [path.join(dir, file), path.join(dir, "components", file)]) {
            if (fs.existsSync(candidate)) return candidate;
        }
        if (path.dirname(dir) === dir) throw new Error(`${file} not found at or above ${__dirname}`);
    }
}

/** The shell script of the document's one step, the Python written out by a quoted here-document. */
export function legacySessionsScript(bucketName: string, region: string, python: string): string[] {
    if (python.split("\n").includes("CHATMRPT_PY"))
        throw new Error("the script must not hold the line CHATMRPT_PY");
    const transfer = `s3://${bucketName}/${SESSIONS_TRANSFER_KEY}`;
    return [
        "set -euo pipefail",
        "work=$(mktemp -d)",
        "trap 'rm -rf \"$work\"' EXIT",
        "cat > \"$work/copy.py\" <<'CHATMRPT_PY'",
        ...python.replace(/\n$/, "").split("\n"),
        "CHATMRPT_PY",
        `transfer='${transfer}'`,
        "case '{{ Direction }}' in",
        "  export)",
        "    host='{{ SourceHost }}'",
        '    [ -n "$host" ] || { echo "chatmrpt: export needs SourceHost (old prod\'s Redis endpoint)" >&2; exit 1; }',
        "    if [ -n '{{ SourcePasswordParameter }}' ]; then",
        `      SOURCE_REDIS_PASSWORD=$(aws ssm get-parameter --region ${region} --with-decryption --name '{{ SourcePasswordParameter }}' --query Parameter.Value --output text)`,
        "      export SOURCE_REDIS_PASSWORD",
        "    fi",
        "    python3 \"$work/copy.py\" export \"$host\" '{{ SourcePort }}' '{{ SourceTls }}' \"$work/sessions.bin\" '{{ KeyPattern }}'",
        `    aws s3 cp "$work/sessions.bin" "$transfer" --only-show-errors --region ${region}`,
        "    ;;",
        "  import)",
        `    aws s3 cp "$transfer" "$work/sessions.bin" --only-show-errors --region ${region}`,
        `    python3 "$work/copy.py" import "$work/sessions.bin" ${APP_ENV_FILE}`,
        // Session data does not stay in the bucket (a noncurrent version stays for the bucket's retention).
        `    aws s3 rm "$transfer" --only-show-errors --region ${region}`,
        "    ;;",
        "esac",
    ];
}

/** The document's content (schema 2.2, one aws:runShellScript step). */
export function legacySessionsContent(bucketName: string, region: string, python: string): string {
    return JSON.stringify(
        {
            schemaVersion: "2.2",
            description:
                "ChatMRPT cutover: copies old prod's Redis keys (sessions) to this stack's Redis by DUMP/RESTORE through the uploads bucket (export on one of old prod's instances, then import on one new instance).",
            parameters: {
                Direction: {
                    type: "String",
                    allowedValues: ["export", "import"],
                    description: "export on old prod, then import here.",
                },
                SourceHost: {
                    type: "String",
                    default: "",
                    allowedPattern: SOURCE_HOST_PATTERN,
                    description: "export: old prod's Redis endpoint.",
                },
                SourcePort: {
                    type: "String",
                    default: "6379",
                    allowedPattern: "^[0-9]{1,5}$",
                    description: "export: its port.",
                },
                SourceTls: {
                    type: "String",
                    default: "false",
                    allowedValues: ["false", "true"],
                    description: "export: whether it requires TLS.",
                },
                SourcePasswordParameter: {
                    type: "String",
                    default: "",
                    allowedPattern: PASSWORD_PARAMETER_PATTERN,
                    description: "export: SSM parameter holding its AUTH password (empty: none).",
                },
                KeyPattern: {
                    type: "String",
                    default: "*",
                    allowedPattern: KEY_PATTERN_PATTERN,
                    description: "export: SCAN MATCH pattern of the keys to copy.",
                },
            },
            mainSteps: [
                {
                    action: "aws:runShellScript",
                    name: "copySessions",
                    precondition: { StringEquals: ["platformType", "Linux"] },
                    inputs: {
                        timeoutSeconds: "1800",
                        runCommand: legacySessionsScript(bucketName, region, python),
                    },
                },
            ],
        },
        null,
        2,
    );
}

/** Arguments of {@link LegacySessionsDocument}. */
export interface LegacySessionsDocumentArgs {
    /** The bucket the export passes through (the uploads bucket: private, encrypted, TLS only). */
    readonly bucketName: pulumi.Input<string>;
    /** The bucket's region. */
    readonly region: pulumi.Input<string>;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** The SSM Command document `chatmrpt:cutover:LegacySessionsDocument`; exists only during the cutover. */
export class LegacySessionsDocument extends pulumi.ComponentResource {
    /** The document's name, for `aws ssm send-command --document-name`. */
    public readonly documentName: pulumi.Output<string>;

    constructor(name: string, args: LegacySessionsDocumentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cutover:LegacySessionsDocument", name, {}, opts);
        const python = fs.readFileSync(SESSIONS_SCRIPT_PATH, "utf8");
        const document = new aws.ssm.Document(
            `${name}-document`,
            {
                documentType: "Command",
                documentFormat: "JSON",
                targetType: "/AWS::EC2::Instance",
                content: pulumi
                    .all([args.bucketName, args.region])
                    .apply(([bucket, region]) => legacySessionsContent(bucket, region, python)),
                tags: args.tags ?? {},
            },
            { parent: this },
        );
        this.documentName = document.name;
        this.registerOutputs({ documentName: this.documentName });
    }
}
