/**
 * The canary's Pulumi resources: its own configuration set and CloudWatch event destination, the
 * function's role and policy, log group, function, asynchronous-invocation settings and schedule,
 * and its two alarms (through the root's alarm factory). Nothing is created inside `apply()`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { CreatedAlarm, MetricAlarmFactory } from "../shared/alarmSpecs";
import { CONFIGURATION_SET_DIMENSION } from "../shared/catalog";
import { EVENT_DESTINATION_NAMES } from "../shared/eventDestinations";
import { lambdaCodeFiles, lambdaTrustPolicy } from "../shared/lambdaCode";
import { CANARY_ENV } from "./contract";
import { CANARY_ROLE_TAG, CanaryAlarmSpec, canaryPermissionPolicy, canaryRoleName, CanarySpec } from "./specs";

/** The package: the transpiled handler as `index.js`, and the contract it imports. */
export function canaryCodeFiles(dir: string = __dirname): Record<string, string> {
    return lambdaCodeFiles(dir, { "index.js": "handler", "contract.js": "contract" }, "canary");
}

export interface CreatedCanary {
    /** The alarms by name, for the composites that must wait for them. */
    alarmResources: Record<string, CreatedAlarm>;
    functionName: pulumi.Output<string>;
    configurationSetName: pulumi.Output<string>;
}

/**
 * Creates the canary. Logical names are `<name>-<canary set>[-...]` (the set's physical name, which
 * no monitored set may take) and `<name>-<alarm key>` for the alarms.
 */
export function createCanary(
    name: string,
    namePrefix: string,
    spec: CanarySpec,
    alarms: CanaryAlarmSpec[],
    account: pulumi.Output<AccountContext>,
    createAlarm: MetricAlarmFactory,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): CreatedCanary {
    const logical = `${name}-${spec.configurationSet}`;
    const opts = { parent };

    // A set of its own: the simulator's bounces never enter a monitored set's rates.
    const set = new aws.sesv2.ConfigurationSet(logical, {
        configurationSetName: spec.configurationSet,
        // Simulator mail does not count toward reputation metrics (SES Developer Guide), so they stay
        // empty; on, so the set meets the pack's ses-reputation-metrics-enabled like every other set.
        reputationOptions: { reputationMetricsEnabled: true },
        deliveryOptions: { tlsPolicy: "REQUIRE" },
        tags: { ...tags, [CANARY_ROLE_TAG.key]: CANARY_ROLE_TAG.value },
    }, opts);
    const destination = new aws.sesv2.ConfigurationSetEventDestination(`${logical}-cloudwatch`, {
        configurationSetName: set.configurationSetName,
        eventDestinationName: EVENT_DESTINATION_NAMES.cloudWatch,
        eventDestination: {
            enabled: true,
            matchingEventTypes: spec.eventTypes,
            cloudWatchDestination: {
                dimensionConfigurations: [{ dimensionName: CONFIGURATION_SET_DIMENSION, dimensionValueSource: "MESSAGE_TAG", defaultDimensionValue: spec.configurationSet }],
            },
        },
    }, opts);

    const role = new aws.iam.Role(logical, {
        name: account.apply((a) => canaryRoleName(namePrefix, a.region)),
        description: `Runs the SES canary of ${namePrefix}`,
        assumeRolePolicy: account.apply((a) => JSON.stringify(lambdaTrustPolicy(a))),
        tags,
    }, opts);
    const rolePolicy = new aws.iam.RolePolicy(logical, {
        name: "canary",
        role: role.id,
        policy: account.apply((a) => JSON.stringify(canaryPermissionPolicy(a, spec))),
    }, opts);
    // Created before the function: otherwise Lambda creates it on first run, without retention.
    const logGroup = new aws.cloudwatch.LogGroup(logical, {
        name: spec.logGroupName,
        retentionInDays: spec.logRetentionDays,
        tags,
    }, opts);
    const fn = new aws.lambda.Function(logical, {
        name: spec.functionName,
        description: `Sends ${spec.recipients.length} messages to the SES mailbox simulator through ${spec.configurationSet} every ${spec.scheduleMinutes} min (${namePrefix})`,
        role: role.arn,
        runtime: aws.lambda.Runtime.NodeJS24dX,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive(Object.fromEntries(
            Object.entries(canaryCodeFiles()).map(([file, text]) => [file, new pulumi.asset.StringAsset(text)]))),
        architectures: ["arm64"],
        memorySize: 128,
        // Two SendEmail calls without retries: far below this.
        timeout: 30,
        environment: {
            variables: {
                [CANARY_ENV.configurationSet]: spec.configurationSet,
                [CANARY_ENV.from]: spec.from,
                [CANARY_ENV.recipients]: spec.recipients.join(","),
                [CANARY_ENV.scheduleMinutes]: String(spec.scheduleMinutes),
            },
        },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
    }, { parent, dependsOn: [logGroup, rolePolicy, destination] });
    // A failed run is not repeated: the next one comes on schedule, and the alarms allow missedRuns.
    new aws.lambda.FunctionEventInvokeConfig(logical, {
        functionName: fn.name,
        maximumRetryAttempts: 0,
    }, opts);
    const rule = new aws.cloudwatch.EventRule(logical, {
        name: spec.ruleName,
        description: `Runs the SES canary of ${namePrefix} every ${spec.scheduleMinutes} min`,
        scheduleExpression: spec.scheduleExpression,
        tags,
    }, opts);
    new aws.cloudwatch.EventTarget(logical, {
        rule: rule.name,
        targetId: "canary",
        arn: fn.arn,
    }, opts);
    new aws.lambda.Permission(logical, {
        statementId: "AllowScheduleOfThisStack",
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "events.amazonaws.com",
        // Only this rule may invoke the function.
        sourceArn: rule.arn,
    }, opts);

    const alarmResources: Record<string, CreatedAlarm> = {};
    for (const spec of alarms) {
        alarmResources[spec.name] = createAlarm(`${name}-${spec.key}`, spec, { parent, dependsOn: [destination] });
    }
    return { alarmResources, functionName: fn.name, configurationSetName: set.configurationSetName };
}
