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
import { policies as packPolicies } from "./policies";
import { resolvePolicyConfig } from "./policyConfig";

// Config is reconciled and checked by the pack's own module (the packed check-config command uses it too).
export { PolicyConfigError, resolvePolicyConfig, ResolvedPolicyConfig } from "./policyConfig";

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
    // Each policy gets its own proxy over the props, as from the engine; the wire form is built once.
    const wireForm = new Map<RegisteredResource, unknown>();
    const wire = (r: RegisteredResource) => {
        if (!wireForm.has(r)) wireForm.set(r, engineProps(r.inputs ?? {}));
        return wireForm.get(r);
    };
    const enabled = (p: { name: string }) => config.get(p.name)!.enforcementLevel !== "disabled";
    // As the engine does: a violation of a policy left at "remediate" is reported as mandatory.
    const reportedLevel = (p: { name: string }): EnforcementLevel => {
        const level = config.get(p.name)!.enforcementLevel;
        return level === "remediate" ? "mandatory" : level;
    };

    const resourcePolicies = policies.filter(isResourcePolicy).filter(enabled);
    for (const r of resources) {
        for (const p of resourcePolicies) {
            const validations: ResourceValidation[] = Array.isArray(p.validateResource) ? p.validateResource : p.validateResource ? [p.validateResource] : [];
            for (const validate of validations) {
                // The engine's shortcut: a validation tagged with a type token skips other types.
                const token = (validate as { __pulumiType?: string }).__pulumiType;
                if (token && token !== r.type) continue;
                // Made on first read: most policies end at the type check for most resources.
                let props: any;
                const propsOf = () => (props ??= unknownCheckingProxy(wire(r)));
                const args: ResourceValidationArgs = {
                    type: r.type,
                    get props() { return propsOf(); },
                    urn: r.urn,
                    name: r.name,
                    opts: resourceOptions(r),
                    stackTags: NO_TAGS,
                    isType: (cls) => isTypeOf(r.type, cls),
                    asType: (cls: any) => (isTypeOf(r.type, cls) ? propsOf() : undefined) as any,
                    getConfig: <T extends object>() => ({ ...config.get(p.name)!.properties }) as T,
                    notApplicable,
                };
                const running = runOne(p.name, r.urn, () => validate(args, reporter(p.name, reportedLevel(p), r.urn)), violations);
                if (running) await running;
            }
        }
    }

    for (const p of policies.filter(isStackPolicy).filter(enabled)) {
        const args: StackValidationArgs = {
            resources: stackResources(resources, wire),
            stackTags: NO_TAGS,
            getConfig: <T extends object>() => ({ ...config.get(p.name)!.properties }) as T,
            notApplicable,
        };
        const running = runOne(p.name, undefined, () => p.validateStack(args, reporter(p.name, reportedLevel(p))), violations);
        if (running) await running;
    }
    return violations;
}

/**
 * Runs one validation. Most are synchronous, and then so is this: awaiting only a promise saves a
 * turn for each of the hundreds of thousands of (resource, policy) pairs of a large stack.
 */
function runOne(policyName: string, urn: string | undefined, run: () => unknown, violations: PolicyViolation[]): Promise<void> | undefined {
    const handle = (e: unknown): void => {
        if (e instanceof NotApplicable) return;
        if (e instanceof UnknownValueError) {
            // The engine's answer to a policy that touches an unknown: an advisory note, no verdict.
            violations.push({ policyName, enforcementLevel: "advisory", message: `can't run policy '${policyName}' during preview: ${(e as Error).message}`, urn });
            return;
        }
        const where = urn ? ` on ${urn}` : "";
        throw new Error(`policy ${policyName} failed${where}: ${e instanceof Error ? e.message : String(e)}`);
    };
    try {
        const result = run();
        if (result instanceof Promise) return result.then(() => undefined, handle);
    } catch (e) {
        handle(e);
    }
    return undefined;
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return "validateResource" in p && p.validateResource !== undefined;
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/**
 * What `notApplicable` throws. Not an Error: every resource of another type ends a resource
 * policy this way, and a stack trace for each (a hundred thousand on a large stack) would cost
 * more than the policies.
 */
class NotApplicable {
    constructor(readonly reason?: string) {}
}

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

function stackResources(resources: RegisteredResource[], wire: (r: RegisteredResource) => unknown): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const out = resources.map((r) => {
        const props = unknownCheckingProxy(wire(r));
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
