/** The CloudWatch event destinations of a configuration set, as plain data. */
import { CONFIGURATION_SET_DIMENSION } from "../shared/catalog";
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { ConfigurationSetOptions } from "./settings";

export interface CloudWatchDestinationSpec {
    /** Logical-name suffix. */
    key: string;
    /** SES event destination name. */
    name: string;
    dimensions: { dimensionName: string; dimensionValueSource: string; defaultDimensionValue: string }[];
}

/** The CloudWatch event destinations of a set, as plain data. */
export function cloudWatchDestinations(set: ConfigurationSetOptions): CloudWatchDestinationSpec[] {
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
