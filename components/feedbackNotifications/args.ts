import type * as pulumi from "@pulumi/pulumi";

/* The public args of feedback notifications (per identity). */

/**
 * Feedback notifications of one verified SES identity (the key of `identities`: a domain such as
 * `example.com` or an address such as `news@example.com`).
 */
export interface IdentityFeedbackArgs {
    /**
     * Publish Bounce notifications (default true).
     * @default true
     */
    bounce?: boolean | undefined;
    /**
     * Publish Complaint notifications (default true).
     * @default true
     */
    complaint?: boolean | undefined;
    /**
     * Publish Delivery notifications (default false: one message per delivered recipient).
     * @default false
     */
    delivery?: boolean | undefined;
    /**
     * An existing standard SNS topic in the same region for this identity's notifications. Its
     * policy is left alone: it must already let `ses.amazonaws.com` publish. Without it the stack's
     * feedback topic is used (created once, shared by every identity without a `topicArn`).
     * @default the stack's feedback topic, created once for every identity
     */
    topicArn?: pulumi.Input<string> | undefined;
    /**
     * Include the original message headers in the notifications (default false).
     * @default false
     */
    includeOriginalHeaders?: boolean | undefined;
    /**
     * Stop mailing bounces and complaints to the sender (default false: forwarding is left as it
     * is). Allowed only with `bounce` and `complaint` both on, so bounces are never unreported.
     * @default false
     */
    disableEmailForwarding?: boolean | undefined;
}

