import type * as pulumi from "@pulumi/pulumi";

/* The public args of the alarm notifications. */

/** Alarm notification targets. */
export interface NotificationArgs {
    /** Email addresses subscribed to both severities' topics (each must confirm by email). */
    emails?: string[];
    /**
     * HTTPS endpoints subscribed to both severities' topics: public ones, without credentials in
     * the URL (a private, loopback or link-local address, or `user:pass@`, is refused).
     */
    httpsEndpoints?: string[];
    /** An existing SNS topic for warning alarms; when set no warning topic is created. */
    warningTopicArn?: pulumi.Input<string>;
    /** An existing SNS topic for critical alarms; when set no critical topic is created. */
    criticalTopicArn?: pulumi.Input<string>;
}
