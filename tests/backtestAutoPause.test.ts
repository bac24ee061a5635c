import * as assert from "assert";
import { ceilingAlarm, stackAlarms } from "../tools/backtest";
import { aggregatePauses, eventsBySendMinute, firstTrigger, pauseBins, replayPause } from "../tools/backtest/autoPause";
import { ceilingFor, scoreCeiling, typicalBusiestPeriod, withCeiling } from "../tools/backtest/ceiling";
import { AlarmEvaluation, evaluateAlarm, metricSourceFrom, MinuteCache } from "../tools/backtest/evaluation";
import { DAY, MINUTE, Trace } from "../tools/backtest/scenarios";
import { traceMetrics } from "../tools/backtest/traffic";

const T0 = Date.UTC(2026, 0, 3) / 1000;
const DAYS = 3;
const MINUTES = DAYS * 1440;
/** The incident: minutes [S, S + 120) of the trace, on the second scored day at 10:00 UTC. */
const S = 1440 + 600;
/** Sends a minute, and how many of them bounce in the incident (8 %): five minutes hold 5,000, exactly the fast window's 5,000-send guard. */
const PER_MINUTE = 1000;
const BAD = 80;
const E = S + 120;

/**
 * A trace built by hand: `sends` a minute every minute; during the incident `incidentBounces` of
 * each minute's sends bounce, arriving at once (`lag` minutes later); none outside it. One day of
 * warm-up, then the scored window.
 */
function handTrace(options: { scenario?: string; sends?: (m: number) => number; incidentBounces?: number; lag?: number; truth?: boolean }): Trace {
    const sends = new Float64Array(MINUTES);
    const bounces = new Float64Array(MINUTES);
    const pairs: number[] = [];
    for (let m = 0; m < MINUTES; m++) {
        sends[m] = options.sends ? options.sends(m) : PER_MINUTE;
        if (m >= S && m < E) {
            for (let i = 0; i < (options.incidentBounces ?? BAD); i++) {
                const at = m + (options.lag ?? 0);
                bounces[at]++;
                pairs.push(m, at);
            }
        }
    }
    const sentMinute = Int32Array.from(pairs.filter((_, i) => i % 2 === 0));
    const arrivedMinute = Int32Array.from(pairs.filter((_, i) => i % 2 === 1));
    return {
        scenario: options.scenario ?? "bounce-spike",
        volumePerDay: PER_MINUTE * 1440,
        seed: 0,
        start: T0,
        scoredStart: T0 + DAY,
        end: T0 + DAYS * DAY,
        sends,
        bounces,
        complaints: new Float64Array(MINUTES),
        rejects: new Float64Array(MINUTES),
        bounceRate: new Float64Array(MINUTES),
        complaintRate: new Float64Array(MINUTES),
        rejectRate: new Float64Array(MINUTES),
        truth: options.truth === false ? undefined : {
            measure: options.scenario === "send-surge" ? "sendVolume" : "bounceRate",
            start: T0 + S * MINUTE,
            end: T0 + E * MINUTE,
            description: "hand-built",
        },
        bounceEvents: { sentMinute, arrivedMinute },
        complaintEvents: { sentMinute: new Int32Array(0), arrivedMinute: new Int32Array(0) },
    };
}

/** Evaluates the auto-pause set's triggering alarms on a trace, as the backtest does. */
function triggerEvaluations(trace: Trace) {
    const stack = stackAlarms({ stack: "defaults-auto-pause" });
    const [spec] = stack.autoPause;
    const source = metricSourceFrom(traceMetrics(trace, "main"));
    const cache = new MinuteCache(trace.start, MINUTES);
    const evaluations = new Map<string, AlarmEvaluation>();
    for (const name of spec.triggerAlarms) {
        const alarm = stack.alarms.find((a) => a.name === name)!;
        evaluations.set(name, evaluateAlarm(alarm, source, { start: trace.start, end: trace.end, cache }));
    }
    return { stack, spec, evaluations };
}

const transition = (alarm: string, minutes: number[]): AlarmEvaluation => ({
    alarm,
    window: "sliding",
    periodSeconds: 300,
    stepSeconds: 60,
    start: T0,
    values: new Float64Array(0),
    states: [],
    transitions: minutes.flatMap((m, i) => [
        { time: T0 + m * MINUTE, from: i === 0 ? "INSUFFICIENT_DATA" as const : "OK" as const, to: "ALARM" as const, value: 5 },
        { time: T0 + (m + 10) * MINUTE, from: "ALARM" as const, to: "OK" as const, value: 1 },
    ]),
});

describe("backtest: auto-pause replay", () => {
    it("takes the component's triggering alarms: the set's critical bounce alarms, not its warnings", () => {
        const { stack, spec } = triggerEvaluations(handTrace({}));
        assert.strictEqual(spec.configurationSet, "main");
        assert.deepStrictEqual(spec.triggers, ["bounceRate"]);
        const critical = stack.alarms.filter((a) => a.severity === "critical" && a.measure === "bounceRate" && a.configurationSet === "main").map((a) => a.name);
        assert.ok(spec.triggerAlarms.every((n) => critical.includes(n)));
        // The fast window only: the half-hour tier and the set's reputation alarm page and do not pause.
        assert.deepStrictEqual(spec.triggerAlarms.map((n) => n.split(".").pop()), ["bounce-rate-critical-fast"]);
    });

    it("pauses when the fast window fires on a hand-built bad list, and counts what it avoided exactly", () => {
        // 1,000 sends a minute, 80 of them (8 %) bouncing for two hours from minute S. The fast window
        // (4.5 %, 5-minute periods, 4 of 4, over 5,000 sends) breaches from the window ending with
        // minute S + 2 (3 bad minutes of 5: 240 of 5,000 = 4.8 %; 2 give 3.2 %); its 4 of 4 need the
        // windows ending at p - 15, p - 10, p - 5 and p: p = S + 17, evaluated at the end of that minute.
        const trace = handTrace({});
        const { stack, spec, evaluations } = triggerEvaluations(trace);
        const trigger = firstTrigger(evaluations, spec.triggerAlarms, trace.scoredStart)!;
        const fast = stack.alarms.find((a) => a.window === "fast" && a.measure === "bounceRate" && a.severity === "critical")!;
        assert.deepStrictEqual(trigger, { alarm: fast.name, time: T0 + (S + 18) * MINUTE });

        const pause = replayPause(trace, { configurationSet: "main", dryRun: false }, trigger);
        // One minute of latency: the mail of minute S + 18 still goes, from S + 19 SES refuses it.
        assert.strictEqual(pause.pauseTime, T0 + (S + 19) * MINUTE);
        assert.strictEqual(pause.delaySeconds, 19 * MINUTE);
        assert.strictEqual(pause.falsePause, false);
        assert.strictEqual(pause.events, "bounces");
        assert.strictEqual(pause.incidentEvents, 120 * BAD);
        assert.strictEqual(pause.eventsBeforePause, 19 * BAD);
        assert.strictEqual(pause.eventsAvoided, 101 * BAD);
        assert.strictEqual(pause.heldBackDuringIncident, 101 * PER_MINUTE);
        // Never resumed: every send from the incident's end to the end of the trace is held back.
        assert.strictEqual(pause.heldBackAfterIncident, (MINUTES - E) * PER_MINUTE);
        assert.strictEqual(pause.hoursAfterIncident, (MINUTES - E) / 60);
    });

    it("counts avoided bounces by send time: a bounce arriving after the pause, of mail sent before it, still happens", () => {
        const trace = handTrace({ lag: 30 });
        const pause = replayPause(trace, { configurationSet: "main", dryRun: false }, { alarm: "a", time: T0 + (S + 59) * MINUTE });
        assert.strictEqual(pause.eventsBeforePause, 60 * BAD);
        assert.strictEqual(pause.eventsAvoided, 60 * BAD);
        assert.strictEqual(pause.heldBackDuringIncident, 60 * PER_MINUTE);
    });

    it("does not pause when no triggering alarm fires: nothing avoided, nothing held back", () => {
        // 4 % bounces: under the 4.5 % critical tier of every triggering alarm.
        const trace = handTrace({ incidentBounces: 20 });
        const { spec, evaluations } = triggerEvaluations(trace);
        const trigger = firstTrigger(evaluations, spec.triggerAlarms, trace.scoredStart);
        assert.strictEqual(trigger, undefined);
        const pause = replayPause(trace, { configurationSet: "main", dryRun: false }, trigger);
        assert.deepStrictEqual(pause, {
            configurationSet: "main",
            dryRun: false,
            events: "bounces",
            incidentEvents: 120 * 20,
            falsePause: false,
            eventsBeforePause: 120 * 20,
            eventsAvoided: 0,
            heldBackDuringIncident: 0,
            heldBackAfterIncident: 0,
            hoursAfterIncident: 0,
        });
    });

    it("takes the earliest ALARM of any trigger after the scored start, and calls a pause before the incident false", () => {
        const evaluations = new Map([["a", transition("a", [100, S + 30])], ["b", transition("b", [S - 60, S + 20])]]);
        // a's ALARM at minute 100 is in the warm-up (before the scored start, minute 1,440).
        assert.deepStrictEqual(firstTrigger(evaluations, ["a", "b"], T0 + DAY), { alarm: "b", time: T0 + (S - 60) * MINUTE });
        assert.deepStrictEqual(firstTrigger(evaluations, ["a"], T0 + DAY), { alarm: "a", time: T0 + (S + 30) * MINUTE });
        assert.throws(() => firstTrigger(evaluations, ["c"], T0), /trigger alarm c was not evaluated/);

        const trace = handTrace({});
        const early = replayPause(trace, { configurationSet: "main", dryRun: true }, { alarm: "b", time: T0 + (S - 60) * MINUTE });
        assert.strictEqual(early.falsePause, true);
        assert.strictEqual(early.dryRun, true);
        assert.strictEqual(early.delaySeconds, -59 * MINUTE);
        assert.strictEqual(early.eventsBeforePause, 0);
        assert.strictEqual(early.eventsAvoided, 120 * BAD);
        assert.strictEqual(early.heldBackDuringIncident, 179 * PER_MINUTE);

        // More than a day after the incident's end: false too, and nothing avoided.
        const late = replayPause(trace, { configurationSet: "main", dryRun: false }, { alarm: "a", time: T0 + (E + 1441) * MINUTE });
        assert.deepStrictEqual([late.falsePause, late.eventsAvoided, late.eventsBeforePause, late.heldBackAfterIncident], [true, 0, 120 * BAD, (MINUTES - E - 1442) * PER_MINUTE]);
        const inGrace = replayPause(trace, { configurationSet: "main", dryRun: false }, { alarm: "a", time: T0 + (E + 1438) * MINUTE });
        assert.strictEqual(inGrace.falsePause, false);

        // No incident: any pause is false, and everything after it is held back.
        const healthy = handTrace({ truth: false, incidentBounces: 0 });
        const pause = replayPause(healthy, { configurationSet: "main", dryRun: false }, { alarm: "b", time: T0 + 2000 * MINUTE });
        assert.strictEqual(pause.falsePause, true);
        assert.strictEqual(pause.heldBackAfterIncident, (MINUTES - 2001) * PER_MINUTE);
        assert.strictEqual(pause.eventsAvoided, 0);
    });

    it("aggregates seeds: median (lower middle) and worst (fewest avoided, most held back)", () => {
        const trace = handTrace({});
        const at = (m: number | undefined) => replayPause(trace, { configurationSet: "main", dryRun: false }, m === undefined ? undefined : { alarm: "a", time: T0 + m * MINUTE });
        const a = aggregatePauses([at(S + 9), at(S + 19), at(undefined)]);
        assert.strictEqual(a.seeds, 3);
        assert.strictEqual(a.paused, 2);
        assert.deepStrictEqual(a.delayMinutes, { median: 10, worst: 20 });
        assert.deepStrictEqual(a.eventsAvoided, { median: 100 * BAD, worst: 0 });
        assert.deepStrictEqual(a.eventsBeforePause, { median: 20 * BAD, worst: 120 * BAD });
        assert.deepStrictEqual(a.avoidedShare, { median: 100 / 120, worst: 0 });
        assert.deepStrictEqual(a.heldBackDuringIncident, { median: 100 * PER_MINUTE, worst: 110 * PER_MINUTE });
        assert.deepStrictEqual(a.heldBackPerHourAfter, { median: PER_MINUTE * 60, worst: PER_MINUTE * 60 });
    });

    it("bins the incident's bounces by send time for the chart, split at the pause", () => {
        const trace = handTrace({});
        const bins = pauseBins(trace, eventsBySendMinute(trace, "bounces"), T0 + (S + 12) * MINUTE, T0 + (S - 5) * MINUTE, T0 + (S + 20) * MINUTE, 5);
        assert.deepStrictEqual(bins.times, [0, 5, 10, 15, 20].map((k) => T0 + (S - 5 + k) * MINUTE));
        assert.deepStrictEqual(bins.sent, [0, 5, 5, 2, 0].map((minutes) => minutes * BAD));
        assert.deepStrictEqual(bins.avoided, [0, 0, 0, 3, 5].map((minutes) => minutes * BAD));
    });
});

describe("backtest: send-volume ceiling replay", () => {
    const stack = stackAlarms({ stack: "defaults" });

    it("builds the set's ceiling alarm from the stack's volume settings: Send >= ceiling, M of N, missing not breaching", () => {
        const alarm = ceilingAlarm(stack, "main");
        assert.deepStrictEqual([alarm.periodSeconds, alarm.evaluationPeriods, alarm.datapointsToAlarm, alarm.comparisonOperator, alarm.treatMissingData], [3600, 1, 1, "GreaterThanOrEqualToThreshold", "notBreaching"]);
        assert.deepStrictEqual(alarm.queries.map((q) => [q.metric?.metricName, q.metric?.stat, q.metric?.dimensions]), [["Send", "Sum", { "ses:configuration-set": "main" }]]);
        const quarter = ceilingAlarm({ ...stack, args: { ...stack.args, volume: { periodMinutes: 15, evaluationPeriods: 2 } } }, "main");
        assert.deepStrictEqual([quarter.periodSeconds, quarter.evaluationPeriods, quarter.datapointsToAlarm], [900, 2, 2]);
        assert.strictEqual(withCeiling(alarm, 12_000).threshold, 12_000);
        assert.deepStrictEqual([ceilingFor(1.5, 1001), ceilingFor(2, 0)], [1502, 1]);
    });

    it("reads the typical busiest period from the four scored weeks, the surge's own periods left out", () => {
        // 100 a minute, plus 50 a minute from 09:00 to 09:59 on the first Tuesday of each week
        // (8,000 an hour then 9,000 from week to week), and a surge on the first scored day.
        const days = 2 + 28;
        const sends = new Float64Array(days * 1440);
        for (let m = 0; m < sends.length; m++) {
            const day = Math.floor(m / 1440);
            const week = Math.floor((day - 2) / 7);
            sends[m] = 100 + ((day - 2) % 7 === 1 && m % 1440 >= 540 && m % 1440 < 600 ? 20 * (week + 1) : 0);
            if (day === 2 && m % 1440 >= 60 && m % 1440 < 240) sends[m] += 1000;
        }
        const trace = { ...handTrace({ scenario: "send-surge" }), sends, end: T0 + days * DAY, scoredStart: T0 + 2 * DAY, truth: { measure: "sendVolume" as const, start: T0 + (2 * 1440 + 60) * MINUTE, end: T0 + (2 * 1440 + 240) * MINUTE, description: "surge" } };
        // Weekly busiest hours: 7,200, 8,400, 9,600, 10,800; the median of the four: 9,000.
        assert.strictEqual(typicalBusiestPeriod(trace, 3600), 9_000);
        assert.strictEqual(typicalBusiestPeriod(trace, 900), 2_250);
    });

    it("fires on a known surge at an exact minute, and never on the same trace without it", () => {
        const alarm = ceilingAlarm(stack, "main");
        // 100 a minute (6,000 an hour), 400 more a minute during the surge: the sliding hour ending
        // with minute q holds 6,000 + 400 k (k surge minutes in it), >= 12,000 from k = 15, so
        // the window ending with minute S + 14, evaluated at the end of that minute, 1 of 1.
        const surge = handTrace({ scenario: "send-surge", incidentBounces: 0, sends: (m) => 100 + (m >= S && m < E ? 400 : 0) });
        const normal = handTrace({ scenario: "healthy", truth: false, incidentBounces: 0, sends: () => 100 });
        const evaluate = (trace: Trace) => evaluateAlarm(withCeiling(alarm, 12_000), metricSourceFrom(traceMetrics(trace, "main")), { start: trace.start, end: trace.end });
        const hit = scoreCeiling(evaluate(surge), "ceiling 2x", surge);
        assert.deepStrictEqual([hit.applicable, hit.detected, hit.delaySeconds, hit.falseAlarms, hit.alarmTimes], [true, true, 15 * MINUTE, 0, [T0 + (S + 15) * MINUTE]]);
        const quiet = scoreCeiling(evaluate(normal), "ceiling 2x", normal);
        assert.deepStrictEqual([quiet.applicable, quiet.detected, quiet.falseAlarms, quiet.alarmTimes], [false, false, 0, []]);
        // The same surge in a trace whose scenario is not a surge: a false alarm.
        const elsewhere = scoreCeiling(evaluate({ ...surge, scenario: "healthy", truth: undefined }), "ceiling 2x", { ...surge, scenario: "healthy", truth: undefined });
        assert.deepStrictEqual([elsewhere.detected, elsewhere.falseAlarms], [false, 1]);
    });
});
