/**
 * What each widget of a dashboard body would show over a window of replayed traffic: the body's
 * own metrics (namespace, name, dimensions, statistic, period) aggregated as CloudWatch does
 * (tools/backtest/evaluation.ts `aggregate`), its expressions evaluated with the module's metric
 * math (components/shared/metricMath.ts), and the Metrics Insights top-N queries of a large
 * stack's dashboard ranked over the replayed sets. Pure: the dashboard body JSON and the
 * traffic's series in, plain numbers out.
 */
import { Expr, evaluateSeries, parseExpression, referencedIds } from "../../components/shared/metricMath";
import { CONFIGURATION_SET_DIMENSION, SES_NAMESPACE } from "../../components/shared/catalog";
import { aggregate, alignDown, metricKey, MetricSeries } from "../backtest/evaluation";

/** One widget of a CloudWatch dashboard body, as `dashboard.json` holds it. */
export interface BodyWidget {
    type: string;
    x: number;
    y: number;
    width: number;
    height: number;
    properties: Record<string, unknown>;
}

export interface DashboardBody {
    widgets: BodyWidget[];
}

/** A query of a metric widget, read from its `metrics` array. */
export interface WidgetQueryRead {
    id: string;
    label: string;
    visible: boolean;
    /** A metric read, or an expression (metric math or a Metrics Insights query). */
    metric?: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string; periodSeconds: number };
    expression?: string;
}

/** One line of a graph, or one number of a single-value widget. */
export interface WidgetSeriesData {
    label: string;
    /** Period starts (epoch seconds) and values; NaN: no datapoint. */
    times: number[];
    values: number[];
}

export interface WidgetData {
    series: WidgetSeriesData[];
    /** Visible queries the traffic cannot fill, by label. */
    notReplayed: string[];
}

/**
 * Reads a widget's `metrics` array: `[namespace, name, dimension, value, ..., { options }]` for a
 * metric, `[{ expression, label, id }]` for an expression (CloudWatch dashboard body structure,
 * "metrics"); a metric's period and statistic default to the widget's.
 */
export function widgetQueries(properties: Record<string, unknown>): WidgetQueryRead[] {
    const metrics = (properties.metrics ?? []) as unknown[][];
    return metrics.map((entry, i) => {
        const last = entry[entry.length - 1];
        const options = (last !== null && typeof last === "object" ? last : {}) as Record<string, unknown>;
        const id = typeof options.id === "string" ? options.id : `m${i + 1}`;
        const visible = options.visible !== false;
        if (typeof options.expression === "string") {
            return { id, label: String(options.label ?? options.expression), visible, expression: options.expression };
        }
        const parts = entry.filter((p) => typeof p === "string") as string[];
        const [namespace, metricName, ...dims] = parts;
        const dimensions: Record<string, string> = {};
        for (let d = 0; d + 1 < dims.length; d += 2) dimensions[dims[d]] = dims[d + 1];
        return {
            id,
            label: String(options.label ?? metricName),
            visible,
            metric: {
                namespace,
                metricName,
                dimensions,
                stat: String(options.stat ?? properties.stat ?? "Average"),
                periodSeconds: Number(options.period ?? properties.period ?? 300),
            },
        };
    });
}

/**
 * A Metrics Insights top-N query of the form the dashboard's large-stack widgets use:
 * `SELECT SUM(<metric>) FROM SCHEMA("AWS/SES", "ses:configuration-set") GROUP BY ... ORDER BY SUM() DESC LIMIT <n>`.
 */
const TOP_N_QUERY = /^SELECT SUM\(([A-Za-z.]+)\) FROM SCHEMA\("([^"]+)", "([^"]+)"\) GROUP BY "([^"]+)" ORDER BY SUM\(\) DESC LIMIT (\d+)$/;

/** The datapoints before `end`: at the window's end, a period still open holds only what has happened. */
function until(series: MetricSeries, end: number): MetricSeries {
    const { timestamps, values } = series;
    let lo = 0;
    let hi = timestamps.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (timestamps[mid] < end) lo = mid + 1;
        else hi = mid;
    }
    if (lo === timestamps.length) return series;
    const cut = <T extends ArrayLike<number>>(a: T) => ((a as unknown as Float64Array).subarray ? (a as unknown as Float64Array).subarray(0, lo) : Array.from(a).slice(0, lo));
    return { timestamps: cut(timestamps), values: cut(values) };
}

/**
 * The series of one widget over [start, end): one per visible query. A metric the traffic does not
 * hold, or an expression the module's metric math cannot evaluate (`ANOMALY_DETECTION_BAND`),
 * is listed in `notReplayed` instead of drawn as zero.
 */
export function widgetData(widget: BodyWidget, series: Map<string, MetricSeries>, start: number, end: number, sets: string[]): WidgetData {
    const props = widget.properties;
    const queries = widgetQueries(props);
    const wholeRange = props.setPeriodToTimeRange === true;
    const out: WidgetData = { series: [], notReplayed: [] };
    const columns: Record<string, Float64Array> = {};
    // Every query of a widget shares one grid: the widget's period (CloudWatch draws each metric at
    // its own period; the module's widgets give every query the widget's).
    const period = wholeRange ? end - start : Number(props.period ?? queries.find((q) => q.metric)?.metric?.periodSeconds ?? 300);
    const first = wholeRange ? start : alignDown(start, period);
    const count = Math.max(1, Math.ceil((end - first) / period));
    const times = Array.from({ length: count }, (_, i) => first + i * period);
    const missing = new Set<string>();
    for (const q of queries) {
        if (!q.metric) continue;
        const s = series.get(metricKey(q.metric));
        if (!s) {
            missing.add(q.id);
            columns[q.id] = new Float64Array(count).fill(NaN);
            continue;
        }
        columns[q.id] = aggregate(until(s, end), q.metric.stat, first, period, count);
    }
    for (const q of queries) {
        if (q.expression === undefined) continue;
        const top = TOP_N_QUERY.exec(q.expression);
        if (top) {
            const [, metricName, namespace, dimension, , limit] = top;
            const ranked = sets.map((set) => {
                const s = series.get(metricKey({ namespace, metricName, dimensions: { [dimension]: set } }));
                const values = s ? aggregate(until(s, end), "Sum", first, period, count) : new Float64Array(count).fill(NaN);
                const total = values.reduce((n, v) => n + (Number.isNaN(v) ? 0 : v), 0);
                return { set, values, total };
            }).filter((r) => r.total > 0).sort((a, b) => b.total - a.total || a.set.localeCompare(b.set)).slice(0, Number(limit));
            if (q.visible) for (const r of ranked) out.series.push({ label: r.set, times, values: Array.from(r.values) });
            if (ranked.length === 0 && q.visible) out.notReplayed.push(q.label);
            continue;
        }
        let expr: Expr;
        try {
            expr = parseExpression(q.expression);
        } catch {
            missing.add(q.id);
            continue;
        }
        const refs = referencedIds(expr);
        if (refs.some((r) => missing.has(r) || !(r in columns))) {
            missing.add(q.id);
            continue;
        }
        const v = evaluateSeries(expr, columns, count);
        for (let i = 0; i < count; i++) if (!Number.isFinite(v[i])) v[i] = NaN;
        columns[q.id] = v;
    }
    for (const q of queries) {
        if (!q.visible || (q.expression !== undefined && TOP_N_QUERY.test(q.expression))) continue;
        if (missing.has(q.id) || !columns[q.id]) {
            out.notReplayed.push(q.label);
            continue;
        }
        out.series.push({ label: q.label, times, values: Array.from(columns[q.id]) });
    }
    return out;
}

/** The configuration sets a Metrics Insights query may rank: those of the replayed traffic. */
export function setsInTraffic(series: Map<string, MetricSeries>): string[] {
    const prefix = `${SES_NAMESPACE} Send ${CONFIGURATION_SET_DIMENSION}=`;
    return [...series.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
