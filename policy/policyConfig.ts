/**
 * Policy config schemas and reading them. The engine fills in schema defaults before a policy
 * runs; `configOf` applies them again so a policy behaves the same when a caller (a test, the
 * offline plan) passes partial config.
 *
 * The CLI checks `--policy-pack-config` values against each policy's schema (types, enums,
 * bounds), but it validates only the schema's `properties` and `required`: a property the schema
 * does not name passes, and reaches the policy. A misspelt property would silently leave its
 * default in force, so `configOf` refuses it, and the engine fails the preview with the message.
 */
import { PolicyConfigSchema } from "@pulumi/policy";

export function defaultsOf(schema: PolicyConfigSchema): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (property.default !== undefined) defaults[key] = property.default;
    }
    return defaults;
}

export class UnknownConfigPropertyError extends Error {
    constructor(public readonly properties: string[], schema: PolicyConfigSchema) {
        const known = Object.keys(schema.properties);
        const list = properties.map((p) => JSON.stringify(p)).join(", ");
        super(`unknown config ${properties.length === 1 ? "property" : "properties"} ${list}: this policy takes ${known.join(", ") || "none"} (and enforcementLevel)`);
        this.name = "UnknownConfigPropertyError";
    }
}

export function configOf<T>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
    const given = args.getConfig<Record<string, unknown>>() ?? {};
    const unknown = Object.keys(given).filter((key) => !Object.prototype.hasOwnProperty.call(schema.properties, key));
    if (unknown.length > 0) throw new UnknownConfigPropertyError(unknown, schema);
    return { ...defaultsOf(schema), ...given } as T;
}

/** `exemptConfigurationSets`, `exemptAlarmNames`, `exemptTopicNames`: a list of names, default none. */
export function exemptions(what: string): PolicyConfigSchema["properties"][string] {
    return {
        type: "array",
        items: { type: "string" },
        default: [],
        description: `${what} this policy does not check (for example ones another team owns).`,
    };
}
