/**
 * The sending API poller's row of the dashboard, as plain data: its gauges drawn exactly as its
 * alarms read them, SES's 15-minute account counts, and the quota's latest figures.
 */
import { COLORS, GraphWidget, ThresholdLine, WidgetMetricSpec, WidgetSpec } from "../shared/dashboardWidgets";
import { PollerAlarmSpec, PollerMeasure } from "./alarms";
import {
    ENFORCEMENT_STATUS_CODES,
    ENFORCEMENT_STATUS_UNKNOWN,
    SEND_STATISTICS_INTERVAL_MINUTES,
    SENDING_API_METRICS,
    SENDING_API_NAMESPACE,
    SendingApiMetric,
    STACK_DIMENSION,
} from "./metrics";

/** GetSendStatistics counts, in the order of the sending flow. */
const SEND_STATISTICS_METRICS: SendingApiMetric[] = ["deliveryAttempts", "bounces", "complaints", "rejects"];

/** One of the poller's own series: `Stack = <namePrefix>`, so a second stack's poller is not read. */
function sendingApiMetric(namePrefix: string, metric: SendingApiMetric, stat: WidgetMetricSpec["stat"], periodSeconds: number): WidgetMetricSpec {
    return { namespace: SENDING_API_NAMESPACE, metricName: SENDING_API_METRICS[metric], dimensions: { [STACK_DIMENSION]: namePrefix }, stat, periodSeconds };
}

function pollerAlarmsOf(pollerAlarms: PollerAlarmSpec[], measure: PollerMeasure): PollerAlarmSpec[] {
    const own = pollerAlarms.filter((a) => a.measure === measure);
    if (own.length === 0) throw new Error(`internal: the sending API poller has no ${measure} alarm to draw`);
    return own;
}

function pollerLine(spec: PollerAlarmSpec, percent: boolean): ThresholdLine {
    // Percent lines read like the rate graphs' ("warning 80 %"); the 0/1 and status codes say the comparison.
    const op = spec.comparisonOperator === "LessThanThreshold" ? "< " : ">= ";
    return {
        value: spec.threshold,
        label: percent ? `${spec.severity} ${spec.threshold} %` : `${spec.severity} ${op}${spec.threshold}`,
        color: COLORS[spec.severity],
        source: { alarm: spec.name },
    };
}

/**
 * A poller gauge graphed exactly as its alarms read it: the alarm's own metric, statistic and
 * period (one poll), and a line at each of those alarms' thresholds.
 */
function pollerGaugeWidget(title: string, own: PollerAlarmSpec[], percent: boolean, extra: ThresholdLine[] = []): GraphWidget {
    const read = own[0].queries.find((q) => q.returnData && q.metric);
    if (!read?.metric) throw new Error(`internal: ${own[0].name} reads no metric to draw`);
    const metric: WidgetMetricSpec = read.metric;
    return {
        kind: "graph",
        title,
        width: 8,
        height: 6,
        periodSeconds: metric.periodSeconds,
        stat: metric.stat,
        queries: [{ kind: "metric", id: "m", label: read.label, metric, visible: true }],
        thresholds: [...own.map((spec) => pollerLine(spec, percent)), ...extra],
        yAxisMin: 0,
    };
}

/** `0 HEALTHY, 1 PROBATION, 2 SHUTDOWN, 3 unknown`, from the poller's own encoding. */
export function enforcementStatusLegend(): string {
    const known = Object.entries(ENFORCEMENT_STATUS_CODES).sort(([, a], [, b]) => a - b).map(([status, code]) => `${code} ${status}`);
    return [...known, `${ENFORCEMENT_STATUS_UNKNOWN} unknown`].join(", ");
}

/**
 * The sending API poller's row (account level, like reputation): quota used, sending enabled and
 * enforcement status as its alarms read them, SES's 15-minute account counts, and the quota's
 * latest figures. A constant 5 widgets and 9 metrics at any size.
 */
export function sendingApiRow(namePrefix: string, pollerAlarms: PollerAlarmSpec[]): WidgetSpec[] {
    // A row without its alarms would draw no thresholds.
    if (pollerAlarms.length === 0) throw new Error("internal: the sending API row needs the poller's alarms");
    const quota = pollerAlarmsOf(pollerAlarms, "quotaUsed");
    const pollSeconds = quota[0].periodSeconds;
    // At 100 % SES refuses sends until the rolling 24-hour count falls: the line the tiers lead up to.
    const quotaFull: ThresholdLine = { value: 100, label: "SES refuses sends 100 %", color: COLORS.awsPause, source: { aws: "quota" } };
    const countsPeriod = SEND_STATISTICS_INTERVAL_MINUTES * 60;
    return [
        pollerGaugeWidget(`Account sending quota used (${SENDING_API_METRICS.quotaUsedPercent}, %)`, quota, true, [quotaFull]),
        pollerGaugeWidget(`Account sending enabled (${SENDING_API_METRICS.sendingEnabled}: 1 yes, 0 paused)`, pollerAlarmsOf(pollerAlarms, "sendingDisabled"), false),
        pollerGaugeWidget(`Account enforcement status (${SENDING_API_METRICS.enforcementStatus}: ${enforcementStatusLegend()})`, pollerAlarmsOf(pollerAlarms, "enforcementStatus"), false),
        {
            kind: "graph",
            // GetSendStatistics counts every send of the account and region, with or without a configuration set.
            title: `Account sending, all mail (sending API, ${SEND_STATISTICS_INTERVAL_MINUTES}-minute counts)`,
            width: 16,
            height: 6,
            periodSeconds: countsPeriod,
            stat: "Sum",
            queries: SEND_STATISTICS_METRICS.map((metric) => ({
                kind: "metric", id: metric.toLowerCase(), label: SENDING_API_METRICS[metric], metric: sendingApiMetric(namePrefix, metric, "Sum", countsPeriod), visible: true,
            })),
            thresholds: [],
            yAxisMin: 0,
        },
        {
            kind: "latest",
            title: "Account sending quota (latest poll)",
            width: 8,
            height: 6,
            periodSeconds: pollSeconds,
            stat: "Maximum",
            queries: (["sentLast24Hours", "maxSendRate"] as SendingApiMetric[]).map((metric) => ({
                kind: "metric", id: metric.toLowerCase(), label: SENDING_API_METRICS[metric], metric: sendingApiMetric(namePrefix, metric, "Maximum", pollSeconds), visible: true,
            })),
        },
    ];
}
