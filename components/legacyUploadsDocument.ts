/**
 * The SSM Command document the cutover runbook runs to move users' files: old prod keeps
 * uploads on its instances' disks, and so do the new instances (the ALB's stickiness keeps a
 * user on the instance holding them; docs/operations.md, Stickiness). `export`, sent to old
 * prod's instances, syncs their upload directory into a transfer prefix of the uploads bucket;
 * `import`, sent to every instance of the new group, syncs it from there into theirs. Both are
 * `aws s3 sync` (copies new and changed files, deletes nothing), so running them again right
 * before each share moves copies only what was uploaded since.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the files wait between export and import. @default */
export const DEFAULT_TRANSFER_PREFIX = "cutover/legacy-uploads/";
/** An absolute path whose segments do not start with a dot (no `..`), with no quotes or spaces to break the script. */
export const UPLOADS_DIR_PATTERN = "^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$";
/** `user:group`, as chown takes it, in the portable user-name character set. */
export const OWNER_PATTERN = "^[a-z_][a-z0-9_-]{0,31}:[a-z_][a-z0-9_-]{0,31}$";
/** How long one run may take before SSM stops it (the runShellScript plugin's timeoutSeconds). */
export const RUN_TIMEOUT_SECONDS = 3600;

/** Why a transfer prefix is unusable, or undefined: S3 key segments in lower case, ending in `/`. */
export function checkTransferPrefix(prefix: string): string | undefined {
    return /^[a-z0-9-]+(\/[a-z0-9-]+)*\/$/.test(prefix)
        ? undefined
        : "must be lower-case letters, digits and - in /-separated segments, ending in / (such as cutover/legacy-uploads/)";
}

/** The document's content (schema 2.2, one aws:runShellScript step) for a bucket and prefix. */
export function legacyUploadsContent(bucketName: string, region: string, prefix: string): string {
    const transfer = `s3://${bucketName}/${prefix}`;
    const script = [
        "set -euo pipefail",
        "dir='{{ UploadsDir }}'",
        `transfer='${transfer}'`,
        "case '{{ Direction }}' in",
        "  export)",
        '    test -d "$dir" || { echo "chatmrpt: no directory $dir on $(hostname)" >&2; exit 1; }',
        `    aws s3 sync "$dir" "$transfer" --only-show-errors --region ${region}`,
        "    ;;",
        "  import)",
        '    install -d "$dir"',
        `    aws s3 sync "$transfer" "$dir" --only-show-errors --region ${region}`,
        "    chown -R '{{ Owner }}' \"$dir\"",
        "    ;;",
        "esac",
        'echo "chatmrpt: {{ Direction }} done on $(hostname): $(find "$dir" -type f | wc -l) files in $dir"',
    ];
    return JSON.stringify(
        {
            schemaVersion: "2.2",
            description:
                "ChatMRPT cutover: copies old prod's upload directory to the new instances through the uploads bucket (export on old prod's instances, then import on the new ones).",
            parameters: {
                Direction: {
                    type: "String",
                    allowedValues: ["export", "import"],
                    description: `export: UploadsDir → ${transfer} (old prod's instances); import: ${transfer} → UploadsDir (the new instances).`,
                },
                UploadsDir: {
                    type: "String",
                    allowedPattern: UPLOADS_DIR_PATTERN,
                    description: "The app's upload directory (absolute path, the same on both sides).",
                },
                Owner: {
                    type: "String",
                    default: "root:root",
                    allowedPattern: OWNER_PATTERN,
                    description: "import only: user:group the app runs as, given the copied files.",
                },
            },
            mainSteps: [
                {
                    action: "aws:runShellScript",
                    name: "copyUploads",
                    precondition: { StringEquals: ["platformType", "Linux"] },
                    inputs: { timeoutSeconds: String(RUN_TIMEOUT_SECONDS), runCommand: script },
                },
            ],
        },
        null,
        2,
    );
}

/** Arguments of {@link LegacyUploadsDocument}. */
export interface LegacyUploadsDocumentArgs {
    /** The uploads bucket the files pass through (the new instances may already read it). */
    readonly bucketName: pulumi.Input<string>;
    /** The bucket's region. */
    readonly region: pulumi.Input<string>;
    /** Key prefix the files wait under. @default "cutover/legacy-uploads/" */
    readonly transferPrefix?: string;
    /** Tags. @default {} */
    readonly tags?: Record<string, string>;
}

/** The SSM Command document `chatmrpt:cutover:LegacyUploadsDocument`; exists only during the cutover. */
export class LegacyUploadsDocument extends pulumi.ComponentResource {
    /** The document's name, for `aws ssm send-command --document-name`. */
    public readonly documentName: pulumi.Output<string>;
    /** `s3://<bucket>/<prefix>`: where exported files wait (delete it after the decommission). */
    public readonly transferUri: pulumi.Output<string>;

    constructor(name: string, args: LegacyUploadsDocumentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chatmrpt:cutover:LegacyUploadsDocument", name, {}, opts);
        const prefix = args.transferPrefix ?? DEFAULT_TRANSFER_PREFIX;
        const bad = checkTransferPrefix(prefix);
        if (bad) throw new Error(`transferPrefix (${prefix}) ${bad}`);

        const document = new aws.ssm.Document(
            `${name}-document`,
            {
                documentType: "Command",
                documentFormat: "JSON",
                // Runs on instances only (not on other managed nodes or resources).
                targetType: "/AWS::EC2::Instance",
                content: pulumi
                    .all([args.bucketName, args.region])
                    .apply(([bucket, region]) => legacyUploadsContent(bucket, region, prefix)),
                tags: args.tags ?? {},
            },
            { parent: this },
        );
        this.documentName = document.name;
        this.transferUri = pulumi.interpolate`s3://${args.bucketName}/${prefix}`;
        this.registerOutputs({ documentName: this.documentName, transferUri: this.transferUri });
    }
}
