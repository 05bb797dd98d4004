// CloudFront: global ARNs (no region), E-prefixed IDs and ETags, the cloudfront.net domain.
import { MOCK_ACCOUNT_ID, OutputFiller, uuidOf } from "./context";

const globalArn = (kind: string, id: string) => `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:${kind}/${id}`;
const etagOf = (h: string, from: number) => `E${h.slice(from, from + 13).toUpperCase()}`;

export const CLOUDFRONT_OUTPUTS: Record<string, OutputFiller> = {
    "aws:cloudfront/distribution:Distribution": ({ out, h, importId }) => {
        const id = importId ?? `E${h.slice(0, 13).toUpperCase()}`;
        out.arn = globalArn("distribution", id);
        out.domainName = `d${h.slice(0, 13)}.cloudfront.net`;
        out.hostedZoneId = "Z2FDTNDATAQYW2";
        return id;
    },
    "aws:cloudfront/vpcOrigin:VpcOrigin": ({ out, h }) => {
        // IDs look like vo_JQEa410sssUFoY6wMkx69j (the provider's import example).
        const id = `vo_${Buffer.from(h, "hex")
            .toString("base64")
            .replace(/[^A-Za-z0-9]/g, "")
            .slice(0, 22)}`;
        out.arn = globalArn("vpcorigin", id);
        out.etag = etagOf(h, 13);
        return id;
    },
    "aws:cloudfront/function:Function": ({ out, inputs, h, resourceName }) => {
        // Functions are addressed by name; the ARN has no region.
        out.arn = globalArn("function", resourceName);
        out.etag = etagOf(h, 0);
        out.liveStageEtag = inputs.publish === false ? "" : out.etag;
        out.status = "UNASSOCIATED";
        return resourceName;
    },
    "aws:cloudfront/keyValueStore:KeyValueStore": ({ out, h, resourceName }) => {
        out.arn = globalArn("key-value-store", uuidOf(h));
        out.etag = etagOf(h, 13);
        out.lastModifiedTime = "2026-01-01T00:00:00Z";
        return resourceName;
    },
    "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey": ({ out, inputs }) => {
        out.totalSizeInBytes = Buffer.byteLength(`${inputs.key}${inputs.value}`, "utf8");
        // The provider's import ID: store ARN and key, separated by a comma.
        return `${inputs.keyValueStoreArn},${inputs.key}`;
    },
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": ({ h }) => uuidOf(h),
};
