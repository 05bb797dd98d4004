/**
 * Drop-in alternatives to what a stack registers, each priced by re-running the cost
 * model on the same records with one thing changed (never by hand), so an option's
 * total moves with the prices and usage the plan itself uses.
 */
import { RecordedResource } from "../engine/mockRuntime";
import { estimateCost, PriceBook, Usage } from "./costModel";

export interface CheaperOption {
    readonly name: string;
    /** What has to change besides the config value. */
    readonly note: string;
    /** Where the deciding price comes from. */
    readonly source: string;
    /** Monthly total with the option, or undefined when it cannot be priced. */
    readonly totalUsd?: number;
    /** Base total minus the option's total. */
    readonly savingUsd?: number;
    /** Why it has no total. */
    readonly unpricedReason?: string;
}

type Mutation = (r: RecordedResource) => RecordedResource;

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/** A launch template with another instance family of the same size (`t3.large` → `t4g.large`). */
function instanceFamily(family: string): Mutation {
    return (r) =>
        r.type !== LAUNCH_TEMPLATE || typeof r.inputs.instanceType !== "string"
            ? r
            : {
                  ...r,
                  inputs: { ...r.inputs, instanceType: `${family}.${r.inputs.instanceType.split(".")[1]}` },
              };
}

const valkey: Mutation = (r) =>
    r.type !== REPLICATION_GROUP ? r : { ...r, inputs: { ...r.inputs, engine: "valkey" } };

const round = (n: number) => Math.round(n * 100) / 100;

/** The options the plan lists, with their totals under `prices` and `usage`. */
export function cheaperOptions(
    records: RecordedResource[],
    prices: PriceBook,
    usage: Usage,
): CheaperOption[] {
    const base = estimateCost(records, prices, usage);
    const baseUnpriced = new Set(base.unpriced.map((u) => `${u.resource}|${u.reason}`));
    const priced = (
        name: string,
        note: string,
        source: string,
        ...mutations: Mutation[]
    ): CheaperOption | undefined => {
        const changed = records.map((r) => mutations.reduce((acc, m) => m(acc), r));
        // What the stack already runs is no option (t3a instances on a t3a stack).
        if (changed.every((r, i) => JSON.stringify(r.inputs) === JSON.stringify(records[i].inputs)))
            return undefined;
        const estimate = estimateCost(changed, prices, usage);
        // A price the option needs and the book lacks: no total rather than a wrong one.
        const gap = estimate.unpriced.find((u) => !baseUnpriced.has(`${u.resource}|${u.reason}`));
        if (gap) return { name, note, source, unpricedReason: `${gap.resource}: ${gap.reason}` };
        return {
            name,
            note,
            source,
            totalUsd: estimate.totalUsd,
            savingUsd: round(base.totalUsd - estimate.totalUsd),
        };
    };
    // The page a price was taken from (its source entry up to the first colon).
    const src = (key: string) => (prices.sources?.[key] ?? "prices.json").split(": ")[0];
    // A savings plan changes the rate, not the resources: re-run the model with those rates.
    const appTypes = [
        ...new Set(
            records.filter((r) => r.type === LAUNCH_TEMPLATE).map((r) => String(r.inputs.instanceType)),
        ),
    ];
    const savingsPlan = (): CheaperOption => {
        const name = "1-year Compute Savings Plan on the app instances";
        const note = "a one-year commitment to the instance-hours, not a config change";
        const source = src("computeSavingsPlan1yHourlyByInstanceType");
        const regions = Object.fromEntries(
            Object.entries(prices.regions).map(([region, p]) => [
                region,
                {
                    ...p,
                    ec2HourlyByInstanceType: {
                        ...(p.ec2HourlyByInstanceType ?? {}),
                        ...(p.computeSavingsPlan1yHourlyByInstanceType ?? {}),
                    },
                },
            ]),
        );
        const missingRate = appTypes.filter(
            (t) =>
                !Object.values(prices.regions).some(
                    (p) => p.computeSavingsPlan1yHourlyByInstanceType?.[t] !== undefined,
                ),
        );
        if (appTypes.length === 0 || missingRate.length > 0)
            return {
                name,
                note,
                source,
                unpricedReason: `no sourced 1-year rate for ${missingRate.join(", ") || "the app instance type"}`,
            };
        const total = estimateCost(records, { ...prices, regions }, usage).totalUsd;
        return { name, note, source, totalUsd: total, savingUsd: round(base.totalUsd - total) };
    };

    const options = [
        priced(
            "t3a.large app instances (AMD)",
            "same x86 image; chatmrpt:instanceType t3a.large",
            "aws.amazon.com/ec2/pricing/on-demand",
            instanceFamily("t3a"),
        ),
        priced(
            "t4g.large app instances (Graviton)",
            "needs an arm64 image of the app (chatmrpt:ami), and t4g among the families chatmrpt:instanceType accepts (it refuses t4g today, so an x86 image cannot land on Graviton)",
            src("t4g.*"),
            instanceFamily("t4g"),
        ),
        priced(
            "Valkey cache nodes",
            "chatmrpt:redisEngine valkey: same node type, clients and endpoint (an existing group upgrades in place)",
            src("elasticacheValkeyHourlyByNodeType"),
            valkey,
        ),
        priced(
            "t4g.large app instances and Valkey cache nodes",
            "both of the above",
            `${src("t4g.*")}, ${src("elasticacheValkeyHourlyByNodeType")}`,
            instanceFamily("t4g"),
            valkey,
        ),
        savingsPlan(),
    ];
    return options.filter((o): o is CheaperOption => o !== undefined);
}
