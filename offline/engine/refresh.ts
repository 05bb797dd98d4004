/**
 * The `refreshed` view: outputs as the provider reads them back from AWS after
 * `pulumi refresh` (or `pulumi preview --refresh`), computed from what `up` recorded.
 * Inputs are untouched: a refresh rewrites a resource's outputs in the state, never its
 * inputs, so resource policies see the same thing; stack policies see these outputs.
 *
 * What changes, and why:
 * - A security group's `ingress`/`egress` list every rule AWS has on the group, those
 *   declared by separate `aws.vpc.SecurityGroupIngressRule`/`EgressRule` and legacy
 *   `aws.ec2.SecurityGroupRule` resources included (the provider's Read lists the group's
 *   IpPermissions; https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group
 *   warns that mixing the two then shows perpetual diffs). One entry per rule, in AWS's
 *   shape: every list present, `protocol` "-1" with ports 0 for all traffic, `self` true
 *   only for a rule that references its own group (which is then not in `securityGroups`).
 * - `tagsAll`: the resource's tags over the provider's `defaultTags`.
 * - A bucket's legacy `policy`, `versioning` and `serverSideEncryptionConfiguration`
 *   outputs show what the separate BucketPolicy / BucketVersioning / SSE resources set
 *   (the v7 Bucket keeps them as computed attributes).
 * - Defaults AWS fills in when an argument was not given ({@link AWS_DEFAULTS}).
 */
import { RecordedProps, RecordedResource } from "./mockRuntime";

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/** Arguments AWS defaults when not given, as the provider then reads them back. */
export const AWS_DEFAULTS: Record<string, Record<string, unknown>> = {
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#connection-idle-timeout (60 s)
    "aws:lb/loadBalancer:LoadBalancer": {
        idleTimeout: 60,
        ipAddressType: "ipv4",
        enableHttp2: true,
        internal: false,
    },
    "aws:ec2/securityGroup:SecurityGroup": { revokeRulesOnDelete: false },
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data (missing)
    "aws:cloudwatch/metricAlarm:MetricAlarm": { treatMissingData: "missing", actionsEnabled: true },
};

interface AwsRule {
    cidrBlocks: string[];
    ipv6CidrBlocks: string[];
    prefixListIds: string[];
    securityGroups: string[];
    self: boolean;
    protocol: string;
    fromPort: number;
    toPort: number;
    description: string;
}

/** A list AWS returns (strings or rule objects, as the caller reads them); [] when unset. */
function list<T = string>(v: unknown): T[] {
    return Array.isArray(v) ? (v as T[]) : [];
}

/** A rule resource's rule as the group's Read returns it. */
function asAwsRule(r: RecordedResource): AwsRule {
    const p = r.outputs;
    const legacy = r.type === LEGACY_RULE;
    const protocol = String((legacy ? p.protocol : p.ipProtocol) ?? "-1");
    const all = protocol === "-1" || protocol === "all";
    return {
        cidrBlocks: legacy ? list(p.cidrBlocks) : [p.cidrIpv4].filter((c) => typeof c === "string"),
        ipv6CidrBlocks: legacy ? list(p.ipv6CidrBlocks) : [p.cidrIpv6].filter((c) => typeof c === "string"),
        prefixListIds: legacy ? list(p.prefixListIds) : [p.prefixListId].filter((c) => typeof c === "string"),
        securityGroups: [legacy ? p.sourceSecurityGroupId : p.referencedSecurityGroupId].filter(
            (c) => typeof c === "string",
        ),
        self: legacy ? p.self === true : false,
        protocol: all ? "-1" : protocol,
        fromPort: all ? 0 : Number(p.fromPort ?? 0),
        toPort: all ? 0 : Number(p.toPort ?? 0),
        description: typeof p.description === "string" ? p.description : "",
    };
}

function inlineAsAws(rule: RecordedProps): AwsRule {
    const protocol = String(rule?.protocol ?? "-1");
    const all = protocol === "-1" || protocol === "all";
    return {
        cidrBlocks: list(rule?.cidrBlocks),
        ipv6CidrBlocks: list(rule?.ipv6CidrBlocks),
        prefixListIds: list(rule?.prefixListIds),
        securityGroups: list(rule?.securityGroups),
        self: rule?.self === true,
        protocol: all ? "-1" : protocol,
        fromPort: all ? 0 : Number(rule?.fromPort ?? 0),
        toPort: all ? 0 : Number(rule?.toPort ?? 0),
        description: typeof rule?.description === "string" ? rule.description : "",
    };
}

/**
 * A reference to the rule's own group as the provider reads it back: `self: true`, and the
 * group left out of `securityGroups` (terraform-provider-aws, security group Read: a
 * UserIdGroupPair naming the group itself sets `self`).
 */
function selfAsFlag(rule: AwsRule, groupId: unknown): AwsRule {
    if (!rule.securityGroups.includes(groupId as string)) return rule;
    return { ...rule, self: true, securityGroups: rule.securityGroups.filter((g) => g !== groupId) };
}

function directionOf(r: RecordedResource): "ingress" | "egress" | undefined {
    if (r.type === INGRESS_RULE) return "ingress";
    if (r.type === EGRESS_RULE) return "egress";
    if (r.type === LEGACY_RULE) return r.outputs.type === "egress" ? "egress" : "ingress";
    return undefined;
}

/** Every recorded resource with the outputs a refresh would read back. */
export function refreshRecords(records: readonly RecordedResource[]): RecordedResource[] {
    const byId = new Map(records.filter((r) => r.custom).map((r) => [r.outputs.id, r]));
    const providers = new Map(
        records.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]),
    );
    const rulesOf = new Map<string, { ingress: AwsRule[]; egress: AwsRule[] }>();
    for (const r of records) {
        const direction = directionOf(r);
        const group = direction && byId.get(r.outputs.securityGroupId);
        if (!direction || !group || group.type !== SECURITY_GROUP) continue;
        const entry = rulesOf.get(group.urn) ?? { ingress: [], egress: [] };
        entry[direction].push(selfAsFlag(asAwsRule(r), group.outputs.id));
        rulesOf.set(group.urn, entry);
    }
    const satellite = (type: string, bucket: RecordedResource) =>
        records.find(
            (r) =>
                r.type === type &&
                (r.outputs.bucket === bucket.outputs.bucket || r.outputs.bucket === bucket.outputs.id),
        );

    return records.map((r) => {
        if (!r.custom) return r;
        const outputs: RecordedProps = { ...(AWS_DEFAULTS[r.type] ?? {}), ...r.outputs };
        if (r.type === SECURITY_GROUP) {
            const separate = rulesOf.get(r.urn) ?? { ingress: [], egress: [] };
            const own = (rule: AwsRule) => selfAsFlag(rule, r.outputs.id);
            outputs.ingress = [
                ...list<RecordedProps>(r.outputs.ingress).map(inlineAsAws).map(own),
                ...separate.ingress,
            ];
            outputs.egress = [
                ...list<RecordedProps>(r.outputs.egress).map(inlineAsAws).map(own),
                ...separate.egress,
            ];
        }
        if (r.type === "aws:s3/bucket:Bucket" || r.type === "aws:s3/bucketV2:BucketV2") {
            const policy = satellite("aws:s3/bucketPolicy:BucketPolicy", r);
            const versioning = satellite("aws:s3/bucketVersioning:BucketVersioning", r);
            const sse = satellite(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                r,
            );
            if (policy) outputs.policy = policy.outputs.policy;
            outputs.versioning = {
                enabled: versioning?.outputs.versioningConfiguration?.status === "Enabled",
                mfaDelete: false,
            };
            const rule = list<RecordedProps>(sse?.outputs.rules)[0];
            // S3 encrypts every new object with SSE-S3 when nothing else is set (since January 2023).
            outputs.serverSideEncryptionConfiguration = {
                rule: rule ?? {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
                    bucketKeyEnabled: false,
                },
            };
        }
        if (r.type.startsWith("aws:") && (r.outputs.tags !== undefined || r.outputs.tagsAll !== undefined)) {
            const provider = r.provider
                ? providers.get(r.provider.split("::").slice(0, -1).join("::"))
                : undefined;
            const defaults = provider?.inputs.defaultTags?.tags ?? {};
            if (r.type !== "aws:autoscaling/group:Group")
                outputs.tagsAll = { ...defaults, ...(r.outputs.tags ?? {}) };
        }
        return { ...r, outputs };
    });
}
