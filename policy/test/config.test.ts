import * as assert from "assert";
import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { PolicyConfigError, resolvePolicyConfig } from "../harness";
import { policies } from "../policies";
import { UnknownConfigPropertyError } from "../policyConfig";

/** What a policy gets from the engine once the CLI has passed on a config it could not refuse. */
function engineArgs(config: Record<string, unknown>) {
    const any = { isType: () => true, asType: () => ({}) };
    const resource: ResourceValidationArgs = {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm", props: {}, urn: "urn:pulumi:test::p::t::n", name: "n", stackTags: new Map(),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        getConfig: <T extends object>() => config as T, notApplicable: () => { throw new Error("not applicable"); }, ...any,
    } as ResourceValidationArgs;
    const stack: StackValidationArgs = { resources: [] as PolicyResource[], stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable: () => { throw new Error("not applicable"); } };
    return { resource, stack };
}

describe("policy config", () => {
    it("each policy refuses a property its schema does not have, naming it and the ones it takes", async () => {
        for (const p of policies) {
            const { resource, stack } = engineArgs({ exemptAlarmName: ["x"] });
            const run = "validateStack" in p
                ? () => (p as StackValidationPolicy).validateStack(stack, () => undefined)
                : () => ((p as ResourceValidationPolicy).validateResource as any)(resource, () => undefined);
            await assert.rejects(async () => run(), (e: unknown) => {
                assert.ok(e instanceof UnknownConfigPropertyError, `${p.name}: ${e}`);
                assert.strictEqual(e.message, `unknown config property "exemptAlarmName": this policy takes ${Object.keys(p.configSchema!.properties).join(", ")} (and enforcementLevel)`);
                return true;
            });
        }
    });

    it("names every unknown property at once", async () => {
        const actions = policies.find((p) => p.name === "ses-alarm-has-actions") as ResourceValidationPolicy;
        const { resource } = engineArgs({ requireOkAction: true, exempt: [], requireOkActions: true });
        await assert.rejects(async () => (actions.validateResource as any)(resource, () => undefined),
            { message: 'unknown config properties "requireOkAction", "exempt": this policy takes requireOkActions, exemptAlarmNames (and enforcementLevel)' });
    });

    it("the in-process runner refuses an unknown policy name before any policy runs", () => {
        assert.throws(() => resolvePolicyConfig(policies, { "ses-alarm-metrics-exist": "mandatory" }), (e: unknown) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.deepStrictEqual(e.problems, [`ses-alarm-metrics-exist: no policy of that name (the pack has ${policies.map((p) => p.name).join(", ")})`]);
            return true;
        });
    });
});
