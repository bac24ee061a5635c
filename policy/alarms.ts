/**
 * Alarm policies: every configuration set is watched on its bounce and complaint rates, no
 * threshold sits at or above the level where AWS reviews the account (an alarm there fires too
 * late to act), and every alarm on SES metrics notifies someone.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, PolicyConfigSchema } from "@pulumi/policy";
import { AWS_ENFORCEMENT, CONFIGURATION_SET_DIMENSION, EVENT_TYPES, REPUTATION_METRICS, SES_NAMESPACE } from "./shared";
import { formatNumber, isSesMetric, Measure, MEASURE_METRICS, measuresOf, MetricRead, unitText, analyzeAlarm } from "./alarmAnalysis";
import { AlarmInfo, alarmLabel, configurationSets, describeSet, metricAlarms, metricOfSet, Relation } from "./inventory";
import { canaryFunctions, canaryShortfalls, CANARY_ROLE_TAG } from "./canary";
import { configOf, exemptions } from "./policyConfig";
import { at, isUnknown, listAt, numberAt, plainProps } from "./unknowns";

/** Float noise must not let 0.05 * 100 = 5.000000000000001 slip either way. */
const RELATIVE_TOLERANCE = 1e-9;

const LOWER_OPERATORS = new Set(["LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerThreshold", "LessThanLowerOrGreaterThanUpperThreshold"]);

const THRESHOLD_SCHEMA: PolicyConfigSchema = {
    properties: {
        bounceReviewPercent: {
            type: "number",
            exclusiveMinimum: 0,
            maximum: AWS_ENFORCEMENT.bounceRate.reviewPercent,
            default: AWS_ENFORCEMENT.bounceRate.reviewPercent,
            description: "Bounce rate (percent) at which AWS reviews the account; thresholds must stay below it. Lower it to demand more headroom.",
        },
        complaintReviewPercent: {
            type: "number",
            exclusiveMinimum: 0,
            maximum: AWS_ENFORCEMENT.complaintRate.reviewPercent,
            default: AWS_ENFORCEMENT.complaintRate.reviewPercent,
            description: "Complaint rate (percent) at which AWS reviews the account; thresholds must stay below it.",
        },
        reportUnknownUnits: {
            type: "boolean",
            default: true,
            description: "Report a bounce or complaint alarm whose unit the pack cannot tell (metric math outside the analysed subset) when its threshold would reach the review level read as a fraction.",
        },
        exemptAlarmNames: exemptions("Alarm names"),
    },
};

interface ThresholdConfig {
    bounceReviewPercent: number;
    complaintReviewPercent: number;
    reportUnknownUnits: boolean;
    exemptAlarmNames: string[];
}

const MEASURE_WORD: Record<Measure, string> = { bounce: "bounce", complaint: "complaint" };

function isExempt(props: any, exempt: string[]): boolean {
    const name = at(props, "name");
    return typeof name === "string" && exempt.includes(name);
}

export const alarmThresholdPolicy: ResourceValidationPolicy = {
    name: "ses-alarm-threshold-below-review",
    description: "No alarm on the SES bounce or complaint rate (metric math over event counts, or Reputation.*) has a threshold at or above the rate where AWS puts the account under review (5 % bounces, 0.1 % complaints), whatever unit the alarm compares in.",
    enforcementLevel: "mandatory",
    configSchema: THRESHOLD_SCHEMA,
    validateResource: (args, reportViolation) => {
        if (!args.isType(aws.cloudwatch.MetricAlarm)) return args.notApplicable("only CloudWatch metric alarms");
        const config = configOf<ThresholdConfig>(args, THRESHOLD_SCHEMA);
        const props = plainProps(args.props);
        if (isExempt(props, config.exemptAlarmNames)) return;
        // A string such as "6" is the number the provider reads: it is checked, not skipped.
        const threshold = numberAt(props, "threshold");
        const operator = at(props, "comparisonOperator");
        // No static threshold (anomaly band), an unknown one, or a floor: nothing to compare.
        if (threshold === undefined || at(props, "thresholdMetricId") !== undefined) return;
        if (typeof operator === "string" && LOWER_OPERATORS.has(operator)) return;
        const reviewPercent: Record<Measure, number> = { bounce: config.bounceReviewPercent, complaint: config.complaintReviewPercent };
        const alarm = alarmLabel({ resource: { name: args.name }, props });

        const analysis = analyzeAlarm(props);
        for (const returned of analysis.returned) {
            const measures = new Set<Measure>();
            for (const metric of returned.metrics) {
                const m = measuresOf(metric);
                if (!isUnknown(m)) m.forEach((x) => measures.add(x));
            }
            if (measures.size === 0) continue;
            // An alarm over several rates (bounces + complaints) must fire before the strictest.
            const measure = [...measures].sort((a, b) => reviewPercent[a] - reviewPercent[b])[0];
            const review = reviewPercent[measure];
            const value = returned.value;
            const reviewText = `AWS's review level of ${formatNumber(review)} % for the ${MEASURE_WORD[measure]} rate`;
            if (value.kind === "rate") {
                const percent = (threshold * 100) / value.scale;
                if (percent < review * (1 - RELATIVE_TOLERANCE)) continue;
                const limit = (review * value.scale) / 100;
                reportViolation(`${alarm} compares ${returned.source} (${unitText(value.scale)}) with threshold ${formatNumber(threshold)}, which is a ${MEASURE_WORD[measure]} rate of ${formatNumber(percent)} %: at or above ${reviewText}, so AWS may review the account before this alarm fires. Set the threshold below ${formatNumber(limit)} (${unitText(value.scale)}).`);
            } else if (value.kind === "unknown" && config.reportUnknownUnits && !value.preview && !analysis.partial) {
                // Below the review level read as a fraction, it is below it as a percent (or any
                // larger scale) too.
                if (threshold < (review / 100) * (1 - RELATIVE_TOLERANCE)) continue;
                reportViolation(`${alarm} compares ${returned.source} with threshold ${formatNumber(threshold)}, but the pack cannot tell its unit (${value.why}); read as a fraction that is at or above ${reviewText}. Write the rate as 100 * events / sends (percent) or events / sends (a fraction), or exempt the alarm in exemptAlarmNames.`);
            }
        }
    },
};

const ACTIONS_SCHEMA: PolicyConfigSchema = {
    properties: {
        requireOkActions: {
            type: "boolean",
            default: false,
            description: "Also require OK actions, so that whoever was told of the alarm also learns it cleared.",
        },
        exemptAlarmNames: exemptions("Alarm names"),
    },
};

/**
 * Entries of an action list that name no action: an ARN Output that resolved to undefined or ""
 * reaches the engine as null or "". Unknown entries (preview) are not judged.
 */
function targetless(key: string, actions: unknown[], consequence: string): string[] {
    const empty = actions.filter((a) => !isUnknown(a) && (typeof a !== "string" || a.trim() === ""));
    if (empty.length === 0) return [];
    const shown = empty.map((a) => (a === undefined ? "undefined" : JSON.stringify(a))).join(", ");
    const all = empty.length === actions.length;
    return [`has ${key} entries that name no action (${shown}: an ARN that resolved to nothing)${all ? `, so ${consequence}` : ""}`];
}

export const alarmActionsPolicy: ResourceValidationPolicy = {
    name: "ses-alarm-has-actions",
    description: "Every CloudWatch metric alarm on AWS/SES metrics has alarm actions, enabled, each naming an action (not null or an empty ARN), so that a breach reaches someone.",
    enforcementLevel: "mandatory",
    configSchema: ACTIONS_SCHEMA,
    validateResource: (args, reportViolation) => {
        if (!args.isType(aws.cloudwatch.MetricAlarm)) return args.notApplicable("only CloudWatch metric alarms");
        const config = configOf<{ requireOkActions: boolean; exemptAlarmNames: string[] }>(args, ACTIONS_SCHEMA);
        const props = plainProps(args.props);
        if (isExempt(props, config.exemptAlarmNames)) return;
        // Only alarms that certainly read SES metrics: composite alarms and others are not ours.
        if (!analyzeAlarm(props).metrics.some((m) => isSesMetric(m) === true)) return;
        const alarm = alarmLabel({ resource: { name: args.name }, props });
        const problems: string[] = [];
        if (at(props, "actionsEnabled") === false) problems.push("has actionsEnabled: false, so it notifies no one");
        const alarmActions = listAt(props, "alarmActions");
        if (!isUnknown(alarmActions)) {
            if (alarmActions.length === 0) problems.push("has no alarmActions, so a breach only changes its state in the console");
            else problems.push(...targetless("alarmActions", alarmActions, "a breach reaches no one"));
        }
        const okActions = listAt(props, "okActions");
        if (config.requireOkActions && !isUnknown(okActions)) {
            if (okActions.length === 0) problems.push("has no okActions, so nobody learns that it cleared");
            else problems.push(...targetless("okActions", okActions, "nobody learns that it cleared"));
        }
        if (problems.length === 0) return;
        reportViolation(`${alarm} reads ${SES_NAMESPACE} metrics but ${problems.join(" and ")}. Send alarmActions${config.requireOkActions ? " and okActions" : ""} to an SNS topic someone watches (SesMonitoring sends each severity to its topic).`);
    },
};

/** Every metric SES publishes in AWS/SES, from the module's catalog: event counts, then reputation rates. */
export const SES_METRIC_NAMES: readonly string[] = [...Object.values(EVENT_TYPES), ...Object.values(REPUTATION_METRICS)];

const METRIC_SCHEMA: PolicyConfigSchema = {
    properties: {
        additionalMetricNames: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "AWS/SES metric names to accept besides the catalog's (for a metric SES starts publishing before this pack knows it).",
        },
        exemptAlarmNames: exemptions("Alarm names"),
    },
};

/** Edit distance, case-insensitive (CloudWatch names are case-sensitive, a misspelling often is not). */
function distance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    let row = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const next = [i];
        for (let j = 1; j <= y.length; j++) {
            next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
        }
        row = next;
    }
    return row[y.length];
}

/** The published name a misspelling most likely meant, if one is close enough to say so. */
function closest(name: string, known: readonly string[]): string | undefined {
    const ranked = known.map((k) => ({ k, d: distance(name, k) })).sort((a, b) => a.d - b.d);
    const best = ranked[0];
    return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? best.k : undefined;
}

export const alarmMetricExistsPolicy: ResourceValidationPolicy = {
    name: "ses-alarm-metric-exists",
    description: "Every CloudWatch metric alarm that reads the AWS/SES namespace (a plain metric or any metric-math query) reads a metric SES publishes; an alarm on a name SES never publishes (a typo such as Reputation.BounceRateBounce) stays in INSUFFICIENT_DATA and can never fire.",
    enforcementLevel: "mandatory",
    configSchema: METRIC_SCHEMA,
    validateResource: (args, reportViolation) => {
        if (!args.isType(aws.cloudwatch.MetricAlarm)) return args.notApplicable("only CloudWatch metric alarms");
        const config = configOf<{ additionalMetricNames: string[]; exemptAlarmNames: string[] }>(args, METRIC_SCHEMA);
        const props = plainProps(args.props);
        if (isExempt(props, config.exemptAlarmNames)) return;
        const known = [...SES_METRIC_NAMES, ...config.additionalMetricNames];
        const problems: string[] = [];
        for (const m of analyzeAlarm(props).metrics) {
            // Unknown at preview, or not a name at all: nothing to compare.
            if (typeof m.namespace !== "string" || typeof m.metricName !== "string") continue;
            if (m.namespace === SES_NAMESPACE) {
                if (known.includes(m.metricName)) continue;
                const guess = closest(m.metricName, known);
                problems.push(`"${m.metricName}"${guess ? ` (did you mean "${guess}"?)` : ""}`);
            } else if (m.namespace.toLowerCase() === SES_NAMESPACE.toLowerCase()) {
                problems.push(`"${m.metricName}" in namespace "${m.namespace}" (namespaces are case-sensitive: "${SES_NAMESPACE}")`);
            }
        }
        if (problems.length === 0) return;
        const unique = [...new Set(problems)];
        const alarm = alarmLabel({ resource: { name: args.name }, props });
        reportViolation(`${alarm} reads ${unique.join(", ")}, which SES never publishes in ${SES_NAMESPACE}: the alarm stays in INSUFFICIENT_DATA and can never fire. SES publishes ${SES_METRIC_NAMES.join(", ")}.`);
    },
};

const COVERAGE_SCHEMA: PolicyConfigSchema = {
    properties: {
        acceptAccountReputation: {
            type: "boolean",
            default: false,
            description: "Count account-level Reputation.* alarms (no dimension) as covering every set, for sets too small to alarm on by themselves.",
        },
        exemptConfigurationSets: exemptions("Configuration set names"),
    },
};

/** Does this metric read the set's count of `metricName` (AWS/SES, only dimension the set)? */
function readsSetMetric(m: MetricRead, metricName: string, set: Parameters<typeof metricOfSet>[1]): Relation {
    if (isUnknown(m.namespace) || isUnknown(m.metricName)) return "maybe";
    if (m.namespace !== SES_NAMESPACE || m.metricName !== metricName) return "no";
    return metricOfSet(m.dimensions, set);
}

function strongest(relations: Relation[]): Relation {
    return relations.includes("yes") ? "yes" : relations.includes("maybe") ? "maybe" : "no";
}

type SetInfo = Parameters<typeof metricOfSet>[1];

/** How each of an alarm's returned values relates to a set's rate for `measure`: "no" unless it can read it. */
function coverageOf(alarm: AlarmInfo, set: SetInfo, measure: Measure, acceptAccountReputation: boolean): Relation[] {
    const { event, reputation } = MEASURE_METRICS[measure];
    return alarm.analysis.returned.map((returned) => {
        const reads = (name: string) => strongest(returned.metrics.map((m) => readsSetMetric(m, name, set)));
        // A rate needs both counts of this set; a count alone is not a rate.
        const rate = [reads(event), reads(EVENT_TYPES.SEND)];
        const fromEvents: Relation = rate.every((r) => r === "yes") ? "yes" : rate.every((r) => r !== "no") ? "maybe" : "no";
        const account = acceptAccountReputation && returned.metrics.some((m) =>
            m.namespace === SES_NAMESPACE && m.metricName === reputation && !isUnknown(m.dimensions) && Object.keys(m.dimensions).length === 0);
        return strongest([fromEvents, reads(reputation), account ? "yes" : "no", alarm.analysis.partial ? "maybe" : "no"]);
    });
}

/**
 * The alarms that can read a set's metrics, indexed once by the ses:configuration-set value they
 * read, so that a stack is read once rather than once per set. An alarm whose metric or
 * dimensions are unknown, that reads an account-level (dimensionless) SES metric, or whose queries
 * are partly unknown could concern any set: it is a candidate for every set. Every other alarm
 * is "no" for a set whose name it does not read, which `coverageOf` would find the long way.
 */
class AlarmsBySet {
    private readonly byName = new Map<string, Set<AlarmInfo>>();
    private readonly anySet: AlarmInfo[] = [];
    private readonly unnamed = new Map<Measure, Relation[]>();

    constructor(private readonly alarms: AlarmInfo[], private readonly acceptAccountReputation: boolean) {
        for (const alarm of alarms) {
            const names = new Set<string>();
            let any = alarm.analysis.partial;
            for (const m of alarm.analysis.returned.flatMap((r) => r.metrics)) {
                if (isUnknown(m.namespace) || isUnknown(m.metricName)) any = true;
                if (m.namespace !== SES_NAMESPACE) continue;
                if (isUnknown(m.dimensions)) { any = true; continue; }
                const keys = Object.keys(m.dimensions);
                if (keys.length === 0) any = true;
                if (keys.length !== 1 || keys[0] !== CONFIGURATION_SET_DIMENSION) continue;
                const value = m.dimensions[CONFIGURATION_SET_DIMENSION];
                if (typeof value === "string") names.add(value);
                else any = true;
            }
            if (any) this.anySet.push(alarm);
            else for (const name of names) this.byName.set(name, (this.byName.get(name) ?? new Set()).add(alarm));
        }
    }

    /** Every relation of the stack's alarms to the set's rate that is not a plain "no". */
    coverage(set: SetInfo, measure: Measure): Relation[] {
        const relate = (alarms: Iterable<AlarmInfo>) => [...alarms].flatMap((a) => coverageOf(a, set, measure, this.acceptAccountReputation));
        // A set whose name is not known relates to each alarm alike, whichever set it is.
        if (isUnknown(set.name)) {
            if (!this.unnamed.has(measure)) this.unnamed.set(measure, relate(this.alarms));
            return this.unnamed.get(measure)!;
        }
        return [...relate(this.anySet), ...relate(this.byName.get(set.name) ?? [])];
    }
}

export const rateAlarmCoveragePolicy: StackValidationPolicy = {
    name: "ses-configuration-set-rate-alarms",
    description: "Every SES configuration set has a bounce-rate and a complaint-rate alarm that read its metrics (AWS/SES, dimension ses:configuration-set), or Reputation.BounceRate / Reputation.ComplaintRate alarms for it. A canary's set (tagged ses-monitoring:role = canary, fed by a canary function that sends to the mailbox simulator only, with \"monitoring blind\" alarms on its Delivery and Bounce) is exempt.",
    enforcementLevel: "mandatory",
    configSchema: COVERAGE_SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = configOf<{ acceptAccountReputation: boolean; exemptConfigurationSets: string[] }>(args, COVERAGE_SCHEMA);
        const sets = configurationSets(args.resources);
        if (sets.length === 0) args.notApplicable("the stack has no SES configuration set");
        const alarmList = metricAlarms(args.resources);
        const alarms = new AlarmsBySet(alarmList, config.acceptAccountReputation);
        const canaries = canaryFunctions(args.resources);
        for (const set of sets) {
            if (typeof set.name === "string" && config.exemptConfigurationSets.includes(set.name)) continue;
            // A canary's set: its rates mean nothing, its "monitoring blind" alarms are what watch it.
            const shortfalls = canaryShortfalls(set, alarmList, canaries);
            if (shortfalls !== undefined && shortfalls.length === 0) continue;
            const canaryNote = shortfalls === undefined ? "" : ` It is tagged ${CANARY_ROLE_TAG.key} = ${CANARY_ROLE_TAG.value}, which exempts a canary's set only with ${shortfalls.join(" and ")}.`;
            for (const measure of ["bounce", "complaint"] as Measure[]) {
                const { event, reputation } = MEASURE_METRICS[measure];
                const coverage = alarms.coverage(set, measure);
                if (coverage.includes("yes")) continue;
                // Cannot tell before the update; a stack without any alarm still fails.
                if (coverage.includes("maybe")) continue;
                const word = MEASURE_WORD[measure];
                reportViolation(
                    `${describeSet(set)} has no ${word}-rate alarm: no aws.cloudwatch.MetricAlarm reads both its ${event} and ${EVENT_TYPES.SEND} metrics (${SES_NAMESPACE}, ${CONFIGURATION_SET_DIMENSION} as the only dimension) or its ${reputation}. ` +
                    `Add a ${word}-rate alarm for the set (SesMonitoring adds rate and reputation alarms per set), or exempt the set in exemptConfigurationSets.${canaryNote}`,
                    set.resource.urn,
                );
            }
        }
    },
};

export const alarmPolicies = [rateAlarmCoveragePolicy, alarmThresholdPolicy, alarmActionsPolicy, alarmMetricExistsPolicy];
