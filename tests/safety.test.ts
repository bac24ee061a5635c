import { refusalOf } from "./refusal";
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring } from "../components";
import { alarmSpecs } from "../components/alarms/specs";
import { eventArchiveNames } from "../components/eventArchive/specs";
import { resolveSettings } from "../components/settings";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { MOCK_ACCOUNT, runUnderMocks } from "../tools/pulumiMocks";

const SETS = { configurationSets: { a: {} } };

/**
 * [what, args, the error line expected]: input that was once accepted without a word, or refused
 * with a message that did not say what or where. Each must now be refused, naming the field.
 */
const REFUSED: [string, unknown, RegExp][] = [
    ["NaN as a percent", { ...SETS, alarms: { bounceRate: { warningPercent: NaN } } },
        /^alarms\.bounceRate\.warningPercent: NaN is not a finite number$/m],
    ["Infinity as a guard", { ...SETS, alarms: { bounceRate: { minimumSends: Infinity } } },
        /^alarms\.bounceRate\.minimumSends: Infinity is not a finite number$/m],
    ["a guard no period reaches", { ...SETS, alarms: { rejectRate: { minimumSends: 1e21 } } },
        /^alarms\.rejectRate\.minimumSends: 1e\+21 is not in \[1, 1000000000\]: a guard no period's sends can reach would keep the alarm from ever evaluating$/m],
    ["a whole number beyond 2^53", { ...SETS, alarms: { bounceRate: { evaluationPeriods: 2 ** 53 + 2 } } },
        /^alarms\.bounceRate\.evaluationPeriods: 9007199254740994 is beyond 9007199254740991 \(2\^53 - 1\), where whole numbers are rounded when read$/m],
    ["the args as a Map", new Map([["configurationSets", { a: {} }]]),
        /^args: a Map of 1 entry is not an object \(give a plain object, not a Map\)$/m],
    ["configuration sets as a Map", { configurationSets: new Map([["a", {}]]) },
        /^configurationSets: a Map of 1 entry is not a map keyed by configuration set name \(give a plain object, not a Map\)$/m],
    ["tags as a Map", { ...SETS, tags: new Map([["team", "mail"]]) }, /^tags: a Map of 1 entry is not an object \(give a plain object, not a Map\)$/m],
    ["an Output where the sets must be plain", { configurationSets: pulumi.output({ a: {} }) },
        /^configurationSets: an Output must be a plain value, known before deploying: it decides which resources are created and how/m],
    ["an Output as a percent", { ...SETS, alarms: { bounceRate: { criticalPercent: pulumi.output(3) } } },
        /^alarms\.bounceRate\.criticalPercent: an Output must be a plain value/m],
    ["a Promise as the emails", { ...SETS, notifications: { emails: Promise.resolve(["ops@example.com"]) } },
        /^notifications\.emails: a Promise must be a plain value/m],
    ["an email in angle brackets", { ...SETS, notifications: { emails: ["<ops@example.com>"] } },
        /^notifications\.emails\[0\]: "<ops@example\.com>" is not an email address$/m],
    ["an email with a doubled dot", { ...SETS, notifications: { emails: ["a@b..com"] } }, /^notifications\.emails\[0\]: "a@b\.\.com" is not an email address$/m],
    ["an email with a display name", { ...SETS, notifications: { emails: ["Ops <ops@example.com>"] } }, /^notifications\.emails\[0\]: "Ops <ops@example\.com>" is not an email address$/m],
    ["an HTTPS URL without its slashes", { ...SETS, notifications: { httpsEndpoints: ["https:hooks.example.com"] } },
        /^notifications\.httpsEndpoints\[0\]: "https:hooks\.example\.com" is not an https:\/\/ URL$/m],
    ["one URL spelt three ways", { ...SETS, notifications: { httpsEndpoints: ["https://hooks.example.com/ses", "HTTPS://Hooks.Example.com/ses", "https://hooks.example.com:443/ses"] } },
        /^notifications\.httpsEndpoints\[1\]: "HTTPS:\/\/Hooks\.Example\.com\/ses" is listed twice \(as "https:\/\/hooks\.example\.com\/ses"\)\nnotifications\.httpsEndpoints\[2\]: "https:\/\/hooks\.example\.com:443\/ses" is listed twice \(as "https:\/\/hooks\.example\.com\/ses"\)$/m],
    ["a list where a topic ARN belongs", { ...SETS, notifications: { criticalTopicArn: ["arn:aws:sns:us-east-1:123456789012:pager"] } },
        /^notifications\.criticalTopicArn: \["arn:aws:sns:us-east-1:123456789012:pager"\] is not a standard SNS topic ARN/m],
    ["an object where a topic ARN belongs", { configurationSets: { a: { snsDestination: { topicArn: { arn: "arn:aws:sns:us-east-1:123456789012:x" } } } } },
        /^configurationSets\.a\.snsDestination\.topicArn: \{"arn":"arn:aws:sns:us-east-1:123456789012:x"\} is not a standard SNS topic ARN/m],
    ["an empty topic ARN", { ...SETS, identities: { "example.com": { bounce: true, topicArn: "" } } },
        /^identities\.example\.com\.topicArn: "" is not a standard SNS topic ARN .*notifies nobody$/m],
    ["a prefix that makes a bucket name S3 reserves", { ...SETS, namePrefix: "sthree-mail", eventArchive: {} },
        /^namePrefix: "sthree-mail" starts the event archive's bucket name \(sthree-mail-ses-events-\.\.\.\) with sthree-, which S3 reserves/m],
    ["a prefix that makes a demo bucket name", { ...SETS, namePrefix: "Amzn-S3-Demo-mail", eventArchive: {} },
        /^namePrefix: "Amzn-S3-Demo-mail" starts the event archive's bucket name \(amzn-s3-demo-mail-[0-9a-f]{6}-ses-events-\.\.\.\) with amzn-s3-demo-, which S3 reserves/m],
    ["a misspelt field", { ...SETS, notifications: { emial: ["ops@example.com"] } },
        /^notifications\.emial: \["ops@example\.com"\] is not a known field \(did you mean emails\? known: emails, /m],
];

describe("safety: nothing silently accepted", () => {
    for (const [what, args, expected] of REFUSED) {
        it(`refuses ${what}, naming the field, and registers nothing`, async () => {
            assert.match((await refusalOf(args)).message, expected);
        });
    }

    it("accepts a prefix the reserved rule does not touch, and the reserved one without an archive (no bucket then)", () => {
        assert.doesNotThrow(() => resolveSettings({ ...SETS, namePrefix: "three-mail", eventArchive: {} }, { project: "p", stack: "s" }));
        assert.doesNotThrow(() => resolveSettings({ ...SETS, namePrefix: "sthree-mail" }, { project: "p", stack: "s" }));
    });

    it("subscribes the one normalised spelling of an HTTPS endpoint", () => {
        const settings = resolveSettings({ ...SETS, notifications: { httpsEndpoints: ["HTTPS://Hooks.Example.com:443/ses?token=x"] } }, { project: "p", stack: "s" });
        assert.deepStrictEqual(settings.notifications.httpsEndpoints, ["https://hooks.example.com/ses?token=x"]);
    });

    describe("topic ARNs of another region or partition", () => {
        const context = { project: "p", stack: "s", region: "eu-west-1" };
        const issues = (args: unknown, ctx: { project: string; stack: string; region?: string } = context) => {
            try {
                resolveSettings(args, ctx);
                return [];
            } catch (err) {
                return (err as SesMonitoringArgsError).issues.map((i) => `${i.path}: ${i.message}`);
            }
        };

        it("are refused when the stack's region is configured, each at its field", () => {
            assert.deepStrictEqual(issues({
                configurationSets: { a: { snsDestination: { topicArn: "arn:aws:sns:us-east-1:123456789012:events" } } },
                notifications: { warningTopicArn: "arn:aws-cn:sns:eu-west-1:123456789012:pager", criticalTopicArn: "arn:aws:sns:eu-west-1:123456789012:pager" },
            }), [
                "configurationSets.a.snsDestination.topicArn: \"arn:aws:sns:us-east-1:123456789012:events\" is in region us-east-1, not the stack's eu-west-1: give a topic of eu-west-1, where this stack's alarms and SES publish",
                "notifications.warningTopicArn: \"arn:aws-cn:sns:eu-west-1:123456789012:pager\" is in partition aws-cn, not the stack's aws (region eu-west-1)",
            ]);
        });

        it("pass when the region is not known before deploying", () => {
            assert.deepStrictEqual(issues({ ...SETS, notifications: { criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" } }, { project: "p", stack: "s" }), []);
        });

        it("read the region from aws:region config in a running program", async () => {
            let thrown: unknown;
            await runUnderMocks(() => {
                pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1" }, []);
                try {
                    new SesMonitoring("ses", { ...SETS, notifications: { criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" } });
                } catch (err) {
                    thrown = err;
                }
            });
            assert.match(String(thrown), /notifications\.criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" is in region us-east-1, not the stack's eu-west-1/);
        });
    });

    describe("a topic ARN given as an Output, checked once it resolves (the deployment fails)", () => {
        const cases: [string, pulumi.Output<unknown>, RegExp][] = [
            ["undefined", pulumi.output(undefined), /notifications\.criticalTopicArn: undefined \(resolved while deploying\) is not a standard SNS topic ARN .*notifies nobody/],
            ["\"\"", pulumi.output(""), /notifications\.criticalTopicArn: "" \(resolved while deploying\) is not a standard SNS topic ARN .*notifies nobody/],
            ["another region's topic", pulumi.output("arn:aws:sns:eu-central-1:123456789012:pager"),
                new RegExp(`notifications\\.criticalTopicArn: "arn:aws:sns:eu-central-1:123456789012:pager" \\(resolved while deploying\\) is in region eu-central-1, not the stack's ${MOCK_ACCOUNT.region}`)],
        ];
        for (const [what, arn, expected] of cases) {
            it(`fails on ${what}, naming the field`, async () => {
                await assert.rejects(runUnderMocks(() => new SesMonitoring("ses", { ...SETS, notifications: { criticalTopicArn: arn as pulumi.Output<string> } })), expected);
            });
        }

        it("passes a topic of the stack's region", async () => {
            const resources = await runUnderMocks(() => new SesMonitoring("ses", { ...SETS, notifications: { criticalTopicArn: pulumi.output(`arn:aws:sns:${MOCK_ACCOUNT.region}:123456789012:pager`) } }));
            const critical = resources.find((r) => r.inputs.name === "ses-monitoring-test.a.bounce-rate-critical")!;
            assert.deepStrictEqual(critical.inputs.alarmActions, [`arn:aws:sns:${MOCK_ACCOUNT.region}:123456789012:pager`]);
        });
    });
});

describe("safety: each value reported once, where it was written", () => {
    it("a stack-level value breaking two rules is one line at its path, not one per rule or per set", () => {
        assert.throws(() => resolveSettings({ configurationSets: { a: {}, b: {} }, accountReputation: { bounceRate: { warningPercent: 6 } } }, { project: "p", stack: "s" }),
            (err: SesMonitoringArgsError) => {
                assert.deepStrictEqual(err.message.split("\n"), [
                    "accountReputation.bounceRate.warningPercent: 6 leaves warningPercent (6) not below criticalPercent (4.5), and is not below AWS's review level of 5 % for the bounce rate (the alarm must fire before AWS acts)",
                ]);
                return true;
            });
        assert.throws(() => resolveSettings({ configurationSets: { a: {}, b: {}, c: {} }, alarms: { rejectRate: { minimumSends: NaN } } }, { project: "p", stack: "s" }),
            (err: SesMonitoringArgsError) => {
                assert.deepStrictEqual(err.issues.map((i) => i.path), ["alarms.rejectRate.minimumSends"]);
                return true;
            });
    });
});

describe("safety: names unambiguous across stacks", () => {
    const namesOf = (namePrefix: string, set: string) =>
        alarmSpecs(resolveSettings({ namePrefix, configurationSets: { [set]: {} } }, { project: "p", stack: "s" })).map((s) => s.name);

    it("stack prod2 with set eu-marketing and stack prod2-eu with set marketing share no alarm name", () => {
        const one = namesOf("prod2", "eu-marketing");
        const other = namesOf("prod2-eu", "marketing");
        assert.strictEqual(one.length, 16);
        assert.deepStrictEqual(one.filter((n) => other.includes(n)), []);
        assert.ok(one.includes("prod2.eu-marketing.bounce-rate-warning") && other.includes("prod2-eu.marketing.bounce-rate-warning"));
    });

    it("prefixes differing only in case, or in - and _, get their own archive bucket and Glue database", () => {
        const names = ["mail", "Mail", "MAIL", "mail_eu", "mail-eu"].map((p) => eventArchiveNames(p, MOCK_ACCOUNT));
        assert.strictEqual(new Set(names.map((n) => n.bucket)).size, names.length);
        assert.strictEqual(new Set(names.map((n) => n.glueDatabase)).size, names.length);
        // A prefix in the one form both names take unchanged keeps its names (no replacement for it).
        assert.strictEqual(names[0].bucket, `mail-ses-events-${MOCK_ACCOUNT.accountId}-${MOCK_ACCOUNT.region}`);
        assert.strictEqual(names[4].glueDatabase, "mail_eu_ses_events");
        assert.match(names[1].bucket, /^mail-[0-9a-f]{6}-ses-events-/);
    });
});
