import * as assert from "assert";
import { PolicyResource } from "@pulumi/policy";
import { RegisteredResource, runPolicies, runPolicySet } from "../policy/harness";
import { archiveBucketPolicy } from "../policy/eventArchive";
import { resource, TYPES, UNKNOWN } from "../policy/test/resources";

/**
 * ses-event-archive-bucket-protected at its edges. Each case differs from an archive the policy
 * passes (an SESv2 Firehose destination -> stream "ses-events" -> bucket "acme-ses-events", with a
 * default encryption configuration and a public access block of all four flags) in one property,
 * so a rule that stops reading that property fails here: which bucket is the archive, what counts
 * as encrypted, closed and retained, and what the message names.
 */
const ARCHIVE = "ses-event-archive-bucket-protected";
const ACCOUNT = "123456789012";
const T = {
    bucketV2: "aws:s3/bucketV2:BucketV2",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    sseV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    block: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    accountBlock: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
};
const streamArn = (name: string) => `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}`;
const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

const destination = (name = "orders-firehose", deliveryStreamArn: unknown = streamArn("ses-events"), extra: Partial<RegisteredResource> = {}) =>
    resource(TYPES.destination, name, {
        configurationSetName: "orders",
        eventDestinationName: name,
        eventDestination: { enabled: true, matchingEventTypes: ["SEND", "BOUNCE"], kinesisFirehoseDestination: { deliveryStreamArn, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/ses` } },
    }, extra);
const stream = (name = "ses-events", arn: unknown = bucketArn("acme-ses-events"), extra: Partial<RegisteredResource> = {}, inputs: Record<string, unknown> = { name }) =>
    resource(TYPES.stream, name, { ...inputs, destination: "extended_s3", extendedS3Configuration: { bucketArn: arn, roleArn: `arn:aws:iam::${ACCOUNT}:role/firehose` } }, extra);
const bucket = (inputs: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}, name = "archive", type: string = TYPES.bucket) =>
    resource(type, name, { bucket: "acme-ses-events", ...inputs }, extra);
const encryptionOf = (target: unknown = "acme-ses-events", rules: unknown = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }], type = T.sse, name = "archive") =>
    resource(type, name, { bucket: target, rules });
const FLAGS = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const blockOf = (target: unknown = "acme-ses-events", flags: Record<string, unknown> = {}, name = "archive", extra: Partial<RegisteredResource> = {}) =>
    resource(T.block, name, { bucket: target, ...FLAGS, ...flags }, extra);

/** An archive the policy passes; `replace` swaps its parts by key. */
function archive(replace: Partial<Record<"destination" | "stream" | "bucket" | "encryption" | "block", RegisteredResource | null>> = {}): RegisteredResource[] {
    const parts = { destination: destination(), stream: stream(), bucket: bucket(), encryption: encryptionOf(), block: blockOf(), ...replace };
    return Object.values(parts).filter((r): r is RegisteredResource => r !== null);
}

async function messages(resources: RegisteredResource[], config?: Record<string, unknown>): Promise<string[]> {
    return (await runPolicies(resources, { config: config ? { [ARCHIVE]: config } : undefined })).filter((v) => v.policyName === ARCHIVE).map((v) => v.message);
}
/** What follows "but" in each message: the problems. */
async function problems(resources: RegisteredResource[], config?: Record<string, unknown>): Promise<string[]> {
    return (await messages(resources, config)).map((m) => m.slice(m.indexOf(" but ") + 5));
}

const HOLDS = 'aws.s3.Bucket "acme-ses-events" holds the SES event archive (aws.kinesis.FirehoseDeliveryStream "ses-events", fed by aws.sesv2.ConfigurationSetEventDestination "orders-firehose") but';
const NO_ENCRYPTION = "has no server-side encryption configuration (add an aws.s3.BucketServerSideEncryptionConfiguration for it with an sseAlgorithm).";
const NO_ALGORITHM = "has a server-side encryption configuration without a default sseAlgorithm.";
const NO_BLOCK = "has no public access block (add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true).";
const FORCED = "is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it).";

describe("ses-event-archive-bucket-protected: which bucket is the archive", () => {
    it("passes a careful archive, and names the bucket, its stream and the destination feeding it when one thing is missing", async () => {
        assert.deepStrictEqual(await messages(archive()), []);
        assert.deepStrictEqual(await messages(archive({ encryption: null })), [`${HOLDS} ${NO_ENCRYPTION}`]);
    });

    it("holds to the rules only the bucket a stream fed by SES writes to", async () => {
        // A stream no SES destination feeds (none at all, or the destination puts records into another stream).
        assert.deepStrictEqual(await messages(archive({ destination: null, encryption: null })), []);
        assert.deepStrictEqual(await messages(archive({ destination: destination("orders-firehose", streamArn("other-events")), encryption: null })), []);
        // An SNS destination puts no records into a stream.
        const sns = resource(TYPES.destination, "orders-sns", { configurationSetName: "orders", eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t` } } });
        assert.deepStrictEqual(await messages(archive({ destination: sns, encryption: null })), []);
        // The stream writes to another bucket.
        assert.deepStrictEqual(await messages(archive({ stream: stream("ses-events", bucketArn("acme-website")), encryption: null })), []);
        // Of two buckets, the one the stream names.
        const website = bucket({ bucket: "acme-website" }, {}, "website");
        assert.deepStrictEqual(await problems([...archive({ encryption: null }), website]), [NO_ENCRYPTION]);
        assert.deepStrictEqual(await messages([...archive({ stream: stream("ses-events", bucketArn("acme-website")) }), website]).then((m) => m.map((x) => x.split(" holds")[0])), ['aws.s3.Bucket "acme-website"']);
    });

    it("names every stream writing to the archive and every destination feeding each", async () => {
        const resources = [
            destination("orders-firehose"), destination("signups-firehose"), destination("legacy-firehose", streamArn("ses-legacy")),
            stream("ses-events"), stream("ses-legacy"), bucket(), encryptionOf(), blockOf(),
        ];
        assert.deepStrictEqual(await messages(resources.map((r) => (r === resources[5] ? bucket({ forceDestroy: true }) : r))), [
            'aws.s3.Bucket "acme-ses-events" holds the SES event archive (aws.kinesis.FirehoseDeliveryStream "ses-events", fed by aws.sesv2.ConfigurationSetEventDestination "orders-firehose", aws.sesv2.ConfigurationSetEventDestination "signups-firehose"; ' +
            `aws.kinesis.FirehoseDeliveryStream "ses-legacy", fed by aws.sesv2.ConfigurationSetEventDestination "legacy-firehose") but ${FORCED}`,
        ]);
    });

    it("names an auto-named bucket and stream by their resources, a BucketV2 by its type", async () => {
        // Linked at preview by dependencies: unknown ARNs, auto-named stream and bucket.
        const b = bucket({ bucket: undefined, forceDestroy: true }, {}, "events-bucket");
        const s = stream("events-stream", UNKNOWN, { dependencies: [b.urn] }, {});
        const d = destination("orders-firehose", UNKNOWN, { dependencies: [s.urn] });
        const sse = { ...encryptionOf(UNKNOWN), dependencies: [b.urn] };
        const block = { ...blockOf(UNKNOWN), dependencies: [b.urn] };
        assert.deepStrictEqual(await messages([d, s, b, sse, block]), [
            `aws.s3.Bucket events-bucket holds the SES event archive (aws.kinesis.FirehoseDeliveryStream events-stream, fed by aws.sesv2.ConfigurationSetEventDestination "orders-firehose") but ${FORCED}`,
        ]);
        const v2 = bucket({ forceDestroy: true }, {}, "archive", T.bucketV2);
        assert.deepStrictEqual((await messages(archive({ bucket: v2 }))).map((m) => m.split(" holds")[0]), ['aws.s3.BucketV2 "acme-ses-events"']);
    });

    it("follows a dependency where a name is unknown, not a literal it cannot match, and a literal naming a sibling over a dependency", async () => {
        // The stream's name is computed: a literal ARN cannot be matched ("maybe"), so the bucket is not held to the rules...
        const unnamed = stream("ses-events", bucketArn("acme-ses-events"), {}, { name: UNKNOWN });
        assert.deepStrictEqual(await messages(archive({ stream: unnamed, encryption: null })), []);
        // ...unless the destination depends on the stream.
        assert.deepStrictEqual(await problems(archive({ stream: unnamed, encryption: null, destination: destination("orders-firehose", streamArn("ses-events"), { dependencies: [unnamed.urn] }) })), [NO_ENCRYPTION]);
        // A resource of another type that shares the stream's name (its IAM role, say) is no other stream.
        const role = resource("aws:iam/role:Role", "ses-events-role", { name: "ses-events", assumeRolePolicy: "{}" });
        assert.deepStrictEqual(await problems([...archive({ stream: unnamed, encryption: null, destination: destination("orders-firehose", streamArn("ses-events"), { dependencies: [unnamed.urn] }) }), role]), [NO_ENCRYPTION]);
        // An unknown ARN without a dependency links nothing.
        assert.deepStrictEqual(await messages(archive({ destination: destination("orders-firehose", UNKNOWN), encryption: null })), []);
        assert.deepStrictEqual(await messages(archive({ stream: stream("ses-events", UNKNOWN), encryption: null })), []);
        // A literal that names another stream of the stack wins over a dependency on this one.
        const other = stream("ses-other", bucketArn("acme-website"));
        const s = stream();
        const d = destination("orders-firehose", streamArn("ses-other"), { dependencies: [s.urn] });
        assert.deepStrictEqual(await messages([d, s, other, bucket(), encryptionOf(null), blockOf()]), []);
        // Likewise for the bucket a stream names.
        const website = bucket({ bucket: "acme-website" }, {}, "website");
        const b = bucket();
        const s2 = stream("ses-events", bucketArn("acme-website"), { dependencies: [b.urn] });
        assert.deepStrictEqual((await messages([destination(), s2, b, website, blockOf(), blockOf("acme-website", {}, "website")])).map((m) => m.split(" holds")[0]), ['aws.s3.Bucket "acme-website"']);
    });
});

describe("ses-event-archive-bucket-protected: encryption", () => {
    it("accepts the v1 inline rule and the BucketV2 inline rules; an empty algorithm is none", async () => {
        const inline = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } };
        assert.deepStrictEqual(await messages(archive({ encryption: null, bucket: bucket(inline) })), []);
        const v2Inline = (sseAlgorithm: unknown) => ({ serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "" }, { sseAlgorithm }] }] }] });
        assert.deepStrictEqual(await messages(archive({ encryption: null, bucket: bucket(v2Inline("aws:kms:dsse"), {}, "archive", T.bucketV2) })), []);
        assert.deepStrictEqual(await problems(archive({ encryption: null, bucket: bucket(v2Inline(""), {}, "archive", T.bucketV2) })), [NO_ENCRYPTION]);
        const emptyV1 = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "" } } } };
        assert.deepStrictEqual(await problems(archive({ encryption: null, bucket: bucket(emptyV1) })), [NO_ENCRYPTION]);
    });

    it("gives no encryption verdict on inline rules unknown at preview, at any depth", async () => {
        for (const configs of [UNKNOWN, [{ rules: UNKNOWN }], [{ rules: [{ applyServerSideEncryptionByDefaults: UNKNOWN }] }], [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: UNKNOWN }] }] }]]) {
            assert.deepStrictEqual(await problems(archive({ encryption: null, bucket: bucket({ serverSideEncryptionConfigurations: configs, forceDestroy: true }) })), [FORCED], String(configs));
        }
        // Known and empty at every depth: no encryption.
        for (const configs of [[], [{ rules: [] }], [{ rules: [{ applyServerSideEncryptionByDefaults: [] }] }]]) {
            assert.deepStrictEqual(await problems(archive({ encryption: null, bucket: bucket({ serverSideEncryptionConfigurations: configs }) })), [NO_ENCRYPTION], JSON.stringify(configs));
        }
    });

    it("reads the bucket's encryption configuration resources, of either type, and only its own", async () => {
        assert.deepStrictEqual(await messages(archive({ encryption: encryptionOf("acme-ses-events", undefined, T.sseV2) })), []);
        assert.deepStrictEqual(await problems(archive({ encryption: encryptionOf("acme-ses-events", [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "" } }]) })), [NO_ALGORITHM]);
        assert.deepStrictEqual(await problems(archive({ encryption: encryptionOf("acme-ses-events", [{ bucketKeyEnabled: true }]) })), [NO_ALGORITHM]);
        // One configuration with a default algorithm is enough, beside one with no rules.
        assert.deepStrictEqual(await messages([...archive({ encryption: encryptionOf("acme-ses-events", undefined, T.sseV2) }), encryptionOf("acme-ses-events", [], T.sse, "empty")]), []);
        // The configuration of another bucket of the stack.
        const website = bucket({ bucket: "acme-website" }, {}, "website");
        assert.deepStrictEqual(await problems([...archive({ encryption: encryptionOf("acme-website") }), website]), [NO_ENCRYPTION]);
        // Rules unknown at preview, and a configuration whose bucket is a literal the policy cannot match yet: no verdict.
        assert.deepStrictEqual(await messages(archive({ encryption: encryptionOf("acme-ses-events", UNKNOWN) })), []);
        assert.deepStrictEqual(await messages(archive({ encryption: encryptionOf("acme-ses-events", [{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }]) })), []);
        const unnamed = bucket({ bucket: UNKNOWN }, { dependencies: [] });
        const s = stream("ses-events", UNKNOWN, { dependencies: [unnamed.urn] });
        assert.deepStrictEqual(await problems([destination(), s, unnamed, encryptionOf("acme-ses-events"), blockOf("x", {}, "archive", { dependencies: [unnamed.urn] })]), []);
        assert.deepStrictEqual(await problems([destination(), s, unnamed, blockOf("x", {}, "archive", { dependencies: [unnamed.urn] })]), [NO_ENCRYPTION]);
    });
});

describe("ses-event-archive-bucket-protected: public access", () => {
    it("names the flags the bucket's block leaves off; a flag is on only when true", async () => {
        assert.deepStrictEqual(await problems(archive({ block: blockOf("acme-ses-events", { ignorePublicAcls: false }) })), [
            "has a public access block that leaves ignorePublicAcls off (set all four of blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets to true).",
        ]);
        assert.deepStrictEqual(await problems(archive({ block: blockOf("acme-ses-events", { blockPublicAcls: undefined, restrictPublicBuckets: "true" }) })), [
            "has a public access block that leaves blockPublicAcls, restrictPublicBuckets off (set all four of blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets to true).",
        ]);
        assert.deepStrictEqual(await problems(archive({ block: null })), [NO_BLOCK]);
    });

    it("passes when any of the bucket's blocks closes it; another bucket's block does not count", async () => {
        assert.deepStrictEqual(await messages([...archive({ block: blockOf("acme-ses-events", { blockPublicPolicy: false }) }), blockOf("acme-ses-events", {}, "second")]), []);
        const website = bucket({ bucket: "acme-website" }, {}, "website");
        assert.deepStrictEqual(await problems([...archive({ block: blockOf("acme-website") }), website]), [NO_BLOCK]);
    });

    it("takes an account-wide block with all four flags on; not one that leaves a flag off", async () => {
        const account = (flags: Record<string, unknown> = {}) => resource(T.accountBlock, "account", { ...FLAGS, ...flags });
        assert.deepStrictEqual(await messages([...archive({ block: null }), account()]), []);
        assert.deepStrictEqual(await problems([...archive({ block: null }), account({ blockPublicPolicy: false })]), [NO_BLOCK]);
        // One full account block among others is enough.
        assert.deepStrictEqual(await messages([...archive({ block: null }), account({ blockPublicPolicy: false }), { ...account(), name: "account2", urn: account().urn + "2" }]), []);
    });

    it("gives no public-access verdict on a flag unknown at preview, of the bucket's block or the account's, or a block it cannot match yet", async () => {
        assert.deepStrictEqual(await problems(archive({ block: blockOf("acme-ses-events", { restrictPublicBuckets: UNKNOWN }), bucket: bucket({ forceDestroy: true }) })), [FORCED]);
        assert.deepStrictEqual(await problems([...archive({ block: null, bucket: bucket({ forceDestroy: true }) }), resource(T.accountBlock, "account", { ...FLAGS, ignorePublicAcls: UNKNOWN })]), [FORCED]);
        const unnamed = bucket({ bucket: UNKNOWN });
        const s = stream("ses-events", UNKNOWN, { dependencies: [unnamed.urn] });
        const sse = { ...encryptionOf(UNKNOWN), dependencies: [unnamed.urn] };
        assert.deepStrictEqual(await problems([destination(), s, unnamed, sse, blockOf("acme-ses-events")]), []);
        assert.deepStrictEqual(await problems([destination(), s, unnamed, sse]), [NO_BLOCK]);
    });
});

describe("ses-event-archive-bucket-protected: retention", () => {
    it("reports forceDestroy: true; passes it when protected, gives no verdict when unknown, passes false", async () => {
        assert.deepStrictEqual(await messages(archive({ bucket: bucket({ forceDestroy: true }) })), [`${HOLDS} ${FORCED}`]);
        assert.deepStrictEqual(await messages(archive({ bucket: bucket({ forceDestroy: true }, { protect: true }) })), []);
        assert.deepStrictEqual(await messages(archive({ bucket: bucket({ forceDestroy: UNKNOWN }) })), []);
        assert.deepStrictEqual(await messages(archive({ bucket: bucket({ forceDestroy: false }) })), []);
    });

    it("takes retainOnDelete as retained, should the engine ever pass it to policies", async () => {
        // The harness passes what the engine passes (protect, not retainOnDelete): the stack view is built, then given the option.
        let view: PolicyResource[] = [];
        await runPolicySet([{ name: "probe", description: "captures the stack", validateStack: (args) => { view = args.resources; } }], archive({ bucket: bucket({ forceDestroy: true }) }));
        const run = (retainOnDelete: boolean) => {
            const found: string[] = [];
            const resources = view.map((r) => (r.type === TYPES.bucket ? { ...r, opts: { ...r.opts, retainOnDelete } as PolicyResource["opts"] } : r));
            archiveBucketPolicy.validateStack({ resources, stackTags: new Map(), getConfig: <T>() => ({ exemptBucketNames: [] }) as T, notApplicable: () => { throw new Error("not applicable"); } }, (m) => found.push(m));
            return found;
        };
        assert.deepStrictEqual(run(true), []);
        assert.deepStrictEqual(run(false), [`${HOLDS} ${FORCED}`]);
    });

    it("puts every problem of a bucket in one message, in the order encryption, public access, retention", async () => {
        assert.deepStrictEqual(await problems(archive({ encryption: null, block: null, bucket: bucket({ forceDestroy: true }) })), [
            `${NO_ENCRYPTION.slice(0, -1)}; ${NO_BLOCK.slice(0, -1)}; ${FORCED}`,
        ]);
    });
});

describe("ses-event-archive-bucket-protected: exemptions", () => {
    it("skips an exempt bucket by name, and only that one", async () => {
        const open = archive({ encryption: null });
        assert.deepStrictEqual(await messages(open, { exemptBucketNames: ["acme-ses-events"] }), []);
        assert.deepStrictEqual(await problems(open, { exemptBucketNames: ["acme-website"] }), [NO_ENCRYPTION]);
    });
});
