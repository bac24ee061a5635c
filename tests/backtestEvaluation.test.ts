import * as assert from "assert";
import {
    aggregate,
    alignDown,
    AlarmState,
    compileAlarm,
    evaluateAlarm,
    EvaluableAlarm,
    evaluateRange,
    metricKey,
    metricSourceFrom,
    MetricSeries,
    periodValues,
    RangeRule,
    TreatMissingData,
} from "../tools/backtest/evaluation";
import { planSesMonitoring } from "../components/sesMonitoring";
import { baselineAlarms } from "../tools/backtest/baselines";
import { loadStackConfig, stackArgs } from "../tools/stack";
import * as path from "path";
import { AlarmSpec } from "../components/shared/alarmSpecs";

const ROOT = path.resolve(__dirname, "..");
const MODES: TreatMissingData[] = ["missing", "ignore", "breaching", "notBreaching"];

/** "0 - X - X" (oldest first): 0 within the threshold, X breaching, - missing. */
function points(text: string): (number | undefined)[] {
    return text.trim().split(/\s+/).map((c) => (c === "X" ? 5 : c === "0" ? 1 : undefined));
}

const rule = (m: number, n: number, mode: TreatMissingData): RangeRule => ({
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 3,
    evaluationPeriods: n,
    datapointsToAlarm: m,
    treatMissingData: mode,
});

type Expected = AlarmState | "retain";

/**
 * The example tables of the CloudWatch User Guide, "Configuring how CloudWatch alarms treat missing
 * data" (alarms-and-missing-data.html, "How alarm state is evaluated when data is missing"): the 5
 * most recent datapoints, columns MISSING, IGNORE, BREACHING, NOT BREACHING. The current page's
 * rows, `- - X - -` (3 of 3) and `- - - X -` (2 of 3) among them ("Avoiding premature transitions
 * to alarm state"), then the rows an older copy of the page had, which the current rule keeps.
 */
const THREE_OF_THREE: [string, Expected[]][] = [
    ["0 - X - X", ["OK", "OK", "OK", "OK"]],
    ["0 - - - -", ["OK", "OK", "OK", "OK"]],
    ["- - - - -", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]],
    ["0 X X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["- - X - -", ["ALARM", "retain", "ALARM", "OK"]],
    // Older copy of the page:
    ["- - - - X", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]],
    ["X - - - -", ["ALARM", "retain", "ALARM", "OK"]],
];
const TWO_OF_THREE: [string, Expected[]][] = [
    ["0 - X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["0 0 X 0 X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["0 - X - -", ["OK", "OK", "ALARM", "OK"]],
    ["- - - - 0", ["OK", "OK", "ALARM", "OK"]],
    ["- - - X -", ["ALARM", "retain", "ALARM", "OK"]],
    // Older copy of the page:
    ["- - - - X", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]],
];

const MINUTE = 60;
const HOUR = 3600;
const T0 = Date.UTC(2026, 0, 5) / 1000;

function series(entries: [number, number][]): MetricSeries {
    return { timestamps: entries.map((e) => e[0]), values: entries.map((e) => e[1]) };
}

/** A one-metric alarm on `m` (Sum, hourly) for the state-machine tests. */
function simpleAlarm(mode: TreatMissingData, n = 1, m = 1): EvaluableAlarm {
    return {
        name: "simple",
        queries: [{ id: "m", label: "m", metric: { namespace: "Test", metricName: "M", dimensions: {}, stat: "Sum", periodSeconds: HOUR }, returnData: true }],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 3,
        periodSeconds: HOUR,
        evaluationPeriods: n,
        datapointsToAlarm: m,
        treatMissingData: mode,
    };
}

/** Hourly values (undefined = no datapoint) as a source for `simpleAlarm`. */
function hourly(values: (number | undefined)[]) {
    const entries: [number, number][] = [];
    values.forEach((v, i) => {
        if (v !== undefined) entries.push([T0 + i * HOUR + 30 * MINUTE, v]);
    });
    return metricSourceFrom({ [metricKey({ namespace: "Test", metricName: "M", dimensions: {} })]: series(entries) });
}

describe("alarm evaluation", () => {
    describe("the CloudWatch User Guide's missing-data examples", () => {
        for (const [table, m, rows] of [["3 of 3", 3, THREE_OF_THREE], ["2 of 3", 2, TWO_OF_THREE]] as const) {
            for (const [data, expected] of rows) {
                it(`${table}: ${data} -> ${expected.join(" / ")}`, () => {
                    MODES.forEach((mode, i) => {
                        for (const current of ["OK", "ALARM", "INSUFFICIENT_DATA"] as AlarmState[]) {
                            const want = expected[i] === "retain" ? current : expected[i];
                            assert.strictEqual(evaluateRange(points(data), rule(m, 3, mode), current), want, `${mode} from ${current}`);
                        }
                    });
                });
            }
        }

        it("reproduces a table row through the whole pipeline: raw datapoints, periods, evaluation range", () => {
            // 0 X X - X at hours 0-4, evaluated at the end of hour 4: ALARM whatever the mode, on the
            // wall clock and sliding (whose evaluation at the end of hour 4 reads the same hours).
            for (const mode of MODES) {
                const result = evaluateAlarm(simpleAlarm(mode, 3, 3), hourly([1, 5, 5, undefined, 5]), { start: T0, end: T0 + 5 * HOUR, window: "wall-clock" });
                assert.strictEqual(result.states[4], "ALARM", mode);
                const sliding = evaluateAlarm(simpleAlarm(mode, 3, 3), hourly([1, 5, 5, undefined, 5]), { start: T0, end: T0 + 5 * HOUR });
                assert.strictEqual(sliding.states[5 * 60 - 1], "ALARM", mode);
            }
        });
    });

    describe("aggregation into aligned periods", () => {
        it("sums raw datapoints per aligned period and leaves a period without any datapoint missing", () => {
            const s = series([[T0 + 10, 2], [T0 + 59 * MINUTE, 3], [T0 + HOUR, 4], [T0 + 3 * HOUR - 1, 1]]);
            const sums = aggregate(s, "Sum", T0, HOUR, 3);
            assert.deepStrictEqual(Array.from(sums.slice(0, 2)), [5, 4]);
            assert.strictEqual(sums[2], 1);
            const gap = aggregate(series([[T0, 1], [T0 + 2 * HOUR, 1]]), "Sum", T0, HOUR, 3);
            assert.ok(Number.isNaN(gap[1]));
        });

        it("applies Average, Minimum, Maximum and SampleCount, and ignores datapoints outside the range", () => {
            const s = series([[T0 - 1, 100], [T0 + 1, 2], [T0 + 2, 4], [T0 + HOUR, 100]]);
            assert.strictEqual(aggregate(s, "Average", T0, HOUR, 1)[0], 3);
            assert.strictEqual(aggregate(s, "Minimum", T0, HOUR, 1)[0], 2);
            assert.strictEqual(aggregate(s, "Maximum", T0, HOUR, 1)[0], 4);
            assert.strictEqual(aggregate(s, "SampleCount", T0, HOUR, 1)[0], 2);
            assert.throws(() => aggregate(s, "p99", T0, HOUR, 1), /p99 is not supported/);
        });

        it("aligns periods to multiples of the period since the epoch", () => {
            assert.strictEqual(alignDown(T0 + 17 * MINUTE, HOUR), T0);
            assert.strictEqual(alignDown(T0 + 7 * HOUR, 6 * HOUR), T0 + 6 * HOUR);
            const result = evaluateAlarm(simpleAlarm("notBreaching"), hourly([1, 5]), { start: T0 + 20 * MINUTE, end: T0 + 2 * HOUR, window: "wall-clock" });
            assert.strictEqual(result.start, T0);
            assert.strictEqual(result.values.length, 2);
        });
    });

    describe("treatMissingData over time", () => {
        // Breaching for one hour, then the metric stops: the last real datapoint stays in the
        // evaluation range (N + 2 periods) before missing data decides.
        const values = [5, undefined, undefined, undefined, undefined];
        const run = (mode: TreatMissingData) => evaluateAlarm(simpleAlarm(mode), hourly(values), { start: T0, end: T0 + 5 * HOUR, window: "wall-clock" }).states;

        it("notBreaching: back to OK once the breaching datapoint leaves the evaluation range", () => {
            assert.deepStrictEqual(run("notBreaching"), ["ALARM", "ALARM", "ALARM", "OK", "OK"]);
        });
        it("breaching: stays in ALARM", () => {
            assert.deepStrictEqual(run("breaching"), ["ALARM", "ALARM", "ALARM", "ALARM", "ALARM"]);
        });
        it("ignore: keeps the last state", () => {
            assert.deepStrictEqual(run("ignore"), ["ALARM", "ALARM", "ALARM", "ALARM", "ALARM"]);
        });
        it("missing: INSUFFICIENT_DATA once nothing is left in the range", () => {
            assert.deepStrictEqual(run("missing"), ["ALARM", "ALARM", "ALARM", "INSUFFICIENT_DATA", "INSUFFICIENT_DATA"]);
        });
        it("a new alarm with no data: INSUFFICIENT_DATA except where missing data decides", () => {
            const empty = (mode: TreatMissingData) => evaluateAlarm(simpleAlarm(mode), hourly([]), { start: T0, end: T0 + HOUR, window: "wall-clock" }).states[0];
            assert.strictEqual(empty("missing"), "INSUFFICIENT_DATA");
            assert.strictEqual(empty("ignore"), "INSUFFICIENT_DATA");
            assert.strictEqual(empty("notBreaching"), "OK");
            assert.strictEqual(empty("breaching"), "ALARM");
        });
    });

    describe("state transitions", () => {
        it("records each change with the time of the evaluation and the newest value", () => {
            const result = evaluateAlarm(simpleAlarm("notBreaching"), hourly([1, 1, 5, 1]), { start: T0, end: T0 + 4 * HOUR, window: "wall-clock" });
            assert.deepStrictEqual(result.transitions.map((t) => [t.time - T0, t.from, t.to, t.value]), [
                [HOUR, "INSUFFICIENT_DATA", "OK", 1],
                [3 * HOUR, "OK", "ALARM", 5],
                [4 * HOUR, "ALARM", "OK", 1],
            ]);
        });

        it("M of N: 2 breaching of the last 3 datapoints, not necessarily consecutive", () => {
            const states = evaluateAlarm(simpleAlarm("notBreaching", 3, 2), hourly([5, 1, 1, 5, 1, 5, 1, 1]), { start: T0, end: T0 + 8 * HOUR, window: "wall-clock" }).states;
            assert.deepStrictEqual(states, ["OK", "OK", "OK", "OK", "OK", "ALARM", "OK", "OK"]);
        });

        it("compares with each operator", () => {
            for (const [op, value, want] of [
                ["GreaterThanThreshold", 3, "OK"],
                ["GreaterThanThreshold", 4, "ALARM"],
                ["LessThanThreshold", 2, "ALARM"],
                ["LessThanOrEqualToThreshold", 3, "ALARM"],
            ] as const) {
                const alarm = { ...simpleAlarm("notBreaching"), comparisonOperator: op };
                assert.strictEqual(evaluateAlarm(alarm, hourly([value]), { start: T0, end: T0 + HOUR, window: "wall-clock" }).states[0], want, `${op} ${value}`);
            }
        });
    });

    describe("sliding windows, evaluated every minute (as deployed), against the wall clock", () => {
        /** Raw per-minute datapoints of metric `name`: [minute since T0, value]. */
        const perMinute = (entries: [number, number][]): MetricSeries => series(entries.map(([m, v]) => [T0 + m * MINUTE, v]));
        const key = (name: string) => metricKey({ namespace: "Test", metricName: name, dimensions: {} });
        const metricQuery = (id: string, name: string, periodSeconds: number) => ({ id, label: id, metric: { namespace: "Test", metricName: name, dimensions: {}, stat: "Sum" as const, periodSeconds }, returnData: false });
        const rateAlarm = (periodSeconds: number, guard: number, threshold: number, n: number, m: number): EvaluableAlarm => ({
            name: "rate",
            queries: [
                metricQuery("sends", "Send", periodSeconds),
                metricQuery("bounces", "Bounce", periodSeconds),
                { id: "rate", label: "rate", expression: `IF(sends >= ${guard}, 100 * FILL(bounces, 0) / sends)`, returnData: true },
            ],
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold,
            periodSeconds,
            evaluationPeriods: n,
            datapointsToAlarm: m,
            treatMissingData: "notBreaching",
        });
        const alarmTimes = (e: { transitions: { to: string; time: number }[] }) => e.transitions.filter((t) => t.to === "ALARM").map((t) => (t.time - T0) / MINUTE);

        it("a breach straddling an hour boundary: sliding alarms, the clock hours never do", () => {
            // A datapoint every minute, 0 but for 2 at 10:50 and 2 at 11:10: each clock hour sums 2,
            // under 3; the hour ending 11:10 sums 4.
            const entries: [number, number][] = [];
            for (let m = 0; m < 14 * 60; m++) entries.push([m, 0]);
            entries.push([10 * 60 + 50, 2], [11 * 60 + 10, 2]);
            const source = metricSourceFrom({ [key("M")]: perMinute(entries) });
            const options = { start: T0, end: T0 + 14 * HOUR };
            const sliding = evaluateAlarm(simpleAlarm("notBreaching"), source, options);
            const clock = evaluateAlarm(simpleAlarm("notBreaching"), source, { ...options, window: "wall-clock" });
            assert.deepStrictEqual(clock.states.slice(9, 13), ["OK", "OK", "OK", "OK"]);
            assert.deepStrictEqual(alarmTimes(clock), []);
            // OK at the first evaluation (00:01, missing data not breaching); ALARM evaluated at the end
            // of minute 11:10 (11:11); back to OK when 10:50 leaves the hour (11:51).
            assert.deepStrictEqual(sliding.transitions.map((t) => [(t.time - T0) / MINUTE, t.to]), [
                [1, "OK"],
                [11 * 60 + 11, "ALARM"],
                [11 * 60 + 51, "OK"],
            ]);
        });

        it("a window that reaches the guard only when it slides", () => {
            // 300 sends in 10:40-10:59 and 300 in 11:00-11:19, 5 % bounced: each clock hour holds
            // 300 sends, under the 500 guard, so no datapoint; the hour ending 11:19 holds 600.
            const sends: [number, number][] = [];
            for (let m = 10 * 60 + 40; m < 11 * 60 + 20; m++) sends.push([m, 15]);
            const source = metricSourceFrom({
                [key("Send")]: perMinute(sends),
                [key("Bounce")]: perMinute([[10 * 60 + 45, 15], [11 * 60 + 5, 15]]),
            });
            const alarm = rateAlarm(HOUR, 500, 2, 1, 1);
            const clock = evaluateAlarm(alarm, source, { start: T0, end: T0 + 14 * HOUR, window: "wall-clock" });
            assert.ok(Array.from(clock.values).every((v) => Number.isNaN(v)), "no clock hour reaches the guard");
            assert.deepStrictEqual(alarmTimes(clock), []);
            const sliding = evaluateAlarm(alarm, source, { start: T0, end: T0 + 14 * HOUR });
            // The first hour with 500 sends ends with minute 11:13 (10:14-11:13: 34 minutes of 15).
            // Once the sends stop, the newest hour has no datapoint, and a breaching hour still in
            // the evaluation range (N + 2 periods back) is the most recent real datapoint: ALARM again
            // an hour and two hours later, as the documented rule gives for a sparse metric.
            assert.deepStrictEqual(alarmTimes(sliding), [11 * 60 + 14, 12 * 60 + 14, 13 * 60 + 14]);
            assert.strictEqual(sliding.values[11 * 60 + 19], 5);
        });

        it("flapping on partial 5-minute windows: a burst every 7 minutes alarms three times sliding, once on the clock", () => {
            const sends: [number, number][] = [];
            for (let m = 600; m < 640; m++) sends.push([m, 100]);
            // 30 bounces at 10:00, 10:07 and 10:14 (minutes 600, 607, 614).
            const source = metricSourceFrom({ [key("Send")]: perMinute(sends), [key("Bounce")]: perMinute([[600, 30], [607, 30], [614, 30]]) });
            const alarm = rateAlarm(300, 300, 4, 1, 1);
            const clock = evaluateAlarm(alarm, source, { start: T0, end: T0 + 11 * HOUR, window: "wall-clock" });
            assert.deepStrictEqual(alarmTimes(clock), [605]);
            const sliding = evaluateAlarm(alarm, source, { start: T0, end: T0 + 11 * HOUR });
            // Each burst is inside the windows ending with its minute and the 4 after: ALARM for those
            // (the first once 300 sends are in the window), then 2 windows without a burst, OK.
            assert.deepStrictEqual(alarmTimes(sliding), [603, 608, 615]);
            assert.deepStrictEqual(sliding.transitions.filter((t) => t.to === "OK" && t.time > T0 + 600 * MINUTE).map((t) => (t.time - T0) / MINUTE), [606, 613, 620]);
        });

        it("each sliding value equals the aggregate of the period ending at that minute (prefix sums)", () => {
            let x = 7;
            const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
            const entries: [number, number][] = [];
            for (let m = 0; m < 3 * 24 * 60; m++) if (rand() < 0.3) entries.push([T0 + m * MINUTE + Math.floor(rand() * 60), Math.floor(rand() * 10)]);
            const s = series(entries);
            const source = metricSourceFrom({ [key("M")]: s });
            for (const stat of ["Sum", "Average", "Minimum", "Maximum", "SampleCount"] as const) {
                for (const period of [300, HOUR]) {
                    const alarm = { ...simpleAlarm("notBreaching"), periodSeconds: period, queries: [{ ...simpleAlarm("notBreaching").queries[0], metric: { namespace: "Test", metricName: "M", dimensions: {}, stat: stat as "Sum", periodSeconds: period } }] };
                    const e = evaluateAlarm(alarm, source, { start: T0, end: T0 + 3 * 24 * HOUR });
                    for (let i = 0; i < 200; i++) {
                        const m = period / 60 - 1 + Math.floor(rand() * (3 * 24 * 60 - period / 60));
                        const want = aggregate(s, stat, T0 + (m + 1) * MINUTE - period, period, 1)[0];
                        const got = e.values[m];
                        assert.ok(Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) < 1e-9, `${stat} ${period} at minute ${m}: ${got} vs ${want}`);
                    }
                }
            }
        });

        it("a window reaching before the data starts has no datapoint, and an unknown window is refused", () => {
            const e = evaluateAlarm(simpleAlarm("notBreaching"), hourly([5]), { start: T0, end: T0 + 2 * HOUR });
            assert.ok(Number.isNaN(e.values[58]) && e.values[59] === 5);
            assert.throws(() => evaluateAlarm(simpleAlarm("notBreaching"), hourly([5]), { start: T0, end: T0 + HOUR, window: "calendar" as never }), /window calendar is not one of sliding, wall-clock/);
        });
    });

    describe("the expressions the component generates", () => {
        const stacks: [string, AlarmSpec[]][] = [
            ["defaults", planSesMonitoring({ configurationSets: { main: {} } } as never, { project: "ses-monitoring", stack: "defaults" }).alarms],
            ...["dev", "prod"].map((stack): [string, AlarmSpec[]] => {
                const config = loadStackConfig(ROOT, stack);
                return [stack, planSesMonitoring(stackArgs(config), { project: config.project, stack }).alarms];
            }),
        ];

        for (const [stack, alarms] of stacks) {
            it(`${stack}: every alarm compiles (one returned query, known ids, one period) and parses`, () => {
                assert.ok(alarms.length > 0);
                // The fast windows (bounce and reject of every set) are among them, on 5-minute periods.
                const fast = alarms.filter((a) => a.window === "fast");
                assert.deepStrictEqual([...new Set(fast.map((a) => a.measure))].sort(), ["bounceRate", "rejectRate"]);
                assert.ok(fast.every((a) => a.periodSeconds === 300 && a.severity === "critical"));
                for (const alarm of [...alarms, ...baselineAlarms("main", 2)]) compileAlarm(alarm);
            });

            it(`${stack}: every rate expression computes 100 * events / sends above its guard and nothing below`, () => {
                for (const alarm of alarms.filter((a) => a.source === "events" && a.threshold === a.thresholdPercent)) {
                    const guard = Number(/sends >= (\d+)/.exec(alarm.queries.find((q) => q.returnData)!.expression!)![1]);
                    const [sends, events] = alarm.queries.filter((q) => q.metric);
                    const p = alarm.periodSeconds;
                    const at = (i: number) => T0 + i * p + 1;
                    // Period 0: guard met, 3 % events. 1: guard met, no events (0 %). 2: below the guard. 3: no sends.
                    const source = metricSourceFrom({
                        [metricKey(sends.metric!)]: series([[at(0), guard * 2], [at(1), guard], [at(2), guard - 1]]),
                        [metricKey(events.metric!)]: series([[at(0), guard * 0.06], [at(2), guard], [at(3), 5]]),
                    });
                    const values = periodValues(alarm, source, T0, 4);
                    assert.ok(Math.abs(values[0] - 3) < 1e-9, `${alarm.name}: ${values[0]}`);
                    assert.strictEqual(values[1], 0, alarm.name);
                    assert.ok(Number.isNaN(values[2]) && Number.isNaN(values[3]), alarm.name);
                }
            });

            it(`${stack}: every confidence bound computes 2 (sqrt(events) - sqrt(tier x sends)), and nothing without sends`, () => {
                const bounded = alarms.filter((a) => a.source === "events" && a.threshold !== a.thresholdPercent);
                // The reject rate has the bound by default (a stack may turn it off).
                if (stack === "defaults") assert.deepStrictEqual([...new Set(bounded.map((a) => a.measure))], ["rejectRate"]);
                for (const alarm of bounded) {
                    assert.strictEqual(alarm.threshold, 3.1, alarm.name);
                    const [sends, events] = alarm.queries.filter((q) => q.metric);
                    const p = alarm.periodSeconds;
                    const at = (i: number) => T0 + i * p + 1;
                    // Period 0: 400 sends, 30 events. 1: 400 sends, none. 2: events without sends.
                    const source = metricSourceFrom({
                        [metricKey(sends.metric!)]: series([[at(0), 400], [at(1), 400]]),
                        [metricKey(events.metric!)]: series([[at(0), 30], [at(2), 5]]),
                    });
                    const values = periodValues(alarm, source, T0, 3);
                    const tier = alarm.thresholdPercent / 100;
                    assert.ok(Math.abs(values[0] - 2 * (Math.sqrt(30) - Math.sqrt(tier * 400))) < 1e-9, `${alarm.name}: ${values[0]}`);
                    assert.ok(Math.abs(values[1] + 2 * Math.sqrt(tier * 400)) < 1e-9, `${alarm.name}: ${values[1]}`);
                    assert.ok(Number.isNaN(values[2]), alarm.name);
                }
            });

            it(`${stack}: every reputation alarm reads AWS's fraction as it is`, () => {
                for (const alarm of alarms.filter((a) => a.source === "reputation")) {
                    const metric = alarm.queries[0].metric!;
                    const source = metricSourceFrom({ [metricKey(metric)]: series([[T0 + 60, 0.01], [T0 + 120, 0.03]]) });
                    assert.strictEqual(periodValues(alarm, source, alignDown(T0, alarm.periodSeconds), 1)[0], 0.02);
                }
            });
        }

        it("refuses an alarm CloudWatch would refuse", () => {
            const base = simpleAlarm("notBreaching");
            assert.throws(() => compileAlarm({ ...base, queries: [{ ...base.queries[0], returnData: false }] }), /exactly one query/);
            assert.throws(() => compileAlarm({ ...base, queries: [...base.queries.map((q) => ({ ...q, returnData: false })), { id: "e", label: "e", expression: "m / x", returnData: true }] }), /unknown id x/);
            assert.throws(() => compileAlarm({ ...base, periodSeconds: 300 }), /period 3600, the alarm 300/);
            assert.throws(() => compileAlarm({ ...base, queries: [...base.queries.map((q) => ({ ...q, returnData: false })), { id: "e", label: "e", expression: "RATE(m)", returnData: true }] }), /unsupported function RATE/);
        });

        it("evaluates expressions that read other expressions, in any order", () => {
            const base = simpleAlarm("notBreaching");
            const alarm: EvaluableAlarm = {
                ...base,
                queries: [
                    { id: "total", label: "t", expression: "half * 2", returnData: true },
                    { ...base.queries[0], returnData: false },
                    { id: "half", label: "h", expression: "m / 2", returnData: false },
                ],
            };
            assert.strictEqual(periodValues(alarm, hourly([7]), T0, 1)[0], 7);
        });
    });
});

describe("scores over seeds", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { aggregateSeeds, formatCell } = require("../tools/backtest/scoring") as typeof import("../tools/backtest/scoring");
    const score = (delay: number | undefined, fa: number) => ({ group: "ours", applicable: true, detected: delay !== undefined, delaySeconds: delay, falseAlarmsPer30Days: fa });

    it("takes the median and the worst delay, a miss counting as later than any delay, and sums false alarms", () => {
        const a = aggregateSeeds("ours", [[11, 600, 0], [12, 120, 2], [13, undefined, 0], [14, 300, 1]].map(([seed, d, fa]) => ({ seed: seed as number, score: score(d as number | undefined, fa as number) })));
        assert.deepStrictEqual([a.medianDelaySeconds, a.worstDelaySeconds, a.missed, a.falseAlarms, a.worstSeedFalseAlarms, a.worstSeed], [300, undefined, 1, 3, 2, 12]);
        assert.strictEqual(formatCell(a), "5 min / missed (1 missed), 3 FA (worst seed 2)");
        const all = aggregateSeeds("ours", [11, 12].map((seed) => ({ seed, score: score(undefined, 0) })));
        assert.strictEqual(formatCell(all), "missed / missed, 0 FA");
    });
});
