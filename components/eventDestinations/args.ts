import type * as pulumi from "@pulumi/pulumi";
import { EventType } from "../shared/catalog";

/* The public args of the SNS and EventBridge event destinations (per configuration set). */

/** Publish a configuration set's events to an SNS topic (off unless this object is given). */
export interface SnsDestinationArgs {
    /**
     * Create the destination (default true once `snsDestination` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * SESv2 event types to publish (default: BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE,
     * DELIVERY_DELAY: the events someone acts on; SNS bills each message, so SEND, DELIVERY, OPEN
     * and CLICK are opt-in).
     * @default [BOUNCE, COMPLAINT, REJECT, RENDERING_FAILURE, DELIVERY_DELAY]
     */
    eventTypes?: EventType[] | undefined;
    /**
     * An existing standard SNS topic in the same region. Its policy is left alone: it must already
     * let `ses.amazonaws.com` publish. Without it a topic is created with a policy that lets SES
     * publish for this configuration set only.
     * @default a topic created for the set
     */
    topicArn?: pulumi.Input<string> | undefined;
    /**
     * Encrypt the created topic with a new customer-managed KMS key whose policy lets SES use it
     * (default false). Not allowed with `topicArn`.
     * @default false
     */
    kmsEncryption?: boolean | undefined;
}

/** Publish a configuration set's events to the account's default EventBridge bus. */
export interface EventBridgeDestinationArgs {
    /**
     * Create the destination (default true once `eventBridgeDestination` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * SESv2 event types to publish (default: all ten; rules on the bus pick what they need).
     * @default [SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION]
     */
    eventTypes?: EventType[] | undefined;
}

