import type { EventType } from "./shared/catalog";
import type { AutoPauseArgs } from "./autoPause/args";
import type { CanaryArgs } from "./canary/args";
import type { SendingQuotaArgs } from "./sendingQuota/args";
import type { EventArchiveArgs } from "./eventArchive/args";
import type { EventBridgeDestinationArgs, SnsDestinationArgs } from "./eventDestinations/args";
import type { IdentityFeedbackArgs } from "./feedbackNotifications/args";
import type { AccountReputationArgs, AlarmSettings } from "./alarms/args";
import type { DashboardArgs } from "./dashboard/args";
import type { DeliverabilityManagerArgs } from "./deliverabilityManager/args";
import type { DimensionArgs } from "./configurationSets/args";
import type { NotificationArgs } from "./notifications/args";
import type { SendingAtRiskArgs } from "./sendingAtRisk/args";
import type { VolumeArgs } from "./volume/args";

/**
 * Arguments of `SesMonitoring`. Plain interfaces only (no unions other than `T | undefined`, no
 * callbacks), so that Pulumi's component schema analyzer can expose them to other languages.
 * Enumerated values are `as const` objects (schema enums), still checked when the component is constructed.
 */
export interface SesMonitoringArgs {
    /**
     * The SES configuration sets to monitor, keyed by the configuration set name (1-64 of
     * `[A-Za-z0-9_-]`). Resource names derive from the key, never from the order.
     */
    configurationSets: Record<string, ConfigurationSetArgs>;
    /** Alarm defaults for every configuration set; a set's own `alarms` override them field by field. */
    alarms?: AlarmSettings;
    /** Account-level `Reputation.BounceRate` / `Reputation.ComplaintRate` alarms (on by default). */
    accountReputation?: AccountReputationArgs;
    /** Where alarms notify: SNS topics per severity (created unless given) and their subscribers. */
    notifications?: NotificationArgs;
    /**
     * Prefix of every physical name (alarms, topics, dashboard). Default: `<project>-<stack>`,
     * cleaned to `[A-Za-z0-9_-]`. Must be unique per account and region.
     */
    namePrefix?: string;
    /**
     * Tags applied to every taggable resource: at most 49 (50 per resource, one kept for the
     * component's own), keys of 1-128 and values of 0-256 letters, digits, spaces and `_ . : / = + - @`
     * (the CloudWatch Logs and IAM rule), no key starting with `aws:`.
     */
    tags?: Record<string, string>;
    /** The stack's CloudWatch dashboard (on by default). */
    dashboard?: DashboardArgs;
    /**
     * The composite "sending at risk" alarm: in ALARM when any critical alarm of the stack is, so a
     * pager can follow one alarm (on by default).
     */
    sendingAtRisk?: SendingAtRiskArgs;
    /**
     * The sending API poller (on by default): quota use, sending status, enforcement status and the
     * account's 15-minute counts as custom metrics, with alarms. See `SendingQuotaArgs`.
     */
    sendingQuota?: SendingQuotaArgs;
    /**
     * The event archive (off unless given): every event's full JSON through Kinesis Data Firehose
     * to S3, queryable with Athena. `{}` turns it on with defaults.
     */
    eventArchive?: EventArchiveArgs;
    /**
     * Feedback notifications per verified identity (domain or email address, the key): bounces,
     * complaints and deliveries to an SNS topic.
     */
    identities?: Record<string, IdentityFeedbackArgs>;
    /**
     * Send volume beyond normal (off unless given): the account's and each set's `Send` against an
     * anomaly detection band or a fixed ceiling. See `VolumeArgs`.
     */
    volume?: VolumeArgs;
    /**
     * SES Virtual Deliverability Manager for the account (off unless given): engagement tracking
     * and optimized shared delivery. See `DeliverabilityManagerArgs`.
     */
    deliverabilityManager?: DeliverabilityManagerArgs;
    /**
     * The canary (off unless given): scheduled messages to the SES mailbox simulator through a
     * configuration set of its own, and critical "monitoring blind" alarms when their Delivery or
     * Bounce events stop reaching CloudWatch. `from` (a verified sender) is required. See `CanaryArgs`.
     */
    canary?: CanaryArgs;
}

/** One SES configuration set and how it is monitored. */
export interface ConfigurationSetArgs {
    /**
     * Whether this stack creates and owns the configuration set (default true). With false the set
     * exists elsewhere: only its event destinations and alarms are created.
     */
    manage?: boolean;
    /**
     * Keep the live configuration set when it leaves this stack (default true): removing its key,
     * `manage: true -> false` or `pulumi destroy` drops it from the stack's state instead of
     * deleting it, so senders that name it keep working and its event destinations of other stacks
     * stay. Set false only for a set nothing sends with. See docs/operations.md.
     */
    retainOnDelete?: boolean;
    /**
     * SESv2 event types published to CloudWatch (default: all ten: SEND, REJECT, BOUNCE, COMPLAINT,
     * DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION). SEND and the events
     * of every enabled rate alarm are required.
     */
    eventTypes?: EventType[];
    /** Refuse delivery without TLS (`tlsPolicy: REQUIRE`; default true). Only for managed sets. */
    tlsRequired?: boolean;
    /**
     * Add bounced and complained-about addresses to the suppression list at set level (default
     * true). With false the account-level suppression settings apply. Only for managed sets.
     */
    suppressBouncesAndComplaints?: boolean;
    /**
     * Publish the set's own `Reputation.*` metrics and alarm on them (default true). For a set with
     * `manage: false` it only says whether the existing set publishes them (default false there).
     */
    reputationMetrics?: boolean;
    /**
     * Extra message-tag (or header, link-tag) dimensions, published by a second CloudWatch event
     * destination (at most 10). Each distinct value becomes a billed custom metric per event type.
     */
    dimensions?: DimensionArgs[];
    /** Overrides of the stack-level `alarms` for this set. */
    alarms?: AlarmSettings;
    /** Publish this set's events to an SNS topic (off unless given). */
    snsDestination?: SnsDestinationArgs;
    /** Publish this set's events to the account's default EventBridge bus (off unless given). */
    eventBridgeDestination?: EventBridgeDestinationArgs;
    /**
     * Pause sending for this set when its critical bounce or complaint alarm fires (off unless
     * given; `{}` turns it on). See `AutoPauseArgs`.
     */
    autoPause?: AutoPauseArgs;
    /**
     * The longest the set normally goes without sending, in minutes (off unless set): a critical
     * alarm when its `Send` metric is missing for longer (no sends, or its events no longer reach
     * CloudWatch). Whole minutes from 5 to 10,080 (7 days): a multiple of 5 up to 1,440, of 60 above.
     */
    expectedSendIntervalMinutes?: number;
}
