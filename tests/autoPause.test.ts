import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs, planSesMonitoring } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { setScopedName } from "../components/shared/physicalNames";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";

const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    fn: "aws:lambda/function:Function",
    invokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    permission: "aws:lambda/permission:Permission",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};
const PREFIX = "ses-monitoring-prod";
const ACCOUNT = "123456789012";
const CRITICAL_TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:${PREFIX}-critical`;
const CONTEXT = { project: "ses-monitoring", stack: "prod" };

const ARGS: SesMonitoringArgs = {
    namePrefix: PREFIX,
    configurationSets: {
        marketing: { autoPause: {} },
        transactional: { autoPause: { triggers: ["complaintRate"], dryRun: true, logRetentionDays: 14 } },
        newsletters: {},
    },
    sendingQuota: { enabled: false },
};

async function deploy(args: SesMonitoringArgs): Promise<RegisteredResource[]> {
    return runUnderMocks(() => new SesMonitoring("ses", args), { stack: "prod" });
}
const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const named = (resources: RegisteredResource[], type: string, name: string) => {
    const r = resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r!;
};

describe("auto-pause", () => {
    let resources: RegisteredResource[];
    before(async () => { resources = await deploy(ARGS); });

    it("follows only the set's own critical alarms on the chosen rates that may pause it: the fast window and a window of a day or more, not AWS's lagging reputation metric", () => {
        const plan = planSesMonitoring(ARGS, CONTEXT);
        // Not the bounce rate's half-hour tier: late bounces over a quiet night set it off (it still pages).
        assert.ok(plan.alarms.some((a) => a.name === `${PREFIX}.marketing.bounce-rate-critical`));
        assert.deepStrictEqual(plan.autoPause.map((s) => [s.configurationSet, s.functionName, s.triggerAlarms, s.dryRun]), [
            ["marketing", `${setScopedName(PREFIX, "marketing")}-auto-pause`, [
                `${PREFIX}.marketing.bounce-rate-critical-fast`,
                `${PREFIX}.marketing.complaint-rate-critical`,
            ], false],
            ["transactional", `${setScopedName(PREFIX, "transactional")}-auto-pause`, [
                `${PREFIX}.transactional.complaint-rate-critical`,
            ], true],
        ]);
    });

    it("lets a main window of a day or more pause, and never the reputation alarm, whatever else is off", () => {
        const triggersOf = (set: Record<string, unknown>) =>
            planSesMonitoring({ configurationSets: { marketing: { autoPause: { triggers: ["bounceRate"] }, ...set } } } as SesMonitoringArgs, CONTEXT).autoPause[0].triggerAlarms.map((n) => n.split(".").pop());
        assert.deepStrictEqual(triggersOf({ alarms: { bounceRate: { periodSeconds: 86_400, evaluationPeriods: 1, datapointsToAlarm: 1, fastWindow: { enabled: false } } } }),
            ["bounce-rate-critical"]);
        // The boundary: one minute short of a day is a window a quiet night can fill with late bounces.
        assert.deepStrictEqual(triggersOf({ alarms: { bounceRate: { periodSeconds: 86_340, evaluationPeriods: 1, datapointsToAlarm: 1 } } }),
            ["bounce-rate-critical-fast"]);
        assert.deepStrictEqual(triggersOf({ reputationMetrics: false }), ["bounce-rate-critical-fast"]);
        // Not even a reputation alarm over daily periods: the metric lags the sending, whatever the window.
        const dailyReputation = planSesMonitoring({
            accountReputation: { bounceRate: { periodSeconds: 86_400, evaluationPeriods: 1, datapointsToAlarm: 1 } },
            configurationSets: { marketing: { autoPause: { triggers: ["bounceRate"] } } },
        } as SesMonitoringArgs, CONTEXT);
        assert.ok(dailyReputation.alarms.some((a) => a.name === `${PREFIX}.marketing.reputation-bounce-rate-critical` && a.periodSeconds === 86_400));
        assert.deepStrictEqual(dailyReputation.autoPause[0].triggerAlarms.map((n) => n.split(".").pop()), ["bounce-rate-critical-fast"]);
    });

    it("creates a function per set with its set, topic, mode and alarms in the environment, and its log group", () => {
        assert.deepStrictEqual(ofType(resources, T.fn).map((r) => r.name), ["ses-marketing-auto-pause", "ses-transactional-auto-pause"]);
        const fn = named(resources, T.fn, "ses-transactional-auto-pause").inputs;
        assert.strictEqual(fn.name, `${setScopedName(PREFIX, "transactional")}-auto-pause`);
        assert.strictEqual(fn.runtime, "nodejs24.x");
        assert.strictEqual(fn.handler, "index.handler");
        assert.deepStrictEqual(fn.environment.variables, {
            SES_AUTO_PAUSE_CONFIGURATION_SET: "transactional",
            SES_AUTO_PAUSE_TOPIC_ARN: CRITICAL_TOPIC,
            SES_AUTO_PAUSE_DRY_RUN: "true",
            SES_AUTO_PAUSE_ALARM_NAMES: `${PREFIX}.transactional.complaint-rate-critical`,
        });
        assert.deepStrictEqual(fn.loggingConfig, { logFormat: "Text", logGroup: `/aws/lambda/${setScopedName(PREFIX, "transactional")}-auto-pause` });
        assert.deepStrictEqual(named(resources, T.logGroup, "ses-transactional-auto-pause").inputs.retentionInDays, 14);
        assert.strictEqual(named(resources, T.logGroup, "ses-marketing-auto-pause").inputs.retentionInDays, 30);
        assert.strictEqual(named(resources, T.invokeConfig, "ses-marketing-auto-pause").inputs.maximumRetryAttempts, 0);
    });

    it("grants least privilege: the set's ARN only, the critical topic, its own log group", () => {
        const role = named(resources, T.role, "ses-marketing-auto-pause").inputs;
        assert.strictEqual(role.name, `${setScopedName(PREFIX, "marketing")}-auto-pause-us-east-1`);
        const policy = JSON.parse(named(resources, T.rolePolicy, "ses-marketing-auto-pause").inputs.policy);
        assert.deepStrictEqual(policy.Statement, [
            { Sid: "PauseThisConfigurationSetOnly", Effect: "Allow", Action: ["ses:GetConfigurationSet", "ses:PutConfigurationSetSendingOptions"],
                Resource: `arn:aws:ses:us-east-1:${ACCOUNT}:configuration-set/marketing` },
            { Sid: "ReportToCriticalTopic", Effect: "Allow", Action: "sns:Publish", Resource: CRITICAL_TOPIC },
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/${setScopedName(PREFIX, "marketing")}-auto-pause:*` },
        ]);
    });

    it("lets exactly the triggering alarms invoke the function, as CloudWatch's alarm principal, from this account", () => {
        const transactional = ofType(resources, T.permission).filter((p) => p.inputs.function === `${setScopedName(PREFIX, "transactional")}-auto-pause`);
        assert.deepStrictEqual(transactional.map((p) => [p.name, p.inputs.principal, p.inputs.sourceAccount, p.inputs.sourceArn, p.inputs.action]), [
            ["ses-transactional.complaint-rate-critical-auto-pause", "lambda.alarms.cloudwatch.amazonaws.com", ACCOUNT,
                `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${PREFIX}.transactional.complaint-rate-critical`, "lambda:InvokeFunction"],
        ]);
        assert.strictEqual(ofType(resources, T.permission).length, 3);
    });

    it("adds the function to the ALARM actions of its triggering alarms only, after the critical topic; OK actions stay the topic's", () => {
        const fnArn = named(resources, T.fn, "ses-marketing-auto-pause").urn;
        const alarm = named(resources, T.alarm, "ses-marketing-bounce-rate-critical-fast").inputs;
        assert.strictEqual(alarm.alarmActions.length, 2);
        assert.strictEqual(alarm.alarmActions[0], CRITICAL_TOPIC);
        assert.strictEqual(alarm.alarmActions[1], `arn:aws:lambda:us-east-1:123456789012:${setScopedName(PREFIX, "marketing")}-auto-pause`);
        assert.deepStrictEqual(alarm.okActions, [CRITICAL_TOPIC]);
        assert.ok(named(resources, T.alarm, "ses-marketing-bounce-rate-critical-fast").dependencies.includes(fnArn));
        // The half-hour critical tier pages and does not pause.
        for (const untouched of ["ses-marketing-bounce-rate-critical", "ses-marketing-bounce-rate-warning", "ses-marketing-reject-rate-critical", "ses-transactional-bounce-rate-critical",
            "ses-newsletters-bounce-rate-critical", "ses-account-reputation-bounce-rate-critical", "ses-marketing-reputation-bounce-rate-critical",
            "ses-transactional-reputation-complaint-rate-critical"]) {
            assert.deepStrictEqual(named(resources, T.alarm, untouched).inputs.alarmActions.length, 1, untouched);
        }
    });

    it("shows on the dashboard: one graph of each function's invocations and errors, and nothing without auto-pause", () => {
        const widgets = planSesMonitoring(ARGS, CONTEXT).dashboard!.rows.flat().filter((w) => w.kind === "graph" && w.title.startsWith("Auto-pause"));
        assert.strictEqual(widgets.length, 1);
        const graph = widgets[0] as Extract<typeof widgets[0], { kind: "graph" }>;
        assert.deepStrictEqual(graph.queries.map((q) => [q.label, q.kind === "metric" && q.metric.metricName, q.kind === "metric" && q.metric.dimensions.FunctionName]), [
            ["marketing invocations", "Invocations", `${setScopedName(PREFIX, "marketing")}-auto-pause`],
            ["marketing errors", "Errors", `${setScopedName(PREFIX, "marketing")}-auto-pause`],
            ["transactional invocations (dry run)", "Invocations", `${setScopedName(PREFIX, "transactional")}-auto-pause`],
            ["transactional errors", "Errors", `${setScopedName(PREFIX, "transactional")}-auto-pause`],
        ]);
        const body = JSON.parse(ofType(resources, "aws:cloudwatch/dashboard:Dashboard")[0].inputs.dashboardBody);
        assert.ok(body.widgets.some((w: any) => w.properties?.title === graph.title
            && JSON.stringify(w.properties.metrics).includes(`"AWS/Lambda","Errors","FunctionName","${setScopedName(PREFIX, "marketing")}-auto-pause"`)));
        const without = planSesMonitoring({ ...ARGS, configurationSets: { newsletters: {} } }, CONTEXT).dashboard!.rows.flat();
        assert.ok(!without.some((w) => w.kind === "graph" && w.title.startsWith("Auto-pause")));
    });

    it("creates nothing without autoPause, or with enabled: false", async () => {
        const off = await deploy({ ...ARGS, configurationSets: { marketing: { autoPause: { enabled: false } }, newsletters: {} } });
        assert.deepStrictEqual([T.fn, T.permission, T.invokeConfig].map((t) => ofType(off, t).length), [0, 0, 0]);
        assert.ok(ofType(off, T.alarm).every((a) => a.inputs.alarmActions.length === 1));
    });
});

/** [what is wrong, the set's autoPause and alarms, the error line expected]. */
const INVALID: [string, Record<string, unknown>, RegExp][] = [
    ["autoPause as a boolean", { autoPause: true }, /^configurationSets\.marketing\.autoPause: true is not an object$/m],
    ["an unknown field", { autoPause: { dryrun: true } }, /^configurationSets\.marketing\.autoPause\.dryrun: true is not a known field \(did you mean dryRun\? known: enabled, triggers, dryRun, logRetentionDays\)$/m],
    ["an unknown trigger", { autoPause: { triggers: ["rejectRate"] } }, /^configurationSets\.marketing\.autoPause\.triggers\[0\]: "rejectRate" is not one of bounceRate, complaintRate$/m],
    ["a trigger listed twice", { autoPause: { triggers: ["bounceRate", "bounceRate"] } }, /^configurationSets\.marketing\.autoPause\.triggers\[1\]: "bounceRate" is listed twice$/m],
    ["no trigger", { autoPause: { triggers: [] } }, /^configurationSets\.marketing\.autoPause\.triggers: \[\] is empty/m],
    ["triggers as a string", { autoPause: { triggers: "bounceRate" } }, /^configurationSets\.marketing\.autoPause\.triggers: "bounceRate" is not a list$/m],
    ["a trigger whose alarm is disabled", { alarms: { complaintRate: { enabled: false } }, autoPause: { triggers: ["complaintRate"] } },
        /^configurationSets\.marketing\.autoPause\.triggers\[0\]: "complaintRate" has no alarm to follow: the set's complaintRate alarm is disabled$/m],
    // The set's reputation alarm (reputation metrics are on by default) does not count: it never pauses.
    ["a trigger whose alarms may not pause: the half-hour tier and the reputation alarm", { alarms: { bounceRate: { fastWindow: { enabled: false } } }, autoPause: { triggers: ["bounceRate"] } },
        /^configurationSets\.marketing\.autoPause\.triggers\[0\]: "bounceRate" has no alarm that may pause the set: a bounceRate window shorter than a day never pauses \(late events of earlier sends set it off\); enable its fastWindow, or give it periods of a day or more \(AWS's reputation metric lags the sending and never pauses\)$/m],
    ["dry run as a string", { autoPause: { dryRun: "true" } }, /^configurationSets\.marketing\.autoPause\.dryRun: "true" is not a boolean$/m],
    ["a retention CloudWatch Logs does not offer", { autoPause: { logRetentionDays: 10 } }, /^configurationSets\.marketing\.autoPause\.logRetentionDays: 10 is not a CloudWatch Logs retention/m],
];

describe("auto-pause validation", () => {
    for (const [what, set, expected] of INVALID) {
        it(`refuses ${what}, naming the field, and registers nothing`, async () => {
            let thrown: unknown;
            const registered = await runUnderMocks(() => {
                try {
                    new SesMonitoring("ses", { configurationSets: { marketing: set as any } });
                } catch (err) {
                    thrown = err;
                }
            });
            assert.ok(thrown instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${thrown}`);
            assert.match((thrown as Error).message, expected);
            assert.deepStrictEqual(registered, []);
        });
    }
});
