/**
 * Public args of auto-pause, in the style of `components/args.ts`: plain interfaces, JSDoc on every
 * field, no unions.
 */

/**
 * Auto-pause of one configuration set (off unless given; `{}` turns it on with defaults). When one
 * of the set's critical alarms chosen in `triggers` goes into ALARM, CloudWatch invokes a Lambda
 * function directly (a Lambda alarm action) that disables sending for this set only (SESv2
 * `PutConfigurationSetSendingOptions`, `SendingEnabled: false`) and tells the critical topic what
 * it did and how to resume. It never resumes by itself:
 * `aws sesv2 put-configuration-set-sending-options --configuration-set-name <set> --sending-enabled`.
 */
export interface AutoPauseArgs {
    /**
     * Create the function and wire it to the alarms (default true once `autoPause` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Which rates' critical alarms pause the set: `bounceRate`, `complaintRate` or both (default
     * both). The critical alarms of the set on that rate that may pause it trigger it: its fast
     * window, and the rate alarm itself only when its periods last a day or more (a shorter
     * window, such as the bounce rate's half-hours, is set off by late events of earlier sends
     * over a quiet hour; the set's reputation alarm lags the sending by hours to days; both still
     * page). The rate must have one of them.
     * @default [bounceRate, complaintRate]
     */
    triggers?: string[] | undefined;
    /**
     * Only report what would be done; never change the set (default false).
     * @default false
     */
    dryRun?: boolean | undefined;
    /**
     * Days the function's CloudWatch Logs log group keeps its logs; one of the values
     * CloudWatch Logs accepts (see `sendingQuota.logRetentionDays`).
     * @default 30
     */
    logRetentionDays?: number | undefined;
}
