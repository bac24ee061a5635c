/**
 * The sending API poller: a scheduled Lambda that reads the account's SES sending state and
 * publishes it as custom metrics (`metrics.ts` is the contract).
 *
 * Packaged at deploy time with `metrics.ts` only (see `poller.ts`): it may import nothing but
 * `./metrics` and the AWS SDK v3 clients, which the Lambda Node.js runtime already contains.
 *
 * - GetAccount (SESv2): quota, sending enabled, enforcement status -> gauges, one sample per poll.
 * - GetSendStatistics (SES v1): two weeks of 15-minute points -> counts, each point published once.
 *
 * "Polling twice must not count twice": every scheduled poll publishes only the points whose
 * timestamp falls in its own window `[t - SETTLE - N, t - SETTLE)`, where `t` is the scheduled time
 * of the EventBridge event floored to the schedule's N minutes. Consecutive schedules give adjacent
 * windows that tile time, so a point returned by many polls lands in exactly one window. A Lambda
 * retry of a failed poll carries the same event, hence the same window, and publishing is the last
 * step of a poll, so a failed poll has published no counts and its retry publishes them once. An
 * invocation without a scheduled time (a manual test) publishes the gauges only.
 */
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetSendStatisticsCommand, SendDataPoint, SESClient } from "@aws-sdk/client-ses";
import { GetAccountCommand, GetAccountCommandOutput, SESv2Client } from "@aws-sdk/client-sesv2";
import {
    ENFORCEMENT_STATUS_CODES,
    ENFORCEMENT_STATUS_UNKNOWN,
    POLLER_ENV,
    SCHEDULE_MINUTES_ALLOWED,
    SEND_DATA_POINT_FIELDS,
    SENDING_API_METRICS,
    SENDING_API_NAMESPACE,
    SENDING_API_UNITS,
    SendingApiMetric,
    SETTLE_MINUTES,
    STACK_DIMENSION,
} from "./metrics";

/** PutMetricData accepts at most 1,000 metrics per request (PutMetricData API reference). */
export const MAX_DATUMS_PER_PUT = 1000;
/**
 * ... and at most 1 MB per HTTP POST request (same reference). The JSON of the data is a generous
 * upper bound of what the SDK sends; keep a margin for the envelope.
 */
export const MAX_PUT_BYTES = 900_000;

/** The fields of an EventBridge scheduled event the poller reads. */
export interface ScheduledEvent {
    id?: string;
    time?: string;
    "detail-type"?: string;
}

export interface PollerClients {
    sesv2: SESv2Client;
    ses: SESClient;
    cloudwatch: CloudWatchClient;
}

export interface PollerConfig {
    /** The `Stack` dimension value. */
    stack: string;
    scheduleMinutes: number;
}

/** What one poll did: returned by the handler, so it shows in the Lambda's logs and in tests. */
export interface PollResult {
    window?: { start: string; end: string };
    points: number;
    datums: number;
    requests: number;
    skipped?: string;
}

// Created on first use and reused while the execution environment is warm (fewer TLS handshakes).
let clients: PollerClients | undefined;

/** Replaces the SDK clients (tests); `undefined` goes back to the defaults. */
export function useClients(replacement: PollerClients | undefined): void {
    clients = replacement;
}

function defaultClients(): PollerClients {
    // Region and credentials come from the Lambda environment. The SDK's standard retry strategy
    // already retries throttling (3 attempts in all) before an error reaches us.
    clients ??= { sesv2: new SESv2Client({}), ses: new SESClient({}), cloudwatch: new CloudWatchClient({}) };
    return clients;
}

// EventBridge delivers at least once: remember the events this environment has already published,
// so that a duplicate delivery to a warm environment publishes nothing. Bounded, oldest forgotten.
const handledEvents: string[] = [];
const HANDLED_EVENTS_KEPT = 100;

/** Forgets the handled events (tests). */
export function resetHandledEvents(): void {
    handledEvents.length = 0;
}

/** The Lambda entry point (`index.handler` in the package). */
export async function handler(event?: ScheduledEvent): Promise<PollResult> {
    const config = configFromEnv(process.env);
    if (event?.id !== undefined && handledEvents.includes(event.id)) {
        const result: PollResult = { points: 0, datums: 0, requests: 0, skipped: `event ${event.id} was already published` };
        console.log(JSON.stringify(result));
        return result;
    }
    try {
        const result = await poll(defaultClients(), config, event, new Date());
        if (event?.id !== undefined) {
            handledEvents.push(event.id);
            if (handledEvents.length > HANDLED_EVENTS_KEPT) handledEvents.shift();
        }
        console.log(JSON.stringify(result));
        return result;
    } catch (err) {
        // Rethrown: the invocation fails, Lambda counts it in `Errors`, and the poller's error
        // alarm fires. Swallowing it would leave the alarms on stale data with nobody told.
        console.error("sending API poll failed:", err);
        throw err;
    }
}

export function configFromEnv(env: Record<string, string | undefined>): PollerConfig {
    const stack = env[POLLER_ENV.stack];
    const scheduleMinutes = Number(env[POLLER_ENV.scheduleMinutes]);
    if (!stack) throw new Error(`${POLLER_ENV.stack} is not set`);
    if (!(SCHEDULE_MINUTES_ALLOWED as readonly number[]).includes(scheduleMinutes)) {
        throw new Error(`${POLLER_ENV.scheduleMinutes} is ${JSON.stringify(env[POLLER_ENV.scheduleMinutes])}, not one of ${SCHEDULE_MINUTES_ALLOWED.join(", ")}`);
    }
    return { stack, scheduleMinutes };
}

/**
 * The statistics window of a scheduled poll, or undefined when the invocation has no scheduled
 * time. The event's `time` is when the rule fired, the same on every retry of the event; flooring
 * it to the schedule absorbs any seconds past the minute.
 */
export function statisticsWindow(event: ScheduledEvent | undefined, scheduleMinutes: number): { start: Date; end: Date } | undefined {
    const scheduled = event?.time === undefined ? NaN : Date.parse(event.time);
    if (Number.isNaN(scheduled)) return undefined;
    const slot = scheduleMinutes * 60_000;
    const end = Math.floor(scheduled / slot) * slot - SETTLE_MINUTES * 60_000;
    return { start: new Date(end - slot), end: new Date(end) };
}

/** One poll: read both APIs, then publish everything (publishing is deliberately the last step). */
export async function poll(c: PollerClients, config: PollerConfig, event: ScheduledEvent | undefined, now: Date): Promise<PollResult> {
    const [account, statistics] = await Promise.all([
        c.sesv2.send(new GetAccountCommand({})),
        c.ses.send(new GetSendStatisticsCommand({})),
    ]);
    const window = statisticsWindow(event, config.scheduleMinutes);
    const points = window === undefined ? [] : pointsInWindow(statistics.SendDataPoints ?? [], window);
    const data = [...accountData(account, now), ...points.flatMap(countData)];
    const dimensions = [{ Name: STACK_DIMENSION, Value: config.stack }];
    // A window of at most 60 minutes holds at most four points: 5 + 4 x 4 = 21 datums, one request,
    // so a poll publishes all or nothing. The split only guards the limits should that ever change.
    const batches = batchMetricData(data.map((d) => ({ ...d, Dimensions: dimensions })));
    for (const batch of batches) {
        await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: SENDING_API_NAMESPACE, MetricData: batch }));
    }
    return {
        window: window && { start: window.start.toISOString(), end: window.end.toISOString() },
        points: points.length,
        datums: data.length,
        requests: batches.length,
    };
}

/** The points of `[start, end)`, oldest first (SES returns them in no particular order). */
export function pointsInWindow(points: SendDataPoint[], window: { start: Date; end: Date }): SendDataPoint[] {
    const start = window.start.getTime();
    const end = window.end.getTime();
    return points
        .filter((p) => p.Timestamp instanceof Date && p.Timestamp.getTime() >= start && p.Timestamp.getTime() < end)
        .sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
}

function datum(metric: SendingApiMetric, value: number, timestamp: Date): MetricDatum {
    return { MetricName: SENDING_API_METRICS[metric], Timestamp: timestamp, Value: value, Unit: SENDING_API_UNITS[metric] };
}

/** The gauges of one GetAccount answer. A field the answer lacks publishes nothing (and is logged). */
export function accountData(account: GetAccountCommandOutput, now: Date): MetricDatum[] {
    const data: MetricDatum[] = [];
    const quota = account.SendQuota;
    if (quota?.Max24HourSend !== undefined && quota.SentLast24Hours !== undefined && quota.Max24HourSend > 0) {
        data.push(datum("quotaUsedPercent", (100 * quota.SentLast24Hours) / quota.Max24HourSend, now));
    }
    // Max24HourSend -1 means an unlimited quota (SESv2 SendQuota reference): no percentage exists.
    if (quota?.SentLast24Hours !== undefined) data.push(datum("sentLast24Hours", quota.SentLast24Hours, now));
    if (quota?.MaxSendRate !== undefined) data.push(datum("maxSendRate", quota.MaxSendRate, now));
    if (account.SendingEnabled !== undefined) data.push(datum("sendingEnabled", account.SendingEnabled ? 1 : 0, now));
    if (account.EnforcementStatus !== undefined) {
        const code = ENFORCEMENT_STATUS_CODES[account.EnforcementStatus] ?? ENFORCEMENT_STATUS_UNKNOWN;
        if (code === ENFORCEMENT_STATUS_UNKNOWN) console.warn(`unknown EnforcementStatus ${JSON.stringify(account.EnforcementStatus)}: published as ${code}`);
        data.push(datum("enforcementStatus", code, now));
    }
    const missing = [
        quota === undefined && "SendQuota",
        account.SendingEnabled === undefined && "SendingEnabled",
        account.EnforcementStatus === undefined && "EnforcementStatus",
    ].filter(Boolean);
    if (missing.length > 0) console.warn(`GetAccount returned no ${missing.join(", ")}: not published`);
    return data;
}

/** The four counts of one 15-minute point, at the point's own timestamp. */
export function countData(point: SendDataPoint): MetricDatum[] {
    return (Object.keys(SEND_DATA_POINT_FIELDS) as (keyof typeof SEND_DATA_POINT_FIELDS)[]).map((metric) =>
        datum(metric, point[SEND_DATA_POINT_FIELDS[metric]] ?? 0, point.Timestamp!));
}

/** Splits data into PutMetricData requests within the per-request count and size limits. */
export function batchMetricData(data: MetricDatum[], maxDatums = MAX_DATUMS_PER_PUT, maxBytes = MAX_PUT_BYTES): MetricDatum[][] {
    const batches: MetricDatum[][] = [];
    let current: MetricDatum[] = [];
    let bytes = 0;
    for (const d of data) {
        const size = JSON.stringify(d).length;
        if (current.length > 0 && (current.length >= maxDatums || bytes + size > maxBytes)) {
            batches.push(current);
            current = [];
            bytes = 0;
        }
        current.push(d);
        bytes += size;
    }
    if (current.length > 0) batches.push(current);
    return batches;
}
