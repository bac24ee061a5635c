/**
 * Traffic profiles: what a stack's configuration sets are expected to send, in one vocabulary the
 * plan (coverage: what each alarm can see) and the backtest (traffic shaped like the user's) both
 * read. A profile is plain data, checked here; `weeklySends` turns a set's profile into the
 * expected sends of every minute of a typical week, the one mechanism both tools build on.
 *
 * Where profiles come from: the stack file's `ses-monitoring:traffic` key (read by the tools only;
 * the Pulumi program accepts it and ignores it) or a `--profile FILE` (YAML or JSON, same shape).
 *
 * ```yaml
 * ses-monitoring:traffic:
 *   dailyQuota: 200000              # optional: the account's 24-hour sending quota (Max24HourSend)
 *   sets:
 *     transactional: { sendsPerDay: 40000 }                 # around the clock (shape: flat)
 *     newsletter:
 *       weeklyBlasts: [{ day: tuesday, hour: 13, size: 150000, durationHours: 2 }]
 * ```
 *
 * All times are UTC, as CloudWatch's periods are.
 */
import * as fs from "fs";
import * as YAML from "yaml";
import { EXTERNAL_TRAFFIC, hourlyShape, PROJECT_TRAFFIC } from "./backtest/scenarios";

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
export const WEEK_MINUTES = 7 * 1440;

/**
 * Expected sends are fractions per minute, and their sums over a period land a rounding error
 * either side of a whole number: 20,000 a day flat sums to 19,999.999... A profile whose period
 * holds exactly a guard reaches it (`sends >= guard`), so sends are read this much larger.
 */
export const SENDS_TIE_BREAK = 1 + 1e-9;

/** The stack config key the tools read profiles from (`<project>:traffic`). */
export const TRAFFIC_CONFIG_KEY = "traffic";

/** Days of the week, Monday first: a typical week starts Monday 00:00 UTC. */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * How a set's `sendsPerDay` spreads over the week: `flat`, evenly around the clock every day;
 * `business-hours`, evenly over `BUSINESS_HOURS` on Monday to Friday, nothing else; `diurnal` and
 * `diurnal-deep`, every day alike over the hours by `DIURNAL_TROUGH`'s curve (a day's peak and a
 * night's trough, the traffic grid's project and outside models; their weekend lull is left out).
 */
export const SHAPES = ["flat", "business-hours", "diurnal", "diurnal-deep"] as const;
export type Shape = (typeof SHAPES)[number];

/**
 * The trough depth of each diurnal shape (`hourlyShape`): `diurnal` the project model's (quietest
 * hours, 02:00-04:00 UTC, 0.22 of an average hour; busiest, 10:00-12:00, 1.75), `diurnal-deep`
 * the outside model's (0.036 and 2.3).
 */
export const DIURNAL_TROUGH: Record<"diurnal" | "diurnal-deep", number> = { diurnal: PROJECT_TRAFFIC.troughPower, "diurnal-deep": EXTERNAL_TRAFFIC.troughPower };

/** Business hours of the `business-hours` shape (UTC): 08:00-18:00, Monday to Friday. */
export const BUSINESS_HOURS = { fromHour: 8, toHour: 18, days: ["monday", "tuesday", "wednesday", "thursday", "friday"] as Weekday[] };

/** One mailing a week: `size` sends spread evenly over `durationHours` from `hour`:00 on `day`. */
export interface WeeklyBlast {
    day: Weekday;
    /** Hour of the day it starts, 0-23 (UTC). */
    hour: number;
    size: number;
    durationHours: number;
}

/** What one configuration set sends: a base volume with a shape, plus weekly blasts on top. */
export interface SetProfile {
    /** Sends on each day the shape sends on (default 0: blasts only). */
    sendsPerDay?: number;
    /** Default `flat`. */
    shape?: Shape;
    weeklyBlasts?: WeeklyBlast[];
}

export interface TrafficProfile {
    /** The account's 24-hour sending quota (`Max24HourSend`), when known: the quota alarms' base. */
    dailyQuota?: number;
    /** Keyed by configuration set name, as `configurationSets`. */
    sets: Record<string, SetProfile>;
}

/** A profile that cannot be used: every problem, each naming the field path, the value and the rule. */
export class ProfileError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join("\n"));
    }
}

/** Most sends a day a profile may describe: far above any SES account's quota in practice. */
export const MAX_SENDS_PER_DAY = 100_000_000;

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

function unknownKeys(value: Record<string, unknown>, known: string[], at: string, problems: string[]): void {
    for (const key of Object.keys(value)) if (!known.includes(key)) problems.push(`${at}.${key}: is not a profile field (known: ${known.join(", ")})`);
}

function positiveNumber(value: unknown, at: string, problems: string[], rule: { integer?: boolean; max?: number; allowZero?: boolean }): void {
    const ok = typeof value === "number" && Number.isFinite(value) && (rule.allowZero ? value >= 0 : value > 0) && (!rule.integer || Number.isInteger(value)) && (rule.max === undefined || value <= rule.max);
    if (!ok) {
        const what = `${rule.allowZero ? "0 or more" : "more than 0"}${rule.integer ? ", a whole number" : ""}${rule.max === undefined ? "" : `, at most ${rule.max.toLocaleString("en-US")}`}`;
        problems.push(`${at}: ${show(value)} must be a number ${what}`);
    }
}

/**
 * Checks a profile as read from a stack file or `--profile` (`where` names the source) against the
 * stack's configuration sets. Throws one ProfileError listing every problem.
 */
export function checkTrafficProfile(value: unknown, where: string, configurationSets: string[]): TrafficProfile {
    const problems: string[] = [];
    if (!isMapping(value)) throw new ProfileError([`${where}: ${show(value)} must be a mapping with \`sets\` (and optionally \`dailyQuota\`)`]);
    unknownKeys(value, ["dailyQuota", "sets"], where, problems);
    if (value.dailyQuota !== undefined) positiveNumber(value.dailyQuota, `${where}.dailyQuota`, problems, { integer: true, max: MAX_SENDS_PER_DAY });
    if (!isMapping(value.sets)) {
        problems.push(`${where}.sets: ${show(value.sets)} must be a mapping of configuration set name to its traffic`);
        throw new ProfileError(problems);
    }
    for (const [set, profile] of Object.entries(value.sets)) {
        const at = `${where}.sets.${set}`;
        if (!configurationSets.includes(set)) {
            problems.push(`${at}: is not a configuration set of the stack (${configurationSets.join(", ")})`);
            continue;
        }
        if (!isMapping(profile)) {
            problems.push(`${at}: ${show(profile)} must be a mapping (sendsPerDay, shape, weeklyBlasts)`);
            continue;
        }
        unknownKeys(profile, ["sendsPerDay", "shape", "weeklyBlasts"], at, problems);
        if (profile.sendsPerDay !== undefined) positiveNumber(profile.sendsPerDay, `${at}.sendsPerDay`, problems, { allowZero: true, max: MAX_SENDS_PER_DAY });
        if (profile.shape !== undefined && !(SHAPES as readonly unknown[]).includes(profile.shape)) problems.push(`${at}.shape: ${show(profile.shape)} must be one of ${SHAPES.join(", ")}`);
        if (profile.weeklyBlasts !== undefined && !Array.isArray(profile.weeklyBlasts)) {
            problems.push(`${at}.weeklyBlasts: ${show(profile.weeklyBlasts)} must be a list of { day, hour, size, durationHours }`);
        }
        const blasts = Array.isArray(profile.weeklyBlasts) ? profile.weeklyBlasts : [];
        blasts.forEach((blast, i) => {
            const b = `${at}.weeklyBlasts[${i}]`;
            if (!isMapping(blast)) {
                problems.push(`${b}: ${show(blast)} must be a mapping { day, hour, size, durationHours }`);
                return;
            }
            unknownKeys(blast, ["day", "hour", "size", "durationHours"], b, problems);
            if (!(WEEKDAYS as readonly unknown[]).includes(blast.day)) problems.push(`${b}.day: ${show(blast.day)} must be one of ${WEEKDAYS.join(", ")}`);
            if (!(typeof blast.hour === "number" && Number.isInteger(blast.hour) && blast.hour >= 0 && blast.hour <= 23)) problems.push(`${b}.hour: ${show(blast.hour)} must be a whole hour 0-23 (UTC)`);
            positiveNumber(blast.size, `${b}.size`, problems, { integer: true, max: MAX_SENDS_PER_DAY });
            positiveNumber(blast.durationHours, `${b}.durationHours`, problems, { max: 24 });
        });
        if ((profile.sendsPerDay ?? 0) === 0 && blasts.length === 0 && problems.length === 0) {
            problems.push(`${at}: sends nothing (give sendsPerDay, weeklyBlasts or both)`);
        }
    }
    if (problems.length > 0) throw new ProfileError(problems);
    return value as unknown as TrafficProfile;
}

/** Reads a `--profile` file (YAML or JSON): the profile, or a ProfileError naming the file. */
export function readProfileFile(file: string, configurationSets: string[]): TrafficProfile {
    let parsed: unknown;
    try {
        parsed = YAML.parse(fs.readFileSync(file, "utf8"), { maxAliasCount: 100 });
    } catch (err) {
        throw new ProfileError([`--profile ${file}: not a YAML or JSON file this tool reads: ${(err as Error).message.split("\n")[0]}`]);
    }
    return checkTrafficProfile(parsed, `--profile ${file}`, configurationSets);
}

/** The stack's profile from its config value (`<project>:traffic`, as JSON), or undefined without one. */
export function profileFromStackConfig(raw: string | undefined, key: string, configurationSets: string[]): TrafficProfile | undefined {
    if (raw === undefined || raw === "") return undefined;
    let value: unknown;
    try {
        value = JSON.parse(raw);
    } catch {
        value = raw;
    }
    return checkTrafficProfile(value, key, configurationSets);
}

const dayIndex = (day: Weekday) => WEEKDAYS.indexOf(day);

/** A week of expected sends per minute (`weeklySends`) as sends on an average day. */
export function sendsPerDayOf(week: Float64Array): number {
    return week.reduce((a, b) => a + b, 0) / 7;
}

/**
 * Expected sends in each minute of a typical week (index 0 = Monday 00:00 UTC): the base volume
 * spread by its shape, plus each weekly blast spread evenly over its hours (a blast that runs past
 * Sunday midnight wraps to Monday).
 */
export function weeklySends(profile: SetProfile): Float64Array {
    const out = new Float64Array(WEEK_MINUTES);
    const perDay = profile.sendsPerDay ?? 0;
    if (perDay > 0) {
        const shape = profile.shape ?? "flat";
        if (shape === "flat") {
            out.fill(perDay / 1440);
        } else if (shape === "diurnal" || shape === "diurnal-deep") {
            const hourly = hourlyShape(DIURNAL_TROUGH[shape]);
            const total = hourly.reduce((a, b) => a + b, 0);
            for (let m = 0; m < WEEK_MINUTES; m++) out[m] = (perDay * hourly[Math.floor((m % 1440) / 60)]) / total / 60;
        } else {
            const { fromHour, toHour, days } = BUSINESS_HOURS;
            const perMinute = perDay / ((toHour - fromHour) * 60);
            for (const day of days) for (let m = fromHour * 60; m < toHour * 60; m++) out[dayIndex(day) * 1440 + m] += perMinute;
        }
    }
    for (const blast of profile.weeklyBlasts ?? []) {
        const minutes = Math.round(blast.durationHours * 60);
        const from = dayIndex(blast.day) * 1440 + blast.hour * 60;
        for (let m = 0; m < minutes; m++) out[(from + m) % WEEK_MINUTES] += blast.size / minutes;
    }
    return out;
}

/** The sum of several sets' weeks: what the account sends (the account-level alarms' traffic). */
export function sumWeeks(weeks: Float64Array[]): Float64Array {
    const out = new Float64Array(WEEK_MINUTES);
    for (const w of weeks) for (let m = 0; m < WEEK_MINUTES; m++) out[m] += w[m];
    return out;
}

/** `Tue 13:00`: a minute of the typical week. */
export function weekMinuteLabel(minute: number): string {
    const m = ((minute % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    const day = Math.floor(m / 1440);
    const hh = Math.floor((m % 1440) / 60);
    const mm = m % 60;
    return `${WEEKDAY_LABELS[day]} ${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}

/**
 * The longest normal gap between sends, in minutes: the longest run of minutes of the week (wrapping
 * around) where the profile expects no sends. A set that sends around the clock at low volume has gaps between single messages too:
 * with `n` sends a week spread evenly, the longest gap of a week of random (Poisson) arrivals is
 * about `(week / n) * ln(n)` minutes; the larger of the two is returned.
 */
export function longestNormalGapMinutes(week: Float64Array): number {
    let longest = 0;
    let run = 0;
    let firstRun = -1;
    for (let m = 0; m < WEEK_MINUTES; m++) {
        if (week[m] > 0) {
            if (firstRun < 0) firstRun = run;
            run = 0;
        } else {
            run++;
            longest = Math.max(longest, run);
        }
    }
    if (firstRun < 0) return WEEK_MINUTES; // never sends
    longest = Math.max(longest, run + firstRun); // the run across Sunday midnight
    const perWeek = week.reduce((a, b) => a + b, 0);
    const sendingMinutes = week.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    const poissonGap = perWeek > 1 ? (sendingMinutes / perWeek) * Math.log(perWeek) : sendingMinutes;
    return Math.max(longest, Math.round(poissonGap));
}

/** The most the profile sends in any 24 hours (sliding, minute steps, the week wrapping). */
export function peakDaySends(week: Float64Array): number {
    let sum = 0;
    for (let m = 0; m < 1440; m++) sum += week[m];
    let peak = sum;
    for (let m = 1; m < WEEK_MINUTES; m++) {
        sum += week[(m + 1439) % WEEK_MINUTES] - week[m - 1];
        peak = Math.max(peak, sum);
    }
    return peak;
}

/** The week's expected sends per minute as a function of epoch seconds (the week repeating, UTC). */
export function sendsAt(week: Float64Array): (t: number) => number {
    return (t) => {
        const date = new Date(t * 1000);
        const minute = ((date.getUTCDay() + 6) % 7) * 1440 + date.getUTCHours() * 60 + date.getUTCMinutes();
        return week[minute];
    };
}

/**
 * An incident's onset moved to where the profile sends: an incident in a minute without sends has
 * nothing to act on. The first minute at or after `onset` with expected sends (the same minute of the
 * hour's offset kept off the 5-minute grid, as the scenarios' onsets are), or the start of the last
 * stretch of sending before it when none comes before `latest`. Unchanged where the profile sends at `onset`.
 */
export function onsetWhereSending(onset: number, week: Float64Array, latest: number): number {
    const at = sendsAt(week);
    if (at(onset) > 0) return onset;
    const offset = 2 * MINUTE + (onset % MINUTE);
    for (let t = onset - (onset % MINUTE); t < latest; t += MINUTE) if (at(t) > 0 && at(t + offset) > 0) return t + offset;
    for (let t = onset - (onset % MINUTE); t > onset - WEEK_MINUTES * MINUTE; t -= MINUTE) {
        if (at(t) <= 0) continue;
        // The start of that stretch of sending.
        while (at(t - MINUTE) > 0 && t > onset - WEEK_MINUTES * MINUTE) t -= MINUTE;
        return t + offset;
    }
    return onset;
}
