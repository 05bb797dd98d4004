import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WebTierArgs, WebTierSettings } from "./args";
import { BURSTABLE_BASELINES } from "./rules";
import { renderUserData } from "./userData";

/**
 * The app's launch template: the image's literal ID and root device, the root volume, the
 * instance profile, the one app security group and the boot script.
 */
export function createLaunchTemplate(
    name: string,
    args: WebTierArgs,
    s: WebTierSettings,
    refs: { appSecurityGroupId: pulumi.Input<string>; instanceProfileArn: pulumi.Input<string> },
    parent: pulumi.Resource,
): { launchTemplate: aws.ec2.LaunchTemplate; image: pulumi.Output<ResolvedImage> } {
    const tags = s.tags;
    const userData = renderUserData({
        region: args.region,
        appPort: s.appPort,
        appWorkers: s.appWorkers,
        appWorkerTimeoutSeconds: s.appWorkerTimeoutSeconds,
        appKeepAliveSeconds: s.appKeepAliveSeconds,
        redisEndpoint: args.redisEndpoint,
        redisAuthTokenParameterName: args.redisAuthTokenParameter.name,
        uploadsBucketName: args.uploadsBucket?.name,
        logShipping: args.logShipping,
    });

    const image = resolveImage(args.ami, parent);
    // Known only once the image is read (at preview or up, never offline before the
    // lookups): fail the launch template rather than boot a root volume EC2 refuses.
    const rootVolumeSize = image.apply((i) => {
        const problem = checkRootVolumeFitsImage(s.rootVolumeSizeGiB, i);
        if (problem) throw new Error(problem);
        return s.rootVolumeSizeGiB;
    });

    const launchTemplate = new aws.ec2.LaunchTemplate(
        `${name}-lt`,
        {
            description: "ChatMRPT app instance",
            // The literal ID, never `resolve:ssm:`: EC2 would resolve that at each launch, so a
            // new AMI shows no diff, rolls nothing, and later launches silently run it; and
            // instance-refresh rollback is not supported for SSM-parameter images.
            imageId: image.imageId,
            instanceType: s.instanceType,
            // T3 launches unlimited by default; say so on purpose (the plan prices the surplus
            // above baseline at the CPU target). Non-burstable types refuse a credit option.
            creditSpecification: BURSTABLE_BASELINES[s.instanceType]
                ? { cpuCredits: s.cpuCredits }
                : undefined,
            iamInstanceProfile: { arn: refs.instanceProfileArn },
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            },
            networkInterfaces: [
                {
                    deviceIndex: 0,
                    associatePublicIpAddress: "false",
                    deleteOnTermination: "true",
                    securityGroups: [refs.appSecurityGroupId],
                },
            ],
            // The image's own root device (/dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu): a
            // mapping under any other name adds a second volume and leaves the root unencrypted-as-built.
            blockDeviceMappings: [
                {
                    deviceName: image.rootDeviceName,
                    ebs: {
                        volumeSize: rootVolumeSize,
                        volumeType: "gp3",
                        encrypted: "true",
                        deleteOnTermination: "true",
                    },
                },
            ],
            userData: userData.apply((script) => Buffer.from(script).toString("base64")),
            updateDefaultVersion: true,
            tagSpecifications: [
                { resourceType: "instance", tags: { ...tags, Name: `${name}-app` } },
                {
                    resourceType: "volume",
                    tags: { ...tags, ...(args.volumeTags ?? {}), Name: `${name}-app` },
                },
            ],
            tags,
        },
        { parent },
    );
    return { launchTemplate, image };
}

/** What the launch template needs from the image. */
export interface ResolvedImage {
    readonly imageId: string;
    /** Where the AMI came from (`ssm:/path` or the literal ID), for messages. */
    readonly source: string;
    readonly rootDeviceName: string;
    /** Size of the root snapshot: the smallest root volume EC2 accepts. */
    readonly rootSnapshotGiB: number;
}

/**
 * Reads the AMI at deploy time: the SSM parameter (if `ami` is `ssm:/path`) to a literal ID,
 * then the image itself for its root device name and root snapshot size.
 */
export function resolveImage(ami: string, parent: pulumi.Resource): pulumi.Output<ResolvedImage> {
    const imageId = ami.startsWith("ssm:")
        ? // insecureValue: an AMI ID is no secret, and a secret would hide the very diff that starts the refresh.
          aws.ssm.getParameterOutput({ name: ami.slice("ssm:".length), withDecryption: false }, { parent })
              .insecureValue
        : pulumi.output(ami);
    // By image ID only: no name or owner filter another account's image could match.
    const found = aws.ec2.getAmiOutput({ filters: [{ name: "image-id", values: [imageId] }] }, { parent });
    return pulumi.all([imageId, found]).apply(([id, image]) => {
        const root = image.blockDeviceMappings.find((m) => m.deviceName === image.rootDeviceName);
        // The provider flattens EBS details to a string map keyed volume_size.
        const ebs = (root?.ebs ?? {}) as Record<string, string>;
        const size = Number(ebs.volume_size ?? ebs.volumeSize);
        if (!root || !Number.isFinite(size)) {
            throw new Error(
                `ami (${ami}): image ${id} has no EBS root volume at ${image.rootDeviceName}; the app needs an EBS-backed image`,
            );
        }
        return { imageId: id, source: ami, rootDeviceName: image.rootDeviceName, rootSnapshotGiB: size };
    });
}

/** A sentence when the root volume is smaller than the image's root snapshot (EC2 refuses to launch it). */
export function checkRootVolumeFitsImage(
    rootVolumeSizeGiB: number,
    image: ResolvedImage,
): string | undefined {
    return rootVolumeSizeGiB < image.rootSnapshotGiB
        ? `rootVolumeSizeGiB (${rootVolumeSizeGiB}) must be >= ${image.rootSnapshotGiB}, the root snapshot size of ${image.imageId} (${image.source}, ${image.rootDeviceName}); raise chatmrpt:rootVolumeSizeGiB`
        : undefined;
}
