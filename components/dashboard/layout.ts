/**
 * The stack's dashboard as plain data: which widgets, which metrics and expressions each reads, and
 * the threshold lines each draws, computed from the resolved settings, the alarm specs and the
 * composite specs. No Pulumi and no awsx here: `dashboard.ts` renders this with awsx, and tests
 * check it at any size without building a resource.
 */
import {
    AWS_ENFORCEMENT,
    CONFIGURATION_SET_DIMENSION,
    EVENT_TYPES,
    EventType,
    RATE_METRICS,
    RateMetric,
    REPUTATION_METRICS,
    SES_NAMESPACE,
} from "../shared/catalog";
import { AlarmSpec, alarmName, MetricStatSpec } from "../shared/alarmSpecs";
import {
    AlarmCoverage,
    AlarmStatusWidget,
    COLORS,
    DashboardMode,
    GraphWidget,
    HeaderSpec,
    HeaderWidget,
    MetricQuery,
    ThresholdLine,
    WidgetQuery,
    WidgetSpec,
} from "../shared/dashboardWidgets";

/** What the layout reads of a configuration set: its name and the events it publishes. */
export interface DashboardSet {
    name: string;
    eventTypes: EventType[];
}

/** An alarm of another part that the alarm-status widgets list (account level unless it names a set). */
export interface ListedAlarm {
    name: string;
    severity: string;
    configurationSet?: string;
}

/** A composite alarm of the "sending at risk" tree, as the dashboard lists it. */
export interface ListedComposite {
    name: string;
    root: boolean;
}

/** What the dashboard is laid out from, besides the rate and reputation alarm specs. */
export interface DashboardInput {
    namePrefix: string;
    /** Sorted by name. */
    configurationSets: DashboardSet[];
    /** Account-level rows other parts contribute, after the reputation row (the sending API poller's). */
    accountRows: WidgetSpec[][];
    /** Those parts' alarms, listed in the alarm-status widgets after the rate and reputation alarms. */
    otherAlarms: ListedAlarm[];
    /** The "sending at risk" tree, leaves first. */
    composites: ListedComposite[];
}

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

/**
 * The dashboard's period override. CloudWatch's default, `auto`, adapts every graph's period to the
 * time range shown, so a rate graph over a week would sum hours into larger periods and apply the
 * low-volume guard per auto-period: not what its alarm evaluates. `inherit` keeps each graph's own
 * period (CloudWatch dashboard body structure, `periodOverride`).
 */
export const PERIOD_OVERRIDE = "inherit";

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

function volumeQueries(set: DashboardSet, periodSeconds: number): MetricQuery[] {
    return VOLUME_EVENTS.filter((e) => set.eventTypes.includes(e)).map((event) => ({
        kind: "metric",
        id: eventId(event),
        label: EVENT_TYPES[event],
        metric: eventMetric(set.name, event, periodSeconds),
        visible: true,
    }));
}

/**
 * The rate as the alarm computes it: the main alarms' own queries, expression and period (an alarm
 * whose returned query is a confidence bound gives the plain rate to draw, `graph`, so the line
 * and its thresholds share a unit). The fast window's 5-minute rate is not graphed (it would
 * double the set's widgets for a rate that is noisy by design); its threshold is the critical
 * line's, and that line says so.
 */
function rateWidget(set: DashboardSet, measure: RateMetric, alarms: AlarmSpec[]): GraphWidget | undefined {
    const ofRate = alarms.filter((a) => a.source === "events" && a.configurationSet === set.name && a.measure === measure);
    const own = ofRate.filter((a) => a.window === "main");
    const fast = ofRate.find((a) => a.window === "fast");
    if (own.length === 0) return undefined; // the alarm is off: the volume graph still shows the counts
    const spec = own[0];
    const queries: WidgetQuery[] = spec.queries.map((q) => (q.metric
        ? { kind: "metric", id: q.id, label: q.label, metric: q.metric, visible: false }
        : q.returnData && spec.graph
            ? { kind: "expression", id: q.id, label: spec.graph.label, expression: spec.graph.expression, extraSeries: 0 }
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

function engagementWidget(set: DashboardSet): GraphWidget | undefined {
    const needed: EventType[] = ["DELIVERY", "OPEN", "CLICK"];
    if (!needed.every((e) => set.eventTypes.includes(e))) return undefined;
    const read = (event: EventType, id: string): MetricQuery => ({
        kind: "metric", id, label: EVENT_TYPES[event], metric: eventMetric(set.name, event, VOLUME_PERIOD_SECONDS), visible: false,
    });
    return {
        kind: "graph",
        title: `${set.name}: opens and clicks per delivery (%)`,
        width: 8,
        height: 6,
        periodSeconds: VOLUME_PERIOD_SECONDS,
        stat: "Sum",
        queries: [
            read("DELIVERY", "deliveries"),
            read("OPEN", "opens"),
            read("CLICK", "clicks"),
            // An Open or Click event is published for every open and every click, repeats included
            // (reference notes, fidelity review): these are per delivery and can pass 100 %, not the
            // share of recipients who opened or clicked.
            { kind: "expression", id: "opens_per_delivery", label: "opens per delivery (%)", expression: "100 * FILL(opens, 0) / deliveries", extraSeries: 0 },
            { kind: "expression", id: "clicks_per_delivery", label: "clicks per delivery (%)", expression: "100 * FILL(clicks, 0) / deliveries", extraSeries: 0 },
        ],
        thresholds: [],
        yAxisMin: 0,
    };
}

function setRow(set: DashboardSet, alarms: AlarmSpec[]): WidgetSpec[] {
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
    if (widget.kind !== "graph" && widget.kind !== "totals" && widget.kind !== "latest") return 0;
    return (widget.queries as WidgetQuery[]).reduce((n, q) => n + (q.kind === "metric" ? 1 : q.extraSeries), 0);
}

export function layoutBudget(layout: DashboardLayout): { widgets: number; metrics: number; rows: number } {
    const widgets = layout.rows.flat();
    return { widgets: widgets.length, metrics: widgets.reduce((n, w) => n + widgetMetricCount(w), 0), rows: layout.rows.length };
}

/**
 * The dashboard of a stack. Up to `MAX_DETAILED_SETS` sets get a row each; more get top-N widgets
 * over every set. Rows other parts contribute (the sending API poller's) follow the account
 * reputation. The alarm-status widgets list every alarm, other parts' included, 100 per widget;
 * when that would pass the widget limit or `ALARM_LIST_CHARACTERS` they list the composites and
 * critical alarms, then only the composites and the account-level alarms.
 */
export function dashboardLayout(input: DashboardInput, alarms: AlarmSpec[], context: LayoutContext): DashboardLayout {
    const sets = input.configurationSets;
    const mode: DashboardMode = sets.length <= MAX_DETAILED_SETS ? "perSet" : "fleet";

    const reputationRow: WidgetSpec[] = [reputationWidget("bounceRate", alarms), reputationWidget("complaintRate", alarms)];
    const accountRows = input.accountRows.filter((row) => row.length > 0);
    const bodyRows: WidgetSpec[][] = mode === "perSet" ? sets.map((set) => setRow(set, alarms)) : [fleetRow()];

    // Composites first: the root is the one alarm to look at.
    const compositeNames = [...input.composites].reverse().map((c) => c.name);
    const stackAlarms: ListedAlarm[] = [...alarms, ...input.otherAlarms];
    const candidates: [AlarmCoverage, string[]][] = [
        ["all", [...compositeNames, ...stackAlarms.map((a) => a.name)]],
        ["critical", [...compositeNames, ...stackAlarms.filter((a) => a.severity === "critical").map((a) => a.name)]],
        ["composite", [...compositeNames, ...stackAlarms.filter((a) => a.configurationSet === undefined).map((a) => a.name)]],
    ];
    const fixedWidgets = 1 + reputationRow.length + accountRows.flat().length + bodyRows.flat().length;
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
            namePrefix: input.namePrefix,
            configurationSets: sets.map((s) => s.name),
            sendingAtRisk: input.composites.find((c) => c.root)?.name,
            mode,
            alarmCoverage,
            alarmCount: total,
        },
    };
    const rows: WidgetSpec[][] = [[header]];
    if (listed.length > 0) rows.push(alarmStatusRow(listed, total));
    rows.push(reputationRow);
    rows.push(...accountRows);
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
        // The separator ends the prefix, so the search finds this stack's alarms and no other's.
        `[Stack alarms (${alarmName(header.namePrefix, "*")})](${alarmsConsoleUrl(partition, region, alarmName(header.namePrefix, ""))})`
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
