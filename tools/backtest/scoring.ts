/**
 * Turns an alarm's state changes into what a user asks of it: did it fire on the incident, how long
 * after the trouble began, and how often did it fire for nothing.
 */
import { AlarmEvaluation } from "./evaluation";
import { RateMetric } from "../../components/shared/catalog";
import { DAY, HOUR, Trace } from "./scenarios";

/**
 * An alarm that fires this long after the incident's end still counts as detecting it: 15 % of
 * hard bounces and most complaints arrive hours after their send (scenarios.ts).
 */
export const DETECTION_GRACE_SECONDS = 24 * HOUR;

export interface AlarmScore {
    alarm: string;
    group: string;
    measure: RateMetric;
    severity: string;
    /** Whether the incident is this alarm's business: a trace with an incident of its measure. */
    applicable: boolean;
    detected: boolean;
    /** First ALARM inside the incident window, seconds after the ground-truth start. */
    delaySeconds?: number;
    /** ALARM transitions in the scored window outside the incident window (or of another measure). */
    falseAlarms: number;
    falseAlarmsPer30Days: number;
    /** Every transition into ALARM in the scored window (epoch seconds). */
    alarmTimes: number[];
}

export function scoreAlarm(evaluation: AlarmEvaluation, alarm: { name: string; measure: RateMetric; severity: string }, group: string, trace: Trace): AlarmScore {
    const truth = trace.truth;
    const applicable = truth !== undefined && truth.measure === alarm.measure;
    const alarmTimes = evaluation.transitions
        .filter((t) => t.to === "ALARM" && t.time > trace.scoredStart && t.time <= trace.end)
        .map((t) => t.time);
    let delaySeconds: number | undefined;
    let falseAlarms = 0;
    for (const time of alarmTimes) {
        if (applicable && time >= truth!.start && time <= truth!.end + DETECTION_GRACE_SECONDS) {
            if (delaySeconds === undefined) delaySeconds = time - truth!.start;
        } else {
            falseAlarms++;
        }
    }
    const scoredDays = (trace.end - trace.scoredStart) / DAY;
    return {
        alarm: alarm.name,
        group,
        measure: alarm.measure,
        severity: alarm.severity,
        applicable,
        detected: delaySeconds !== undefined,
        delaySeconds,
        falseAlarms,
        falseAlarmsPer30Days: (falseAlarms * 30) / scoredDays,
        alarmTimes,
    };
}

export interface GroupScore {
    group: string;
    /** False when the group has no alarm on the incident's measure (or there is no incident). */
    applicable: boolean;
    detected: boolean;
    delaySeconds?: number;
    /** The alarm that fired first on the incident. */
    firstAlarm?: string;
    falseAlarmsPer30Days: number;
}

/** A group (ours, or one baseline) detects when its first alarm on the measure does; false alarms add up. */
export function scoreGroup(group: string, scores: AlarmScore[]): GroupScore {
    const mine = scores.filter((s) => s.group === group);
    const applicable = mine.some((s) => s.applicable);
    let best: AlarmScore | undefined;
    for (const s of mine) {
        if (s.detected && (best === undefined || s.delaySeconds! < best.delaySeconds!)) best = s;
    }
    return {
        group,
        applicable,
        detected: best !== undefined,
        delaySeconds: best?.delaySeconds,
        firstAlarm: best?.alarm,
        falseAlarmsPer30Days: mine.reduce((sum, s) => sum + s.falseAlarmsPer30Days, 0),
    };
}

export function formatDelay(seconds: number | undefined): string {
    if (seconds === undefined) return "missed";
    if (seconds < HOUR) return `${Math.round(seconds / 60)} min`;
    if (seconds < 2 * DAY) return `${(seconds / HOUR).toFixed(1)} h`;
    return `${(seconds / DAY).toFixed(1)} d`;
}

/** One group's scores over the seeds of a scenario and volume class. */
export interface SeedAggregate {
    group: string;
    applicable: boolean;
    seeds: number;
    missed: number;
    /** Median delay over the seeds, a miss counting as later than any delay (undefined: the median seed missed). */
    medianDelaySeconds?: number;
    /** The latest detection (undefined: some seed missed). */
    worstDelaySeconds?: number;
    /** False alarms summed over the seeds (each seed is 30 scored days). */
    falseAlarms: number;
    /** The most false alarms of one seed, and which seed. */
    worstSeedFalseAlarms: number;
    worstSeed?: number;
}

export function aggregateSeeds(group: string, perSeed: { seed: number; score: GroupScore }[]): SeedAggregate {
    const delays = perSeed.map((s) => (s.score.detected ? s.score.delaySeconds! : Infinity)).sort((a, b) => a - b);
    const median = delays.length === 0 ? Infinity : delays[Math.floor((delays.length - 1) / 2)];
    const worst = delays.length === 0 ? Infinity : delays[delays.length - 1];
    let worstSeed: number | undefined;
    let worstSeedFalseAlarms = 0;
    let falseAlarms = 0;
    for (const { seed, score } of perSeed) {
        falseAlarms += score.falseAlarmsPer30Days;
        if (score.falseAlarmsPer30Days > worstSeedFalseAlarms) {
            worstSeedFalseAlarms = score.falseAlarmsPer30Days;
            worstSeed = seed;
        }
    }
    return {
        group,
        applicable: perSeed.some((s) => s.score.applicable),
        seeds: perSeed.length,
        missed: delays.filter((d) => d === Infinity).length,
        medianDelaySeconds: Number.isFinite(median) ? median : undefined,
        worstDelaySeconds: Number.isFinite(worst) ? worst : undefined,
        falseAlarms,
        worstSeedFalseAlarms,
        worstSeed,
    };
}

/**
 * A table cell: `median / worst delay` (a miss counted as later than any delay, with how many
 * seeds missed), then false alarms summed over the seeds and the worst seed's count.
 */
export function formatCell(a: SeedAggregate | undefined): string {
    if (!a) return "-";
    const round = (n: number) => Number(n.toFixed(1));
    const fa = a.falseAlarms === 0 ? "0 FA" : a.seeds === 1 ? `${round(a.falseAlarms)} FA` : `${round(a.falseAlarms)} FA (worst seed ${round(a.worstSeedFalseAlarms)})`;
    if (!a.applicable) return `n/a, ${fa}`;
    const delay = a.seeds === 1
        ? formatDelay(a.medianDelaySeconds)
        : `${formatDelay(a.medianDelaySeconds)} / ${formatDelay(a.worstDelaySeconds)}${a.missed > 0 && a.missed < a.seeds ? ` (${a.missed} missed)` : ""}`;
    return `${delay}, ${fa}`;
}
