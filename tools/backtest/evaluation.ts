/**
 * Evaluates a CloudWatch metric alarm over time series, offline: the same `AlarmSpec` the component
 * deploys (its metric queries and one returned expression), raw datapoints per metric in, the
 * returned value of every aligned period and the alarm state after every evaluation out. The
 * backtest replays synthetic and exported traffic through it; pure, no Pulumi, no AWS calls.
 *
 * The state rules follow the CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing
 * data" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data,
 * section "How alarm state is evaluated when data is missing"; read from
 * awsdocs/amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md at 05fd32f6):
 * - CloudWatch retrieves more datapoints than `evaluationPeriods`: the "evaluation range";
 * - with at least `evaluationPeriods` real datapoints in the range it evaluates the most recent
 *   `evaluationPeriods` real ones and `treatMissingData` plays no part;
 * - with fewer, it fills missing datapoints with the `treatMissingData` result, as few as possible,
 *   keeping every real datapoint of the range however old;
 * - `datapointsToAlarm` or more breaching of the `evaluationPeriods` evaluated -> ALARM, else OK.
 * tests/backtestEvaluation.test.ts encodes every row of the page's two example tables.
 */
import { Datapoint, evaluateExpression, Expr, parseExpression, referencedIds } from "../../components/shared/metricMath";
import { AlarmQuerySpec } from "../../components/shared/alarmSpecs";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";
export type TreatMissingData = "missing" | "ignore" | "breaching" | "notBreaching";
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
 * `evaluationPeriods` they decide only what the real ones settle. The page's tables fix the rest,
 * and this is the one rule that reproduces all their rows (the page states no rule for it):
 * enough breaching real datapoints -> ALARM; any non-breaching one -> OK; only breaching ones,
 * too few -> `ignore` keeps the state, `missing` gives ALARM when the oldest datapoint of the
 * range is one of them ("the oldest evaluated data point is breaching and there aren't any
 * non-breaching data points") and INSUFFICIENT_DATA otherwise.
 */
export function evaluateRange(range: ArrayLike<Datapoint>, rule: RangeRule, current: AlarmState): AlarmState {
    const { evaluationPeriods: n, datapointsToAlarm: m } = rule;
    let real = 0;
    for (let i = 0; i < range.length; i++) if (range[i] !== undefined) real++;

    if (real >= n) {
        // Enough real datapoints: the most recent N of them, missing data not consulted.
        let taken = 0;
        let breaching = 0;
        for (let i = range.length - 1; i >= 0 && taken < n; i--) {
            const v = range[i];
            if (v === undefined) continue;
            taken++;
            if (breaches(v, rule.comparisonOperator, rule.threshold)) breaching++;
        }
        return breaching >= m ? "ALARM" : "OK";
    }

    let breaching = 0;
    for (let i = 0; i < range.length; i++) {
        const v = range[i];
        if (v !== undefined && breaches(v, rule.comparisonOperator, rule.threshold)) breaching++;
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
            return range[0] !== undefined ? "ALARM" : "INSUFFICIENT_DATA";
        }
        default:
            throw new Error(`alarm evaluation: treatMissingData ${rule.treatMissingData as string} is not supported`);
    }
}

export interface StateTransition {
    /** When the evaluation ran: the end of the period it evaluated (epoch seconds). */
    time: number;
    from: AlarmState;
    to: AlarmState;
    /** The returned value of the newest period at that evaluation (undefined: missing). */
    value: Datapoint;
}

export interface AlarmEvaluation {
    alarm: string;
    periodSeconds: number;
    /** Start of the first period (aligned); period i starts at `start + i * periodSeconds`. */
    start: number;
    /** The returned expression's value per period (NaN: no datapoint). */
    values: Float64Array;
    /** The state after the evaluation at the end of each period. */
    states: AlarmState[];
    transitions: StateTransition[];
}

export interface EvaluateOptions {
    /** Evaluate from this time (aligned down to the period) ... */
    start: number;
    /** ... to this time (exclusive; the last period is the one that ends at or before it). */
    end: number;
    /** The state before the first evaluation: a new alarm starts in INSUFFICIENT_DATA. */
    initialState?: AlarmState;
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

/** The returned query's value for each period, from the raw datapoints of the alarm's metrics. */
export function periodValues(alarm: EvaluableAlarm, source: MetricSource, start: number, count: number): Float64Array {
    const compiled = compileAlarm(alarm);
    const period = alarm.periodSeconds;
    const columns = new Map<string, Float64Array>();
    for (const { id, query } of compiled.metrics) {
        const m = query.metric!;
        const series = source(m);
        columns.set(id, series ? aggregate(series, m.stat, start, period, count) : new Float64Array(count).fill(NaN));
    }
    const out = new Float64Array(count);
    const returnedId = compiled.returned.id;
    if (!compiled.expressions.has(returnedId)) return columns.get(returnedId)!.slice();

    const values: Record<string, Datapoint> = {};
    for (let p = 0; p < count; p++) {
        for (const [id, column] of columns) {
            const v = column[p];
            values[id] = Number.isNaN(v) ? undefined : v;
        }
        for (const { id, expr } of compiled.order) {
            const v = evaluateExpression(expr, values);
            // Infinity or NaN from arithmetic is not a datapoint CloudWatch would keep.
            values[id] = v === undefined || !Number.isFinite(v) ? undefined : v;
        }
        const v = values[returnedId];
        out[p] = v === undefined ? NaN : v;
    }
    return out;
}

/**
 * Evaluates the alarm once per period, at the end of each aligned period from `start` to `end`,
 * and records each state change. Data is taken as complete when its period ends (SES events carry
 * the time they happened, so a late bounce lands in a later period, as it does in CloudWatch).
 */
export function evaluateAlarm(alarm: EvaluableAlarm, source: MetricSource, options: EvaluateOptions): AlarmEvaluation {
    const period = alarm.periodSeconds;
    const start = alignDown(options.start, period);
    const count = Math.max(0, Math.floor((options.end - start) / period));
    const values = periodValues(alarm, source, start, count);
    const rangeLength = alarm.evaluationPeriods + EVALUATION_RANGE_EXTRA_PERIODS;
    const range: Datapoint[] = new Array(rangeLength).fill(undefined);
    const states: AlarmState[] = new Array(count);
    const transitions: StateTransition[] = [];
    let state: AlarmState = options.initialState ?? "INSUFFICIENT_DATA";
    for (let p = 0; p < count; p++) {
        for (let r = 0; r < rangeLength; r++) {
            const q = p - rangeLength + 1 + r;
            range[r] = q < 0 || Number.isNaN(values[q]) ? undefined : values[q];
        }
        const next = evaluateRange(range, alarm, state);
        if (next !== state) {
            transitions.push({ time: start + (p + 1) * period, from: state, to: next, value: range[rangeLength - 1] });
            state = next;
        }
        states[p] = state;
    }
    return { alarm: alarm.name, periodSeconds: period, start, values, states, transitions };
}
