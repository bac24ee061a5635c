/**
 * The policies for where events go: the event archive bucket, the SNS topics SES event
 * destinations publish to, and Lambda log retention. Each is run over raw `@pulumi/aws` stacks
 * under mocks (a violating one with its exact message, a compliant one, a preview with unknowns),
 * and over the example stacks.
 */
import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archiveBuckets } from "../policy/eventArchive";
import { destinationTopics } from "../policy/eventDestinations";
import { PolicyViolation, runPolicies, runPolicySet } from "../policy/harness";
import { policies } from "../policy/policies";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const ACCOUNT = "123456789012";
const ARCHIVE = "ses-event-archive-bucket-protected";
const TOPIC = "ses-event-destination-topic-ses-only";
const LOGS = "ses-lambda-log-retention";

function of(violations: PolicyViolation[], policyName: string) {
    return violations.filter((v) => v.policyName === policyName).map((v) => ({ level: v.enforcementLevel, type: v.resourceType, message: v.message }));
}
const mandatory = (violations: PolicyViolation[]) => violations.filter((v) => v.enforcementLevel === "mandatory");
const gaveUp = (violations: PolicyViolation[]) => violations.filter((v) => v.message.startsWith("can't run"));

// ---------------------------------------------------------------------------------------------
// Event archive
// ---------------------------------------------------------------------------------------------

interface ArchiveKnobs {
    encryption?: boolean;
    /** Flags of the bucket's public access block set false; null: no block at all. */
    publicAccessOff?: string[] | null;
    forceDestroy?: boolean;
    opts?: pulumi.CustomResourceOptions;
    /** false: the stream is not fed by SES. */
    sesDestination?: boolean;
}

/** An archive wired the way the component wires it, from raw resources; each knob breaks one thing. */
function archiveStack(k: ArchiveKnobs = {}): void {
    const bucket = new aws.s3.Bucket("archive", { bucket: "acme-ses-events", forceDestroy: k.forceDestroy }, k.opts);
    new aws.s3.Bucket("website", { bucket: "acme-website" });
    if (k.encryption !== false) {
        new aws.s3.BucketServerSideEncryptionConfiguration("archive", {
            bucket: bucket.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
        });
    }
    if (k.publicAccessOff !== null) {
        const off = (flag: string) => !(k.publicAccessOff ?? []).includes(flag);
        new aws.s3.BucketPublicAccessBlock("archive", {
            bucket: bucket.id,
            blockPublicAcls: off("blockPublicAcls"),
            blockPublicPolicy: off("blockPublicPolicy"),
            ignorePublicAcls: off("ignorePublicAcls"),
            restrictPublicBuckets: off("restrictPublicBuckets"),
        });
    }
    const stream = new aws.kinesis.FirehoseDeliveryStream("archive", {
        name: "acme-ses-events",
        destination: "extended_s3",
        extendedS3Configuration: { bucketArn: bucket.arn, roleArn: `arn:aws:iam::${ACCOUNT}:role/firehose` },
    });
    const set = new aws.sesv2.ConfigurationSet("orders", { configurationSetName: "orders" });
    if (k.sesDestination !== false) {
        new aws.sesv2.ConfigurationSetEventDestination("orders-firehose", {
            configurationSetName: set.configurationSetName,
            eventDestinationName: "archive",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["SEND", "BOUNCE", "COMPLAINT"],
                kinesisFirehoseDestination: { deliveryStreamArn: stream.arn, iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/ses` },
            },
        });
    }
}

const ARCHIVE_OF = "(aws.kinesis.FirehoseDeliveryStream \"acme-ses-events\", fed by aws.sesv2.ConfigurationSetEventDestination \"archive\")";

describe(ARCHIVE, () => {
    it("is a mandatory stack policy with an exemption list", () => {
        const p = policies.find((x) => x.name === ARCHIVE)!;
        assert.strictEqual(p.enforcementLevel, "mandatory");
        assert.ok("validateStack" in p);
        assert.deepStrictEqual(p.configSchema?.properties.exemptBucketNames.default, []);
    });

    it("finds the archive through destination, stream and bucket ARN, and passes a careful one", async () => {
        const resources = await runUnderMocks(() => archiveStack());
        const found = archiveBuckets(await stackView(resources));
        assert.deepStrictEqual(found.map((b) => b.name), ["acme-ses-events"]);
        assert.deepStrictEqual(of(await runPolicies(resources), ARCHIVE), []);
    });

    it("reports an archive bucket left unencrypted, half open and force-destroyed, in one message on the bucket", async () => {
        const resources = await runUnderMocks(() => archiveStack({ encryption: false, publicAccessOff: ["blockPublicPolicy", "restrictPublicBuckets"], forceDestroy: true }));
        assert.deepStrictEqual(of(await runPolicies(resources), ARCHIVE), [{
            level: "mandatory",
            type: "aws:s3/bucket:Bucket",
            message: `aws.s3.Bucket "acme-ses-events" holds the SES event archive ${ARCHIVE_OF} but has no server-side encryption configuration (add an aws.s3.BucketServerSideEncryptionConfiguration for it with an sseAlgorithm); has a public access block that leaves blockPublicPolicy, restrictPublicBuckets off (set all four of blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets to true); is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it).`,
        }]);
    });

    it("reports a missing public access block, and accepts an account-wide one instead", async () => {
        const missing = await runUnderMocks(() => archiveStack({ publicAccessOff: null }));
        assert.deepStrictEqual(of(await runPolicies(missing), ARCHIVE).map((v) => v.message), [
            `aws.s3.Bucket "acme-ses-events" holds the SES event archive ${ARCHIVE_OF} but has no public access block (add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true).`,
        ]);
        const accountWide = await runUnderMocks(() => {
            archiveStack({ publicAccessOff: null });
            new aws.s3.AccountPublicAccessBlock("account", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        });
        assert.deepStrictEqual(of(await runPolicies(accountWide), ARCHIVE), []);
    });

    it("takes protect as retained (the engine passes it), but cannot see retainOnDelete", async () => {
        const registered = await runUnderMocks(() => archiveStack({ forceDestroy: true, opts: { protect: true } }));
        assert.strictEqual(registered.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name === "archive")!.protect, true);
        assert.deepStrictEqual(of(await runPolicies(registered), ARCHIVE), []);

        // retainOnDelete is recorded under mocks, but the analyzer protocol does not carry it to policies.
        const retained = await runUnderMocks(() => archiveStack({ forceDestroy: true, opts: { retainOnDelete: true } }));
        assert.strictEqual(retained.find((r) => r.name === "archive" && r.type === "aws:s3/bucket:Bucket")!.retainOnDelete, true);
        assert.deepStrictEqual(of(await runPolicies(retained), ARCHIVE).map((v) => v.message.split(" but ")[1]), [
            "is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it).",
        ]);
    });

    it("leaves buckets alone that no SES-fed stream writes to, and honours the exemption list", async () => {
        const notSes = await runUnderMocks(() => archiveStack({ encryption: false, sesDestination: false }));
        assert.deepStrictEqual(of(await runPolicies(notSes), ARCHIVE), []);
        const exempt = await runUnderMocks(() => archiveStack({ encryption: false }));
        assert.deepStrictEqual(of(await runPolicies(exempt, { config: { [ARCHIVE]: { exemptBucketNames: ["acme-ses-events"] } } }), ARCHIVE), []);
    });

    it("follows real ARNs by name, and the legacy v1 destination into a BucketV2 with inline encryption", async () => {
        const resources = await runUnderMocks(() => {
            new aws.s3.BucketV2("legacy", {
                bucket: "legacy-ses-events",
                serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] }],
                forceDestroy: true,
            });
            new aws.s3.BucketPublicAccessBlock("legacy", { bucket: "legacy-ses-events", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
            // Literal ARNs only, no dependencies: the names link them.
            new aws.kinesis.FirehoseDeliveryStream("legacy", {
                name: "legacy-ses-events",
                destination: "extended_s3",
                extendedS3Configuration: { bucketArn: "arn:aws:s3:::legacy-ses-events", roleArn: `arn:aws:iam::${ACCOUNT}:role/firehose` },
            });
            new aws.ses.ConfigurationSet("legacy", { name: "legacy" });
            new aws.ses.EventDestination("legacy-firehose", {
                name: "archive",
                configurationSetName: "legacy",
                enabled: true,
                matchingTypes: ["send", "bounce"],
                kinesisDestination: { streamArn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/legacy-ses-events`, roleArn: `arn:aws:iam::${ACCOUNT}:role/ses` },
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), ARCHIVE).map((v) => v.message), [
            `aws.s3.BucketV2 "legacy-ses-events" holds the SES event archive (aws.kinesis.FirehoseDeliveryStream "legacy-ses-events", fed by aws.ses.EventDestination "archive") but is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it).`,
        ]);
    });

    it("at preview, follows dependencies where ARNs and bucket ids are unknown, and still reports what is plainly missing", async () => {
        const careful = await runUnderMocks(() => archiveStack(), { preview: true });
        const destination = careful.find((r) => r.name === "orders-firehose")!;
        assert.ok(pulumi.isUnknown(destination.inputs.eventDestination.kinesisFirehoseDestination.deliveryStreamArn));
        const violations = await runPolicies(careful);
        assert.deepStrictEqual([of(violations, ARCHIVE), gaveUp(violations)], [[], []]);
        assert.deepStrictEqual(archiveBuckets(await stackView(careful)).map((b) => b.name), ["acme-ses-events"]);

        const unknownFlags = await runUnderMocks(() => {
            const t = new aws.sns.Topic("t", {});
            archiveStack({ publicAccessOff: null, forceDestroy: t.arn.apply(() => true) as any });
            new aws.s3.BucketPublicAccessBlock("flags", { bucket: "acme-ses-events", blockPublicAcls: t.arn.apply(() => true), blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        }, { preview: true });
        assert.deepStrictEqual(of(await runPolicies(unknownFlags), ARCHIVE), []);

        const plain = await runUnderMocks(() => archiveStack({ encryption: false }), { preview: true });
        assert.deepStrictEqual(of(await runPolicies(plain), ARCHIVE).map((v) => v.message.split(" but ")[1]), [
            "has no server-side encryption configuration (add an aws.s3.BucketServerSideEncryptionConfiguration for it with an sseAlgorithm).",
        ]);
    });
});

/** The stack view a stack policy gets (parents and dependencies linked), via a probe policy. */
async function stackView(resources: RegisteredResource[]) {
    let seen: any[] = [];
    await runPolicySet([{ name: "probe", description: "captures the stack", validateStack: (args) => { seen = args.resources; } }], resources);
    return seen;
}

// ---------------------------------------------------------------------------------------------
// SNS destination topics
// ---------------------------------------------------------------------------------------------

const OWNER = {
    Sid: "OwnerAccount",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
};
const SES = (condition?: object) => ({
    Sid: "SesPublishes",
    Effect: "Allow",
    Principal: { Service: "ses.amazonaws.com" },
    Action: "SNS:Publish",
    ...(condition ? { Condition: condition } : {}),
});
const SES_SCOPED = SES({
    StringEquals: { "aws:SourceAccount": ACCOUNT },
    ArnEquals: { "aws:SourceArn": `arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/orders` },
});

/** A set with an SNS destination into a topic; `statements` (given the topic ARN) make its policy, none: no policy. */
function topicStack(statements?: (arn: string) => object[], opts: { policyArn?: pulumi.Input<string> } = {}): void {
    const topic = new aws.sns.Topic("events", { name: "orders-events" });
    if (statements) {
        new aws.sns.TopicPolicy("events", {
            arn: opts.policyArn ?? topic.arn,
            policy: topic.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: statements(arn).map((s) => ({ Resource: arn, ...s })) })),
        });
    }
    new aws.sesv2.ConfigurationSet("orders", { configurationSetName: "orders" });
    new aws.sesv2.ConfigurationSetEventDestination("orders-sns", {
        configurationSetName: "orders",
        eventDestinationName: "to-app",
        eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE", "COMPLAINT"], snsDestination: { topicArn: topic.arn } },
    });
}

const FIX = "Attach an aws.sns.TopicPolicy that keeps the owner account's statement and lets only ses.amazonaws.com SNS:Publish, with an aws:SourceAccount or aws:SourceArn condition naming this account (aws:SourceArn: the configuration set's ARN).";
const RECEIVES = "aws.sns.Topic \"orders-events\" receives SES events from aws.sesv2.ConfigurationSetEventDestination \"to-app\" but";

describe(TOPIC, () => {
    it("is a mandatory stack policy with its condition switches off by default", () => {
        const p = policies.find((x) => x.name === TOPIC)!;
        assert.strictEqual(p.enforcementLevel, "mandatory");
        const props = p.configSchema!.properties;
        assert.deepStrictEqual([props.requireSourceAccount.default, props.requireSourceArn.default, props.exemptTopicNames.default], [false, false, []]);
    });

    it("passes a topic only the owner and SES of this account may publish to, in either condition, and SNS's default owner statement", async () => {
        for (const ses of [SES_SCOPED, SES({ StringEquals: { "aws:SourceAccount": ACCOUNT } }), SES({ ArnLike: { "aws:SourceArn": `arn:aws:ses:*:${ACCOUNT}:configuration-set/*` } })]) {
            const resources = await runUnderMocks(() => topicStack(() => [OWNER, ses]));
            assert.deepStrictEqual(of(await runPolicies(resources), TOPIC), [], JSON.stringify(ses));
        }
        const snsDefault = {
            Sid: "__default_statement_ID", Effect: "Allow", Principal: { AWS: "*" }, Action: ["SNS:Publish", "SNS:Subscribe"],
            Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } },
        };
        const resources = await runUnderMocks(() => topicStack(() => [snsDefault, SES_SCOPED]));
        assert.deepStrictEqual(destinationTopics(await stackView(resources)).map((t) => t.topic.name), ["orders-events"]);
        assert.deepStrictEqual(of(await runPolicies(resources), TOPIC), []);
    });

    it("reports every other principal that may publish, and an SES statement not tied to an account", async () => {
        const resources = await runUnderMocks(() => topicStack(() => [
            OWNER,
            SES({ StringLike: { "aws:SourceAccount": "*" } }),
            { Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "sns:*" },
            { Effect: "Allow", Principal: { Service: ["ses.amazonaws.com", "cloudwatch.amazonaws.com"] }, Action: "SNS:Publish", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } },
            { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "SNS:Publish" },
            { Sid: "AllButDelete", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:role/app" }, NotAction: "SNS:DeleteTopic" },
            { Sid: "Denied", Effect: "Deny", Principal: "*", Action: "SNS:Publish", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "ReadOnly", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "SNS:GetTopicAttributes" },
        ]));
        assert.deepStrictEqual(of(await runPolicies(resources), TOPIC), [{
            level: "mandatory",
            type: "aws:sns/topic:Topic",
            message: `${RECEIVES} its topic policy does not limit publishing to SES: statement "SesPublishes" lets ses.amazonaws.com publish without an aws:SourceAccount or aws:SourceArn condition naming an account; statement "Anyone" lets "*" publish; statement 4 lets {"Service":["ses.amazonaws.com","cloudwatch.amazonaws.com"]} publish; statement "Partner" lets {"AWS":"arn:aws:iam::210987654321:root"} publish; statement "AllButDelete" lets {"AWS":"arn:aws:iam::210987654321:role/app"} publish. ${FIX}`,
        }]);
    });

    it("reports a destination topic without a topic policy, and one whose policy leaves SES out", async () => {
        const none = await runUnderMocks(() => topicStack());
        assert.deepStrictEqual(of(await runPolicies(none), TOPIC).map((v) => v.message), [
            `${RECEIVES} has no topic policy in this stack, so nothing limits who may publish on SES's behalf. ${FIX}`,
        ]);
        const ownerOnly = await runUnderMocks(() => topicStack(() => [OWNER]));
        assert.deepStrictEqual(of(await runPolicies(ownerOnly), TOPIC).map((v) => v.message), [
            `${RECEIVES} its topic policy does not limit publishing to SES: no statement lets ses.amazonaws.com publish, so SES cannot deliver events to it. ${FIX}`,
        ]);
    });

    it("requires aws:SourceArn when configured, and skips exempt topics", async () => {
        const resources = await runUnderMocks(() => topicStack(() => [OWNER, SES({ StringEquals: { "aws:SourceAccount": ACCOUNT } })]));
        assert.deepStrictEqual(of(await runPolicies(resources, { config: { [TOPIC]: { requireSourceArn: true } } }), TOPIC).map((v) => v.message.split(": ")[1]), [
            "statement \"SesPublishes\" lets ses.amazonaws.com publish without an aws:SourceArn condition naming an account. Attach an aws.sns.TopicPolicy that keeps the owner account's statement and lets only ses.amazonaws.com SNS:Publish, with an aws:SourceArn condition naming this account (aws:SourceArn",
        ]);
        assert.deepStrictEqual(of(await runPolicies(await runUnderMocks(() => topicStack()), { config: { [TOPIC]: { exemptTopicNames: ["orders-events"] } } }), TOPIC), []);
    });

    it("checks the policy this stack attaches to a topic made elsewhere, and leaves other topics alone", async () => {
        const external = `arn:aws:sns:us-east-1:${ACCOUNT}:app-events`;
        const resources = await runUnderMocks(() => {
            new aws.sns.Topic("unrelated", { name: "unrelated" });
            new aws.sns.TopicPolicy("app", {
                arn: external,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ ...OWNER, Resource: external }, { Effect: "Allow", Principal: "*", Action: "SNS:Publish", Resource: external }] }),
            });
            new aws.sesv2.ConfigurationSetEventDestination("orders-sns", {
                configurationSetName: "orders",
                eventDestinationName: "to-app",
                eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: external } },
            });
            new aws.sesv2.ConfigurationSetEventDestination("other-sns", {
                configurationSetName: "other",
                eventDestinationName: "to-partner",
                eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:not-ours` } },
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), TOPIC), [{
            level: "mandatory",
            type: "aws:sns/topicPolicy:TopicPolicy",
            message: `aws.sns.Topic "app-events" (made elsewhere) receives SES events from aws.sesv2.ConfigurationSetEventDestination "to-app" but its topic policy does not limit publishing to SES: statement 2 lets "*" publish; no statement lets ses.amazonaws.com publish, so SES cannot deliver events to it. ${FIX}`,
        }]);
    });

    it("at preview, gives no verdict on a policy it cannot read yet, and still reports a topic with no policy", async () => {
        const careful = await runUnderMocks(() => topicStack(() => [OWNER, SES_SCOPED]), { preview: true });
        const policy = careful.find((r) => r.type === "aws:sns/topicPolicy:TopicPolicy")!;
        assert.ok(pulumi.isUnknown(policy.inputs.policy));
        const violations = await runPolicies(careful);
        assert.deepStrictEqual([of(violations, TOPIC), gaveUp(violations)], [[], []]);
        assert.deepStrictEqual(destinationTopics(await stackView(careful)).map((t) => t.topic.name), ["orders-events"]);

        const none = await runUnderMocks(() => topicStack(), { preview: true });
        assert.deepStrictEqual(of(await runPolicies(none), TOPIC).map((v) => v.message.split(" but ")[1].split(".")[0]), [
            "has no topic policy in this stack, so nothing limits who may publish on SES's behalf",
        ]);
    });
});

// ---------------------------------------------------------------------------------------------
// Lambda log retention
// ---------------------------------------------------------------------------------------------

const ROLE = `arn:aws:iam::${ACCOUNT}:role/poller`;
const code = () => new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") });

describe(LOGS, () => {
    it("is an advisory stack policy with an exemption list", () => {
        const p = policies.find((x) => x.name === LOGS)!;
        assert.strictEqual(p.enforcementLevel, "advisory");
        assert.deepStrictEqual(p.configSchema?.properties.exemptFunctionNames.default, []);
    });

    it("passes functions whose log group has retention: by /aws/lambda name, by loggingConfig, and for an auto-named function", async () => {
        const resources = await runUnderMocks(() => {
            new aws.cloudwatch.LogGroup("poller", { name: "/aws/lambda/poller", retentionInDays: 14 });
            new aws.lambda.Function("poller", { name: "poller", role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code() });
            const shared = new aws.cloudwatch.LogGroup("shared", { name: "/acme/functions", retentionInDays: 30 });
            new aws.lambda.Function("worker", { name: "worker", role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code(), loggingConfig: { logFormat: "JSON", logGroup: shared.name } });
            const auto = new aws.lambda.Function("auto", { role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code() });
            new aws.cloudwatch.LogGroup("auto", { name: pulumi.interpolate`/aws/lambda/${auto.name}`, retentionInDays: 7 });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), LOGS), []);
    });

    it("advises on a function without a log group and on a log group that never expires", async () => {
        const resources = await runUnderMocks(() => {
            new aws.lambda.Function("poller", { name: "poller", role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code() });
            new aws.cloudwatch.LogGroup("worker", { name: "/aws/lambda/worker" });
            new aws.lambda.Function("worker", { name: "worker", role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code() });
            new aws.cloudwatch.LogGroup("forever", { name: "/acme/forever", retentionInDays: 0 });
            new aws.lambda.Function("custom", { name: "custom", role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code(), loggingConfig: { logFormat: "Text", logGroup: "/acme/forever" } });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), LOGS), [
            {
                level: "advisory",
                type: "aws:lambda/function:Function",
                message: "aws.lambda.Function \"poller\" writes its logs to /aws/lambda/poller, but no aws.cloudwatch.LogGroup of that name is in this stack: Lambda creates it on the first invocation without retention, so the logs are kept (and billed) forever. Add an aws.cloudwatch.LogGroup named /aws/lambda/poller with retentionInDays set, created before the function.",
            },
            {
                level: "advisory",
                type: "aws:cloudwatch/logGroup:LogGroup",
                message: "aws.cloudwatch.LogGroup \"/aws/lambda/worker\" of aws.lambda.Function \"worker\" has no retentionInDays (unset: never expire), so the function's logs are kept (and billed) forever. Set retentionInDays (for example 30).",
            },
            {
                level: "advisory",
                type: "aws:cloudwatch/logGroup:LogGroup",
                message: "aws.cloudwatch.LogGroup \"/acme/forever\" of aws.lambda.Function \"custom\" has no retentionInDays (0: never expire), so the function's logs are kept (and billed) forever. Set retentionInDays (for example 30).",
            },
        ]);
        assert.deepStrictEqual(of(await runPolicies(resources, { config: { [LOGS]: { exemptFunctionNames: ["poller", "worker", "custom"] } } }), LOGS), []);
    });

    it("at preview, matches through dependencies where names are unknown and does not crash", async () => {
        const resources = await runUnderMocks(() => {
            const t = new aws.sns.Topic("t", {});
            const name = t.arn.apply(() => "poller");
            const group = new aws.cloudwatch.LogGroup("poller", { name: pulumi.interpolate`/aws/lambda/${name}`, retentionInDays: t.arn.apply(() => 14) });
            new aws.lambda.Function("poller", { name, role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code(), loggingConfig: { logFormat: "Text", logGroup: group.name } });
            new aws.lambda.Function("lonely", { name: t.arn.apply(() => "lonely"), role: ROLE, runtime: "nodejs22.x", handler: "index.handler", code: code() });
        }, { preview: true });
        const violations = await runPolicies(resources);
        // "lonely" has an unknown name and the stack an unknown-named group: cannot tell, no verdict.
        assert.deepStrictEqual([of(violations, LOGS), gaveUp(violations)], [[], []]);
    });
});

// ---------------------------------------------------------------------------------------------
// The example stacks
// ---------------------------------------------------------------------------------------------

describe("the example stacks under the new policies", () => {
    for (const stack of ["prod", "dev"]) {
        for (const preview of [false, true]) {
            it(`${stack}${preview ? " (preview)" : ""} passes every mandatory policy, the new ones reporting nothing`, async () => {
                const { resources } = await runStack(ROOT, stack, { preview });
                const violations = await runPolicies(resources);
                assert.deepStrictEqual(mandatory(violations), []);
                assert.deepStrictEqual(gaveUp(violations), []);
                assert.deepStrictEqual(violations.filter((v) => [ARCHIVE, TOPIC, LOGS].includes(v.policyName)), []);
            });
        }
    }

    it("prod's archive bucket, SNS destination topic and poller are what the policies check", async () => {
        for (const preview of [false, true]) {
            const { resources } = await runStack(ROOT, "prod", { preview });
            const view = await stackView(resources);
            assert.deepStrictEqual(archiveBuckets(view).map((b) => [b.name, b.streams.map((s) => s.feeders.length)]), [
                ["ses-monitoring-prod-ses-events-123456789012-us-east-1", [3]],
            ], `preview ${preview}`);
            assert.deepStrictEqual(destinationTopics(view).map((t) => t.topic.name), ["ses-monitoring-prod-transactional-318245-ses-events"]);

            // The same stack with the archive given `retainOnDelete: false` (forceDestroy) fails.
            const forced = resources.map((r) => r.type === "aws:s3/bucket:Bucket" ? { ...r, inputs: { ...r.inputs, forceDestroy: true } } : r);
            assert.deepStrictEqual(of(await runPolicies(forced), ARCHIVE).map((v) => v.message.split(" but ")[1]), [
                "is not retained: forceDestroy is true, so pulumi destroy empties and deletes it with every event in it (drop forceDestroy and keep the retainOnDelete resource option, or protect it).",
            ]);
            // And without its log group, the poller is advised on.
            const noLogs = resources.filter((r) => r.type !== "aws:cloudwatch/logGroup:LogGroup");
            assert.deepStrictEqual(of(await runPolicies(noLogs), LOGS).map((v) => v.message.split(",")[0]), [
                "aws.lambda.Function \"ses-monitoring-prod-sending-api-poller\" writes its logs to /aws/lambda/ses-monitoring-prod-sending-api-poller",
            ]);
        }
    });
});
