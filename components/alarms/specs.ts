/**
 * Alarm specs: every alarm of a stack as plain data, computed from resolved settings. The
 * component turns them into `aws.cloudwatch.MetricAlarm`s; tests, the dashboard and the offline
 * tools read the same specs, so each alarm is defined once.
 */
import {
    AWS_ENFORCEMENT,
    CONFIGURATION_SET_DIMENSION,
    EVENT_TYPES,
    RATE_EVENT,
    RATE_METRICS,
    RateMetric,
    REPUTATION_METRICS,
    SES_NAMESPACE,
} from "../shared/catalog";
import { AlarmSpec, alarmName, AlarmWindow, MetricStatSpec, SEVERITIES, Severity } from "../shared/alarmSpecs";
import { AccountReputationSettings, RateAlarmSettingsResolved, ReputationAlarmSettingsResolved } from "./settings";

const MEASURE_SLUG: Record<RateMetric, string> = {
    bounceRate: "bounce-rate",
    complaintRate: "complaint-rate",
    rejectRate: "reject-rate",
};

const MEASURE_WORD: Record<RateMetric, string> = {
    bounceRate: "bounce",
    complaintRate: "complaint",
    rejectRate: "reject",
};

/** Ids of the queries of a rate alarm: readable in the console and in the expression. */
const QUERY_ID: Record<RateMetric, string> = {
    bounceRate: "bounces",
    complaintRate: "complaints",
    rejectRate: "rejects",
};

const FIRST_CHECKS: Record<RateMetric, string> = {
    bounceRate: "First: find the campaign or list that sent it (Bounce events by recipient domain), stop it, and check that hard-bounced addresses are suppressed.",
    complaintRate: "First: find the campaign that drew complaints, pause it, and check that unsubscribe links work and that recipients opted in.",
    rejectRate: "First: look at the Reject events: SES rejects messages that carry a virus, so check the templates and attachments of recent sends.",
};

/**
 * What the event-count rate counts that AWS's own rate does not. A send to an address on the
 * account-level suppression list produces a Bounce event (sub-type `OnAccountSuppressionList`),
 * which "does not count toward your bounce rate metric" (SES Developer Guide, contents of event
 * data, bounce types); the `Bounce` event metric carries no sub-type, so the alarm cannot leave it out.
 */
export const RATE_CAVEATS: Partial<Record<RateMetric, string>> = {
    bounceRate: "This rate also counts sends to addresses on the account's suppression list (Bounce sub-type OnAccountSuppressionList), which AWS leaves out of the bounce rate it enforces on: "
        + "when this alarm fires but Reputation.BounceRate stays low, look for them first (the event archive's bounce query shows the sub-type).",
};

/**
 * The rate expression with the low-volume guard inside it: below `minimumSends` the expression has
 * no datapoint (missing data is not breaching), so low volume never alarms and never needs a
 * second alarm. `FILL(x, 0)` makes a period with sends but no such events a 0 % datapoint.
 */
export function rateExpression(measure: RateMetric, minimumSends: number): string {
    return `IF(sends >= ${minimumSends}, 100 * FILL(${QUERY_ID[measure]}, 0) / sends)`;
}

/**
 * z of the confidence bound: one-sided p of about 0.001 under a normal approximation.
 */
export const CONFIDENCE_Z = 3.1;

/**
 * The confidence bound in place of the guard (`confidenceBound`): the variance-stabilised Poisson
 * test `2 (sqrt(events) - sqrt(tier x sends))`, compared with `CONFIDENCE_Z`. At large volume it
 * crosses z when the rate passes the tier by a sliver; at small volume it asks for enough events to
 * be sure: 4 where the tier allows 0.09, 13 where it allows 4 (within a factor of three of the exact
 * Poisson p = 0.001 from 4 allowed events up, stricter below). `x ^ 0.5` is the square root: metric
 * math has no SQRT, and `^` is one of its operators (docs/alarms.md). A period without sends has no
 * datapoint, however many late events arrive in it.
 */
export function confidenceExpression(measure: RateMetric, tierPercent: number): string {
    const fraction = Number((tierPercent / 100).toPrecision(12));
    return `IF(sends > 0, 2 * ((FILL(${QUERY_ID[measure]}, 0)) ^ 0.5 - (${fraction} * sends) ^ 0.5))`;
}

function formatPercent(value: number): string {
    return `${Number(value.toPrecision(6))} %`;
}

function periodText(seconds: number): string {
    if (seconds % 3600 === 0) return `${seconds / 3600} h`;
    return `${seconds / 60} min`;
}

function evaluationText(s: { periodSeconds: number; evaluationPeriods: number; datapointsToAlarm: number }): string {
    const period = periodText(s.periodSeconds);
    return s.evaluationPeriods === 1
        ? `in one ${period} period`
        : `in ${s.datapointsToAlarm} of ${s.evaluationPeriods} periods of ${period}`;
}

function awsLevels(measure: RateMetric): string {
    if (measure === "rejectRate") return "AWS sets no enforcement level for rejects, but a rising reject rate means SES is refusing your mail.";
    const { reviewPercent, pausePercent } = AWS_ENFORCEMENT[measure];
    return `AWS puts the account under review at a ${formatPercent(reviewPercent)} ${MEASURE_WORD[measure]} rate and may pause sending at ${formatPercent(pausePercent)}.`;
}

/**
 * A rate alarm of one set. The fast window is the same alarm (same queries, expression builder and
 * critical tier) over its own period, guard and M of N: one builder, so the two cannot drift apart.
 */
function rateAlarm(prefix: string, set: AlarmedSet, measure: RateMetric, severity: Severity, window: AlarmWindow = "main"): AlarmSpec {
    const rate = set.alarms[measure];
    if (window === "fast" && severity !== "critical") throw new Error(`internal: the fast window has only a critical tier, not ${severity}`);
    const s = window === "fast" ? rate.fastWindow : rate;
    const percent = severity === "warning" ? rate.warningPercent : rate.criticalPercent;
    const metric = (eventType: "SEND" | typeof RATE_EVENT[RateMetric]): MetricStatSpec => ({
        namespace: SES_NAMESPACE,
        metricName: EVENT_TYPES[eventType],
        dimensions: { [CONFIGURATION_SET_DIMENSION]: set.name },
        stat: "Sum",
        periodSeconds: s.periodSeconds,
    });
    const what = `${MEASURE_SLUG[measure]}-${severity}${window === "fast" ? "-fast" : ""}`;
    const key = `${set.name}-${what}`;
    const events = EVENT_TYPES[RATE_EVENT[measure]];
    const formula = rate.confidenceBound
        ? `(${events} significantly above ${formatPercent(percent)} of Send ${evaluationText(s)}: 2 * (${events} ^ 0.5 - (${Number((percent / 100).toPrecision(12))} * Send) ^ 0.5) >= ${CONFIDENCE_Z}, about p = 0.001)`
        : `(100 * ${events} / Send ${evaluationText(s)}, counted only when at least ${s.minimumSends} messages were sent)`;
    return {
        key,
        name: alarmName(prefix, set.name, what),
        severity,
        window,
        measure,
        source: "events",
        configurationSet: set.name,
        description: [
            window === "fast"
                ? `${severity.toUpperCase()} (fast window, severe spike): the ${MEASURE_WORD[measure]} rate of SES configuration set ${set.name} reached ${formatPercent(percent)} ${formula}; the ${periodText(rate.periodSeconds)} alarm would see it later.`
                : `${severity.toUpperCase()}: the ${MEASURE_WORD[measure]} rate of SES configuration set ${set.name} reached ${formatPercent(percent)} ${formula}.`,
            ...(RATE_CAVEATS[measure] === undefined ? [] : [RATE_CAVEATS[measure]]),
            awsLevels(measure),
            FIRST_CHECKS[measure],
        ].join(" "),
        queries: [
            { id: "sends", label: "Send", metric: metric("SEND"), returnData: false },
            { id: QUERY_ID[measure], label: EVENT_TYPES[RATE_EVENT[measure]], metric: metric(RATE_EVENT[measure]), returnData: false },
            rate.confidenceBound
                ? { id: "rate", label: `${MEASURE_WORD[measure]}s above ${formatPercent(percent)} (z)`, expression: confidenceExpression(measure, percent), returnData: true }
                : { id: "rate", label: `${MEASURE_WORD[measure]} rate (%)`, expression: rateExpression(measure, s.minimumSends), returnData: true },
        ],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: rate.confidenceBound ? CONFIDENCE_Z : percent,
        thresholdPercent: percent,
        ...(rate.confidenceBound ? { graph: { label: `${MEASURE_WORD[measure]} rate (%)`, expression: `100 * FILL(${QUERY_ID[measure]}, 0) / sends` } } : {}),
        periodSeconds: s.periodSeconds,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.datapointsToAlarm,
        treatMissingData: "notBreaching",
    };
}

function reputationAlarm(
    prefix: string,
    measure: "bounceRate" | "complaintRate",
    severity: Severity,
    s: ReputationAlarmSettingsResolved,
    set?: string,
): AlarmSpec {
    const percent = severity === "warning" ? s.warningPercent : s.criticalPercent;
    const what = `reputation-${MEASURE_SLUG[measure]}-${severity}`;
    const key = `${set ?? "account"}-${what}`;
    const scope = set === undefined ? "the account" : `SES configuration set ${set}`;
    return {
        key,
        name: set === undefined ? alarmName(prefix, key) : alarmName(prefix, set, what),
        severity,
        window: "main",
        measure,
        source: "reputation",
        configurationSet: set,
        description: [
            `${severity.toUpperCase()}: the ${MEASURE_WORD[measure]} rate AWS computes for ${scope} (${REPUTATION_METRICS[measure]}) reached ${formatPercent(percent)} ${evaluationText(s)}.`,
            awsLevels(measure),
            "This is the rate AWS enforces on, over its own representative volume, so it also covers low-volume senders.",
            FIRST_CHECKS[measure],
        ].join(" "),
        queries: [{
            id: "reputation",
            label: REPUTATION_METRICS[measure],
            metric: {
                namespace: SES_NAMESPACE,
                metricName: REPUTATION_METRICS[measure],
                dimensions: set === undefined ? {} : { [CONFIGURATION_SET_DIMENSION]: set },
                stat: "Average",
                periodSeconds: s.periodSeconds,
            },
            returnData: true,
        }],
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // Rounded so 0.07 % is 0.0007 and not 0.0007000000000000001 in the console.
        threshold: Number((percent / 100).toPrecision(12)),
        thresholdPercent: percent,
        periodSeconds: s.periodSeconds,
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: s.datapointsToAlarm,
        // The reputation metric is published irregularly; keeping the last state beats flapping to
        // OK. AWS's own suggested reputation alarms ignore missing data as well.
        treatMissingData: "ignore",
    };
}

/** What the alarm specs read of a configuration set. */
export interface AlarmedSet {
    name: string;
    reputationMetrics: boolean;
    alarms: Record<RateMetric, RateAlarmSettingsResolved>;
}

/** What the alarm specs read of the resolved settings. */
export interface AlarmPlanInput {
    namePrefix: string;
    /** Sorted by name. */
    configurationSets: AlarmedSet[];
    accountReputation: AccountReputationSettings;
}

/**
 * Every alarm of the stack, in a stable order (configuration sets by name, each rate's warning,
 * critical and fast critical, then the set's reputation alarms; then account level). The root
 * checks them with the stack's other alarms (`checkAlarmSpecs`).
 */
export function alarmSpecs(settings: AlarmPlanInput): AlarmSpec[] {
    const specs: AlarmSpec[] = [];
    for (const set of settings.configurationSets) {
        for (const measure of RATE_METRICS) {
            if (!set.alarms[measure].enabled) continue;
            for (const severity of SEVERITIES) specs.push(rateAlarm(settings.namePrefix, set, measure, severity));
            if (set.alarms[measure].fastWindow.enabled) specs.push(rateAlarm(settings.namePrefix, set, measure, "critical", "fast"));
        }
        if (!set.reputationMetrics) continue;
        for (const measure of ["bounceRate", "complaintRate"] as const) {
            const rate: RateAlarmSettingsResolved = set.alarms[measure];
            if (!rate.enabled) continue;
            const evaluation = settings.accountReputation[measure];
            const perSet = { ...rate, periodSeconds: evaluation.periodSeconds, evaluationPeriods: evaluation.evaluationPeriods, datapointsToAlarm: evaluation.datapointsToAlarm };
            for (const severity of SEVERITIES) specs.push(reputationAlarm(settings.namePrefix, measure, severity, perSet, set.name));
        }
    }
    if (settings.accountReputation.enabled) {
        for (const measure of ["bounceRate", "complaintRate"] as const) {
            const s = settings.accountReputation[measure];
            if (!s.enabled) continue;
            for (const severity of SEVERITIES) specs.push(reputationAlarm(settings.namePrefix, measure, severity, s));
        }
    }
    return specs;
}
