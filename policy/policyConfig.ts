/**
 * Policy config schemas and reading them. The engine fills in schema defaults before a policy
 * runs; `configOf` applies them again so a policy behaves the same when a caller (a test, the
 * offline plan) passes partial config.
 */
import { PolicyConfigSchema } from "@pulumi/policy";

export function defaultsOf(schema: PolicyConfigSchema): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (property.default !== undefined) defaults[key] = property.default;
    }
    return defaults;
}

export function configOf<T>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
    return { ...defaultsOf(schema), ...args.getConfig<Record<string, unknown>>() } as T;
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
