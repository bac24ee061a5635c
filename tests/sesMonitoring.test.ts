import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";

const T = {
    component: "ses-monitoring:index:SesMonitoring",
    set: "aws:sesv2/configurationSet:ConfigurationSet",
    destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
};

async function deploy(args: SesMonitoringArgs, stack = "dev"): Promise<{ resources: RegisteredResource[]; component: SesMonitoring }> {
    let component: SesMonitoring | undefined;
    const resources = await runUnderMocks(() => { component = new SesMonitoring("ses", args); }, { stack });
    return { resources, component: component! };
}
const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!;
};

const TWO_SETS: SesMonitoringArgs = {
    configurationSets: {
        marketing: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
        transactional: { eventTypes: ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"], tlsRequired: false, suppressBouncesAndComplaints: false },
    },
    notifications: { emails: ["oncall@example.com"], httpsEndpoints: ["https://hooks.example.com/ses"] },
    tags: { team: "mail" },
};

describe("SesMonitoring", () => {
    it("creates a configuration set per entry with reputation metrics, TLS and suppression by default", async () => {
        const { resources } = await deploy(TWO_SETS);
        const marketing = named(resources, T.set, "ses-marketing").inputs;
        assert.deepStrictEqual(marketing, {
            configurationSetName: "marketing",
            reputationOptions: { reputationMetricsEnabled: true },
            deliveryOptions: { tlsPolicy: "REQUIRE" },
            suppressionOptions: { suppressedReasons: ["BOUNCE", "COMPLAINT"] },
            tags: { team: "mail" },
        });
        const transactional = named(resources, T.set, "ses-transactional").inputs;
        assert.deepStrictEqual(transactional.deliveryOptions, { tlsPolicy: "OPTIONAL" });
        assert.strictEqual(transactional.suppressionOptions, undefined);
    });

    it("publishes all ten event types to CloudWatch by the set's dimension, and extra dimensions to a second destination", async () => {
        const { resources } = await deploy(TWO_SETS);
        const main = named(resources, T.destination, "ses-marketing-cloudwatch").inputs;
        assert.deepStrictEqual(main, {
            configurationSetName: "marketing",
            eventDestinationName: "ses-monitoring-cloudwatch",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"],
                cloudWatchDestination: {
                    dimensionConfigurations: [{ dimensionName: "ses:configuration-set", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: "marketing" }],
                },
            },
        });
        const tags = named(resources, T.destination, "ses-marketing-cloudwatch-tags").inputs;
        assert.strictEqual(tags.eventDestinationName, "ses-monitoring-cloudwatch-tags");
        assert.deepStrictEqual(tags.eventDestination.cloudWatchDestination.dimensionConfigurations,
            [{ dimensionName: "campaign", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: "none" }]);
        assert.deepStrictEqual(named(resources, T.destination, "ses-transactional-cloudwatch").inputs.eventDestination.matchingEventTypes,
            ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"]);
        assert.strictEqual(ofType(resources, T.destination).length, 3);
    });

    it("creates the alarms as metric-math MetricAlarms with the spec's exact inputs", async () => {
        const { resources } = await deploy(TWO_SETS);
        // 2 sets x (6 rate + 2 fast-window + 4 reputation) + 4 account reputation + 6 of the sending API poller.
        assert.strictEqual(ofType(resources, T.alarm).length, 34);
        const alarm = named(resources, T.alarm, "ses-marketing-bounce-rate-critical").inputs;
        assert.strictEqual(alarm.name, "ses-monitoring-dev.marketing.bounce-rate-critical");
        assert.deepStrictEqual(
            [alarm.comparisonOperator, alarm.threshold, alarm.evaluationPeriods, alarm.datapointsToAlarm, alarm.treatMissingData],
            ["GreaterThanOrEqualToThreshold", 4.5, 4, 4, "notBreaching"],
        );
        assert.deepStrictEqual(alarm.metricQueries, [
            { id: "sends", label: "Send", returnData: false, metric: { namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "marketing" }, period: 1800, stat: "Sum" } },
            { id: "bounces", label: "Bounce", returnData: false, metric: { namespace: "AWS/SES", metricName: "Bounce", dimensions: { "ses:configuration-set": "marketing" }, period: 1800, stat: "Sum" } },
            { id: "rate", label: "bounce rate (%)", returnData: true, expression: "IF(sends >= 1500, 100 * FILL(bounces, 0) / sends)" },
        ]);
        // With metricQueries the single-metric fields stay unset.
        for (const field of ["metricName", "namespace", "period", "statistic"]) assert.strictEqual(alarm[field], undefined, field);
        assert.deepStrictEqual(alarm.tags, { team: "mail" });

        // The fast window: the same alarm at the critical tier on 5-minute periods, 4 of 4, its own guard.
        const fast = named(resources, T.alarm, "ses-marketing-bounce-rate-critical-fast").inputs;
        assert.strictEqual(fast.name, "ses-monitoring-dev.marketing.bounce-rate-critical-fast");
        assert.deepStrictEqual(
            [fast.comparisonOperator, fast.threshold, fast.evaluationPeriods, fast.datapointsToAlarm, fast.treatMissingData],
            ["GreaterThanOrEqualToThreshold", 4.5, 4, 4, "notBreaching"],
        );
        assert.deepStrictEqual(fast.metricQueries, [
            { id: "sends", label: "Send", returnData: false, metric: { namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "marketing" }, period: 300, stat: "Sum" } },
            { id: "bounces", label: "Bounce", returnData: false, metric: { namespace: "AWS/SES", metricName: "Bounce", dimensions: { "ses:configuration-set": "marketing" }, period: 300, stat: "Sum" } },
            { id: "rate", label: "bounce rate (%)", returnData: true, expression: "IF(sends >= 5000, 100 * FILL(bounces, 0) / sends)" },
        ]);
        assert.match(fast.alarmDescription, /^CRITICAL \(fast window, severe spike\)/);
        assert.deepStrictEqual(ofType(resources, T.alarm).filter((a) => a.name.endsWith("-fast")).map((a) => a.name).sort(), [
            "ses-marketing-bounce-rate-critical-fast", "ses-marketing-reject-rate-critical-fast",
            "ses-transactional-bounce-rate-critical-fast", "ses-transactional-reject-rate-critical-fast",
        ]);
    });

    it("sends every alarm's ALARM and OK notifications to its severity's topic", async () => {
        const { resources, component } = await deploy(TWO_SETS);
        const warningTopic = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-dev-warning";
        const criticalTopic = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-dev-critical";
        for (const alarm of ofType(resources, T.alarm)) {
            const topic = /-critical(-fast)?$/.test(alarm.name) ? criticalTopic : warningTopic;
            assert.deepStrictEqual(alarm.inputs.alarmActions, [topic], alarm.name);
            assert.deepStrictEqual(alarm.inputs.okActions, [topic], alarm.name);
            assert.strictEqual(alarm.inputs.actionsEnabled, true);
        }
        assert.strictEqual(await valueOf(component.warningTopicArn), warningTopic);
        assert.strictEqual(await valueOf(component.criticalTopicArn), criticalTopic);
    });

    it("lets CloudWatch publish to the topics only for alarms of this account and region", async () => {
        const { resources } = await deploy(TWO_SETS);
        const policy = JSON.parse(named(resources, T.topicPolicy, "ses-critical").inputs.policy);
        const topicArn = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-dev-critical";
        assert.strictEqual(policy.Statement.length, 2);
        const [owner, cloudwatch] = policy.Statement;
        assert.deepStrictEqual(owner.Principal, { AWS: "arn:aws:iam::123456789012:root" });
        assert.strictEqual(owner.Resource, topicArn);
        assert.deepStrictEqual(cloudwatch, {
            Sid: "CloudWatchAlarmsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "SNS:Publish",
            Resource: topicArn,
            Condition: {
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*" },
            },
        });
    });

    it("subscribes each email and HTTPS endpoint to both topics, keeping webhook URLs secret and out of URNs", async () => {
        const { resources } = await deploy(TWO_SETS);
        // A secret reaches the engine wrapped: { <secret signature>: ..., value }.
        const plain = (v: any) => (typeof v === "object" && v !== null && "value" in v ? v.value : v);
        const subs = ofType(resources, T.subscription).map((s) => `${s.inputs.topic.split(":").pop()} ${s.inputs.protocol} ${plain(s.inputs.endpoint)}`).sort();
        for (const sub of ofType(resources, T.subscription)) {
            assert.doesNotMatch(sub.urn, /hooks\.example\.com|oncall@/, "endpoints stay out of URNs");
            assert.strictEqual(typeof sub.inputs.endpoint === "object", sub.inputs.protocol === "https", "webhook URLs are secret");
        }
        assert.deepStrictEqual(subs, [
            "ses-monitoring-dev-critical email oncall@example.com",
            "ses-monitoring-dev-critical https https://hooks.example.com/ses",
            "ses-monitoring-dev-warning email oncall@example.com",
            "ses-monitoring-dev-warning https https://hooks.example.com/ses",
        ]);
    });

    it("uses existing topics when given: no topic or policy created, one subscription per shared topic", async () => {
        const shared = "arn:aws:sns:us-east-1:210987654321:pager";
        const { resources, component } = await deploy({
            configurationSets: { a: {} },
            notifications: { warningTopicArn: shared, criticalTopicArn: shared, emails: ["x@example.com"] },
        });
        assert.deepStrictEqual(ofType(resources, T.topic), []);
        assert.deepStrictEqual(ofType(resources, T.topicPolicy), []);
        assert.strictEqual(ofType(resources, T.subscription).length, 1);
        for (const alarm of ofType(resources, T.alarm)) assert.deepStrictEqual(alarm.inputs.alarmActions, [shared]);
        assert.strictEqual(await valueOf(component.criticalTopicArn), shared);

        const mixed = await deploy({ configurationSets: { a: {} }, notifications: { criticalTopicArn: shared } });
        assert.deepStrictEqual(ofType(mixed.resources, T.topic).map((t) => t.inputs.name), ["ses-monitoring-dev-warning"]);
    });

    it("with manage: false creates no configuration set, but its destination and alarms", async () => {
        const { resources, component } = await deploy({ configurationSets: { legacy: { manage: false } } });
        assert.deepStrictEqual(ofType(resources, T.set), []);
        assert.strictEqual(named(resources, T.destination, "ses-legacy-cloudwatch").inputs.configurationSetName, "legacy");
        // Rate alarms (6 and 2 fast windows), but no reputation alarms: nothing says the set publishes them.
        const legacyAlarms = ofType(resources, T.alarm).filter((a) => a.name.startsWith("ses-legacy-"));
        assert.strictEqual(legacyAlarms.length, 8);
        assert.ok(legacyAlarms.every((a) => !a.name.includes("reputation")));
        assert.deepStrictEqual(await valueOf(component.configurationSetNames), ["legacy"]);
        const told = await deploy({ configurationSets: { legacy: { manage: false, reputationMetrics: true } } });
        assert.strictEqual(ofType(told.resources, T.alarm).filter((a) => a.name.startsWith("ses-legacy-reputation-")).length, 4);
    });

    it("parents every resource to the component and exports alarm ARNs by name", async () => {
        const { resources, component } = await deploy(TWO_SETS);
        const root = named(resources, T.component, "ses");
        for (const r of resources.filter((x) => x !== root)) assert.strictEqual(r.parent, root.urn, r.name);
        const arns = await valueOf(component.alarmArns);
        // 34 metric alarms and the "sending at risk" composite.
        assert.strictEqual(Object.keys(arns).length, 35);
        assert.strictEqual(arns["ses-monitoring-dev.sending-at-risk"], "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ses-monitoring-dev.sending-at-risk");
        assert.strictEqual(arns["ses-monitoring-dev.transactional.reject-rate-warning"],
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ses-monitoring-dev.transactional.reject-rate-warning");
        assert.deepStrictEqual(await valueOf(component.configurationSetNames), ["marketing", "transactional"]);
    });

    it("gives stack-scoped physical names, so dev and prod can share an account", async () => {
        const dev = await deploy({ configurationSets: { a: {} } }, "dev");
        const prod = await deploy({ configurationSets: { a: {} } }, "prod");
        const physical = (rs: RegisteredResource[]) => rs.filter((r) => r.type === T.alarm || r.type === T.topic).map((r) => r.inputs.name);
        const shared = physical(dev.resources).filter((n) => physical(prod.resources).includes(n));
        assert.deepStrictEqual(shared, []);
    });

    it("keeps the URNs of existing resources when sets are reordered or added", async () => {
        const urns = (rs: RegisteredResource[]) => new Set(rs.map((r) => r.urn));
        const before = await deploy({ configurationSets: { alpha: {}, beta: { dimensions: [{ name: "c", defaultValue: "x" }] } } });
        const reordered = await deploy({ configurationSets: { beta: { dimensions: [{ name: "c", defaultValue: "x" }] }, alpha: {} } });
        assert.deepStrictEqual([...urns(reordered.resources)].sort(), [...urns(before.resources)].sort());
        const added = await deploy({ configurationSets: { aardvark: {}, beta: { dimensions: [{ name: "c", defaultValue: "x" }] }, alpha: {} } });
        const missing = [...urns(before.resources)].filter((u) => !urns(added.resources).has(u));
        assert.deepStrictEqual(missing, []);
        // A set, its CloudWatch destination and its 12 alarms (6 rate, 2 fast-window, 4 reputation).
        assert.strictEqual(added.resources.length - before.resources.length, 1 + 1 + 12);
        // And each kept resource has the same inputs, except the two that summarize every set: the
        // "sending at risk" composite and the dashboard.
        const summaries = ["aws:cloudwatch/compositeAlarm:CompositeAlarm", "aws:cloudwatch/dashboard:Dashboard"];
        for (const r of before.resources.filter((x) => !summaries.includes(x.type))) {
            const again = added.resources.find((x) => x.urn === r.urn)!;
            assert.deepStrictEqual(again.inputs, r.inputs, r.urn);
        }
    });
});
