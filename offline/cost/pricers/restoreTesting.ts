/**
 * AWS Backup restore testing, priced by its schedule: each run starts one restore job per
 * selected volume (billed per job), and each restored volume is billed as EBS while it
 * lives (restoring, the validation window, deletion).
 */
import { RecordedResource } from "../../engine/mockRuntime";
import { Pricer, PricingContext } from "../context";
import { awsCronRuns, ScheduleRuns } from "../schedule";
import { launchTemplateOf } from "./compute";

const PLAN = "aws:backup/restoreTestingPlan:RestoreTestingPlan";
const SELECTION = "aws:backup/restoreTestingSelection:RestoreTestingSelection";

interface Volume {
    readonly sizeGb: number;
    readonly volumeType: string;
    /** How many of them exist (instances of the group that launches them). */
    readonly count: number;
}

/** A selection's plan: by name after an up; in a preview, by the engine's dependency. */
function planOf(selection: RecordedResource, records: RecordedResource[]): RecordedResource | undefined {
    const name = selection.inputs.restoreTestingPlanName;
    return records.find(
        (x) =>
            x.type === PLAN &&
            ((name !== undefined && (x.outputs.name ?? x.inputs.name) === name) ||
                (selection.propertyDependencies.restoreTestingPlanName ?? []).includes(x.urn)),
    );
}

/** The runs a month of a plan's schedule, or why they cannot be counted. */
function runsOf(plan: RecordedResource): ScheduleRuns | { problem: string } {
    const expression = plan.inputs.scheduleExpression;
    // AWS Backup's default when no expression is given (CreateRestoreTestingPlan, ScheduleExpression).
    return awsCronRuns(typeof expression === "string" ? expression : "cron(0 5 ? * * *)");
}

interface TagCondition {
    key?: string;
    value?: string;
}

/**
 * The stack's EBS volumes a selection picks: those a launch template tags so that every
 * condition holds, times the instances of the groups launching them. Explicit ARNs name
 * volumes the stack does not describe, so they cannot be sized.
 */
function selectedVolumes(selection: RecordedResource, records: RecordedResource[]): Volume[] | string {
    const p = selection.inputs;
    if (p.protectedResourceType !== "EBS")
        return `restore tests of ${String(p.protectedResourceType)} resources are not priced (only EBS)`;
    const arns = (p.protectedResourceArns ?? []) as unknown[];
    if (!(arns.length === 1 && arns[0] === "*"))
        return "a selection by explicit ARNs names volumes the stack does not describe: they cannot be sized";
    const tagOf = (c: TagCondition) => String(c.key ?? "").replace(/^aws:ResourceTag\//, "");
    const equals = (p.protectedResourceConditions?.stringEquals ?? []) as TagCondition[];
    const notEquals = (p.protectedResourceConditions?.stringNotEquals ?? []) as TagCondition[];
    const volumes: Volume[] = [];
    for (const lt of records.filter((x) => x.type === "aws:ec2/launchTemplate:LaunchTemplate")) {
        const specs = (lt.inputs.tagSpecifications ?? []) as { resourceType?: string; tags?: object }[];
        const tags = (specs.find((s) => s.resourceType === "volume")?.tags ?? {}) as Record<string, unknown>;
        const picked =
            equals.every((c) => tags[tagOf(c)] === c.value) &&
            notEquals.every((c) => tags[tagOf(c)] !== c.value);
        if (!picked) continue;
        const instances = records
            .filter((g) => g.type === "aws:autoscaling/group:Group" && launchTemplateOf(g, records) === lt)
            .reduce((n, g) => n + Number(g.inputs.desiredCapacity ?? g.inputs.minSize ?? 0), 0);
        for (const m of (lt.inputs.blockDeviceMappings ?? []) as {
            ebs?: { volumeSize?: number; volumeType?: string };
        }[]) {
            if (typeof m.ebs?.volumeSize !== "number")
                return "a tagged volume has no size in its launch template";
            volumes.push({
                sizeGb: m.ebs.volumeSize,
                volumeType: m.ebs.volumeType ?? "gp2",
                count: instances,
            });
        }
    }
    return volumes;
}

const count = (volumes: Volume[]) => volumes.reduce((n, v) => n + v.count, 0);
const perMonth = (runs: ScheduleRuns) =>
    `${+runs.runsPerMonth.toFixed(2)} runs/month${runs.note ? `; ${runs.note}` : ""}`;

/**
 * The plan bills one restore job per selected volume per run: "each time a testing plan runs,
 * one eligible recovery point per protected resource in selection is restored" (AWS Backup
 * restore testing guide, Recovery point determination). Volumes of instances replaced within
 * the selection window would add jobs; the count is the group's desired capacity.
 */
const restoreTestingPlan: Pricer = (r, ctx) => {
    const runs = runsOf(r);
    if ("problem" in runs) {
        ctx.missing(r, runs.problem);
        return;
    }
    let jobsPerRun = 0;
    for (const s of ctx.records.filter((x) => x.type === SELECTION && planOf(x, ctx.records) === r)) {
        const volumes = selectedVolumes(s, ctx.records);
        if (typeof volumes === "string") {
            ctx.missing(r, `cannot count the restore jobs of ${s.name}: ${volumes}`);
            return;
        }
        jobsPerRun += count(volumes);
    }
    // No per-job rate could be sourced offline: the stated conservative rate in prices.json
    // (backupRestoreTestJobAssumed) is used and named, never $0.
    ctx.line(
        r,
        `restore test jobs (${r.inputs.scheduleExpression}: ${perMonth(runs)} × ${jobsPerRun} volume(s); assumed rate, not a sourced price)`,
        runs.runsPerMonth * jobsPerRun,
        "jobs",
        ctx.regional(r, "backupRestoreTestJobAssumed"),
    );
};

/** The restored volumes, billed as EBS from the restore until AWS Backup deletes them. */
const restoreTestingSelection: Pricer = (r, ctx) => {
    const plan = planOf(r, ctx.records);
    const volumes = selectedVolumes(r, ctx.records);
    const hoursOutside = ctx.usage.restoreTestRestoreHours;
    if (!plan) return ctx.missing(r, "its restore testing plan is not in the stack");
    if (typeof volumes === "string") return ctx.missing(r, volumes);
    if (hoursOutside === undefined)
        return ctx.missing(r, "no restore test usage (restoreTestRestoreHours: hours to restore and delete)");
    const runs = runsOf(plan);
    if ("problem" in runs) return ctx.missing(r, runs.problem);
    const hoursEach = hoursOutside + Number(r.inputs.validationWindowHours ?? 0);
    for (const v of volumes) restoredVolumeLine(ctx, r, v, runs, hoursEach);
    if (volumes.length === 0)
        ctx.line(r, "EBS volumes restored by tests (no volume of the stack is selected)", 0, "GB-months", 0);
};

function restoredVolumeLine(
    ctx: PricingContext,
    r: RecordedResource,
    v: Volume,
    runs: ScheduleRuns,
    hoursEach: number,
): void {
    ctx.line(
        r,
        `EBS ${v.volumeType} volumes restored by tests (${v.count} × ${v.sizeGb} GB, ${hoursEach} h each, ${perMonth(runs)})`,
        (runs.runsPerMonth * v.count * v.sizeGb * hoursEach) / ctx.hours,
        "GB-months",
        ctx.regional(r, "ebsGbMonthByVolumeType")?.[v.volumeType],
    );
}

export const RESTORE_TESTING_PRICERS: Record<string, Pricer> = {
    [PLAN]: restoreTestingPlan,
    [SELECTION]: restoreTestingSelection,
};
