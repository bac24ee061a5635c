/**
 * The traffic the dashboard preview draws: a day of the backtest's synthetic traffic for each
 * configuration set (tools/backtest/scenarios.ts at the preview's volume), as the metrics
 * CloudWatch would hold (tools/backtest/traffic.ts), and the state each listed alarm would be in,
 * from the stack's own alarm specs replayed with CloudWatch's evaluation rules
 * (tools/backtest/evaluation.ts). Pure: no Pulumi, no files.
 */
import { EVENT_TYPES, REPUTATION_METRICS, SES_NAMESPACE } from "../../components/shared/catalog";
import { MAX_DETAILED_SETS, sendingQuota } from "../../components";
import type { SesMonitoringPlan } from "../../components";
import { AlarmEvaluation, EvaluableAlarm, evaluateAlarm, metricKey, MetricSeries, metricSourceFrom, MinuteCache } from "../backtest/evaluation";
import { DAY, generateTrace, HOUR, MAX_VOLUME_PER_DAY, MINUTE, SCENARIO_NAMES, scenarioDescription, Trace, TRACE_START, WARMUP_DAYS } from "../backtest/scenarios";
import { minuteSeries, reputationSeries, traceMetrics } from "../backtest/traffic";
import { asEvaluable, otherMetricAlarms, PlanMetricAlarm } from "../backtest/planAlarms";

export interface PreviewOptions {
    /** A scenario of the backtest: `healthy` (default) or an incident, which hits `incidentSet`. */
    scenario: string;
    /** Sends a day through each configuration set. */
    volumePerDay: number;
    /** Seed of the first replayed set; each further set takes the next seed. */
    seed: number;
    /** The set the incident hits (default: the first by name); the others stay healthy. */
    incidentSet?: string;
}

/**
 * 100,000 sends a day per set: enough that the rate alarms' low-volume guards pass in the day's
 * busy hours (at the defaults, 1,500 sends per 30 minutes), so the rate graphs have lines to show
 * against their thresholds; `--preview-volume` draws another volume.
 */
export const PREVIEW_DEFAULTS: PreviewOptions = { scenario: "healthy", volumePerDay: 100_000, seed: 1 };

/**
 * At most this many sets' traffic is generated (each is a month of per-minute traffic, about 50 ms):
 * every set of a dashboard with a row per set, and an even sample of a larger stack, whose
 * top-10 widgets then rank the sampled sets. The dashboard says which.
 */
export const MAX_REPLAYED_SETS = MAX_DETAILED_SETS;

/** A healthy day's window: the first Tuesday of the scored traces (2026-01-06), a campaign day. */
const HEALTHY_DAY = TRACE_START + (WARMUP_DAYS + 1) * DAY;
/** After an incident ends, the window shows this much more (the late bounces and the alarms' return to OK). */
const AFTER_INCIDENT = 6 * HOUR;

export interface PreviewTraffic {
    options: PreviewOptions;
    /** The day drawn, epoch seconds [start, end). */
    start: number;
    end: number;
    /** Sets whose traffic was generated, and how many the stack has. */
    replayedSets: string[];
    totalSets: number;
    /** Every metric the preview can fill, by `metricKey`. */
    series: Map<string, MetricSeries>;
    /** What the traffic is, in a sentence for the caption. */
    description: string;
    incident?: { set: string; start: number; end: number; description: string };
}

/** Checks the preview's options; throws one error naming the flag, the value and the rule. */
export function checkPreviewOptions(options: PreviewOptions, sets: string[]): void {
    if (!SCENARIO_NAMES.includes(options.scenario)) throw new Error(`--preview-scenario: ${options.scenario} is not one of ${SCENARIO_NAMES.join(", ")}`);
    if (!(Number.isFinite(options.volumePerDay) && options.volumePerDay >= 1 && options.volumePerDay <= MAX_VOLUME_PER_DAY)) {
        throw new Error(`--preview-volume: ${options.volumePerDay} is not a number of sends a day from 1 to ${MAX_VOLUME_PER_DAY.toLocaleString("en-US")}`);
    }
    if (!(Number.isInteger(options.seed) && options.seed >= 1)) throw new Error(`--preview-seed: ${options.seed} is not a positive whole number`);
    if (options.incidentSet !== undefined && !sets.includes(options.incidentSet)) {
        throw new Error(`--preview-set: ${options.incidentSet} is not a configuration set of the stack (${sets.slice(0, 10).join(", ")}${sets.length > 10 ? ", ..." : ""})`);
    }
}

/** The sets whose traffic is generated: all of them up to `MAX_REPLAYED_SETS`, else an even sample that keeps `keep`. */
export function replayedSets(sets: string[], keep?: string): string[] {
    if (sets.length <= MAX_REPLAYED_SETS) return sets;
    const picked = Array.from({ length: MAX_REPLAYED_SETS }, (_, i) => sets[Math.floor((i * sets.length) / MAX_REPLAYED_SETS)]);
    if (keep !== undefined && !picked.includes(keep)) picked[0] = keep;
    return [...new Set(picked)].sort();
}

/** The account as the sum of its sets: counts added, every bounce and complaint kept with its times. */
function accountTrace(traces: Trace[]): Trace {
    const sum = (pick: (t: Trace) => Float64Array) => {
        const out = new Float64Array(pick(traces[0]).length);
        for (const t of traces) {
            const a = pick(t);
            for (let i = 0; i < out.length; i++) out[i] += a[i];
        }
        return out;
    };
    const concat = (pick: (t: Trace) => Int32Array) => {
        const out = new Int32Array(traces.reduce((n, t) => n + pick(t).length, 0));
        let at = 0;
        for (const t of traces) {
            out.set(pick(t), at);
            at += pick(t).length;
        }
        return out;
    };
    return {
        ...traces[0],
        sends: sum((t) => t.sends),
        bounces: sum((t) => t.bounces),
        complaints: sum((t) => t.complaints),
        rejects: sum((t) => t.rejects),
        bounceEvents: { sentMinute: concat((t) => t.bounceEvents.sentMinute), arrivedMinute: concat((t) => t.bounceEvents.arrivedMinute) },
        complaintEvents: { sentMinute: concat((t) => t.complaintEvents.sentMinute), arrivedMinute: concat((t) => t.complaintEvents.arrivedMinute) },
    };
}

/** `SentLast24Hours` as each 15-minute poll would read it: the sends of the 24 hours before. */
function sentLast24Hours(trace: Trace): MetricSeries {
    const step = sendingQuota.SEND_STATISTICS_INTERVAL_MINUTES;
    const window = DAY / MINUTE;
    const timestamps: number[] = [];
    const values: number[] = [];
    let rolling = 0;
    for (let m = 0; m < trace.sends.length; m++) {
        rolling += trace.sends[m] - (m >= window ? trace.sends[m - window] : 0);
        if ((m + 1) % step === 0 && m + 1 >= window) {
            timestamps.push(trace.start + (m + 1) * MINUTE);
            values.push(rolling);
        }
    }
    return { timestamps, values };
}

/**
 * Generates the preview's traffic for a stack: each replayed set healthy (set i with seed + i),
 * the incident set with the scenario, and the account's metrics (reputation, and the sending API
 * poller's counts under the stack's `Stack` dimension) from their sum.
 */
export function previewTraffic(sets: string[], namePrefix: string, options: PreviewOptions): PreviewTraffic {
    checkPreviewOptions(options, sets);
    const incidentSet = options.scenario === "healthy" ? undefined : (options.incidentSet ?? sets[0]);
    const replayed = replayedSets(sets, incidentSet);
    const traces = replayed.map((set, i) => generateTrace(set === incidentSet ? options.scenario : "healthy", options.volumePerDay, options.seed + i));
    const series = new Map<string, MetricSeries>();
    replayed.forEach((set, i) => {
        for (const [key, s] of traceMetrics(traces[i], set)) series.set(key, s);
    });
    // traceMetrics takes one set's trace for the whole account: the account is every set's sum.
    const account = traces.length > 0 ? accountTrace(traces) : undefined;
    if (account) {
        const add = (namespace: string, metricName: string, dimensions: Record<string, string>, s: MetricSeries) => series.set(metricKey({ namespace, metricName, dimensions }), s);
        add(SES_NAMESPACE, REPUTATION_METRICS.bounceRate, {}, reputationSeries(account, "bounce"));
        add(SES_NAMESPACE, REPUTATION_METRICS.complaintRate, {}, reputationSeries(account, "complaint"));
        // The account's own event metrics (no dimension): the volume alarms and the anomaly band read Send.
        add(SES_NAMESPACE, EVENT_TYPES.SEND, {}, minuteSeries(account.start, account.sends));
        add(SES_NAMESPACE, EVENT_TYPES.BOUNCE, {}, minuteSeries(account.start, account.bounces));
        add(SES_NAMESPACE, EVENT_TYPES.COMPLAINT, {}, minuteSeries(account.start, account.complaints));
        add(SES_NAMESPACE, EVENT_TYPES.REJECT, {}, minuteSeries(account.start, account.rejects));
        const stack = { [sendingQuota.STACK_DIMENSION]: namePrefix };
        const api = sendingQuota.SENDING_API_METRICS;
        // GetSendStatistics counts all mail of the account: here, the replayed sets' mail.
        add(sendingQuota.SENDING_API_NAMESPACE, api.deliveryAttempts, stack, minuteSeries(account.start, account.sends));
        add(sendingQuota.SENDING_API_NAMESPACE, api.bounces, stack, minuteSeries(account.start, account.bounces));
        add(sendingQuota.SENDING_API_NAMESPACE, api.complaints, stack, minuteSeries(account.start, account.complaints));
        add(sendingQuota.SENDING_API_NAMESPACE, api.rejects, stack, minuteSeries(account.start, account.rejects));
        add(sendingQuota.SENDING_API_NAMESPACE, api.sentLast24Hours, stack, sentLast24Hours(account));
    }
    const incidentTrace = incidentSet === undefined ? undefined : traces[replayed.indexOf(incidentSet)];
    const truth = incidentTrace?.truth;
    let start = HEALTHY_DAY;
    let end = HEALTHY_DAY + DAY;
    if (truth && incidentTrace) {
        end = Math.min(incidentTrace.end, Math.ceil((truth.end + AFTER_INCIDENT) / HOUR) * HOUR);
        start = end - DAY;
    }
    const volume = `${options.volumePerDay.toLocaleString("en-US")} sends a day per set`;
    const description = incidentSet === undefined
        ? `a healthy day of the backtest's traffic (${scenarioDescription("healthy").replace(/^30 days of healthy sending: /, "")}), ${volume}`
        : `${options.scenario} in ${incidentSet} (${scenarioDescription(options.scenario)}), the other sets healthy, ${volume}`;
    return {
        options,
        start,
        end,
        replayedSets: replayed,
        totalSets: sets.length,
        series,
        description,
        incident: truth && incidentSet !== undefined ? { set: incidentSet, start: truth.start, end: truth.end, description: truth.description } : undefined,
    };
}

export type PreviewAlarmState = "ALARM" | "OK" | "INSUFFICIENT_DATA" | "not replayed";

export interface PreviewAlarm {
    state: PreviewAlarmState;
    /** What the state rests on, when not on a full replay (a composite with children not replayed). */
    note?: string;
    /** The [from, to) intervals it spent in ALARM within the window. */
    alarmIntervals: [number, number][];
}

/** An alarm the evaluator can replay on this traffic: a plain threshold over metrics the traffic has. */
function evaluable(alarm: PlanMetricAlarm, series: Map<string, MetricSeries>): EvaluableAlarm | undefined {
    if (!alarm.queries.every((q) => q.metric === undefined || series.has(metricKey(q.metric)))) return undefined;
    return asEvaluable(alarm);
}

function intervalsIn(evaluation: AlarmEvaluation, from: number, to: number): [number, number][] {
    const out: [number, number][] = [];
    let since: number | undefined;
    const step = evaluation.stepSeconds;
    evaluation.states.forEach((state, i) => {
        const t = evaluation.start + (i + 1) * step;
        if (state === "ALARM" && since === undefined) since = t;
        if (state !== "ALARM" && since !== undefined) {
            out.push([since, t]);
            since = undefined;
        }
    });
    if (since !== undefined) out.push([since, evaluation.start + evaluation.states.length * step]);
    return out.filter(([a, b]) => b > from && a < to).map(([a, b]) => [Math.max(a, from), Math.min(b, to)]);
}

/**
 * The state of every alarm of the stack at the window's end: metric alarms replayed over the
 * traffic from the traces' start, "not replayed" where the traffic has no metric they read (the
 * poller's gauges, the canary's set, Lambda errors) or they compare with an anomaly band; a
 * composite is ALARM when a child is, OK when every child is replayed and OK.
 */
export function previewAlarmStates(plan: Pick<SesMonitoringPlan, "alarms" | "pollerAlarms" | "volumeAlarms" | "canaryAlarms" | "composites">, traffic: PreviewTraffic): Map<string, PreviewAlarm> {
    const states = new Map<string, PreviewAlarm>();
    const source = metricSourceFrom(traffic.series);
    const cache = new MinuteCache(TRACE_START, (traffic.end - TRACE_START) / MINUTE);
    const metricAlarms: PlanMetricAlarm[] = [...plan.alarms, ...otherMetricAlarms(plan)];
    for (const alarm of metricAlarms) {
        const spec = evaluable(alarm, traffic.series);
        if (!spec) {
            states.set(alarm.name, { state: "not replayed", alarmIntervals: [] });
            continue;
        }
        const evaluation = evaluateAlarm(spec, source, { start: TRACE_START, end: traffic.end, cache });
        const last = evaluation.states[evaluation.states.length - 1] ?? "INSUFFICIENT_DATA";
        states.set(alarm.name, { state: last, alarmIntervals: intervalsIn(evaluation, traffic.start, traffic.end) });
    }
    // Leaves first: a composite's children are known before it. With children the traffic cannot
    // replay, its state is that of the replayed ones, and says so.
    for (const composite of plan.composites) {
        const children = composite.children.map((c) => states.get(c) ?? { state: "not replayed" as const, alarmIntervals: [] });
        const replayed = children.filter((c) => c.state !== "not replayed");
        const state: PreviewAlarmState = replayed.length === 0 ? "not replayed" : replayed.some((c) => c.state === "ALARM") ? "ALARM" : "OK";
        states.set(composite.name, {
            state,
            alarmIntervals: mergeIntervals(children.flatMap((c) => c.alarmIntervals)),
            note: replayed.length < children.length && replayed.length > 0 ? `${replayed.length} of its ${children.length} alarms replayed` : undefined,
        });
    }
    return states;
}

function mergeIntervals(intervals: [number, number][]): [number, number][] {
    const out: [number, number][] = [];
    for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
        const last = out[out.length - 1];
        if (last && a <= last[1]) last[1] = Math.max(last[1], b);
        else out.push([a, b]);
    }
    return out;
}
