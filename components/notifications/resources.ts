import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SEVERITIES, Severity } from "../shared/alarmSpecs";
import { AccountContext, checkedTopicArn } from "../shared/account";
import { topicDisplayName } from "../shared/physicalNames";
import { alarmTopicPolicy } from "../shared/topicPolicies";
import { NotificationSettings } from "./settings";

/** A short, stable name for a subscription endpoint. */
export function endpointHash(endpoint: string): string {
    return createHash("sha256").update(endpoint).digest("hex").slice(0, 12);
}

export interface AlarmTopics {
    /** Topic ARN per severity, created or given. */
    arns: Record<Severity, pulumi.Output<string>>;
}

/**
 * One SNS topic per severity (unless an existing ARN is given), its policy, and the email and HTTPS
 * subscriptions. A given topic is not ours: its policy is left alone (it must already let
 * CloudWatch publish), but the subscribers are added to it too.
 */
export function createAlarmTopics(
    name: string,
    namePrefix: string,
    settings: NotificationSettings,
    account: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): AlarmTopics {
    const given: Record<Severity, pulumi.Input<string> | undefined> = {
        warning: settings.warningTopicArn,
        critical: settings.criticalTopicArn,
    };
    const arns = {} as Record<Severity, pulumi.Output<string>>;
    for (const severity of SEVERITIES) {
        const existing = given[severity];
        if (existing !== undefined) {
            arns[severity] = pulumi.all([existing, account]).apply(([arn, acct]) => checkedTopicArn(`notifications.${severity}TopicArn`, arn, acct));
            continue;
        }
        const topic = new aws.sns.Topic(`${name}-${severity}`, {
            name: `${namePrefix}-${severity}`,
            displayName: topicDisplayName(`SES ${severity} alarms`, namePrefix),
            tags,
        }, { parent });
        new aws.sns.TopicPolicy(`${name}-${severity}`, {
            arn: topic.arn,
            policy: pulumi.all([topic.arn, account]).apply(([arn, acct]) => JSON.stringify(alarmTopicPolicy(arn, acct))),
        }, { parent });
        arns[severity] = topic.arn;
    }

    // The same existing topic may serve both severities: subscribe each endpoint to it once.
    const severities = SEVERITIES.filter((s, i) => i === 0 || given[s] === undefined || given[s] !== given[SEVERITIES[0]]);
    const endpoints = [
        ...settings.emails.map((endpoint) => ({ protocol: "email", endpoint })),
        ...settings.httpsEndpoints.map((endpoint) => ({ protocol: "https", endpoint })),
    ];
    for (const severity of severities) {
        for (const { protocol, endpoint } of endpoints) {
            // Named by a hash of the endpoint: stable when the list is reordered, and a webhook
            // URL's token never lands in a URN (URNs are shown and stored in plain text).
            new aws.sns.TopicSubscription(`${name}-${severity}-${protocol}-${endpointHash(endpoint)}`, {
                topic: arns[severity],
                protocol,
                endpoint: protocol === "https" ? pulumi.secret(endpoint) : endpoint,
            }, { parent });
        }
    }
    return { arns };
}
