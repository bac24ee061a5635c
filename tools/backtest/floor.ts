/**
 * The detectability floor of an incident trace: the earliest moment at which anyone holding the
 * trace's own per-minute counts could say, one-sided at p < 0.001, that events since the onset are
 * more than the healthy rate explains. No alarm can be sure sooner, so a detection delay divided
 * by the floor says how close to the possible an alarm is, at every volume: "missed" at 1,000 a day
 * means something else when the floor itself is hours.
 *
 * Definition (the exact one the backtest reports):
 * - events: the incident measure's events (bounces, complaints or rejects) by arrival minute, as
 *   CloudWatch counts them; sends by minute;
 * - the healthy process is the trace's own, before the onset: r0 = events per send of the sends of
 *   the `BASELINE_DAYS` before the onset, and the delay from send to arrival as those events show
 *   it (per minute for the first hour, per hour up to `MAX_LAG_HOURS`; rejects are immediate);
 * - expected arrivals at minute m = r0 x the sends of earlier minutes weighted by that delay
 *   distribution, so a campaign's late bounces and complaints arriving over a quiet night are
 *   expected, not evidence;
 * - at the end of each minute m from the onset's minute: observed O = events of minutes
 *   onset..m, expected mu = expected arrivals of minutes onset..m; the floor is the first m with
 *   P(Poisson(mu) >= O) < `FLOOR_P`;
 * - returned as seconds from the ground-truth start to the end of that minute (alarm delays are
 *   measured the same way: an evaluation at the end of a minute); undefined when no minute up to
 *   the incident's end plus `FLOOR_HORIZON_SECONDS` qualifies.
 * The test is Poisson: real traffic is burstier (day-to-day wobble of the rates, list-to-list
 * differences), so over days and at large volumes the floor can be earlier than any alarm that
 * must stay quiet on healthy traffic can be; a ratio far above 1 there says so, not that the alarm
 * is slow. For an 8 % bad list or a rejecting template the signal dwarfs that wobble.
 */
import { EventLog, HOUR, MINUTE, Trace } from "./scenarios";

export const FLOOR_P = 0.001;
export const BASELINE_DAYS = 7;
/** How long after the incident's end the floor is still looked for (as the scoring's grace). */
export const FLOOR_HORIZON_SECONDS = 24 * HOUR;
/** Longest send-to-arrival delay the healthy model keeps (complaints come days later). */
export const MAX_LAG_HOURS = 7 * 24;

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    x -= 1;
    let a = c[0];
    const t = x + 7.5;
    for (let i = 1; i < 9; i++) a += c[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X >= k) for X ~ Poisson(mu): the regularised lower incomplete gamma P(k, mu), by its series
 * below k + 1 and its continued fraction above (Numerical Recipes, gammp), in log space so a mean of
 * a million is fine.
 */
export function poissonUpperTail(k: number, mu: number): number {
    if (k <= 0) return 1;
    if (mu <= 0) return 0;
    const a = k;
    const x = mu;
    const logPrefix = a * Math.log(x) - x - logGamma(a);
    if (x < a + 1) {
        let sum = 1 / a;
        let term = sum;
        for (let n = 1; n < 10_000; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
        }
        return Math.min(1, Math.exp(logPrefix) * sum);
    }
    // Upper tail Q(a, x) by Lentz's continued fraction; P = 1 - Q.
    const tiny = 1e-300;
    let b = x + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < 10_000; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < tiny) d = tiny;
        c = b + an / c;
        if (Math.abs(c) < tiny) c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < 1e-15) break;
    }
    return Math.max(0, 1 - Math.exp(logPrefix) * h);
}

/** The healthy events per send before minute `onsetMinute`, by arrival (no event log: rejects). */
export function healthyRate(sends: ArrayLike<number>, events: ArrayLike<number>, onsetMinute: number, baselineDays = BASELINE_DAYS): number {
    const from = Math.max(0, onsetMinute - baselineDays * 1440);
    let s = 0;
    let e = 0;
    for (let m = from; m < onsetMinute; m++) {
        s += sends[m];
        e += events[m];
    }
    return s > 0 ? e / s : 0;
}

/**
 * A healthy delay model: events per send `rate`, and the share of them arriving `l` minutes after
 * the send (`perMinute[l]`, l < 60) or in hour `h` after it (`perHour[h]`, spread evenly over its minutes).
 */
export interface DelayModel {
    rate: number;
    perMinute: Float64Array;
    perHour: Float64Array;
}

/** Immediate events (rejects): all in the send's minute. */
export function immediate(rate: number): DelayModel {
    const perMinute = new Float64Array(60);
    perMinute[0] = 1;
    return { rate, perMinute, perHour: new Float64Array(MAX_LAG_HOURS) };
}

/** The delay model of the events of sends made in the `BASELINE_DAYS` before `onsetMinute`. */
export function delayModel(sends: ArrayLike<number>, log: EventLog, onsetMinute: number, baselineDays = BASELINE_DAYS): DelayModel {
    const from = Math.max(0, onsetMinute - baselineDays * 1440);
    let sent = 0;
    for (let m = from; m < onsetMinute; m++) sent += sends[m];
    const perMinute = new Float64Array(60);
    const perHour = new Float64Array(MAX_LAG_HOURS);
    let n = 0;
    for (let i = 0; i < log.sentMinute.length; i++) {
        const s = log.sentMinute[i];
        if (s < from || s >= onsetMinute) continue;
        n++;
        const lag = log.arrivedMinute[i] - s;
        if (lag < 60) perMinute[lag]++;
        else if (lag < MAX_LAG_HOURS * 60) perHour[Math.floor(lag / 60)]++;
    }
    if (n > 0) {
        for (let l = 0; l < 60; l++) perMinute[l] /= n;
        for (let h = 0; h < MAX_LAG_HOURS; h++) perHour[h] /= n;
    }
    return { rate: sent > 0 ? n / sent : 0, perMinute, perHour };
}

/** Expected healthy arrivals of each minute from `from` to `to` (inclusive), given the sends before them. */
export function expectedArrivals(sends: ArrayLike<number>, model: DelayModel, from: number, to: number): Float64Array {
    const prefix = new Float64Array(sends.length + 1);
    for (let m = 0; m < sends.length; m++) prefix[m + 1] = prefix[m] + sends[m];
    // Sends of minutes [a, b] (clipped to the series).
    const sum = (a: number, b: number) => {
        const lo = Math.max(0, a);
        const hi = Math.min(sends.length - 1, b);
        return hi < lo ? 0 : prefix[hi + 1] - prefix[lo];
    };
    const out = new Float64Array(to - from + 1);
    for (let m = from; m <= to; m++) {
        let e = 0;
        for (let l = 0; l < 60; l++) if (model.perMinute[l] > 0 && m - l >= 0) e += sends[m - l] * model.perMinute[l];
        for (let h = 1; h < MAX_LAG_HOURS; h++) {
            const w = model.perHour[h];
            if (w > 0) e += (w / 60) * sum(m - 60 * h - 59, m - 60 * h);
        }
        out[m - from] = model.rate * e;
    }
    return out;
}

/**
 * The first minute (index from the series start, its end being the moment) at which the events
 * since `onsetMinute` are significant against `expected` (expected arrivals of minutes
 * onsetMinute, onsetMinute + 1, ...), or undefined.
 */
export function firstSignificantMinute(events: ArrayLike<number>, expected: ArrayLike<number>, onsetMinute: number, p = FLOOR_P): number | undefined {
    let observed = 0;
    let mu = 0;
    for (let i = 0; i < expected.length && onsetMinute + i < events.length; i++) {
        observed += events[onsetMinute + i];
        mu += expected[i];
        // Only worth the tail where the count is above its expectation.
        if (observed > mu && poissonUpperTail(observed, mu) < p) return onsetMinute + i;
    }
    return undefined;
}

/** Seconds from the incident's start to its detectability floor (module comment), or undefined. */
export function detectabilityFloor(trace: Trace): number | undefined {
    const truth = trace.truth;
    if (!truth) return undefined;
    const onsetMinute = Math.floor((truth.start - trace.start) / MINUTE);
    const lastMinute = Math.min(trace.sends.length - 1, Math.floor((truth.end + FLOOR_HORIZON_SECONDS - trace.start) / MINUTE));
    let events: Float64Array;
    let model: DelayModel;
    if (truth.measure === "bounceRate") [events, model] = [trace.bounces, delayModel(trace.sends, trace.bounceEvents, onsetMinute)];
    else if (truth.measure === "complaintRate") [events, model] = [trace.complaints, delayModel(trace.sends, trace.complaintEvents, onsetMinute)];
    else if (truth.measure === "rejectRate") [events, model] = [trace.rejects, immediate(healthyRate(trace.sends, trace.rejects, onsetMinute))];
    else return undefined;
    // A day at a time, so an early floor does not pay for the whole horizon.
    let observed = 0;
    let mu = 0;
    for (let from = onsetMinute; from <= lastMinute; from += 1440) {
        const to = Math.min(lastMinute, from + 1439);
        const expected = expectedArrivals(trace.sends, model, from, to);
        for (let m = from; m <= to; m++) {
            observed += events[m];
            mu += expected[m - from];
            if (observed > mu && poissonUpperTail(observed, mu) < FLOOR_P) return trace.start + (m + 1) * MINUTE - truth.start;
        }
    }
    return undefined;
}

/** A delay as a multiple of the floor (undefined: missed, or no floor to compare with). */
export function floorRatio(delaySeconds: number | undefined, floorSeconds: number | undefined): number | undefined {
    if (delaySeconds === undefined || floorSeconds === undefined || floorSeconds <= 0) return undefined;
    return delaySeconds / floorSeconds;
}
