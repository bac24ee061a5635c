import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createEventArchive, createFirehoseEventDestination, EventArchive } from "../components/eventArchive/resources";
import { fitName } from "../components/shared/physicalNames";
import { MOCK_ACCOUNT, RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";
import {
    FIREHOSE_ERROR_PREFIX,
    FIREHOSE_PREFIX,
    archiveNamedQueries,
    eventArchiveNames,
    retainOnDelete,
    tableTagKey,
} from "../components/eventArchive/specs";
import {
    DEFAULT_EVENT_ARCHIVE,
    EventArchiveSettings,
    checkEventArchiveSets,
    resolveEventArchive,
} from "../components/eventArchive/settings";
import { Checker } from "../components/shared/checker";

const T = {
    bucket: "aws:s3/bucket:Bucket",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    stream: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    database: "aws:glue/catalogDatabase:CatalogDatabase",
    table: "aws:glue/catalogTable:CatalogTable",
    workgroup: "aws:athena/workgroup:Workgroup",
    namedQuery: "aws:athena/namedQuery:NamedQuery",
    destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
};

const PREFIX = "ses-monitoring-test";
const BUCKET = "ses-monitoring-test-ses-events-123456789012-us-east-1";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const STREAM = "ses-monitoring-test-ses-events";
const TAGS = { team: "mail" };

function resolve(value: unknown): { settings: EventArchiveSettings; checker: Checker } {
    const checker = new Checker();
    return { settings: resolveEventArchive(checker, "eventArchive", value), checker };
}

interface Deployed {
    resources: RegisteredResource[];
    /** `retainOnDelete` as sent to the engine, by `type::name` (runUnderMocks does not report options). */
    retained: Map<string, boolean | undefined>;
    archive?: EventArchive;
}

/** Runs the archive (and one set's Firehose destination) the way the component will: validate first. */
async function deploy(value: unknown): Promise<Deployed> {
    const retained = new Map<string, boolean | undefined>();
    let archive: EventArchive | undefined;
    const resources = await runUnderMocks(() => {
        const monitor = pulumi.runtime.getMonitor() as any;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            retained.set(`${req.getType()}::${req.getName()}`, req.hasRetainondelete() ? req.getRetainondelete() : undefined);
            return register(req, callback);
        };
        const { settings, checker } = resolve(value);
        if (checker.issues.length > 0) throw new Error(checker.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        const parent = new pulumi.ComponentResource("test:index:Parent", "ses");
        archive = createEventArchive("ses", PREFIX, settings, pulumi.output(MOCK_ACCOUNT), TAGS, parent);
        if (archive) createFirehoseEventDestination("ses", "marketing", "marketing", settings, archive, parent);
    });
    return { resources, retained, archive };
}

const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!;
};
const policyOf = (json: string) => JSON.parse(json);

/** No statement may grant `*` or `service:*` actions, or `*` resources (Deny statements may be broad). */
function assertNothingBroader(doc: any): void {
    for (const s of doc.Statement) {
        if (s.Effect !== "Allow") continue;
        for (const a of [s.Action].flat()) assert.ok(a !== "*" && !/:\*$/.test(a), `broad action ${a} in ${s.Sid}`);
        for (const r of [s.Resource ?? []].flat()) assert.notStrictEqual(r, "*", `resource * in ${s.Sid}`);
    }
}

describe("event archive", () => {
    it("is off unless asked, and then creates nothing", async () => {
        assert.strictEqual(resolve(undefined).settings.enabled, false);
        assert.strictEqual(resolve({ enabled: false }).settings.enabled, false);
        const { resources, archive } = await deploy({ enabled: false });
        assert.strictEqual(archive, undefined);
        assert.deepStrictEqual(resources.filter((r) => r.type !== "test:index:Parent"), []);
    });

    it("creates the bucket and its settings, two roles, the stream, the Glue table, the workgroup and four queries", async () => {
        const { resources } = await deploy({});
        const summary = resources.filter((r) => r.type !== "test:index:Parent").map((r) => `${r.type} ${r.name}`).sort();
        assert.deepStrictEqual(summary, [
            `${T.namedQuery} ses-archive-bounces-by-domain`,
            `${T.namedQuery} ses-archive-bounce-rate-by-day`,
            `${T.namedQuery} ses-archive-complaints-by-campaign`,
            `${T.namedQuery} ses-archive-message-history`,
            `${T.workgroup} ses-archive`,
            `${T.database} ses-archive`,
            `${T.table} ses-archive`,
            `${T.role} ses-archive-firehose`,
            `${T.role} ses-archive-ses`,
            `${T.rolePolicy} ses-archive-firehose`,
            `${T.rolePolicy} ses-archive-ses`,
            `${T.stream} ses-archive`,
            `${T.bucket} ses-archive`,
            `${T.lifecycle} ses-archive`,
            `${T.bucketPolicy} ses-archive`,
            `${T.publicAccessBlock} ses-archive`,
            `${T.encryption} ses-archive`,
            `${T.versioning} ses-archive`,
            `${T.destination} ses-marketing-firehose`,
        ].sort());
    });

    it("makes an encrypted, private, versioned bucket with a per-prefix lifecycle", async () => {
        const { resources } = await deploy({ retentionDays: 400, transitionDays: 45 });
        assert.deepStrictEqual(named(resources, T.bucket, "ses-archive").inputs, { bucket: BUCKET, forceDestroy: false, tags: TAGS });
        // The bucket's id is its name, as in AWS: the sub-resources follow a renamed bucket.
        const bucketId = BUCKET;
        assert.deepStrictEqual(named(resources, T.encryption, "ses-archive").inputs, {
            bucket: bucketId,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        });
        assert.deepStrictEqual(named(resources, T.publicAccessBlock, "ses-archive").inputs, {
            bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        assert.deepStrictEqual(named(resources, T.versioning, "ses-archive").inputs, { bucket: bucketId, versioningConfiguration: { status: "Enabled" } });
        const housekeeping = { noncurrentVersionExpiration: { noncurrentDays: 30 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };
        assert.deepStrictEqual(named(resources, T.lifecycle, "ses-archive").inputs, {
            bucket: bucketId,
            rules: [
                { id: "events", status: "Enabled", filter: { prefix: "events/" }, transitions: [{ days: 45, storageClass: "STANDARD_IA" }], expiration: { days: 400 }, ...housekeeping },
                { id: "errors", status: "Enabled", filter: { prefix: "errors/" }, expiration: { days: 400 }, ...housekeeping },
                { id: "athena-results", status: "Enabled", filter: { prefix: "athena-results/" }, expiration: { days: 30 }, ...housekeeping },
            ],
            // Said, not left to S3's default: objects under 128 KB stay in STANDARD until they expire.
            transitionDefaultMinimumObjectSize: "all_storage_classes_128K",
        });
    });

    it("keeps everything in STANDARD with transitionStorageClass NONE", async () => {
        const { resources } = await deploy({ transitionStorageClass: "NONE", retentionDays: 14 });
        const rules = named(resources, T.lifecycle, "ses-archive").inputs.rules;
        assert.strictEqual(rules[0].transitions, undefined);
        assert.deepStrictEqual(rules[0].expiration, { days: 14 });
    });

    it("has a bucket policy that denies every request without TLS, and nothing else", async () => {
        const { resources } = await deploy({});
        const policy = named(resources, T.bucketPolicy, "ses-archive").inputs;
        assert.strictEqual(policy.bucket, BUCKET);
        assert.deepStrictEqual(policyOf(policy.policy), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "DenyRequestsWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            }],
        });
    });

    it("delivers GZIP JSON under a date prefix, with errors under their own prefix", async () => {
        const { resources } = await deploy({ bufferSeconds: 120, bufferMegabytes: 16 });
        assert.strictEqual(FIREHOSE_PREFIX, "events/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/");
        assert.strictEqual(FIREHOSE_ERROR_PREFIX, "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/");
        assert.deepStrictEqual(named(resources, T.stream, "ses-archive").inputs, {
            name: STREAM,
            destination: "extended_s3",
            serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
            extendedS3Configuration: {
                bucketArn: BUCKET_ARN,
                roleArn: "arn:aws:iam:us-east-1:123456789012:ses-monitoring-test-firehose-to-s3-us-east-1",
                prefix: FIREHOSE_PREFIX,
                errorOutputPrefix: FIREHOSE_ERROR_PREFIX,
                compressionFormat: "GZIP",
                bufferingInterval: 120,
                bufferingSize: 16,
            },
            tags: TAGS,
        });
    });

    it("lets SES assume its role only for configuration sets of this account and region, and only to put records into the stream", async () => {
        const { resources } = await deploy({});
        const role = named(resources, T.role, "ses-archive-ses").inputs;
        assert.strictEqual(role.name, "ses-monitoring-test-ses-to-firehose-us-east-1");
        const trust = policyOf(role.assumeRolePolicy);
        assert.deepStrictEqual(trust, {
            Version: "2012-10-17",
            Statement: [{
                Sid: "SesPublishesThisAccountsSets",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                    // One pattern, not a list of the sets: the document stays the same size at any number of sets.
                    ArnLike: { "aws:SourceArn": "arn:aws:ses:us-east-1:123456789012:configuration-set/*" },
                },
            }],
        });
        const permissions = policyOf(named(resources, T.rolePolicy, "ses-archive-ses").inputs.policy);
        assert.deepStrictEqual(permissions, {
            Version: "2012-10-17",
            Statement: [{
                Sid: "PutEventsIntoTheArchiveStream",
                Effect: "Allow",
                Action: "firehose:PutRecordBatch",
                Resource: `arn:aws:firehose:us-east-1:123456789012:deliverystream/${STREAM}`,
            }],
        });
        assertNothingBroader(permissions);
    });

    it("lets Firehose write objects only under events/ and errors/", async () => {
        const { resources } = await deploy({});
        const role = named(resources, T.role, "ses-archive-firehose").inputs;
        assert.deepStrictEqual(policyOf(role.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "FirehoseOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "firehose.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": "123456789012" } },
            }],
        });
        const permissions = policyOf(named(resources, T.rolePolicy, "ses-archive-firehose").inputs.policy);
        assert.deepStrictEqual(permissions, {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "FindTheBucket",
                    Effect: "Allow",
                    Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                    Resource: BUCKET_ARN,
                },
                {
                    Sid: "WriteUnderTheArchivePrefixes",
                    Effect: "Allow",
                    Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                    Resource: [`${BUCKET_ARN}/events/*`, `${BUCKET_ARN}/errors/*`],
                },
            ],
        });
        assertNothingBroader(permissions);
    });

    it("catalogs the archive with the JSON SerDe and date partition projection over the retention", async () => {
        const { resources } = await deploy({ retentionDays: 90 });
        assert.deepStrictEqual(named(resources, T.database, "ses-archive").inputs, {
            name: "ses_monitoring_test_ses_events", description: "SES sending events of ses-monitoring-test", tags: TAGS,
        });
        const table = named(resources, T.table, "ses-archive").inputs;
        assert.strictEqual(table.databaseName, "ses_monitoring_test_ses_events");
        assert.strictEqual(table.name, "events");
        assert.strictEqual(table.tableType, "EXTERNAL_TABLE");
        assert.deepStrictEqual(table.parameters, {
            "classification": "json",
            "compressionType": "gzip",
            "projection.enabled": "true",
            "projection.dt.type": "date",
            "projection.dt.format": "yyyy/MM/dd",
            "projection.dt.range": "NOW-90DAYS,NOW",
            "projection.dt.interval": "1",
            "projection.dt.interval.unit": "DAYS",
            "storage.location.template": `s3://${BUCKET}/events/\${dt}/`,
        });
        assert.deepStrictEqual(table.partitionKeys, [{ name: "dt", type: "string", comment: "yyyy/MM/dd (UTC) when Firehose received the event" }]);
        const sd = table.storageDescriptor;
        assert.strictEqual(sd.location, `s3://${BUCKET}/events/`);
        assert.strictEqual(sd.inputFormat, "org.apache.hadoop.mapred.TextInputFormat");
        assert.strictEqual(sd.outputFormat, "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assert.deepStrictEqual(sd.serDeInfo, { serializationLibrary: "org.openx.data.jsonserde.JsonSerDe", parameters: { "case.insensitive": "true" } });
        const columns = Object.fromEntries(sd.columns.map((c: any) => [c.name, c.type]));
        assert.deepStrictEqual(Object.keys(columns), ["eventtype", "mail", "bounce", "complaint", "delivery", "reject", "open", "click", "failure", "subscription", "deliverydelay"]);
        // The Subscription object of the SES event record: contact list, time, source, topic preferences after and before.
        const preferences = "struct<unsubscribeAll:boolean,topicSubscriptionStatus:array<struct<topicName:string,subscriptionStatus:string>>,topicDefaultSubscriptionStatus:string>";
        assert.strictEqual(columns.subscription,
            `struct<contactList:string,timestamp:string,source:string,newTopicPreferences:${preferences},oldTopicPreferences:${preferences}>`);
        assert.strictEqual(columns.eventtype, "string");
        // The fields users filter on, where the SES event JSON puts them.
        for (const field of ["messageId:string", "timestamp:string", "destination:array<string>", "tags:map<string,array<string>>"]) {
            assert.ok(columns.mail.includes(field), `mail lacks ${field}`);
        }
        for (const field of ["bounceType:string", "bounceSubType:string", "diagnosticCode:string"]) assert.ok(columns.bounce.includes(field), `bounce lacks ${field}`);
        assert.ok(columns.complaint.includes("complaintFeedbackType:string"));
    });

    it("has an Athena workgroup that enforces an encrypted result location of its own", async () => {
        const { resources } = await deploy({});
        assert.deepStrictEqual(named(resources, T.workgroup, "ses-archive").inputs, {
            name: "ses-monitoring-test-ses-events",
            description: "Queries over the SES event archive of ses-monitoring-test",
            configuration: {
                enforceWorkgroupConfiguration: true,
                publishCloudwatchMetricsEnabled: true,
                resultConfiguration: {
                    outputLocation: `s3://${BUCKET}/athena-results/`,
                    encryptionConfiguration: { encryptionOption: "SSE_S3" },
                },
            },
            tags: TAGS,
        });
    });

    it("saves the four first questions as named queries in the workgroup, each reading only recent partitions", async () => {
        const { resources } = await deploy({ campaignTag: "campaign-id" });
        const queries = resources.filter((r) => r.type === T.namedQuery);
        assert.strictEqual(queries.length, 4);
        for (const q of queries) {
            assert.strictEqual(q.inputs.database, "ses_monitoring_test_ses_events");
            assert.strictEqual(q.inputs.workgroup, "ses-monitoring-test-ses-events");
            assert.ok(q.inputs.query.includes(`FROM "ses_monitoring_test_ses_events"."events"`));
            assert.match(q.inputs.query, /dt >= date_format\(current_timestamp - interval '\d+' day, '%Y\/%m\/%d'\)/);
        }
        const bounces = named(resources, T.namedQuery, "ses-archive-bounces-by-domain").inputs;
        assert.strictEqual(bounces.name, "ses-monitoring-test SES bounces by recipient domain and type");
        assert.match(bounces.query, /split_part\(r\.emailaddress, '@', 2\)/);
        assert.match(bounces.query, /bounce\.bouncetype AS bounce_type,\n\s+bounce\.bouncesubtype AS bounce_sub_type/);
        assert.match(bounces.query, /CROSS JOIN UNNEST\(bounce\.bouncedrecipients\)/);
        assert.strictEqual(bounces.description, "Bounced recipients of the last 7 days by recipient domain, bounce type and sub-type, with a sample diagnostic code. "
            + "Sub-type OnAccountSuppressionList: sends to addresses on the account's suppression list, which AWS leaves out of its bounce rate.");
        const rate = named(resources, T.namedQuery, "ses-archive-bounce-rate-by-day").inputs;
        assert.strictEqual(rate.name, "ses-monitoring-test SES bounce rate by day, with and without suppressed addresses");
        assert.strictEqual(rate.query, [
            "SELECT date(from_iso8601_timestamp(mail.timestamp)) AS send_day,",
            "       element_at(element_at(mail.tags, 'ses:configuration-set'), 1) AS configuration_set,",
            "       count_if(eventtype = 'Send') AS sends,",
            "       count_if(eventtype = 'Bounce') AS bounces,",
            "       count_if(eventtype = 'Bounce' AND bounce.bouncesubtype = 'OnAccountSuppressionList') AS suppressed_address_bounces,",
            "       round(100.0 * count_if(eventtype = 'Bounce') / nullif(count_if(eventtype = 'Send'), 0), 4) AS bounce_rate_percent,",
            "       round(100.0 * count_if(eventtype = 'Bounce' AND coalesce(bounce.bouncesubtype, '') <> 'OnAccountSuppressionList')",
            "             / nullif(count_if(eventtype = 'Send'), 0), 4) AS bounce_rate_without_suppressed_percent",
            'FROM "ses_monitoring_test_ses_events"."events"',
            "WHERE eventtype IN ('Send', 'Bounce') AND dt >= date_format(current_timestamp - interval '14' day, '%Y/%m/%d')",
            "GROUP BY 1, 2",
            "ORDER BY 1 DESC, 2",
        ].join("\n"));
        const complaints = named(resources, T.namedQuery, "ses-archive-complaints-by-campaign").inputs;
        assert.match(complaints.query, /element_at\(element_at\(mail\.tags, 'campaign-id'\), 1\)/);
        assert.match(complaints.query, /complaint\.complaintfeedbacktype/);
        const history = named(resources, T.namedQuery, "ses-archive-message-history").inputs;
        assert.match(history.query, /WHERE mail\.messageid = 'MESSAGE_ID'/);
        assert.match(history.query, /ORDER BY event_time/);
        assert.match(history.query, /bounce\.bouncetype, bounce\.bouncesubtype,/);
        assert.match(history.query, /subscription\.timestamp, mail\.timestamp\) AS event_time/);
    });

    it("reads a mixed-case campaign tag by its lower-cased key, as the OpenX SerDe stores map keys", async () => {
        const { resources } = await deploy({ campaignTag: "Campaign_ID" });
        const complaints = named(resources, T.namedQuery, "ses-archive-complaints-by-campaign").inputs;
        assert.ok(complaints.query.startsWith("SELECT coalesce(element_at(element_at(mail.tags, 'campaign_id'), 1), '(no Campaign_ID tag)') AS campaign,\n"), complaints.query);
        assert.ok(!complaints.query.includes("'Campaign_ID')"), "the mixed-case key would read NULL");
        assert.strictEqual(complaints.description, "Sends, complaints and complaint rate of the last 30 days by the 'Campaign_ID' message tag and feedback type.");
        assert.strictEqual(tableTagKey("ses:Caller-Identity"), "ses:caller-identity");
    });

    it("escapes a quote in the campaign tag (pure spec)", () => {
        const names = eventArchiveNames(PREFIX, MOCK_ACCOUNT);
        const q = archiveNamedQueries({ ...DEFAULT_EVENT_ARCHIVE, campaignTag: "o'brien" }, names, PREFIX);
        assert.ok(q.find((x) => x.key === "complaints-by-campaign")!.query.includes("'o''brien'"));
    });

    it("keeps the bucket and every setting on it on destroy by default; the stream, roles, catalog and queries go", async () => {
        const { retained, resources } = await deploy({});
        const keptTypes = [T.bucket, T.encryption, T.publicAccessBlock, T.bucketPolicy, T.versioning, T.lifecycle];
        for (const r of resources.filter((x) => x.type !== "test:index:Parent")) {
            const flag = retained.get(`${r.type}::${r.name}`);
            assert.strictEqual(flag === true, keptTypes.includes(r.type), `${r.type} ${r.name}: retainOnDelete ${flag}`);
        }
        for (const part of ["bucket", "encryption", "public-access-block", "policy", "versioning", "lifecycle"]) {
            assert.strictEqual(retainOnDelete(DEFAULT_EVENT_ARCHIVE, part), true, part);
        }
        assert.strictEqual(retainOnDelete(DEFAULT_EVENT_ARCHIVE, "stream"), false);
    });

    it("lets destroy delete the bucket (emptying it) only with an explicit retainOnDelete: false", async () => {
        const { retained, resources } = await deploy({ retainOnDelete: false });
        for (const r of resources) assert.notStrictEqual(retained.get(`${r.type}::${r.name}`), true, `${r.type} ${r.name}`);
        assert.strictEqual(named(resources, T.bucket, "ses-archive").inputs.forceDestroy, true);
    });

    it("gives each set a fixed-name Firehose destination with the archive's event types", async () => {
        const { resources, archive } = await deploy({ eventTypes: ["SEND", "BOUNCE", "COMPLAINT"] });
        assert.deepStrictEqual(named(resources, T.destination, "ses-marketing-firehose").inputs, {
            configurationSetName: "marketing",
            eventDestinationName: "ses-monitoring-firehose",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["SEND", "BOUNCE", "COMPLAINT"],
                kinesisFirehoseDestination: {
                    // The stream's and the SES role's own `arn` outputs (tools/pulumiMocks gives
                    // generic `arn:aws:<module>:...` ARNs for types it has no format for).
                    deliveryStreamArn: "arn:aws:kinesis:us-east-1:123456789012:ses-monitoring-test-ses-events",
                    iamRoleArn: "arn:aws:iam:us-east-1:123456789012:ses-monitoring-test-ses-to-firehose-us-east-1",
                },
            },
        });
        assert.strictEqual(await valueOf(archive!.bucketName), BUCKET);
        assert.strictEqual(await valueOf(archive!.athenaWorkgroup), "ses-monitoring-test-ses-events");
        assert.strictEqual(await valueOf(archive!.glueTable), "events");
    });

    it("fits long prefixes into each service's name limits, keeping them distinct", () => {
        const long = "A_very-long-prefix-for-a-stack-that-belongs-to-a-team-with-a-long-name-and-more";
        const other = `${long}-2`;
        const a = eventArchiveNames(long, { accountId: "123456789012", partition: "aws", region: "ap-southeast-2" });
        const b = eventArchiveNames(other, { accountId: "123456789012", partition: "aws", region: "ap-southeast-2" });
        assert.ok(a.bucket.length <= 63 && /^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(a.bucket), a.bucket);
        assert.ok(a.bucket.endsWith("-ses-events-123456789012-ap-southeast-2"));
        assert.ok(a.deliveryStream.length <= 64 && a.sesRole.length <= 64 && a.firehoseRole.length <= 64);
        assert.ok(/^[a-z0-9_]+$/.test(a.glueDatabase));
        assert.notStrictEqual(a.bucket, b.bucket);
        assert.notStrictEqual(a.deliveryStream, b.deliveryStream);
        assert.strictEqual(fitName("short", "-x", 64), "short-x");
    });
});

describe("event archive validation", () => {
    /** [what is wrong, value, expected path, expected message]. Each breaks one rule. */
    const INVALID: [string, unknown, string, RegExp][] = [
        ["not an object", "yes", "eventArchive", /^"yes" is not an object$/],
        ["misspelt field", { retentionDay: 30 }, "eventArchive.retentionDay", /is not a known field/],
        ["retention of one day", { retentionDays: 1 }, "eventArchive.retentionDays", /^1 is not in \[2, 36500\]$/],
        ["fractional retention", { retentionDays: 30.5 }, "eventArchive.retentionDays", /^30\.5 is not a whole number$/],
        ["IA transition before 30 days", { transitionDays: 10 }, "eventArchive.transitionDays", /^10 is below the 30 days S3 requires before a transition to STANDARD_IA$/],
        ["transition after expiry", { retentionDays: 60, transitionDays: 60 }, "eventArchive.transitionDays", /^60 is not below retentionDays \(60\)/],
        ["GLACIER, which Athena cannot read", { transitionStorageClass: "GLACIER" }, "eventArchive.transitionStorageClass", /^"GLACIER" cannot be queried by Athena without restoring/],
        ["unknown storage class", { transitionStorageClass: "CHEAP" }, "eventArchive.transitionStorageClass", /^"CHEAP" is not one of STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, NONE$/],
        ["buffer over 900 s", { bufferSeconds: 901 }, "eventArchive.bufferSeconds", /^901 is not in \[0, 900\]$/],
        ["buffer of 0 MiB", { bufferMegabytes: 0 }, "eventArchive.bufferMegabytes", /^0 is not in \[1, 128\]$/],
        ["retainOnDelete as a string", { retainOnDelete: "false" }, "eventArchive.retainOnDelete", /^"false" is not a boolean$/],
        ["unknown event type", { eventTypes: ["SEND", "RENDERING FAILURE"] }, "eventArchive.eventTypes[1]", /is not an SESv2 event type/],
        ["event type twice", { eventTypes: ["SEND", "SEND"] }, "eventArchive.eventTypes[1]", /^"SEND" is listed twice$/],
        ["no event types", { eventTypes: [] }, "eventArchive.eventTypes", /^\[\] is empty/],
        ["campaign tag with a space", { campaignTag: "campaign id" }, "eventArchive.campaignTag", /is not a message tag name/],
    ];
    for (const [what, value, path, message] of INVALID) {
        it(`refuses ${what}, naming ${path}, and creates nothing`, async () => {
            const { checker } = resolve(value);
            const issue = checker.issues.find((i) => i.path === path);
            assert.ok(issue, `no issue at ${path}: ${JSON.stringify(checker.issues)}`);
            assert.match(issue!.message, message);
            await assert.rejects(deploy(value), new RegExp(path.replace(/[.[\]]/g, "\\$&")));
        });
    }

    it("registers no resource at all when an arg is invalid", async () => {
        let thrown: unknown;
        const resources = await runUnderMocks(() => {
            try {
                const check = new Checker();
                const settings = resolveEventArchive(check, "eventArchive", { retentionDays: 0, transitionStorageClass: "DEEP_ARCHIVE" });
                if (check.issues.length > 0) throw new Error(check.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
                createEventArchive("ses", PREFIX, settings, pulumi.output(MOCK_ACCOUNT), {}, new pulumi.ComponentResource("test:index:Parent", "ses"));
            } catch (err) {
                thrown = err;
            }
        });
        assert.match(String(thrown), /eventArchive\.retentionDays: 0 is not in \[2, 36500\]\n.*eventArchive\.transitionStorageClass: "DEEP_ARCHIVE"/);
        assert.deepStrictEqual(resources, []);
    });

    it("refuses an enabled archive with no configuration set to feed it", () => {
        const check = new Checker();
        checkEventArchiveSets(check, "eventArchive", resolve({}).settings, []);
        assert.deepStrictEqual(check.issues, [{ path: "eventArchive", message: '"enabled" has no configuration set to publish to it (add one to configurationSets, or disable the archive)' }]);
        const off = new Checker();
        checkEventArchiveSets(off, "eventArchive", resolve(undefined).settings, []);
        assert.deepStrictEqual(off.issues, []);
    });

    it("accepts the documented shape", () => {
        const { settings, checker } = resolve({
            eventTypes: ["SEND", "BOUNCE"], retentionDays: 730, transitionDays: 0, transitionStorageClass: "GLACIER_IR",
            retainOnDelete: true, bufferSeconds: 60, bufferMegabytes: 128, campaignTag: "ses:from-domain",
        });
        assert.deepStrictEqual(checker.issues, []);
        assert.deepStrictEqual(settings, {
            enabled: true, eventTypes: ["SEND", "BOUNCE"], retentionDays: 730, transitionDays: 0, transitionStorageClass: "GLACIER_IR",
            retainOnDelete: true, bufferSeconds: 60, bufferMegabytes: 128, campaignTag: "ses:from-domain",
        });
    });
});
