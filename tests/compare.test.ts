import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, main } from "../tools/plan";
import { compareResources, PlannedResource, REPLACE_INPUTS } from "../tools/plan/compare";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const STACK = "safetytest-compare";

/** Plans the stack file `text` as stack safetytest-compare, optionally comparing with an earlier plan. */
async function plan(text: string, compare?: string): Promise<{ code: number; stdout: string; stderr: string; planFile: string }> {
    const file = path.join(ROOT, `Pulumi.${STACK}.yaml`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-"));
    fs.writeFileSync(file, text);
    let stdout = "";
    let stderr = "";
    try {
        const code = await main(["--stack", STACK, "--out", out, "--no-preview", ...(compare ? ["--compare", compare] : [])],
            { stdout: (t) => { stdout += t + "\n"; }, stderr: (t) => { stderr += t + "\n"; } });
        return { code, stdout, stderr, planFile: path.join(out, "plan.json") };
    } finally {
        fs.unlinkSync(file);
    }
}

const BASE = "config:\n  aws:region: eu-west-1\n  ses-monitoring:configurationSets:\n    orders: {}\n  ses-monitoring:notifications:\n    emails: [ops@example.com]\n";
const comparison = (stdout: string) => stdout.slice(stdout.indexOf("compared with "), stdout.lastIndexOf("\nwrote "));

describe("npm run plan -- --compare", function () {
    this.timeout(120_000);
    let earlier: string;

    before(async () => {
        const first = await plan(BASE);
        assert.strictEqual(first.code, EXIT.ok, first.stderr);
        earlier = first.planFile;
        const list: PlannedResource[] = JSON.parse(fs.readFileSync(earlier, "utf8")).resources.list;
        const set = list.find((r) => r.type === "aws:sesv2/configurationSet:ConfigurationSet")!;
        assert.deepStrictEqual(set, {
            urn: `urn:pulumi:${STACK}::ses-monitoring::ses-monitoring:index:SesMonitoring$aws:sesv2/configurationSet:ConfigurationSet::ses-orders`,
            type: "aws:sesv2/configurationSet:ConfigurationSet",
            identity: { configurationSetName: "orders" },
            retainOnDelete: true,
        });
    });

    it("a namePrefix change: every alarm, topic, dashboard and poller part replaced, by URN and name", async () => {
        const { code, stdout, stderr } = await plan(BASE + "  ses-monitoring:namePrefix: mail-eu\n", earlier);
        assert.strictEqual(code, EXIT.ok, stderr);
        const text = comparison(stdout);
        // The alarms, topics (and their policies and subscriptions), dashboard, and the poller's
        // function, role, policy, log group, rule, target and permission.
        assert.match(text, /^compared with .*plan\.json: 37 replaced, 0 deleted, 0 left live, 0 created$/m);
        assert.ok(text.includes([
            `  MetricAlarm ses-orders-bounce-rate-warning: name: "ses-monitoring-safetytest-compare.orders.bounce-rate-warning" -> "mail-eu.orders.bounce-rate-warning"`,
            `    urn:pulumi:${STACK}::ses-monitoring::ses-monitoring:index:SesMonitoring$aws:cloudwatch/metricAlarm:MetricAlarm::ses-orders-bounce-rate-warning`,
        ].join("\n")), text);
        assert.ok(text.includes(`  Topic ses-critical: name: "ses-monitoring-safetytest-compare-critical" -> "mail-eu-critical"`), text);
        assert.ok(text.includes(`  Dashboard ses-dashboard: dashboardName: "ses-monitoring-safetytest-compare-eu-west-1-ses" -> "mail-eu-eu-west-1-ses"`), text);
        assert.ok(text.includes(`  CompositeAlarm ses-sending-at-risk: alarmName: "ses-monitoring-safetytest-compare.sending-at-risk" -> "mail-eu.sending-at-risk"`), text);
        assert.ok(text.includes(`  Function ses-sending-api-poller: name: "ses-monitoring-safetytest-compare-sending-api-poller" -> "mail-eu-sending-api-poller"`), text);
        // Subscriptions follow their topic: a new topic means a new subscription (and email confirmation).
        assert.match(text, /^ {2}TopicSubscription ses-(warning|critical)-email-[0-9a-f]{12}: topic: /m);
        assert.doesNotMatch(text, /ConfigurationSet /, "the configuration set's name is its key, not the prefix");
    });

    describe("a namePrefix change on a stack with every kind of resource", () => {
        // Auto-pause (function, invoke config, permissions), the archive (bucket and its parts, roles
        // and their policies, Glue, Athena), VDM, email subscriptions, topics with their policies.
        const EVERYTHING = "config:\n  aws:region: eu-west-1\n  ses-monitoring:configurationSets:\n    orders: { autoPause: {} }\n"
            + "  ses-monitoring:notifications:\n    emails: [ops@example.com]\n  ses-monitoring:eventArchive: {}\n  ses-monitoring:deliverabilityManager: {}\n";
        // Short prefixes, so that no name is cut and hashed: each name carries the prefix whole.
        const OLD_PREFIX = "pfxold";
        let text: string;
        let old: PlannedResource[];
        let oldInputs: Map<string, Record<string, unknown>>;

        before(async () => {
            const first = await plan(`${EVERYTHING}  ses-monitoring:namePrefix: ${OLD_PREFIX}\n`);
            assert.strictEqual(first.code, EXIT.ok, first.stderr);
            old = JSON.parse(fs.readFileSync(first.planFile, "utf8")).resources.list;
            fs.writeFileSync(path.join(ROOT, `Pulumi.${STACK}.yaml`), `${EVERYTHING}  ses-monitoring:namePrefix: ${OLD_PREFIX}\n`);
            try {
                oldInputs = new Map((await runStack(ROOT, STACK)).resources.map((r) => [r.urn, r.inputs]));
            } finally {
                fs.unlinkSync(path.join(ROOT, `Pulumi.${STACK}.yaml`));
            }
            const second = await plan(`${EVERYTHING}  ses-monitoring:namePrefix: pfxnew\n`, first.planFile);
            assert.strictEqual(second.code, EXIT.ok, second.stderr);
            text = comparison(second.stdout);
        });

        it("every type it registers, and every type of the example stacks (every feature on in protect), has a row of replace-triggering inputs", async () => {
            const types = new Set(old.map((r) => r.type));
            for (const stack of ["dev", "prod", "protect"]) for (const r of (await runStack(ROOT, stack)).resources) types.add(r.type);
            assert.ok(types.size >= 30, `${types.size} types`);
            assert.deepStrictEqual([...types].filter((t) => REPLACE_INPUTS[t] === undefined), []);
        });

        it("lists every resource whose inputs carry the prefix (its name, or another's id or ARN), and no other", () => {
            // The oracle: any input, at any depth, that mentions the old prefix in any case. The
            // event destinations' stream and role ARNs are the exception: SES updates them in place.
            const mentions = (value: unknown): boolean => JSON.stringify(value ?? null).includes(OLD_PREFIX);
            const inPlace = (r: PlannedResource) => r.type === "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination";
            const expected = old.filter((r) => !inPlace(r) && mentions(oldInputs.get(r.urn))).map((r) => r.urn).sort();
            const listed = [...text.matchAll(/^ {4}(urn:\S+)$/gm)].map((m) => m[1]).sort();
            assert.ok(expected.length > 50, `expected most resources replaced, got ${expected.length}`);
            assert.deepStrictEqual(listed, expected);
            // Those the prefix does not reach stay: the set (named by its key), its destinations, VDM, the component.
            assert.deepStrictEqual(old.filter((r) => !listed.includes(r.urn)).map((r) => r.type.split(":").pop()).sort(),
                ["AccountVdmAttributes", "ConfigurationSet", "ConfigurationSetEventDestination", "ConfigurationSetEventDestination", "SesMonitoring"]);
        });

        it("replaces what hangs on a renamed resource by id or ARN: topic policies, the invoke config, role policies, the bucket's parts", () => {
            for (const type of ["TopicPolicy", "FunctionEventInvokeConfig", "RolePolicy"]) {
                const count = old.filter((r) => r.type.endsWith(`:${type}`)).length;
                assert.ok(count > 0, type);
                assert.strictEqual([...text.matchAll(new RegExp(`^ {2}${type} `, "gm"))].length, count, `${type}: ${text}`);
            }
            assert.match(text, /^ {2}TopicPolicy ses-critical: arn: "arn:aws:sns:eu-west-1:123456789012:pfxold-critical" -> "arn:aws:sns:eu-west-1:123456789012:pfxnew-critical"$/m);
            assert.match(text, /^ {2}FunctionEventInvokeConfig \S+: functionName: "pfxold-[^"]*" -> "pfxnew-[^"]*"$/m);
            assert.match(text, /^ {2}RolePolicy ses-archive-ses: role: "pfxold-ses-to-firehose-eu-west-1" -> "pfxnew-ses-to-firehose-eu-west-1"$/m);
            for (const part of ["BucketPolicy", "BucketPublicAccessBlock", "BucketServerSideEncryptionConfiguration", "BucketVersioning", "BucketLifecycleConfiguration"]) {
                assert.match(text, new RegExp(`^ {2}${part} ses-archive: bucket: "pfxold-ses-events-123456789012-eu-west-1" -> "pfxnew-ses-events-123456789012-eu-west-1"`, "m"), part);
            }
        });

        it("lists a retained resource as left live, never as replaced", () => {
            const retained = old.filter((r) => r.retainOnDelete && text.includes(r.urn));
            assert.ok(retained.some((r) => r.type === "aws:s3/bucket:Bucket"));
            const [, live = ""] = text.split("LEFT LIVE");
            for (const r of retained) {
                assert.ok(live.includes(r.urn), `${r.urn} is retained: listed under LEFT LIVE`);
                assert.ok(!text.split("LEFT LIVE")[0].includes(r.urn), `${r.urn} is retained: not under REPLACED`);
            }
            assert.match(live, /^ {2}Bucket ses-archive: bucket: "pfxold-ses-events-123456789012-eu-west-1" -> "pfxnew-ses-events-123456789012-eu-west-1" \(a new one is created; the old one is left live\)$/m);
        });
    });

    it("manage: false: the configuration set is left live and dropped from the state, its destination stays", async () => {
        const { code, stdout, stderr } = await plan(BASE.replace("orders: {}", "orders: { manage: false }"), earlier);
        assert.strictEqual(code, EXIT.ok, stderr);
        const text = comparison(stdout);
        // Its reputation alarms go (nothing says an unmanaged set publishes them): deleted, and listed.
        assert.match(text, /: 0 replaced, 4 deleted, 1 left live, 0 created$/m);
        assert.match(text, /^ {2}MetricAlarm ses-orders-reputation-bounce-rate-warning: name="ses-monitoring-safetytest-compare\.orders\.reputation-bounce-rate-warning"$/m);
        assert.ok(text.includes([
            "LEFT LIVE, dropped from the stack's state (retainOnDelete; where it is replaced, a new one is created beside it):",
            `  ConfigurationSet ses-orders: configurationSetName="orders"`,
            `    urn:pulumi:${STACK}::ses-monitoring::ses-monitoring:index:SesMonitoring$aws:sesv2/configurationSet:ConfigurationSet::ses-orders`,
        ].join("\n")), text);
        // Its event destination keeps its URN and name: not replaced, not deleted.
        assert.doesNotMatch(text, /ConfigurationSetEventDestination/);
    });

    it("retainOnDelete: false on a set that leaves the stack: listed as DELETED", async () => {
        const optedOut = await plan(BASE.replace("orders: {}", "orders: { retainOnDelete: false }"));
        const { stdout } = await plan(BASE.replace("orders: {}", "orders: { manage: false }"), optedOut.planFile);
        assert.ok(comparison(stdout).includes(`DELETED:\n  ConfigurationSet ses-orders: configurationSetName="orders"`), stdout);
    });

    it("refuses a plan of another stack, or one without the resource list, with exit 2", async () => {
        const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-")), "plan.json");
        fs.writeFileSync(other, JSON.stringify({ project: "ses-monitoring", stack: "prod", resources: { list: [] } }));
        const { code, stderr } = await plan(BASE, other);
        assert.strictEqual(code, EXIT.invalidConfig);
        assert.match(stderr, /--compare .*plan\.json: is a plan of stack "prod", not safetytest-compare \(URNs carry the stack name\)/);
        fs.writeFileSync(other, JSON.stringify({ project: "ses-monitoring", stack: STACK, resources: {} }));
        assert.match((await plan(BASE, other)).stderr, /has no resources\.list/);
    });

    it("compares by URN: a gone URN is deleted, a new one created, a changed name replaced", () => {
        const r = (urn: string, identity: Record<string, string>, retainOnDelete?: boolean): PlannedResource => ({ urn, type: "t", identity, ...(retainOnDelete ? { retainOnDelete } : {}) });
        assert.deepStrictEqual(compareResources([r("a", { name: "x" }), r("b", {}), r("c", {}, true)], [r("a", { name: "y" }), r("d", { name: "z" })]).map((c) => `${c.action} ${c.urn} ${c.detail}`), [
            `replace a name: "x" -> "y"`, "delete b ", "retain c ", `create d name="z"`,
        ]);
    });
});
