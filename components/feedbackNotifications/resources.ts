/**
 * Feedback notifications per identity: SES publishes an identity's Bounce, Complaint and Delivery
 * notifications to SNS, whatever configuration set (or none) the message used. This is the method
 * that still reports bounces of mail sent without a configuration set.
 *
 * Sources: SES Developer Guide (monitor using notifications; feedback forwarding: SES refuses to
 * turn email forwarding off unless bounce and complaint notifications go to SNS, and turns it back
 * on if publishing fails), SNS Developer Guide (confused-deputy conditions), ../shared reference
 * notes (`aws.ses.IdentityNotificationTopic`, `aws.sesv2.EmailIdentityFeedbackAttributes`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName, topicDisplayName } from "../shared/physicalNames";
import { AccountContext, checkedTopicArn } from "../shared/account";
import { IdentityFeedbackSettings } from "./settings";
import { feedbackLogicalName, feedbackTopicPolicy, identitiesOnFeedbackTopic } from "./specs";

export interface FeedbackNotifications {
    /** The stack's feedback topic, when one was created. */
    feedbackTopicArn?: pulumi.Output<string>;
    /** Topic ARN per identity. */
    topicArns: Record<string, pulumi.Output<string>>;
}

export function createFeedbackNotifications(
    name: string,
    namePrefix: string,
    identities: IdentityFeedbackSettings[],
    account: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): FeedbackNotifications {
    const topicArns: Record<string, pulumi.Output<string>> = {};
    let feedbackTopicArn: pulumi.Output<string> | undefined;
    let topicPolicy: aws.sns.TopicPolicy | undefined;
    const onOwnTopic = identitiesOnFeedbackTopic(identities);
    if (onOwnTopic.length > 0) {
        const topic = new aws.sns.Topic(`${name}-feedback`, {
            name: fitName(namePrefix, "-ses-feedback", 256),
            displayName: topicDisplayName("SES feedback notifications", namePrefix),
            tags,
        }, { parent });
        topicPolicy = new aws.sns.TopicPolicy(`${name}-feedback`, {
            arn: topic.arn,
            policy: pulumi.all([topic.arn, account]).apply(([arn, acct]) => JSON.stringify(feedbackTopicPolicy(arn, acct, onOwnTopic))),
        }, { parent });
        feedbackTopicArn = topic.arn;
    }

    for (const settings of identities) {
        const topicArn = settings.topicArn !== undefined
            ? pulumi.all([settings.topicArn, account]).apply(([arn, acct]) => checkedTopicArn(`identities.${settings.identity}.topicArn`, arn, acct))
            : feedbackTopicArn!;
        topicArns[settings.identity] = topicArn;
        // SES checks that it may publish when the topic is set: our policy comes first.
        const dependsOn = settings.topicArn === undefined && topicPolicy ? [topicPolicy] : [];
        const notificationTopics = settings.types.map((type) => new aws.ses.IdentityNotificationTopic(
            feedbackLogicalName(name, settings.identity, type.toLowerCase()), {
                identity: settings.identity,
                notificationType: type,
                topicArn,
                includeOriginalHeaders: settings.includeOriginalHeaders,
            }, { parent, dependsOn }));
        if (settings.disableEmailForwarding) {
            // SES refuses forwarding off until bounce and complaint topics are set: wait for them.
            new aws.sesv2.EmailIdentityFeedbackAttributes(feedbackLogicalName(name, settings.identity, "forwarding"), {
                emailIdentity: settings.identity,
                emailForwardingEnabled: false,
            }, { parent, dependsOn: notificationTopics });
        }
    }
    return { feedbackTopicArn, topicArns };
}
