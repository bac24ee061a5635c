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
 * data" (AlarmThatSendsEmail.html#alarms-and-missing-data, "How alarm state is evaluated when data
 * is missing"): the 5 most recent datapoints, columns MISSING, IGNORE, BREACHING, NOT BREACHING.
 */
const THREE_OF_THREE: [string, Expected[]][] = [
    ["0 - X - X", ["OK", "OK", "OK", "OK"]],
    ["0 - - - -", ["OK", "OK", "OK", "OK"]],
    ["- - - - -", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]],
    ["0 X X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["- - - - X", ["INSUFFICIENT_DATA", "retain", "ALARM", "OK"]],
    ["X - - - -", ["ALARM", "retain", "ALARM", "OK"]],
];
const TWO_OF_THREE: [string, Expected[]][] = [
    ["0 - X - X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["0 0 X 0 X", ["ALARM", "ALARM", "ALARM", "ALARM"]],
    ["0 - X - -", ["OK", "OK", "ALARM", "OK"]],
    ["- - - - 0", ["OK", "OK", "ALARM", "OK"]],
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
            // 0 X X - X at hours 0-4, evaluated at the end of hour 4: ALARM whatever the mode.
            for (const mode of MODES) {
                const result = evaluateAlarm(simpleAlarm(mode, 3, 3), hourly([1, 5, 5, undefined, 5]), { start: T0, end: T0 + 5 * HOUR });
                assert.strictEqual(result.states[4], "ALARM", mode);
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
            const result = evaluateAlarm(simpleAlarm("notBreaching"), hourly([1, 5]), { start: T0 + 20 * MINUTE, end: T0 + 2 * HOUR });
            assert.strictEqual(result.start, T0);
            assert.strictEqual(result.values.length, 2);
        });
    });

    describe("treatMissingData over time", () => {
        // Breaching for one hour, then the metric stops: the last real datapoint stays in the
        // evaluation range (N + 2 periods) before missing data decides.
        const values = [5, undefined, undefined, undefined, undefined];
        const run = (mode: TreatMissingData) => evaluateAlarm(simpleAlarm(mode), hourly(values), { start: T0, end: T0 + 5 * HOUR }).states;

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
            const empty = (mode: TreatMissingData) => evaluateAlarm(simpleAlarm(mode), hourly([]), { start: T0, end: T0 + HOUR }).states[0];
            assert.strictEqual(empty("missing"), "INSUFFICIENT_DATA");
            assert.strictEqual(empty("ignore"), "INSUFFICIENT_DATA");
            assert.strictEqual(empty("notBreaching"), "OK");
            assert.strictEqual(empty("breaching"), "ALARM");
        });
    });

    describe("state transitions", () => {
        it("records each change with the time of the evaluation and the newest value", () => {
            const result = evaluateAlarm(simpleAlarm("notBreaching"), hourly([1, 1, 5, 1]), { start: T0, end: T0 + 4 * HOUR });
            assert.deepStrictEqual(result.transitions.map((t) => [t.time - T0, t.from, t.to, t.value]), [
                [HOUR, "INSUFFICIENT_DATA", "OK", 1],
                [3 * HOUR, "OK", "ALARM", 5],
                [4 * HOUR, "ALARM", "OK", 1],
            ]);
        });

        it("M of N: 2 breaching of the last 3 datapoints, not necessarily consecutive", () => {
            const states = evaluateAlarm(simpleAlarm("notBreaching", 3, 2), hourly([5, 1, 1, 5, 1, 5, 1, 1]), { start: T0, end: T0 + 8 * HOUR }).states;
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
                assert.strictEqual(evaluateAlarm(alarm, hourly([value]), { start: T0, end: T0 + HOUR }).states[0], want, `${op} ${value}`);
            }
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
                for (const alarm of alarms.filter((a) => a.source === "events")) {
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
