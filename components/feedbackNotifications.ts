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
import { fitName } from "./shared/physicalNames";
import { identityArn, sesPublishTopicPolicy } from "./eventDestinations";
import { AccountContext } from "./notifications";
import { Checker, EMAIL } from "./shared/checker";

// ---------------------------------------------------------------------------------------------
// Args (to be added to `SesMonitoringArgs` as `identities?: Record<string, IdentityFeedbackArgs>`)
// ---------------------------------------------------------------------------------------------

/**
 * Feedback notifications of one verified SES identity (the key of `identities`: a domain such as
 * `example.com` or an address such as `news@example.com`).
 */
export interface IdentityFeedbackArgs {
    /** Publish Bounce notifications (default true). */
    bounce?: boolean;
    /** Publish Complaint notifications (default true). */
    complaint?: boolean;
    /** Publish Delivery notifications (default false: one message per delivered recipient). */
    delivery?: boolean;
    /**
     * An existing standard SNS topic in the same region for this identity's notifications. Its
     * policy is left alone: it must already let `ses.amazonaws.com` publish. Without it the stack's
     * feedback topic is used (created once, shared by every identity without a `topicArn`).
     */
    topicArn?: pulumi.Input<string>;
    /** Include the original message headers in the notifications (default false). */
    includeOriginalHeaders?: boolean;
    /**
     * Stop mailing bounces and complaints to the sender (default false: forwarding is left as it
     * is). Allowed only with `bounce` and `complaint` both on, so bounces are never unreported.
     */
    disableEmailForwarding?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Settings and validation
// ---------------------------------------------------------------------------------------------

/** SES notification types, as `aws.ses.IdentityNotificationTopic.notificationType` spells them. */
export const FEEDBACK_TYPES = ["Bounce", "Complaint", "Delivery"] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

export interface IdentityFeedbackSettings {
    identity: string;
    /** The notification types published, in FEEDBACK_TYPES order. */
    types: FeedbackType[];
    topicArn?: pulumi.Input<string>;
    includeOriginalHeaders: boolean;
    disableEmailForwarding: boolean;
}

/** A DNS name of at least two labels, each 1-63 of `[a-z0-9-]` not starting or ending with `-`. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A key of `identities`: a domain or an email address (whose domain is itself a domain). */
export function isIdentity(key: string): boolean {
    if (DOMAIN.test(key)) return true;
    return EMAIL.test(key) && key.length <= 320 && DOMAIN.test(key.slice(key.lastIndexOf("@") + 1));
}

/** `identities` of the args, sorted by identity; `path` is `identities`. */
export function resolveIdentities(check: Checker, path: string, value: unknown): IdentityFeedbackSettings[] {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" || Array.isArray(value)) {
        check.fail(path, value, "is not a map keyed by identity (domain or email address)");
        return [];
    }
    const result: IdentityFeedbackSettings[] = [];
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [identity, raw] of entries) {
        const ipath = `${path}.${identity}`;
        if (!isIdentity(identity)) {
            check.fail(ipath, identity, "is not an SES identity (a domain such as example.com or an email address)");
        }
        const item = check.object(ipath, raw, ["bounce", "complaint", "delivery", "topicArn", "includeOriginalHeaders", "disableEmailForwarding"]) ?? {};
        const on: Record<FeedbackType, boolean> = {
            Bounce: check.boolean(`${ipath}.bounce`, item.bounce, true),
            Complaint: check.boolean(`${ipath}.complaint`, item.complaint, true),
            Delivery: check.boolean(`${ipath}.delivery`, item.delivery, false),
        };
        const types = FEEDBACK_TYPES.filter((t) => on[t]);
        if (types.length === 0) {
            check.fail(ipath, raw, "turns off bounce, complaint and delivery: publishes nothing (remove the identity instead)");
        }
        const disableEmailForwarding = check.boolean(`${ipath}.disableEmailForwarding`, item.disableEmailForwarding, false);
        if (disableEmailForwarding && !(on.Bounce && on.Complaint)) {
            const missing = [on.Bounce ? undefined : "bounce", on.Complaint ? undefined : "complaint"].filter((x) => x).join(" and ");
            check.fail(`${ipath}.disableEmailForwarding`, true,
                `needs bounce and complaint notifications on (${missing} off): with forwarding off they would go unreported`);
        }
        const topicArn = check.topicArn(`${ipath}.topicArn`, item.topicArn) as pulumi.Input<string> | undefined;
        result.push({
            identity,
            types,
            topicArn,
            includeOriginalHeaders: check.boolean(`${ipath}.includeOriginalHeaders`, item.includeOriginalHeaders, false),
            disableEmailForwarding,
        });
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Specs (pure)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

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
            displayName: `SES feedback notifications (${namePrefix})`,
            tags,
        }, { parent });
        topicPolicy = new aws.sns.TopicPolicy(`${name}-feedback`, {
            arn: topic.arn,
            policy: pulumi.all([topic.arn, account]).apply(([arn, acct]) => JSON.stringify(feedbackTopicPolicy(arn, acct, onOwnTopic))),
        }, { parent });
        feedbackTopicArn = topic.arn;
    }

    for (const settings of identities) {
        const topicArn = settings.topicArn !== undefined ? pulumi.output(settings.topicArn) : feedbackTopicArn!;
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
