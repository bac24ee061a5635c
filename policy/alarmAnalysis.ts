/**
 * What a `aws.cloudwatch.MetricAlarm` reads and in which unit its threshold is, from its props
 * (plain data from `plainProps`, so unknowns are `UNKNOWN`). Shared by the alarm policies.
 *
 * The unit rule. A threshold means nothing without the unit of the value it is compared with,
 * and SES mixes two: `Reputation.*` metrics are fractions (0.05 = 5 %), while rate alarms built
 * from event counts are usually percentages (`100 * bounces / sends`). Instead of matching the
 * expression text, the returned query is parsed (the shared metric-math reader, shared.ts) and every node gets a
 * kind:
 * - an `AWS/SES` event metric (Send, Bounce, ...) read as Sum or SampleCount is a count;
 * - a `Reputation.*` metric (any statistic but Sum / SampleCount) is a rate of scale 1 (a fraction);
 * - count / count is a rate of scale 1; constant * x scales x (so `100 * x / y` is a rate of scale
 *   100, percent, whichever way the multiplication is grouped); x / constant divides the scale;
 * - constants fold, a negated constant included (`10 ^ -2` is 0.01); a negated metric is unknown;
 * - `IF(cond, x)` and `FILL(x, v)` keep x's kind; sums keep a kind only when both sides agree.
 * Anything else (other functions, unknown metrics, mixed kinds) is "unknown": the policy then
 * says it cannot tell the unit rather than guess one.
 */
import { EVENT_TYPES, Expr, parseExpression, REPUTATION_METRICS, SES_NAMESPACE } from "./shared";
import { at, isUnknown, Unknown, UNKNOWN } from "./unknowns";

export type Measure = "bounce" | "complaint";

export interface MetricRead {
    namespace: string | Unknown | undefined;
    metricName: string | Unknown | undefined;
    /** Dimension name -> value; `UNKNOWN` for the whole map or for single values. */
    dimensions: Record<string, string | Unknown> | Unknown;
    stat: string | Unknown | undefined;
}

export type ValueKind =
    | { kind: "count"; scale: number }
    | { kind: "rate"; scale: number }
    | { kind: "constant"; value: number }
    | { kind: "condition" }
    /** `preview`: unknown only because a value is not known yet (never a reason to report). */
    | { kind: "unknown"; why: string; preview?: boolean };

/** A query whose value the alarm compares with its threshold. */
export interface ReturnedValue {
    /** How the value is computed, for messages: the expression, or the metric's name. */
    source: string;
    value: ValueKind;
    /** Every metric the value depends on, through expressions. */
    metrics: MetricRead[];
}

export interface AlarmAnalysis {
    /** Every metric the alarm reads, in any query. */
    metrics: MetricRead[];
    /** The returned value, or several candidates when the props do not say which query returns. */
    returned: ReturnedValue[];
    /** True when a query, its id or its expression is unknown at preview: the analysis is partial. */
    partial: boolean;
}

const EVENT_METRIC_NAMES = new Set<string>(Object.values(EVENT_TYPES));
const REPUTATION_METRIC_NAMES = new Set<string>(Object.values(REPUTATION_METRICS));
const COUNT_STATS = new Set(["Sum", "SampleCount"]);

/** Which enforced rate a metric feeds, if any. */
export const MEASURE_METRICS: Record<Measure, { event: string; reputation: string }> = {
    bounce: { event: EVENT_TYPES.BOUNCE, reputation: REPUTATION_METRICS.bounceRate },
    complaint: { event: EVENT_TYPES.COMPLAINT, reputation: REPUTATION_METRICS.complaintRate },
};

export function isSesMetric(m: MetricRead): boolean | "maybe" {
    if (isUnknown(m.namespace)) return "maybe";
    return m.namespace === SES_NAMESPACE;
}

/** The enforced measures a metric feeds: `Bounce` and `Reputation.BounceRate` feed "bounce". */
export function measuresOf(m: MetricRead): Measure[] | Unknown {
    if (isUnknown(m.namespace) || isUnknown(m.metricName)) return UNKNOWN;
    if (m.namespace !== SES_NAMESPACE) return [];
    return (Object.keys(MEASURE_METRICS) as Measure[])
        .filter((measure) => m.metricName === MEASURE_METRICS[measure].event || m.metricName === MEASURE_METRICS[measure].reputation);
}

function metricKind(m: MetricRead): ValueKind {
    if (isUnknown(m.namespace) || isUnknown(m.metricName) || isUnknown(m.stat)) return { kind: "unknown", why: "the metric is unknown during preview", preview: true };
    const name = `${m.namespace} ${m.metricName}`;
    if (m.namespace !== SES_NAMESPACE || typeof m.metricName !== "string") return { kind: "unknown", why: `${name} is not an SES metric` };
    if (EVENT_METRIC_NAMES.has(m.metricName)) {
        return m.stat === undefined || COUNT_STATS.has(m.stat)
            ? { kind: "count", scale: 1 }
            : { kind: "unknown", why: `${m.metricName} read as ${m.stat} is not a count` };
    }
    if (REPUTATION_METRIC_NAMES.has(m.metricName)) {
        return m.stat !== undefined && COUNT_STATS.has(m.stat)
            ? { kind: "unknown", why: `${m.metricName} read as ${m.stat} is not a rate` }
            : { kind: "rate", scale: 1 };
    }
    return { kind: "unknown", why: `${name} is neither an event count nor a reputation rate` };
}

function readMetric(raw: any): MetricRead {
    const dims = at(raw, "dimensions");
    return {
        namespace: at(raw, "namespace"),
        metricName: at(raw, "metricName"),
        dimensions: isUnknown(dims) ? UNKNOWN : (dims && typeof dims === "object" ? dims : {}),
        stat: at(raw, "stat"),
    };
}

interface Query {
    id: string;
    metric?: MetricRead;
    expression?: string | Unknown;
    returnData: boolean | Unknown | undefined;
}

/** Reads an alarm's props (plain data) into what it reads and returns. */
export function analyzeAlarm(props: any): AlarmAnalysis {
    const rawQueries = at(props, "metricQueries");
    if (isUnknown(rawQueries)) return { metrics: [], returned: [], partial: true };
    if (!Array.isArray(rawQueries) || rawQueries.length === 0) {
        // The single-metric form: the threshold applies to the metric itself.
        const metricName = at(props, "metricName");
        if (metricName === undefined) return { metrics: [], returned: [], partial: false };
        const metric: MetricRead = {
            namespace: at(props, "namespace"),
            metricName,
            dimensions: isUnknown(at(props, "dimensions")) ? UNKNOWN : (at(props, "dimensions") ?? {}),
            stat: at(props, "statistic") ?? at(props, "extendedStatistic"),
        };
        return { metrics: [metric], returned: [{ source: String(isUnknown(metricName) ? "(unknown metric)" : metricName), value: metricKind(metric), metrics: [metric] }], partial: false };
    }

    let partial = false;
    const queries = new Map<string, Query>();
    for (const raw of rawQueries) {
        const id = at(raw, "id");
        if (isUnknown(raw) || typeof id !== "string") {
            partial = true;
            continue;
        }
        const metric = at(raw, "metric");
        if (isUnknown(metric)) partial = true;
        queries.set(id, {
            id,
            metric: metric && !isUnknown(metric) ? readMetric(metric) : undefined,
            expression: at(raw, "expression"),
            returnData: at(raw, "returnData"),
        });
    }
    const all = [...queries.values()];
    const metrics = all.flatMap((q) => (q.metric ? [q.metric] : []));

    // CloudWatch wants exactly one query with returnData true; a lone query returns by default.
    let returning = all.filter((q) => q.returnData === true);
    if (returning.length === 0) returning = all.length === 1 ? all : all.filter((q) => q.returnData !== false);
    if (all.some((q) => isUnknown(q.returnData) || isUnknown(q.expression))) partial = true;

    const returned = returning.map((q) => {
        const seen = new Set<string>();
        const read: MetricRead[] = [];
        const kind = queryKind(q, queries, seen, read);
        return { source: querySource(q), value: kind, metrics: read };
    });
    return { metrics, returned, partial };
}

function querySource(q: Query): string {
    if (q.metric) return String(isUnknown(q.metric.metricName) ? "(unknown metric)" : q.metric.metricName);
    if (typeof q.expression === "string") return q.expression;
    return `query ${q.id}`;
}

function queryKind(q: Query, queries: Map<string, Query>, seen: Set<string>, read: MetricRead[]): ValueKind {
    if (seen.has(q.id)) return { kind: "unknown", why: `query ${q.id} refers to itself` };
    seen.add(q.id);
    if (q.metric) {
        read.push(q.metric);
        return metricKind(q.metric);
    }
    if (isUnknown(q.expression)) return { kind: "unknown", why: `the expression of query ${q.id} is unknown during preview`, preview: true };
    if (typeof q.expression !== "string") return { kind: "unknown", why: `query ${q.id} has neither a metric nor an expression` };
    let expr: Expr;
    try {
        expr = parseExpression(q.expression);
    } catch (e) {
        // Functions outside the parsed subset (SEARCH, METRICS(), RATE...): still collect what the
        // text names, so the measures are known even though the unit is not.
        const named = new Set(q.expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
        for (const other of queries.values()) {
            if (other.id !== q.id && named.has(other.id)) queryKind(other, queries, seen, read);
        }
        return { kind: "unknown", why: `"${q.expression}" uses metric math this pack does not analyse` };
    }
    return exprKind(expr, queries, seen, read);
}

function exprKind(e: Expr, queries: Map<string, Query>, seen: Set<string>, read: MetricRead[]): ValueKind {
    switch (e.kind) {
        case "number":
            return { kind: "constant", value: e.value };
        case "id": {
            const q = queries.get(e.name);
            if (!q) return { kind: "unknown", why: `no query with id ${e.name}` };
            return queryKind(q, queries, new Set(seen), read);
        }
        case "unary": {
            // A negated constant is a constant (`10 ^ -2` is 0.01); a negated metric has no unit
            // the pack compares with AWS's levels.
            const operand = exprKind(e.operand, queries, seen, read);
            return operand.kind === "constant" ? { kind: "constant", value: -operand.value } : { kind: "unknown", why: "a negated value" };
        }
        case "call": {
            const kinds = e.args.map((a) => exprKind(a, queries, seen, read));
            if (e.fn === "FILL") return kinds[0];
            const [, then, otherwise] = kinds;
            if (otherwise === undefined || otherwise.kind === "constant") return then;
            if (then.kind === "unknown" && then.preview) return then;
            if (otherwise.kind === "unknown" && otherwise.preview) return otherwise;
            return sameKind(then, otherwise) ? then : { kind: "unknown", why: "IF branches of different units" };
        }
        case "binary": {
            const l = exprKind(e.left, queries, seen, read);
            const r = exprKind(e.right, queries, seen, read);
            return combine(e.op, l, r);
        }
        default:
            return { kind: "unknown", why: "an unsupported expression" };
    }
}

function sameKind(a: ValueKind, b: ValueKind): boolean {
    return (a.kind === "count" || a.kind === "rate") && a.kind === b.kind && a.scale === (b as { scale: number }).scale;
}

function combine(op: string, l: ValueKind, r: ValueKind): ValueKind {
    if (l.kind === "unknown") return l;
    if (r.kind === "unknown") return r;
    if ([">=", ">", "<=", "<", "==", "!=", "AND", "OR"].includes(op)) return { kind: "condition" };
    if (l.kind === "constant" && r.kind === "constant") {
        const v = op === "+" ? l.value + r.value : op === "-" ? l.value - r.value : op === "*" ? l.value * r.value : op === "^" ? l.value ** r.value : l.value / r.value;
        return { kind: "constant", value: v };
    }
    if (op === "*") {
        const [c, x] = l.kind === "constant" ? [l, r] : r.kind === "constant" ? [r, l] : [undefined, undefined];
        if (c && (x.kind === "count" || x.kind === "rate")) return { kind: x.kind, scale: x.scale * c.value };
        return { kind: "unknown", why: "a product of two metrics" };
    }
    if (op === "^") return { kind: "unknown", why: "a power of a metric (not a rate this pack compares with AWS's levels)" };
    if (op === "/") {
        if (l.kind === "count" && r.kind === "count") return { kind: "rate", scale: l.scale / r.scale };
        if ((l.kind === "count" || l.kind === "rate") && r.kind === "constant" && r.value !== 0) return { kind: l.kind, scale: l.scale / r.value };
        return { kind: "unknown", why: "a ratio that is not count / count" };
    }
    // + and -: counts add up (bounces + complaints), a rate plus a rate stays a rate.
    if (sameKind(l, r)) return l;
    return { kind: "unknown", why: `${l.kind} ${op} ${r.kind}` };
}

/** "percent", "a fraction", or the scale, for messages. */
export function unitText(scale: number): string {
    if (scale === 100) return "percent";
    if (scale === 1) return "a fraction";
    return `the fraction times ${formatNumber(scale)}`;
}

export function formatNumber(value: number): string {
    return String(Number(value.toPrecision(6)));
}
