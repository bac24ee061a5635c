/**
 * The SES pieces of a stack, read from the resources a stack policy gets: configuration sets
 * (SESv2 and legacy v1), their event destinations, alarms and the SNS topics they notify. Both
 * SES APIs share one namespace of configuration sets, so a v2 destination may serve a v1 set.
 */
import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { CONFIGURATION_SET_DIMENSION } from "./shared";
import { AlarmAnalysis, analyzeAlarm } from "./alarmAnalysis";
import { at, isUnknown, listAt, plainProps, Unknown, UNKNOWN } from "./unknowns";

export type Relation = "yes" | "no" | "maybe";

export interface ConfigurationSetInfo {
    resource: PolicyResource;
    api: "sesv2" | "ses";
    /** The SES name; a v1 set without `name` is auto-named, so its name is unknown until created. */
    name: string | Unknown;
    props: any;
}

export interface DimensionInfo {
    name: string | Unknown;
    /** Normalised to the v2 spelling: MESSAGE_TAG, EMAIL_HEADER, LINK_TAG. */
    source: string | Unknown;
}

export interface EventDestinationInfo {
    resource: PolicyResource;
    api: "sesv2" | "ses";
    /** The destination's SES name, for messages. */
    label: string;
    setName: string | Unknown;
    enabled: boolean | Unknown;
    /** Normalised to the v2 spelling (SEND, BOUNCE, RENDERING_FAILURE...). */
    eventTypes: (string | Unknown)[] | Unknown;
    /** The CloudWatch dimensions, or undefined when the destination is not a CloudWatch one. */
    cloudWatchDimensions: (DimensionInfo | Unknown)[] | Unknown | undefined;
    /** SNS topic ARNs it publishes to (an SNS destination). */
    topicArns: (string | Unknown)[];
    /** Kinesis Data Firehose stream ARNs it puts records into (a Firehose destination). */
    deliveryStreamArns: (string | Unknown)[];
}

export interface AlarmInfo {
    resource: PolicyResource;
    props: any;
    analysis: AlarmAnalysis;
}

/** v1 spells enumerations in camelCase ("renderingFailure", "messageTag"); v2 in upper snake case. */
export function toV2Spelling(value: unknown): string | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    return String(value).replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

export function configurationSets(resources: PolicyResource[]): ConfigurationSetInfo[] {
    const sets: ConfigurationSetInfo[] = [];
    for (const r of resources) {
        if (r.isType(aws.sesv2.ConfigurationSet)) {
            const props = plainProps(r.props);
            sets.push({ resource: r, api: "sesv2", name: at(props, "configurationSetName") ?? UNKNOWN, props });
        } else if (r.isType(aws.ses.ConfigurationSet)) {
            const props = plainProps(r.props);
            sets.push({ resource: r, api: "ses", name: at(props, "name") ?? UNKNOWN, props });
        }
    }
    return sets;
}

export function eventDestinations(resources: PolicyResource[]): EventDestinationInfo[] {
    const destinations: EventDestinationInfo[] = [];
    for (const r of resources) {
        if (r.isType(aws.sesv2.ConfigurationSetEventDestination)) {
            const props = plainProps(r.props);
            const d = at(props, "eventDestination");
            const cloudWatch = at(d, "cloudWatchDestination");
            const dims = isUnknown(cloudWatch) ? UNKNOWN : cloudWatch === undefined ? undefined : listAt(cloudWatch, "dimensionConfigurations");
            const topicArn = at(d, "snsDestination", "topicArn");
            const streamArn = at(d, "kinesisFirehoseDestination", "deliveryStreamArn");
            destinations.push({
                resource: r,
                api: "sesv2",
                label: labelOf(at(props, "eventDestinationName"), r),
                setName: at(props, "configurationSetName") ?? UNKNOWN,
                enabled: isUnknown(d) ? UNKNOWN : at(d, "enabled") ?? false,
                eventTypes: isUnknown(d) ? UNKNOWN : mapList(listAt(d, "matchingEventTypes"), toV2Spelling),
                cloudWatchDimensions: dims === undefined ? undefined : mapList(dims, (c) => ({
                    name: at(c, "dimensionName"),
                    source: toV2Spelling(at(c, "dimensionValueSource")),
                })),
                topicArns: topicArn === undefined ? [] : [topicArn],
                deliveryStreamArns: streamArn === undefined ? [] : [streamArn],
            });
        } else if (r.isType(aws.ses.EventDestination)) {
            const props = plainProps(r.props);
            const cloudWatch = listAt(props, "cloudwatchDestinations");
            const topicArn = at(props, "snsDestination", "topicArn");
            const streamArn = at(props, "kinesisDestination", "streamArn");
            destinations.push({
                resource: r,
                api: "ses",
                label: labelOf(at(props, "name"), r),
                setName: at(props, "configurationSetName") ?? UNKNOWN,
                // Both APIs create a destination disabled unless told otherwise.
                enabled: at(props, "enabled") ?? false,
                eventTypes: mapList(listAt(props, "matchingTypes"), toV2Spelling),
                cloudWatchDimensions: !isUnknown(cloudWatch) && cloudWatch.length === 0 ? undefined : mapList(cloudWatch, (c) => ({
                    name: at(c, "dimensionName"),
                    source: toV2Spelling(at(c, "valueSource")),
                })),
                topicArns: topicArn === undefined ? [] : [topicArn],
                deliveryStreamArns: streamArn === undefined ? [] : [streamArn],
            });
        }
    }
    return destinations;
}

export function metricAlarms(resources: PolicyResource[]): AlarmInfo[] {
    return resources.filter((r) => r.isType(aws.cloudwatch.MetricAlarm)).map((r) => {
        const props = plainProps(r.props);
        return { resource: r, props, analysis: analyzeAlarm(props) };
    });
}

function mapList<T>(list: any[] | Unknown, f: (item: any) => T): (T | Unknown)[] | Unknown {
    if (isUnknown(list)) return UNKNOWN;
    return list.map((item) => (isUnknown(item) ? UNKNOWN : f(item)));
}

function labelOf(name: unknown, r: PolicyResource): string {
    return typeof name === "string" ? name : r.name;
}

/** Whether `r` names `target` among its dependencies (an output of it flows into an input, or `dependsOn`). */
export function dependsOn(r: PolicyResource, target: PolicyResource): boolean {
    const named = (deps: unknown) => Array.isArray(deps) && deps.some((d) => d?.urn === target.urn);
    // The engine always sends both; a caller that builds resources by hand may leave them out.
    return named(r.dependencies) || Object.values(r.propertyDependencies ?? {}).some(named);
}

/**
 * Whether a destination belongs to a set. Names decide when both are known; otherwise a
 * dependency on the set's resource does (a name read from the set's output); otherwise, unless
 * the destination depends on another set, nobody can tell before the update.
 */
export function destinationOf(destination: EventDestinationInfo, set: ConfigurationSetInfo, sets: ConfigurationSetInfo[]): Relation {
    if (typeof destination.setName === "string" && typeof set.name === "string") {
        return destination.setName === set.name ? "yes" : "no";
    }
    if (dependsOn(destination.resource, set.resource)) return "yes";
    if (sets.some((other) => other !== set && dependsOn(destination.resource, other.resource))) return "no";
    return "maybe";
}

/** The URNs `r` names among its dependencies (an output of it flows into an input, or `dependsOn`). */
function dependencyUrns(r: PolicyResource): Set<string> {
    const urns = new Set<string>();
    const add = (deps: unknown) => {
        if (Array.isArray(deps)) for (const d of deps) if (typeof d?.urn === "string") urns.add(d.urn);
    };
    add(r.dependencies);
    Object.values(r.propertyDependencies ?? {}).forEach(add);
    return urns;
}

/**
 * Which destinations belong to which set, answered as `destinationOf` would for every pair but
 * indexed once: by the set name a destination names, and by the sets it depends on. A stack of a
 * thousand sets is then read once, not once per set.
 */
export class DestinationsBySet {
    private readonly order = new Map<EventDestinationInfo, number>();
    private readonly byName = new Map<string, EventDestinationInfo[]>();
    /** Destinations whose set name is not known, by the set URNs they depend on. */
    private readonly unnamedDependents = new Map<string, EventDestinationInfo[]>();
    /** Any destination, by the set URNs it depends on. */
    private readonly dependents = new Map<string, EventDestinationInfo[]>();
    private readonly unnamedWithoutSet: boolean;
    private readonly anyWithoutSet: boolean;

    constructor(destinations: EventDestinationInfo[], sets: ConfigurationSetInfo[]) {
        const setUrns = new Set(sets.map((s) => s.resource.urn));
        const push = <K>(map: Map<K, EventDestinationInfo[]>, key: K, d: EventDestinationInfo) => map.set(key, [...(map.get(key) ?? []), d]);
        let unnamedWithoutSet = false;
        let anyWithoutSet = false;
        destinations.forEach((d, i) => {
            this.order.set(d, i);
            const named = typeof d.setName === "string";
            if (named) push(this.byName, d.setName as string, d);
            const setDeps = [...dependencyUrns(d.resource)].filter((urn) => setUrns.has(urn));
            for (const urn of setDeps) {
                push(this.dependents, urn, d);
                if (!named) push(this.unnamedDependents, urn, d);
            }
            if (setDeps.length === 0) {
                anyWithoutSet = true;
                if (!named) unnamedWithoutSet = true;
            }
        });
        this.unnamedWithoutSet = unnamedWithoutSet;
        this.anyWithoutSet = anyWithoutSet;
    }

    /**
     * The set's destinations ("yes" of `destinationOf`), in stack order, and whether any other
     * destination is a "maybe": known names decide; otherwise a dependency on the set is a yes, one
     * on another set a no, and a destination that depends on no set could belong to any.
     */
    of(set: ConfigurationSetInfo): { own: EventDestinationInfo[]; anyMaybe: boolean } {
        const urn = set.resource.urn;
        if (isUnknown(set.name)) return { own: this.dependents.get(urn) ?? [], anyMaybe: this.anyWithoutSet };
        const own = [...(this.byName.get(set.name) ?? []), ...(this.unnamedDependents.get(urn) ?? [])]
            .sort((a, b) => this.order.get(a)! - this.order.get(b)!);
        return { own, anyMaybe: this.unnamedWithoutSet };
    }
}

/** Whether a metric is one of the set's per-set metrics: its only dimension is the set's name. */
export function metricOfSet(dimensions: Record<string, string | Unknown> | Unknown, set: ConfigurationSetInfo): Relation {
    if (isUnknown(dimensions)) return "maybe";
    const keys = Object.keys(dimensions);
    if (keys.length !== 1 || keys[0] !== CONFIGURATION_SET_DIMENSION) return "no";
    const value = dimensions[CONFIGURATION_SET_DIMENSION];
    if (isUnknown(value) || isUnknown(set.name)) return "maybe";
    return value === set.name ? "yes" : "no";
}

/** `aws.sesv2.ConfigurationSet "marketing"`: the type a reader can search for and the SES name. */
export function describeSet(set: ConfigurationSetInfo): string {
    const type = set.api === "sesv2" ? "aws.sesv2.ConfigurationSet" : "aws.ses.ConfigurationSet";
    return isUnknown(set.name) ? `${type} ${set.resource.name} (name not known yet)` : `${type} "${set.name}"`;
}

export function describeDestination(d: EventDestinationInfo): string {
    const type = d.api === "sesv2" ? "aws.sesv2.ConfigurationSetEventDestination" : "aws.ses.EventDestination";
    return `${type} "${d.label}"`;
}

export function alarmLabel(alarm: { resource: { name: string }; props: any }): string {
    const name = at(alarm.props, "name");
    return `aws.cloudwatch.MetricAlarm "${typeof name === "string" ? name : alarm.resource.name}"`;
}
