/**
 * What every pricer shares while one estimate is made: the stack's records, the price
 * book and usage, the lines written so far, and the account-wide free allowances, which
 * are taken once, by the first resource that uses them (records in registration order).
 */
import { RecordedResource } from "../engine/mockRuntime";
import { CostAlternative, CostLine, PriceBook, RegionPrices, Unpriced, Usage } from "./types";

export const round = (n: number) => Math.round(n * 100) / 100;

export class PricingContext {
    readonly lines: CostLine[] = [];
    readonly alternatives: CostAlternative[] = [];
    readonly unpriced: Unpriced[] = [];
    readonly free: { resource: string; type: string }[] = [];
    readonly hours: number;
    /** The stack's explicit alarms and dashboards, in order: the first ones take the free allowance. */
    readonly alarms: RecordedResource[];
    readonly dashboards: RecordedResource[];
    /** Whether a distribution has already taken CloudFront's always-free allowance. */
    cloudfrontSeen = false;
    egressFreeGbLeft: number;
    /** Free alarms the explicit alarms leave for the ones target tracking creates. */
    alarmsFreeLeft: number;
    logsFreeUsed = 0;
    /** Always-free custom metrics not yet taken (account-wide), and whether a canary has counted the metrics published once for all canaries. */
    customMetricsFreeLeft: number;
    canaryAggregatesSeen = false;
    /** Always-free Lambda GB-seconds not yet taken (account-wide). */
    lambdaFreeGbSecondsLeft: number;
    /** Always-free canary runs not yet taken (account-wide). */
    canaryRunsFreeLeft: number;
    /** Always-free SNS email notifications not yet taken (account-wide). */
    snsEmailsFreeLeft: number;

    constructor(
        readonly records: RecordedResource[],
        readonly prices: PriceBook,
        readonly usage: Usage,
    ) {
        this.hours = prices.hoursPerMonth;
        this.alarms = records.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
        this.dashboards = records.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
        this.egressFreeGbLeft = prices.alwaysFreeTier.internetEgressGb ?? 0;
        this.canaryRunsFreeLeft = prices.alwaysFreeTier.syntheticsCanaryRuns ?? 0;
        this.snsEmailsFreeLeft = prices.alwaysFreeTier.snsEmailNotifications ?? 0;
        this.lambdaFreeGbSecondsLeft = prices.alwaysFreeTier.lambdaGbSeconds ?? 0;
        this.customMetricsFreeLeft = prices.alwaysFreeTier.cloudwatchCustomMetrics ?? 0;
        this.alarmsFreeLeft = Math.max(0, prices.alwaysFreeTier.cloudwatchAlarms - this.alarms.length);
    }

    missing(r: RecordedResource, reason: string): void {
        this.unpriced.push({ resource: r.name, type: r.type, reason });
    }

    markFree(r: RecordedResource): void {
        this.free.push({ resource: r.name, type: r.type });
    }

    /**
     * A priced line at steady state, and with `firstYearQuantity` the first year's average
     * where it differs; a price the book lacks is unpriced, never $NaN or $0.
     */
    line(
        r: RecordedResource,
        item: string,
        quantity: number,
        unit: string,
        unitPriceUsd: number | undefined,
        firstYearQuantity?: number,
    ): void {
        if (typeof unitPriceUsd !== "number" || !Number.isFinite(unitPriceUsd) || !Number.isFinite(quantity))
            this.missing(r, `no price for ${item} in ${r.region}`);
        else
            this.lines.push({
                resource: r.name,
                type: r.type,
                item,
                quantity,
                unit,
                unitPriceUsd,
                monthlyUsd: round(quantity * unitPriceUsd),
                // Only where the cents differ: a figure that grows below a cent does not change a total.
                ...(firstYearQuantity === undefined ||
                round(firstYearQuantity * unitPriceUsd) === round(quantity * unitPriceUsd)
                    ? {}
                    : { firstYearMonthlyUsd: round(firstYearQuantity * unitPriceUsd) }),
            });
    }

    /** A price of the resource's region, or undefined when the book has none there. */
    regional<K extends keyof RegionPrices>(r: RecordedResource, key: K): RegionPrices[K] | undefined {
        return this.prices.regions[r.region]?.[key];
    }
}

/** Prices one resource of a type (writes lines, unpriced items or free marks on the context). */
export type Pricer = (r: RecordedResource, ctx: PricingContext) => void;
