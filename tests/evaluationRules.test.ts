import * as assert from "assert";
import {
    aggregate,
    AlarmState,
    breaches,
    compileAlarm,
    ComparisonOperator,
    evaluateAlarm,
    EvaluableAlarm,
    evaluateRange,
    metricKey,
    metricSourceFrom,
    MetricSeries,
    MinuteCache,
    RangeRule,
    TreatMissingData,
} from "../tools/backtest/evaluation";

/**
 * The backtest's CloudWatch evaluator at its boundaries: a value exactly at the threshold for
 * every operator, M of N with gaps under every missing-data mode, the premature-transition rule,
 * LessThan alarms (missing traffic, a blind canary) and Maximum / Minimum windows (the quota
 * alarms), and the alarms it refuses. A backtest that differs from CloudWatch here reports the
 * wrong detection times.
 */
const MINUTE = 60;
const HOUR = 3600;
const T0 = Date.UTC(2026, 0, 5) / 1000;
const MODES: TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];
const STATES: AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA"];

const series = (entries: [number, number][]): MetricSeries => ({ timestamps: entries.map((e) => e[0]), values: entries.map((e) => e[1]) });
const KEY = metricKey({ namespace: "Test", metricName: "M", dimensions: {} });

/** A one-metric alarm on Test M. */
function alarm(over: Partial<EvaluableAlarm> & { stat?: string } = {}): EvaluableAlarm {
    const periodSeconds = over.periodSeconds ?? HOUR;
    return {
        name: "a",
        queries: [{ id: "m", label: "m", metric: { namespace: "Test", metricName: "M", dimensions: {}, stat: (over.stat ?? "Sum") as "Sum", periodSeconds }, returnData: true }],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 3,
        periodSeconds,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        ...over,
    };
}

/** "0 - X - X" oldest first: 0 within the threshold (1), X breaching (5), - missing. */
const points = (text: string) => text.trim().split(/\s+/).map((c) => (c === "X" ? 5 : c === "0" ? 1 : undefined));
const rule = (m: number, n: number, mode: TreatMissingData): RangeRule => ({ comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 3, evaluationPeriods: n, datapointsToAlarm: m, treatMissingData: mode });

describe("alarm evaluation: boundaries", () => {
    describe("a value exactly at the threshold", () => {
        const cases: [ComparisonOperator, boolean[]][] = [
            // value 2, 3 (the threshold), 4
            ["GreaterThanOrEqualToThreshold", [false, true, true]],
            ["GreaterThanThreshold", [false, false, true]],
            ["LessThanThreshold", [true, false, false]],
            ["LessThanOrEqualToThreshold", [true, true, false]],
        ];
        for (const [op, expected] of cases) {
            it(`${op}: 2, 3 and 4 against 3`, () => {
                assert.deepStrictEqual([2, 3, 4].map((v) => breaches(v, op, 3)), expected);
            });
        }

        it("a period exactly on a GreaterThanOrEqual threshold alarms in the backtest, as in CloudWatch", () => {
            const source = metricSourceFrom({ [KEY]: series([[T0 + 10 * MINUTE, 3]]) });
            const e = evaluateAlarm(alarm(), source, { start: T0, end: T0 + HOUR, window: "wall-clock" });
            assert.deepStrictEqual(e.states, ["ALARM"]);
            assert.deepStrictEqual(e.transitions.map((t) => [t.time - T0, t.to, t.value]), [[HOUR, "ALARM", 3]]);
        });

        it("refuses an operator CloudWatch does not have", () => {
            assert.throws(() => breaches(1, "GreaterThanUpperThreshold" as ComparisonOperator, 3), /comparison GreaterThanUpperThreshold is not supported/);
        });
    });

    describe("M of N with gaps (fewer real datapoints than N)", () => {
        // 2 of 3, two breaching datapoints and three missing in the range: enough to alarm in
        // every mode, while one breaching datapoint is not unless missing data breaches.
        it("2 of 3, - - X - X: ALARM in every mode", () => {
            for (const mode of MODES) {
                for (const current of STATES) assert.strictEqual(evaluateRange(points("- - X - X"), rule(2, 3, mode), current), "ALARM", `${mode} from ${current}`);
            }
        });
        it("2 of 3, - - - - X: one breaching is not enough unless missing data breaches", () => {
            const got = MODES.map((mode) => evaluateRange(points("- - - - X"), rule(2, 3, mode), "OK"));
            // missing: the breaching datapoint is 1 period old, younger than 2 (premature transition avoided).
            assert.deepStrictEqual(got, ["INSUFFICIENT_DATA", "OK", "ALARM", "OK"]);
        });
        it("breaching fill reaches M exactly: 3 of 3 with one breaching and two filled", () => {
            // - - - 0 X: 2 real, 1 filled as breaching -> 2 breaching, not 3: OK; - - - X X: 3 -> ALARM.
            assert.strictEqual(evaluateRange(points("- - - 0 X"), rule(3, 3, "breaching"), "OK"), "OK");
            assert.strictEqual(evaluateRange(points("- - - X X"), rule(3, 3, "breaching"), "OK"), "ALARM");
        });
        it("a guarded 2-of-3 rate alarm whose breaching hours are separated by hours under the guard alarms", () => {
            // Hours under the guard have no datapoint: X - X alarms (2 of 3), as CloudWatch would.
            const values = [5, undefined, 5, undefined, undefined, undefined, undefined];
            const entries: [number, number][] = [];
            values.forEach((v, i) => v !== undefined && entries.push([T0 + i * HOUR + 30 * MINUTE, v]));
            const source = metricSourceFrom({ [KEY]: series(entries) });
            const e = evaluateAlarm(alarm({ evaluationPeriods: 3, datapointsToAlarm: 2 }), source, { start: T0, end: T0 + 7 * HOUR, window: "wall-clock" });
            assert.deepStrictEqual(e.states, ["OK", "OK", "ALARM", "ALARM", "ALARM", "OK", "OK"]);
        });
    });

    describe("premature transitions with missing data treated as missing", () => {
        it("ALARM once the oldest breaching datapoint is M periods old, INSUFFICIENT_DATA one period before", () => {
            // 3 of 3: X at 3 periods old alarms; at 2 periods old it does not yet.
            assert.strictEqual(evaluateRange(points("- - X - -"), rule(3, 3, "missing"), "OK"), "ALARM");
            assert.strictEqual(evaluateRange(points("- - - X -"), rule(3, 3, "missing"), "OK"), "INSUFFICIENT_DATA");
        });
        it("counts the age from the oldest breaching datapoint, not the newest", () => {
            // 3 of 3, X - - X -: the oldest is 5 periods old -> ALARM (the newest alone, 2 old, would not).
            assert.strictEqual(evaluateRange(points("X - - X -"), rule(3, 3, "missing"), "OK"), "ALARM");
            // ignore keeps the state instead.
            assert.strictEqual(evaluateRange(points("X - - X -"), rule(3, 3, "ignore"), "OK"), "OK");
        });
        it("refuses a missing-data treatment CloudWatch does not have", () => {
            assert.throws(() => evaluateRange(points("- X"), rule(3, 3, "zero" as TreatMissingData), "OK"), /treatMissingData zero is not supported/);
        });
    });

    describe("LessThan alarms: missing traffic and a blind canary", () => {
        // At most 1 send an hour over 3 hours means the traffic has stopped; no datapoint at all is
        // the same, so missing data breaches.
        const quiet = alarm({ comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: "breaching" });
        const run = (values: (number | undefined)[]) => {
            const entries: [number, number][] = [];
            values.forEach((v, i) => v !== undefined && entries.push([T0 + i * HOUR + 5 * MINUTE, v]));
            return evaluateAlarm(quiet, metricSourceFrom({ [KEY]: series(entries) }), { start: T0, end: T0 + values.length * HOUR, window: "wall-clock" }).states;
        };
        it("alarms once no send is left in the evaluation range (N + 2 periods), and recovers with the first one", () => {
            const gap = [undefined, undefined, undefined, undefined, undefined];
            assert.deepStrictEqual(run([4, ...gap, 2]), ["OK", "OK", "OK", "OK", "OK", "ALARM", "OK"]);
        });
        it("a period at exactly the threshold is not below it; below it breaches", () => {
            assert.deepStrictEqual(run([1, 1, 1]), ["OK", "OK", "OK"]);
            // With no history the missing periods breach too: ALARM from the first period below.
            assert.deepStrictEqual(run([0, 0, 0]), ["ALARM", "ALARM", "ALARM"]);
            assert.deepStrictEqual(run([1, 1, 1, 0, 0, 0]), ["OK", "OK", "OK", "OK", "OK", "ALARM"]);
        });
        it("LessThanOrEqual: exactly at the threshold breaches", () => {
            const le = { ...quiet, comparisonOperator: "LessThanOrEqualToThreshold" as const };
            const e = evaluateAlarm(le, metricSourceFrom({ [KEY]: series([[T0, 1], [T0 + HOUR, 1], [T0 + 2 * HOUR, 1]]) }), { start: T0, end: T0 + 3 * HOUR, window: "wall-clock" });
            assert.deepStrictEqual(e.states, ["ALARM", "ALARM", "ALARM"]);
        });
    });

    describe("Maximum and Minimum windows (the quota alarms)", () => {
        const perMinute = (entries: [number, number][]) => metricSourceFrom({ [KEY]: series(entries.map(([m, v]) => [T0 + m * MINUTE, v])) });
        const fiveMinutes = (stat: string) => alarm({ stat, periodSeconds: 300, threshold: 80 });

        it("Maximum: the largest datapoint of the window, also among several in one minute", () => {
            const e = evaluateAlarm(fiveMinutes("Maximum"), perMinute([[0, 10], [1, 85], [1, 20], [2, 30], [7, 40]]), { start: T0, end: T0 + 10 * MINUTE });
            // Windows end with minutes 4 .. 9: minutes 0-4 (85), 1-5 (85), 2-6 (30), 3-7 (40), 4-8, 5-9 (40).
            assert.deepStrictEqual(Array.from(e.values.slice(4)), [85, 85, 30, 40, 40, 40]);
            assert.deepStrictEqual(e.states.slice(4), ["ALARM", "ALARM", "OK", "OK", "OK", "OK"]);
        });
        it("Minimum: the smallest datapoint of the window", () => {
            const e = evaluateAlarm(fiveMinutes("Minimum"), perMinute([[0, 90], [1, 85], [1, 95], [5, 99], [6, 81]]), { start: T0, end: T0 + 10 * MINUTE });
            assert.deepStrictEqual(Array.from(e.values.slice(4)), [85, 85, 81, 81, 81, 81]);
        });
        it("a window that reaches before the first minute has no datapoint, even with data in it", () => {
            for (const stat of ["Maximum", "Minimum", "Sum"]) {
                const e = evaluateAlarm(fiveMinutes(stat), perMinute([[0, 90], [1, 90]]), { start: T0, end: T0 + 6 * MINUTE });
                assert.ok(Array.from(e.values.slice(0, 4)).every(Number.isNaN), stat);
                assert.strictEqual(e.values[4], stat === "Sum" ? 180 : 90, stat);
            }
        });
        it("datapoints before the start, or without a value, do not count", () => {
            for (const stat of ["Maximum", "Sum", "SampleCount"]) {
                const e = evaluateAlarm(fiveMinutes(stat), perMinute([[-1, 500], [-0.5, 500], [0, 10], [2, NaN], [3, 2]]), { start: T0, end: T0 + 5 * MINUTE });
                assert.strictEqual(e.values[4], { Maximum: 10, Sum: 12, SampleCount: 2 }[stat], stat);
            }
        });
        it("the last minute of the evaluation has its window too", () => {
            const e = evaluateAlarm(fiveMinutes("Sum"), perMinute([[9, 7]]), { start: T0, end: T0 + 10 * MINUTE });
            assert.strictEqual(e.values[9], 7);
            assert.strictEqual(e.states[9], "OK");
            const max = evaluateAlarm(fiveMinutes("Maximum"), perMinute([[9, 99]]), { start: T0, end: T0 + 10 * MINUTE });
            assert.deepStrictEqual([max.values[9], max.states[9]], [99, "ALARM"]);
        });
        it("refuses a statistic it cannot compute, sliding and on the clock", () => {
            assert.throws(() => evaluateAlarm(fiveMinutes("p99"), perMinute([[0, 1]]), { start: T0, end: T0 + 10 * MINUTE }), /statistic p99 is not supported/);
            assert.throws(() => evaluateAlarm(fiveMinutes("p99"), perMinute([[0, 1]]), { start: T0, end: T0 + 10 * MINUTE, window: "wall-clock" }), /statistic p99 is not supported/);
        });
    });

    describe("aggregation", () => {
        it("skips a datapoint without a value instead of making the period's sum NaN", () => {
            const s = series([[T0, 2], [T0 + 1, NaN], [T0 + 2, 1]]);
            assert.strictEqual(aggregate(s, "Sum", T0, HOUR, 1)[0], 3);
            assert.strictEqual(aggregate(s, "SampleCount", T0, HOUR, 1)[0], 2);
            assert.strictEqual(aggregate(s, "Average", T0, HOUR, 1)[0], 1.5);
        });
        it("a datapoint exactly at a period's start belongs to it, one at its end to the next", () => {
            const s = series([[T0, 1], [T0 + HOUR, 10]]);
            assert.deepStrictEqual(Array.from(aggregate(s, "Sum", T0, HOUR, 2)), [1, 10]);
            assert.deepStrictEqual(Array.from(aggregate(s, "Sum", T0, HOUR, 1)), [1]);
        });
    });

    describe("metric identity", () => {
        it("keys a metric by namespace, name and dimensions sorted by name", () => {
            const key = metricKey({ namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "main", "ses:caller-identity": "app" } });
            assert.strictEqual(key, "AWS/SES Send ses:caller-identity=app ses:configuration-set=main");
        });
        it("finds a series whichever order the dimensions are written in", () => {
            const s = series([[T0, 1]]);
            const source = metricSourceFrom(new Map([[metricKey({ namespace: "N", metricName: "M", dimensions: { b: "2", a: "1" } }), s]]));
            assert.strictEqual(source({ namespace: "N", metricName: "M", dimensions: { a: "1", b: "2" } }), s);
            assert.strictEqual(source({ namespace: "N", metricName: "M", dimensions: { a: "1", b: "3" } }), undefined);
        });
    });

    describe("alarms CloudWatch would refuse", () => {
        const base = alarm();
        const metric = { ...base.queries[0], returnData: false };
        it("a query id used twice", () => {
            assert.throws(() => compileAlarm({ ...base, queries: [base.queries[0], metric] }), /alarm a: query id m is used twice/);
        });
        it("a query with both a metric and an expression, or neither", () => {
            assert.throws(() => compileAlarm({ ...base, queries: [{ ...base.queries[0], expression: "1" }] }), /alarm a: query m must have either a metric or an expression/);
            assert.throws(() => compileAlarm({ ...base, queries: [{ id: "e", label: "e", returnData: true }] }), /query e must have either a metric or an expression/);
        });
        it("expressions that read each other in a cycle", () => {
            assert.throws(() => compileAlarm({ ...base, queries: [metric, { id: "x", label: "x", expression: "y + m", returnData: true }, { id: "y", label: "y", expression: "x * 2", returnData: false }] }), /alarm a: expression x depends on itself/);
            assert.throws(() => compileAlarm({ ...base, queries: [metric, { id: "x", label: "x", expression: "x + m", returnData: true }] }), /expression x depends on itself/);
        });
        it("a sliding alarm whose period is not whole minutes", () => {
            assert.throws(() => evaluateAlarm(alarm({ periodSeconds: 90 }), metricSourceFrom({}), { start: T0, end: T0 + HOUR }), /alarm a: period 90 s is not whole minutes/);
        });
    });

    describe("expressions over expressions", () => {
        it("orders a shared expression once, before every expression that reads it", () => {
            const metric = { ...alarm().queries[0], returnData: false };
            const compiled = compileAlarm({
                ...alarm(),
                queries: [
                    { id: "top", label: "t", expression: "left + right", returnData: true },
                    { id: "left", label: "l", expression: "base * 2", returnData: false },
                    { id: "right", label: "r", expression: "base * 3", returnData: false },
                    { id: "base", label: "b", expression: "m + 1", returnData: false },
                    metric,
                ],
            });
            assert.deepStrictEqual(compiled.order.map((o) => o.id), ["base", "left", "right", "top"]);
        });
        it("an expression that overflows to Infinity has no datapoint", () => {
            const a = alarm({ queries: [{ ...alarm().queries[0], returnData: false }, { id: "big", label: "big", expression: "m * 1e308", returnData: true }] });
            const e = evaluateAlarm(a, metricSourceFrom({ [KEY]: series([[T0, 10], [T0 + HOUR, 0.5]]) }), { start: T0, end: T0 + 2 * HOUR, window: "wall-clock" });
            assert.ok(Number.isNaN(e.values[0]));
            assert.strictEqual(e.values[1], 0.5e308);
        });
    });

    describe("a shared minute cache", () => {
        it("is used only when it covers the same minutes: a cache of another start or length is replaced", () => {
            const source = metricSourceFrom({ [KEY]: series([[T0 + 3 * HOUR + 5 * MINUTE, 4]]) });
            const fresh = evaluateAlarm(alarm(), source, { start: T0 + 3 * HOUR, end: T0 + 5 * HOUR });
            for (const cache of [new MinuteCache(T0, 120), new MinuteCache(T0 + 3 * HOUR, 60)]) {
                cache.window({ namespace: "Test", metricName: "M", dimensions: {} }, "Sum", 60, series([[T0 + 5 * MINUTE, 99]]));
                const reused = evaluateAlarm(alarm(), source, { start: T0 + 3 * HOUR, end: T0 + 5 * HOUR, cache });
                assert.deepStrictEqual(Array.from(reused.values), Array.from(fresh.values));
                assert.deepStrictEqual(reused.states, fresh.states);
            }
        });
    });
});
