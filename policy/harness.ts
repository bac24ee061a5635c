/**
 * Runs the pack's policies in-process over resources captured under Pulumi mocks (the repository's
 * tools/pulumiMocks.ts captures them in this shape), the way the Pulumi engine runs them with `--policy-pack`:
 * - config is reconciled as the CLI does: schema defaults, then the `all` enforcement level, then
 *   per-policy overrides (a level string or `{ enforcementLevel, ...properties }`), then checked
 *   against each policy's schema;
 * - each resource goes through every resource policy in registration order, then the stack
 *   policies run once over all resources with parents and dependencies linked;
 * - props reach policies wrapped by the policy SDK's unknown-checking proxy, with the preview's
 *   unknown values in the engine's encoding, so a policy that reads an unknown throws as it
 *   would in a real preview, and gets the engine's advisory "can't run ... during preview";
 * - `isType`/`asType` compare the classes' type tokens, `notApplicable` skips.
 * What it cannot reproduce: provider-side defaults and auto-names (props are the program's
 * inputs, not the provider's checked inputs or outputs) and per-property dependencies.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { policies as packPolicies } from "./policies";

/**
 * A resource as a program registered it: its type token, name, URN, inputs (a preview's unknowns
 * as Pulumi's `Unknown` values, secrets wrapped), parent URN, dependency URNs and `protect`.
 * The pack's tests build these by hand; the repository's mock runner captures them.
 */
export interface RegisteredResource {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    parent?: string;
    /** Absent is read as none, as a resource without dependencies. */
    dependencies?: string[];
    protect?: boolean;
}

export interface PolicyViolation {
    policyName: string;
    enforcementLevel: "mandatory" | "advisory" | "remediate" | "disabled";
    /** What the policy reported (the engine prints the policy's description above it). */
    message: string;
    urn?: string;
    resourceType?: string;
}

export interface RunPoliciesOptions {
    /** Policy pack config as the engine gets it: `{ all: "advisory", "<policy>": "mandatory" | { enforcementLevel?, ...properties } }`. */
    config?: Record<string, unknown>;
}

/** The pack's own default for policies that set no level (as index.ts builds it). */
const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";
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

/** The ses-monitoring pack over `resources`. */
export function runPolicies(resources: RegisteredResource[], options: RunPoliciesOptions = {}): Promise<PolicyViolation[]> {
    return runPolicySet(packPolicies, resources, options);
}

/** Any set of policies over `resources` (the harness itself is tested with stand-in policies). */
export async function runPolicySet(policies: Policies, resources: RegisteredResource[], options: RunPoliciesOptions = {}): Promise<PolicyViolation[]> {
    const config = resolvePolicyConfig(policies, options.config ?? {});
    const typeOf = new Map(resources.map((r) => [r.urn, r.type]));
    const violations: PolicyViolation[] = [];
    const reporter = (policyName: string, level: EnforcementLevel, defaultUrn?: string): ReportViolation =>
        (message: string, urn?: string) => {
            const where = urn ?? defaultUrn;
            violations.push({ policyName, enforcementLevel: level, message, urn: where, resourceType: where ? typeOf.get(where) : undefined });
        };
    const enabled = (p: { name: string }) => config.get(p.name)!.enforcementLevel !== "disabled";
    // As the engine does: a violation of a policy left at "remediate" is reported as mandatory.
    const reportedLevel = (p: { name: string }): EnforcementLevel => {
        const level = config.get(p.name)!.enforcementLevel;
        return level === "remediate" ? "mandatory" : level;
    };

    for (const r of resources) {
        for (const p of policies.filter(isResourcePolicy).filter(enabled)) {
            const validations: ResourceValidation[] = Array.isArray(p.validateResource) ? p.validateResource : p.validateResource ? [p.validateResource] : [];
            for (const validate of validations) {
                // The engine's shortcut: a validation tagged with a type token skips other types.
                const token = (validate as { __pulumiType?: string }).__pulumiType;
                if (token && token !== r.type) continue;
                const props = unknownCheckingProxy(engineProps(r.inputs ?? {}));
                const args: ResourceValidationArgs = {
                    type: r.type,
                    props,
                    urn: r.urn,
                    name: r.name,
                    opts: resourceOptions(r),
                    stackTags: NO_TAGS,
                    isType: (cls) => isTypeOf(r.type, cls),
                    asType: (cls: any) => (isTypeOf(r.type, cls) ? props : undefined) as any,
                    getConfig: <T extends object>() => ({ ...config.get(p.name)!.properties }) as T,
                    notApplicable,
                };
                await runOne(p.name, r.urn, () => validate(args, reporter(p.name, reportedLevel(p), r.urn)), violations);
            }
        }
    }

    for (const p of policies.filter(isStackPolicy).filter(enabled)) {
        const args: StackValidationArgs = {
            resources: stackResources(resources),
            stackTags: NO_TAGS,
            getConfig: <T extends object>() => ({ ...config.get(p.name)!.properties }) as T,
            notApplicable,
        };
        await runOne(p.name, undefined, () => p.validateStack(args, reporter(p.name, reportedLevel(p))), violations);
    }
    return violations;
}

async function runOne(policyName: string, urn: string | undefined, run: () => unknown, violations: PolicyViolation[]): Promise<void> {
    try {
        await run();
    } catch (e) {
        if (e instanceof NotApplicable) return;
        if (e instanceof UnknownValueError) {
            // The engine's answer to a policy that touches an unknown: an advisory note, no verdict.
            violations.push({ policyName, enforcementLevel: "advisory", message: `can't run policy '${policyName}' during preview: ${(e as Error).message}`, urn });
            return;
        }
        const where = urn ? ` on ${urn}` : "";
        throw new Error(`policy ${policyName} failed${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return "validateResource" in p && p.validateResource !== undefined;
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

const NO_TAGS: ReadonlyMap<string, string> = new Map();

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = (resourceClass as { __pulumiType?: unknown })?.__pulumiType;
    if (typeof token === "string" && token.length > 0) return type === token;
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean })?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/**
 * Mock inputs in the engine's wire form: a preview's unknowns (`Unknown` objects under mocks)
 * become the engine's unknown sentinel, which the policy SDK's proxy recognises; secrets are
 * unwrapped, as the SDK hands policies plain values; undefined properties are absent, as the
 * engine drops them, and undefined list items are null.
 */
export function engineProps(value: unknown): any {
    if (pulumi.isUnknown(value)) return pulumi.runtime.unknownValue;
    // A list carries no undefined on the wire: the engine's protobuf list holds null there.
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : engineProps(item)));
    if (value === null || typeof value !== "object") return value;
    const sig = (value as Record<string, unknown>)[pulumi.runtime.specialSigKey];
    if (sig === pulumi.runtime.specialSecretSig) return engineProps((value as { value: unknown }).value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) out[k] = engineProps(v);
    }
    return out;
}

/**
 * The options the engine sends a policy (`AnalyzerResourceOptions`): `protect` is among them,
 * `retainOnDelete` is not (neither the analyzer protocol of @pulumi/pulumi 3.248 nor
 * @pulumi/policy 1.21 carries it), so it is deliberately not passed on here either: a policy
 * that relied on it would pass these tests and never see it under `pulumi preview`.
 */
function resourceOptions(r: RegisteredResource): PolicyResourceOptions {
    return {
        protect: r.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

function stackResources(resources: RegisteredResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const out = resources.map((r) => {
        const props = unknownCheckingProxy(engineProps(r.inputs ?? {}));
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: (cls: any) => (isTypeOf(r.type, cls) ? props : undefined) as any,
        };
        byUrn.set(r.urn, resource);
        return resource;
    });
    resources.forEach((r, i) => {
        if (r.parent && byUrn.has(r.parent)) out[i].parent = byUrn.get(r.parent);
        out[i].dependencies = (r.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
    });
    return out;
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
