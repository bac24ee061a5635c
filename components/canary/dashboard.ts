/**
 * The canary's place on the dashboard (pure): one graph of its set's Send, Delivery and Bounce per
 * run, and its function's errors. Its two alarms are listed in the alarm-status widgets like every
 * other alarm. Absent without the canary.
 */
import type { GraphWidget } from "../shared/dashboardWidgets";
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, SES_NAMESPACE } from "../shared/catalog";
import type { CanarySpec } from "./specs";

export function canaryWidgets(spec: CanarySpec | undefined): GraphWidget[] {
    if (!spec) return [];
    const periodSeconds = spec.scheduleMinutes * 60;
    const event = (id: string, metricName: string) => ({
        kind: "metric" as const,
        id,
        label: metricName,
        metric: { namespace: SES_NAMESPACE, metricName, dimensions: { [CONFIGURATION_SET_DIMENSION]: spec.configurationSet }, stat: "Sum" as const, periodSeconds },
        visible: true,
    });
    return [{
        kind: "graph",
        title: `Canary (${spec.configurationSet}): Send, Delivery and Bounce per run, function errors (monitoring blind when Delivery or Bounce stop)`,
        width: 12,
        height: 6,
        periodSeconds,
        stat: "Sum",
        queries: [
            event("sends", EVENT_TYPES.SEND),
            event("deliveries", EVENT_TYPES.DELIVERY),
            event("bounces", EVENT_TYPES.BOUNCE),
            {
                kind: "metric" as const,
                id: "errors",
                label: "canary errors",
                metric: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: spec.functionName }, stat: "Sum" as const, periodSeconds },
                visible: true,
            },
        ],
        thresholds: [],
        yAxisMin: 0,
    }];
}
