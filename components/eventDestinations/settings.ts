/** Defaults and checks of the SNS and EventBridge destinations (pure). */
import type * as pulumi from "@pulumi/pulumi";
import { ALL_EVENT_TYPES, EventType } from "../shared/catalog";
import { Checker } from "../shared/checker";
import { resolveEventTypes } from "../shared/eventDestinations";

export interface SnsDestinationSettings {
    enabled: boolean;
    eventTypes: EventType[];
    topicArn?: pulumi.Input<string>;
    kmsEncryption: boolean;
}

export interface EventBridgeDestinationSettings {
    enabled: boolean;
    eventTypes: EventType[];
}

/** The events worth a message each: the ones someone acts on. */
export const DEFAULT_SNS_EVENT_TYPES: EventType[] = ["BOUNCE", "COMPLAINT", "REJECT", "RENDERING_FAILURE", "DELIVERY_DELAY"];

/** `snsDestination` of one configuration set; `path` is e.g. `configurationSets.marketing.snsDestination`. */
export function resolveSnsDestination(check: Checker, path: string, value: unknown): SnsDestinationSettings {
    const raw = check.object(path, value, ["enabled", "eventTypes", "topicArn", "kmsEncryption"]);
    if (!raw) return { enabled: false, eventTypes: [...DEFAULT_SNS_EVENT_TYPES], kmsEncryption: false };
    const enabled = check.boolean(`${path}.enabled`, raw.enabled, true);
    const eventTypes = resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, DEFAULT_SNS_EVENT_TYPES);
    const kmsEncryption = check.boolean(`${path}.kmsEncryption`, raw.kmsEncryption, false);
    const topicArn = check.topicArn(`${path}.topicArn`, raw.topicArn) as pulumi.Input<string> | undefined;
    if (kmsEncryption && raw.topicArn !== undefined && raw.topicArn !== null) {
        check.fail(`${path}.kmsEncryption`, raw.kmsEncryption, "cannot be set with topicArn (the given topic's encryption and key policy are its owner's)");
    }
    return { enabled, eventTypes, topicArn, kmsEncryption };
}

/** `eventBridgeDestination` of one configuration set. */
export function resolveEventBridgeDestination(check: Checker, path: string, value: unknown): EventBridgeDestinationSettings {
    const raw = check.object(path, value, ["enabled", "eventTypes"]);
    if (!raw) return { enabled: false, eventTypes: [...ALL_EVENT_TYPES] };
    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        eventTypes: resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, ALL_EVENT_TYPES),
    };
}
