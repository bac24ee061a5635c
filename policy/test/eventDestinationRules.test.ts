import * as assert from "assert";
import { RegisteredResource, runPolicies } from "../harness";
import { resource, TYPES, UNKNOWN } from "./resources";

/**
 * ses-event-destination-topic-ses-only at its edges: which statements let more than SES of this
 * account publish, read one property at a time from a topic policy that passes. Each case is a
 * passing stack with one statement, condition, principal or resource changed, and states what the
 * policy then says (or that it says nothing).
 */
const POLICY = "ses-event-destination-topic-ses-only";
const ACCOUNT = "123456789012";
const PARTNER = "210987654321";
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:orders-events`;
const SET_ARN = `arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/orders`;
const DATA_PROTECTION = "aws:sns/dataProtectionPolicy:DataProtectionPolicy";

const OWNER = { Sid: "Owner", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ["SNS:GetTopicAttributes", "SNS:Publish"] };
const ses = (Condition?: object, extra: object = {}) => ({ Sid: "Ses", Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: "SNS:Publish", ...(Condition ? { Condition } : {}), ...extra });
const SES = ses({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
/** A statement letting `Principal` publish, with whatever else `extra` says. */
const allow = (Sid: string, Principal: unknown, extra: object = {}) => ({ Sid, Effect: "Allow", Principal, Action: "SNS:Publish", ...extra });
const partnerRoot = `arn:aws:iam::${PARTNER}:root`;

const topic = (inputs: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}) => resource(TYPES.topic, "events", { name: "orders-events", ...inputs }, extra);
const document = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** The topic policy, its ARN written in (statements name no Resource unless they say so). */
const topicPolicy = (statements: unknown[], arn: unknown = TOPIC_ARN, name = "events", extra: Partial<RegisteredResource> = {}) =>
    resource(TYPES.topicPolicy, name, { arn, policy: document(statements) }, extra);
const destination = (name = "to-app", topicArn: unknown = TOPIC_ARN, eventDestination: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}) =>
    resource(TYPES.destination, name, {
        configurationSetName: "orders",
        eventDestinationName: name,
        eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE", "COMPLAINT"], snsDestination: { topicArn }, ...eventDestination },
    }, extra);

async function messages(resources: RegisteredResource[], config?: Record<string, unknown>): Promise<string[]> {
    return (await runPolicies(resources, { config: config ? { [POLICY]: config } : undefined })).filter((v) => v.policyName === POLICY).map((v) => v.message);
}

const LIMIT = " but its topic policy does not limit publishing to SES: ";
/** What the policy says is wrong with a policy of these statements on the stack's topic; [] when it passes. */
async function problems(statements: unknown[], config?: Record<string, unknown>, more: RegisteredResource[] = []): Promise<string[]> {
    const found = await messages([topic(), topicPolicy(statements), destination(), ...more], config);
    if (found.length === 0) return [];
    assert.strictEqual(found.length, 1, found.join("\n"));
    assert.ok(found[0].startsWith(`aws.sns.Topic "orders-events" receives SES events from aws.sesv2.ConfigurationSetEventDestination "to-app"${LIMIT}`), found[0]);
    return found[0].split(LIMIT)[1].split(". Attach an aws.sns.TopicPolicy")[0].split("; ");
}
const sesUnlimited = (sid = "Ses", conditions = "an aws:SourceAccount or aws:SourceArn condition") => `statement "${sid}" lets ses.amazonaws.com publish without ${conditions} naming an account`;

describe("ses-event-destination-topic-ses-only: which conditions limit SES to this account", () => {
    it("passes the owner and SES under each operator that requires the key: on aws:SourceAccount or on aws:SourceArn alone", async () => {
        for (const condition of [
            { StringEquals: { "aws:SourceAccount": ACCOUNT } },
            { StringEqualsIgnoreCase: { "aws:SourceAccount": ACCOUNT } },
            { StringLike: { "aws:SourceAccount": ACCOUNT } },
            { ArnEquals: { "aws:SourceArn": SET_ARN } },
            { ArnLike: { "aws:SourceArn": `arn:aws:ses:*:${ACCOUNT}:configuration-set/*` } },
            { StringEquals: { "aws:SourceArn": SET_ARN } },
            { StringLike: { "AWS:SOURCEACCOUNT": [ACCOUNT] } },
            // Unquoted: IAM reads a number as its text.
            { StringEquals: { "aws:SourceAccount": Number(ACCOUNT) } },
            // ForAnyValue: false without the key.
            { "ForAnyValue:StringEquals": { "aws:SourceAccount": ACCOUNT } },
            // Every block must hold, so one that pins the account is enough.
            { StringEquals: { "aws:SourceAccount": ACCOUNT }, StringLike: { "aws:SourceAccount": "*" } },
        ]) {
            assert.deepStrictEqual(await problems([OWNER, ses(condition)]), [], JSON.stringify(condition));
        }
    });

    it("a condition that holds without the key, or no condition, limits nothing: no condition, negated, IfExists, ForAllValues, another key", async () => {
        for (const condition of [
            undefined,
            { StringNotEquals: { "aws:SourceAccount": PARTNER } },
            { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
            { "ForAllValues:StringEquals": { "aws:SourceAccount": ACCOUNT } },
            { ArnNotLike: { "aws:SourceArn": `arn:aws:ses:*:${PARTNER}:*` } },
            { StringEquals: { "aws:SourceOwner": ACCOUNT } },
        ]) {
            assert.deepStrictEqual(await problems([OWNER, ses(condition)]), [sesUnlimited()], JSON.stringify(condition));
        }
    });

    it("every value must name an account: a wildcard beside it, 13 digits, an ARN of any account or no ARN at all do not", async () => {
        for (const condition of [
            { StringEquals: { "aws:SourceAccount": [ACCOUNT, "*"] } },
            { StringEquals: { "aws:SourceAccount": `${ACCOUNT}3` } },
            { StringEquals: { "aws:SourceAccount": `9${ACCOUNT}` } },
            { StringLike: { "aws:SourceAccount": "12345678901?" } },
            { ArnLike: { "aws:SourceArn": [SET_ARN, "arn:aws:ses:*:*:configuration-set/*"] } },
            { ArnLike: { "aws:SourceArn": "arn:aws:ses:*:*:configuration-set/*" } },
            { ArnLike: { "aws:SourceArn": "*" } },
            { ArnLike: { "aws:SourceArn": true } },
            { StringEquals: { "aws:SourceAccount": [[ACCOUNT]] } },
            { StringEquals: { "aws:SourceAccount": null } },
        ]) {
            assert.deepStrictEqual(await problems([OWNER, ses(condition)]), [sesUnlimited()], JSON.stringify(condition));
        }
    });

    it("requireSourceAccount and requireSourceArn each refuse a statement limited by the other key only, and say what they want", async () => {
        const byArn = ses({ ArnEquals: { "aws:SourceArn": SET_ARN } });
        const byAccount = ses({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
        const both = ses({ StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnEquals: { "aws:SourceArn": SET_ARN } });
        assert.deepStrictEqual(await problems([OWNER, byArn], { requireSourceAccount: true }), [sesUnlimited("Ses", "an aws:SourceAccount condition")]);
        assert.deepStrictEqual(await problems([OWNER, byAccount], { requireSourceAccount: true }), []);
        assert.deepStrictEqual(await problems([OWNER, byAccount], { requireSourceArn: true }), [sesUnlimited("Ses", "an aws:SourceArn condition")]);
        assert.deepStrictEqual(await problems([OWNER, byArn], { requireSourceArn: true }), []);
        const config = { requireSourceAccount: true, requireSourceArn: true };
        assert.deepStrictEqual(await problems([OWNER, byAccount], config), [sesUnlimited("Ses", "aws:SourceAccount and aws:SourceArn conditions")]);
        assert.deepStrictEqual(await problems([OWNER, both], config), []);
        // The fix asks for the same conditions.
        const [message] = await messages([topic(), topicPolicy([OWNER, byArn]), destination()], { requireSourceAccount: true });
        assert.ok(message.endsWith("lets only ses.amazonaws.com SNS:Publish, with an aws:SourceAccount condition naming this account (aws:SourceArn: the configuration set's ARN)."), message);
    });
});

describe("ses-event-destination-topic-ses-only: which principals may publish", () => {
    it("the owner account by its 12-digit ID, its root ARN in any partition, or several statements of it", async () => {
        assert.deepStrictEqual(await problems([allow("Owner", { AWS: ACCOUNT }), SES]), []);
        assert.deepStrictEqual(await problems([allow("Owner", { AWS: `arn:aws-cn:iam::${ACCOUNT}:root` }), SES]), []);
        assert.deepStrictEqual(await problems([allow("Owner", { AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`] }), SES]), []);
        // Unquoted, as IAM reads a number: its text.
        assert.deepStrictEqual(await problems([allow("Owner", { AWS: Number(ACCOUNT) }), SES]), []);
    });

    it("reports any other principal, each in its statement: another account, a list with one, a role, a look-alike of the root ARN, none at all", async () => {
        const others: [string, unknown][] = [
            ["Partner", { AWS: partnerRoot }],
            ["Both", { AWS: [`arn:aws:iam::${ACCOUNT}:root`, partnerRoot] }],
            ["Role", { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }],
            ["Rooted", { AWS: `arn:aws:iam::${ACCOUNT}:rootless` }],
            ["Prefixed", { AWS: `x-arn:aws:iam::${ACCOUNT}:root` }],
            ["Empty", { AWS: [] }],
            ["Nested", { AWS: [[`arn:aws:iam::${ACCOUNT}:root`]] }],
            ["NestedId", { AWS: [[ACCOUNT]] }],
            ["NoService", { Service: [] }],
            ["Mixed", { AWS: `arn:aws:iam::${ACCOUNT}:root`, Service: "cloudwatch.amazonaws.com" }],
            ["Federated", { Federated: "cognito-identity.amazonaws.com" }],
        ];
        for (const [sid, principal] of others) {
            assert.deepStrictEqual(await problems([OWNER, SES, allow(sid, principal)]), [`statement "${sid}" lets ${JSON.stringify(principal)} publish`], sid);
        }
    });

    it("SES beside another principal in one statement is not SES, even with the account condition", async () => {
        const mixed = allow("SesAndPartner", { Service: "ses.amazonaws.com", AWS: partnerRoot }, { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } });
        assert.deepStrictEqual(await problems([OWNER, mixed]), [
            `statement "SesAndPartner" lets {"Service":"ses.amazonaws.com","AWS":"${partnerRoot}"} publish`,
            "no statement lets ses.amazonaws.com publish, so SES cannot deliver events to it",
        ]);
    });

    it("NotPrincipal lets everyone else publish, even beside a Principal", async () => {
        assert.deepStrictEqual(await problems([OWNER, SES, allow("AllBut", undefined, { NotPrincipal: { AWS: partnerRoot } })]), [
            `statement "AllBut" lets every principal but {"AWS":"${partnerRoot}"} publish`,
        ]);
        const both = ses({ StringEquals: { "aws:SourceAccount": ACCOUNT } }, { Sid: "SesBut", NotPrincipal: { AWS: partnerRoot } });
        assert.deepStrictEqual(await problems([OWNER, SES, both]), [`statement "SesBut" lets every principal but {"AWS":"${partnerRoot}"} publish`]);
    });

    it("anyone, when a condition pins the caller to the owner account (SNS's default statement, or aws:PrincipalAccount)", async () => {
        assert.deepStrictEqual(await problems([allow("Default", "*", { Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } } }), SES]), []);
        assert.deepStrictEqual(await problems([allow("Default", { AWS: "*" }, { Condition: { StringEquals: { "aws:PrincipalAccount": ACCOUNT } } }), SES]), []);
        assert.deepStrictEqual(await problems([allow("Default", "*", { Condition: { StringEquals: { "AWS:SourceOwner": Number(ACCOUNT) } } }), SES]), []);
        // Pinned to another account, to no literal account, or "*" beside another principal: anyone else.
        for (const [sid, principal, condition] of [
            ["Partner", "*", { StringEquals: { "AWS:SourceOwner": PARTNER } }],
            ["Wild", "*", { StringLike: { "AWS:SourceOwner": "*" } }],
            ["Open", { AWS: "*" }, undefined],
            ["StarAndPartner", { AWS: ["*", partnerRoot] }, { StringEquals: { "AWS:SourceOwner": ACCOUNT } }],
            ["Nested", "*", { StringEquals: { "AWS:SourceOwner": [[ACCOUNT]] } }],
        ] as [string, unknown, object | undefined][]) {
            assert.deepStrictEqual(await problems([OWNER, SES, allow(sid, principal, condition ? { Condition: condition } : {})]), [`statement "${sid}" lets ${JSON.stringify(principal)} publish`], sid);
        }
    });

    it("names a statement without a Sid, or with an empty one, by its place in the policy", async () => {
        const { Sid: _, ...unnamed } = allow("x", { AWS: partnerRoot });
        assert.deepStrictEqual(await problems([OWNER, SES, unnamed, allow("", { AWS: partnerRoot })]), [
            `statement 3 lets {"AWS":"${partnerRoot}"} publish`,
            `statement 4 lets {"AWS":"${partnerRoot}"} publish`,
        ]);
    });
});

describe("ses-event-destination-topic-ses-only: which statements let a principal publish", () => {
    const partner = (extra: object) => ({ Sid: "Partner", Effect: "Allow", Principal: { AWS: partnerRoot }, ...extra });
    const reported = [`statement "Partner" lets {"AWS":"${partnerRoot}"} publish`];

    it("an Action list with SNS:Publish anywhere in it, any case, or a wildcard that covers it", async () => {
        for (const Action of [["SNS:Subscribe", "SNS:Publish"], "sns:publish", "sns:*", "*", "SNS:Pub*", "SNS:Publis?"]) {
            assert.deepStrictEqual(await problems([OWNER, SES, partner({ Action })]), reported, JSON.stringify(Action));
        }
    });

    it("not an action that only looks like it, a value that is not a string, or neither Action nor NotAction", async () => {
        for (const extra of [{ Action: "SNS:Publish." }, { Action: "SNS:(Publish)" }, { Action: "SNS:Publish+" }, { Action: [42, "SNS:Subscribe"] }, {}]) {
            assert.deepStrictEqual(await problems([OWNER, SES, partner(extra)]), [], JSON.stringify(extra));
        }
    });

    it("NotAction allows publishing unless it names SNS:Publish among its actions", async () => {
        assert.deepStrictEqual(await problems([OWNER, SES, partner({ NotAction: "SNS:DeleteTopic" })]), reported);
        assert.deepStrictEqual(await problems([OWNER, SES, partner({ NotAction: ["SNS:DeleteTopic", "SNS:Publish"] })]), []);
    });

    it("a Deny statement, or an entry that is not a statement, lets no one publish", async () => {
        assert.deepStrictEqual(await problems([OWNER, SES, partner({ Effect: "Deny", Action: "SNS:Publish" }), null]), []);
    });
});

describe("ses-event-destination-topic-ses-only: the policy document", () => {
    it("reads a policy given as an object (a PolicyDocument), not only as JSON text", async () => {
        const asObject = resource(TYPES.topicPolicy, "events", { arn: TOPIC_ARN, policy: { Version: "2012-10-17", Statement: [OWNER, SES] } });
        assert.deepStrictEqual(await messages([topic(), asObject, destination()]), []);
    });

    it("a policy that is not JSON is reported as such, and nothing else is said about it", async () => {
        const broken = resource(TYPES.topicPolicy, "events", { arn: TOPIC_ARN, policy: "{ not json" });
        assert.deepStrictEqual(await messages([topic(), broken, destination()]), [
            `aws.sns.Topic "orders-events" receives SES events from aws.sesv2.ConfigurationSetEventDestination "to-app"${LIMIT}its topic policy is not valid JSON. Attach an aws.sns.TopicPolicy that keeps the owner account's statement and lets only ses.amazonaws.com SNS:Publish, with an aws:SourceAccount or aws:SourceArn condition naming this account (aws:SourceArn: the configuration set's ARN).`,
        ]);
    });

    it("at preview, gives no verdict while any policy attached to the topic is unknown, even beside a known bad one", async () => {
        const unknown = resource(TYPES.topicPolicy, "later", { arn: TOPIC_ARN, policy: UNKNOWN });
        assert.deepStrictEqual(await messages([topic(), topicPolicy([allow("Open", "*")]), unknown, destination()]), []);
    });

    it("lists every destination that publishes to the topic", async () => {
        const found = await messages([topic(), destination("to-app"), destination("to-audit")]);
        assert.deepStrictEqual(found.map((m) => m.split(" but ")[0]), [
            'aws.sns.Topic "orders-events" receives SES events from aws.sesv2.ConfigurationSetEventDestination "to-app", aws.sesv2.ConfigurationSetEventDestination "to-audit"',
        ]);
    });
});

describe("ses-event-destination-topic-ses-only: whose account is the owner's", () => {
    const partnerPublishes = allow("Partner", { AWS: partnerRoot });
    const reported = [`statement "Partner" lets {"AWS":"${partnerRoot}"} publish`];

    it("the topic's own ARN says it, for a topic with its policy inline", async () => {
        const inline = topic({ arn: TOPIC_ARN, policy: document([OWNER, SES, partnerPublishes]) });
        const [message] = await messages([inline, destination()]);
        assert.ok(message?.includes(`${LIMIT}${reported[0]}. `), message);
    });

    it("so do the policy's ARN and the ARNs its statements are about; with none of them known, no account can be told another's", async () => {
        assert.deepStrictEqual(await problems([OWNER, SES, partnerPublishes]), reported);
        // The policy's ARN unknown at preview (it follows the topic): the statements' Resource tells.
        const follows = { dependencies: [topic().urn] };
        const withResource = [OWNER, SES, partnerPublishes].map((s) => ({ ...s, Resource: TOPIC_ARN }));
        const [message] = await messages([topic(), topicPolicy(withResource, UNKNOWN, "events", follows), destination()]);
        assert.ok(message?.includes(`${LIMIT}${reported[0]}. `), message);
        // Nothing names the owner: another account's root cannot be told from the owner's.
        assert.deepStrictEqual(await messages([topic(), topicPolicy([OWNER, SES, partnerPublishes], UNKNOWN, "events", follows), destination()]), []);
        // ...but what names no account at all still can.
        const notAnAccount = [allow("Role", { AWS: [partnerRoot, `arn:aws:iam::${PARTNER}:role/app`] }), allow("Wild", "*", { Condition: { StringLike: { "AWS:SourceOwner": "*" } } })];
        const [unowned] = await messages([topic(), topicPolicy([OWNER, SES, ...notAnAccount], UNKNOWN, "events", follows), destination()]);
        assert.ok(unowned?.includes(`${LIMIT}statement "Role" lets {"AWS":["${partnerRoot}","arn:aws:iam::${PARTNER}:role/app"]} publish; statement "Wild" lets "*" publish. `), unowned);
    });

    it("not the ARN of another topic's policy, nor of a data protection policy", async () => {
        const otherPolicy = topicPolicy([OWNER], `arn:aws:sns:us-east-1:${PARTNER}:partner-events`, "partner");
        assert.deepStrictEqual(await problems([OWNER, SES, partnerPublishes], undefined, [otherPolicy]), reported);
        const dataProtection = resource(DATA_PROTECTION, "events", { arn: `arn:aws:sns:us-east-1:${PARTNER}:orders-events`, policy: "{}" });
        assert.deepStrictEqual(await problems([OWNER, SES, partnerPublishes], undefined, [dataProtection]), reported);
    });
});

describe("ses-event-destination-topic-ses-only: which topics it checks", () => {
    const external = `arn:aws:sns:us-east-1:${ACCOUNT}:app-events`;

    it("a topic made elsewhere only through a topic policy of this stack, not a data protection policy", async () => {
        const open = document([OWNER, allow("Open", "*")]);
        assert.deepStrictEqual(await messages([resource(DATA_PROTECTION, "app", { arn: external, policy: "{}" }), destination("to-app", external)]), []);
        const [message] = await messages([resource(TYPES.topicPolicy, "app", { arn: external, policy: open }), destination("to-app", external)]);
        assert.ok(message?.startsWith('aws.sns.Topic "app-events" (made elsewhere) receives SES events'), message);
    });

    it("names a topic made elsewhere by what the stack gives when that is not an ARN", async () => {
        const [message] = await messages([resource(TYPES.topicPolicy, "app", { arn: "app-events", policy: document([SES, allow("Open", "*")]) }), destination("to-app", "app-events")]);
        assert.ok(message?.startsWith(`aws.sns.Topic "app-events" (made elsewhere) receives SES events from aws.sesv2.ConfigurationSetEventDestination "to-app"${LIMIT}statement "Open" lets "*" publish. `), message);
    });

    it("at preview, leaves a topic alone whose ARN nothing in the stack gives (a looked-up topic), policy and destination alike", async () => {
        assert.deepStrictEqual(await messages([resource(TYPES.topicPolicy, "app", { arn: UNKNOWN, policy: document([allow("Open", "*")]) }), destination("to-app", UNKNOWN)]), []);
    });

    it("a CloudWatch destination that merely depends on a topic does not publish to it", async () => {
        const auto = resource(TYPES.topic, "auto", {});
        const cloudWatch = destination("metrics", undefined, { snsDestination: undefined, cloudWatchDestination: { dimensionConfigurations: [] } }, { dependencies: [auto.urn] });
        assert.deepStrictEqual(await messages([auto, cloudWatch]), []);
    });
});
