import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, alarmSpecs } from "./alarms";
import { SesMonitoringArgs } from "./args";
import { createConfigurationSet } from "./configurationSets";
import { AccountContext, createAlarmTopics } from "./notifications";
import { MonitoringSettings, resolveSettings } from "./settings";

export const SES_MONITORING_TYPE = "ses-monitoring:index:SesMonitoring";

/** Resolves args and computes every spec: all the checks, none of the resources. */
export function planSesMonitoring(args: SesMonitoringArgs, context = { project: pulumi.getProject(), stack: pulumi.getStack() }): { settings: MonitoringSettings; alarms: AlarmSpec[] } {
    const settings = resolveSettings(args, context);
    return { settings, alarms: alarmSpecs(settings) };
}

/**
 * Monitoring of Amazon SES sending for one stack: configuration sets that publish every sending
 * event to CloudWatch, bounce / complaint / reject rate alarms with a low-volume guard, account and
 * per-set reputation alarms, and SNS notifications per severity.
 */
export class SesMonitoring extends pulumi.ComponentResource {
    /** The monitored configuration sets' names, once they exist. */
    public readonly configurationSetNames: pulumi.Output<string[]>;
    /** Every alarm's ARN, keyed by alarm name. */
    public readonly alarmArns: pulumi.Output<Record<string, string>>;
    /** The topic warning alarms notify. */
    public readonly warningTopicArn: pulumi.Output<string>;
    /** The topic critical alarms notify. */
    public readonly criticalTopicArn: pulumi.Output<string>;

    constructor(name: string, args: SesMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the component itself registers: an invalid input creates nothing.
        const { settings, alarms } = planSesMonitoring(args);
        super(SES_MONITORING_TYPE, name, {}, opts);

        const parentOpts = { parent: this };
        const account: pulumi.Output<AccountContext> = pulumi.all([
            aws.getCallerIdentityOutput({}, parentOpts),
            aws.getPartitionOutput({}, parentOpts),
            aws.getRegionOutput({}, parentOpts),
        ]).apply(([identity, partition, region]) => ({
            accountId: identity.accountId,
            partition: partition.partition,
            region: region.region,
        }));

        const topics = createAlarmTopics(name, settings.namePrefix, settings.notifications, account, settings.tags, this);

        const setNames: Record<string, pulumi.Output<string>> = {};
        for (const set of settings.configurationSets) {
            setNames[set.name] = createConfigurationSet(name, set, settings.tags, this);
        }

        const alarmArns: Record<string, pulumi.Output<string>> = {};
        for (const spec of alarms) {
            const alarm = new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, {
                name: spec.name,
                alarmDescription: spec.description,
                comparisonOperator: spec.comparisonOperator,
                threshold: spec.threshold,
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
                alarmActions: [topics.arns[spec.severity]],
                okActions: [topics.arns[spec.severity]],
                tags: settings.tags,
            }, { parent: this });
            alarmArns[spec.name] = alarm.arn;
        }

        this.configurationSetNames = pulumi.all(settings.configurationSets.map((s) => setNames[s.name]));
        this.alarmArns = pulumi.all(alarmArns);
        this.warningTopicArn = topics.arns.warning;
        this.criticalTopicArn = topics.arns.critical;
        this.registerOutputs({
            configurationSetNames: this.configurationSetNames,
            alarmArns: this.alarmArns,
            warningTopicArn: this.warningTopicArn,
            criticalTopicArn: this.criticalTopicArn,
        });
    }
}
