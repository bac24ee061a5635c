/**
 * `npm run backtest -- generate`: a GetMetricData file from a traffic profile, the shape
 * `aws cloudwatch get-metric-data` prints and `--metrics` reads, so a replay can start from traffic
 * shaped like the user's before there is any of their own. Each profiled set's traffic is a seeded
 * trace of the backtest's generator (tools/backtest/scenarios.ts) on the profile's shape, with the
 * scenario's incident where the set sends; its per-minute counts become the set's `Send`, `Bounce`,
 * `Complaint` and `Reject` (a minute without events has no datapoint, as SES publishes), the
 * modelled `Reputation.*` of the set (tools/backtest/traffic.ts), the account's `Send` (every set's),
 * and with one set the account's `Reputation.*` (with several, AWS mixes them: not generated).
 */
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, REPUTATION_METRICS, SES_NAMESPACE } from "../../components/shared/catalog";
import { onsetWhereSending, sendsAt, TrafficProfile, weeklySends } from "../profiles";
import { metricKey, MetricSeries } from "./evaluation";
import { DAY, generateTrace, incidentOnset, SCENARIO_NAMES, SCORED_DAYS, Trace, TRACE_START, WARMUP_DAYS } from "./scenarios";
import { minuteSeries, REPUTATION_MODEL, reputationSeries } from "./traffic";

/** The default span: the 15 days CloudWatch keeps 60-second datapoints (GetMetricData API reference). */
export const DEFAULT_GENERATED_DAYS = 15;

export interface GenerateOptions {
    scenario: string;
    seed: number;
    /** Days from the trace's scored start (Monday 2026-01-05), 1 to SCORED_DAYS. */
    days: number;
    /** Only these sets of the profile (default: every profiled set). */
    sets?: string[];
}

/**
 * The trace of one profiled set: the generator on the profile's shape, the incident where it sends
 * and, moved back by whole weeks (same weekday and time), a day or more before `latest`.
 */
export function profileTrace(profile: TrafficProfile, set: string, scenario: string, seed: number, latest = TRACE_START + (WARMUP_DAYS + SCORED_DAYS - 2) * DAY): Trace {
    const week = weeklySends(profile.sets[set]);
    const perDay = week.reduce((a, b) => a + b, 0) / 7;
    const scoredStart = TRACE_START + WARMUP_DAYS * DAY;
    let onset = incidentOnset(scenario, seed);
    while (onset >= latest - DAY && onset - 7 * DAY >= scoredStart) onset -= 7 * DAY;
    return generateTrace(scenario, perDay, seed, { expectedSends: sendsAt(week), onset: onsetWhereSending(onset, week, latest - DAY) });
}

interface MetricDataResult {
    Id: string;
    Label: string;
    Timestamps: string[];
    Values: number[];
    StatusCode: "Complete";
}

/** `2026-01-05T13:00:00+00:00`, as the AWS CLI prints a timestamp. */
const cliTime = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "+00:00");

/** A series between `from` and `to`, newest first (GetMetricData's default order). */
function result(id: string, label: string, series: MetricSeries, from: number, to: number): MetricDataResult {
    const timestamps: string[] = [];
    const values: number[] = [];
    for (let i = series.timestamps.length - 1; i >= 0; i--) {
        const t = series.timestamps[i];
        if (t < from || t >= to) continue;
        timestamps.push(cliTime(t));
        values.push(Math.round(series.values[i] * 1e6) / 1e6);
    }
    return { Id: id, Label: label, Timestamps: timestamps, Values: values, StatusCode: "Complete" };
}

/** The GetMetricData answer for the profile's sets, and what each set's trace holds. */
export function generateMetricData(profile: TrafficProfile, options: GenerateOptions): { answer: { MetricDataResults: MetricDataResult[]; Messages: unknown[] }; traces: Map<string, Trace> } {
    if (!SCENARIO_NAMES.includes(options.scenario)) throw new Error(`generate: --scenario ${options.scenario} is not one of ${SCENARIO_NAMES.join(", ")}`);
    const sets = options.sets ?? Object.keys(profile.sets);
    for (const s of sets) if (!profile.sets[s]) throw new Error(`generate: set ${s} has no traffic profile (profiled: ${Object.keys(profile.sets).join(", ")})`);
    if (sets.length === 0) throw new Error("generate: the profile has no set");
    if (!(Number.isInteger(options.days) && options.days >= 1 && options.days <= SCORED_DAYS)) throw new Error(`generate: --days ${options.days} must be a whole number of days from 1 to ${SCORED_DAYS}`);
    const from = TRACE_START + WARMUP_DAYS * DAY;
    const to = from + options.days * DAY;
    const traces = new Map(sets.map((s) => [s, profileTrace(profile, s, options.scenario, options.seed, to)]));
    const first = traces.get(sets[0])!;
    const results: MetricDataResult[] = [];
    const add = (metricName: string, dimensions: Record<string, string>, series: MetricSeries) =>
        results.push(result(`m${results.length}`, metricKey({ namespace: SES_NAMESPACE, metricName, dimensions }), series, from, to));
    const accountSends = new Float64Array(first.sends.length);
    for (const [set, trace] of traces) {
        const dims = { [CONFIGURATION_SET_DIMENSION]: set };
        add(EVENT_TYPES.SEND, dims, minuteSeries(trace.start, trace.sends));
        add(EVENT_TYPES.BOUNCE, dims, minuteSeries(trace.start, trace.bounces));
        add(EVENT_TYPES.COMPLAINT, dims, minuteSeries(trace.start, trace.complaints));
        add(EVENT_TYPES.REJECT, dims, minuteSeries(trace.start, trace.rejects));
        add(REPUTATION_METRICS.bounceRate, dims, reputationSeries(trace, "bounce", REPUTATION_MODEL));
        add(REPUTATION_METRICS.complaintRate, dims, reputationSeries(trace, "complaint", REPUTATION_MODEL));
        for (let m = 0; m < accountSends.length; m++) accountSends[m] += trace.sends[m];
    }
    add(EVENT_TYPES.SEND, {}, minuteSeries(first.start, accountSends));
    if (traces.size === 1) {
        add(REPUTATION_METRICS.bounceRate, {}, reputationSeries(first, "bounce", REPUTATION_MODEL));
        add(REPUTATION_METRICS.complaintRate, {}, reputationSeries(first, "complaint", REPUTATION_MODEL));
    }
    return { answer: { MetricDataResults: results, Messages: [] }, traces };
}
