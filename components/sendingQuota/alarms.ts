/**
 * The poller's alarm specs: plain data computed from the resolved settings, read by the resources
 * (`poller.ts`), the tests, and later the dashboard and the plan.
 *
 * Why not `AlarmSpec` from `components/alarms.ts`: its `measure` is a rate (`RateMetric`), its
 * `source` is `events | reputation`, its statistics are `Sum | Average`, its only comparison is
 * `>=` and its missing-data choices exclude `breaching`. These alarms need `Maximum` / `Minimum`,
 * a `<` comparison (sending enabled below 1, invocations below 1) and `breaching` (silence is the
 * failure). The shape is otherwise the same (key, name, severity, description, queries, threshold,
 * periods), so code that renders an `AlarmSpec` renders these with the wider unions.
 */
import { AWS_ENFORCEMENT } from "../shared/catalog";
import {
    ENFORCEMENT_STATUS_CODES,
    ENFORCEMENT_STATUS_UNKNOWN,
    SENDING_API_METRICS,
    SENDING_API_NAMESPACE,
    STACK_DIMENSION,
} from "./metrics";
import { pollerNames, SendingQuotaSettings } from "./settings";
import { alarmName, Severity } from "../shared/alarmSpecs";

/** Namespace of the Lambda service metrics the poller's health alarms read. */
export const LAMBDA_NAMESPACE = "AWS/Lambda";

export type PollerMeasure = "quotaUsed" | "sendingDisabled" | "enforcementStatus" | "pollerErrors" | "pollerSilent";

export interface PollerMetricSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    stat: "Sum" | "Maximum" | "Minimum";
    periodSeconds: number;
}

export interface PollerAlarmQuerySpec {
    id: string;
    label: string;
    metric?: PollerMetricSpec;
    expression?: string;
    returnData: boolean;
}

export interface PollerAlarmSpec {
    /** Stable key: the alarm name without the prefix, also the Pulumi logical name's suffix. */
    key: string;
    /** CloudWatch alarm name: `<namePrefix>.<key>` (`alarmName`). */
    name: string;
    severity: Severity;
    measure: PollerMeasure;
    /** `sendingApi`: our custom metrics; `lambda`: the poller function's own AWS/Lambda metrics. */
    source: "sendingApi" | "lambda";
    description: string;
    queries: PollerAlarmQuerySpec[];
    comparisonOperator: "GreaterThanOrEqualToThreshold" | "LessThanThreshold";
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "notBreaching" | "ignore" | "breaching";
}

/**
 * Every alarm of the poller (none when it is disabled), in a stable order. The keys all start with
 * `sending-api-` and end unlike a configuration set's (`-<rate>-<severity>`), so they cannot
 * collide with the stack's other alarm names.
 */
export function pollerAlarmSpecs(namePrefix: string, settings: SendingQuotaSettings): PollerAlarmSpec[] {
    if (!settings.enabled) return [];
    const period = settings.scheduleMinutes * 60;
    const every = `every ${settings.scheduleMinutes} min`;
    const { functionName, ruleName, logGroupName } = pollerNames(namePrefix);
    const ours = (metric: keyof typeof SENDING_API_METRICS, stat: PollerMetricSpec["stat"]): PollerAlarmQuerySpec[] => [{
        id: "m",
        label: SENDING_API_METRICS[metric],
        metric: { namespace: SENDING_API_NAMESPACE, metricName: SENDING_API_METRICS[metric], dimensions: { [STACK_DIMENSION]: namePrefix }, stat, periodSeconds: period },
        returnData: true,
    }];
    const lambda = (metricName: "Errors" | "Invocations"): PollerAlarmQuerySpec[] => [{
        id: "m",
        label: metricName,
        metric: { namespace: LAMBDA_NAMESPACE, metricName, dimensions: { FunctionName: functionName }, stat: "Sum", periodSeconds: period },
        returnData: true,
    }];
    const spec = (key: string, rest: Omit<PollerAlarmSpec, "key" | "name" | "periodSeconds">): PollerAlarmSpec =>
        ({ key: `sending-api-${key}`, name: alarmName(namePrefix, `sending-api-${key}`), periodSeconds: period, ...rest });
    const pause = `AWS may pause sending at a ${AWS_ENFORCEMENT.bounceRate.pausePercent} % bounce or ${AWS_ENFORCEMENT.complaintRate.pausePercent} % complaint rate`;

    const quota = (severity: Severity, percent: number): PollerAlarmSpec => spec(`quota-used-${severity}`, {
        severity,
        measure: "quotaUsed",
        source: "sendingApi",
        description: [
            `${severity.toUpperCase()}: the SES account's sends in the last 24 hours reached ${percent} % of its 24-hour sending quota`,
            `(${SENDING_API_NAMESPACE} ${SENDING_API_METRICS.quotaUsedPercent}, polled ${every}).`,
            "At 100 % SES refuses further sends until the rolling 24-hour count falls.",
            "First: look for unexpected volume (SentLast24Hours on the dashboard, Send by configuration set); if the volume is legitimate, request a higher quota in the SES console before it runs out.",
        ].join(" "),
        queries: ours("quotaUsedPercent", "Maximum"),
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: percent,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        // No datapoint: the quota is unlimited (nothing to alarm on) or the poller is silent (its own alarm).
        treatMissingData: "notBreaching",
    });

    return [
        quota("warning", settings.quotaWarningPercent),
        quota("critical", settings.quotaCriticalPercent),
        spec("sending-disabled-critical", {
            severity: "critical",
            measure: "sendingDisabled",
            source: "sendingApi",
            description: [
                `CRITICAL: sending is disabled for the SES account in this region (GetAccount SendingEnabled false, ${SENDING_API_METRICS.sendingEnabled} < 1): SES refuses every message.`,
                `${pause}; someone in the account can also pause it (PutAccountSendingAttributes).`,
                "First: check EnforcementStatus and the SES console's account dashboard for AWS's reason; if AWS paused the account, fix the cause and answer the review case; if it was paused on purpose, re-enable it when ready.",
            ].join(" "),
            queries: ours("sendingEnabled", "Minimum"),
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            // A silent poller must not turn this alarm OK: keep the last state (the silence alarm speaks).
            treatMissingData: "ignore",
        }),
        spec("enforcement-status-critical", {
            severity: "critical",
            measure: "enforcementStatus",
            source: "sendingApi",
            description: [
                `CRITICAL: the SES account's enforcement status is not HEALTHY (${SENDING_API_METRICS.enforcementStatus} >= 1:`,
                `${ENFORCEMENT_STATUS_CODES.PROBATION} PROBATION = under review, ${ENFORCEMENT_STATUS_CODES.SHUTDOWN} SHUTDOWN = sending paused, ${ENFORCEMENT_STATUS_UNKNOWN} = a status this poller does not know).`,
                `Under review AWS watches the account and ${pause.replace("AWS may", "may")}.`,
                "First: read AWS's notice in the SES console (reputation metrics, the review case), stop the campaigns that drive bounces or complaints, and answer the case with the fix.",
            ].join(" "),
            queries: ours("enforcementStatus", "Maximum"),
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "ignore",
        }),
        spec("poller-errors-warning", {
            severity: "warning",
            measure: "pollerErrors",
            source: "lambda",
            description: [
                `WARNING: the SES sending API poller (Lambda ${functionName}) failed at least once in ${settings.scheduleMinutes} min (${LAMBDA_NAMESPACE} Errors).`,
                "While it fails, the quota and enforcement alarms see no new data.",
                `First: read the log group ${logGroupName}; throttling, or AccessDenied on GetAccount, GetSendStatistics or PutMetricData, are the usual causes.`,
            ].join(" "),
            queries: lambda("Errors"),
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
        }),
        spec("poller-silent-warning", {
            severity: "warning",
            measure: "pollerSilent",
            source: "lambda",
            description: [
                `WARNING: the SES sending API poller (Lambda ${functionName}, scheduled ${every}) was not invoked in 2 periods of ${settings.scheduleMinutes} min (${LAMBDA_NAMESPACE} Invocations missing).`,
                "The quota and enforcement alarms see no new data.",
                `First: check that the EventBridge rule ${ruleName} is enabled and still targets the function, and that the function exists.`,
            ].join(" "),
            queries: lambda("Invocations"),
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            // Two periods, so that an invocation a few seconds late does not page anyone.
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            // Lambda publishes no Invocations datapoint when nothing ran: missing data is the failure.
            treatMissingData: "breaching",
        }),
    ];
}
