/** The account a stack deploys to, and the ARNs built from it (pure). */

export interface AccountContext {
    accountId: string;
    partition: string;
    region: string;
}

/** What SES puts in `aws:SourceArn` when it publishes a configuration set's events. */
export function configurationSetArn(setName: string, account: AccountContext): string {
    return `arn:${account.partition}:ses:${account.region}:${account.accountId}:configuration-set/${setName}`;
}

/** What SES puts in `aws:SourceArn` when it sends an identity's feedback notifications. */
export function identityArn(identity: string, account: AccountContext): string {
    return `arn:${account.partition}:ses:${account.region}:${account.accountId}:identity/${identity}`;
}

/** The only bus SES event destinations accept (SESv2 `EventBridgeDestination`: default bus only). */
export function defaultEventBusArn(account: AccountContext): string {
    return `arn:${account.partition}:events:${account.region}:${account.accountId}:event-bus/default`;
}
