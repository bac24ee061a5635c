/**
 * The pack never throws on a resource it does not expect: ids that are regular-expression
 * metacharacters, resources without dependencies or props, values of the wrong shape, unknowns
 * everywhere. Each case states what the pack reports for it (or that it reports nothing), so a
 * case that stops throwing by stopping to check fails too.
 */
import * as assert from "assert";
import { RegisteredResource, runPolicies } from "../harness";
import { rateAlarm, reputationAlarm, resource, sesMetric, TOPIC_ARN, TYPES, UNKNOWN } from "./resources";

interface Case {
    title: string;
    resources: RegisteredResource[];
    config?: Record<string, unknown>;
    /** Every violation, in order: the policy and a part of its message. */
    expect: [policy: string, fragment: string][];
}

const ACTIONS = "ses-alarm-has-actions";
const METRIC = "ses-alarm-metric-exists";
const THRESHOLD = "ses-alarm-threshold-below-review";
const DESTINATION = "ses-configuration-set-cloudwatch-destination";
const RATES = "ses-configuration-set-rate-alarms";
const TLS = "ses-tls-required";
const REPUTATION = "ses-reputation-metrics-enabled";
const ENCRYPTED = "ses-sns-topic-encrypted";
const SCOPED = "ses-sns-topic-policy-scoped";
const SES_ONLY = "ses-event-destination-topic-ses-only";
const ARCHIVE = "ses-event-archive-bucket-protected";
const LOGS = "ses-lambda-log-retention";

/** A set that needs nothing else but its destination and alarms. */
const careful = { configurationSetName: "orders", reputationOptions: { reputationMetricsEnabled: true }, deliveryOptions: { tlsPolicy: "REQUIRE" } };

const alarmTopic = (extra: Partial<RegisteredResource> = {}) =>
    resource(TYPES.topic, "alarms", { name: "ses-alarms", arn: TOPIC_ARN, kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/1" }, extra);

const CASES: Case[] = [
    {
        title: "query ids that are regular-expression metacharacters, in an expression outside the analysed subset",
        resources: [rateAlarm("odd-ids", {
            metricQueries: [
                { id: "m(", returnData: false, metric: sesMetric("Send") },
                { id: "[x", returnData: false, metric: sesMetric("Bounce") },
                { id: "a+b", returnData: true, expression: "RATE(m() / [x * a+b" },
            ],
        })],
        expect: [],
    },
    {
        title: "a query id `*` that an unparsable expression names among real ids",
        resources: [rateAlarm("star", {
            threshold: 6,
            metricQueries: [
                { id: "*", returnData: false, metric: sesMetric("Send") },
                { id: "bounces", returnData: false, metric: sesMetric("Bounce") },
                { id: "rate", returnData: true, expression: "RATE(bounces) * (" },
            ],
        })],
        expect: [[THRESHOLD, `compares RATE(bounces) * ( with threshold 6, but the pack cannot tell its unit`]],
    },
    {
        title: "an event destination without dependencies, whose set name is unknown",
        resources: [
            resource(TYPES.set, "orders", careful),
            resource(TYPES.destination, "orders-cloudwatch", { configurationSetName: UNKNOWN, eventDestinationName: "cloudwatch", eventDestination: UNKNOWN }),
        ],
        expect: [
            [RATES, `aws.sesv2.ConfigurationSet "orders" has no bounce-rate alarm`],
            [RATES, `aws.sesv2.ConfigurationSet "orders" has no complaint-rate alarm`],
        ],
    },
    {
        title: "an alarm whose actions are unknown, and a topic, neither with dependencies",
        resources: [alarmTopic(), rateAlarm("orders-bounce-rate", { alarmActions: [UNKNOWN] })],
        expect: [],
    },
    {
        title: "a Lambda function and its log group without dependencies or names",
        resources: [resource(TYPES.lambda, "poller", { name: UNKNOWN }), resource(TYPES.logGroup, "poller-logs", { name: UNKNOWN, retentionInDays: 30 })],
        expect: [],
    },
    {
        title: "an event archive chain linked only by unknown ARNs, with no dependencies to follow",
        resources: [
            resource(TYPES.destination, "orders-firehose", { configurationSetName: "orders", eventDestination: { enabled: true, matchingEventTypes: ["SEND"], kinesisFirehoseDestination: { deliveryStreamArn: UNKNOWN } } }),
            resource(TYPES.stream, "archive", { name: UNKNOWN, extendedS3Configuration: { bucketArn: UNKNOWN } }),
            resource(TYPES.bucket, "archive", { forceDestroy: true }),
        ],
        expect: [],
    },
    {
        title: "a metric alarm with no props at all",
        resources: [resource(TYPES.alarm, "bare", {})],
        expect: [],
    },
    {
        title: "resources whose inputs are missing entirely",
        resources: [resource(TYPES.alarm, "no-inputs"), resource(TYPES.topic, "no-inputs"), resource(TYPES.bucket, "no-inputs")],
        expect: [],
    },
    {
        title: "a configuration set with no props: name not known, nothing else set",
        resources: [resource(TYPES.set, "nameless", {})],
        // Resource policies run first, then the stack policies.
        expect: [
            [REPUTATION, "aws.sesv2.ConfigurationSet nameless does not publish reputation metrics"],
            [TLS, "aws.sesv2.ConfigurationSet nameless lets SES deliver in plain text"],
            [DESTINATION, "aws.sesv2.ConfigurationSet nameless (name not known yet) has no event destination"],
            [RATES, "aws.sesv2.ConfigurationSet nameless (name not known yet) has no bounce-rate alarm"],
            [RATES, "aws.sesv2.ConfigurationSet nameless (name not known yet) has no complaint-rate alarm"],
        ],
    },
    {
        title: "an event destination whose eventDestination is null, and a v1 destination with odd lists",
        resources: [
            resource(TYPES.set, "orders", careful),
            resource(TYPES.destination, "orders-null", { configurationSetName: "orders", eventDestinationName: "null", eventDestination: null }),
            resource(TYPES.v1Destination, "orders-v1", { configurationSetName: "orders", name: "v1", matchingTypes: "send", cloudwatchDestinations: [null, 5] }),
            rateAlarm("orders-bounce-rate"),
            rateAlarm("orders-complaint-rate", { metricQueries: [
                { id: "sends", returnData: false, metric: sesMetric("Send") },
                { id: "complaints", returnData: false, metric: sesMetric("Complaint") },
                { id: "rate", returnData: true, expression: "100 * complaints / sends" },
            ], threshold: 0.08 }),
        ],
        expect: [[DESTINATION, `aws.sesv2.ConfigurationSet "orders" has no enabled event destination`]],
    },
    {
        title: "a topic policy that is not JSON",
        resources: [alarmTopic(), resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: "{not json" }), rateAlarm("orders-bounce-rate")],
        expect: [[SCOPED, `aws.sns.Topic "ses-alarms" has a topic policy that is not valid JSON`]],
    },
    {
        title: "a topic policy whose statements are null, a number and a string",
        resources: [alarmTopic(), resource(TYPES.topicPolicy, "alarms", { arn: TOPIC_ARN, policy: JSON.stringify({ Statement: [null, 5, "x"] }) }), rateAlarm("orders-bounce-rate")],
        expect: [[SCOPED, "no statement allows cloudwatch.amazonaws.com"]],
    },
    {
        title: "metric queries that are null, a number and an object with a numeric id",
        resources: [rateAlarm("junk-queries", { metricQueries: [null, 5, { id: 7, expression: "x" }] })],
        expect: [],
    },
    {
        title: "metricQueries as a string, dimensions as a list",
        resources: [reputationAlarm("odd-shapes", { metricQueries: "sends", dimensions: ["ses:configuration-set"] })],
        expect: [],
    },
    {
        // The provider reads "0.06" as 0.06: checked as that number, not skipped.
        title: "a reputation threshold given as a string",
        resources: [reputationAlarm("string-threshold", { threshold: "0.06" })],
        expect: [[THRESHOLD, "with threshold 0.06"]],
    },
    {
        title: "a rate threshold given as the string \"6\"",
        resources: [rateAlarm("string-six", { threshold: "6" })],
        expect: [[THRESHOLD, "with threshold 6, which is a bounce rate of 6 %"]],
    },
    {
        title: "a threshold string that is no number",
        resources: [rateAlarm("string-word", { threshold: "six" })],
        expect: [],
    },
    {
        title: "an alarm whose every property is unknown",
        resources: [resource(TYPES.alarm, "all-unknown", { name: UNKNOWN, namespace: UNKNOWN, metricName: UNKNOWN, threshold: UNKNOWN, alarmActions: UNKNOWN, metricQueries: UNKNOWN })],
        expect: [],
    },
    {
        title: "alarm actions [undefined]: an ARN Output that resolved to undefined",
        resources: [reputationAlarm("undefined-action", { alarmActions: [undefined] })],
        expect: [[ACTIONS, `aws.cloudwatch.MetricAlarm "undefined-action" reads AWS/SES metrics but has alarmActions entries that name no action (null: an ARN that resolved to nothing), so a breach reaches no one.`]],
    },
    {
        title: "alarm actions [\"\"]: an ARN Output that resolved to an empty string",
        resources: [reputationAlarm("empty-action", { alarmActions: [""] })],
        expect: [[ACTIONS, `aws.cloudwatch.MetricAlarm "empty-action" reads AWS/SES metrics but has alarmActions entries that name no action ("": an ARN that resolved to nothing), so a breach reaches no one.`]],
    },
    {
        title: "one good alarm action beside a blank one and a number",
        resources: [reputationAlarm("mixed-actions", { alarmActions: [TOPIC_ARN, "  ", 5] })],
        expect: [[ACTIONS, `has alarmActions entries that name no action ("  ", 5: an ARN that resolved to nothing). Send alarmActions`]],
    },
    {
        title: "OK actions [null] when OK actions are required",
        resources: [reputationAlarm("null-ok", { okActions: [null] })],
        config: { [ACTIONS]: { requireOkActions: true } },
        expect: [[ACTIONS, "has okActions entries that name no action (null: an ARN that resolved to nothing), so nobody learns that it cleared"]],
    },
    {
        title: "a misspelt reputation metric (Reputation.BounceRateBounce)",
        resources: [reputationAlarm("typo", { metricName: "Reputation.BounceRateBounce" })],
        expect: [[METRIC, `reads "Reputation.BounceRateBounce" (did you mean "Reputation.BounceRate"?), which SES never publishes in AWS/SES`]],
    },
    {
        title: "a metric-math query on a misspelt event metric, and a namespace in the wrong case",
        resources: [rateAlarm("typos", {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), namespace: "aws/ses" } },
                { id: "bounces", returnData: false, metric: sesMetric("Bounces") },
                { id: "rate", returnData: true, expression: "100 * bounces / sends" },
            ],
        })],
        expect: [[METRIC, `reads "Send" in namespace "aws/ses" (namespaces are case-sensitive: "AWS/SES"), "Bounces" (did you mean "Bounce"?), which SES never publishes`]],
    },
    {
        title: "a destination topic whose policy has a null principal, a numeric action and a string condition",
        resources: [
            resource(TYPES.topic, "events", { name: "ses-events", arn: "arn:aws:sns:us-east-1:123456789012:ses-events" }),
            resource(TYPES.topicPolicy, "events", { arn: "arn:aws:sns:us-east-1:123456789012:ses-events", policy: { Statement: { Effect: "Allow", Principal: null, Action: 5, Condition: "none" } } }),
            resource(TYPES.destination, "orders-sns", { configurationSetName: "orders", eventDestination: { enabled: true, matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: "arn:aws:sns:us-east-1:123456789012:ses-events" } } }),
        ],
        expect: [
            [ENCRYPTED, `aws.sns.Topic "ses-events" receives SES notifications but is not encrypted at rest`],
            [SCOPED, "no statement allows ses.amazonaws.com"],
            [SES_ONLY, "no statement lets ses.amazonaws.com publish"],
        ],
    },
    {
        title: "an archive bucket found by name whose stream names it in an ARN of another shape",
        resources: [
            resource(TYPES.destination, "orders-firehose", { configurationSetName: "orders", eventDestination: { enabled: true, matchingEventTypes: ["SEND"], kinesisFirehoseDestination: { deliveryStreamArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive" } } }),
            resource(TYPES.stream, "archive", { name: "archive", extendedS3Configuration: { bucketArn: "arn:aws:s3:::ses-archive" } }),
            resource(TYPES.bucket, "archive", { bucket: "ses-archive", forceDestroy: true }, { protect: undefined }),
        ],
        expect: [[ARCHIVE, `aws.s3.Bucket "ses-archive" holds the SES event archive`]],
    },
    {
        title: "a function with a loggingConfig of the wrong shape",
        resources: [resource(TYPES.lambda, "poller", { name: "poller", loggingConfig: "json" })],
        expect: [[LOGS, `aws.lambda.Function "poller" writes its logs to /aws/lambda/poller`]],
    },
];

describe("the pack on input it does not expect", () => {
    it(`has at least 20 cases`, () => assert.ok(CASES.length >= 20, `${CASES.length} cases`));

    for (const c of CASES) {
        it(c.title, async () => {
            const violations = await runPolicies(c.resources, { config: c.config });
            const actual = violations.map((v) => [v.policyName, v.message]);
            assert.strictEqual(actual.length, c.expect.length, `violations: ${JSON.stringify(actual, null, 2)}`);
            c.expect.forEach(([policy, fragment], i) => {
                assert.strictEqual(actual[i][0], policy, `violation ${i}: ${JSON.stringify(actual[i])}`);
                assert.ok(actual[i][1].includes(fragment), `violation ${i} of ${policy}:\n  ${actual[i][1]}\ndoes not contain\n  ${fragment}`);
            });
        });
    }
});
