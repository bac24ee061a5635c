/**
 * Auto-pause's Pulumi resources for one set: execution role and policy, log group, function, its
 * asynchronous-invocation settings, and one resource-policy statement per triggering alarm. The
 * alarms themselves belong to the alarms part: the root adds the returned function ARN to their
 * ALARM actions. Nothing is created inside `apply()`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { lambdaCodeFiles, lambdaTrustPolicy } from "../shared/lambdaCode";
import { AUTO_PAUSE_ENV } from "./contract";
import { alarmArn, AutoPauseSpec, autoPausePermissionPolicy, autoPauseRoleName } from "./specs";

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
    tags: Record<string, string>,
    parent: pulumi.Resource,
): CreatedAutoPause {
    const logical = `${name}-${spec.configurationSet}-auto-pause`;
    const opts = { parent };
    const role = new aws.iam.Role(logical, {
        name: account.apply((a) => autoPauseRoleName(namePrefix, spec.configurationSet, a.region)),
        description: `Runs the auto-pause of SES configuration set ${spec.configurationSet} (${namePrefix})`,
        assumeRolePolicy: account.apply((a) => JSON.stringify(lambdaTrustPolicy(a))),
        tags,
    }, opts);
    const rolePolicy = new aws.iam.RolePolicy(logical, {
        name: "auto-pause",
        role: role.id,
        policy: pulumi.all([account, criticalTopicArn]).apply(([a, topic]) => JSON.stringify(autoPausePermissionPolicy(a, spec, topic))),
    }, opts);
    // Created before the function: otherwise Lambda creates it on first run, without retention.
    const logGroup = new aws.cloudwatch.LogGroup(logical, {
        name: spec.logGroupName,
        retentionInDays: spec.logRetentionDays,
        tags,
    }, opts);
    const fn = new aws.lambda.Function(logical, {
        name: spec.functionName,
        description: `${spec.dryRun ? "DRY RUN: reports instead of pausing" : "Pauses sending for"} SES configuration set ${spec.configurationSet} when its critical alarm fires (${namePrefix})`,
        role: role.arn,
        runtime: aws.lambda.Runtime.NodeJS24dX,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive(Object.fromEntries(
            Object.entries(autoPauseCodeFiles()).map(([file, text]) => [file, new pulumi.asset.StringAsset(text)]))),
        architectures: ["arm64"],
        memorySize: 128,
        // Three calls of at most three attempts each, with 1.5 s of backoff: far below this.
        timeout: 30,
        environment: {
            variables: {
                [AUTO_PAUSE_ENV.configurationSet]: spec.configurationSet,
                [AUTO_PAUSE_ENV.topicArn]: criticalTopicArn,
                [AUTO_PAUSE_ENV.dryRun]: String(spec.dryRun),
                [AUTO_PAUSE_ENV.alarmNames]: spec.triggerAlarms.join(","),
            },
        },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
    }, { parent, dependsOn: [logGroup, rolePolicy] });
    // CloudWatch invokes asynchronously. The handler retries each call itself (bounded) and reports a
    // failure to the critical topic with the command to pause by hand; a Lambda retry would only
    // repeat that report, so there is none.
    new aws.lambda.FunctionEventInvokeConfig(logical, {
        functionName: fn.name,
        maximumRetryAttempts: 0,
    }, opts);
    const permissions = spec.triggerAlarms.map((alarmName) => {
        const key = alarmName.slice(namePrefix.length + 1);
        return new aws.lambda.Permission(`${name}-${key}-auto-pause`, {
            action: "lambda:InvokeFunction",
            function: fn.name,
            principal: ALARM_INVOKE_PRINCIPAL,
            // Only this alarm, of this account, may invoke the function.
            sourceAccount: account.apply((a) => a.accountId),
            sourceArn: account.apply((a) => alarmArn(a, alarmName)),
        }, opts);
    });
    return {
        alarmAction: pulumi.all([fn.arn, ...permissions.map((p) => p.id)]).apply(([arn]) => arn),
        functionName: fn.name,
    };
}
