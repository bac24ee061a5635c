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
import { EnforcementLevel, Policies, PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

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

/** The pack's own level for policies that set none (index.ts builds the pack with it; each of ours sets one). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export class PolicyConfigError extends Error {
    constructor(public readonly problems: string[]) {
        super(`invalid policy pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

/**
 * Reconciles pack config the way the Pulumi CLI does: each policy starts from its own level (or
 * the pack's) and its schema defaults; `all` sets every level; a policy's own entry overrides
 * both. Then the result is checked against the schemas. Stricter than the CLI on purpose: an
 * unknown policy name or property is an error rather than silently ignored, since a typo there
 * would quietly switch a guard off.
 */
export function resolvePolicyConfig(policies: Policies, given: Record<string, unknown>): Map<string, ResolvedPolicyConfig> {
    const problems: string[] = [];
    const result = new Map<string, ResolvedPolicyConfig>();
    for (const p of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema.default !== undefined) properties[key] = structuredClone(schema.default);
        }
        result.set(p.name, { enforcementLevel: p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL, properties });
    }

    const parsed = new Map<string, { level?: EnforcementLevel; properties: Record<string, unknown> }>();
    for (const [key, value] of Object.entries(given)) {
        if (key !== "all" && !result.has(key)) {
            problems.push(`${key}: no policy of that name (the pack has ${[...result.keys()].join(", ")})`);
            continue;
        }
        let level: unknown;
        let properties: Record<string, unknown> = {};
        if (typeof value === "string") {
            level = value;
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            ({ enforcementLevel: level, ...properties } = value as Record<string, unknown>);
        } else {
            problems.push(`${key}: ${JSON.stringify(value)} is not an enforcement level or an object`);
            continue;
        }
        if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
            problems.push(`${key}: enforcement level ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`);
            level = undefined;
        }
        if (key === "all" && Object.keys(properties).length > 0) problems.push(`all: only takes an enforcement level, not ${Object.keys(properties).join(", ")}`);
        parsed.set(key, { level: level as EnforcementLevel | undefined, properties });
    }

    const all = parsed.get("all")?.level;
    if (all) result.forEach((c) => { c.enforcementLevel = all; });
    for (const [name, { level, properties }] of parsed) {
        if (name === "all") continue;
        const c = result.get(name)!;
        if (level) c.enforcementLevel = level;
        Object.assign(c.properties, properties);
    }

    for (const p of policies) {
        const schema: PolicyConfigSchema = p.configSchema ?? { properties: {} };
        const properties = result.get(p.name)!.properties;
        for (const [key, value] of Object.entries(properties)) {
            const property = schema.properties[key];
            if (!property) problems.push(`${p.name}.${key}: not a config property of this policy (it has ${Object.keys(schema.properties).join(", ") || "none"})`);
            else checkValue(`${p.name}.${key}`, value, property, problems);
        }
        for (const key of schema.required ?? []) {
            if (!(key in properties)) problems.push(`${p.name}.${key}: required`);
        }
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}

function typeName(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

/** The JSON Schema keywords the pack's schemas use. */
function checkValue(path: string, value: unknown, schema: PolicyConfigJSONSchema, problems: string[]): void {
    const actual = typeName(value);
    const allowed = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
    if (allowed && !allowed.some((t) => t === actual || (t === "number" && actual === "integer"))) {
        problems.push(`${path}: ${JSON.stringify(value)} is not of type ${allowed.join(" or ")}`);
        return;
    }
    if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
        problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: ${value} is below the minimum ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: ${value} is above the maximum ${schema.maximum}`);
        if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) problems.push(`${path}: ${value} must be greater than ${schema.exclusiveMinimum}`);
        if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) problems.push(`${path}: ${value} must be less than ${schema.exclusiveMaximum}`);
    }
    if (Array.isArray(value) && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items)) {
        value.forEach((item, i) => checkValue(`${path}[${i}]`, item, schema.items as PolicyConfigJSONSchema, problems));
    }
}
