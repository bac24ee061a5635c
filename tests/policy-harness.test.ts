import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { PolicyConfigError, resolvePolicyConfig, runPolicies, runPolicySet } from "../policy/harness";
import { policies } from "../policy/policies";
import { runUnderMocks } from "../tools/pulumiMocks";

const THRESHOLDS = "ses-alarm-threshold-below-review";

/** A reputation alarm at 6 % and no actions: two mandatory violations. */
function badAlarm() {
    return runUnderMocks(() => {
        new aws.cloudwatch.MetricAlarm("bounces", {
            name: "bounces", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 0.06,
            namespace: "AWS/SES", metricName: "Reputation.BounceRate", statistic: "Average", period: 3600,
        });
    });
}

describe("policy harness: config as the engine reconciles it", () => {
    it("applies every policy's schema defaults and own level", () => {
        const config = resolvePolicyConfig(policies, {});
        assert.deepStrictEqual(config.get(THRESHOLDS), {
            enforcementLevel: "mandatory",
            properties: { bounceReviewPercent: 5, complaintReviewPercent: 0.1, reportUnknownUnits: true, exemptAlarmNames: [] },
        });
        assert.deepStrictEqual(config.get("ses-tls-required"), { enforcementLevel: "advisory", properties: { exemptConfigurationSets: [] } });
    });

    it("sets every level from `all`, then lets a policy's own entry override it", async () => {
        const resources = await badAlarm();
        const levels = async (config: Record<string, unknown>) => (await runPolicies(resources, { config })).map((v) => `${v.policyName}:${v.enforcementLevel}`);
        assert.deepStrictEqual(await levels({}), [`${THRESHOLDS}:mandatory`, "ses-alarm-has-actions:mandatory"]);
        assert.deepStrictEqual(await levels({ all: "advisory" }), [`${THRESHOLDS}:advisory`, "ses-alarm-has-actions:advisory"]);
        assert.deepStrictEqual(await levels({ all: "advisory", [THRESHOLDS]: { enforcementLevel: "mandatory", bounceReviewPercent: 4 } }),
            [`${THRESHOLDS}:mandatory`, "ses-alarm-has-actions:advisory"]);
        assert.deepStrictEqual(await levels({ all: "disabled", "ses-alarm-has-actions": "mandatory" }), ["ses-alarm-has-actions:mandatory"]);
        // The engine reports a violation of a policy left at remediate as mandatory.
        assert.deepStrictEqual(await levels({ "ses-alarm-has-actions": "remediate", [THRESHOLDS]: "disabled" }), ["ses-alarm-has-actions:mandatory"]);
    });

    it("refuses invalid config with every problem named", () => {
        assert.throws(() => resolvePolicyConfig(policies, {
            all: "strict",
            "ses-alarm-thresholds": "mandatory",
            [THRESHOLDS]: { bounceReviewPercent: "5", complaintReviewPercent: 0, exemptAlarmNames: [1], typo: true },
            "ses-configuration-set-cloudwatch-destination": { requiredEventTypes: ["SEND", "BOUNCES"] },
        }), (e: unknown) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.deepStrictEqual(e.problems, [
                'all: enforcement level "strict" is not one of advisory, mandatory, remediate, disabled',
                `ses-alarm-thresholds: no policy of that name (the pack has ${policies.map((p) => p.name).join(", ")})`,
                'ses-configuration-set-cloudwatch-destination.requiredEventTypes[1]: "BOUNCES" is not one of "SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"',
                `${THRESHOLDS}.bounceReviewPercent: "5" is not of type number`,
                `${THRESHOLDS}.complaintReviewPercent: 0 must be greater than 0`,
                `${THRESHOLDS}.exemptAlarmNames[0]: 1 is not of type string`,
                `${THRESHOLDS}.typo: not a config property of this policy (it has bounceReviewPercent, complaintReviewPercent, reportUnknownUnits, exemptAlarmNames)`,
            ]);
            return true;
        });
    });
});

describe("policy harness: validation args shaped as the engine passes them", () => {
    it("gives resource policies typed props, type checks by token, URN, name, parent and config", async () => {
        const seen: unknown[] = [];
        const policy: ResourceValidationPolicy = {
            name: "probe",
            description: "records what a resource policy gets",
            enforcementLevel: "advisory",
            configSchema: { properties: { limit: { type: "number", default: 3 } } },
            validateResource: validateResourceOfType(aws.sns.Topic, (topic, args, report) => {
                seen.push([args.type, args.name, args.urn, args.opts.parent, args.isType(aws.sns.Topic), args.isType(aws.sqs.Queue), topic.name, args.getConfig()]);
                report(`topic ${topic.name}`);
            }),
        };
        const resources = await runUnderMocks(() => {
            new aws.sns.Topic("alerts", { name: "alerts" });
            new aws.sqs.Queue("queue", {});
        });
        const violations = await runPolicySet([policy], resources, { config: { probe: { limit: 5 } } });
        assert.deepStrictEqual(seen, [[
            "aws:sns/topic:Topic", "alerts", "urn:pulumi:test::ses-monitoring::aws:sns/topic:Topic::alerts", undefined, true, false, "alerts", { limit: 5 },
        ]]);
        assert.deepStrictEqual(violations, [{
            policyName: "probe", enforcementLevel: "advisory", message: "topic alerts",
            urn: "urn:pulumi:test::ses-monitoring::aws:sns/topic:Topic::alerts", resourceType: "aws:sns/topic:Topic",
        }]);
    });

    it("links stack resources to their parent and dependencies", async () => {
        let links: string[] = [];
        const policy: StackValidationPolicy = {
            name: "links",
            description: "records parents and dependencies",
            validateStack: (args) => {
                const subscription = args.resources.find((r) => r.isType(aws.sns.TopicSubscription))!;
                links = [subscription.parent?.name ?? "(none)", ...subscription.dependencies.map((d) => d.name)];
            },
        };
        const resources = await runUnderMocks(() => {
            const topic = new aws.sns.Topic("alerts", {});
            new aws.sns.TopicSubscription("mail", { topic: topic.arn, protocol: "email", endpoint: "a@example.com" }, { parent: topic });
        });
        await runPolicySet([policy], resources);
        assert.deepStrictEqual(links, ["alerts", "alerts"]);
    });

    it("hands policies secret values unwrapped, as the engine does", async () => {
        const resources = await runUnderMocks(() => {
            new aws.cloudwatch.MetricAlarm("bounces", {
                name: "bounces", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: pulumi.secret(0.06),
                namespace: "AWS/SES", metricName: "Reputation.BounceRate", statistic: "Average", period: 3600,
                alarmActions: [pulumi.secret("arn:aws:sns:us-east-1:123456789012:pager")],
            });
        });
        assert.deepStrictEqual((await runPolicies(resources)).map((v) => v.policyName), [THRESHOLDS]);
    });

    it("answers a policy that reads an unknown at preview as the engine does: an advisory, not a crash", async () => {
        const naive: ResourceValidationPolicy = {
            name: "naive",
            description: "reads a property that is unknown during preview",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(aws.sns.TopicPolicy, (policy, _args, report) => {
                if (!JSON.stringify(policy.policy).includes("aws:SourceAccount")) report("unscoped");
            }),
        };
        const resources = await runUnderMocks(() => {
            const topic = new aws.sns.Topic("alerts", {});
            new aws.sns.TopicPolicy("alerts", { arn: topic.arn, policy: topic.arn.apply((arn) => JSON.stringify({ Resource: arn })) });
        }, { preview: true });
        assert.deepStrictEqual(await runPolicySet([naive], resources), [{
            policyName: "naive",
            enforcementLevel: "advisory",
            message: "can't run policy 'naive' during preview: string value at .policy can't be known during preview",
            urn: "urn:pulumi:test::ses-monitoring::aws:sns/topicPolicy:TopicPolicy::alerts",
        }]);
    });

    it("fails loudly, naming the policy and the resource, when a policy throws", async () => {
        const broken: ResourceValidationPolicy = {
            name: "broken",
            description: "throws",
            validateResource: validateResourceOfType(aws.sns.Topic, () => { throw new Error("boom"); }),
        };
        const resources = await runUnderMocks(() => new aws.sns.Topic("alerts", {}));
        await assert.rejects(runPolicySet([broken], resources), /policy broken failed on urn:pulumi:test::ses-monitoring::aws:sns\/topic:Topic::alerts: boom/);
    });
});
