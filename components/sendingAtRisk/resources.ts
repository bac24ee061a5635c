import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CompositeAlarmSpec } from "./specs";

/**
 * The "sending at risk" tree, leaves first: a composite's rule may only name alarms that exist, so
 * each waits for its children (`alarms`, every alarm of the stack by name, grows as composites are
 * made). Only the root notifies, and only with `notify`. Returns the composites by name.
 */
export function createSendingAtRisk(
    name: string,
    specs: CompositeAlarmSpec[],
    notify: boolean,
    criticalTopicArn: pulumi.Input<string>,
    alarms: Record<string, pulumi.Resource>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): Record<string, aws.cloudwatch.CompositeAlarm> {
    const created: Record<string, aws.cloudwatch.CompositeAlarm> = {};
    for (const spec of specs) {
        const notifies = spec.root && notify;
        const composite = new aws.cloudwatch.CompositeAlarm(`${name}-${spec.key}`, {
            alarmName: spec.name,
            alarmRule: spec.rule,
            alarmDescription: spec.description,
            actionsEnabled: notifies,
            alarmActions: notifies ? [criticalTopicArn] : [],
            okActions: notifies ? [criticalTopicArn] : [],
            tags,
        }, { parent, dependsOn: spec.children.map((child) => alarms[child] ?? created[child]) });
        created[spec.name] = composite;
    }
    return created;
}
