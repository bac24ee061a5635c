/**
 * Coverage: what each alarm of a stack can see of the traffic its traffic profile describes
 * (tools/profiles.ts). Computed from the alarm specs the component deploys, through the backtest's
 * CloudWatch evaluator, so it follows the specs when their defaults change:
 *
 * - datapoints: the profile's expected sends of every minute, repeated for three weeks, go through
 *   each alarm's metric math; a minute of the third week has a datapoint where the period ending
 *   then returns a value (a rate alarm's `IF(sends >= guard, ...)` returns none below its guard).
 * - can it reach ALARM: the same traffic with an incident at `PROBE_FACTOR` times the alarm's
 *   threshold for the whole week, its bounces and complaints arriving after the backtest's lag
 *   model's delays (scenarios.ts `EVENT_LAG`): an alarm that still never reaches ALARM cannot fire
 *   for this traffic (its M of N periods never fill, or never hold the incident's events).
 * - alarms that page on normal traffic: the missing-traffic alarm against the profile's longest
 *   normal gap, a send ceiling against the profile's sends, the quota alarms against its peak day.
 *
 * Reputation alarms read AWS's `Reputation.*`, computed over a representative volume of the
 * account's or set's recent mail whatever the alarm's period; AWS does not state the publishing
 * cadence (ses-cloudwatch-facts.md), so they are reported as seeing any traffic, on AWS's cadence.
 * The poller's and the canary's alarms read metrics of their own schedule, not the traffic.
 */
import { MAX_EXPECTED_SEND_INTERVAL_MINUTES, planSesMonitoring } from "../../components";
import type { AlarmSpec, MonitoringSettings, SesMonitoringPlan } from "../../components";
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, SES_NAMESPACE } from "../../components/shared/catalog";
import { AlarmEvaluation, evaluateAlarm, EvaluableAlarm, metricKey, MetricSeries, metricSourceFrom, MinuteCache } from "../backtest/evaluation";
import { EVENT_LAG } from "../backtest/scenarios";
import { StackConfig, stackArgs } from "../stack";
import { guardAdvice } from "./guardAdvice";
import { longestNormalGapMinutes, peakDaySends, profileFromStackConfig, readProfileFile, SENDS_TIE_BREAK, SHAPES, sumWeeks, TRAFFIC_CONFIG_KEY, TrafficProfile, WEEK_MINUTES, weekMinuteLabel, weeklySends, WEEKDAY_LABELS } from "../profiles";

/** Monday 2026-01-05 00:00 UTC: the synthetic weeks start on a Monday, as a typical week does. */
export const COVERAGE_START = Date.UTC(2026, 0, 5) / 1000;
/** Weeks evaluated: two to fill every alarm's evaluation range (at most 7 days), then the week reported. */
export const COVERAGE_WEEKS = 3;

export type CoverageSource = "events" | "reputation" | "schedule";

export interface CoverageRow {
    alarm: string;
    /** The configuration set, or undefined for an account-level alarm. */
    configurationSet?: string;
    /** What it reads, from its spec: `bounce rate, 30 min, sends >= 1,500, 4 of 4`. */
    reads: string;
    source: CoverageSource;
    /** `always`, `never`, or the windows of the typical week with a datapoint (`Tue 13:01-Wed 13:00`). */
    when: string;
    /** Days of the week (of 7) with at least one datapoint; undefined where the traffic does not decide it. */
    daysWithDatapoints?: number;
    /** Share of the week's minutes with a datapoint, 0-1 (undefined as above). */
    shareOfTime?: number;
    /** Can the alarm reach ALARM with this traffic: an incident at PROBE_FACTOR times its threshold (rates), the traffic itself (volume, quota)? */
    canAlarm: "yes" | "no" | "n/a";
    note: string;
    /** True where the profile's normal traffic itself makes it page (a coverage warning says so). */
    pagesOnNormalTraffic?: boolean;
    /** [from, to) minutes of the week (0 = Monday 00:00 UTC) with a datapoint, for the picture. */
    windows: [number, number][];
}

export interface Coverage {
    /** `unknown`: the stack has no traffic profile; `partial`: some sets have none. */
    status: "known" | "partial" | "unknown";
    /** Where the profile came from (`Pulumi.dev.yaml ses-monitoring:traffic`, `--profile FILE`). */
    profileSource?: string;
    /** How to give one, when some set has none. */
    howToGiveProfile?: string;
    rows: CoverageRow[];
    warnings: string[];
    /** The alarms' name prefix (`<prefix>.<set>.<what>`). */
    namePrefix: string;
    /** Expected sends per hour of the typical week, per profiled set (168 values each). */
    sendsPerHour: Record<string, number[]>;
}

const n = (v: number) => Math.round(v).toLocaleString("en-US");

function durationText(seconds: number): string {
    if (seconds % 86_400 === 0) return seconds === 86_400 ? "1 day" : `${seconds / 86_400} days`;
    if (seconds % 3600 === 0) return `${seconds / 3600} h`;
    return `${seconds / 60} min`;
}

/** The guard of a rate expression (`IF(sends >= 1500, ...)`), or undefined. */
export function guardOf(queries: { expression?: string; returnData: boolean }[]): number | undefined {
    const returned = queries.find((q) => q.returnData)?.expression;
    const m = returned === undefined ? null : /^IF\(\w+ >= ([\d.]+),/.exec(returned);
    return m ? Number(m[1]) : undefined;
}

/**
 * When a rate expression returns a value: `sends >= 1,500` (a guard), `sends > 0` (a confidence
 * bound, which returns its test statistic wherever the set sends), or undefined for a plain read.
 */
function datapointCondition(queries: { expression?: string; returnData: boolean }[]): string | undefined {
    const returned = queries.find((q) => q.returnData)?.expression;
    const m = returned === undefined ? null : /^IF\((\w+) (>=|>) ([\d.]+),/.exec(returned);
    return m ? `${m[1]} ${m[2]} ${n(Number(m[3]))}` : undefined;
}

interface AnyAlarm extends EvaluableAlarm {
    configurationSet?: string;
    measure: string;
    thresholdMetricId?: string;
    /** A rate alarm's plain rate, present where the returned query is a confidence bound (AlarmSpec). */
    graph?: unknown;
}

/** What an alarm reads, from its spec: `bounce rate, 30 min, sends >= 1,500, 4 of 4`; `reject rate, confidence bound, 1 h, sends > 0, 1 of 1`; `missing traffic, Send Sum, 5 min, 24 of 24`. */
function readsText(a: AnyAlarm, source: CoverageSource): string {
    const what = a.measure.replace(/([A-Z])/g, " $1").toLowerCase();
    const condition = datapointCondition(a.queries);
    const bound = source === "events" && a.graph !== undefined ? "confidence bound, " : "";
    const stat = a.queries.find((q) => q.metric)?.metric;
    const metric = source === "events" && condition === undefined && stat ? `${stat.metricName} ${stat.stat}, ` : "";
    return `${what}, ${bound}${metric}${durationText(a.periodSeconds)}${condition === undefined ? "" : `, ${condition}`}, ${a.datapointsToAlarm} of ${a.evaluationPeriods}`;
}

/** Minutes of the week with a value, as [from, to) runs (a run across Sunday midnight stays two). */
function windowsOf(values: Float64Array, offset: number): [number, number][] {
    const out: [number, number][] = [];
    let from = -1;
    for (let m = 0; m <= WEEK_MINUTES; m++) {
        const has = m < WEEK_MINUTES && !Number.isNaN(values[offset + m]);
        if (has && from < 0) from = m;
        if (!has && from >= 0) {
            out.push([from, m]);
            from = -1;
        }
    }
    return out;
}

/** `Tue 13:01-Wed 13:00` (evaluation minute m reads the period ending at the end of minute m). */
function whenText(windows: [number, number][]): string {
    if (windows.length === 0) return "never";
    if (windows.length === 1 && windows[0][0] === 0 && windows[0][1] === WEEK_MINUTES) return "always";
    const text = windows.map(([a, b]) => `${weekMinuteLabel(a + 1)}-${weekMinuteLabel(b)}`);
    return text.length > 4 ? `${text.slice(0, 4).join(", ")} and ${text.length - 4} more` : text.join(", ");
}

/** The most periods of the alarm's N that hold a datapoint at any evaluation of the reported week. */
function mostFilledPeriods(evaluation: AlarmEvaluation, alarm: EvaluableAlarm, offset: number): number {
    const stride = alarm.periodSeconds / 60;
    let most = 0;
    for (let i = offset; i < offset + WEEK_MINUTES; i++) {
        let filled = 0;
        for (let k = 0; k < alarm.evaluationPeriods; k++) {
            const j = i - k * stride;
            if (j >= 0 && !Number.isNaN(evaluation.values[j])) filled++;
        }
        most = Math.max(most, filled);
    }
    return most;
}


/** Three weeks of a week's per-minute sends as raw datapoints (a minute without sends has none). */
function repeatedSeries(week: Float64Array, scale = 1): MetricSeries {
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let w = 0; w < COVERAGE_WEEKS; w++) {
        for (let m = 0; m < WEEK_MINUTES; m++) {
            if (week[m] <= 0) continue;
            timestamps.push(COVERAGE_START + (w * WEEK_MINUTES + m) * 60);
            values.push(week[m] * scale);
        }
    }
    return { timestamps, values };
}

/**
 * The metrics of one set's synthetic weeks: its `Send`, and `Bounce`, `Complaint` and `Reject`
 * equal to it (every message an event, so every rate datapoint breaches); beside them the
 * account's `Send` (`accountSends`, when every set is profiled), which the account's alarms read.
 */
function syntheticMetrics(set: string | undefined, week: Float64Array | undefined, sends: MetricSeries | undefined, accountSends: MetricSeries | undefined): Map<string, MetricSeries> {
    const map = new Map<string, MetricSeries>();
    if (set !== undefined && week && sends) {
        const series = repeatedSeries(week);
        for (const metricName of [EVENT_TYPES.BOUNCE, EVENT_TYPES.COMPLAINT, EVENT_TYPES.REJECT]) {
            map.set(metricKey({ namespace: SES_NAMESPACE, metricName, dimensions: { [CONFIGURATION_SET_DIMENSION]: set } }), series);
        }
        map.set(metricKey({ namespace: SES_NAMESPACE, metricName: EVENT_TYPES.SEND, dimensions: { [CONFIGURATION_SET_DIMENSION]: set } }), sends);
    }
    if (accountSends) map.set(metricKey({ namespace: SES_NAMESPACE, metricName: EVENT_TYPES.SEND, dimensions: {} }), accountSends);
    return map;
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
function normalCdf(z: number): number {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const logNormalCdf = (minutes: number, median: number, sigma: number) => (minutes <= 0 ? 0 : normalCdf(Math.log(minutes / median) / sigma));

/** The share of a send's events that have arrived `minutes` after it, by the backtest's lag model (scenarios.ts). */
export function lagCdf(measure: "bounceRate" | "complaintRate" | "rejectRate", minutes: number): number {
    if (measure === "rejectRate") return minutes > 0 ? 1 : 0; // SES rejects at the send: within its minute
    if (measure === "complaintRate") return logNormalCdf(minutes, EVENT_LAG.complaint.medianMinutes, EVENT_LAG.complaint.sigma);
    const b = EVENT_LAG.bounce;
    const prompt = minutes <= 0 ? 0 : 1 - Math.exp(-minutes / b.promptMeanMinutes);
    return b.promptShare * prompt + (1 - b.promptShare) * logNormalCdf(minutes, b.lateMedianMinutes, b.lateSigma);
}

/** Lags up to this many minutes are spread minute by minute; longer ones by the hour. */
const MINUTE_LAGS = 120;

/**
 * The expected events of each minute of a periodic week when `rate` of each minute's sends turn
 * into events that arrive after the lag model's delay (a send at minute m counts at m + floor(lag)).
 */
export function expectedArrivals(week: Float64Array, measure: "bounceRate" | "complaintRate" | "rejectRate", rate: number): Float64Array {
    const out = new Float64Array(WEEK_MINUTES);
    const head = new Float64Array(MINUTE_LAGS);
    for (let k = 0; k < MINUTE_LAGS; k++) head[k] = lagCdf(measure, k + 1) - lagCdf(measure, k);
    for (let m = 0; m < WEEK_MINUTES; m++) {
        const events = week[m] * rate;
        if (events === 0) continue;
        for (let k = 0; k < MINUTE_LAGS; k++) out[(m + k) % WEEK_MINUTES] += events * head[k];
    }
    if (measure === "rejectRate") return out;
    // The tail, by the hour: lags of j hours (j >= 2) from a send hour land in hour h + j, spread
    // evenly over its minutes; lags beyond four weeks are dropped (a negligible share).
    const hours = 168;
    const sentByHour = new Float64Array(hours);
    for (let m = 0; m < WEEK_MINUTES; m++) sentByHour[Math.floor(m / 60)] += week[m] * rate;
    const tail = new Float64Array(hours);
    for (let j = MINUTE_LAGS / 60; j < 4 * hours; j++) tail[j % hours] += lagCdf(measure, (j + 1) * 60) - lagCdf(measure, j * 60);
    for (let h = 0; h < hours; h++) {
        if (sentByHour[h] === 0) continue;
        for (let j = 0; j < hours; j++) {
            const perMinute = (sentByHour[h] * tail[j]) / 60;
            if (perMinute === 0) continue;
            const base = ((h + j) % hours) * 60;
            for (let k = 0; k < 60; k++) out[base + k] += perMinute;
        }
    }
    return out;
}

const RATE_MEASURES = ["bounceRate", "complaintRate", "rejectRate"] as const;
type RateMeasure = (typeof RATE_MEASURES)[number];

/**
 * "Can fire" asks whether an incident at this many times the alarm's threshold, for as long as
 * the traffic lasts, reaches ALARM: well over the threshold, so what decides is whether the alarm's
 * M of N periods can hold the traffic and its events, not the margin (the issue's case: a 0.3 %
 * complaint blast, three times AWS's review level).
 */
export const PROBE_FACTOR = 3;

/**
 * The set's sends, and its events of one rate at `rate` of every send, lagged, for three weeks.
 * `unitArrivals` is `expectedArrivals(week, measure, 1)`: arrivals are linear in the rate, so one
 * computation serves every tier's probe.
 */
function probeSource(set: string, sends: MetricSeries, unitArrivals: Float64Array, measure: RateMeasure, rate: number) {
    const metric = measure === "bounceRate" ? EVENT_TYPES.BOUNCE : measure === "complaintRate" ? EVENT_TYPES.COMPLAINT : EVENT_TYPES.REJECT;
    const dimensions = { [CONFIGURATION_SET_DIMENSION]: set };
    return metricSourceFrom(new Map([
        [metricKey({ namespace: SES_NAMESPACE, metricName: EVENT_TYPES.SEND, dimensions }), sends],
        [metricKey({ namespace: SES_NAMESPACE, metricName: metric, dimensions }), repeatedSeries(unitArrivals, rate)],
    ]));
}

/** The 168 hourly sums of a week. */
function hourly(week: Float64Array): number[] {
    const out = new Array<number>(168).fill(0);
    for (let m = 0; m < WEEK_MINUTES; m++) out[Math.floor(m / 60)] += week[m];
    return out.map((v) => Math.round(v * 10) / 10);
}

/** The day of the week (label) a 24-hour peak ends on. */
function peakDayLabel(week: Float64Array): string {
    let best = 0;
    let bestDay = 0;
    for (let d = 0; d < 7; d++) {
        let s = 0;
        for (let m = d * 1440; m < (d + 1) * 1440; m++) s += week[m];
        if (s > best) {
            best = s;
            bestDay = d;
        }
    }
    return WEEKDAY_LABELS[bestDay];
}

export const HOW_TO_GIVE_PROFILE =
    `give each set's expected traffic under \`ses-monitoring:${TRAFFIC_CONFIG_KEY}\` in the stack file, or with --profile FILE ` +
    `(sets: { <set>: { sendsPerDay, shape: ${SHAPES.join(" | ")}, weeklyBlasts: [{ day, hour, size, durationHours }] } }; docs/recipes.md)`;

/** Warnings that do not depend on traffic: sets whose reputation alarms the settings remove. */
function settingsWarnings(settings: MonitoringSettings): string[] {
    const out: string[] = [];
    for (const set of settings.configurationSets) {
        if (set.reputationMetrics) continue;
        out.push(set.manage
            ? `set ${set.name}: reputationMetrics is false, so the set has no reputation alarms: at low volume its rate alarms' guards may leave it unwatched`
            : `set ${set.name}: manage: false removes the set's reputation alarms (reputationMetrics defaults to manage, as the stack cannot know the set publishes them): at low volume its rate alarms' guards may leave it unwatched; set reputationMetrics: true if the set has reputation metrics on`);
    }
    return out;
}

/**
 * The coverage of every alarm of the plan for the profile. Without a profile (undefined) the
 * coverage is unknown, and only the warnings that do not depend on traffic are given.
 */
export function computeCoverage(plan: SesMonitoringPlan, profile: TrafficProfile | undefined, profileSource?: string): Coverage {
    const sets = plan.settings.configurationSets.map((s) => s.name);
    const warnings = settingsWarnings(plan.settings);
    const weeks = new Map<string, Float64Array>();
    for (const set of sets) {
        const p = profile?.sets[set];
        if (p) weeks.set(set, weeklySends(p));
    }
    const unprofiled = sets.filter((s) => !weeks.has(s));
    const status: Coverage["status"] = weeks.size === 0 ? "unknown" : unprofiled.length > 0 ? "partial" : "known";
    const account = unprofiled.length === 0 ? sumWeeks([...weeks.values()]) : undefined;
    const coverage: Coverage = {
        status,
        profileSource,
        howToGiveProfile: unprofiled.length > 0 ? HOW_TO_GIVE_PROFILE : undefined,
        namePrefix: plan.settings.namePrefix,
        rows: [],
        warnings,
        sendsPerHour: Object.fromEntries([...weeks].map(([set, week]) => [set, hourly(week)])),
    };
    if (status === "unknown") return coverage;
    if (unprofiled.length > 0) warnings.push(`coverage unknown for set${unprofiled.length > 1 ? "s" : ""} ${unprofiled.join(", ")} (no traffic profile) and for the account-level alarms: ${HOW_TO_GIVE_PROFILE}`);

    const start = COVERAGE_START;
    const end = start + COVERAGE_WEEKS * WEEK_MINUTES * 60;
    const offset = (COVERAGE_WEEKS - 1) * WEEK_MINUTES;
    const weekOf = (set: string | undefined) => (set === undefined ? account : weeks.get(set));
    const accountSends = account && repeatedSeries(account, SENDS_TIE_BREAK);
    // One set's metrics and evaluation windows at a time (the alarms come set by set): three weeks
    // of minutes take megabytes a set, which a 1,000-set stack cannot hold at once.
    let current: { set: string | undefined; source: ReturnType<typeof metricSourceFrom>; cache: MinuteCache; sends?: MetricSeries; arrivals: Map<RateMeasure, Float64Array> } | undefined;
    const contextOf = (set: string | undefined) => {
        if (!current || current.set !== set) {
            const week = weekOf(set);
            const sends = set !== undefined && week ? repeatedSeries(week, SENDS_TIE_BREAK) : undefined;
            current = { set, sends, source: metricSourceFrom(syntheticMetrics(set, week, sends, accountSends)), cache: new MinuteCache(start, COVERAGE_WEEKS * WEEK_MINUTES), arrivals: new Map() };
        }
        return current;
    };
    const probeOf = (a: AnyAlarm, traffic: Float64Array, rate: RateMeasure) => {
        const context = contextOf(a.configurationSet);
        let unit = context.arrivals.get(rate);
        if (!unit) context.arrivals.set(rate, (unit = expectedArrivals(traffic, rate, 1)));
        return probeSource(a.configurationSet!, context.sends!, unit, rate, (PROBE_FACTOR * (a as AlarmSpec).thresholdPercent) / 100);
    };

    const eventRow = (a: AnyAlarm, traffic: Float64Array): CoverageRow => {
        const { source, cache } = contextOf(a.configurationSet);
        const evaluation = evaluateAlarm(a, source, { start, end, cache });
        const windows = windowsOf(evaluation.values, offset);
        const minutes = windows.reduce((s, [x, y]) => s + y - x, 0);
        const days = new Set<number>();
        for (const [x, y] of windows) for (let d = Math.floor(x / 1440); d <= Math.floor((y - 1) / 1440); d++) days.add(d);
        // A rate alarm fires on an incident at PROBE_FACTOR times its threshold, its events
        // arriving as the lag model spreads them; a volume alarm on the normal traffic itself.
        const rate = (RATE_MEASURES as readonly string[]).includes(a.measure) ? a.measure as RateMeasure : undefined;
        const probe = rate === undefined ? evaluation : evaluateAlarm(a, probeOf(a, traffic, rate), { start, end });
        const reached = probe.states.slice(offset).includes("ALARM");
        let note = "";
        if (!reached && a.comparisonOperator.startsWith("Greater")) {
            const filled = mostFilledPeriods(evaluation, a, offset);
            const guard = guardOf(a.queries);
            note = minutes === 0
                ? `cannot fire: no ${durationText(a.periodSeconds)} period reaches ${guard === undefined ? "a datapoint" : `the guard of ${n(guard)} sends`} (the busiest holds ${n(busiestPeriod(traffic, a.periodSeconds / 60))})`
                : filled < a.datapointsToAlarm
                    ? `cannot fire: needs ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods ${guard === undefined ? "with a datapoint" : `over the guard of ${n(guard)} sends`}, the traffic fills at most ${filled}`
                    : rate === undefined
                        ? ""
                        : `cannot fire: ${a.datapointsToAlarm} of ${a.evaluationPeriods} periods ${guard === undefined ? "with a datapoint" : "over the guard"} hold too few of an incident's ${rate === "complaintRate" ? "complaints (they arrive hours to days after the send)" : "events"}: a ${Number((PROBE_FACTOR * (a as AlarmSpec).thresholdPercent).toPrecision(3))} % ${rate.replace("Rate", " rate")} never breaches ${a.datapointsToAlarm} of them`;
        }
        return {
            alarm: a.name,
            configurationSet: a.configurationSet,
            reads: readsText(a, "events"),
            source: "events",
            when: whenText(windows),
            daysWithDatapoints: days.size,
            shareOfTime: Math.round((minutes / WEEK_MINUTES) * 1000) / 1000,
            canAlarm: reached ? "yes" : "no",
            note,
            windows,
        };
    };

    for (const a of plan.alarms) {
        const traffic = weekOf(a.configurationSet);
        if (!traffic) continue;
        if (a.source === "reputation") {
            const sends = traffic.some((v) => v > 0);
            coverage.rows.push({
                alarm: a.name,
                configurationSet: a.configurationSet,
                reads: readsText(a, "reputation"),
                source: "reputation",
                when: sends ? "as AWS publishes (cadence unconfirmed)" : "never",
                canAlarm: sends ? "yes" : "no",
                note: `AWS's rate over a representative volume of ${a.configurationSet === undefined ? "the account's" : "the set's"} recent mail: sees any traffic${a.configurationSet === undefined ? ", every set's mixed" : ""}`,
                windows: sends ? [[0, WEEK_MINUTES]] : [],
            });
            continue;
        }
        coverage.rows.push(eventRow(a, traffic));
    }

    for (const v of plan.volumeAlarms) {
        const traffic = weekOf(v.configurationSet);
        if (!traffic) continue;
        if (v.threshold === undefined) {
            coverage.rows.push({
                alarm: v.name, configurationSet: v.configurationSet, reads: readsText(v as AnyAlarm, "events"), source: "events",
                when: "n/a", canAlarm: "n/a", note: "anomaly band: CloudWatch learns it from two weeks of the metric, not modelled offline", windows: [],
            });
            continue;
        }
        const row = eventRow(v as AnyAlarm, traffic);
        if (v.measure === "missingTraffic") {
            const interval = (v.periodSeconds * v.evaluationPeriods) / 60;
            const gap = longestNormalGapMinutes(traffic);
            row.canAlarm = "yes";
            row.note = `fires when Send is missing for ${interval} min; the profile's longest normal gap: about ${gap} min`;
            const margin = Math.round(gap / 4);
            row.pagesOnNormalTraffic = interval <= gap + margin;
            const advice = gap + margin < MAX_EXPECTED_SEND_INTERVAL_MINUTES
                ? `set expectedSendIntervalMinutes above about ${gap + margin}`
                : `a missing-traffic alarm cannot watch this set safely (expectedSendIntervalMinutes is at most ${MAX_EXPECTED_SEND_INTERVAL_MINUTES.toLocaleString("en-US")}): rely on the canary or on the sender's own checks`;
            if (interval <= gap) warnings.push(`${v.name}: expectedSendIntervalMinutes ${interval} is at or below the profile's longest normal gap (about ${gap} min): it pages on normal quiet spells; ${advice}`);
            else if (row.pagesOnNormalTraffic) warnings.push(`${v.name}: expectedSendIntervalMinutes ${interval} is only ${interval - gap} min above the profile's longest normal gap (about ${gap} min): a send that much late pages critical; ${advice}`);
        } else if (v.measure === "sendCeiling") {
            row.pagesOnNormalTraffic = row.canAlarm === "yes";
            row.canAlarm = "yes"; // on a surge over the ceiling
            row.note = row.pagesOnNormalTraffic ? `the profile's normal sends reach the ceiling of ${n(v.threshold)}` : `normal sends stay under the ceiling of ${n(v.threshold)}`;
            if (row.pagesOnNormalTraffic) warnings.push(`${v.name}: the profile's normal sending reaches its ceiling of ${n(v.threshold)} per ${durationText(v.periodSeconds)} (busiest: ${n(busiestPeriod(traffic, v.periodSeconds / 60))}): it pages every week`);
        }
        coverage.rows.push(row);
    }

    const pages = new Set<string>();
    for (const p of plan.pollerAlarms) {
        if (!account) break;
        let note = "the sending API poller's metric, on its schedule: not the traffic";
        let canAlarm: CoverageRow["canAlarm"] = "n/a";
        if (p.measure === "quotaUsed") {
            const peak = peakDaySends(account);
            if (profile?.dailyQuota === undefined) {
                note = `the profile's busiest 24 hours: ${n(peak)} sends; give dailyQuota to check this alarm against it`;
            } else {
                const percent = (100 * peak) / profile.dailyQuota;
                canAlarm = percent >= p.threshold ? "yes" : "no";
                if (percent >= p.threshold) pages.add(p.name);
                note = `the profile's busiest 24 hours use ${percent.toFixed(1)} % of the quota of ${n(profile.dailyQuota)}`;
                if (percent >= p.threshold) warnings.push(`${p.name}: the profile's busiest 24 hours (${n(peak)} sends, on ${peakDayLabel(account)}) use ${percent.toFixed(1)} % of the daily quota of ${n(profile.dailyQuota)}, at or over its ${p.threshold} %: it fires every week on normal sending; raise the quota or the threshold (sendingQuota.quota${p.severity === "warning" ? "Warning" : "Critical"}Percent)`);
            }
        }
        coverage.rows.push({ alarm: p.name, reads: readsText(p as unknown as AnyAlarm, "schedule"), source: "schedule", when: "on the poller's schedule", canAlarm, note, pagesOnNormalTraffic: pages.has(p.name) || undefined, windows: [[0, WEEK_MINUTES]] });
    }
    for (const c of plan.canaryAlarms) {
        coverage.rows.push({ alarm: c.name, reads: readsText(c as unknown as AnyAlarm, "schedule"), source: "schedule", when: "on the canary's schedule", canAlarm: "n/a", note: "the canary's own mail, not the traffic", windows: [[0, WEEK_MINUTES]] });
    }

    for (const row of coverage.rows) {
        if (row.canAlarm === "no" && row.source === "events" && row.note.startsWith("cannot fire")) warnings.push(`${row.alarm}: ${row.note}${row.when === "never" ? "" : `; datapoints only ${row.when}`}`);
    }
    warnings.push(...uncoveredRates(plan.alarms, coverage.rows, [...weeks.keys()]));
    warnings.push(...guardWarnings(plan, weeks));
    warnings.push(...idlePauseWarnings(plan, coverage.rows, weeks));
    coverage.rows.sort((a, b) => a.alarm.localeCompare(b.alarm));
    return coverage;
}

/**
 * Profiled sets whose bounce guards are not the share of their average period the defaults were
 * tuned at (`advisedBounceGuards`): smaller, their quiet evenings and nights pass the guard, and a
 * campaign's late and soft bounces over them page with nothing wrong; above a whole average
 * period, most periods have no datapoint and a bad list goes unseen. The plan gives the guards to
 * set and their price (none for a day-long window's own guard, nor behind a confidence bound).
 */
function guardWarnings(plan: SesMonitoringPlan, weeks: Map<string, Float64Array>): string[] {
    const out: string[] = [];
    for (const set of plan.settings.configurationSets) {
        const week = weeks.get(set.name);
        const advice = week && guardAdvice(set, week);
        if (!advice) continue;
        const path = `configurationSets.${set.name}.alarms.bounceRate`;
        const { lower, raise } = advice;
        if (lower) {
            out.push(`set ${set.name}: about ${n(advice.perDay)} sends a day: its bounce guard (${n(lower.own)} sends) is above the sends of its average ${durationText(lower.periodSeconds)} period (${n(lower.averagePeriod)}): periods short of it have no bounce rate, and a bad list is seen only in periods well above it, if at all. The guard that keeps the share of an average period the defaults were tuned at: ${path}: { minimumSends: ${lower.to} }; the price: more of its quieter periods count, and where evenings are quiet after large campaigns their late bounces page on some healthy evenings (docs/alarms.md, "Guards by volume")`);
        }
        if (raise) {
            const fields = [
                ...(raise.minimumSends !== undefined ? [`minimumSends: ${raise.minimumSends}`] : []),
                ...(raise.fastWindowMinimumSends !== undefined ? [`fastWindow: { minimumSends: ${raise.fastWindowMinimumSends} }`] : []),
            ];
            out.push(`set ${set.name}: about ${n(advice.perDay)} sends a day: its bounce guards let through periods far quieter than its average; if its evenings and nights are quiet and its campaigns large, a campaign's late and soft bounces over them page with nothing wrong. The guards that keep the share of an average period the defaults were tuned at: ${path}: { ${fields.join(", ")} }; the price: the bounce alarms no longer see those quiet periods, a bad list or a provider's bounces in them included (docs/alarms.md, "Guards by volume")`);
        }
    }
    return out;
}

/**
 * Profiled sets with auto-pause whose pausing alarms on a trigger rate cannot fire on the traffic
 * (`canAlarm` of their coverage rows): the function is deployed and billed nothing, but it will
 * never pause the set for that rate. Said once per set and rate, naming the alarms it follows.
 */
function idlePauseWarnings(plan: SesMonitoringPlan, rows: CoverageRow[], weeks: Map<string, Float64Array>): string[] {
    const out: string[] = [];
    const byName = new Map(rows.map((r) => [r.alarm, r]));
    const measureOf = new Map(plan.alarms.map((a) => [a.name, a.measure as string]));
    for (const spec of plan.autoPause) {
        if (!weeks.has(spec.configurationSet)) continue;
        for (const trigger of spec.triggers) {
            const followed = spec.triggerAlarms.filter((name) => measureOf.get(name) === trigger);
            if (followed.length === 0 || followed.some((name) => byName.get(name)?.canAlarm === "yes")) continue;
            const names = followed.map((name) => withoutPrefix(name, plan.settings.namePrefix)).join(", ");
            out.push(`set ${spec.configurationSet}: auto-pause on ${trigger} follows ${names}, which cannot fire on this traffic: it will never pause the set for ${trigger} (the alarms still page where they can; see their rows)`);
        }
    }
    return out;
}

/** The most sends in any window of `minutes` (sliding, the week wrapping). */
function busiestPeriod(week: Float64Array, minutes: number): number {
    if (minutes >= WEEK_MINUTES) return week.reduce((a, b) => a + b, 0) * (minutes / WEEK_MINUTES);
    let sum = 0;
    for (let m = 0; m < minutes; m++) sum += week[m];
    let best = sum;
    for (let m = 1; m < WEEK_MINUTES; m++) {
        sum += week[(m + minutes - 1) % WEEK_MINUTES] - week[m - 1];
        best = Math.max(best, sum);
    }
    return best;
}

/**
 * Per profiled set and rate: warn where no rate alarm of the set can fire and no reputation alarm
 * of the set sees it (the account's reputation alarms see the set's mail mixed with the others').
 */
function uncoveredRates(alarms: AlarmSpec[], rows: CoverageRow[], sets: string[]): string[] {
    const out: string[] = [];
    const byName = new Map(rows.map((r) => [r.alarm, r]));
    for (const set of sets) {
        for (const measure of ["bounceRate", "complaintRate", "rejectRate"] as const) {
            const mine = alarms.filter((a) => a.configurationSet === set && a.measure === measure);
            const rate = mine.filter((a) => a.source === "events");
            if (rate.length === 0) continue; // the rate is turned off: nothing to cover
            const firing = mine.filter((a) => byName.get(a.name)?.canAlarm === "yes");
            if (firing.length > 0) continue;
            const word = measure.replace("Rate", " rate");
            const account = alarms.some((a) => a.configurationSet === undefined && a.source === "reputation" && a.measure === measure);
            out.push(`set ${set}: no alarm can fire on its ${word}: ${rate.map((a) => a.name.split(".").pop()).join(", ")} cannot fire for this traffic${measure === "rejectRate" ? "" : " and the set has no reputation alarm"}${account ? `; only the account's reputation alarms see it, mixed with the other sets' mail` : ""}`);
        }
    }
    return out;
}

/** The coverage table's rows as text cells. */
export const COVERAGE_COLUMNS = ["alarm", "reads", "datapoints", "days", "can fire", "note"];

/** The alarm name without the stack's prefix (`newsletter.bounce-rate-critical`): the table names the prefix once. */
function withoutPrefix(alarm: string, prefix: string): string {
    return prefix !== "" && alarm.startsWith(`${prefix}.`) ? alarm.slice(prefix.length + 1) : alarm;
}

export function coverageTableRows(coverage: Coverage): string[][] {
    return coverage.rows.map((r) => [
        withoutPrefix(r.alarm, coverage.namePrefix),
        r.reads,
        r.when,
        r.daysWithDatapoints === undefined ? "-" : `${r.daysWithDatapoints}/7`,
        r.canAlarm,
        r.note,
    ]);
}

/** The coverage section of the printed plan. */
export function renderCoverage(coverage: Coverage, table: (headers: string[], rows: string[][]) => string): string[] {
    const out: string[] = [];
    if (coverage.status === "unknown") {
        out.push("Coverage: unknown (no traffic profile): which alarm can see your traffic depends on its volume and shape.", `  To know: ${coverage.howToGiveProfile}`);
    } else {
        out.push(`Coverage for the traffic of ${coverage.profileSource}: a typical week, UTC; "can fire": an incident at ${PROBE_FACTOR} times the alarm's threshold reaches ALARM; alarms named after ${coverage.namePrefix}.`);
        out.push(table(COVERAGE_COLUMNS, coverageTableRows(coverage)));
    }
    if (coverage.warnings.length > 0) {
        out.push("", `Coverage warnings (${coverage.warnings.length})`);
        for (const w of coverage.warnings) out.push(`  ! ${withoutPrefix(w.split(":")[0], coverage.namePrefix)}${w.slice(w.split(":")[0].length)}`);
    }
    return out;
}

/**
 * The coverage of a stack as its config gives it: the alarm specs the program would build, and the
 * traffic profile of `--profile FILE` if given, else of the stack file's `<project>:traffic` key.
 * Throws ProfileError for a profile that cannot be used.
 */
export function stackCoverage(config: StackConfig, profileFile?: string): Coverage {
    const args = stackArgs(config);
    const plan = planSesMonitoring(args, { project: config.project, stack: config.stack, region: config.config["aws:region"] });
    const sets = plan.settings.configurationSets.map((s) => s.name);
    const key = `${config.project}:${TRAFFIC_CONFIG_KEY}`;
    if (profileFile !== undefined) return computeCoverage(plan, readProfileFile(profileFile, sets), `--profile ${profileFile}`);
    const profile = profileFromStackConfig(config.config[key], `Pulumi.${config.stack}.yaml ${key}`, sets);
    return computeCoverage(plan, profile, `Pulumi.${config.stack}.yaml ${key}`);
}
