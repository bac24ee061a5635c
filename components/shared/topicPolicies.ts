/**
 * Policy documents for SNS topics SES or CloudWatch publish to (pure). `aws.sns.TopicPolicy`
 * replaces the whole policy, so every policy we write keeps the owner's statement.
 */
import { AccountContext, alarmArn } from "./account";

/**
 * The statement SNS puts in a new topic's default policy: the owner account may manage and use the
 * topic. `aws.sns.TopicPolicy` replaces the whole policy, so every policy we write keeps it.
 */
export function topicOwnerStatement(topicArn: string, account: AccountContext): object {
    return {
        Sid: "OwnerAccount",
        Effect: "Allow",
        Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
        Action: [
            "SNS:GetTopicAttributes",
            "SNS:SetTopicAttributes",
            "SNS:AddPermission",
            "SNS:RemovePermission",
            "SNS:DeleteTopic",
            "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic",
            "SNS:Publish",
        ],
        Resource: topicArn,
    };
}

/**
 * A topic SES publishes to: the owner's statement plus one that lets `ses.amazonaws.com` publish
 * only on behalf of this account (`aws:SourceAccount`) and only for the given configuration sets
 * or identities (`aws:SourceArn`, exact ARNs): SES cannot be made to publish here for anyone else.
 */
export function sesPublishTopicPolicy(topicArn: string, account: AccountContext, sourceArns: string[]): object {
    return {
        Version: "2012-10-17",
        Statement: [
            topicOwnerStatement(topicArn, account),
            {
                Sid: "SesPublishesForThisAccount",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: "SNS:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": account.accountId },
                    ArnEquals: { "aws:SourceArn": sourceArns.length === 1 ? sourceArns[0] : [...sourceArns].sort() },
                },
            },
        ],
    };
}

/**
 * The key policy of a topic's customer-managed key. The account root keeps full control (the
 * statement KMS puts in every default key policy: without it the key becomes unmanageable), and
 * SES may generate data keys and decrypt, which SNS needs to store a message SES publishes to an
 * encrypted topic (AWS-managed `alias/aws/sns` cannot grant this). In a key policy `Resource: "*"`
 * means this key only.
 *
 * The SES statement is the one the SES Developer Guide gives ("Configuring Amazon SNS
 * notifications", prerequisites): no conditions. Whether SNS hands SES's `aws:SourceArn` /
 * `aws:SourceAccount` on to KMS is documented nowhere, and a key SES cannot use fails only at
 * deploy (`InvalidParameterValue` when the topic is set). The topic policy is what scopes SES to
 * this account and configuration set; the key can only be used through topics of this account.
 * `kms:GenerateDataKey*` (the SNS Developer Guide's form) covers the guide's `kms:GenerateDataKey`.
 */
export function sesTopicKeyPolicy(account: AccountContext): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountRootAdministersKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${account.partition}:iam::${account.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "AllowSESToUseKMSKey",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            },
        ],
    };
}

/**
 * The alarm topic's policy. `aws.sns.TopicPolicy` replaces the whole policy, so it keeps the
 * owner's statement and adds one: CloudWatch may publish, only for alarms of this account and
 * region (`aws:SourceAccount` and `aws:SourceArn`, SNS Developer Guide, confused-deputy prevention).
 */
export function alarmTopicPolicy(topicArn: string, account: AccountContext): object {
    return {
        Version: "2012-10-17",
        Statement: [
            topicOwnerStatement(topicArn, account),
            {
                Sid: "CloudWatchAlarmsOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "SNS:Publish",
                Resource: topicArn,
                Condition: {
                    StringEquals: { "aws:SourceAccount": account.accountId },
                    ArnLike: { "aws:SourceArn": alarmArn("*", account) },
                },
            },
        ],
    };
}
