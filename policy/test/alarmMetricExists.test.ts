import * as assert from "assert";
import { runPolicies } from "../harness";
import { SES_METRIC_NAMES } from "../alarms";
import { EVENT_TYPES, REPUTATION_METRICS } from "../shared";
import { rateAlarm, reputationAlarm, sesMetric, UNKNOWN } from "./resources";

const NAME = "ses-alarm-metric-exists";
const PUBLISHED = "Send, Reject, Bounce, Complaint, Delivery, Open, Click, RenderingFailure, DeliveryDelay, Subscription, Reputation.BounceRate, Reputation.ComplaintRate";

async function messages(resources: Parameters<typeof runPolicies>[0], config?: Record<string, unknown>) {
    return (await runPolicies(resources, { config })).filter((v) => v.policyName === NAME).map((v) => [v.enforcementLevel, v.message]);
}

describe(NAME, () => {
    it("knows exactly the catalog's metrics: every event type's and both reputation rates", () => {
        assert.deepStrictEqual(SES_METRIC_NAMES, [...Object.values(EVENT_TYPES), ...Object.values(REPUTATION_METRICS)]);
        assert.strictEqual(SES_METRIC_NAMES.join(", "), PUBLISHED);
    });

    it("accepts an alarm on any metric SES publishes", async () => {
        const alarms = SES_METRIC_NAMES.map((m, i) => reputationAlarm(`a${i}`, { metricName: m, statistic: m.startsWith("Reputation.") ? "Average" : "Sum", threshold: 0.01 }));
        assert.deepStrictEqual(await messages(alarms), []);
    });

    it("reports a misspelt reputation metric as mandatory, naming the metrics that exist", async () => {
        assert.deepStrictEqual(await messages([reputationAlarm("bounces", { metricName: "Reputation.BounceRateBounce" })]), [[
            "mandatory",
            'aws.cloudwatch.MetricAlarm "bounces" reads "Reputation.BounceRateBounce" (did you mean "Reputation.BounceRate"?), which SES never publishes in AWS/SES: ' +
            `the alarm stays in INSUFFICIENT_DATA and can never fire. SES publishes ${PUBLISHED}.`,
        ]]);
    });

    it("reads every query of a metric-math alarm, returned or not, and gives no guess for a name far from any", async () => {
        const alarm = rateAlarm("rate", {
            metricQueries: [
                { id: "sends", returnData: false, metric: sesMetric("Sent") },
                { id: "bounces", returnData: false, metric: sesMetric("HardBounceCount") },
                { id: "rate", returnData: true, expression: "100 * bounces / sends" },
            ],
        });
        assert.deepStrictEqual((await messages([alarm])).map(([, m]) => m.split(", which")[0]), [
            'aws.cloudwatch.MetricAlarm "rate" reads "Sent" (did you mean "Send"?), "HardBounceCount"',
        ]);
    });

    it("is case-sensitive, as CloudWatch is, in metric names and the namespace", async () => {
        const lower = reputationAlarm("lower", { metricName: "bounce", statistic: "Sum" });
        const namespace = reputationAlarm("namespace", { namespace: "aws/SES" });
        assert.deepStrictEqual((await messages([lower, namespace])).map(([, m]) => m.split(", which")[0]), [
            'aws.cloudwatch.MetricAlarm "lower" reads "bounce" (did you mean "Bounce"?)',
            'aws.cloudwatch.MetricAlarm "namespace" reads "Reputation.BounceRate" in namespace "aws/SES" (namespaces are case-sensitive: "AWS/SES")',
        ]);
    });

    it("accepts names from additionalMetricNames, skips exempt alarms, other namespaces and unknowns", async () => {
        const future = reputationAlarm("future", { metricName: "Reputation.DeliveryRate" });
        assert.strictEqual((await messages([future])).length, 1);
        assert.deepStrictEqual(await messages([future], { [NAME]: { additionalMetricNames: ["Reputation.DeliveryRate"] } }), []);
        assert.deepStrictEqual(await messages([future], { [NAME]: { exemptAlarmNames: ["future"] } }), []);
        const ec2 = reputationAlarm("cpu", { namespace: "AWS/EC2", metricName: "CPUUtilisation" });
        const preview = reputationAlarm("preview", { metricName: UNKNOWN });
        const search = rateAlarm("search", { metricQueries: [{ id: "s", returnData: true, expression: "SEARCH('{AWS/SES} Bounces', 'Sum', 3600)" }] });
        assert.deepStrictEqual(await messages([ec2, preview, search]), []);
    });
});
