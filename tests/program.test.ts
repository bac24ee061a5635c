import * as assert from "assert";
import * as path from "path";
import { loadStackConfig, runStack, stackArgs } from "../tools/stack";
import { argsFromStackConfig } from "../program/stackConfig";

const ROOT = path.resolve(__dirname, "..");
const count = (types: string[]) => types.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t]: (acc[t] ?? 0) + 1 }), {});

describe("the Pulumi program with the example stacks", () => {
    it("reads Pulumi.yaml defaults and the stack file", () => {
        const { config, project } = loadStackConfig(ROOT, "dev");
        assert.strictEqual(project, "ses-monitoring");
        assert.strictEqual(config["ses-monitoring:namePrefix"], "");
        assert.strictEqual(config["aws:region"], "eu-west-1");
        assert.deepStrictEqual(JSON.parse(config["ses-monitoring:alarms"]).bounceRate, { warningPercent: 3, criticalPercent: 4.5 });
    });

    it("maps config keys to args, leaving an unparsable value for validation to name", () => {
        const args = stackArgs(loadStackConfig(ROOT, "prod"));
        assert.deepStrictEqual(Object.keys(args).sort(), ["alarms", "configurationSets", "eventArchive", "identities", "notifications", "tags"]);
        assert.strictEqual((args.configurationSets["notifications-legacy"] as any).manage, false);
        const raw: Record<string, string> = { alarms: "{not json", namePrefix: "" };
        assert.deepStrictEqual(argsFromStackConfig((k) => raw[k]), { alarms: "{not json" });
    });

    it("dev: two managed sets, their alarms, created topics, the sending API poller", async () => {
        const { resources } = await runStack(ROOT, "dev");
        assert.deepStrictEqual(count(resources.map((r) => r.type)), {
            "ses-monitoring:index:SesMonitoring": 1,
            "aws:sns/topic:Topic": 2,
            "aws:sns/topicPolicy:TopicPolicy": 2,
            "aws:sns/topicSubscription:TopicSubscription": 2,
            "aws:sesv2/configurationSet:ConfigurationSet": 2,
            "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": 3,
            // 2 sets x (10 + 2 fast-window) + 4 account reputation + 6 of the sending API poller.
            "aws:cloudwatch/metricAlarm:MetricAlarm": 34,
            "aws:cloudwatch/compositeAlarm:CompositeAlarm": 1,
            "aws:cloudwatch/dashboard:Dashboard": 1,
            // The sending API poller.
            "aws:cloudwatch/eventRule:EventRule": 1,
            "aws:cloudwatch/eventTarget:EventTarget": 1,
            "aws:cloudwatch/logGroup:LogGroup": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicy:RolePolicy": 1,
            "aws:lambda/function:Function": 1,
            "aws:lambda/permission:Permission": 1,
        });
        const bounce = resources.find((r) => r.inputs.name === "ses-monitoring-dev.marketing.bounce-rate-critical")!;
        assert.strictEqual(bounce.inputs.threshold, 4.5);
        assert.strictEqual(bounce.inputs.metricQueries[2].expression, "IF(sends >= 1000, 100 * FILL(bounces, 0) / sends)");
        // Its fast window: the stack's critical tier, the default fast guard (the set's 1,000 is the hourly guard).
        const fast = resources.find((r) => r.inputs.name === "ses-monitoring-dev.marketing.bounce-rate-critical-fast")!;
        assert.deepStrictEqual([fast.inputs.threshold, fast.inputs.metricQueries[0].metric.period, fast.inputs.metricQueries[2].expression],
            [4.5, 300, "IF(sends >= 5000, 100 * FILL(bounces, 0) / sends)"]);
        // The stack's region reaches the topic policy's alarm ARN condition.
        const policy = JSON.parse(resources.find((r) => r.type === "aws:sns/topicPolicy:TopicPolicy")!.inputs.policy);
        assert.strictEqual(policy.Statement[1].Condition.ArnLike["aws:SourceArn"], "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*");
    });

    it("prod: an unmanaged set, the existing critical topic, tuned complaint evaluation, every monitoring method", async () => {
        const { resources } = await runStack(ROOT, "prod");
        const types = count(resources.map((r) => r.type));
        assert.strictEqual(types["aws:sesv2/configurationSet:ConfigurationSet"], 2);
        // The warning topic (critical is the existing PagerDuty one), transactional's event topic, the feedback topic.
        assert.strictEqual(types["aws:sns/topic:Topic"], 3);
        // Per set 10 + 2 fast-window (bounce, reject); legacy 6 + 2 (no reputation metrics); 4 account; 6 poller.
        assert.strictEqual(types["aws:cloudwatch/metricAlarm:MetricAlarm"], 12 + 12 + 8 + 4 + 6);
        // Event archive, SNS and EventBridge destinations, feedback notifications.
        assert.strictEqual(types["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"], 1);
        assert.strictEqual(types["aws:athena/namedQuery:NamedQuery"], 4);
        const destinations = resources.filter((r) => r.type === "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination")
            .map((r) => `${r.inputs.configurationSetName} ${r.inputs.eventDestinationName}`).sort();
        assert.deepStrictEqual(destinations, [
            "marketing ses-monitoring-cloudwatch", "marketing ses-monitoring-cloudwatch-tags", "marketing ses-monitoring-eventbridge", "marketing ses-monitoring-firehose",
            "notifications-legacy ses-monitoring-cloudwatch", "notifications-legacy ses-monitoring-firehose",
            "transactional ses-monitoring-cloudwatch", "transactional ses-monitoring-firehose", "transactional ses-monitoring-sns",
        ]);
        assert.deepStrictEqual(resources.filter((r) => r.type === "aws:ses/identityNotificationTopic:IdentityNotificationTopic")
            .map((r) => `${r.inputs.identity} ${r.inputs.notificationType}`).sort(), ["example.com Bounce", "example.com Complaint"]);
        const complaint = resources.find((r) => r.inputs.name === "ses-monitoring-prod.marketing.complaint-rate-critical")!.inputs;
        assert.deepStrictEqual([complaint.threshold, complaint.evaluationPeriods, complaint.datapointsToAlarm], [0.07, 3, 2]);
        assert.deepStrictEqual(complaint.alarmActions, ["arn:aws:sns:us-east-1:123456789012:pagerduty-critical"]);
    });
});
