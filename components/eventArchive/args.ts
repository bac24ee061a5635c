/** The public args of the event archive. */
import { EventType } from "../shared/catalog";

/**
 * The S3 storage class archived events move to after `transitionDays`: only classes Athena reads
 * without a restore.
 */
export const ArchiveStorageClass = {
    /** S3 Standard-Infrequent Access: cheaper storage, a retrieval fee; at least 30 days in STANDARD first. */
    STANDARD_IA: "STANDARD_IA",
    /** S3 One Zone-Infrequent Access: one Availability Zone only; at least 30 days in STANDARD first. */
    ONEZONE_IA: "ONEZONE_IA",
    /** S3 Intelligent-Tiering: S3 moves objects between tiers by access. */
    INTELLIGENT_TIERING: "INTELLIGENT_TIERING",
    /** S3 Glacier Instant Retrieval: the cheapest class still read in milliseconds. */
    GLACIER_IR: "GLACIER_IR",
    /** No transition: every event stays in S3 Standard. */
    NONE: "NONE",
} as const;
export type ArchiveStorageClass = (typeof ArchiveStorageClass)[keyof typeof ArchiveStorageClass];

/**
 * The full-detail event archive (off unless this object is given). Every configuration set of the
 * stack publishes its events to it.
 */
export interface EventArchiveArgs {
    /**
     * Create the archive (default true once `eventArchive` is given).
     * @default true
     */
    enabled?: boolean | undefined;
    /**
     * SESv2 event types archived (default: all ten).
     * @default [SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION]
     */
    eventTypes?: EventType[] | undefined;
    /**
     * Days an event is kept before S3 deletes it (whole, 2-36500).
     * @default 365
     */
    retentionDays?: number | undefined;
    /**
     * Days after which events move to `transitionStorageClass` (at least 30 for
     * STANDARD_IA and ONEZONE_IA, as S3 requires; below `retentionDays`).
     * @default 30
     */
    transitionDays?: number | undefined;
    /**
     * The cheaper storage class: `STANDARD_IA` (default), `ONEZONE_IA`, `INTELLIGENT_TIERING`,
     * `GLACIER_IR`, or `NONE` to keep everything in STANDARD. Classes Athena cannot read without a
     * restore (GLACIER, DEEP_ARCHIVE) are refused.
     * @default "STANDARD_IA"
     */
    transitionStorageClass?: ArchiveStorageClass;
    /**
     * Keep the bucket and its settings on `pulumi destroy` (default true: nothing is lost by
     * accident). With false, destroy deletes the bucket with every event in it.
     * @default true
     */
    retainOnDelete?: boolean | undefined;
    /**
     * Seconds Firehose buffers before writing an object (0-900).
     * @default 300
     */
    bufferSeconds?: number | undefined;
    /**
     * MiB Firehose buffers before writing an object (1-128). Larger objects scan faster.
     * @default 64
     */
    bufferMegabytes?: number | undefined;
    /**
     * The message tag the "complaints by campaign" query groups by (default `campaign`). Any case:
     * the archive's table reads tag names lower-cased (OpenX JSON SerDe), and so does the query.
     * @default "campaign"
     */
    campaignTag?: string | undefined;
}

