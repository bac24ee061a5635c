import * as assert from "assert";
import { MessageRejected, SendEmailCommand, SESv2Client, TooManyRequestsException } from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { configFromEnv, handler, useClients } from "../components/canary/handler";
import { canaryCodeFiles } from "../components/canary/resources";

const sesv2 = mockClient(SESv2Client);

const SET = "ses-monitoring-prod-canary";
const FROM = "canary@mail.example.com";
const SUCCESS = "success+ses-monitoring-prod@simulator.amazonses.com";
const BOUNCE = "bounce+ses-monitoring-prod@simulator.amazonses.com";
const ENV = {
    SES_CANARY_CONFIGURATION_SET: SET,
    SES_CANARY_FROM: FROM,
    SES_CANARY_RECIPIENTS: `${SUCCESS},${BOUNCE}`,
    SES_CANARY_SCHEDULE_MINUTES: "60",
};

describe("canary handler", () => {
    const saved = { ...process.env };
    beforeEach(() => {
        sesv2.reset();
        Object.assign(process.env, ENV);
        useClients({ sesv2: new SESv2Client({ region: "eu-west-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } }) });
    });
    afterEach(() => {
        for (const key of Object.keys(ENV)) delete process.env[key];
        Object.assign(process.env, saved);
        useClients(undefined);
    });

    it("sends one message to success@ and one to bounce@ the simulator, from its sender, through its set", async () => {
        sesv2.on(SendEmailCommand).resolvesOnce({ MessageId: "m-1" }).resolvesOnce({ MessageId: "m-2" });
        const result = await handler();
        assert.deepStrictEqual(result, { configurationSet: SET, sent: [{ to: SUCCESS, messageId: "m-1" }, { to: BOUNCE, messageId: "m-2" }] });
        const calls = sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
        assert.strictEqual(calls.length, 2);
        assert.deepStrictEqual(calls.map((c) => [c.FromEmailAddress, c.Destination, c.ConfigurationSetName]), [
            [FROM, { ToAddresses: [SUCCESS] }, SET],
            [FROM, { ToAddresses: [BOUNCE] }, SET],
        ]);
        assert.match(calls[0].Content!.Simple!.Subject!.Data!, /^ses-monitoring canary ses-monitoring-prod-canary \d{4}-\d\d-\d\dT/);
    });

    it("tries every recipient when one fails, then fails the invocation naming the SES error, once: no retry", async () => {
        sesv2.on(SendEmailCommand, { Destination: { ToAddresses: [SUCCESS] } })
            .rejects(new MessageRejected({ message: "Email address is not verified. The following identities failed the check in region EU-WEST-1: canary@mail.example.com", $metadata: { httpStatusCode: 400 } }));
        sesv2.on(SendEmailCommand, { Destination: { ToAddresses: [BOUNCE] } }).resolves({ MessageId: "m-2" });
        await assert.rejects(handler(), (err: Error) => {
            assert.strictEqual(err.message, `canary: 1 of 2 sends through ${SET} failed (${SUCCESS}: MessageRejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: canary@mail.example.com)`);
            return true;
        });
        assert.deepStrictEqual(sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination), [{ ToAddresses: [SUCCESS] }, { ToAddresses: [BOUNCE] }]);
    });

    it("reports throttling as a failure of the run, without retrying it", async () => {
        sesv2.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: "Maximum sending rate exceeded.", $metadata: { httpStatusCode: 429 } }));
        await assert.rejects(handler(), /canary: 2 of 2 sends through ses-monitoring-prod-canary failed \(success\+ses-monitoring-prod@simulator\.amazonses\.com: TooManyRequestsException: Maximum sending rate exceeded\.; bounce\+/);
        assert.strictEqual(sesv2.commandCalls(SendEmailCommand).length, 2);
    });

    it("turns the SDK's own retries off by default", async () => {
        useClients(undefined);
        sesv2.on(SendEmailCommand).resolves({ MessageId: "m" });
        // The default client is built on first use; aws-sdk-client-mock intercepts every SESv2Client.
        await handler();
        const client = sesv2.commandCalls(SendEmailCommand)[0].thisValue as SESv2Client;
        assert.strictEqual(await client.config.maxAttempts(), 1);
    });

    it("refuses to run without its environment, or with a recipient that is not the simulator's", () => {
        assert.throws(() => configFromEnv({ ...ENV, SES_CANARY_FROM: undefined }), /^Error: SES_CANARY_FROM is not set$/);
        assert.throws(() => configFromEnv({ ...ENV, SES_CANARY_CONFIGURATION_SET: "" }), /^Error: SES_CANARY_CONFIGURATION_SET is not set$/);
        assert.throws(() => configFromEnv({ ...ENV, SES_CANARY_RECIPIENTS: "" }), /^Error: SES_CANARY_RECIPIENTS is not set$/);
        assert.throws(() => configFromEnv({ ...ENV, SES_CANARY_RECIPIENTS: `${SUCCESS},someone@example.com` }),
            /^Error: SES_CANARY_RECIPIENTS names someone@example\.com: the canary sends to the mailbox simulator only$/);
    });

    it("is packaged as index.js with the contract it imports", () => {
        const files = canaryCodeFiles();
        assert.deepStrictEqual(Object.keys(files).sort(), ["contract.js", "index.js"]);
        assert.match(files["index.js"], /exports\.handler = handler/);
        assert.match(files["index.js"], /require\("\.\/contract"\)/);
    });
});
