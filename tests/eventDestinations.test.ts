import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    createEventBridgeDestination,
    createSnsDestination,
    EventBridgeDestinationOutputs,
    SnsDestinationOutputs,
} from "../components/eventDestinations/resources";
import { MOCK_ACCOUNT, RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";
import { checkEventDestinationQuota, resolveEventTypes } from "../components/shared/eventDestinations";
import { defaultEventBusArn } from "../components/shared/account";
import { eventBridgeEventPattern } from "../components/eventDestinations/specs";
import { resolveEventBridgeDestination, resolveSnsDestination } from "../components/eventDestinations/settings";
import { Checker } from "../components/shared/checker";

const T = {
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    key: "aws:kms/key:Key",
    destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
};
const PREFIX = "ses-monitoring-test";
const SET_ARN = "arn:aws:ses:us-east-1:123456789012:configuration-set/marketing";
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-test-marketing-690b8e-ses-events";
const TAGS = { team: "mail" };
const OWNER_STATEMENT = {
    Sid: "OwnerAccount",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::123456789012:root" },
    Action: [
        "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
        "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
    ],
    Resource: TOPIC_ARN,
};

interface Deployed {
    resources: RegisteredResource[];
    sns?: SnsDestinationOutputs;
    eventBridge?: EventBridgeDestinationOutputs;
}

/** Validates like the component will (any issue throws before anything registers), then creates. */
async function deploy(sns: unknown, eventBridge: unknown): Promise<Deployed> {
    const out: Deployed = { resources: [] };
    out.resources = await runUnderMocks(() => {
        const check = new Checker();
        const snsSettings = resolveSnsDestination(check, "configurationSets.marketing.snsDestination", sns);
        const ebSettings = resolveEventBridgeDestination(check, "configurationSets.marketing.eventBridgeDestination", eventBridge);
        if (check.issues.length > 0) throw new Error(check.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        const parent = new pulumi.ComponentResource("test:index:Parent", "ses");
        const account = pulumi.output(MOCK_ACCOUNT);
        out.sns = createSnsDestination("ses", PREFIX, "marketing", "marketing", snsSettings, account, TAGS, parent);
        out.eventBridge = createEventBridgeDestination("ses", "marketing", "marketing", ebSettings, account, parent);
    });
    out.resources = out.resources.filter((r) => r.type !== "test:index:Parent");
    return out;
}

const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!;
};

describe("SNS event destination", () => {
    it("is off unless asked", async () => {
        const { resources, sns, eventBridge } = await deploy(undefined, undefined);
        assert.deepStrictEqual(resources, []);
        assert.strictEqual(sns, undefined);
        assert.strictEqual(eventBridge, undefined);
        const { resources: off } = await deploy({ enabled: false, eventTypes: ["SEND"] }, { enabled: false });
        assert.deepStrictEqual(off, []);
    });

    it("creates a topic SES may publish to only for this account and set, and a destination with the problem events", async () => {
        const { resources, sns } = await deploy({}, undefined);
        assert.deepStrictEqual(resources.map((r) => `${r.type} ${r.name}`), [
            `${T.topic} ses-marketing-sns`,
            `${T.topicPolicy} ses-marketing-sns`,
            `${T.destination} ses-marketing-sns`,
        ]);
        assert.deepStrictEqual(named(resources, T.topic, "ses-marketing-sns").inputs, {
            name: "ses-monitoring-test-marketing-690b8e-ses-events",
            displayName: "SES events of marketing (ses-monitoring-test)",
            tags: TAGS,
        });
        const policy = named(resources, T.topicPolicy, "ses-marketing-sns").inputs;
        assert.strictEqual(policy.arn, TOPIC_ARN);
        assert.deepStrictEqual(JSON.parse(policy.policy), {
            Version: "2012-10-17",
            Statement: [
                OWNER_STATEMENT,
                {
                    Sid: "SesPublishesForThisAccount",
                    Effect: "Allow",
                    Principal: { Service: "ses.amazonaws.com" },
                    Action: "SNS:Publish",
                    Resource: TOPIC_ARN,
                    Condition: {
                        StringEquals: { "aws:SourceAccount": "123456789012" },
                        ArnEquals: { "aws:SourceArn": SET_ARN },
                    },
                },
            ],
        });
        assert.deepStrictEqual(named(resources, T.destination, "ses-marketing-sns").inputs, {
            configurationSetName: "marketing",
            eventDestinationName: "ses-monitoring-sns",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["BOUNCE", "COMPLAINT", "REJECT", "RENDERING_FAILURE", "DELIVERY_DELAY"],
                snsDestination: { topicArn: TOPIC_ARN },
            },
        });
        // The destination waits for the policy: SES checks it may publish when the destination is made.
        const destination = named(resources, T.destination, "ses-marketing-sns");
        assert.ok(destination.dependencies.includes(named(resources, T.topicPolicy, "ses-marketing-sns").urn));
        assert.strictEqual(await valueOf(sns!.topicArn), TOPIC_ARN);
    });

    it("encrypts the topic with a key whose policy keeps the root's administration and lets SES use it, as the SES guide's statement does", async () => {
        const { resources, sns } = await deploy({ kmsEncryption: true, eventTypes: ["BOUNCE", "COMPLAINT"] }, undefined);
        const key = named(resources, T.key, "ses-marketing-sns").inputs;
        assert.strictEqual(key.enableKeyRotation, true);
        assert.strictEqual(key.deletionWindowInDays, 30);
        assert.deepStrictEqual(JSON.parse(key.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AccountRootAdministersKey",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: "kms:*",
                    // In a key policy "*" is this key, nothing else.
                    Resource: "*",
                },
                {
                    // The SES Developer Guide's statement: no aws:SourceArn / aws:SourceAccount
                    // conditions, which SNS is not documented to pass to KMS. The topic policy scopes SES.
                    Sid: "AllowSESToUseKMSKey",
                    Effect: "Allow",
                    Principal: { Service: "ses.amazonaws.com" },
                    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resource: "*",
                },
            ],
        });
        const keyArn = "arn:aws:kms:us-east-1:123456789012:ses-marketing-sns";
        assert.strictEqual(named(resources, T.topic, "ses-marketing-sns").inputs.kmsMasterKeyId, keyArn);
        assert.strictEqual(await valueOf(sns!.kmsKeyArn!), keyArn);
        assert.deepStrictEqual(named(resources, T.destination, "ses-marketing-sns").inputs.eventDestination.matchingEventTypes, ["BOUNCE", "COMPLAINT"]);
    });

    it("publishes to a given topic without touching its policy", async () => {
        const given = "arn:aws:sns:us-east-1:123456789012:mail-events";
        const { resources } = await deploy({ topicArn: given, eventTypes: ["SEND", "DELIVERY"] }, undefined);
        assert.deepStrictEqual(resources.map((r) => r.type), [T.destination]);
        assert.deepStrictEqual(resources[0].inputs.eventDestination, {
            enabled: true, matchingEventTypes: ["SEND", "DELIVERY"], snsDestination: { topicArn: given },
        });
    });
});

describe("EventBridge event destination", () => {
    it("sends all ten event types to the default bus and outputs the bus and this set's pattern", async () => {
        const { resources, eventBridge } = await deploy(undefined, {});
        assert.deepStrictEqual(resources.map((r) => `${r.type} ${r.name}`), [`${T.destination} ses-marketing-eventbridge`]);
        const bus = "arn:aws:events:us-east-1:123456789012:event-bus/default";
        assert.deepStrictEqual(resources[0].inputs, {
            configurationSetName: "marketing",
            eventDestinationName: "ses-monitoring-eventbridge",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"],
                eventBridgeDestination: { eventBusArn: bus },
            },
        });
        assert.strictEqual(await valueOf(eventBridge!.eventBusArn), bus);
        assert.deepStrictEqual(JSON.parse(eventBridge!.eventPattern), {
            "source": ["aws.ses"],
            "detail-type": [
                "Email Sent", "Email Rejected", "Email Bounced", "Email Complaint Received", "Email Delivered",
                "Email Opened", "Email Clicked", "Email Rendering Failed", "Email Delivery Delayed", "Email Subscribed",
            ],
            "detail": { mail: { tags: { "ses:configuration-set": ["marketing"] } } },
        });
    });

    it("matches only the chosen event types (pure pattern)", () => {
        assert.deepStrictEqual(eventBridgeEventPattern("transactional", ["BOUNCE", "COMPLAINT"]), {
            "source": ["aws.ses"],
            "detail-type": ["Email Bounced", "Email Complaint Received"],
            "detail": { mail: { tags: { "ses:configuration-set": ["transactional"] } } },
        });
        assert.strictEqual(defaultEventBusArn({ accountId: "210987654321", partition: "aws-us-gov", region: "us-gov-west-1" }),
            "arn:aws-us-gov:events:us-gov-west-1:210987654321:event-bus/default");
    });

    it("can run beside the SNS destination on the same set", async () => {
        const { resources } = await deploy({}, { eventTypes: ["BOUNCE"] });
        assert.deepStrictEqual(resources.filter((r) => r.type === T.destination).map((r) => r.inputs.eventDestinationName).sort(),
            ["ses-monitoring-eventbridge", "ses-monitoring-sns"]);
    });
});

describe("event destination validation", () => {
    const SNS = "configurationSets.marketing.snsDestination";
    const EB = "configurationSets.marketing.eventBridgeDestination";
    /** [what is wrong, sns value, eventBridge value, expected path, expected message]. */
    const INVALID: [string, unknown, unknown, string, RegExp][] = [
        ["SNS destination as a boolean", true, undefined, SNS, /^true is not an object$/],
        ["misspelt SNS field", { topicARN: "x" }, undefined, `${SNS}.topicARN`, /is not a known field/],
        ["SNS topic ARN of another service", { topicArn: "arn:aws:sqs:us-east-1:123456789012:q" }, undefined, `${SNS}.topicArn`, /is not a standard SNS topic ARN/],
        ["FIFO topic", { topicArn: "arn:aws:sns:us-east-1:123456789012:events.fifo" }, undefined, `${SNS}.topicArn`, /SES cannot publish to FIFO topics/],
        ["KMS on a given topic", { topicArn: "arn:aws:sns:us-east-1:123456789012:events", kmsEncryption: true }, undefined, `${SNS}.kmsEncryption`,
            /^true cannot be set with topicArn/],
        ["unknown SNS event type", { eventTypes: ["BOUNCE", "Bounce"] }, undefined, `${SNS}.eventTypes[1]`, /^"Bounce" is not an SESv2 event type/],
        ["empty SNS event types", { eventTypes: [] }, undefined, `${SNS}.eventTypes`, /is empty/],
        ["enabled as a string", { enabled: "yes" }, undefined, `${SNS}.enabled`, /^"yes" is not a boolean$/],
        ["EventBridge destination as a list", undefined, ["BOUNCE"], EB, /is not an object$/],
        ["EventBridge event type twice", undefined, { eventTypes: ["SEND", "SEND"] }, `${EB}.eventTypes[1]`, /^"SEND" is listed twice$/],
        ["EventBridge bus (only the default bus is allowed)", undefined, { eventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/mine" },
            `${EB}.eventBusArn`, /is not a known field \(known: enabled, eventTypes\)/],
    ];
    for (const [what, sns, eb, path, message] of INVALID) {
        it(`refuses ${what}, naming ${path}, and creates nothing`, async () => {
            const check = new Checker();
            resolveSnsDestination(check, SNS, sns);
            resolveEventBridgeDestination(check, EB, eb);
            const issue = check.issues.find((i) => i.path === path);
            assert.ok(issue, `no issue at ${path}: ${JSON.stringify(check.issues)}`);
            assert.match(issue!.message, message);
            await assert.rejects(deploy(sns, eb), (err: Error) => err.message.includes(`${path}: `));
        });
    }

    it("registers no resource at all when an arg is invalid", async () => {
        let thrown: unknown;
        const resources = await runUnderMocks(() => {
            try {
                const check = new Checker();
                const sns = resolveSnsDestination(check, SNS, { kmsEncryption: "yes" });
                const eb = resolveEventBridgeDestination(check, EB, { eventTypes: ["NOPE"] });
                if (check.issues.length > 0) throw new Error(check.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
                const parent = new pulumi.ComponentResource("test:index:Parent", "ses");
                createSnsDestination("ses", PREFIX, "marketing", "marketing", sns, pulumi.output(MOCK_ACCOUNT), {}, parent);
                createEventBridgeDestination("ses", "marketing", "marketing", eb, pulumi.output(MOCK_ACCOUNT), parent);
            } catch (err) {
                thrown = err;
            }
        });
        assert.match(String(thrown), /snsDestination\.kmsEncryption: "yes" is not a boolean\n.*eventBridgeDestination\.eventTypes\[0\]: "NOPE"/);
        assert.deepStrictEqual(resources, []);
    });

    it("refuses more than 10 event destinations on a set, and takes exactly 10", () => {
        const check = new Checker();
        checkEventDestinationQuota(check, "configurationSets.marketing", Array.from({ length: 11 }, (_, i) => `d${i}`));
        assert.deepStrictEqual(check.issues.map((i) => `${i.path}: ${i.message}`),
            ["configurationSets.marketing: \"11 event destinations (d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10)\" exceed the 10 SES allows per configuration set"]);
        const ten = new Checker();
        checkEventDestinationQuota(ten, "configurationSets.marketing", Array.from({ length: 10 }, (_, i) => `d${i}`));
        assert.deepStrictEqual(ten.issues, []);
        const ok = new Checker();
        checkEventDestinationQuota(ok, "configurationSets.marketing", ["ses-monitoring-cloudwatch", "ses-monitoring-cloudwatch-tags",
            "ses-monitoring-firehose", "ses-monitoring-sns", "ses-monitoring-eventbridge"]);
        assert.deepStrictEqual(ok.issues, []);
    });

    it("an event-type list: the default when absent or null, each unknown type refused with the list of known ones", () => {
        const check = new Checker();
        const fallback = ["SEND", "BOUNCE"] as const;
        const absent = resolveEventTypes(check, "p", undefined, fallback);
        assert.deepStrictEqual(absent, ["SEND", "BOUNCE"]);
        assert.notStrictEqual(absent, fallback, "a copy: the caller may change it");
        assert.deepStrictEqual(resolveEventTypes(check, "p", null, fallback), ["SEND", "BOUNCE"]);
        assert.strictEqual(check.issues.length, 0);
        assert.deepStrictEqual(resolveEventTypes(check, "q", ["SEND", "OPENED", "SEND", "CLICK"], fallback), ["SEND", "CLICK"]);
        assert.deepStrictEqual(check.issues.map((i) => `${i.path}: ${i.message}`), [
            "q[1]: \"OPENED\" is not an SESv2 event type (one of SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION)",
            "q[2]: \"SEND\" is listed twice",
        ]);
    });
});
