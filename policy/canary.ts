/**
 * The canary's configuration set and the rate-alarm requirement. A canary sends only to the SES
 * mailbox simulator through a set of its own; a bounce or complaint rate of that set means nothing
 * (half its mail bounces by design, and the simulator's mail counts toward no rate AWS enforces).
 * So `ses-configuration-set-rate-alarms` exempts it, but only when all of these hold, so that the
 * exemption cannot be had by tagging a real set:
 * - the set is tagged `ses-monitoring:role` = `canary`;
 * - "monitoring blind" alarms read its `Delivery` and its `Bounce` (`AWS/SES`, the set as the only
 *   dimension), fire below a positive threshold and treat missing data as breaching;
 * - a canary function (`SES_CANARY_CONFIGURATION_SET` = the set in its environment) sends through
 *   it to mailbox simulator addresses only (`SES_CANARY_RECIPIENTS`).
 */
import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { EVENT_TYPES, SES_NAMESPACE } from "./shared";
import { AlarmInfo, ConfigurationSetInfo, metricOfSet } from "./inventory";
import { at, isUnknown, numberAt, plainProps } from "./unknowns";

/**
 * The component's canary contract (`CANARY_ENV`, `CANARY_ROLE_TAG`, `SIMULATOR_DOMAIN` in
 * components/canary), written out here: the pack installs without the component's dependencies.
 * tests/policy-canary.test.ts checks that the two agree.
 */
export const CANARY_SET_VARIABLE = "SES_CANARY_CONFIGURATION_SET";
export const CANARY_RECIPIENTS_VARIABLE = "SES_CANARY_RECIPIENTS";
export const CANARY_ROLE_TAG = { key: "ses-monitoring:role", value: "canary" } as const;
export const SIMULATOR_DOMAIN = "simulator.amazonses.com";

const LOWER = new Set(["LessThanThreshold", "LessThanOrEqualToThreshold"]);

export interface CanaryFunctionInfo {
    set: unknown;
    recipients: unknown;
}

export function canaryFunctions(resources: PolicyResource[]): CanaryFunctionInfo[] {
    return resources.filter((r) => r.isType(aws.lambda.Function)).flatMap((r) => {
        const props = plainProps(r.props);
        const set = at(props, "environment", "variables", CANARY_SET_VARIABLE);
        if (set === undefined) return [];
        return [{ set, recipients: at(props, "environment", "variables", CANARY_RECIPIENTS_VARIABLE) }];
    });
}

export function isTaggedCanary(set: ConfigurationSetInfo): boolean {
    return at(set.props, "tags", CANARY_ROLE_TAG.key) === CANARY_ROLE_TAG.value;
}

/** Whether an alarm fires when the set's `metricName` stops: below a positive threshold, missing data breaching, reading only that metric. */
function blindAlarmOf(alarm: AlarmInfo, set: ConfigurationSetInfo, metricName: string): boolean {
    const threshold = numberAt(alarm.props, "threshold");
    if (!LOWER.has(at(alarm.props, "comparisonOperator")) || threshold === undefined || threshold <= 0) return false;
    if (at(alarm.props, "treatMissingData") !== "breaching") return false;
    return alarm.analysis.returned.length > 0 && alarm.analysis.returned.every((r) => r.metrics.length > 0 && r.metrics.every((m) =>
        m.namespace === SES_NAMESPACE && m.metricName === metricName && m.stat === "Sum" && metricOfSet(m.dimensions, set) === "yes"));
}

/**
 * For a set tagged as a canary's: what it lacks to be exempt (empty when exempt). Undefined for
 * an untagged set, which is never exempt this way.
 */
export function canaryShortfalls(set: ConfigurationSetInfo, alarms: AlarmInfo[], functions: CanaryFunctionInfo[]): string[] | undefined {
    if (!isTaggedCanary(set) || isUnknown(set.name)) return undefined;
    const missing: string[] = [];
    for (const metricName of [EVENT_TYPES.DELIVERY, EVENT_TYPES.BOUNCE]) {
        if (!alarms.some((a) => blindAlarmOf(a, set, metricName))) {
            missing.push(`a "monitoring blind" alarm on its ${metricName} (Sum below a positive threshold, missing data breaching)`);
        }
    }
    const feeds = functions.some((f) => f.set === set.name && typeof f.recipients === "string" && f.recipients.split(",").length > 0
        && f.recipients.split(",").every((r) => r.toLowerCase().endsWith(`@${SIMULATOR_DOMAIN}`)));
    if (!feeds) missing.push(`a canary function that sends through it to the mailbox simulator only (${CANARY_SET_VARIABLE}, ${CANARY_RECIPIENTS_VARIABLE})`);
    return missing;
}
