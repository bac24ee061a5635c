/**
 * The event archive: every sending event in full (who bounced, why, which campaign), kept in S3
 * and queryable with Athena at any volume. One per stack: each configuration set gets an extra
 * event destination (`ses-monitoring-firehose`) into one Kinesis Data Firehose stream, which writes
 * GZIP JSON under a date-partitioned prefix of a locked-down, versioned bucket; a Glue table with
 * partition projection reads it, an Athena workgroup queries it with its own result location.
 *
 * Sources: Firehose Developer Guide (custom S3 prefixes: `!{timestamp:...}`,
 * `!{firehose:error-output-type}`; buffering hints; S3 destination access), SES Developer Guide
 * (event publishing to Firehose and the event record contents), Athena User Guide (partition
 * projection, OpenX JSON SerDe), S3 User Guide (lifecycle transitions), ../shared reference notes.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALL_EVENT_TYPES, EventType } from "./shared/catalog";
import { bucketSafe, fitName, glueSafe } from "./shared/physicalNames";
import { configurationSetArn, EXTRA_EVENT_DESTINATION_NAMES, resolveEventTypes } from "./eventDestinations";
import { AccountContext } from "./notifications";
import { Checker } from "./shared/checker";

// ---------------------------------------------------------------------------------------------
// Args (to be added to `SesMonitoringArgs` as `eventArchive?`)
// ---------------------------------------------------------------------------------------------

/**
 * The full-detail event archive (off unless this object is given). Every configuration set of the
 * stack publishes its events to it.
 */
export interface EventArchiveArgs {
    /** Create the archive (default true once `eventArchive` is given). */
    enabled?: boolean;
    /** SESv2 event types archived (default: all ten). */
    eventTypes?: string[];
    /** Days an event is kept before S3 deletes it (default 365, whole, 2-36500). */
    retentionDays?: number;
    /**
     * Days after which events move to `transitionStorageClass` (default 30; at least 30 for
     * STANDARD_IA and ONEZONE_IA, as S3 requires; below `retentionDays`).
     */
    transitionDays?: number;
    /**
     * The cheaper storage class: `STANDARD_IA` (default), `ONEZONE_IA`, `INTELLIGENT_TIERING`,
     * `GLACIER_IR`, or `NONE` to keep everything in STANDARD. Classes Athena cannot read without a
     * restore (GLACIER, DEEP_ARCHIVE) are refused.
     */
    transitionStorageClass?: string;
    /**
     * Keep the bucket and its settings on `pulumi destroy` (default true: nothing is lost by
     * accident). With false, destroy deletes the bucket with every event in it.
     */
    retainOnDelete?: boolean;
    /** Seconds Firehose buffers before writing an object (default 300, 0-900). */
    bufferSeconds?: number;
    /** MiB Firehose buffers before writing an object (default 64, 1-128). Larger objects scan faster. */
    bufferMegabytes?: number;
    /** The message tag the "complaints by campaign" query groups by (default `campaign`). */
    campaignTag?: string;
}

// ---------------------------------------------------------------------------------------------
// Settings and validation
// ---------------------------------------------------------------------------------------------

export interface EventArchiveSettings {
    enabled: boolean;
    eventTypes: EventType[];
    retentionDays: number;
    transitionDays: number;
    /** `NONE` for no transition. */
    transitionStorageClass: string;
    retainOnDelete: boolean;
    bufferSeconds: number;
    bufferMegabytes: number;
    campaignTag: string;
}

export const DEFAULT_EVENT_ARCHIVE: EventArchiveSettings = {
    enabled: false,
    eventTypes: [...ALL_EVENT_TYPES],
    // A year: enough to compare a campaign with last year's and to answer a complaint months later.
    retentionDays: 365,
    // S3's minimum for STANDARD_IA; events are read mostly in their first weeks.
    transitionDays: 30,
    transitionStorageClass: "STANDARD_IA",
    retainOnDelete: true,
    // Firehose's own default interval (300 s); the size is raised from its default 5 MiB so that
    // busy stacks write fewer, larger objects, which Athena reads faster.
    bufferSeconds: 300,
    bufferMegabytes: 64,
    campaignTag: "campaign",
};

/** Firehose buffering hints limits (Firehose API, `BufferingHints`). */
export const FIREHOSE_BUFFER_LIMITS = { seconds: { min: 0, max: 900 }, megabytes: { min: 1, max: 128 } };

/**
 * Storage classes Athena reads directly. The minimum transition age is S3's: objects must stay 30
 * days in STANDARD before moving to an infrequent-access class (S3 User Guide, lifecycle transitions).
 */
export const ARCHIVE_STORAGE_CLASSES: Record<string, { minimumDays: number }> = {
    STANDARD_IA: { minimumDays: 30 },
    ONEZONE_IA: { minimumDays: 30 },
    INTELLIGENT_TIERING: { minimumDays: 0 },
    GLACIER_IR: { minimumDays: 0 },
};
const NO_TRANSITION = "NONE";

/** A message tag name as SES accepts it (`[A-Za-z0-9_-]`, 1-255), or an `ses:` auto-tag. */
const TAG_NAME = /^(ses:)?[A-Za-z0-9_-]{1,255}$/;

/** `eventArchive` of the args; `path` is `eventArchive`. */
export function resolveEventArchive(check: Checker, path: string, value: unknown): EventArchiveSettings {
    const raw = check.object(path, value, [
        "enabled", "eventTypes", "retentionDays", "transitionDays", "transitionStorageClass", "retainOnDelete",
        "bufferSeconds", "bufferMegabytes", "campaignTag",
    ]);
    if (!raw) return { ...DEFAULT_EVENT_ARCHIVE, eventTypes: [...DEFAULT_EVENT_ARCHIVE.eventTypes] };
    const d = DEFAULT_EVENT_ARCHIVE;
    const retentionDays = check.number(`${path}.retentionDays`, raw.retentionDays, d.retentionDays, { integer: true, min: 2, max: 36_500 });

    let transitionStorageClass = d.transitionStorageClass;
    if (raw.transitionStorageClass !== undefined && raw.transitionStorageClass !== null) {
        const known = [...Object.keys(ARCHIVE_STORAGE_CLASSES), NO_TRANSITION];
        if (raw.transitionStorageClass === "GLACIER" || raw.transitionStorageClass === "DEEP_ARCHIVE") {
            check.fail(`${path}.transitionStorageClass`, raw.transitionStorageClass,
                `cannot be queried by Athena without restoring each object first (use one of ${known.join(", ")})`);
        } else if (typeof raw.transitionStorageClass !== "string" || !known.includes(raw.transitionStorageClass)) {
            check.fail(`${path}.transitionStorageClass`, raw.transitionStorageClass, `is not one of ${known.join(", ")}`);
        } else {
            transitionStorageClass = raw.transitionStorageClass;
        }
    }
    const transitionDays = check.number(`${path}.transitionDays`, raw.transitionDays, d.transitionDays, { integer: true, min: 0 });
    if (transitionStorageClass !== NO_TRANSITION) {
        const minimum = ARCHIVE_STORAGE_CLASSES[transitionStorageClass].minimumDays;
        if (transitionDays < minimum) {
            check.fail(`${path}.transitionDays`, transitionDays, `is below the ${minimum} days S3 requires before a transition to ${transitionStorageClass}`);
        } else if (transitionDays >= retentionDays) {
            check.fail(`${path}.transitionDays`, transitionDays, `is not below retentionDays (${retentionDays}): events would expire before they move`);
        }
    }

    const campaignTag = raw.campaignTag === undefined || raw.campaignTag === null
        ? d.campaignTag
        : check.string(`${path}.campaignTag`, raw.campaignTag, TAG_NAME, "is not a message tag name (1-255 of [A-Za-z0-9_-], optionally after ses:)") ?? d.campaignTag;

    return {
        enabled: check.boolean(`${path}.enabled`, raw.enabled, true),
        eventTypes: resolveEventTypes(check, `${path}.eventTypes`, raw.eventTypes, ALL_EVENT_TYPES),
        retentionDays,
        transitionDays,
        transitionStorageClass,
        retainOnDelete: check.boolean(`${path}.retainOnDelete`, raw.retainOnDelete, d.retainOnDelete),
        bufferSeconds: check.number(`${path}.bufferSeconds`, raw.bufferSeconds, d.bufferSeconds, { integer: true, ...FIREHOSE_BUFFER_LIMITS.seconds }),
        bufferMegabytes: check.number(`${path}.bufferMegabytes`, raw.bufferMegabytes, d.bufferMegabytes, { integer: true, ...FIREHOSE_BUFFER_LIMITS.megabytes }),
        campaignTag,
    };
}

/**
 * Cross-field rule the caller checks once the sets are known: an enabled archive needs at least one
 * configuration set to publish to it (the SES role trusts exactly the stack's sets).
 */
export function checkEventArchiveSets(check: Checker, path: string, settings: EventArchiveSettings, configurationSetNames: string[]): void {
    if (settings.enabled && configurationSetNames.length === 0) {
        check.fail(path, "enabled", "has no configuration set to publish to it (add one to configurationSets, or disable the archive)");
    }
}

// ---------------------------------------------------------------------------------------------
// Layout, names and specs (pure)
// ---------------------------------------------------------------------------------------------

/** Where things live in the bucket; each prefix has its own lifecycle rule. */
export const ARCHIVE_PREFIXES = {
    events: "events/",
    errors: "errors/",
    athenaResults: "athena-results/",
} as const;

/**
 * Firehose prefixes. The date is the arrival time of the oldest record in the object, in UTC; every
 * `!{timestamp:...}` in one prefix evaluates to the same instant. The layout `yyyy/MM/dd` is the
 * one the Glue table projects (`projection.dt.format`). Failed records go under their own prefix,
 * split by `!{firehose:error-output-type}`, so they never land in the table's location.
 */
export const FIREHOSE_PREFIX = `${ARCHIVE_PREFIXES.events}!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/`;
export const FIREHOSE_ERROR_PREFIX = `${ARCHIVE_PREFIXES.errors}!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/`;

/** Query results are re-creatable by running the query again: kept a month. */
export const ATHENA_RESULT_DAYS = 30;
/** Overwritten or deleted objects stay recoverable this long (the bucket is versioned). */
export const NONCURRENT_VERSION_DAYS = 30;
/** Parts of uploads Firehose or Athena never finished are billed until removed. */
export const INCOMPLETE_UPLOAD_DAYS = 7;

export interface EventArchiveNames {
    bucket: string;
    bucketArn: string;
    deliveryStream: string;
    deliveryStreamArn: string;
    sesRole: string;
    firehoseRole: string;
    glueDatabase: string;
    glueTable: string;
    workgroup: string;
}

/**
 * Physical names. The bucket name is global: it carries the account and region, so dev and prod
 * stacks in one account, or one stack in two regions, never collide. A retained bucket keeps its
 * name: re-creating the stack after a destroy fails on it rather than starting a second archive
 * (import it with `pulumi import`, or delete it deliberately).
 */
export function eventArchiveNames(namePrefix: string, account: AccountContext): EventArchiveNames {
    const bucket = fitName(bucketSafe(namePrefix), `-ses-events-${account.accountId}-${account.region}`, 63);
    const deliveryStream = fitName(namePrefix, "-ses-events", 64);
    return {
        bucket,
        bucketArn: `arn:${account.partition}:s3:::${bucket}`,
        deliveryStream,
        deliveryStreamArn: `arn:${account.partition}:firehose:${account.region}:${account.accountId}:deliverystream/${deliveryStream}`,
        // IAM is global: the roles carry the region, so one prefix can archive in two regions.
        sesRole: fitName(namePrefix, `-ses-to-firehose-${account.region}`, 64),
        firehoseRole: fitName(namePrefix, `-firehose-to-s3-${account.region}`, 64),
        glueDatabase: fitName(glueSafe(namePrefix), "_ses_events", 255),
        glueTable: "events",
        workgroup: fitName(namePrefix, "-ses-events", 128),
    };
}

/**
 * The role SES assumes to put records: trusted by `ses.amazonaws.com` only on behalf of this
 * account and only for the stack's configuration sets (SES Developer Guide, Firehose destination).
 */
export function sesRoleTrustPolicy(account: AccountContext, configurationSetNames: string[]): object {
    const arns = [...configurationSetNames].sort().map((s) => configurationSetArn(s, account));
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "SesPublishesThisAccountsSets",
            Effect: "Allow",
            Principal: { Service: "ses.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": account.accountId },
                ArnEquals: { "aws:SourceArn": arns.length === 1 ? arns[0] : arns },
            },
        }],
    };
}

/** What SES may do with the role: put record batches into this one stream. */
export function sesRolePolicy(names: EventArchiveNames): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "PutEventsIntoTheArchiveStream",
            Effect: "Allow",
            Action: "firehose:PutRecordBatch",
            Resource: names.deliveryStreamArn,
        }],
    };
}

/**
 * The role Firehose assumes to write: trusted by `firehose.amazonaws.com` with the account as
 * external ID (Firehose Developer Guide, S3 destination access).
 */
export function firehoseRoleTrustPolicy(account: AccountContext): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "FirehoseOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "firehose.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": account.accountId } },
        }],
    };
}

/**
 * What Firehose may do in the bucket: the S3 actions its guide lists, object actions only under
 * the events and errors prefixes. Bucket-level actions (location, listing, multipart listing) have
 * no object to scope to; they reveal key names, never content.
 */
export function firehoseRolePolicy(names: EventArchiveNames): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "FindTheBucket",
                Effect: "Allow",
                Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                Resource: names.bucketArn,
            },
            {
                Sid: "WriteUnderTheArchivePrefixes",
                Effect: "Allow",
                Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                Resource: [`${names.bucketArn}/${ARCHIVE_PREFIXES.events}*`, `${names.bucketArn}/${ARCHIVE_PREFIXES.errors}*`],
            },
        ],
    };
}

/** The bucket refuses every request not made over TLS (S3 User Guide, `aws:SecureTransport`). */
export function archiveBucketPolicy(names: EventArchiveNames): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "DenyRequestsWithoutTls",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [names.bucketArn, `${names.bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        }],
    };
}

/** Lifecycle rules, one per prefix: events move to the cheaper class and expire; the rest expire. */
export function archiveLifecycleRules(settings: EventArchiveSettings) {
    const housekeeping = {
        noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS },
        abortIncompleteMultipartUpload: { daysAfterInitiation: INCOMPLETE_UPLOAD_DAYS },
    };
    return [
        {
            id: "events",
            status: "Enabled",
            filter: { prefix: ARCHIVE_PREFIXES.events },
            transitions: settings.transitionStorageClass === NO_TRANSITION
                ? undefined
                : [{ days: settings.transitionDays, storageClass: settings.transitionStorageClass }],
            expiration: { days: settings.retentionDays },
            ...housekeeping,
        },
        {
            id: "errors",
            status: "Enabled",
            filter: { prefix: ARCHIVE_PREFIXES.errors },
            expiration: { days: settings.retentionDays },
            ...housekeeping,
        },
        {
            id: "athena-results",
            status: "Enabled",
            filter: { prefix: ARCHIVE_PREFIXES.athenaResults },
            expiration: { days: ATHENA_RESULT_DAYS },
            ...housekeeping,
        },
    ];
}

/**
 * Columns of the SES event record (SES Developer Guide, "Contents of event data that Amazon SES
 * publishes to Firehose"). Nested as in the JSON; the OpenX SerDe matches keys case-insensitively,
 * so `mail.messageId` is `mail.messageid` in SQL. What users filter on: `eventtype`,
 * `mail.messageid`, `mail.timestamp`, `mail.destination`, `mail.tags`, `bounce.bouncetype`,
 * `bounce.bouncesubtype`, `bounce.bouncedrecipients[].diagnosticcode`,
 * `complaint.complaintfeedbacktype`. Timestamps stay strings (ISO 8601): `from_iso8601_timestamp`.
 * Note the event type of a rendering failure reads `Rendering Failure` in this JSON.
 */
export const ARCHIVE_COLUMNS: { name: string; type: string; comment: string }[] = [
    { name: "eventtype", type: "string", comment: "Send, Delivery, Bounce, Complaint, Reject, Open, Click, Rendering Failure, DeliveryDelay, Subscription" },
    {
        name: "mail",
        type: "struct<timestamp:string,source:string,sourceArn:string,sendingAccountId:string,messageId:string,"
            + "destination:array<string>,headersTruncated:boolean,tags:map<string,array<string>>,"
            + "commonHeaders:struct<from:array<string>,to:array<string>,messageId:string,subject:string>>",
        comment: "the message: id, send time, recipients, tags (ses:configuration-set and yours)",
    },
    {
        name: "bounce",
        type: "struct<bounceType:string,bounceSubType:string,"
            + "bouncedRecipients:array<struct<emailAddress:string,action:string,status:string,diagnosticCode:string>>,"
            + "timestamp:string,feedbackId:string,reportingMTA:string>",
        comment: "Bounce events",
    },
    {
        name: "complaint",
        type: "struct<complainedRecipients:array<struct<emailAddress:string>>,timestamp:string,feedbackId:string,"
            + "userAgent:string,complaintFeedbackType:string,complaintSubType:string,arrivalDate:string>",
        comment: "Complaint events",
    },
    {
        name: "delivery",
        type: "struct<timestamp:string,processingTimeMillis:bigint,recipients:array<string>,smtpResponse:string,reportingMTA:string>",
        comment: "Delivery events",
    },
    { name: "reject", type: "struct<reason:string>", comment: "Reject events" },
    { name: "open", type: "struct<ipAddress:string,timestamp:string,userAgent:string>", comment: "Open events" },
    {
        name: "click",
        type: "struct<ipAddress:string,timestamp:string,userAgent:string,link:string,linkTags:map<string,array<string>>>",
        comment: "Click events",
    },
    { name: "failure", type: "struct<errorMessage:string,templateName:string>", comment: "Rendering Failure events" },
    {
        name: "deliverydelay",
        type: "struct<timestamp:string,delayType:string,expirationTime:string,reportingMTA:string,"
            + "delayedRecipients:array<struct<emailAddress:string,status:string,diagnosticCode:string>>>",
        comment: "DeliveryDelay events",
    },
];

/** The partition key Firehose's date prefix gives. */
export const ARCHIVE_PARTITION_KEY = "dt";

/**
 * Table parameters: partition projection on the date prefix (Athena computes partitions from
 * these, so no crawler and no `MSCK REPAIR`), over the retention window (`NOW-<n>DAYS,NOW`).
 */
export function archiveTableParameters(settings: EventArchiveSettings, names: EventArchiveNames): Record<string, string> {
    const key = ARCHIVE_PARTITION_KEY;
    return {
        "classification": "json",
        "compressionType": "gzip",
        "projection.enabled": "true",
        [`projection.${key}.type`]: "date",
        [`projection.${key}.format`]: "yyyy/MM/dd",
        [`projection.${key}.range`]: `NOW-${settings.retentionDays}DAYS,NOW`,
        [`projection.${key}.interval`]: "1",
        [`projection.${key}.interval.unit`]: "DAYS",
        "storage.location.template": `s3://${names.bucket}/${ARCHIVE_PREFIXES.events}\${${key}}/`,
    };
}

export interface NamedQuerySpec {
    key: string;
    name: string;
    description: string;
    query: string;
}

/** Partition filter: the last `days` days of the date prefix (strings compare as dates). */
function lastDays(days: number): string {
    return `${ARCHIVE_PARTITION_KEY} >= date_format(current_timestamp - interval '${days}' day, '%Y/%m/%d')`;
}

/** The questions users ask first, as Athena saved queries. Each reads only the days it needs. */
export function archiveNamedQueries(settings: EventArchiveSettings, names: EventArchiveNames, namePrefix: string): NamedQuerySpec[] {
    const table = `"${names.glueDatabase}"."${names.glueTable}"`;
    const tag = settings.campaignTag.replace(/'/g, "''");
    return [
        {
            key: "bounces-by-domain",
            name: fitName(namePrefix, " SES bounces by recipient domain and type", 128),
            description: "Bounced recipients of the last 7 days by recipient domain, bounce type and sub-type, with a sample diagnostic code.",
            query: [
                "SELECT lower(split_part(r.emailaddress, '@', 2)) AS recipient_domain,",
                "       bounce.bouncetype AS bounce_type,",
                "       bounce.bouncesubtype AS bounce_sub_type,",
                "       count(*) AS bounced_recipients,",
                "       arbitrary(r.diagnosticcode) AS sample_diagnostic_code",
                `FROM ${table}`,
                "CROSS JOIN UNNEST(bounce.bouncedrecipients) AS t(r)",
                `WHERE eventtype = 'Bounce' AND ${lastDays(7)}`,
                "GROUP BY 1, 2, 3",
                "ORDER BY bounced_recipients DESC",
                "LIMIT 100",
            ].join("\n"),
        },
        {
            key: "complaints-by-campaign",
            name: fitName(namePrefix, " SES complaints by campaign", 128),
            description: `Sends, complaints and complaint rate of the last 30 days by the '${settings.campaignTag}' message tag and feedback type.`,
            query: [
                `SELECT coalesce(element_at(element_at(mail.tags, '${tag}'), 1), '(no ${tag} tag)') AS campaign,`,
                "       count_if(eventtype = 'Send') AS sends,",
                "       count_if(eventtype = 'Complaint') AS complaints,",
                "       round(100.0 * count_if(eventtype = 'Complaint') / nullif(count_if(eventtype = 'Send'), 0), 4) AS complaint_rate_percent,",
                "       array_agg(DISTINCT complaint.complaintfeedbacktype) FILTER (WHERE complaint.complaintfeedbacktype IS NOT NULL) AS feedback_types",
                `FROM ${table}`,
                `WHERE eventtype IN ('Send', 'Complaint') AND ${lastDays(30)}`,
                "GROUP BY 1",
                "ORDER BY complaints DESC",
            ].join("\n"),
        },
        {
            key: "message-history",
            name: fitName(namePrefix, " SES message event history", 128),
            description: "Every event of one message, in order. Replace MESSAGE_ID with the SES message ID; widen the date filter for older mail.",
            query: [
                "SELECT coalesce(bounce.timestamp, complaint.timestamp, delivery.timestamp, \"open\".timestamp, click.timestamp,",
                "                deliverydelay.timestamp, mail.timestamp) AS event_time,",
                "       eventtype,",
                "       mail.destination AS recipients,",
                "       bounce.bouncetype, bounce.bouncesubtype, complaint.complaintfeedbacktype,",
                "       delivery.smtpresponse, reject.reason, failure.errormessage, click.link,",
                "       mail.tags",
                `FROM ${table}`,
                `WHERE mail.messageid = 'MESSAGE_ID' AND ${lastDays(30)}`,
                "ORDER BY event_time",
            ].join("\n"),
        },
    ];
}

/** A configuration set's Firehose event destination, as plain data. */
export function firehoseEventDestination(settings: EventArchiveSettings, deliveryStreamArn: string, sesRoleArn: string) {
    return {
        key: "firehose",
        name: EXTRA_EVENT_DESTINATION_NAMES.firehose,
        matchingEventTypes: [...settings.eventTypes],
        kinesisFirehoseDestination: { deliveryStreamArn, iamRoleArn: sesRoleArn },
    };
}

/**
 * The resources that hold or protect the events: kept on `pulumi destroy` unless the user said
 * `retainOnDelete: false`. The encryption, public access block, TLS policy and versioning go with
 * the bucket: deleting them from a kept bucket would leave its data less protected than before,
 * and the lifecycle keeps the retention promise (and the bill) bounded.
 */
export const RETAINED_PARTS = ["bucket", "encryption", "public-access-block", "policy", "versioning", "lifecycle"] as const;

export function retainOnDelete(settings: EventArchiveSettings, part: string): boolean {
    return settings.retainOnDelete && (RETAINED_PARTS as readonly string[]).includes(part);
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

export interface EventArchive {
    /** What each configuration set's Firehose destination needs. */
    deliveryStreamArn: pulumi.Output<string>;
    sesRoleArn: pulumi.Output<string>;
    /** The destination must wait for the role's permissions, or SES refuses it. */
    destinationDependencies: pulumi.Resource[];
    /** Outputs for users. */
    bucketName: pulumi.Output<string>;
    athenaWorkgroup: pulumi.Output<string>;
    glueDatabase: pulumi.Output<string>;
    glueTable: pulumi.Output<string>;
}

/**
 * The stack's archive: bucket and its settings, the two roles, the Firehose stream, the Glue
 * database and table, the Athena workgroup and its saved queries. `configurationSetNames` are the
 * sets that will publish to it (the SES role trusts only them).
 */
export function createEventArchive(
    name: string,
    namePrefix: string,
    settings: EventArchiveSettings,
    configurationSetNames: string[],
    account: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): EventArchive | undefined {
    if (!settings.enabled) return undefined;
    const names = account.apply((acct) => eventArchiveNames(namePrefix, acct));
    const logical = `${name}-archive`;
    const keep = (part: (typeof RETAINED_PARTS)[number]) => ({ parent, retainOnDelete: retainOnDelete(settings, part) });
    const doc = (build: (n: EventArchiveNames) => object) => names.apply((n) => JSON.stringify(build(n)));

    const bucket = new aws.s3.Bucket(logical, {
        bucket: names.bucket,
        // Only with an explicit retainOnDelete: false may destroy empty a versioned bucket.
        forceDestroy: !settings.retainOnDelete,
        tags,
    }, keep("bucket"));
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(logical, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, keep("encryption"));
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(logical, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, keep("public-access-block"));
    new aws.s3.BucketPolicy(logical, {
        bucket: bucket.id,
        policy: doc(archiveBucketPolicy),
    }, { ...keep("policy"), dependsOn: [publicAccessBlock] });
    new aws.s3.BucketVersioning(logical, {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
    }, keep("versioning"));
    new aws.s3.BucketLifecycleConfiguration(logical, {
        bucket: bucket.id,
        rules: archiveLifecycleRules(settings),
    }, keep("lifecycle"));

    const firehoseRole = new aws.iam.Role(`${logical}-firehose`, {
        name: names.firehoseRole,
        description: `Lets Firehose write SES events of ${namePrefix} under events/ and errors/ of the archive bucket`,
        assumeRolePolicy: account.apply((acct) => JSON.stringify(firehoseRoleTrustPolicy(acct))),
        tags,
    }, { parent });
    const firehoseRolePolicyResource = new aws.iam.RolePolicy(`${logical}-firehose`, {
        role: firehoseRole.id,
        policy: doc(firehoseRolePolicy),
    }, { parent });

    const stream = new aws.kinesis.FirehoseDeliveryStream(logical, {
        name: names.deliveryStream,
        destination: "extended_s3",
        // Direct PUT streams encrypt at rest with an AWS-owned key: free, nothing to manage.
        serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
        extendedS3Configuration: {
            // The ARN from the name (the same one the role policy scopes to); `dependsOn` orders it.
            bucketArn: names.bucketArn,
            roleArn: firehoseRole.arn,
            prefix: FIREHOSE_PREFIX,
            errorOutputPrefix: FIREHOSE_ERROR_PREFIX,
            compressionFormat: "GZIP",
            bufferingInterval: settings.bufferSeconds,
            bufferingSize: settings.bufferMegabytes,
        },
        tags,
    }, { parent, dependsOn: [bucket, encryption, firehoseRolePolicyResource] });

    const sesRole = new aws.iam.Role(`${logical}-ses`, {
        name: names.sesRole,
        description: `Lets SES put events of ${namePrefix}'s configuration sets into the archive stream`,
        assumeRolePolicy: account.apply((acct) => JSON.stringify(sesRoleTrustPolicy(acct, configurationSetNames))),
        tags,
    }, { parent });
    const sesRolePolicyResource = new aws.iam.RolePolicy(`${logical}-ses`, {
        role: sesRole.id,
        policy: doc(sesRolePolicy),
    }, { parent, dependsOn: [stream] });

    const database = new aws.glue.CatalogDatabase(logical, {
        name: names.glueDatabase,
        description: `SES sending events of ${namePrefix}`,
        tags,
    }, { parent });
    const table = new aws.glue.CatalogTable(logical, {
        databaseName: database.name,
        name: names.glueTable,
        description: "One row per SES event (GZIP JSON written by Firehose), partitioned by delivery date",
        tableType: "EXTERNAL_TABLE",
        parameters: names.apply((n) => archiveTableParameters(settings, n)),
        partitionKeys: [{ name: ARCHIVE_PARTITION_KEY, type: "string", comment: "yyyy/MM/dd (UTC) when Firehose received the event" }],
        storageDescriptor: {
            location: names.apply((n) => `s3://${n.bucket}/${ARCHIVE_PREFIXES.events}`),
            inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
            outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            compressed: true,
            serDeInfo: {
                serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
                // Event JSON keys are camelCase; Glue column names are lower case.
                parameters: { "case.insensitive": "true" },
            },
            columns: ARCHIVE_COLUMNS,
        },
    }, { parent });

    const workgroup = new aws.athena.Workgroup(logical, {
        name: names.workgroup,
        description: `Queries over the SES event archive of ${namePrefix}`,
        configuration: {
            // Users cannot send results elsewhere or unencrypted from this workgroup.
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            resultConfiguration: {
                outputLocation: names.apply((n) => `s3://${n.bucket}/${ARCHIVE_PREFIXES.athenaResults}`),
                encryptionConfiguration: { encryptionOption: "SSE_S3" },
            },
        },
        tags,
    }, { parent });

    const queries = names.apply((n) => archiveNamedQueries(settings, n, namePrefix));
    for (const key of ["bounces-by-domain", "complaints-by-campaign", "message-history"]) {
        const spec = queries.apply((qs) => qs.find((q) => q.key === key)!);
        new aws.athena.NamedQuery(`${logical}-${key}`, {
            name: spec.name,
            description: spec.description,
            database: database.name,
            workgroup: workgroup.name,
            query: spec.query,
        }, { parent, dependsOn: [table] });
    }

    return {
        deliveryStreamArn: stream.arn,
        sesRoleArn: sesRole.arn,
        destinationDependencies: [sesRolePolicyResource],
        bucketName: bucket.bucket,
        athenaWorkgroup: workgroup.name,
        glueDatabase: database.name,
        glueTable: table.name,
    };
}

/**
 * One configuration set's Firehose event destination into the archive. `configurationSetName` is
 * the set's name once it exists (the output of `createConfigurationSet`).
 */
export function createFirehoseEventDestination(
    name: string,
    setName: string,
    configurationSetName: pulumi.Input<string>,
    settings: EventArchiveSettings,
    archive: EventArchive,
    parent: pulumi.Resource,
): aws.sesv2.ConfigurationSetEventDestination {
    const spec = pulumi.all([archive.deliveryStreamArn, archive.sesRoleArn])
        .apply(([streamArn, roleArn]) => firehoseEventDestination(settings, streamArn, roleArn));
    return new aws.sesv2.ConfigurationSetEventDestination(`${name}-${setName}-firehose`, {
        configurationSetName,
        eventDestinationName: EXTRA_EVENT_DESTINATION_NAMES.firehose,
        eventDestination: {
            enabled: true,
            matchingEventTypes: [...settings.eventTypes],
            kinesisFirehoseDestination: spec.kinesisFirehoseDestination,
        },
    }, { parent, dependsOn: archive.destinationDependencies });
}
