/**
 * Defaults and validation of `configurationSets.<set>.autoPause` (pure), with the shared `Checker`.
 */
import { LOG_RETENTION_DAYS } from "../shared/catalog";
import type { Checker } from "../shared/checker";

/** The rates whose critical alarms may pause a set: the two AWS enforces on. */
export const AUTO_PAUSE_TRIGGERS = ["bounceRate", "complaintRate"] as const;
export type AutoPauseTrigger = (typeof AUTO_PAUSE_TRIGGERS)[number];

export interface AutoPauseSettings {
    enabled: boolean;
    triggers: AutoPauseTrigger[];
    dryRun: boolean;
    logRetentionDays: number;
}

export const AUTO_PAUSE_FIELDS = ["enabled", "triggers", "dryRun", "logRetentionDays"];

export const DISABLED_AUTO_PAUSE: AutoPauseSettings = { enabled: false, triggers: [], dryRun: false, logRetentionDays: 30 };

/**
 * What the set has on each rate that auto-pause could follow: `disabled` (no alarm on the rate),
 * `none` (alarms, but none that may pause the set: `mayPause` in ./specs), or `pausing`.
 */
export type PauseCover = "disabled" | "none" | "pausing";

/**
 * Resolves one set's `autoPause` (`path` is `configurationSets.<set>.autoPause`). Off when absent.
 * `cover` says, per rate, whether the set has an alarm that may pause it: a trigger without one
 * would never fire.
 */
export function resolveAutoPause(check: Checker, path: string, value: unknown, cover: Record<string, PauseCover>): AutoPauseSettings {
    if (value === undefined || value === null) return DISABLED_AUTO_PAUSE;
    const raw = check.object(path, value, AUTO_PAUSE_FIELDS);
    if (!raw) return DISABLED_AUTO_PAUSE;
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    check.unusedWhileDisabled(path, raw, enabled, AUTO_PAUSE_FIELDS);
    const given = raw.triggers === undefined ? [...AUTO_PAUSE_TRIGGERS] : check.array(`${path}.triggers`, raw.triggers);
    if (raw.triggers !== undefined && Array.isArray(raw.triggers) && raw.triggers.length === 0) {
        check.fail(`${path}.triggers`, raw.triggers, "is empty (name bounceRate, complaintRate or both, or set enabled: false)");
    }
    const triggers: AutoPauseTrigger[] = [];
    given.forEach((trigger, i) => {
        const at = `${path}.triggers[${i}]`;
        if (!(AUTO_PAUSE_TRIGGERS as readonly unknown[]).includes(trigger)) {
            check.fail(at, trigger, `is not one of ${AUTO_PAUSE_TRIGGERS.join(", ")}`);
        } else if (triggers.includes(trigger as AutoPauseTrigger)) {
            check.fail(at, trigger, "is listed twice");
        } else if (enabled && cover[trigger as string] === "disabled") {
            check.fail(at, trigger, `has no alarm to follow: the set's ${trigger} alarm is disabled`);
        } else if (enabled && cover[trigger as string] !== "pausing") {
            check.fail(at, trigger, `has no alarm that may pause the set: a ${trigger} window shorter than a day never pauses (late events of earlier sends set it off); enable its fastWindow, or give it periods of a day or more (AWS's reputation metric lags the sending and never pauses)`);
        } else {
            triggers.push(trigger as AutoPauseTrigger);
        }
    });
    const dryRun = check.boolean(`${path}.dryRun`, raw.dryRun, false);
    const logRetentionDays = check.number(`${path}.logRetentionDays`, raw.logRetentionDays, 30, { integer: true });
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        check.fail(`${path}.logRetentionDays`, logRetentionDays, `is not a CloudWatch Logs retention (one of ${LOG_RETENTION_DAYS.join(", ")})`);
    }
    return { enabled, triggers, dryRun, logRetentionDays };
}
