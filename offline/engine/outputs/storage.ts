// Where data lives: S3 buckets and objects, ElastiCache replication groups, SSM parameters.
import { OutputFiller } from "./context";

function bucket({ out, region }: Parameters<OutputFiller>[0]): string {
    out.arn = `arn:aws:s3:::${out.bucket}`;
    out.bucketDomainName = `${out.bucket}.s3.amazonaws.com`;
    out.bucketRegionalDomainName = `${out.bucket}.s3.${region}.amazonaws.com`;
    return `${out.bucket}`;
}

export const STORAGE_OUTPUTS: Record<string, OutputFiller> = {
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketV2:BucketV2": bucket,
    "aws:s3/bucketObjectv2:BucketObjectv2": ({ out, inputs, h }) => {
        out.versionId = h.slice(0, 32);
        out.etag = h.slice(0, 32);
        return `${inputs.bucket}/${inputs.key}`;
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": ({ out, inputs, region, h, arn }) => {
        const rg = `${out.replicationGroupId}`;
        out.arn = `${arn("elasticache")}:replicationgroup:${rg}`;
        const clusters = typeof inputs.numCacheClusters === "number" ? inputs.numCacheClusters : 1;
        out.memberClusters = Array.from({ length: clusters }, (_, i) => `${rg}-00${i + 1}`);
        const regionCode = region.replace(/^(\w\w)-(\w)\w*-(\d)$/, "$1$2$3");
        out.primaryEndpointAddress = `master.${rg}.${h.slice(0, 6)}.${regionCode}.cache.amazonaws.com`;
        out.readerEndpointAddress = `replica.${rg}.${h.slice(0, 6)}.${regionCode}.cache.amazonaws.com`;
        return rg;
    },
    "aws:ssm/parameter:Parameter": ({ out, inputs, arn }) => {
        out.arn = `${arn("ssm")}:parameter${inputs.name}`;
        return `${inputs.name}`;
    },
    // The document's ID is its name (the provider's Read is DescribeDocument by name).
    "aws:ssm/document:Document": ({ out, arn }) => {
        out.arn = `${arn("ssm")}:document/${out.name}`;
        return `${out.name}`;
    },
};
