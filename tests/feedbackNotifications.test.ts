import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createFeedbackNotifications, FeedbackNotifications } from "../components/feedbackNotifications/resources";
import { MOCK_ACCOUNT, RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";
import { isIdentity, resolveIdentities } from "../components/feedbackNotifications/settings";
import { Checker } from "../components/shared/checker";

const T = {
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    notification: "aws:ses/identityNotificationTopic:IdentityNotificationTopic",
    feedback: "aws:sesv2/emailIdentityFeedbackAttributes:EmailIdentityFeedbackAttributes",
};
const PREFIX = "ses-monitoring-test";
const FEEDBACK_TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-test-ses-feedback";
const GIVEN_TOPIC = "arn:aws:sns:us-east-1:123456789012:billing-feedback";

/** Validates like the component will (any issue throws before anything registers), then creates. */
async function deploy(identities: unknown): Promise<{ resources: RegisteredResource[]; out: FeedbackNotifications }> {
    let out: FeedbackNotifications | undefined;
    const resources = await runUnderMocks(() => {
        const check = new Checker();
        const settings = resolveIdentities(check, "identities", identities);
        if (check.issues.length > 0) throw new Error(check.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        const parent = new pulumi.ComponentResource("test:index:Parent", "ses");
        out = createFeedbackNotifications("ses", PREFIX, settings, pulumi.output(MOCK_ACCOUNT), { team: "mail" }, parent);
    });
    return { resources: resources.filter((r) => r.type !== "test:index:Parent"), out: out! };
}

const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!;
};

const IDENTITIES = {
    "example.com": { disableEmailForwarding: true, includeOriginalHeaders: true },
    "news@example.com": { delivery: true },
    "billing.example.org": { complaint: false, topicArn: GIVEN_TOPIC },
};

describe("feedback notifications", () => {
    it("creates nothing without identities", async () => {
        const { resources, out } = await deploy(undefined);
        assert.deepStrictEqual(resources, []);
        assert.strictEqual(out.feedbackTopicArn, undefined);
    });

    it("creates one feedback topic, a notification topic per identity and type, and forwarding off only where asked", async () => {
        const { resources } = await deploy(IDENTITIES);
        assert.deepStrictEqual(resources.map((r) => `${r.type} ${r.name}`).sort(), [
            `${T.topic} ses-feedback`,
            `${T.topicPolicy} ses-feedback`,
            `${T.notification} ses-feedback-billing.example.org-bounce`,
            `${T.notification} ses-feedback-example.com-bounce`,
            `${T.notification} ses-feedback-example.com-complaint`,
            `${T.notification} ses-feedback-news@example.com-bounce`,
            `${T.notification} ses-feedback-news@example.com-complaint`,
            `${T.notification} ses-feedback-news@example.com-delivery`,
            `${T.feedback} ses-feedback-example.com-forwarding`,
        ].sort());
        assert.deepStrictEqual(named(resources, T.topic, "ses-feedback").inputs, {
            name: "ses-monitoring-test-ses-feedback",
            displayName: "SES feedback notifications (ses-monitoring-test)",
            tags: { team: "mail" },
        });
    });

    it("sets each notification's identity, type, topic and header option", async () => {
        const { resources } = await deploy(IDENTITIES);
        assert.deepStrictEqual(named(resources, T.notification, "ses-feedback-example.com-bounce").inputs, {
            identity: "example.com", notificationType: "Bounce", topicArn: FEEDBACK_TOPIC, includeOriginalHeaders: true,
        });
        assert.deepStrictEqual(named(resources, T.notification, "ses-feedback-example.com-complaint").inputs, {
            identity: "example.com", notificationType: "Complaint", topicArn: FEEDBACK_TOPIC, includeOriginalHeaders: true,
        });
        assert.deepStrictEqual(named(resources, T.notification, "ses-feedback-news@example.com-delivery").inputs, {
            identity: "news@example.com", notificationType: "Delivery", topicArn: FEEDBACK_TOPIC, includeOriginalHeaders: false,
        });
        assert.deepStrictEqual(named(resources, T.notification, "ses-feedback-billing.example.org-bounce").inputs, {
            identity: "billing.example.org", notificationType: "Bounce", topicArn: GIVEN_TOPIC, includeOriginalHeaders: false,
        });
    });

    it("lets SES publish to the feedback topic only for this account and the identities that use it", async () => {
        const { resources } = await deploy(IDENTITIES);
        const policy = named(resources, T.topicPolicy, "ses-feedback").inputs;
        assert.strictEqual(policy.arn, FEEDBACK_TOPIC);
        assert.deepStrictEqual(JSON.parse(policy.policy), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "OwnerAccount",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: [
                        "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                        "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
                    ],
                    Resource: FEEDBACK_TOPIC,
                },
                {
                    Sid: "SesPublishesForThisAccount",
                    Effect: "Allow",
                    Principal: { Service: "ses.amazonaws.com" },
                    Action: "SNS:Publish",
                    Resource: FEEDBACK_TOPIC,
                    Condition: {
                        StringEquals: { "aws:SourceAccount": "123456789012" },
                        // billing.example.org publishes to its own topic: not listed.
                        ArnEquals: { "aws:SourceArn": [
                            "arn:aws:ses:us-east-1:123456789012:identity/example.com",
                            "arn:aws:ses:us-east-1:123456789012:identity/news@example.com",
                        ] },
                    },
                },
            ],
        });
    });

    it("turns email forwarding off after the bounce and complaint topics are set", async () => {
        const { resources } = await deploy(IDENTITIES);
        const forwarding = named(resources, T.feedback, "ses-feedback-example.com-forwarding");
        assert.deepStrictEqual(forwarding.inputs, { emailIdentity: "example.com", emailForwardingEnabled: false });
        for (const type of ["bounce", "complaint"]) {
            assert.ok(forwarding.dependencies.includes(named(resources, T.notification, `ses-feedback-example.com-${type}`).urn), type);
        }
        // The notification topics wait for the topic policy (SES checks it may publish).
        const bounce = named(resources, T.notification, "ses-feedback-example.com-bounce");
        assert.ok(bounce.dependencies.includes(named(resources, T.topicPolicy, "ses-feedback").urn));
    });

    it("uses only the given topics when every identity has one, and outputs the topic per identity", async () => {
        const { resources, out } = await deploy({ "example.com": { topicArn: GIVEN_TOPIC } });
        assert.deepStrictEqual(resources.map((r) => r.type), [T.notification, T.notification]);
        assert.strictEqual(out.feedbackTopicArn, undefined);
        assert.strictEqual(await valueOf(out.topicArns["example.com"]), GIVEN_TOPIC);
    });

    it("names resources after the identity, not its position", async () => {
        const a = await deploy({ "a.example.com": {}, "b.example.com": {} });
        const b = await deploy({ "b.example.com": {}, "a.example.com": {} });
        const urns = (r: RegisteredResource[]) => r.map((x) => x.urn).sort();
        assert.deepStrictEqual(urns(a.resources), urns(b.resources));
    });

    it("recognises domains and addresses as identities", () => {
        for (const ok of ["example.com", "mail.example.co.uk", "news@example.com", "a.b+tag@sub.example.org", "xn--bcher-kva.example"]) {
            assert.ok(isIdentity(ok), ok);
        }
        for (const bad of ["example", "-bad.example.com", "exa mple.com", "news@", "@example.com", "news@example", "a..b.com", "arn:aws:ses:us-east-1:1:identity/x.com"]) {
            assert.ok(!isIdentity(bad), bad);
        }
    });
});

describe("feedback notification validation", () => {
    /** [what is wrong, identities, expected path, expected message]. */
    const INVALID: [string, unknown, string, RegExp][] = [
        ["identities as a list", ["example.com"], "identities", /is not a map keyed by identity/],
        ["an identity that is neither domain nor address", { "not an identity": {} }, "identities.not an identity",
            /^"not an identity" is not an SES identity \(a domain such as example\.com or an email address\)$/],
        ["forwarding off without complaint notifications", { "example.com": { complaint: false, disableEmailForwarding: true } },
            "identities.example.com.disableEmailForwarding", /^true needs bounce and complaint notifications on \(complaint off\)/],
        ["forwarding off without bounce notifications", { "news@example.com": { bounce: false, delivery: true, disableEmailForwarding: true } },
            "identities.news@example.com.disableEmailForwarding", /\(bounce off\): with forwarding off they would go unreported$/],
        ["every type off", { "example.com": { bounce: false, complaint: false } }, "identities.example.com", /publishes nothing/],
        ["topic ARN of another service", { "example.com": { topicArn: "arn:aws:sqs:us-east-1:123456789012:q" } },
            "identities.example.com.topicArn", /is not a standard SNS topic ARN/],
        ["FIFO topic", { "example.com": { topicArn: "arn:aws:sns:us-east-1:123456789012:fb.fifo" } },
            "identities.example.com.topicArn", /SES cannot publish to FIFO topics/],
        ["misspelt field", { "example.com": { bounces: true } }, "identities.example.com.bounces", /is not a known field/],
        ["boolean as a string", { "example.com": { includeOriginalHeaders: "true" } }, "identities.example.com.includeOriginalHeaders", /^"true" is not a boolean$/],
    ];
    for (const [what, identities, path, message] of INVALID) {
        it(`refuses ${what}, naming ${path}, and creates nothing`, async () => {
            const check = new Checker();
            resolveIdentities(check, "identities", identities);
            const issue = check.issues.find((i) => i.path === path);
            assert.ok(issue, `no issue at ${path}: ${JSON.stringify(check.issues)}`);
            assert.match(issue!.message, message);
            await assert.rejects(deploy(identities), (err: Error) => err.message.includes(`${path}: `));
        });
    }

    it("registers no resource at all when an arg is invalid", async () => {
        let thrown: unknown;
        const resources = await runUnderMocks(() => {
            try {
                const check = new Checker();
                const settings = resolveIdentities(check, "identities", { "example.com": {}, "news@example.com": { complaint: false, disableEmailForwarding: true } });
                if (check.issues.length > 0) throw new Error(check.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
                createFeedbackNotifications("ses", PREFIX, settings, pulumi.output(MOCK_ACCOUNT), {}, new pulumi.ComponentResource("test:index:Parent", "ses"));
            } catch (err) {
                thrown = err;
            }
        });
        assert.match(String(thrown), /^Error: identities\.news@example\.com\.disableEmailForwarding: true needs bounce and complaint/);
        assert.deepStrictEqual(resources, []);
    });

    it("resolves defaults: bounce and complaint on, delivery off, headers off, forwarding left alone", () => {
        const check = new Checker();
        const [settings] = resolveIdentities(check, "identities", { "example.com": {} });
        assert.deepStrictEqual(check.issues, []);
        assert.deepStrictEqual(settings, {
            identity: "example.com", types: ["Bounce", "Complaint"], topicArn: undefined, includeOriginalHeaders: false, disableEmailForwarding: false,
        });
    });
});
