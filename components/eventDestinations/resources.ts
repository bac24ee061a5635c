/**
 * Event publishing beyond CloudWatch, per configuration set: an SNS destination (events pushed to
 * subscribers: queues, functions, HTTPS endpoints) and an EventBridge destination (events on the
 * account's default bus, routed by rules): the resources. Their settings, specs and policy
 * documents are pure, in settings.ts, specs.ts and ../shared.
 *
 * Sources: SES Developer Guide (event publishing destinations; EventBridge destination: default
 * bus only, `monitoring-eventbridge`), EventBridge events reference for SES (`events-ref-ses`:
 * `source` `aws.ses` and the `Email ...` detail types), SNS Developer Guide (confused-deputy
 * conditions, key management for encrypted topics), ../shared reference notes.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName, setScopedName, topicDisplayName } from "../shared/physicalNames";
import { AccountContext, checkedTopicArn, configurationSetArn } from "../shared/account";
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { EventBridgeDestinationSettings, SnsDestinationSettings } from "./settings";
import { eventBridgeEventDestination, eventBridgeEventPattern, snsEventDestination } from "./specs";
import { sesPublishTopicPolicy, sesTopicKeyPolicy } from "../shared/topicPolicies";

export interface SnsDestinationOutputs {
    /** The topic the set publishes to, created or given. */
    topicArn: pulumi.Output<string>;
    /** The created key's ARN, when `kmsEncryption`. */
    kmsKeyArn?: pulumi.Output<string>;
}

/**
 * The SNS destination of one configuration set: a topic (unless `topicArn` is given) with its
 * policy and, when asked, its KMS key, then the event destination. `configurationSetName` is the
 * set's name once it exists (the output of `createConfigurationSet`), so the destination waits.
 */
export function createSnsDestination(
    name: string,
    namePrefix: string,
    setName: string,
    configurationSetName: pulumi.Input<string>,
    settings: SnsDestinationSettings,
    account: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): SnsDestinationOutputs | undefined {
    if (!settings.enabled) return undefined;
    const opts = { parent };
    const logical = `${name}-${setName}-sns`;
    let topicArn: pulumi.Output<string>;
    let kmsKeyArn: pulumi.Output<string> | undefined;
    const dependsOn: pulumi.Resource[] = [];
    if (settings.topicArn !== undefined) {
        topicArn = pulumi.all([settings.topicArn, account]).apply(([arn, acct]) => checkedTopicArn(`configurationSets.${setName}.snsDestination.topicArn`, arn, acct));
    } else {
        let key: aws.kms.Key | undefined;
        if (settings.kmsEncryption) {
            key = new aws.kms.Key(logical, {
                description: `SES events of configuration set ${setName} (${namePrefix})`,
                enableKeyRotation: true,
                // The longest window: a key deleted by mistake can be restored for 30 days.
                deletionWindowInDays: 30,
                policy: account.apply((acct) => JSON.stringify(sesTopicKeyPolicy(acct))),
                tags,
            }, opts);
            kmsKeyArn = key.arn;
        }
        const topic = new aws.sns.Topic(logical, {
            name: fitName(setScopedName(namePrefix, setName), "-ses-events", 256),
            displayName: topicDisplayName(`SES events of ${setName}`, namePrefix),
            kmsMasterKeyId: key?.arn,
            tags,
        }, opts);
        const policy = new aws.sns.TopicPolicy(logical, {
            arn: topic.arn,
            policy: pulumi.all([topic.arn, account]).apply(([arn, acct]) =>
                JSON.stringify(sesPublishTopicPolicy(arn, acct, [configurationSetArn(setName, acct)]))),
        }, opts);
        dependsOn.push(policy);
        topicArn = topic.arn;
    }
    const spec = snsEventDestination(settings);
    // SES checks that it may publish when the destination is created: the policy comes first.
    new aws.sesv2.ConfigurationSetEventDestination(logical, {
        configurationSetName,
        eventDestinationName: spec.name,
        eventDestination: {
            enabled: true,
            matchingEventTypes: spec.matchingEventTypes,
            snsDestination: { topicArn },
        },
    }, { parent, dependsOn });
    return { topicArn, kmsKeyArn };
}

export interface EventBridgeDestinationOutputs {
    /** The account's default bus, where the set's events arrive. */
    eventBusArn: pulumi.Output<string>;
    /** JSON of the EventBridge pattern that matches this set's events: paste it into a rule. */
    eventPattern: string;
}

/** The EventBridge destination of one configuration set: events to the default bus. */
export function createEventBridgeDestination(
    name: string,
    setName: string,
    configurationSetName: pulumi.Input<string>,
    settings: EventBridgeDestinationSettings,
    account: pulumi.Output<AccountContext>,
    parent: pulumi.Resource,
): EventBridgeDestinationOutputs | undefined {
    if (!settings.enabled) return undefined;
    const spec = account.apply((acct) => eventBridgeEventDestination(settings, acct));
    new aws.sesv2.ConfigurationSetEventDestination(`${name}-${setName}-eventbridge`, {
        configurationSetName,
        eventDestinationName: EVENT_DESTINATION_NAMES.eventBridge,
        eventDestination: {
            enabled: true,
            matchingEventTypes: [...settings.eventTypes],
            eventBridgeDestination: { eventBusArn: spec.eventBusArn },
        },
    }, { parent });
    return {
        eventBusArn: spec.eventBusArn,
        eventPattern: JSON.stringify(eventBridgeEventPattern(setName, settings.eventTypes)),
    };
}
