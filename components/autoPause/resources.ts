/**
 * Auto-pause's Pulumi resources for one set: execution role and policy, log group, function, its
 * asynchronous-invocation settings, and one resource-policy statement per triggering alarm. The
 * alarms themselves belong to the alarms part: the root adds the returned function ARN to their
 * ALARM actions. Nothing is created inside `apply()`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext, alarmArn } from "../shared/account";
import { FunctionFactory, lambdaCodeFiles } from "../shared/lambdaCode";
import { AUTO_PAUSE_ENV } from "./contract";
import { AutoPauseSpec, autoPausePermissionPolicy, autoPauseRoleName } from "./specs";

/**
 * The service principal CloudWatch alarms invoke Lambda functions as (CloudWatch User Guide,
 * "Invoke a Lambda function from an alarm": `aws lambda add-permission --principal
 * lambda.alarms.cloudwatch.amazonaws.com --source-account ... --source-arn <alarm ARN>`).
 */
export const ALARM_INVOKE_PRINCIPAL = "lambda.alarms.cloudwatch.amazonaws.com";

/** The package: the transpiled handler as `index.js`, and the contract it imports. */
export function autoPauseCodeFiles(dir: string = __dirname): Record<string, string> {
    return lambdaCodeFiles(dir, { "index.js": "handler", "contract.js": "contract" }, "auto-pause");
}

export interface CreatedAutoPause {
    /** The function's ARN, resolved once every alarm's invoke permission exists: the ALARM action to add. */
    alarmAction: pulumi.Output<string>;
    functionName: pulumi.Output<string>;
}

/**
 * Creates the function of one set. Logical names are `<name>-<set>-auto-pause[...]`; physical
 * names come from the spec. `alarmKey` gives the alarm's key (its name without the prefix) for
 * the permissions' logical names.
 */
export function createAutoPause(
    name: string,
    namePrefix: string,
    spec: AutoPauseSpec,
    account: pulumi.Output<AccountContext>,
    criticalTopicArn: pulumi.Input<string>,
    createFunction: FunctionFactory,
    parent: pulumi.Resource,
): CreatedAutoPause {
    const logical = `${name}-${spec.configurationSet}-auto-pause`;
    const opts = { parent };
    const fn = createFunction(logical, {
        name: spec.functionName,
        description: `${spec.dryRun ? "DRY RUN: reports instead of pausing" : "Pauses sending for"} SES configuration set ${spec.configurationSet} when its critical alarm fires (${namePrefix})`,
        role: {
            name: account.apply((a) => autoPauseRoleName(namePrefix, spec.configurationSet, a.region)),
            description: `Runs the auto-pause of SES configuration set ${spec.configurationSet} (${namePrefix})`,
            policyName: "auto-pause",
            policy: pulumi.all([account, criticalTopicArn]).apply(([a, topic]) => JSON.stringify(autoPausePermissionPolicy(a, spec, topic))),
        },
        logGroup: { name: spec.logGroupName, retentionInDays: spec.logRetentionDays },
        codeFiles: autoPauseCodeFiles(),
        // Three calls of at most three attempts each, with 1.5 s of backoff: far below this.
        timeoutSeconds: 30,
        environment: {
            [AUTO_PAUSE_ENV.configurationSet]: spec.configurationSet,
            [AUTO_PAUSE_ENV.topicArn]: criticalTopicArn,
            [AUTO_PAUSE_ENV.dryRun]: String(spec.dryRun),
            [AUTO_PAUSE_ENV.alarmNames]: spec.triggerAlarms.join(","),
        },
        // CloudWatch invokes asynchronously. The handler retries each call itself (bounded) and reports a
        // failure to the critical topic with the command to pause by hand; a Lambda retry would only
        // repeat that report, so there is none.
        noRetries: true,
    }, parent);
    const permissions = spec.triggerAlarms.map((alarmName) => {
        const key = alarmName.slice(namePrefix.length + 1);
        return new aws.lambda.Permission(`${name}-${key}-auto-pause`, {
            action: "lambda:InvokeFunction",
            function: fn.name,
            principal: ALARM_INVOKE_PRINCIPAL,
            // Only this alarm, of this account, may invoke the function.
            sourceAccount: account.apply((a) => a.accountId),
            sourceArn: account.apply((a) => alarmArn(alarmName, a)),
        }, opts);
    });
    return {
        alarmAction: pulumi.all([fn.arn, ...permissions.map((p) => p.id)]).apply(([arn]) => arn),
        functionName: fn.name,
    };
}
