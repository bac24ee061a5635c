/** Which identities share a topic, its policy and logical names, as plain data. */
import { AccountContext, identityArn } from "../shared/account";
import { sesPublishTopicPolicy } from "../shared/topicPolicies";
import { IdentityFeedbackSettings } from "./settings";

/** The identities that publish to the stack's own feedback topic (those without a `topicArn`). */
export function identitiesOnFeedbackTopic(identities: IdentityFeedbackSettings[]): string[] {
    return identities.filter((i) => i.topicArn === undefined).map((i) => i.identity);
}

/**
 * The feedback topic's policy: the owner's statement, and SES may publish only for this account and
 * only for the identities that use the topic (`aws:SourceArn` = their identity ARNs).
 */
export function feedbackTopicPolicy(topicArn: string, account: AccountContext, identities: string[]): object {
    return sesPublishTopicPolicy(topicArn, account, identities.map((i) => identityArn(i, account)));
}

/** Logical names derive from the identity key (never the order): `@` and `.` are kept as is. */
export function feedbackLogicalName(name: string, identity: string, part: string): string {
    return `${name}-feedback-${identity}-${part}`;
}

