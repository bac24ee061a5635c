/**
 * The send-volume ceiling (`volume.setMaxSends.<set>`: `Send >= ceiling` per period, M of N,
 * missing data not breaching), replayed with the same evaluator as every other alarm. The anomaly
 * band cannot be: its model is AWS's own and unpublished (docs/protection.md).
 *
 * The ceiling is the user's number. The backtest states it relative to the sender's normal peak:
 * `typicalBusiestPeriod`, the median over the trace's four complete scored weeks of each week's
 * busiest clock-aligned period (the busiest hour a user reads off a month of hourly `Send`; the
 * surge's own periods left out), times a factor (`--ceilings 1.5,2,3`).
 */
import type { AlarmEvaluation, EvaluableAlarm } from "./evaluation";
import { DETECTION_GRACE_SECONDS } from "./scoring";
import type { GroupScore } from "./scoring";
import { DAY, MINUTE, surgeWindow, Trace } from "./scenarios";

/** Complete weeks of the scored window the typical peak is read from. */
export const PEAK_WEEKS = 4;

/**
 * The sender's typical busiest period of `periodSeconds`: the median (mean of the middle two) of
 * the busiest clock-aligned period of each of the first `PEAK_WEEKS` scored weeks, periods that
 * overlap a surge left out.
 */
export function typicalBusiestPeriod(trace: Trace, periodSeconds: number): number {
    const surge = surgeWindow(trace);
    const perPeriod = periodSeconds / MINUTE;
    const first = Math.round((trace.scoredStart - trace.start) / MINUTE);
    const maxima: number[] = [];
    for (let w = 0; w < PEAK_WEEKS; w++) {
        let max = 0;
        const weekStart = first + (w * 7 * DAY) / MINUTE;
        for (let m = weekStart; m + perPeriod <= weekStart + (7 * DAY) / MINUTE && m + perPeriod <= trace.sends.length; m += perPeriod) {
            const from = trace.start + m * MINUTE;
            if (surge && from < surge.end && from + periodSeconds > surge.start) continue;
            let s = 0;
            for (let i = m; i < m + perPeriod; i++) s += trace.sends[i];
            if (s > max) max = s;
        }
        maxima.push(max);
    }
    maxima.sort((a, b) => a - b);
    const mid = maxima.length / 2;
    return maxima.length % 2 === 0 ? (maxima[mid - 1] + maxima[mid]) / 2 : maxima[Math.floor(mid)];
}

/** The ceiling for a factor of the typical peak: a whole number of sends, at least 1 (as the setting takes). */
export function ceilingFor(factor: number, typicalPeak: number): number {
    return Math.max(1, Math.ceil(factor * typicalPeak));
}

/** The stack's ceiling alarm with the ceiling under test as its threshold. */
export function withCeiling(alarm: EvaluableAlarm, ceiling: number): EvaluableAlarm {
    return { ...alarm, name: `${alarm.name} (${ceiling})`, threshold: ceiling };
}

/**
 * A ceiling alarm's score on a trace: with a surge (`surgeWindow`), its first ALARM from the
 * surge's start to a day after its end is the detection; every other ALARM in the scored window
 * is false. Shaped as the groups' scores, so the seeds aggregate and print the same way.
 */
export function scoreCeiling(evaluation: AlarmEvaluation, group: string, trace: Trace): GroupScore & { alarmTimes: number[]; falseAlarms: number } {
    const surge = surgeWindow(trace);
    const alarmTimes = evaluation.transitions.filter((t) => t.to === "ALARM" && t.time > trace.scoredStart && t.time <= trace.end).map((t) => t.time);
    let delaySeconds: number | undefined;
    let falseAlarms = 0;
    for (const time of alarmTimes) {
        if (surge && time >= surge.start && time <= surge.end + DETECTION_GRACE_SECONDS) {
            if (delaySeconds === undefined) delaySeconds = time - surge.start;
        } else {
            falseAlarms++;
        }
    }
    const scoredDays = (trace.end - trace.scoredStart) / DAY;
    return {
        group,
        applicable: surge !== undefined,
        detected: delaySeconds !== undefined,
        delaySeconds,
        firstAlarm: delaySeconds === undefined ? undefined : evaluation.alarm,
        falseAlarmsPer30Days: (falseAlarms * 30) / scoredDays,
        falseAlarms,
        alarmTimes,
    };
}
