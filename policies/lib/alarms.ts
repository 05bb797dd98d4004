import { PolicyResource } from "@pulumi/policy";
import { elements, peek, peekPath, UNKNOWN } from "./known";
import { T } from "./types";
import { ofType } from "./stackIndex";

/** One metric an alarm watches (alarms on metric math contribute each queried metric). */
export interface WatchedMetric {
    readonly namespace?: string;
    readonly metricName?: string;
    /** Dimension values; {@link UNKNOWN} where a preview does not know them (or the whole map). */
    readonly dimensions: Record<string, unknown> | typeof UNKNOWN;
    /** The resources the dimensions were built from (property dependencies, known in a preview). */
    readonly dependsOn: PolicyResource[];
}

function dims(v: unknown): Record<string, unknown> | typeof UNKNOWN {
    if (v === UNKNOWN) return UNKNOWN;
    if (v === null || typeof v !== "object") return {};
    return Object.fromEntries(Object.keys(v).map((k) => [k, peek(v, k)]));
}

export function watchedMetrics(alarm: PolicyResource): WatchedMetric[] {
    const p = alarm.props;
    const metrics: WatchedMetric[] = [];
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    if (str(peek(p, "metricName"))) {
        metrics.push({
            namespace: str(peek(p, "namespace")),
            metricName: str(peek(p, "metricName")),
            dimensions: dims(peek(p, "dimensions")),
            dependsOn: alarm.propertyDependencies.dimensions ?? [],
        });
    }
    const queries = peek(p, "metricQueries");
    for (const q of queries === UNKNOWN ? [] : elements(queries)) {
        const metric = peek(q, "metric");
        if (metric && metric !== UNKNOWN) {
            metrics.push({
                namespace: str(peek(metric, "namespace")),
                metricName: str(peek(metric, "metricName")),
                dimensions: dims(peekPath(metric, "dimensions")),
                dependsOn: alarm.propertyDependencies.metricQueries ?? [],
            });
        }
    }
    return metrics;
}

/** The region a resource is created in: its own `region` argument, else its provider's. */
export function regionOf(r: {
    props: Record<string, unknown>;
    provider?: { props: Record<string, unknown> };
}): string | undefined {
    const own = peek(r.props, "region");
    if (typeof own === "string") return own;
    const fromProvider = r.provider ? peek(r.provider.props, "region") : undefined;
    return typeof fromProvider === "string" ? fromProvider : undefined;
}

export function alarmsOf(resources: PolicyResource[]): PolicyResource[] {
    return ofType(resources, T.alarm);
}
