/**
 * Runs the example under Pulumi mocks (no CLI, no cloud account) and checks what a consumer relies
 * on: one copy of the Pulumi SDK, the parent chain, and the consumer's topic on every critical alarm.
 * Exits non-zero on the first failed check.
 */
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

interface Registered { type: string; name: string; inputs: Record<string, any> }

const ARN_PREFIX = "arn:aws:sns:us-east-1:123456789012:";

async function main(): Promise<void> {
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks({
        newResource(args) {
            const physical = args.inputs.name ?? args.name;
            const arn = args.type === "aws:sns/topic:Topic" ? `${ARN_PREFIX}${physical}` : `arn:aws:mock:us-east-1:123456789012:${physical}`;
            registered.push({ type: args.type, name: args.name, inputs: args.inputs });
            return { id: `${args.name}-id`, state: { ...args.inputs, arn } };
        },
        call(args) {
            if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/x", userId: "x" };
            if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com" };
            if (args.token === "aws:index/getRegion:getRegion") return { region: "us-east-1", name: "us-east-1" };
            throw new Error(`no mock for ${args.token}`);
        },
    }, "ses-monitoring-example", "check", false);

    // One SDK: the package resolves @pulumi/pulumi to this program's copy (a peer dependency).
    const ours = require.resolve("@pulumi/pulumi");
    const packageDir = path.dirname(require.resolve("ses-monitoring/package.json"));
    const theirs = require.resolve("@pulumi/pulumi", { paths: [packageDir] });
    assert.strictEqual(theirs, ours, "ses-monitoring loads a second copy of @pulumi/pulumi");
    // Its dashboard dependency, @pulumi/awsx, shares it too.
    const awsxDir = path.dirname(require.resolve("@pulumi/awsx/package.json", { paths: [packageDir] }));
    assert.strictEqual(require.resolve("@pulumi/pulumi", { paths: [awsxDir] }), ours, "@pulumi/awsx loads a second copy of @pulumi/pulumi");

    // The package entry has no side effects: loading it registers nothing.
    require("ses-monitoring");
    await (pulumi.runtime as any).waitForRPCs();
    assert.deepStrictEqual(registered.map((r) => r.type), [], "importing ses-monitoring registered resources");

    const program: typeof import("./index") = require("./index");
    const monitoring = program.platform.monitoring;
    assert.ok(monitoring instanceof pulumi.ComponentResource, "SesMonitoring is not a ComponentResource of this program's SDK");

    const urn = await new Promise<string>((resolve) => monitoring.urn.apply((u) => { resolve(u); return u; }));
    assert.strictEqual(urn, "urn:pulumi:check::ses-monitoring-example::example:index:MailPlatform$ses-monitoring:index:SesMonitoring::mail-ses");

    const alarmArns = await new Promise<Record<string, string>>((resolve) => program.alarmArns.apply((a) => { resolve(a); return a; }));
    await (pulumi.runtime as any).waitForRPCs();

    const pagerArn = `${ARN_PREFIX}${registered.find((r) => r.name === "mail-pager")?.inputs.name ?? "mail-pager"}`;
    const critical = registered.filter((r) => r.type.startsWith("aws:cloudwatch/") && r.type.endsWith("Alarm") && /-critical(-fast)?$|-sending-at-risk$/.test(String(r.inputs.alarmName ?? r.inputs.name ?? r.name)));
    assert.ok(critical.length >= 6, `expected the critical alarms, found ${critical.length}`);
    for (const alarm of critical) {
        assert.deepStrictEqual(alarm.inputs.alarmActions, [pagerArn], `${alarm.name} does not page the consumer's topic`);
    }
    const topics = registered.filter((r) => r.type === "aws:sns/topic:Topic").map((r) => r.name).sort();
    assert.ok(!topics.some((t) => /critical/.test(t)), `a critical topic was created beside the consumer's: ${topics.join(", ")}`);

    console.log(`example ok: ${registered.length} resources, ${Object.keys(alarmArns).length} alarms, ${critical.length} critical alarms page ${pagerArn}`);
    console.log(`one @pulumi/pulumi: ${ours}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
