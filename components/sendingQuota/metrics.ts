/**
 * The sending API poller's metric contract: namespace, dimension, metric names, units and the
 * enforcement-status encoding. Plain data with no imports, because it is read by three sides that
 * must agree: the Lambda handler (packaged together with this file), the alarm specs, and the
 * dashboard / cost estimate.
 */

/** Our one namespace. `AWS/` is reserved for AWS (PutMetricData API reference). */
export const SENDING_API_NAMESPACE = "SesMonitoring/SendingApi";

/**
 * Every datum carries `Stack = <namePrefix>`. The account's sending API answers the same for every
 * stack in an account and region, so two stacks (dev and prod sharing an account) would otherwise
 * publish into the same metric and a `Sum` of the 15-minute counts would double. With the
 * dimension each stack reads only its own series; the price is one set of custom metrics per stack
 * that runs a poller (README: run it in one stack per account and region to pay once).
 */
export const STACK_DIMENSION = "Stack";

/**
 * Metric names. Gauges are sampled at each poll (timestamped with the read); counts are SES's own
 * 15-minute points (timestamped with the point's `Timestamp`).
 */
export const SENDING_API_METRICS = {
    /** 100 * SentLast24Hours / Max24HourSend. Not published when the quota is unlimited (-1). */
    quotaUsedPercent: "QuotaUsedPercent",
    /** SendQuota.SentLast24Hours. */
    sentLast24Hours: "SentLast24Hours",
    /** SendQuota.MaxSendRate, messages per second. */
    maxSendRate: "MaxSendRate",
    /** 1 when GetAccount.SendingEnabled is true, 0 when false. */
    sendingEnabled: "SendingEnabled",
    /** GetAccount.EnforcementStatus encoded by `ENFORCEMENT_STATUS_CODES`. */
    enforcementStatus: "EnforcementStatus",
    /** GetSendStatistics 15-minute counts. */
    deliveryAttempts: "DeliveryAttempts",
    bounces: "Bounces",
    complaints: "Complaints",
    rejects: "Rejects",
} as const;

export type SendingApiMetric = keyof typeof SENDING_API_METRICS;

/** CloudWatch units per metric (PutMetricData `StandardUnit` values). */
export const SENDING_API_UNITS: Record<SendingApiMetric, "Percent" | "Count" | "Count/Second" | "None"> = {
    quotaUsedPercent: "Percent",
    sentLast24Hours: "Count",
    maxSendRate: "Count/Second",
    sendingEnabled: "None",
    enforcementStatus: "None",
    deliveryAttempts: "Count",
    bounces: "Count",
    complaints: "Count",
    rejects: "Count",
};

/** The GetSendStatistics fields behind each count metric (SDK v3 `SendDataPoint`). */
export const SEND_DATA_POINT_FIELDS = {
    deliveryAttempts: "DeliveryAttempts",
    bounces: "Bounces",
    complaints: "Complaints",
    rejects: "Rejects",
} as const;

/**
 * EnforcementStatus as a number, so that one `Maximum >= 1` alarm means "not healthy". HEALTHY,
 * PROBATION and SHUTDOWN are the documented values (SESv2 GetAccount API reference); anything else
 * is published as `ENFORCEMENT_STATUS_UNKNOWN`, which also alarms: a status we cannot read is one
 * a person should look at.
 */
export const ENFORCEMENT_STATUS_CODES: Record<string, number> = {
    HEALTHY: 0,
    PROBATION: 1,
    SHUTDOWN: 2,
};
export const ENFORCEMENT_STATUS_UNKNOWN = 3;

/** Length of one GetSendStatistics data point (SES API reference: "15 minutes of activity"). */
export const SEND_STATISTICS_INTERVAL_MINUTES = 15;

/**
 * How long after its timestamp a 15-minute point is taken as final. Unconfirmed: no primary source
 * says when SES stops updating a point, nor whether `Timestamp` marks its start or its end. Waiting
 * two intervals covers either reading with a quarter hour to spare; the counts feed no alarm, so the
 * delay costs nothing but freshness on the dashboard.
 */
export const SETTLE_MINUTES = 30;

/** Environment variables the handler reads (set by the Pulumi resources). */
export const POLLER_ENV = {
    /** The `Stack` dimension value: the stack's namePrefix. */
    stack: "SES_MONITORING_STACK",
    /** Minutes between scheduled polls; also the width of each poll's statistics window. */
    scheduleMinutes: "SES_MONITORING_SCHEDULE_MINUTES",
} as const;

/** Schedules whose windows tile the hour exactly (EventBridge cron `0/N`). */
export const SCHEDULE_MINUTES_ALLOWED = [5, 10, 15, 20, 30, 60] as const;
