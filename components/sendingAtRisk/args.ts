/* The public args of the "sending at risk" composite alarm. */

/** The composite alarm that is in ALARM when any critical alarm of the stack is. */
export interface SendingAtRiskArgs {
    /**
     * Create the composite alarm (default true).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * Send its ALARM and OK notifications to the critical topic (default true). Turn off when the
     * critical topic already pages on every critical alarm and only the alarm's state is wanted.
     * @default true
     */
    notify?: boolean | undefined;
}
