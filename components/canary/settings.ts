/**
 * Defaults and validation of `canary` (pure), with the shared `Checker`.
 */
import { LIMITS, LOG_RETENTION_DAYS } from "../shared/catalog";
import { Checker, checkEmail } from "../shared/checker";
import { isSimulatorAddress } from "./contract";

export interface CanarySettings {
    enabled: boolean;
    /** The verified sender address; "" when disabled. */
    from: string;
    scheduleMinutes: number;
    missedRuns: number;
    logRetentionDays: number;
}

export const CANARY_FIELDS = ["enabled", "from", "scheduleMinutes", "missedRuns", "logRetentionDays"];

export const DISABLED_CANARY: CanarySettings = { enabled: false, from: "", scheduleMinutes: 60, missedRuns: 3, logRetentionDays: 30 };

/** Resolves `canary` (`path` is `canary`). Off when absent. */
export function resolveCanary(check: Checker, path: string, value: unknown): CanarySettings {
    if (value === undefined || value === null) return DISABLED_CANARY;
    const raw = check.object(path, value, CANARY_FIELDS);
    if (!raw) return DISABLED_CANARY;
    const d = DISABLED_CANARY;
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    // `from` is required by the args' type even when the canary is off: it is not refused then.
    check.unusedWhileDisabled(path, raw, enabled, CANARY_FIELDS.filter((f) => f !== "from"));
    let from = "";
    if (raw.from === undefined || raw.from === null) {
        if (enabled) check.fail(`${path}.from`, raw.from, "is required (a verified sender address of this account and region)");
    } else {
        from = checkEmail(check, `${path}.from`, raw.from, "is not a plain email address (local@domain, no display name)") ?? "";
        // The shared address rule (the one notifications.emails follows); SES decides whether it is verified.
        if (from !== "" && isSimulatorAddress(from)) {
            check.fail(`${path}.from`, from, "is a mailbox simulator address: give a verified sender of your own");
        }
    }
    const scheduleMinutes = check.number(`${path}.scheduleMinutes`, raw.scheduleMinutes, d.scheduleMinutes, { integer: true, min: 5, max: 1440 });
    const missedRuns = check.number(`${path}.missedRuns`, raw.missedRuns, d.missedRuns, { integer: true, min: 2 });
    const periodSeconds = scheduleMinutes * 60;
    const limit = periodSeconds < 3600 ? LIMITS.maxEvaluationSecondsShortPeriod : LIMITS.maxEvaluationSecondsLongPeriod;
    if (Number.isInteger(scheduleMinutes) && Number.isInteger(missedRuns) && periodSeconds * missedRuns > limit) {
        const field = raw.missedRuns !== undefined ? "missedRuns" : "scheduleMinutes";
        check.fail(`${path}.${field}`, field === "missedRuns" ? missedRuns : scheduleMinutes,
            `makes ${missedRuns} periods of ${scheduleMinutes} min, longer than CloudWatch allows an alarm to look back (period x evaluation periods: ${limit / 86_400 === 1 ? "a day" : "7 days"} for periods ${periodSeconds < 3600 ? "under an hour" : "of an hour or more"})`);
    }
    const logRetentionDays = check.number(`${path}.logRetentionDays`, raw.logRetentionDays, d.logRetentionDays, { integer: true });
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        check.fail(`${path}.logRetentionDays`, logRetentionDays, `is not a CloudWatch Logs retention (one of ${LOG_RETENTION_DAYS.join(", ")})`);
    }
    return { enabled, from, scheduleMinutes, missedRuns, logRetentionDays };
}
