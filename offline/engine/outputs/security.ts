// Identity and protection: IAM roles and instance profiles, KMS keys, WAF web ACLs.
import { MOCK_ACCOUNT_ID, OutputFiller, uuidOf } from "./context";

export const SECURITY_OUTPUTS: Record<string, OutputFiller> = {
    "aws:iam/role:Role": ({ out, resourceName }) => {
        out.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${resourceName}`;
        return resourceName;
    },
    "aws:iam/instanceProfile:InstanceProfile": ({ out, resourceName }) => {
        out.arn = `arn:aws:iam::${MOCK_ACCOUNT_ID}:instance-profile/${resourceName}`;
        return resourceName;
    },
    "aws:kms/key:Key": ({ out, h, arn }) => {
        const id = uuidOf(h);
        out.arn = `${arn("kms")}:key/${id}`;
        out.keyId = id;
        return id;
    },
    "aws:wafv2/webAcl:WebAcl": ({ out, inputs, region, h, resourceName }) => {
        // CLOUDFRONT scope lives in us-east-1 under "global".
        const aclId = uuidOf(h);
        const scope = inputs.scope === "CLOUDFRONT" ? "global" : "regional";
        out.arn = `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${scope}/webacl/${resourceName}/${aclId}`;
        out.capacity = 0;
        return aclId;
    },
};
