import * as assert from "assert";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyViolation, runPolicies } from "../policy/harness";
import { policies } from "../policy/policies";
import { runUnderMocks } from "../tools/pulumiMocks";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const ACCOUNT = "123456789012";

/** The violations of one policy, without URNs (asserted separately where they matter). */
function of(violations: PolicyViolation[], policyName: string) {
    return violations.filter((v) => v.policyName === policyName).map((v) => ({ level: v.enforcementLevel, type: v.resourceType, message: v.message }));
}
const mandatory = (violations: PolicyViolation[]) => violations.filter((v) => v.enforcementLevel === "mandatory");

interface RateAlarmArgs {
    set: pulumi.Input<string>;
    event: "Bounce" | "Complaint";
    threshold: pulumi.Input<number>;
    actions?: pulumi.Input<string>[];
    /** The returned expression; the default is the component's percent form. */
    expression?: string;
}

/** A rate alarm in the component's metric-math form. */
function rateAlarm(name: string, a: RateAlarmArgs): aws.cloudwatch.MetricAlarm {
    const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": a.set }, period: 3600, stat: "Sum" });
    return new aws.cloudwatch.MetricAlarm(name, {
        name,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        threshold: a.threshold,
        metricQueries: [
            { id: "sends", returnData: false, metric: metric("Send") },
            { id: "events", returnData: false, metric: metric(a.event) },
            { id: "rate", returnData: true, expression: a.expression ?? "IF(sends >= 500, 100 * FILL(events, 0) / sends)" },
        ],
        alarmActions: a.actions,
    });
}

function reputationAlarm(name: string, metricName: string, threshold: number, actions: pulumi.Input<string>[], set?: string): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(name, {
        name,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        namespace: "AWS/SES",
        metricName,
        statistic: "Average",
        period: 3600,
        dimensions: set ? { "ses:configuration-set": set } : undefined,
        threshold,
        alarmActions: actions,
    });
}

function alarmTopic(opts: { kmsMasterKeyId?: pulumi.Input<string>; policy?: (arn: string) => object } = {}): aws.sns.Topic {
    const key = new aws.kms.Key("alarms", { description: "alarm notifications" });
    const topic = new aws.sns.Topic("alarms", { name: "ses-alarms", kmsMasterKeyId: "kmsMasterKeyId" in opts ? opts.kmsMasterKeyId : key.arn });
    const policy = opts.policy ?? ((arn: string) => ({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "SNS:Publish",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        }],
    }));
    new aws.sns.TopicPolicy("alarms", { arn: topic.arn, policy: topic.arn.apply((arn) => JSON.stringify(policy(arn))) });
    return topic;
}

interface Knobs {
    /** false: no event destination at all. */
    destination?: boolean;
    eventTypes?: string[];
    enabled?: boolean;
    extraDimension?: boolean;
    bounceThreshold?: number;
    alarms?: boolean;
    actions?: boolean;
}

/** One SESv2 set the way a careful stack builds it; each knob breaks one thing. */
function sesStack(k: Knobs = {}): void {
    const topic = alarmTopic();
    const set = new aws.sesv2.ConfigurationSet("orders", {
        configurationSetName: "orders",
        reputationOptions: { reputationMetricsEnabled: true },
        deliveryOptions: { tlsPolicy: "REQUIRE" },
    });
    if (k.destination !== false) {
        const dimensions = [{ dimensionName: "ses:configuration-set", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: "orders" }];
        if (k.extraDimension) dimensions.push({ dimensionName: "campaign", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: "none" });
        new aws.sesv2.ConfigurationSetEventDestination("orders-cloudwatch", {
            configurationSetName: set.configurationSetName,
            eventDestinationName: "cloudwatch",
            eventDestination: {
                enabled: k.enabled ?? true,
                matchingEventTypes: k.eventTypes ?? ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"],
                cloudWatchDestination: { dimensionConfigurations: dimensions },
            },
        });
    }
    if (k.alarms !== false) {
        const actions = k.actions === false ? undefined : [topic.arn];
        rateAlarm("orders-bounce-rate", { set: "orders", event: "Bounce", threshold: k.bounceThreshold ?? 4, actions });
        rateAlarm("orders-complaint-rate", { set: "orders", event: "Complaint", threshold: 0.08, actions });
    }
}

describe("policy pack", () => {
    it("every policy has a kebab-case ses- name, a description, a level and a config schema with defaults", () => {
        assert.strictEqual(policies.length, 13);
        for (const p of policies) {
            assert.match(p.name, /^ses-[a-z0-9]+(-[a-z0-9]+)*$/, p.name);
            assert.ok(p.description.length > 40, p.name);
            assert.ok(p.enforcementLevel, p.name);
            const properties = Object.values(p.configSchema?.properties ?? {});
            assert.ok(properties.length > 0 && properties.every((s) => s.default !== undefined), `${p.name}: every config property has a default`);
        }
        assert.deepStrictEqual(policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name), [
            "ses-configuration-set-cloudwatch-destination",
            "ses-configuration-set-rate-alarms",
            "ses-alarm-threshold-below-review",
            "ses-alarm-has-actions",
            "ses-alarm-metric-exists",
            "ses-event-archive-bucket-protected",
            "ses-event-destination-topic-ses-only",
            "ses-auto-pause-own-critical-alarms",
        ]);
    });

    for (const stack of ["dev", "prod"]) {
        for (const preview of [false, true]) {
            it(`the ${stack} stack passes every mandatory policy${preview ? " in a preview" : ""}`, async () => {
                const { resources } = await runStack(ROOT, stack, { preview });
                const violations = await runPolicies(resources);
                assert.deepStrictEqual(mandatory(violations), []);
                // Nothing touched an unknown and gave up ("can't run policy ... during preview").
                assert.deepStrictEqual(violations.filter((v) => v.message.startsWith("can't run")), []);
            });
        }
    }

    it("a careful hand-written stack passes every policy, advisory ones included", async () => {
        assert.deepStrictEqual(await runPolicies(await runUnderMocks(() => sesStack())), []);
    });
});

describe("ses-configuration-set-cloudwatch-destination", () => {
    const NAME = "ses-configuration-set-cloudwatch-destination";

    it("reports a configuration set without an event destination, on the set", async () => {
        const violations = await runPolicies(await runUnderMocks(() => sesStack({ destination: false })));
        assert.deepStrictEqual(of(violations, NAME), [{
            level: "mandatory",
            type: "aws:sesv2/configurationSet:ConfigurationSet",
            message: 'aws.sesv2.ConfigurationSet "orders" has no event destination, so SES publishes no metrics for it and no alarm can see its bounce or complaint rate. ' +
                "Add an enabled event destination that publishes SEND, BOUNCE and COMPLAINT to CloudWatch with ses:configuration-set as its only dimension (source MESSAGE_TAG) (SesMonitoring creates one per set).",
        }]);
        assert.strictEqual(violations.find((v) => v.policyName === NAME)!.urn, "urn:pulumi:test::ses-monitoring::aws:sesv2/configurationSet:ConfigurationSet::orders");
    });

    it("reports a destination that does not publish BOUNCE", async () => {
        const violations = await runPolicies(await runUnderMocks(() => sesStack({ eventTypes: ["SEND", "DELIVERY", "COMPLAINT"] })));
        assert.deepStrictEqual(of(violations, NAME).map((v) => v.message), [
            'aws.sesv2.ConfigurationSet "orders" has no enabled event destination that publishes SEND, BOUNCE and COMPLAINT to CloudWatch with ses:configuration-set as its only dimension (source MESSAGE_TAG): ' +
            'aws.sesv2.ConfigurationSetEventDestination "cloudwatch" does not publish BOUNCE. ' +
            "Add an enabled event destination that publishes SEND, BOUNCE and COMPLAINT to CloudWatch with ses:configuration-set as its only dimension (source MESSAGE_TAG) (SesMonitoring creates one per set).",
        ]);
    });

    it("reports a disabled destination and one whose metrics carry a second dimension", async () => {
        const violations = await runPolicies(await runUnderMocks(() => sesStack({ enabled: false, extraDimension: true })));
        const [message] = of(violations, NAME).map((v) => v.message);
        assert.ok(message.includes('aws.sesv2.ConfigurationSetEventDestination "cloudwatch" is not enabled (set enabled: true; SES creates destinations disabled) and also publishes dimension campaign, ' +
            "so its metrics cannot be read by ses:configuration-set alone (publish extra dimensions from a second destination)."), message);
    });

    it("accepts a legacy v1 set with a v1 destination in v1's lowercase spelling", async () => {
        const resources = await runUnderMocks(() => {
            const topic = alarmTopic();
            new aws.ses.ConfigurationSet("legacy", { name: "legacy", reputationMetricsEnabled: true, deliveryOptions: { tlsPolicy: "Require" } });
            new aws.ses.EventDestination("legacy-cloudwatch", {
                name: "cloudwatch",
                configurationSetName: "legacy",
                enabled: true,
                matchingTypes: ["send", "bounce", "complaint", "renderingFailure"],
                cloudwatchDestinations: [{ dimensionName: "ses:configuration-set", valueSource: "messageTag", defaultValue: "legacy" }],
            });
            rateAlarm("legacy-bounce-rate", { set: "legacy", event: "Bounce", threshold: 3, actions: [topic.arn] });
            rateAlarm("legacy-complaint-rate", { set: "legacy", event: "Complaint", threshold: 0.05, actions: [topic.arn] });
        });
        assert.deepStrictEqual(await runPolicies(resources), []);
    });
});

describe("ses-configuration-set-rate-alarms", () => {
    const NAME = "ses-configuration-set-rate-alarms";

    it("reports an unmonitored legacy configuration set, once per missing rate", async () => {
        const resources = await runUnderMocks(() => {
            sesStack();
            new aws.ses.ConfigurationSet("legacy", { name: "legacy", reputationMetricsEnabled: true, deliveryOptions: { tlsPolicy: "Require" } });
            new aws.ses.EventDestination("legacy-cloudwatch", {
                name: "cloudwatch",
                configurationSetName: "legacy",
                enabled: true,
                matchingTypes: ["send", "bounce", "complaint"],
                cloudwatchDestinations: [{ dimensionName: "ses:configuration-set", valueSource: "messageTag", defaultValue: "legacy" }],
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), NAME), [
            {
                level: "mandatory",
                type: "aws:ses/configurationSet:ConfigurationSet",
                message: 'aws.ses.ConfigurationSet "legacy" has no bounce-rate alarm: no aws.cloudwatch.MetricAlarm reads both its Bounce and Send metrics (AWS/SES, ses:configuration-set as the only dimension) or its Reputation.BounceRate. ' +
                    "Add a bounce-rate alarm for the set (SesMonitoring adds rate and reputation alarms per set), or exempt the set in exemptConfigurationSets.",
            },
            {
                level: "mandatory",
                type: "aws:ses/configurationSet:ConfigurationSet",
                message: 'aws.ses.ConfigurationSet "legacy" has no complaint-rate alarm: no aws.cloudwatch.MetricAlarm reads both its Complaint and Send metrics (AWS/SES, ses:configuration-set as the only dimension) or its Reputation.ComplaintRate. ' +
                    "Add a complaint-rate alarm for the set (SesMonitoring adds rate and reputation alarms per set), or exempt the set in exemptConfigurationSets.",
            },
        ]);
    });

    it("accepts per-set reputation alarms instead of rate alarms, and account-level ones only when configured", async () => {
        const perSet = await runUnderMocks(() => {
            sesStack({ alarms: false });
            const topic = "arn:aws:sns:us-east-1:123456789012:pager";
            reputationAlarm("orders-reputation-bounce", "Reputation.BounceRate", 0.04, [topic], "orders");
            reputationAlarm("orders-reputation-complaint", "Reputation.ComplaintRate", 0.0008, [topic], "orders");
        });
        assert.deepStrictEqual(of(await runPolicies(perSet), NAME), []);

        const account = await runUnderMocks(() => {
            sesStack({ alarms: false });
            const topic = "arn:aws:sns:us-east-1:123456789012:pager";
            reputationAlarm("account-reputation-bounce", "Reputation.BounceRate", 0.04, [topic]);
            reputationAlarm("account-reputation-complaint", "Reputation.ComplaintRate", 0.0008, [topic]);
        });
        assert.strictEqual(of(await runPolicies(account), NAME).length, 2);
        const config = { "ses-configuration-set-rate-alarms": { acceptAccountReputation: true } };
        assert.deepStrictEqual(of(await runPolicies(account, { config }), NAME), []);
    });

    it("does not count an alarm on another set's metrics, or on a count alone", async () => {
        const resources = await runUnderMocks(() => {
            sesStack({ alarms: false });
            const topic = "arn:aws:sns:us-east-1:123456789012:pager";
            rateAlarm("other-bounce-rate", { set: "other", event: "Bounce", threshold: 3, actions: [topic] });
            new aws.cloudwatch.MetricAlarm("orders-bounces", {
                comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 100, alarmActions: [topic],
                namespace: "AWS/SES", metricName: "Bounce", statistic: "Sum", period: 3600, dimensions: { "ses:configuration-set": "orders" },
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), NAME).map((v) => v.message.split(":")[0]), [
            'aws.sesv2.ConfigurationSet "orders" has no bounce-rate alarm',
            'aws.sesv2.ConfigurationSet "orders" has no complaint-rate alarm',
        ]);
    });
});

describe("ses-alarm-threshold-below-review", () => {
    const NAME = "ses-alarm-threshold-below-review";

    it("reports a percent bounce-rate alarm at 6 %", async () => {
        const violations = await runPolicies(await runUnderMocks(() => sesStack({ bounceThreshold: 6 })));
        assert.deepStrictEqual(of(violations, NAME), [{
            level: "mandatory",
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            message: 'aws.cloudwatch.MetricAlarm "orders-bounce-rate" compares IF(sends >= 500, 100 * FILL(events, 0) / sends) (percent) with threshold 6, which is a bounce rate of 6 %: ' +
                "at or above AWS's review level of 5 % for the bounce rate, so AWS may review the account before this alarm fires. Set the threshold below 5 (percent).",
        }]);
        assert.strictEqual(violations.find((v) => v.policyName === NAME)!.urn, "urn:pulumi:test::ses-monitoring::aws:cloudwatch/metricAlarm:MetricAlarm::orders-bounce-rate");
    });

    it("reports a Reputation.ComplaintRate alarm at 0.001, the review level as a fraction", async () => {
        const resources = await runUnderMocks(() => reputationAlarm("account-complaints", "Reputation.ComplaintRate", 0.001, ["arn:aws:sns:us-east-1:123456789012:pager"]));
        assert.deepStrictEqual(of(await runPolicies(resources), NAME), [{
            level: "mandatory",
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            message: 'aws.cloudwatch.MetricAlarm "account-complaints" compares Reputation.ComplaintRate (a fraction) with threshold 0.001, which is a complaint rate of 0.1 %: ' +
                "at or above AWS's review level of 0.1 % for the complaint rate, so AWS may review the account before this alarm fires. Set the threshold below 0.001 (a fraction).",
        }]);
    });

    it("tells the unit from the expression, not the number: fractions, percents and scaled ratios", async () => {
        const topic = ["arn:aws:sns:us-east-1:123456789012:pager"];
        const cases: [string, string, number, boolean][] = [
            // [event, expression, threshold, violates]
            ["Bounce", "events / sends", 0.05, true],
            ["Bounce", "events / sends", 0.04, false],
            ["Bounce", "FILL(events, 0) / sends * 100", 5, true],
            ["Bounce", "100 * (events / sends)", 4.9, false],
            ["Complaint", "IF(sends >= 20000, 1000 * events / sends)", 1, true], // per mille: 1 = 0.1 %
            ["Complaint", "IF(sends >= 20000, 1000 * events / sends)", 0.9, false],
            ["Complaint", "100 * events / sends", 0.08, false],
        ];
        for (const [event, expression, threshold, violates] of cases) {
            const resources = await runUnderMocks(() => rateAlarm("a", { set: "orders", event: event as "Bounce", threshold, expression, actions: topic }));
            assert.strictEqual(of(await runPolicies(resources), NAME).length, violates ? 1 : 0, `${expression} at ${threshold}`);
        }
    });

    it("holds an alarm over bounces and complaints together to the stricter complaint level", async () => {
        const resources = await runUnderMocks(() => {
            const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": "orders" }, period: 3600, stat: "Sum" });
            new aws.cloudwatch.MetricAlarm("feedback", {
                name: "feedback", comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 1, alarmActions: ["arn:aws:sns:us-east-1:123456789012:pager"],
                metricQueries: [
                    { id: "s", metric: metric("Send") }, { id: "b", metric: metric("Bounce") }, { id: "c", metric: metric("Complaint") },
                    { id: "r", expression: "100 * (b + c) / s", returnData: true },
                ],
            });
        });
        assert.match(of(await runPolicies(resources), NAME)[0].message, /at or above AWS's review level of 0\.1 % for the complaint rate/);
    });

    it("says when it cannot tell the unit, and accepts a threshold that is safe in any unit", async () => {
        const topic = ["arn:aws:sns:us-east-1:123456789012:pager"];
        const unknownUnit = (threshold: number) => runUnderMocks(() => rateAlarm("odd", { set: "orders", event: "Bounce", threshold, expression: "RATE(events) / sends", actions: topic }));
        assert.deepStrictEqual(of(await runPolicies(await unknownUnit(1)), NAME).map((v) => v.message), [
            'aws.cloudwatch.MetricAlarm "odd" compares RATE(events) / sends with threshold 1, but the pack cannot tell its unit ("RATE(events) / sends" uses metric math this pack does not analyse); ' +
            "read as a fraction that is at or above AWS's review level of 5 % for the bounce rate. Write the rate as 100 * events / sends (percent) or events / sends (a fraction), or exempt the alarm in exemptAlarmNames.",
        ]);
        assert.deepStrictEqual(of(await runPolicies(await unknownUnit(0.01)), NAME), []);
        assert.deepStrictEqual(of(await runPolicies(await unknownUnit(1), { config: { [NAME]: { exemptAlarmNames: ["odd"] } } }), NAME), []);
    });

    it("ignores reject rates, counts, floors and anomaly bands", async () => {
        const topic = ["arn:aws:sns:us-east-1:123456789012:pager"];
        const resources = await runUnderMocks(() => {
            const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": "orders" }, period: 3600, stat: "Sum" });
            new aws.cloudwatch.MetricAlarm("rejects", {
                comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 50, alarmActions: topic,
                metricQueries: [{ id: "s", metric: metric("Send") }, { id: "r", metric: metric("Reject") }, { id: "x", expression: "100 * r / s", returnData: true }],
            });
            new aws.cloudwatch.MetricAlarm("bounce-count", {
                comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 500, alarmActions: topic,
                namespace: "AWS/SES", metricName: "Bounce", statistic: "Sum", period: 3600,
            });
            new aws.cloudwatch.MetricAlarm("bounce-anomaly", {
                comparisonOperator: "GreaterThanUpperThreshold", evaluationPeriods: 1, thresholdMetricId: "band", alarmActions: topic,
                metricQueries: [
                    { id: "m", metric: { namespace: "AWS/SES", metricName: "Reputation.BounceRate", period: 3600, stat: "Average" }, returnData: true },
                    { id: "band", expression: "ANOMALY_DETECTION_BAND(m, 2)" },
                ],
            });
            new aws.cloudwatch.MetricAlarm("reputation-floor", {
                comparisonOperator: "LessThanThreshold", evaluationPeriods: 1, threshold: 0.5, alarmActions: topic,
                namespace: "AWS/SES", metricName: "Reputation.BounceRate", statistic: "Average", period: 3600,
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), NAME), []);
    });

    it("takes a stricter review level from config, and refuses one above AWS's", async () => {
        const resources = await runUnderMocks(() => sesStack({ bounceThreshold: 4 }));
        assert.deepStrictEqual(of(await runPolicies(resources), NAME), []);
        const stricter = await runPolicies(resources, { config: { [NAME]: { bounceReviewPercent: 4 } } });
        assert.match(of(stricter, NAME)[0].message, /at or above AWS's review level of 4 % for the bounce rate/);
        await assert.rejects(runPolicies(resources, { config: { [NAME]: { bounceReviewPercent: 6 } } }),
            /ses-alarm-threshold-below-review\.bounceReviewPercent: 6 is above the maximum 5/);
    });
});

describe("ses-alarm-has-actions", () => {
    const NAME = "ses-alarm-has-actions";

    it("reports an alarm on SES metrics without actions", async () => {
        const violations = await runPolicies(await runUnderMocks(() => sesStack({ actions: false })));
        assert.deepStrictEqual(of(violations, NAME), ["orders-bounce-rate", "orders-complaint-rate"].map((alarm) => ({
            level: "mandatory",
            type: "aws:cloudwatch/metricAlarm:MetricAlarm",
            message: `aws.cloudwatch.MetricAlarm "${alarm}" reads AWS/SES metrics but has no alarmActions, so a breach only changes its state in the console. ` +
                "Send alarmActions to an SNS topic someone watches (SesMonitoring sends each severity to its topic).",
        })));
    });

    it("reports disabled actions and, when configured, missing OK actions", async () => {
        const resources = await runUnderMocks(() => {
            const alarm = reputationAlarm("quiet", "Reputation.BounceRate", 0.02, ["arn:aws:sns:us-east-1:123456789012:pager"]);
            void alarm;
            new aws.cloudwatch.MetricAlarm("muted", {
                name: "muted", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 0.02, actionsEnabled: false,
                alarmActions: ["arn:aws:sns:us-east-1:123456789012:pager"], namespace: "AWS/SES", metricName: "Reputation.BounceRate", statistic: "Average", period: 3600,
            });
        });
        assert.deepStrictEqual(of(await runPolicies(resources), NAME).map((v) => v.message.split(". ")[0]), [
            'aws.cloudwatch.MetricAlarm "muted" reads AWS/SES metrics but has actionsEnabled: false, so it notifies no one',
        ]);
        const withOk = of(await runPolicies(resources, { config: { [NAME]: { requireOkActions: true } } }), NAME);
        assert.strictEqual(withOk.length, 2);
        assert.match(withOk[0].message, /"quiet" reads AWS\/SES metrics but has no okActions, so nobody learns that it cleared\. Send alarmActions and okActions/);
    });

    it("leaves alarms on other namespaces, composite alarms and dashboards alone", async () => {
        const resources = await runUnderMocks(() => {
            sesStack();
            new aws.cloudwatch.MetricAlarm("lambda-errors", {
                comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 0, namespace: "AWS/Lambda", metricName: "Errors", statistic: "Sum", period: 300,
            });
            new aws.cloudwatch.CompositeAlarm("sending-at-risk", { alarmName: "sending-at-risk", alarmRule: 'ALARM("orders-bounce-rate") OR ALARM("orders-complaint-rate")' });
            new aws.cloudwatch.Dashboard("ses", { dashboardName: "ses", dashboardBody: JSON.stringify({ widgets: [] }) });
        });
        assert.deepStrictEqual(await runPolicies(resources), []);
    });
});

describe("ses-reputation-metrics-enabled and ses-tls-required", () => {
    it("advise on sets without reputation metrics or with optional TLS, in both APIs", async () => {
        const resources = await runUnderMocks(() => {
            new aws.sesv2.ConfigurationSet("plain", { configurationSetName: "plain" });
            new aws.ses.ConfigurationSet("old", { name: "old", deliveryOptions: { tlsPolicy: "Optional" } });
        });
        const violations = await runPolicies(resources, { config: { "ses-configuration-set-cloudwatch-destination": "disabled", "ses-configuration-set-rate-alarms": "disabled" } });
        assert.deepStrictEqual(violations.map((v) => [v.policyName, v.enforcementLevel, v.message.split(". ")[0]]), [
            ["ses-reputation-metrics-enabled", "advisory", 'aws.sesv2.ConfigurationSet "plain" does not publish reputation metrics (they are off unless enabled), so no alarm can follow the bounce and complaint rates AWS enforces on for this set'],
            ["ses-tls-required", "advisory", 'aws.sesv2.ConfigurationSet "plain" lets SES deliver in plain text when the receiving server offers no TLS'],
            ["ses-reputation-metrics-enabled", "advisory", 'aws.ses.ConfigurationSet "old" does not publish reputation metrics (they are off unless enabled), so no alarm can follow the bounce and complaint rates AWS enforces on for this set'],
            ["ses-tls-required", "advisory", 'aws.ses.ConfigurationSet "old" lets SES deliver in plain text when the receiving server offers no TLS'],
        ]);
    });
});

describe("ses-sns-topic-encrypted and ses-sns-topic-policy-scoped", () => {
    it("advise on an alarm topic without a key, or with the AWS managed key, and on an unscoped policy", async () => {
        const unencrypted = await runUnderMocks(() => {
            const topic = alarmTopic({
                kmsMasterKeyId: undefined,
                policy: (arn) => ({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "SNS:Publish", Resource: arn }] }),
            });
            reputationAlarm("bounces", "Reputation.BounceRate", 0.02, [topic.arn]);
        });
        assert.deepStrictEqual((await runPolicies(unencrypted)).map((v) => [v.policyName, v.enforcementLevel, v.resourceType, v.message]), [
            ["ses-sns-topic-encrypted", "advisory", "aws:sns/topic:Topic",
                'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but is not encrypted at rest. Set kmsMasterKeyId to a customer managed KMS key whose key policy grants cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*.'],
            ["ses-sns-topic-policy-scoped", "advisory", "aws:sns/topic:Topic",
                'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but its topic policy is not scoped: statement 1 allows cloudwatch.amazonaws.com with no aws:SourceAccount condition naming an account. ' +
                "Attach an aws.sns.TopicPolicy that keeps the owner's statement and allows cloudwatch.amazonaws.com to SNS:Publish with an aws:SourceAccount condition."],
        ]);

        const awsManaged = await runUnderMocks(() => {
            const topic = alarmTopic({ kmsMasterKeyId: "alias/aws/sns" });
            reputationAlarm("bounces", "Reputation.BounceRate", 0.02, [topic.arn]);
        });
        assert.deepStrictEqual((await runPolicies(awsManaged)).map((v) => v.message.split(":")[0]), [
            'aws.sns.Topic "ses-alarms" receives CloudWatch alarm notifications but is encrypted with the AWS managed key alias/aws/sns, which cloudwatch.amazonaws.com cannot use',
        ]);
    });

    it("gives no advice nobody can act on: the alarm topics SesMonitoring creates take no key, and are not advised", async () => {
        const { resources } = await runStack(ROOT, "dev");
        const topics = resources.filter((r) => r.type === "aws:sns/topic:Topic");
        assert.deepStrictEqual(topics.map((t) => [t.name, t.inputs.kmsMasterKeyId]), [["ses-warning", undefined], ["ses-critical", undefined]]);
        assert.deepStrictEqual((await runPolicies(resources)).filter((v) => v.policyName === "ses-sns-topic-encrypted"), []);
    });

    it("checks SES feedback topics for ses.amazonaws.com, and leaves topics nothing publishes to alone", async () => {
        const resources = await runUnderMocks(() => {
            const feedback = new aws.sns.Topic("feedback", { name: "ses-feedback" });
            new aws.ses.IdentityNotificationTopic("bounces", { identity: "example.com", notificationType: "Bounce", topicArn: feedback.arn });
            new aws.sns.Topic("unrelated", { name: "unrelated" });
        });
        assert.deepStrictEqual((await runPolicies(resources)).map((v) => [v.policyName, v.message.split(". ")[0]]), [
            ["ses-sns-topic-encrypted", 'aws.sns.Topic "ses-feedback" receives SES notifications but is not encrypted at rest'],
            ["ses-sns-topic-policy-scoped", 'aws.sns.Topic "ses-feedback" receives SES notifications but has no topic policy in this stack, so nothing limits who may publish on the service\'s behalf'],
        ]);
    });
});

describe("policies at preview, with unknown values", () => {
    it("do not crash and report nothing they cannot know, on a stack wired through outputs", async () => {
        const program = () => {
            const topic = alarmTopic();
            const set = new aws.sesv2.ConfigurationSet("orders", { configurationSetName: "orders", reputationOptions: { reputationMetricsEnabled: true }, deliveryOptions: { tlsPolicy: "REQUIRE" } });
            // The set's ARN is unknown at preview, so the destination's set and the alarms' dimension are too.
            new aws.sesv2.ConfigurationSetEventDestination("orders-cloudwatch", {
                configurationSetName: set.arn,
                eventDestinationName: "cloudwatch",
                eventDestination: {
                    enabled: true,
                    matchingEventTypes: topic.arn.apply(() => ["SEND", "BOUNCE", "COMPLAINT"]),
                    cloudWatchDestination: { dimensionConfigurations: [{ dimensionName: "ses:configuration-set", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: set.id }] },
                },
            });
            rateAlarm("orders-bounce-rate", { set: set.id, event: "Bounce", threshold: topic.arn.apply(() => 6), actions: [topic.arn] });
            rateAlarm("orders-complaint-rate", { set: set.id, event: "Complaint", threshold: 0.08, actions: [topic.arn] });
        };
        const preview = await runUnderMocks(program, { preview: true });
        // The mocks really leave these unknown.
        const alarm = preview.find((r) => r.name === "orders-bounce-rate")!;
        assert.ok(pulumi.isUnknown(alarm.inputs.threshold) && pulumi.isUnknown(alarm.inputs.alarmActions[0]));
        assert.deepStrictEqual(await runPolicies(preview), []);
    });

    it("still report a configuration set that has no destination and no alarm at all", async () => {
        const resources = await runUnderMocks(() => {
            const topic = new aws.sns.Topic("t", {});
            new aws.sesv2.ConfigurationSet("orders", { configurationSetName: topic.arn.apply(() => "orders"), reputationOptions: { reputationMetricsEnabled: true }, deliveryOptions: { tlsPolicy: "REQUIRE" } });
        }, { preview: true });
        assert.deepStrictEqual(mandatory(await runPolicies(resources)).map((v) => [v.policyName, v.message.split(" has ")[0]]), [
            ["ses-configuration-set-cloudwatch-destination", "aws.sesv2.ConfigurationSet orders (name not known yet)"],
            ["ses-configuration-set-rate-alarms", "aws.sesv2.ConfigurationSet orders (name not known yet)"],
            ["ses-configuration-set-rate-alarms", "aws.sesv2.ConfigurationSet orders (name not known yet)"],
        ]);
    });

    it("do not call a unit unknown when only the preview hides it", async () => {
        const resources = await runUnderMocks(() => {
            const topic = new aws.sns.Topic("t", {});
            const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": "orders" }, period: 3600, stat: topic.arn.apply(() => "Sum") });
            new aws.cloudwatch.MetricAlarm("orders-bounce-rate", {
                comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 4, alarmActions: [topic.arn],
                metricQueries: [{ id: "s", metric: metric("Send") }, { id: "b", metric: metric("Bounce") }, { id: "r", expression: "100 * b / s", returnData: true }],
            });
        }, { preview: true });
        assert.deepStrictEqual(of(await runPolicies(resources), "ses-alarm-threshold-below-review"), []);
    });

    it("report a known break even when other values are unknown", async () => {
        const resources = await runUnderMocks(() => {
            const topic = new aws.sns.Topic("t", {});
            rateAlarm("orders-bounce-rate", { set: topic.arn, event: "Bounce", threshold: 6, actions: [topic.arn] });
        }, { preview: true });
        assert.deepStrictEqual(mandatory(await runPolicies(resources)).map((v) => v.policyName), ["ses-alarm-threshold-below-review"]);
    });
});
