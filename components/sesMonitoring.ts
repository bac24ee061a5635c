import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, alarmSpecs } from "./alarms";
import { SesMonitoringArgs } from "./args";
import { CompositeAlarmSpec, sendingAtRiskSpecs } from "./compositeAlarms";
import { createConfigurationSet } from "./configurationSets";
import { createDashboard } from "./dashboard";
import { DashboardLayout, dashboardLayout, defaultDashboardName } from "./dashboardLayout";
import { AccountContext, createAlarmTopics } from "./notifications";
import { MonitoringSettings, resolveSettings } from "./settings";

export const SES_MONITORING_TYPE = "ses-monitoring:index:SesMonitoring";

export interface SesMonitoringPlan {
    settings: MonitoringSettings;
    alarms: AlarmSpec[];
    /** The "sending at risk" composite tree, leaves first, root last. */
    composites: CompositeAlarmSpec[];
    /** Undefined when the dashboard is off. */
    dashboard?: DashboardLayout;
}

/** Resolves args and computes every spec: all the checks, none of the resources. */
export function planSesMonitoring(args: SesMonitoringArgs, context = { project: pulumi.getProject(), stack: pulumi.getStack() }): SesMonitoringPlan {
    const settings = resolveSettings(args, context);
    const alarms = alarmSpecs(settings);
    const composites = sendingAtRiskSpecs(settings, alarms);
    const dashboard = settings.dashboard.enabled ? dashboardLayout(settings, alarms, composites, { stack: context.stack }) : undefined;
    return { settings, alarms, composites, dashboard };
}

function alarmArn(account: pulumi.Output<AccountContext>, alarmName: pulumi.Output<string>): pulumi.Output<string> {
    return pulumi.all([account, alarmName]).apply(([a, n]) => `arn:${a.partition}:cloudwatch:${a.region}:${a.accountId}:alarm:${n}`);
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
    /** The dashboard's name (undefined when the dashboard is off). */
    public readonly dashboardName: pulumi.Output<string | undefined>;
    /** A console link to the dashboard in the stack's region (undefined when the dashboard is off). */
    public readonly dashboardUrl: pulumi.Output<string | undefined>;

    constructor(name: string, args: SesMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the component itself registers: an invalid input creates nothing.
        const { settings, alarms, composites, dashboard } = planSesMonitoring(args);
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
        const alarmResources: Record<string, pulumi.Resource> = {};
        // Composites and the dashboard address alarms by ARN; built from the name output, it is
        // right in every partition and makes them wait for the alarm.
        const listedArns: Record<string, pulumi.Output<string>> = {};
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
            alarmResources[spec.name] = alarm;
            listedArns[spec.name] = alarmArn(account, alarm.name);
        }

        // Leaves first: a composite's rule may only name alarms that exist.
        for (const spec of composites) {
            const notify = spec.root && settings.sendingAtRisk.notify;
            const composite = new aws.cloudwatch.CompositeAlarm(`${name}-${spec.key}`, {
                alarmName: spec.name,
                alarmRule: spec.rule,
                alarmDescription: spec.description,
                actionsEnabled: notify,
                alarmActions: notify ? [topics.arns.critical] : [],
                okActions: notify ? [topics.arns.critical] : [],
                tags: settings.tags,
            }, { parent: this, dependsOn: spec.children.map((child) => alarmResources[child]) });
            alarmResources[spec.name] = composite;
            listedArns[spec.name] = alarmArn(account, composite.alarmName);
        }

        let dashboardOutputs: { dashboardName: pulumi.Output<string | undefined>; dashboardUrl: pulumi.Output<string | undefined> } = {
            dashboardName: pulumi.output(undefined),
            dashboardUrl: pulumi.output(undefined),
        };
        if (dashboard) {
            const region = account.apply((a) => a.region);
            dashboardOutputs = createDashboard(
                name,
                dashboard,
                settings.dashboard.name ?? region.apply((r) => defaultDashboardName(settings.namePrefix, r)),
                { region, partition: account.apply((a) => a.partition), alarmArns: listedArns },
                this,
            );
        }

        this.configurationSetNames = pulumi.all(settings.configurationSets.map((s) => setNames[s.name]));
        this.alarmArns = pulumi.all(alarmArns);
        this.warningTopicArn = topics.arns.warning;
        this.criticalTopicArn = topics.arns.critical;
        this.dashboardName = dashboardOutputs.dashboardName;
        this.dashboardUrl = dashboardOutputs.dashboardUrl;
        this.registerOutputs({
            dashboardName: this.dashboardName,
            dashboardUrl: this.dashboardUrl,
            configurationSetNames: this.configurationSetNames,
            alarmArns: this.alarmArns,
            warningTopicArn: this.warningTopicArn,
            criticalTopicArn: this.criticalTopicArn,
        });
    }
}
