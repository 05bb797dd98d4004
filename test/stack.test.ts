import * as assert from "assert";
import { mockInvoke, OfflineRun } from "../offline/engine/mockRuntime";
import { declaredTags, isTaggable } from "../policies/taggable";
import { countByType, runProdOk } from "./helpers";

describe("the prod stack as a whole", () => {
    let run: OfflineRun<unknown>;
    before(async () => {
        run = await runProdOk();
    });

    it("runs under strict mocks: an invoke nobody mocked throws", () => {
        assert.throws(() => mockInvoke("aws:ec2/getVpc:getVpc", { default: true }, "us-east-2"), {
            message: 'Mock not implemented: aws:ec2/getVpc:getVpc {"default":true}',
        });
        // A mocked data source still refuses what AWS would not find.
        assert.throws(
            () => mockInvoke("aws:ec2/getAmi:getAmi", { mostRecent: true }, "us-east-2"),
            /Your query returned no results/,
        );
        assert.throws(
            () =>
                mockInvoke(
                    "aws:ec2/getSecurityGroup:getSecurityGroup",
                    { name: "default", vpcId: "vpc-1" },
                    "us-east-2",
                ),
            /Mock not implemented/,
        );
        // AWS creates CloudFront's group with the VPC's first VPC origin; before that the lookup fails.
        assert.throws(
            () =>
                mockInvoke(
                    "aws:ec2/getSecurityGroup:getSecurityGroup",
                    { name: "CloudFront-VPCOrigins-Service-SG", vpcId: "vpc-1" },
                    "us-east-2",
                ),
            { message: "no matching EC2 Security Group found" },
        );
        assert.match(
            String(
                mockInvoke(
                    "aws:ec2/getSecurityGroup:getSecurityGroup",
                    { name: "CloudFront-VPCOrigins-Service-SG", vpcId: "vpc-1" },
                    "us-east-2",
                    { vpcsWithVpcOrigins: new Set(["vpc-1"]) },
                ).id,
            ),
            /^sg-[0-9a-f]{17}$/,
        );
    });

    it("tags every taggable resource with Project, Environment and ManagedBy", () => {
        const untagged = run.resources
            .filter((r) => isTaggable(r.type) && r.custom)
            .filter((r) => {
                const tags = declaredTags(r.type, r.inputs);
                return (
                    tags.Project !== "chatmrpt" || tags.Environment !== "prod" || tags.ManagedBy !== "pulumi"
                );
            });
        assert.deepStrictEqual(
            untagged.map((r) => r.name),
            [],
        );
    });

    it("propagates the tags to instances from the Auto Scaling group", () => {
        const asg = run.resources.find((r) => r.type === "aws:autoscaling/group:Group")!;
        for (const tag of asg.inputs.tags) assert.strictEqual(tag.propagateAtLaunch, true, tag.key);
    });

    it("has every component register its outputs", () => {
        const components = run.resources.filter((r) => !r.custom);
        assert.ok(components.length >= 6);
        const silent = components.filter((c) => (run.outputsRegistered.get(c.urn) ?? []).length === 0);
        assert.deepStrictEqual(
            silent.map((c) => c.name),
            [],
        );
    });

    it("parents every child to a component and names it from the component", () => {
        const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
        const orphans = run.resources.filter((r) => r.parent === undefined).map((r) => r.type);
        assert.deepStrictEqual(orphans, ["pulumi:pulumi:Stack"]);
        // Straight under the Stack: only the components and the us-east-1 provider, no loose AWS resource.
        const underStack = run.resources
            .filter((r) => r.parent !== undefined && byUrn.get(r.parent)?.type === "pulumi:pulumi:Stack")
            .filter((r) => r.custom && r.type !== "pulumi:providers:aws")
            .map((r) => `${r.type} ${r.name}`);
        assert.deepStrictEqual(underStack, []);
        let checked = 0;
        for (const r of run.resources) {
            const parent = r.parent ? byUrn.get(r.parent) : undefined;
            if (!parent || parent.type === "pulumi:pulumi:Stack") continue;
            assert.ok(r.name.startsWith(`${parent.name}-`), `${r.name} is not named from ${parent.name}`);
            checked++;
        }
        assert.ok(checked > 100, `${checked} children checked`);
    });

    it("has exactly these resources", () => {
        const { ["pulumi:pulumi:Stack"]: stack, ...counts } = countByType(run);
        assert.strictEqual(stack, 1);
        assert.deepStrictEqual(counts, EXPECTED_PROD_COUNTS);
    });

    it("exports what an operator needs, with the Redis endpoint as a secret", async () => {
        assert.match(String(run.outputs!.cloudFrontDomain), /^d[0-9a-f]+\.cloudfront\.net$/);
        assert.strictEqual(run.outputs!.siteUrl, `https://${run.outputs!.cloudFrontDomain}`);
        assert.match(String(run.outputs!.albDnsName), /^internal-.*\.us-east-2\.elb\.amazonaws\.com$/);
        const result = run.result as { redisEndpoint: { isSecret: Promise<boolean> } };
        assert.strictEqual(await result.redisEndpoint.isSecret, true);
    });
});

/** The prod stack's resources by type. A change here is a change a reviewer should see. */
export const EXPECTED_PROD_COUNTS: Record<string, number> = {
    "aws:autoscaling/group:Group": 1,
    "aws:autoscaling/policy:Policy": 2,
    "aws:backup/plan:Plan": 1,
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": 1,
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": 1,
    "aws:backup/selection:Selection": 2,
    "aws:backup/vault:Vault": 1,
    "aws:cloudfront/distribution:Distribution": 1,
    "aws:cloudfront/vpcOrigin:VpcOrigin": 1,
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": 1,
    "aws:cloudwatch/dashboard:Dashboard": 1,
    "aws:cloudwatch/eventRule:EventRule": 1,
    "aws:cloudwatch/eventTarget:EventTarget": 1,
    "aws:cloudwatch/logGroup:LogGroup": 2,
    "aws:cloudwatch/metricAlarm:MetricAlarm": 25,
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
    "aws:ec2/eip:Eip": 1,
    "aws:ec2/internetGateway:InternetGateway": 1,
    "aws:ec2/launchTemplate:LaunchTemplate": 1,
    "aws:ec2/natGateway:NatGateway": 1,
    "aws:ec2/routeTable:RouteTable": 2,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
    "aws:ec2/securityGroup:SecurityGroup": 3,
    "aws:ec2/subnet:Subnet": 4,
    "aws:ec2/vpc:Vpc": 1,
    "aws:ec2/vpcEndpoint:VpcEndpoint": 1,
    "aws:elasticache/parameterGroup:ParameterGroup": 1,
    "aws:elasticache/replicationGroup:ReplicationGroup": 1,
    "aws:elasticache/subnetGroup:SubnetGroup": 1,
    "aws:iam/instanceProfile:InstanceProfile": 1,
    "aws:iam/role:Role": 3,
    "aws:iam/rolePolicy:RolePolicy": 3,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 5,
    "aws:kms/key:Key": 1,
    "aws:lb/listener:Listener": 1,
    "aws:lb/loadBalancer:LoadBalancer": 1,
    "aws:lb/targetGroup:TargetGroup": 1,
    "aws:s3/bucket:Bucket": 3,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 3,
    "aws:s3/bucketLogging:BucketLogging": 1,
    "aws:s3/bucketObjectv2:BucketObjectv2": 1,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 3,
    "aws:s3/bucketPolicy:BucketPolicy": 3,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 3,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 3,
    "aws:s3/bucketVersioning:BucketVersioning": 2,
    "aws:sns/topic:Topic": 3,
    "aws:sns/topicPolicy:TopicPolicy": 1,
    "aws:sns/topicSubscription:TopicSubscription": 3,
    "aws:ssm/parameter:Parameter": 1,
    "aws:synthetics/canary:Canary": 1,
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 3,
    "aws:wafv2/webAcl:WebAcl": 1,
    "chatmrpt:backup:Backups": 1,
    "chatmrpt:cache:Cache": 1,
    "chatmrpt:cdn:Cdn": 1,
    "chatmrpt:logs:AppLogs": 1,
    "chatmrpt:monitoring:EndpointCanary": 1,
    "chatmrpt:monitoring:Monitoring": 1,
    "chatmrpt:network:Network": 1,
    "chatmrpt:storage:SecureBucket": 3,
    "chatmrpt:waf:WebAcl": 1,
    "chatmrpt:web:WebTier": 1,
    "pulumi:providers:aws": 1,
};
