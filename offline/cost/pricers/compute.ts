/** The app instances: an Auto Scaling group's instances, their CPU credits and volumes. */
import { BURSTABLE_BASELINES } from "../../../components/webTier";
import { RecordedResource } from "../../engine/mockRuntime";
import { Pricer, PricingContext } from "../context";

interface BlockDevice {
    deviceName?: string;
    ebs?: { volumeType?: string; volumeSize?: number };
}

/** The group's launch template: by ID after an up; by the engine's property dependency in a preview, where a new template's ID is unknown. */
export function launchTemplateOf(
    group: RecordedResource,
    records: RecordedResource[],
): RecordedResource | undefined {
    return records.find(
        (x) =>
            x.type === "aws:ec2/launchTemplate:LaunchTemplate" &&
            (x.id === group.inputs.launchTemplate?.id ||
                (x.id === "" && (group.propertyDependencies.launchTemplate ?? []).includes(x.urn))),
    );
}

/**
 * Surplus CPU credits of burstable instances. In unlimited mode (T3's default) the group's
 * CPU target-tracking policy holds the average at or below its target, so the worst
 * sustained surplus is (target − baseline) × vCPUs per instance-hour; standard mode has none.
 */
function cpuCreditLine(
    ctx: PricingContext,
    group: RecordedResource,
    lt: RecordedResource,
    count: number,
): void {
    const type = lt.inputs.instanceType as string;
    const burst = BURSTABLE_BASELINES[type];
    if (!burst) return;
    const mode = (lt.inputs.creditSpecification?.cpuCredits as string | undefined) ?? "unlimited";
    if (mode === "standard") {
        ctx.line(
            group,
            `CPU credits: standard (held at the ${burst.baselinePercent} % baseline, no surplus charge)`,
            0,
            "vCPU-hours",
            0,
        );
        return;
    }
    const price = ctx.regional(group, "burstableSurplusVcpuHourByFamily")?.[type.split(".")[0]];
    const policy = ctx.records.find(
        (x) =>
            x.type === "aws:autoscaling/policy:Policy" &&
            x.inputs.autoscalingGroupName === group.outputs.name &&
            x.inputs.targetTrackingConfiguration?.predefinedMetricSpecification?.predefinedMetricType ===
                "ASGAverageCPUUtilization",
    );
    const target = policy?.inputs.targetTrackingConfiguration?.targetValue as number | undefined;
    if (price === undefined) {
        ctx.missing(group, `no surplus CPU credit price for ${type} in ${group.region}`);
        return;
    }
    if (target === undefined) {
        ctx.missing(
            group,
            `${type} in unlimited mode with no CPU target-tracking policy: surplus credits are unbounded`,
        );
        return;
    }
    const surplusPercent = Math.max(0, target - burst.baselinePercent);
    ctx.line(
        group,
        `CPU credits: unlimited, surplus at the ${target} % CPU target (baseline ${burst.baselinePercent} %) × ${count}`,
        (surplusPercent / 100) * burst.vcpus * count * ctx.hours,
        "vCPU-hours",
        price,
    );
}

const autoScalingGroup: Pricer = (r, ctx) => {
    const lt = launchTemplateOf(r, ctx.records);
    if (!lt) {
        ctx.missing(r, "its launch template is not in the stack");
        return;
    }
    const count = (r.inputs.desiredCapacity ?? r.inputs.minSize ?? 0) as number;
    const type = lt.inputs.instanceType as string;
    const hourly = ctx.regional(r, "ec2HourlyByInstanceType")?.[type];
    if (hourly === undefined) ctx.missing(r, `no EC2 price for ${type} in ${r.region}`);
    else ctx.line(r, `EC2 ${type} × ${count}`, count * ctx.hours, "instance-hours", hourly);
    cpuCreditLine(ctx, r, lt, count);
    for (const m of (lt.inputs.blockDeviceMappings ?? []) as BlockDevice[]) {
        const volumeType = m.ebs?.volumeType ?? "gp2";
        const gb = m.ebs?.volumeSize;
        const price = ctx.regional(r, "ebsGbMonthByVolumeType")?.[volumeType];
        if (gb === undefined || price === undefined)
            ctx.missing(r, `no EBS price or size for ${m.deviceName} (${volumeType})`);
        else ctx.line(r, `EBS ${volumeType} ${gb} GB × ${count}`, gb * count, "GB-months", price);
    }
};

export const COMPUTE_PRICERS: Record<string, Pricer> = {
    "aws:autoscaling/group:Group": autoScalingGroup,
};
