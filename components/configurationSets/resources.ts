import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigurationSetOptions } from "./settings";
import { cloudWatchDestinations } from "./specs";

/**
 * A configuration set (unless `manage` is false) and its CloudWatch event destinations.
 * Returns the set's name once the set exists, so dependants wait for it.
 */
export function createConfigurationSet(
    name: string,
    set: ConfigurationSetOptions,
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
        }, {
            parent,
            // Senders name the set in every send: removing it from the stack (or manage: false)
            // must not delete it. Pulumi drops a retained resource from state and leaves it live.
            retainOnDelete: set.retainOnDelete,
        });
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
