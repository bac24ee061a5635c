import type * as pulumi from "@pulumi/pulumi";

/* The public args of the alarm notifications. */

/** Alarm notification targets. */
export interface NotificationArgs {
    /**
     * Email addresses subscribed to both severities' topics (each must confirm by email).
     * @default none
     */
    emails?: string[] | undefined;
    /**
     * HTTPS endpoints subscribed to both severities' topics: public ones, without credentials in
     * the URL (a private, loopback or link-local address, or `user:pass@`, is refused).
     * @default none
     */
    httpsEndpoints?: string[] | undefined;
    /**
     * An existing SNS topic for warning alarms; when set no warning topic is created.
     * @default a topic created by the component
     */
    warningTopicArn?: pulumi.Input<string> | undefined;
    /**
     * An existing SNS topic for critical alarms; when set no critical topic is created.
     * @default a topic created by the component
     */
    criticalTopicArn?: pulumi.Input<string> | undefined;
}
