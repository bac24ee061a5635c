/**
 * Event publishing beyond CloudWatch, per configuration set: an SNS destination (events pushed to
 * subscribers: queues, functions, HTTPS endpoints) and an EventBridge destination (events on the
 * account's default bus, routed by rules). Args, validation, the pure policy documents and event
 * pattern, then the resources.
 *
 * Sources: SES Developer Guide (event publishing destinations; EventBridge destination: default
 * bus only, `monitoring-eventbridge`), EventBridge events reference for SES (`events-ref-ses`:
 * `source` `aws.ses` and the `Email ...` detail types), SNS Developer Guide (confused-deputy
 * conditions, key management for encrypted topics), ../shared reference notes.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALL_EVENT_TYPES, EventType, isEventType, LIMITS } from "./shared/catalog";
import { fitName } from "./shared/physicalNames";
import { AccountContext, topicOwnerStatement } from "./notifications";
import { Checker } from "./shared/checker";

// ---------------------------------------------------------------------------------------------
// Args (to be added to `ConfigurationSetArgs` as `snsDestination?` and `eventBridgeDestination?`)
// ---------------------------------------------------------------------------------------------

/** Publish a configuration set's events to an SNS topic (off unless this object is given). */
export interface SnsDestinationArgs {
    /** Create the destination (default true once `snsDestination` is given). */
    enabled?: boolean;
    /**
     * SESv2 event types to publish (default: BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE,
     * DELIVERY_DELAY: the events someone acts on; SNS bills each message, so SEND, DELIVERY, OPEN
     * and CLICK are opt-in).
     */
    eventTypes?: string[];
    /**
     * An existing standard SNS topic in the same region. Its policy is left alone: it must already
     * let `ses.amazonaws.com` publish. Without it a topic is created with a policy that lets SES
     * publish for this configuration set only.
     */
    topicArn?: pulumi.Input<string>;
    /**
     * Encrypt the created topic with a new customer-managed KMS key whose policy lets SES use it
     * (default false). Not allowed with `topicArn`.
     */
    kmsEncryption?: boolean;
}

/** Publish a configuration set's events to the account's default EventBridge bus. */
export interface EventBridgeDestinationArgs {
    /** Create the destination (default true once `eventBridgeDestination` is given). */
    enabled?: boolean;
    /** SESv2 event types to publish (default: all ten; rules on the bus pick what they need). */
    eventTypes?: string[];
}

// ---------------------------------------------------------------------------------------------
// Resolved settings and validation
// ---------------------------------------------------------------------------------------------

export interface SnsDestinationSettings {
    enabled: boolean;
    eventTypes: EventType[];
    topicArn?: pulumi.Input<string>;
    kmsEncryption: boolean;
}

export interface EventBridgeDestinationSettings {
    enabled: boolean;
    eventTypes: EventType[];
}

/** The events worth a message each: the ones someone acts on. */
export const DEFAULT_SNS_EVENT_TYPES: EventType[] = ["BOUNCE", "COMPLAINT", "REJECT", "RENDERING_FAILURE", "DELIVERY_DELAY"];

/**
 * Event destination names. Fixed, not prefixed by stack, for the reason given in
 * configurationSets.ts: two stacks attached to one set would publish every event twice; with a fixed
 * name the second stack fails to create its destination instead.
 */
export const EXTRA_EVENT_DESTINATION_NAMES = {
    firehose: "ses-monitoring-firehose",
    sns: "ses-monitoring-sns",
    eventBridge: "ses-monitoring-eventbridge",
} as const;

/**
 * A list of SESv2 event types: each known, none twice, not empty. `fallback` when absent. Every
 * event destination's list (CloudWatch, Firehose, SNS, EventBridge) is checked by this one function.
 */
export function resolveEventTypes(check: Checker, path: string, value: unknown, fallback: readonly EventType[]): EventType[] {
    if (value === undefined || value === null) return [...fallback];
    const given = check.array(path, value);
    if (Array.isArray(value) && given.length === 0) check.fail(path, value, "is empty (list at least one event type)");
    const types: EventType[] = [];
    given.forEach((type, i) => {
        if (!isEventType(type)) {
            check.fail(`${path}[${i}]`, type, `is not an SESv2 event type (one of ${ALL_EVENT_TYPES.join(", ")})`);
        } else if (types.includes(type)) {
            check.fail(`${path}[${i}]`, type, "is listed twice");
        } else {
            types.push(type);
        }
    });
    return types;
}

/** `snsDestination` of one configuration set; `path` is e.g. `configurationSets.marketing.snsDestination`. */
export function resolveSnsDestination(check: Checker, path: string, value: unknown): SnsDestinationSettings {
    const raw = check.object(path, value, ["enabled", "eventTypes", "topicArn", "kmsEncryption"]);
    if (!raw) return { enabled: false, eventTypes: [...DEFAULT_SNS_EVENT_TYPES], kmsEncryption: false };
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    const eventTypes = resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, DEFAULT_SNS_EVENT_TYPES);
    const kmsEncryption = check.boolean(`${path}.kmsEncryption`, raw.kmsEncryption, false);
    const topicArn = check.topicArn(`${path}.topicArn`, raw.topicArn) as pulumi.Input<string> | undefined;
    if (kmsEncryption && raw.topicArn !== undefined && raw.topicArn !== null) {
        check.fail(`${path}.kmsEncryption`, raw.kmsEncryption, "cannot be set with topicArn (the given topic's encryption and key policy are its owner's)");
    }
    return { enabled, eventTypes, topicArn, kmsEncryption };
}

/** `eventBridgeDestination` of one configuration set. */
export function resolveEventBridgeDestination(check: Checker, path: string, value: unknown): EventBridgeDestinationSettings {
    const raw = check.object(path, value, ["enabled", "eventTypes"]);
    if (!raw) return { enabled: false, eventTypes: [...ALL_EVENT_TYPES] };
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        eventTypes: resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, ALL_EVENT_TYPES),
    };
}

/**
 * A set's event destinations must stay within the SES quota (10 per configuration set, not
 * adjustable). Today a set has at most five (CloudWatch, CloudWatch tags, Firehose, SNS,
 * EventBridge); the check keeps the next destination type honest.
 */
export function checkEventDestinationQuota(check: Checker, path: string, destinationNames: string[]): void {
    if (destinationNames.length > LIMITS.eventDestinationsPerConfigurationSet) {
        check.fail(path, `${destinationNames.length} event destinations (${destinationNames.join(", ")})`,
            `exceed the ${LIMITS.eventDestinationsPerConfigurationSet} SES allows per configuration set`);
    }
}

// ---------------------------------------------------------------------------------------------
// ARNs and policy documents (pure)
// ---------------------------------------------------------------------------------------------

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
 * encrypted topic (SNS Developer Guide, key management; AWS-managed `alias/aws/sns` cannot grant
 * this). In a key policy `Resource: "*"` means this key only.
 *
 * The `aws:SourceAccount` / `aws:SourceArn` conditions follow the confused-deputy guidance; that
 * SNS passes SES's source ARN through to KMS was not confirmed by a primary source (see the report).
 */
export function sesTopicKeyPolicy(account: AccountContext, sourceArns: string[]): object {
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
                Sid: "SesUsesKeyForThisAccount",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:SourceAccount": account.accountId },
                    ArnEquals: { "aws:SourceArn": sourceArns.length === 1 ? sourceArns[0] : [...sourceArns].sort() },
                },
            },
        ],
    };
}

/**
 * The `detail-type` SES gives each event type on EventBridge (EventBridge events reference,
 * `events-ref-ses`; SES Developer Guide, `monitoring-eventbridge`).
 */
export const EVENTBRIDGE_DETAIL_TYPES: Record<EventType, string> = {
    SEND: "Email Sent",
    REJECT: "Email Rejected",
    BOUNCE: "Email Bounced",
    COMPLAINT: "Email Complaint Received",
    DELIVERY: "Email Delivered",
    OPEN: "Email Opened",
    CLICK: "Email Clicked",
    RENDERING_FAILURE: "Email Rendering Failed",
    DELIVERY_DELAY: "Email Delivery Delayed",
    SUBSCRIPTION: "Email Subscribed",
};

/**
 * The EventBridge pattern matching this set's events: `source` `aws.ses`, the detail types of the
 * published event types, and the set's auto-tag `detail.mail.tags."ses:configuration-set"` (each
 * tag value is a list in the event; a pattern value matches when the list contains it).
 */
export function eventBridgeEventPattern(setName: string, eventTypes: readonly EventType[]): object {
    return {
        "source": ["aws.ses"],
        "detail-type": eventTypes.map((t) => EVENTBRIDGE_DETAIL_TYPES[t]),
        "detail": { mail: { tags: { "ses:configuration-set": [setName] } } },
    };
}

/** The SNS destination as plain data (the topic ARN is filled in by the resource code). */
export function snsEventDestination(settings: SnsDestinationSettings) {
    return { key: "sns", name: EXTRA_EVENT_DESTINATION_NAMES.sns, matchingEventTypes: [...settings.eventTypes] };
}

/** The EventBridge destination as plain data. */
export function eventBridgeEventDestination(settings: EventBridgeDestinationSettings, account: AccountContext) {
    return {
        key: "eventbridge",
        name: EXTRA_EVENT_DESTINATION_NAMES.eventBridge,
        matchingEventTypes: [...settings.eventTypes],
        eventBusArn: defaultEventBusArn(account),
    };
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

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
        topicArn = pulumi.output(settings.topicArn);
    } else {
        let key: aws.kms.Key | undefined;
        if (settings.kmsEncryption) {
            key = new aws.kms.Key(logical, {
                description: `SES events of configuration set ${setName} (${namePrefix})`,
                enableKeyRotation: true,
                // The longest window: a key deleted by mistake can be restored for 30 days.
                deletionWindowInDays: 30,
                policy: account.apply((acct) => JSON.stringify(sesTopicKeyPolicy(acct, [configurationSetArn(setName, acct)]))),
                tags,
            }, opts);
            kmsKeyArn = key.arn;
        }
        const topic = new aws.sns.Topic(logical, {
            name: fitName(namePrefix, `-${setName}-ses-events`, 256),
            displayName: `SES events of ${setName} (${namePrefix})`,
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
        eventDestinationName: EXTRA_EVENT_DESTINATION_NAMES.eventBridge,
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
