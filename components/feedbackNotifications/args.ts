import type * as pulumi from "@pulumi/pulumi";

/* The public args of feedback notifications (per identity). */

/**
 * Feedback notifications of one verified SES identity (the key of `identities`: a domain such as
 * `example.com` or an address such as `news@example.com`).
 */
export interface IdentityFeedbackArgs {
    /** Publish Bounce notifications (default true). */
    bounce?: boolean;
    /** Publish Complaint notifications (default true). */
    complaint?: boolean;
    /** Publish Delivery notifications (default false: one message per delivered recipient). */
    delivery?: boolean;
    /**
     * An existing standard SNS topic in the same region for this identity's notifications. Its
     * policy is left alone: it must already let `ses.amazonaws.com` publish. Without it the stack's
     * feedback topic is used (created once, shared by every identity without a `topicArn`).
     */
    topicArn?: pulumi.Input<string>;
    /** Include the original message headers in the notifications (default false). */
    includeOriginalHeaders?: boolean;
    /**
     * Stop mailing bounces and complaints to the sender (default false: forwarding is left as it
     * is). Allowed only with `bounce` and `complaint` both on, so bounces are never unreported.
     */
    disableEmailForwarding?: boolean;
}

