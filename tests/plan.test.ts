import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, main } from "../tools/plan";
import { customMetricsUsd, dashboardMetrics } from "../tools/plan/cost";
import { Plan } from "../tools/plan/report";

const ROOT = path.resolve(__dirname, "..");

async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-"));
    let stdout = "";
    let stderr = "";
    // The picture has its own tests (dashboardPreview.test.ts).
    const code = await main([...args, "--out", out, "--no-preview"], { stdout: (t) => { stdout += t + "\n"; }, stderr: (t) => { stderr += t + "\n"; } });
    return { code, stdout, stderr, out };
}
const readPlan = (out: string): Plan => JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));

/** A cost line's item without its last parenthesised detail (a function's lines keep their schedule). */
const label = (item: string) => (item.includes("): ") ? item.replace(/ \([^()]*\)$/, "") : item.split(" (")[0]);

describe("npm run plan", function () {
    this.timeout(60_000);

    it("plans the dev stack: resources, alarms, cost, policy verdicts, files", async () => {
        const { code, stdout, out } = await plan(["--stack", "dev"]);
        assert.strictEqual(code, EXIT.ok, stdout);
        const p = readPlan(out);
        assert.strictEqual(p.stack, "dev");
        assert.strictEqual(p.resources.countsByType["aws:cloudwatch/metricAlarm:MetricAlarm"], 34);
        assert.strictEqual(p.resources.countsByType["aws:sesv2/configurationSet:ConfigurationSet"], 2);
        assert.strictEqual(p.resources.countsByType["aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination"], 3);
        assert.strictEqual(p.resources.tree.length, 1, "one root: the component");
        assert.strictEqual(p.resources.tree[0].type, "ses-monitoring:index:SesMonitoring");
        assert.strictEqual(p.alarms.length, 34);
        assert.deepStrictEqual(p.alarms.find((a) => a.name === "ses-monitoring-dev.marketing.bounce-rate-critical"), {
            name: "ses-monitoring-dev.marketing.bounce-rate-critical",
            severity: "critical",
            reads: "Send[marketing] Bounce[marketing]",
            expression: "IF(sends >= 1000, 100 * FILL(bounces, 0) / sends)",
            threshold: 4.5,
            periodSeconds: 1800,
            datapoints: "4/4",
            actions: "ses-monitoring-dev-critical",
        });
        assert.deepStrictEqual(p.alarms.find((a) => a.name === "ses-monitoring-dev.marketing.bounce-rate-critical-fast"), {
            name: "ses-monitoring-dev.marketing.bounce-rate-critical-fast",
            severity: "critical",
            reads: "Send[marketing] Bounce[marketing]",
            expression: "IF(sends >= 5000, 100 * FILL(bounces, 0) / sends)",
            threshold: 4.5,
            periodSeconds: 300,
            datapoints: "4/4",
            actions: "ses-monitoring-dev-critical",
        });
        // Hand-computed: 12 rate alarms x 2 metrics + 4 fast-window alarms x 2 + 12 reputation
        // alarms x 1 + 6 poller alarms x 1 = 24 + 8 + 12 + 6 = 50 alarm metrics at $0.10; one
        // composite $0.50; one dashboard $3; event types 7 (transactional) + 10 + 10 (marketing,
        // two destinations) = 27 custom metrics at $0.30, and the poller's 9 custom metrics at $0.30;
        // the poller's 2,920 runs a month (every 15 min): Lambda requests and 365 GB-seconds (128 MB,
        // 1 s) under a cent each, one PutMetricData each, $0.03.
        // Total 5.00 + 0.50 + 3 + 8.10 + 0.03 + 2.70 = 19.33.
        assert.deepStrictEqual(p.cost.items.map((i) => [label(i.item), i.quantity, i.monthlyUsd]), [
            ["alarm metrics", 50, 5],
            ["composite alarms", 1, 0.5],
            ["dashboards", 1, 3],
            ["custom metrics from SES event destinations", 27, 8.1],
            ["sending API poller (a run every 15 min): Lambda requests", 2920, 0],
            ["sending API poller (a run every 15 min): Lambda GB-seconds", 365, 0],
            ["sending API poller (a run every 15 min): PutMetricData requests", 2920, 0.03],
            ["custom metrics from the sending API poller", 9, 2.7],
        ]);
        assert.strictEqual(p.cost.totalUsd, 19.33);
        assert.strictEqual(p.cost.freeTier.savingUsd, 10 * 0.1 + 10 * 0.3);
        assert.strictEqual(p.policy.mandatoryViolations, 0);
        assert.ok(p.policy.policies.length > 0);
        assert.match(stdout, /Estimated monthly cost \(USD\): CloudWatch, and SES, Lambda or VDM where a feature uses them/);
        assert.match(stdout, /total \$19\.33 per month/);
        assert.deepStrictEqual(p.cost.usagePriced, ["CloudWatch Logs: per GB the functions log (a few lines a run)", "SNS: per notification delivered (alarm volume is tiny)"]);
    });

    it("plans the prod stack with its unmanaged set and existing critical topic", async () => {
        const { code, out } = await plan(["--stack", "prod"]);
        assert.strictEqual(code, EXIT.ok);
        const p = readPlan(out);
        assert.strictEqual(p.alarms.length, 42);
        assert.strictEqual(p.alarms.filter((a) => a.severity === "critical").every((a) => a.actions === "pagerduty-critical"), true);
        // Alarm metrics: 2 sets x (6 x 2 + 2 fast x 2 + 4) + legacy (6 x 2 + 2 fast x 2) + account 4
        // + poller 6 = 40 + 16 + 4 + 6 = 66 ($6.60); custom metrics 10 + 20 + 10 from event
        // destinations + 9 from the poller = 49 ($14.70); a composite ($0.50) and a dashboard ($3).
        // Total 6.60 + 14.70 + 0.50 + 3 = 24.80.
        assert.strictEqual(p.cost.totalUsd, 24.83);
        assert.ok(p.cost.usagePriced.some((u) => u.startsWith("Kinesis Data Firehose")));
    });

    it("plans the protect stack, every protection feature on: functions, alarms, each line priced, no mandatory violation", async () => {
        const { code, stdout, out } = await plan(["--stack", "protect"]);
        assert.strictEqual(code, EXIT.ok, stdout);
        const p = readPlan(out);
        assert.strictEqual(p.resources.countsByType["aws:lambda/function:Function"], 4); // two auto-pause functions, the poller and the canary
        assert.strictEqual(p.resources.countsByType["aws:sesv2/accountVdmAttributes:AccountVdmAttributes"], 1);
        const autoPaused = p.alarms.filter((a) => a.actions.includes("auto-pause")).map((a) => a.name.replace("ses-monitoring-protect.", ""));
        // Not the half-hour bounce tiers nor the reputation alarms (they page); the complaint rate's
        // 7-day window may pause.
        assert.deepStrictEqual(autoPaused, [
            "marketing.bounce-rate-critical-fast", "marketing.complaint-rate-critical",
            "transactional.bounce-rate-critical-fast",
        ]);
        // Alarm metrics: 2 sets x 20 (rates and reputation) + account reputation 4 + poller 6 + volume:
        // 4 band alarms x 3 + the marketing ceiling 1 + 2 missing-traffic alarms x 1 = 40 + 4 + 6 + 15 = 65;
        // the canary's 2 "monitoring blind" alarms on a line of their own, with its hourly runs:
        // 730 runs x 2 messages to the simulator, and its set's 4 event metrics.
        assert.deepStrictEqual(p.cost.items.map((i) => [label(i.item), i.quantity, i.monthlyUsd]), [
            ["alarm metrics", 65, 6.5],
            ["composite alarms", 1, 0.5],
            ["dashboards", 1, 3],
            ["custom metrics from SES event destinations", 15, 4.5],
            ["SES Virtual Deliverability Manager", 1, 1250],
            ["canary: SES messages to the mailbox simulator", 1460, 0.15],
            ["canary: Lambda requests", 730, 0],
            ["canary: Lambda GB-seconds", 91.25, 0],
            ["canary: \"monitoring blind\" alarm metrics", 2, 0.2],
            ["canary: custom metrics from its set's event destination", 4, 1.2],
            ["sending API poller (a run every 15 min): Lambda requests", 2920, 0],
            ["sending API poller (a run every 15 min): Lambda GB-seconds", 365, 0],
            ["sending API poller (a run every 15 min): PutMetricData requests", 2920, 0.03],
            ["auto-pause of marketing: Lambda requests", 0, 0],
            ["auto-pause of transactional: Lambda requests", 0, 0],
            ["custom metrics from the sending API poller", 9, 2.7],
        ]);
        assert.deepStrictEqual(p.cost.usagePriced, ["CloudWatch Logs: per GB the functions log (a few lines a run)", "SNS: per notification delivered (alarm volume is tiny)"]);
        assert.ok(p.alarms.some((a) => a.name === "ses-monitoring-protect.canary.delivery-missing-critical" && a.severity === "critical"));
        assert.match(stdout, /canary: SES messages to the mailbox simulator \(2 per run, a run every 60 min\)\s+1460\s+\$0\.0001\s+\$0\.15/);
    });

    it("exits 2 on an invalid config, naming the config key, and writes no plan", async () => {
        const stackFile = path.join(ROOT, "Pulumi.plantest-bad.yaml");
        fs.writeFileSync(stackFile, "config:\n  ses-monitoring:configurationSets:\n    a: {}\n  ses-monitoring:alarms:\n    bounceRate:\n      criticalPercent: 7\n");
        try {
            const { code, stdout, stderr, out } = await plan(["--stack", "plantest-bad"]);
            assert.strictEqual(code, EXIT.invalidConfig);
            assert.match(stderr, /ses-monitoring:alarms\.bounceRate\.criticalPercent: 7 is not below AWS's review level of 5 %/);
            assert.strictEqual(stdout, "");
            assert.strictEqual(fs.existsSync(path.join(out, "plan.json")), false);
        } finally {
            fs.unlinkSync(stackFile);
        }
        const missing = await plan(["--stack", "no-such-stack"]);
        assert.strictEqual(missing.code, EXIT.invalidConfig);
        assert.match(missing.stderr, /Pulumi\.no-such-stack\.yaml does not exist/);
    });

    it("exits 1 when a mandatory policy is violated, and says which", async () => {
        const { code, stdout } = await plan(["--project-dir", path.join(__dirname, "fixtures", "unmonitored-project"), "--stack", "test"]);
        assert.strictEqual(code, EXIT.mandatoryViolation);
        assert.match(stdout, /\[mandatory\] /);
    });

    it("prints JSON that parses and matches the printed alarm table", async () => {
        const text = await plan(["--stack", "dev"]);
        const json = await plan(["--stack", "dev", "--json"]);
        const p: Plan = JSON.parse(json.stdout);
        assert.deepStrictEqual(p, readPlan(text.out));
        const lines = text.stdout.split("\n");
        for (const alarm of p.alarms) {
            const line = lines.find((l) => l.startsWith(alarm.name + " "));
            assert.ok(line, `no table row for ${alarm.name}`);
            const cells = line!.split(/\s{2,}/);
            assert.deepStrictEqual(cells, [alarm.name, alarm.severity, alarm.reads, alarm.expression, String(alarm.threshold), String(alarm.periodSeconds), alarm.datapoints, alarm.actions]);
        }
    });

    it("refuses unknown options with exit 2 and one line", async () => {
        const { code, stderr } = await plan(["--stak", "dev"]);
        assert.strictEqual(code, EXIT.invalidConfig);
        assert.match(stderr, /^plan: Unknown option '--stak'.*\(usage: npm run plan -- /);
        assert.strictEqual(stderr.trim().split("\n").length, 1);
    });

    it("counts a dashboard's metrics (not its expressions) for the 50-metric free-tier rule", () => {
        const body = { widgets: [
            { type: "metric", properties: { metrics: [["AWS/SES", "Send", "ses:configuration-set", "a"], [{ expression: "100 * m2 / m1", id: "e1" }], ["AWS/SES", "Bounce", "ses:configuration-set", "a", { id: "m2" }]] } },
            { type: "text", properties: { markdown: "# x" } },
        ] };
        assert.strictEqual(dashboardMetrics(JSON.stringify(body)), 2);
        assert.strictEqual(dashboardMetrics("not json"), 0);
    });

    it("prices custom metrics by CloudWatch's tiers", () => {
        assert.strictEqual(customMetricsUsd(10), 3);
        assert.strictEqual(Math.round(customMetricsUsd(10_001) * 100) / 100, 3000.1);
        assert.strictEqual(Math.round(customMetricsUsd(250_000) * 100), Math.round((10_000 * 0.3 + 240_000 * 0.1) * 100));
    });
});
