/**
 * The dashboard's vocabulary as plain data: widgets, the metrics and expressions they read, and the
 * threshold lines they draw. The dashboard part lays them out; other parts contribute rows in it
 * (the sending API poller's), and the renderer turns them into the body with awsx. Types only, and
 * the colours every threshold line shares.
 */

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
