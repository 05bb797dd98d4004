/**
 * The data sources the program reads (invokes), answered as the mocked account would: a
 * fixed set of images and SSM parameters, CloudFront's VPC-origin security group once a
 * VPC origin exists, and the caller identity. Anything else throws, so a new data-source
 * call cannot pass unnoticed with an invented answer.
 */
import { MOCK_ACCOUNT_ID, Props, shortHash } from "./outputs";

/** The security group AWS creates in a VPC with its first CloudFront VPC origin (CloudFront Developer Guide). */
export const VPC_ORIGIN_SERVICE_SG_NAME = "CloudFront-VPCOrigins-Service-SG";

/** One image as `aws.ec2.getAmi` returns it (EBS details flattened to a string map, as the provider does). */
export interface MockImage {
    readonly name: string;
    readonly rootDeviceName: string;
    readonly rootSnapshotGiB: number;
}

/** The image a run with stand-ins uses for an AMI offline cannot see: the one prod's parameter holds. */
export const STAND_IN_IMAGE_ID = "ami-0a1b2c3d4e5f60718";

/**
 * The images the mocked account can see, by ID: tests add or change entries to vary the
 * image (a Ubuntu root at /dev/sda1, a bigger snapshot). The default is the staging image.
 */
export const MOCK_IMAGES: Record<string, MockImage> = {
    // The app image published to /chatmrpt/prod/app-ami-id (Amazon Linux 2023 based).
    [STAND_IN_IMAGE_ID]: { name: "chatmrpt-app-2026-11-30", rootDeviceName: "/dev/xvda", rootSnapshotGiB: 8 },
    // The image before it, the one a rollback pins.
    "ami-0123456789abcdef0": {
        name: "chatmrpt-app-2026-11-16",
        rootDeviceName: "/dev/xvda",
        rootSnapshotGiB: 8,
    },
    // An Ubuntu-based build: root at /dev/sda1.
    "ami-0fedcba9876543210": {
        name: "chatmrpt-app-ubuntu-2026-11-20",
        rootDeviceName: "/dev/sda1",
        rootSnapshotGiB: 20,
    },
};

/** String parameters in the mocked account's SSM Parameter Store (tests may change them). */
export const MOCK_SSM_PARAMETERS: Record<string, string> = {
    "/chatmrpt/prod/app-ami-id": STAND_IN_IMAGE_ID,
};

/** What the account holds that the program did not create, as invokes see it. */
export interface InvokeContext {
    /** VPCs in which a CloudFront VPC origin exists (so AWS has created its service security group). */
    readonly vpcsWithVpcOrigins: ReadonlySet<string>;
    /**
     * Set by the CLIs (plan, policy): an AMI parameter or image the mocked account lacks is
     * answered with {@link STAND_IN_IMAGE_ID}'s image and a note added here, since only AWS can
     * say what it holds. Unset (tests): answered as AWS answers a missing one, with an error.
     */
    readonly standIns?: string[];
}

const standInImage = MOCK_IMAGES[STAND_IN_IMAGE_ID];
const standInText =
    `stand-in image ${STAND_IN_IMAGE_ID} (${standInImage.name}: root ${standInImage.rootDeviceName}, ` +
    `${standInImage.rootSnapshotGiB} GiB snapshot)`;

function note(context: InvokeContext, text: string): void {
    if (!context.standIns?.includes(text)) context.standIns?.push(text);
}

function imageIdOf(args: Props): string | undefined {
    const filters = Array.isArray(args.filters)
        ? (args.filters as { name?: unknown; values?: unknown }[])
        : [];
    const values = filters.find((f) => f.name === "image-id")?.values;
    return Array.isArray(values) && values.length === 1 && typeof values[0] === "string"
        ? values[0]
        : undefined;
}

function mockAmi(args: Props, region: string, context: InvokeContext): Props {
    const id = imageIdOf(args);
    let image = id === undefined ? undefined : MOCK_IMAGES[id];
    if (id !== undefined && !image && context.standIns) {
        note(
            context,
            `chatmrpt:ami ${id} needs AWS to look up: the plan takes its root device and snapshot size from the ` +
                `${standInText}; pulumi preview reads the real image and checks chatmrpt:rootVolumeSizeGiB against it`,
        );
        image = standInImage;
    }
    // What the provider says when DescribeImages finds nothing.
    if (!id || !image)
        throw new Error(`Your query returned no results. Please change your search criteria and try again.`);
    const snapshot = `snap-${shortHash(id).slice(0, 17)}`;
    return {
        id,
        imageId: id,
        arn: `arn:aws:ec2:${region}::image/${id}`,
        name: image.name,
        architecture: "x86_64",
        ownerId: MOCK_ACCOUNT_ID,
        imageOwnerAlias: "",
        public: false,
        state: "available",
        rootDeviceType: "ebs",
        rootDeviceName: image.rootDeviceName,
        rootSnapshotId: snapshot,
        virtualizationType: "hvm",
        enaSupport: true,
        blockDeviceMappings: [
            {
                deviceName: image.rootDeviceName,
                ebs: {
                    delete_on_termination: "true",
                    encrypted: "false",
                    iops: "3000",
                    snapshot_id: snapshot,
                    throughput: "125",
                    volume_size: `${image.rootSnapshotGiB}`,
                    volume_type: "gp3",
                },
                noDevice: "",
                virtualName: "",
            },
        ],
        filters: args.filters,
        tags: {},
    };
}

function mockParameter(args: Props, region: string, context: InvokeContext): Props {
    const name = `${args.name}`;
    let value = MOCK_SSM_PARAMETERS[name];
    if (value === undefined && context.standIns) {
        note(
            context,
            `chatmrpt:ami ssm:${name} needs AWS to read: the plan uses the ${standInText}; ` +
                "pulumi preview reads the parameter and checks the image it names",
        );
        value = STAND_IN_IMAGE_ID;
    }
    // SSM's error for a missing parameter, as the provider reports it.
    if (value === undefined) throw new Error(`reading SSM Parameter (${name}): ParameterNotFound`);
    return {
        id: name,
        name,
        arn: `arn:aws:ssm:${region}:${MOCK_ACCOUNT_ID}:parameter${name}`,
        type: "String",
        value,
        insecureValue: value,
        version: 1,
        withDecryption: args.withDecryption ?? true,
    };
}

/**
 * Answers the invokes this program makes, and only those: anything else throws,
 * so a new data-source call cannot pass unnoticed with an invented answer.
 */
export function mockInvoke(
    token: string,
    args: Props,
    region: string,
    context: InvokeContext = { vpcsWithVpcOrigins: new Set() },
): Props {
    switch (token) {
        case "aws:ec2/getSecurityGroup:getSecurityGroup": {
            if (args.name !== VPC_ORIGIN_SERVICE_SG_NAME || typeof args.vpcId !== "string") break;
            // The group appears only once a VPC origin exists in the VPC; before, the lookup
            // fails as the provider's does when nothing matches.
            if (!context.vpcsWithVpcOrigins.has(args.vpcId))
                throw new Error("no matching EC2 Security Group found");
            const id = `sg-${shortHash("vpc-origin-sg", args.vpcId).slice(0, 17)}`;
            return {
                id,
                name: args.name,
                vpcId: args.vpcId,
                arn: `arn:aws:ec2:${region}:${MOCK_ACCOUNT_ID}:security-group/${id}`,
                description: "CloudFront VPC origins service security group",
                tags: {},
                filters: undefined,
            };
        }
        case "aws:ssm/getParameter:getParameter":
            return mockParameter(args, region, context);
        case "aws:ec2/getAmi:getAmi":
            return mockAmi(args, region, context);
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`,
                id: MOCK_ACCOUNT_ID,
                userId: "AIDAMOCK",
            };
    }
    throw new Error(`Mock not implemented: ${token} ${JSON.stringify(args)}`);
}
