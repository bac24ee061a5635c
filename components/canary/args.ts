/**
 * Public args of the canary, in the style of `components/args.ts`: plain interfaces, JSDoc on every
 * field, no unions.
 */

/**
 * The canary (off unless given): on a schedule, a Lambda function sends one message to the SES
 * mailbox simulator's `success@` address and one to its `bounce@` address, through a configuration
 * set of the canary's own (`<namePrefix>-canary-<hash>`, see docs/operations.md). Critical
 * "monitoring blind" alarms fire when that set's `Delivery` or `Bounce` events stop reaching
 * CloudWatch: then the module's other alarms may be blind too. Mail to the simulator counts
 * neither toward the sending quota nor toward the account's bounce and complaint rates, and the
 * canary's own set keeps it out of every monitored set's rates. SES bills it like any other
 * message. See docs/protection.md.
 */
export interface CanaryArgs {
    /**
     * Create the canary (default true once `canary` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * The sender: an email address of an identity verified in SES in the stack's region (the address
     * itself or its domain), a plain address without a display name. The function may send from
     * this address only, to the mailbox simulator only, through the canary's set only.
     */
    from: string;
    /**
     * Minutes between runs: a whole number from 5 to 1,440. Each run sends 2 messages.
     * @default 60
     */
    scheduleMinutes?: number | undefined;
    /**
     * Runs in a row whose events may be missing before the "monitoring blind" alarms fire (at least
     * 2): the alarms read periods of `scheduleMinutes` and fire when `missedRuns` of
     * them have no event. `scheduleMinutes` x `missedRuns` must stay within CloudWatch's limit:
     * a day for periods under an hour, 7 days otherwise.
     * @default 3
     */
    missedRuns?: number | undefined;
    /**
     * Days the function's CloudWatch Logs log group keeps its logs; one of the values
     * CloudWatch Logs accepts (see `sendingQuota.logRetentionDays`).
     * @default 30
     */
    logRetentionDays?: number | undefined;
}
