/**
 * Auto-pause wiring. An auto-pause function (an `aws.lambda.Function` whose environment names the
 * configuration set it pauses, `SES_AUTO_PAUSE_CONFIGURATION_SET`) disables sending for that set.
 * Wired to the wrong alarm it stops mail that is fine: another set's, or on a warning, or on a
 * metric that is not a bounce or complaint rate. So every metric alarm that invokes it must:
 * - read only `AWS/SES` metrics of that set (`ses:configuration-set` = the set, the only dimension);
 * - watch bounces or complaints (the event counts or `Reputation.*`);
 * - be critical: it notifies the critical topic the function reports to (`SES_AUTO_PAUSE_TOPIC_ARN`);
 * and every permission that lets CloudWatch alarms invoke it must name one alarm (`sourceArn`).
 */
import * as aws from "@pulumi/aws";
import { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { CONFIGURATION_SET_DIMENSION, SES_NAMESPACE } from "../components/shared/catalog";
import { measuresOf } from "./alarmAnalysis";
import { alarmLabel, dependsOn, metricAlarms } from "./inventory";
import { configOf, exemptions } from "./policyConfig";
import { arnParts } from "./references";
import { at, isUnknown, listAt, plainProps, Unknown } from "./unknowns";

/**
 * The function's environment contract (`AUTO_PAUSE_ENV`, components/autoPause/contract.ts), written
 * out here: the pack installs without the component's dependencies, so it cannot load the component.
 * tests/policy-autoPause.test.ts checks that the two agree.
 */
export const AUTO_PAUSE_SET_VARIABLE = "SES_AUTO_PAUSE_CONFIGURATION_SET";
export const AUTO_PAUSE_TOPIC_VARIABLE = "SES_AUTO_PAUSE_TOPIC_ARN";
/** The principal CloudWatch alarms invoke Lambda as (CloudWatch User Guide, "Invoke a Lambda function from an alarm"). */
const ALARM_PRINCIPAL = "lambda.alarms.cloudwatch.amazonaws.com";

interface AutoPauseFunction {
    resource: PolicyResource;
    name: string | Unknown | undefined;
    set: string | Unknown;
    topic: string | Unknown | undefined;
}

function autoPauseFunctions(resources: PolicyResource[]): AutoPauseFunction[] {
    return resources.filter((r) => r.isType(aws.lambda.Function)).flatMap((r) => {
        const props = plainProps(r.props);
        const set = at(props, "environment", "variables", AUTO_PAUSE_SET_VARIABLE);
        if (set === undefined) return [];
        return [{ resource: r, name: at(props, "name"), set, topic: at(props, "environment", "variables", AUTO_PAUSE_TOPIC_VARIABLE) }];
    });
}

/** The function a Lambda ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`) designates. */
function functionOfArn(arn: string): string | undefined {
    const p = arnParts(arn);
    if (!p || p.service !== "lambda" || !p.resource.startsWith("function:")) return undefined;
    return p.resource.split(":")[1] || undefined;
}

/** Whether an alarm's ALARM actions invoke `fn`: its ARN written in, or its output flowing in. */
function invokes(alarm: PolicyResource, actions: unknown[], fn: AutoPauseFunction): boolean {
    if (actions.some((a) => typeof a === "string" && typeof fn.name === "string" && functionOfArn(a) === fn.name)) return true;
    // The function's ARN is an output: the engine lists the function among the alarm's dependencies.
    return dependsOn(alarm, fn.resource) && actions.some((a) => isUnknown(a) || (typeof a === "string" && arnParts(a)?.service === "lambda"));
}

const SCHEMA: PolicyConfigSchema = { properties: { exemptAlarmNames: exemptions("Alarm names") } };

export const autoPauseWiringPolicy: StackValidationPolicy = {
    name: "ses-auto-pause-own-critical-alarms",
    description: "An auto-pause function (SES_AUTO_PAUSE_CONFIGURATION_SET in its environment) is invoked only by critical alarms of its own configuration set: alarms that read only that set's AWS/SES bounce or complaint metrics and notify the critical topic the function reports to; and every permission that lets CloudWatch alarms invoke it names one alarm.",
    enforcementLevel: "mandatory",
    configSchema: SCHEMA,
    validateStack: (args, reportViolation) => {
        const config = configOf<{ exemptAlarmNames: string[] }>(args, SCHEMA);
        const fns = autoPauseFunctions(args.resources);
        if (fns.length === 0) args.notApplicable("the stack has no auto-pause function");
        for (const alarm of metricAlarms(args.resources)) {
            const alarmName = at(alarm.props, "name");
            if (typeof alarmName === "string" && config.exemptAlarmNames.includes(alarmName)) continue;
            const actions = listAt(alarm.props, "alarmActions");
            if (isUnknown(actions)) continue;
            for (const fn of fns.filter((f) => invokes(alarm.resource, actions, f))) {
                if (isUnknown(fn.set)) continue;
                const problems: string[] = [];
                const metrics = alarm.analysis.metrics;
                const foreign = metrics.filter((m) => {
                    if (isUnknown(m.namespace) || isUnknown(m.dimensions)) return false;
                    const keys = Object.keys(m.dimensions);
                    const value = m.dimensions[CONFIGURATION_SET_DIMENSION];
                    return m.namespace !== SES_NAMESPACE || keys.length !== 1 || keys[0] !== CONFIGURATION_SET_DIMENSION || (!isUnknown(value) && value !== fn.set);
                });
                if (metrics.length === 0 || foreign.length > 0) problems.push(`reads metrics other than configuration set ${fn.set}'s own (${SES_NAMESPACE}, ${CONFIGURATION_SET_DIMENSION} = ${fn.set} as the only dimension)`);
                const measures = metrics.map(measuresOf);
                if (!measures.some(isUnknown) && !measures.some((m) => !isUnknown(m) && m.length > 0)) problems.push("watches neither bounces nor complaints");
                if (typeof fn.topic === "string" && !actions.some(isUnknown) && !actions.includes(fn.topic)) {
                    problems.push(`is not critical: it does not notify the critical topic ${fn.topic} the function reports to`);
                }
                if (problems.length === 0) continue;
                const fnLabel = typeof fn.name === "string" ? `"${fn.name}"` : fn.resource.name;
                reportViolation(
                    `${alarmLabel(alarm)} invokes auto-pause function ${fnLabel}, which pauses configuration set ${fn.set}, but ${problems.join(" and ")}. ` +
                    "Wire the function only to that set's critical bounce or complaint alarms (SesMonitoring does so with configurationSets.<set>.autoPause).",
                    alarm.resource.urn,
                );
            }
        }
        for (const permission of args.resources.filter((r) => r.isType(aws.lambda.Permission))) {
            const props = plainProps(permission.props);
            if (at(props, "principal") !== ALARM_PRINCIPAL) continue;
            const target = at(props, "function");
            const fn = fns.find((f) => (typeof target === "string" && target === f.name) || dependsOn(permission, f.resource));
            if (!fn || at(props, "sourceArn") !== undefined) continue;
            reportViolation(
                `aws.lambda.Permission ${permission.name} lets any CloudWatch alarm${at(props, "sourceAccount") === undefined ? " of any account" : ""} invoke auto-pause function ${typeof fn.name === "string" ? `"${fn.name}"` : fn.resource.name}: set sourceArn to the one alarm it serves.`,
                permission.urn,
            );
        }
    },
};

export const autoPausePolicies = [autoPauseWiringPolicy];
