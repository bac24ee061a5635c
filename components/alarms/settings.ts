/**
 * Defaults and checks of the rate and reputation alarms (pure): tiers, guards, periods and M of N,
 * merged stack level, then per set, field by field.
 */
import { AWS_ENFORCEMENT, EventType, LIMITS, RATE_EVENT, RATE_METRICS, RateMetric } from "../shared/catalog";
import { Checker } from "../shared/checker";

export interface RateAlarmSettingsResolved {
    enabled: boolean;
    warningPercent: number;
    criticalPercent: number;
    minimumSends: number;
    /** A Poisson confidence bound in place of the send guard (`RateAlarmSettings.confidenceBound`). */
    confidenceBound: boolean;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    /** The second critical alarm over short periods (see `FastWindowSettings`). */
    fastWindow: FastWindowSettingsResolved;
}

export interface FastWindowSettingsResolved {
    enabled: boolean;
    periodSeconds: number;
    minimumSends: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
}

export type ReputationAlarmSettingsResolved = Omit<RateAlarmSettingsResolved, "minimumSends" | "fastWindow" | "confidenceBound">;

/** An M-of-N evaluation window: what every alarm, main or fast, is evaluated over. */
type EvaluationWindow = Pick<RateAlarmSettingsResolved, "periodSeconds" | "evaluationPeriods" | "datapointsToAlarm">;

/**
 * Alarm defaults (DESIGN.md, "Alarm semantics"), chosen with the design grid
 * (`npm run backtest:grid`, tools/backtestGrid.ts) on seeds 1-10 of four traffic models, from the
 * project's own to an outside model's corner, with alarms evaluated as deployed, every minute on
 * sliding windows (docs/backtest.md has the evidence and the held-out results on seeds 11-30).
 * - Bounce: 30-minute periods, 4 of 4, guard 1,500 sends, 4 % / 4.5 %. Bounces arrive by event
 *   time, hours after their send for late and soft bounces, so an hour of few sends after a busy
 *   one (nights, the evening after a campaign) reaches 3-5 % on healthy traffic; hourly 2 of 3 at
 *   2 % with a 500 guard fired 44 times a month at 100,000 sends a day. The warning was 3 % until
 *   the grid: with healthy lists bouncing up to 2.5 %, the evening after a campaign kept four
 *   half-hours at 3 % (38 false warnings in 20 months of outside-model traffic at 100,000 a day,
 *   tuning seeds 1-5; none at 4 %).
 * - Complaint: 7-day periods, 1 of 1, guard 140,000 sends (the former 20,000 a day), warning
 *   0.08 %, critical 0.09 %. Complaints arrive one to three days after the send, so a daily period
 *   over a weekend divides weekday complaints by weekend sends: daily 2 of 2 fired on Sundays and
 *   Mondays (at 0.07 % a batch sender of 1,000,000 a day drew 4 false warnings in ten seeds); a
 *   window of a whole week always holds the sends the complaints belong to. The creep is seen
 *   days later than with daily periods, still days before AWS's suggested alarm; the reputation
 *   alarms share the tiers.
 * - Reject: hourly periods, 1 of 1, 1 % / 5 %, with a confidence bound in place of the send guard
 *   (`confidenceBound`): rejects are immediate, never late, so a period's rejects belong to its
 *   sends, and the bound raised no false alarm on the grid's tuning traces while it sees a
 *   rejecting template at 1,000 and 10,000 sends a day, which the 500-send guard left unwatched.
 *   The bounce and complaint rates keep their guards: with the bound their late events fired
 *   1,556 times in 20 months of the outside model's traffic at 100,000 sends a day (tuning seeds 1-5).
 * - Fast window: the critical tier on 5-minute periods for bounce (4 of 4, guard 5,000: a
 *   one-hour bunch of soft bounces over a quiet evening fired the 2-of-2, 300-send window 157
 *   times in ten seeds at 1,000,000 a day; 2,000 sends let a big campaign's late bounces pause
 *   healthy sets, and 3 of 3 over 4,000 the prompt and late bounces of a blast 50-70 times the
 *   next hour's mail; 4 of 4 over 5,000 paused none on seeds 1-30 of the grid, nor on held-out
 *   seeds 51-70) and reject (1 of 1 behind the confidence bound: rejects are immediate, never
 *   late, so the bound alone keeps noise out, and a second period only made a rejecting template
 *   wait for it: 2 of 2 took up to 7 minutes at 100,000 sends a day, 1 of 1 at most 4, tuning
 *   seeds 1-10, no false alarm either way). Off for complaints: they arrive hours to days after
 *   the send.
 */
const FAST_WINDOW_ON: FastWindowSettingsResolved = { enabled: true, periodSeconds: 300, minimumSends: 300, evaluationPeriods: 2, datapointsToAlarm: 2 };

export const DEFAULT_RATE_ALARMS: Record<RateMetric, RateAlarmSettingsResolved> = {
    bounceRate: {
        enabled: true, warningPercent: 4, criticalPercent: 4.5, minimumSends: 1500, confidenceBound: false,
        periodSeconds: 1800, evaluationPeriods: 4, datapointsToAlarm: 4,
        fastWindow: { ...FAST_WINDOW_ON, minimumSends: 5000, evaluationPeriods: 4, datapointsToAlarm: 4 },
    },
    complaintRate: {
        enabled: true, warningPercent: 0.08, criticalPercent: 0.09, minimumSends: 140_000, confidenceBound: false,
        periodSeconds: 604_800, evaluationPeriods: 1, datapointsToAlarm: 1,
        fastWindow: { ...FAST_WINDOW_ON, enabled: false },
    },
    rejectRate: {
        enabled: true, warningPercent: 1, criticalPercent: 5, minimumSends: 500, confidenceBound: true,
        periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1,
        fastWindow: { ...FAST_WINDOW_ON, evaluationPeriods: 1, datapointsToAlarm: 1 },
    },
};

/**
 * The bounce rate's send guards keep their meaning across volumes by staying the same share of
 * the set's average period. Above the volume a guard was tuned at, a fixed guard admits the quiet
 * evenings and nights of a larger sender, where a campaign's late and soft bounces stand over few
 * sends (the traffic grid, tuning seeds 1-10: at 1,000,000 a day the half-hour tier over 1,500
 * sends fired 254-401 times in 10 healthy months on three of its four models; over 15,000 none).
 * Below it, a fixed guard above the set's average period leaves the rate without a datapoint in
 * most periods: at 10,000 to 30,000 a day 1,500 sends let the half-hour tier see an 8 % bad list
 * in 0-1 of 10 tuning seeds per traffic model, the share's 150-450 in 7-9 of 10.
 * Each share is the default guard's at the volume it was tuned at: the half-hour tier's
 * 1,500 sends are 0.72 of an average half-hour at 100,000 a day; the fast window's 5,000 are 1.44
 * of an average 5 minutes at 1,000,000, and it keeps 1.0 above that (tuning seeds 1-10 at
 * 3,000,000 a day: 5,000 paused healthy sets on three models; 1.0 of the average paused none and
 * paused 35 of 40 bad lists against 5,000's 36, where 1.44 paused 3 of 10 on the project's model).
 * The plan advises them from a set's traffic profile (`advisedBounceGuards`); the component cannot,
 * as it does not know the volume.
 */
export const BOUNCE_GUARD_SHARE = { main: 0.72, fast: 1.0 };

/**
 * The smallest half-hour guard advised: below it one or two bounces move a period's rate past the
 * tiers (tuning seeds 1-10 at 3,000 sends a day: 15 sends raised 2-32 false alarms per 10 healthy
 * months on every traffic model, 30 sends 11 on the outside model's; 50 none on any, and one more
 * than the default guard in all the incident scenarios' traces together).
 */
export const MIN_ADVISED_BOUNCE_GUARD = 50;

/** Advised guards are rounded to the nearest multiple of these, to read as chosen numbers. */
const GUARD_STEP = { small: 50, large: 500, from: 1_000 };

/**
 * The bounce rate's guards for a set that sends `sendsPerDay` on an average day:
 * - Raised to `BOUNCE_GUARD_SHARE` of the sends of an average period of its window where the set's
 *   own guard is below it (its quiet periods would count: late bounces over them page).
 * - The main window's (the half-hour tier's by default) lowered to that share, not below
 *   `MIN_ADVISED_BOUNCE_GUARD`, where the set's own is above a whole average period (most periods
 *   have no datapoint) and the average period holds at least that floor, both in whole sends; the
 *   fast window's is never lowered: it pauses the set, and a small sender's bad list is the main
 *   window's.
 * - The set's own where a guard does not stand for a share of a short window: a main window of a
 *   day or more (it holds the sends its bounces belong to) keeps its guard, and a rate behind its
 *   confidence bound reads no guard at all.
 */
export function advisedBounceGuards(sendsPerDay: number, bounce: RateAlarmSettingsResolved): { minimumSends: number; fastWindowMinimumSends: number } {
    const own = { minimumSends: bounce.minimumSends, fastWindowMinimumSends: bounce.fastWindow.minimumSends };
    if (bounce.confidenceBound) return own;
    const average = (periodSeconds: number) => (sendsPerDay * periodSeconds) / 86_400;
    // To the nearest step, not up: a set just past the volume a guard was tuned at (1,500 is 0.7198 of
    // an average half-hour at 100,034 a day) keeps it, rather than being told to raise it by a third.
    // In whole sends first, so floating-point dust cannot move a half step (3,750) down.
    const share = (fraction: number, periodSeconds: number) => {
        const sends = Math.round(fraction * average(periodSeconds));
        const step = sends < GUARD_STEP.from ? GUARD_STEP.small : GUARD_STEP.large;
        return Math.round(sends / step) * step;
    };
    const main = (): number => {
        if (bounce.periodSeconds >= 86_400) return own.minimumSends;
        const advised = share(BOUNCE_GUARD_SHARE.main, bounce.periodSeconds);
        if (advised >= own.minimumSends) return advised;
        // In whole sends, so a volume summed from a profile's week (71,999.99999 for 72,000) lands
        // on the side of the boundary it was given on. The share of an average period of at least
        // the floor rounds to at least the floor (0.72 x 50 = 36, to the nearest 50: 50).
        const averagePeriod = Math.round(average(bounce.periodSeconds));
        return own.minimumSends > averagePeriod && averagePeriod >= MIN_ADVISED_BOUNCE_GUARD ? advised : own.minimumSends;
    };
    return {
        minimumSends: main(),
        fastWindowMinimumSends: Math.max(own.fastWindowMinimumSends, share(BOUNCE_GUARD_SHARE.fast, bounce.fastWindow.periodSeconds)),
    };
}

/**
 * Reputation metrics move slowly (AWS computes them over a representative volume, not a window),
 * so one hourly datapoint is enough; thresholds default to the matching rate alarm's tiers.
 */
export const DEFAULT_REPUTATION_EVALUATION = { periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 };

/**
 * The largest low-volume guard: a billion sends in one period. A guard is met only when that many
 * messages were sent in one period, and no SES account's sending quota comes near a billion in an
 * alarm's period, so a larger guard (`1e21`) would be an alarm that can never evaluate.
 */
export const MAX_MINIMUM_SENDS = 1_000_000_000;

const GUARD = { integer: true, min: 1, max: MAX_MINIMUM_SENDS, why: "a guard no period's sends can reach would keep the alarm from ever evaluating" };

const RATE_FIELDS = ["enabled", "warningPercent", "criticalPercent", "minimumSends", "confidenceBound", "periodSeconds", "evaluationPeriods", "datapointsToAlarm", "fastWindow"];

const REPUTATION_FIELDS = RATE_FIELDS.filter((f) => f !== "minimumSends" && f !== "fastWindow" && f !== "confidenceBound");

const FAST_WINDOW_FIELDS = ["enabled", "periodSeconds", "minimumSends", "evaluationPeriods", "datapointsToAlarm"];

export function resolveAlarmSettings(
    check: Checker,
    path: string,
    value: unknown,
    base: Record<RateMetric, RateAlarmSettingsResolved>,
): Record<RateMetric, RateAlarmSettingsResolved> {
    const given = check.object(path, value, [...RATE_METRICS]) ?? {};
    const out = {} as Record<RateMetric, RateAlarmSettingsResolved>;
    for (const metric of RATE_METRICS) {
        const mpath = `${path}.${metric}`;
        const raw = check.object(mpath, given[metric], RATE_FIELDS) ?? {};
        const b = base[metric];
        const main = resolveEvaluation(check, mpath, raw, b);
        const settings: RateAlarmSettingsResolved = {
            ...main,
            minimumSends: check.number(`${mpath}.minimumSends`, raw.minimumSends, b.minimumSends, GUARD),
            confidenceBound: check.boolean(`${mpath}.confidenceBound`, raw.confidenceBound, b.confidenceBound),
            fastWindow: resolveFastWindow(check, mpath, raw, main, b.fastWindow),
        };
        checkTiers(check, mpath, raw, settings, metric);
        out[metric] = settings;
    }
    return out;
}

/**
 * The fast window, merged field by field over the level above (`base`) like the rest. Checked by
 * the same window rules as the main alarm, and it must be shorter than the main period, or it
 * would be a second copy of the critical alarm.
 */
function resolveFastWindow(
    check: Checker,
    ratePath: string,
    rate: Record<string, unknown>,
    main: EvaluationWindow,
    base: FastWindowSettingsResolved,
): FastWindowSettingsResolved {
    const path = `${ratePath}.fastWindow`;
    const raw = check.object(path, rate.fastWindow, FAST_WINDOW_FIELDS) ?? {};
    const fast: FastWindowSettingsResolved = {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, base.enabled),
        ...resolveWindow(check, path, raw, base),
        minimumSends: check.number(`${path}.minimumSends`, raw.minimumSends, base.minimumSends, GUARD),
    };
    // Only where this level sets one of the two periods or turns the window on: an inherited
    // combination was reported where it was set.
    const fastPeriodSet = raw.periodSeconds !== undefined;
    const mainPeriodSet = rate.periodSeconds !== undefined;
    if (fast.enabled && fast.periodSeconds >= main.periodSeconds && (fastPeriodSet || mainPeriodSet || raw.enabled === true)) {
        const [field, value] = fastPeriodSet || !mainPeriodSet ? [`${path}.periodSeconds`, fast.periodSeconds] : [`${ratePath}.periodSeconds`, main.periodSeconds];
        check.fail(field, value, `leaves the fast window's periodSeconds (${fast.periodSeconds}) not shorter than the alarm's periodSeconds (${main.periodSeconds}): shorten fastWindow.periodSeconds or set fastWindow.enabled: false`);
    }
    return fast;
}

function resolveReputation(
    check: Checker,
    path: string,
    value: unknown,
    metric: "bounceRate" | "complaintRate",
    rate: RateAlarmSettingsResolved,
): ReputationAlarmSettingsResolved {
    const raw = check.object(path, value, REPUTATION_FIELDS) ?? {};
    const base = { ...rate, ...DEFAULT_REPUTATION_EVALUATION, enabled: true };
    const settings = resolveEvaluation(check, path, raw, base);
    checkTiers(check, path, raw, settings, metric);
    return settings;
}

/** The fields rate and reputation alarms share: tiers and M-of-N evaluation. */
function resolveEvaluation(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    base: ReputationAlarmSettingsResolved,
): ReputationAlarmSettingsResolved {
    const percent = { min: 0, minExclusive: true, max: 100 };
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, base.enabled),
        warningPercent: check.number(`${path}.warningPercent`, raw.warningPercent, base.warningPercent, percent),
        criticalPercent: check.number(`${path}.criticalPercent`, raw.criticalPercent, base.criticalPercent, percent),
        ...resolveWindow(check, path, raw, base),
    };
}

/** Period and M of N with CloudWatch's rules: the main alarms' and the fast window's alike. */
function resolveWindow(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    base: EvaluationWindow,
): EvaluationWindow {
    const periodSeconds = check.number(`${path}.periodSeconds`, raw.periodSeconds, base.periodSeconds, { integer: true, min: 60 });
    if (periodSeconds % 60 !== 0) check.fail(`${path}.periodSeconds`, periodSeconds, "is not a multiple of 60");
    const evaluationPeriods = check.number(`${path}.evaluationPeriods`, raw.evaluationPeriods, base.evaluationPeriods, { integer: true, min: 1 });
    const datapointsToAlarm = check.number(`${path}.datapointsToAlarm`, raw.datapointsToAlarm, raw.evaluationPeriods !== undefined && raw.datapointsToAlarm === undefined ? evaluationPeriods : base.datapointsToAlarm, { integer: true, min: 1 });
    // Inherited values were checked where they were set: report a rule only where this level sets a field.
    const setsEvaluation = ["periodSeconds", "evaluationPeriods", "datapointsToAlarm"].some((f) => raw[f] !== undefined);
    if (setsEvaluation && datapointsToAlarm > evaluationPeriods) {
        check.fail(`${path}.datapointsToAlarm`, datapointsToAlarm, `is more than evaluationPeriods (${evaluationPeriods})`);
    }
    const window = periodSeconds * evaluationPeriods;
    const maxWindow = periodSeconds < 3600 ? LIMITS.maxEvaluationSecondsShortPeriod : LIMITS.maxEvaluationSecondsLongPeriod;
    if (setsEvaluation && window > maxWindow) {
        check.fail(`${path}.evaluationPeriods`, evaluationPeriods,
            `x periodSeconds ${periodSeconds} = ${window} s exceeds the ${maxWindow} s CloudWatch allows for ${periodSeconds < 3600 ? "periods under an hour" : "periods of an hour or more"}`);
    }
    return { periodSeconds, evaluationPeriods, datapointsToAlarm };
}

/** Warning below critical, critical below AWS's review level. Reports against the field the user set. */
function checkTiers(
    check: Checker,
    path: string,
    raw: Record<string, unknown>,
    settings: ReputationAlarmSettingsResolved,
    metric: RateMetric,
): void {
    if (raw.warningPercent === undefined && raw.criticalPercent === undefined) return; // inherited: checked where set
    if (settings.warningPercent >= settings.criticalPercent) {
        const field = raw.warningPercent !== undefined ? "warningPercent" : "criticalPercent";
        check.fail(`${path}.${field}`, settings[field], `leaves warningPercent (${settings.warningPercent}) not below criticalPercent (${settings.criticalPercent})`);
    }
    if (metric === "bounceRate" || metric === "complaintRate") {
        const review = AWS_ENFORCEMENT[metric].reviewPercent;
        for (const field of ["warningPercent", "criticalPercent"] as const) {
            if (settings[field] >= review) {
                check.fail(`${path}.${field}`, settings[field], `is not below AWS's review level of ${review} % for the ${metric === "bounceRate" ? "bounce" : "complaint"} rate (the alarm must fire before AWS acts)`);
            }
        }
    }
}

/** Account-level reputation alarms; their period settings also serve the per-set reputation alarms. */
export interface AccountReputationSettings {
    enabled: boolean;
    bounceRate: ReputationAlarmSettingsResolved;
    complaintRate: ReputationAlarmSettingsResolved;
}

/** `accountReputation`: tiers default to the stack-level rate alarms' tiers. */
export function resolveAccountReputation(check: Checker, path: string, value: unknown, stackAlarms: Record<RateMetric, RateAlarmSettingsResolved>): AccountReputationSettings {
    const reputation = check.object(path, value, ["enabled", "bounceRate", "complaintRate"]) ?? {};
    return {
        enabled: check.boolean(`${path}.enabled`, reputation.enabled, true),
        bounceRate: resolveReputation(check, `${path}.bounceRate`, reputation.bounceRate, "bounceRate", stackAlarms.bounceRate),
        complaintRate: resolveReputation(check, `${path}.complaintRate`, reputation.complaintRate, "complaintRate", stackAlarms.complaintRate),
    };
}

/**
 * The events a set must publish for its enabled rate alarms to read: `Send` and each rate's event,
 * with the alarms that read each.
 */
export function eventsReadByAlarms(alarms: Record<RateMetric, RateAlarmSettingsResolved>): Map<EventType, string[]> {
    const readers = new Map<EventType, string[]>();
    for (const metric of RATE_METRICS.filter((m) => alarms[m].enabled)) {
        for (const event of ["SEND", RATE_EVENT[metric]] as EventType[]) {
            readers.set(event, [...(readers.get(event) ?? []), `alarms.${metric}`]);
        }
    }
    return readers;
}
