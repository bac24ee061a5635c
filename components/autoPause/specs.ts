/**
 * Auto-pause as plain data (pure): per set, the function's names, the alarms that trigger it, and
 * its IAM documents. Read by the resources, the tests, the plan and the policy pack's tests.
 */
import { AccountContext, configurationSetArn } from "../shared/account";
import { ownLogsStatement } from "../shared/lambdaCode";
import type { Severity } from "../shared/alarmSpecs";
import { fitName, setScopedName } from "../shared/physicalNames";
import { AutoPauseSettings, AutoPauseTrigger } from "./settings";

/** Lambda function and IAM role names: at most 64 characters (their API references). */
export const MAX_PHYSICAL_NAME_LENGTH = 64;

/** What auto-pause needs to know of an alarm of the stack (handed in by the composition root). */
export interface TriggerCandidate extends PauseWindow {
    name: string;
    severity: Severity;
    /** Undefined for account-level alarms, which never pause a set. */
    configurationSet?: string;
    measure: string;
}

/** The shape of an alarm's window, which decides whether it may pause a set (`mayPause`). */
export interface PauseWindow {
    /** `fast`: a rate's short-period critical alarm; `main` otherwise. */
    window: "main" | "fast";
    /** `events`: a rate of the set's event metrics; `reputation`: AWS's `Reputation.*` metric. */
    source: "events" | "reputation";
    periodSeconds: number;
}

/** A main window of at least this long holds a whole day's sends, and every bounce of them (SES stops retrying after 14 h at most). */
export const PAUSING_PERIOD_SECONDS = 86_400;

/**
 * Whether a critical alarm of the set may pause it: one that sees the set's sending now.
 * - The fast window may: its guard asks for a busy five minutes, and it breaches while the bad
 *   mail is going out.
 * - A rate over a main window of a day or more may: it holds a whole day's sends and their bounces.
 * - A main window shorter than a day (the half-hour tier) may not: late events of earlier sends (a
 *   campaign's late and soft bounces) over a quiet hour set it off with nothing wrong, and on the
 *   traffic grid it paused healthy sets at 1,000,000 sends a day (docs/backtest.md, "Auto-pause").
 * - AWS's `Reputation.*` metric may not: AWS computes it over a representative volume, so it
 *   crosses a tier hours to days after the sending that raised it (on the grid's seeds 1-30: a median
 *   2-3 h after the onset of a 90-minute leaked credential at 10,000 sends a day, once it had ended, and
 *   twice days after an incident, when the previous week's busy day left its window), and a pause
 *   then holds back the healthy mail that would bring the rate down.
 * Both still page.
 */
export function mayPause(alarm: PauseWindow): boolean {
    return alarm.source === "events" && (alarm.window === "fast" || alarm.periodSeconds >= PAUSING_PERIOD_SECONDS);
}

export interface AutoPauseSpec {
    configurationSet: string;
    functionName: string;
    logGroupName: string;
    /** The names of the alarms whose ALARM action invokes the function: critical, of this set, on a chosen rate. */
    triggerAlarms: string[];
    triggers: AutoPauseTrigger[];
    dryRun: boolean;
    logRetentionDays: number;
}

/** The function's name: the set in it (`setScopedName`; cut with a hash when too long, `fitName`). */
export function autoPauseNames(namePrefix: string, configurationSet: string): { functionName: string; logGroupName: string } {
    const functionName = fitName(setScopedName(namePrefix, configurationSet), "-auto-pause", MAX_PHYSICAL_NAME_LENGTH);
    return { functionName, logGroupName: `/aws/lambda/${functionName}` };
}

/** IAM is global: the role's name carries the region, so one prefix in two regions names two roles. */
export function autoPauseRoleName(namePrefix: string, configurationSet: string, region: string): string {
    return fitName(setScopedName(namePrefix, configurationSet), `-auto-pause-${region}`, MAX_PHYSICAL_NAME_LENGTH);
}

/**
 * One spec per set with auto-pause on, sets in the order given. Only critical alarms of the set
 * itself on a chosen rate that may pause it (`mayPause`) trigger it; a set whose chosen alarms
 * produce none is an internal error (the settings refuse a trigger without such an alarm).
 */
export function autoPauseSpecs(
    namePrefix: string,
    sets: { name: string; autoPause: AutoPauseSettings }[],
    alarms: TriggerCandidate[],
): AutoPauseSpec[] {
    return sets.filter((s) => s.autoPause.enabled).map((set) => {
        const triggerAlarms = alarms
            .filter((a) => a.severity === "critical" && a.configurationSet === set.name && (set.autoPause.triggers as string[]).includes(a.measure) && mayPause(a))
            .map((a) => a.name);
        if (triggerAlarms.length === 0) throw new Error(`internal: auto-pause of ${set.name} has no critical alarm to follow`);
        return {
            configurationSet: set.name,
            ...autoPauseNames(namePrefix, set.name),
            triggerAlarms,
            triggers: set.autoPause.triggers,
            dryRun: set.autoPause.dryRun,
            logRetentionDays: set.autoPause.logRetentionDays,
        };
    });
}

/**
 * What the function may do, and nothing more: read and change the sending options of its one set
 * (both actions take the `configuration-set` resource type, so the set's ARN), publish to the
 * critical topic, and write its own log group (created by us, so no `logs:CreateLogGroup`).
 */
export function autoPausePermissionPolicy(account: AccountContext, spec: AutoPauseSpec, topicArn: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "PauseThisConfigurationSetOnly",
                Effect: "Allow",
                Action: ["ses:GetConfigurationSet", "ses:PutConfigurationSetSendingOptions"],
                Resource: configurationSetArn(spec.configurationSet, account),
            },
            {
                Sid: "ReportToCriticalTopic",
                Effect: "Allow",
                Action: "sns:Publish",
                Resource: topicArn,
            },
            ownLogsStatement(account, spec.logGroupName),
        ],
    };
}
