/* The public args of the rate and reputation alarms. */

/** Alarm settings per rate. */
export interface AlarmSettings {
    /** Bounce rate, `100 * Bounce / Send`. Defaults: 2 % warning, 4 % critical, 500 sends, 1 h, 2 of 3; fast window on. */
    bounceRate?: RateAlarmSettings;
    /** Complaint rate, `100 * Complaint / Send`. Defaults: 0.07 % / 0.08 %, 20,000 sends, 1 day, 2 of 2; no fast window. */
    complaintRate?: RateAlarmSettings;
    /** Reject rate, `100 * Reject / Send`. Defaults: 1 % / 5 %, 500 sends, 1 h, 1 of 1; fast window on. */
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
    /** Fewest sends in a period for the rate to count; below it there is no datapoint. */
    minimumSends?: number;
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
