/**
 * Renders the dashboard layout (`dashboardLayout.ts`) with `@pulumi/awsx`'s classic CloudWatch
 * builders. The only module that imports awsx: everything it draws is decided in the pure layout.
 */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { DashboardLayout, PERIOD_OVERRIDE, dashboardConsoleUrl, headerMarkdown } from "./layout";
import { MetricQuery, ThresholdLine, TotalsWidget, WidgetQuery, WidgetSpec } from "../shared/dashboardWidgets";

const cw = awsx.classic.cloudwatch;
type Widget = awsx.classic.cloudwatch.Widget;
type WidgetMetric = awsx.classic.cloudwatch.WidgetMetric;

/**
 * Totals over a trailing range. awsx's single-number widget shows each metric's latest period,
 * which for a day-long period is the current calendar day so far; CloudWatch's
 * `setPeriodToTimeRange` with a widget-level `start` sums the whole last 24 hours instead
 * (properties of a metric widget, as the AWS CDK's SingleValueWidget emits them).
 */
class TrailingTotalsWidget extends cw.SingleNumberMetricWidget {
    constructor(args: awsx.classic.cloudwatch.MetricWidgetArgs, private readonly rangeSeconds: number) {
        super(args);
    }

    protected computeProperties(region: pulumi.Output<aws.Region>): awsx.classic.cloudwatch.MetricWidgetJson["properties"] {
        const base = super.computeProperties(region) as awsx.classic.cloudwatch.MetricWidgetPropertiesJson;
        return { ...base, setPeriodToTimeRange: true, start: `-PT${this.rangeSeconds / 3600}H` } as awsx.classic.cloudwatch.MetricWidgetPropertiesJson;
    }
}

/**
 * One metric read, in the dashboard body's metrics-array format
 * (`[namespace, name, dimension, value, ..., { rendering properties }]`). It fits awsx's
 * `WidgetMetric` like awsx's own `Metric`, which builds a dozen Outputs per metric: at 25 sets
 * (about 600 metrics) that made the dashboard ten times slower to build. Ours is plain data.
 */
class CatalogMetric implements WidgetMetric {
    constructor(private readonly query: MetricQuery) {}

    addWidgetJson(metrics: awsx.classic.cloudwatch.MetricJson[]): void {
        const { metric, id, label, visible } = this.query;
        const dimensions = Object.entries(metric.dimensions).flat();
        const rendering = { stat: metric.stat, period: metric.periodSeconds, id, label, visible };
        metrics.push(pulumi.output([metric.namespace, metric.metricName, ...dimensions, rendering]) as awsx.classic.cloudwatch.SingleMetricJson);
    }
}

function widgetMetric(query: WidgetQuery): WidgetMetric {
    if (query.kind === "expression") return new cw.ExpressionWidgetMetric(query.expression, query.label, query.id);
    return new CatalogMetric(query);
}

function line(threshold: ThresholdLine): awsx.classic.cloudwatch.HorizontalAnnotation {
    return new cw.HorizontalAnnotation({ aboveEdge: { value: threshold.value, label: threshold.label }, color: threshold.color });
}

export interface DashboardContext {
    region: pulumi.Output<string>;
    partition: pulumi.Output<string>;
    /** The ARN of an alarm the layout lists, by alarm name (undefined for an alarm the stack does not create). */
    alarmArn: (alarmName: string) => pulumi.Input<string> | undefined;
}

function widget(spec: WidgetSpec, context: DashboardContext): Widget {
    switch (spec.kind) {
        case "header":
            return new cw.TextWidget({
                width: spec.width,
                height: spec.height,
                markdown: pulumi.all([context.region, context.partition]).apply(([region, partition]) => headerMarkdown(spec.header, region, partition)),
            });
        case "graph":
            return new cw.LineGraphMetricWidget({
                title: spec.title,
                width: spec.width,
                height: spec.height,
                period: spec.periodSeconds,
                statistic: spec.stat,
                metrics: spec.queries.map(widgetMetric),
                annotations: spec.thresholds.map(line),
                yAxis: spec.yAxisMin === undefined ? undefined : { left: { min: spec.yAxisMin } },
            });
        case "totals":
            return totals(spec);
        case "latest":
            // awsx's single-number widget shows each metric's most recent datapoint: a gauge's last poll.
            return new cw.SingleNumberMetricWidget({
                title: spec.title,
                width: spec.width,
                height: spec.height,
                period: spec.periodSeconds,
                statistic: spec.stat,
                metrics: spec.queries.map((q: MetricQuery) => widgetMetric(q)),
            });
        case "alarmStatus":
            return new cw.AlarmWidget({
                title: spec.title,
                width: spec.width,
                height: spec.height,
                sortBy: "stateUpdatedTimestamp",
                alarms: spec.alarms.map((name) => {
                    const arn = context.alarmArn(name);
                    if (arn === undefined) throw new Error(`internal: the dashboard lists alarm ${name}, which the stack does not create`);
                    return arn;
                }),
            });
        default:
            throw new Error(`internal: unknown widget ${(spec as { kind: string }).kind}`);
    }
}

function totals(spec: TotalsWidget): Widget {
    return new TrailingTotalsWidget({
        title: spec.title,
        width: spec.width,
        height: spec.height,
        period: spec.rangeSeconds,
        statistic: "Sum",
        metrics: spec.queries.map((q: MetricQuery) => widgetMetric(q)),
    }, spec.rangeSeconds);
}

/**
 * The stack's CloudWatch dashboard. Returns its name and a console link in the stack's region
 * and partition.
 */
export function createDashboard(
    name: string,
    layout: DashboardLayout,
    dashboardName: pulumi.Input<string>,
    context: DashboardContext,
    parent: pulumi.Resource,
): { dashboardName: pulumi.Output<string>; dashboardUrl: pulumi.Output<string> } {
    const dashboard = new cw.Dashboard(`${name}-dashboard`, {
        name: dashboardName,
        region: context.region as pulumi.Output<aws.Region>,
        periodOverride: PERIOD_OVERRIDE,
        widgets: layout.rows.map((row) => new cw.RowWidget(...row.map((spec) => widget(spec, context)))),
    }, { parent });
    return {
        dashboardName: dashboard.dashboardName,
        dashboardUrl: pulumi.all([context.partition, context.region, dashboard.dashboardName])
            .apply(([partition, region, dashboardNameValue]) => dashboardConsoleUrl(partition, region, dashboardNameValue)),
    };
}
