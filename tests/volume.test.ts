import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs, planSesMonitoring } from "../components";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";
import { refusalOf } from "./refusal";
import { alarmMetrics, estimateCost } from "../tools/plan/cost";

const PREFIX = "ses-monitoring-prod";
const CONTEXT = { project: "ses-monitoring", stack: "prod" };
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPICS = { warning: `arn:aws:sns:us-east-1:123456789012:${PREFIX}-warning`, critical: `arn:aws:sns:us-east-1:123456789012:${PREFIX}-critical` };

const ARGS: SesMonitoringArgs = {
    namePrefix: PREFIX,
    configurationSets: {
        marketing: { expectedSendIntervalMinutes: 360 },
        transactional: { expectedSendIntervalMinutes: 2880 },
        newsletters: {},
    },
    volume: { drops: true, setMaxSends: { newsletters: 50_000 } },
    sendingQuota: { enabled: false },
};

const deploy = (args: SesMonitoringArgs) => runUnderMocks(() => new SesMonitoring("ses", args), { stack: "prod" });
const named = (resources: RegisteredResource[], name: string) => {
    const r = resources.find((x) => x.type === ALARM && x.name === name);
    assert.ok(r, `no alarm ${name}`);
    return r!.inputs;
};
const send = (dimensions: Record<string, string>, period: number) => ({ namespace: "AWS/SES", metricName: "Send", dimensions, period, stat: "Sum" });

describe("missing-traffic alarm", () => {
    let resources: RegisteredResource[];
    before(async () => { resources = await deploy(ARGS); });

    it("alarms when a set's Send is missing for the whole interval: 5-minute periods up to a day, breaching", () => {
        const a = named(resources, "ses-marketing-sends-missing-critical");
        assert.strictEqual(a.name, `${PREFIX}.marketing.sends-missing-critical`);
        assert.deepStrictEqual(a.metricQueries, [{ id: "sends", label: "Send", returnData: true, metric: send({ "ses:configuration-set": "marketing" }, 300) }]);
        assert.deepStrictEqual([a.comparisonOperator, a.threshold, a.evaluationPeriods, a.datapointsToAlarm, a.treatMissingData], ["LessThanThreshold", 1, 72, 72, "breaching"]);
        assert.deepStrictEqual([a.alarmActions, a.okActions], [[TOPICS.critical], [TOPICS.critical]]);
        assert.match(a.alarmDescription, /^CRITICAL: SES configuration set marketing published no Send metric for 6 h, longer than it normally goes without sending \(expectedSendIntervalMinutes 360\)\./);
    });

    it("counts hours beyond a day, within CloudWatch's 7 days", () => {
        const a = named(resources, "ses-transactional-sends-missing-critical");
        assert.deepStrictEqual([a.metricQueries[0].metric.period, a.evaluationPeriods, a.datapointsToAlarm], [3600, 48, 48]);
        const week = planSesMonitoring({ configurationSets: { a: { expectedSendIntervalMinutes: 10_080 } } }, CONTEXT).volumeAlarms[0];
        assert.strictEqual(week.periodSeconds * week.evaluationPeriods, 604_800);
    });

    it("joins \"sending at risk\" as a critical alarm; a set without the field gets none", () => {
        const plan = planSesMonitoring(ARGS, CONTEXT);
        const root = plan.composites.find((c) => c.root)!;
        assert.ok(root.children.includes(`${PREFIX}.marketing.sends-missing-critical`));
        assert.ok(!resources.some((r) => r.name === "ses-newsletters-sends-missing-critical"));
    });
});

describe("send volume alarms", () => {
    let resources: RegisteredResource[];
    before(async () => { resources = await deploy(ARGS); });

    it("compares the account's Send with an anomaly band, surge above and drop below, as warnings", () => {
        const surge = named(resources, "ses-account-send-surge-warning");
        assert.deepStrictEqual(surge.metricQueries, [
            { id: "sends", label: "Send", returnData: true, metric: send({}, 3600) },
            { id: "band", label: "expected Send (3 standard deviations)", returnData: true, expression: "ANOMALY_DETECTION_BAND(sends, 3)" },
        ]);
        assert.deepStrictEqual([surge.comparisonOperator, surge.thresholdMetricId, surge.threshold, surge.evaluationPeriods, surge.treatMissingData],
            ["GreaterThanUpperThreshold", "band", undefined, 1, "notBreaching"]);
        assert.deepStrictEqual(surge.alarmActions, [TOPICS.warning]);
        assert.strictEqual(surge.name, `${PREFIX}.account-send-surge-warning`);
        const drop = named(resources, "ses-account-send-drop-warning");
        assert.deepStrictEqual([drop.comparisonOperator, drop.thresholdMetricId], ["LessThanLowerThreshold", "band"]);
    });

    it("alarms on each set too: a band, or its fixed ceiling as a critical alarm where one is given", () => {
        const marketing = named(resources, "ses-marketing-send-surge-warning");
        assert.deepStrictEqual(marketing.metricQueries[0].metric, send({ "ses:configuration-set": "marketing" }, 3600));
        assert.strictEqual(marketing.name, `${PREFIX}.marketing.send-surge-warning`);
        const ceiling = named(resources, "ses-newsletters-send-ceiling-critical");
        assert.strictEqual(ceiling.name, `${PREFIX}.newsletters.send-ceiling-critical`);
        assert.deepStrictEqual(ceiling.metricQueries, [{ id: "sends", label: "Send", returnData: true, metric: send({ "ses:configuration-set": "newsletters" }, 3600) }]);
        assert.deepStrictEqual([ceiling.comparisonOperator, ceiling.threshold, ceiling.thresholdMetricId, ceiling.alarmActions], ["GreaterThanOrEqualToThreshold", 50_000, undefined, [TOPICS.critical]]);
        assert.ok(!resources.some((r) => r.name === "ses-newsletters-send-surge-warning"));
    });

    it("takes the account's ceiling, the period and the periods, and can leave the sets out", () => {
        const plan = planSesMonitoring({ ...ARGS, volume: { accountMaxSends: 200_000, periodMinutes: 15, evaluationPeriods: 2, perSet: false } }, CONTEXT);
        const volume = plan.volumeAlarms.filter((a) => a.measure !== "missingTraffic");
        assert.deepStrictEqual(volume.map((a) => [a.name, a.threshold, a.periodSeconds, a.evaluationPeriods, a.datapointsToAlarm]), [
            [`${PREFIX}.account-send-ceiling-critical`, 200_000, 900, 2, 2],
        ]);
    });

    it("prices an anomaly detection alarm as 3 metrics", () => {
        assert.strictEqual(alarmMetrics(named(resources, "ses-account-send-surge-warning")), 3);
        assert.strictEqual(alarmMetrics(named(resources, "ses-newsletters-send-ceiling-critical")), 1);
        const cost = estimateCost(resources);
        const alarms = resources.filter((r) => r.type === ALARM);
        const expected = alarms.reduce((n, a) => n + (a.inputs.thresholdMetricId ? 3 : a.inputs.metricQueries.filter((q: any) => q.metric).length), 0);
        assert.strictEqual(cost.items[0].quantity, expected);
    });

    it("draws the account's Send with its band on the dashboard", () => {
        const widgets = planSesMonitoring(ARGS, CONTEXT).dashboard!.rows.flat();
        const graph = widgets.find((w) => w.kind === "graph" && w.title === "Account Send against its anomaly band");
        assert.ok(graph && graph.kind === "graph");
        assert.deepStrictEqual(graph.queries.map((q) => (q.kind === "expression" ? q.expression : q.metric.metricName)), ["Send", "ANOMALY_DETECTION_BAND(sends, 3)"]);
        const body = JSON.parse(resources.find((r) => r.type === "aws:cloudwatch/dashboard:Dashboard")!.inputs.dashboardBody);
        assert.ok(JSON.stringify(body).includes("ANOMALY_DETECTION_BAND(sends, 3)"));
    });

    it("creates no volume alarm without volume", () => {
        const plan = planSesMonitoring({ configurationSets: { a: {} } }, CONTEXT);
        assert.deepStrictEqual(plan.volumeAlarms, []);
    });
});

const INVALID: [string, Record<string, unknown>, RegExp][] = [
    ["an interval under 5 minutes", { configurationSets: { a: { expectedSendIntervalMinutes: 4 } } },
        /^configurationSets\.a\.expectedSendIntervalMinutes: 4 is not in \[5, 10080\]$/m],
    ["an interval over 7 days", { configurationSets: { a: { expectedSendIntervalMinutes: 10_140 } } }, /^configurationSets\.a\.expectedSendIntervalMinutes: 10140 is not in \[5, 10080\]$/m],
    ["an interval not a multiple of 5", { configurationSets: { a: { expectedSendIntervalMinutes: 62 } } },
        /^configurationSets\.a\.expectedSendIntervalMinutes: 62 is not a multiple of 5 \(the alarm counts 5-minute periods up to a day\)$/m],
    ["an interval over a day not in hours", { configurationSets: { a: { expectedSendIntervalMinutes: 1530 } } },
        /^configurationSets\.a\.expectedSendIntervalMinutes: 1530 is not a multiple of 60/m],
    ["an interval as a string", { configurationSets: { a: { expectedSendIntervalMinutes: "60" } } }, /^configurationSets\.a\.expectedSendIntervalMinutes: "60" is not a number$/m],
    ["volume as a boolean", { configurationSets: { a: {} }, volume: true }, /^volume: true is not an object$/m],
    ["an unknown volume field", { configurationSets: { a: {} }, volume: { ceiling: 5 } }, /^volume\.ceiling: 5 is not a known field/m],
    ["a period of 10 minutes", { configurationSets: { a: {} }, volume: { periodMinutes: 10 } }, /^volume\.periodMinutes: 10 is not one of 5, 15, 60$/m],
    ["more than a day of periods", { configurationSets: { a: {} }, volume: { periodMinutes: 60, evaluationPeriods: 25 } }, /^volume\.evaluationPeriods: 25 makes 25 periods of 60 min longer than a day/m],
    ["a band of zero", { configurationSets: { a: {} }, volume: { bandWidth: 0 } }, /^volume\.bandWidth: 0 is not in \(0, 100\]$/m],
    ["a fractional ceiling", { configurationSets: { a: {} }, volume: { accountMaxSends: 10.5 } }, /^volume\.accountMaxSends: 10\.5 is not a whole number$/m],
    ["a ceiling for a set the stack does not have", { configurationSets: { a: {} }, volume: { setMaxSends: { b: 100 } } }, /^volume\.setMaxSends\.b: 100 names no configuration set of this stack \(a\)$/m],
    ["a zero set ceiling", { configurationSets: { a: {} }, volume: { setMaxSends: { a: 0 } } }, /^volume\.setMaxSends\.a: 0 is not in \[1, inf\)$/m],
    ["set ceilings without per-set alarms", { configurationSets: { a: {} }, volume: { perSet: false, setMaxSends: { a: 10 } } }, /^volume\.setMaxSends: \{"a":10\} sets ceilings per set while perSet is false/m],
    ["drops as a string", { configurationSets: { a: {} }, volume: { drops: "yes" } }, /^volume\.drops: "yes" is not a boolean$/m],
    ["a set named account beside the account's volume alarms", { configurationSets: { account: { reputationMetrics: false } }, volume: {} },
        /^configurationSets\.account: gives alarm key "account-send-surge-warning" \(its resource name\), which an account-level alarm also uses: rename the set$/m],
];

describe("missing-traffic and volume validation", () => {
    for (const [what, args, expected] of INVALID) {
        it(`refuses ${what}, naming the field, and registers nothing`, async () => {
            assert.match((await refusalOf(args)).message, expected);
        });
    }
});
