/**
 * Type tokens a resource can come under. AWS resources registered through an alias
 * module (`aws:alb/...` is the older name of `aws:lb/...`) must be matched too, or a
 * rule is bypassed by choosing the other class.
 */
export const T = {
    loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    targetGroup: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
    distribution: ["aws:cloudfront/distribution:Distribution"],
    vpcOrigin: ["aws:cloudfront/vpcOrigin:VpcOrigin"],
    replicationGroup: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    cacheCluster: ["aws:elasticache/cluster:Cluster"],
    autoScalingGroup: ["aws:autoscaling/group:Group"],
    launchTemplate: ["aws:ec2/launchTemplate:LaunchTemplate"],
    launchConfiguration: ["aws:ec2/launchConfiguration:LaunchConfiguration"],
    instance: ["aws:ec2/instance:Instance"],
    volume: ["aws:ebs/volume:Volume"],
    securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
    ingressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    egressRule: ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"],
    legacyRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
    alarm: ["aws:cloudwatch/metricAlarm:MetricAlarm"],
    topic: ["aws:sns/topic:Topic"],
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    bucketVersioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    backupVault: ["aws:backup/vault:Vault"],
    backupPlan: ["aws:backup/plan:Plan"],
    backupSelection: ["aws:backup/selection:Selection"],
} as const;

/** True when `type` is one of `tokens`. */
export function isOneOf(type: string, tokens: readonly string[]): boolean {
    return tokens.includes(type);
}

/** A value as text for violation messages (`unset` for undefined). */
export function show(value: unknown): string {
    if (value === undefined || value === null) return "unset";
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** A policy resource's display name. */
export function label(r: { name: string; type: string }): string {
    return `${r.name} (${r.type.split(":").pop()})`;
}
