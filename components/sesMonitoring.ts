/**
 * The composition root: the only module that knows every part. It resolves the settings (every
 * check, before anything registers), computes each part's specs, hands each part what it needs of
 * the others, and creates the resources.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createMetricAlarm } from "./alarms/resources";
import { createFunction } from "./functions/resources";
import { createAutoPause } from "./autoPause/resources";
import { autoPauseWidgets } from "./autoPause/dashboard";
import { AutoPauseSpec, autoPauseSpecs } from "./autoPause/specs";
import { canaryWidgets } from "./canary/dashboard";
import { createCanary } from "./canary/resources";
import { CanaryAlarmSpec, canaryAlarmSpecs, CanarySpec, canarySpec } from "./canary/specs";
import { alarmSpecs } from "./alarms/specs";
import { SesMonitoringArgs } from "./args";
import { createConfigurationSet } from "./configurationSets/resources";
import { DashboardLayout, dashboardLayout, defaultDashboardName } from "./dashboard/layout";
import { createDashboard } from "./dashboard/resources";
import { createDeliverabilityManager } from "./deliverabilityManager/resources";
import { VdmAttributesSpec, vdmAttributesSpec } from "./deliverabilityManager/specs";
import { createEventArchive, createFirehoseEventDestination } from "./eventArchive/resources";
import { createEventBridgeDestination, createSnsDestination } from "./eventDestinations/resources";
import { createFeedbackNotifications } from "./feedbackNotifications/resources";
import { createAlarmTopics } from "./notifications/resources";
import { createSendingAtRisk } from "./sendingAtRisk/resources";
import { CompositeAlarmSpec, sendingAtRiskSpecs } from "./sendingAtRisk/specs";
import { createSendingQuotaPoller, PollerAlarmSpec, pollerAlarmSpecs, sendingApiRow } from "./sendingQuota";
import { MonitoringSettings, ResolveContext, resolveSettings } from "./settings";
import { AccountContext, alarmArn } from "./shared/account";
import { AlarmSpec, checkAlarmSpecs } from "./shared/alarmSpecs";
import { SesMonitoringArgsError } from "./shared/checker";
import { FunctionFactory } from "./shared/lambdaCode";
import { runPaced } from "./pacing";
import { SES_MONITORING_TYPE } from "./shared/catalog";
import { volumeWidgets } from "./volume/dashboard";
import { VolumeAlarmSpec, volumeAlarmSpecs } from "./volume/specs";

export { SES_MONITORING_TYPE };

export interface SesMonitoringPlan {
    settings: MonitoringSettings;
    alarms: AlarmSpec[];
    /** The sending API poller's alarms (empty when it is off). */
    pollerAlarms: PollerAlarmSpec[];
    /** The "sending at risk" composite tree, leaves first, root last. */
    composites: CompositeAlarmSpec[];
    /** Undefined when the dashboard is off. */
    dashboard?: DashboardLayout;
    /** One per configuration set with auto-pause on. */
    autoPause: AutoPauseSpec[];
    /** Missing-traffic and send-volume alarms (empty unless configured). */
    volumeAlarms: VolumeAlarmSpec[];
    /** The account's VDM attributes, when the stack manages them. */
    deliverabilityManager?: VdmAttributesSpec;
    /** The canary, when configured, and its "monitoring blind" alarms (empty without it). */
    canary?: CanarySpec;
    canaryAlarms: CanaryAlarmSpec[];
}

/** Resolves args and computes every spec: all the checks, none of the resources. */
export function planSesMonitoring(args: SesMonitoringArgs, context: ResolveContext = currentStack()): SesMonitoringPlan {
    const settings = resolveSettings(args, context);
    const alarms = alarmSpecs(settings);
    const pollerAlarms = pollerAlarmSpecs(settings.namePrefix, settings.sendingQuota);
    const autoPause = autoPauseSpecs(settings.namePrefix, settings.configurationSets, alarms);
    const volumeAlarms = volumeAlarmSpecs(settings.namePrefix, settings.configurationSets, settings.volume);
    const canary = canarySpec(settings.namePrefix, settings.canary);
    const canaryAlarms = canaryAlarmSpecs(settings.namePrefix, canary);
    checkAlarmSpecs([...alarms, ...pollerAlarms, ...volumeAlarms, ...canaryAlarms]);
    // Sending paused or under review is sending at risk too: the poller's critical alarms join the
    // composite, and so do a set gone silent and a volume ceiling.
    const composites = sendingAtRiskSpecs(settings, [...alarms, ...pollerAlarms, ...volumeAlarms, ...canaryAlarms]);
    const dashboard = settings.dashboard.enabled
        ? dashboardLayout({
            namePrefix: settings.namePrefix,
            configurationSets: settings.configurationSets,
            accountRows: [
                ...(pollerAlarms.length > 0 ? [sendingApiRow(settings.namePrefix, pollerAlarms)] : []),
                // Protection: what acted (auto-pause) and the account's volume; empty rows are dropped.
                [...autoPauseWidgets(autoPause), ...volumeWidgets(volumeAlarms), ...canaryWidgets(canary)],
            ],
            otherAlarms: [...pollerAlarms, ...volumeAlarms, ...canaryAlarms],
            composites,
        }, alarms, { stack: context.stack })
        : undefined;
    return { settings, alarms, pollerAlarms, composites, dashboard, autoPause, volumeAlarms, deliverabilityManager: vdmAttributesSpec(settings.deliverabilityManager), canary, canaryAlarms };
}

/**
 * The AWS provider the component's resources use when it is not the stack's default one: given as
 * `provider` or in `providers`, or inherited from the parent (which holds its own and its
 * ancestors' providers). Its region is then the provider's, not the `aws:region` config.
 */
function ownAwsProvider(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource | undefined {
    if (opts === undefined) return undefined;
    const isAws = (p: pulumi.ProviderResource) => (p as unknown as { getPackage?: () => string }).getPackage?.() === "aws";
    // A component's `provider` serves only the children of its own package: another package's
    // leaves the AWS children on the default AWS provider, or on the one listed or inherited.
    const listed = Array.isArray(opts.providers) ? opts.providers : Object.values(opts.providers ?? {});
    const given = opts.provider !== undefined ? [opts.provider, ...listed] : listed;
    return given.find(isAws) ?? opts.parent?.getProvider("aws:index:getRegion");
}

/** The running stack: its project, name and, when configured, its region (`aws:region`). */
function currentStack(): ResolveContext {
    return { project: pulumi.getProject(), stack: pulumi.getStack(), region: new pulumi.Config("aws").get("region") };
}

function alarmArnOutput(account: pulumi.Output<AccountContext>, alarmName: pulumi.Output<string>): pulumi.Output<string> {
    return pulumi.all([account, alarmName]).apply(([a, n]) => alarmArn(n, a));
}

/** A component as the names it takes record it: its name and its parent (undefined: the stack). */
interface Taker {
    name: string;
    parent: pulumi.Resource | undefined;
}

/**
 * What each component of a deployment has taken, by the AWS provider its resources use (undefined:
 * the stack's default one): its name prefix and its configuration sets' names, with the component
 * that took each. A deployment is known by its resource monitor: one per program run (and one per
 * mocked run in tests).
 */
const namesTaken = new WeakMap<object, Map<pulumi.ProviderResource | undefined, Map<string, Taker>>>();

/**
 * Refuses a second component of the deployment, under the same AWS provider, that takes the prefix
 * of another (every physical name starts with it, so the two would share alarm, topic, function and
 * dashboard names) or a configuration set another monitors (SES has one set of a name per account
 * and region, and both would create it, or its event destinations, whose names are fixed: AWS would
 * refuse one of them while deploying). Their URNs differ, so nothing else would complain before AWS
 * does, or does not. Under another provider the region may differ, and the names that IAM, S3 and
 * dashboards keep account-wide carry the region. The same component (name and parent) may come
 * again: a program's unit tests construct it once per test. Returns what takes the names, to call
 * once the component has registered: a construction that fails takes nothing.
 */
function checkNames(taker: Taker, namePrefix: string, prefixGiven: boolean, setNames: string[], provider: pulumi.ProviderResource | undefined): () => void {
    const monitor = pulumi.runtime.getMonitor();
    if (monitor === undefined) return () => undefined;
    const byProvider = namesTaken.get(monitor) ?? new Map<pulumi.ProviderResource | undefined, Map<string, Taker>>();
    namesTaken.set(monitor, byProvider);
    const taken = byProvider.get(provider) ?? new Map<string, Taker>();
    byProvider.set(provider, taken);
    const keys = [`prefix ${namePrefix}`, ...setNames.map((set) => `set ${set}`)];
    const holderOf = (key: string) => {
        const holder = taken.get(key);
        return holder !== undefined && (holder.name !== taker.name || holder.parent !== taker.parent) ? holder.name : undefined;
    };
    const issues: { path: string; message: string }[] = [];
    const prefixHolder = holderOf(keys[0]!);
    if (prefixHolder !== undefined) {
        issues.push({
            path: "namePrefix",
            message: `${JSON.stringify(namePrefix)}${prefixGiven ? "" : " (the default, <project>-<stack>)"} is already the prefix of SesMonitoring ${JSON.stringify(prefixHolder)} in this stack, and every physical name starts with it: give each SesMonitoring of a stack its own namePrefix`,
        });
    }
    setNames.forEach((set, i) => {
        const holder = holderOf(keys[i + 1]!);
        if (holder === undefined) return;
        issues.push({
            path: `configurationSets.${set}`,
            message: `${JSON.stringify(set)} is already monitored by SesMonitoring ${JSON.stringify(holder)} in this stack, under the same AWS provider: SES has one configuration set of a name per account and region, and both would create it or its event destinations, whose names are fixed (AWS refuses one of them while deploying): monitor each set from one SesMonitoring`,
        });
    });
    if (issues.length > 0) throw new SesMonitoringArgsError(issues);
    return () => {
        for (const key of keys) taken.set(key, taker);
    };
}

/** Each component's creation, settled once the last turn has created the last child (read by `initialize`). */
const childrenCreated = new WeakMap<SesMonitoring, Promise<unknown>>();

/**
 * Monitoring of Amazon SES sending for one stack: configuration sets that publish every sending
 * event to CloudWatch, bounce / complaint / reject rate alarms with a low-volume guard, account and
 * per-set reputation alarms, and SNS notifications per severity.
 */
export class SesMonitoring extends pulumi.ComponentResource {
    /** The monitored configuration sets' names, once they exist. */
    public readonly configurationSetNames: pulumi.Output<string[]>;
    /** Every alarm's ARN (metric and composite alarms), keyed by alarm name. */
    public readonly alarmArns: pulumi.Output<Record<string, string>>;
    /** The topic warning alarms notify. */
    public readonly warningTopicArn: pulumi.Output<string>;
    /** The topic critical alarms notify. */
    public readonly criticalTopicArn: pulumi.Output<string>;
    /** The dashboard's name (undefined when the dashboard is off). */
    public readonly dashboardName: pulumi.Output<string | undefined>;
    /** A console link to the dashboard in the stack's region (undefined when the dashboard is off). */
    public readonly dashboardUrl: pulumi.Output<string | undefined>;
    /** The event archive's S3 bucket (undefined without `eventArchive`). */
    public readonly eventArchiveBucketName: pulumi.Output<string | undefined>;
    /** The Athena workgroup to query the archive with (undefined without `eventArchive`). */
    public readonly eventArchiveWorkgroup: pulumi.Output<string | undefined>;
    /** The Glue table over the archive, `<database>.<table>` (undefined without `eventArchive`). */
    public readonly eventArchiveTable: pulumi.Output<string | undefined>;
    /** The SNS topic each configuration set with an SNS destination publishes to, by set. */
    public readonly eventTopicArns: pulumi.Output<Record<string, string>>;
    /** The default event bus the EventBridge destinations publish to (undefined when none). */
    public readonly eventBusArn: pulumi.Output<string | undefined>;
    /** The EventBridge pattern (JSON) that matches each set's events, by set. */
    public readonly eventBridgePatterns: pulumi.Output<Record<string, string>>;
    /** The feedback topic of each identity, by identity. */
    public readonly feedbackTopicArns: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: SesMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the component itself registers: an invalid input creates nothing.
        // Under an AWS provider of the component's own (given, or inherited from a parent) the region
        // is the provider's, known only while deploying: then given topic ARNs are checked against
        // the region the children deploy to once it is known (`checkedTopicArn`).
        const stack = currentStack();
        const provider = ownAwsProvider(opts);
        const plan = planSesMonitoring(args, provider !== undefined ? { ...stack, region: undefined } : stack);
        const takeNames = checkNames({ name, parent: opts?.parent }, plan.settings.namePrefix, (args as { namePrefix?: unknown } | undefined)?.namePrefix !== undefined, plan.settings.configurationSets.map((c) => c.name), provider);
        super(SES_MONITORING_TYPE, name, {}, opts);
        takeNames();

        // The children are created in turns (components/pacing.ts): all of them before this returns
        // in a stack of a few hundred resources, the rest after it in larger ones. Each output
        // waits for the turn that makes it, and so does `dependsOn: [this]` (see `initialize`).
        const children = runPaced(createChildren(this, name, plan));
        childrenCreated.set(this, children);
        const later = <T>(pick: (c: Children) => pulumi.Output<T>): pulumi.Output<T> => pulumi.output(children.then(pick)) as pulumi.Output<T>;
        this.configurationSetNames = later((c) => c.configurationSetNames);
        this.alarmArns = later((c) => c.alarmArns);
        this.warningTopicArn = later((c) => c.warningTopicArn);
        this.criticalTopicArn = later((c) => c.criticalTopicArn);
        this.dashboardName = later((c) => c.dashboardName);
        this.dashboardUrl = later((c) => c.dashboardUrl);
        this.eventArchiveBucketName = later((c) => c.eventArchiveBucketName);
        this.eventArchiveWorkgroup = later((c) => c.eventArchiveWorkgroup);
        this.eventArchiveTable = later((c) => c.eventArchiveTable);
        this.eventTopicArns = later((c) => c.eventTopicArns);
        this.eventBusArn = later((c) => c.eventBusArn);
        this.eventBridgePatterns = later((c) => c.eventBridgePatterns);
        this.feedbackTopicArns = later((c) => c.feedbackTopicArns);
        // Registering these outputs keeps the deployment open until the last turn has run.
        this.registerOutputs({
            eventArchiveBucketName: this.eventArchiveBucketName,
            eventArchiveWorkgroup: this.eventArchiveWorkgroup,
            eventArchiveTable: this.eventArchiveTable,
            eventTopicArns: this.eventTopicArns,
            eventBusArn: this.eventBusArn,
            eventBridgePatterns: this.eventBridgePatterns,
            feedbackTopicArns: this.feedbackTopicArns,
            dashboardName: this.dashboardName,
            dashboardUrl: this.dashboardUrl,
            configurationSetNames: this.configurationSetNames,
            alarmArns: this.alarmArns,
            warningTopicArn: this.warningTopicArn,
            criticalTopicArn: this.criticalTopicArn,
        });
    }

    /**
     * What a resource with `dependsOn: [monitoring]` waits for. Pulumi expands a component in
     * `dependsOn` to the children it has once this component's `initialize` has settled; the
     * default settles at once, when a large stack's later turns have not created their children
     * yet, and the dependent would miss them. This one settles after the last turn, so the
     * dependent depends on every child at any size. `ComponentResource` calls it from its
     * constructor, before this class's constructor has started the turns: one microtask later it has.
     */
    protected override async initialize(): Promise<unknown> {
        await Promise.resolve();
        await childrenCreated.get(this);
        return undefined;
    }
}

/** The component's outputs, as its children give them. */
type Children = Pick<SesMonitoring,
    "configurationSetNames" | "alarmArns" | "warningTopicArn" | "criticalTopicArn" | "dashboardName" | "dashboardUrl" | "eventArchiveBucketName"
    | "eventArchiveWorkgroup" | "eventArchiveTable" | "eventTopicArns" | "eventBusArn" | "eventBridgePatterns" | "feedbackTopicArns">;

/**
 * Creates every child of the component from its plan, in a fixed order, yielding after each unit
 * of work (a configuration set, an alarm) for `runPaced`.
 */
function* createChildren(parent: SesMonitoring, name: string, plan: SesMonitoringPlan): Generator<void, Children, void> {
    const { settings, alarms, composites: compositeSpecs, dashboard, autoPause, volumeAlarms, deliverabilityManager, canary, canaryAlarms } = plan;
    const parentOpts = { parent };
    const account: pulumi.Output<AccountContext> = pulumi.all([
        aws.getCallerIdentityOutput({}, parentOpts),
        aws.getPartitionOutput({}, parentOpts),
        aws.getRegionOutput({}, parentOpts),
    ]).apply(([identity, partition, region]) => ({
        accountId: identity.accountId,
        partition: partition.partition,
        region: region.region,
    }));

    const topics = createAlarmTopics(name, settings.namePrefix, settings.notifications, account, settings.tags, parent);

    const setNames: Record<string, pulumi.Output<string>> = {};
    for (const set of settings.configurationSets) {
        setNames[set.name] = createConfigurationSet(name, set, settings.tags, parent);
        yield;
    }

    const archive = createEventArchive(name, settings.namePrefix, settings.eventArchive, account, settings.tags, parent);
    const eventTopicArns: Record<string, pulumi.Output<string>> = {};
    const eventBridgePatterns: Record<string, string> = {};
    let eventBusArn: pulumi.Output<string> | undefined;
    for (const set of settings.configurationSets) {
        if (archive) createFirehoseEventDestination(name, set.name, setNames[set.name], settings.eventArchive, archive, parent);
        const sns = createSnsDestination(name, settings.namePrefix, set.name, setNames[set.name], set.snsDestination, account, settings.tags, parent);
        if (sns) eventTopicArns[set.name] = sns.topicArn;
        const bus = createEventBridgeDestination(name, set.name, setNames[set.name], set.eventBridgeDestination, account, parent);
        if (bus) {
            eventBridgePatterns[set.name] = bus.eventPattern;
            eventBusArn = bus.eventBusArn;
        }
        yield;
    }
    createDeliverabilityManager(name, deliverabilityManager, parent);
    const feedback = createFeedbackNotifications(name, settings.namePrefix, settings.identities, account, settings.tags, parent);
    // Every function of the stack (auto-pause, the poller, the canary) comes from one factory.
    const createStackFunction: FunctionFactory = (logicalName, spec, functionParent) => createFunction(logicalName, spec, account, settings.tags, functionParent);
    // Auto-pause: each set's function becomes an extra ALARM action of the alarms that trigger it.
    const extraAlarmActions: Record<string, pulumi.Output<string>[]> = {};
    for (const spec of autoPause) {
        const created = createAutoPause(name, settings.namePrefix, spec, account, topics.arns.critical, createStackFunction, parent);
        for (const alarmName of spec.triggerAlarms) (extraAlarmActions[alarmName] ??= []).push(created.alarmAction);
        yield;
    }
    const createAlarm = (logicalName: string, spec: Parameters<typeof createMetricAlarm>[1], opts: pulumi.CustomResourceOptions) =>
        createMetricAlarm(logicalName, spec, topics.arns, settings.tags, opts, extraAlarmActions[spec.name]);
    const poller = createSendingQuotaPoller(name, settings.namePrefix, settings.sendingQuota, account, createAlarm, createStackFunction, parent);
    const canaryCreated = canary ? createCanary(name, settings.namePrefix, canary, canaryAlarms, account, createAlarm, createStackFunction, settings.tags, parent) : undefined;

    const alarmArns: Record<string, pulumi.Output<string>> = {};
    const alarmResources: Record<string, pulumi.Resource> = {};
    // The dashboard addresses alarms by ARN; built from the name output, it is right in every
    // partition and makes the dashboard wait for the alarm. Built only for the alarms the
    // dashboard lists: with many sets it lists the composites and account alarms alone, and an
    // Output per alarm it does not list would be most of the component's own cost.
    const alarmNames: Record<string, pulumi.Output<string>> = {};
    for (const spec of [...alarms, ...volumeAlarms]) {
        const alarm = createAlarm(`${name}-${spec.key}`, spec, parentOpts);
        alarmArns[spec.name] = alarm.arn;
        alarmResources[spec.name] = alarm;
        alarmNames[spec.name] = alarm.name;
        yield;
    }
    for (const spec of poller.alarms) {
        alarmArns[spec.name] = poller.alarmArns[spec.name];
        alarmResources[spec.name] = poller.alarmResources[spec.name];
        alarmNames[spec.name] = poller.alarmResources[spec.name].name;
    }
    for (const [alarmName, alarm] of Object.entries(canaryCreated?.alarmResources ?? {})) {
        alarmArns[alarmName] = alarm.arn;
        alarmResources[alarmName] = alarm;
        alarmNames[alarmName] = alarm.name;
    }
    const composites = createSendingAtRisk(name, compositeSpecs, settings.sendingAtRisk.notify, topics.arns.critical, alarmResources, settings.tags, parent);
    for (const [compositeName, composite] of Object.entries(composites)) {
        alarmArns[compositeName] = composite.arn;
        alarmNames[compositeName] = composite.alarmName;
    }
    const listedArn = (alarm: string) => (alarmNames[alarm] === undefined ? undefined : alarmArnOutput(account, alarmNames[alarm]));

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
            { region, partition: account.apply((a) => a.partition), alarmArn: listedArn },
            parent,
        );
    }

    return {
        configurationSetNames: pulumi.all(settings.configurationSets.map((s) => setNames[s.name])),
        alarmArns: pulumi.all(alarmArns),
        warningTopicArn: topics.arns.warning,
        criticalTopicArn: topics.arns.critical,
        dashboardName: dashboardOutputs.dashboardName,
        dashboardUrl: dashboardOutputs.dashboardUrl,
        eventArchiveBucketName: archive ? archive.bucketName : pulumi.output(undefined),
        eventArchiveWorkgroup: archive ? archive.athenaWorkgroup : pulumi.output(undefined),
        eventArchiveTable: archive ? pulumi.interpolate`${archive.glueDatabase}.${archive.glueTable}` : pulumi.output(undefined),
        eventTopicArns: pulumi.all(eventTopicArns),
        eventBusArn: eventBusArn ?? pulumi.output(undefined),
        eventBridgePatterns: pulumi.output(eventBridgePatterns),
        feedbackTopicArns: pulumi.all(feedback.topicArns),
    };
}
