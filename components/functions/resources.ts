/**
 * The one mapping from a function spec to its resources: execution role and inline policy, log
 * group, `aws.lambda.Function`, and, when the spec asks, its asynchronous-invocation settings and
 * its schedule (rule, target, and a permission for that rule only). The composition root hands it
 * to every part that ships a function (the sending API poller, auto-pause, the canary).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../shared/account";
import { CreatedFunction, FUNCTION_HANDLER, FUNCTION_RUNTIME, FunctionSpec, lambdaTrustPolicy } from "../shared/lambdaCode";

export function createFunction(
    logicalName: string,
    spec: FunctionSpec,
    account: pulumi.Output<AccountContext>,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): CreatedFunction {
    const opts = { parent };
    const role = new aws.iam.Role(logicalName, {
        name: spec.role.name,
        description: spec.role.description,
        assumeRolePolicy: account.apply((a) => JSON.stringify(lambdaTrustPolicy(a))),
        tags,
    }, opts);
    const rolePolicy = new aws.iam.RolePolicy(logicalName, {
        name: spec.role.policyName,
        role: role.id,
        policy: spec.role.policy,
    }, opts);
    // Created before the function: otherwise Lambda creates it on first run, without retention.
    const logGroup = new aws.cloudwatch.LogGroup(logicalName, {
        name: spec.logGroup.name,
        retentionInDays: spec.logGroup.retentionInDays,
        tags,
    }, opts);
    const fn = new aws.lambda.Function(logicalName, {
        name: spec.name,
        description: spec.description,
        role: role.arn,
        runtime: FUNCTION_RUNTIME,
        handler: FUNCTION_HANDLER,
        code: new pulumi.asset.AssetArchive(Object.fromEntries(
            Object.entries(spec.codeFiles).map(([file, text]) => [file, new pulumi.asset.StringAsset(text)]))),
        // A few API calls a run: the smallest size is plenty; arm64 is the cheaper rate.
        architectures: ["arm64"],
        memorySize: 128,
        timeout: spec.timeoutSeconds,
        environment: { variables: spec.environment },
        loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
        tags,
    }, { parent, dependsOn: [logGroup, rolePolicy, ...(spec.dependsOn ?? [])] });
    if (spec.noRetries) {
        new aws.lambda.FunctionEventInvokeConfig(logicalName, {
            functionName: fn.name,
            maximumRetryAttempts: 0,
        }, opts);
    }
    if (spec.schedule) {
        const rule = new aws.cloudwatch.EventRule(logicalName, {
            name: spec.schedule.ruleName,
            description: spec.schedule.description,
            scheduleExpression: spec.schedule.expression,
            tags,
        }, opts);
        new aws.cloudwatch.EventTarget(logicalName, {
            rule: rule.name,
            targetId: spec.schedule.targetId,
            arn: fn.arn,
        }, opts);
        new aws.lambda.Permission(logicalName, {
            statementId: "AllowScheduleOfThisStack",
            action: "lambda:InvokeFunction",
            function: fn.name,
            principal: "events.amazonaws.com",
            // Only this rule may invoke the function (not any rule, of any account).
            sourceArn: rule.arn,
        }, opts);
    }
    return { resource: fn, name: fn.name, arn: fn.arn };
}
