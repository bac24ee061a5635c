import * as assert from "assert";
import { resolveSettings } from "../components/settings";
import { refusalOf } from "./refusal";
import { SesMonitoringArgsError } from "../components/shared/checker";

/** [what is wrong, args, the error line expected]. Each breaks one rule. */
const INVALID: [string, unknown, RegExp][] = [
    ["set name with a dot", { configurationSets: { "my.set": {} } },
        /^configurationSets\.my\.set: "my\.set" is not a valid configuration set name \(1-64 of \[A-Za-z0-9_-\]\)$/m],
    ["set name over 64 characters", { configurationSets: { ["s".repeat(65)]: {} } }, /configurationSets\.s{65}: "s{65}" is not a valid configuration set name/],
    ["no configurationSets", {}, /^configurationSets: undefined is required/m],
    ["configurationSets as a list", { configurationSets: ["a"] }, /^configurationSets: \["a"\] is not a map keyed by configuration set name$/m],
    ["critical over 100 %", { configurationSets: { marketing: { alarms: { rejectRate: { criticalPercent: 120 } } } } },
        /^configurationSets\.marketing\.alarms\.rejectRate\.criticalPercent: 120 is not in \(0, 100\]$/m],
    ["zero percent", { alarms: { rejectRate: { warningPercent: 0 } }, configurationSets: {} }, /^alarms\.rejectRate\.warningPercent: 0 is not in \(0, 100\]$/m],
    ["percent as a string", { alarms: { bounceRate: { warningPercent: "2" } }, configurationSets: {} }, /^alarms\.bounceRate\.warningPercent: "2" is not a number$/m],
    ["bounce critical at AWS's review level", { alarms: { bounceRate: { criticalPercent: 5 } }, configurationSets: {} },
        /^alarms\.bounceRate\.criticalPercent: 5 is not below AWS's review level of 5 % for the bounce rate/m],
    ["complaint warning above the review level", { configurationSets: { a: { alarms: { complaintRate: { warningPercent: 0.2, criticalPercent: 0.3 } } } } },
        /^configurationSets\.a\.alarms\.complaintRate\.warningPercent: 0\.2 is not below AWS's review level of 0\.1 % for the complaint rate/m],
    ["warning not below critical", { alarms: { bounceRate: { warningPercent: 3, criticalPercent: 3 } }, configurationSets: {} },
        /^alarms\.bounceRate\.warningPercent: 3 leaves warningPercent \(3\) not below criticalPercent \(3\)$/m],
    ["reputation critical at review level", { configurationSets: {}, accountReputation: { complaintRate: { criticalPercent: 0.1 } } },
        /^accountReputation\.complaintRate\.criticalPercent: 0\.1 is not below AWS's review level/m],
    ["guard of zero", { alarms: { bounceRate: { minimumSends: 0 } }, configurationSets: {} }, /^alarms\.bounceRate\.minimumSends: 0 is not in \[1, 1000000000\]$/m],
    ["fractional guard", { alarms: { bounceRate: { minimumSends: 10.5 } }, configurationSets: {} }, /^alarms\.bounceRate\.minimumSends: 10\.5 is not a whole number$/m],
    ["period not a multiple of 60", { alarms: { rejectRate: { periodSeconds: 90 } }, configurationSets: {} }, /^alarms\.rejectRate\.periodSeconds: 90 is not a multiple of 60, and leaves the fast window/m],
    ["period under a minute", { alarms: { rejectRate: { periodSeconds: 30 } }, configurationSets: {} }, /^alarms\.rejectRate\.periodSeconds: 30 is not in \[60, inf\)$/m],
    ["short period over a day", { alarms: { bounceRate: { periodSeconds: 300, evaluationPeriods: 300 } }, configurationSets: {} },
        /^alarms\.bounceRate\.evaluationPeriods: 300 x periodSeconds 300 = 90000 s exceeds the 86400 s CloudWatch allows for periods under an hour$/m],
    ["long period over a week", { alarms: { complaintRate: { periodSeconds: 86400, evaluationPeriods: 8 } }, configurationSets: {} },
        /^alarms\.complaintRate\.evaluationPeriods: 8 x periodSeconds 86400 = 691200 s exceeds the 604800 s/m],
    ["datapoints over evaluation periods", { alarms: { bounceRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } }, configurationSets: {} },
        /^alarms\.bounceRate\.datapointsToAlarm: 3 is more than evaluationPeriods \(2\)$/m],
    ["unknown event type", { configurationSets: { a: { eventTypes: ["SEND", "BOUNCE", "COMPLAINT", "REJECT", "RENDERING FAILURE"] } } },
        /^configurationSets\.a\.eventTypes\[4\]: "RENDERING FAILURE" is not an SESv2 event type/m],
    ["event type twice", { configurationSets: { a: { eventTypes: ["SEND", "BOUNCE", "COMPLAINT", "REJECT", "SEND"] } } },
        /^configurationSets\.a\.eventTypes\[4\]: "SEND" is listed twice$/m],
    ["event types without BOUNCE while the bounce alarm is on", { configurationSets: { a: { eventTypes: ["SEND", "COMPLAINT", "REJECT"] } } },
        /^configurationSets\.a\.eventTypes: \["SEND","COMPLAINT","REJECT"\] lacks BOUNCE, which alarms\.bounceRate reads/m],
    ["empty event types", { configurationSets: { a: { eventTypes: [] } } }, /^configurationSets\.a\.eventTypes: \[\] is empty/m],
    ["eleven dimensions", { configurationSets: { a: { dimensions: Array.from({ length: 11 }, (_, i) => ({ name: `d${i}`, defaultValue: "none" })) } } },
        /^configurationSets\.a\.dimensions: "11 dimensions" exceed the 10 a CloudWatch event destination allows$/m],
    ["dimension name with a space", { configurationSets: { a: { dimensions: [{ name: "campaign id", defaultValue: "none" }] } } },
        /^configurationSets\.a\.dimensions\[0\]\.name: "campaign id" is not a dimension name/m],
    ["unknown dimension source", { configurationSets: { a: { dimensions: [{ name: "campaign", source: "HEADER", defaultValue: "none" }] } } },
        /^configurationSets\.a\.dimensions\[0\]\.source: "HEADER" is not one of MESSAGE_TAG, EMAIL_HEADER, LINK_TAG$/m],
    ["dimension without default value", { configurationSets: { a: { dimensions: [{ name: "campaign" }] } } },
        /^configurationSets\.a\.dimensions\[0\]\.defaultValue: undefined is required$/m],
    ["dimension named twice", { configurationSets: { a: { dimensions: [{ name: "c", defaultValue: "x" }, { name: "c", defaultValue: "y" }] } } },
        /^configurationSets\.a\.dimensions\[1\]\.name: "c" is listed twice$/m],
    ["an email listed twice", { configurationSets: {}, notifications: { emails: ["ops@example.com", "Ops@Example.com"] } },
        /^notifications\.emails\[1\]: "Ops@Example\.com" is listed twice$/m],
    ["an HTTPS endpoint listed twice", { configurationSets: {}, notifications: { httpsEndpoints: ["https://h.example.com/a", "https://h.example.com/a"] } },
        /^notifications\.httpsEndpoints\[1\]: "https:\/\/h\.example\.com\/a" is listed twice$/m],
    ["bad email", { configurationSets: {}, notifications: { emails: ["ops@example.com", "oncall"] } }, /^notifications\.emails\[1\]: "oncall" is not an email address$/m],
    ["http endpoint", { configurationSets: {}, notifications: { httpsEndpoints: ["http://hooks.example.com/ses"] } },
        /^notifications\.httpsEndpoints\[0\]: "http:\/\/hooks\.example\.com\/ses" is not an https:\/\/ URL$/m],
    ["topic ARN of another service", { configurationSets: {}, notifications: { criticalTopicArn: "arn:aws:sqs:us-east-1:123456789012:alerts" } },
        /^notifications\.criticalTopicArn: "arn:aws:sqs:us-east-1:123456789012:alerts" is not a standard SNS topic ARN/m],
    ["misspelt field", { configurationSets: { a: { alarms: { bounceRate: { warningPercnt: 1 } } } } },
        /^configurationSets\.a\.alarms\.bounceRate\.warningPercnt: 1 is not a known field/m],
    ["boolean as a string", { configurationSets: { a: { manage: "false" } } }, /^configurationSets\.a\.manage: "false" is not a boolean$/m],
    ["name prefix with a dot", { namePrefix: "ses.prod", configurationSets: {} }, /^namePrefix: "ses\.prod" is not 1-100 of \[A-Za-z0-9_-\]$/m],
    ["aws: tag key", { configurationSets: {}, tags: { "aws:owner": "me" } }, /^tags\.aws:owner: "aws:owner" is not a tag key/m],
    ["alarm names that collide", { configurationSets: { account: {} } }, /^configurationSets\.account: gives alarm key "account-reputation-bounce-rate-warning"/m],
    ["fast period not a multiple of 60", { alarms: { bounceRate: { fastWindow: { periodSeconds: 90 } } }, configurationSets: {} },
        /^alarms\.bounceRate\.fastWindow\.periodSeconds: 90 is not a multiple of 60$/m],
    ["fast period not shorter than the main period", { configurationSets: { a: { alarms: { rejectRate: { fastWindow: { periodSeconds: 3600 } } } } } },
        /^configurationSets\.a\.alarms\.rejectRate\.fastWindow\.periodSeconds: 3600 leaves the fast window's periodSeconds \(3600\) not shorter than the alarm's periodSeconds \(3600\): shorten fastWindow\.periodSeconds or set fastWindow\.enabled: false$/m],
    ["main period shortened to the fast one", { alarms: { bounceRate: { periodSeconds: 300 } }, configurationSets: {} },
        /^alarms\.bounceRate\.periodSeconds: 300 leaves the fast window's periodSeconds \(300\) not shorter than the alarm's periodSeconds \(300\)/m],
    ["fast datapoints over fast evaluation periods", { alarms: { bounceRate: { fastWindow: { evaluationPeriods: 2, datapointsToAlarm: 3 } } }, configurationSets: {} },
        /^alarms\.bounceRate\.fastWindow\.datapointsToAlarm: 3 is more than evaluationPeriods \(2\)$/m],
    ["fast window over a day", { configurationSets: { a: { alarms: { bounceRate: { fastWindow: { evaluationPeriods: 300 } } } } } },
        /^configurationSets\.a\.alarms\.bounceRate\.fastWindow\.evaluationPeriods: 300 x periodSeconds 300 = 90000 s exceeds the 86400 s CloudWatch allows for periods under an hour$/m],
    ["fast guard of zero", { alarms: { rejectRate: { fastWindow: { minimumSends: 0 } } }, configurationSets: {} },
        /^alarms\.rejectRate\.fastWindow\.minimumSends: 0 is not in \[1, 1000000000\]$/m],
    ["fractional fast guard", { alarms: { rejectRate: { fastWindow: { minimumSends: 2.5 } } }, configurationSets: {} },
        /^alarms\.rejectRate\.fastWindow\.minimumSends: 2\.5 is not a whole number$/m],
    ["fast window's own tier", { alarms: { bounceRate: { fastWindow: { criticalPercent: 3 } } }, configurationSets: {} },
        /^alarms\.bounceRate\.fastWindow\.criticalPercent: 3 is not a known field \(known: enabled, periodSeconds, minimumSends, evaluationPeriods, datapointsToAlarm\)$/m],
    ["fast window as a boolean", { configurationSets: { a: { alarms: { complaintRate: { fastWindow: true } } } } },
        /^configurationSets\.a\.alarms\.complaintRate\.fastWindow: true is not an object$/m],
    ["fast enabled as a string", { alarms: { complaintRate: { fastWindow: { enabled: "yes" } } }, configurationSets: {} },
        /^alarms\.complaintRate\.fastWindow\.enabled: "yes" is not a boolean$/m],
    ["a confidence bound that is not a boolean", { alarms: { rejectRate: { confidenceBound: "yes" } }, configurationSets: {} },
        /^alarms\.rejectRate\.confidenceBound: "yes" is not a boolean$/m],
    ["a confidence bound on a reputation alarm", { configurationSets: {}, accountReputation: { bounceRate: { confidenceBound: true } } },
        /^accountReputation\.bounceRate\.confidenceBound: true is not a known field/m],
    ["a fast window on a reputation alarm", { configurationSets: {}, accountReputation: { bounceRate: { fastWindow: {} } } },
        /^accountReputation\.bounceRate\.fastWindow: \{\} is not a known field/m],
];

describe("validation", () => {
    for (const [what, args, expected] of INVALID) {
        it(`refuses ${what}, naming the field, and registers nothing`, async () => {
            assert.match((await refusalOf(args)).message, expected);
        });
    }

    it("reports every problem at once, one line each", () => {
        assert.throws(() => resolveSettings({
            configurationSets: { "bad name": {} },
            notifications: { emails: ["nope"] },
            alarms: { bounceRate: { criticalPercent: 7 } },
        }, { project: "p", stack: "s" }), (err: SesMonitoringArgsError) => {
            assert.deepStrictEqual(err.issues.map((i) => i.path), ["alarms.bounceRate.criticalPercent", "configurationSets.bad name", "notifications.emails[0]"]);
            assert.strictEqual(err.message.split("\n").length, 3);
            return true;
        });
    });

    it("reports an inherited rule once, where the value was set", () => {
        assert.throws(() => resolveSettings({ alarms: { rejectRate: { warningPercent: 6 } }, configurationSets: { a: {}, b: {} } }, { project: "p", stack: "s" }),
            (err: SesMonitoringArgsError) => {
                assert.deepStrictEqual(err.issues.map((i) => i.path), ["alarms.rejectRate.warningPercent"]);
                return true;
            });
    });

    describe("the fast window", () => {
        const context = { project: "p", stack: "s" };
        const issuesOf = (args: unknown) => {
            try {
                resolveSettings(args, context);
                return [];
            } catch (err) {
                return (err as SesMonitoringArgsError).issues.map((i) => i.path);
            }
        };

        it("defaults on for bounce and reject, off for complaints, merged stack-level then per set field by field", () => {
            const settings = resolveSettings({
                alarms: { bounceRate: { fastWindow: { minimumSends: 1000 } }, complaintRate: { fastWindow: { enabled: true, periodSeconds: 3600 } } },
                configurationSets: { a: { alarms: { bounceRate: { fastWindow: { periodSeconds: 600 } } } }, b: {} },
            }, context);
            const on = { enabled: true, periodSeconds: 300, minimumSends: 300, evaluationPeriods: 2, datapointsToAlarm: 2 };
            assert.deepStrictEqual(resolveSettings({ configurationSets: {} }, context).alarms.complaintRate.fastWindow, { ...on, enabled: false });
            // Reject's is 1 of 1 (its confidence bound keeps noise out); bounce's own is 4 of 4 over a
            // 5,000-send guard, and the stack sets the guard.
            assert.deepStrictEqual(settings.alarms.rejectRate.fastWindow, { ...on, evaluationPeriods: 1, datapointsToAlarm: 1 });
            const bounceOn = { ...on, minimumSends: 5000, evaluationPeriods: 4, datapointsToAlarm: 4 };
            assert.deepStrictEqual(resolveSettings({ configurationSets: {} }, context).alarms.bounceRate.fastWindow, bounceOn);
            assert.deepStrictEqual(settings.alarms.bounceRate.fastWindow, { ...bounceOn, minimumSends: 1000 });
            assert.deepStrictEqual(settings.alarms.complaintRate.fastWindow, { ...on, periodSeconds: 3600 });
            const [a, b] = settings.configurationSets;
            assert.deepStrictEqual(a.alarms.bounceRate.fastWindow, { ...bounceOn, minimumSends: 1000, periodSeconds: 600 });
            assert.deepStrictEqual(b.alarms.bounceRate.fastWindow, { ...bounceOn, minimumSends: 1000 });
            // evaluationPeriods alone means N of N here too.
            assert.deepStrictEqual(resolveSettings({ alarms: { rejectRate: { fastWindow: { evaluationPeriods: 3 } } }, configurationSets: {} }, context)
                .alarms.rejectRate.fastWindow, { ...on, evaluationPeriods: 3, datapointsToAlarm: 3 });
        });

        it("reports an inherited fast-window rule once, where it was set", () => {
            assert.deepStrictEqual(issuesOf({ alarms: { bounceRate: { fastWindow: { periodSeconds: 7200 } } }, configurationSets: { a: {}, b: {} } }),
                ["alarms.bounceRate.fastWindow.periodSeconds"]);
            assert.deepStrictEqual(issuesOf({ alarms: { rejectRate: { periodSeconds: 300 } }, configurationSets: { a: {}, b: {} } }),
                ["alarms.rejectRate.periodSeconds"]);
            // A set that shortens its own main period is named, not the stack's fast window.
            assert.deepStrictEqual(issuesOf({ configurationSets: { a: { alarms: { bounceRate: { periodSeconds: 120 } } }, b: {} } }),
                ["configurationSets.a.alarms.bounceRate.periodSeconds"]);
        });

        it("lifts the period rule when the fast window is disabled, and checks it when a set turns it on", () => {
            assert.deepStrictEqual(issuesOf({ alarms: { rejectRate: { periodSeconds: 300, fastWindow: { enabled: false } } }, configurationSets: { a: {} } }), []);
            // Complaints on hourly periods: the default fast window is off, so nothing to refuse.
            assert.deepStrictEqual(issuesOf({ alarms: { complaintRate: { periodSeconds: 300 } }, configurationSets: {} }), []);
            assert.deepStrictEqual(issuesOf({ alarms: { complaintRate: { periodSeconds: 300 } }, configurationSets: { a: { alarms: { complaintRate: { fastWindow: { enabled: true } } } } } }),
                ["configurationSets.a.alarms.complaintRate.fastWindow.periodSeconds"]);
        });
    });

    it("accepts the SES auto-tag dimension names and every source", () => {
        const settings = resolveSettings({
            configurationSets: {
                a: {
                    dimensions: [
                        { name: "ses:caller-identity", defaultValue: "unknown" },
                        { name: "campaign", source: "EMAIL_HEADER", defaultValue: "none" },
                        { name: "link", source: "LINK_TAG", defaultValue: "no-link" },
                    ],
                },
            },
        }, { project: "p", stack: "s" });
        assert.deepStrictEqual(settings.configurationSets[0].dimensions.map((d) => `${d.name}/${d.source}`),
            ["ses:caller-identity/MESSAGE_TAG", "campaign/EMAIL_HEADER", "link/LINK_TAG"]);
    });
});
