/** Defaults and checks of a configuration set and its CloudWatch event publishing (pure). */
import { ALL_EVENT_TYPES, DIMENSION_VALUE_SOURCES, EventType, LIMITS, SES_AUTO_TAG_DIMENSIONS } from "../shared/catalog";
import { Checker } from "../shared/checker";
import { resolveEventTypes } from "../shared/eventDestinations";

export interface DimensionSettings {
    name: string;
    source: string;
    defaultValue: string;
}

/**
 * Dimension names and default values: 1-256 characters (the AWS provider's validation of
 * `dimension_name` and `default_dimension_value`), of the characters the SES Developer Guide lists
 * ("Set up a CloudWatch event destination").
 */
const DIMENSION_NAME = /^[A-Za-z0-9_-]{1,256}$/;

const DIMENSION_VALUE = /^[A-Za-z0-9_.@-]{1,256}$/;

/**
 * Headers SES does not let an `EMAIL_HEADER` dimension read (SES Developer Guide, "Set up a
 * CloudWatch event destination"). Header names are case-insensitive (RFC 5322), so is the check.
 */
export const RESERVED_EMAIL_HEADERS = ["Received", "To", "From", "DKIM-Signature", "CC", "message-id", "Return-Path"] as const;

/** A configuration set's own options: what the set is and what it publishes to CloudWatch. */
export interface ConfigurationSetOptions {
    name: string;
    manage: boolean;
    /** Leave the live set in place when it leaves the stack (Pulumi `retainOnDelete`). */
    retainOnDelete: boolean;
    eventTypes: EventType[];
    tlsRequired: boolean;
    suppressBouncesAndComplaints: boolean;
    reputationMetrics: boolean;
    dimensions: DimensionSettings[];
}

/** The set's name and its own fields of `ConfigurationSetArgs`; `path` is `configurationSets.<name>`. */
export function resolveConfigurationSetOptions(check: Checker, path: string, name: string, set: Record<string, unknown>): ConfigurationSetOptions {
    if (!LIMITS.configurationSetName.test(name)) {
        check.fail(path, name, "is not a valid configuration set name (1-64 of [A-Za-z0-9_-])");
    }
    const eventTypes = resolveEventTypes(check, `${path}.eventTypes`, set.eventTypes, ALL_EVENT_TYPES);
    const dimensions = resolveDimensions(check, `${path}.dimensions`, set.dimensions);
    const manage = check.boolean(`${path}.manage`, set.manage, true);
    return {
        name,
        manage,
        retainOnDelete: check.boolean(`${path}.retainOnDelete`, set.retainOnDelete, true),
        eventTypes,
        tlsRequired: check.boolean(`${path}.tlsRequired`, set.tlsRequired, true),
        suppressBouncesAndComplaints: check.boolean(`${path}.suppressBouncesAndComplaints`, set.suppressBouncesAndComplaints, true),
        // A set this stack does not manage may not publish reputation metrics: alarming on metrics
        // that never come would sit in INSUFFICIENT_DATA, so the user has to say they exist.
        reputationMetrics: check.boolean(`${path}.reputationMetrics`, set.reputationMetrics, manage),
        dimensions,
    };
}

/** Extra dimensions, published by a second CloudWatch destination: at most 10, each name once. */
function resolveDimensions(check: Checker, path: string, value: unknown): DimensionSettings[] {
    const dimensions: DimensionSettings[] = [];
    const givenDimensions = check.array(path, value);
    if (givenDimensions.length > LIMITS.dimensionsPerCloudWatchDestination) {
        check.fail(path, `${givenDimensions.length} dimensions`, `exceed the ${LIMITS.dimensionsPerCloudWatchDestination} a CloudWatch event destination allows`);
    }
    givenDimensions.forEach((raw, i) => {
        const dpath = `${path}[${i}]`;
        const dim = check.object(dpath, raw, ["name", "source", "defaultValue"]);
        if (!dim) {
            if (raw === undefined || raw === null) check.fail(dpath, raw, "is not an object");
            return;
        }
        const dimName = typeof dim.name === "string" && (SES_AUTO_TAG_DIMENSIONS as readonly string[]).includes(dim.name)
            ? dim.name
            : check.string(`${dpath}.name`, dim.name, DIMENSION_NAME, "is not a dimension name (1-256 of [A-Za-z0-9_-], or an ses: auto-tag)");
        if (dim.name === undefined) check.fail(`${dpath}.name`, dim.name, "is required");
        const source = dim.source === undefined ? "MESSAGE_TAG" : check.string(`${dpath}.source`, dim.source,
            new RegExp(`^(${DIMENSION_VALUE_SOURCES.join("|")})$`), `is not one of ${DIMENSION_VALUE_SOURCES.join(", ")}`);
        if (source === "EMAIL_HEADER" && dimName !== undefined
            && RESERVED_EMAIL_HEADERS.some((h) => h.toLowerCase() === dimName.toLowerCase())) {
            check.fail(`${dpath}.name`, dimName, `is a header an EMAIL_HEADER dimension cannot read (SES refuses ${RESERVED_EMAIL_HEADERS.join(", ")})`);
        }
        const defaultValue = check.string(`${dpath}.defaultValue`, dim.defaultValue, DIMENSION_VALUE, "is not a default dimension value (1-256 of [A-Za-z0-9_.@-])");
        if (dim.defaultValue === undefined) check.fail(`${dpath}.defaultValue`, dim.defaultValue, "is required");
        if (dimName !== undefined && dimensions.some((d) => d.name === dimName)) {
            check.fail(`${dpath}.name`, dimName, "is listed twice");
        } else if (dimName !== undefined && source !== undefined && defaultValue !== undefined) {
            dimensions.push({ name: dimName, source, defaultValue });
        }
    });
    return dimensions;
}
