import * as assert from "assert";
import { planSesMonitoring, SesMonitoringArgs } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { canaryPermissionPolicy, canaryRoleName } from "../components/canary/specs";
import { resolveSettings } from "../components/settings";

/**
 * The canary's settings at their boundaries (schedule, missed runs, the look-back limit that
 * changes at an hour's period, log retention, the sender) and its "monitoring blind" alarms as
 * planned: LessThan 1 over every missed run, missing data breaching.
 */
const context = { project: "ses-monitoring", stack: "dev" };
const FROM = "canary@mail.example.com";
// The canary watches over a stack's sets: one is required beside it.
const plan = (canary: unknown, namePrefix?: string) => planSesMonitoring({ configurationSets: { orders: {} }, canary, ...(namePrefix ? { namePrefix } : {}) } as SesMonitoringArgs, context);
function refusal(canary: unknown): Record<string, string> {
    try {
        plan(canary);
    } catch (e) {
        assert.ok(e instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${e}`);
        return Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    }
    return assert.fail("accepted");
}
const accepted = (canary: unknown) => assert.doesNotThrow(() => plan(canary));

describe("canary: settings at their boundaries", () => {
    it("off unless configured, or when disabled (then no sender is needed)", () => {
        assert.strictEqual(plan(undefined).canary, undefined);
        assert.strictEqual(plan(null).canary, undefined);
        assert.strictEqual(plan({ enabled: false }).canary, undefined);
        assert.deepStrictEqual(plan({ enabled: false }).canaryAlarms, []);
    });
    it("disabled: the sender the args' type requires is taken, every other option refused as doing nothing", () => {
        assert.strictEqual(plan({ enabled: false, from: FROM }).canary, undefined);
        assert.deepStrictEqual(refusal({ enabled: false, from: FROM, scheduleMinutes: 30, logRetentionDays: 7 }), {
            "canary.scheduleMinutes": "30 has no effect while enabled is false: remove it, or remove enabled: false",
            "canary.logRetentionDays": "7 has no effect while enabled is false: remove it, or remove enabled: false",
        });
    });
    it("needs a plain sender address that is not the mailbox simulator's", () => {
        assert.match(refusal({})["canary.from"], /^undefined is required \(a verified sender address/);
        assert.match(refusal({ from: "Canary <canary@mail.example.com>" })["canary.from"], /is not a plain email address/);
        assert.match(refusal({ from: "success@simulator.amazonses.com" })["canary.from"], /is a mailbox simulator address/);
        assert.strictEqual(plan({ from: FROM })?.canary?.from, FROM);
    });
    it("scheduleMinutes from 5 to 1,440, whole", () => {
        accepted({ from: FROM, scheduleMinutes: 5 });
        accepted({ from: FROM, scheduleMinutes: 1440, missedRuns: 2 });
        assert.match(refusal({ from: FROM, scheduleMinutes: 4 })["canary.scheduleMinutes"], /^4 is not in \[5, 1440\]/);
        assert.match(refusal({ from: FROM, scheduleMinutes: 1441 })["canary.scheduleMinutes"], /^1441 is not in \[5, 1440\]/);
        assert.match(refusal({ from: FROM, scheduleMinutes: 7.5 })["canary.scheduleMinutes"], /not a whole number/);
    });
    it("missedRuns of at least 2, whole", () => {
        accepted({ from: FROM, missedRuns: 2 });
        assert.match(refusal({ from: FROM, missedRuns: 1 })["canary.missedRuns"], /^1 is not in \[2, inf\)/);
        assert.match(refusal({ from: FROM, missedRuns: 2.5 })["canary.missedRuns"], /not a whole number/);
    });
    it("looks back at most a day under an hour's period, 7 days from an hour", () => {
        // 59-minute runs: 24 of them (23.6 h) fit a day, 25 do not.
        accepted({ from: FROM, scheduleMinutes: 59, missedRuns: 24 });
        assert.strictEqual(refusal({ from: FROM, scheduleMinutes: 59, missedRuns: 25 })["canary.missedRuns"],
            "25 makes 25 periods of 59 min, longer than CloudWatch allows an alarm to look back (period x evaluation periods: a day for periods under an hour)");
        // Hourly runs: 25 hours is fine, 7 days exactly too, one more run is not.
        accepted({ from: FROM, scheduleMinutes: 60, missedRuns: 25 });
        accepted({ from: FROM, scheduleMinutes: 60, missedRuns: 168 });
        assert.strictEqual(refusal({ from: FROM, scheduleMinutes: 60, missedRuns: 169 })["canary.missedRuns"],
            "169 makes 169 periods of 60 min, longer than CloudWatch allows an alarm to look back (period x evaluation periods: 7 days for periods of an hour or more)");
        assert.match(refusal({ from: FROM, scheduleMinutes: 1440, missedRuns: 8 })["canary.missedRuns"], /^8 makes 8 periods of 1440 min/);
    });
    it("log retention: one of CloudWatch Logs' values", () => {
        accepted({ from: FROM, logRetentionDays: 1 });
        accepted({ from: FROM, logRetentionDays: 3653 });
        assert.match(refusal({ from: FROM, logRetentionDays: 2 })["canary.logRetentionDays"], /^2 is not a CloudWatch Logs retention \(one of 1, 3, 5,/);
    });
});

describe("canary: what it plans", () => {
    it("its own set, function, log group and rule, its schedule and the simulator's mailboxes labelled with the prefix", () => {
        const c = plan({ from: FROM, scheduleMinutes: 15, missedRuns: 4, logRetentionDays: 7 }).canary!;
        assert.deepStrictEqual(c, {
            configurationSet: "ses-monitoring-dev-canary-d8dd61",
            functionName: "ses-monitoring-dev-canary-d8dd61",
            logGroupName: "/aws/lambda/ses-monitoring-dev-canary-d8dd61",
            ruleName: "ses-monitoring-dev-canary-d8dd61",
            from: FROM,
            recipients: ["success+ses-monitoring-dev@simulator.amazonses.com", "bounce+ses-monitoring-dev@simulator.amazonses.com"],
            scheduleMinutes: 15,
            scheduleExpression: "rate(15 minutes)",
            missedRuns: 4,
            logRetentionDays: 7,
            eventTypes: ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT"],
        });
    });
    it("labels the simulator address with at most 40 characters of the prefix", () => {
        const prefix = "p".repeat(50);
        assert.deepStrictEqual(plan({ from: FROM }, prefix).canary!.recipients, [`success+${"p".repeat(40)}@simulator.amazonses.com`, `bounce+${"p".repeat(40)}@simulator.amazonses.com`]);
    });
    it("two blind alarms: Delivery and Bounce of the canary's set below 1 in every missed run, missing data breaching", () => {
        const alarms = plan({ from: FROM, scheduleMinutes: 15, missedRuns: 4 }).canaryAlarms;
        assert.deepStrictEqual(alarms.map((a) => [a.key, a.name, a.measure, a.severity, a.comparisonOperator, a.threshold, a.periodSeconds, a.evaluationPeriods, a.datapointsToAlarm, a.treatMissingData]), [
            ["canary-delivery-missing-critical", "ses-monitoring-dev.canary.delivery-missing-critical", "canaryDelivery", "critical", "LessThanThreshold", 1, 900, 4, 4, "breaching"],
            ["canary-bounce-missing-critical", "ses-monitoring-dev.canary.bounce-missing-critical", "canaryBounce", "critical", "LessThanThreshold", 1, 900, 4, 4, "breaching"],
        ]);
        assert.deepStrictEqual(alarms[1].queries, [{ id: "events", label: "Bounce", returnData: true, metric: { namespace: "AWS/SES", metricName: "Bounce", dimensions: { "ses:configuration-set": "ses-monitoring-dev-canary-d8dd61" }, stat: "Sum", periodSeconds: 900 } }]);
        assert.match(alarms[0].description, /every 15 min through configuration set ses-monitoring-dev-canary-d8dd61, and no Delivery event of that set reached CloudWatch for 1 h \(4 runs\)\./);
        assert.match(alarms[0].description, /sender canary@mail\.example\.com no longer verified/);
    });
    it("sends only from its address, to the simulator, through its set and the sender's address, domain or parent domain identity", () => {
        const spec = plan({ from: FROM }).canary!;
        const policy = canaryPermissionPolicy({ partition: "aws", region: "eu-west-1", accountId: "123456789012" }, spec) as { Statement: { Resource: string[]; Condition: unknown }[] };
        assert.deepStrictEqual(policy.Statement[0].Resource, [
            "arn:aws:ses:eu-west-1:123456789012:configuration-set/ses-monitoring-dev-canary-d8dd61",
            "arn:aws:ses:eu-west-1:123456789012:identity/canary@mail.example.com",
            "arn:aws:ses:eu-west-1:123456789012:identity/mail.example.com",
            "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
        ]);
        assert.deepStrictEqual(policy.Statement[0].Condition, { StringEquals: { "ses:FromAddress": FROM }, "ForAllValues:StringLike": { "ses:Recipients": ["*@simulator.amazonses.com"] } });
    });
});

describe("canary: more of what it says and refuses", () => {
    it("a blind alarm's whole description", () => {
        const [delivery] = plan({ from: FROM }).canaryAlarms;
        assert.strictEqual(delivery.description, [
            "CRITICAL: monitoring blind. This stack's canary sends a message to success@simulator.amazonses.com every 1 h through configuration set ses-monitoring-dev-canary-d8dd61, and no Delivery event of that set reached CloudWatch for 3 h (3 runs).",
            "Either SES stopped publishing events to CloudWatch (then every rate alarm of this stack may be blind too), or the canary stopped sending.",
            "First: the canary function ses-monitoring-dev-canary-d8dd61's errors and its log group (access denied, sender canary@mail.example.com no longer verified, sending paused); then the set's CloudWatch event destination; then the AWS Health Dashboard for SES.",
        ].join(" "));
    });
    it("the whole permission policy: send through its set to the simulator, write its own logs", () => {
        const account = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };
        assert.deepStrictEqual(canaryPermissionPolicy(account, plan({ from: FROM }).canary!), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "SendToMailboxSimulatorThroughCanarySetOnly",
                    Effect: "Allow",
                    Action: "ses:SendEmail",
                    Resource: [
                        "arn:aws:ses:eu-west-1:123456789012:configuration-set/ses-monitoring-dev-canary-d8dd61",
                        "arn:aws:ses:eu-west-1:123456789012:identity/canary@mail.example.com",
                        "arn:aws:ses:eu-west-1:123456789012:identity/mail.example.com",
                        "arn:aws:ses:eu-west-1:123456789012:identity/example.com",
                    ],
                    Condition: { StringEquals: { "ses:FromAddress": FROM }, "ForAllValues:StringLike": { "ses:Recipients": ["*@simulator.amazonses.com"] } },
                },
                { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/ses-monitoring-dev-canary-d8dd61:*" },
            ],
        });
    });
    it("its role's name carries the region (IAM is global), within 64 characters", () => {
        assert.strictEqual(canaryRoleName("ses-monitoring-dev", "eu-west-1"), "ses-monitoring-dev-canary-d8dd61-eu-west-1");
        const long = canaryRoleName("p".repeat(60), "ap-southeast-2");
        assert.ok(long.length <= 64 && /-canary-[0-9a-f]{6}-ap-southeast-2$/.test(long), long);
    });
    it("resolved off: no sender, the default schedule", () => {
        assert.deepStrictEqual(resolveSettings({ configurationSets: {} } as SesMonitoringArgs, context).canary, { enabled: false, from: "", scheduleMinutes: 60, missedRuns: 3, logRetentionDays: 30 });
        assert.strictEqual(resolveSettings({ configurationSets: {}, canary: { enabled: false } } as SesMonitoringArgs, context).canary.from, "");
    });
    it("refusals name the field; a canary of the wrong type or a null sender is refused, not a crash", () => {
        assert.match(refusal(true)["canary"], /is not an object/);
        assert.match(refusal({ from: FROM, enabled: "yes" })["canary.enabled"], /is not a boolean/);
        assert.match(refusal({ from: null })["canary.from"], /^null is required/);
        assert.match(refusal({ from: FROM, logRetentionDays: 1.5 })["canary.logRetentionDays"], /^1\.5 is not a whole number/);
    });
});

