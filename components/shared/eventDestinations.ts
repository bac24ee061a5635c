/**
 * What every event destination of a configuration set shares: the destination names (SES allows
 * 10 per set) and the one check of an event-type list.
 */
import { ALL_EVENT_TYPES, EventType, isEventType, LIMITS } from "./catalog";
import { Checker } from "./checker";

/**
 * Event destination names. Fixed, not prefixed by stack: two stacks that both attach to the same
 * unmanaged set would publish every event twice and double every rate. With a fixed name the second
 * stack fails to create its destination instead.
 */
export const EVENT_DESTINATION_NAMES = {
    cloudWatch: "ses-monitoring-cloudwatch",
    cloudWatchDimensions: "ses-monitoring-cloudwatch-tags",
    firehose: "ses-monitoring-firehose",
    sns: "ses-monitoring-sns",
    eventBridge: "ses-monitoring-eventbridge",
} as const;

/**
 * A list of SESv2 event types: each known, none twice, not empty. `fallback` when absent. Every
 * event destination's list (CloudWatch, Firehose, SNS, EventBridge) is checked by this one function.
 */
export function resolveEventTypes(check: Checker, path: string, value: unknown, fallback: readonly EventType[]): EventType[] {
    if (value === undefined || value === null) return [...fallback];
    const given = check.array(path, value);
    if (Array.isArray(value) && given.length === 0) check.fail(path, value, "is empty (list at least one event type)");
    const types: EventType[] = [];
    given.forEach((type, i) => {
        if (!isEventType(type)) {
            check.fail(`${path}[${i}]`, type, `is not an SESv2 event type (one of ${ALL_EVENT_TYPES.join(", ")})`);
        } else if (types.includes(type)) {
            check.fail(`${path}[${i}]`, type, "is listed twice");
        } else {
            types.push(type);
        }
    });
    return types;
}

/**
 * A set's event destinations must stay within the SES quota (10 per configuration set, not
 * adjustable). Today a set has at most five (CloudWatch, CloudWatch tags, Firehose, SNS,
 * EventBridge); the check keeps the next destination type honest.
 */
export function checkEventDestinationQuota(check: Checker, path: string, destinationNames: string[]): void {
    if (destinationNames.length > LIMITS.eventDestinationsPerConfigurationSet) {
        check.fail(path, `${destinationNames.length} event destinations (${destinationNames.join(", ")})`,
            `exceed the ${LIMITS.eventDestinationsPerConfigurationSet} SES allows per configuration set`);
    }
}

