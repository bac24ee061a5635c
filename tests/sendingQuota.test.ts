import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createMetricAlarm } from "../components/alarms/resources";
import { createFunction } from "../components/functions/resources";
import {
    createSendingQuotaPoller,
    DEFAULT_SENDING_QUOTA,
    pollerAlarmSpecs,
    pollerCodeFiles,
    resolveSendingQuota,
    SendingQuotaSettings,
} from "../components/sendingQuota";
import { MOCK_ACCOUNT, RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";
import { Checker, SesMonitoringArgsError } from "../components/shared/checker";

const T = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    fn: "aws:lambda/function:Function",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    permission: "aws:lambda/permission:Permission",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};
const PREFIX = "ses-monitoring-prod";
const FUNCTION = `${PREFIX}-sending-api-poller`;
const TOPICS = {
    warning: "arn:aws:sns:us-east-1:123456789012:ses-monitoring-prod-warning",
    critical: "arn:aws:sns:us-east-1:123456789012:ses-monitoring-prod-critical",
};
const TAGS = { team: "mail" };

/**
 * Resolves `args` the way the component will (one Checker, throw on any issue before creating
 * anything), then creates the poller under a stand-in parent.
 */
function program(args: unknown, namePrefix = PREFIX): void {
    const check = new Checker();
    const settings = resolveSendingQuota(check, "sendingQuota", args);
    if (check.issues.length > 0) throw new SesMonitoringArgsError(check.issues);
    const parent = new pulumi.ComponentResource("ses-monitoring:index:SesMonitoring", "ses", {}, {});
    const topics = { warning: pulumi.output(TOPICS.warning), critical: pulumi.output(TOPICS.critical) };
    const account = pulumi.output(MOCK_ACCOUNT);
    createSendingQuotaPoller("ses", namePrefix, settings, account,
        (logicalName, spec, opts) => createMetricAlarm(logicalName, spec, topics, TAGS, opts),
        (logicalName, spec, functionParent) => createFunction(logicalName, spec, account, TAGS, functionParent), parent);
}
const deploy = (args: unknown, namePrefix = PREFIX) => runUnderMocks(() => program(args, namePrefix));
const ofType = (resources: RegisteredResource[], type: string) => resources.filter((r) => r.type === type);
const one = (resources: RegisteredResource[], type: string): RegisteredResource => {
    const found = ofType(resources, type);
    assert.strictEqual(found.length, 1, `expected one ${type}, got ${found.length}`);
    return found[0];
};
const urnOf = (resources: RegisteredResource[], type: string) => one(resources, type).urn;

describe("sending API poller resources", () => {
    let resources: RegisteredResource[];
    before(async () => { resources = await deploy(undefined); });

    it("creates the role, its policy, the log group, the function, the schedule and six alarms, all parented to the component", () => {
        const parentUrn = resources.find((r) => r.type === "ses-monitoring:index:SesMonitoring")!.urn;
        const children = resources.filter((r) => r.urn !== parentUrn);
        assert.deepStrictEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
            `${T.logGroup} ses-sending-api-poller`,
            `${T.rule} ses-sending-api-poller`,
            `${T.target} ses-sending-api-poller`,
            `${T.alarm} ses-sending-api-enforcement-status-critical`,
            `${T.alarm} ses-sending-api-poller-errors-warning`,
            `${T.alarm} ses-sending-api-poller-silent-warning`,
            `${T.alarm} ses-sending-api-quota-used-critical`,
            `${T.alarm} ses-sending-api-quota-used-warning`,
            `${T.alarm} ses-sending-api-sending-disabled-critical`,
            `${T.role} ses-sending-api-poller`,
            `${T.rolePolicy} ses-sending-api-poller`,
            `${T.fn} ses-sending-api-poller`,
            `${T.permission} ses-sending-api-poller`,
        ].sort());
        for (const r of children) assert.strictEqual(r.parent, parentUrn, `${r.type} ${r.name} is not parented to the component`);
    });

    it("trusts Lambda on behalf of this account only", () => {
        const role = one(resources, T.role).inputs;
        // IAM is global: the role's name carries the region, the regional resources' do not.
        assert.strictEqual(role.name, `${FUNCTION}-us-east-1`);
        assert.deepStrictEqual(role.tags, TAGS);
        assert.deepStrictEqual(JSON.parse(role.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "LambdaOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "lambda.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
            }],
        });
    });

    it("grants exactly the two SES reads (this region), PutMetricData to our namespace, and its own log group", () => {
        const policy = one(resources, T.rolePolicy).inputs;
        // A role's id is its name (as the AWS provider has it): the policy follows a renamed role.
        assert.strictEqual(policy.role, one(resources, T.role).inputs.name, "the policy is on the poller's role");
        const document = JSON.parse(policy.policy);
        assert.deepStrictEqual(document, {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadSesSendingState",
                    Effect: "Allow",
                    Action: ["ses:GetAccount", "ses:GetSendStatistics"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
                },
                {
                    Sid: "PublishSendingApiMetrics",
                    Effect: "Allow",
                    Action: "cloudwatch:PutMetricData",
                    Resource: "*",
                    Condition: { StringEquals: { "cloudwatch:namespace": "SesMonitoring/SendingApi" } },
                },
                {
                    Sid: "WriteOwnLogs",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                    Resource: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/${FUNCTION}:*`,
                },
            ],
        });
        // Nothing broader, should the exact document above change: only these actions, none a
        // wildcard, only Allow statements, and every "*" resource narrowed by a condition.
        const statements = document.Statement as { Effect: string; Action: string | string[]; Resource: string; Condition?: object }[];
        const actions = statements.flatMap((s) => ([] as string[]).concat(s.Action));
        assert.deepStrictEqual(actions.sort(), ["cloudwatch:PutMetricData", "logs:CreateLogStream", "logs:PutLogEvents", "ses:GetAccount", "ses:GetSendStatistics"]);
        assert.ok(actions.every((a) => !a.includes("*")), "no wildcard actions");
        assert.ok(statements.every((s) => s.Effect === "Allow" && (s.Resource !== "*" || s.Condition !== undefined)), "every * resource is conditioned");
        assert.ok(!actions.includes("logs:CreateLogGroup"), "the log group is ours: Lambda must not create one without retention");
    });

    it("creates the function's log group first, with a finite retention", () => {
        const logGroup = one(resources, T.logGroup);
        assert.deepStrictEqual(logGroup.inputs, { name: `/aws/lambda/${FUNCTION}`, retentionInDays: 30, tags: TAGS });
        const fn = one(resources, T.fn);
        assert.ok(fn.dependencies.includes(logGroup.urn), "the function waits for its log group");
        assert.ok(fn.dependencies.includes(urnOf(resources, T.rolePolicy)), "the function waits for its permissions");
    });

    it("runs the handler on Node.js 24 (AWS SDK v3 in the runtime), packaged from the TypeScript at deploy time", async () => {
        const fn = one(resources, T.fn).inputs;
        const { code, ...rest } = fn;
        assert.deepStrictEqual(rest, {
            name: FUNCTION,
            description: `Publishes SES GetAccount and GetSendStatistics as SesMonitoring/SendingApi metrics (${PREFIX})`,
            role: `arn:aws:iam:us-east-1:123456789012:${FUNCTION}-us-east-1`, // the mock's ARN of the role
            runtime: "nodejs24.x",
            handler: "index.handler",
            architectures: ["arm64"],
            memorySize: 128,
            timeout: 60,
            environment: { variables: { SES_MONITORING_STACK: PREFIX, SES_MONITORING_SCHEDULE_MINUTES: "15" } },
            loggingConfig: { logFormat: "Text", logGroup: `/aws/lambda/${FUNCTION}` },
            tags: TAGS,
        });
        const assets = await code.assets;
        assert.deepStrictEqual(Object.keys(assets).sort(), ["index.js", "metrics.js"]);
        const expected = pollerCodeFiles();
        assert.strictEqual(await assets["index.js"].text, expected["index.js"]);
        assert.strictEqual(await assets["metrics.js"].text, expected["metrics.js"]);
        assert.match(expected["index.js"], /exports\.handler = handler/);
        assert.match(expected["index.js"], /require\("\.\/metrics"\)/);
    });

    it("schedules it every 15 minutes on the quarter hour, invocable only by its own rule", () => {
        const rule = one(resources, T.rule).inputs;
        assert.deepStrictEqual(rule, {
            name: FUNCTION,
            description: `Runs the SES sending API poller of ${PREFIX} every 15 min`,
            scheduleExpression: "cron(0/15 * * * ? *)",
            tags: TAGS,
        });
        const functionArn = `arn:aws:lambda:us-east-1:123456789012:${FUNCTION}`; // the mock's ARN
        const ruleArn = `arn:aws:cloudwatch:us-east-1:123456789012:${FUNCTION}`; // the mock's ARN
        assert.deepStrictEqual(one(resources, T.target).inputs, { rule: FUNCTION, targetId: "sending-api-poller", arn: functionArn });
        assert.deepStrictEqual(one(resources, T.permission).inputs, {
            statementId: "AllowScheduleOfThisStack",
            action: "lambda:InvokeFunction",
            function: FUNCTION,
            principal: "events.amazonaws.com",
            sourceArn: ruleArn,
        });
    });

    it("creates the alarms from the specs, each notifying the topic of its severity on ALARM and OK", () => {
        const alarms = ofType(resources, T.alarm);
        const byName = Object.fromEntries(alarms.map((a) => [a.inputs.name, a.inputs]));
        assert.deepStrictEqual(Object.fromEntries(alarms.map((a) => [a.inputs.name, [a.inputs.alarmActions, a.inputs.okActions]])), {
            [`${PREFIX}.sending-api-quota-used-warning`]: [[TOPICS.warning], [TOPICS.warning]],
            [`${PREFIX}.sending-api-quota-used-critical`]: [[TOPICS.critical], [TOPICS.critical]],
            [`${PREFIX}.sending-api-sending-disabled-critical`]: [[TOPICS.critical], [TOPICS.critical]],
            [`${PREFIX}.sending-api-enforcement-status-critical`]: [[TOPICS.critical], [TOPICS.critical]],
            [`${PREFIX}.sending-api-poller-errors-warning`]: [[TOPICS.warning], [TOPICS.warning]],
            [`${PREFIX}.sending-api-poller-silent-warning`]: [[TOPICS.warning], [TOPICS.warning]],
        });
        const quota = byName[`${PREFIX}.sending-api-quota-used-warning`];
        assert.deepStrictEqual({ ...quota, alarmDescription: undefined }, {
            name: `${PREFIX}.sending-api-quota-used-warning`,
            alarmDescription: undefined,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 80,
            evaluationPeriods: 1,
            datapointsToAlarm: 1,
            treatMissingData: "notBreaching",
            metricQueries: [{
                id: "m",
                label: "QuotaUsedPercent",
                returnData: true,
                metric: { namespace: "SesMonitoring/SendingApi", metricName: "QuotaUsedPercent", dimensions: { Stack: PREFIX }, period: 900, stat: "Maximum" },
            }],
            actionsEnabled: true,
            alarmActions: [TOPICS.warning],
            okActions: [TOPICS.warning],
            tags: TAGS,
        });
        assert.match(quota.alarmDescription, /^WARNING: the SES account's sends in the last 24 hours reached 80 % of its 24-hour sending quota/);
        assert.strictEqual(byName[`${PREFIX}.sending-api-quota-used-critical`].threshold, 95);

        const summary = (name: string) => {
            const a = byName[`${PREFIX}.sending-api-${name}`];
            const m = a.metricQueries[0].metric;
            return [a.comparisonOperator, a.threshold, `${m.namespace} ${m.metricName} ${m.stat} ${m.period}`, JSON.stringify(m.dimensions), `${a.datapointsToAlarm}/${a.evaluationPeriods}`, a.treatMissingData];
        };
        assert.deepStrictEqual(summary("sending-disabled-critical"),
            ["LessThanThreshold", 1, "SesMonitoring/SendingApi SendingEnabled Minimum 900", `{"Stack":"${PREFIX}"}`, "1/1", "ignore"]);
        assert.deepStrictEqual(summary("enforcement-status-critical"),
            ["GreaterThanOrEqualToThreshold", 1, "SesMonitoring/SendingApi EnforcementStatus Maximum 900", `{"Stack":"${PREFIX}"}`, "1/1", "ignore"]);
        assert.deepStrictEqual(summary("poller-errors-warning"),
            ["GreaterThanOrEqualToThreshold", 1, "AWS/Lambda Errors Sum 900", `{"FunctionName":"${FUNCTION}"}`, "1/1", "notBreaching"]);
        assert.deepStrictEqual(summary("poller-silent-warning"),
            ["LessThanThreshold", 1, "AWS/Lambda Invocations Sum 900", `{"FunctionName":"${FUNCTION}"}`, "2/2", "breaching"]);
    });

    it("follows the settings: hourly schedule, other tiers and retention", async () => {
        const hourly = await deploy({ scheduleMinutes: 60, quotaWarningPercent: 50, quotaCriticalPercent: 100, logRetentionDays: 7 });
        assert.strictEqual(one(hourly, T.rule).inputs.scheduleExpression, "cron(0 * * * ? *)");
        assert.strictEqual(one(hourly, T.logGroup).inputs.retentionInDays, 7);
        assert.strictEqual(one(hourly, T.fn).inputs.environment.variables.SES_MONITORING_SCHEDULE_MINUTES, "60");
        const alarms = ofType(hourly, T.alarm).map((a) => a.inputs);
        assert.ok(alarms.every((a) => a.metricQueries[0].metric.period === 3600));
        assert.deepStrictEqual(alarms.filter((a) => /quota-used/.test(a.name)).map((a) => a.threshold), [50, 100]);
    });

    it("creates nothing when disabled", async () => {
        const disabled = await deploy({ enabled: false });
        assert.deepStrictEqual(disabled.map((r) => r.type), ["ses-monitoring:index:SesMonitoring"]);
    });
});

describe("sending API poller args", () => {
    it("defaults: on, every 15 min, 80 % / 95 %, 30 days of logs", () => {
        const check = new Checker();
        assert.deepStrictEqual(resolveSendingQuota(check, "sendingQuota", undefined), {
            enabled: true, scheduleMinutes: 15, quotaWarningPercent: 80, quotaCriticalPercent: 95, logRetentionDays: 30,
        });
        assert.deepStrictEqual(check.issues, []);
        assert.deepStrictEqual(DEFAULT_SENDING_QUOTA, resolveSendingQuota(new Checker(), "sendingQuota", {}));
    });

    /** [what is wrong, args, namePrefix, the issue expected as `<path>: <message>`]. Each breaks one rule. */
    const INVALID: [string, unknown, string, RegExp][] = [
        ["not an object", "yes", PREFIX, /^sendingQuota: "yes" is not an object$/],
        ["misspelt field", { scheduleMinute: 15 }, PREFIX, /^sendingQuota\.scheduleMinute: 15 is not a known field \(did you mean scheduleMinutes\? known: enabled, scheduleMinutes, /],
        ["enabled as a string", { enabled: "true" }, PREFIX, /^sendingQuota\.enabled: "true" is not a boolean$/],
        ["schedule that does not tile the hour", { scheduleMinutes: 7 }, PREFIX,
            /^sendingQuota\.scheduleMinutes: 7 is not one of 5, 10, 15, 20, 30, 60 \(a poll's window must tile the hour\)$/],
        ["schedule of zero", { scheduleMinutes: 0 }, PREFIX, /^sendingQuota\.scheduleMinutes: 0 is not in \[1, inf\)$/],
        ["fractional schedule", { scheduleMinutes: 7.5 }, PREFIX, /^sendingQuota\.scheduleMinutes: 7\.5 is not a whole number$/],
        ["warning over 100 %", { quotaWarningPercent: 120 }, PREFIX, /^sendingQuota\.quotaWarningPercent: 120 is not in \(0, 100\]$/],
        ["critical of zero", { quotaCriticalPercent: 0 }, PREFIX, /^sendingQuota\.quotaCriticalPercent: 0 is not in \(0, 100\]$/],
        ["percent as a string", { quotaWarningPercent: "80" }, PREFIX, /^sendingQuota\.quotaWarningPercent: "80" is not a number$/],
        ["warning not below critical", { quotaWarningPercent: 95 }, PREFIX,
            /^sendingQuota\.quotaWarningPercent: 95 leaves quotaWarningPercent \(95\) not below quotaCriticalPercent \(95\)$/],
        ["critical below the default warning", { quotaCriticalPercent: 70 }, PREFIX,
            /^sendingQuota\.quotaCriticalPercent: 70 leaves quotaWarningPercent \(80\) not below quotaCriticalPercent \(70\)$/],
        ["logs kept forever", { logRetentionDays: 0 }, PREFIX,
            /^sendingQuota\.logRetentionDays: 0 is not a CloudWatch Logs retention \(one of 1, 3, 5, .*, 3653\) \(0, never expire, is refused: the poller's logs must expire\)$/],
        ["a retention CloudWatch Logs does not offer", { logRetentionDays: 10 }, PREFIX, /^sendingQuota\.logRetentionDays: 10 is not a CloudWatch Logs retention/],
    ];

    it("fits a long prefix into the 64 characters of Lambda and IAM names with a hash, keeping what the thing is", async () => {
        const long = "p".repeat(60);
        const resources = await deploy({}, long);
        const fn = one(resources, T.fn).inputs;
        const role = one(resources, T.role).inputs;
        assert.ok(fn.name.length <= 64 && fn.name.endsWith("-sending-api-poller"), fn.name);
        assert.ok(role.name.length <= 64 && role.name.endsWith("-sending-api-poller-us-east-1"), role.name);
        assert.notStrictEqual(fn.name, one(await deploy({}, "p".repeat(61)), T.fn).inputs.name, "two long prefixes stay apart");
    });

    for (const [what, args, namePrefix, expected] of INVALID) {
        it(`refuses ${what}, naming the field, and creates nothing`, async () => {
            const check = new Checker();
            resolveSendingQuota(check, "sendingQuota", args);
            assert.strictEqual(check.issues.length, 1, `one issue expected, got ${JSON.stringify(check.issues)}`);
            assert.match(`${check.issues[0].path}: ${check.issues[0].message}`, expected);

            let thrown: unknown;
            const resources = await runUnderMocks(() => {
                try {
                    program(args, namePrefix);
                } catch (err) {
                    thrown = err;
                }
            });
            assert.ok(thrown instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${thrown}`);
            assert.deepStrictEqual(resources, [], "no resource may be registered for invalid args");
        });
    }

    it("reports every problem at once", () => {
        const check = new Checker();
        resolveSendingQuota(check, "sendingQuota", { scheduleMinutes: 7, quotaWarningPercent: 101, logRetentionDays: 2 });
        assert.deepStrictEqual(check.issues.map((i) => i.path), ["sendingQuota.scheduleMinutes", "sendingQuota.quotaWarningPercent", "sendingQuota.logRetentionDays"]);
    });
});

describe("sending API poller alarm specs", () => {
    const settings: SendingQuotaSettings = { ...DEFAULT_SENDING_QUOTA };

    it("are six, named <namePrefix>.sending-api-<what>-<severity>, within CloudWatch's limits", () => {
        const specs = pollerAlarmSpecs(PREFIX, settings);
        assert.deepStrictEqual(specs.map((s) => `${s.name} ${s.severity} ${s.source}`), [
            `${PREFIX}.sending-api-quota-used-warning warning sendingApi`,
            `${PREFIX}.sending-api-quota-used-critical critical sendingApi`,
            `${PREFIX}.sending-api-sending-disabled-critical critical sendingApi`,
            `${PREFIX}.sending-api-enforcement-status-critical critical sendingApi`,
            `${PREFIX}.sending-api-poller-errors-warning warning lambda`,
            `${PREFIX}.sending-api-poller-silent-warning warning lambda`,
        ]);
        for (const spec of specs) {
            assert.ok(spec.name.length <= 255, spec.name);
            assert.ok(spec.description.length <= 1024, `${spec.name}: ${spec.description.length}-character description`);
            assert.ok(spec.evaluationPeriods * spec.periodSeconds <= 86_400);
            assert.strictEqual(spec.queries.filter((q) => q.returnData).length, 1);
        }
    });

    it("say what breached, where AWS acts and what to do first", () => {
        const byKey = Object.fromEntries(pollerAlarmSpecs(PREFIX, settings).map((s) => [s.key, s.description]));
        assert.match(byKey["sending-api-enforcement-status-critical"], /1 PROBATION = under review, 2 SHUTDOWN = sending paused, 3 = a status this poller does not know/);
        assert.match(byKey["sending-api-enforcement-status-critical"], /may pause sending at a 10 % bounce or 0\.5 % complaint rate/);
        assert.match(byKey["sending-api-sending-disabled-critical"], /First: check EnforcementStatus/);
        assert.match(byKey["sending-api-poller-errors-warning"], new RegExp(`/aws/lambda/${FUNCTION}`));
        assert.match(byKey["sending-api-poller-silent-warning"], new RegExp(`EventBridge rule ${FUNCTION} is enabled`));
    });

    it("are none when the poller is disabled", () => {
        assert.deepStrictEqual(pollerAlarmSpecs(PREFIX, { ...settings, enabled: false }), []);
    });
});
