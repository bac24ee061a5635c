import * as assert from "assert";
import {
    GetConfigurationSetCommand,
    PutConfigurationSetSendingOptionsCommand,
    SESv2Client,
    TooManyRequestsException,
    NotFoundException,
} from "@aws-sdk/client-sesv2";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { AlarmEvent, configFromEnv, handler, useClients, useSleep } from "../components/autoPause/handler";
import { autoPauseCodeFiles } from "../components/autoPause/resources";

const sesv2 = mockClient(SESv2Client);
const sns = mockClient(SNSClient);

const SET = "marketing";
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-monitoring-prod-critical";
const ALARM = "ses-monitoring-prod-marketing-bounce-rate-critical";
const FAST = "ses-monitoring-prod-marketing-bounce-rate-critical-fast";
const RESUME = `aws sesv2 put-configuration-set-sending-options --configuration-set-name ${SET} --sending-enabled --region eu-west-1`;
const PAUSE = `aws sesv2 put-configuration-set-sending-options --configuration-set-name ${SET} --no-sending-enabled --region eu-west-1`;

/** The event of a Lambda alarm action, as the CloudWatch User Guide shows it (fields the handler reads). */
const alarmEvent = (alarmName = ALARM, value = "ALARM"): AlarmEvent => ({
    source: "aws.cloudwatch",
    alarmArn: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${alarmName}`,
    accountId: "123456789012",
    region: "eu-west-1",
    time: "2026-12-02T03:10:00.000+0000",
    alarmData: {
        alarmName,
        state: { value, reason: "Threshold Crossed: 2 out of the last 3 datapoints were greater than or equal to the threshold (4.0).", timestamp: "2026-12-02T03:10:00.000+0000" },
        previousState: { value: "OK" },
    },
});

const throttled = () => new TooManyRequestsException({ message: "Too many requests", $metadata: { httpStatusCode: 429 } });

function setEnv(dryRun: boolean): void {
    process.env.SES_AUTO_PAUSE_CONFIGURATION_SET = SET;
    process.env.SES_AUTO_PAUSE_TOPIC_ARN = TOPIC;
    process.env.SES_AUTO_PAUSE_DRY_RUN = String(dryRun);
    process.env.SES_AUTO_PAUSE_ALARM_NAMES = `${ALARM},${FAST}`;
}

const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
const puts = () => sesv2.commandCalls(PutConfigurationSetSendingOptionsCommand).map((c) => c.args[0].input);

describe("auto-pause handler", () => {
    let delays: number[];
    beforeEach(() => {
        sesv2.reset();
        sns.reset();
        sns.on(PublishCommand).resolves({ MessageId: "m-1" });
        delays = [];
        useSleep(async (ms) => { delays.push(ms); });
        useClients({ sesv2: new SESv2Client({ region: "eu-west-1" }), sns: new SNSClient({ region: "eu-west-1" }) });
        setEnv(false);
    });
    after(() => {
        useClients(undefined);
        for (const key of ["SES_AUTO_PAUSE_CONFIGURATION_SET", "SES_AUTO_PAUSE_TOPIC_ARN", "SES_AUTO_PAUSE_DRY_RUN", "SES_AUTO_PAUSE_ALARM_NAMES"]) delete process.env[key];
    });

    it("pauses the set, SendingEnabled false, and tells the critical topic what it did and how to resume", async () => {
        sesv2.on(GetConfigurationSetCommand).resolves({ ConfigurationSetName: SET, SendingOptions: { SendingEnabled: true } });
        sesv2.on(PutConfigurationSetSendingOptionsCommand).resolves({});
        const result = await handler(alarmEvent());
        assert.deepStrictEqual(result, { outcome: "paused", configurationSet: SET, alarmName: ALARM });
        assert.deepStrictEqual(sesv2.commandCalls(GetConfigurationSetCommand).map((c) => c.args[0].input), [{ ConfigurationSetName: SET }]);
        assert.deepStrictEqual(puts(), [{ ConfigurationSetName: SET, SendingEnabled: false }]);
        const [message] = published();
        assert.strictEqual(message.TopicArn, TOPIC);
        assert.strictEqual(message.Subject, `SES auto-pause: sending paused for ${SET}`);
        const lines = message.Message!.split("\n");
        assert.strictEqual(lines[0], `Sending for SES configuration set ${SET} (eu-west-1) is now disabled: SES refuses messages sent through it. Other configuration sets still send.`);
        assert.strictEqual(lines[1], `Alarm: ${ALARM} went into ALARM at 2026-12-02T03:10:00.000+0000.`);
        assert.strictEqual(lines.at(-1), `  ${RESUME}`);
        assert.strictEqual(published().length, 1);
    });

    it("pauses a set whose sending options are absent (the default is enabled)", async () => {
        sesv2.on(GetConfigurationSetCommand).resolves({ ConfigurationSetName: SET });
        sesv2.on(PutConfigurationSetSendingOptionsCommand).resolves({});
        assert.strictEqual((await handler(alarmEvent(FAST))).outcome, "paused");
        assert.deepStrictEqual(puts(), [{ ConfigurationSetName: SET, SendingEnabled: false }]);
    });

    it("dry run: reports what it would do, with the command to pause by hand, and changes nothing", async () => {
        setEnv(true);
        sesv2.on(GetConfigurationSetCommand).resolves({ SendingOptions: { SendingEnabled: true } });
        const result = await handler(alarmEvent());
        assert.strictEqual(result.outcome, "dry-run");
        assert.deepStrictEqual(puts(), []);
        const [message] = published();
        assert.strictEqual(message.Subject, `SES auto-pause (dry run): would pause ${SET}`);
        assert.match(message.Message!, /^DRY RUN: sending for SES configuration set marketing \(eu-west-1\) would have been disabled; nothing changed\./);
        assert.strictEqual(message.Message!.split("\n").at(-1), `  ${PAUSE}`);
    });

    it("is idempotent: a set already paused stays paused, is not written again, and a repeated ALARM is no error", async () => {
        sesv2.on(GetConfigurationSetCommand).resolves({ SendingOptions: { SendingEnabled: false } });
        for (let i = 0; i < 2; i++) assert.strictEqual((await handler(alarmEvent())).outcome, "already-paused");
        assert.deepStrictEqual(puts(), []);
        assert.deepStrictEqual(published().map((m) => m.Subject), [`SES auto-pause: ${SET} is already paused`, `SES auto-pause: ${SET} is already paused`]);
        assert.match(published()[0].Message!, /was already disabled; nothing changed\./);
    });

    it("does nothing for an OK or INSUFFICIENT_DATA state, nor for an alarm it was not wired to", async () => {
        for (const state of ["OK", "INSUFFICIENT_DATA"]) assert.strictEqual((await handler(alarmEvent(ALARM, state))).outcome, "not-alarm");
        const other = "ses-monitoring-prod-transactional-bounce-rate-critical";
        assert.deepStrictEqual(await handler(alarmEvent(other)), { outcome: "not-own-alarm", configurationSet: SET, alarmName: other });
        assert.strictEqual(sesv2.calls().length, 0);
        assert.strictEqual(sns.calls().length, 0);
    });

    it("retries a throttled call with a doubling delay and then pauses", async () => {
        sesv2.on(GetConfigurationSetCommand).resolves({ SendingOptions: { SendingEnabled: true } });
        sesv2.on(PutConfigurationSetSendingOptionsCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({});
        assert.strictEqual((await handler(alarmEvent())).outcome, "paused");
        assert.strictEqual(puts().length, 3);
        assert.deepStrictEqual(delays, [500, 1000]);
    });

    it("stops after three attempts, tells the topic to pause by hand, and fails the invocation", async () => {
        sesv2.on(GetConfigurationSetCommand).resolves({ SendingOptions: { SendingEnabled: true } });
        sesv2.on(PutConfigurationSetSendingOptionsCommand).rejects(throttled());
        await assert.rejects(handler(alarmEvent()), { name: "TooManyRequestsException" });
        assert.strictEqual(puts().length, 3, "at most three attempts: the retry cannot hammer the API");
        assert.deepStrictEqual(delays, [500, 1000]);
        const [message] = published();
        assert.strictEqual(message.Subject, `SES auto-pause FAILED: pause ${SET} by hand`);
        assert.match(message.Message!, /^Sending for SES configuration set marketing \(eu-west-1\) could NOT be disabled: TooManyRequestsException: Too many requests/);
        assert.strictEqual(message.Message!.split("\n").at(-1), `  ${PAUSE}`);
    });

    it("does not retry an SES error that another attempt cannot fix (the set does not exist)", async () => {
        sesv2.on(GetConfigurationSetCommand).rejects(new NotFoundException({ message: "Configuration set <marketing> does not exist.", $metadata: { httpStatusCode: 404 } }));
        await assert.rejects(handler(alarmEvent()), { name: "NotFoundException" });
        assert.strictEqual(sesv2.commandCalls(GetConfigurationSetCommand).length, 1);
        assert.deepStrictEqual(delays, []);
        assert.deepStrictEqual(puts(), []);
        assert.match(published()[0].Message!, /could NOT be disabled: NotFoundException: Configuration set <marketing> does not exist\./);
    });

    it("refuses to start without its configuration", () => {
        assert.throws(() => configFromEnv({}), /^Error: SES_AUTO_PAUSE_CONFIGURATION_SET is not set$/);
        assert.throws(() => configFromEnv({ SES_AUTO_PAUSE_CONFIGURATION_SET: SET, SES_AUTO_PAUSE_TOPIC_ARN: TOPIC, SES_AUTO_PAUSE_DRY_RUN: "yes", SES_AUTO_PAUSE_ALARM_NAMES: ALARM }),
            /SES_AUTO_PAUSE_DRY_RUN is "yes", not "true" or "false"/);
        assert.throws(() => configFromEnv({ SES_AUTO_PAUSE_CONFIGURATION_SET: SET, SES_AUTO_PAUSE_TOPIC_ARN: TOPIC, SES_AUTO_PAUSE_DRY_RUN: "false" }),
            /SES_AUTO_PAUSE_ALARM_NAMES is not set/);
    });

    it("is packaged as index.js with the contract it imports, as CommonJS", () => {
        const files = autoPauseCodeFiles();
        assert.deepStrictEqual(Object.keys(files), ["index.js", "contract.js"]);
        assert.match(files["index.js"], /require\("\.\/contract"\)/);
        assert.match(files["index.js"], /exports\.handler = handler/);
    });
});
