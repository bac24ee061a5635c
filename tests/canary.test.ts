import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs, planSesMonitoring } from "../components";
import { canaryConfigurationSetName, canaryPermissionPolicy } from "../components/canary/specs";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";
import { estimateCost } from "../tools/plan/cost";
import { refusalOf } from "./refusal";

const T = {
    set: "aws:sesv2/configurationSet:ConfigurationSet",
    destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    fn: "aws:lambda/function:Function",
    invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    permission: "aws:lambda/permission:Permission",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
};
const PREFIX = "ses-monitoring-prod";
/** `<prefix>-canary-<hash>`: no name a sender's own set has by chance (tests/physicalNames.test.ts). */
const CANARY_SET = canaryConfigurationSetName(PREFIX);
const ACCOUNT = "123456789012";
const CRITICAL_TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:${PREFIX}-critical`;
const CONTEXT = { project: "ses-monitoring", stack: "prod" };
const FROM = "canary@mail.example.com";

const ARGS: SesMonitoringArgs = {
    namePrefix: PREFIX,
    configurationSets: { marketing: {}, transactional: {} },
    sendingQuota: { enabled: false },
    canary: { from: FROM },
};

const deploy = (args: SesMonitoringArgs) => runUnderMocks(() => new SesMonitoring("ses", args), { stack: "prod" });
const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!.inputs;
};
const events = (metricName: string, period: number) => ({
    namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": CANARY_SET }, period, stat: "Sum",
});

describe("canary", () => {
    let resources: RegisteredResource[];
    before(async () => { resources = await deploy(ARGS); });

    it("is off unless configured: no canary resource, no alarm", async () => {
        const without = await deploy({ ...ARGS, canary: undefined });
        assert.ok(!without.some((r) => r.name.includes("canary")));
        assert.strictEqual(planSesMonitoring({ ...ARGS, canary: { from: FROM, enabled: false } }, CONTEXT).canary, undefined);
    });

    it("gets a configuration set of its own, tagged as the canary's, publishing SEND, DELIVERY, BOUNCE and COMPLAINT by ses:configuration-set", () => {
        const set = named(resources, T.set, `ses-${CANARY_SET}`);
        assert.deepStrictEqual(set, {
            configurationSetName: CANARY_SET,
            reputationOptions: { reputationMetricsEnabled: true },
            deliveryOptions: { tlsPolicy: "REQUIRE" },
            tags: { "ses-monitoring:role": "canary" },
        });
        const destination = named(resources, T.destination, `ses-${CANARY_SET}-cloudwatch`);
        assert.deepStrictEqual(destination, {
            configurationSetName: CANARY_SET,
            eventDestinationName: "ses-monitoring-cloudwatch",
            eventDestination: {
                enabled: true,
                matchingEventTypes: ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT"],
                cloudWatchDestination: { dimensionConfigurations: [{ dimensionName: "ses:configuration-set", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: CANARY_SET }] },
            },
        });
        // The monitored sets are untouched: the canary's set is not one of them.
        const plan = planSesMonitoring(ARGS, CONTEXT);
        assert.deepStrictEqual(plan.settings.configurationSets.map((s) => s.name), ["marketing", "transactional"]);
    });

    it("runs a small arm64 function every hour that sends to success@ and bounce@ the simulator, labelled with the prefix, without Lambda retries", () => {
        const fn = named(resources, T.fn, `ses-${CANARY_SET}`);
        assert.strictEqual(fn.name, CANARY_SET);
        assert.deepStrictEqual([fn.runtime, fn.handler, fn.architectures, fn.memorySize, fn.timeout], ["nodejs24.x", "index.handler", ["arm64"], 128, 30]);
        assert.deepStrictEqual(fn.environment.variables, {
            SES_CANARY_CONFIGURATION_SET: CANARY_SET,
            SES_CANARY_FROM: FROM,
            SES_CANARY_RECIPIENTS: `success+${PREFIX}@simulator.amazonses.com,bounce+${PREFIX}@simulator.amazonses.com`,
            SES_CANARY_SCHEDULE_MINUTES: "60",
        });
        assert.deepStrictEqual(fn.loggingConfig, { logFormat: "Text", logGroup: `/aws/lambda/${CANARY_SET}` });
        assert.deepStrictEqual(named(resources, T.logGroup, `ses-${CANARY_SET}`), { name: `/aws/lambda/${CANARY_SET}`, retentionInDays: 30, tags: {} });
        assert.strictEqual(named(resources, T.invokeConfig, `ses-${CANARY_SET}`).maximumRetryAttempts, 0);
        const rule = named(resources, T.rule, `ses-${CANARY_SET}`);
        assert.deepStrictEqual([rule.name, rule.scheduleExpression], [CANARY_SET, "rate(60 minutes)"]);
        const target = named(resources, T.target, `ses-${CANARY_SET}`);
        assert.deepStrictEqual([target.rule, target.targetId], [CANARY_SET, "canary"]);
        assert.match(target.arn, new RegExp(`^arn:aws:lambda:us-east-1:${ACCOUNT}:.*${CANARY_SET}$`));
        const permission = named(resources, T.permission, `ses-${CANARY_SET}`);
        // Only this rule may invoke it (the mocks' ARN of the rule, whose format the mocks make up).
        const ruleArn = resources.find((r) => r.type === T.rule)!;
        assert.deepStrictEqual([permission.principal, permission.statementId], ["events.amazonaws.com", "AllowScheduleOfThisStack"]);
        assert.ok(permission.sourceArn.endsWith(CANARY_SET) && ruleArn.inputs.name === CANARY_SET);
    });

    it("may send only through its set, from its sender, to the simulator, and write its own logs", () => {
        const policy = JSON.parse(named(resources, T.rolePolicy, `ses-${CANARY_SET}`).policy);
        assert.deepStrictEqual(policy, {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "SendToMailboxSimulatorThroughCanarySetOnly",
                    Effect: "Allow",
                    Action: "ses:SendEmail",
                    Resource: [
                        `arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/${CANARY_SET}`,
                        `arn:aws:ses:us-east-1:${ACCOUNT}:identity/${FROM}`,
                        `arn:aws:ses:us-east-1:${ACCOUNT}:identity/mail.example.com`,
                        // A verified parent domain lets its subdomains send: SES may authorise by it.
                        `arn:aws:ses:us-east-1:${ACCOUNT}:identity/example.com`,
                    ],
                    Condition: {
                        StringEquals: { "ses:FromAddress": FROM },
                        "ForAllValues:StringLike": { "ses:Recipients": ["*@simulator.amazonses.com"] },
                    },
                },
                {
                    Sid: "WriteOwnLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/${CANARY_SET}:*`,
                },
            ],
        });
        assert.strictEqual(named(resources, T.role, `ses-${CANARY_SET}`).name, `${CANARY_SET}-us-east-1`);
    });

    it("alarms 'monitoring blind', critical, when the set's Delivery or Bounce is missing for 3 runs: one period per run, missing data breaching", () => {
        for (const [what, metricName] of [["delivery", "Delivery"], ["bounce", "Bounce"]]) {
            const a = named(resources, T.alarm, `ses-canary-${what}-missing-critical`);
            assert.strictEqual(a.name, `${PREFIX}.canary.${what}-missing-critical`);
            assert.deepStrictEqual(a.metricQueries, [{ id: "events", label: metricName, returnData: true, metric: events(metricName, 3600) }]);
            assert.deepStrictEqual([a.comparisonOperator, a.threshold, a.evaluationPeriods, a.datapointsToAlarm, a.treatMissingData],
                ["LessThanThreshold", 1, 3, 3, "breaching"]);
            assert.deepStrictEqual([a.alarmActions, a.okActions], [[CRITICAL_TOPIC], [CRITICAL_TOPIC]]);
            assert.match(a.alarmDescription, new RegExp(`^CRITICAL: monitoring blind\\. This stack's canary sends a message to ${what === "delivery" ? "success" : "bounce"}@simulator\\.amazonses\\.com every 1 h through configuration set ${CANARY_SET}, and no ${metricName} event of that set reached CloudWatch for 3 h \\(3 runs\\)\\.`));
            assert.ok(a.alarmDescription.length <= 1024);
        }
    });

    it("joins \"sending at risk\" and the dashboard", () => {
        const plan = planSesMonitoring(ARGS, CONTEXT);
        const root = plan.composites.find((c) => c.root)!;
        assert.ok(root.children.includes(`${PREFIX}.canary.delivery-missing-critical`));
        assert.ok(root.children.includes(`${PREFIX}.canary.bounce-missing-critical`));
        const composite = resources.find((r) => r.type === T.composite)!;
        assert.match(composite.inputs.alarmRule, /ALARM\("ses-monitoring-prod\.canary\.bounce-missing-critical"\)/);
        const widgets = plan.dashboard!.rows.flat();
        const graph = widgets.find((w) => w.kind === "graph" && w.title.startsWith(`Canary (${CANARY_SET})`));
        assert.ok(graph && graph.kind === "graph");
        assert.deepStrictEqual(graph.queries.map((q) => q.kind === "metric" ? [q.metric.namespace, q.metric.metricName, q.metric.periodSeconds] : []), [
            ["AWS/SES", "Send", 3600], ["AWS/SES", "Delivery", 3600], ["AWS/SES", "Bounce", 3600], ["AWS/Lambda", "Errors", 3600],
        ]);
        const listed = widgets.flatMap((w) => (w.kind === "alarmStatus" ? w.alarms : []));
        assert.ok(listed.includes(`${PREFIX}.canary.delivery-missing-critical`), "the alarm-status widgets list the canary's alarms");
    });

    it("takes a schedule, missed runs and log retention: every 15 min, 4 runs, 14 days", async () => {
        const r = await deploy({ ...ARGS, canary: { from: FROM, scheduleMinutes: 15, missedRuns: 4, logRetentionDays: 14 } });
        const a = named(r, T.alarm, "ses-canary-delivery-missing-critical");
        assert.deepStrictEqual([a.metricQueries[0].metric.period, a.evaluationPeriods, a.datapointsToAlarm], [900, 4, 4]);
        assert.strictEqual(named(r, T.rule, `ses-${CANARY_SET}`).scheduleExpression, "rate(15 minutes)");
        assert.strictEqual(named(r, T.logGroup, `ses-${CANARY_SET}`).retentionInDays, 14);
    });

    it("is priced per line: 1,460 messages, 730 runs, 2 alarm metrics, 4 event metrics a month at the hourly default", () => {
        const cost = estimateCost(resources);
        const canary = cost.items.filter((i) => i.item.startsWith("canary:")).map((i) => [i.item, i.quantity, i.unitUsd, i.monthlyUsd]);
        assert.deepStrictEqual(canary, [
            ["canary: SES messages to the mailbox simulator (2 per run, a run every 60 min)", 1460, 0.0001, 0.15],
            ["canary: Lambda requests (one per run)", 730, 0.0000002, 0],
            ["canary: Lambda GB-seconds (128 MB, 1 s per run assumed)", 91.25, 0.0000133334, 0],
            ["canary: \"monitoring blind\" alarm metrics (2 alarms)", 2, 0.1, 0.2],
            ["canary: custom metrics from its set's event destination (event types)", 4, 0.3, 1.2],
        ]);
        // Counted once: the general lines leave the canary's alarms and event metrics out.
        const general = Object.fromEntries(cost.items.map((i) => [i.item.split(" (")[0], i.quantity]));
        assert.strictEqual(general["alarm metrics"], 2 * 20 + 4);
        assert.strictEqual(general["custom metrics from SES event destinations"], 2 * 10);
        assert.deepStrictEqual(canaryPermissionPolicy({ accountId: ACCOUNT, partition: "aws", region: "us-east-1" }, planSesMonitoring(ARGS, CONTEXT).canary!), JSON.parse(named(resources, T.rolePolicy, `ses-${CANARY_SET}`).policy));
    });
});

describe("canary: refused input, the field named, nothing registered", () => {
    const refused = async (canary: unknown, extra: Partial<SesMonitoringArgs> = {}) => (await refusalOf({ ...ARGS, ...extra, canary })).issues;

    it("requires a sender", async () => {
        assert.deepStrictEqual(await refused({}), [{ path: "canary.from", message: "undefined is required (a verified sender address of this account and region)" }]);
    });

    it("refuses a sender that is no plain address, or the simulator itself", async () => {
        for (const from of ["Canary <canary@example.com>", "canary@", "canary example.com", 42]) {
            const issues = await refused({ from });
            assert.deepStrictEqual(issues.map((i) => i.path), ["canary.from"]);
            assert.match(issues[0].message, /is not a plain email address \(local@domain, no display name\)$/);
        }
        assert.deepStrictEqual(await refused({ from: "success@simulator.amazonses.com" }), [
            { path: "canary.from", message: "\"success@simulator.amazonses.com\" is a mailbox simulator address: give a verified sender of your own" },
        ]);
    });

    it("refuses a schedule outside 5-1,440 whole minutes, fewer than 2 missed runs, and a look-back CloudWatch does not allow", async () => {
        assert.deepStrictEqual(await refused({ from: FROM, scheduleMinutes: 1 }), [{ path: "canary.scheduleMinutes", message: "1 is not in [5, 1440]" }]);
        assert.deepStrictEqual(await refused({ from: FROM, scheduleMinutes: 7.5 }), [{ path: "canary.scheduleMinutes", message: "7.5 is not a whole number" }]);
        assert.deepStrictEqual(await refused({ from: FROM, missedRuns: 1 }), [{ path: "canary.missedRuns", message: "1 is not in [2, inf)" }]);
        assert.deepStrictEqual(await refused({ from: FROM, scheduleMinutes: 30, missedRuns: 49 }), [
            { path: "canary.missedRuns", message: "49 makes 49 periods of 30 min, longer than CloudWatch allows an alarm to look back (period x evaluation periods: a day for periods under an hour)" },
        ]);
        assert.deepStrictEqual(await refused({ from: FROM, scheduleMinutes: 1440, missedRuns: 8 }), [
            { path: "canary.missedRuns", message: "8 makes 8 periods of 1440 min, longer than CloudWatch allows an alarm to look back (period x evaluation periods: 7 days for periods of an hour or more)" },
        ]);
        // At the limits: accepted.
        assert.doesNotThrow(() => planSesMonitoring({ ...ARGS, canary: { from: FROM, scheduleMinutes: 30, missedRuns: 48 } }, CONTEXT));
        assert.doesNotThrow(() => planSesMonitoring({ ...ARGS, canary: { from: FROM, scheduleMinutes: 1440, missedRuns: 7 } }, CONTEXT));
    });

    it("refuses an unknown field, a log retention CloudWatch Logs does not take, and a monitored set that takes the canary's name", async () => {
        assert.deepStrictEqual((await refused({ from: FROM, scheduleMinute: 30 })).map((i) => i.path), ["canary.scheduleMinute"]);
        assert.deepStrictEqual((await refused({ from: FROM, logRetentionDays: 0 })).map((i) => i.path), ["canary.logRetentionDays"]);
        const clash = await refused({ from: FROM }, { configurationSets: { [CANARY_SET]: {} } });
        assert.deepStrictEqual(clash, [{ path: `configurationSets.${CANARY_SET}`, message: `"${CANARY_SET}" is the name of the canary's own configuration set (<namePrefix>-canary-<hash>): rename the set, or set another namePrefix` }]);
    });
});
