/** The archive's layout, physical names, IAM and bucket policies, Glue columns and Athena queries, as plain data. */
import { AccountContext, configurationSetArn } from "../shared/account";
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { fitName, glueSafe, lowerCasePrefix } from "../shared/physicalNames";
import { EventArchiveSettings, NO_TRANSITION } from "./settings";

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
    const lower = lowerCasePrefix(namePrefix);
    const bucket = fitName(lower, `-ses-events-${account.accountId}-${account.region}`, 63);
    const deliveryStream = fitName(namePrefix, "-ses-events", 64);
    return {
        bucket,
        bucketArn: `arn:${account.partition}:s3:::${bucket}`,
        deliveryStream,
        deliveryStreamArn: `arn:${account.partition}:firehose:${account.region}:${account.accountId}:deliverystream/${deliveryStream}`,
        // IAM is global: the roles carry the region, so one prefix can archive in two regions.
        sesRole: fitName(namePrefix, `-ses-to-firehose-${account.region}`, 64),
        firehoseRole: fitName(namePrefix, `-firehose-to-s3-${account.region}`, 64),
        glueDatabase: fitName(glueSafe(lower), "_ses_events", 255),
        glueTable: "events",
        workgroup: fitName(namePrefix, "-ses-events", 128),
    };
}

/**
 * The role SES assumes to put records: trusted by `ses.amazonaws.com` only on behalf of this
 * account, for configuration sets of this account and region (SES Developer Guide, Firehose
 * destination: SES assumes it with the configuration set's ARN as `aws:SourceArn`). One
 * `configuration-set/*` pattern rather than each set's ARN: a list grows with the sets and passes
 * IAM's 2,048-character trust policy limit at about 15 long or 26 short names; the pattern keeps
 * the document the same size at any number of sets. What the role allows is bounded apart: put
 * records into this stack's stream only.
 */
export function sesRoleTrustPolicy(account: AccountContext): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "SesPublishesThisAccountsSets",
            Effect: "Allow",
            Principal: { Service: "ses.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": account.accountId },
                ArnLike: { "aws:SourceArn": configurationSetArn("*", account) },
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

/**
 * S3's default minimum size for a lifecycle transition, set explicitly so that the plan shows it:
 * objects under 128 KB never transition (S3 API, `TransitionDefaultMinimumObjectSize`). The
 * archive's objects are GZIP batches of events, often smaller at low volume: those stay in
 * STANDARD until they expire, which costs less than moving them (each transition is a billed
 * request, and STANDARD_IA, ONEZONE_IA and GLACIER_IR bill every object as at least 128 KB). The
 * other value, `varies_by_storage_class`, only lets small objects move to GLACIER and
 * DEEP_ARCHIVE, which the archive refuses (Athena cannot read them). Larger buffers
 * (`bufferSeconds`, `bufferMegabytes`) make larger objects.
 */
export const TRANSITION_MINIMUM_OBJECT_SIZE = "all_storage_classes_128K";

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
 * A contact's topic preferences in a Subscription event: whether they left every topic, and each
 * topic's status (`OptIn` / `OptOut`).
 */
const TOPIC_PREFERENCES = "struct<unsubscribeAll:boolean,"
    + "topicSubscriptionStatus:array<struct<topicName:string,subscriptionStatus:string>>,topicDefaultSubscriptionStatus:string>";

/**
 * Columns of the SES event record (SES Developer Guide, "Contents of event data that Amazon SES
 * publishes to Firehose"). Nested as in the JSON; the OpenX SerDe lower-cases every key as it
 * parses (map keys too: a tag sent as `Campaign` is `mail.tags['campaign']`), so `mail.messageId`
 * is `mail.messageid` in SQL. What users filter on: `eventtype`,
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
        // SES Developer Guide, contents of event data, Subscription object: the contact list, when
        // and how (`source`, e.g. UnsubscribeHeader) the contact changed their preferences, and the
        // topic preferences after and before.
        name: "subscription",
        type: `struct<contactList:string,timestamp:string,source:string,newTopicPreferences:${TOPIC_PREFERENCES},oldTopicPreferences:${TOPIC_PREFERENCES}>`,
        comment: "Subscription events (list-management unsubscribes and preference changes)",
    },
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

/**
 * The bounce sub-type of a send to an address on the account-level suppression list: a Bounce
 * event that AWS leaves out of its bounce rate (SES Developer Guide, contents of event data, bounce types).
 */
export const SUPPRESSED_BOUNCE_SUB_TYPE = "OnAccountSuppressionList";

/**
 * A message tag's key as the table reads it. The OpenX SerDe (with `case.insensitive`, its default)
 * lower-cases every JSON key as it parses a record, map keys included (its `JSONObject.getKey`;
 * Athena User Guide, OpenX JSON SerDe), so `mail.tags` holds `campaign` for a tag sent as
 * `Campaign`: a lookup by the mixed-case name would read NULL.
 */
export function tableTagKey(tagName: string): string {
    return tagName.toLowerCase();
}

/** A SQL string literal. */
function sqlString(text: string): string {
    return `'${text.replace(/'/g, "''")}'`;
}

/** Names of the saved queries, in the order they are created. */
export const NAMED_QUERY_KEYS = ["bounces-by-domain", "bounce-rate-by-day", "complaints-by-campaign", "message-history"] as const;

/** The questions users ask first, as Athena saved queries. Each reads only the days it needs. */
export function archiveNamedQueries(settings: EventArchiveSettings, names: EventArchiveNames, namePrefix: string): NamedQuerySpec[] {
    const table = `"${names.glueDatabase}"."${names.glueTable}"`;
    const tagKey = sqlString(tableTagKey(settings.campaignTag));
    const noTag = sqlString(`(no ${settings.campaignTag} tag)`);
    const suppressed = sqlString(SUPPRESSED_BOUNCE_SUB_TYPE);
    return [
        {
            key: "bounces-by-domain",
            name: fitName(namePrefix, " SES bounces by recipient domain and type", 128),
            description: "Bounced recipients of the last 7 days by recipient domain, bounce type and sub-type, with a sample diagnostic code. "
                + `Sub-type ${SUPPRESSED_BOUNCE_SUB_TYPE}: sends to addresses on the account's suppression list, which AWS leaves out of its bounce rate.`,
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
            key: "bounce-rate-by-day",
            name: fitName(namePrefix, " SES bounce rate by day, with and without suppressed addresses", 128),
            description: "Sends, bounces and bounce rate of the last 14 days by send day and configuration set: the rate the bounce alarms compute "
                + `(every Bounce event) and the rate without sub-type ${SUPPRESSED_BOUNCE_SUB_TYPE}, which AWS leaves out of its own.`,
            query: [
                "SELECT date(from_iso8601_timestamp(mail.timestamp)) AS send_day,",
                "       element_at(element_at(mail.tags, 'ses:configuration-set'), 1) AS configuration_set,",
                "       count_if(eventtype = 'Send') AS sends,",
                "       count_if(eventtype = 'Bounce') AS bounces,",
                `       count_if(eventtype = 'Bounce' AND bounce.bouncesubtype = ${suppressed}) AS suppressed_address_bounces,`,
                "       round(100.0 * count_if(eventtype = 'Bounce') / nullif(count_if(eventtype = 'Send'), 0), 4) AS bounce_rate_percent,",
                `       round(100.0 * count_if(eventtype = 'Bounce' AND coalesce(bounce.bouncesubtype, '') <> ${suppressed})`,
                "             / nullif(count_if(eventtype = 'Send'), 0), 4) AS bounce_rate_without_suppressed_percent",
                `FROM ${table}`,
                `WHERE eventtype IN ('Send', 'Bounce') AND ${lastDays(14)}`,
                "GROUP BY 1, 2",
                "ORDER BY 1 DESC, 2",
            ].join("\n"),
        },
        {
            key: "complaints-by-campaign",
            name: fitName(namePrefix, " SES complaints by campaign", 128),
            description: `Sends, complaints and complaint rate of the last 30 days by the '${settings.campaignTag}' message tag and feedback type.`,
            query: [
                `SELECT coalesce(element_at(element_at(mail.tags, ${tagKey}), 1), ${noTag}) AS campaign,`,
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
                "                deliverydelay.timestamp, subscription.timestamp, mail.timestamp) AS event_time,",
                "       eventtype,",
                "       mail.destination AS recipients,",
                "       bounce.bouncetype, bounce.bouncesubtype, complaint.complaintfeedbacktype,",
                "       delivery.smtpresponse, reject.reason, failure.errormessage, click.link, subscription.newtopicpreferences,",
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
        name: EVENT_DESTINATION_NAMES.firehose,
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

