import * as assert from "assert";
import { RegisteredResource, runPolicies } from "../harness";
import { resource, TYPES, UNKNOWN } from "./resources";

/**
 * ses-lambda-log-retention at its edges: which log group is a function's, when the pack cannot
 * tell before the update, and which retention counts. Each case is a function and its log group
 * with one name, dependency or retention changed.
 */
const POLICY = "ses-lambda-log-retention";

const fn = (name: string, inputs: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}) => resource(TYPES.lambda, name, { name, ...inputs }, extra);
const group = (name: string, inputs: Record<string, unknown> = {}, extra: Partial<RegisteredResource> = {}) => resource(TYPES.logGroup, name, { name, retentionInDays: 14, ...inputs }, extra);

async function messages(resources: RegisteredResource[]): Promise<string[]> {
    return (await runPolicies(resources)).filter((v) => v.policyName === POLICY).map((v) => v.message);
}
const noGroup = (label: string, where: string) =>
    `${label} writes its logs to ${where}, but no aws.cloudwatch.LogGroup of that name is in this stack: Lambda creates it on the first invocation without retention, so the logs are kept (and billed) forever. Add an aws.cloudwatch.LogGroup named ${where} with retentionInDays set, created before the function.`;
const forever = (groupLabel: string, fnLabel: string, days: string) =>
    `aws.cloudwatch.LogGroup ${groupLabel} of ${fnLabel} has no retentionInDays (${days}: never expire), so the function's logs are kept (and billed) forever. Set retentionInDays (for example 30).`;

describe("ses-lambda-log-retention: which log group is the function's", () => {
    it("an auto-named function has none of a literal name, even one it is created after; it is named by its resource", async () => {
        const auto = resource(TYPES.lambda, "poller", {});
        const other = group("/aws/lambda/worker");
        for (const resources of [[auto, other], [other, { ...auto, dependencies: [other.urn] }]]) {
            assert.deepStrictEqual(await messages(resources), [noGroup("aws.lambda.Function poller", "/aws/lambda/<function name>")]);
        }
    });

    it("an auto-named function's group is one named from its output (the group depends on it)", async () => {
        const auto = resource(TYPES.lambda, "poller", {});
        assert.deepStrictEqual(await messages([auto, group("poller", { name: UNKNOWN }, { dependencies: [auto.urn] })]), []);
        const [message] = await messages([auto, group("poller", { name: UNKNOWN, retentionInDays: undefined }, { dependencies: [auto.urn] })]);
        assert.strictEqual(message, forever("poller", "aws.lambda.Function poller", "unset"));
    });

    it("a named function's group may be named from its output too, and is then judged by its retention", async () => {
        const poller = fn("poller");
        assert.deepStrictEqual(await messages([poller, group("logs", { name: UNKNOWN }, { dependencies: [poller.urn] })]), []);
        assert.deepStrictEqual(await messages([poller, group("logs", { name: UNKNOWN, retentionInDays: 0 }, { dependencies: [poller.urn] })]), [
            forever("logs", 'aws.lambda.Function "poller"', "0"),
        ]);
    });

    it("a function that logs to a group's output (loggingConfig.logGroup, unknown at preview) is judged by that group", async () => {
        const shared = group("/acme/functions", { retentionInDays: undefined });
        const worker = fn("worker", { loggingConfig: { logFormat: "JSON", logGroup: UNKNOWN } }, { dependencies: [shared.urn] });
        assert.deepStrictEqual(await messages([shared, worker]), [forever('"/acme/functions"', 'aws.lambda.Function "worker"', "unset")]);
    });

    it("at preview, gives no verdict where an unknown name might be the group's: the function's or a group's", async () => {
        assert.deepStrictEqual(await messages([fn("poller", { name: UNKNOWN }), group("/aws/lambda/worker")]), []);
        assert.deepStrictEqual(await messages([fn("poller"), group("later", { name: UNKNOWN, retentionInDays: undefined })]), []);
        assert.deepStrictEqual(await messages([fn("poller", { name: UNKNOWN }), group("later", { name: UNKNOWN, retentionInDays: undefined })]), []);
    });
});

describe("ses-lambda-log-retention: which retention counts", () => {
    it("a positive number of days, given as a number or as the text the provider reads as one", async () => {
        for (const retentionInDays of [1, 30, "30", " 7 "]) {
            assert.deepStrictEqual(await messages([fn("poller"), group("/aws/lambda/poller", { retentionInDays })]), [], JSON.stringify(retentionInDays));
        }
    });

    it("none, or zero (never expire) as a number or as text, is no retention; unknown at preview is no verdict", async () => {
        for (const [retentionInDays, shown] of [[undefined, "unset"], [0, "0"], ["0", "0"]] as [unknown, string][]) {
            assert.deepStrictEqual(await messages([fn("poller"), group("/aws/lambda/poller", { retentionInDays })]), [
                forever('"/aws/lambda/poller"', 'aws.lambda.Function "poller"', shown),
            ], JSON.stringify(retentionInDays));
        }
        assert.deepStrictEqual(await messages([fn("poller"), group("/aws/lambda/poller", { retentionInDays: UNKNOWN })]), []);
    });
});
