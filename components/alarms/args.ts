/* The public args of the rate and reputation alarms. */

/** Alarm settings per rate. */
export interface AlarmSettings {
    /**
     * Bounce rate, `100 * Bounce / Send`.
     * @default warning 4 %, critical 4.5 %, at least 1500 sends, 1800 s periods, 4 of 4; fast window 300 s, 5000 sends, 4 of 4
     */
    bounceRate?: RateAlarmSettings | undefined;
    /**
     * Complaint rate, `100 * Complaint / Send`.
     * @default warning 0.08 %, critical 0.09 %, at least 140000 sends, 604800 s periods, 1 of 1; fast window off
     */
    complaintRate?: RateAlarmSettings | undefined;
    /**
     * Reject rate, `100 * Reject / Send`.
     * @default warning 1 %, critical 5 %, a confidence bound in place of the send guard, 3600 s periods, 1 of 1; fast window 300 s, the confidence bound, 1 of 1
     */
    rejectRate?: RateAlarmSettings | undefined;
}

/** One rate alarm pair (warning and critical tiers). */
export interface RateAlarmSettings {
    /**
     * Create the alarms.
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Warning threshold in percent; below `criticalPercent`.
     * @default 4 (bounceRate), 0.08 (complaintRate), 1 (rejectRate)
     */
    warningPercent?: number | undefined;
    /**
     * Critical threshold in percent; below AWS's review level for bounces and complaints.
     * @default 4.5 (bounceRate), 0.09 (complaintRate), 5 (rejectRate)
     */
    criticalPercent?: number | undefined;
    /**
     * Fewest sends in a period for the rate to count; below it there is no datapoint. Not read
     * with `confidenceBound`. The same number at any volume: for a bounce rate, `npm run plan` with
     * a traffic profile (in TypeScript also `advisedBounceGuards`) gives the guard that keeps the
     * default's share of an average period (higher above about 117,000 sends a day, lower from
     * about 2,400 to 72,000), and its price (docs/alarms.md, "Guards by volume").
     * @default 1500 (bounceRate), 140000 (complaintRate), 500 (rejectRate)
     */
    minimumSends?: number | undefined;
    /**
     * Replace the send guard with a confidence bound: the alarm (and its fast window) fires when a
     * period's events are significantly more than the tier allows of its sends, one-sided at about
     * p = 0.001 (`2 * (events ^ 0.5 - (tier * sends) ^ 0.5) >= 3.1`), so a small sender is watched
     * as soon as its own counts are evidence and a large one as soon as the rate passes the tier.
     * On for the reject rate (rejects are immediate), off for the bounce and complaint rates,
     * whose events arrive hours to days after the sends they belong to.
     * @default false (bounceRate), false (complaintRate), true (rejectRate)
     */
    confidenceBound?: boolean | undefined;
    /**
     * Period in seconds, a multiple of 60.
     * @default 1800 (bounceRate), 604800 (complaintRate), 3600 (rejectRate)
     */
    periodSeconds?: number | undefined;
    /**
     * Periods evaluated (N of M-of-N).
     * @default 4 (bounceRate), 1 (complaintRate), 1 (rejectRate)
     */
    evaluationPeriods?: number | undefined;
    /**
     * Breaching periods needed to alarm (M of M-of-N), at most `evaluationPeriods`.
     * @default 4 (bounceRate), 1 (complaintRate), 1 (rejectRate)
     */
    datapointsToAlarm?: number | undefined;
    /**
     * A second critical alarm on the same rate over short periods, for severe spikes: the critical
     * tier (`criticalPercent`) with its own period, guard and M of N. Off by default for the
     * complaint rate, whose complaints arrive hours to days after the send.
     * @default on (bounceRate), off (complaintRate), on (rejectRate)
     */
    fastWindow?: FastWindowSettings | undefined;
}

/**
 * The fast window of a rate alarm: the rate's own expression over short periods (behind this
 * window's send guard, or the rate's confidence bound with `confidenceBound`), alarming at the
 * rate's `criticalPercent`. Unset fields come from the stack-level `alarms`, then from the defaults.
 */
export interface FastWindowSettings {
    /**
     * Create the fast critical alarm.
     * @default true (bounceRate), false (complaintRate), true (rejectRate)
     */
    enabled?: boolean | undefined;
    /**
     * Period in seconds, a multiple of 60, shorter than the rate's `periodSeconds`.
     * @default 300
     */
    periodSeconds?: number | undefined;
    /**
     * Fewest sends in a fast period for the rate to count. Not read with the rate's
     * `confidenceBound`.
     * @default 5000 (bounceRate), 300 (complaintRate), 300 (rejectRate)
     */
    minimumSends?: number | undefined;
    /**
     * Periods evaluated.
     * @default 4 (bounceRate), 2 (complaintRate), 1 (rejectRate)
     */
    evaluationPeriods?: number | undefined;
    /**
     * Breaching periods needed to alarm, at most `evaluationPeriods`.
     * @default 4 (bounceRate), 2 (complaintRate), 1 (rejectRate)
     */
    datapointsToAlarm?: number | undefined;
}

/** Account-level reputation alarms. */
export interface AccountReputationArgs {
    /**
     * Create the account-level alarms (default true).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * `Reputation.BounceRate`; thresholds default to `alarms.bounceRate`'s tiers.
     * @default the tiers of `alarms.bounceRate`
     */
    bounceRate?: ReputationAlarmSettings | undefined;
    /**
     * `Reputation.ComplaintRate`; thresholds default to `alarms.complaintRate`'s tiers.
     * @default the tiers of `alarms.complaintRate`
     */
    complaintRate?: ReputationAlarmSettings | undefined;
}

/**
 * One reputation alarm pair. Thresholds are given in percent like the rate alarms; the alarm
 * compares the metric's fraction against them divided by 100.
 */
export interface ReputationAlarmSettings {
    /**
     * Create the alarms.
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Warning threshold in percent.
     * @default the matching rate alarm's `warningPercent`
     */
    warningPercent?: number | undefined;
    /**
     * Critical threshold in percent, below AWS's review level.
     * @default the matching rate alarm's `criticalPercent`
     */
    criticalPercent?: number | undefined;
    /**
     * Period in seconds, a multiple of 60.
     * @default 3600
     */
    periodSeconds?: number | undefined;
    /**
     * Periods evaluated.
     * @default 1
     */
    evaluationPeriods?: number | undefined;
    /**
     * Breaching periods needed to alarm.
     * @default 1
     */
    datapointsToAlarm?: number | undefined;
}
