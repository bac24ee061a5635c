/**
 * Reads the JSON that `aws cloudwatch get-metric-data` prints, so a user's own traffic can be
 * replayed through the stack's alarms. Each result is matched to a metric by its `Label`, which
 * the queries file written by `metricDataQueries` sets to the metric's key
 * (`AWS/SES Send ses:configuration-set=marketing`); a bare metric name (`Send`) is read as the
 * metric of the one configuration set being replayed.
 */
import { EvaluableAlarm, metricKey, MetricSeries } from "./evaluation";
import { CONFIGURATION_SET_DIMENSION, SES_NAMESPACE } from "../../components/shared/catalog";

interface MetricDataResult {
    Id?: string;
    Label?: string;
    Timestamps?: string[];
    Values?: number[];
    StatusCode?: string;
}

export interface ReplayData {
    series: Map<string, MetricSeries>;
    start: number;
    end: number;
    /** Labels that matched no metric of the alarms, for the user to fix. */
    unmatched: string[];
    /** Results AWS marked incomplete (PartialData: another page was not fetched). */
    partial: string[];
}

/** The `--metric-data-queries` file that fetches every metric the alarms read, labelled for replay. */
export function metricDataQueries(alarms: EvaluableAlarm[], periodSeconds = 60): unknown[] {
    const seen = new Map<string, { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string }>();
    for (const alarm of alarms) {
        for (const q of alarm.queries) {
            if (q.metric) seen.set(metricKey(q.metric), q.metric);
        }
    }
    return [...seen.entries()].map(([key, m], i) => ({
        Id: `m${i}`,
        Label: key,
        MetricStat: {
            Metric: {
                Namespace: m.namespace,
                MetricName: m.metricName,
                Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: periodSeconds,
            Stat: m.stat,
        },
        ReturnData: true,
    }));
}

function resultsOf(json: unknown): MetricDataResult[] {
    // One get-metric-data answer, or a list of them (one per page of a paginated fetch).
    const pages = Array.isArray(json) ? json : [json];
    const out: MetricDataResult[] = [];
    for (const page of pages) {
        const results = (page as { MetricDataResults?: unknown })?.MetricDataResults;
        if (!Array.isArray(results)) throw new Error("metrics file: expected the JSON of `aws cloudwatch get-metric-data` (an object with MetricDataResults)");
        out.push(...(results as MetricDataResult[]));
    }
    return out;
}

export function parseMetricData(json: unknown, knownKeys: Set<string>, configurationSet?: string): ReplayData {
    const points = new Map<string, [number, number][]>();
    const unmatched: string[] = [];
    const partial: string[] = [];
    let start = Infinity;
    let end = -Infinity;
    for (const result of resultsOf(json)) {
        const label = result.Label ?? result.Id ?? "";
        let key = label;
        if (!knownKeys.has(key) && configurationSet !== undefined && /^[A-Za-z.]+$/.test(label)) {
            key = metricKey({ namespace: SES_NAMESPACE, metricName: label, dimensions: { [CONFIGURATION_SET_DIMENSION]: configurationSet } });
        }
        if (!knownKeys.has(key)) {
            unmatched.push(label);
            continue;
        }
        if (result.StatusCode && result.StatusCode !== "Complete") partial.push(label);
        const timestamps = result.Timestamps ?? [];
        const values = result.Values ?? [];
        if (timestamps.length !== values.length) throw new Error(`metrics file: ${label} has ${timestamps.length} timestamps and ${values.length} values`);
        const list = points.get(key) ?? [];
        for (let i = 0; i < timestamps.length; i++) {
            const t = Date.parse(timestamps[i]) / 1000;
            if (!Number.isFinite(t)) throw new Error(`metrics file: ${label} has timestamp ${JSON.stringify(timestamps[i])}`);
            list.push([t, values[i]]);
            if (t < start) start = t;
            if (t > end) end = t;
        }
        points.set(key, list);
    }
    const series = new Map<string, MetricSeries>();
    for (const [key, list] of points) {
        // get-metric-data returns newest first by default.
        list.sort((a, b) => a[0] - b[0]);
        series.set(key, { timestamps: list.map((p) => p[0]), values: list.map((p) => p[1]) });
    }
    if (series.size === 0) throw new Error(`metrics file: no result matched a metric of the alarms (labels: ${unmatched.join(", ") || "none"})`);
    return { series, start, end, unmatched, partial };
}
