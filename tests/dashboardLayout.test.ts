/**
 * The dashboard's layout as plain data, without rendering: which alarms the status widgets list at
 * each size, the per-set and fleet rows at the 25-set boundary, the header's text and links, and
 * the dashboard's own settings. tests/dashboard.test.ts checks the rendered body.
 */
import * as assert from "assert";
import { SesMonitoringArgs } from "../components";
import { planSesMonitoring } from "../components/sesMonitoring";
import {
    ALARM_LIST_CHARACTERS,
    alarmsConsoleUrl,
    consoleBase,
    dashboardConsoleUrl,
    DashboardInput,
    dashboardLayout,
    defaultDashboardName,
    headerMarkdown,
    MAX_DETAILED_SETS,
    sesReputationConsoleUrl,
    topSetsQuery,
    widgetMetricCount,
} from "../components/dashboard/layout";
import { DASHBOARD_NAME, resolveDashboard } from "../components/dashboard/settings";
import { Checker } from "../components/shared/checker";
import { AlarmStatusWidget, GraphWidget, HeaderSpec, HeaderWidget, WidgetSpec } from "../components/shared/dashboardWidgets";

const CONTEXT = { project: "ses-monitoring", stack: "dev" };
const sets = (n: number): SesMonitoringArgs["configurationSets"] =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`set${String(i).padStart(5, "0")}`, {}]));
const statusWidgets = (rows: WidgetSpec[][]) => rows.flat().filter((w): w is AlarmStatusWidget => w.kind === "alarmStatus");
const graphs = (rows: WidgetSpec[][]) => rows.flat().filter((w): w is GraphWidget => w.kind === "graph");

/** A layout input with no sets, and `n` other alarms of the given name length and severity. */
function input(alarms: { name: string; severity: string; configurationSet?: string }[], composites: string[] = []): DashboardInput {
    return {
        namePrefix: "p",
        configurationSets: [],
        accountRows: [],
        otherAlarms: alarms,
        composites: composites.map((name, i) => ({ name, root: i === composites.length - 1 })),
    };
}
const named = (n: number, severity: string, configurationSet?: string, length = 10) =>
    Array.from({ length: n }, (_, i) => ({ name: `${severity[0]}${String(i).padStart(length - 1, "0")}`, severity, configurationSet }));

describe("dashboard layout", () => {
    it("a row per set up to 25 sets, top-10 widgets over every set from 26", () => {
        const at25 = planSesMonitoring({ configurationSets: sets(MAX_DETAILED_SETS), sendingQuota: { enabled: false } }, CONTEXT).dashboard!;
        const at26 = planSesMonitoring({ configurationSets: sets(MAX_DETAILED_SETS + 1), sendingQuota: { enabled: false } }, CONTEXT).dashboard!;
        assert.strictEqual(MAX_DETAILED_SETS, 25);
        assert.strictEqual(at25.mode, "perSet");
        assert.strictEqual(graphs(at25.rows).filter((w) => w.title.endsWith(": bounce rate (%)")).length, 25);
        assert.strictEqual(at26.mode, "fleet");
        assert.deepStrictEqual(graphs(at26.rows).filter((w) => w.title.startsWith("Top ")).map((w) => w.title), [
            "Top 10 configuration sets by Send (account and region)",
            "Top 10 configuration sets by Bounce (account and region)",
            "Top 10 configuration sets by Complaint (account and region)",
            "Top 10 configuration sets by Reject (account and region)",
        ]);
        assert.strictEqual(graphs(at26.rows).filter((w) => / rate \(%\)$/.test(w.title) && !w.title.startsWith("Account")).length, 0);
        const header = at26.rows[0][0] as HeaderWidget;
        assert.deepStrictEqual([header.kind, header.width, header.height, header.header.mode, header.header.configurationSets.length], ["header", 24, 4, "fleet", 26]);
    });

    it("a Metrics Insights query per event: summed by set, largest first, 10 series counted against the budget", () => {
        assert.strictEqual(topSetsQuery("BOUNCE"),
            'SELECT SUM(Bounce) FROM SCHEMA("AWS/SES", "ses:configuration-set") GROUP BY "ses:configuration-set" ORDER BY SUM() DESC LIMIT 10');
        const fleet = planSesMonitoring({ configurationSets: sets(30), sendingQuota: { enabled: false } }, CONTEXT).dashboard!;
        const top = graphs(fleet.rows).find((w) => w.title.startsWith("Top 10 configuration sets by Send"))!;
        assert.deepStrictEqual([top.width, top.height, top.periodSeconds, top.stat, top.yAxisMin], [12, 6, 3600, "Sum", 0]);
        assert.deepStrictEqual(top.queries, [{ kind: "expression", id: "top_send", expression: topSetsQuery("SEND"), extraSeries: 10 }]);
        assert.strictEqual(widgetMetricCount(top), 10);
    });

    it("a set's row: volume, engagement and totals side by side, totals full width without engagement", () => {
        const plan = planSesMonitoring({
            configurationSets: { full: {}, plain: { eventTypes: ["SEND", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY"] } },
            sendingQuota: { enabled: false },
        }, CONTEXT);
        const layout = plan.dashboard!;
        const widget = (title: string) => layout.rows.flat().find((w) => w.kind !== "header" && w.title === title)!;
        const volume = widget("full: sending volume") as GraphWidget;
        assert.deepStrictEqual([volume.width, volume.height, volume.periodSeconds, volume.stat, volume.yAxisMin], [8, 6, 3600, "Sum", 0]);
        assert.ok(volume.queries.every((q) => q.kind === "metric" && q.visible && q.metric.periodSeconds === 3600 && q.metric.stat === "Sum"));
        assert.deepStrictEqual(volume.queries.map((q) => [q.id, q.label]), [["send", "Send"], ["delivery", "Delivery"], ["bounce", "Bounce"], ["complaint", "Complaint"],
            ["reject", "Reject"], ["delivery_delay", "DeliveryDelay"], ["rendering_failure", "RenderingFailure"]]);
        const totals = widget("full: last 24 hours");
        assert.deepStrictEqual(totals.kind === "totals" && [totals.width, totals.height, totals.rangeSeconds, totals.queries.map((q) => q.metric.periodSeconds)],
            [8, 6, 86_400, [86_400, 86_400, 86_400, 86_400, 86_400, 86_400, 86_400]]);
        const engagement = widget("full: opens and clicks per delivery (%)") as GraphWidget;
        assert.deepStrictEqual([engagement.width, engagement.height, engagement.periodSeconds, engagement.stat, engagement.yAxisMin, engagement.thresholds], [8, 6, 3600, "Sum", 0, []]);
        const plainTotals = widget("plain: last 24 hours");
        assert.strictEqual(plainTotals.width, 16, "no engagement graph: the totals take its place");
        assert.strictEqual(layout.rows.flat().some((w) => w.kind !== "header" && w.title === "plain: opens and clicks per delivery (%)"), false);
        // The row's order: volume, engagement, totals, then the rates.
        const row = layout.rows.find((r) => r.some((w) => w.kind !== "header" && w.title.startsWith("full:")))!;
        assert.deepStrictEqual(row.map((w) => (w.kind === "header" ? "" : w.title)), ["full: sending volume", "full: opens and clicks per delivery (%)", "full: last 24 hours",
            "full: bounce rate (%)", "full: complaint rate (%)", "full: reject rate (%)"]);
    });

    it("a set that publishes no volume event and alarms on no rate gets no row; graphs without lines draw none", () => {
        const plan = planSesMonitoring({
            configurationSets: { quiet: { eventTypes: ["OPEN", "CLICK"], alarms: { bounceRate: { enabled: false }, complaintRate: { enabled: false }, rejectRate: { enabled: false } }, reputationMetrics: false }, shop: {} },
            sendingQuota: { enabled: false },
        }, CONTEXT);
        const layout = plan.dashboard!;
        assert.ok(!layout.rows.flat().some((w) => w.kind !== "header" && w.title.startsWith("quiet:")));
        assert.ok(layout.rows.every((r) => r.length > 0), "no empty row");
        assert.deepStrictEqual(graphs(layout.rows).find((w) => w.title === "shop: sending volume")!.thresholds, []);
        const fleet = planSesMonitoring({ configurationSets: sets(26), sendingQuota: { enabled: false } }, CONTEXT).dashboard!;
        assert.ok(graphs(fleet.rows).filter((w) => w.title.startsWith("Top ")).every((w) => w.thresholds.length === 0));
    });

    it("a rate graph: the main alarm's window, lines for its tiers and AWS's review level (none for rejects), never below 0", () => {
        const plan = planSesMonitoring({ configurationSets: { shop: {} }, sendingQuota: { enabled: false } }, CONTEXT);
        const rate = (title: string) => graphs(plan.dashboard!.rows).find((w) => w.title === title)!;
        const bounce = rate("shop: bounce rate (%)");
        const spec = plan.alarms.find((a) => a.name === "ses-monitoring-dev.shop.bounce-rate-critical")!;
        assert.deepStrictEqual([bounce.width, bounce.height, bounce.periodSeconds, bounce.stat, bounce.yAxisMin], [8, 6, spec.periodSeconds, "Sum", 0]);
        assert.deepStrictEqual(bounce.thresholds, [
            { value: 4, label: "warning 4 %", color: "#ff7f0e", source: { alarm: "ses-monitoring-dev.shop.bounce-rate-warning" } },
            { value: 4.5, label: "critical 4.5 % (and 5-minute fast window)", color: "#d62728", source: { alarm: "ses-monitoring-dev.shop.bounce-rate-critical" } },
            { value: 5, label: "AWS review 5 %", color: "#9467bd", source: { aws: "review" } },
        ]);
        assert.deepStrictEqual(rate("shop: reject rate (%)").thresholds.map((l) => l.label), ["warning 1 %", "critical 5 % (and 5-minute fast window)"]);
        // The complaint rate has no fast window: its critical line says nothing more; a 7-day period.
        assert.deepStrictEqual(rate("shop: complaint rate (%)").thresholds.map((l) => l.label), ["warning 0.08 %", "critical 0.09 %", "AWS review 0.1 %"]);
        // An hourly fast window is named in hours; one at another tier than the critical adds nothing.
        const hourly = planSesMonitoring({ configurationSets: { shop: {} }, sendingQuota: { enabled: false },
            alarms: { bounceRate: { fastWindow: { periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 }, periodSeconds: 7200, evaluationPeriods: 2, datapointsToAlarm: 2 } } }, CONTEXT);
        assert.deepStrictEqual(graphs(hourly.dashboard!.rows).find((w) => w.title === "shop: bounce rate (%)")!.thresholds.map((l) => l.label),
            ["warning 4 %", "critical 4.5 % (and 1-hour fast window)", "AWS review 5 %"]);
    });

    it("account reputation: the alarm's period, its tiers in percent, AWS's review and pause levels", () => {
        const plan = planSesMonitoring({ configurationSets: { shop: {} }, sendingQuota: { enabled: false } }, CONTEXT);
        const bounce = graphs(plan.dashboard!.rows).find((w) => w.title === "Account bounce rate (Reputation.BounceRate, %)")!;
        assert.deepStrictEqual([bounce.width, bounce.height, bounce.stat, bounce.yAxisMin], [12, 6, "Average", 0]);
        assert.deepStrictEqual(bounce.thresholds.slice(2), [
            { value: 5, label: "AWS review 5 %", color: "#9467bd", source: { aws: "review" } },
            { value: 10, label: "AWS may pause 10 %", color: "#000000", source: { aws: "pause" } },
        ]);
        assert.deepStrictEqual(bounce.queries.map((q) => [q.kind, q.id, q.label]), [["metric", "reputation", "Reputation.BounceRate"], ["expression", "percent", "bounce rate (%)"]]);
        // Reputation alarms off: the graph still reads hourly, with only AWS's lines.
        const off = planSesMonitoring({ configurationSets: { shop: {} }, sendingQuota: { enabled: false }, accountReputation: { bounceRate: { enabled: false } } }, CONTEXT);
        const bare = graphs(off.dashboard!.rows).find((w) => w.title === "Account bounce rate (Reputation.BounceRate, %)")!;
        assert.strictEqual(bare.periodSeconds, 3600);
        assert.deepStrictEqual(bare.thresholds.map((l) => l.label), ["AWS review 5 %", "AWS may pause 10 %"]);
    });

    describe("the alarm-status widgets", () => {
        it("list every alarm, the composites first (root first), 100 per widget, titled by range past 100", () => {
            const layout = dashboardLayout(input(named(150, "warning"), ["leaf-1", "leaf-2", "root"]), [], { stack: "dev" });
            assert.strictEqual(layout.alarmCoverage, "all");
            const status = statusWidgets(layout.rows);
            assert.deepStrictEqual(status.map((w) => [w.title, w.alarms.length, w.width, w.height]), [
                ["Alarms 1-100 of 153", 100, 24, 19],
                ["Alarms 101-153 of 153", 53, 24, 11],
            ]);
            assert.deepStrictEqual(status[0].alarms.slice(0, 4), ["root", "leaf-2", "leaf-1", "w000000000"]);
            assert.deepStrictEqual(layout.rows[1], status, "the row after the header");
        });

        it("up to 100 alarms: one widget titled Alarms, as high as its lines, at most 20 units", () => {
            const heights = [1, 6, 7, 100].map((n) => statusWidgets(dashboardLayout(input(named(n, "warning")), [], { stack: "dev" }).rows).map((w) => [w.title, w.height]));
            assert.deepStrictEqual(heights, [[["Alarms", 3]], [["Alarms", 3]], [["Alarms", 4]], [["Alarms", 19]]]);
            const at101 = statusWidgets(dashboardLayout(input(named(101, "warning")), [], { stack: "dev" }).rows);
            assert.deepStrictEqual(at101.map((w) => [w.title, w.alarms.length, w.height]), [["Alarms 1-100 of 101", 100, 19], ["Alarms 101-101 of 101", 1, 3]]);
        });

        it("no alarm at all: no alarm-status row", () => {
            const layout = dashboardLayout(input([]), [], { stack: "dev" });
            assert.deepStrictEqual(statusWidgets(layout.rows), []);
            assert.strictEqual(layout.alarmCoverage, "all");
            assert.deepStrictEqual(layout.rows.map((r) => r[0].kind), ["header", "graph"], "header, then the reputation row");
        });

        it("past the character budget: the composites and critical alarms; past that, the composites and account-level alarms", () => {
            // Names of 187 characters cost 250 each (the ARN around them): 1,600 fill the budget exactly.
            assert.strictEqual(ALARM_LIST_CHARACTERS, 1600 * (187 + 63));
            assert.strictEqual(dashboardLayout(input(named(1600, "warning", "s", 187)), [], { stack: "dev" }).alarmCoverage, "all", "exactly at the budget: all listed");
            assert.strictEqual(dashboardLayout(input(named(1600, "warning", "s", 188)), [], { stack: "dev" }).alarmCoverage, "critical", "one character over: the critical ones (none here)");
            // Names of 200 characters cost 263 each: the budget holds 1,520 of them.
            const fit = Math.floor(ALARM_LIST_CHARACTERS / (200 + 63));
            assert.strictEqual(fit, 1520);
            const critical = named(fit, "critical", "s", 200);
            const warning = named(1, "warning", "s", 200);
            assert.strictEqual(dashboardLayout(input(critical), [], { stack: "dev" }).alarmCoverage, "all");
            const over = dashboardLayout(input([...critical, ...warning]), [], { stack: "dev" });
            assert.strictEqual(over.alarmCoverage, "critical");
            assert.strictEqual(statusWidgets(over.rows).flatMap((w) => w.alarms).length, fit);
            assert.match(statusWidgets(over.rows)[0].title, /^Alarms 1-100 of 1520 \(1520 of the stack's 1521 shown\)$/);
            const account = named(3, "warning", undefined, 200);
            const fallback = dashboardLayout(input([...named(fit + 1, "critical", "s", 200), ...account], ["c1", "root"]), [], { stack: "dev" });
            assert.strictEqual(fallback.alarmCoverage, "composite");
            assert.deepStrictEqual(statusWidgets(fallback.rows).flatMap((w) => w.alarms), ["root", "c1", ...account.map((a) => a.name)]);
            assert.deepStrictEqual(statusWidgets(fallback.rows).map((w) => w.title), ["Alarms (5 of the stack's 1526 shown)"]);
        });

        it("when even the composites and account-level alarms pass the budget, those are listed", () => {
            const account = named(2000, "critical", undefined, 200);
            const layout = dashboardLayout(input(account, ["root"]), [], { stack: "dev" });
            assert.strictEqual(layout.alarmCoverage, "composite");
            assert.strictEqual(statusWidgets(layout.rows).flatMap((w) => w.alarms).length, 2001);
        });

        it("the widget limit: the status widgets fit beside the other rows' widgets, up to exactly 500", () => {
            // Rows other parts contribute count against the 500 too: 480 of them, the header and the reputation row leave 17.
            const rows = (n: number): WidgetSpec[][] => [Array.from({ length: n }, (_, i) => ({ kind: "latest", title: `w${i}`, width: 1, height: 1, periodSeconds: 60, stat: "Maximum", queries: [] }))];
            const at = (alarms: number) => dashboardLayout({ ...input(named(alarms, "warning", undefined, 5), ["root"]), accountRows: rows(480) }, [], { stack: "dev" });
            // 1,699 alarms and the root: 17 widgets, 500 in all.
            assert.strictEqual(at(1699).alarmCoverage, "all");
            assert.strictEqual(at(1699).rows.flat().length, 500);
            // One more alarm would need an 18th: only the critical ones (the root) are listed.
            assert.strictEqual(at(1700).alarmCoverage, "critical");
            assert.deepStrictEqual(statusWidgets(at(1700).rows).map((w) => w.alarms), [["root"]]);
            // A set's row counts too: its volume graph and totals leave 15.
            const withSet = (alarms: number) => dashboardLayout({ ...input(named(alarms, "warning", undefined, 5), ["root"]), accountRows: rows(480),
                configurationSets: [{ name: "s", eventTypes: ["SEND"] }] }, [], { stack: "dev" });
            assert.strictEqual(withSet(1499).alarmCoverage, "all");
            assert.strictEqual(withSet(1499).rows.flat().length, 500);
            assert.strictEqual(withSet(1500).alarmCoverage, "critical");
        });

        it("a layout past CloudWatch's limits is refused, not rendered: 500 widgets, 2,500 metrics, 100 rows, each at its boundary", () => {
            const latest = (metrics: number): WidgetSpec => ({ kind: "latest", title: "w", width: 1, height: 1, periodSeconds: 60, stat: "Maximum",
                queries: Array.from({ length: metrics }, (_, i) => ({ kind: "metric", id: `m${i}`, label: "m", visible: true, metric: { namespace: "N", metricName: "M", dimensions: {}, stat: "Maximum", periodSeconds: 60 } })) });
            const layout = (accountRows: WidgetSpec[][]) => () => dashboardLayout({ ...input([]), accountRows }, [], { stack: "dev" });
            // Header and reputation row: 3 widgets, 2 metrics, 2 rows.
            assert.doesNotThrow(layout([Array.from({ length: 497 }, () => latest(0))]));
            assert.throws(layout([Array.from({ length: 498 }, () => latest(0))]), /^Error: internal: dashboard layout breaks a CloudWatch limit \(501 widgets, 2 metrics, 3 rows\)$/);
            assert.doesNotThrow(layout([[latest(2498)]]));
            assert.throws(layout([[latest(2499)]]), /\(4 widgets, 2501 metrics, 3 rows\)$/);
            assert.doesNotThrow(layout(Array.from({ length: 98 }, () => [latest(0)])));
            assert.throws(layout(Array.from({ length: 99 }, () => [latest(0)])), /\(102 widgets, 2 metrics, 101 rows\)$/);
        });

        it("an empty contributed row takes no row", () => {
            const layout = dashboardLayout({ ...input([]), accountRows: [[], [{ kind: "latest", title: "w", width: 1, height: 1, periodSeconds: 60, stat: "Maximum", queries: [] }], []] }, [], { stack: "dev" });
            assert.deepStrictEqual(layout.rows.map((r) => r.length), [1, 2, 1]);
        });
    });

    describe("the header", () => {
        const header = (over: Partial<HeaderSpec> = {}): HeaderSpec => ({
            stack: "prod", namePrefix: "shop-prod", configurationSets: ["a", "b"], sendingAtRisk: "shop-prod.sending-at-risk",
            mode: "perSet", alarmCoverage: "all", alarmCount: 40, ...over,
        });

        it("says the stack, region, sets and where to look, with links in the partition's console", () => {
            assert.strictEqual(headerMarkdown(header(), "eu-west-1", "aws"), [
                "# SES sending: prod (eu-west-1)",
                "Configuration sets (2): `a`, `b`.",
                "[Stack alarms (shop-prod.*)](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:?~(search~'shop-prod.))"
                    + " · [SES reputation](https://eu-west-1.console.aws.amazon.com/ses/home?region=eu-west-1#/reputation)"
                    + " · one alarm to follow: `shop-prod.sending-at-risk`",
            ].join("\n\n"));
            assert.match(headerMarkdown(header({ sendingAtRisk: undefined, configurationSets: [] }), "eu-west-1", "aws"),
                /^# SES sending: prod \(eu-west-1\)\n\nConfiguration sets \(0\): none\.\n\n\[Stack alarms[^\n]*#\/reputation\)$/);
        });

        it("lists 50 sets by name and counts the rest", () => {
            const names = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
            assert.match(headerMarkdown(header({ configurationSets: names(50) }), "eu-west-1", "aws"), /Configuration sets \(50\): `s0`, .*, `s49`\.\n/);
            const more = headerMarkdown(header({ configurationSets: names(51) }), "eu-west-1", "aws");
            assert.match(more, /Configuration sets \(51\): `s0`, .*, `s49` and 1 more\.\n/);
            assert.ok(!more.includes("`s50`"));
        });

        it("says when the fleet view replaces per-set rows, and which alarms the status widgets leave out", () => {
            const fleet = headerMarkdown(header({ mode: "fleet", alarmCoverage: "critical", alarmCount: 9000 }), "eu-west-1", "aws").split("\n\n");
            assert.deepStrictEqual(fleet.slice(3), [
                "More than 25 sets: per-set rows give way to top-10 widgets over every set of the account and region.",
                "Alarm status lists the composite and critical alarms of the stack's 9000: find the rest with the alarms link.",
            ]);
            assert.strictEqual(headerMarkdown(header({ alarmCoverage: "composite", alarmCount: 9000 }), "eu-west-1", "aws").split("\n\n")[3],
                "Alarm status lists the composite and account-level alarms of the stack's 9000: find the rest with the alarms link.");
            assert.strictEqual(headerMarkdown(header(), "eu-west-1", "aws").split("\n\n").length, 3);
        });
    });

    it("console links per partition, the dashboard's name encoded", () => {
        assert.strictEqual(dashboardConsoleUrl("aws", "eu-west-1", "a b"), "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=a%20b");
        assert.strictEqual(alarmsConsoleUrl("aws-cn", "cn-north-1", "p."), "https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:?~(search~'p.)");
        assert.strictEqual(sesReputationConsoleUrl("aws-us-gov", "us-gov-west-1"), "https://console.amazonaws-us-gov.com/ses/home?region=us-gov-west-1#/reputation");
        assert.strictEqual(consoleBase("aws-iso", "us-iso-east-1"), "https://us-iso-east-1.console.aws.amazon.com");
    });

    describe("settings", () => {
        it("the default name carries the region, cleaned to what CloudWatch takes and cut at 255", () => {
            assert.strictEqual(defaultDashboardName("shop-prod", "eu-west-1"), "shop-prod-eu-west-1-ses");
            assert.strictEqual(defaultDashboardName("shop.prod", "eu-west-1"), "shop-prod-eu-west-1-ses");
            assert.strictEqual(defaultDashboardName("a..b", "r"), "a-b-r-ses");
            const long = defaultDashboardName("p".repeat(260), "eu-west-1");
            assert.strictEqual(long, "p".repeat(255));
            assert.ok(DASHBOARD_NAME.test(defaultDashboardName("p".repeat(100), "eu-west-1")));
        });

        it("on by default; a name of 1-255 of [A-Za-z0-9_-]; unknown fields refused", () => {
            const check = new Checker();
            assert.deepStrictEqual(resolveDashboard(check, "dashboard", undefined), { enabled: true, name: undefined });
            assert.deepStrictEqual(resolveDashboard(check, "dashboard", { enabled: false }), { enabled: false, name: undefined });
            assert.deepStrictEqual(resolveDashboard(check, "dashboard", { name: "A_b-1" }), { enabled: true, name: "A_b-1" });
            assert.deepStrictEqual(resolveDashboard(check, "dashboard", { name: "n".repeat(255) }), { enabled: true, name: "n".repeat(255) });
            assert.strictEqual(check.issues.length, 0);
            resolveDashboard(check, "dashboard", { name: "n".repeat(256) });
            resolveDashboard(check, "d2", { name: "" });
            resolveDashboard(check, "d3", { title: "x" });
            assert.deepStrictEqual(check.issues.map((i) => `${i.path}: ${i.message}`), [
                `dashboard.name: "${"n".repeat(256)}" is not a dashboard name (1-255 of [A-Za-z0-9_-])`,
                "d2.name: \"\" is not a dashboard name (1-255 of [A-Za-z0-9_-])",
                "d3.title: \"x\" is not a known field (known: enabled, name)",
            ]);
        });
    });
});
