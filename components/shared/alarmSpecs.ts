/**
 * The alarm spec vocabulary every part shares: severities, the metric reads and queries of an
 * alarm, the rate and reputation alarm spec (read by the dashboard, the composites, the plan and the
 * backtest), the one shape that becomes an `aws.cloudwatch.MetricAlarm`, alarm names, and the one
 * check every metric alarm of a stack passes.
 */
import type * as pulumi from "@pulumi/pulumi";
import { LIMITS, RateMetric } from "./catalog";
import { ArgsIssue, SesMonitoringArgsError } from "./checker";

export type Severity = "warning" | "critical";
export const SEVERITIES: Severity[] = ["warning", "critical"];

/**
 * Which evaluation window an alarm uses: `main`, the rate's own period (and every reputation
 * alarm); `fast`, the rate's short-period critical alarm for severe spikes (`fastWindow`).
 */
export type AlarmWindow = "main" | "fast";

export interface MetricStatSpec {
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    stat: "Sum" | "Average";
    periodSeconds: number;
}

/** One entry of an alarm's `metricQueries`: a metric read, or an expression over them. */
export interface AlarmQuerySpec {
    id: string;
    label: string;
    metric?: MetricStatSpec;
    expression?: string;
    returnData: boolean;
}

/**
 * Separates an alarm name's parts: the prefix, the configuration set (when the alarm has one) and
 * what it watches. Prefixes and set names are `[A-Za-z0-9_-]` and cannot contain it, so no two
 * stacks sharing an account and region can spell the same alarm name (with `-`, stack `prod2` with
 * set `eu-marketing` and stack `prod2-eu` with set `marketing` did). CloudWatch alarm names take any
 * UTF-8 character but ASCII control characters (CloudWatch API Reference, PutMetricAlarm, AlarmName).
 */
export const ALARM_NAME_SEPARATOR = ".";

/** `<namePrefix>.<set>.<what>`, or `<namePrefix>.<what>` for an alarm of the whole stack. */
export function alarmName(namePrefix: string, ...parts: string[]): string {
    return [namePrefix, ...parts].join(ALARM_NAME_SEPARATOR);
}

export interface AlarmSpec {
    /** Stable key: the Pulumi logical name's suffix (`<set>-<what>` or `<what>`). */
    key: string;
    /** CloudWatch alarm name (`alarmName`): `<namePrefix>.<set>.<what>` or `<namePrefix>.<what>`. */
    name: string;
    severity: Severity;
    /** `fast`: the short-period critical alarm of a rate; `main` otherwise. */
    window: AlarmWindow;
    /** What the alarm watches. */
    measure: RateMetric;
    /** `events`: a rate from event-publishing metrics; `reputation`: AWS's `Reputation.*` metric. */
    source: "events" | "reputation";
    /** The configuration set, or undefined for an account-level alarm. */
    configurationSet?: string;
    description: string;
    queries: AlarmQuerySpec[];
    comparisonOperator: "GreaterThanOrEqualToThreshold";
    /** In the unit of the returned query: percent for rates, a fraction for reputation metrics. */
    threshold: number;
    /** The threshold in percent, whatever the metric's unit. */
    thresholdPercent: number;
    /**
     * What a graph beside `thresholdPercent` draws in place of the returned query, when that query
     * is not the rate in percent (a confidence bound returns a test statistic): the plain rate.
     */
    graph?: { label: string; expression: string };
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "notBreaching" | "ignore";
}

/**
 * What every metric alarm spec of the module has in common (the rate and reputation specs of
 * alarms.ts, the sending API poller's specs, the send-volume specs): the one shape turned into an `aws.cloudwatch.MetricAlarm`.
 */
export interface MetricAlarmSpecShape {
    key: string;
    name: string;
    severity: Severity;
    description: string;
    queries: {
        id: string;
        label: string;
        expression?: string;
        returnData: boolean;
        metric?: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string; periodSeconds: number };
    }[];
    comparisonOperator: string;
    /** Undefined for an anomaly detection alarm, which compares with `thresholdMetricId`'s band. */
    threshold?: number;
    /** The id of the `ANOMALY_DETECTION_BAND` query an anomaly detection alarm compares with. */
    thresholdMetricId?: string;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: string;
}

/** A created metric alarm, as the parts that wait for or list it need it. */
export interface CreatedAlarm extends pulumi.CustomResource {
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
}

/**
 * Creates the `aws.cloudwatch.MetricAlarm` of a spec, notifying the topic of its severity: the
 * alarms part's one mapping, handed by the composition root to every part that has alarms.
 */
export type MetricAlarmFactory = (logicalName: string, spec: MetricAlarmSpecShape, opts: pulumi.CustomResourceOptions) => CreatedAlarm;

/** What `checkAlarmSpecs` reads of an alarm spec (every part's metric alarm specs have it). */
export interface CheckedAlarmSpec {
    key: string;
    name: string;
    /** Undefined for an alarm of the whole stack. */
    configurationSet?: string;
    description: string;
    queries: { metric?: unknown }[];
}

/**
 * The one check over every metric alarm of a stack (rates, reputation, the poller's, volume):
 * throws `SesMonitoringArgsError` when two share a key or a name, or a name is too long; an alarm
 * that breaks another CloudWatch limit is a bug of ours. Names cannot clash across sets (the
 * separator keeps them apart), but keys, the resources' Pulumi names, can: a set named `account`
 * would share the account-level alarms' keys.
 */
export function checkAlarmSpecs(specs: CheckedAlarmSpec[]): void {
    const issues: ArgsIssue[] = [];
    const seenKeys = new Map<string, CheckedAlarmSpec>();
    const seenNames = new Set<string>();
    for (const spec of specs) {
        const other = seenKeys.get(spec.key);
        if (other) {
            // Blame the configuration set: its name is what the user can change.
            const [set, clash] = spec.configurationSet !== undefined ? [spec, other] : [other, spec];
            const clashing = clash.configurationSet === undefined ? "an account-level alarm" : `configuration set ${clash.configurationSet}`;
            issues.push({ path: `configurationSets.${set.configurationSet}`, message: `gives alarm key "${spec.key}" (its resource name), which ${clashing} also uses: rename the set` });
        } else if (seenNames.has(spec.name)) {
            throw new Error(`internal: two alarms are named ${spec.name}`);
        }
        seenKeys.set(spec.key, spec);
        seenNames.add(spec.name);
        if (spec.name.length > LIMITS.alarmNameLength) {
            issues.push({ path: "namePrefix", message: `makes alarm name "${spec.name}" longer than ${LIMITS.alarmNameLength} characters` });
        }
        const metrics = spec.queries.filter((q) => q.metric).length;
        if (metrics > LIMITS.metricsPerAlarm || spec.description.length > LIMITS.alarmDescriptionLength) {
            throw new Error(`internal: alarm ${spec.name} breaks a CloudWatch limit (${metrics} metrics, ${spec.description.length}-character description)`);
        }
    }
    if (issues.length > 0) throw new SesMonitoringArgsError(issues);
}
