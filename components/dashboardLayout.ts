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
} from "./catalog";
import { CompositeAlarmSpec } from "./compositeAlarms";
import { ConfigurationSetSettings, MonitoringSettings } from "./settings";

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

/** A metric a widget reads: the catalog's metric, the catalog's dimension. */
export interface MetricQuery {
    kind: "metric";
    id: string;
    label: string;
    metric: MetricStatSpec;
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
    /** The alarm whose threshold it is, or AWS's enforcement level it shows. */
    source: { alarm: string } | { aws: "review" | "pause" };
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
    stat: "Sum" | "Average";
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

export interface AlarmStatusWidget {
    kind: "alarmStatus";
    title: string;
    width: number;
    height: number;
    /** Alarm names, metric or composite; the renderer turns them into ARNs. */
    alarms: string[];
}

export type WidgetSpec = HeaderWidget | GraphWidget | TotalsWidget | AlarmStatusWidget;

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

function alarmLine(spec: AlarmSpec): ThresholdLine {
    return {
        // Graphs show percent; a reputation alarm's own threshold is the fraction of the same value.
        value: spec.thresholdPercent,
        label: `${spec.severity} ${spec.thresholdPercent} %`,
        color: COLORS[spec.severity],
        source: { alarm: spec.name },
    };
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
        thresholds: [...own.map(alarmLine), ...awsLines(measure)],
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

/** The rate as the alarm computes it: the alarm's own queries, expression and period. */
function rateWidget(set: ConfigurationSetSettings, measure: RateMetric, alarms: AlarmSpec[]): GraphWidget | undefined {
    const own = alarms.filter((a) => a.source === "events" && a.configurationSet === set.name && a.measure === measure);
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
            ...own.map(alarmLine),
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
    if (widget.kind !== "graph" && widget.kind !== "totals") return 0;
    return (widget.queries as WidgetQuery[]).reduce((n, q) => n + (q.kind === "metric" ? 1 : q.extraSeries), 0);
}

export function layoutBudget(layout: DashboardLayout): { widgets: number; metrics: number; rows: number } {
    const widgets = layout.rows.flat();
    return { widgets: widgets.length, metrics: widgets.reduce((n, w) => n + widgetMetricCount(w), 0), rows: layout.rows.length };
}

/**
 * The dashboard of a stack. Up to `MAX_DETAILED_SETS` sets get a row each; more get top-N widgets
 * over every set. The alarm-status widgets list every alarm, 100 per widget; when that would pass
 * the widget limit or `ALARM_LIST_CHARACTERS` they list the composites and critical alarms, then
 * only the composites and the account-level alarms.
 */
export function dashboardLayout(settings: MonitoringSettings, alarms: AlarmSpec[], composites: CompositeAlarmSpec[], context: LayoutContext): DashboardLayout {
    const sets = settings.configurationSets;
    const mode: DashboardMode = sets.length <= MAX_DETAILED_SETS ? "perSet" : "fleet";

    const reputationRow: WidgetSpec[] = [reputationWidget("bounceRate", alarms), reputationWidget("complaintRate", alarms)];
    const bodyRows: WidgetSpec[][] = mode === "perSet" ? sets.map((set) => setRow(set, alarms)) : [fleetRow()];

    // Composites first: the root is the one alarm to look at.
    const compositeNames = [...composites].reverse().map((c) => c.name);
    const candidates: [AlarmCoverage, string[]][] = [
        ["all", [...compositeNames, ...alarms.map((a) => a.name)]],
        ["critical", [...compositeNames, ...alarms.filter((a) => a.severity === "critical").map((a) => a.name)]],
        ["composite", [...compositeNames, ...alarms.filter((a) => a.configurationSet === undefined).map((a) => a.name)]],
    ];
    const fixedWidgets = 1 + reputationRow.length + bodyRows.flat().length;
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
    rows.push(reputationRow, ...bodyRows.filter((row) => row.length > 0));

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
