/**
 * Resources built by hand, in the shape the engine hands the pack (and the harness takes): no
 * Pulumi program, no mocks, so the pack's own tests need nothing outside policy/.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegisteredResource } from "../harness";

/** The engine's marker for a value not known during preview. */
export const UNKNOWN = pulumi.runtime.unknownValue;

export const TYPES = {
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    set: "aws:sesv2/configurationSet:ConfigurationSet",
    destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
    v1Destination: "aws:ses/eventDestination:EventDestination",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    stream: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    bucket: "aws:s3/bucket:Bucket",
    lambda: "aws:lambda/function:Function",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
} as const;

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::ses-monitoring::${type}::${name}`;
}

export function resource(type: string, name: string, inputs?: Record<string, any>, extra: Partial<RegisteredResource> = {}): RegisteredResource {
    return { type, name, urn: urnOf(type, name), inputs: inputs as Record<string, any>, ...extra };
}

export const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ses-alarms";

/** A per-set metric of AWS/SES, as a metric-math query reads it. */
export function sesMetric(metricName: string, set = "orders") {
    return { namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": set }, period: 3600, stat: "Sum" };
}

/** A bounce-rate alarm in the component's form, with `overrides` on its inputs. */
export function rateAlarm(name: string, overrides: Record<string, unknown> = {}): RegisteredResource {
    return resource(TYPES.alarm, name, {
        name,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        threshold: 4,
        metricQueries: [
            { id: "sends", returnData: false, metric: sesMetric("Send") },
            { id: "bounces", returnData: false, metric: sesMetric("Bounce") },
            { id: "rate", returnData: true, expression: "IF(sends >= 500, 100 * FILL(bounces, 0) / sends)" },
        ],
        alarmActions: [TOPIC_ARN],
        ...overrides,
    });
}

/** A reputation alarm on a plain metric. */
export function reputationAlarm(name: string, overrides: Record<string, unknown> = {}): RegisteredResource {
    return resource(TYPES.alarm, name, {
        name,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        namespace: "AWS/SES",
        metricName: "Reputation.BounceRate",
        statistic: "Average",
        period: 3600,
        threshold: 0.04,
        alarmActions: [TOPIC_ARN],
        ...overrides,
    });
}
