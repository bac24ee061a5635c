/*
 * Public args of the sending API poller, in the style of `components/args.ts`: plain interfaces,
 * JSDoc on every field (it becomes the schema documentation for other languages), no unions.
 */

/**
 * The sending API poller (on by default): a scheduled Lambda that reads SES `GetAccount` and
 * `GetSendStatistics` and publishes the account's quota use, sending status, enforcement status and
 * 15-minute counts as custom metrics (namespace `SesMonitoring/SendingApi`, dimension
 * `Stack = <namePrefix>`), with alarms on quota use, on sending paused or under review, and on the
 * poller itself failing or going silent. The account answers the same for every stack in an
 * account and region: run it in one of them to pay for the metrics once.
 */
export interface SendingQuotaArgs {
    /**
     * Create the poller, its metrics and its alarms (default true).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Minutes between polls: 5, 10, 15, 20, 30 or 60 (the granularity of SES's sending
     * statistics). Also the period of the poller's alarms.
     * @default 15
     */
    scheduleMinutes?: number | undefined;
    /**
     * Warning when the last 24 hours' sends reach this percentage of the 24-hour quota.
     * @default 80
     */
    quotaWarningPercent?: number | undefined;
    /**
     * Critical when they reach this percentage; above `quotaWarningPercent`, at most 100.
     * @default 95
     */
    quotaCriticalPercent?: number | undefined;
    /**
     * Days the poller's CloudWatch Logs log group keeps its logs. One of the values
     * CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
     * 1827, 2192, 2557, 2922, 3288, 3653. Never-expiring logs are not offered.
     * @default 30
     */
    logRetentionDays?: number | undefined;
}
