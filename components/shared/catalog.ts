/**
 * The SES facts the module is built on: event types, the CloudWatch metrics they publish, AWS's
 * enforcement levels and the service limits we must stay within. Plain data, no Pulumi.
 * Sources: ../shared reference notes, SES Developer Guide (event publishing to CloudWatch,
 * reputation metrics) and the CloudWatch PutMetricAlarm API reference.
 */

/** Namespace of SES event-publishing and reputation metrics. */
export const SES_NAMESPACE = "AWS/SES";

/**
 * The ten SESv2 event types and the CloudWatch metric each publishes. The metric names of
 * DELIVERY_DELAY and SUBSCRIPTION are not confirmed by a primary source (they follow the pattern of
 * the confirmed ones); nothing alarms on them, so a wrong guess would only leave a widget empty.
 */
export const EVENT_TYPES = {
    SEND: "Send",
    REJECT: "Reject",
    BOUNCE: "Bounce",
    COMPLAINT: "Complaint",
    DELIVERY: "Delivery",
    OPEN: "Open",
    CLICK: "Click",
    RENDERING_FAILURE: "RenderingFailure",
    DELIVERY_DELAY: "DeliveryDelay",
    SUBSCRIPTION: "Subscription",
} as const;

/**
 * An SESv2 event type: what happened to a message. A configuration set publishes the types it
 * lists to each of its event destinations (SESv2 API reference, EventDestination.MatchingEventTypes).
 */
export const EventType = {
    /** The send request succeeded and SES will try to deliver the message. */
    SEND: "SEND",
    /** SES accepted the message but found a virus in it and did not try to deliver it. */
    REJECT: "REJECT",
    /** The recipient's mail server permanently rejected the message (a hard bounce). */
    BOUNCE: "BOUNCE",
    /** The message was delivered, and the recipient marked it as spam. */
    COMPLAINT: "COMPLAINT",
    /** SES delivered the message to the recipient's mail server. */
    DELIVERY: "DELIVERY",
    /** The recipient opened the message in their email client. */
    OPEN: "OPEN",
    /** The recipient clicked one or more links in the message. */
    CLICK: "CLICK",
    /** The message was not sent because its template could not be rendered. */
    RENDERING_FAILURE: "RENDERING_FAILURE",
    /** The message could not be delivered yet because of a temporary issue (a full inbox, a busy server). */
    DELIVERY_DELAY: "DELIVERY_DELAY",
    /** The message was delivered, and the recipient changed their subscription preferences through its unsubscribe link. */
    SUBSCRIPTION: "SUBSCRIPTION",
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[];

export function isEventType(value: unknown): value is EventType {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(EVENT_TYPES, value);
}

/** The dimension that splits event metrics by configuration set (source MESSAGE_TAG). */
export const CONFIGURATION_SET_DIMENSION = "ses:configuration-set";

/** SES auto-tags usable as message-tag dimension names (SES Developer Guide, event publishing). */
export const SES_AUTO_TAG_DIMENSIONS = [
    "ses:configuration-set",
    "ses:caller-identity",
    "ses:from-domain",
    "ses:source-ip",
    "ses:outgoing-ip",
] as const;

/** Where a CloudWatch dimension's value comes from, in each message. */
export const DimensionValueSource = {
    /** A message tag (`X-SES-MESSAGE-TAGS` header, or the `Tags` of the send request). */
    MESSAGE_TAG: "MESSAGE_TAG",
    /** An email header of the message. */
    EMAIL_HEADER: "EMAIL_HEADER",
    /** A tag on the links of the message (click tracking). */
    LINK_TAG: "LINK_TAG",
} as const;
export type DimensionValueSource = (typeof DimensionValueSource)[keyof typeof DimensionValueSource];
export const DIMENSION_VALUE_SOURCES = Object.values(DimensionValueSource);

/** Reputation metrics: fractions (0.05 = 5 %), statistic Average. */
export const REPUTATION_METRICS = {
    bounceRate: "Reputation.BounceRate",
    complaintRate: "Reputation.ComplaintRate",
} as const;

/** The rates we alarm on, each read as `100 * <event> / Send` from event-publishing metrics. */
export const RATE_METRICS = ["bounceRate", "complaintRate", "rejectRate"] as const;
export type RateMetric = (typeof RATE_METRICS)[number];

/** Which event each rate counts; the denominator is always SEND. */
export const RATE_EVENT: Record<RateMetric, EventType> = {
    bounceRate: "BOUNCE",
    complaintRate: "COMPLAINT",
    rejectRate: "REJECT",
};

/**
 * Where AWS acts on an account, in percent (SES Developer Guide, sending review process FAQs).
 * Rejects have no enforcement level.
 */
export const AWS_ENFORCEMENT: Record<"bounceRate" | "complaintRate", { reviewPercent: number; pausePercent: number }> = {
    bounceRate: { reviewPercent: 5, pausePercent: 10 },
    complaintRate: { reviewPercent: 0.1, pausePercent: 0.5 },
};

/** Service limits (SES and CloudWatch quotas; none of them adjustable). */
export const LIMITS = {
    /** Event destinations per configuration set. */
    eventDestinationsPerConfigurationSet: 10,
    /** Dimensions per CloudWatch event destination. */
    dimensionsPerCloudWatchDestination: 10,
    /** Configuration set name: 1-64 of [A-Za-z0-9_-]. */
    configurationSetName: /^[A-Za-z0-9_-]{1,64}$/,
    /** Metrics one metric-math alarm may read. */
    metricsPerAlarm: 10,
    /** Alarm names and descriptions (PutMetricAlarm). */
    alarmNameLength: 255,
    alarmDescriptionLength: 1024,
    /** period x evaluationPeriods: 1 day under an hour's period, 7 days otherwise (PutMetricAlarm). */
    maxEvaluationSecondsShortPeriod: 86_400,
    maxEvaluationSecondsLongPeriod: 604_800,
    /** Actions per alarm state. */
    actionsPerState: 5,
} as const;

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy API reference); 0 (never) excluded. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The component's Pulumi type token (its resources are children of a resource of this type). */
export const SES_MONITORING_TYPE = "ses-monitoring:index:SesMonitoring";
