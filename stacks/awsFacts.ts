/**
 * What exists in AWS, kept here with where each list came from, so config values AWS
 * would refuse are rejected before anything is created. Lists are taken from a source
 * (the provider's enums, AWS's API reference), never made up as family × size products.
 */
import { CACHE_NODE_VCPUS_BY_SIZE } from "../components/monitoring";
import { Region } from "@pulumi/aws/types/enums";
import { InstanceType } from "@pulumi/aws/types/enums/ec2";

/** Every EC2 instance type the pinned @pulumi/aws (its `ec2.InstanceType` enum) knows. */
export const EC2_INSTANCE_TYPES: ReadonlySet<string> = new Set(Object.values(InstanceType) as string[]);

/** Every region the pinned @pulumi/aws (its `Region` enum) knows. */
export const AWS_REGIONS: ReadonlySet<string> = new Set(Object.values(Region) as string[]);

/**
 * ElastiCache node types for Valkey and Redis OSS, current generation, from the
 * ElastiCache API reference (CacheNode: "The following node types are supported by
 * ElastiCache"), with the vCPUs of each size (those of the EC2 type it runs on).
 */
export const CACHE_NODE_TYPES: Readonly<Record<string, number>> = (() => {
    const out: Record<string, number> = {};
    const sizes = CACHE_NODE_VCPUS_BY_SIZE;
    const families: Record<string, string[]> = {
        t3: ["micro", "small", "medium"],
        t4g: ["micro", "small", "medium"],
        m5: ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        m6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
        m7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
        r5: ["large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"],
        r6g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
        r7g: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
    };
    for (const [family, list] of Object.entries(families))
        for (const size of list) out[`cache.${family}.${size}`] = sizes[size];
    return out;
})();

/**
 * Availability-zone letters per region (AWS Regions and Zones, docs.aws.amazon.com/
 * global-infrastructure). AZ names map to physical zones per account, but the letters
 * a region offers are these. A region missing here has its AZs rejected as unknown
 * rather than guessed: add it, with its letters, to use it.
 */
export const AZ_LETTERS_BY_REGION: Readonly<Record<string, string>> = {
    "us-east-1": "abcdef",
    "us-east-2": "abc",
    "us-west-1": "abc",
    "us-west-2": "abcd",
    "ca-central-1": "abd",
    "eu-west-1": "abc",
    "eu-west-2": "abc",
    "eu-west-3": "abc",
    "eu-central-1": "abc",
    "eu-north-1": "abc",
    "ap-southeast-1": "abc",
    "ap-southeast-2": "abc",
    "ap-northeast-1": "acd",
    "ap-south-1": "abc",
    "sa-east-1": "abc",
};

/** Tags AWS allows on one resource (EC2, ELB, ElastiCache, S3, CloudFront, ACM, SNS, CloudWatch, Backup, SSM, KMS all take 50). */
export const MAX_TAGS_PER_RESOURCE = 50;
