/** The account a stack deploys to, and the ARNs built from it (pure). */
import { deployTimeError, describeValue, topicArnProblem } from "./checker";

export interface AccountContext {
    accountId: string;
    partition: string;
    region: string;
}

/**
 * A configuration set's ARN: what SES puts in `aws:SourceArn` when it publishes the set's events,
 * and the `configuration-set` resource of IAM policies (Service Authorization Reference, Amazon SES).
 */
export function configurationSetArn(setName: string, account: AccountContext): string {
    return `arn:${account.partition}:ses:${account.region}:${account.accountId}:configuration-set/${setName}`;
}

/** An identity's ARN: `aws:SourceArn` of its feedback notifications, and the `identity` resource of IAM policies. */
export function identityArn(identity: string, account: AccountContext): string {
    return `arn:${account.partition}:ses:${account.region}:${account.accountId}:identity/${identity}`;
}

/** A CloudWatch alarm's ARN (what an alarm action's `aws:SourceArn` is). */
export function alarmArn(alarmName: string, account: AccountContext): string {
    return `arn:${account.partition}:cloudwatch:${account.region}:${account.accountId}:alarm:${alarmName}`;
}

/** The only bus SES event destinations accept (SESv2 `EventBridgeDestination`: default bus only). */
export function defaultEventBusArn(account: AccountContext): string {
    return `arn:${account.partition}:events:${account.region}:${account.accountId}:event-bus/default`;
}

/**
 * A topic ARN given as an Output, checked once it resolves, by the rule plain ARNs are checked with
 * before deploying (`topicArnProblem`): an Output that resolves to undefined or "" would give
 * alarms or destinations that notify nobody, and one of another region or partition would never
 * receive. Throwing here fails the deployment of what uses the ARN, with the field named once
 * (`deployTimeError`). A plain ARN is checked here too when the region was not known before
 * deploying (a provider of the component's own, given or inherited).
 */
export function checkedTopicArn(path: string, arn: unknown, account: AccountContext): string {
    const problem = topicArnProblem(arn, account);
    if (problem !== undefined) throw deployTimeError([{ path, message: `${describeValue(arn)} (resolved while deploying) ${problem}` }]);
    return arn as string;
}
