/**
 * Send-volume alarm specs (pure): too little (a set's `Send` missing for longer than it normally
 * is) and too much (the account's and each set's `Send` above an anomaly band or a fixed ceiling),
 * optionally too little against the band. Same shape as every metric alarm of the module
 * (`MetricAlarmSpecShape`), so the root's one factory creates them and the composites, dashboard
 * and plan read them like the others.
 */
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, SES_NAMESPACE } from "../shared/catalog";
import { alarmName, Severity } from "../shared/alarmSpecs";
import { VolumeSettings } from "./settings";

export type VolumeMeasure = "missingTraffic" | "sendSurge" | "sendDrop" | "sendCeiling";

export interface VolumeQuerySpec {
    id: string;
    label: string;
    expression?: string;
    returnData: boolean;
    metric?: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: "Sum"; periodSeconds: number };
}

export interface VolumeAlarmSpec {
    key: string;
    name: string;
    severity: Severity;
    measure: VolumeMeasure;
    /** Undefined for the account's alarms. */
    configurationSet?: string;
    description: string;
    queries: VolumeQuerySpec[];
    comparisonOperator: "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "GreaterThanUpperThreshold" | "LessThanLowerThreshold";
    /** Undefined for band alarms, which compare with `thresholdMetricId`'s band. */
    threshold?: number;
    /** The band's query id, for anomaly detection alarms (CloudWatch: `ANOMALY_DETECTION_BAND` with `ThresholdMetricId`). */
    thresholdMetricId?: string;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "notBreaching" | "breaching";
}

/** What the specs read of a configuration set. */
export interface VolumeSet {
    name: string;
    expectedSendIntervalMinutes?: number;
}

/** The set's `Send` (or the account's: no dimension). */
function sendMetric(set: string | undefined, periodSeconds: number): VolumeQuerySpec["metric"] {
    return {
        namespace: SES_NAMESPACE,
        metricName: EVENT_TYPES.SEND,
        // The account's Send has no dimension: the series the SES console's sending statistics
        // open in CloudWatch. Not confirmed by a primary source (see docs/protection.md).
        dimensions: set === undefined ? {} : { [CONFIGURATION_SET_DIMENSION]: set },
        stat: "Sum",
        periodSeconds,
    };
}

function minutesText(minutes: number): string {
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/** The missing-traffic alarm of a set: no `Send` datapoint in the whole interval. */
function missingTraffic(prefix: string, set: VolumeSet, minutes: number): VolumeAlarmSpec {
    // 5-minute periods up to a day, hours beyond: within CloudWatch's period x periods limits.
    const periodSeconds = minutes <= 1440 ? 300 : 3600;
    const periods = (minutes * 60) / periodSeconds;
    const what = "sends-missing-critical";
    return {
        key: `${set.name}-${what}`,
        name: alarmName(prefix, set.name, what),
        severity: "critical",
        measure: "missingTraffic",
        configurationSet: set.name,
        description: [
            `CRITICAL: SES configuration set ${set.name} published no Send metric for ${minutesText(minutes)}, longer than it normally goes without sending (expectedSendIntervalMinutes ${minutes}).`,
            "Either nothing sends through it (a stopped sender, a queue, revoked credentials) or its sends no longer reach CloudWatch (an event destination deleted or disabled), and then every rate alarm of the set is blind.",
            `First: check the sender; then the set's CloudWatch event destination (enabled, SEND included, ${CONFIGURATION_SET_DIMENSION} dimension).`,
        ].join(" "),
        queries: [{ id: "sends", label: "Send", metric: sendMetric(set.name, periodSeconds), returnData: true }],
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        periodSeconds,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        // SES publishes no datapoint for a period without sends: missing data is the failure.
        treatMissingData: "breaching",
    };
}

function scopeText(set: string | undefined): string {
    return set === undefined ? "the SES account (every configuration set, and mail sent without one)" : `SES configuration set ${set}`;
}

function volumeAlarms(prefix: string, set: string | undefined, s: VolumeSettings, ceiling: number | undefined): VolumeAlarmSpec[] {
    const period = minutesText(s.periodSeconds / 60);
    const window = s.evaluationPeriods === 1 ? `in one ${period} period` : `in ${s.evaluationPeriods} periods of ${period} in a row`;
    const common = {
        configurationSet: set,
        periodSeconds: s.periodSeconds,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.evaluationPeriods,
        treatMissingData: "notBreaching" as const,
    };
    const leak = "A surge is what leaked SMTP or API credentials, or a loop in a sender, look like.";
    if (ceiling !== undefined) {
        const what = "send-ceiling-critical";
        return [{
            ...common,
            ...keyAndName(prefix, set, what),
            severity: "critical",
            measure: "sendCeiling",
            description: [
                `CRITICAL: ${scopeText(set)} sent at least ${ceiling} messages ${window} (Send, Sum), its fixed ceiling.`,
                leak,
                "First: find who sends (the sending identities and IAM users in CloudTrail); if it is not yours, revoke the credentials and pause sending.",
            ].join(" "),
            queries: [{ id: "sends", label: "Send", metric: sendMetric(set, s.periodSeconds), returnData: true }],
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: ceiling,
        }];
    }
    const band = (direction: "surge" | "drop"): VolumeAlarmSpec => {
        return {
            ...common,
            ...keyAndName(prefix, set, `send-${direction}-warning`),
            severity: "warning",
            measure: direction === "surge" ? "sendSurge" : "sendDrop",
            description: [
                `WARNING: ${scopeText(set)} sent ${direction === "surge" ? "more" : "fewer"} messages ${window} (Send, Sum) than CloudWatch's anomaly detection band of ${s.bandWidth} standard deviations expects.`,
                direction === "surge" ? leak : "A drop is a sender stopping, or mail leaving through another path.",
                "The band is AWS's model of the metric's last two weeks: after a deliberate change of volume it needs time to learn.",
                direction === "surge"
                    ? "First: find who sends (the sending identities and IAM users in CloudTrail); if it is not yours, revoke the credentials."
                    : "First: check the senders and their queues.",
            ].join(" "),
            queries: [
                { id: "sends", label: "Send", metric: sendMetric(set, s.periodSeconds), returnData: true },
                { id: "band", label: `expected Send (${s.bandWidth} standard deviations)`, expression: `ANOMALY_DETECTION_BAND(sends, ${s.bandWidth})`, returnData: true },
            ],
            comparisonOperator: direction === "surge" ? "GreaterThanUpperThreshold" : "LessThanLowerThreshold",
            thresholdMetricId: "band",
        };
    };
    return s.drops ? [band("surge"), band("drop")] : [band("surge")];
}

/** `<set>-<what>` and `<prefix>.<set>.<what>`; the account's: `account-<what>` and `<prefix>.account-<what>`, as the reputation alarms. */
function keyAndName(prefix: string, set: string | undefined, what: string): { key: string; name: string } {
    const key = `${set ?? "account"}-${what}`;
    return { key, name: set === undefined ? alarmName(prefix, key) : alarmName(prefix, set, what) };
}

/**
 * Every volume alarm of the stack: per set (by name) its missing-traffic alarm, then its volume
 * alarms; then the account's. The root checks them with the stack's other alarms (`checkAlarmSpecs`).
 */
export function volumeAlarmSpecs(namePrefix: string, sets: VolumeSet[], volume: VolumeSettings): VolumeAlarmSpec[] {
    const specs: VolumeAlarmSpec[] = [];
    for (const set of sets) {
        if (set.expectedSendIntervalMinutes !== undefined) specs.push(missingTraffic(namePrefix, set, set.expectedSendIntervalMinutes));
        if (volume.enabled && volume.perSet) specs.push(...volumeAlarms(namePrefix, set.name, volume, volume.setMaxSends[set.name]));
    }
    if (volume.enabled) specs.push(...volumeAlarms(namePrefix, undefined, volume, volume.accountMaxSends));
    return specs;
}
