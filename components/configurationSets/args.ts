/** The public args of a configuration set's CloudWatch event publishing. */
import { DimensionValueSource } from "../shared/catalog";

/** A CloudWatch dimension taken from each message. */
export interface DimensionArgs {
    /**
     * Dimension name: 1-256 of `[A-Za-z0-9_-]`, or an SES auto-tag such as `ses:caller-identity`.
     * With `source: EMAIL_HEADER` it is the header's name, which cannot be Received, To, From,
     * DKIM-Signature, CC, message-id or Return-Path (in any case): SES refuses those.
     */
    name: string;
    /**
     * Where the value comes from: `MESSAGE_TAG` (default), `EMAIL_HEADER` or `LINK_TAG`.
     * @default MESSAGE_TAG
     */
    source?: DimensionValueSource;
    /** Value used when a message has none: 1-256 of `[A-Za-z0-9_.@-]`. */
    defaultValue: string;
}
