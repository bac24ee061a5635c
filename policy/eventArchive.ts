/**
 * The SES event archive: the S3 bucket a Kinesis Data Firehose stream fed by an SES event
 * destination writes to. It holds every recipient address, bounce diagnostic and complaint of the
 * account's mail, kept for months: it must be encrypted, closed to the public, and survive a
 * `pulumi destroy`.
 *
 * The bucket is found through the stack, not by name: SES event destination (SESv2
 * `kinesisFirehoseDestination.deliveryStreamArn`, v1 `kinesisDestination.streamArn`) -> the
 * `aws.kinesis.FirehoseDeliveryStream` -> its `extendedS3Configuration.bucketArn` -> the bucket
 * (`aws.s3.Bucket`, or the deprecated `aws.s3.BucketV2`). Each link is a known name or ARN, or
 * at preview, where those are often unknown, a dependency (see references.ts).
 */
import * as aws from "@pulumi/aws";
import { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { describeDestination, EventDestinationInfo, eventDestinations, Relation } from "./inventory";
import { configOf, exemptions } from "./policyConfig";
import { bucketName, bucketOfArn, deliveryStreamOfArn, refersTo } from "./references";
import { at, isUnknown, listAt, plainProps, Unknown, UNKNOWN } from "./unknowns";

export interface ArchiveBucket {
    resource: PolicyResource;
    props: any;
    /** `aws.s3.Bucket` or the deprecated `aws.s3.BucketV2`, for messages. */
    type: string;
    /** Physical name; undefined when auto-named, `UNKNOWN` when computed at preview. */
    name: string | Unknown | undefined;
    /** The streams that write to it, and the SES destinations that feed them. */
    streams: { resource: PolicyResource; name: string | Unknown | undefined; feeders: EventDestinationInfo[] }[];
}

interface Named {
    resource: PolicyResource;
    props: any;
    name: string | Unknown | undefined;
}

/** The physical names of the other resources among `items`: the names a literal may designate instead. */
function knownNames(items: Named[], except: PolicyResource): string[] {
    return items.filter((i) => i.resource !== except && typeof i.name === "string").map((i) => i.name as string);
}

function buckets(resources: PolicyResource[]): (Named & { type: string })[] {
    const out: (Named & { type: string })[] = [];
    for (const r of resources) {
        const type = r.isType(aws.s3.Bucket) ? "aws.s3.Bucket" : r.isType(aws.s3.BucketV2) ? "aws.s3.BucketV2" : undefined;
        if (!type) continue;
        const props = plainProps(r.props);
        out.push({ resource: r, props, type, name: at(props, "bucket") });
    }
    return out;
}

function streams(resources: PolicyResource[]): Named[] {
    return resources.filter((r) => r.isType(aws.kinesis.FirehoseDeliveryStream)).map((r) => {
        const props = plainProps(r.props);
        return { resource: r, props, name: at(props, "name") };
    });
}

/** Whether an SES destination certainly puts records into this stream (a "maybe" link does not count). */
function feeds(destination: EventDestinationInfo, stream: Named, all: Named[]): boolean {
    return destination.deliveryStreamArns.some((arn) =>
        refersTo(destination.resource, arn, deliveryStreamOfArn, stream.resource, stream.name, knownNames(all, stream.resource)) === "yes");
}

/**
 * The buckets that hold SES events: written by a Firehose stream that an SES event destination
 * feeds. Only certain links count; a link that cannot be told before the update ("maybe") does
 * not make a bucket an archive, so an unrelated bucket is never held to these rules.
 */
export function archiveBuckets(resources: PolicyResource[]): ArchiveBucket[] {
    const destinations = eventDestinations(resources).filter((d) => d.deliveryStreamArns.length > 0);
    if (destinations.length === 0) return [];
    const allStreams = streams(resources);
    const allBuckets = buckets(resources);
    const out = new Map<PolicyResource, ArchiveBucket>();
    for (const stream of allStreams) {
        const feeders = destinations.filter((d) => feeds(d, stream, allStreams));
        if (feeders.length === 0) continue;
        const arn: string | Unknown | undefined = at(stream.props, "extendedS3Configuration", "bucketArn");
        for (const bucket of allBuckets) {
            if (refersTo(stream.resource, arn, bucketOfArn, bucket.resource, bucket.name, knownNames(allBuckets, bucket.resource)) !== "yes") continue;
            const entry = out.get(bucket.resource) ?? { ...bucket, streams: [] };
            entry.streams.push({ resource: stream.resource, name: stream.name, feeders });
            out.set(bucket.resource, entry);
        }
    }
    return [...out.values()];
}

/** The resources that configure a bucket through their `bucket` property. */
function configuring(resources: PolicyResource[], cls: unknown, bucket: ArchiveBucket, all: Named[]): { resource: PolicyResource; props: any; relation: Relation }[] {
    return resources.filter((r) => r.isType(cls as any)).map((r) => {
        const props = plainProps(r.props);
        return { resource: r, props, relation: refersTo(r, at(props, "bucket"), bucketName, bucket.resource, bucket.name, knownNames(all, bucket.resource)) };
    });
}

type Finding = string | "unknown" | undefined;

/** A non-empty `sseAlgorithm` (AES256, aws:kms, aws:kms:dsse) in any rule; "unknown" when preview hides it. */
function algorithmSet(values: unknown[]): boolean | "unknown" {
    if (values.some((v) => typeof v === "string" && v !== "")) return true;
    return values.some(isUnknown) ? "unknown" : false;
}

function encryption(bucket: ArchiveBucket, resources: PolicyResource[], all: Named[]): Finding {
    // v1 inline form: Bucket `serverSideEncryptionConfiguration.rule`, BucketV2 `serverSideEncryptionConfigurations[].rules[]`.
    const inline: unknown[] = [at(bucket.props, "serverSideEncryptionConfiguration", "rule", "applyServerSideEncryptionByDefault", "sseAlgorithm")];
    const v2Configs = listAt(bucket.props, "serverSideEncryptionConfigurations");
    if (isUnknown(v2Configs)) inline.push(UNKNOWN);
    else for (const c of v2Configs) {
        const rules = listAt(c, "rules");
        if (isUnknown(rules)) { inline.push(UNKNOWN); continue; }
        for (const rule of rules) {
            const defaults = listAt(rule, "applyServerSideEncryptionByDefaults");
            if (isUnknown(defaults)) inline.push(UNKNOWN);
            else defaults.forEach((d) => inline.push(at(d, "sseAlgorithm")));
        }
    }
    const inlineSet = algorithmSet(inline);
    if (inlineSet === true) return undefined;

    const configs = [
        ...configuring(resources, aws.s3.BucketServerSideEncryptionConfiguration, bucket, all),
        ...configuring(resources, aws.s3.BucketServerSideEncryptionConfigurationV2, bucket, all),
    ];
    const own = configs.filter((c) => c.relation === "yes");
    const algorithms = own.flatMap((c) => {
        const rules = listAt(c.props, "rules");
        return isUnknown(rules) ? [UNKNOWN] : rules.map((rule) => at(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"));
    });
    const set = algorithmSet(algorithms);
    if (set === true) return undefined;
    if (set === "unknown" || inlineSet === "unknown" || configs.some((c) => c.relation === "maybe")) return "unknown";
    return own.length === 0
        ? "has no server-side encryption configuration (add an aws.s3.BucketServerSideEncryptionConfiguration for it with an sseAlgorithm)"
        : "has a server-side encryption configuration without a default sseAlgorithm";
}

const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** The flags a block leaves off, or "unknown". */
function flagsOff(props: any): string[] | "unknown" {
    const values = BLOCK_FLAGS.map((f) => at(props, f));
    if (values.some(isUnknown)) return "unknown";
    return BLOCK_FLAGS.filter((_, i) => values[i] !== true);
}

function publicAccess(bucket: ArchiveBucket, resources: PolicyResource[], all: Named[]): Finding {
    // An account-wide block with all four on closes every bucket of the account (S3 User Guide,
    // blocking public access), so it counts as this bucket's.
    const accountBlocks = resources.filter((r) => r.isType(aws.s3.AccountPublicAccessBlock)).map((r) => flagsOff(plainProps(r.props)));
    if (accountBlocks.some((off) => Array.isArray(off) && off.length === 0)) return undefined;

    const blocks = configuring(resources, aws.s3.BucketPublicAccessBlock, bucket, all);
    const own = blocks.filter((b) => b.relation === "yes").map((b) => flagsOff(b.props));
    if (own.some((off) => Array.isArray(off) && off.length === 0)) return undefined;
    if (own.includes("unknown") || accountBlocks.includes("unknown") || blocks.some((b) => b.relation === "maybe")) return "unknown";
    if (own.length === 0) {
        return `has no public access block (add an aws.s3.BucketPublicAccessBlock for it with ${BLOCK_FLAGS.join(", ")} all true)`;
    }
    const off = own[0] as string[];
    return `has a public access block that leaves ${off.join(", ")} off (set all four of ${BLOCK_FLAGS.join(", ")} to true)`;
}

/**
 * Retained on `pulumi destroy`. What a policy sees of the resource options is what the engine's
 * analyzer protocol carries (`AnalyzerResourceOptions` in @pulumi/pulumi 3.248, read by
 * @pulumi/policy 1.21): `protect`, `ignoreChanges`, `deleteBeforeReplace`, `aliases`,
 * `customTimeouts`, `additionalSecretOutputs`, `parent`, and not `retainOnDelete`. So:
 * - `protect: true` is retained outright (the engine refuses to delete the bucket);
 * - otherwise the property that decides whether a destroy can lose the events is read:
 *   `forceDestroy`. Without it the provider's delete is a plain DeleteBucket, which S3 refuses
 *   while any object or version remains (and the archive is versioned), so the events stay
 *   whether or not `retainOnDelete` was set; with it, destroy empties the bucket first. The
 *   component sets `forceDestroy` only when the user gives `retainOnDelete: false`.
 * Should a later SDK hand policies `retainOnDelete`, a true value is taken as retained too.
 */
function retention(bucket: ArchiveBucket): Finding {
    const opts = (bucket.resource.opts ?? {}) as { protect?: boolean; retainOnDelete?: boolean };
    if (opts.protect === true || opts.retainOnDelete === true) return undefined;
    const force = at(bucket.props, "forceDestroy");
    if (isUnknown(force)) return "unknown";
    if (force !== true) return undefined;
    return "is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it)";
}

function describeBucket(bucket: ArchiveBucket): string {
    return typeof bucket.name === "string" ? `${bucket.type} "${bucket.name}"` : `${bucket.type} ${bucket.resource.name}`;
}

function describeStreams(bucket: ArchiveBucket): string {
    return bucket.streams.map((s) => {
        const stream = typeof s.name === "string" ? `aws.kinesis.FirehoseDeliveryStream "${s.name}"` : `aws.kinesis.FirehoseDeliveryStream ${s.resource.name}`;
        return `${stream}, fed by ${s.feeders.map(describeDestination).join(", ")}`;
    }).join("; ");
}

const ARCHIVE_SCHEMA: PolicyConfigSchema = { properties: { exemptBucketNames: exemptions("S3 bucket names") } };

export const archiveBucketPolicy: StackValidationPolicy = {
    name: "ses-event-archive-bucket-protected",
    description: "The S3 bucket a Kinesis Data Firehose stream fed by an SES event destination writes to (the event archive: every recipient, bounce and complaint) has default server-side encryption, a public access block with all four settings on, and is retained on destroy (protect, or no forceDestroy).",
    enforcementLevel: "mandatory",
    configSchema: ARCHIVE_SCHEMA,
    validateStack: (args, reportViolation: ReportViolation) => {
        const config = configOf<{ exemptBucketNames: string[] }>(args, ARCHIVE_SCHEMA);
        const archives = archiveBuckets(args.resources);
        if (archives.length === 0) args.notApplicable("no SES event destination writes to an S3 bucket of this stack through Firehose");
        const all = buckets(args.resources);
        for (const bucket of archives) {
            if (typeof bucket.name === "string" && config.exemptBucketNames.includes(bucket.name)) continue;
            const problems = [encryption(bucket, args.resources, all), publicAccess(bucket, args.resources, all), retention(bucket)]
                .filter((f): f is string => f !== undefined && f !== "unknown");
            if (problems.length === 0) continue;
            reportViolation(`${describeBucket(bucket)} holds the SES event archive (${describeStreams(bucket)}) but ${problems.join("; ")}.`, bucket.resource.urn);
        }
    },
};

export const eventArchivePolicies = [archiveBucketPolicy];
