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

/**
 * What an incident changes: one of the rates, or the volume (a surge, which only the send-volume
 * ceiling watches; `surgeWindow`).
 */
export type TruthMeasure = RateMetric | "sendVolume";

export interface GroundTruth {
    measure: TruthMeasure;
    /** When the trouble starts and ends (epoch seconds). */
    start: number;
    end: number;
    description: string;
}

export interface Trace {
    scenario: string;
    volumePerDay: number;
    seed: number;
    /** The traffic model's name (`TrafficModel`; undefined: a trace built elsewhere). */
    traffic?: string;
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

/** When a scenario's incident starts, drawn per seed (`incidentOnset`). */
export interface Onset {
    /** Epoch seconds, never on a 5-minute boundary. */
    start: number;
}

/** What a scenario changes of the healthy sender, minute by minute, given its onset. */
interface Incident {
    description: string;
    /** Hours of the day (UTC) the onset may fall in, and the days of the scored window. */
    onsetHours?: [number, number];
    onsetDays?: [number, number];
    truth?: (onset: number, end: number) => GroundTruth;
    /** Multiplies the expected sends of a minute (t = epoch seconds). */
    volume?: (t: number, onset: number) => number;
    /** Replaces a rate at a minute, or returns undefined to keep the healthy one. */
    bounceRate?: (t: number, onset: number) => number | undefined;
    complaintRate?: (t: number, onset: number) => number | undefined;
    rejectRate?: (t: number, onset: number) => number | undefined;
    /** False where no campaign goes out (a quiet weekend). */
    campaigns?: (t: number, onset: number) => boolean;
    /** Mail sent on top of the sender's own (a compromised credential): expected sends per minute and their bounce rate. */
    extra?: (t: number, onset: number, meanPerMinute: number) => { sends: number; bounceRate: number } | undefined;
    /** A mailbox provider's trouble: the share of the sender's mail it takes, when it defers, and when it bounces. */
    provider?: (t: number, onset: number) => "defer" | "bounce" | undefined;
    /** A batch sender: the whole day's mail in one hour (the hour is drawn per seed). */
    batchHour?: boolean;
}

const SPIKE_HOURS = 2 * HOUR;
const TEMPLATE_HOURS = 4 * HOUR;
const CREEP_DAYS = 10;
const PROVIDER_DEFER = 3 * HOUR;
const PROVIDER_BOUNCE = 4 * HOUR;
const COMPROMISE = 90 * MINUTE;
const SURGE = 3 * HOUR;

/**
 * A large mailbox provider's share of a sender's recipients, and the share of its mail it bounces
 * once it starts refusing. Assumptions: no published figures; a provider with a quarter of the
 * list is common for consumer mail.
 */
export const PROVIDER = { share: 0.25, bounceShare: 0.5 };

/**
 * A compromised credential sends as fast as it can to bought or guessed addresses. Assumptions:
 * 20 times the sender's usual rate, at least 2,000 an hour (a small sender's quota allows that),
 * 30 % of it to addresses that do not exist.
 */
export const COMPROMISE_TRAFFIC = { factor: 20, minimumPerHour: 2_000, bounceRate: 0.3 };

/**
 * Leaked credentials used to send spam at volume (the send-volume ceiling's case): assumptions, no
 * published figures. 50 times the sender's usual hourly rate, at least 5,000 an hour, for three
 * hours, to addresses that bounce and complain no more than the sender's own (a cleaned list):
 * while it lasts only the volume gives it away. Its late bounces and complaints still arrive over
 * the following hours and day against the normal volume. The sender's own mail goes on as usual.
 */
export const SURGE_TRAFFIC = { factor: 50, minimumPerHour: 5_000, bounceRate: HEALTHY.bounce, hours: SURGE / HOUR };

/**
 * Mail that is not the sender's, for `duration` from the onset: `factor` times the sender's mean
 * rate, at least `minimumPerHour`, bouncing at `bounceRate` (a leaked credential).
 */
function leakedTraffic(duration: number, traffic: { factor: number; minimumPerHour: number; bounceRate: number }): NonNullable<Incident["extra"]> {
    return (t, onset, meanPerMinute) => between(t, onset, onset + duration)
        ? { sends: Math.max(traffic.factor * meanPerMinute, traffic.minimumPerHour / 60), bounceRate: traffic.bounceRate }
        : undefined;
}

const between = (t: number, from: number, to: number) => t >= from && t < to;

export const SCENARIOS: Record<string, Incident> = {
    healthy: {
        description: "30 days of healthy sending: about 0.5 % bounces, 0.02 % complaints, 0.01 % rejects",
    },
    "bounce-spike": {
        description: "a bad list: 8 % of sends bounce for two hours (business hours, day and time drawn per seed)",
        onsetHours: [7, 19],
        truth: (onset) => ({ measure: "bounceRate", start: onset, end: onset + SPIKE_HOURS, description: "bounce rate 8 % for 2 h" }),
        bounceRate: (t, onset) => (between(t, onset, onset + SPIKE_HOURS) ? 0.08 : undefined),
    },
    "complaint-creep": {
        description: "complaints creep from 0.02 % to 0.12 % over ten days, then stay there (start drawn per seed)",
        onsetDays: [1, 12],
        onsetHours: [0, 24],
        truth: (onset, end) => ({ measure: "complaintRate", start: onset, end, description: "complaint rate 0.02 % -> 0.12 % over 10 days" }),
        complaintRate: (t, onset) => {
            if (t < onset) return undefined;
            const f = Math.min(1, (t - onset) / (CREEP_DAYS * DAY));
            return HEALTHY.complaint + f * (0.0012 - HEALTHY.complaint);
        },
    },
    "rejecting-template": {
        description: "a template with an infected attachment: a quarter of sends rejected for four hours (day and time drawn per seed)",
        onsetHours: [6, 20],
        truth: (onset) => ({ measure: "rejectRate", start: onset, end: onset + TEMPLATE_HOURS, description: "reject rate 25 % for 4 h" }),
        rejectRate: (t, onset) => (between(t, onset, onset + TEMPLATE_HOURS) ? 0.25 : undefined),
    },
    "provider-incident": {
        description: "a mailbox provider with a quarter of the recipients defers all mail for 3 h, then bounces half of it for 4 h, the deferred mail included",
        onsetHours: [0, 24],
        truth: (onset) => ({ measure: "bounceRate", start: onset, end: onset + PROVIDER_DEFER + PROVIDER_BOUNCE, description: "provider defers 3 h, then bounces 50 % of its mail for 4 h" }),
        provider: (t, onset) => (between(t, onset, onset + PROVIDER_DEFER) ? "defer" : between(t, onset + PROVIDER_DEFER, onset + PROVIDER_DEFER + PROVIDER_BOUNCE) ? "bounce" : undefined),
    },
    "credential-compromise": {
        description: "a leaked credential sends 20 times the usual volume (at least 2,000 an hour) to unknown addresses for 90 minutes, 30 % bouncing",
        onsetHours: [0, 24],
        truth: (onset) => ({ measure: "bounceRate", start: onset, end: onset + COMPROMISE, description: "compromised credential: 20x volume, 30 % bounces, 90 min" }),
        extra: leakedTraffic(COMPROMISE, COMPROMISE_TRAFFIC),
    },
    "send-surge": {
        description: "leaked credentials send at 50 times the usual volume (at least 5,000 an hour) for 3 hours, bouncing and complaining at the healthy rates: only the volume gives it away",
        onsetHours: [0, 24],
        truth: (onset) => ({ measure: "sendVolume", start: onset, end: onset + SURGE, description: "send surge: 50x volume for 3 h" }),
        extra: leakedTraffic(SURGE, SURGE_TRAFFIC),
    },
    "batch-sender": {
        description: "a batch sender: each day's mail goes out in one hour (nothing wrong: any alarm is false)",
        batchHour: true,
    },
    "quiet-weekend": {
        description: "a weekend at 3 % of the usual volume and no campaign (which weekend drawn per seed; nothing wrong: any alarm is false)",
        volume: (t, onset) => (between(t, onset, onset + 2 * DAY) ? 0.03 : 1),
        campaigns: (t, onset) => !between(t, onset, onset + 2 * DAY),
    },
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);
/** Scenarios without an incident: every ALARM in them is false. */
export const HEALTHY_SCENARIOS = SCENARIO_NAMES.filter((s) => !SCENARIOS[s].truth);

/**
 * The onset of a scenario's incident for a seed: a day of the scored window (so the weekday
 * varies), an hour in the scenario's range and a minute off the 5-minute grid (so no alarm period
 * lines up with it by construction). The same for every volume class of the seed.
 */
export function incidentOnset(scenario: string, seed: number): number {
    const incident = SCENARIOS[scenario];
    const random = new Random(seedFor(seed, scenario, "onset"));
    const scored = TRACE_START + WARMUP_DAYS * DAY;
    if (scenario === "quiet-weekend") {
        // The Saturdays of the scored window: trace days 7, 14, 21 and 28.
        return TRACE_START + 7 * DAY * (1 + Math.floor(random.next() * 4));
    }
    const [d0, d1] = incident.onsetDays ?? [2, 26];
    const [h0, h1] = incident.onsetHours ?? [0, 24];
    const day = d0 + Math.floor(random.next() * (d1 - d0));
    const hour = h0 + Math.floor(random.next() * (h1 - h0));
    let minute = Math.floor(random.next() * 48);
    minute += Math.floor(minute / 4) + 1; // 48 minutes of the hour that are not multiples of 5
    return scored + day * DAY + hour * HOUR + minute * MINUTE;
}

/** Relative sending by hour of day (UTC): quiet nights, a business-day hump. */
const HOURLY_SHAPE = [0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.55, 0.85, 1.2, 1.5, 1.6, 1.6, 1.5, 1.5, 1.55, 1.5, 1.4, 1.25, 1.1, 0.95, 0.8, 0.65, 0.5, 0.4];
/** Relative sending by day of week, Sunday first. */
const WEEKDAY_SHAPE = [0.5, 1.1, 1.1, 1.1, 1.1, 1.05, 0.55];
/** Day-to-day wobble of the healthy rates (list mix, recipient domains): lognormal sigma. */
const DAILY_RATE_SIGMA = 0.2;
/**
 * Overdispersion: real sending is burstier than Poisson. Assumption: each hour's expected volume
 * is multiplied by a gamma factor of mean 1 and CV 0.35 (shape 8), so counts are negative binomial
 * rather than Poisson (campaign sizes: `TrafficModel.campaign.sizeShape`).
 */
const HOUR_VOLUME_SHAPE = 8;

/**
 * Lag between a send and its events. Most hard bounces come back within minutes (the receiving
 * server refuses at SMTP time); some after hours (deferred, then given up). Complaints come when
 * the recipient reads the mail: hours to days (the project model's complaint delay; a
 * `TrafficModel` may give its own).
 */
export const EVENT_LAG = {
    /** Bounces: this share within minutes (exponential, mean in minutes), the rest lognormal (median, sigma). */
    bounce: { promptShare: 0.85, promptMeanMinutes: 3, lateMedianMinutes: 240, lateSigma: 0.8 },
    /** Complaints: lognormal (median, sigma). */
    complaint: { medianMinutes: 18 * 60, sigma: 0.9 },
};

/**
 * What the traffic assumes about how mail is sent and how its bounces and complaints come back:
 * each mechanism the alarms' noise and blindness depend on is a parameter, so every published
 * figure can be measured across a range of them (`TRAFFIC_GRID`) rather than at one point.
 * `PROJECT_TRAFFIC` is the model the defaults were first tuned on; the scenarios' numbers with it
 * are unchanged (the same draws in the same order).
 */
export interface TrafficModel {
    name: string;
    /**
     * Depth of the overnight trough: each hour's share of `HOURLY_SHAPE` raised to this power (1:
     * the shape as is, nights at 0.2 of a weekday's average hour and business hours at 1.6; 2:
     * nights at 0.04, business hours at 2.6, renormalised so a week still sends the same volume).
     */
    troughPower: number;
    /** Saturday and Sunday volume as a multiple of `WEEKDAY_SHAPE`'s (0.55 and 0.5 of a weekday's). */
    weekendFactor: number;
    campaign: {
        /** Days of the week (0 = Sunday) and UTC hour the campaigns go out, one hour each. */
        days: number[];
        hour: number;
        /** Share of all mail that goes in campaigns. */
        share: number;
        /** Gamma shape of a campaign's size factor (4: CV 0.5). */
        sizeShape: number;
    };
    /**
     * Each campaign goes to one of the sender's lists, and each list has its own bounce rate.
     * `lognormal`: the healthy rate times `factor` times a lognormal factor (`sigma`), drawn per
     * campaign; `uniform`: a rate drawn per campaign between `min` and `max` (fractions).
     */
    listBounce: { kind: "lognormal"; factor: number; sigma: number } | { kind: "uniform"; min: number; max: number };
    /**
     * Soft bounces: SES publishes a Bounce for a soft bounce only once it stops retrying
     * (ses-cloudwatch-facts.md). `share` of sends (`campaignShare` of campaign mail) end that way.
     * `expiryShare` of them are reported when the retrying runs out, `capMinutes` after the send
     * (the receiving server never accepts), the rest when the server turns its deferral into a
     * refusal, a lognormal time of `medianMinutes` (`sigma`) after the send, at the latest at the cap.
     */
    softBounce: { share: number; campaignShare: number; medianMinutes: number; sigma: number; capMinutes: number; expiryShare: number };
    /** Complaints: lognormal delay after the send (median minutes, sigma). */
    complaintLag: { medianMinutes: number; sigma: number };
}

/**
 * The model the defaults were tuned on (every value an assumption unless named):
 * - campaigns Tuesday and Thursday 09:00 UTC, one hour each, 30 % of all mail, size CV 0.5;
 * - lists older than transactional recipients, so higher, still healthy: 1.4 times the healthy
 *   rate times a lognormal factor (sigma 0.25);
 * - soft bounces (the reporting rule is a fact, the rest assumed): 0.1 % of sends (0.2 % of
 *   campaign mail), median 8 h (sigma 0.5), at the latest after 14 h (50,400 s, the largest "max
 *   delivery seconds" a configuration set accepts): a campaign's soft bounces arrive hours later,
 *   bunched in the evening and at the cap;
 * - complaints when the recipient reads the mail: lognormal, median 18 h (sigma 0.9).
 */
export const PROJECT_TRAFFIC: TrafficModel = {
    name: "project",
    troughPower: 1,
    weekendFactor: 1,
    campaign: { days: [2, 4], hour: 9, share: 0.3, sizeShape: 4 },
    listBounce: { kind: "lognormal", factor: 1.4, sigma: 0.25 },
    softBounce: { share: 0.001, campaignShare: 0.002, medianMinutes: 8 * 60, sigma: 0.5, capMinutes: 14 * 60, expiryShare: 0 },
    complaintLag: EVENT_LAG.complaint,
};

/** Kept for readers of the former constant: the project model's soft bounces. */
export const SOFT_BOUNCE = PROJECT_TRAFFIC.softBounce;

/**
 * The corner of a traffic model written outside the project (ses-cloudwatch-facts.md, "Realistic
 * traffic for judging alarms"): healthy lists bounce 0.5-2.5 % (that range is the model's; uniform
 * is assumed), soft bounces are reported when SES stops retrying (90 % at the 14-hour cap:
 * assumed), complaints mostly 1-3 days after the send (lognormal median 36 h, sigma 0.45, puts 75 %
 * between 1 and 3 days: assumed), a deep overnight trough (power 2: assumed) and weekend lulls
 * (half the project model's weekend: assumed). Campaigns at 15:00 UTC (assumed: a US-morning
 * campaign, whose soft bounces reach the cap at 05:00 UTC, in the trough, where the outside
 * model saw its false alarms).
 */
export const EXTERNAL_TRAFFIC: TrafficModel = {
    name: "external",
    troughPower: 2,
    weekendFactor: 0.5,
    campaign: { days: [2, 4], hour: 15, share: 0.3, sizeShape: 4 },
    listBounce: { kind: "uniform", min: 0.005, max: 0.025 },
    softBounce: { ...PROJECT_TRAFFIC.softBounce, expiryShare: 0.9 },
    complaintLag: { medianMinutes: 36 * 60, sigma: 0.45 },
};

/**
 * The sensitivity grid every figure of the rate alarms is reported across, worst case first: the
 * project model, the outside corner, a point between them, and the outside corner with the
 * project's 09:00 campaigns (its soft bounces reach the cap at 23:00, as the trough begins).
 */
export const TRAFFIC_GRID: TrafficModel[] = [
    PROJECT_TRAFFIC,
    {
        name: "midway",
        troughPower: 1.5,
        weekendFactor: 0.75,
        campaign: { days: [2, 4], hour: 12, share: 0.3, sizeShape: 4 },
        listBounce: { kind: "uniform", min: 0.005, max: 0.015 },
        softBounce: { ...PROJECT_TRAFFIC.softBounce, expiryShare: 0.5 },
        complaintLag: { medianMinutes: 27 * 60, sigma: 0.65 },
    },
    EXTERNAL_TRAFFIC,
    { ...EXTERNAL_TRAFFIC, name: "external-9am", campaign: { ...EXTERNAL_TRAFFIC.campaign, hour: 9 } },
];

export const TRAFFIC_MODELS: Record<string, TrafficModel> = Object.fromEntries(TRAFFIC_GRID.map((m) => [m.name, m]));


function bounceLagMinutes(random: Random): number {
    const b = EVENT_LAG.bounce;
    return random.next() < b.promptShare ? random.exponential(b.promptMeanMinutes) : random.logNormal(b.lateMedianMinutes, b.lateSigma);
}

function softBounceLagMinutes(random: Random, soft: TrafficModel["softBounce"]): number {
    // The draw for the expiry share only where the model has one: the project model's draws stay as they were.
    if (soft.expiryShare > 0 && random.next() < soft.expiryShare) return soft.capMinutes - random.next() * 30;
    return Math.min(soft.capMinutes, random.logNormal(soft.medianMinutes, soft.sigma));
}

function listBounceRate(random: Random, list: TrafficModel["listBounce"]): number {
    return list.kind === "lognormal"
        ? HEALTHY.bounce * list.factor * Math.exp(list.sigma * random.normal())
        : list.min + random.next() * (list.max - list.min);
}

/**
 * Relative sending by hour of day (UTC) with an overnight trough of depth `troughPower`
 * (`TrafficModel.troughPower`): `HOURLY_SHAPE` raised to it, scaled back to the same sum. The one
 * diurnal curve of the project: the generator's models and the profiles' `diurnal` shapes.
 */
export function hourlyShape(troughPower: number): number[] {
    if (troughPower === 1) return [...HOURLY_SHAPE];
    const raised = HOURLY_SHAPE.map((v) => v ** troughPower);
    const scale = HOURLY_SHAPE.reduce((a, b) => a + b, 0) / raised.reduce((a, b) => a + b, 0);
    return raised.map((v) => v * scale);
}

/** The hourly and weekly shapes of a model (the project's: the constants as they are). */
function shapesOf(model: TrafficModel): { hourly: number[]; weekday: number[] } {
    const hourly = hourlyShape(model.troughPower);
    const weekday = model.weekendFactor === 1 ? WEEKDAY_SHAPE : WEEKDAY_SHAPE.map((v, d) => (d === 0 || d === 6 ? v * model.weekendFactor : v));
    return { hourly, weekday };
}

/** Largest volume class the generator accepts: far above any SES account's daily quota in practice. */
export const MAX_VOLUME_PER_DAY = 10_000_000;

/**
 * Traffic of a user's profile (tools/profiles.ts) instead of the generator's own shape and
 * campaigns: `expectedSends(t)`, the expected sends of the minute starting at epoch `t`; `onset`,
 * the incident's start when it must differ from `incidentOnset` (moved to where the profile sends).
 */
export interface ProfileTraffic {
    expectedSends: (t: number) => number;
    onset?: number;
}

/**
 * With `profile`, the scenario's incident, the hourly overdispersion and the events' lags apply to
 * the profile's traffic as to the generator's own, and `volumePerDay` should be the profile's mean
 * (it scales the leaked-credential scenarios).
 */
export function generateTrace(scenario: string, volumePerDay: number, seed = 1, profile?: ProfileTraffic, model: TrafficModel = PROJECT_TRAFFIC): Trace {
    const expectedSends = profile?.expectedSends;
    const incident = SCENARIOS[scenario];
    if (!incident) throw new Error(`unknown scenario ${scenario} (one of ${SCENARIO_NAMES.join(", ")})`);
    if (!(volumePerDay > 0 && volumePerDay <= MAX_VOLUME_PER_DAY)) {
        throw new Error(`volume ${volumePerDay} sends a day is outside 1-${MAX_VOLUME_PER_DAY.toLocaleString("en-US")}`);
    }
    const random = new Random(seedFor(seed, scenario, volumePerDay));
    const onset = profile?.onset ?? incidentOnset(scenario, seed);
    const days = WARMUP_DAYS + SCORED_DAYS;
    const minutes = days * 1440;
    const start = TRACE_START;
    const end = start + days * DAY;

    // Expected sends per minute before the scenario's volume change: the shape, scaled so a normal
    // week averages `volumePerDay`.
    const { hourly: HOURLY, weekday: WEEKDAY } = shapesOf(model);
    const { campaign: CAMPAIGN, softBounce: SOFT } = model;
    let weekWeight = 0;
    for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) weekWeight += WEEKDAY[d] * HOURLY[h] * 60;
    const perWeek = volumePerDay * 7;
    const campaignShare = incident.batchHour ? 0 : CAMPAIGN.share;
    const basePerWeight = (perWeek * (1 - campaignShare)) / weekWeight;
    const campaignPerMinute = (perWeek * campaignShare) / CAMPAIGN.days.length / 60;
    const meanPerMinute = volumePerDay / 1440;
    const batchHour = Math.floor(new Random(seedFor(seed, scenario, "batch")).next() * 24);
    // The batch hour carries the weight of the whole day, so a week still averages `volumePerDay`.
    const batchScale = weekWeight / (60 * WEEKDAY.reduce((a, b) => a + b, 0));

    const sends = new Float64Array(minutes);
    const bounces = new Float64Array(minutes);
    const complaints = new Float64Array(minutes);
    const rejects = new Float64Array(minutes);
    const bounceRate = new Float64Array(minutes);
    const complaintRate = new Float64Array(minutes);
    const rejectRate = new Float64Array(minutes);

    const bouncePairs: number[] = [];
    const complaintPairs: number[] = [];
    const addBounce = (sent: number, at: number) => {
        if (at < minutes) {
            bounces[at]++;
            bouncePairs.push(sent, at);
        }
    };
    let dayFactors = { bounce: 1, complaint: 1 };
    let hourFactor = 1;
    let campaign = { bounce: model.listBounce.kind === "lognormal" ? HEALTHY.bounce * model.listBounce.factor : (model.listBounce.min + model.listBounce.max) / 2, size: 1 };
    let deferred = 0;
    for (let m = 0; m < minutes; m++) {
        const t = start + m * MINUTE;
        if (m % 1440 === 0) {
            dayFactors = {
                bounce: Math.exp(DAILY_RATE_SIGMA * random.normal()),
                complaint: Math.exp(DAILY_RATE_SIGMA * random.normal()),
            };
        }
        if (m % 60 === 0) hourFactor = random.gammaFactor(HOUR_VOLUME_SHAPE);
        const date = new Date(t * 1000);
        const weekday = date.getUTCDay();
        const hour = date.getUTCHours();
        const volume = incident.volume ? incident.volume(t, onset) : 1;
        const campaignHour = expectedSends === undefined && campaignShare > 0 && CAMPAIGN.days.includes(weekday) && hour === CAMPAIGN.hour && (incident.campaigns ? incident.campaigns(t, onset) : true);
        if (campaignHour && m % 60 === 0) {
            campaign = {
                bounce: listBounceRate(random, model.listBounce),
                size: random.gammaFactor(CAMPAIGN.sizeShape),
            };
        }
        const shape = incident.batchHour
            ? (hour === batchHour ? WEEKDAY[weekday] * batchScale : 0)
            : WEEKDAY[weekday] * HOURLY[hour];
        const baseMean = (expectedSends ? expectedSends(t) : basePerWeight * shape) * volume * hourFactor;
        const campaignMean = campaignHour ? campaignPerMinute * volume * campaign.size : 0;
        const baseSends = random.poisson(baseMean);
        const campaignSends = random.poisson(campaignMean);
        const extra = incident.extra?.(t, onset, meanPerMinute);
        const extraSends = extra ? random.poisson(extra.sends) : 0;
        const total = baseSends + campaignSends + extraSends;
        sends[m] = total;

        const healthyBounce = HEALTHY.bounce * dayFactors.bounce;
        const pb = incident.bounceRate?.(t, onset) ?? healthyBounce;
        const pbCampaign = incident.bounceRate?.(t, onset) ?? campaign.bounce * dayFactors.bounce;
        const pc = incident.complaintRate?.(t, onset) ?? HEALTHY.complaint * dayFactors.complaint;
        const pr = incident.rejectRate?.(t, onset) ?? HEALTHY.reject;
        bounceRate[m] = total > 0 ? (baseSends * pb + campaignSends * pbCampaign + extraSends * (extra?.bounceRate ?? 0)) / total : pb;
        complaintRate[m] = pc;
        rejectRate[m] = pr;

        // The provider's trouble: its share of this minute's mail is deferred (held, bounced half
        // when it starts refusing) or bounced half at once; the rest goes on as usual.
        const provider = incident.provider?.(t, onset);
        if (provider === "bounce" && deferred > 0) {
            // SES's retries of the deferred mail meet the refusal within the first half hour.
            const n = random.binomial(deferred, PROVIDER.bounceShare);
            for (let i = 0; i < n; i++) addBounce(m, m + Math.floor(random.next() * 30));
            deferred = 0;
        }
        let ownSends = baseSends + campaignSends;
        if (provider) {
            const toProvider = random.binomial(ownSends, PROVIDER.share);
            ownSends -= toProvider;
            if (provider === "defer") deferred += toProvider;
            else {
                const n = random.binomial(toProvider, PROVIDER.bounceShare);
                for (let i = 0; i < n; i++) addBounce(m, m + Math.floor(random.exponential(3)));
            }
        }
        if (total === 0) continue;

        const baseShare = ownSends === 0 ? 0 : baseSends / (baseSends + campaignSends);
        const ownBase = Math.round(ownSends * baseShare);
        const nBounce = random.binomial(ownBase, pb) + random.binomial(ownSends - ownBase, pbCampaign) + random.binomial(extraSends, extra?.bounceRate ?? 0);
        for (let i = 0; i < nBounce; i++) addBounce(m, m + Math.floor(bounceLagMinutes(random)));
        const nSoft = random.binomial(baseSends, SOFT.share) + random.binomial(campaignSends, SOFT.campaignShare);
        for (let i = 0; i < nSoft; i++) addBounce(m, m + Math.floor(softBounceLagMinutes(random, SOFT)));
        const nComplaint = random.binomial(total, pc);
        for (let i = 0; i < nComplaint; i++) {
            const at = m + Math.floor(random.logNormal(model.complaintLag.medianMinutes, model.complaintLag.sigma));
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
        traffic: model.name,
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
        truth: incident.truth?.(onset, end),
        bounceEvents: eventLog(bouncePairs),
        complaintEvents: eventLog(complaintPairs),
    };
}

/**
 * When a trace's volume is raised by mail that is not the sender's own (a leaked credential:
 * `send-surge`, and `credential-compromise`, whose ground truth is its bounce rate): the window
 * the send-volume ceiling should fire in. Undefined for every other scenario.
 */
export function surgeWindow(trace: Pick<Trace, "scenario" | "truth">): { start: number; end: number } | undefined {
    if (!SCENARIOS[trace.scenario]?.extra || !trace.truth) return undefined;
    return { start: trace.truth.start, end: trace.truth.end };
}

export function scenarioDescription(scenario: string): string {
    return SCENARIOS[scenario]?.description ?? scenario;
}
