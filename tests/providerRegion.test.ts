/**
 * Region and partition checks follow the region the component's resources deploy to: the
 * `aws:region` config with the default provider, or the region of a provider of its own, given or
 * inherited from a parent component (then known only while deploying). A topic ARN that turns out
 * wrong while deploying (an Output or a Promise, or a plain ARN under such a provider) fails the
 * deployment with one error that names the field: the same error object for every resource that
 * reads the ARN, with its message as written (no `error serializing property` prefixes).
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { runUnderMocks } from "../tools/pulumiMocks";

const WEST = "arn:aws:sns:eu-west-1:123456789012:pager";
const EAST = "arn:aws:sns:us-east-1:123456789012:pager";

/** A consumer's platform component holding an eu-west-1 provider, in a stack configured for us-east-1. */
function underInheritedWestProvider(args: SesMonitoringArgs): void {
    pulumi.runtime.setConfig("aws:region", "us-east-1");
    const west = new aws.Provider("west", { region: "eu-west-1" });
    const platform = new pulumi.ComponentResource("shop:index:Platform", "platform", {}, { providers: [west] });
    new SesMonitoring("ses", args, { parent: platform });
}

/**
 * Runs `program` under mocks and returns every rejection Node reports as unhandled (what the
 * Pulumi language host reports, each distinct error object once) and the run's own outcome.
 */
async function failures(program: () => void): Promise<{ errors: unknown[]; run: unknown }> {
    const errors: unknown[] = [];
    const listener = (reason: unknown) => { errors.push(reason); };
    process.on("unhandledRejection", listener);
    let run: unknown;
    try {
        await runUnderMocks(program);
    } catch (err) {
        run = err;
    }
    // Let every resource that reads the ARN fail too.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", listener);
    return { errors, run };
}

function assertOneCleanError(outcome: { errors: unknown[]; run: unknown }, expected: RegExp): void {
    assert.ok(outcome.run instanceof Error, "the run did not fail");
    const distinct = [...new Set([outcome.run, ...outcome.errors])];
    assert.strictEqual(distinct.length, 1, `${distinct.length} distinct errors: ${distinct.map(String).join(" | ")}`);
    const message = (outcome.run as Error).message;
    assert.match(message, expected);
    assert.doesNotMatch(message, /error serializing property/);
    assert.strictEqual(message.split("\n").length, 1, message);
    assert.strictEqual((outcome.run as { __pulumiRunError?: boolean }).__pulumiRunError, true, "reported without the SDK's stack");
}

describe("topic ARNs and the component's effective provider", function () {
    this.timeout(60_000);
    const SETS = { configurationSets: { transactional: { snsDestination: { topicArn: WEST } } } };

    it("accepts a correct eu-west-1 topic ARN under a provider inherited from a parent, and every child uses that region", async () => {
        const resources = await runUnderMocks(() => underInheritedWestProvider({ ...SETS, notifications: { criticalTopicArn: WEST } }));
        const critical = resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && /critical$/.test(r.inputs.name));
        assert.ok(critical.length > 5);
        for (const alarm of critical) assert.deepStrictEqual(alarm.inputs.alarmActions, [WEST], alarm.inputs.name);
        const roles = resources.filter((r) => r.type === "aws:iam/role:Role").map((r) => r.inputs.name as string);
        assert.ok(roles.length > 0 && roles.every((r) => r.endsWith("-eu-west-1")), roles.join(", "));
    });

    it("refuses a us-east-1 topic ARN under that provider while deploying, with one clean error naming the field", async () => {
        assertOneCleanError(await failures(() => underInheritedWestProvider({ ...SETS, notifications: { criticalTopicArn: EAST } })),
            /^notifications\.criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" \(resolved while deploying\) is in region us-east-1, not the stack's eu-west-1/);
    });

    it("follows a provider given in providers, and refuses at once against aws:region without one", async () => {
        await runUnderMocks(() => {
            pulumi.runtime.setConfig("aws:region", "us-east-1");
            new SesMonitoring("ses", { ...SETS, notifications: { criticalTopicArn: WEST } }, { providers: [new aws.Provider("west", { region: "eu-west-1" })] });
        });
        let thrown: unknown;
        await runUnderMocks(() => {
            pulumi.runtime.setConfig("aws:region", "us-east-1");
            try {
                new SesMonitoring("ses", { ...SETS, notifications: { criticalTopicArn: WEST } });
            } catch (err) {
                thrown = err;
            }
        });
        assert.match(String(thrown), /configurationSets\.transactional\.snsDestination\.topicArn: "arn:aws:sns:eu-west-1:123456789012:pager" is in region eu-west-1, not the stack's us-east-1/);
    });

    describe("an ARN given as an Output or a Promise that resolves wrong fails with one clean error naming the field", () => {
        const cases: [string, unknown, RegExp][] = [
            ["an Output of \"not-an-arn\"", pulumi.output("not-an-arn"), /^notifications\.criticalTopicArn: "not-an-arn" \(resolved while deploying\) is not a standard SNS topic ARN/],
            ["an Output of undefined", pulumi.output(undefined), /^notifications\.criticalTopicArn: undefined \(resolved while deploying\) is not a standard SNS topic ARN .*notifies nobody/],
            ["an Output of \"\"", pulumi.output(""), /^notifications\.criticalTopicArn: "" \(resolved while deploying\) is not a standard SNS topic ARN .*notifies nobody/],
            ["an Output of a FIFO topic's ARN", pulumi.output("arn:aws:sns:eu-west-1:123456789012:pager.fifo"), /^notifications\.criticalTopicArn: "arn:aws:sns:eu-west-1:123456789012:pager\.fifo" \(resolved while deploying\) is not a standard SNS topic ARN/],
            ["an Output of another region's topic", pulumi.output(EAST), /^notifications\.criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" \(resolved while deploying\) is in region us-east-1, not the stack's eu-west-1/],
            ["a Promise of another region's topic", Promise.resolve(EAST), /^notifications\.criticalTopicArn: "arn:aws:sns:us-east-1:123456789012:pager" \(resolved while deploying\) is in region us-east-1, not the stack's eu-west-1/],
        ];
        for (const [what, arn, expected] of cases) {
            it(what, async () => {
                assertOneCleanError(await failures(() => {
                    pulumi.runtime.setConfig("aws:region", "eu-west-1");
                    new SesMonitoring("ses", { configurationSets: { a: {}, b: {} }, notifications: { criticalTopicArn: arn as pulumi.Output<string> } });
                }), expected);
            });
        }

        it("the same, under an inherited provider", async () => {
            assertOneCleanError(await failures(() => underInheritedWestProvider({ configurationSets: { a: {} }, notifications: { criticalTopicArn: pulumi.output("not-an-arn") } })),
                /^notifications\.criticalTopicArn: "not-an-arn" \(resolved while deploying\) is not a standard SNS topic ARN/);
        });
    });
});
