/** The web tier: launch template (EC2), load balancer (ELBv2), Auto Scaling and IAM. */
import { TAGS, Target, TypeMapping } from "./types";

/** Each key sent as the member of the same (Pascal-case) name under `prefix`. */
function under(prefix: string, keys: string[]): Record<string, string> {
    return Object.fromEntries(keys.map((k) => [k, `${prefix}.${k[0].toUpperCase()}${k.slice(1)}`]));
}

/** An ELBv2 attribute: sent as `Attributes[] = {Key: attribute, Value: String(value)}`. */
function elbAttribute(operation: string, attribute: string): Target {
    return { to: `elbv2:${operation} Attributes`, form: "attribute", attribute };
}
const lbAttribute = (a: string) => elbAttribute("ModifyLoadBalancerAttributes", a);
const tgAttribute = (a: string) => elbAttribute("ModifyTargetGroupAttributes", a);

export const WEB: Record<string, TypeMapping> = {
    "aws:ec2/launchTemplate:LaunchTemplate": {
        // The same data goes in every new version (CreateLaunchTemplateVersion) on update.
        operations: ["ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion"],
        send: {
            name: "LaunchTemplateName",
            description: "VersionDescription",
            tags: { to: "TagSpecifications[].Tags", form: "entries" },
            ...under("LaunchTemplateData", [
                "blockDeviceMappings",
                "creditSpecification",
                "iamInstanceProfile",
                "imageId",
                "instanceType",
                "metadataOptions",
                "networkInterfaces",
                "userData",
                "instanceInitiatedShutdownBehavior",
                "keyName",
                "monitoring",
                "placement",
                "ebsOptimized",
                "disableApiTermination",
                "disableApiStop",
            ]),
            vpcSecurityGroupIds: "LaunchTemplateData.SecurityGroupIds",
            tagSpecifications: "LaunchTemplateData.TagSpecifications",
            "tagSpecifications[].tags": {
                to: "LaunchTemplateData.TagSpecifications[].Tags",
                form: "entries",
            },
            // A network interface's security groups are its Groups.
            "networkInterfaces[].securityGroups": "LaunchTemplateData.NetworkInterfaces[].Groups",
        },
        notSent: {
            updateDefaultVersion: "provider-only: sets DefaultVersion to the version it just created",
        },
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        operations: ["elbv2:CreateLoadBalancer"],
        send: {
            loadBalancerType: "Type",
            tags: TAGS,
            "accessLogs.bucket": lbAttribute("access_logs.s3.bucket"),
            "accessLogs.enabled": lbAttribute("access_logs.s3.enabled"),
            "accessLogs.prefix": lbAttribute("access_logs.s3.prefix"),
            dropInvalidHeaderFields: lbAttribute("routing.http.drop_invalid_header_fields.enabled"),
            enableDeletionProtection: lbAttribute("deletion_protection.enabled"),
            idleTimeout: lbAttribute("idle_timeout.timeout_seconds"),
            enableHttp2: lbAttribute("routing.http2.enabled"),
            desyncMitigationMode: lbAttribute("routing.http.desync_mitigation_mode"),
        },
        notSent: {
            internal:
                "a boolean the provider sends as Scheme internal or internet-facing (an enum it always satisfies)",
        },
    },
    "aws:lb/targetGroup:TargetGroup": {
        operations: ["elbv2:CreateTargetGroup"],
        send: {
            tags: TAGS,
            // The health check block is flattened into HealthCheck* members.
            "healthCheck.enabled": "HealthCheckEnabled",
            "healthCheck.healthyThreshold": "HealthyThresholdCount",
            "healthCheck.unhealthyThreshold": "UnhealthyThresholdCount",
            "healthCheck.interval": "HealthCheckIntervalSeconds",
            "healthCheck.timeout": "HealthCheckTimeoutSeconds",
            "healthCheck.path": "HealthCheckPath",
            "healthCheck.port": "HealthCheckPort",
            "healthCheck.protocol": "HealthCheckProtocol",
            "healthCheck.matcher": "Matcher.HttpCode",
            deregistrationDelay: tgAttribute("deregistration_delay.timeout_seconds"),
            "stickiness.enabled": tgAttribute("stickiness.enabled"),
            "stickiness.type": tgAttribute("stickiness.type"),
            "stickiness.cookieDuration": tgAttribute("stickiness.lb_cookie.duration_seconds"),
            slowStart: tgAttribute("slow_start.duration_seconds"),
            loadBalancingAlgorithmType: tgAttribute("load_balancing.algorithm.type"),
        },
    },
    "aws:lb/listener:Listener": {
        operations: ["elbv2:CreateListener"],
        send: { tags: TAGS, certificateArn: "Certificates[].CertificateArn" },
    },
    "aws:autoscaling/group:Group": {
        operations: ["autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup"],
        send: {
            name: "AutoScalingGroupName",
            // The subnet IDs go as one comma-separated string.
            vpcZoneIdentifiers: { to: "VPCZoneIdentifier", form: "csv" },
            "launchTemplate.id": "LaunchTemplate.LaunchTemplateId",
            "launchTemplate.name": "LaunchTemplate.LaunchTemplateName",
            enabledMetrics: "autoscaling:EnableMetricsCollection Metrics",
            metricsGranularity: "autoscaling:EnableMetricsCollection Granularity",
            instanceRefresh: "autoscaling:StartInstanceRefresh",
            // The provider sends warmup as a number of seconds (a string in Pulumi).
            "instanceRefresh.preferences.instanceWarmup":
                "autoscaling:StartInstanceRefresh Preferences.InstanceWarmup",
        },
        notSent: {
            waitForCapacityTimeout: "provider-only: how long `up` waits for healthy instances",
            minElbCapacity: "provider-only: how many healthy targets `up` waits for",
            waitForElbCapacity: "provider-only: how many healthy targets `up` waits for",
            forceDelete: "a boolean, sent by DeleteAutoScalingGroup",
            "instanceRefresh.triggers": "provider-only: which changes start a refresh",
        },
    },
    "aws:autoscaling/policy:Policy": {
        operations: ["autoscaling:PutScalingPolicy"],
        send: { name: "PolicyName" },
    },
    "aws:iam/role:Role": {
        operations: ["iam:CreateRole"],
        // The trust policy is a JSON document, sent as a string.
        send: { name: "RoleName", assumeRolePolicy: "AssumeRolePolicyDocument", tags: TAGS, path: "Path" },
        notSent: { forceDetachPolicies: "provider-only: detach policies before deleting" },
    },
    "aws:iam/rolePolicy:RolePolicy": {
        operations: ["iam:PutRolePolicy"],
        send: { name: "PolicyName", role: "RoleName", policy: "PolicyDocument" },
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        operations: ["iam:AttachRolePolicy"],
        send: { role: "RoleName" },
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        operations: ["iam:CreateInstanceProfile"],
        send: { name: "InstanceProfileName", role: "iam:AddRoleToInstanceProfile RoleName", tags: TAGS },
    },
};
