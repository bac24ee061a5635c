/**
 * Auto-pause, replayed on a trace: when the first of a set's triggering alarms (the component's
 * `AutoPauseSpec.triggerAlarms`, from `planSesMonitoring`) enters ALARM, sending through the set
 * stops and stays stopped, as the function does (it never resumes). From the trace, which is what
 * the sender would have sent without a pause, it counts what the pause avoided and what it held
 * back. Pure: evaluations and a trace in, numbers out.
 *
 * Timing (assumptions): the alarm's transition time is the evaluator's (per-minute evaluation,
 * data complete when its minute ends); CloudWatch then invokes the function asynchronously, and
 * the function reads the set and calls `PutConfigurationSetSendingOptions` (a cold start and two
 * API calls: seconds). `PAUSE_LATENCY_SECONDS` rounds that up to one minute: mail sent in the
 * minute after the transition still goes out, from the minute after that SES refuses it.
 *
 * Counting: the avoided events are those of the mail that would have been sent from the pause
 * to the incident's end, by the minute of their send (a bounce arriving after the pause, of mail
 * sent before it, still happens). Sends held back after the incident's end, to the end of the
 * trace, are the price of a pause that never resumes by itself: mail a human has to release.
 */
import type { AlarmEvaluation } from "./evaluation";
import { MINUTE, Trace } from "./scenarios";
import { DETECTION_GRACE_SECONDS } from "./scoring";

/** Alarm transition -> SES refusing the set's mail (assumed: see the file's comment). */
export const PAUSE_LATENCY_SECONDS = 60;

export type PausedEvents = "bounces" | "complaints" | "rejects";

export interface PauseReplay {
    configurationSet: string;
    /** The set's auto-pause is a dry run: it would have paused, and reports it, but sends on. */
    dryRun: boolean;
    /** The triggering alarm that entered ALARM first (undefined: none did, no pause). */
    trigger?: string;
    /** When it entered ALARM, and when SES stops taking the set's mail (epoch seconds). */
    alarmTime?: number;
    pauseTime?: number;
    /** `pauseTime` minus the incident's start (negative: paused before it began). */
    delaySeconds?: number;
    /**
     * Paused for nothing: before the incident began, more than the scoring's grace (a day) after it
     * ended, or in a trace without one (the pause then holds back good mail only).
     */
    falsePause: boolean;
    /** Which events the counts below are: the incident's (bounces for a bounce or volume incident). */
    events: PausedEvents;
    /** Events of the mail sent during the incident, had nothing paused it. */
    incidentEvents: number;
    /** Events of the mail sent during the incident before the pause: they happened anyway. */
    eventsBeforePause: number;
    /** Events of the mail that would have been sent from the pause to the incident's end: avoided. */
    eventsAvoided: number;
    /** Sends not sent from the pause to the incident's end (good mail among them). */
    heldBackDuringIncident: number;
    /** Sends not sent from the incident's end (or the pause, if later) to the end of the trace. */
    heldBackAfterIncident: number;
    /** Hours from the incident's end (or the pause, if later) to the end of the trace. */
    hoursAfterIncident: number;
}

/**
 * The first transition into ALARM of any of `triggerAlarms` after `after` (the scored window's
 * start, as the scoring counts ALARMs): the alarm and its time, or undefined.
 */
export function firstTrigger(evaluations: Map<string, AlarmEvaluation>, triggerAlarms: string[], after: number): { alarm: string; time: number } | undefined {
    let first: { alarm: string; time: number } | undefined;
    for (const name of triggerAlarms) {
        const evaluation = evaluations.get(name);
        if (!evaluation) throw new Error(`auto-pause replay: trigger alarm ${name} was not evaluated`);
        const t = evaluation.transitions.find((x) => x.to === "ALARM" && x.time > after);
        if (t && (first === undefined || t.time < first.time)) first = { alarm: name, time: t.time };
    }
    return first;
}

/** Per minute of the trace: the events of that minute's sends (by send time, whenever they arrived). */
export function eventsBySendMinute(trace: Trace, events: PausedEvents): Float64Array {
    const out = new Float64Array(trace.sends.length);
    if (events === "rejects") {
        // SES rejects at the send: the minute of the reject is the minute of the send.
        out.set(trace.rejects);
        return out;
    }
    const log = events === "bounces" ? trace.bounceEvents : trace.complaintEvents;
    for (let i = 0; i < log.sentMinute.length; i++) out[log.sentMinute[i]]++;
    return out;
}

function sumRange(values: ArrayLike<number>, from: number, to: number): number {
    let s = 0;
    for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) s += values[i];
    return s;
}

export function pausedEvents(trace: Pick<Trace, "truth">): PausedEvents {
    const measure = trace.truth?.measure;
    return measure === "complaintRate" ? "complaints" : measure === "rejectRate" ? "rejects" : "bounces";
}

/**
 * What a pause at `trigger` (the first triggering ALARM, or undefined: none) does to `trace`.
 * `bySendMinute` may be passed in when several sets share the trace (`eventsBySendMinute`).
 */
export function replayPause(
    trace: Trace,
    set: { configurationSet: string; dryRun: boolean },
    trigger: { alarm: string; time: number } | undefined,
    bySendMinute: Float64Array = eventsBySendMinute(trace, pausedEvents(trace)),
    latencySeconds = PAUSE_LATENCY_SECONDS,
): PauseReplay {
    const minute = (t: number) => Math.ceil((t - trace.start) / MINUTE);
    const minutes = trace.sends.length;
    const truth = trace.truth;
    const s = truth ? minute(truth.start) : minutes;
    // Minutes [s, e) are the incident's (its start and end are epoch seconds; sends are per minute).
    const e = truth ? Math.min(minutes, minute(truth.end)) : minutes;
    const incidentEvents = truth ? sumRange(bySendMinute, s, e) : 0;
    const base = { configurationSet: set.configurationSet, dryRun: set.dryRun, events: pausedEvents(trace), incidentEvents };
    if (!trigger) {
        return { ...base, falsePause: false, eventsBeforePause: incidentEvents, eventsAvoided: 0, heldBackDuringIncident: 0, heldBackAfterIncident: 0, hoursAfterIncident: 0 };
    }
    const pauseTime = trigger.time + latencySeconds;
    const p = Math.min(minutes, minute(pauseTime));
    const after = truth ? Math.max(p, e) : p;
    return {
        ...base,
        trigger: trigger.alarm,
        alarmTime: trigger.time,
        pauseTime,
        delaySeconds: truth ? pauseTime - truth.start : undefined,
        falsePause: !truth || p < s || pauseTime > truth.end + DETECTION_GRACE_SECONDS,
        eventsBeforePause: truth ? sumRange(bySendMinute, s, Math.min(p, e)) : 0,
        eventsAvoided: truth ? sumRange(bySendMinute, p, e) : 0,
        heldBackDuringIncident: truth ? sumRange(trace.sends, p, e) : 0,
        heldBackAfterIncident: sumRange(trace.sends, after, minutes),
        hoursAfterIncident: ((minutes - after) * MINUTE) / 3600,
    };
}

/** A number over the seeds: the median (the lower middle, as the delay cells) and the worst. */
export interface Spread {
    median: number;
    worst: number;
}

function spread(values: number[], worstIsHigh: boolean): Spread {
    const sorted = [...values].sort((a, b) => a - b);
    if (sorted.length === 0) return { median: 0, worst: 0 };
    return { median: sorted[Math.floor((sorted.length - 1) / 2)], worst: worstIsHigh ? sorted[sorted.length - 1] : sorted[0] };
}

export interface PauseAggregate {
    configurationSet: string;
    dryRun: boolean;
    events: PausedEvents;
    seeds: number;
    paused: number;
    falsePauses: number;
    /** Pause time after the incident's start, over the seeds that paused (no pause: not counted). */
    delayMinutes?: Spread;
    incidentEvents: Spread;
    eventsBeforePause: Spread;
    eventsAvoided: Spread;
    /** Avoided as a share of the incident's events (0 to 1), per seed. */
    avoidedShare: Spread;
    heldBackDuringIncident: Spread;
    heldBackAfterIncident: Spread;
    /** Sends held back per hour after the incident: the price of each hour until a human resumes. */
    heldBackPerHourAfter: Spread;
}

/** One set's pause replays over the seeds: median and worst (fewest avoided, most let through or held back). */
export function aggregatePauses(replays: PauseReplay[]): PauseAggregate {
    const first = replays[0];
    const paused = replays.filter((r) => r.pauseTime !== undefined);
    const delays = paused.filter((r) => r.delaySeconds !== undefined).map((r) => r.delaySeconds! / 60);
    return {
        configurationSet: first?.configurationSet ?? "",
        dryRun: first?.dryRun ?? false,
        events: first?.events ?? "bounces",
        seeds: replays.length,
        paused: paused.length,
        falsePauses: replays.filter((r) => r.falsePause).length,
        delayMinutes: delays.length > 0 ? spread(delays, true) : undefined,
        incidentEvents: spread(replays.map((r) => r.incidentEvents), true),
        eventsBeforePause: spread(replays.map((r) => r.eventsBeforePause), true),
        eventsAvoided: spread(replays.map((r) => r.eventsAvoided), false),
        avoidedShare: spread(replays.map((r) => (r.incidentEvents > 0 ? r.eventsAvoided / r.incidentEvents : 0)), false),
        heldBackDuringIncident: spread(replays.map((r) => r.heldBackDuringIncident), true),
        heldBackAfterIncident: spread(replays.map((r) => r.heldBackAfterIncident), true),
        heldBackPerHourAfter: spread(replays.map((r) => (r.hoursAfterIncident > 0 ? r.heldBackAfterIncident / r.hoursAfterIncident : 0)), true),
    };
}

/**
 * Events per bin of `binMinutes` by send time, split at the pause: of mail sent before it (they
 * happened) and of mail it held back (avoided). For the chart.
 */
export function pauseBins(trace: Trace, bySendMinute: Float64Array, pauseTime: number | undefined, from: number, to: number, binMinutes: number) {
    const m0 = Math.max(0, Math.floor((from - trace.start) / MINUTE));
    const m1 = Math.min(trace.sends.length, Math.ceil((to - trace.start) / MINUTE));
    const p = pauseTime === undefined ? Infinity : Math.ceil((pauseTime - trace.start) / MINUTE);
    const times: number[] = [];
    const sent: number[] = [];
    const avoided: number[] = [];
    for (let b = m0; b < m1; b += binMinutes) {
        let before = 0;
        let after = 0;
        for (let m = b; m < Math.min(m1, b + binMinutes); m++) {
            if (m < p) before += bySendMinute[m];
            else after += bySendMinute[m];
        }
        times.push(trace.start + b * MINUTE);
        sent.push(before);
        avoided.push(after);
    }
    return { times, sent, avoided };
}
