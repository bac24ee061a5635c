import * as assert from "assert";
import { RegisteredResource, runPolicies } from "../harness";
import { rateAlarm, resource, sesMetric, TYPES, UNKNOWN } from "./resources";

/**
 * ses-auto-pause-own-critical-alarms at its edges: which alarms invoke an auto-pause function,
 * which of them may, and which permissions are too open. Each case is the set's own critical
 * bounce alarm (which passes) or an open permission (which does not) with one property changed.
 */
const POLICY = "ses-auto-pause-own-critical-alarms";
const ACCOUNT = "123456789012";
const CRITICAL = `arn:aws:sns:us-east-1:${ACCOUNT}:critical`;
const WARNING = `arn:aws:sns:us-east-1:${ACCOUNT}:warning`;
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-auto-pause`;
const ALARMS = "lambda.alarms.cloudwatch.amazonaws.com";
const PERMISSION = "aws:lambda/permission:Permission";
const WIRE = "Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause).";

const variables = (set: unknown = "orders") => ({ SES_AUTO_PAUSE_CONFIGURATION_SET: set, SES_AUTO_PAUSE_TOPIC_ARN: CRITICAL });
/** The auto-pause function of "orders", reporting to the critical topic. */
const pauser = (inputs: Record<string, unknown> = {}, type: string = TYPES.lambda) =>
    resource(type, "orders-auto-pause", { name: "orders-auto-pause", environment: { variables: variables() }, ...inputs });
/** A rate alarm of `set`'s `event` counts, sent to `actions`. */
const alarm = (name: string, actions: unknown, overrides: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}, set = "orders", event = "Bounce") => {
    const r = rateAlarm(name, {
        metricQueries: [
            { id: "sends", returnData: false, metric: sesMetric("Send", set) },
            { id: "events", returnData: false, metric: sesMetric(event, set) },
            { id: "rate", returnData: true, expression: "100 * events / sends" },
        ],
        alarmActions: actions,
        ...overrides,
    });
    return { ...r, ...extra };
};
/** The same alarm reading `metrics` (each given as a metric) in place of its counts. */
const reading = (name: string, metrics: Record<string, unknown>[], actions: unknown = [CRITICAL, FUNCTION_ARN]) => alarm(name, actions, {
    metricQueries: [...metrics.map((metric, i) => ({ id: `m${i}`, returnData: false, metric })), { id: "rate", returnData: true, expression: metrics.map((_, i) => `m${i}`).join(" + ") }],
});
const permission = (name: string, inputs: Record<string, unknown>, extra: Partial<RegisteredResource> = {}, type = PERMISSION) =>
    resource(type, name, { action: "lambda:InvokeFunction", principal: ALARMS, ...inputs }, extra);

async function messages(resources: RegisteredResource[], config?: Record<string, unknown>): Promise<string[]> {
    return (await runPolicies(resources, { config: config ? { [POLICY]: config } : undefined })).filter((v) => v.policyName === POLICY).map((v) => v.message);
}
/** What is wrong with each reported alarm wired to the function: "<alarm>: <problems>". */
async function problems(resources: RegisteredResource[], config?: Record<string, unknown>): Promise<string[]> {
    return (await messages(resources, config)).map((m) => {
        const match = /^aws\.cloudwatch\.MetricAlarm "([^"]+)" invokes auto-pause function (.+?), which pauses configuration set orders, but (.+)\. Wire the function/.exec(m);
        assert.ok(match && m.endsWith(WIRE), m);
        return `${match[1]} -> ${match[2]}: ${match[3]}`;
    });
}
const FOREIGN = "reads metrics other than configuration set orders's own (AWS/SES, ses:configuration-set = orders as the only dimension)";
const NEITHER = "watches neither bounces nor complaints";

describe("ses-auto-pause-own-critical-alarms: what an alarm that invokes the function may read", () => {
    it("accepts the set's own critical bounce alarm; an alarm invokes the function by its ARN, qualified or not", async () => {
        assert.deepStrictEqual(await problems([pauser(), alarm("bounces", [CRITICAL, FUNCTION_ARN])]), []);
        assert.deepStrictEqual(await problems([pauser(), alarm("bounces", [CRITICAL, `${FUNCTION_ARN}:live`], {}, {}, "billing")]), [`bounces -> "orders-auto-pause": ${FOREIGN}`]);
    });

    it("only AWS/SES metrics with ses:configuration-set = the set as their only dimension", async () => {
        const bounce = sesMetric("Bounce");
        assert.deepStrictEqual(await problems([pauser(), reading("custom", [{ ...bounce, namespace: "Custom/SES" }])]), [`custom -> "orders-auto-pause": ${FOREIGN} and ${NEITHER}`]);
        assert.deepStrictEqual(await problems([pauser(), reading("extra", [{ ...bounce, dimensions: { "ses:configuration-set": "orders", "ses:from-domain": "example.com" } }])]), [`extra -> "orders-auto-pause": ${FOREIGN}`]);
        assert.deepStrictEqual(await problems([pauser(), reading("other", [{ ...bounce, dimensions: { "ses:caller-identity": "orders" } }])]), [`other -> "orders-auto-pause": ${FOREIGN}`]);
        assert.deepStrictEqual(await problems([pauser(), reading("complaints", [sesMetric("Complaint"), { ...sesMetric("Reputation.BounceRate"), stat: "Average" }])]), []);
    });

    it("an alarm that reads no metric at all reads none of the set's, and watches nothing", async () => {
        const constant = alarm("constant", [CRITICAL, FUNCTION_ARN], { metricQueries: [{ id: "one", returnData: true, expression: "1" }] });
        assert.deepStrictEqual(await messages([pauser(), constant]), [
            `aws.cloudwatch.MetricAlarm "constant" invokes auto-pause function "orders-auto-pause", which pauses configuration set orders, but ${FOREIGN} and ${NEITHER}. ${WIRE}`,
        ]);
    });

    it("must be critical: notify the topic the function reports to; a function that names no topic is not judged on it", async () => {
        assert.deepStrictEqual(await problems([pauser(), alarm("warning", [WARNING, FUNCTION_ARN])]), [
            `warning -> "orders-auto-pause": is not critical: it does not notify the critical topic ${CRITICAL} the function reports to`,
        ]);
        assert.deepStrictEqual(await problems([pauser({ environment: { variables: { SES_AUTO_PAUSE_CONFIGURATION_SET: "orders" } } }), alarm("warning", [WARNING, FUNCTION_ARN])]), []);
    });

    it("at preview, judges nothing it cannot know: the alarm's actions, the set, a namespace, dimensions, a metric name, an action", async () => {
        const bounce = sesMetric("Bounce");
        const cases: [string, RegisteredResource[]][] = [
            ["actions", [pauser(), alarm("a", UNKNOWN, {}, {}, "billing")]],
            ["set", [pauser({ environment: { variables: variables(UNKNOWN) } }), alarm("a", [CRITICAL, FUNCTION_ARN], {}, {}, "billing")]],
            ["namespace", [pauser(), reading("a", [{ ...bounce, namespace: UNKNOWN }])]],
            ["dimensions", [pauser(), reading("a", [{ ...bounce, dimensions: UNKNOWN }])]],
            ["metric name", [pauser(), reading("a", [sesMetric("Send"), { ...bounce, metricName: UNKNOWN }])]],
            ["topic", [pauser(), alarm("a", [UNKNOWN, FUNCTION_ARN])]],
        ];
        for (const [unknown, resources] of cases) assert.deepStrictEqual(await problems(resources), [], unknown);
    });

    it("skips the alarms named in exemptAlarmNames only", async () => {
        const stack = [pauser(), alarm("billing-bounces", [CRITICAL, FUNCTION_ARN], {}, {}, "billing")];
        assert.deepStrictEqual(await problems(stack, { exemptAlarmNames: ["billing-bounces"] }), []);
        assert.deepStrictEqual(await problems(stack, { exemptAlarmNames: ["orders-bounces"] }), [`billing-bounces -> "orders-auto-pause": ${FOREIGN}`]);
    });
});

describe("ses-auto-pause-own-critical-alarms: which alarms invoke the function", () => {
    const billing = (name: string, actions: unknown[], extra: Partial<RegisteredResource> = {}) => alarm(name, actions, {}, extra, "billing");

    it("one that names a Lambda function ARN of that name; not a look-alike in another service, a layer, or a plain name", async () => {
        assert.deepStrictEqual(await problems([pauser(), billing("named", [CRITICAL, FUNCTION_ARN])]), [`named -> "orders-auto-pause": ${FOREIGN}`]);
        for (const action of [
            `arn:aws:states:us-east-1:${ACCOUNT}:function:orders-auto-pause`,
            `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:orders-auto-pause:1`,
            "orders-auto-pause",
            `arn:aws:lambda:us-east-1:${ACCOUNT}:function:other`,
        ]) {
            assert.deepStrictEqual(await problems([pauser(), billing("unrelated", [CRITICAL, action])]), [], action);
        }
    });

    it("one whose Lambda action comes from the function's output (it depends on the function); not one that depends on it and sends only to topics", async () => {
        const after = { dependencies: [pauser().urn] };
        assert.deepStrictEqual(await problems([pauser(), billing("output", [CRITICAL, UNKNOWN], after)]), [`output -> "orders-auto-pause": ${FOREIGN}`]);
        assert.deepStrictEqual(await problems([pauser(), billing("resolved", [CRITICAL, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:renamed`], after)]), [`resolved -> "orders-auto-pause": ${FOREIGN}`]);
        for (const actions of [[CRITICAL], [null, CRITICAL], ["critical", CRITICAL]]) {
            assert.deepStrictEqual(await problems([pauser(), billing("topics", actions, after)]), [], JSON.stringify(actions));
        }
    });

    it("an auto-named function: invoked through its output only, and named by its resource", async () => {
        const auto = pauser({ name: undefined });
        assert.deepStrictEqual(await problems([auto, billing("topics", [CRITICAL]), billing("output", [CRITICAL, UNKNOWN], { dependencies: [auto.urn] })]), [
            `output -> orders-auto-pause: ${FOREIGN}`,
        ]);
    });

    it("only a Lambda function carries the variable: another resource with the same environment is no auto-pause function", async () => {
        assert.deepStrictEqual(await problems([pauser({}, TYPES.logGroup), billing("named", [CRITICAL, FUNCTION_ARN])]), []);
    });
});

describe("ses-auto-pause-own-critical-alarms: permissions that let CloudWatch alarms invoke the function", () => {
    const open = (name: string) => `aws.lambda.Permission ${name} lets any CloudWatch alarm of any account invoke auto-pause function "orders-auto-pause": set sourceArn to the one alarm it serves.`;

    it("reports one naming the function by name, without sourceArn; says 'of any account' only without sourceAccount", async () => {
        assert.deepStrictEqual(await messages([pauser(), permission("by-name", { function: "orders-auto-pause" })]), [open("by-name")]);
        assert.deepStrictEqual(await messages([pauser(), permission("one-account", { function: "orders-auto-pause", sourceAccount: ACCOUNT })]), [
            'aws.lambda.Permission one-account lets any CloudWatch alarm invoke auto-pause function "orders-auto-pause": set sourceArn to the one alarm it serves.',
        ]);
        assert.deepStrictEqual(await messages([pauser(), permission("one-alarm", { function: "orders-auto-pause", sourceArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:bounces` })]), []);
    });

    it("names an auto-named function by its resource", async () => {
        const auto = pauser({ name: undefined });
        assert.deepStrictEqual(await messages([auto, permission("by-output", { function: UNKNOWN }, { dependencies: [auto.urn] })]), [
            "aws.lambda.Permission by-output lets any CloudWatch alarm of any account invoke auto-pause function orders-auto-pause: set sourceArn to the one alarm it serves.",
        ]);
    });

    it("leaves alone another function's permission, another principal's, another resource type, and at preview one it cannot tie to the function", async () => {
        const other = resource(TYPES.lambda, "other", { name: "other" });
        assert.deepStrictEqual(await messages([pauser(), other, permission("other", { function: "other" })]), []);
        assert.deepStrictEqual(await messages([pauser(), permission("events", { function: "orders-auto-pause", principal: "events.amazonaws.com" })]), []);
        assert.deepStrictEqual(await messages([pauser(), permission("layer", { function: "orders-auto-pause" }, {}, "aws:lambda/layerVersionPermission:LayerVersionPermission")]), []);
        // Both names unknown and nothing ties the permission to this function.
        const unnamed = pauser({ name: UNKNOWN });
        const otherUnnamed = resource(TYPES.lambda, "other", { name: UNKNOWN });
        assert.deepStrictEqual(await messages([unnamed, otherUnnamed, permission("other", { function: UNKNOWN }, { dependencies: [otherUnnamed.urn] })]), []);
    });
});
