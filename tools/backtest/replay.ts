/**
 * Reads the JSON that `aws cloudwatch get-metric-data` prints, so a user's own traffic can be
 * replayed through the stack's alarms. Each result is matched to a metric by its `Label`, which
 * the queries file written by `metricDataQueries` sets to the metric's key
 * (`AWS/SES Send ses:configuration-set=marketing`); a bare metric name (`Send`) is read as the
 * metric of the one configuration set being replayed.
 */
import { EvaluableAlarm, metricKey, MetricSeries } from "./evaluation";
import { CONFIGURATION_SET_DIMENSION, SES_NAMESPACE } from "../../components/shared/catalog";

export interface ReplayData {
    series: Map<string, MetricSeries>;
    start: number;
    end: number;
    /** Labels that matched no metric of the alarms, for the user to fix. */
    unmatched: string[];
}

/** The `--metric-data-queries` file that fetches every metric the alarms read, labelled for replay. */
export function metricDataQueries(alarms: Pick<EvaluableAlarm, "queries">[], periodSeconds = 60): unknown[] {
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

/**
 * How far a replay may reach: CloudWatch keeps 1-hour datapoints for 455 days (CloudWatch
 * concepts, "Metrics retention"), so a longer file is not an export of one account's metrics. It
 * also bounds the per-minute grid the evaluator allocates.
 */
export const MAX_REPLAY_DAYS = 455;

/** An ISO 8601 timestamp with a date, a time and an offset (`Z` or `+hh:mm`), as the AWS CLI prints. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Reads and checks a metrics file: every problem names the file, and the series and point where it is. */
export function readMetricDataFile(file: string, text: string, knownKeys: Set<string>, configurationSet?: string): ReplayData {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (err) {
        throw new Error(`metrics file ${file}: not valid JSON (${(err as Error).message})`);
    }
    try {
        return parseMetricData(json, knownKeys, configurationSet);
    } catch (err) {
        throw new Error(`metrics file ${file}: ${(err as Error).message.replace(/^metrics file: /, "")}`);
    }
}

function resultsOf(json: unknown): { result: Record<string, unknown>; where: string }[] {
    // One get-metric-data answer, or a list of them (one per page of a paginated fetch).
    const pages = Array.isArray(json) ? json : [json];
    if (pages.length === 0) throw new Error("metrics file: an empty list, expected the JSON of `aws cloudwatch get-metric-data`");
    const out: { result: Record<string, unknown>; where: string }[] = [];
    pages.forEach((page, p) => {
        const where = Array.isArray(json) ? `page ${p + 1}` : "the answer";
        const results = (page as { MetricDataResults?: unknown } | null)?.MetricDataResults;
        if (page === null || typeof page !== "object" || !Array.isArray(results)) {
            throw new Error(`metrics file: ${where} is not the JSON of \`aws cloudwatch get-metric-data\` (an object with MetricDataResults)`);
        }
        // A NextToken means CloudWatch has more pages: a replay of the first alone would miss data
        // and report quiet periods that were not (the AWS CLI follows tokens unless told not to).
        const token = (page as { NextToken?: unknown }).NextToken;
        if (token !== undefined && token !== null && token !== "") {
            throw new Error(`metrics file: ${where} has a NextToken: more pages exist; fetch them all (aws cloudwatch get-metric-data without --max-items or --no-paginate) and give the pages as one list`);
        }
        results.forEach((result, i) => {
            if (result === null || typeof result !== "object" || Array.isArray(result)) throw new Error(`metrics file: ${where}, result ${i + 1} is not an object`);
            out.push({ result: result as Record<string, unknown>, where: `${where}, result ${i + 1}` });
        });
    });
    return out;
}

export function parseMetricData(json: unknown, knownKeys: Set<string>, configurationSet?: string): ReplayData {
    const points = new Map<string, { label: string; list: [number, number][] }>();
    const unmatched: string[] = [];
    let start = Infinity;
    let end = -Infinity;
    for (const { result, where } of resultsOf(json)) {
        const rawLabel = result.Label ?? result.Id;
        if (typeof rawLabel !== "string" || rawLabel === "") throw new Error(`metrics file: ${where} has no Label (or Id) naming its metric`);
        const label = rawLabel;
        let key = label;
        if (!knownKeys.has(key) && configurationSet !== undefined && /^[A-Za-z.]+$/.test(label)) {
            key = metricKey({ namespace: SES_NAMESPACE, metricName: label, dimensions: { [CONFIGURATION_SET_DIMENSION]: configurationSet } });
        }
        if (!knownKeys.has(key)) {
            unmatched.push(label);
            continue;
        }
        const status = result.StatusCode;
        if (status === "PartialData") {
            throw new Error(`metrics file: series ${label} (${where}) has StatusCode "PartialData": CloudWatch had more datapoints than it returned; fetch the rest (every page) before replaying`);
        }
        if (status !== undefined && status !== "Complete") {
            throw new Error(`metrics file: series ${label} (${where}) has StatusCode ${JSON.stringify(status)}: its data did not arrive`);
        }
        const timestamps = result.Timestamps ?? [];
        const values = result.Values ?? [];
        if (!Array.isArray(timestamps) || !Array.isArray(values)) throw new Error(`metrics file: series ${label} (${where}): Timestamps and Values must be lists`);
        if (timestamps.length !== values.length) throw new Error(`metrics file: series ${label} (${where}) has ${timestamps.length} timestamps and ${values.length} values`);
        const entry = points.get(key) ?? { label, list: [] };
        let direction = 0;
        let previous = NaN;
        for (let i = 0; i < timestamps.length; i++) {
            const at = `series ${label} (${where}), point ${i + 1}`;
            const stamp = timestamps[i];
            if (typeof stamp !== "string" || !ISO_WITH_OFFSET.test(stamp)) {
                throw new Error(`metrics file: ${at}: timestamp ${JSON.stringify(stamp)} is not an ISO 8601 time with an offset (e.g. 2026-03-02T04:00:00Z); a time without one would be read in this machine's zone`);
            }
            const t = Date.parse(stamp) / 1000;
            if (!Number.isFinite(t)) throw new Error(`metrics file: ${at}: timestamp ${JSON.stringify(stamp)} is not a real time`);
            const v = values[i];
            if (typeof v !== "number") throw new Error(`metrics file: ${at} (${stamp}): value ${JSON.stringify(v)} is not a number`);
            if (!Number.isFinite(v) || v < 0) throw new Error(`metrics file: ${at} (${stamp}): value ${v} is not a count or rate (negative or not finite)`);
            if (i > 0) {
                const step = Math.sign(t - previous);
                if (step === 0) throw new Error(`metrics file: ${at}: timestamp ${stamp} repeats the point before it`);
                if (direction !== 0 && step !== direction) throw new Error(`metrics file: ${at}: timestamp ${stamp} is out of order (get-metric-data lists a series newest or oldest first, never mixed)`);
                direction = step;
            }
            previous = t;
            entry.list.push([t, v]);
            if (t < start) start = t;
            if (t > end) end = t;
        }
        points.set(key, entry);
    }
    const series = new Map<string, MetricSeries>();
    for (const [key, { label, list }] of points) {
        // get-metric-data returns newest first by default; pages of one series arrive in turn.
        list.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < list.length; i++) {
            if (list[i][0] === list[i - 1][0]) {
                throw new Error(`metrics file: series ${label} has timestamp ${new Date(list[i][0] * 1000).toISOString()} twice (is a page in the file twice?)`);
            }
        }
        if (list.length === 0 && /(^| )Send( |$)/.test(key)) {
            throw new Error(`metrics file: series ${label} is empty: with no Send datapoint no rate alarm can be replayed`);
        }
        series.set(key, { timestamps: list.map((p) => p[0]), values: list.map((p) => p[1]) });
    }
    if (series.size === 0) throw new Error(`metrics file: no result matched a metric of the alarms (labels: ${unmatched.join(", ") || "none"})`);
    if (!Number.isFinite(start)) throw new Error("metrics file: every matched series is empty: nothing to replay");
    if (end - start > MAX_REPLAY_DAYS * 86_400) {
        throw new Error(`metrics file: spans ${Math.round((end - start) / 86_400)} days (${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}), more than the ${MAX_REPLAY_DAYS} days CloudWatch keeps`);
    }
    return { series, start, end, unmatched };
}
