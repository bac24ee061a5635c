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
export interface TriggerCandidate {
    name: string;
    severity: Severity;
    /** Undefined for account-level alarms, which never pause a set. */
    configurationSet?: string;
    measure: string;
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
 * itself on a chosen rate trigger it; a set whose chosen alarms produce none is an internal error
 * (the settings refuse a trigger whose alarm is disabled).
 */
export function autoPauseSpecs(
    namePrefix: string,
    sets: { name: string; autoPause: AutoPauseSettings }[],
    alarms: TriggerCandidate[],
): AutoPauseSpec[] {
    return sets.filter((s) => s.autoPause.enabled).map((set) => {
        const triggerAlarms = alarms
            .filter((a) => a.severity === "critical" && a.configurationSet === set.name && (set.autoPause.triggers as string[]).includes(a.measure))
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
