/**
 * The alarms people use instead of ours, as `AlarmSpec`s, so one evaluator runs them all on the
 * same traces:
 * - `aws-suggested`: AWS's suggested reputation alarms, `Reputation.BounceRate >= 0.05` and
 *   `Reputation.ComplaintRate >= 0.001`, missing data ignored (ses-cloudwatch-facts.md). The
 *   period is not given there: one hour, one datapoint (assumed).
 * - `plain-5min`: `Bounce / Send` on 5-minute periods, one datapoint, no volume guard, at the
 *   stack's bounce warning tier.
 * - `two-tier-5min`: the same without a guard at 2 % (warning) and 4 % (critical).
 */
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, REPUTATION_METRICS, SES_NAMESPACE } from "../../components/shared/catalog";
import { AlarmSpec, MetricStatSpec, Severity } from "../../components/shared/alarmSpecs";

export const BASELINE_GROUPS = ["aws-suggested", "plain-5min", "two-tier-5min"] as const;
export type BaselineGroup = (typeof BASELINE_GROUPS)[number];

export interface BaselineAlarm extends AlarmSpec {
    group: BaselineGroup;
}

const FIVE_MINUTES = 300;

function eventMetric(set: string, metricName: string, periodSeconds: number): MetricStatSpec {
    return { namespace: SES_NAMESPACE, metricName, dimensions: { [CONFIGURATION_SET_DIMENSION]: set }, stat: "Sum", periodSeconds };
}

function plainBounceAlarm(group: BaselineGroup, set: string, severity: Severity, percent: number): BaselineAlarm {
    const key = `${group}-${set}-bounce-rate-${severity}`;
    return {
        group,
        key,
        name: `baseline-${key}`,
        severity,
        window: "main",
        measure: "bounceRate",
        source: "events",
        configurationSet: set,
        description: `Baseline: 100 * Bounce / Send >= ${percent} on 5-minute periods, one datapoint, no volume guard.`,
        queries: [
            { id: "sends", label: EVENT_TYPES.SEND, metric: eventMetric(set, EVENT_TYPES.SEND, FIVE_MINUTES), returnData: false },
            { id: "bounces", label: EVENT_TYPES.BOUNCE, metric: eventMetric(set, EVENT_TYPES.BOUNCE, FIVE_MINUTES), returnData: false },
            { id: "rate", label: "bounce rate (%)", expression: "100 * bounces / sends", returnData: true },
        ],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: percent,
        thresholdPercent: percent,
        periodSeconds: FIVE_MINUTES,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
    };
}

function awsSuggestedAlarm(measure: "bounceRate" | "complaintRate", fraction: number): BaselineAlarm {
    const key = `aws-suggested-account-reputation-${measure === "bounceRate" ? "bounce" : "complaint"}-rate`;
    return {
        group: "aws-suggested",
        key,
        name: `baseline-${key}`,
        severity: "critical",
        window: "main",
        measure,
        source: "reputation",
        description: `Baseline: AWS's suggested alarm, ${REPUTATION_METRICS[measure]} >= ${fraction}, missing data ignored.`,
        queries: [{
            id: "reputation",
            label: REPUTATION_METRICS[measure],
            metric: { namespace: SES_NAMESPACE, metricName: REPUTATION_METRICS[measure], dimensions: {}, stat: "Average", periodSeconds: 3600 },
            returnData: true,
        }],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: fraction,
        thresholdPercent: fraction * 100,
        periodSeconds: 3600,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "ignore",
    };
}

/** The baselines for traffic through configuration set `set`, whose bounce warning tier is `bounceWarningPercent`. */
export function baselineAlarms(set: string, bounceWarningPercent: number): BaselineAlarm[] {
    return [
        awsSuggestedAlarm("bounceRate", 0.05),
        awsSuggestedAlarm("complaintRate", 0.001),
        plainBounceAlarm("plain-5min", set, "warning", bounceWarningPercent),
        plainBounceAlarm("two-tier-5min", set, "warning", 2),
        plainBounceAlarm("two-tier-5min", set, "critical", 4),
    ];
}
