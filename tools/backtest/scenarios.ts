/**
 * Seeded synthetic SES traffic: per-minute counts of Send, Bounce, Complaint and Reject events for
 * one sender, with the daily and weekly shape of real sending, campaign bursts, the lag between a
 * send and its bounce or complaint, and one incident per scenario with its ground truth.
 *
 * Counts are by event time, as CloudWatch stores SES event metrics: a bounce that arrives three
 * hours after its send is counted three hours later.
 */
import { RateMetric } from "../../components/shared/catalog";
import { Random, seedFor } from "./random";

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

/** Sends per day of the volume classes the backtest runs. */
export const VOLUME_CLASSES = [50, 1_000, 10_000, 100_000, 1_000_000];

/**
 * Traces start on Saturday 2026-01-03 00:00 UTC: two days of warm-up (so lagged events and alarm
 * state are under way), then 30 scored days from Monday 2026-01-05.
 */
export const TRACE_START = Date.UTC(2026, 0, 3) / 1000;
export const WARMUP_DAYS = 2;
export const SCORED_DAYS = 30;

/** Healthy rates (fractions of sends): "about 0.5 % bounces, 0.02 % complaints". */
export const HEALTHY = { bounce: 0.005, complaint: 0.0002, reject: 0.0001 };

export interface GroundTruth {
    measure: RateMetric;
    /** When the trouble starts and ends (epoch seconds). */
    start: number;
    end: number;
    description: string;
}

export interface Trace {
    scenario: string;
    volumePerDay: number;
    seed: number;
    start: number;
    /** Start of the scored window (after the warm-up). */
    scoredStart: number;
    end: number;
    /** Events per minute, index = minutes since `start`. */
    sends: Float64Array;
    bounces: Float64Array;
    complaints: Float64Array;
    rejects: Float64Array;
    /** The sender-side probabilities each minute's sends were drawn with (for checks and charts). */
    bounceRate: Float64Array;
    complaintRate: Float64Array;
    rejectRate: Float64Array;
    /** Undefined: nothing is wrong in this trace; any alarm is a false alarm. */
    truth?: GroundTruth;
    /** Each bounce and complaint: the minute of its send and the minute it arrived (the reputation model needs both). */
    bounceEvents: EventLog;
    complaintEvents: EventLog;
}

export interface EventLog {
    sentMinute: Int32Array;
    arrivedMinute: Int32Array;
}

function eventLog(pairs: number[]): EventLog {
    const n = pairs.length / 2;
    const sentMinute = new Int32Array(n);
    const arrivedMinute = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        sentMinute[i] = pairs[2 * i];
        arrivedMinute[i] = pairs[2 * i + 1];
    }
    return { sentMinute, arrivedMinute };
}

/** What a scenario changes of the healthy sender, minute by minute. */
interface Incident {
    description: string;
    truth?: (start: number, end: number) => GroundTruth;
    /** Multiplies the expected sends of a minute (t = epoch seconds). */
    volume?: (t: number) => number;
    /** Replaces a rate at a minute, or returns undefined to keep the healthy one. */
    bounceRate?: (t: number) => number | undefined;
    complaintRate?: (t: number) => number | undefined;
    rejectRate?: (t: number) => number | undefined;
    /** False on a quiet weekend: no campaign goes out. */
    campaigns?: (t: number) => boolean;
}

const dayAt = (day: number, hour = 0, minute = 0) => TRACE_START + day * DAY + hour * HOUR + minute * MINUTE;

// Incident times, as days since TRACE_START (a Saturday): all inside the scored window.
const SPIKE_START = dayAt(18, 10, 20); // Wednesday 2026-01-21 10:20 UTC
const SPIKE_END = SPIKE_START + 2 * HOUR;
const CREEP_START = dayAt(10); // Tuesday 2026-01-13
const CREEP_RAMP_END = CREEP_START + 10 * DAY;
const TEMPLATE_START = dayAt(26, 14, 10); // Thursday 2026-01-29 14:10 UTC
const TEMPLATE_END = TEMPLATE_START + 4 * HOUR;
const QUIET_START = dayAt(21); // Saturday 2026-01-24
const QUIET_END = dayAt(23);

export const SCENARIOS: Record<string, Incident> = {
    healthy: {
        description: "30 days of healthy sending: about 0.5 % bounces, 0.02 % complaints, 0.01 % rejects",
    },
    "bounce-spike": {
        description: "a bad list: 8 % of sends bounce for two hours (Wednesday 10:20-12:20 UTC)",
        truth: () => ({ measure: "bounceRate", start: SPIKE_START, end: SPIKE_END, description: "bounce rate 8 % for 2 h" }),
        bounceRate: (t) => (t >= SPIKE_START && t < SPIKE_END ? 0.08 : undefined),
    },
    "complaint-creep": {
        description: "complaints creep from 0.02 % to 0.12 % over ten days, then stay there",
        truth: (_start, end) => ({ measure: "complaintRate", start: CREEP_START, end, description: "complaint rate 0.02 % -> 0.12 % over 10 days" }),
        complaintRate: (t) => {
            if (t < CREEP_START) return undefined;
            const f = Math.min(1, (t - CREEP_START) / (CREEP_RAMP_END - CREEP_START));
            return HEALTHY.complaint + f * (0.0012 - HEALTHY.complaint);
        },
    },
    "rejecting-template": {
        description: "a template with an infected attachment: a quarter of sends rejected for four hours (Thursday 14:10 UTC)",
        truth: () => ({ measure: "rejectRate", start: TEMPLATE_START, end: TEMPLATE_END, description: "reject rate 25 % for 4 h" }),
        rejectRate: (t) => (t >= TEMPLATE_START && t < TEMPLATE_END ? 0.25 : undefined),
    },
    "quiet-weekend": {
        description: "a weekend at 3 % of the usual volume and no campaign (nothing wrong: any alarm is false)",
        volume: (t) => (t >= QUIET_START && t < QUIET_END ? 0.03 : 1),
        campaigns: (t) => !(t >= QUIET_START && t < QUIET_END),
    },
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** Relative sending by hour of day (UTC): quiet nights, a business-day hump. */
const HOURLY_SHAPE = [0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.55, 0.85, 1.2, 1.5, 1.6, 1.6, 1.5, 1.5, 1.55, 1.5, 1.4, 1.25, 1.1, 0.95, 0.8, 0.65, 0.5, 0.4];
/** Relative sending by day of week, Sunday first. */
const WEEKDAY_SHAPE = [0.5, 1.1, 1.1, 1.1, 1.1, 1.05, 0.55];
/** Campaigns: Tuesday and Thursday 09:00 UTC, one hour each, 30 % of all mail between them. */
const CAMPAIGN_DAYS = [2, 4];
const CAMPAIGN_HOUR = 9;
const CAMPAIGN_SHARE = 0.3;
/** Campaign lists are older than transactional recipients: a higher, still healthy, bounce rate. */
const CAMPAIGN_BOUNCE_FACTOR = 1.4;
/** Day-to-day wobble of the healthy rates (list mix, recipient domains): lognormal sigma. */
const DAILY_RATE_SIGMA = 0.2;

/**
 * Lag between a send and its events. Most hard bounces come back within minutes (the receiving
 * server refuses at SMTP time); some after hours (deferred, then given up). Complaints come when
 * the recipient reads the mail: hours to days.
 */
function bounceLagMinutes(random: Random): number {
    return random.next() < 0.85 ? random.exponential(3) : random.logNormal(240, 0.8);
}

function complaintLagMinutes(random: Random): number {
    return random.logNormal(18 * 60, 0.9);
}

export function generateTrace(scenario: string, volumePerDay: number, seed = 1): Trace {
    const incident = SCENARIOS[scenario];
    if (!incident) throw new Error(`unknown scenario ${scenario} (one of ${SCENARIO_NAMES.join(", ")})`);
    const random = new Random(seedFor(seed, scenario, volumePerDay));
    const days = WARMUP_DAYS + SCORED_DAYS;
    const minutes = days * 1440;
    const start = TRACE_START;
    const end = start + days * DAY;

    // Expected sends per minute before the scenario's volume change: the shape, scaled so a normal
    // week averages `volumePerDay`.
    let weekWeight = 0;
    for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) weekWeight += WEEKDAY_SHAPE[d] * HOURLY_SHAPE[h] * 60;
    const perWeek = volumePerDay * 7;
    const basePerWeight = (perWeek * (1 - CAMPAIGN_SHARE)) / weekWeight;
    const campaignPerMinute = (perWeek * CAMPAIGN_SHARE) / CAMPAIGN_DAYS.length / 60;

    const sends = new Float64Array(minutes);
    const bounces = new Float64Array(minutes);
    const complaints = new Float64Array(minutes);
    const rejects = new Float64Array(minutes);
    const bounceRate = new Float64Array(minutes);
    const complaintRate = new Float64Array(minutes);
    const rejectRate = new Float64Array(minutes);

    const bouncePairs: number[] = [];
    const complaintPairs: number[] = [];
    let dayFactors = { bounce: 1, complaint: 1 };
    for (let m = 0; m < minutes; m++) {
        const t = start + m * MINUTE;
        if (m % 1440 === 0) {
            dayFactors = {
                bounce: Math.exp(DAILY_RATE_SIGMA * random.normal()),
                complaint: Math.exp(DAILY_RATE_SIGMA * random.normal()),
            };
        }
        const date = new Date(t * 1000);
        const weekday = date.getUTCDay();
        const hour = date.getUTCHours();
        const volume = incident.volume ? incident.volume(t) : 1;
        const campaign = CAMPAIGN_DAYS.includes(weekday) && hour === CAMPAIGN_HOUR && (incident.campaigns ? incident.campaigns(t) : true);
        const baseMean = basePerWeight * WEEKDAY_SHAPE[weekday] * HOURLY_SHAPE[hour] * volume;
        const campaignMean = campaign ? campaignPerMinute * volume : 0;
        const baseSends = random.poisson(baseMean);
        const campaignSends = random.poisson(campaignMean);
        const total = baseSends + campaignSends;
        sends[m] = total;

        const healthyBounce = HEALTHY.bounce * dayFactors.bounce;
        const pb = incident.bounceRate?.(t) ?? healthyBounce;
        const pbCampaign = incident.bounceRate?.(t) ?? healthyBounce * CAMPAIGN_BOUNCE_FACTOR;
        const pc = incident.complaintRate?.(t) ?? HEALTHY.complaint * dayFactors.complaint;
        const pr = incident.rejectRate?.(t) ?? HEALTHY.reject;
        bounceRate[m] = total > 0 ? (baseSends * pb + campaignSends * pbCampaign) / total : pb;
        complaintRate[m] = pc;
        rejectRate[m] = pr;
        if (total === 0) continue;

        const nBounce = random.binomial(baseSends, pb) + random.binomial(campaignSends, pbCampaign);
        for (let i = 0; i < nBounce; i++) {
            const at = m + Math.floor(bounceLagMinutes(random));
            if (at < minutes) {
                bounces[at]++;
                bouncePairs.push(m, at);
            }
        }
        const nComplaint = random.binomial(total, pc);
        for (let i = 0; i < nComplaint; i++) {
            const at = m + Math.floor(complaintLagMinutes(random));
            if (at < minutes) {
                complaints[at]++;
                complaintPairs.push(m, at);
            }
        }
        rejects[m] += random.binomial(total, pr);
    }

    return {
        scenario,
        volumePerDay,
        seed,
        start,
        scoredStart: start + WARMUP_DAYS * DAY,
        end,
        sends,
        bounces,
        complaints,
        rejects,
        bounceRate,
        complaintRate,
        rejectRate,
        truth: incident.truth?.(start, end),
        bounceEvents: eventLog(bouncePairs),
        complaintEvents: eventLog(complaintPairs),
    };
}

export function scenarioDescription(scenario: string): string {
    return SCENARIOS[scenario]?.description ?? scenario;
}
