import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { CANARY_ENV, CANARY_ROLE_TAG, SesMonitoring, SIMULATOR_DOMAIN } from "../components";
import { rateAlarmCoveragePolicy } from "../policy/alarms";
import * as canary from "../policy/canary";
import { runPolicySet, runPolicies } from "../policy/harness";
import { runUnderMocks } from "../tools/pulumiMocks";

const NAME = "ses-configuration-set-rate-alarms";
const SET = "shop-canary";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:critical";
const SIMULATOR = `success+shop@${SIMULATOR_DOMAIN},bounce+shop@${SIMULATOR_DOMAIN}`;

function taggedSet(name: string): void {
    new aws.sesv2.ConfigurationSet(name, {
        configurationSetName: name,
        reputationOptions: { reputationMetricsEnabled: true },
        deliveryOptions: { tlsPolicy: "REQUIRE" },
        tags: { "ses-monitoring:role": "canary" },
    });
    new aws.sesv2.ConfigurationSetEventDestination(`${name}-cloudwatch`, {
        configurationSetName: name,
        eventDestinationName: "cloudwatch",
        eventDestination: {
            enabled: true,
            matchingEventTypes: ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT"],
            cloudWatchDestination: { dimensionConfigurations: [{ dimensionName: "ses:configuration-set", dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: name }] },
        },
    });
}

function blindAlarm(set: string, metricName: string, treatMissingData = "breaching"): void {
    new aws.cloudwatch.MetricAlarm(`${set}-${metricName}-missing`, {
        name: `${set}-${metricName}-missing`,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        evaluationPeriods: 3,
        treatMissingData,
        metricQueries: [{ id: "events", returnData: true, metric: { namespace: "AWS/SES", metricName, dimensions: { "ses:configuration-set": set }, period: 3600, stat: "Sum" } }],
        alarmActions: [TOPIC],
    });
}

function canaryFunction(set: string, recipients: string): void {
    new aws.lambda.Function(`${set}-fn`, {
        name: `${set}-fn`,
        role: "arn:aws:iam::123456789012:role/canary",
        runtime: "nodejs24.x",
        handler: "index.handler",
        environment: { variables: { [canary.CANARY_SET_VARIABLE]: set, [canary.CANARY_RECIPIENTS_VARIABLE]: recipients } },
    });
}

async function rateViolations(program: () => void): Promise<string[]> {
    const violations = await runPolicySet([rateAlarmCoveragePolicy], await runUnderMocks(program));
    return violations.filter((v) => v.policyName === NAME).map((v) => v.message);
}

const NOTE = "It is tagged ses-monitoring:role = canary, which exempts a canary's set only with";

describe(`${NAME}: the canary's set`, () => {
    it("reads the tag and environment names the component gives", () => {
        assert.strictEqual(canary.CANARY_SET_VARIABLE, CANARY_ENV.configurationSet);
        assert.strictEqual(canary.CANARY_RECIPIENTS_VARIABLE, CANARY_ENV.recipients);
        assert.deepStrictEqual(canary.CANARY_ROLE_TAG, CANARY_ROLE_TAG);
        assert.strictEqual(canary.SIMULATOR_DOMAIN, SIMULATOR_DOMAIN);
    });

    it("exempts the component's canary set: every mandatory policy passes a stack with the canary on", async () => {
        const resources = await runUnderMocks(() => new SesMonitoring("ses", {
            namePrefix: "shop",
            configurationSets: { orders: {} },
            canary: { from: "canary@mail.example.com" },
        }));
        const mandatory = (await runPolicies(resources)).filter((v) => v.enforcementLevel === "mandatory");
        assert.deepStrictEqual(mandatory, []);
    });

    it("exempts a tagged set fed by a simulator-only canary function and watched by blind alarms on Delivery and Bounce", async () => {
        assert.deepStrictEqual(await rateViolations(() => {
            taggedSet(SET);
            blindAlarm(SET, "Delivery");
            blindAlarm(SET, "Bounce");
            canaryFunction(SET, SIMULATOR);
        }), []);
    });

    it("still refuses a tagged set without blind alarms: the tag alone exempts nothing", async () => {
        const messages = await rateViolations(() => taggedSet(SET));
        assert.strictEqual(messages.length, 2);
        assert.deepStrictEqual(messages.map((m) => m.slice(m.indexOf(NOTE))), Array(2).fill(
            `${NOTE} a "monitoring blind" alarm on its Delivery (Sum below a positive threshold, missing data breaching) and a "monitoring blind" alarm on its Bounce (Sum below a positive threshold, missing data breaching) and a canary function that sends through it to the mailbox simulator only (SES_CANARY_CONFIGURATION_SET, SES_CANARY_RECIPIENTS).`,
        ));
        assert.match(messages[0], /^aws\.sesv2\.ConfigurationSet "shop-canary" has no bounce-rate alarm/);
    });

    it("refuses a tagged set whose function mails a real address, or whose Bounce alarm ignores missing data", async () => {
        const realRecipient = await rateViolations(() => {
            taggedSet(SET);
            blindAlarm(SET, "Delivery");
            blindAlarm(SET, "Bounce");
            canaryFunction(SET, `success@${SIMULATOR_DOMAIN},customers@example.com`);
        });
        assert.strictEqual(realRecipient.length, 2);
        assert.ok(realRecipient.every((m) => m.endsWith(`${NOTE} a canary function that sends through it to the mailbox simulator only (SES_CANARY_CONFIGURATION_SET, SES_CANARY_RECIPIENTS).`)));
        const notBreaching = await rateViolations(() => {
            taggedSet(SET);
            blindAlarm(SET, "Delivery");
            blindAlarm(SET, "Bounce", "notBreaching");
            canaryFunction(SET, SIMULATOR);
        });
        assert.ok(notBreaching.length === 2 && notBreaching.every((m) => m.endsWith(`${NOTE} a "monitoring blind" alarm on its Bounce (Sum below a positive threshold, missing data breaching).`)));
    });

    it("does not let one set's canary exempt another tagged set", async () => {
        const messages = await rateViolations(() => {
            taggedSet(SET);
            blindAlarm(SET, "Delivery");
            blindAlarm(SET, "Bounce");
            canaryFunction(SET, SIMULATOR);
            taggedSet("orders");
        });
        assert.deepStrictEqual(messages.map((m) => m.slice(0, m.indexOf(":"))), [
            "aws.sesv2.ConfigurationSet \"orders\" has no bounce-rate alarm",
            "aws.sesv2.ConfigurationSet \"orders\" has no complaint-rate alarm",
        ]);
    });
});
