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
import { FunctionFactory, lambdaCodeFiles } from "../shared/lambdaCode";
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
    createFunction: FunctionFactory,
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

    const fn = createFunction(logical, {
        name: spec.functionName,
        description: `Sends ${spec.recipients.length} messages to the SES mailbox simulator through ${spec.configurationSet} every ${spec.scheduleMinutes} min (${namePrefix})`,
        role: {
            name: account.apply((a) => canaryRoleName(namePrefix, a.region)),
            description: `Runs the SES canary of ${namePrefix}`,
            policyName: "canary",
            policy: account.apply((a) => JSON.stringify(canaryPermissionPolicy(a, spec))),
        },
        logGroup: { name: spec.logGroupName, retentionInDays: spec.logRetentionDays },
        codeFiles: canaryCodeFiles(),
        // Two SendEmail calls without retries: far below this.
        timeoutSeconds: 30,
        environment: {
            [CANARY_ENV.configurationSet]: spec.configurationSet,
            [CANARY_ENV.from]: spec.from,
            [CANARY_ENV.recipients]: spec.recipients.join(","),
            [CANARY_ENV.scheduleMinutes]: String(spec.scheduleMinutes),
        },
        // A failed run is not repeated: the next one comes on schedule, and the alarms allow missedRuns.
        noRetries: true,
        schedule: {
            ruleName: spec.ruleName,
            description: `Runs the SES canary of ${namePrefix} every ${spec.scheduleMinutes} min`,
            expression: spec.scheduleExpression,
            targetId: "canary",
        },
        dependsOn: [destination],
    }, parent);

    const alarmResources: Record<string, CreatedAlarm> = {};
    for (const spec of alarms) {
        alarmResources[spec.name] = createAlarm(`${name}-${spec.key}`, spec, { parent, dependsOn: [destination] });
    }
    return { alarmResources, functionName: fn.name, configurationSetName: set.configurationSetName };
}
