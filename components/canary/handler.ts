/**
 * The canary Lambda handler. EventBridge invokes it on a schedule; it sends one message to each
 * mailbox simulator address it is given (success@ and bounce@) through the canary's own
 * configuration set, so that the set's Delivery and Bounce events reach CloudWatch each run. The
 * "monitoring blind" alarms watch those events.
 *
 * - Every recipient is tried, even when an earlier send failed, so one failure does not hide the other.
 * - A failed send fails the invocation (the function's `Errors`), naming each error.
 * - No retry storm: the SDK's retries are off (`maxAttempts: 1`) and Lambda does not retry the
 *   event (`maximumRetryAttempts: 0`); the next scheduled run is the retry, and the alarms allow
 *   `missedRuns` runs to be missing before they fire.
 * - It refuses to send anywhere but the simulator, whatever its environment says (the IAM policy
 *   refuses it too).
 */
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { CANARY_ENV, isSimulatorAddress } from "./contract";

export interface CanaryConfig {
    configurationSet: string;
    from: string;
    recipients: string[];
}

export interface CanaryResult {
    configurationSet: string;
    sent: { to: string; messageId?: string }[];
}

export interface CanaryClients {
    sesv2: Pick<SESv2Client, "send">;
}

let clients: CanaryClients | undefined;

/** Replaces the clients (tests); `undefined` restores the defaults on next use. */
export function useClients(c: CanaryClients | undefined): void {
    clients = c;
}

function defaultClients(): CanaryClients {
    // maxAttempts 1: a failed run is reported, not repeated; the next run comes on schedule.
    return { sesv2: new SESv2Client({ maxAttempts: 1 }) };
}

export function configFromEnv(env: Record<string, string | undefined>): CanaryConfig {
    const configurationSet = env[CANARY_ENV.configurationSet];
    const from = env[CANARY_ENV.from];
    if (!configurationSet) throw new Error(`${CANARY_ENV.configurationSet} is not set`);
    if (!from) throw new Error(`${CANARY_ENV.from} is not set`);
    const recipients = (env[CANARY_ENV.recipients] ?? "").split(",").filter((r) => r !== "");
    if (recipients.length === 0) throw new Error(`${CANARY_ENV.recipients} is not set`);
    const foreign = recipients.filter((r) => !isSimulatorAddress(r));
    if (foreign.length > 0) throw new Error(`${CANARY_ENV.recipients} names ${foreign.join(", ")}: the canary sends to the mailbox simulator only`);
    return { configurationSet, from, recipients };
}

/** One run: one message to each recipient, all tried; throws when any failed. */
export async function runCanary(c: CanaryClients, config: CanaryConfig, now: Date = new Date()): Promise<CanaryResult> {
    const stamp = now.toISOString();
    const sent: CanaryResult["sent"] = [];
    const failed: string[] = [];
    for (const to of config.recipients) {
        try {
            const out = await c.sesv2.send(new SendEmailCommand({
                FromEmailAddress: config.from,
                Destination: { ToAddresses: [to] },
                ConfigurationSetName: config.configurationSet,
                Content: {
                    Simple: {
                        Subject: { Data: `ses-monitoring canary ${config.configurationSet} ${stamp}` },
                        Body: { Text: { Data: `A test message of the ses-monitoring canary to the SES mailbox simulator, through configuration set ${config.configurationSet}, at ${stamp}. Its Delivery or Bounce event proves that SES still publishes events to CloudWatch.` } },
                    },
                },
            }));
            sent.push({ to, messageId: out.MessageId });
            console.log(`sent to ${to}: ${out.MessageId}`);
        } catch (err) {
            const e = err as Error;
            failed.push(`${to}: ${e?.name ?? "Error"}: ${e?.message ?? String(err)}`);
            console.error(`sending to ${to} failed:`, err);
        }
    }
    if (failed.length > 0) {
        throw new Error(`canary: ${failed.length} of ${config.recipients.length} sends through ${config.configurationSet} failed (${failed.join("; ")})`);
    }
    return { configurationSet: config.configurationSet, sent };
}

/** The Lambda entry point. */
export async function handler(): Promise<CanaryResult> {
    const config = configFromEnv(process.env);
    clients ??= defaultClients();
    const result = await runCanary(clients, config);
    console.log(JSON.stringify(result));
    return result;
}
