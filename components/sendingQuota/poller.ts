/**
 * The poller's Pulumi resources: execution role and policy, log group, function, schedule, and the
 * alarms from `alarms.ts`. Nothing is created inside `apply()`: outputs flow only into inputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { PollerAlarmSpec, pollerAlarmSpecs } from "./alarms";
import { POLLER_ENV, SENDING_API_NAMESPACE } from "./metrics";
import { fitName } from "../shared/physicalNames";
import { FUNCTION_HANDLER, FUNCTION_RUNTIME, FunctionFactory, lambdaCodeFiles, lambdaTrustPolicy, ownLogsStatement } from "../shared/lambdaCode";
import { MAX_PHYSICAL_NAME_LENGTH, pollerNames, SendingQuotaSettings } from "./settings";
import { CreatedAlarm, MetricAlarmFactory } from "../shared/alarmSpecs";
import { AccountContext } from "../shared/account";

/** The poller's runtime and entry: every function's (`FUNCTION_RUNTIME`, `FUNCTION_HANDLER`). */
export const POLLER_RUNTIME = FUNCTION_RUNTIME;
export const POLLER_HANDLER = FUNCTION_HANDLER;

/** The execution role's trust: Lambda, on behalf of this account only (`lambdaTrustPolicy`). */
export function pollerTrustPolicy(account: AccountContext): object {
    return lambdaTrustPolicy(account);
}

/**
 * What the poller may do, and nothing more: read the account's sending state (the two actions have
 * no resource type, so `*`, narrowed to this region), publish to our one namespace, and write its
 * own log group (created by us, so no `logs:CreateLogGroup`).
 */
export function pollerPermissionPolicy(account: AccountContext, logGroupName: string): object {
    const { region } = account;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadSesSendingState",
                Effect: "Allow",
                Action: ["ses:GetAccount", "ses:GetSendStatistics"],
                Resource: "*",
                Condition: { StringEquals: { "aws:RequestedRegion": region } },
            },
            {
                Sid: "PublishSendingApiMetrics",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                // PutMetricData has no resource type; the namespace condition is how to scope it
                // (CloudWatch User Guide, "Using condition keys to limit access to CloudWatch namespaces").
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": SENDING_API_NAMESPACE } },
            },
            ownLogsStatement(account, logGroupName),
        ],
    };
}

/** EventBridge cron at minute 0, N, 2N, ...: scheduled times on the grid the handler's windows use. */
export function scheduleExpression(minutes: number): string {
    return minutes === 60 ? "cron(0 * * * ? *)" : `cron(0/${minutes} * * * ? *)`;
}

/**
 * The function's code: `handler.ts` and `metrics.ts` next to this file, transpiled when the program
 * runs (`lambdaCodeFiles`); the runtime includes the AWS SDK, so the package holds only our two files.
 */
export function pollerCodeFiles(dir: string = __dirname): Record<string, string> {
    // The handler imports "./metrics": keep that file name in the package.
    return lambdaCodeFiles(dir, { "index.js": "handler", "metrics.js": "metrics" }, "sending API poller");
}

export interface SendingQuotaPoller {
    /** The poller function's name (undefined when disabled). */
    functionName?: pulumi.Output<string>;
    /** The specs of the alarms created (empty when disabled). */
    alarms: PollerAlarmSpec[];
    /** Alarm ARNs by alarm name. */
    alarmArns: Record<string, pulumi.Output<string>>;
    /** The alarms by name, for composites that must wait for them. */
    alarmResources: Record<string, CreatedAlarm>;
}

/**
 * Creates the poller and its alarms (with `createAlarm`), parented to `parent`. `settings` must come from
 * `resolveSendingQuota` with no issues. Logical names are `<name>-sending-api-poller[...]` and
 * `<name>-<alarm key>`; physical names start with `namePrefix`.
 */
export function createSendingQuotaPoller(
    name: string,
    namePrefix: string,
    settings: SendingQuotaSettings,
    account: pulumi.Output<AccountContext>,
    createAlarm: MetricAlarmFactory,
    createFunction: FunctionFactory,
    parent: pulumi.Resource,
): SendingQuotaPoller {
    if (!settings.enabled) return { alarms: [], alarmArns: {}, alarmResources: {} };
    const names = pollerNames(namePrefix);
    const logical = `${name}-sending-api-poller`;

    const fn = createFunction(logical, {
        name: names.functionName,
        description: `Publishes SES GetAccount and GetSendStatistics as ${SENDING_API_NAMESPACE} metrics (${namePrefix})`,
        role: {
            // IAM is global: the same prefix in two regions must not name the same role.
            name: account.apply((a) => fitName(namePrefix, `-sending-api-poller-${a.region}`, MAX_PHYSICAL_NAME_LENGTH)),
            description: `Runs the SES sending API poller of ${namePrefix}`,
            policyName: "sending-api-poller",
            policy: account.apply((a) => JSON.stringify(pollerPermissionPolicy(a, names.logGroupName))),
        },
        logGroup: { name: names.logGroupName, retentionInDays: settings.logRetentionDays },
        codeFiles: pollerCodeFiles(),
        // The SDK retries throttled calls with backoff; leave room for that, fail well before the next poll.
        timeoutSeconds: 60,
        environment: {
            [POLLER_ENV.stack]: namePrefix,
            [POLLER_ENV.scheduleMinutes]: String(settings.scheduleMinutes),
        },
        schedule: {
            ruleName: names.ruleName,
            description: `Runs the SES sending API poller of ${namePrefix} every ${settings.scheduleMinutes} min`,
            expression: scheduleExpression(settings.scheduleMinutes),
            targetId: "sending-api-poller",
        },
    }, parent);

    const alarms = pollerAlarmSpecs(namePrefix, settings);
    const alarmArns: Record<string, pulumi.Output<string>> = {};
    const alarmResources: Record<string, CreatedAlarm> = {};
    for (const spec of alarms) {
        const alarm = createAlarm(`${name}-${spec.key}`, spec, { parent, dependsOn: spec.source === "lambda" ? [fn.resource] : [] });
        alarmResources[spec.name] = alarm;
        alarmArns[spec.name] = alarm.arn;
    }
    return { functionName: fn.name, alarms, alarmArns, alarmResources };
}
