import { PolicyResource } from "@pulumi/policy";
import { isOneOf, T } from "./types";

/** One metric an alarm watches (alarms on metric math contribute each queried metric). */
export interface WatchedMetric {
    readonly namespace?: string;
    readonly metricName?: string;
    readonly dimensions: Record<string, unknown>;
}

export function watchedMetrics(alarm: PolicyResource): WatchedMetric[] {
    const p = alarm.props;
    const metrics: WatchedMetric[] = [];
    if (p.metricName) metrics.push({ namespace: p.namespace, metricName: p.metricName, dimensions: p.dimensions ?? {} });
    for (const q of (p.metricQueries ?? []) as any[]) {
        if (q.metric) metrics.push({ namespace: q.metric.namespace, metricName: q.metric.metricName, dimensions: q.metric.dimensions ?? {} });
    }
    return metrics;
}

/** The region a resource is created in: its own `region` argument, else its provider's. */
export function regionOf(r: { props: Record<string, any>; provider?: { props: Record<string, any> } }): string | undefined {
    return r.props.region ?? r.provider?.props.region;
}

export function alarmsOf(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => isOneOf(r.type, T.alarm));
}
