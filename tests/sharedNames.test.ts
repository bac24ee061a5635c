/**
 * The pure names and policy documents of components/shared/ on their own: ARNs built from the
 * account, topic policies (each statement, its principal and its conditions), and physical names at
 * the limits of their services. The parts' tests show the same through deployed resources.
 */
import * as assert from "assert";
import { createHash } from "crypto";
import { AccountContext, alarmArn, checkedTopicArn, configurationSetArn, defaultEventBusArn, identityArn } from "../components/shared/account";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { alarmTopicPolicy, sesPublishTopicPolicy, sesTopicKeyPolicy, topicOwnerStatement } from "../components/shared/topicPolicies";
import {
    bucketSafe,
    cleanName,
    defaultNamePrefix,
    fitName,
    glueSafe,
    lowerCasePrefix,
    setScopedName,
    shortHash,
    topicDisplayName,
    TOPIC_DISPLAY_NAME_MAX,
} from "../components/shared/physicalNames";

const GOV: AccountContext = { accountId: "123456789012", partition: "aws-us-gov", region: "us-gov-west-1" };
const TOPIC = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts";

describe("shared: ARNs of the account", () => {
    it("builds each ARN in the account's partition and region", () => {
        assert.strictEqual(configurationSetArn("orders", GOV), "arn:aws-us-gov:ses:us-gov-west-1:123456789012:configuration-set/orders");
        assert.strictEqual(identityArn("mail.example.com", GOV), "arn:aws-us-gov:ses:us-gov-west-1:123456789012:identity/mail.example.com");
        assert.strictEqual(alarmArn("p.orders.bounce-rate-critical", GOV), "arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:p.orders.bounce-rate-critical");
        assert.strictEqual(defaultEventBusArn(GOV), "arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/default");
    });

    it("a topic ARN resolved while deploying passes when it fits the account, and fails the deployment naming the field when not", () => {
        assert.strictEqual(checkedTopicArn("notifications.criticalTopicArn", TOPIC, GOV), TOPIC);
        assert.throws(() => checkedTopicArn("notifications.criticalTopicArn", "arn:aws:sns:us-east-1:123456789012:alerts", GOV), (e: Error) => {
            assert.ok(e instanceof SesMonitoringArgsError);
            assert.strictEqual(e.message, "notifications.criticalTopicArn: \"arn:aws:sns:us-east-1:123456789012:alerts\" (resolved while deploying) is in partition aws, not the stack's aws-us-gov (region us-gov-west-1)");
            return true;
        });
        assert.throws(() => checkedTopicArn("snsDestination.topicArn", undefined, GOV),
            /^SesMonitoringArgsError: snsDestination\.topicArn: undefined \(resolved while deploying\) is not a standard SNS topic ARN .*: an alarm or destination without a topic notifies nobody$/);
    });
});

describe("shared: topic policies", () => {
    const owner = {
        Sid: "OwnerAccount",
        Effect: "Allow",
        Principal: { AWS: "arn:aws-us-gov:iam::123456789012:root" },
        Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
        Resource: TOPIC,
    };

    it("every policy keeps the owner account's statement", () => {
        assert.deepStrictEqual(topicOwnerStatement(TOPIC, GOV), owner);
    });

    it("the alarm topic: CloudWatch may publish only for alarms of this account and region", () => {
        assert.deepStrictEqual(alarmTopicPolicy(TOPIC, GOV), {
            Version: "2012-10-17",
            Statement: [owner, {
                Sid: "CloudWatchAlarmsOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "SNS:Publish",
                Resource: TOPIC,
                Condition: {
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                    ArnLike: { "aws:SourceArn": "arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:*" },
                },
            }],
        });
    });

    it("a topic SES publishes to: only for this account and the given sources, one ARN as a string, several sorted", () => {
        const ses = (sources: string[]) => (sesPublishTopicPolicy(TOPIC, GOV, sources) as { Statement: { Condition: unknown }[] });
        const one = ses(["arn:b"]);
        assert.deepStrictEqual(one, {
            Version: "2012-10-17",
            Statement: [owner, {
                Sid: "SesPublishesForThisAccount",
                Effect: "Allow",
                Principal: { Service: "ses.amazonaws.com" },
                Action: "SNS:Publish",
                Resource: TOPIC,
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnEquals: { "aws:SourceArn": "arn:b" } },
            }],
        });
        const sources = ["arn:c", "arn:a", "arn:b"];
        assert.deepStrictEqual(ses(sources).Statement[1].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnEquals: { "aws:SourceArn": ["arn:a", "arn:b", "arn:c"] } });
        assert.deepStrictEqual(sources, ["arn:c", "arn:a", "arn:b"], "the caller's list is not sorted in place");
    });

    it("a topic's key: the account root administers it, SES may decrypt and generate data keys", () => {
        assert.deepStrictEqual(sesTopicKeyPolicy(GOV), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "AccountRootAdministersKey", Effect: "Allow", Principal: { AWS: "arn:aws-us-gov:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
                { Sid: "AllowSESToUseKMSKey", Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
            ],
        });
    });
});

describe("shared: physical names at their limits", () => {
    it("fitName keeps a name that fits, up to exactly the limit, and cuts a longer one with a hash of the whole", () => {
        assert.strictEqual(fitName("shop", "-events", 11), "shop-events");
        const whole = "p".repeat(60) + "-ses-events";
        const cut = fitName("p".repeat(60), "-ses-events", 64);
        assert.strictEqual(cut.length, 64);
        assert.match(cut, /^p{44}-[0-9a-f]{8}-ses-events$/);
        assert.strictEqual(cut.slice(45, 53), createHash("sha256").update(whole).digest("hex").slice(0, 8));
        // Two prefixes that share their start get different names.
        assert.notStrictEqual(fitName(`${"p".repeat(60)}a`, "-x", 20), fitName(`${"p".repeat(60)}b`, "-x", 20));
        // The cut prefix does not end in a separator before the hash.
        assert.match(fitName(`${"a".repeat(9)}-_.${"b".repeat(40)}`, "-s", 23), /^a{9}-[0-9a-f]{8}-s$/);
        // Separators inside the kept prefix stay.
        assert.match(fitName(`aa-${"b".repeat(40)}`, "-s", 17), /^aa-bbb-[0-9a-f]{8}-s$/);
        // One character of prefix is the least; none is refused.
        assert.match(fitName("abcdefghijklmnop", "-s", 12), /^a-[0-9a-f]{8}-s$/);
        assert.throws(() => fitName("abcdefghijklmnop", "-s", 11), /^Error: fitName: suffix "-s" leaves no room in 11 characters$/);
    });

    it("lowerCasePrefix keeps a lower-case dashed prefix and hashes any other", () => {
        assert.strictEqual(lowerCasePrefix("shop-prod-2"), "shop-prod-2");
        for (const p of ["Shop", "shop_prod", "shop--prod", "-shop", "shop-"]) {
            assert.strictEqual(lowerCasePrefix(p), `${bucketSafe(p)}-${shortHash(p)}`, p);
        }
        assert.notStrictEqual(lowerCasePrefix("Mail"), lowerCasePrefix("mail"));
    });

    it("bucket-safe and Glue-safe names: lower case, one separator at a time, none at the ends, never empty", () => {
        assert.strictEqual(bucketSafe("--My__Shop..EU--"), "my-shop-eu");
        assert.strictEqual(bucketSafe("a - b"), "a-b");
        assert.strictEqual(bucketSafe("__"), "ses");
        assert.strictEqual(glueSafe("--My--Shop..EU__"), "my_shop_eu");
        assert.strictEqual(glueSafe("a _ b"), "a_b");
        assert.strictEqual(glueSafe("--"), "ses");
        assert.strictEqual(cleanName("..prod.eu west.."), "prod-eu-west");
        assert.strictEqual(cleanName("a_b-c"), "a_b-c");
        assert.strictEqual(cleanName("prod..eu"), "prod-eu");
        assert.strictEqual(cleanName("--a.b--"), "a-b");
    });

    it("the default prefix is <project>-<stack> when it is a valid name of at most 100, else cleaned, cut to 90 and hashed", () => {
        assert.strictEqual(defaultNamePrefix("shop", "prod-eu"), "shop-prod-eu");
        assert.strictEqual(defaultNamePrefix("shop", "prod.eu"), `shop-prod-eu-${shortHash("shop-prod.eu")}`);
        const hundred = defaultNamePrefix("p".repeat(50), "s".repeat(49));
        assert.strictEqual(hundred, `${"p".repeat(50)}-${"s".repeat(49)}`);
        const long = defaultNamePrefix("p".repeat(50), "s".repeat(50));
        assert.strictEqual(long, `${"p".repeat(50)}-${"s".repeat(39)}-${shortHash(`${"p".repeat(50)}-${"s".repeat(50)}`)}`);
        // A cut that ends in a separator drops it; nothing usable gives "ses".
        assert.strictEqual(defaultNamePrefix("p".repeat(88), "_s".repeat(10)), `${"p".repeat(88)}-${shortHash(`${"p".repeat(88)}-${"_s".repeat(10)}`)}`);
        assert.strictEqual(defaultNamePrefix("..", ".."), `ses-${shortHash("..-..")}`);
    });

    it("set-scoped names tell apart a prefix and set that read the same", () => {
        assert.strictEqual(setScopedName("shop", "eu-main"), `shop-eu-main-${shortHash("shop.eu-main")}`);
        assert.notStrictEqual(setScopedName("shop", "eu-main"), setScopedName("shop-eu", "main"));
        assert.match(shortHash("x"), /^[0-9a-f]{6}$/);
    });

    it("a topic's display name fits SNS's 100 characters: whole up to 100, the prefix cut and marked beyond", () => {
        assert.strictEqual(TOPIC_DISPLAY_NAME_MAX, 100);
        const subject = "SES alarms, critical";
        const at100 = topicDisplayName(subject, "p".repeat(100 - subject.length - 3));
        assert.strictEqual(at100, `${subject} (${"p".repeat(77)})`);
        assert.strictEqual(at100.length, 100);
        const cut = topicDisplayName(subject, "p".repeat(78));
        assert.strictEqual(cut, `${subject} (${"p".repeat(74)}...)`);
        assert.strictEqual(cut.length, 100);
        // A subject that leaves one character of prefix still shows it; one that leaves none is cut itself.
        assert.strictEqual(topicDisplayName("s".repeat(93), "prefix"), `${"s".repeat(93)} (p...)`);
        assert.strictEqual(topicDisplayName("s".repeat(94), "prefix"), `${"s".repeat(94)}...`);
        assert.strictEqual(topicDisplayName("s".repeat(120), "prefix"), `${"s".repeat(97)}...`);
    });
});
