/**
 * The outputs AWS computes for a resource the program creates (ARNs, IDs, DNS names,
 * autonamed names), one table per service, so code that reads them behaves as it would
 * against the cloud. A type without an entry gets its inputs, an ID and a generic ARN.
 */
import { UNKNOWN_VALUE } from "../../../components/lib/pulumiInternals";
import { MOCK_ACCOUNT_ID, OutputContext, OutputFiller, Props, shortHash } from "./context";
import { CLOUDFRONT_OUTPUTS } from "./cloudfront";
import { DNS_OUTPUTS } from "./dns";
import { EC2_OUTPUTS, ID_PREFIX } from "./ec2";
import { ELB_OUTPUTS } from "./elb";
import { OPERATIONS_OUTPUTS } from "./operations";
import { SECURITY_OUTPUTS } from "./security";
import { STORAGE_OUTPUTS } from "./storage";

export { MOCK_ACCOUNT_ID, shortHash } from "./context";
export type { Props } from "./context";

/** Every type's filler, by type token. */
const OUTPUTS: Record<string, OutputFiller> = {
    ...ELB_OUTPUTS,
    ...EC2_OUTPUTS,
    ...DNS_OUTPUTS,
    ...CLOUDFRONT_OUTPUTS,
    ...STORAGE_OUTPUTS,
    ...SECURITY_OUTPUTS,
    ...OPERATIONS_OUTPUTS,
};

/** Types whose `name` (or equivalent) AWS generates when not given, as Pulumi's autonaming does. */
export const AUTONAMED: Record<string, { property: string; maxLength: number; lowerCase?: boolean }> = {
    "aws:lb/loadBalancer:LoadBalancer": { property: "name", maxLength: 32 },
    "aws:lb/targetGroup:TargetGroup": { property: "name", maxLength: 32 },
    "aws:ec2/securityGroup:SecurityGroup": { property: "name", maxLength: 255 },
    "aws:ec2/launchTemplate:LaunchTemplate": { property: "name", maxLength: 128 },
    "aws:autoscaling/group:Group": { property: "name", maxLength: 255 },
    "aws:autoscaling/policy:Policy": { property: "name", maxLength: 255 },
    "aws:iam/role:Role": { property: "name", maxLength: 64 },
    "aws:iam/rolePolicy:RolePolicy": { property: "name", maxLength: 128 },
    "aws:iam/instanceProfile:InstanceProfile": { property: "name", maxLength: 128 },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        property: "replicationGroupId",
        maxLength: 40,
        lowerCase: true,
    },
    "aws:elasticache/subnetGroup:SubnetGroup": { property: "name", maxLength: 255, lowerCase: true },
    "aws:elasticache/parameterGroup:ParameterGroup": { property: "name", maxLength: 255, lowerCase: true },
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": { property: "name", maxLength: 128 },
    "aws:sns/topic:Topic": { property: "name", maxLength: 256 },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { property: "name", maxLength: 255 },
    "aws:cloudwatch/dashboard:Dashboard": { property: "dashboardName", maxLength: 255 },
    "aws:s3/bucket:Bucket": { property: "bucket", maxLength: 63, lowerCase: true },
    "aws:s3/bucketV2:BucketV2": { property: "bucket", maxLength: 63, lowerCase: true },
    "aws:backup/vault:Vault": { property: "name", maxLength: 50 },
    "aws:backup/plan:Plan": { property: "name", maxLength: 50 },
    "aws:backup/selection:Selection": { property: "name", maxLength: 50 },
    "aws:kms/alias:Alias": { property: "name", maxLength: 256 },
    "aws:cloudfront/function:Function": { property: "name", maxLength: 64 },
    "aws:cloudfront/keyValueStore:KeyValueStore": { property: "name", maxLength: 64 },
    "aws:wafv2/webAcl:WebAcl": { property: "name", maxLength: 128 },
    "aws:cloudwatch/eventRule:EventRule": { property: "name", maxLength: 64 },
    // Optional in the Pulumi SDK (autonamed) though AWS requires one: ^[a-zA-Z0-9_\-.]{3,128}$.
    "aws:ssm/document:Document": { property: "name", maxLength: 128 },
};

/** Fills the outputs AWS computes for a new resource, or for an imported one (`importId`: its ID stays). */
export function computeOutputs(
    type: string,
    name: string,
    inputs: Props,
    region: string,
    importId?: string,
): { id: string; state: Props } {
    const h = shortHash(type, name);
    const out: Props = { ...inputs };
    const auto = AUTONAMED[type];
    if (auto && out[auto.property] === undefined) {
        const base = auto.lowerCase ? name.toLowerCase() : name;
        // The bridge's autonaming (NewUniqueHex) never truncates: a name with no room for "-" and 7 characters fails.
        if (base.length + 8 > auto.maxLength) {
            throw new Error(
                `could not make instance of '${type}': name '${base}-' plus 7 random chars is longer than maximum length ${auto.maxLength}`,
            );
        }
        out[auto.property] = `${base}-${h.slice(0, 7)}`;
    }
    const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
    const resourceName = `${out[auto?.property ?? "name"] ?? name}`;
    const arn = (kind: string) => `arn:aws:${kind}:${region}:${MOCK_ACCOUNT_ID}`;
    const ctx: OutputContext = {
        name,
        inputs,
        out,
        region,
        h,
        resourceName,
        importId,
        arn,
        id: ID_PREFIX[type] ? `${ID_PREFIX[type]}${h.slice(0, 17)}` : resourceName,
    };
    const filler = OUTPUTS[type];
    let id = ctx.id;
    if (filler) id = filler(ctx) ?? ctx.id;
    else if (out.arn === undefined && type.startsWith("aws:")) out.arn = `${arn(service)}:${service}/${id}`;
    if (importId !== undefined) id = importId;
    out.id = id;
    if (out.tags !== undefined) out.tagsAll = out.tags;
    return { id, state: out };
}

/**
 * The outputs a preview shows for a resource it creates or replaces: its inputs (those
 * derived from unknown outputs are already {@link UNKNOWN_VALUE}) and every output the
 * provider computes as UNKNOWN_VALUE, ID included. Autonamed names stay known: Pulumi picks them at
 * Check, before the preview (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming).
 * An in-place update would keep its ID and ARN; treating every change as a replacement
 * is the worst case a preview can show, so a policy that holds here holds in the real one.
 */
export function previewOutputs(
    type: string,
    name: string,
    inputs: Props,
    region: string,
): { id: string; state: Props } {
    const known = computeOutputs(type, name, inputs, region).state;
    const state: Props = { ...inputs };
    const auto = AUTONAMED[type];
    if (auto && inputs[auto.property] === undefined) state[auto.property] = known[auto.property];
    for (const key of Object.keys(known)) if (!(key in state)) state[key] = UNKNOWN_VALUE;
    return { id: "", state };
}
