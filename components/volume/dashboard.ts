/**
 * Send volume's place on the dashboard (pure): the account's `Send` as its volume alarm reads it,
 * with the anomaly band or the ceiling line. The per-set and missing-traffic alarms are listed in
 * the alarm-status widgets like every other alarm. Absent without `volume`.
 */
import { COLORS, GraphWidget, WidgetQuery } from "../shared/dashboardWidgets";
import type { VolumeAlarmSpec } from "./specs";

export function volumeWidgets(specs: VolumeAlarmSpec[]): GraphWidget[] {
    const account = specs.find((s) => s.configurationSet === undefined && (s.measure === "sendSurge" || s.measure === "sendCeiling"));
    if (!account) return [];
    const queries: WidgetQuery[] = account.queries.map((q) => q.metric
        ? { kind: "metric", id: q.id, label: q.label, metric: q.metric, visible: true }
        : { kind: "expression", id: q.id, label: q.label, expression: q.expression!, extraSeries: 0 });
    return [{
        kind: "graph",
        title: account.measure === "sendCeiling" ? "Account Send against its ceiling" : "Account Send against its anomaly band",
        width: 12,
        height: 6,
        periodSeconds: account.periodSeconds,
        stat: "Sum",
        queries,
        thresholds: account.threshold === undefined ? [] : [{
            value: account.threshold,
            label: `${account.severity} ${account.threshold}`,
            color: COLORS[account.severity],
            source: { alarm: account.name },
        }],
        yAxisMin: 0,
    }];
}
