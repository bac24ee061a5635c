/** The SNS and EventBridge destinations and the EventBridge pattern as plain data. */
import { defaultEventBusArn, AccountContext } from "../shared/account";
import { EventType } from "../shared/catalog";
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { EventBridgeDestinationSettings, SnsDestinationSettings } from "./settings";

/**
 * The `detail-type` SES gives each event type on EventBridge (EventBridge events reference,
 * `events-ref-ses`; SES Developer Guide, `monitoring-eventbridge`).
 */
export const EVENTBRIDGE_DETAIL_TYPES: Record<EventType, string> = {
    SEND: "Email Sent",
    REJECT: "Email Rejected",
    BOUNCE: "Email Bounced",
    COMPLAINT: "Email Complaint Received",
    DELIVERY: "Email Delivered",
    OPEN: "Email Opened",
    CLICK: "Email Clicked",
    RENDERING_FAILURE: "Email Rendering Failed",
    DELIVERY_DELAY: "Email Delivery Delayed",
    SUBSCRIPTION: "Email Subscribed",
};

/**
 * The EventBridge pattern matching this set's events: `source` `aws.ses`, the detail types of the
 * published event types, and the set's auto-tag `detail.mail.tags."ses:configuration-set"` (each
 * tag value is a list in the event; a pattern value matches when the list contains it).
 */
export function eventBridgeEventPattern(setName: string, eventTypes: readonly EventType[]): object {
    return {
        "source": ["aws.ses"],
        "detail-type": eventTypes.map((t) => EVENTBRIDGE_DETAIL_TYPES[t]),
        "detail": { mail: { tags: { "ses:configuration-set": [setName] } } },
    };
}

/** The SNS destination as plain data (the topic ARN is filled in by the resource code). */
export function snsEventDestination(settings: SnsDestinationSettings) {
    return { key: "sns", name: EVENT_DESTINATION_NAMES.sns, matchingEventTypes: [...settings.eventTypes] };
}

/** The EventBridge destination as plain data. */
export function eventBridgeEventDestination(settings: EventBridgeDestinationSettings, account: AccountContext) {
    return {
        key: "eventbridge",
        name: EVENT_DESTINATION_NAMES.eventBridge,
        matchingEventTypes: [...settings.eventTypes],
        eventBusArn: defaultEventBusArn(account),
    };
}

