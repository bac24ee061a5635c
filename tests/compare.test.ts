import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, main } from "../tools/plan";
import { compareResources, PlannedResource } from "../tools/plan/compare";

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
        assert.match(text, /^compared with .*plan\.json: 34 replaced, 0 deleted, 0 left live, 0 created$/m);
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

    it("manage: false: the configuration set is left live and dropped from the state, its destination stays", async () => {
        const { code, stdout, stderr } = await plan(BASE.replace("orders: {}", "orders: { manage: false }"), earlier);
        assert.strictEqual(code, EXIT.ok, stderr);
        const text = comparison(stdout);
        // Its reputation alarms go (nothing says an unmanaged set publishes them): deleted, and listed.
        assert.match(text, /: 0 replaced, 4 deleted, 1 left live, 0 created$/m);
        assert.match(text, /^ {2}MetricAlarm ses-orders-reputation-bounce-rate-warning: name="ses-monitoring-safetytest-compare\.orders\.reputation-bounce-rate-warning"$/m);
        assert.ok(text.includes([
            "LEFT LIVE, dropped from the stack's state (retainOnDelete):",
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

    it("refuses a plan of another stack, or one without the resource list, with exit 3", async () => {
        const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-")), "plan.json");
        fs.writeFileSync(other, JSON.stringify({ stack: "prod", resources: { list: [] } }));
        const { code, stderr } = await plan(BASE, other);
        assert.strictEqual(code, EXIT.failure);
        assert.match(stderr, /--compare .*plan\.json: is a plan of stack prod, not safetytest-compare \(URNs carry the stack name\)/);
        fs.writeFileSync(other, JSON.stringify({ stack: STACK, resources: {} }));
        assert.match((await plan(BASE, other)).stderr, /has no resources\.list/);
    });

    it("compares by URN: a gone URN is deleted, a new one created, a changed name replaced", () => {
        const r = (urn: string, identity: Record<string, string>, retainOnDelete?: boolean): PlannedResource => ({ urn, type: "t", identity, ...(retainOnDelete ? { retainOnDelete } : {}) });
        assert.deepStrictEqual(compareResources([r("a", { name: "x" }), r("b", {}), r("c", {}, true)], [r("a", { name: "y" }), r("d", { name: "z" })]).map((c) => `${c.action} ${c.urn} ${c.detail}`), [
            `replace a name: "x" -> "y"`, "delete b ", "retain c ", `create d name="z"`,
        ]);
    });
});
