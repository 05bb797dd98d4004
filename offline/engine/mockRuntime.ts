/**
 * Runs the real program under Pulumi's mock runtime and records every resource
 * registration the way the engine sees it: type, name, URN, inputs, parent,
 * dependencies, property dependencies, provider and options (protect included).
 *
 * The mocks are strict: an invoke nobody mocked throws `Mock not implemented: <token>`,
 * and computed outputs are filled the way AWS fills them (ARNs, IDs, DNS names,
 * autonamed names), so code that reads them behaves as it would against the cloud.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settingsModule from "@pulumi/pulumi/runtime/settings";
import * as stateModule from "@pulumi/pulumi/runtime/state";

// Internal SDK functions that Pulumi's own setMocks uses (not in the published typings).
const settings = settingsModule as typeof settingsModule & { waitForRPCs(): Promise<void> };
const state = stateModule as unknown as { getStore(): Record<string, unknown> & { leakCandidates?: Set<unknown> } };

/** The account every mocked ARN lives in. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** One resource as the engine received it. */
export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly id: string;
    readonly custom: boolean;
    /** Inputs, secrets unwrapped (policies see plain values, as in the engine). */
    readonly inputs: Record<string, any>;
    /** Inputs plus the outputs the mocks computed. */
    readonly outputs: Record<string, any>;
    readonly parent?: string;
    readonly provider?: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: string[];
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    readonly additionalSecretOutputs: string[];
    /** The customTimeouts option, when set (how long the engine waits on create/update/delete). */
    readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string };
    /** Region the resource is created in (its provider's, or the stack's). */
    readonly region: string;
    /** The `import` option: the ID of the existing cloud resource the engine adopts. */
    readonly importId?: string;
    /** What a preview does with it against its base: `same` (outputs known), `create` or `update` (computed outputs unknown). Always `same` in `up`. */
    readonly change?: Change;
}

/** A resource's step in a preview: kept as in the base, created, or changed. */
export type Change = "same" | "create" | "update";

/**
 * A preview's base: the resources of the deployed state (e.g. main's plan). Given a
 * resource's URN and inputs (unknowns as {@link UNKNOWN}), says what the preview does.
 */
export type PreviewBase = (urn: string, inputs: Record<string, any>) => Change;

/** One invoke (data source call) the program made. */
export interface RecordedInvoke {
    readonly token: string;
    readonly args: Record<string, any>;
}

/** The security group AWS creates in a VPC with its first CloudFront VPC origin (CloudFront Developer Guide). */
export const VPC_ORIGIN_SERVICE_SG_NAME = "CloudFront-VPCOrigins-Service-SG";

/** What the account holds that the program did not create, as invokes see it. */
export interface InvokeContext {
    /** VPCs in which a CloudFront VPC origin exists (so AWS has created its service security group). */
    readonly vpcsWithVpcOrigins: ReadonlySet<string>;
}

function shortHash(...parts: string[]): string {
    return createHash("sha1").update(parts.join("|")).digest("hex");
}

/**
 * The engine's unknown sentinel: the SDK serializes an unknown Output as this string
 * (`rpc.unknownValue`), and @pulumi/policy's `unknownCheckingProxy` throws
 * `UnknownValueError` when a policy reads it (its `unknownStringValue`).
 */
export const UNKNOWN = rpc.unknownValue;

function unwrapSecrets(value: any): any {
    if (pulumi.isUnknown(value)) return UNKNOWN;
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    // Only plain data: an Output or a Resource answers every property with another Output.
    if (value !== null && typeof value === "object" && ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
    if (value !== null && typeof value === "object") {
        if (value[rpc.specialSigKey] === rpc.specialSecretSig) return unwrapSecrets(value.value);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/**
 * A recorded copy of props: assets and archives hold their contents behind promises, so
 * they are recorded as what the engine is sent (the signature) and their kind, and a
 * record stays plain data that tests and the mutation harness can clone.
 */
function recordable(value: any): any {
    if (pulumi.asset.Asset.isInstance(value)) return { [rpc.specialSigKey]: rpc.specialAssetSig, kind: value.constructor.name };
    if (pulumi.asset.Archive.isInstance(value)) return { [rpc.specialSigKey]: rpc.specialArchiveSig, kind: value.constructor.name };
    if (Array.isArray(value)) return value.map(recordable);
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordable(v)]));
    }
    return value;
}

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
    "aws:elasticache/replicationGroup:ReplicationGroup": { property: "replicationGroupId", maxLength: 40, lowerCase: true },
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
};

/** ID prefixes AWS uses, so IDs look (and validate) like the real ones. */
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc-",
    "aws:ec2/subnet:Subnet": "subnet-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg-",
    "aws:ec2/internetGateway:InternetGateway": "igw-",
    "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
};

/** Fills the outputs AWS computes for a new resource, or for an imported one (`importId`: its ID stays). */
export function computeOutputs(type: string, name: string, inputs: Record<string, any>, region: string, importId?: string): { id: string; state: Record<string, any> } {
    const h = shortHash(type, name);
    const out: Record<string, any> = { ...inputs };
    const auto = AUTONAMED[type];
    if (auto && out[auto.property] === undefined) {
        const base = auto.lowerCase ? name.toLowerCase() : name;
        // The bridge's autonaming (NewUniqueHex) never truncates: a name with no room for "-" and 7 characters fails.
        if (base.length + 8 > auto.maxLength) {
            throw new Error(`could not make instance of '${type}': name '${base}-' plus 7 random chars is longer than maximum length ${auto.maxLength}`);
        }
        out[auto.property] = `${base}-${h.slice(0, 7)}`;
    }
    const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
    const resourceName = out[auto?.property ?? "name"] ?? name;
    let id: string = ID_PREFIX[type] ? `${ID_PREFIX[type]}${h.slice(0, 17)}` : `${resourceName}`;
    const arn = (kind: string) => `arn:aws:${kind}:${region}:${MOCK_ACCOUNT_ID}`;
    switch (type) {
        case "aws:lb/loadBalancer:LoadBalancer": {
            const suffix = `app/${resourceName}/${h.slice(0, 16)}`;
            out.arn = `${arn("elasticloadbalancing")}:loadbalancer/${suffix}`;
            out.arnSuffix = suffix;
            // AWS prefixes an internal load balancer's DNS name with "internal-".
            out.dnsName = `${inputs.internal ? "internal-" : ""}${resourceName}-${parseInt(h.slice(0, 8), 16)}.${region}.elb.amazonaws.com`;
            out.zoneId = "Z3AADJGX6KTTL2";
            id = out.arn;
            break;
        }
        case "aws:lb/targetGroup:TargetGroup": {
            const suffix = `targetgroup/${resourceName}/${h.slice(0, 16)}`;
            out.arn = `${arn("elasticloadbalancing")}:${suffix}`;
            out.arnSuffix = suffix;
            id = out.arn;
            break;
        }
        case "aws:lb/listener:Listener":
        case "aws:lb/listenerRule:ListenerRule":
            out.arn = `${arn("elasticloadbalancing")}:listener/app/${name}/${h.slice(0, 16)}`;
            id = out.arn;
            break;
        case "aws:acm/certificate:Certificate": {
            out.arn = `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            const names: string[] = [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])];
            out.domainValidationOptions = names.map((domainName) => ({
                domainName,
                resourceRecordName: `_${shortHash(domainName).slice(0, 32)}.${domainName}.`,
                resourceRecordType: "CNAME",
                resourceRecordValue: `_${shortHash("value", domainName).slice(0, 32)}.mhbtsbpdnt.acm-validations.aws.`,
            }));
            out.status = "PENDING_VALIDATION";
            id = out.arn;
            break;
        }
        case "aws:acm/certificateValidation:CertificateValidation":
            out.certificateArn = inputs.certificateArn;
            id = `${inputs.certificateArn}`;
            break;
        case "aws:elasticache/replicationGroup:ReplicationGroup": {
            const rg = out.replicationGroupId;
            out.arn = `${arn("elasticache")}:replicationgroup:${rg}`;
            out.memberClusters = Array.from({ length: inputs.numCacheClusters ?? 1 }, (_, i) => `${rg}-00${i + 1}`);
            const regionCode = region.replace(/^(\w\w)-(\w)\w*-(\d)$/, "$1$2$3");
            out.primaryEndpointAddress = `master.${rg}.${h.slice(0, 6)}.${regionCode}.cache.amazonaws.com`;
            out.readerEndpointAddress = `replica.${rg}.${h.slice(0, 6)}.${regionCode}.cache.amazonaws.com`;
            id = rg;
            break;
        }
        case "aws:ssm/parameter:Parameter":
            out.arn = `${arn("ssm")}:parameter${inputs.name}`;
            id = inputs.name;
            break;
        case "aws:iam/role:Role":
            out.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${resourceName}`;
            id = resourceName;
            break;
        case "aws:iam/instanceProfile:InstanceProfile":
            out.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${resourceName}`;
            id = resourceName;
            break;
        case "aws:ec2/launchTemplate:LaunchTemplate":
            out.latestVersion = 1;
            out.arn = `${arn("ec2")}:launch-template/${id}`;
            break;
        case "aws:autoscaling/group:Group":
            out.arn = `${arn("autoscaling")}:autoScalingGroup:${h.slice(0, 8)}:autoScalingGroupName/${resourceName}`;
            id = resourceName;
            break;
        case "aws:cloudfront/distribution:Distribution":
            id = importId ?? `E${h.slice(0, 13).toUpperCase()}`;
            out.arn = `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/${id}`;
            out.domainName = `d${h.slice(0, 13)}.cloudfront.net`;
            out.hostedZoneId = "Z2FDTNDATAQYW2";
            break;
        case "aws:cloudfront/vpcOrigin:VpcOrigin":
            // IDs look like vo_JQEa410sssUFoY6wMkx69j (the provider's import example).
            id = `vo_${Buffer.from(h, "hex").toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 22)}`;
            out.arn = `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:vpcorigin/${id}`;
            out.etag = `E${h.slice(13, 26).toUpperCase()}`;
            break;
        case "aws:cloudfront/function:Function":
            // Functions are addressed by name; the ARN has no region.
            id = resourceName;
            out.arn = `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:function/${resourceName}`;
            out.etag = `E${h.slice(0, 13).toUpperCase()}`;
            out.liveStageEtag = inputs.publish === false ? "" : out.etag;
            out.status = "UNASSOCIATED";
            break;
        case "aws:cloudfront/keyValueStore:KeyValueStore":
            id = resourceName;
            out.arn = `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:key-value-store/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            out.etag = `E${h.slice(13, 26).toUpperCase()}`;
            out.lastModifiedTime = "2026-01-01T00:00:00Z";
            break;
        case "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey":
            // The provider's import ID: store ARN and key, separated by a comma.
            id = `${inputs.keyValueStoreArn},${inputs.key}`;
            out.totalSizeInBytes = Buffer.byteLength(`${inputs.key}${inputs.value}`, "utf8");
            break;
        case "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy":
            id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            break;
        case "aws:route53/record:Record":
            out.fqdn = `${inputs.name}`.replace(/\.$/, "");
            id = `${inputs.zoneId}_${out.fqdn}_${inputs.type}`;
            break;
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            id = out.bucket;
            out.arn = `arn:aws:s3:::${out.bucket}`;
            out.bucketDomainName = `${out.bucket}.s3.amazonaws.com`;
            out.bucketRegionalDomainName = `${out.bucket}.s3.${region}.amazonaws.com`;
            break;
        case "aws:sns/topic:Topic":
            out.arn = `${arn("sns")}:${resourceName}`;
            id = out.arn;
            break;
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            out.arn = `${arn("cloudwatch")}:alarm:${resourceName}`;
            id = resourceName;
            break;
        case "aws:kms/key:Key":
            id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            out.arn = `${arn("kms")}:key/${id}`;
            out.keyId = id;
            break;
        case "aws:backup/vault:Vault":
            out.arn = `${arn("backup")}:backup-vault:${resourceName}`;
            id = resourceName;
            break;
        case "aws:backup/plan:Plan":
            id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            out.arn = `${arn("backup")}:backup-plan:${id}`;
            break;
        case "aws:wafv2/webAcl:WebAcl": {
            // CLOUDFRONT scope lives in us-east-1 under "global".
            const aclId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            out.arn = `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${inputs.scope === "CLOUDFRONT" ? "global" : "regional"}/webacl/${resourceName}/${aclId}`;
            out.capacity = 0;
            id = aclId;
            break;
        }
        case "aws:cloudwatch/logGroup:LogGroup":
            out.arn = `${arn("logs")}:log-group:${inputs.name}`;
            id = inputs.name;
            break;
        case "aws:cloudwatch/eventRule:EventRule":
            out.arn = `${arn("events")}:rule/${resourceName}`;
            id = resourceName;
            break;
        case "aws:backup/restoreTestingPlan:RestoreTestingPlan":
            out.arn = `${arn("backup")}:restore-testing-plan:${inputs.name}-${h.slice(0, 6)}`;
            id = inputs.name;
            break;
        case "aws:synthetics/canary:Canary":
            out.arn = `${arn("synthetics")}:canary:${inputs.name}`;
            out.engineArn = `${arn("lambda")}:function:cwsyn-${inputs.name}-${h.slice(0, 8)}`;
            id = inputs.name;
            break;
        case "aws:s3/bucketObjectv2:BucketObjectv2":
            out.versionId = h.slice(0, 32);
            out.etag = h.slice(0, 32);
            id = `${inputs.bucket}/${inputs.key}`;
            break;
        default:
            if (out.arn === undefined && type.startsWith("aws:")) out.arn = `${arn(service)}:${service}/${id}`;
    }
    if (importId !== undefined) id = importId;
    out.id = id;
    if (out.tags !== undefined) out.tagsAll = out.tags;
    return { id, state: out };
}

/** One image as `aws.ec2.getAmi` returns it (EBS details flattened to a string map, as the provider does). */
export interface MockImage {
    readonly name: string;
    readonly rootDeviceName: string;
    readonly rootSnapshotGiB: number;
}

/**
 * The images the mocked account can see, by ID: tests add or change entries to vary the
 * image (a Ubuntu root at /dev/sda1, a bigger snapshot). The default is the staging image.
 */
export const MOCK_IMAGES: Record<string, MockImage> = {
    // The app image published to /chatmrpt/prod/app-ami-id (Amazon Linux 2023 based).
    "ami-0a1b2c3d4e5f60718": { name: "chatmrpt-app-2026-11-30", rootDeviceName: "/dev/xvda", rootSnapshotGiB: 8 },
    // The image before it, the one a rollback pins.
    "ami-0123456789abcdef0": { name: "chatmrpt-app-2026-11-16", rootDeviceName: "/dev/xvda", rootSnapshotGiB: 8 },
    // An Ubuntu-based build: root at /dev/sda1.
    "ami-0fedcba9876543210": { name: "chatmrpt-app-ubuntu-2026-11-20", rootDeviceName: "/dev/sda1", rootSnapshotGiB: 20 },
};

/** String parameters in the mocked account's SSM Parameter Store (tests may change them). */
export const MOCK_SSM_PARAMETERS: Record<string, string> = {
    "/chatmrpt/prod/app-ami-id": "ami-0a1b2c3d4e5f60718",
};

function mockAmi(args: Record<string, any>, region: string): Record<string, any> {
    const filters = (args.filters ?? []) as { name: string; values: string[] }[];
    const ids = filters.find((f) => f.name === "image-id")?.values ?? [];
    const id = ids.length === 1 ? ids[0] : undefined;
    const image = id === undefined ? undefined : MOCK_IMAGES[id];
    // What the provider says when DescribeImages finds nothing.
    if (!id || !image) throw new Error("Your query returned no results. Please change your search criteria and try again.");
    const snapshot = `snap-${shortHash(id).slice(0, 17)}`;
    return {
        id, imageId: id, arn: `arn:aws:ec2:${region}::image/${id}`, name: image.name, architecture: "x86_64",
        ownerId: MOCK_ACCOUNT_ID, imageOwnerAlias: "", public: false, state: "available", rootDeviceType: "ebs",
        rootDeviceName: image.rootDeviceName, rootSnapshotId: snapshot, virtualizationType: "hvm", enaSupport: true,
        blockDeviceMappings: [{
            deviceName: image.rootDeviceName,
            ebs: { delete_on_termination: "true", encrypted: "false", iops: "3000", snapshot_id: snapshot, throughput: "125", volume_size: `${image.rootSnapshotGiB}`, volume_type: "gp3" },
            noDevice: "", virtualName: "",
        }],
        filters, tags: {},
    };
}

/**
 * The outputs a preview shows for a resource it creates or replaces: its inputs (those
 * derived from unknown outputs are already {@link UNKNOWN}) and every output the provider
 * computes as UNKNOWN, ID included. Autonamed names stay known: Pulumi picks them at
 * Check, before the preview (https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming).
 * An in-place update would keep its ID and ARN; treating every change as a replacement
 * is the worst case a preview can show, so a policy that holds here holds in the real one.
 */
export function previewOutputs(type: string, name: string, inputs: Record<string, any>, region: string): { id: string; state: Record<string, any> } {
    const known = computeOutputs(type, name, inputs, region).state;
    const state: Record<string, any> = { ...inputs };
    const auto = AUTONAMED[type];
    if (auto && inputs[auto.property] === undefined) state[auto.property] = known[auto.property];
    for (const key of Object.keys(known)) if (!(key in state)) state[key] = UNKNOWN;
    return { id: "", state };
}

/**
 * Answers the invokes this program makes, and only those: anything else throws,
 * so a new data-source call cannot pass unnoticed with an invented answer.
 */
export function mockInvoke(token: string, args: Record<string, any>, region: string, context: InvokeContext = { vpcsWithVpcOrigins: new Set() }): Record<string, any> {
    switch (token) {
        case "aws:ec2/getSecurityGroup:getSecurityGroup": {
            if (args.name !== VPC_ORIGIN_SERVICE_SG_NAME || typeof args.vpcId !== "string") break;
            // The group appears only once a VPC origin exists in the VPC; before, the lookup
            // fails as the provider's does when nothing matches.
            if (!context.vpcsWithVpcOrigins.has(args.vpcId)) throw new Error("no matching EC2 Security Group found");
            const id = `sg-${shortHash("vpc-origin-sg", args.vpcId).slice(0, 17)}`;
            return {
                id, name: args.name, vpcId: args.vpcId, arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:security-group/${id}`,
                description: "CloudFront VPC origins service security group", tags: {}, filters: undefined,
            };
        }
        case "aws:ssm/getParameter:getParameter": {
            const value = MOCK_SSM_PARAMETERS[args.name];
            // SSM's error for a missing parameter, as the provider reports it.
            if (value === undefined) throw new Error(`reading SSM Parameter (${args.name}): ParameterNotFound`);
            return { id: args.name, name: args.name, arn: `arn:aws:ssm:${region}:${MOCK_ACCOUNT_ID}:parameter${args.name}`, type: "String", value, insecureValue: value, version: 1, withDecryption: args.withDecryption ?? true };
        }
        case "aws:ec2/getAmi:getAmi":
            return mockAmi(args, region);
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`, id: MOCK_ACCOUNT_ID, userId: "AIDAMOCK" };
    }
    throw new Error(`Mock not implemented: ${token} ${JSON.stringify(args)}`);
}

/** The customTimeouts a registration carries; undefined when none is set. */
function timeoutsOf(t: any): RecordedResource["customTimeouts"] {
    if (!t) return undefined;
    const entries = Object.entries({ create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }).filter(([, v]) => v);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Records registrations; subclassed from Pulumi's own mock monitor so nothing else changes. */
class RecordingMonitor extends MockMonitor {
    readonly records: RecordedResource[] = [];
    /** Component URN → the output names it registered (the SDK itself registers none). */
    readonly outputsRegistered = new Map<string, string[]>();
    readonly invokes: RecordedInvoke[] = [];
    /** Provider URN → region, so a resource's region is its provider's. */
    private readonly providerRegions = new Map<string, string>();

    /** The preview step of the registration in flight (set just before the SDK's mock monitor calls newResource). */
    private nextChange: Change = "same";

    constructor(private readonly stackRegion: string, private readonly base?: PreviewBase) {
        super({
            call: (args) => {
                const region = this.regionOf(args.provider);
                this.invokes.push({ token: args.token, args: args.inputs });
                return mockInvoke(args.token, args.inputs, region, { vpcsWithVpcOrigins: this.vpcsWithVpcOrigins() });
            },
            newResource: (args) => {
                if (args.type === "pulumi:providers:aws") {
                    return { id: `${args.name}-provider-id`, state: { ...args.inputs } };
                }
                const region = this.regionOf(args.provider);
                if (args.custom && this.nextChange !== "same") return previewOutputs(args.type, args.name, unwrapSecrets(args.inputs), region);
                // Pulumi's MockMonitor passes the `import` option as args.id.
                return computeOutputs(args.type, args.name, unwrapSecrets(args.inputs), region, args.id || undefined);
            },
        });
    }

    /** VPCs holding the load balancer a recorded VPC origin points at. */
    private vpcsWithVpcOrigins(): Set<string> {
        const vpcs = new Set<string>();
        for (const origin of this.records.filter((r) => r.type === "aws:cloudfront/vpcOrigin:VpcOrigin")) {
            const target = this.records.find((r) => r.outputs.arn !== undefined && r.outputs.arn === origin.inputs.vpcOriginEndpointConfig?.arn);
            const sg = target ? this.records.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && (target.inputs.securityGroups ?? []).includes(r.id)) : undefined;
            if (sg?.inputs.vpcId) vpcs.add(sg.inputs.vpcId);
        }
        return vpcs;
    }

    private regionOf(providerRef: string | undefined): string {
        if (!providerRef) return this.stackRegion;
        const urn = providerRef.split("::").slice(0, -1).join("::");
        return this.providerRegions.get(urn) ?? this.stackRegion;
    }

    override registerResourceOutputs(req: any, callback: (err: any, response: any) => void): void {
        const outputs = req.getOutputs()?.toJavaScript() ?? {};
        const names = Object.keys(outputs);
        // The SDK registers empty outputs for every component by itself; keep what the component said.
        if (names.length > 0 || !this.outputsRegistered.has(req.getUrn())) this.outputsRegistered.set(req.getUrn(), names);
        super.registerResourceOutputs(req, callback);
    }

    override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        const inputs = unwrapSecrets(rpc.deserializeProperties(req.getObject()));
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        // super.registerResource calls newResource synchronously, before its first await.
        const change: Change = this.base && req.getCustom() ? this.base((this as unknown as { newUrn(parent: string, type: string, name: string): string }).newUrn(req.getParent(), req.getType(), req.getName()), recordable(inputs)) : "same";
        this.nextChange = change;
        await super.registerResource(req, (err: any, response: any) => {
            if (!err && response) {
                const urn: string = response.getUrn();
                if (req.getType() === "pulumi:providers:aws") {
                    this.providerRegions.set(urn, inputs.region ?? this.stackRegion);
                }
                const outputs = response.getObject() ? unwrapSecrets(rpc.deserializeProperties(response.getObject())) : {};
                this.records.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn,
                    id: response.getId(),
                    custom: req.getCustom(),
                    inputs: recordable(inputs),
                    outputs: recordable(outputs),
                    parent: req.getParent() || undefined,
                    provider: req.getProvider() || undefined,
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    ignoreChanges: req.getIgnorechangesList(),
                    dependencies: req.getDependenciesList(),
                    propertyDependencies,
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                    customTimeouts: timeoutsOf(req.getCustomtimeouts()),
                    region: req.getType() === "pulumi:providers:aws" ? (inputs.region ?? this.stackRegion) : this.regionOf(req.getProvider()),
                    importId: req.getImportid() || undefined,
                    change,
                });
            }
            callback(err, response);
        });
    }
}

/** What one offline run of the program produced. */
export interface OfflineRun<T> {
    readonly resources: RecordedResource[];
    readonly invokes: RecordedInvoke[];
    /** Component (and stack) URN → the output names it registered. */
    readonly outputsRegistered: Map<string, string[]>;
    /** What the program returned (or threw). */
    readonly result?: T;
    readonly error?: unknown;
    /** The program's outputs resolved to plain values (secrets unwrapped). */
    readonly outputs?: Record<string, unknown>;
}

/** Options of {@link runOffline}. */
export interface RunOfflineOptions {
    readonly project?: string;
    readonly stack?: string;
    /** Full config map (`chatmrpt:minSize` → "2"). */
    readonly config: Record<string, string>;
    /** Keys in `config` that are secrets. */
    readonly secretKeys?: string[];
    /**
     * Run as `pulumi preview` against this base: the SDK runs in dry-run mode, resources the
     * base lacks or whose inputs differ get unknown computed outputs ({@link previewOutputs}),
     * inputs built from those stay unknown, and apply() callbacks on them do not run.
     * @default - a `pulumi up`: every output known
     */
    readonly preview?: PreviewBase;
    /** Register a root Stack resource as the engine does. @default true */
    readonly withStack?: boolean;
}

/**
 * Runs `program` under the mock runtime with `config` and returns every resource it
 * registered. Runs are sequential: Pulumi's runtime is process-global.
 */
export async function runOffline<T>(program: () => T, options: RunOfflineOptions): Promise<OfflineRun<T>> {
    const region = options.config["aws:region"] ?? "us-east-1";
    const monitor = new RecordingMonitor(region, options.preview);
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);
    settings.setMockOptions(monitor, options.project ?? "chatmrpt", options.stack ?? "prod", options.preview !== undefined);
    const store = state.getStore();
    Object.assign(store, {
        supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false, supportsDeletedWith: true,
        supportsAliasSpecs: true, supportsTransforms: false, supportsInvokeTransforms: false,
    });

    let result: T | undefined;
    let error: unknown;
    let outputs: Record<string, unknown> | undefined;
    // An Output that rejects inside a resource's inputs (a check that can only run once a
    // data source answered) fails the update in the real engine; here it is the run's error,
    // not a crash of the process.
    const rejections: unknown[] = [];
    let rejected: () => void = () => undefined;
    const firstRejection = new Promise<void>((done) => { rejected = done; });
    const onRejection = (reason: unknown) => { rejections.push(reason); rejected(); };
    process.on("unhandledRejection", onRejection);
    const execute = async () => {
        try {
            if (options.withStack === false) {
                result = program();
                outputs = await resolveOutputs(result);
            } else {
                // The error is kept here rather than thrown through the Stack resource, where it
                // would also surface as an unhandled rejection of the stack's outputs.
                await pulumi.runtime.runInPulumiStack(async () => {
                    try {
                        result = program();
                        outputs = await resolveOutputs(result);
                        return result as any;
                    } catch (e) {
                        error = e;
                        return undefined;
                    }
                });
            }
        } catch (e) {
            error = e;
        }
        await settings.waitForRPCs();
        await new Promise((done) => setImmediate(done));
    };
    try {
        // The engine stops the program at the first unhandled rejection: what depends on the
        // failed resource never registers (nor do the stack's outputs resolve), so stop there too.
        await Promise.race([execute(), firstRejection]);
    } catch (e) {
        rejections.push(e);
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (rejections.length > 0) {
        if (error === undefined) error = rejections[0];
        // The abandoned registrations are expected to stay pending; the next run resets the RPC state.
        (state.getStore().leakCandidates as Set<unknown> | undefined)?.clear();
    }
    return { resources: monitor.records, invokes: monitor.invokes, outputsRegistered: monitor.outputsRegistered, result, error, outputs };
}

/** Resolves every Output in a plain object of Outputs (secrets unwrapped). */
export async function resolveOutputs(value: unknown): Promise<Record<string, unknown>> {
    if (value === null || typeof value !== "object") return {};
    const entries = await Promise.all(Object.entries(value as Record<string, unknown>).map(async ([k, v]) => [k, await resolve(v)] as const));
    return Object.fromEntries(entries);
}

/** The value of an Output (or plain value) as a promise ({@link UNKNOWN} where a preview does not know it). */
export async function resolve<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
    // apply() never runs on an unknown value; the Output's own promise(withUnknowns) does resolve.
    const output = pulumi.output(value) as unknown as { promise(withUnknowns?: boolean): Promise<T> };
    return unwrapSecrets(await output.promise(true));
}
