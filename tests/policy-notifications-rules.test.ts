import * as assert from "assert";
import { RegisteredResource, runPolicies } from "../policy/harness";
import { reputationAlarm, resource, TOPIC_ARN, TYPES, UNKNOWN } from "../policy/test/resources";

/**
 * ses-sns-topic-encrypted and ses-sns-topic-policy-scoped at their edges. Each case differs from a
 * stack both pass (a topic "ses-alarms" with a customer managed key and a topic policy that lets
 * only CloudWatch of this account publish, and an alarm that notifies it) in one property, so a
 * rule that stops reading that property fails here: which resources make a topic a receiver,
 * which topic an ARN names, what counts as encrypted, and which statements scope a topic policy.
 */
const ENCRYPTED = "ses-sns-topic-encrypted";
const SCOPED = "ses-sns-topic-policy-scoped";
const ACCOUNT = "123456789012";
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SES_MONITORING = "ses-monitoring:index:SesMonitoring";

const arnOf = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

type Resources = RegisteredResource[];
async function messages(name: string, resources: Resources, config?: Record<string, unknown>): Promise<string[]> {
    return (await runPolicies(resources, { config: config ? { [name]: config } : undefined })).filter((v) => v.policyName === name).map((v) => v.message);
}
/** Both policies' messages, each as [policy, message]. */
async function both(resources: Resources): Promise<[string, string][]> {
    return (await runPolicies(resources)).filter((v) => v.policyName === ENCRYPTED || v.policyName === SCOPED).map((v) => [v.policyName, v.message]);
}

const statement = (service: string | string[], condition?: object, extra: object = {}) => ({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "SNS:Publish",
    Resource: TOPIC_ARN,
    ...(condition ? { Condition: condition } : {}),
    ...extra,
});
const fromAccount = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
const CLOUDWATCH_SCOPED = statement("cloudwatch.amazonaws.com", fromAccount, { Sid: "CloudWatchPublishes" });

/** The alarm topic "ses-alarms" (ARN known), encrypted with a customer managed key unless `inputs` say otherwise. */
const topic = (inputs: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}) =>
    resource(TYPES.topic, "alarms", { name: "ses-alarms", arn: TOPIC_ARN, kmsMasterKeyId: KEY, ...inputs }, extra);
/** A topic policy on `arn` (a JSON string of `statements` unless `policy` is given as is). */
const topicPolicy = (statements: unknown[], arn: unknown = TOPIC_ARN, name = "alarms") =>
    resource(TYPES.topicPolicy, name, { arn, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const alarm = (actions: Record<string, unknown> = { alarmActions: [TOPIC_ARN] }, extra: Partial<RegisteredResource> = {}) =>
    ({ ...reputationAlarm("bounces", { alarmActions: undefined, ...actions }), ...extra });
/** A stack both policies pass. */
const careful = () => [topic(), topicPolicy([CLOUDWATCH_SCOPED]), alarm()];

const NOT_ENCRYPTED_CW = 'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but is not encrypted at rest. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.';
const FIX_CW = "Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows cloudwatch.amazonaws.com to SNS:Publish with an aws:SourceAccount condition.";

describe("ses-sns-topic-encrypted and ses-sns-topic-policy-scoped: which topics receive notifications", () => {
    it("a careful alarm topic passes both", async () => {
        assert.deepStrictEqual(await both(careful()), []);
    });

    it("a topic notified by an alarm's alarm, OK or insufficient-data actions, or by a composite alarm, receives CloudWatch alarm notifications", async () => {
        for (const key of ["alarmActions", "okActions", "insufficientDataActions"]) {
            assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: undefined }), alarm({ [key]: [TOPIC_ARN] })]), [NOT_ENCRYPTED_CW], key);
        }
        const composite = resource(TYPES.compositeAlarm, "at-risk", { alarmName: "at-risk", alarmRule: "ALARM(bounces)", alarmActions: [TOPIC_ARN] });
        assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: undefined }), composite]), [NOT_ENCRYPTED_CW]);
        // Nothing notifies it: no advice.
        assert.deepStrictEqual(await both([topic({ kmsMasterKeyId: undefined }), alarm({ alarmActions: [] })]), []);
    });

    it("a topic an identity's feedback or an SNS event destination publishes to receives SES notifications", async () => {
        const feedback = resource("aws:ses/identityNotificationTopic:IdentityNotificationTopic", "bounces", { identity: "example.com", notificationType: "Bounce", topicArn: TOPIC_ARN });
        const destination = resource(TYPES.destination, "orders-sns", { configurationSetName: "orders", eventDestinationName: "to-app", eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: TOPIC_ARN } } });
        for (const sender of [feedback, destination]) {
            assert.deepStrictEqual(await both([topic({ kmsMasterKeyId: undefined }), sender]), [
                [ENCRYPTED, 'aws.sns.Topic "ses-alarms" receives SES notifications but is not encrypted at rest. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants ses.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.'],
                [SCOPED, `aws.sns.Topic "ses-alarms" receives SES notifications but has no topic policy in this stack, so nothing limits who may publish on the service's behalf. Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows ses.amazonaws.com to SNS:Publish with an aws:SourceAccount condition.`],
            ], sender.name);
        }
    });

    it("other services' notifications to a topic (an Auto Scaling group's) are not SES's", async () => {
        const scaling = resource("aws:autoscaling/notification:Notification", "scaling", { groupNames: ["web"], notifications: ["autoscaling:EC2_INSTANCE_LAUNCH"], topicArn: TOPIC_ARN });
        assert.deepStrictEqual(await both([topic({ kmsMasterKeyId: undefined }), scaling]), []);
    });

    it("an identity notification without a topic (forwarding off) and a Firehose destination send nothing to a topic they depend on", async () => {
        // An auto-named topic (name and ARN unknown): only a dependency could link them, and there is nothing to link.
        const autoNamed = resource(TYPES.topic, "feedback", {});
        const off = resource("aws:ses/identityNotificationTopic:IdentityNotificationTopic", "bounces", { identity: "example.com", notificationType: "Bounce" }, { dependencies: [autoNamed.urn] });
        const firehose = resource(TYPES.destination, "orders-firehose", {
            configurationSetName: "orders",
            eventDestination: { enabled: true, matchingEventTypes: ["SEND"], kinesisFirehoseDestination: { deliveryStreamArn: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/archive` } },
        }, { dependencies: [autoNamed.urn] });
        assert.deepStrictEqual(await both([autoNamed, off, firehose]), []);
    });

    it("a topic receiving both names both traffics and both principals, and its policy must allow each", async () => {
        const feedback = resource("aws:ses/identityNotificationTopic:IdentityNotificationTopic", "bounces", { identity: "example.com", notificationType: "Bounce", topicArn: TOPIC_ARN });
        assert.deepStrictEqual(await both([topic({ kmsMasterKeyId: undefined }), topicPolicy([CLOUDWATCH_SCOPED]), alarm(), feedback]), [
            [ENCRYPTED, 'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications and SES notifications but is not encrypted at rest. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants cloudwatch.amazonaws.com and ses.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.'],
            [SCOPED, 'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications and SES notifications but its topic policy is not scoped: no statement allows ses.amazonaws.com. Attach an aws.sns.TopicPolicy that keeps the owner\'s statement and allows cloudwatch.amazonaws.com and ses.amazonaws.com to SNS:Publish with an aws:SourceAccount condition.'],
        ]);
        // One statement for both services, scoped: passes.
        assert.deepStrictEqual(await both([topic(), topicPolicy([statement(["cloudwatch.amazonaws.com", "ses.amazonaws.com"], fromAccount)]), alarm(), feedback]), []);
    });
});

describe("ses-sns-topic-encrypted and ses-sns-topic-policy-scoped: which topic an ARN names", () => {
    const unencrypted = (inputs: Record<string, unknown> = {}) => topic({ kmsMasterKeyId: undefined, ...inputs });

    it("a known topic ARN decides: the same name in another region or account is another topic", async () => {
        for (const other of ["arn:aws:sns:eu-west-1:123456789012:ses-alarms", "arn:aws:sns:us-east-1:210987654321:ses-alarms"]) {
            assert.deepStrictEqual(await both([unencrypted(), alarm({ alarmActions: [other] })]), [], other);
        }
    });

    it("with the ARN not known, an SNS ARN ending in the topic's name names it; another service's ARN or a non-ARN does not", async () => {
        assert.deepStrictEqual(await messages(ENCRYPTED, [unencrypted({ arn: undefined }), alarm({ alarmActions: [arnOf("ses-alarms")] })]), [NOT_ENCRYPTED_CW]);
        for (const other of [`arn:aws:sqs:us-east-1:${ACCOUNT}:ses-alarms`, `urn:aws:sns:us-east-1:${ACCOUNT}:ses-alarms`, arnOf("ses-alarms-2"), "ses-alarms"]) {
            assert.deepStrictEqual(await both([unencrypted({ arn: undefined }), alarm({ alarmActions: [other] })]), [], other);
        }
    });

    it("at preview: an action that depends on the topic names it when the action is unknown or the topic's name is", async () => {
        const dependent = (actions: unknown, topicInputs: Record<string, unknown> = {}) => {
            const t = unencrypted({ arn: undefined, ...topicInputs });
            return [t, alarm({ alarmActions: actions }, { dependencies: [t.urn] })];
        };
        // The action is unknown, the topic named: the dependency decides.
        assert.deepStrictEqual(await messages(ENCRYPTED, dependent([UNKNOWN])), [NOT_ENCRYPTED_CW]);
        assert.deepStrictEqual(await messages(ENCRYPTED, dependent(UNKNOWN)), [NOT_ENCRYPTED_CW]);
        assert.deepStrictEqual(await messages(ENCRYPTED, dependent([arnOf("other"), UNKNOWN])), [NOT_ENCRYPTED_CW]);
        // A known action that names another topic, though the alarm depends on this one: not this one,
        // whether the topic is known by its name or by its ARN alone.
        assert.deepStrictEqual(await both(dependent([arnOf("other")])), []);
        assert.deepStrictEqual(await both(dependent([arnOf("other")], { arn: TOPIC_ARN, name: UNKNOWN })), []);
        // The topic's name is unknown: a known action cannot name it, the dependency decides.
        const [t, a] = dependent([arnOf("other")], { name: UNKNOWN });
        assert.deepStrictEqual(await messages(ENCRYPTED, [t, a]), [
            'aws.sns.Topic alarms receives CloudWatch alarm notifications but is not encrypted at rest. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.',
        ]);
        // Without the dependency nothing links them.
        assert.deepStrictEqual(await both([t, { ...a, dependencies: [] }]), []);
        assert.deepStrictEqual(await both([t, alarm({ alarmActions: [UNKNOWN] })]), []);
    });
});

describe("ses-sns-topic-encrypted at its edges", () => {
    it("an empty key is no key; a key unknown at preview gets no verdict; a customer managed alias passes", async () => {
        assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: "" }), alarm()]), [NOT_ENCRYPTED_CW]);
        assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: UNKNOWN }), alarm()]), []);
        assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: "alias/ses-alarms" }), alarm()]), []);
    });

    it("reports the AWS managed key by alias and by alias ARN, naming what the receivers cannot use", async () => {
        for (const key of ["alias/aws/sns", `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns`]) {
            assert.deepStrictEqual(await messages(ENCRYPTED, [topic({ kmsMasterKeyId: key }), alarm()]), [
                'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but is encrypted with the AWS managed key alias/aws/sns, which cloudwatch.amazonaws.com cannot use: their messages are silently dropped. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.',
            ], key);
        }
    });

    it("spares only the alarm-only topics SesMonitoring creates: one that SES also publishes to, or another component's, is advised", async () => {
        const component = resource(SES_MONITORING, "ses", {});
        const feedback = resource("aws:ses/identityNotificationTopic:IdentityNotificationTopic", "bounces", { identity: "example.com", notificationType: "Bounce", topicArn: TOPIC_ARN });
        const own = topic({ kmsMasterKeyId: undefined }, { parent: component.urn });
        assert.deepStrictEqual(await messages(ENCRYPTED, [component, own, alarm()]), []);
        assert.deepStrictEqual((await messages(ENCRYPTED, [component, own, alarm(), feedback])).map((m) => m.split(" but ")[0]), [
            'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications and SES notifications',
        ]);
        const other = resource("acme:index:Alerts", "alerts", {});
        assert.deepStrictEqual(await messages(ENCRYPTED, [other, topic({ kmsMasterKeyId: undefined }, { parent: other.urn }), alarm()]), [NOT_ENCRYPTED_CW]);
    });

    it("skips exempt topics by name, and only those", async () => {
        const stack = [topic({ kmsMasterKeyId: undefined }), alarm()];
        assert.deepStrictEqual(await messages(ENCRYPTED, stack, { exemptTopicNames: ["ses-alarms"] }), []);
        assert.deepStrictEqual(await messages(ENCRYPTED, stack, { exemptTopicNames: ["ses-alarms-2"] }), [NOT_ENCRYPTED_CW]);
    });
});

describe("ses-sns-topic-policy-scoped at its edges", () => {
    const scoped = async (statements: unknown[], config?: Record<string, unknown>) => messages(SCOPED, [topic(), topicPolicy(statements), alarm()], config);
    const unscoped = (problems: string, fix = FIX_CW) => `aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but its topic policy is not scoped: ${problems}. ${fix}`;

    it("reports a topic without a policy, and gives no verdict on one unknown at preview", async () => {
        assert.deepStrictEqual(await messages(SCOPED, [topic(), alarm()]), [
            `aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but has no topic policy in this stack, so nothing limits who may publish on the service's behalf. ${FIX_CW}`,
        ]);
        const preview = resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: UNKNOWN });
        assert.deepStrictEqual(await messages(SCOPED, [topic(), preview, alarm()]), []);
        // One policy of the topic unknown: no verdict on the others either.
        assert.deepStrictEqual(await messages(SCOPED, [topic(), preview, topicPolicy([statement("cloudwatch.amazonaws.com")], TOPIC_ARN, "second"), alarm()]), []);
    });

    it("reports a policy that is not JSON in one message; reads a policy given as an object and a single statement", async () => {
        const bad = resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: "{\"Statement\": [" });
        assert.deepStrictEqual(await messages(SCOPED, [topic(), bad, alarm()]), [`aws.sns.Topic "ses-alarms" has a topic policy that is not valid JSON. ${FIX_CW}`]);
        const object = resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: { Version: "2012-10-17", Statement: CLOUDWATCH_SCOPED } });
        assert.deepStrictEqual(await messages(SCOPED, [topic(), object, alarm()]), []);
        const single = resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: JSON.stringify({ Statement: statement("cloudwatch.amazonaws.com") }) });
        assert.deepStrictEqual(await messages(SCOPED, [topic(), single, alarm()]), [unscoped("statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account")]);
    });

    it("counts only Allow statements that name the service; reads condition keys in any case", async () => {
        assert.deepStrictEqual(await scoped([{ ...CLOUDWATCH_SCOPED, Effect: "Deny" }]), [unscoped("no statement allows cloudwatch.amazonaws.com")]);
        assert.deepStrictEqual(await scoped([statement("events.amazonaws.com", fromAccount)]), [unscoped("no statement allows cloudwatch.amazonaws.com")]);
        assert.deepStrictEqual(await scoped([statement(["events.amazonaws.com", "cloudwatch.amazonaws.com"], fromAccount)]), []);
        assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", { StringEquals: { "AWS:SourceAccount": ACCOUNT } })]), []);
        // A condition on another key does not scope it.
        assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", { Bool: { "aws:SecureTransport": "true" } })]), [
            unscoped("statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account"),
        ]);
    });

    it("a condition scopes only when it names an account: not a wildcard, a negated operator, IfExists or a value that is no account ID", async () => {
        const notScoped = [unscoped("statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account")];
        for (const condition of [
            { StringLike: { "aws:SourceAccount": "*" } },
            { StringLike: { "aws:SourceAccount": "1234*" } },
            { StringLike: { "aws:SourceAccount": [ACCOUNT, "*"] } },
            { StringNotEquals: { "aws:SourceAccount": ACCOUNT } },
            { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
            { "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } },
            { StringEquals: { "aws:SourceAccount": "my-account" } },
            { StringEquals: { "aws:SourceAccount": [] } },
        ]) {
            assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", condition)]), notScoped, JSON.stringify(condition));
        }
        // A literal ID under any limiting operator, as text or as a JSON number, or several IDs.
        for (const condition of [
            { StringEquals: { "aws:SourceAccount": ACCOUNT } },
            { StringLike: { "aws:SourceAccount": ACCOUNT } },
            { StringEqualsIgnoreCase: { "aws:SourceAccount": ACCOUNT } },
            { StringEquals: { "aws:SourceAccount": Number(ACCOUNT) } },
            { StringEquals: { "aws:SourceAccount": [ACCOUNT, "210987654321"] } },
            { "ForAnyValue:StringEquals": { "aws:SourceAccount": ACCOUNT } },
            // The blocks all have to hold: one that pins the account is enough.
            { StringEquals: { "aws:SourceAccount": ACCOUNT }, StringLike: { "aws:SourceAccount": "*" } },
        ]) {
            assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", condition)]), [], JSON.stringify(condition));
        }
        // With requireSourceArn, the ARN too must name an account.
        const fix = "Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows cloudwatch.amazonaws.com to SNS:Publish with aws:SourceAccount and aws:SourceArn conditions.";
        const anyAccountArn = statement("cloudwatch.amazonaws.com", { ...fromAccount, ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:*:alarm:*" } });
        assert.deepStrictEqual(await scoped([anyAccountArn], { requireSourceArn: true }), [unscoped("statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount and aws:SourceArn conditions naming an account", fix)]);
    });

    it("with requireSourceArn, wants both conditions and says so in the problem and the fix", async () => {
        const config = { requireSourceArn: true };
        const fix = "Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows cloudwatch.amazonaws.com to SNS:Publish with aws:SourceAccount and aws:SourceArn conditions.";
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED], config), [unscoped('statement "CloudWatchPublishes" allows cloudwatch.amazonaws.com with no aws:SourceAccount and aws:SourceArn conditions naming an account', fix)]);
        const arnOnly = statement("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } });
        assert.deepStrictEqual(await scoped([arnOnly], config), [unscoped('statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount and aws:SourceArn conditions naming an account', fix)]);
        const bothKeys = statement("cloudwatch.amazonaws.com", { ...fromAccount, ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } });
        assert.deepStrictEqual(await scoped([bothKeys], config), []);
        // Off by default: the account condition alone passes.
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED]), []);
    });

    it("reports an unscoped statement beside a scoped one for the same service: either lets the service publish", async () => {
        // Each statement is named by its Sid, or by its place in the policy when it has none.
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, statement("cloudwatch.amazonaws.com")]), [
            unscoped("statement 2 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account"),
        ]);
        assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", undefined, { Sid: "" }), CLOUDWATCH_SCOPED, statement("cloudwatch.amazonaws.com", undefined, { Sid: "Legacy" })]), [
            unscoped('statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account; statement "Legacy" allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account'),
        ]);
    });

    it("reports any principal (\"*\", AWS \"*\" alone or in a list) allowed without a condition, not with one nor in a Deny", async () => {
        const anyone = (principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal: principal, Action: "SNS:Subscribe", Resource: TOPIC_ARN, ...extra });
        for (const principal of ["*", { AWS: "*" }, { AWS: [`arn:aws:iam::${ACCOUNT}:root`, "*"] }]) {
            assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone(principal)]), [unscoped('a statement allows any principal ("*") without a condition')], JSON.stringify(principal));
        }
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone("*", { Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } } })]), []);
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone("*", { Effect: "Deny" })]), []);
        // A condition that is no block of keys is no condition, nor is an empty block.
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone("*", { Condition: { StringEquals: "aws:SourceAccount" } })]), [unscoped('a statement allows any principal ("*") without a condition')]);
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone("*", { Condition: { StringEquals: {} } })]), [unscoped('a statement allows any principal ("*") without a condition')]);
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, anyone({ AWS: `arn:aws:iam::${ACCOUNT}:root` })]), []);
        // Every problem, in one message.
        assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com"), anyone("*")]), [
            unscoped('statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account; a statement allows any principal ("*") without a condition'),
        ]);
    });

    it("judges a policy of null statements, null condition blocks or a null principal without failing", async () => {
        const odd = resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: "null" });
        assert.deepStrictEqual(await messages(SCOPED, [topic(), odd, alarm()]), [unscoped("no statement allows cloudwatch.amazonaws.com")]);
        assert.deepStrictEqual(await scoped([statement("cloudwatch.amazonaws.com", { StringEquals: null, StringLike: { "aws:SourceAccount": ACCOUNT } })]), []);
        assert.deepStrictEqual(await scoped([CLOUDWATCH_SCOPED, { Effect: "Allow", Principal: null, Action: "SNS:Publish" }]), []);
    });

    it("a policy attached to the topic replaces the topic's own; one attached to another topic does not", async () => {
        const ownScoped = { policy: JSON.stringify({ Statement: [CLOUDWATCH_SCOPED] }) };
        const ownOpen = { policy: JSON.stringify({ Statement: [statement("cloudwatch.amazonaws.com")] }) };
        const openProblem = unscoped("statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account");
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownScoped), alarm()]), []);
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownOpen), alarm()]), [openProblem]);
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownScoped), topicPolicy([statement("cloudwatch.amazonaws.com")]), alarm()]), [openProblem]);
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownOpen), topicPolicy([CLOUDWATCH_SCOPED]), alarm()]), []);
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownScoped), topicPolicy([statement("cloudwatch.amazonaws.com")], arnOf("other")), alarm()]), []);
        // Two policies attached (the stack's own doing): both are read, their statements numbered in order.
        const versionOnly = resource(TYPES.topicPolicy, "first", { arn: TOPIC_ARN, policy: JSON.stringify({ Version: "2012-10-17" }) });
        assert.deepStrictEqual(await messages(SCOPED, [topic(ownScoped), versionOnly, topicPolicy([statement("cloudwatch.amazonaws.com")]), alarm()]), [openProblem]);
        // A policy whose topic ARN is unknown at preview is this topic's when it depends on it.
        const t = topic(ownScoped);
        const linked = { ...topicPolicy([statement("cloudwatch.amazonaws.com")], UNKNOWN), dependencies: [t.urn] };
        assert.deepStrictEqual(await messages(SCOPED, [t, linked, alarm()]), [openProblem]);
    });

    it("skips exempt topics by name, and only those", async () => {
        const stack = [topic(), alarm()];
        assert.deepStrictEqual(await messages(SCOPED, stack, { exemptTopicNames: ["ses-alarms"] }), []);
        assert.strictEqual((await messages(SCOPED, stack, { exemptTopicNames: ["other"] })).length, 1);
    });
});
