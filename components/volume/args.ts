/**
 * Public args of the send-volume alarms, in the style of `components/args.ts`: plain interfaces,
 * JSDoc on every field, no unions. (The per-set missing-traffic alarm is one field of
 * `ConfigurationSetArgs`: `expectedSendIntervalMinutes`.)
 */

/**
 * Send volume beyond normal (off unless given; `{}` turns it on with defaults): an alarm on the
 * account's `Send` and on each configuration set's, against a CloudWatch anomaly detection band, or
 * against a fixed ceiling where one is given. A surge is what leaked SMTP or API credentials, or a
 * loop in a sender, look like; drops are optional. The anomaly model is AWS's own, trained on the
 * metric's last two weeks: it cannot be replayed offline, so the backtest does not cover it.
 */
export interface VolumeArgs {
    /**
     * Create the alarms (default true once `volume` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Length of one period in minutes: 5, 15 or 60. Ceilings are sends per period.
     * @default 60
     */
    periodMinutes?: number | undefined;
    /**
     * Periods in a row that must breach before the alarm fires (period x periods at most a day).
     * @default 1
     */
    evaluationPeriods?: number | undefined;
    /**
     * Width of the anomaly band in standard deviations (more is quieter).
     * @default 3
     */
    bandWidth?: number | undefined;
    /**
     * Also alarm when sends fall below the band (default false). A full stop is the missing-traffic alarm's job.
     * @default false
     */
    drops?: boolean | undefined;
    /**
     * A fixed ceiling for the account's sends per period, instead of the band: a critical alarm at
     * or above it. Whole number, at least 1.
     * @default none (no fixed ceiling)
     */
    accountMaxSends?: number | undefined;
    /**
     * Fixed ceilings per configuration set (keyed by set name), instead of the band: a critical
     * alarm at or above it. Whole numbers, at least 1.
     * @default none
     */
    setMaxSends?: Record<string, number> | undefined;
    /**
     * Alarm on each configuration set as well as the account (default true).
     * @default true
     */
    perSet?: boolean | undefined;
}
