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
    /**
     * Alarm defaults for every configuration set; a set's own `alarms` override them field by field.
     * @default the defaults of each rate (see `RateAlarmSettings`)
     */
    alarms?: AlarmSettings | undefined;
    /**
     * Account-level `Reputation.BounceRate` / `Reputation.ComplaintRate` alarms (on by default).
     * @default on, with the rate alarms' tiers
     */
    accountReputation?: AccountReputationArgs | undefined;
    /**
     * Where alarms notify: SNS topics per severity (created unless given) and their subscribers.
     * @default two created topics (warning, critical) without subscribers
     */
    notifications?: NotificationArgs | undefined;
    /**
     * Prefix of every physical name (alarms, topics, functions, roles, the dashboard). Must be unique
     * per account and region: a second SesMonitoring of the same stack with the same prefix is
     * refused. See docs/operations.md for how names are built.
     * @default `<project>-<stack>` (with a short hash when the names need cleaning)
     */
    namePrefix?: string | undefined;
    /**
     * Tags applied to every taggable resource: at most 49 (50 per resource, one kept for the
     * component's own), keys of 1-128 and values of 0-256 letters, digits, spaces and `_ . : / = + - @`
     * (the CloudWatch Logs and IAM rule), no key starting with `aws:`.
     * @default no tags
     */
    tags?: Record<string, string> | undefined;
    /**
     * The stack's CloudWatch dashboard (on by default).
     * @default on
     */
    dashboard?: DashboardArgs | undefined;
    /**
     * The composite "sending at risk" alarm: in ALARM when any critical alarm of the stack is, so a
     * pager can follow one alarm (on by default).
     * @default on, notifying the critical topic
     */
    sendingAtRisk?: SendingAtRiskArgs | undefined;
    /**
     * The sending API poller (on by default): quota use, sending status, enforcement status and the
     * account's 15-minute counts as custom metrics, with alarms. See `SendingQuotaArgs`.
     * @default on
     */
    sendingQuota?: SendingQuotaArgs | undefined;
    /**
     * The event archive (off unless given): every event's full JSON through Kinesis Data Firehose
     * to S3, queryable with Athena. `{}` turns it on with defaults.
     * @default off
     */
    eventArchive?: EventArchiveArgs | undefined;
    /**
     * Feedback notifications per verified identity (domain or email address, the key): bounces,
     * complaints and deliveries to an SNS topic.
     * @default none
     */
    identities?: Record<string, IdentityFeedbackArgs> | undefined;
    /**
     * Send volume beyond normal (off unless given): the account's and each set's `Send` against an
     * anomaly detection band or a fixed ceiling. See `VolumeArgs`.
     * @default off
     */
    volume?: VolumeArgs | undefined;
    /**
     * SES Virtual Deliverability Manager for the account (off unless given): engagement tracking
     * and optimized shared delivery. See `DeliverabilityManagerArgs`.
     * @default off (the account's VDM settings are left alone)
     */
    deliverabilityManager?: DeliverabilityManagerArgs | undefined;
    /**
     * The canary (off unless given): scheduled messages to the SES mailbox simulator through a
     * configuration set of its own, and critical "monitoring blind" alarms when their Delivery or
     * Bounce events stop reaching CloudWatch. `from` (a verified sender) is required. See `CanaryArgs`.
     * @default off
     */
    canary?: CanaryArgs | undefined;
}

/** One SES configuration set and how it is monitored. */
export interface ConfigurationSetArgs {
    /**
     * Whether this stack creates and owns the configuration set (default true). With false the set
     * exists elsewhere: only its event destinations and alarms are created.
     * @default true
     */
    manage?: boolean | undefined;
    /**
     * Keep the live configuration set when it leaves this stack (default true): removing its key,
     * `manage: true -> false` or `pulumi destroy` drops it from the stack's state instead of
     * deleting it, so senders that name it keep working and its event destinations of other stacks
     * stay. Set false only for a set nothing sends with. See docs/operations.md.
     * @default true
     */
    retainOnDelete?: boolean | undefined;
    /**
     * SESv2 event types published to CloudWatch (default: all ten: SEND, REJECT, BOUNCE, COMPLAINT,
     * DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION). SEND and the events
     * of every enabled rate alarm are required.
     * @default [SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION]
     */
    eventTypes?: EventType[] | undefined;
    /**
     * Refuse delivery without TLS (`tlsPolicy: REQUIRE`; default true). Only for managed sets.
     * @default true
     */
    tlsRequired?: boolean | undefined;
    /**
     * Add bounced and complained-about addresses to the suppression list at set level (default
     * true). With false the account-level suppression settings apply. Only for managed sets.
     * @default true
     */
    suppressBouncesAndComplaints?: boolean | undefined;
    /**
     * Publish the set's own `Reputation.*` metrics and alarm on them (default true). For a set with
     * `manage: false` it only says whether the existing set publishes them (default false there).
     * @default true for a managed set, false for a set with `manage: false`
     */
    reputationMetrics?: boolean | undefined;
    /**
     * Extra message-tag (or header, link-tag) dimensions, published by a second CloudWatch event
     * destination (at most 10). Each distinct value becomes a billed custom metric per event type.
     * @default none
     */
    dimensions?: DimensionArgs[] | undefined;
    /**
     * Overrides of the stack-level `alarms` for this set.
     * @default the stack-level `alarms`
     */
    alarms?: AlarmSettings | undefined;
    /**
     * Publish this set's events to an SNS topic (off unless given).
     * @default off
     */
    snsDestination?: SnsDestinationArgs | undefined;
    /**
     * Publish this set's events to the account's default EventBridge bus (off unless given).
     * @default off
     */
    eventBridgeDestination?: EventBridgeDestinationArgs | undefined;
    /**
     * Pause sending for this set when its critical bounce or complaint alarm fires (off unless
     * given; `{}` turns it on). See `AutoPauseArgs`.
     * @default off
     */
    autoPause?: AutoPauseArgs | undefined;
    /**
     * The longest the set normally goes without sending, in minutes (off unless set): a critical
     * alarm when its `Send` metric is missing for longer (no sends, or its events no longer reach
     * CloudWatch). Whole minutes from 5 to 10,080 (7 days): a multiple of 5 up to 1,440, of 60 above.
     * @default off (no missing-traffic alarm)
     */
    expectedSendIntervalMinutes?: number | undefined;
}
