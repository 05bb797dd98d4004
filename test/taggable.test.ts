import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { GENERATED_FILE, renderTaggableTable } from "../offline/taggable/generate";
import { evaluatePolicies } from "../offline/policy/evaluate";
import { BASE_POLICIES } from "../policies/pack";
import { isTaggable } from "../policies/taggable";
import { recordedResource, ROOT } from "./helpers";

describe("taggable types", () => {
    it("the committed table is what @pulumi/aws's type definitions give (npm run taggable regenerates it)", () => {
        const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
        assert.strictEqual(
            fs.readFileSync(path.join(ROOT, GENERATED_FILE), "utf8"),
            renderTaggableTable(awsDir),
        );
    });
    it("follows the Args: tags on groups, rule resources, buckets; none on legacy rules, bucket helpers, WAF associations", () => {
        for (const t of [
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:s3/bucket:Bucket",
            "aws:autoscaling/group:Group",
        ]) {
            assert.strictEqual(isTaggable(t), true, t);
        }
        for (const t of [
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws:wafv2/webAclAssociation:WebAclAssociation",
            "aws:kms/alias:Alias",
            "pulumi:providers:aws",
            "pulumi:pulumi:Stack",
            "chatmrpt:web:WebTier",
        ]) {
            assert.strictEqual(isTaggable(t), false, t);
        }
    });
    it("required-tags no longer flags the former false positives", async () => {
        const requiredTags = BASE_POLICIES.find((p) => p.name === "required-tags")!;
        const resources = [
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:wafv2/webAclAssociation:WebAclAssociation",
        ].map((type, i) => recordedResource(type, `r${i}`, {}, { outputs: {} }));
        const { violations } = await evaluatePolicies([requiredTags], resources, {
            defaultRegion: "us-east-2",
            project: "chatmrpt",
            stack: "prod",
        });
        assert.deepStrictEqual(violations, []);
    });
});
