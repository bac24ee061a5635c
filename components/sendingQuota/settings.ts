/**
 * Defaults and validation of `SendingQuotaArgs` (pure). Uses the shared `Checker`, so every problem
 * is reported with its field path and the caller throws once for all of them.
 */
import type { Checker } from "../shared/checker";
import { LOG_RETENTION_DAYS } from "../shared/catalog";
import { fitName } from "../shared/physicalNames";
import { SCHEDULE_MINUTES_ALLOWED } from "./metrics";

export interface SendingQuotaSettings {
    enabled: boolean;
    scheduleMinutes: number;
    quotaWarningPercent: number;
    quotaCriticalPercent: number;
    logRetentionDays: number;
}

export const DEFAULT_SENDING_QUOTA: SendingQuotaSettings = {
    enabled: true,
    // SES's statistics come in 15-minute points: polling more often adds cost, not detail.
    scheduleMinutes: 15,
    quotaWarningPercent: 80,
    quotaCriticalPercent: 95,
    logRetentionDays: 30,
};

/** The retention values CloudWatch Logs accepts: one list for every function of the module. */
export { LOG_RETENTION_DAYS };

/** Lambda function, IAM role and EventBridge rule names: at most 64 characters (their API references). */
export const MAX_PHYSICAL_NAME_LENGTH = 64;

export const SENDING_QUOTA_FIELDS = ["enabled", "scheduleMinutes", "quotaWarningPercent", "quotaCriticalPercent", "logRetentionDays"];

/**
 * Physical names of the poller's regional resources, derived from the stack's namePrefix and cut
 * with a hash when too long (`fitName`). Its IAM role is named in poller.ts: IAM is global, so the
 * role's name carries the region too.
 */
export function pollerNames(namePrefix: string): { functionName: string; ruleName: string; logGroupName: string } {
    const functionName = fitName(namePrefix, "-sending-api-poller", MAX_PHYSICAL_NAME_LENGTH);
    return {
        functionName,
        ruleName: functionName,
        // Lambda writes to /aws/lambda/<function name>; creating it first is what gives it a retention.
        logGroupName: `/aws/lambda/${functionName}`,
    };
}

/**
 * Applies the defaults to `value` (the `sendingQuota` args) and reports every invalid field on
 * `check` under `path`. Returns the resolved settings;
 * they are meaningful only when `check.issues` stayed empty.
 */
export function resolveSendingQuota(check: Checker, path: string, value: unknown): SendingQuotaSettings {
    const raw = check.object(path, value, SENDING_QUOTA_FIELDS) ?? {};
    const d = DEFAULT_SENDING_QUOTA;
    const percent = { min: 0, minExclusive: true, max: 100 };

    const enabled = check.boolean(`${path}.enabled`, raw.enabled, d.enabled);
    const scheduleMinutes = check.number(`${path}.scheduleMinutes`, raw.scheduleMinutes, d.scheduleMinutes, { integer: true, min: 1 });
    if (!(SCHEDULE_MINUTES_ALLOWED as readonly number[]).includes(scheduleMinutes)) {
        check.fail(`${path}.scheduleMinutes`, scheduleMinutes, `is not one of ${SCHEDULE_MINUTES_ALLOWED.join(", ")} (a poll's window must tile the hour)`);
    }
    const quotaWarningPercent = check.number(`${path}.quotaWarningPercent`, raw.quotaWarningPercent, d.quotaWarningPercent, percent);
    const quotaCriticalPercent = check.number(`${path}.quotaCriticalPercent`, raw.quotaCriticalPercent, d.quotaCriticalPercent, percent);
    if (quotaWarningPercent >= quotaCriticalPercent) {
        const field = raw.quotaWarningPercent !== undefined ? "quotaWarningPercent" : "quotaCriticalPercent";
        const given = field === "quotaWarningPercent" ? quotaWarningPercent : quotaCriticalPercent;
        check.fail(`${path}.${field}`, given, `leaves quotaWarningPercent (${quotaWarningPercent}) not below quotaCriticalPercent (${quotaCriticalPercent})`);
    }
    const logRetentionDays = check.number(`${path}.logRetentionDays`, raw.logRetentionDays, d.logRetentionDays, { integer: true });
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        const never = logRetentionDays === 0 ? " (0, never expire, is refused: the poller's logs must expire)" : "";
        check.fail(`${path}.logRetentionDays`, logRetentionDays, `is not a CloudWatch Logs retention (one of ${LOG_RETENTION_DAYS.join(", ")})${never}`);
    }

    return { enabled, scheduleMinutes, quotaWarningPercent, quotaCriticalPercent, logRetentionDays };
}
