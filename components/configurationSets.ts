import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CONFIGURATION_SET_DIMENSION } from "./shared/catalog";
import { ConfigurationSetSettings } from "./settings";

/**
 * Event destination names are fixed, not prefixed by stack: two stacks that both attach to the same
 * unmanaged set would publish every event twice and double every rate. With a fixed name the second
 * stack fails to create its destination instead.
 */
export const EVENT_DESTINATION_NAMES = {
    cloudWatch: "ses-monitoring-cloudwatch",
    cloudWatchDimensions: "ses-monitoring-cloudwatch-tags",
} as const;

export interface CloudWatchDestinationSpec {
    /** Logical-name suffix. */
    key: string;
    /** SES event destination name. */
    name: string;
    dimensions: { dimensionName: string; dimensionValueSource: string; defaultDimensionValue: string }[];
}

/** The CloudWatch event destinations of a set, as plain data. */
export function cloudWatchDestinations(set: ConfigurationSetSettings): CloudWatchDestinationSpec[] {
    const destinations: CloudWatchDestinationSpec[] = [{
        key: "cloudwatch",
        name: EVENT_DESTINATION_NAMES.cloudWatch,
        dimensions: [{ dimensionName: CONFIGURATION_SET_DIMENSION, dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: set.name }],
    }];
    if (set.dimensions.length > 0) {
        // A metric with several dimensions cannot be read by one of them alone, so the extra
        // grouping gets its own destination and leaves the per-set metrics the alarms read intact.
        destinations.push({
            key: "cloudwatch-tags",
            name: EVENT_DESTINATION_NAMES.cloudWatchDimensions,
            dimensions: set.dimensions.map((d) => ({ dimensionName: d.name, dimensionValueSource: d.source, defaultDimensionValue: d.defaultValue })),
        });
    }
    return destinations;
}

/**
 * A configuration set (unless `manage` is false) and its CloudWatch event destinations.
 * Returns the set's name once the set exists, so dependants wait for it.
 */
export function createConfigurationSet(
    name: string,
    set: ConfigurationSetSettings,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    let setName: pulumi.Output<string> = pulumi.output(set.name);
    if (set.manage) {
        const configurationSet = new aws.sesv2.ConfigurationSet(`${name}-${set.name}`, {
            configurationSetName: set.name,
            reputationOptions: { reputationMetricsEnabled: set.reputationMetrics },
            deliveryOptions: { tlsPolicy: set.tlsRequired ? "REQUIRE" : "OPTIONAL" },
            // Without suppression options the account-level suppression list settings apply.
            suppressionOptions: set.suppressBouncesAndComplaints ? { suppressedReasons: ["BOUNCE", "COMPLAINT"] } : undefined,
            tags,
        }, { parent });
        setName = configurationSet.configurationSetName;
    }
    for (const destination of cloudWatchDestinations(set)) {
        new aws.sesv2.ConfigurationSetEventDestination(`${name}-${set.name}-${destination.key}`, {
            configurationSetName: setName,
            eventDestinationName: destination.name,
            eventDestination: {
                enabled: true,
                matchingEventTypes: set.eventTypes,
                cloudWatchDestination: { dimensionConfigurations: destination.dimensions },
            },
        }, { parent });
    }
    return setName;
}
