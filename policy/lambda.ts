/**
 * Lambda log retention. A function whose log group the stack does not create gets one from Lambda
 * on its first invocation, with no retention: logs are kept, and billed, forever, and outlive
 * the stack. So every function needs an `aws.cloudwatch.LogGroup` in the stack, named as Lambda
 * will write to it (`loggingConfig.logGroup` when set, else `/aws/lambda/<function name>`), with
 * `retentionInDays` set (0 means never expire).
 */
import * as aws from "@pulumi/aws";
import { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { dependsOn, Relation } from "./inventory";
import { configOf, exemptions } from "./policyConfig";
import { at, isUnknown, numberAt, plainProps, Unknown, UNKNOWN } from "./unknowns";

interface LambdaFunction {
    resource: PolicyResource;
    /** Physical name; undefined when auto-named, `UNKNOWN` when computed. */
    name: string | Unknown | undefined;
    /** The log group Lambda writes to: a name, `UNKNOWN`, or undefined when only an auto-name would tell. */
    logGroup: string | Unknown | undefined;
}

interface LogGroup {
    resource: PolicyResource;
    props: any;
    name: string | Unknown | undefined;
}

function functions(resources: PolicyResource[]): LambdaFunction[] {
    return resources.filter((r) => r.isType(aws.lambda.Function)).map((r) => {
        const props = plainProps(r.props);
        const name: string | Unknown | undefined = at(props, "name");
        const configured: string | Unknown | undefined = at(props, "loggingConfig", "logGroup");
        const logGroup = configured !== undefined ? configured
            : typeof name === "string" ? `/aws/lambda/${name}`
            : name === undefined ? undefined : UNKNOWN;
        return { resource: r, name, logGroup };
    });
}

function logGroups(resources: PolicyResource[]): LogGroup[] {
    return resources.filter((r) => r.isType(aws.cloudwatch.LogGroup)).map((r) => {
        const props = plainProps(r.props);
        return { resource: r, props, name: at(props, "name") };
    });
}

/**
 * Known names decide. Otherwise a dependency either way does: a log group named from the
 * function's name output, or a function whose `loggingConfig.logGroup` is the group's output.
 */
function logGroupOf(fn: LambdaFunction, group: LogGroup): Relation {
    if (typeof fn.logGroup === "string" && typeof group.name === "string") return fn.logGroup === group.name ? "yes" : "no";
    if (dependsOn(group.resource, fn.resource) || (fn.logGroup !== undefined && dependsOn(fn.resource, group.resource))) return "yes";
    // A literal name cannot match an auto-named function or group; an unknown one might match.
    return isUnknown(fn.logGroup) || isUnknown(group.name) ? "maybe" : "no";
}

function describeFunction(fn: LambdaFunction): string {
    return typeof fn.name === "string" ? `aws.lambda.Function "${fn.name}"` : `aws.lambda.Function ${fn.resource.name}`;
}

const SCHEMA: PolicyConfigSchema = { properties: { exemptFunctionNames: exemptions("Lambda function names") } };

export const lambdaLogRetentionPolicy: StackValidationPolicy = {
    name: "ses-lambda-log-retention",
    description: "Every Lambda function has its CloudWatch Logs log group (/aws/lambda/<function name>, or its loggingConfig.logGroup) in the stack with retentionInDays set; otherwise Lambda creates the group on first run and keeps the logs, and bills for them, forever.",
    enforcementLevel: "advisory",
    configSchema: SCHEMA,
    validateStack: (args, reportViolation: ReportViolation) => {
        const config = configOf<{ exemptFunctionNames: string[] }>(args, SCHEMA);
        const fns = functions(args.resources);
        if (fns.length === 0) args.notApplicable("the stack has no Lambda function");
        const groups = logGroups(args.resources);
        for (const fn of fns) {
            if (typeof fn.name === "string" && config.exemptFunctionNames.includes(fn.name)) continue;
            const related = groups.map((g) => ({ g, relation: logGroupOf(fn, g) }));
            const own = related.filter((x) => x.relation === "yes").map((x) => x.g);
            const where = typeof fn.logGroup === "string" ? fn.logGroup : "/aws/lambda/<function name>";
            if (own.length === 0) {
                if (related.some((x) => x.relation === "maybe")) continue;
                reportViolation(`${describeFunction(fn)} writes its logs to ${where}, but no aws.cloudwatch.LogGroup of that name is in this stack: Lambda creates it on the first invocation without retention, so the logs are kept (and billed) forever. Add an aws.cloudwatch.LogGroup named ${where} with retentionInDays set, created before the function.`, fn.resource.urn);
                continue;
            }
            for (const group of own) {
                const days = at(group.props, "retentionInDays");
                // As the provider reads it: "30" (from config, say) is 30 days.
                if (isUnknown(days) || (numberAt(group.props, "retentionInDays") ?? 0) > 0) continue;
                const name = typeof group.name === "string" ? `"${group.name}"` : group.resource.name;
                reportViolation(`aws.cloudwatch.LogGroup ${name} of ${describeFunction(fn)} has no retentionInDays (${days === undefined ? "unset" : days}: never expire), so the function's logs are kept (and billed) forever. Set retentionInDays (for example 30).`, group.resource.urn);
            }
        }
    },
};

export const lambdaPolicies = [lambdaLogRetentionPolicy];
