import { RecordedProps, RecordedResource } from "../engine/mockRuntime";

/** The settings a reviewer checks, for the kinds that have them; undefined for the rest. */
export function describeResource(r: RecordedResource, all: RecordedResource[]): string | undefined {
    const p = r.inputs;
    switch (r.type) {
        case "aws:autoscaling/group:Group": {
            const lt = all.find(
                (x) => x.type === "aws:ec2/launchTemplate:LaunchTemplate" && x.id === p.launchTemplate?.id,
            );
            return `${lt?.inputs.instanceType ?? "?"} × ${p.desiredCapacity} (min ${p.minSize}, max ${p.maxSize}), ${p.healthCheckType} health checks, grace ${p.healthCheckGracePeriod} s, ${p.instanceRefresh?.strategy ?? "no"} refresh, ${(p.vpcZoneIdentifiers ?? []).length} subnets, creating it waits for ${p.minElbCapacity ?? p.waitForElbCapacity ?? 0} healthy in the target group (${p.waitForCapacityTimeout ?? "10m"})`;
        }
        case "aws:ec2/launchTemplate:LaunchTemplate": {
            const sgs = (p.networkInterfaces ?? []).flatMap(
                (n: RecordedProps) => n.securityGroups ?? [],
            ).length;
            const ebs = (p.blockDeviceMappings ?? [])
                .map(
                    (m: RecordedProps) =>
                        `${m.ebs?.volumeSize} GB ${m.ebs?.volumeType}${m.ebs?.encrypted === "true" ? " encrypted" : " UNENCRYPTED"}`,
                )
                .join(", ");
            const root = (p.blockDeviceMappings ?? []).map((m: RecordedProps) => m.deviceName).join(", ");
            return `${p.instanceType}, IMDS tokens ${p.metadataOptions?.httpTokens ?? "optional"} (hop ${p.metadataOptions?.httpPutResponseHopLimit ?? "?"}), public IP ${(p.networkInterfaces ?? [])[0]?.associatePublicIpAddress ?? "subnet default"}, ${sgs} security group(s), ${ebs}, image ${p.imageId} (root ${root}), CPU credits ${p.creditSpecification?.cpuCredits ?? "type default"}`;
        }
        case "aws:lb/loadBalancer:LoadBalancer":
            return `${p.internal ? "internal" : "internet-facing"}, deletion protection ${p.enableDeletionProtection ? "on" : "OFF"}, drop invalid headers ${p.dropInvalidHeaderFields ? "on" : "OFF"}, access logs ${p.accessLogs?.enabled ? "on" : "OFF"}, idle ${p.idleTimeout ?? 60} s`;
        case "aws:lb/listener:Listener": {
            const action = (p.defaultActions ?? [])[0];
            const what =
                action?.type === "redirect"
                    ? `redirect → ${action.redirect?.protocol}`
                    : action?.type === "fixed-response"
                      ? `default ${action.fixedResponse?.statusCode}`
                      : action?.type;
            return `${p.protocol ?? "HTTP"}:${p.port}${p.sslPolicy ? ` ${p.sslPolicy}` : ""}, ${what}`;
        }
        case "aws:lb/targetGroup:TargetGroup":
            return `${p.protocol}:${p.port}, health check ${p.healthCheck?.path}, drain ${p.deregistrationDelay ?? 300} s, ${p.stickiness?.enabled ? `sticky (${p.stickiness.type}, ${p.stickiness.cookieDuration} s)` : "not sticky"}`;
        case "aws:autoscaling/policy:Policy": {
            const t = p.targetTrackingConfiguration;
            return t
                ? `target tracking ${t.predefinedMetricSpecification?.predefinedMetricType ?? "custom metric"} at ${t.targetValue}`
                : p.policyType;
        }
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            return `${p.nodeType} × ${p.numCacheClusters}${p.multiAzEnabled ? ", Multi-AZ" : ""}, TLS ${p.transitEncryptionEnabled ? "on" : "OFF"}, at rest ${p.atRestEncryptionEnabled ? "encrypted" : "UNENCRYPTED"}, snapshots ${p.snapshotRetentionLimit ?? 0} days${r.protect ? ", protected" : ""}, ${p.engine ?? "redis"} ${p.engineVersion ?? "?"}${p.snapshotName ? `, created from snapshot ${p.snapshotName} (ignored after creation)` : ""}`;
        case "aws:cloudfront/distribution:Distribution": {
            const aliases = (p.aliases ?? []).length > 0 ? p.aliases.join(", ") : "no aliases";
            const cert = p.viewerCertificate?.cloudfrontDefaultCertificate
                ? "default *.cloudfront.net certificate"
                : "custom certificate";
            const origins = (p.origins ?? [])
                .map((o: RecordedProps) =>
                    o.vpcOriginConfig
                        ? `${o.originId} via VPC origin`
                        : `${o.originId} ${o.customOriginConfig?.originProtocolPolicy ?? "s3"} ${(o.customOriginConfig?.originSslProtocols ?? []).join("/")}`.trim(),
                )
                .join("; ");
            const behaviors = [p.defaultCacheBehavior, ...(p.orderedCacheBehaviors ?? [])];
            const routed = behaviors.filter(
                (b: RecordedProps) => (b?.functionAssociations ?? []).length > 0,
            ).length;
            const adopted = r.importId
                ? `adopts ${r.importId} (import${r.protect ? ", protected" : ""}${r.retainOnDelete ? ", retained on delete" : ""}), `
                : "";
            return `${adopted}${aliases}, ${cert}, viewer ${p.viewerCertificate?.minimumProtocolVersion}, origins ${origins}, ${p.httpVersion}${routed ? `, router on ${routed} of ${behaviors.length} behaviors` : ""}`;
        }
        case "aws:cloudfront/function:Function":
            return `${p.runtime}, ${p.publish === false ? "not published" : "published"}, ${(p.keyValueStoreAssociations ?? []).length} key value store(s)`;
        case "aws:cloudfront/keyvaluestoreKey:KeyvaluestoreKey":
            // Only the routing is shown; the other key is the override token.
            return p.key === "activeOrigin" ? `activeOrigin = ${p.value}` : `${p.key} = (hidden)`;
        case "aws:cloudfront/vpcOrigin:VpcOrigin": {
            const c = p.vpcOriginEndpointConfig ?? {};
            const target = all.find((x) => x.outputs.arn !== undefined && x.outputs.arn === c.arn);
            return `${c.originProtocolPolicy}${c.originProtocolPolicy === "https-only" ? ` ${(c.originSslProtocols?.items ?? []).join("/")}` : ""} to ${target?.name ?? c.arn}`;
        }
        case "aws:backup/plan:Plan":
            return ((p.rules ?? []) as RecordedProps[])
                .map(
                    (rule) =>
                        `${rule.ruleName} ${rule.schedule}, keep ${rule.lifecycle?.deleteAfter} days${(rule.copyActions ?? []).length ? ", copied to a second region" : ""}`,
                )
                .join("; ");
        case "aws:s3/bucket:Bucket":
            return `${p.tags?.Purpose ?? "bucket"}${r.protect ? ", protected" : ""}`;
        case "aws:ec2/natGateway:NatGateway":
            return "one NAT gateway";
        case "aws:ec2/vpc:Vpc":
            return p.cidrBlock;
        default:
            return undefined;
    }
}

/** The component a resource belongs to: its top-level ancestor below the stack. */
export function componentOf(
    r: RecordedResource,
    byUrn: Map<string, RecordedResource>,
): RecordedResource | undefined {
    let current: RecordedResource | undefined = r;
    let top: RecordedResource | undefined;
    while (current?.parent) {
        const parent = byUrn.get(current.parent);
        if (!parent || parent.type === "pulumi:pulumi:Stack") break;
        top = parent;
        current = parent;
    }
    return top;
}
