/**
 * The canary as plain data (pure): its configuration set, function, schedule and IAM documents,
 * and its two "monitoring blind" alarms. Read by the resources, the tests, the plan and the
 * dashboard. Its alarms have the shape of every metric alarm of the module (`MetricAlarmSpecShape`),
 * so the root's one factory creates them and the composites list them like the others.
 */
import { AccountContext, configurationSetArn, identityArn } from "../shared/account";
import { ownLogsStatement } from "../shared/lambdaCode";
import { alarmName, Severity } from "../shared/alarmSpecs";
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, EventType, SES_NAMESPACE } from "../shared/catalog";
import { fitName, setScopedName } from "../shared/physicalNames";
import { CANARY_SCENARIOS, simulatorAddress, SIMULATOR_DOMAIN } from "./contract";
import { CanarySettings } from "./settings";

/** Configuration set names (SES: 64), Lambda function, IAM role and EventBridge rule names (64). */
export const MAX_PHYSICAL_NAME_LENGTH = 64;

/**
 * The tag that marks the canary's configuration set, and its value. The policy pack exempts a set
 * so tagged from the rate-alarm requirement only when "monitoring blind" alarms read it.
 */
export const CANARY_ROLE_TAG = { key: "ses-monitoring:role", value: "canary" } as const;

/**
 * The events the canary's set publishes to CloudWatch. SEND, DELIVERY and BOUNCE are what it
 * proves; COMPLAINT is listed because the mandatory `ses-configuration-set-cloudwatch-destination`
 * policy asks every set for it (the canary never sends to `complaint@`, so it stays empty).
 */
export const CANARY_EVENT_TYPES: EventType[] = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT"];

export interface CanarySpec {
    /** The canary's own configuration set (`<namePrefix>-canary-<hash>`, cut with a hash when too long). */
    configurationSet: string;
    functionName: string;
    logGroupName: string;
    ruleName: string;
    from: string;
    /** One message to each, every run: the simulator's success@ and bounce@, labelled. */
    recipients: string[];
    scheduleMinutes: number;
    /** EventBridge: `rate(<n> minutes)`. */
    scheduleExpression: string;
    missedRuns: number;
    logRetentionDays: number;
    eventTypes: EventType[];
}

export type CanaryMeasure = "canaryDelivery" | "canaryBounce";

export interface CanaryAlarmSpec {
    key: string;
    name: string;
    severity: Severity;
    measure: CanaryMeasure;
    /** The canary's own set (not a monitored one). */
    canarySet: string;
    description: string;
    queries: { id: string; label: string; returnData: boolean; metric: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: "Sum"; periodSeconds: number } }[];
    comparisonOperator: "LessThanThreshold";
    threshold: number;
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    treatMissingData: "breaching";
}

/**
 * The canary set's physical name, `<namePrefix>-canary-<hash>`: also its function's, log group's and
 * rule's. Configuration set names are `[A-Za-z0-9_-]` only, so any name the canary takes is one a
 * monitored set could have; `<namePrefix>-canary` alone is the natural name of a sender's set (prefix
 * `shop`, set `shop-canary`). The hash (`setScopedName`'s) makes it a name nobody picks by chance.
 */
export function canaryConfigurationSetName(namePrefix: string): string {
    return fitName(namePrefix, canarySuffix(namePrefix), MAX_PHYSICAL_NAME_LENGTH);
}

/** IAM is global: the role's name carries the region, so one prefix in two regions names two roles. */
export function canaryRoleName(namePrefix: string, region: string): string {
    return fitName(namePrefix, `${canarySuffix(namePrefix)}-${region}`, MAX_PHYSICAL_NAME_LENGTH);
}

/** `-canary-<hash of "<namePrefix>.canary">`: kept whole when a long prefix is cut. */
function canarySuffix(namePrefix: string): string {
    return setScopedName(namePrefix, "canary").slice(namePrefix.length);
}

/**
 * The simulator accepts a label after `+` (SES Developer Guide, "Using the mailbox simulator
 * manually"): the stack's prefix, so a message says which stack sent it. Prefixes are
 * `[A-Za-z0-9_-]`, valid in an address's local part.
 */
function label(namePrefix: string): string {
    return namePrefix.slice(0, 40);
}

/** The canary's spec, or undefined when it is off. */
export function canarySpec(namePrefix: string, settings: CanarySettings): CanarySpec | undefined {
    if (!settings.enabled) return undefined;
    const name = canaryConfigurationSetName(namePrefix);
    return {
        configurationSet: name,
        functionName: name,
        logGroupName: `/aws/lambda/${name}`,
        ruleName: name,
        from: settings.from,
        recipients: CANARY_SCENARIOS.map((s) => simulatorAddress(s.mailbox, label(namePrefix))),
        scheduleMinutes: settings.scheduleMinutes,
        scheduleExpression: `rate(${settings.scheduleMinutes} minutes)`,
        missedRuns: settings.missedRuns,
        logRetentionDays: settings.logRetentionDays,
        eventTypes: CANARY_EVENT_TYPES,
    };
}

function minutesText(minutes: number): string {
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/**
 * The two "monitoring blind" alarms: the canary set's `Delivery` and `Bounce` (`Sum`, one period
 * per run) below 1 in every one of `missedRuns` periods, missing data breaching (SES publishes no
 * datapoint for a period without events, and that is the failure).
 */
export function canaryAlarmSpecs(namePrefix: string, spec: CanarySpec | undefined): CanaryAlarmSpec[] {
    if (!spec) return [];
    const periodSeconds = spec.scheduleMinutes * 60;
    const window = minutesText(spec.scheduleMinutes * spec.missedRuns);
    return CANARY_SCENARIOS.map((scenario) => {
        const metricName = EVENT_TYPES[scenario.event];
        const what = scenario.event === "DELIVERY" ? "delivery" : "bounce";
        const key = `canary-${what}-missing-critical`;
        return {
            key,
            name: alarmName(namePrefix, "canary", `${what}-missing-critical`),
            severity: "critical" as const,
            measure: scenario.event === "DELIVERY" ? "canaryDelivery" as const : "canaryBounce" as const,
            canarySet: spec.configurationSet,
            description: [
                // Bounded at any prefix and sender: the alarm's name already carries the prefix, and the
                // function's log group is /aws/lambda/<function>. (PutMetricAlarm: 1,024 characters.)
                `CRITICAL: monitoring blind. This stack's canary sends a message to ${scenario.mailbox}@${SIMULATOR_DOMAIN} every ${minutesText(spec.scheduleMinutes)} through configuration set ${spec.configurationSet}, and no ${metricName} event of that set reached CloudWatch for ${window} (${spec.missedRuns} runs).`,
                "Either SES stopped publishing events to CloudWatch (then every rate alarm of this stack may be blind too), or the canary stopped sending.",
                `First: the canary function ${spec.functionName}'s errors and its log group (access denied, sender ${spec.from} no longer verified, sending paused); then the set's CloudWatch event destination; then the AWS Health Dashboard for SES.`,
            ].join(" "),
            queries: [{
                id: "events",
                label: metricName,
                returnData: true,
                metric: { namespace: SES_NAMESPACE, metricName, dimensions: { [CONFIGURATION_SET_DIMENSION]: spec.configurationSet }, stat: "Sum", periodSeconds },
            }],
            comparisonOperator: "LessThanThreshold" as const,
            threshold: 1,
            periodSeconds,
            evaluationPeriods: spec.missedRuns,
            datapointsToAlarm: spec.missedRuns,
            treatMissingData: "breaching" as const,
        };
    });
}

/**
 * Every identity SES may authorise the sender by: the address itself, its domain and each parent
 * domain down to two labels. A verified domain lets its subdomains send without an identity of
 * their own (SES Developer Guide, "Creating and verifying identities"), and SES then authorises the
 * call against the parent's identity ARN: `canary@mail.example.com` with only `example.com`
 * verified needs `identity/example.com`.
 */
export function senderIdentities(from: string): string[] {
    const labels = from.slice(from.lastIndexOf("@") + 1).split(".");
    return [from, ...labels.slice(0, -1).map((_, i) => labels.slice(i).join("."))];
}

/**
 * What the function may do, and nothing more: `ses:SendEmail` on the canary's set and the sender's
 * identity (the address, or the domain or parent domain that is the verified identity), only from
 * that address and only to the mailbox simulator (`ses:FromAddress`, `ses:Recipients`); and write
 * its own log group (created by us, so no `logs:CreateLogGroup`).
 */
export function canaryPermissionPolicy(account: AccountContext, spec: CanarySpec): object {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "SendToMailboxSimulatorThroughCanarySetOnly",
                Effect: "Allow",
                Action: "ses:SendEmail",
                Resource: [
                    configurationSetArn(spec.configurationSet, account),
                    ...senderIdentities(spec.from).map((identity) => identityArn(identity, account)),
                ],
                Condition: {
                    StringEquals: { "ses:FromAddress": spec.from },
                    "ForAllValues:StringLike": { "ses:Recipients": [`*@${SIMULATOR_DOMAIN}`] },
                },
            },
            ownLogsStatement(account, spec.logGroupName),
        ],
    };
}
