/**
 * Configuration set policies: every set publishes its sending events to CloudWatch by the
 * `ses:configuration-set` dimension (without that, no rate alarm has anything to read), and sets
 * keep reputation metrics on and TLS required.
 */
import * as aws from "@pulumi/aws";
import { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation, StackValidationPolicy, PolicyConfigSchema } from "@pulumi/policy";
import { ALL_EVENT_TYPES, CONFIGURATION_SET_DIMENSION } from "./shared";
import {
    configurationSets,
    DimensionInfo,
    describeDestination,
    describeSet,
    DestinationsBySet,
    EventDestinationInfo,
    eventDestinations,
} from "./inventory";
import { configOf, exemptions } from "./policyConfig";
import { at, containsUnknown, isUnknown, plainProps } from "./unknowns";

const DESTINATION_SCHEMA: PolicyConfigSchema = {
    properties: {
        requiredEventTypes: {
            type: "array",
            items: { type: "string", enum: [...ALL_EVENT_TYPES] },
            default: ["SEND", "BOUNCE", "COMPLAINT"],
            description: "SESv2 event types the CloudWatch destination must publish (legacy v1 lowercase names are compared in this spelling).",
        },
        dimensionName: {
            type: "string",
            default: CONFIGURATION_SET_DIMENSION,
            description: "The one dimension the destination must publish by (message-tag source), so that per-set metrics exist.",
        },
        exemptConfigurationSets: exemptions("Configuration set names"),
    },
};

interface DestinationConfig {
    requiredEventTypes: string[];
    dimensionName: string;
    exemptConfigurationSets: string[];
}

/** What keeps one destination from serving the set's alarms, or "unknown" when preview cannot tell. */
function destinationProblems(d: EventDestinationInfo, config: DestinationConfig): string[] | "unknown" {
    const problems: string[] = [];
    let unknown = false;
    if (isUnknown(d.enabled)) unknown = true;
    else if (d.enabled !== true) problems.push("is not enabled (set enabled: true; SES creates destinations disabled)");

    if (d.cloudWatchDimensions === undefined) {
        problems.push("does not publish to CloudWatch");
    } else if (isUnknown(d.cloudWatchDimensions) || containsUnknown(d.cloudWatchDimensions)) {
        unknown = true;
    } else {
        const dims = d.cloudWatchDimensions as DimensionInfo[];
        const ours = dims.filter((dim) => dim.name === config.dimensionName);
        if (ours.length === 0) {
            problems.push(`does not publish the ${config.dimensionName} dimension`);
        } else {
            if (ours.some((dim) => dim.source !== "MESSAGE_TAG")) problems.push(`takes ${config.dimensionName} from ${String(ours[0].source)} instead of MESSAGE_TAG`);
            const others = dims.filter((dim) => dim.name !== config.dimensionName).map((dim) => String(dim.name));
            // CloudWatch identifies a metric by all its dimensions: a metric published by
            // (ses:configuration-set, campaign) cannot be read by ses:configuration-set alone.
            if (others.length > 0) problems.push(`also publishes dimension ${others.join(", ")}, so its metrics cannot be read by ${config.dimensionName} alone (publish extra dimensions from a second destination)`);
        }
    }

    if (isUnknown(d.eventTypes)) {
        unknown = true;
    } else {
        if (d.eventTypes.some(isUnknown)) unknown = true;
        const missing = config.requiredEventTypes.filter((t) => !(d.eventTypes as unknown[]).includes(t));
        if (missing.length > 0 && !d.eventTypes.some(isUnknown)) problems.push(`does not publish ${missing.join(", ")}`);
    }
    if (problems.length === 0 && unknown) return "unknown";
    return problems;
}

function listing(items: string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const cloudWatchDestinationPolicy: StackValidationPolicy = {
    name: "ses-configuration-set-cloudwatch-destination",
    description: "Every SES configuration set (SESv2 or legacy v1) has an enabled event destination that publishes at least SEND, BOUNCE and COMPLAINT to CloudWatch by the ses:configuration-set dimension, so its rates can be alarmed on.",
    enforcementLevel: "mandatory",
    configSchema: DESTINATION_SCHEMA,
    validateStack: (args, reportViolation: ReportViolation) => {
        const config = configOf<DestinationConfig>(args, DESTINATION_SCHEMA);
        const sets = configurationSets(args.resources);
        if (sets.length === 0) args.notApplicable("the stack has no SES configuration set");
        const bySet = new DestinationsBySet(eventDestinations(args.resources), sets);
        const wanted = `enabled event destination that publishes ${listing(config.requiredEventTypes)} to CloudWatch with ${config.dimensionName} as its only dimension (source MESSAGE_TAG)`;
        for (const set of sets) {
            if (typeof set.name === "string" && config.exemptConfigurationSets.includes(set.name)) continue;
            const { own, anyMaybe } = bySet.of(set);
            const results = own.map((d) => ({ d, problems: destinationProblems(d, config) }));
            if (results.some((x) => Array.isArray(x.problems) && x.problems.length === 0)) continue;
            // Cannot tell before the update: a destination of this set with unknown settings, or
            // one whose set is not known yet. A stack with no destination at all still fails.
            if (results.some((x) => x.problems === "unknown") || anyMaybe) continue;
            const fix = `Add an ${wanted} (SesMonitoring creates one per set).`;
            if (own.length === 0) {
                reportViolation(`${describeSet(set)} has no event destination, so SES publishes no metrics for it and no alarm can see its bounce or complaint rate. ${fix}`, set.resource.urn);
                continue;
            }
            const details = results.map((x) => `${describeDestination(x.d)} ${listing(x.problems as string[])}`);
            reportViolation(`${describeSet(set)} has no ${wanted}: ${details.join("; ")}. ${fix}`, set.resource.urn);
        }
    },
};

type SetOptionsCheck = (set: { api: "sesv2" | "ses"; props: any }) => boolean | "unknown";

function setOptionsPolicy(
    name: string,
    description: string,
    check: SetOptionsCheck,
    message: (set: string) => string,
): ResourceValidationPolicy {
    const schema = { properties: { exemptConfigurationSets: exemptions("Configuration set names") } };
    const validate = (api: "sesv2" | "ses") => (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const config = configOf<{ exemptConfigurationSets: string[] }>(args, schema);
        const props = plainProps(args.props);
        const setName = at(props, api === "sesv2" ? "configurationSetName" : "name");
        if (typeof setName === "string" && config.exemptConfigurationSets.includes(setName)) return;
        if (check({ api, props }) !== false) return;
        const type = api === "sesv2" ? "aws.sesv2.ConfigurationSet" : "aws.ses.ConfigurationSet";
        reportViolation(message(typeof setName === "string" ? `${type} "${setName}"` : `${type} ${args.name}`));
    };
    return {
        name,
        description,
        enforcementLevel: "advisory",
        configSchema: schema,
        validateResource: (args, reportViolation) => {
            if (args.isType(aws.sesv2.ConfigurationSet)) return validate("sesv2")(args, reportViolation);
            if (args.isType(aws.ses.ConfigurationSet)) return validate("ses")(args, reportViolation);
            return args.notApplicable("only SES configuration sets");
        },
    };
}

export const reputationMetricsPolicy = setOptionsPolicy(
    "ses-reputation-metrics-enabled",
    "SES configuration sets publish their reputation metrics (Reputation.BounceRate / ComplaintRate by ses:configuration-set), which AWS computes over its own representative volume and so also cover low-volume sets.",
    ({ api, props }) => {
        const enabled = api === "sesv2" ? at(props, "reputationOptions", "reputationMetricsEnabled") : at(props, "reputationMetricsEnabled");
        if (isUnknown(enabled)) return "unknown";
        return enabled === true;
    },
    (set) => `${set} does not publish reputation metrics (they are off unless enabled), so no alarm can follow the bounce and complaint rates AWS enforces on for this set. Set reputationOptions.reputationMetricsEnabled (SESv2) or reputationMetricsEnabled (v1) to true.`,
);

export const tlsRequiredPolicy = setOptionsPolicy(
    "ses-tls-required",
    "SES configuration sets require TLS for delivery, so mail is never sent to the receiving server in plain text.",
    ({ props }) => {
        const policy = at(props, "deliveryOptions", "tlsPolicy");
        if (isUnknown(policy)) return "unknown";
        // v2 spells it REQUIRE, v1 Require; both default to optional.
        return typeof policy === "string" && policy.toUpperCase() === "REQUIRE";
    },
    (set) => `${set} lets SES deliver in plain text when the receiving server offers no TLS. Set deliveryOptions.tlsPolicy to "REQUIRE" (SESv2) or "Require" (v1).`,
);

export const configurationSetPolicies = [cloudWatchDestinationPolicy, reputationMetricsPolicy, tlsRequiredPolicy];
