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
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { AccountContext } from "../shared/account";
import {
    ARCHIVE_COLUMNS,
    ARCHIVE_PARTITION_KEY,
    ARCHIVE_PREFIXES,
    EventArchiveNames,
    FIREHOSE_ERROR_PREFIX,
    FIREHOSE_PREFIX,
    NAMED_QUERY_KEYS,
    RETAINED_PARTS,
    TRANSITION_MINIMUM_OBJECT_SIZE,
    archiveBucketPolicy,
    archiveLifecycleRules,
    archiveNamedQueries,
    archiveTableParameters,
    eventArchiveNames,
    firehoseEventDestination,
    firehoseRolePolicy,
    firehoseRoleTrustPolicy,
    retainOnDelete,
    sesRolePolicy,
    sesRoleTrustPolicy,
} from "./specs";
import { EventArchiveSettings } from "./settings";

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
 * database and table, the Athena workgroup and its saved queries. The stack's sets publish to it
 * (the SES role trusts configuration sets of this account and region).
 */
export function createEventArchive(
    name: string,
    namePrefix: string,
    settings: EventArchiveSettings,
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
        transitionDefaultMinimumObjectSize: TRANSITION_MINIMUM_OBJECT_SIZE,
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
        assumeRolePolicy: account.apply((acct) => JSON.stringify(sesRoleTrustPolicy(acct))),
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
    for (const key of NAMED_QUERY_KEYS) {
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
        eventDestinationName: EVENT_DESTINATION_NAMES.firehose,
        eventDestination: {
            enabled: true,
            matchingEventTypes: [...settings.eventTypes],
            kinesisFirehoseDestination: spec.kinesisFirehoseDestination,
        },
    }, { parent, dependsOn: archive.destinationDependencies });
}
