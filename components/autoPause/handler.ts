/**
 * The auto-pause Lambda handler. CloudWatch invokes it (asynchronously) when one of its set's
 * critical alarms goes into ALARM; it disables sending for that one configuration set and reports
 * to the critical topic what it did and how to resume. It never turns sending back on.
 *
 * - Idempotent: it reads the set's sending options first; a set already paused stays paused and
 *   is reported as such, and a repeated ALARM is not an error.
 * - Dry run: reports what it would do and changes nothing.
 * - Bounded retry: each API call is tried at most `MAX_ATTEMPTS` times with a doubling delay, only
 *   on throttling and server errors; the SDK's own retries are off so they do not multiply. When it
 *   still fails, the topic is told to pause by hand, and the invocation fails (Lambda `Errors`).
 * - Only its own alarms: an event from an alarm it was not wired to changes nothing.
 */
import {
    GetConfigurationSetCommand,
    PutConfigurationSetSendingOptionsCommand,
    SESv2Client,
} from "@aws-sdk/client-sesv2";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { AUTO_PAUSE_ENV, AUTO_PAUSE_REARM_NOTE, FIRST_RETRY_DELAY_MS, MAX_ATTEMPTS, pauseCommand, resumeCommand } from "./contract";

/**
 * The event of a Lambda alarm action (CloudWatch User Guide, "Invoke a Lambda function from an
 * alarm"): only the fields read here.
 */
export interface AlarmEvent {
    source?: string;
    alarmArn?: string;
    accountId?: string;
    region?: string;
    time?: string;
    alarmData?: {
        alarmName?: string;
        state?: { value?: string; reason?: string; timestamp?: string };
        previousState?: { value?: string };
    };
}

export interface AutoPauseConfig {
    configurationSet: string;
    topicArn: string;
    dryRun: boolean;
    alarmNames: string[];
}

export type AutoPauseOutcome = "paused" | "already-paused" | "dry-run" | "not-alarm" | "not-own-alarm";

export interface AutoPauseResult {
    outcome: AutoPauseOutcome;
    configurationSet: string;
    alarmName?: string;
}

export interface AutoPauseClients {
    sesv2: Pick<SESv2Client, "send">;
    sns: Pick<SNSClient, "send">;
}

let clients: AutoPauseClients | undefined;
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Replaces the clients (tests); `undefined` restores the defaults on next use. */
export function useClients(c: AutoPauseClients | undefined): void {
    clients = c;
}

/** Replaces the delay between attempts (tests record it instead of waiting). */
export function useSleep(f: (ms: number) => Promise<void>): void {
    sleep = f;
}

function defaultClients(): AutoPauseClients {
    // maxAttempts 1: `withRetry` below is the one retry loop, so attempts cannot multiply.
    return { sesv2: new SESv2Client({ maxAttempts: 1 }), sns: new SNSClient({ maxAttempts: 1 }) };
}

export function configFromEnv(env: Record<string, string | undefined>): AutoPauseConfig {
    const configurationSet = env[AUTO_PAUSE_ENV.configurationSet];
    const topicArn = env[AUTO_PAUSE_ENV.topicArn];
    if (!configurationSet) throw new Error(`${AUTO_PAUSE_ENV.configurationSet} is not set`);
    if (!topicArn) throw new Error(`${AUTO_PAUSE_ENV.topicArn} is not set`);
    const dryRun = env[AUTO_PAUSE_ENV.dryRun];
    if (dryRun !== "true" && dryRun !== "false") throw new Error(`${AUTO_PAUSE_ENV.dryRun} is ${JSON.stringify(dryRun)}, not "true" or "false"`);
    const alarmNames = (env[AUTO_PAUSE_ENV.alarmNames] ?? "").split(",").filter((n) => n !== "");
    if (alarmNames.length === 0) throw new Error(`${AUTO_PAUSE_ENV.alarmNames} is not set`);
    return { configurationSet, topicArn, dryRun: dryRun === "true", alarmNames };
}

/** Throttling and server-side failures are worth another try; anything else (not found, access denied) is not. */
export function isRetryable(err: unknown): boolean {
    const e = err as { name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
    if (e?.$retryable) return true;
    const status = e?.$metadata?.httpStatusCode;
    if (status !== undefined && (status === 429 || status >= 500)) return true;
    return ["TooManyRequestsException", "ThrottlingException", "Throttling", "ServiceUnavailable", "InternalFailure", "InternalServerError"].includes(e?.name ?? "");
}

/** Runs `call` at most `MAX_ATTEMPTS` times, waiting 500 ms, then 1 s, and only on retryable errors. */
export async function withRetry<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await call();
        } catch (err) {
            if (attempt >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
            const delay = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1);
            console.warn(`${what} failed (attempt ${attempt} of ${MAX_ATTEMPTS}), retrying in ${delay} ms:`, err);
            await sleep(delay);
        }
    }
}

function regionOf(event: AlarmEvent): string {
    return event.region ?? process.env.AWS_REGION ?? "<region>";
}

/** SNS Publish: a subject is printable ASCII and "must be less than 100 characters" (SNS API reference, Publish). */
export const MAX_SUBJECT_LENGTH = 99;

export function subject(text: string): string {
    return text.replace(/[^\x20-\x7e]/g, "?").slice(0, MAX_SUBJECT_LENGTH);
}

async function report(c: AutoPauseClients, config: AutoPauseConfig, title: string, lines: string[]): Promise<void> {
    await withRetry("sns:Publish", () => c.sns.send(new PublishCommand({
        TopicArn: config.topicArn,
        Subject: subject(title),
        Message: lines.join("\n"),
    })));
}

/** One invocation: check the event, read the set, pause it unless paused (or dry run), report. */
export async function autoPause(c: AutoPauseClients, config: AutoPauseConfig, event: AlarmEvent): Promise<AutoPauseResult> {
    const set = config.configurationSet;
    const alarmName = event.alarmData?.alarmName;
    const state = event.alarmData?.state?.value;
    if (state !== "ALARM") {
        console.log(`alarm ${alarmName} is ${state}, not ALARM: nothing to do`);
        return { outcome: "not-alarm", configurationSet: set, alarmName };
    }
    if (alarmName === undefined || !config.alarmNames.includes(alarmName)) {
        console.error(`alarm ${JSON.stringify(alarmName)} is not one of ${set}'s auto-pause alarms (${config.alarmNames.join(", ")}): nothing changed`);
        return { outcome: "not-own-alarm", configurationSet: set, alarmName };
    }
    const region = regionOf(event);
    const why = [
        `Alarm: ${alarmName} went into ALARM${event.alarmData?.state?.timestamp ? ` at ${event.alarmData.state.timestamp}` : ""}.`,
        ...(event.alarmData?.state?.reason ? [`Reason: ${event.alarmData.state.reason}`] : []),
    ];
    const resume = [
        "Sending stays paused until someone resumes it; this function never does.",
        `${AUTO_PAUSE_REARM_NOTE} Find and fix the cause first, then resume with:`,
        `  ${resumeCommand(set, region)}`,
    ];

    let outcome: "paused" | "already-paused" | "dry-run";
    try {
        const current = await withRetry("ses:GetConfigurationSet", () => c.sesv2.send(new GetConfigurationSetCommand({ ConfigurationSetName: set })));
        // Absent sending options mean the default: sending enabled.
        if (current.SendingOptions?.SendingEnabled === false) {
            outcome = "already-paused";
        } else if (config.dryRun) {
            outcome = "dry-run";
        } else {
            await withRetry("ses:PutConfigurationSetSendingOptions", () => c.sesv2.send(new PutConfigurationSetSendingOptionsCommand({
                ConfigurationSetName: set,
                SendingEnabled: false,
            })));
            outcome = "paused";
        }
    } catch (err) {
        console.error(`auto-pause of ${set} failed:`, err);
        try {
            await report(c, config, `SES auto-pause FAILED: pause ${set} by hand`, [
                `Sending for SES configuration set ${set} (${region}) could NOT be disabled: ${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`,
                ...why,
                "Pause it by hand:",
                `  ${pauseCommand(set, region)}`,
            ]);
        } catch (reportErr) {
            console.error("reporting the failure failed too:", reportErr);
        }
        throw err;
    }
    if (outcome === "already-paused") {
        await report(c, config, `SES auto-pause: ${set} is already paused`, [
            `Sending for SES configuration set ${set} (${region}) was already disabled; nothing changed.`,
            ...why,
            ...resume,
        ]);
    } else if (outcome === "dry-run") {
        await report(c, config, `SES auto-pause (dry run): would pause ${set}`, [
            `DRY RUN: sending for SES configuration set ${set} (${region}) would have been disabled; nothing changed.`,
            ...why,
            "To pause it by hand:",
            `  ${pauseCommand(set, region)}`,
        ]);
    } else {
        await report(c, config, `SES auto-pause: sending paused for ${set}`, [
            `Sending for SES configuration set ${set} (${region}) is now disabled: SES refuses messages sent through it. Other configuration sets still send.`,
            ...why,
            ...resume,
        ]);
    }
    return { outcome, configurationSet: set, alarmName };
}

/** The Lambda entry point. */
export async function handler(event: AlarmEvent): Promise<AutoPauseResult> {
    const config = configFromEnv(process.env);
    clients ??= defaultClients();
    const result = await autoPause(clients, config, event);
    console.log(JSON.stringify(result));
    return result;
}
