import * as assert from "assert";
import { runPolicies } from "../harness";
import { rateAlarm, reputationAlarm, resource, sesMetric, TOPIC_ARN, TYPES, UNKNOWN } from "./resources";

/**
 * The alarm and configuration-set rules at their edges: what each must refuse, what it must
 * accept, and the resource its message names. Each case differs from an accepted stack in one
 * property, so a rule that stops reading that property fails here.
 */
const THRESHOLD = "ses-alarm-threshold-below-review";
const ACTIONS = "ses-alarm-has-actions";
const METRIC = "ses-alarm-metric-exists";
const RATES = "ses-configuration-set-rate-alarms";
const DESTINATION = "ses-configuration-set-cloudwatch-destination";
const REPUTATION = "ses-reputation-metrics-enabled";
const TLS = "ses-tls-required";

type Resources = Parameters<typeof runPolicies>[0];
async function messages(name: string, resources: Resources, config?: Record<string, unknown>): Promise<string[]> {
    return (await runPolicies(resources, { config })).filter((v) => v.policyName === name).map((v) => v.message);
}

const careful = (name = "orders", extra: Record<string, unknown> = {}) =>
    resource(TYPES.set, name, { configurationSetName: name, reputationOptions: { reputationMetricsEnabled: true }, deliveryOptions: { tlsPolicy: "REQUIRE" }, ...extra });
const dimension = (dimensionName = "ses:configuration-set", dimensionValueSource = "MESSAGE_TAG") => ({ dimensionName, dimensionValueSource, defaultDimensionValue: "none" });
function destination(name: string, eventDestination: Record<string, unknown>, set = "orders") {
    return resource(TYPES.destination, name, {
        configurationSetName: set,
        eventDestinationName: name,
        eventDestination: { enabled: true, matchingEventTypes: ["SEND", "BOUNCE", "COMPLAINT"], cloudWatchDestination: { dimensionConfigurations: [dimension()] }, ...eventDestination },
    });
}
/** A rate alarm of `measure` (Bounce or Complaint) over `set`'s counts. */
const rate = (name: string, event: string, set = "orders", overrides: Record<string, unknown> = {}) => rateAlarm(name, {
    metricQueries: [
        { id: "sends", returnData: false, metric: sesMetric("Send", set) },
        { id: "events", returnData: false, metric: sesMetric(event, set) },
        { id: "rate", returnData: true, expression: "100 * events / sends" },
    ],
    ...overrides,
});
const bothRates = (set = "orders") => [rate(`${set}-bounces`, "Bounce", set), rate(`${set}-complaints`, "Complaint", set)];

describe("ses-alarm-threshold-below-review at its edges", () => {
    it("holds a threshold within float noise of the review level to it, and one just under it passes", async () => {
        // 5 * (1 - 1e-9) percent is the review level up to the tolerance: still at it.
        const atLevel = 5 * (1 - 1e-9);
        assert.strictEqual(await messages(THRESHOLD, [rate("a", "Bounce", "orders", { threshold: atLevel })]).then((m) => m.length), 1);
        assert.deepStrictEqual(await messages(THRESHOLD, [rate("a", "Bounce", "orders", { threshold: 5 * (1 - 3e-9) })]), []);
    });

    it("an alarm of unknown unit: reported from the review level read as a fraction (0.05), within float noise; not just under it", async () => {
        const unknownUnit = (threshold: number) => rate("odd", "Bounce", "orders", {
            threshold,
            metricQueries: [
                { id: "sends", returnData: false, metric: sesMetric("Send") },
                { id: "events", returnData: false, metric: sesMetric("Bounce") },
                { id: "rate", returnData: true, expression: "RATE(events) / sends" },
            ],
        });
        const [message] = await messages(THRESHOLD, [unknownUnit(0.05 * (1 - 1e-9))]);
        assert.match(message, /^aws\.cloudwatch\.MetricAlarm "odd" compares RATE\(events\) \/ sends with threshold 0\.05, but the pack cannot tell its unit/);
        assert.deepStrictEqual(await messages(THRESHOLD, [unknownUnit(0.05 * (1 - 3e-9))]), []);
    });

    it("does not judge a floor (every LessThan operator) nor a band (thresholdMetricId), however high", async () => {
        for (const comparisonOperator of ["LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerThreshold", "LessThanLowerOrGreaterThanUpperThreshold"]) {
            assert.deepStrictEqual(await messages(THRESHOLD, [rate("floor", "Bounce", "orders", { threshold: 50, comparisonOperator })]), [], comparisonOperator);
        }
        assert.deepStrictEqual(await messages(THRESHOLD, [rate("band", "Bounce", "orders", { threshold: 50, thresholdMetricId: "band" })]), []);
        assert.strictEqual((await messages(THRESHOLD, [rate("high", "Bounce", "orders", { threshold: 50 })])).length, 1);
    });

    it("judges only metric alarms, and names an alarm without a name by its resource", async () => {
        const composite = resource(TYPES.compositeAlarm, "composite", { ...rate("c", "Bounce").inputs, threshold: 50 });
        assert.deepStrictEqual(await messages(THRESHOLD, [composite]), []);
        const { name: _, ...unnamed } = rate("x", "Bounce", "orders", { threshold: 50 }).inputs as Record<string, unknown>;
        const [message] = await messages(THRESHOLD, [resource(TYPES.alarm, "bounce-rate", unnamed)]);
        assert.match(message, /^aws\.cloudwatch\.MetricAlarm "bounce-rate" compares/);
    });
});

describe("ses-alarm-has-actions at its edges", () => {
    it("names an entry that resolved to nothing (null) and joins every problem with 'and'", async () => {
        assert.deepStrictEqual(await messages(ACTIONS, [reputationAlarm("rep", { alarmActions: [undefined, TOPIC_ARN] })]), [
            'aws.cloudwatch.MetricAlarm "rep" reads AWS/SES metrics but has alarmActions entries that name no action (null: an ARN that resolved to nothing). Send alarmActions to an SNS topic someone watches (SesMonitoring sends each severity to its topic).',
        ]);
        const [both] = await messages(ACTIONS, [reputationAlarm("rep", { actionsEnabled: false, alarmActions: [] })]);
        assert.match(both, /but has actionsEnabled: false, so it notifies no one and has no alarmActions, so a breach only changes its state in the console\./);
    });

    it("leaves exempt alarms, alarm actions unknown at preview and other resource types alone; names an unnamed alarm by its resource", async () => {
        assert.deepStrictEqual(await messages(ACTIONS, [reputationAlarm("rep", { alarmActions: [] })], { [ACTIONS]: { exemptAlarmNames: ["rep"] } }), []);
        assert.deepStrictEqual(await messages(ACTIONS, [reputationAlarm("rep", { alarmActions: UNKNOWN })]), []);
        assert.deepStrictEqual(await messages(ACTIONS, [resource(TYPES.compositeAlarm, "c", { ...reputationAlarm("c").inputs, alarmActions: [] })]), []);
        const [message] = await messages(ACTIONS, [reputationAlarm("rep", { name: undefined, alarmActions: [] })]);
        assert.match(message, /^aws\.cloudwatch\.MetricAlarm "rep" reads AWS\/SES metrics but has no alarmActions/);
    });
});

describe("ses-alarm-metric-exists at its edges", () => {
    it("guesses a published name up to two edits away (Sendxy: Send), not three (Sendxyz)", async () => {
        const [two] = await messages(METRIC, [reputationAlarm("a", { metricName: "Sendxy", statistic: "Sum" })]);
        assert.match(two, /^aws\.cloudwatch\.MetricAlarm "a" reads "Sendxy" \(did you mean "Send"\?\), which SES never publishes/);
        const [three] = await messages(METRIC, [reputationAlarm("a", { metricName: "Sendxyz", statistic: "Sum" })]);
        assert.match(three, /^aws\.cloudwatch\.MetricAlarm "a" reads "Sendxyz", which SES never publishes/);
    });

    it("judges only metric alarms, skips a metric without a namespace, and names an unnamed alarm by its resource", async () => {
        assert.deepStrictEqual(await messages(METRIC, [resource(TYPES.compositeAlarm, "c", reputationAlarm("c", { metricName: "Bounces" }).inputs)]), []);
        assert.deepStrictEqual(await messages(METRIC, [reputationAlarm("a", { namespace: undefined, metricName: "Bounces" })]), []);
        const [message] = await messages(METRIC, [reputationAlarm("a", { name: undefined, metricName: "Bounces" })]);
        assert.match(message, /^aws\.cloudwatch\.MetricAlarm "a" reads "Bounces"/);
    });
});

describe("ses-configuration-set-rate-alarms at its edges", () => {
    const set = careful();
    const covered = async (alarms: Resources, config?: Record<string, unknown>) => messages(RATES, [set, ...alarms], config ? { [RATES]: config } : undefined);
    const missing = (measure: string) => `aws.sesv2.ConfigurationSet "orders" has no ${measure}-rate alarm`;

    it("accepts a set watched by metric-math rate alarms alone, without reputation alarms", async () => {
        assert.deepStrictEqual(await covered(bothRates()), []);
    });

    it("a rate alarm must read the set's counts in AWS/SES: another namespace or another set does not cover it", async () => {
        const custom = (name: string, event: string) => rate(name, event, "orders", {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), namespace: "Custom/SES" } },
                { id: "events", returnData: false, metric: { ...sesMetric(event), namespace: "Custom/SES" } },
                { id: "rate", returnData: true, expression: "100 * events / sends" },
            ],
        });
        const [bounce, complaint] = await covered([custom("b", "Bounce"), custom("c", "Complaint")]);
        assert.ok(bounce.startsWith(missing("bounce")) && complaint.startsWith(missing("complaint")), `${bounce}\n${complaint}`);
        assert.deepStrictEqual((await covered(bothRates("billing"))).length, 2);
        // The same, in an alarm that also reads an account-level metric (so it could be any set's).
        const anySet = (name: string, event: string) => rate(name, event, "orders", {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), namespace: "Custom/SES" } },
                { id: "events", returnData: false, metric: { ...sesMetric(event), namespace: "Custom/SES" } },
                { id: "rejects", returnData: false, metric: { ...sesMetric("Reject"), dimensions: {} } },
                { id: "rate", returnData: true, expression: "IF(rejects >= 0, 100 * events / sends)" },
            ],
        });
        assert.strictEqual((await covered([anySet("b", "Bounce"), anySet("c", "Complaint")])).length, 2);
    });

    it("at preview, an alarm whose metric name, namespace or dimensions are not known yet may cover the set", async () => {
        const previewOf = (patch: Record<string, unknown>) => ["Bounce", "Complaint"].map((event) => rate(event, event, "orders", {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), ...patch } },
                { id: "events", returnData: false, metric: { ...sesMetric(event), ...patch } },
                { id: "rate", returnData: true, expression: "100 * events / sends" },
            ],
        }));
        assert.deepStrictEqual(await covered(previewOf({ dimensions: UNKNOWN })), []);
        assert.deepStrictEqual(await covered(previewOf({ namespace: UNKNOWN })), []);
        // Only the Send metric's name is unknown: the alarm may still be this set's rate.
        const sendUnknown = ["Bounce", "Complaint"].map((event) => rate(event, event, "orders", {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), metricName: UNKNOWN } },
                { id: "events", returnData: false, metric: sesMetric(event) },
                { id: "rate", returnData: true, expression: "100 * events / sends" },
            ],
        }));
        assert.deepStrictEqual(await covered(sendUnknown), []);
        // The returned expression not known yet (the analysis is partial): the alarm may be any set's rate.
        const partial = ["Bounce", "Complaint"].map((event) => rate(event, event, "orders", {
            metricQueries: [
                { id: "sends", returnData: false, metric: sesMetric("Send", "billing") },
                { id: "events", returnData: false, metric: sesMetric(event, "billing") },
                { id: "rate", returnData: true, expression: UNKNOWN },
            ],
        }));
        assert.deepStrictEqual(await covered(partial), []);
    });

    it("a set whose name is not known yet may be any alarm's set", async () => {
        assert.deepStrictEqual(await messages(RATES, [careful("orders", { configurationSetName: UNKNOWN }), ...bothRates("orders")]), []);
        assert.strictEqual((await messages(RATES, [careful("orders", { configurationSetName: UNKNOWN })])).length, 2);
    });

    it("acceptAccountReputation counts an account-level alarm on the matching Reputation metric in AWS/SES only", async () => {
        const account = (metricName: string, namespace = "AWS/SES") => reputationAlarm(metricName, { metricName, namespace, dimensions: {} });
        const accept = { acceptAccountReputation: true };
        assert.deepStrictEqual(await covered([account("Reputation.BounceRate"), account("Reputation.ComplaintRate")], accept), []);
        assert.strictEqual((await covered([account("Reputation.BounceRate"), account("Reputation.ComplaintRate")])).length, 2);
        const [onlyBounce] = await covered([account("Reputation.BounceRate")], accept);
        assert.ok(onlyBounce.startsWith(missing("complaint")), onlyBounce);
        // An alarm that could be any set's (an account-level Send) over another set's reputation.
        const mixed = (reputation: string) => rateAlarm(reputation, {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), dimensions: {} } },
                { id: "rep", returnData: false, metric: { ...sesMetric(reputation, "billing"), stat: "Average" } },
                { id: "out", returnData: true, expression: "IF(sends > 100, rep)" },
            ],
        });
        assert.strictEqual((await covered([mixed("Reputation.BounceRate"), mixed("Reputation.ComplaintRate")], accept)).length, 2);
        // An account-level reputation metric beside an account-level Send counts; one in another namespace does not.
        const withSends = (reputation: string, namespace = "AWS/SES") => rateAlarm(reputation, {
            metricQueries: [
                { id: "sends", returnData: false, metric: { ...sesMetric("Send"), dimensions: {} } },
                { id: "rep", returnData: false, metric: { ...sesMetric(reputation), namespace, dimensions: {}, stat: "Average" } },
                { id: "out", returnData: true, expression: "IF(sends > 100, rep)" },
            ],
        });
        assert.deepStrictEqual(await covered([withSends("Reputation.BounceRate"), withSends("Reputation.ComplaintRate")], accept), []);
        assert.strictEqual((await covered([withSends("Reputation.BounceRate", "Custom/SES"), withSends("Reputation.ComplaintRate", "Custom/SES")], accept)).length, 2);
    });

    it("exempts the sets named in exemptConfigurationSets only", async () => {
        assert.deepStrictEqual(await covered([], { exemptConfigurationSets: ["orders"] }), []);
        assert.strictEqual((await covered([], { exemptConfigurationSets: ["billing"] })).length, 2);
    });
});

describe("ses-configuration-set-cloudwatch-destination at its edges", () => {
    const check = (destinations: Resources, config?: Record<string, unknown>) => messages(DESTINATION, [careful(), ...destinations], config ? { [DESTINATION]: config } : undefined);
    const HEAD = 'aws.sesv2.ConfigurationSet "orders" has no enabled event destination that publishes SEND, BOUNCE and COMPLAINT to CloudWatch with ses:configuration-set as its only dimension (source MESSAGE_TAG): ';
    const FIX = ". Add an enabled event destination that publishes SEND, BOUNCE and COMPLAINT to CloudWatch with ses:configuration-set as its only dimension (source MESSAGE_TAG) (SesMonitoring creates one per set).";
    const dest = (name: string) => `aws.sesv2.ConfigurationSetEventDestination "${name}"`;

    it("accepts one good destination", async () => {
        assert.deepStrictEqual(await check([destination("cw", {})]), []);
    });

    it("says what each destination lacks, one destination after another", async () => {
        assert.deepStrictEqual(await check([
            destination("off", { enabled: false }),
            destination("nocw", { cloudWatchDestination: undefined }),
            destination("nodim", { cloudWatchDestination: { dimensionConfigurations: [dimension("campaign")] } }),
            destination("header", { cloudWatchDestination: { dimensionConfigurations: [dimension("ses:configuration-set", "EMAIL_HEADER")] } }),
            destination("two", { cloudWatchDestination: { dimensionConfigurations: [dimension(), dimension("campaign"), dimension("team")] } }),
            destination("few", { matchingEventTypes: ["SEND"] }),
            destination("mixed", { cloudWatchDestination: { dimensionConfigurations: [dimension("ses:configuration-set", "LINK_TAG"), dimension()] } }),
        ]), [HEAD + [
            `${dest("off")} is not enabled (set enabled: true; SES creates destinations disabled)`,
            `${dest("nocw")} does not publish to CloudWatch`,
            `${dest("nodim")} does not publish the ses:configuration-set dimension`,
            `${dest("header")} takes ses:configuration-set from EMAIL_HEADER instead of MESSAGE_TAG`,
            `${dest("two")} also publishes dimension campaign, team, so its metrics cannot be read by ses:configuration-set alone (publish extra dimensions from a second destination)`,
            `${dest("few")} does not publish BOUNCE, COMPLAINT`,
            `${dest("mixed")} takes ses:configuration-set from LINK_TAG instead of MESSAGE_TAG`,
        ].join("; ") + FIX]);
    });

    it("a destination with a known problem fails even when another of its values is unknown at preview", async () => {
        const [message] = await check([destination("half", { enabled: UNKNOWN, matchingEventTypes: ["SEND"] })]);
        assert.ok(message.includes(`${dest("half")} does not publish BOUNCE, COMPLAINT`), message);
    });

    it("cannot tell at preview when only unknown values stand between a destination and a pass", async () => {
        for (const patch of [
            { enabled: UNKNOWN },
            { cloudWatchDestination: { dimensionConfigurations: UNKNOWN } },
            { cloudWatchDestination: { dimensionConfigurations: [{ dimensionName: UNKNOWN, dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: "none" }] } },
            { matchingEventTypes: UNKNOWN },
            { matchingEventTypes: ["SEND", "BOUNCE", UNKNOWN] },
        ]) {
            assert.deepStrictEqual(await check([destination("preview", patch)]), [], JSON.stringify(patch));
        }
    });

    it("exempts the sets named in exemptConfigurationSets only", async () => {
        assert.deepStrictEqual(await check([], { exemptConfigurationSets: ["orders"] }), []);
        assert.strictEqual((await check([], { exemptConfigurationSets: ["billing"] })).length, 1);
    });
});

describe("ses-reputation-metrics-enabled and ses-tls-required at their edges", () => {
    it("give no advice on a value not known yet at preview, and exempt the named sets only", async () => {
        assert.deepStrictEqual(await messages(REPUTATION, [careful("orders", { reputationOptions: { reputationMetricsEnabled: UNKNOWN } })]), []);
        assert.deepStrictEqual(await messages(TLS, [careful("orders", { deliveryOptions: { tlsPolicy: UNKNOWN } })]), []);
        const plain = careful("orders", { reputationOptions: {}, deliveryOptions: {} });
        for (const name of [REPUTATION, TLS]) {
            assert.deepStrictEqual(await messages(name, [plain], { [name]: { exemptConfigurationSets: ["orders"] } }), [], name);
            assert.strictEqual((await messages(name, [plain], { [name]: { exemptConfigurationSets: ["billing"] } })).length, 1, name);
        }
    });
});

describe("the canary's exemption from ses-configuration-set-rate-alarms, condition by condition", () => {
    const SET = "shop-canary";
    const SIMULATOR = "success+shop@simulator.amazonses.com,bounce+shop@simulator.amazonses.com";
    const tagged = () => careful(SET, { tags: { "ses-monitoring:role": "canary" } });
    const blind = (metricName: string, overrides: Record<string, unknown> = {}) => resource(TYPES.alarm, `${metricName}-missing`, {
        name: `${metricName}-missing`, comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 3, treatMissingData: "breaching",
        metricQueries: [{ id: "events", returnData: true, metric: sesMetric(metricName, SET) }],
        alarmActions: [TOPIC_ARN], ...overrides,
    });
    const fn = (variables: Record<string, unknown>, type: string = TYPES.lambda) => resource(type, "canary-fn", { name: "canary-fn", environment: { variables } });
    const feeding = (set = SET, recipients: unknown = SIMULATOR) => fn({ SES_CANARY_CONFIGURATION_SET: set, SES_CANARY_RECIPIENTS: recipients });
    const DELIVERY_LACK = 'a "monitoring blind" alarm on its Delivery (Sum below a positive threshold, missing data breaching)';
    const BOUNCE_LACK = 'a "monitoring blind" alarm on its Bounce (Sum below a positive threshold, missing data breaching)';
    const FUNCTION_LACK = "a canary function that sends through it to the mailbox simulator only (SES_CANARY_CONFIGURATION_SET, SES_CANARY_RECIPIENTS)";
    /** What the set lacks, from the violation's note; [] when it is exempt. */
    async function lacks(resources: Resources): Promise<string[]> {
        const found = await messages(RATES, [tagged(), ...resources]);
        if (found.length === 0) return [];
        assert.strictEqual(found[0].split("has no bounce-rate alarm").length, 2, found[0]);
        assert.strictEqual(found.length, 2);
        const note = found[0].split("which exempts a canary's set only with ")[1];
        assert.ok(note, found[0]);
        return note.replace(/\.$/, "").split(" and ");
    }

    it("is exempt with both blind alarms (LessThan or LessThanOrEqualTo) and a function feeding it simulator mail", async () => {
        assert.deepStrictEqual(await lacks([blind("Delivery"), blind("Bounce"), feeding()]), []);
        assert.deepStrictEqual(await lacks([blind("Delivery", { comparisonOperator: "LessThanOrEqualToThreshold" }), blind("Bounce"), feeding()]), []);
    });

    it("a blind alarm fires below a positive threshold, on missing data, reading only the set's Sum in AWS/SES", async () => {
        const notBlind: Record<string, unknown>[] = [
            { comparisonOperator: "GreaterThanThreshold" },
            { threshold: 0 },
            { threshold: undefined },
            { treatMissingData: "notBreaching" },
            { metricQueries: [{ id: "events", returnData: true, metric: { ...sesMetric("Delivery", SET), namespace: "Custom/SES" } }] },
            { metricQueries: [{ id: "events", returnData: true, metric: { ...sesMetric("Delivery", SET), stat: "Average" } }] },
            { metricQueries: [{ id: "events", returnData: true, metric: sesMetric("Delivery", "orders") }] },
            { metricQueries: [{ id: "one", returnData: true, expression: "1" }] },
            { metricQueries: [{ id: "events", returnData: false, metric: sesMetric("Delivery", SET) }, { id: "sends", returnData: false, metric: sesMetric("Send", SET) }, { id: "both", returnData: true, expression: "events + sends" }] },
            { metricQueries: [{ id: "events", returnData: false, metric: sesMetric("Delivery", SET) }, { id: "sends", returnData: false, metric: sesMetric("Send", SET) }] },
            { metricQueries: [{ id: "events", returnData: true, metric: sesMetric("Delivery", SET) }, { id: "sends", returnData: true, metric: sesMetric("Send", SET) }] },
        ];
        for (const overrides of notBlind) {
            assert.deepStrictEqual(await lacks([blind("Delivery", overrides), blind("Bounce"), feeding()]), [DELIVERY_LACK], JSON.stringify(overrides));
        }
        assert.deepStrictEqual(await lacks([blind("Delivery", { threshold: 0.5 }), blind("Bounce"), feeding()]), []);
    });

    it("the function must be a Lambda function feeding this set, with simulator recipients", async () => {
        const blinds = [blind("Delivery"), blind("Bounce")];
        for (const f of [
            feeding("orders"),
            fn({ SES_CANARY_CONFIGURATION_SET: SET }),
            feeding(SET, "success@simulator.amazonses.com,someone@example.com"),
            fn({ SES_CANARY_CONFIGURATION_SET: SET, SES_CANARY_RECIPIENTS: SIMULATOR }, TYPES.logGroup),
            fn({ SES_CANARY_RECIPIENTS: SIMULATOR }),
        ]) {
            assert.deepStrictEqual(await lacks([...blinds, f]), [FUNCTION_LACK], `${f.type} ${JSON.stringify(f.inputs)}`);
        }
        assert.deepStrictEqual(await lacks([]), [DELIVERY_LACK, BOUNCE_LACK, FUNCTION_LACK]);
    });
});
