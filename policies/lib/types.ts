import { plain } from "./known";

/**
 * Type tokens a resource can come under. AWS resources registered through an alias
 * module (`aws:alb/...` is the older name of `aws:lb/...`) must be matched too, or a
 * rule is bypassed by choosing the other class.
 */
export const T = {
    loadBalancer: [
        "aws:lb/loadBalancer:LoadBalancer",
        "aws:alb/loadBalancer:LoadBalancer",
        "aws:applicationloadbalancing/loadBalancer:LoadBalancer",
        "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
    ],
    listener: [
        "aws:lb/listener:Listener",
        "aws:alb/listener:Listener",
        "aws:applicationloadbalancing/listener:Listener",
        "aws:elasticloadbalancingv2/listener:Listener",
    ],
    listenerRule: [
        "aws:lb/listenerRule:ListenerRule",
        "aws:alb/listenerRule:ListenerRule",
        "aws:applicationloadbalancing/listenerRule:ListenerRule",
        "aws:elasticloadbalancingv2/listenerRule:ListenerRule",
    ],
    classicLoadBalancer: [
        "aws:elb/loadBalancer:LoadBalancer",
        "aws:elasticloadbalancing/loadBalancer:LoadBalancer",
    ],
    targetGroup: [
        "aws:lb/targetGroup:TargetGroup",
        "aws:alb/targetGroup:TargetGroup",
        "aws:applicationloadbalancing/targetGroup:TargetGroup",
        "aws:elasticloadbalancingv2/targetGroup:TargetGroup",
    ],
    distribution: ["aws:cloudfront/distribution:Distribution"],
    vpcOrigin: ["aws:cloudfront/vpcOrigin:VpcOrigin"],
    cloudfrontFunction: ["aws:cloudfront/function:Function"],
    replicationGroup: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    cacheCluster: ["aws:elasticache/cluster:Cluster"],
    autoScalingGroup: ["aws:autoscaling/group:Group"],
    launchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
    launchConfiguration: ["aws:ec2/launchConfiguration:LaunchConfiguration"],
    instance: ["aws:ec2/instance:Instance"],
    spotInstanceRequest: ["aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    spotFleetRequest: ["aws:ec2/spotFleetRequest:SpotFleetRequest"],
    ec2Fleet: ["aws:ec2/fleet:Fleet"],
    networkInterface: ["aws:ec2/networkInterface:NetworkInterface"],
    networkInterfaceSgAttachment: [
        "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment",
    ],
    eip: ["aws:ec2/eip:Eip"],
    eipAssociation: ["aws:ec2/eipAssociation:EipAssociation"],
    vpc: ["aws:ec2/vpc:Vpc"],
    defaultSecurityGroup: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    volume: ["aws:ebs/volume:Volume"],
    securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
    ingressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    egressRule: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    legacyRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
    alarm: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    compositeAlarm: ["aws:cloudwatch/compositeAlarm:CompositeAlarm"],
    topic: ["aws:sns/topic:Topic"],
    topicSubscription: ["aws:sns/topicSubscription:TopicSubscription"],
    scalingPolicy: ["aws:autoscaling/policy:Policy", "aws:appautoscaling/policy:Policy"],
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    bucketPublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    accountPublicAccessBlock: ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    bucketVersioning: [
        "aws:s3/bucketVersioning:BucketVersioning",
        "aws:s3/bucketVersioningV2:BucketVersioningV2",
    ],
    backupVault: ["aws:backup/vault:Vault"],
    backupPlan: ["aws:backup/plan:Plan"],
    backupSelection: ["aws:backup/selection:Selection"],
    kmsKey: ["aws:kms/key:Key"],
    rdsInstance: ["aws:rds/instance:Instance"],
    rdsCluster: ["aws:rds/cluster:Cluster"],
    rdsClusterInstance: ["aws:rds/clusterInstance:ClusterInstance"],
    taskDefinition: ["aws:ecs/taskDefinition:TaskDefinition"],
    lambdaFunction: ["aws:lambda/function:Function"],
    iamInlinePolicy: [
        "aws:iam/policy:Policy",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy",
    ],
    iamRole: ["aws:iam/role:Role"],
    iamPolicyAttachment: [
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
    ],
    webAcl: ["aws:wafv2/webAcl:WebAcl"],
    webAclRule: ["aws:wafv2/webAclRule:WebAclRule"],
    webAclRuleGroupAssociation: ["aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation"],
    canary: ["aws:synthetics/canary:Canary"],
} as const;

/** True when `type` is one of `tokens`. */
export function isOneOf(type: string, tokens: readonly string[]): boolean {
    return tokens.includes(type);
}

/** A value as text for violation messages (`unset` for undefined; never throws, unknowns shown as [unknown]). */
export function show(value: unknown): string {
    if (value === undefined || value === null) return "unset";
    const p = plain(value);
    return typeof p === "string" ? p : (JSON.stringify(p) ?? String(p));
}

/** A policy resource's display name. */
export function label(r: { name: string; type: string }): string {
    return `${r.name} (${r.type.split(":").pop()})`;
}
