/**
 * The auto-pause function's contract: the environment it reads and the commands it tells people to
 * run. Plain data with no imports, because the Lambda handler (packaged together with this file),
 * the resources, the policy pack and the docs must agree on it.
 */

/** Environment variables the handler reads (set by the Pulumi resources). */
export const AUTO_PAUSE_ENV = {
    /** The one configuration set this function may pause. Also how the policy pack recognises the function. */
    configurationSet: "SES_AUTO_PAUSE_CONFIGURATION_SET",
    /** The critical topic the function reports to. */
    topicArn: "SES_AUTO_PAUSE_TOPIC_ARN",
    /** "true": report what would be done and change nothing. */
    dryRun: "SES_AUTO_PAUSE_DRY_RUN",
    /** Comma-separated names of the alarms allowed to trigger the function (the set's own critical alarms). */
    alarmNames: "SES_AUTO_PAUSE_ALARM_NAMES",
} as const;

/**
 * Attempts per API call, the first included. With the backoff below, one invocation makes at most
 * 3 calls of each kind over about 1.5 s: it cannot hammer an API that is throttling it.
 */
export const MAX_ATTEMPTS = 3;
/** Delay before the second attempt; doubled before each further one. */
export const FIRST_RETRY_DELAY_MS = 500;

/** The AWS CLI command that turns sending back on for the set (the function never does). */
export function resumeCommand(configurationSet: string, region: string): string {
    return `aws sesv2 put-configuration-set-sending-options --configuration-set-name ${configurationSet} --sending-enabled --region ${region}`;
}

/** The AWS CLI command that pauses the set by hand (when the function could not). */
export function pauseCommand(configurationSet: string, region: string): string {
    return `aws sesv2 put-configuration-set-sending-options --configuration-set-name ${configurationSet} --no-sending-enabled --region ${region}`;
}

/**
 * What a user resuming a set must know: CloudWatch runs alarm actions only on a state transition
 * (CloudWatch User Guide, "Alarm actions"), so an alarm still in ALARM does not invoke the
 * function again. Said by the function's report, the plan and docs/protection.md.
 */
export const AUTO_PAUSE_REARM_NOTE = "CloudWatch invokes auto-pause only when an alarm goes into ALARM: if you resume the set while the alarm is still in ALARM, nothing pauses it again until that alarm returns to OK and fires again.";
