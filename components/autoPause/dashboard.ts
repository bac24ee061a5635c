/**
 * Auto-pause's place on the dashboard (pure): one graph of its functions' invocations and errors,
 * so a pause (or a failed one) shows next to the alarms that caused it. Absent without auto-pause.
 */
import type { GraphWidget } from "../shared/dashboardWidgets";
import type { AutoPauseSpec } from "./specs";

const LAMBDA_NAMESPACE = "AWS/Lambda";

export function autoPauseWidgets(specs: AutoPauseSpec[]): GraphWidget[] {
    if (specs.length === 0) return [];
    const metric = (spec: AutoPauseSpec, metricName: "Invocations" | "Errors") => ({
        namespace: LAMBDA_NAMESPACE,
        metricName,
        dimensions: { FunctionName: spec.functionName },
        stat: "Sum" as const,
        periodSeconds: 300,
    });
    return [{
        kind: "graph",
        title: "Auto-pause: invocations (a pause or dry run) and errors (pause failed)",
        width: 12,
        height: 6,
        periodSeconds: 300,
        stat: "Sum",
        queries: specs.flatMap((spec, i) => [
            { kind: "metric" as const, id: `invocations${i}`, label: `${spec.configurationSet} invocations${spec.dryRun ? " (dry run)" : ""}`, metric: metric(spec, "Invocations"), visible: true },
            { kind: "metric" as const, id: `errors${i}`, label: `${spec.configurationSet} errors`, metric: metric(spec, "Errors"), visible: true },
        ]),
        thresholds: [],
        yAxisMin: 0,
    }];
}
