/**
 * The bounce guards the plan advises a profiled set (pure): `advisedBounceGuards` on the set's
 * average day, and whether a lower guard would help its week of traffic. tools/plan/coverage.ts
 * words the warnings.
 */
import { advisedBounceGuards } from "../../components";
import type { ConfigurationSetSettings } from "../../components";
import { SENDS_TIE_BREAK, sendsPerDayOf, WEEK_MINUTES } from "../profiles";

export interface GuardAdvice {
    /** The set's average sends a day over the profile's week. */
    perDay: number;
    /** The main window's guard lowered to the share: its own, the advised, and its average period's sends. */
    lower?: { own: number; to: number; averagePeriod: number; periodSeconds: number };
    /** Guards raised to the share (the main window's, the fast window's), each only where raised. */
    raise?: { minimumSends?: number; fastWindowMinimumSends?: number };
}

/**
 * What to advise a set with a week of expected sends per minute (`week`); undefined where its
 * bounce rate is off, neither `lower` nor `raise` where there is nothing to advise. Lowering is
 * advised only where it helps (`lowerGuardHelps`); raising wherever the share is above the set's
 * own guard (the fast window's only when it is on).
 */
export function guardAdvice(set: ConfigurationSetSettings, week: Float64Array): GuardAdvice | undefined {
    const bounce = set.alarms.bounceRate;
    if (!bounce.enabled) return undefined;
    const perDay = sendsPerDayOf(week);
    const advised = advisedBounceGuards(perDay, bounce);
    const advice: GuardAdvice = { perDay };
    if (advised.minimumSends < bounce.minimumSends && lowerGuardHelps(week, bounce.periodSeconds / 60, bounce.minimumSends, advised.minimumSends)) {
        advice.lower = { own: bounce.minimumSends, to: advised.minimumSends, averagePeriod: (perDay * bounce.periodSeconds) / 86_400, periodSeconds: bounce.periodSeconds };
    }
    const raise: GuardAdvice["raise"] = {};
    if (advised.minimumSends > bounce.minimumSends) raise.minimumSends = advised.minimumSends;
    if (bounce.fastWindow.enabled && advised.fastWindowMinimumSends > bounce.fastWindow.minimumSends) raise.fastWindowMinimumSends = advised.fastWindowMinimumSends;
    if (Object.keys(raise).length > 0) advice.raise = raise;
    return advice;
}

/**
 * A lower guard helps a set when more of the week's aligned periods of `minutes` would reach it,
 * or when any period that reaches the set's own holds less than twice it (a little less traffic
 * there and the rate has no datapoint). Not for a set that sends only in bursts far above its
 * guard (a weekly blast, a trickle besides): its datapoints are in the bursts either way.
 */
export function lowerGuardHelps(week: Float64Array, minutes: number, own: number, lower: number): boolean {
    let reachOwn = 0;
    let reachLower = 0;
    let close = false;
    // The week repeats: a period that does not divide it runs on into the next week's start.
    for (let start = 0; start < WEEK_MINUTES; start += minutes) {
        let sum = 0;
        for (let m = start; m < start + minutes; m++) sum += week[m % WEEK_MINUTES];
        sum *= SENDS_TIE_BREAK;
        if (sum >= lower) reachLower++;
        if (sum >= own) {
            reachOwn++;
            if (sum < 2 * own) close = true;
        }
    }
    return reachLower > reachOwn || close;
}
