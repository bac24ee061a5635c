/**
 * The stack's dashboard as plain data: which widgets, which metrics and expressions each reads, and
 * the threshold lines each draws, computed from the resolved settings, the alarm specs and the
 * composite specs. No Pulumi and no awsx here: `dashboard.ts` renders this with awsx, and tests
 * check it at any size without building a resource.
 */
import { AlarmSpec, MetricStatSpec } from "./alarms";
import {
    AWS_ENFORCEMENT,
    CONFIGURATION_SET_DIMENSION,
    EVENT_TYPES,
    EventType,
    RATE_METRICS,
    RateMetric,
    REPUTATION_METRICS,
    SES_NAMESPACE,
} from "./shared/catalog";
import { CompositeAlarmSpec } from "./compositeAlarms";
import { ConfigurationSetSettings, MonitoringSettings } from "./settings";
import type { PollerAlarmSpec, PollerMeasure } from "./sendingQuota/alarms";
import {
    ENFORCEMENT_STATUS_CODES,
    ENFORCEMENT_STATUS_UNKNOWN,
    SEND_STATISTICS_INTERVAL_MINUTES,
    SENDING_API_METRICS,
    SENDING_API_NAMESPACE,
    SendingApiMetric,
    STACK_DIMENSION,
} from "./sendingQuota/metrics";

/**
 * Dashboard limits (CloudWatch quotas and the dashboard body structure reference): 500 widgets,
 * 2,500 metrics (math inputs count), 24 grid columns, 1-100 alarm ARNs per alarm-status widget.
 */
export const DASHBOARD_LIMITS = {
    widgets: 500,
    metrics: 2500,
    columns: 24,
    alarmsPerStatusWidget: 100,
    /** awsx's classic `Dashboard` refuses more than 100 top-level widgets: we pass rows, so rows. */
    rows: 100,
} as const;

/**
 * Sets shown one row each. Each row is 6 widgets and about 23 metrics, so 25 sets make 150
 * widgets and 575 metrics: a page people still scroll, well within the limits. Beyond it the
 * dashboard shows top-10 widgets over every set instead (see README, "Dashboard").
 */
export const MAX_DETAILED_SETS = 25;

/**
 * Characters the alarm-status widgets may spend on alarm ARNs. A maximum dashboard body size is
 * not documented (unconfirmed), yet at 1,000 sets the full list alone passes 1 MB, where other
 * CloudWatch requests are refused (PutMetricData); past this budget the widgets list fewer alarms.
 */
export const ALARM_LIST_CHARACTERS = 400_000;
/** `arn:aws-us-gov:cloudwatch:ap-southeast-4:123456789012:alarm:` plus JSON quotes and comma. */
const ARN_OVERHEAD = 63;

/** Series per Metrics Insights top-N query; counted against the metric budget. */
export const TOP_N = 10;

/** The events graphed per set, in the order of the SES sending flow. */
export const VOLUME_EVENTS: EventType[] = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE"];

const VOLUME_PERIOD_SECONDS = 3600;
const DAY_SECONDS = 86_400;

export const COLORS = {
    warning: "#ff7f0e",
    critical: "#d62728",
    awsReview: "#9467bd",
    awsPause: "#000000",
} as const;

/**
 * One metric read. Wider than the rate alarms' `MetricStatSpec`: the sending API poller's gauges
 * are read with `Maximum` / `Minimum`, as its alarms read them.
 */
export interface WidgetMetricSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    stat: "Sum" | "Average" | "Maximum" | "Minimum";
    periodSeconds: number;
}

/** A metric a widget reads: the catalog's (or the poller's) metric and dimension. */
export interface MetricQuery {
    kind: "metric";
    id: string;
    label: string;
    metric: WidgetMetricSpec;
    /** Hidden inputs of an expression. */
    visible: boolean;
}

/** A metric-math or Metrics Insights expression over the widget's own queries. */
export interface ExpressionQuery {
    kind: "expression";
    id: string;
    label?: string;
    expression: string;
    /** At most how many series it returns beyond its inputs (Metrics Insights: its LIMIT; math: 0). */
    extraSeries: number;
}

export type WidgetQuery = MetricQuery | ExpressionQuery;

export interface ThresholdLine {
    value: number;
    label: string;
    color: string;
    /** The alarm whose threshold it is, or the AWS level it shows (enforcement, or the full quota). */
    source: { alarm: string } | { aws: "review" | "pause" | "quota" };
}

export interface HeaderWidget {
    kind: "header";
    width: number;
    height: number;
    header: HeaderSpec;
}

export interface GraphWidget {
    kind: "graph";
    title: string;
    width: number;
    height: number;
    periodSeconds: number;
    stat: WidgetMetricSpec["stat"];
    queries: WidgetQuery[];
    thresholds: ThresholdLine[];
    yAxisMin?: number;
}

/** Totals over the last day, one number per metric. */
export interface TotalsWidget {
    kind: "totals";
    title: string;
    width: number;
    height: number;
    rangeSeconds: number;
    queries: MetricQuery[];
}

/** The latest value of each metric (a gauge's last poll), one number per metric. */
export interface LatestWidget {
    kind: "latest";
    title: string;
    width: number;
    height: number;
    periodSeconds: number;
    stat: WidgetMetricSpec["stat"];
    queries: MetricQuery[];
}

export interface AlarmStatusWidget {
    kind: "alarmStatus";
    title: string;
    width: number;
    height: number;
    /** Alarm names, metric or composite; the renderer turns them into ARNs. */
    alarms: string[];
}

export type WidgetSpec = HeaderWidget | GraphWidget | TotalsWidget | LatestWidget | AlarmStatusWidget;

export interface HeaderSpec {
    stack: string;
    namePrefix: string;
    configurationSets: string[];
    /** The composite's name, when there is one. */
    sendingAtRisk?: string;
    mode: DashboardMode;
    /** Which alarms the status widgets list, when not all fit. */
    alarmCoverage: AlarmCoverage;
    alarmCount: number;
}

/** `perSet`: a row per configuration set; `fleet`: top-N widgets over every set. */
export type DashboardMode = "perSet" | "fleet";
/** What the alarm-status widgets list: every alarm, or (when that would pass 500 widgets) fewer. */
export type AlarmCoverage = "all" | "critical" | "composite";

export interface DashboardLayout {
    mode: DashboardMode;
    alarmCoverage: AlarmCoverage;
    /** Rows top to bottom; widgets in a row flow left to right and wrap at 24 columns. */
    rows: WidgetSpec[][];
}

export interface LayoutContext {
    stack: string;
}

const MEASURE_TITLE: Record<RateMetric, string> = {
    bounceRate: "bounce rate",
    complaintRate: "complaint rate",
    rejectRate: "reject rate",
};

function eventMetric(set: string, event: EventType, periodSeconds: number): MetricStatSpec {
    return {
        namespace: SES_NAMESPACE,
        metricName: EVENT_TYPES[event],
        dimensions: { [CONFIGURATION_SET_DIMENSION]: set },
        stat: "Sum",
        periodSeconds,
    };
}

/** Query ids: a lowercase letter first, then letters, digits, `_` (CloudWatch GetMetricData). */
function eventId(event: EventType): string {
    return event.toLowerCase();
}

function alarmLine(spec: AlarmSpec, fast?: AlarmSpec): ThresholdLine {
    // The fast window alarms at the critical tier too: one line says so, a second would only repeat it.
    const alsoFast = fast !== undefined && fast.thresholdPercent === spec.thresholdPercent && fast.severity === spec.severity
        ? ` (and ${periodWords(fast.periodSeconds)} fast window)` : "";
    return {
        // Graphs show percent; a reputation alarm's own threshold is the fraction of the same value.
        value: spec.thresholdPercent,
        label: `${spec.severity} ${spec.thresholdPercent} %${alsoFast}`,
        color: COLORS[spec.severity],
        source: { alarm: spec.name },
    };
}

function periodWords(seconds: number): string {
    return seconds % 3600 === 0 ? `${seconds / 3600}-hour` : `${seconds / 60}-minute`;
}

function awsLines(measure: "bounceRate" | "complaintRate"): ThresholdLine[] {
    const { reviewPercent, pausePercent } = AWS_ENFORCEMENT[measure];
    return [
        { value: reviewPercent, label: `AWS review ${reviewPercent} %`, color: COLORS.awsReview, source: { aws: "review" } },
        { value: pausePercent, label: `AWS may pause ${pausePercent} %`, color: COLORS.awsPause, source: { aws: "pause" } },
    ];
}

function reputationWidget(measure: "bounceRate" | "complaintRate", alarms: AlarmSpec[]): GraphWidget {
    const own = alarms.filter((a) => a.source === "reputation" && a.configurationSet === undefined && a.measure === measure);
    const metric: MetricStatSpec = {
        namespace: SES_NAMESPACE,
        metricName: REPUTATION_METRICS[measure],
        dimensions: {},
        stat: "Average",
        periodSeconds: own[0]?.periodSeconds ?? 3600,
    };
    return {
        kind: "graph",
        title: `Account ${MEASURE_TITLE[measure]} (${REPUTATION_METRICS[measure]}, %)`,
        width: 12,
        height: 6,
        periodSeconds: metric.periodSeconds,
        stat: "Average",
        queries: [
            { kind: "metric", id: "reputation", label: REPUTATION_METRICS[measure], metric, visible: false },
            // AWS publishes a fraction; the lines and the eye work in percent.
            { kind: "expression", id: "percent", label: `${MEASURE_TITLE[measure]} (%)`, expression: "100 * reputation", extraSeries: 0 },
        ],
        thresholds: [...own.map((a) => alarmLine(a)), ...awsLines(measure)],
        yAxisMin: 0,
    };
}

function volumeQueries(set: ConfigurationSetSettings, periodSeconds: number): MetricQuery[] {
    return VOLUME_EVENTS.filter((e) => set.eventTypes.includes(e)).map((event) => ({
        kind: "metric",
        id: eventId(event),
        label: EVENT_TYPES[event],
        metric: eventMetric(set.name, event, periodSeconds),
        visible: true,
    }));
}

/**
 * The rate as the alarm computes it: the main alarms' own queries, expression and period. The fast
 * window's 5-minute rate is not graphed (it would double the set's widgets for a rate that is
 * noisy by design); its threshold is the critical line's, and that line says so.
 */
function rateWidget(set: ConfigurationSetSettings, measure: RateMetric, alarms: AlarmSpec[]): GraphWidget | undefined {
    const ofRate = alarms.filter((a) => a.source === "events" && a.configurationSet === set.name && a.measure === measure);
    const own = ofRate.filter((a) => a.window === "main");
    const fast = ofRate.find((a) => a.window === "fast");
    if (own.length === 0) return undefined; // the alarm is off: the volume graph still shows the counts
    const spec = own[0];
    const queries: WidgetQuery[] = spec.queries.map((q) => (q.metric
        ? { kind: "metric", id: q.id, label: q.label, metric: q.metric, visible: false }
        : { kind: "expression", id: q.id, label: q.label, expression: q.expression!, extraSeries: 0 }));
    return {
        kind: "graph",
        title: `${set.name}: ${MEASURE_TITLE[measure]} (%)`,
        width: 8,
        height: 6,
        periodSeconds: spec.periodSeconds,
        stat: "Sum",
        queries,
        thresholds: [
            ...own.map((a) => alarmLine(a, fast)),
            ...(measure === "rejectRate" ? [] : awsLines(measure).filter((l) => "aws" in l.source && l.source.aws === "review")),
        ],
        yAxisMin: 0,
    };
}

function engagementWidget(set: ConfigurationSetSettings): GraphWidget | undefined {
    const needed: EventType[] = ["DELIVERY", "OPEN", "CLICK"];
    if (!needed.every((e) => set.eventTypes.includes(e))) return undefined;
    const read = (event: EventType, id: string): MetricQuery => ({
        kind: "metric", id, label: EVENT_TYPES[event], metric: eventMetric(set.name, event, VOLUME_PERIOD_SECONDS), visible: false,
    });
    return {
        kind: "graph",
        title: `${set.name}: engagement (%)`,
        width: 8,
        height: 6,
        periodSeconds: VOLUME_PERIOD_SECONDS,
        stat: "Sum",
        queries: [
            read("DELIVERY", "deliveries"),
            read("OPEN", "opens"),
            read("CLICK", "clicks"),
            { kind: "expression", id: "open_rate", label: "open rate (%)", expression: "100 * FILL(opens, 0) / deliveries", extraSeries: 0 },
            { kind: "expression", id: "click_rate", label: "click-through rate (%)", expression: "100 * FILL(clicks, 0) / deliveries", extraSeries: 0 },
        ],
        thresholds: [],
        yAxisMin: 0,
    };
}

function setRow(set: ConfigurationSetSettings, alarms: AlarmSpec[]): WidgetSpec[] {
    const widgets: WidgetSpec[] = [];
    const engagement = engagementWidget(set);
    // A set may publish none of the volume events (only when all its rate alarms are off).
    if (volumeQueries(set, VOLUME_PERIOD_SECONDS).length > 0) {
        widgets.push({
            kind: "graph",
            title: `${set.name}: sending volume`,
            width: 8,
            height: 6,
            periodSeconds: VOLUME_PERIOD_SECONDS,
            stat: "Sum",
            queries: volumeQueries(set, VOLUME_PERIOD_SECONDS),
            thresholds: [],
            yAxisMin: 0,
        });
    }
    if (engagement) widgets.push(engagement);
    if (volumeQueries(set, DAY_SECONDS).length > 0) {
        widgets.push({
            kind: "totals",
            title: `${set.name}: last 24 hours`,
            width: engagement ? 8 : 16,
            height: 6,
            rangeSeconds: DAY_SECONDS,
            queries: volumeQueries(set, DAY_SECONDS),
        });
    }
    for (const measure of RATE_METRICS) {
        const rate = rateWidget(set, measure, alarms);
        if (rate) widgets.push(rate);
    }
    return widgets;
}

/**
 * Top configuration sets by an event count, over every set of the account and region that has
 * the dimension (Metrics Insights cannot filter by stack without naming every set). Metrics
 * Insights reads up to two weeks for graphs and 10,000 metrics per query (CloudWatch User Guide,
 * Metrics Insights quotas), which covers SES's 10,000 sets per region.
 */
export function topSetsQuery(event: EventType): string {
    return `SELECT SUM(${EVENT_TYPES[event]}) FROM SCHEMA("${SES_NAMESPACE}", "${CONFIGURATION_SET_DIMENSION}") `
        + `GROUP BY "${CONFIGURATION_SET_DIMENSION}" ORDER BY SUM() DESC LIMIT ${TOP_N}`;
}

function fleetRow(): WidgetSpec[] {
    return (["SEND", "BOUNCE", "COMPLAINT", "REJECT"] as EventType[]).map((event) => ({
        kind: "graph",
        title: `Top ${TOP_N} configuration sets by ${EVENT_TYPES[event]} (account and region)`,
        width: 12,
        height: 6,
        periodSeconds: VOLUME_PERIOD_SECONDS,
        stat: "Sum",
        queries: [{ kind: "expression", id: `top_${eventId(event)}`, expression: topSetsQuery(event), extraSeries: TOP_N }],
        thresholds: [],
        yAxisMin: 0,
    }));
}

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
 * latest figures. Empty when the poller is off. A constant 5 widgets and 9 metrics at any size.
 */
function sendingApiRow(namePrefix: string, pollerAlarms: PollerAlarmSpec[]): WidgetSpec[] {
    if (pollerAlarms.length === 0) return [];
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

function alarmStatusRow(names: string[], total: number): AlarmStatusWidget[] {
    const widgets: AlarmStatusWidget[] = [];
    for (let i = 0; i < names.length; i += DASHBOARD_LIMITS.alarmsPerStatusWidget) {
        const chunk = names.slice(i, i + DASHBOARD_LIMITS.alarmsPerStatusWidget);
        const range = names.length <= DASHBOARD_LIMITS.alarmsPerStatusWidget ? "" : ` ${i + 1}-${i + chunk.length} of ${names.length}`;
        widgets.push({
            kind: "alarmStatus",
            title: `Alarms${range}${names.length < total ? ` (${names.length} of the stack's ${total} shown)` : ""}`,
            width: 24,
            // About six alarms fit a line of a full-width widget; beyond 20 units the widget scrolls.
            height: Math.min(2 + Math.ceil(chunk.length / 6), 20),
            alarms: chunk,
        });
    }
    return widgets;
}

/** Metrics a widget counts against the dashboard's 2,500: every metric read, plus Insights series. */
export function widgetMetricCount(widget: WidgetSpec): number {
    if (widget.kind !== "graph" && widget.kind !== "totals" && widget.kind !== "latest") return 0;
    return (widget.queries as WidgetQuery[]).reduce((n, q) => n + (q.kind === "metric" ? 1 : q.extraSeries), 0);
}

export function layoutBudget(layout: DashboardLayout): { widgets: number; metrics: number; rows: number } {
    const widgets = layout.rows.flat();
    return { widgets: widgets.length, metrics: widgets.reduce((n, w) => n + widgetMetricCount(w), 0), rows: layout.rows.length };
}

/**
 * The dashboard of a stack. Up to `MAX_DETAILED_SETS` sets get a row each; more get top-N widgets
 * over every set. With the sending API poller on (`pollerAlarms` non-empty) a "Sending API" row
 * follows the account reputation. The alarm-status widgets list every alarm, the poller's
 * included, 100 per widget; when that would pass the widget limit or `ALARM_LIST_CHARACTERS` they
 * list the composites and critical alarms, then only the composites and the account-level alarms
 * (the poller's alarms are account-level: a constant six).
 */
export function dashboardLayout(
    settings: MonitoringSettings,
    alarms: AlarmSpec[],
    pollerAlarms: PollerAlarmSpec[],
    composites: CompositeAlarmSpec[],
    context: LayoutContext,
): DashboardLayout {
    // A row without its alarms would draw no thresholds; alarms without the row would go unseen.
    if (settings.sendingQuota.enabled !== (pollerAlarms.length > 0)) {
        throw new Error(`internal: the sending API poller is ${settings.sendingQuota.enabled ? "on" : "off"} yet ${pollerAlarms.length} poller alarms were given`);
    }
    const sets = settings.configurationSets;
    const mode: DashboardMode = sets.length <= MAX_DETAILED_SETS ? "perSet" : "fleet";

    const reputationRow: WidgetSpec[] = [reputationWidget("bounceRate", alarms), reputationWidget("complaintRate", alarms)];
    const sendingApi = sendingApiRow(settings.namePrefix, pollerAlarms);
    const bodyRows: WidgetSpec[][] = mode === "perSet" ? sets.map((set) => setRow(set, alarms)) : [fleetRow()];

    // Composites first: the root is the one alarm to look at.
    const compositeNames = [...composites].reverse().map((c) => c.name);
    const stackAlarms: { name: string; severity: string; configurationSet?: string }[] = [...alarms, ...pollerAlarms];
    const candidates: [AlarmCoverage, string[]][] = [
        ["all", [...compositeNames, ...stackAlarms.map((a) => a.name)]],
        ["critical", [...compositeNames, ...stackAlarms.filter((a) => a.severity === "critical").map((a) => a.name)]],
        ["composite", [...compositeNames, ...stackAlarms.filter((a) => a.configurationSet === undefined).map((a) => a.name)]],
    ];
    const fixedWidgets = 1 + reputationRow.length + sendingApi.length + bodyRows.flat().length;
    const total = candidates[0][1].length;
    const fits = (names: string[]) => fixedWidgets + Math.ceil(names.length / DASHBOARD_LIMITS.alarmsPerStatusWidget) <= DASHBOARD_LIMITS.widgets
        && names.reduce((n, name) => n + name.length + ARN_OVERHEAD, 0) <= ALARM_LIST_CHARACTERS;
    const [alarmCoverage, listed] = candidates.find(([, names]) => fits(names)) ?? candidates[candidates.length - 1];

    const header: HeaderWidget = {
        kind: "header",
        width: 24,
        height: 4,
        header: {
            stack: context.stack,
            namePrefix: settings.namePrefix,
            configurationSets: sets.map((s) => s.name),
            sendingAtRisk: composites.find((c) => c.root)?.name,
            mode,
            alarmCoverage,
            alarmCount: total,
        },
    };
    const rows: WidgetSpec[][] = [[header]];
    if (listed.length > 0) rows.push(alarmStatusRow(listed, total));
    rows.push(reputationRow);
    if (sendingApi.length > 0) rows.push(sendingApi);
    rows.push(...bodyRows.filter((row) => row.length > 0));

    const layout: DashboardLayout = { mode, alarmCoverage, rows };
    const budget = layoutBudget(layout);
    if (budget.widgets > DASHBOARD_LIMITS.widgets || budget.metrics > DASHBOARD_LIMITS.metrics || budget.rows > DASHBOARD_LIMITS.rows) {
        throw new Error(`internal: dashboard layout breaks a CloudWatch limit (${budget.widgets} widgets, ${budget.metrics} metrics, ${budget.rows} rows)`);
    }
    return layout;
}

/** Console host of a partition (the console is per partition; commercial regions use a region subdomain). */
export function consoleBase(partition: string, region: string): string {
    if (partition === "aws-cn") return `https://${region}.console.amazonaws.cn`;
    if (partition === "aws-us-gov") return `https://console.amazonaws-us-gov.com`;
    return `https://${region}.console.aws.amazon.com`;
}

export function dashboardConsoleUrl(partition: string, region: string, dashboardName: string): string {
    return `${consoleBase(partition, region)}/cloudwatch/home?region=${region}#dashboards:name=${encodeURIComponent(dashboardName)}`;
}

export function alarmsConsoleUrl(partition: string, region: string, search: string): string {
    return `${consoleBase(partition, region)}/cloudwatch/home?region=${region}#alarmsV2:?~(search~'${encodeURIComponent(search)})`;
}

/** The SES console's reputation page. The fragment is not in a primary source; seen in public use. */
export function sesReputationConsoleUrl(partition: string, region: string): string {
    return `${consoleBase(partition, region)}/ses/home?region=${region}#/reputation`;
}

/** Default dashboard name: dashboards are global per account, so it carries the region. */
export function defaultDashboardName(namePrefix: string, region: string): string {
    return `${namePrefix}-${region}-ses`.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 255);
}

const LISTED_SETS = 50;

/** The header's markdown, once the region is known. */
export function headerMarkdown(header: HeaderSpec, region: string, partition: string): string {
    const sets = header.configurationSets;
    const shown = sets.slice(0, LISTED_SETS).map((s) => `\`${s}\``).join(", ");
    const more = sets.length > LISTED_SETS ? ` and ${sets.length - LISTED_SETS} more` : "";
    const lines = [
        `# SES sending: ${header.stack} (${region})`,
        `Configuration sets (${sets.length}): ${shown || "none"}${more}.`,
        `[Stack alarms (${header.namePrefix}-*)](${alarmsConsoleUrl(partition, region, header.namePrefix)})`
            + ` · [SES reputation](${sesReputationConsoleUrl(partition, region)})`
            + (header.sendingAtRisk ? ` · one alarm to follow: \`${header.sendingAtRisk}\`` : ""),
    ];
    if (header.mode === "fleet") {
        lines.push(`More than ${MAX_DETAILED_SETS} sets: per-set rows give way to top-${TOP_N} widgets over every set of the account and region.`);
    }
    if (header.alarmCoverage !== "all") {
        const what = header.alarmCoverage === "critical" ? "the composite and critical alarms" : "the composite and account-level alarms";
        lines.push(`Alarm status lists ${what} of the stack's ${header.alarmCount}: find the rest with the alarms link.`);
    }
    return lines.join("\n\n");
}
