import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MetricAlarmSpecShape, Severity } from "../shared/alarmSpecs";

/**
 * The one mapping from an alarm spec to a MetricAlarm: metric-math queries (so the single-metric
 * fields stay unset), ALARM and OK actions to the topic of the alarm's severity. `extraAlarmActions`
 * (for example an auto-pause function) are added to the ALARM actions only.
 */
export function createMetricAlarm(
    logicalName: string,
    spec: MetricAlarmSpecShape,
    topics: Record<Severity, pulumi.Input<string>>,
    tags: Record<string, string>,
    opts: pulumi.CustomResourceOptions,
    extraAlarmActions: pulumi.Input<string>[] = [],
): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(logicalName, {
        name: spec.name,
        alarmDescription: spec.description,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        thresholdMetricId: spec.thresholdMetricId,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: spec.treatMissingData,
        metricQueries: spec.queries.map((q) => ({
            id: q.id,
            label: q.label,
            returnData: q.returnData,
            expression: q.expression,
            metric: q.metric && {
                namespace: q.metric.namespace,
                metricName: q.metric.metricName,
                dimensions: q.metric.dimensions,
                period: q.metric.periodSeconds,
                stat: q.metric.stat,
            },
        })),
        actionsEnabled: true,
        alarmActions: [topics[spec.severity], ...extraAlarmActions],
        okActions: [topics[spec.severity]],
        tags,
    }, opts);
}
