import * as pulumi from "@pulumi/pulumi";
import type { EventArchiveArgs } from "./eventArchive";
import type { EventBridgeDestinationArgs, SnsDestinationArgs } from "./eventDestinations";
import type { IdentityFeedbackArgs } from "./feedbackNotifications";
import type { SendingQuotaArgs } from "./sendingQuota/args";

export type { EventArchiveArgs, EventBridgeDestinationArgs, IdentityFeedbackArgs, SendingQuotaArgs, SnsDestinationArgs };

/**
 * Arguments of `SesMonitoring`. Plain interfaces only (no unions other than `T | undefined`, no
 * callbacks), so that Pulumi's component schema analyzer can expose them to other languages.
 * Enumerated values are strings, checked when the component is constructed.
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
    /** Tags applied to every taggable resource. */
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
}

/** One SES configuration set and how it is monitored. */
export interface ConfigurationSetArgs {
    /**
     * Whether this stack creates and owns the configuration set (default true). With false the set
     * exists elsewhere: only its event destinations and alarms are created.
     */
    manage?: boolean;
    /**
     * SESv2 event types published to CloudWatch (default: all ten: SEND, REJECT, BOUNCE, COMPLAINT,
     * DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION). SEND and the events
     * of every enabled rate alarm are required.
     */
    eventTypes?: string[];
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
}

/** A CloudWatch dimension taken from each message. */
export interface DimensionArgs {
    /** Dimension name: 1-255 of `[A-Za-z0-9_-]`, or an SES auto-tag such as `ses:caller-identity`. */
    name: string;
    /** Where the value comes from: `MESSAGE_TAG` (default), `EMAIL_HEADER` or `LINK_TAG`. */
    source?: string;
    /** Value used when a message has none: 1-255 of `[A-Za-z0-9_.@-]`. */
    defaultValue: string;
}

/** Alarm settings per rate. */
export interface AlarmSettings {
    /** Bounce rate, `100 * Bounce / Send`. Defaults: 2 % warning, 4 % critical, 500 sends, 1 h, 2 of 3; fast window on. */
    bounceRate?: RateAlarmSettings;
    /** Complaint rate, `100 * Complaint / Send`. Defaults: 0.07 % / 0.08 %, 20,000 sends, 1 day, 2 of 2; no fast window. */
    complaintRate?: RateAlarmSettings;
    /** Reject rate, `100 * Reject / Send`. Defaults: 1 % / 5 %, 500 sends, 1 h, 1 of 1; fast window on. */
    rejectRate?: RateAlarmSettings;
}

/** One rate alarm pair (warning and critical tiers). */
export interface RateAlarmSettings {
    /** Create the alarms (default true). */
    enabled?: boolean;
    /** Warning threshold in percent; below `criticalPercent`. */
    warningPercent?: number;
    /** Critical threshold in percent; below AWS's review level for bounces and complaints. */
    criticalPercent?: number;
    /** Fewest sends in a period for the rate to count; below it there is no datapoint. */
    minimumSends?: number;
    /** Period in seconds, a multiple of 60. */
    periodSeconds?: number;
    /** Periods evaluated (N of M-of-N). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm (M of M-of-N), at most `evaluationPeriods`. */
    datapointsToAlarm?: number;
    /**
     * A second critical alarm on the same rate over short periods, for severe spikes: the critical
     * tier (`criticalPercent`) with its own period, guard and M of N. Defaults: on for the bounce
     * and reject rates (5-minute periods, 300 sends, 2 of 2), off for the complaint rate, whose
     * complaints arrive hours to days after the send.
     */
    fastWindow?: FastWindowSettings;
}

/**
 * The fast window of a rate alarm: `IF(sends >= minimumSends, 100 * events / sends)` over short
 * periods, alarming at the rate's `criticalPercent`. Unset fields come from the stack-level
 * `alarms`, then from the defaults.
 */
export interface FastWindowSettings {
    /** Create the fast critical alarm (default true for bounce and reject, false for complaint). */
    enabled?: boolean;
    /** Period in seconds, a multiple of 60, shorter than the rate's `periodSeconds` (default 300). */
    periodSeconds?: number;
    /** Fewest sends in a fast period for the rate to count (default 300). */
    minimumSends?: number;
    /** Periods evaluated (default 2). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm, at most `evaluationPeriods` (default 2). */
    datapointsToAlarm?: number;
}

/** Account-level reputation alarms. */
export interface AccountReputationArgs {
    /** Create the account-level alarms (default true). */
    enabled?: boolean;
    /** `Reputation.BounceRate`; thresholds default to `alarms.bounceRate`'s tiers. */
    bounceRate?: ReputationAlarmSettings;
    /** `Reputation.ComplaintRate`; thresholds default to `alarms.complaintRate`'s tiers. */
    complaintRate?: ReputationAlarmSettings;
}

/**
 * One reputation alarm pair. Thresholds are given in percent like the rate alarms; the alarm
 * compares the metric's fraction against them divided by 100.
 */
export interface ReputationAlarmSettings {
    /** Create the alarms (default true). */
    enabled?: boolean;
    /** Warning threshold in percent. */
    warningPercent?: number;
    /** Critical threshold in percent, below AWS's review level. */
    criticalPercent?: number;
    /** Period in seconds, a multiple of 60 (default 3600). */
    periodSeconds?: number;
    /** Periods evaluated (default 1). */
    evaluationPeriods?: number;
    /** Breaching periods needed to alarm (default 1). */
    datapointsToAlarm?: number;
}

/** Alarm notification targets. */
export interface NotificationArgs {
    /** Email addresses subscribed to both severities' topics (each must confirm by email). */
    emails?: string[];
    /** HTTPS endpoints subscribed to both severities' topics. */
    httpsEndpoints?: string[];
    /** An existing SNS topic for warning alarms; when set no warning topic is created. */
    warningTopicArn?: pulumi.Input<string>;
    /** An existing SNS topic for critical alarms; when set no critical topic is created. */
    criticalTopicArn?: pulumi.Input<string>;
}

/** The stack's CloudWatch dashboard. */
export interface DashboardArgs {
    /** Create the dashboard (default true). */
    enabled?: boolean;
    /**
     * Dashboard name: 1-255 of `[A-Za-z0-9_-]`. Dashboards are global per account (not per region),
     * so the default, `<namePrefix>-<region>-ses`, carries the region.
     */
    name?: string;
}

/** The composite alarm that is in ALARM when any critical alarm of the stack is. */
export interface SendingAtRiskArgs {
    /** Create the composite alarm (default true). */
    enabled?: boolean;
    /**
     * Send its ALARM and OK notifications to the critical topic (default true). Turn off when the
     * critical topic already pages on every critical alarm and only the alarm's state is wanted.
     */
    notify?: boolean;
}
