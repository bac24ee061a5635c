import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { planSesMonitoring, SesMonitoring, SesMonitoringArgs, SesMonitoringPlan, sendingQuota } from "../components";
import { CONFIGURATION_SET_DIMENSION, EVENT_TYPES, EventType, REPUTATION_METRICS, SES_NAMESPACE } from "../components/shared/catalog";
import { COMPOSITE_LIMITS, CompositeAlarmSpec, ruleElements } from "../components/sendingAtRisk/specs";
import { createDashboard } from "../components/dashboard/resources";
import { consoleBase, DASHBOARD_LIMITS, DashboardLayout, layoutBudget, MAX_DETAILED_SETS, TOP_N } from "../components/dashboard/layout";
import { parseExpression, referencedIds } from "../components/shared/metricMath";
import { PollerAlarmSpec } from "../components/sendingQuota/alarms";
import {
    ENFORCEMENT_STATUS_CODES,
    ENFORCEMENT_STATUS_UNKNOWN,
    SEND_DATA_POINT_FIELDS,
    SEND_STATISTICS_INTERVAL_MINUTES,
    SENDING_API_METRICS,
    SENDING_API_NAMESPACE,
    SendingApiMetric,
    STACK_DIMENSION,
} from "../components/sendingQuota/metrics";
import { argsFromStackConfig } from "../program/stackConfig";
import { RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";
import { runStack } from "../tools/stack";
import { AlarmSpec } from "../components/shared/alarmSpecs";

const ROOT = path.resolve(__dirname, "..");
const T = {
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
};
const CONTEXT = { project: "ses-monitoring", stack: "dev" };

const THREE_SETS: SesMonitoringArgs = {
    configurationSets: {
        marketing: { alarms: { complaintRate: { criticalPercent: 0.09 } } },
        transactional: { eventTypes: ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"] },
        // Reject alarms off: no reject-rate widget, no reject alarms in the composite.
        legacy: { manage: false, reputationMetrics: false, alarms: { rejectRate: { enabled: false } } },
    },
    alarms: { bounceRate: { warningPercent: 1.5, criticalPercent: 3 } },
};

/** `n` sets named so that their order is their number. */
function manySets(n: number, prefix = "set"): SesMonitoringArgs {
    const configurationSets: SesMonitoringArgs["configurationSets"] = {};
    for (let i = 1; i <= n; i++) configurationSets[`${prefix}-${String(i).padStart(5, "0")}`] = {};
    return { configurationSets };
}

async function deploy(args: SesMonitoringArgs, stack = "dev"): Promise<{ resources: RegisteredResource[]; component: SesMonitoring }> {
    let component: SesMonitoring | undefined;
    const resources = await runUnderMocks(() => { component = new SesMonitoring("ses", args); }, { stack });
    return { resources, component: component! };
}

interface Body { widgets: BodyWidget[] }
interface BodyWidget { type: string; x: number; y: number; width: number; height: number; properties: any }
interface MetricRead { namespace: string; name: string; dimensions: Record<string, string>; options: any }

function bodyOf(resources: RegisteredResource[]): Body {
    const dashboards = resources.filter((r) => r.type === T.dashboard);
    assert.strictEqual(dashboards.length, 1, "one dashboard per stack");
    return JSON.parse(dashboards[0].inputs.dashboardBody);
}

/** A metrics-array entry: `[namespace, name, dim, value, ..., options]` or `[{ expression, id, label }]`. */
function metricReads(widget: BodyWidget): MetricRead[] {
    return (widget.properties.metrics ?? []).filter((m: any[]) => typeof m[0] === "string").map((m: any[]) => {
        const dimensions: Record<string, string> = {};
        for (let i = 2; i + 1 < m.length; i += 2) dimensions[m[i]] = m[i + 1];
        return { namespace: m[0], name: m[1], dimensions, options: m[m.length - 1] };
    });
}

function expressions(widget: BodyWidget): { expression: string; id: string; label?: string }[] {
    return (widget.properties.metrics ?? []).filter((m: any[]) => typeof m[0] === "object").map((m: any[]) => m[0]);
}

const isInsights = (expression: string) => /^SELECT /i.test(expression);

/** The metric count CloudWatch holds against 2,500: metric reads, and each Insights query's series. */
function bodyMetricCount(body: Body): number {
    return body.widgets.reduce((n, w) => n + metricReads(w).length + expressions(w).reduce((k, e) => {
        if (!isInsights(e.expression)) return k;
        const limit = /LIMIT (\d+)$/.exec(e.expression);
        assert.ok(limit, `a Metrics Insights query without LIMIT returns up to 500 series: ${e.expression}`);
        return k + Number(limit![1]);
    }, 0), 0);
}

const graphs = (body: Body) => body.widgets.filter((w) => w.type === "metric" && w.properties.view === "timeSeries");
const titled = (body: Body, title: string) => {
    const w = body.widgets.find((x) => x.properties.title === title);
    assert.ok(w, `no widget titled ${title}`);
    return w!;
};
const lines = (w: BodyWidget) => (w.properties.annotations?.horizontal ?? []) as { value: number; label: string }[];
const alarmLines = (w: BodyWidget) => lines(w).filter((l) => /^(warning|critical) /.test(l.label)).map((l) => [l.label.split(" ")[0], l.value]);
const specLines = (specs: AlarmSpec[]) => specs.map((s) => [s.severity, s.thresholdPercent]);
const pollerSpecLines = (specs: PollerAlarmSpec[]) => specs.map((s) => [s.severity, s.threshold]);

/** The Sending API row's widgets, as the layout titles them. */
const SENDING_API_TITLES = {
    quota: "Account sending quota used (QuotaUsedPercent, %)",
    enabled: "Account sending enabled (SendingEnabled: 1 yes, 0 paused)",
    enforcement: "Account enforcement status (EnforcementStatus: 0 HEALTHY, 1 PROBATION, 2 SHUTDOWN, 3 unknown)",
    counts: "Account sending, all mail (sending API, 15-minute counts)",
    latest: "Account sending quota (latest poll)",
};
const readsSendingApi = (w: BodyWidget) => metricReads(w).some((m) => m.namespace === SENDING_API_NAMESPACE);

/** Renders only the dashboard of a plan (no alarms registered): fast enough for any size. */
async function renderDashboard(layout: DashboardLayout, alarmNames: string[]): Promise<Body> {
    const arns = Object.fromEntries(alarmNames.map((n) => [n, `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${n}`]));
    const resources = await runUnderMocks(() => {
        const parent = new pulumi.ComponentResource("test:index:Parent", "parent");
        createDashboard("ses", layout, "scale-test", {
            region: pulumi.output("us-east-1"), partition: pulumi.output("aws"), alarmArn: (name) => arns[name],
        }, parent);
    });
    return bodyOf(resources);
}

/**
 * The statistic each poller metric is read with: SES's 15-minute counts add up; `SendingEnabled` is
 * read at its lowest (one 0 in a period is a pause), every other gauge at its highest.
 */
function pollerStat(metric: SendingApiMetric): string {
    if (metric in SEND_DATA_POINT_FIELDS) return "Sum";
    return metric === "sendingEnabled" ? "Minimum" : "Maximum";
}

/**
 * Every metric read is a catalog metric of a set of the stack, AWS's account reputation, or (when
 * `pollerStack` is given: the poller is on) one of the poller's metrics with `Stack = pollerStack`.
 */
function checkMetricsAgainstCatalog(body: Body, sets: Map<string, EventType[]>, pollerStack: string | undefined): void {
    const eventNames = new Map<string, EventType>(Object.entries(EVENT_TYPES).map(([type, name]) => [name, type as EventType]));
    const reputation = Object.values(REPUTATION_METRICS) as string[];
    const pollerMetrics = new Map<string, SendingApiMetric>(Object.entries(SENDING_API_METRICS).map(([key, name]) => [name, key as SendingApiMetric]));
    let reads = 0;
    for (const widget of body.widgets) {
        for (const m of metricReads(widget)) {
            reads++;
            if (m.namespace === SENDING_API_NAMESPACE) {
                assert.ok(pollerStack !== undefined, `${widget.properties.title}: reads the poller's ${m.name}, yet the poller is off`);
                const metric = pollerMetrics.get(m.name);
                assert.ok(metric, `${widget.properties.title}: ${m.name} is not a metric the poller publishes`);
                // Another stack's poller publishes the same names: only our Stack value is ours.
                assert.deepStrictEqual(m.dimensions, { [STACK_DIMENSION]: pollerStack }, `${widget.properties.title}: ${m.name}`);
                assert.strictEqual(m.options.stat, pollerStat(metric!), `${widget.properties.title}: ${m.name}`);
                assert.strictEqual(m.options.period % 60, 0);
                continue;
            }
            assert.strictEqual(m.namespace, SES_NAMESPACE);
            if (reputation.includes(m.name)) {
                // The account-level metric has no dimension; a dimension would read nothing.
                assert.deepStrictEqual(m.dimensions, {}, `${widget.properties.title}: ${m.name}`);
                assert.strictEqual(m.options.stat, "Average");
                continue;
            }
            const event = eventNames.get(m.name);
            assert.ok(event, `${widget.properties.title}: ${m.name} is not a catalog metric`);
            assert.deepStrictEqual(Object.keys(m.dimensions), [CONFIGURATION_SET_DIMENSION], `${widget.properties.title}: ${m.name}`);
            const set = m.dimensions[CONFIGURATION_SET_DIMENSION];
            assert.ok(sets.has(set), `${set} is not a set of the stack`);
            assert.ok(sets.get(set)!.includes(event!), `${set} does not publish ${event}`);
            assert.strictEqual(m.options.stat, "Sum");
            assert.strictEqual(m.options.period % 60, 0);
        }
        for (const e of expressions(widget).filter((x) => isInsights(x.expression))) {
            const query = /^SELECT SUM\((\w+)\) FROM SCHEMA\("([^"]+)", "([^"]+)"\) GROUP BY "([^"]+)" ORDER BY SUM\(\) DESC LIMIT (\d+)$/.exec(e.expression);
            assert.ok(query, e.expression);
            assert.ok(eventNames.has(query![1]), query![1]);
            assert.deepStrictEqual(query!.slice(2, 5), [SES_NAMESPACE, CONFIGURATION_SET_DIMENSION, CONFIGURATION_SET_DIMENSION]);
        }
    }
    assert.ok(reads > 0);
}

function checkExpressionIds(body: Body): void {
    for (const widget of body.widgets.filter((w) => w.type === "metric")) {
        const ids = [...metricReads(widget).map((m) => m.options.id), ...expressions(widget).map((e) => e.id)];
        assert.strictEqual(new Set(ids).size, ids.length, `${widget.properties.title}: ids are unique`);
        for (const id of ids) assert.match(id, /^[a-z][A-Za-z0-9_]*$/);
        for (const e of expressions(widget).filter((x) => !isInsights(x.expression))) {
            for (const used of referencedIds(parseExpression(e.expression))) {
                assert.ok(ids.includes(used), `${widget.properties.title}: ${e.expression} uses ${used}, which the widget does not define`);
            }
        }
    }
}

/** The composite tree reads every critical alarm exactly once (the poller's too), within CloudWatch's rule limits. */
function checkComposites(composites: CompositeAlarmSpec[], alarms: Pick<AlarmSpec, "name" | "severity">[]): void {
    const critical = alarms.filter((a) => a.severity === "critical").map((a) => a.name);
    const roots = composites.filter((c) => c.root);
    assert.strictEqual(roots.length, 1);
    assert.strictEqual(composites[composites.length - 1], roots[0], "the root comes last (created after its parts)");
    const leaves = composites.filter((c) => c.level === 1);
    const read = leaves.flatMap((c) => c.children);
    assert.deepStrictEqual([...read].sort(), [...critical].sort(), "the leaves name exactly the critical alarms");
    assert.strictEqual(new Set(read).size, read.length, "each once");
    for (const c of composites) {
        assert.ok(c.children.length <= COMPOSITE_LIMITS.alarmsPerRule, `${c.name}: ${c.children.length} alarms`);
        assert.ok(c.rule.length <= COMPOSITE_LIMITS.ruleLength, `${c.name}: ${c.rule.length} characters`);
        assert.ok(ruleElements(c.children) <= COMPOSITE_LIMITS.elementsPerRule);
        const named = [...c.rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
        assert.deepStrictEqual(named, c.children, `${c.name}: the rule names its children`);
        assert.strictEqual(c.rule, named.map((n) => `ALARM("${n}")`).join(" OR "));
        if (c.level > 1) {
            const below = composites.filter((x) => x.level === c.level - 1).map((x) => x.name);
            for (const child of c.children) assert.ok(below.includes(child));
        }
        if (!c.root) {
            const parents = composites.filter((x) => x.children.includes(c.name));
            assert.strictEqual(parents.length, 1, `${c.name} has one parent`);
        }
        assert.match(c.name, /^ses-monitoring-dev\.sending-at-risk(-l\d+-\d+)?$/);
    }
}

describe("dashboard", () => {
    describe("contents", () => {
        let resources: RegisteredResource[];
        let component: SesMonitoring;
        let body: Body;
        let plan: SesMonitoringPlan;
        let setEvents: Map<string, EventType[]>;

        // Planned and deployed for each test, not once while the file loads or before the first
        // test: per-test coverage (the mutation run) then sees which tests exercise the layout.
        beforeEach(async () => {
            plan = planSesMonitoring(THREE_SETS, CONTEXT);
            setEvents = new Map(plan.settings.configurationSets.map((s) => [s.name, s.eventTypes]));
            ({ resources, component } = await deploy(THREE_SETS));
            body = bodyOf(resources);
        });

        it("keeps each graph's own period (periodOverride inherit), so a rate graph shows what its alarm evaluates", () => {
            const dashboard = resources.find((r) => r.type === T.dashboard)!;
            assert.strictEqual(JSON.parse(dashboard.inputs.dashboardBody).periodOverride, "inherit");
            for (const spec of plan.alarms.filter((a) => a.source === "events" && a.window === "main")) {
                const widget = titled(body, `${spec.configurationSet}: ${spec.measure.replace("Rate", "")} rate (%)`);
                assert.strictEqual(widget.properties.period, spec.periodSeconds, widget.properties.title);
            }
        });

        it("names the dashboard after the prefix and the region, and links to it in that region", async () => {
            const dashboard = resources.find((r) => r.type === T.dashboard)!;
            assert.strictEqual(dashboard.inputs.dashboardName, "ses-monitoring-dev-us-east-1-ses");
            assert.strictEqual(await valueOf(component.dashboardName), "ses-monitoring-dev-us-east-1-ses");
            assert.strictEqual(await valueOf(component.dashboardUrl),
                "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=ses-monitoring-dev-us-east-1-ses");
            assert.strictEqual(dashboard.parent, resources.find((r) => r.type === "ses-monitoring:index:SesMonitoring")!.urn);
        });

        it("opens with a header: stack, region, sets, links to the stack's alarms and SES reputation", () => {
            const header = body.widgets[0];
            assert.deepStrictEqual([header.type, header.x, header.y, header.width], ["text", 0, 0, 24]);
            const md: string = header.properties.markdown;
            assert.match(md, /^# SES sending: dev \(us-east-1\)/);
            assert.match(md, /Configuration sets \(3\): `legacy`, `marketing`, `transactional`\./);
            assert.ok(md.includes("(https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:?~(search~'ses-monitoring-dev.))"), md);
            assert.ok(md.includes("(https://us-east-1.console.aws.amazon.com/ses/home?region=us-east-1#/reputation)"), md);
            assert.ok(md.includes("`ses-monitoring-dev.sending-at-risk`"));
        });

        it("lists every alarm of the stack, the composite first, in alarm-status widgets of at most 100", () => {
            const status = body.widgets.filter((w) => w.type === "alarm");
            const listed = status.flatMap((w) => w.properties.alarms as string[]);
            const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
            const expected = [...resources.filter((r) => r.type === T.composite).map((r) => r.inputs.alarmName),
                ...resources.filter((r) => r.type === T.alarm).map((r) => r.inputs.name)];
            assert.deepStrictEqual([...listed].sort(), expected.map(arn).sort());
            assert.strictEqual(listed[0], arn("ses-monitoring-dev.sending-at-risk"));
            for (const w of status) assert.ok(w.properties.alarms.length >= 1 && w.properties.alarms.length <= 100);
        });

        it("reads only catalog metrics, each with its correct dimension and statistic", () => {
            checkMetricsAgainstCatalog(body, setEvents, plan.settings.namePrefix);
        });

        it("defines, in the same widget, every id a widget expression uses", () => {
            checkExpressionIds(body);
        });

        it("draws the rate alarms' own thresholds on each rate graph, from the alarm specs", () => {
            for (const set of plan.settings.configurationSets) {
                for (const [measure, title] of [["bounceRate", "bounce rate"], ["complaintRate", "complaint rate"], ["rejectRate", "reject rate"]] as const) {
                    const all = plan.alarms.filter((a) => a.source === "events" && a.configurationSet === set.name && a.measure === measure);
                    // The graph is the main window's: the fast window's threshold is the critical line, not a second one.
                    const specs = all.filter((a) => a.window === "main");
                    const widget = body.widgets.find((w) => w.properties.title === `${set.name}: ${title} (%)`);
                    if (specs.length === 0) {
                        assert.strictEqual(widget, undefined, `${set.name} ${measure} is off: no widget`);
                        continue;
                    }
                    assert.deepStrictEqual(alarmLines(widget!), specLines(specs));
                    const fast = all.find((a) => a.window === "fast");
                    const critical = lines(widget!).filter((l) => l.label.startsWith("critical "));
                    assert.strictEqual(critical.length, 1, `${widget!.properties.title}: one critical line`);
                    assert.strictEqual(/fast window/.test(critical[0].label), fast !== undefined, critical[0].label);
                    // And the alarm resources compare against the same numbers.
                    for (const spec of all) {
                        assert.strictEqual(resources.find((r) => r.type === T.alarm && r.inputs.name === spec.name)!.inputs.threshold, spec.threshold);
                    }
                }
            }
            assert.deepStrictEqual(alarmLines(titled(body, "marketing: bounce rate (%)")), [["warning", 1.5], ["critical", 3]]);
            assert.deepStrictEqual(alarmLines(titled(body, "marketing: complaint rate (%)")), [["warning", 0.08], ["critical", 0.09]]);
            assert.deepStrictEqual(alarmLines(titled(body, "transactional: complaint rate (%)")), [["warning", 0.08], ["critical", 0.09]]);
            assert.deepStrictEqual(lines(titled(body, "marketing: bounce rate (%)")).map((l) => l.label),
                ["warning 1.5 %", "critical 3 % (and 5-minute fast window)", "AWS review 5 %"]);
            assert.deepStrictEqual(lines(titled(body, "marketing: complaint rate (%)")).map((l) => l.label), ["warning 0.08 %", "critical 0.09 %", "AWS review 0.1 %"]);
        });

        it("graphs each rate exactly as its alarm computes it: same queries, expression and period", () => {
            // The main window's: the fast window is not graphed (its line is the critical one).
            for (const spec of plan.alarms.filter((a) => a.source === "events" && a.severity === "critical" && a.window === "main")) {
                const widget = titled(body, `${spec.configurationSet}: ${spec.measure.replace("Rate", "")} rate (%)`);
                const alarm = resources.find((r) => r.type === T.alarm && r.inputs.name === spec.name)!.inputs;
                const fromWidget = [
                    ...metricReads(widget).map((m) => ({ id: m.options.id, metricName: m.name, dimensions: m.dimensions, period: m.options.period, stat: m.options.stat, visible: m.options.visible })),
                    ...expressions(widget).map((e) => ({ id: e.id, expression: e.expression })),
                ];
                // A confidence bound's graph draws the plain rate its alarm tests, in percent.
                const fromAlarm = alarm.metricQueries.map((q: any) => (q.metric
                    ? { id: q.id, metricName: q.metric.metricName, dimensions: q.metric.dimensions, period: q.metric.period, stat: q.metric.stat, visible: false }
                    : { id: q.id, expression: q.returnData && spec.graph ? spec.graph.expression : q.expression }));
                assert.deepStrictEqual(fromWidget, fromAlarm);
                assert.strictEqual(widget.properties.period, spec.periodSeconds);
            }
        });

        it("shows account reputation in percent, with our tiers and AWS's review and pause levels", () => {
            for (const [measure, title, review, pause] of [["bounceRate", "Account bounce rate (Reputation.BounceRate, %)", 5, 10], ["complaintRate", "Account complaint rate (Reputation.ComplaintRate, %)", 0.1, 0.5]] as const) {
                const widget = titled(body, title);
                const specs = plan.alarms.filter((a) => a.source === "reputation" && a.configurationSet === undefined && a.measure === measure);
                assert.strictEqual(specs.length, 2);
                assert.deepStrictEqual(alarmLines(widget), specLines(specs));
                for (const spec of specs) assert.ok(Math.abs(spec.threshold * 100 - spec.thresholdPercent) < 1e-12, "the fraction is the percent / 100");
                assert.deepStrictEqual(lines(widget).filter((l) => l.label.startsWith("AWS")).map((l) => l.value), [review, pause]);
                assert.deepStrictEqual(expressions(widget).map((e) => e.expression), ["100 * reputation"]);
                assert.strictEqual(metricReads(widget)[0].options.visible, false);
            }
        });

        it("per set: volume of the seven sending events, opens and clicks per delivery in percent, last-day totals", () => {
            const volume = titled(body, "marketing: sending volume");
            assert.deepStrictEqual(metricReads(volume).map((m) => m.name), ["Send", "Delivery", "Bounce", "Complaint", "Reject", "DeliveryDelay", "RenderingFailure"]);
            // Only what the set publishes.
            assert.deepStrictEqual(metricReads(titled(body, "transactional: sending volume")).map((m) => m.name), ["Send", "Delivery", "Bounce", "Complaint", "Reject"]);

            const engagement = titled(body, "marketing: opens and clicks per delivery (%)");
            assert.deepStrictEqual(metricReads(engagement).map((m) => [m.options.id, m.name, m.options.visible]),
                [["deliveries", "Delivery", false], ["opens", "Open", false], ["clicks", "Click", false]]);
            // Every open and click counts, repeats included: per delivery, never called a rate.
            assert.deepStrictEqual(expressions(engagement).map((e) => [e.id, e.label, e.expression]), [
                ["opens_per_delivery", "opens per delivery (%)", "100 * FILL(opens, 0) / deliveries"],
                ["clicks_per_delivery", "clicks per delivery (%)", "100 * FILL(clicks, 0) / deliveries"],
            ]);
            assert.ok(!body.widgets.some((w) => /open rate|click-through|engagement/i.test(JSON.stringify(w.properties))), "no widget speaks of open or click rates");
            assert.strictEqual(body.widgets.find((w) => w.properties.title === "transactional: opens and clicks per delivery (%)"), undefined, "no Open/Click events, no such graph");

            const totals = titled(body, "marketing: last 24 hours");
            assert.deepStrictEqual([totals.properties.view, totals.properties.setPeriodToTimeRange, totals.properties.start], ["singleValue", true, "-PT24H"]);
            assert.deepStrictEqual(metricReads(totals).map((m) => m.name), metricReads(volume).map((m) => m.name));
        });

        it("a Sending API row: quota used, sending enabled, enforcement status, account counts and quota, from the poller's own series", () => {
            const prefix = plan.settings.namePrefix;
            const row = body.widgets.filter(readsSendingApi);
            assert.deepStrictEqual(row.map((w) => w.properties.title), Object.values(SENDING_API_TITLES), "five widgets, after the account reputation");
            const reputationY = titled(body, "Account bounce rate (Reputation.BounceRate, %)").y;
            assert.ok(row.every((w) => w.y > reputationY));
            for (const w of row) {
                // Only the poller's metrics, only this stack's series, no expression.
                for (const m of metricReads(w)) {
                    assert.strictEqual(m.namespace, SENDING_API_NAMESPACE, w.properties.title);
                    assert.deepStrictEqual(m.dimensions, { [STACK_DIMENSION]: prefix }, w.properties.title);
                }
                assert.deepStrictEqual(expressions(w), [], w.properties.title);
            }

            const own = (measure: PollerAlarmSpec["measure"]) => plan.pollerAlarms.filter((a) => a.measure === measure);
            const read = (w: BodyWidget) => metricReads(w).map((m) => [m.name, m.options.stat, m.options.period]);
            const pollSeconds = plan.settings.sendingQuota.scheduleMinutes * 60;

            const quota = titled(body, SENDING_API_TITLES.quota);
            assert.deepStrictEqual(read(quota), [["QuotaUsedPercent", "Maximum", pollSeconds]]);
            assert.deepStrictEqual(alarmLines(quota), pollerSpecLines(own("quotaUsed")));
            assert.deepStrictEqual(alarmLines(quota), [["warning", 80], ["critical", 95]]);
            assert.deepStrictEqual(lines(quota).filter((l) => !/^(warning|critical) /.test(l.label)).map((l) => l.value), [100]);

            const enabled = titled(body, SENDING_API_TITLES.enabled);
            assert.deepStrictEqual(read(enabled), [["SendingEnabled", "Minimum", pollSeconds]]);
            assert.deepStrictEqual(alarmLines(enabled), pollerSpecLines(own("sendingDisabled")));

            const enforcement = titled(body, SENDING_API_TITLES.enforcement);
            assert.deepStrictEqual(read(enforcement), [["EnforcementStatus", "Maximum", pollSeconds]]);
            assert.deepStrictEqual(alarmLines(enforcement), pollerSpecLines(own("enforcementStatus")));
            // The title's legend is the handler's encoding.
            for (const [status, code] of Object.entries(ENFORCEMENT_STATUS_CODES)) assert.ok(enforcement.properties.title.includes(`${code} ${status}`));
            assert.ok(enforcement.properties.title.includes(`${ENFORCEMENT_STATUS_UNKNOWN} unknown`));

            // Each gauge graph reads exactly what its alarms read.
            for (const [w, measure] of [[quota, "quotaUsed"], [enabled, "sendingDisabled"], [enforcement, "enforcementStatus"]] as const) {
                for (const spec of own(measure)) {
                    const alarm = resources.find((r) => r.type === T.alarm && r.inputs.name === spec.name)!.inputs;
                    const q = alarm.metricQueries.find((x: any) => x.returnData).metric;
                    const m = metricReads(w)[0];
                    assert.deepStrictEqual([m.namespace, m.name, m.dimensions, m.options.stat, m.options.period], [q.namespace, q.metricName, q.dimensions, q.stat, q.period]);
                    assert.strictEqual(alarm.threshold, spec.threshold);
                }
            }

            const counts = titled(body, SENDING_API_TITLES.counts);
            assert.deepStrictEqual(read(counts), ["DeliveryAttempts", "Bounces", "Complaints", "Rejects"].map((n) => [n, "Sum", SEND_STATISTICS_INTERVAL_MINUTES * 60]));
            assert.strictEqual(counts.properties.period, 900);

            const latest = titled(body, SENDING_API_TITLES.latest);
            assert.strictEqual(latest.properties.view, "singleValue");
            assert.strictEqual(latest.properties.setPeriodToTimeRange, undefined, "the last poll, not a sum over the range");
            assert.deepStrictEqual(read(latest), [["SentLast24Hours", "Maximum", pollSeconds], ["MaxSendRate", "Maximum", pollSeconds]]);
        });

        it("lays every widget inside the 24-column grid without overlap", () => {
            const cells = new Set<string>();
            for (const w of body.widgets) {
                assert.ok(w.x >= 0 && w.x + w.width <= 24, `${w.properties.title}`);
                for (let x = w.x; x < w.x + w.width; x++) for (let y = w.y; y < w.y + w.height; y++) {
                    const cell = `${x},${y}`;
                    assert.ok(!cells.has(cell), `overlap at ${cell}`);
                    cells.add(cell);
                }
            }
        });
    });

    describe("thresholds move with the args", () => {
        it("a threshold changed in args moves both the alarm and the drawn line", async () => {
            const base = await deploy({ configurationSets: { shop: {} } });
            const tuned = await deploy({
                configurationSets: { shop: { alarms: { rejectRate: { warningPercent: 0.5 } } } },
                alarms: { bounceRate: { warningPercent: 3, criticalPercent: 3.5 } },
                accountReputation: { complaintRate: { warningPercent: 0.03 } },
            });
            const threshold = (rs: RegisteredResource[], name: string) => rs.find((r) => r.type === T.alarm && r.inputs.name === name)!.inputs.threshold;
            for (const [rs, bounce, reject, complaint] of [[base.resources, 4.5, 1, 0.08], [tuned.resources, 3.5, 0.5, 0.03]] as const) {
                const body = bodyOf(rs as RegisteredResource[]);
                assert.strictEqual(threshold(rs as RegisteredResource[], "ses-monitoring-dev.shop.bounce-rate-critical"), bounce);
                assert.deepStrictEqual(alarmLines(titled(body, "shop: bounce rate (%)"))[1], ["critical", bounce]);
                // The reject rate's alarm compares its confidence bound with z; its line sits at the tier.
                assert.strictEqual(threshold(rs as RegisteredResource[], "ses-monitoring-dev.shop.reject-rate-warning"), 3.1);
                assert.deepStrictEqual(alarmLines(titled(body, "shop: reject rate (%)"))[0], ["warning", reject]);
                assert.strictEqual(threshold(rs as RegisteredResource[], "ses-monitoring-dev.account-reputation-complaint-rate-warning"), Number((complaint / 100).toPrecision(12)));
                assert.deepStrictEqual(alarmLines(titled(body, "Account complaint rate (Reputation.ComplaintRate, %)"))[0], ["warning", complaint]);
            }
        });

        it("a sending quota tier changed in args moves both the poller's alarm and the quota graph's line", async () => {
            const tuned = await deploy({ configurationSets: { shop: {} }, sendingQuota: { quotaWarningPercent: 60, quotaCriticalPercent: 90 } });
            const threshold = (name: string) => tuned.resources.find((r) => r.type === T.alarm && r.inputs.name === name)!.inputs.threshold;
            assert.strictEqual(threshold("ses-monitoring-dev.sending-api-quota-used-warning"), 60);
            assert.strictEqual(threshold("ses-monitoring-dev.sending-api-quota-used-critical"), 90);
            const quota = titled(bodyOf(tuned.resources), SENDING_API_TITLES.quota);
            assert.deepStrictEqual(alarmLines(quota), [["warning", 60], ["critical", 90]]);
            // The specs are the one source: the lines are theirs, not recomputed from the args.
            const plan = planSesMonitoring({ configurationSets: { shop: {} }, sendingQuota: { quotaWarningPercent: 60, quotaCriticalPercent: 90 } }, CONTEXT);
            assert.deepStrictEqual(alarmLines(quota), pollerSpecLines(plan.pollerAlarms.filter((a) => a.measure === "quotaUsed")));
        });
    });

    describe("sending at risk", () => {
        it("is in ALARM when any critical alarm is, notifies the critical topic, and waits for its alarms", async () => {
            const { resources } = await deploy(THREE_SETS);
            const composites = resources.filter((r) => r.type === T.composite);
            assert.strictEqual(composites.length, 1);
            const root = composites[0];
            const critical = resources.filter((r) => r.type === T.alarm && /-critical(-fast)?$/.test(r.inputs.name));
            // Per set 5 + 2 fast (bounce, reject), legacy 2 + 1 fast (no reject alarms), 2 account
            // reputation, 3 of the sending API poller.
            assert.strictEqual(critical.length, 7 + 7 + 3 + 2 + 3);
            assert.strictEqual(critical.filter((r) => r.inputs.name.endsWith("-fast")).length, 2 + 2 + 1);
            // In the alarm specs' order: sets by name, then the account level, then the poller.
            const plan = planSesMonitoring(THREE_SETS, CONTEXT);
            const specOrder = [...plan.alarms, ...plan.pollerAlarms].filter((a) => a.severity === "critical").map((a) => a.name);
            assert.deepStrictEqual(plan.pollerAlarms.filter((a) => a.severity === "critical").map((a) => a.key),
                ["sending-api-quota-used-critical", "sending-api-sending-disabled-critical", "sending-api-enforcement-status-critical"]);
            assert.deepStrictEqual([...specOrder].sort(), critical.map((r) => r.inputs.name).sort());
            assert.deepStrictEqual(root.inputs.alarmRule, specOrder.map((name) => `ALARM("${name}")`).join(" OR "));
            const topic = "arn:aws:sns:us-east-1:123456789012:ses-monitoring-dev-critical";
            assert.deepStrictEqual([root.inputs.alarmName, root.inputs.actionsEnabled, root.inputs.alarmActions, root.inputs.okActions],
                ["ses-monitoring-dev.sending-at-risk", true, [topic], [topic]]);
            for (const alarm of critical) assert.ok(root.dependencies.includes(alarm.urn), `waits for ${alarm.inputs.name}`);
            assert.ok(root.inputs.alarmDescription.length <= 1024);
        });

        it("nests composites past 100 critical alarms: leaves without actions, one root that notifies", async function () {
            this.timeout(60_000); // 190 alarms under mocks
            // 15 sets x 7 critical (5 + 2 fast) + 2 account + 3 sending API = 110 critical alarms: two leaves and a root.
            const { resources } = await deploy({ ...manySets(15), dashboard: { enabled: false } });
            const composites = resources.filter((r) => r.type === T.composite);
            assert.deepStrictEqual(composites.map((c) => c.inputs.alarmName), [
                "ses-monitoring-dev.sending-at-risk-l1-1", "ses-monitoring-dev.sending-at-risk-l1-2", "ses-monitoring-dev.sending-at-risk",
            ]);
            const [leaf1, leaf2, root] = composites;
            assert.strictEqual(root.inputs.alarmRule, 'ALARM("ses-monitoring-dev.sending-at-risk-l1-1") OR ALARM("ses-monitoring-dev.sending-at-risk-l1-2")');
            assert.ok(root.dependencies.includes(leaf1.urn) && root.dependencies.includes(leaf2.urn));
            for (const leaf of [leaf1, leaf2]) {
                assert.deepStrictEqual([leaf.inputs.actionsEnabled, leaf.inputs.alarmActions, leaf.inputs.okActions], [false, [], []]);
                const children = [...leaf.inputs.alarmRule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m: RegExpMatchArray) => m[1]);
                const urns = resources.filter((r) => r.type === T.alarm && children.includes(r.inputs.name)).map((r) => r.urn);
                assert.strictEqual(urns.length, children.length);
                for (const urn of urns) assert.ok(leaf.dependencies.includes(urn));
            }
            assert.strictEqual([leaf1, leaf2].reduce((n, l) => n + l.inputs.alarmRule.split(" OR ").length, 0), 110);
        });

        it("splits by the 10,240-character rule limit before 100 alarms when names are long", () => {
            const prefix = "p".repeat(100);
            // Poller off: this test counts the sets' and the account's critical alarms only.
            const plan = planSesMonitoring({ ...manySets(14, "s".repeat(50)), namePrefix: prefix, sendingQuota: { enabled: false } }, CONTEXT);
            // 14 sets x 7 + 2 = 100 critical alarms of about 190 characters each: one rule of 100 would pass 10,240.
            const leaves = plan.composites.filter((c) => c.level === 1);
            assert.strictEqual(leaves.length, 2);
            assert.strictEqual(leaves.reduce((n, l) => n + l.children.length, 0), 100);
            for (const leaf of leaves) assert.ok(leaf.children.length < 100 && leaf.rule.length <= COMPOSITE_LIMITS.ruleLength);
            assert.ok(leaves[0].rule.length > COMPOSITE_LIMITS.ruleLength - 300, "the first rule is packed full");
        });

        it("turns off: notify false keeps the alarm without actions; enabled false creates none", async () => {
            const quiet = await deploy({ configurationSets: { a: {} }, sendingAtRisk: { notify: false } });
            const root = quiet.resources.find((r) => r.type === T.composite)!;
            assert.deepStrictEqual([root.inputs.actionsEnabled, root.inputs.alarmActions, root.inputs.okActions], [false, [], []]);
            const off = await deploy({ configurationSets: { a: {} }, sendingAtRisk: { enabled: false } });
            assert.deepStrictEqual(off.resources.filter((r) => r.type === T.composite), []);
            assert.ok(!bodyOf(off.resources).widgets[0].properties.markdown.includes("sending-at-risk"));
        });
    });

    describe("scale", () => {
        for (const n of [1, 10, MAX_DETAILED_SETS, 100, 1000]) {
            it(`${n} configuration set(s): dashboard within 500 widgets and 2,500 metrics, composites within their limits`, async function () {
                this.timeout(60_000);
                const plan = planSesMonitoring(manySets(n), CONTEXT);
                const layout = plan.dashboard!;
                assert.strictEqual(layout.mode, n <= MAX_DETAILED_SETS ? "perSet" : "fleet");
                const allAlarms = [...plan.composites.map((c) => c.name), ...plan.alarms.map((a) => a.name), ...plan.pollerAlarms.map((a) => a.name)];
                const body = await renderDashboard(layout, allAlarms);

                assert.ok(body.widgets.length <= DASHBOARD_LIMITS.widgets, `${body.widgets.length} widgets`);
                const metrics = bodyMetricCount(body);
                assert.ok(metrics <= DASHBOARD_LIMITS.metrics, `${metrics} metrics`);
                assert.deepStrictEqual({ widgets: body.widgets.length, metrics }, { widgets: layoutBudget(layout).widgets, metrics: layoutBudget(layout).metrics },
                    "the layout's own budget is what CloudWatch receives");

                // Alarm-status widgets of at most 100: every alarm up to a few hundred sets; past the
                // body-size budget the composites (which cover every critical alarm) and the
                // account-level alarms, the root first.
                const status = body.widgets.filter((w) => w.type === "alarm");
                for (const w of status) assert.ok(w.properties.alarms.length >= 1 && w.properties.alarms.length <= DASHBOARD_LIMITS.alarmsPerStatusWidget);
                const listed = status.flatMap((w) => w.properties.alarms as string[]);
                assert.strictEqual(layout.alarmCoverage, n <= 100 ? "all" : "composite");
                const compositeNames = [...plan.composites].reverse().map((c) => c.name);
                // The poller's alarms are account-level: listed at every coverage.
                const expected = layout.alarmCoverage === "all" ? allAlarms
                    : [...compositeNames, ...plan.alarms.filter((a) => a.configurationSet === undefined).map((a) => a.name), ...plan.pollerAlarms.map((a) => a.name)];
                assert.deepStrictEqual([...listed].sort(), expected.map((a) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${a}`).sort());
                assert.strictEqual(listed[0], "arn:aws:cloudwatch:us-east-1:123456789012:alarm:ses-monitoring-dev.sending-at-risk");
                const size = JSON.stringify(body).length;
                assert.ok(size < 500_000, `${size}-character body`);

                const sets = new Map(plan.settings.configurationSets.map((s) => [s.name, s.eventTypes]));
                checkMetricsAgainstCatalog(body, sets, plan.settings.namePrefix);
                assert.deepStrictEqual(body.widgets.filter(readsSendingApi).map((w) => w.properties.title), Object.values(SENDING_API_TITLES));
                checkExpressionIds(body);
                if (layout.mode === "fleet") {
                    const tops = graphs(body).filter((w) => /^Top /.test(w.properties.title));
                    assert.deepStrictEqual(tops.map((w) => expressions(w)[0].expression.match(/SUM\((\w+)\)/)![1]), ["Send", "Bounce", "Complaint", "Reject"]);
                    assert.ok(tops.every((w) => expressions(w)[0].expression.endsWith(`LIMIT ${TOP_N}`)));
                    assert.match(body.widgets[0].properties.markdown, /More than 25 sets: per-set rows give way to top-10 widgets/);
                } else {
                    assert.strictEqual(graphs(body).filter((w) => / rate \(%\)$/.test(w.properties.title) && !w.properties.title.startsWith("Account")).length, 3 * n);
                }
                checkComposites(plan.composites, [...plan.alarms, ...plan.pollerAlarms]);
            });
        }

        it("at SES's 10,000 sets per region the alarm-status widgets fall back, and everything stays valid", async function () {
            this.timeout(120_000);
            const plan = planSesMonitoring(manySets(10_000), CONTEXT);
            const layout = plan.dashboard!;
            const budget = layoutBudget(layout);
            assert.ok(budget.widgets <= DASHBOARD_LIMITS.widgets && budget.metrics <= DASHBOARD_LIMITS.metrics);
            assert.strictEqual(layout.alarmCoverage, "composite");
            const listed = layout.rows.flat().flatMap((w) => (w.kind === "alarmStatus" ? w.alarms : []));
            const root = plan.composites.find((c) => c.root)!;
            assert.strictEqual(listed[0], root.name);
            assert.ok(listed.every((name) => plan.composites.some((c) => c.name === name) || plan.alarms.some((a) => a.name === name && a.configurationSet === undefined)
                || plan.pollerAlarms.some((a) => a.name === name)));
            for (const a of plan.pollerAlarms) assert.ok(listed.includes(a.name), `${a.name} is listed`);
            assert.strictEqual(layout.rows.flat().filter((w) => w.kind !== "header" && w.kind !== "alarmStatus" && w.title.startsWith("Account sending")).length, 4);
            assert.ok(plan.composites.some((c) => c.level === 3), "three levels: 70,005 critical alarms (7 per set with the fast windows)");
            checkComposites(plan.composites, [...plan.alarms, ...plan.pollerAlarms]);
        });
    });

    describe("the sending API poller off", () => {
        it("no Sending API row, no poller alarm listed, no poller metric read", async () => {
            const args: SesMonitoringArgs = { configurationSets: { shop: {} }, sendingQuota: { enabled: false } };
            const plan = planSesMonitoring(args, CONTEXT);
            assert.deepStrictEqual(plan.pollerAlarms, []);
            const on = planSesMonitoring({ configurationSets: { shop: {} } }, CONTEXT);
            // Exactly the row's five widgets and nine metrics fewer.
            assert.strictEqual(layoutBudget(on.dashboard!).widgets - layoutBudget(plan.dashboard!).widgets, 5);
            assert.strictEqual(layoutBudget(on.dashboard!).metrics - layoutBudget(plan.dashboard!).metrics, 9);

            const { resources } = await deploy(args);
            const body = bodyOf(resources);
            assert.deepStrictEqual(body.widgets.filter(readsSendingApi), []);
            assert.ok(!body.widgets.some((w) => /^Account sending/.test(w.properties.title ?? "")));
            const listed = body.widgets.filter((w) => w.type === "alarm").flatMap((w) => w.properties.alarms as string[]);
            assert.ok(listed.length > 0 && !listed.some((arn) => arn.includes("-sending-api-")));
            // With the poller off, a poller metric on the dashboard would fail this check.
            checkMetricsAgainstCatalog(body, new Map(plan.settings.configurationSets.map((s) => [s.name, s.eventTypes])), undefined);
        });

        it("the poller's row refuses to draw without the poller's alarms", () => {
            assert.throws(() => sendingQuota.sendingApiRow("shop-dev", []), /^Error: internal: the sending API row needs the poller's alarms$/);
        });
    });

    describe("args", () => {
        it("takes a dashboard name, or no dashboard at all", async () => {
            const named = await deploy({ configurationSets: { a: {} }, dashboard: { name: "mail-overview" } });
            assert.strictEqual(named.resources.find((r) => r.type === T.dashboard)!.inputs.dashboardName, "mail-overview");
            assert.match(await valueOf(named.component.dashboardUrl) as string, /#dashboards:name=mail-overview$/);

            const none = await deploy({ configurationSets: { a: {} }, dashboard: { enabled: false } });
            assert.deepStrictEqual(none.resources.filter((r) => r.type === T.dashboard), []);
            assert.strictEqual(await valueOf(none.component.dashboardName), undefined);
            assert.strictEqual(await valueOf(none.component.dashboardUrl), undefined);
        });

        it("refuses a bad dashboard name and unknown fields, naming the path", () => {
            assert.throws(() => planSesMonitoring({ configurationSets: {}, dashboard: { name: "ses.prod" } } as SesMonitoringArgs, CONTEXT),
                /^SesMonitoringArgsError: dashboard\.name: "ses\.prod" is not a dashboard name \(1-255 of \[A-Za-z0-9_-\]\)$/m);
            assert.throws(() => planSesMonitoring({ configurationSets: {}, sendingAtRisk: { notfy: false } } as unknown as SesMonitoringArgs, CONTEXT),
                /^SesMonitoringArgsError: sendingAtRisk\.notfy: false is not a known field \(did you mean notify\? known: enabled, notify\)$/m);
            assert.throws(() => planSesMonitoring({ configurationSets: {}, dashboard: { enabled: "no" } } as unknown as SesMonitoringArgs, CONTEXT),
                /^SesMonitoringArgsError: dashboard\.enabled: "no" is not a boolean$/m);
        });

        it("reads dashboard and sendingAtRisk from stack config", () => {
            const raw: Record<string, string> = { configurationSets: "{}", dashboard: '{"name":"x"}', sendingAtRisk: '{"notify":false}' };
            assert.deepStrictEqual(argsFromStackConfig((k) => raw[k]), { configurationSets: {}, dashboard: { name: "x" }, sendingAtRisk: { notify: false } });
        });
    });

    describe("the example stacks", () => {
        it("dev (eu-west-1): the dashboard name and link carry the stack's region", async () => {
            const { resources } = await runStack(ROOT, "dev");
            const dashboard = resources.find((r) => r.type === T.dashboard)!;
            assert.strictEqual(dashboard.inputs.dashboardName, "ses-monitoring-dev-eu-west-1-ses");
            const body = JSON.parse(dashboard.inputs.dashboardBody);
            assert.match(body.widgets[0].properties.markdown, /^# SES sending: dev \(eu-west-1\)/);
            for (const w of body.widgets.filter((x: BodyWidget) => x.type === "metric")) assert.strictEqual(w.properties.region, "eu-west-1");
        });

        it("prod: the composite pages through the existing critical topic", async () => {
            const { resources } = await runStack(ROOT, "prod");
            const root = resources.find((r) => r.type === T.composite)!;
            assert.deepStrictEqual(root.inputs.alarmActions, ["arn:aws:sns:us-east-1:123456789012:pagerduty-critical"]);
        });
    });

    it("console links follow the partition", () => {
        assert.strictEqual(consoleBase("aws", "eu-west-1"), "https://eu-west-1.console.aws.amazon.com");
        assert.strictEqual(consoleBase("aws-cn", "cn-north-1"), "https://cn-north-1.console.amazonaws.cn");
        assert.strictEqual(consoleBase("aws-us-gov", "us-gov-west-1"), "https://console.amazonaws-us-gov.com");
    });
});
