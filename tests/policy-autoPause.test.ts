import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { AUTO_PAUSE_ENV, SesMonitoring } from "../components";
import { runPolicySet } from "../policy/harness";
import { AUTO_PAUSE_SET_VARIABLE, AUTO_PAUSE_TOPIC_VARIABLE, autoPauseWiringPolicy } from "../policy/autoPause";
import { policies } from "../policy/policies";
import { runUnderMocks } from "../tools/pulumiMocks";

const NAME = "ses-auto-pause-own-critical-alarms";
const ACCOUNT = "123456789012";
const CRITICAL = `arn:aws:sns:us-east-1:${ACCOUNT}:critical`;
const WARNING = `arn:aws:sns:us-east-1:${ACCOUNT}:warning`;

function rateAlarm(name: string, set: string, event: string, actions: unknown[]): aws.cloudwatch.MetricAlarm {
    const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": set }, period: 3600, stat: "Sum" });
    return new aws.cloudwatch.MetricAlarm(name, {
        name,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        threshold: 4,
        metricQueries: [
            { id: "sends", returnData: false, metric: metric("Send") },
            { id: "events", returnData: false, metric: metric(event) },
            { id: "rate", returnData: true, expression: "IF(sends >= 500, 100 * FILL(events, 0) / sends)" },
        ],
        alarmActions: actions as any,
    });
}

/** An auto-pause function for "orders", wired to its own critical alarm and to four wrong ones. */
function violatingStack(): void {
    const fn = new aws.lambda.Function("orders-auto-pause", {
        name: "orders-auto-pause",
        role: "arn:aws:iam::123456789012:role/auto-pause",
        runtime: "nodejs24.x",
        handler: "index.handler",
        environment: { variables: { [AUTO_PAUSE_SET_VARIABLE]: "orders", [AUTO_PAUSE_TOPIC_VARIABLE]: CRITICAL } },
    });
    rateAlarm("orders-bounce-rate-critical", "orders", "Bounce", [CRITICAL, fn.arn]);
    rateAlarm("billing-bounce-rate-critical", "billing", "Bounce", [CRITICAL, fn.arn]);
    rateAlarm("orders-bounce-rate-warning", "orders", "Bounce", [WARNING, fn.arn]);
    rateAlarm("orders-reject-rate-critical", "orders", "Reject", [CRITICAL, fn.arn]);
    // Named by a literal ARN, no dependency: still recognised.
    rateAlarm("billing-complaint-rate-critical", "billing", "Complaint", [CRITICAL, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-auto-pause`]);
    new aws.lambda.Permission("orders-any-alarm", { action: "lambda:InvokeFunction", function: fn.name, principal: "lambda.alarms.cloudwatch.amazonaws.com" });
    new aws.lambda.Permission("orders-one-alarm", {
        action: "lambda:InvokeFunction", function: fn.name, principal: "lambda.alarms.cloudwatch.amazonaws.com",
        sourceAccount: ACCOUNT, sourceArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-bounce-rate-critical`,
    });
}

describe(NAME, () => {
    it("is in the pack, mandatory", () => {
        assert.ok(policies.includes(autoPauseWiringPolicy));
        assert.strictEqual(autoPauseWiringPolicy.enforcementLevel, "mandatory");
    });

    it("reads the environment names the function is given", () => {
        assert.strictEqual(AUTO_PAUSE_SET_VARIABLE, AUTO_PAUSE_ENV.configurationSet);
        assert.strictEqual(AUTO_PAUSE_TOPIC_VARIABLE, AUTO_PAUSE_ENV.topicArn);
    });

    it("reports an alarm of another set, a warning, a reject alarm and an open permission; accepts the set's own critical alarm", async () => {
        const violations = (await runPolicySet([autoPauseWiringPolicy], await runUnderMocks(violatingStack))).filter((v) => v.policyName === NAME);
        // Sorted: registration order depends on which inputs wait for outputs.
        assert.deepStrictEqual(violations.map((v) => [v.enforcementLevel, v.message]).sort(), [
            ["mandatory", "aws.cloudwatch.MetricAlarm \"billing-bounce-rate-critical\" invokes auto-pause function \"orders-auto-pause\", which pauses configuration set orders, but reads metrics other than configuration set orders's own (AWS/SES, ses:configuration-set = orders as the only dimension). Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause)."],
            ["mandatory", "aws.cloudwatch.MetricAlarm \"billing-complaint-rate-critical\" invokes auto-pause function \"orders-auto-pause\", which pauses configuration set orders, but reads metrics other than configuration set orders's own (AWS/SES, ses:configuration-set = orders as the only dimension). Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause)."],
            ["mandatory", `aws.cloudwatch.MetricAlarm "orders-bounce-rate-warning" invokes auto-pause function "orders-auto-pause", which pauses configuration set orders, but is not critical: it does not notify the critical topic ${CRITICAL} the function reports to. Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause).`],
            ["mandatory", "aws.cloudwatch.MetricAlarm \"orders-reject-rate-critical\" invokes auto-pause function \"orders-auto-pause\", which pauses configuration set orders, but watches neither bounces nor complaints. Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause)."],
            ["mandatory", "aws.lambda.Permission orders-any-alarm lets any CloudWatch alarm of any account invoke auto-pause function \"orders-auto-pause\": set sourceArn to the one alarm it serves."],
        ]);
    });

    it("passes the component's own wiring, in an update and in a preview", async () => {
        for (const preview of [false, true]) {
            const resources = await runUnderMocks(() => new SesMonitoring("ses", {
                configurationSets: { orders: { autoPause: {} }, billing: { autoPause: { triggers: ["complaintRate"] } }, other: {} },
            }), { preview });
            const violations = await runPolicySet([autoPauseWiringPolicy], resources);
            assert.deepStrictEqual(violations.filter((v) => v.enforcementLevel === "mandatory"), [], `preview: ${preview}`);
        }
    });
});
