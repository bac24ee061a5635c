/**
 * Defaults and validation of `volume` and of each set's `expectedSendIntervalMinutes` (pure), with
 * the shared `Checker`.
 */
import { LIMITS } from "../shared/catalog";
import type { Checker } from "../shared/checker";

export interface VolumeSettings {
    enabled: boolean;
    periodSeconds: number;
    evaluationPeriods: number;
    bandWidth: number;
    drops: boolean;
    accountMaxSends?: number;
    setMaxSends: Record<string, number>;
    perSet: boolean;
}

export const VOLUME_FIELDS = ["enabled", "periodMinutes", "evaluationPeriods", "bandWidth", "drops", "accountMaxSends", "setMaxSends", "perSet"];
export const VOLUME_PERIOD_MINUTES = [5, 15, 60] as const;

export const DISABLED_VOLUME: VolumeSettings = {
    enabled: false, periodSeconds: 3600, evaluationPeriods: 1, bandWidth: 3, drops: false, setMaxSends: {}, perSet: true,
};

/** Resolves `volume`; `setNames` are the stack's configuration sets (a ceiling for another set is refused). */
export function resolveVolume(check: Checker, path: string, value: unknown, setNames: string[]): VolumeSettings {
    if (value === undefined || value === null) return DISABLED_VOLUME;
    const raw = check.object(path, value, VOLUME_FIELDS);
    if (!raw) return DISABLED_VOLUME;
    const d = DISABLED_VOLUME;
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    check.unusedWhileDisabled(path, raw, enabled, VOLUME_FIELDS);
    const periodMinutes = check.number(`${path}.periodMinutes`, raw.periodMinutes, d.periodSeconds / 60, { integer: true, min: 1 });
    if (!(VOLUME_PERIOD_MINUTES as readonly number[]).includes(periodMinutes)) {
        check.fail(`${path}.periodMinutes`, periodMinutes, `is not one of ${VOLUME_PERIOD_MINUTES.join(", ")}`);
    }
    const periodSeconds = periodMinutes * 60;
    const evaluationPeriods = check.number(`${path}.evaluationPeriods`, raw.evaluationPeriods, d.evaluationPeriods, { integer: true, min: 1 });
    if (periodSeconds * evaluationPeriods > LIMITS.maxEvaluationSecondsShortPeriod) {
        check.fail(`${path}.evaluationPeriods`, evaluationPeriods, `makes ${evaluationPeriods} periods of ${periodMinutes} min longer than a day (CloudWatch's limit for periods under an hour is 86,400 s; a day is plenty here)`);
    }
    const bandWidth = check.number(`${path}.bandWidth`, raw.bandWidth, d.bandWidth, { min: 0, minExclusive: true, max: 100 });
    const drops = check.boolean(`${path}.drops`, raw.drops, d.drops);
    const ceiling = { integer: true, min: 1 };
    const accountMaxSends = raw.accountMaxSends === undefined ? undefined : check.number(`${path}.accountMaxSends`, raw.accountMaxSends, 1, ceiling);
    const setMaxSends: Record<string, number> = {};
    const given = check.object(`${path}.setMaxSends`, raw.setMaxSends, Object.keys(raw.setMaxSends && typeof raw.setMaxSends === "object" ? raw.setMaxSends : {})) ?? {};
    for (const [set, max] of Object.entries(given)) {
        if (!setNames.includes(set)) {
            check.fail(`${path}.setMaxSends.${set}`, max, `names no configuration set of this stack (${setNames.join(", ") || "none"})`);
            continue;
        }
        setMaxSends[set] = check.number(`${path}.setMaxSends.${set}`, max, 1, ceiling);
    }
    const perSet = check.boolean(`${path}.perSet`, raw.perSet, d.perSet);
    if (!perSet && Object.keys(given).length > 0) {
        check.fail(`${path}.setMaxSends`, raw.setMaxSends, "sets ceilings per set while perSet is false (no per-set alarm would use them)");
    }
    if (enabled && accountMaxSends !== undefined && (!perSet || setNames.every((set) => setMaxSends[set] !== undefined))) {
        // Every alarm compares with a fixed ceiling: no anomaly band is drawn, so its options do nothing.
        for (const field of ["bandWidth", "drops"] as const) {
            if (raw[field] !== undefined && raw[field] !== null) {
                check.fail(`${path}.${field}`, raw[field], `has no effect: every volume alarm compares with a fixed ceiling (accountMaxSends${perSet ? " and setMaxSends for every set" : ", perSet false"}), none with the anomaly band that ${field} shapes`);
            }
        }
    }
    return { enabled, periodSeconds, evaluationPeriods, bandWidth, drops, accountMaxSends, setMaxSends, perSet };
}

/**
 * `configurationSets.<set>.expectedSendIntervalMinutes`: undefined (no alarm) unless given. The
 * alarm counts periods of 5 minutes up to a day and of an hour beyond, and CloudWatch allows
 * period x evaluation periods of at most 1 day under an hour's period and 7 days otherwise
 * (PutMetricAlarm), so: whole minutes from 5 to 10,080, a multiple of 5 up to 1,440, of 60 above.
 */
/** The longest `expectedSendIntervalMinutes`: 168 hourly periods, CloudWatch's 7 days. */
export const MAX_EXPECTED_SEND_INTERVAL_MINUTES = 10_080;

export function resolveExpectedSendInterval(check: Checker, path: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    const minutes = check.number(path, value, NaN, { integer: true, min: 5, max: MAX_EXPECTED_SEND_INTERVAL_MINUTES });
    if (Number.isNaN(minutes)) return undefined;
    if (minutes <= 1440 && minutes % 5 !== 0) {
        check.fail(path, minutes, "is not a multiple of 5 (the alarm counts 5-minute periods up to a day)");
        return undefined;
    }
    if (minutes > 1440 && minutes % 60 !== 0) {
        check.fail(path, minutes, "is not a multiple of 60 (beyond a day the alarm counts hours: CloudWatch allows at most a day of 5-minute periods)");
        return undefined;
    }
    return minutes;
}
