/**
 * Runs the example under Pulumi mocks (no CLI, no cloud account) and checks what a consumer relies
 * on: one copy of the Pulumi SDK, the parent chain, the consumer's topic on every critical alarm;
 * three SesMonitoring (two in one stack and region, one in another region) sharing no physical
 * name; `dependsOn: [marketing]` covering every child of its 30 sets; and an eu-west-1 topic ARN
 * accepted under a provider inherited from a parent. Exits non-zero on the first failed check.
 */
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

interface Registered { type: string; name: string; inputs: Record<string, any>; region: string; urn?: string; parent?: string; dependencies?: string[]; custom?: boolean }

/** Types whose physical name must be unique in the account (IAM, S3, CloudWatch dashboards); others per region. */
const ACCOUNT_WIDE = new Set(["aws:iam/role:Role", "aws:s3/bucket:Bucket", "aws:cloudwatch/dashboard:Dashboard"]);
/** Types named within another resource (a role's policy, a set's destinations...) or not named at all. */
const WITHIN_OR_UNNAMED = /^aws:(iam\/rolePolicy|cloudwatch\/eventTarget|lambda\/(permission|functionEventInvokeConfig)|sns\/(topicPolicy|topicSubscription)|s3\/bucket[A-Z]|glue\/catalogTable|athena\/namedQuery|sesv2\/(configurationSetEventDestination|accountVdmAttributes)|ses\/identityNotificationTopic|kms\/key)/;
/** The input that carries a resource's physical name. */
const nameOf = (r: Registered): unknown => r.inputs.name ?? r.inputs.alarmName ?? r.inputs.dashboardName ?? r.inputs.bucket ?? r.inputs.configurationSetName;

const ARN_PREFIX = "arn:aws:sns:us-east-1:123456789012:";

async function main(): Promise<void> {
    const registered: Registered[] = [];
    // An explicit provider's region, by provider id: what a resource or invoke under it deploys to.
    const providerRegions = new Map<string, string>();
    const regionOf = (provider: string | undefined) => (provider ? providerRegions.get(provider.slice(provider.lastIndexOf("::") + 2)) : undefined) ?? "us-east-1";
    await pulumi.runtime.setMocks({
        newResource(args) {
            if (args.type === "pulumi:providers:aws") providerRegions.set(`${args.name}-id`, args.inputs.region);
            const region = regionOf(args.provider);
            const physical = args.inputs.name ?? args.name;
            const arn = args.type === "aws:sns/topic:Topic" ? `arn:aws:sns:${region}:123456789012:${physical}` : `arn:aws:mock:${region}:123456789012:${physical}`;
            registered.push({ type: args.type, name: args.name, inputs: args.inputs, region });
            return { id: `${args.name}-id`, state: { ...args.inputs, arn } };
        },
        call(args) {
            if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/x", userId: "x" };
            if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws", dnsSuffix: "amazonaws.com" };
            if (args.token === "aws:index/getRegion:getRegion") return { region: regionOf(args.provider), name: regionOf(args.provider) };
            throw new Error(`no mock for ${args.token}`);
        },
    }, "ses-monitoring-example", "check", false);
    // What the engine receives: each registration's URN, parent and dependencies.
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, response: any) => void) => register(req, (err: any, response: any) => {
        const seen = [...registered].reverse().find((r) => r.type === req.getType() && r.name === req.getName() && r.urn === undefined);
        if (!err && seen) Object.assign(seen, { urn: response.getUrn(), parent: req.getParent() || undefined, dependencies: req.getDependenciesList(), custom: req.getCustom() });
        callback(err, response);
    });

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

    // Components are registered too: every resource knows its nearest SesMonitoring.
    const byUrn = new Map(registered.filter((r) => r.urn).map((r) => [r.urn!, r]));
    const instanceOf = (r: Registered): Registered | undefined => {
        for (let at: Registered | undefined = r; at; at = at.parent ? byUrn.get(at.parent) : undefined) {
            if (at.type === "ses-monitoring:index:SesMonitoring") return at;
        }
        return undefined;
    };
    const pagerArn = `${ARN_PREFIX}${registered.find((r) => r.name === "mail-pager")?.inputs.name ?? "mail-pager"}`;
    const critical = registered.filter((r) => instanceOf(r)?.name === "mail-ses" && r.type.startsWith("aws:cloudwatch/") && r.type.endsWith("Alarm") && /-critical(-fast)?$|-sending-at-risk$/.test(String(r.inputs.alarmName ?? r.inputs.name ?? r.name)));
    assert.ok(critical.length >= 6, `expected the critical alarms, found ${critical.length}`);
    for (const alarm of critical) {
        assert.deepStrictEqual(alarm.inputs.alarmActions, [pagerArn], `${alarm.name} does not page the consumer's topic`);
    }
    const topics = registered.filter((r) => r.type === "aws:sns/topic:Topic" && instanceOf(r)?.name === "mail-ses").map((r) => r.name).sort();
    assert.ok(!topics.some((t) => /critical/.test(t)), `a critical topic was created beside the consumer's: ${topics.join(", ")}`);

    console.log(`example ok: ${registered.length} resources, ${Object.keys(alarmArns).length} alarms, ${critical.length} critical alarms page ${pagerArn}`);

    // Three instances: no physical name is shared between two of them (per region, or account-wide).
    const names = new Map<string, Set<string>>();
    let named = 0;
    for (const r of registered) {
        const instance = instanceOf(r);
        if (!instance || r.type.startsWith("ses-monitoring:") || WITHIN_OR_UNNAMED.test(r.type)) continue;
        const name = nameOf(r);
        assert.strictEqual(typeof name, "string", `${r.type} ${r.name} has no physical name`);
        const key = `${r.type}${ACCOUNT_WIDE.has(r.type) ? "" : ` in ${r.region}`}: ${String(name)}`;
        names.set(key, (names.get(key) ?? new Set()).add(instance.name));
        named++;
    }
    const instances = [...new Set([...names.values()].flatMap((s) => [...s]))].sort();
    assert.deepStrictEqual(instances, ["eu-ses", "mail-ses", "marketing-ses"]);
    const shared = [...names].filter(([, holders]) => holders.size > 1).map(([key, holders]) => `${key} (${[...holders].join(", ")})`);
    assert.deepStrictEqual(shared, [], "physical names shared by two SesMonitoring");
    console.log(`3 SesMonitoring (mail-ses and marketing-ses in us-east-1, eu-ses in eu-west-1): ${named} physical names, 0 shared`);

    // dependsOn: [marketing] covers every child of its 30 sets.
    const marketing = registered.find((r) => r.name === "marketing-ses")!;
    const children = registered.filter((r) => r.custom && instanceOf(r) === marketing).map((r) => r.urn!);
    const after = registered.find((r) => r.name === "after-marketing")!;
    const missing = children.filter((u) => !after.dependencies!.includes(u));
    assert.ok(children.length > 400, `${children.length} children`);
    assert.deepStrictEqual(missing, [], "children of marketing-ses missing from after-marketing's dependencies");
    console.log(`dependsOn: [marketing] covers ${children.length - missing.length} of ${children.length} children (30 sets)`);

    // The eu-west-1 topic ARN is accepted under the inherited eu-west-1 provider, and pages.
    const euCritical = registered.filter((r) => instanceOf(r)?.name === "eu-ses" && r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && /critical(-fast)?$/.test(String(r.inputs.name)));
    assert.ok(euCritical.length >= 6, `${euCritical.length} critical alarms in eu-ses`);
    for (const alarm of euCritical) {
        assert.deepStrictEqual(alarm.inputs.alarmActions, [program.euPagerArn], alarm.name);
        assert.strictEqual(alarm.region, "eu-west-1", alarm.name);
    }
    console.log(`eu-west-1 topic accepted under an inherited provider: ${euCritical.length} critical alarms page ${program.euPagerArn}`);
    console.log(`one @pulumi/pulumi: ${ours}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
