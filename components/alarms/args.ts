/* The public args of the rate and reputation alarms. */

/** Alarm settings per rate. */
export interface AlarmSettings {
    /** Bounce rate, `100 * Bounce / Send`. Defaults: 4 % warning, 4.5 % critical, 1,500 sends, 30 min, 4 of 4; fast window on. */
    bounceRate?: RateAlarmSettings;
    /** Complaint rate, `100 * Complaint / Send`. Defaults: 0.08 % / 0.09 %, 140,000 sends, 7 days, 1 of 1; no fast window. */
    complaintRate?: RateAlarmSettings;
    /** Reject rate, `100 * Reject / Send`. Defaults: 1 % / 5 %, 1 h, 1 of 1, a confidence bound in place of the send guard; fast window on. */
    rejectRate?: RateAlarmSettings;
}

/** One rate alarm pair (warning and critical tiers). */
export interface RateAlarmSettings {
    /** Create the alarms (default true). */
    enabled?: boolean;
    /** Warning threshold in percent; below `criticalPercent`. */
    warningPercent?: number;
    /** Critical threshold in percent; below AWS's review level for bounces and complaints. */
    criticalPercent?: number;
    /** Fewest sends in a period for the rate to count; below it there is no datapoint. Not read with `confidenceBound`. */
    minimumSends?: number;
    /**
     * Replace the send guard with a confidence bound: the alarm (and its fast window) fires when a
     * period's events are significantly more than the tier allows of its sends, one-sided at about
     * p = 0.001 (`2 * (events ^ 0.5 - (tier * sends) ^ 0.5) >= 3.1`), so a small sender is watched
     * as soon as its own counts are evidence and a large one as soon as the rate passes the tier.
     * Default true for the reject rate (rejects are immediate), false for the bounce and complaint
     * rates, whose events arrive hours to days after the sends they belong to.
     */
    confidenceBound?: boolean;
    /** Period in seconds, a multiple of 60. */
    periodSeconds?: number;
    /** Periods evaluated (N of M-of-N). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm (M of M-of-N), at most `evaluationPeriods`. */
    datapointsToAlarm?: number;
    /**
     * A second critical alarm on the same rate over short periods, for severe spikes: the critical
     * tier (`criticalPercent`) with its own period, guard and M of N. Defaults: on for the bounce
     * and reject rates (5-minute periods, 300 sends, 2 of 2), off for the complaint rate, whose
     * complaints arrive hours to days after the send.
     */
    fastWindow?: FastWindowSettings;
}

/**
 * The fast window of a rate alarm: `IF(sends >= minimumSends, 100 * events / sends)` over short
 * periods, alarming at the rate's `criticalPercent`. Unset fields come from the stack-level
 * `alarms`, then from the defaults.
 */
export interface FastWindowSettings {
    /** Create the fast critical alarm (default true for bounce and reject, false for complaint). */
    enabled?: boolean;
    /** Period in seconds, a multiple of 60, shorter than the rate's `periodSeconds` (default 300). */
    periodSeconds?: number;
    /** Fewest sends in a fast period for the rate to count (default 300). */
    minimumSends?: number;
    /** Periods evaluated (default 2). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm, at most `evaluationPeriods` (default 2). */
    datapointsToAlarm?: number;
}

/** Account-level reputation alarms. */
export interface AccountReputationArgs {
    /** Create the account-level alarms (default true). */
    enabled?: boolean;
    /** `Reputation.BounceRate`; thresholds default to `alarms.bounceRate`'s tiers. */
    bounceRate?: ReputationAlarmSettings;
    /** `Reputation.ComplaintRate`; thresholds default to `alarms.complaintRate`'s tiers. */
    complaintRate?: ReputationAlarmSettings;
}

/**
 * One reputation alarm pair. Thresholds are given in percent like the rate alarms; the alarm
 * compares the metric's fraction against them divided by 100.
 */
export interface ReputationAlarmSettings {
    /** Create the alarms (default true). */
    enabled?: boolean;
    /** Warning threshold in percent. */
    warningPercent?: number;
    /** Critical threshold in percent, below AWS's review level. */
    criticalPercent?: number;
    /** Period in seconds, a multiple of 60 (default 3600). */
    periodSeconds?: number;
    /** Periods evaluated (default 1). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm (default 1). */
    datapointsToAlarm?: number;
}
