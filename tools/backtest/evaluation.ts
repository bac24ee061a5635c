/**
 * Evaluates a CloudWatch metric alarm over time series, offline: the same `AlarmSpec` the component
 * deploys (its metric queries and one returned expression), raw datapoints per metric in, the
 * returned value at every evaluation and the alarm state after it out. The backtest replays
 * synthetic and exported traffic through it; pure, no Pulumi, no AWS calls.
 *
 * When CloudWatch evaluates, and over which window (CloudWatch User Guide):
 * - "Evaluating an alarm" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html):
 *   an alarm with a period of a minute or more is evaluated every minute.
 * - "Alarm evaluation window" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation-window.html;
 *   `EvaluationWindow` of PutMetricAlarm): `SlidingWindow`, the default when unset, advances with
 *   each evaluation, so each minute the periods end at that minute; `WallClockWindow` evaluates
 *   complete periods aligned to clock boundaries (the hour, midnight). The component sets neither
 *   (`@pulumi/aws` 7.48 has no input for it), so every deployed alarm slides: `window: "sliding"`,
 *   the default here. `window: "wall-clock"` models `WallClockWindow` in UTC; its state can only
 *   change when a period completes, so it is evaluated once per period end.
 *
 * The state rules follow "Configuring how CloudWatch alarms treat missing data"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html,
 * "How alarm state is evaluated when data is missing" and "Avoiding premature transitions to
 * alarm state"):
 * - CloudWatch retrieves more datapoints than `evaluationPeriods`: the "evaluation range";
 * - with at least `evaluationPeriods` real datapoints in the range it evaluates the most recent
 *   `evaluationPeriods` real ones and `treatMissingData` plays no part;
 * - with fewer, it fills missing datapoints with the `treatMissingData` result, as few as possible,
 *   keeping every real datapoint of the range however old;
 * - `datapointsToAlarm` or more breaching of the `evaluationPeriods` evaluated -> ALARM, else OK;
 * - premature transitions: with too few datapoints, ALARM anyway when the oldest breaching
 *   datapoint is at least `datapointsToAlarm` periods old and every newer one is breaching or
 *   missing.
 * tests/backtestEvaluation.test.ts encodes every row of the page's two example tables.
 */
import { Datapoint, evaluateSeries, Expr, parseExpression, referencedIds } from "../../components/shared/metricMath";
import type { AlarmQuerySpec } from "../../components/shared/alarmSpecs";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export type TreatMissingData = "missing" | "ignore" | "breaching" | "notBreaching";
/**
 * Where an alarm's window falls: `sliding` (CloudWatch's `SlidingWindow`, the default and what the
 * component deploys) or `wall-clock` (`WallClockWindow`, UTC clock boundaries).
 */
export type EvaluationWindowKind = "sliding" | "wall-clock";
export const EVALUATION_WINDOWS: EvaluationWindowKind[] = ["sliding", "wall-clock"];

/** CloudWatch evaluates an alarm of a period of a minute or more every minute. */
export const EVALUATION_INTERVAL_SECONDS = 60;

export type ComparisonOperator =
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";

/** What the evaluator reads of an alarm: an `AlarmSpec` (components/alarms.ts) fits as it is. */
export interface EvaluableAlarm {
    name: string;
    queries: AlarmQuerySpec[];
    comparisonOperator: ComparisonOperator;
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: TreatMissingData;
}

/** Raw datapoints of one metric: timestamps in epoch seconds (ascending), one value each. */
export interface MetricSeries {
    timestamps: ArrayLike<number>;
    values: ArrayLike<number>;
}

export interface MetricIdentity {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
}

/** Finds the raw datapoints of a metric; undefined means the metric has no data at all. */
export type MetricSource = (metric: MetricIdentity) => MetricSeries | undefined;

/** A stable key for a metric: namespace, name and dimensions sorted by name. */
export function metricKey(metric: MetricIdentity): string {
    const dims = Object.keys(metric.dimensions).sort().map((k) => `${k}=${metric.dimensions[k]}`);
    return [metric.namespace, metric.metricName, ...dims].join(" ");
}

export function metricSourceFrom(series: Map<string, MetricSeries> | Record<string, MetricSeries>): MetricSource {
    const map = series instanceof Map ? series : new Map(Object.entries(series));
    return (metric) => map.get(metricKey(metric));
}

/**
 * How many periods beyond `evaluationPeriods` the evaluation range holds. The User Guide says only
 * that it "depends on the length of the alarm period and whether it is based on a metric with
 * standard resolution"; its examples retrieve 5 datapoints for 3 evaluation periods. Unconfirmed
 * beyond that example: kept here, in one place.
 */
export const EVALUATION_RANGE_EXTRA_PERIODS = 2;

export type Statistic = "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount";

/**
 * Aggregates raw datapoints into `count` periods of `periodSeconds` from `start` (aligned by the
 * caller) with a statistic. A period without any raw datapoint has no value (NaN): CloudWatch
 * publishes nothing for an SES event type that did not happen, so a quiet period is missing, not 0.
 */
export function aggregate(series: MetricSeries, stat: string, start: number, periodSeconds: number, count: number): Float64Array {
    const sum = new Float64Array(count);
    const n = new Float64Array(count);
    const min = new Float64Array(count).fill(Infinity);
    const max = new Float64Array(count).fill(-Infinity);
    const end = start + periodSeconds * count;
    const { timestamps, values } = series;
    for (let i = 0; i < timestamps.length; i++) {
        const t = timestamps[i];
        if (t < start || t >= end) continue;
        const v = values[i];
        if (Number.isNaN(v)) continue;
        const p = Math.floor((t - start) / periodSeconds);
        sum[p] += v;
        n[p] += 1;
        if (v < min[p]) min[p] = v;
        if (v > max[p]) max[p] = v;
    }
    const out = new Float64Array(count);
    for (let p = 0; p < count; p++) {
        if (n[p] === 0) {
            out[p] = NaN;
            continue;
        }
        switch (stat) {
            case "Sum": out[p] = sum[p]; break;
            case "Average": out[p] = sum[p] / n[p]; break;
            case "Minimum": out[p] = min[p]; break;
            case "Maximum": out[p] = max[p]; break;
            case "SampleCount": out[p] = n[p]; break;
            default: throw new Error(`alarm evaluation: statistic ${stat} is not supported`);
        }
    }
    return out;
}

/** Periods are aligned to multiples of the period since the epoch (whole hours for 3600 s). */
export function alignDown(time: number, periodSeconds: number): number {
    return Math.floor(time / periodSeconds) * periodSeconds;
}

export function breaches(value: number, operator: ComparisonOperator, threshold: number): boolean {
    switch (operator) {
        case "GreaterThanOrEqualToThreshold": return value >= threshold;
        case "GreaterThanThreshold": return value > threshold;
        case "LessThanThreshold": return value < threshold;
        case "LessThanOrEqualToThreshold": return value <= threshold;
        default: throw new Error(`alarm evaluation: comparison ${operator as string} is not supported`);
    }
}

export interface RangeRule {
    comparisonOperator: ComparisonOperator;
    threshold: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: TreatMissingData;
}

/**
 * One evaluation: the state CloudWatch sets from the datapoints of the evaluation range (oldest
 * first, `undefined` = missing), given the state before it.
 *
 * `missing` and `ignore` cannot fill a datapoint, so with fewer real datapoints than
 * `evaluationPeriods` they decide only what the real ones settle: enough breaching real datapoints
 * -> ALARM; any non-breaching one -> OK; only breaching ones, too few -> `ignore` keeps the state;
 * `missing` gives ALARM when the oldest breaching datapoint is at least `datapointsToAlarm` periods
 * old (the newest datapoint of the range is 1 period old) and every newer one is breaching or
 * missing (the page's "Avoiding premature transitions to alarm state"), INSUFFICIENT_DATA
 * otherwise. This reproduces every row of the page's current tables, including `- - X - -` (3 of 3)
 * and `- - - X -` (2 of 3), which give ALARM.
 */
export function evaluateRange(range: ArrayLike<Datapoint>, rule: RangeRule, current: AlarmState): AlarmState {
    const codes = new Int8Array(range.length);
    for (let i = 0; i < range.length; i++) {
        const v = range[i];
        codes[i] = v === undefined ? MISSING : breaches(v, rule.comparisonOperator, rule.threshold) ? BREACHING : WITHIN;
    }
    return stateFromCodes(codes, rule, current);
}

const MISSING = -1;
const WITHIN = 0;
const BREACHING = 1;

/** `evaluateRange` on datapoints already classified: MISSING, WITHIN or BREACHING, oldest first. */
function stateFromCodes(codes: Int8Array, rule: RangeRule, current: AlarmState): AlarmState {
    const { evaluationPeriods: n, datapointsToAlarm: m } = rule;
    const length = codes.length;
    let real = 0;
    let breaching = 0;
    let oldestBreaching = -1;
    for (let i = 0; i < length; i++) {
        const c = codes[i];
        if (c === MISSING) continue;
        real++;
        if (c === BREACHING) {
            breaching++;
            if (oldestBreaching < 0) oldestBreaching = i;
        }
    }

    if (real >= n) {
        // Enough real datapoints: the most recent N of them, missing data not consulted.
        let taken = 0;
        let recentBreaching = 0;
        for (let i = length - 1; i >= 0 && taken < n; i--) {
            const c = codes[i];
            if (c === MISSING) continue;
            taken++;
            if (c === BREACHING) recentBreaching++;
        }
        return recentBreaching >= m ? "ALARM" : "OK";
    }

    const fill = n - real;
    switch (rule.treatMissingData) {
        case "breaching": return breaching + fill >= m ? "ALARM" : "OK";
        case "notBreaching": return breaching >= m ? "ALARM" : "OK";
        case "ignore":
        case "missing": {
            if (real === 0) return rule.treatMissingData === "ignore" ? current : "INSUFFICIENT_DATA";
            if (breaching >= m) return "ALARM";
            if (breaching < real) return "OK";
            if (rule.treatMissingData === "ignore") return current;
            // Avoiding premature transitions: the oldest breaching datapoint is old enough.
            const age = length - oldestBreaching;
            return age >= m ? "ALARM" : "INSUFFICIENT_DATA";
        }
        default:
            throw new Error(`alarm evaluation: treatMissingData ${rule.treatMissingData as string} is not supported`);
    }
}

export interface StateTransition {
    /** When the evaluation ran: the end of the newest period it read (epoch seconds). */
    time: number;
    from: AlarmState;
    to: AlarmState;
    /** The returned value of the newest period at that evaluation (undefined: missing). */
    value: Datapoint;
}

export interface AlarmEvaluation {
    alarm: string;
    window: EvaluationWindowKind;
    periodSeconds: number;
    /** Time between evaluations: a minute when sliding, the period on the wall clock. */
    stepSeconds: number;
    /** Evaluation i runs at `start + (i + 1) * stepSeconds` and reads the period ending then. */
    start: number;
    /** The returned expression's value of the period ending at each evaluation (NaN: no datapoint). */
    values: Float64Array;
    /** The state after each evaluation. */
    states: AlarmState[];
    transitions: StateTransition[];
}

export interface EvaluateOptions {
    /** Evaluate from this time (aligned down to the minute, or to the period on the wall clock) ... */
    start: number;
    /** ... to this time (exclusive: the last evaluation is at or before it). */
    end: number;
    /** The state before the first evaluation: a new alarm starts in INSUFFICIENT_DATA. */
    initialState?: AlarmState;
    /** `sliding` (default, as deployed) or `wall-clock`. */
    window?: EvaluationWindowKind;
    /** Shares the per-minute sums of a metric between the alarms that read it (one per trace). */
    cache?: MinuteCache;
}

interface CompiledAlarm {
    metrics: { id: string; query: AlarmQuerySpec }[];
    expressions: Map<string, Expr>;
    /** Expressions in an order where each comes after the expressions it reads. */
    order: { id: string; expr: Expr }[];
    returned: AlarmQuerySpec;
}

/** Checks the queries as CloudWatch would accept them and parses every expression once. */
export function compileAlarm(alarm: EvaluableAlarm): CompiledAlarm {
    const returned = alarm.queries.filter((q) => q.returnData);
    if (returned.length !== 1) throw new Error(`alarm ${alarm.name}: exactly one query must return data (found ${returned.length})`);
    const ids = new Set<string>();
    const metrics: CompiledAlarm["metrics"] = [];
    const expressions = new Map<string, Expr>();
    for (const q of alarm.queries) {
        if (ids.has(q.id)) throw new Error(`alarm ${alarm.name}: query id ${q.id} is used twice`);
        ids.add(q.id);
        if ((q.metric === undefined) === (q.expression === undefined)) {
            throw new Error(`alarm ${alarm.name}: query ${q.id} must have either a metric or an expression`);
        }
        if (q.metric) {
            // All metrics of a math alarm share the alarm's period (CloudWatch User Guide, alarms on math expressions).
            if (q.metric.periodSeconds !== alarm.periodSeconds) {
                throw new Error(`alarm ${alarm.name}: query ${q.id} has period ${q.metric.periodSeconds}, the alarm ${alarm.periodSeconds}`);
            }
            metrics.push({ id: q.id, query: q });
        } else {
            expressions.set(q.id, parseExpression(q.expression as string));
        }
    }
    const order: CompiledAlarm["order"] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (id: string): void => {
        if (state.get(id) === "done") return;
        if (state.get(id) === "visiting") throw new Error(`alarm ${alarm.name}: expression ${id} depends on itself`);
        state.set(id, "visiting");
        const expr = expressions.get(id)!;
        for (const ref of referencedIds(expr)) {
            if (!ids.has(ref)) throw new Error(`alarm ${alarm.name}: expression ${id} reads unknown id ${ref}`);
            if (expressions.has(ref)) visit(ref);
        }
        state.set(id, "done");
        order.push({ id, expr });
    };
    for (const id of expressions.keys()) visit(id);
    return { metrics, expressions, order, returned: returned[0] };
}

/** The returned query's value from the metric columns (NaN: no datapoint), one entry per timestamp. */
function returnedValues(compiled: CompiledAlarm, columns: Map<string, Float64Array>, count: number): Float64Array {
    const returnedId = compiled.returned.id;
    if (!compiled.expressions.has(returnedId)) return columns.get(returnedId)!.slice();
    const all: Record<string, Float64Array> = Object.fromEntries(columns);
    for (const { id, expr } of compiled.order) {
        const v = evaluateSeries(expr, all, count);
        // Infinity from arithmetic is not a datapoint CloudWatch would keep.
        for (let i = 0; i < count; i++) if (!Number.isFinite(v[i])) v[i] = NaN;
        all[id] = v;
    }
    return all[returnedId];
}

/** The returned query's value for each clock-aligned period, from the raw datapoints of the alarm's metrics. */
export function periodValues(alarm: EvaluableAlarm, source: MetricSource, start: number, count: number): Float64Array {
    const compiled = compileAlarm(alarm);
    const period = alarm.periodSeconds;
    const columns = new Map<string, Float64Array>();
    for (const { id, query } of compiled.metrics) {
        const m = query.metric!;
        const series = source(m);
        columns.set(id, series ? aggregate(series, m.stat, start, period, count) : new Float64Array(count).fill(NaN));
    }
    return returnedValues(compiled, columns, count);
}

/**
 * Raw datapoints binned by minute from `start`: the sum and the count of each minute (and its
 * minimum and maximum, made on first use). Prefix sums of both make the statistic of any window
 * of whole minutes two subtractions, so evaluating every minute costs no more than binning once.
 */
export class MinuteCache {
    private readonly binned = new Map<string, { sums: Float64Array; counts: Float64Array; series: MetricSeries }>();
    private readonly windows = new Map<string, Float64Array>();

    constructor(readonly start: number, readonly minutes: number) {}

    private bin(metric: MetricIdentity, series: MetricSeries) {
        const key = metricKey(metric);
        let b = this.binned.get(key);
        if (!b) {
            const sums = new Float64Array(this.minutes + 1);
            const counts = new Float64Array(this.minutes + 1);
            const { timestamps, values } = series;
            for (let i = 0; i < timestamps.length; i++) {
                const v = values[i];
                if (Number.isNaN(v)) continue;
                const minute = Math.floor((timestamps[i] - this.start) / 60);
                if (minute < 0 || minute >= this.minutes) continue;
                sums[minute + 1] += v;
                counts[minute + 1] += 1;
            }
            // Prefix sums: sums[k] = the total of minutes 0 .. k-1.
            for (let k = 1; k <= this.minutes; k++) {
                sums[k] += sums[k - 1];
                counts[k] += counts[k - 1];
            }
            b = { sums, counts, series };
            this.binned.set(key, b);
        }
        return b;
    }

    /**
     * The statistic of `metric` over the window of `periodMinutes` ending with each minute (NaN:
     * no datapoint in the window, or the window reaches before `start`).
     */
    window(metric: MetricIdentity, stat: string, periodMinutes: number, series: MetricSeries): Float64Array {
        const key = `${metricKey(metric)}|${stat}|${periodMinutes}`;
        const cached = this.windows.get(key);
        if (cached) return cached;
        const { sums, counts } = this.bin(metric, series);
        const out = new Float64Array(this.minutes).fill(NaN);
        if (stat === "Minimum" || stat === "Maximum") {
            slidingExtreme(series, this.start, this.minutes, periodMinutes, stat === "Maximum", out);
        } else {
            for (let m = periodMinutes - 1; m < this.minutes; m++) {
                const n = counts[m + 1] - counts[m + 1 - periodMinutes];
                if (n === 0) continue;
                const sum = sums[m + 1] - sums[m + 1 - periodMinutes];
                switch (stat) {
                    case "Sum": out[m] = sum; break;
                    case "Average": out[m] = sum / n; break;
                    case "SampleCount": out[m] = n; break;
                    default: throw new Error(`alarm evaluation: statistic ${stat} is not supported`);
                }
            }
        }
        this.windows.set(key, out);
        return out;
    }
}

/** Minimum or maximum over sliding windows of whole minutes, with a monotonic queue. */
function slidingExtreme(series: MetricSeries, start: number, minutes: number, width: number, max: boolean, out: Float64Array): void {
    const perMinute = new Float64Array(minutes).fill(NaN);
    const better = (a: number, b: number) => (max ? a > b : a < b);
    for (let i = 0; i < series.timestamps.length; i++) {
        const v = series.values[i];
        const minute = Math.floor((series.timestamps[i] - start) / 60);
        if (Number.isNaN(v) || minute < 0 || minute >= minutes) continue;
        if (Number.isNaN(perMinute[minute]) || better(v, perMinute[minute])) perMinute[minute] = v;
    }
    const queue: number[] = [];
    let head = 0;
    for (let m = 0; m < minutes; m++) {
        if (!Number.isNaN(perMinute[m])) {
            while (queue.length > head && !better(perMinute[queue[queue.length - 1]], perMinute[m])) queue.pop();
            queue.push(m);
        }
        while (queue.length > head && queue[head] <= m - width) head++;
        if (m >= width - 1 && queue.length > head) out[m] = perMinute[queue[head]];
    }
}

/** The returned query's value of the period of the alarm ending with each minute from `cache.start`. */
export function slidingValues(alarm: EvaluableAlarm, source: MetricSource, cache: MinuteCache): Float64Array {
    const compiled = compileAlarm(alarm);
    if (alarm.periodSeconds % 60 !== 0) throw new Error(`alarm ${alarm.name}: period ${alarm.periodSeconds} s is not whole minutes`);
    const periodMinutes = alarm.periodSeconds / 60;
    const columns = new Map<string, Float64Array>();
    for (const { id, query } of compiled.metrics) {
        const m = query.metric!;
        const series = source(m);
        columns.set(id, series ? cache.window(m, m.stat, periodMinutes, series) : new Float64Array(cache.minutes).fill(NaN));
    }
    return returnedValues(compiled, columns, cache.minutes);
}

/**
 * Runs the state machine at every entry of `values`: evaluation i reads the range
 * `values[i - (L - 1) * stride]`, ..., `values[i - stride]`, `values[i]` (L = N + the extra periods).
 */
function runStates(alarm: EvaluableAlarm, values: Float64Array, stride: number, start: number, stepSeconds: number, initial: AlarmState) {
    const count = values.length;
    const classified = new Int8Array(count);
    for (let i = 0; i < count; i++) {
        const v = values[i];
        classified[i] = Number.isNaN(v) ? MISSING : breaches(v, alarm.comparisonOperator, alarm.threshold) ? BREACHING : WITHIN;
    }
    const rangeLength = alarm.evaluationPeriods + EVALUATION_RANGE_EXTRA_PERIODS;
    // Breaching datapoints up to each index: where a range's whole span holds none, an alarm that
    // treats missing data as not breaching is OK without looking closer (most minutes of a month).
    const breachingBefore = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) breachingBefore[i + 1] = breachingBefore[i] + (classified[i] === BREACHING ? 1 : 0);
    const quietIsOk = alarm.treatMissingData === "notBreaching";
    const range = new Int8Array(rangeLength);
    const states: AlarmState[] = new Array(count);
    const transitions: StateTransition[] = [];
    let state = initial;
    for (let p = 0; p < count; p++) {
        const from = p - (rangeLength - 1) * stride;
        let next: AlarmState;
        if (quietIsOk && breachingBefore[p + 1] === breachingBefore[from < 0 ? 0 : from]) {
            next = "OK";
        } else {
            for (let r = 0; r < rangeLength; r++) {
                const q = p - (rangeLength - 1 - r) * stride;
                range[r] = q < 0 ? MISSING : classified[q];
            }
            next = stateFromCodes(range, alarm, state);
        }
        if (next !== state) {
            const v = values[p];
            transitions.push({ time: start + (p + 1) * stepSeconds, from: state, to: next, value: Number.isNaN(v) ? undefined : v });
            state = next;
        }
        states[p] = state;
    }
    return { states, transitions };
}

/**
 * Evaluates the alarm from `start` to `end` and records each state change. Sliding (default):
 * every minute, over the periods ending at that minute. Wall clock: at the end of each
 * clock-aligned period. Data is taken as complete when its minute ends (SES events carry the time
 * they happened, so a late bounce lands in a later period, as it does in CloudWatch).
 */
export function evaluateAlarm(alarm: EvaluableAlarm, source: MetricSource, options: EvaluateOptions): AlarmEvaluation {
    const window = options.window ?? "sliding";
    const period = alarm.periodSeconds;
    const initial = options.initialState ?? "INSUFFICIENT_DATA";
    if (window === "wall-clock") {
        const start = alignDown(options.start, period);
        const count = Math.max(0, Math.floor((options.end - start) / period));
        const values = periodValues(alarm, source, start, count);
        return { alarm: alarm.name, window, periodSeconds: period, stepSeconds: period, start, values, ...runStates(alarm, values, 1, start, period, initial) };
    }
    if (window !== "sliding") throw new Error(`alarm evaluation: window ${window as string} is not one of ${EVALUATION_WINDOWS.join(", ")}`);
    const step = EVALUATION_INTERVAL_SECONDS;
    const start = alignDown(options.start, step);
    const minutes = Math.max(0, Math.floor((options.end - start) / step));
    let cache = options.cache;
    if (!cache || cache.start !== start || cache.minutes !== minutes) cache = new MinuteCache(start, minutes);
    const values = slidingValues(alarm, source, cache);
    return { alarm: alarm.name, window, periodSeconds: period, stepSeconds: step, start, values, ...runStates(alarm, values, period / step, start, step, initial) };
}
