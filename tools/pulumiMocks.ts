/**
 * Runs a Pulumi program in-process under mocks (no CLI, no cloud account) and returns every
 * resource it registered, with its inputs, parent and dependencies. Used by the tests, and by the
 * offline tools that show what a stack would create.
 */
import * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT = { accountId: "123456789012", partition: "aws", region: "us-east-1" };

/** The stack's `aws:region` when set, as the provider would use it. */
function mockRegion(): string {
    return pulumi.runtime.getConfig("aws:region") ?? MOCK_ACCOUNT.region;
}

export interface RegisteredResource {
    type: string;
    name: string;
    urn: string;
    /** Inputs as the engine receives them (unknowns in a preview are absent). */
    inputs: Record<string, any>;
    parent?: string;
    dependencies: string[];
    custom: boolean;
    /** The `protect` resource option as registered (inherited from the parent by the SDK); absent when unset. */
    protect?: boolean;
    /** The `retainOnDelete` resource option as registered; absent when unset. */
    retainOnDelete?: boolean;
}

export interface MockRunOptions {
    project?: string;
    stack?: string;
    /** Run as a preview: outputs the provider would compute stay unknown. */
    preview?: boolean;
}

/** The physical name the program gave a resource, if any (the input the AWS provider names it by). */
function physicalName(inputs: Record<string, any>): string | undefined {
    const given = inputs.name ?? inputs.alarmName ?? inputs.configurationSetName ?? inputs.dashboardName ?? inputs.bucket;
    return typeof given === "string" ? given : undefined;
}

/**
 * The id the AWS provider gives a resource: its physical name where it has one (an IAM role, a
 * Lambda function, an S3 bucket, a log group, an alarm), a topic's ARN; else a stable stand-in.
 * Inputs that take another resource's id (`role: role.id`, `bucket: bucket.id`) then change with
 * its name, as they do in AWS, and the plan's `--compare` sees them replaced.
 */
function mockId(type: string, name: string, state: Record<string, any>, inputs: Record<string, any>): string {
    if (type === "aws:sns/topic:Topic") return state.arn;
    return physicalName(inputs) ?? `${name}-id`;
}

/**
 * The region of an explicit AWS provider, by its reference (`<urn>::<id>`, as the SDK passes it to a
 * resource or an invoke that uses the provider, given or inherited): what the provider would deploy to.
 */
function providerRegion(providers: Map<string, string>, reference: string | undefined): string | undefined {
    if (!reference) return undefined;
    const id = reference.slice(reference.lastIndexOf("::") + 2);
    return providers.get(id);
}

/** Outputs a provider would compute, so that ARNs and names flow into dependent inputs. */
function mockState(type: string, name: string, inputs: Record<string, any>, region: string = mockRegion()): Record<string, any> {
    const { accountId, partition } = MOCK_ACCOUNT;
    const physical = physicalName(inputs) ?? name;
    const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
    const arns: Record<string, string> = {
        "aws:sns/topic:Topic": `arn:${partition}:sns:${region}:${accountId}:${physical}`,
        "aws:cloudwatch/metricAlarm:MetricAlarm": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${physical}`,
        "aws:cloudwatch/compositeAlarm:CompositeAlarm": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${physical}`,
        "aws:sesv2/configurationSet:ConfigurationSet": `arn:${partition}:ses:${region}:${accountId}:configuration-set/${physical}`,
        "aws:cloudwatch/dashboard:Dashboard": `arn:${partition}:cloudwatch::${accountId}:dashboard/${physical}`,
    };
    return {
        ...inputs,
        arn: arns[type] ?? `arn:${partition}:${service}:${region}:${accountId}:${physical}`,
    };
}

const CALLS: Record<string, (region: string) => Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: MOCK_ACCOUNT.accountId,
        arn: `arn:aws:iam::${MOCK_ACCOUNT.accountId}:user/plan`,
        userId: "AIDAPLAN",
        id: MOCK_ACCOUNT.accountId,
    }),
    "aws:index/getPartition:getPartition": () => ({ partition: MOCK_ACCOUNT.partition, dnsSuffix: "amazonaws.com", id: MOCK_ACCOUNT.partition }),
    "aws:index/getRegion:getRegion": (region) => ({
        region,
        name: region,
        endpoint: `ec2.${region}.amazonaws.com`,
        id: region,
    }),
};

/**
 * Sets fresh mocks, runs `program`, waits until every registration has settled, and returns the
 * resources in registration order. A program that throws rejects with its error, and so does one
 * whose Outputs fail while resolving (as the deployment would).
 */
export async function runUnderMocks(program: () => unknown, options: MockRunOptions = {}): Promise<RegisteredResource[]> {
    const resources: RegisteredResource[] = [];
    const pending = new Map<string, { type: string; name: string; inputs: Record<string, any>; custom: boolean }>();
    // Explicit AWS providers' regions by id: a resource or invoke that uses one is in its region.
    const providers = new Map<string, string>();
    // Config is process-wide: a previous run's stack config (its aws:region, say) must not leak in.
    pulumi.runtime.setAllConfig({}, []);
    await pulumi.runtime.setMocks({
        newResource(args) {
            pending.set(`${args.type}::${args.name}`, { type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true });
            if (args.type === "pulumi:providers:aws" && typeof args.inputs.region === "string") providers.set(`${args.name}-id`, args.inputs.region);
            if (options.preview) return { id: undefined, state: args.inputs };
            const region = providerRegion(providers, args.provider) ?? mockRegion();
            const state = mockState(args.type, args.name, args.inputs, region);
            return { id: mockId(args.type, args.name, state, args.inputs), state };
        },
        call(args) {
            const result = CALLS[args.token];
            if (!result) throw new Error(`no mock for invoke ${args.token}`);
            return result(providerRegion(providers, args.provider) ?? mockRegion());
        },
    }, options.project ?? "ses-monitoring", options.stack ?? "test", options.preview ?? false);

    // Wrap the mock monitor to see what the engine would: parent and dependencies of each resource.
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, response: any) => void) =>
        register(req, (err: any, response: any) => {
            if (!err) {
                const seen = pending.get(`${req.getType()}::${req.getName()}`);
                resources.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn: response.getUrn(),
                    inputs: seen?.inputs ?? {},
                    parent: req.getParent() || undefined,
                    dependencies: req.getDependenciesList(),
                    custom: req.getCustom(),
                    // Both are optional in the request: set only when the program (or a parent) gave them.
                    ...(req.hasProtect() ? { protect: req.getProtect() } : {}),
                    ...(req.hasRetainondelete() ? { retainOnDelete: req.getRetainondelete() } : {}),
                });
            }
            callback(err, response);
        });

    // Pulumi's runtime keeps debugging aids (a stack trace per promise and resource, a wrapper per
    // internal promise) that nothing reads under mocks; they cost most of a large run.
    const restore = withoutDebugBookkeeping();
    // An Output that fails while resolving (a check inside an apply, say) fails a real deployment
    // with its message; under mocks it surfaces as an unhandled rejection and the RPCs never drain:
    // reject with it instead.
    let onRejection: (reason: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => { onRejection = reject; });
    failed.catch(() => undefined);
    process.on("unhandledRejection", onRejection);
    try {
        // An output failing as the RPCs drain (a later turn of paced creation, say) is reported by
        // Node after the microtasks that settle the run: wait one macrotask for it before leaving.
        await Promise.race([(async () => { await program(); await settle(); await new Promise((resolve) => setImmediate(resolve)); })(), failed]);
    } finally {
        process.off("unhandledRejection", onRejection);
        restore();
    }
    return resources;
}

/**
 * Pulumi's runtime keeps debugging aids that only a deployment's error reports read, and that cost
 * more than the resources themselves in a large run under mocks:
 * - a stack trace on every promise (`Error.stackTraceLimit` 0 keeps them empty; errors keep their
 *   messages);
 * - every internal promise wrapped by `debuggablePromise` (a context string, a stack trace, a
 *   leak-candidate set entry and two more promises), four for each output property of each
 *   resource: about 120 for a metric alarm, all alive until the run settles;
 * - each resource's source position, from a stack trace of unlimited depth mapped through ts-node's
 *   source maps (`Resource.callsites`), sent to the engine, which the mock monitor ignores.
 * This turns them off while a program runs under mocks and returns what puts them back. The
 * resources, their inputs, parents, dependencies and options are unchanged (the stack snapshots
 * prove it).
 */
function withoutDebugBookkeeping(): () => void {
    // Internal modules of @pulumi/pulumi, read through the module objects the runtime calls them on.
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
    const resourceClass = pulumi.Resource as unknown as { callsites?: () => unknown[] };
    if (typeof debuggable.debuggablePromise !== "function" || typeof resourceClass.callsites !== "function") {
        throw new Error("@pulumi/pulumi no longer has runtime/debuggable.debuggablePromise or Resource.callsites: update tools/pulumiMocks.ts");
    }
    const saved = { stackTraceLimit: Error.stackTraceLimit, debuggablePromise: debuggable.debuggablePromise, callsites: resourceClass.callsites };
    Error.stackTraceLimit = 0;
    debuggable.debuggablePromise = (p) => p;
    resourceClass.callsites = () => [];
    return () => {
        Error.stackTraceLimit = saved.stackTraceLimit;
        debuggable.debuggablePromise = saved.debuggablePromise;
        resourceClass.callsites = saved.callsites;
    };
}

/** Waits for the runtime's outstanding RPCs (registrations, invokes) to drain. */
async function settle(): Promise<void> {
    const waitForRPCs = (pulumi.runtime as any).waitForRPCs as (() => Promise<void>) | undefined;
    if (!waitForRPCs) throw new Error("@pulumi/pulumi no longer exposes runtime.waitForRPCs: update tools/pulumiMocks.ts");
    await waitForRPCs();
}

/** Resolves an Output's value under mocks (test helper). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => { resolve(v); return v; }));
}
