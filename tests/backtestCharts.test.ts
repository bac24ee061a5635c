import * as assert from "assert";
import { AVOIDED_LABEL, ChartPanel, evaluationLine, PAUSE_COLOR, PauseChartPanel, renderSvg, scenarioChartSpec, SENT_LABEL } from "../tools/backtest/charts";
import { evaluateAlarm } from "../tools/backtest/evaluation";

const T0 = Date.UTC(2026, 0, 5) / 1000;
const HOUR = 3600;

const panel: ChartPanel = {
    title: "100,000 sends/day, set main: bounce rate (hourly bins)",
    start: T0,
    end: T0 + 48 * HOUR,
    times: Array.from({ length: 48 }, (_, i) => T0 + i * HOUR),
    percents: Array.from({ length: 48 }, (_, i) => (i === 10 ? 8.2 : i === 20 ? NaN : 0.5)),
    thresholds: [
        { label: "ours warning 30 min 3 %", percent: 3, color: "#1b7837" },
        { label: "ours critical 30 min 4.5 %", percent: 4.5, color: "#1b7837" },
    ],
    truth: { start: T0 + 10 * HOUR + 7 * 60, end: T0 + 12 * HOUR + 7 * 60, label: "bounce rate 8 % for 2 h" },
    strips: [
        { label: "ours", color: "#1b7837", intervals: [[T0 + 11 * HOUR, T0 + 13 * HOUR]] },
        { label: "plain-5min", color: "#b2182b", intervals: [[T0 + 60, T0 + 120], [T0 + 120, T0 + 180]] },
    ],
};

type Spec = { vconcat: { vconcat: { layer: { data: { values: Record<string, unknown>[] }; mark: { type: string }; encoding: Record<string, { scale?: { domain?: unknown[] } }> }[] }[] }[] };

describe("backtest charts (Vega-Lite)", () => {
    const spec = scenarioChartSpec("dev: bounce-spike", "a bad list", [panel]) as unknown as Spec;
    const [plot, strip] = spec.vconcat[0].vconcat;

    it("draws the incident as a band, the rate as a line that breaks where there were no sends, thresholds as rules in a legend", () => {
        const [band, line, rules] = plot.layer;
        assert.strictEqual(band.mark.type, "rect");
        assert.deepStrictEqual(band.data.values, [{ t: (T0 + 10 * HOUR + 420) * 1000, t2: (T0 + 12 * HOUR + 420) * 1000, what: "incident: bounce rate 8 % for 2 h" }]);
        assert.strictEqual(line.mark.type, "line");
        assert.strictEqual(line.data.values[20].rate, null);
        assert.strictEqual(rules.mark.type, "rule");
        assert.deepStrictEqual(rules.data.values.map((r) => [r.label, r.percent, r.severity]), [["ours warning 30 min 3 %", 3, "warning"], ["ours critical 30 min 4.5 %", 4.5, "critical"]]);
        assert.deepStrictEqual(rules.encoding.color.scale!.domain, ["ours warning 30 min 3 %", "ours critical 30 min 4.5 %"]);
    });

    it("never clips the rate: the axis reaches above the highest value", () => {
        const domain = plot.layer[1].encoding.y.scale!.domain as number[];
        assert.strictEqual(domain[0], 0);
        assert.ok(domain[1] > 8.2, `${domain[1]}`);
    });

    it("shows when each alarm group was in ALARM, merging intervals closer than a pixel", () => {
        const bars = strip.layer[1].data.values;
        assert.deepStrictEqual(bars.filter((b) => b.group === "ours").map((b) => [b.t, b.t2]), [[(T0 + 11 * HOUR) * 1000, (T0 + 13 * HOUR) * 1000]]);
        assert.strictEqual(bars.filter((b) => b.group === "plain-5min").length, 1);
    });

    it("renders to an SVG document in Node, with the title, the legend labels and the strip names", async function () {
        this.timeout(60_000);
        const svg = await renderSvg(scenarioChartSpec("dev: bounce-spike", "a bad list", [panel]));
        assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        for (const text of ["dev: bounce-spike", "ours warning 30 min 3 %", "incident: bounce rate 8 % for 2 h", "plain-5min", "rate (%)"]) assert.ok(svg.includes(text), text);
    });

    describe("auto-pause", () => {
        const pause = { time: T0 + 10 * HOUR + 22 * 60, label: "auto-pause: main stops at 01-05 10:22 (bounce-rate-critical-fast + 60 s)" };
        const pausePanel: PauseChartPanel = {
            kind: "pause",
            title: "100,000 sends/day, set main: auto-pause, bounces per 5 minutes by send time",
            start: T0 + 10 * HOUR,
            end: T0 + 11 * HOUR,
            times: [T0 + 10 * HOUR, T0 + 10 * HOUR + 300, T0 + 10 * HOUR + 600],
            binSeconds: 300,
            sent: [40, 25, 0],
            avoided: [0, 15, 38],
            events: "bounces",
            truth: panel.truth,
            pause,
        };
        const paused = scenarioChartSpec("defaults-auto-pause: bounce-spike", "a bad list", [{ ...panel, pause }, pausePanel]) as unknown as Spec & { vconcat: { layer: Spec["vconcat"][0]["vconcat"][0]["layer"] }[] };

        it("marks the pause on the rate panel as a rule at its minute, named in its legend", () => {
            const layers = paused.vconcat[0].vconcat[0].layer;
            const rule = layers[layers.length - 1];
            assert.strictEqual(rule.mark.type, "rule");
            assert.deepStrictEqual(rule.data.values, [{ t: pause.time * 1000, what: pause.label }]);
            assert.deepStrictEqual(rule.encoding.color.scale, { domain: [pause.label], range: [PAUSE_COLOR] });
            // Without a pause the panel has no rule of its own.
            assert.strictEqual(spec.vconcat[0].vconcat[0].layer.filter((l) => l.mark.type === "rule").length, 1);
        });

        it("draws the bounces the pause avoided apart from those sent before it, stacked per bin, with the pause rule", () => {
            const [band, bars, rule] = paused.vconcat[1].layer;
            assert.strictEqual(band.mark.type, "rect");
            assert.deepStrictEqual(bars.data.values, [
                { t: (T0 + 10 * HOUR) * 1000, t2: (T0 + 10 * HOUR + 300) * 1000, y: 0, y2: 40, what: SENT_LABEL },
                { t: (T0 + 10 * HOUR + 300) * 1000, t2: (T0 + 10 * HOUR + 600) * 1000, y: 0, y2: 25, what: SENT_LABEL },
                { t: (T0 + 10 * HOUR + 300) * 1000, t2: (T0 + 10 * HOUR + 600) * 1000, y: 25, y2: 40, what: AVOIDED_LABEL },
                { t: (T0 + 10 * HOUR + 600) * 1000, t2: (T0 + 10 * HOUR + 900) * 1000, y: 0, y2: 38, what: AVOIDED_LABEL },
            ]);
            assert.deepStrictEqual(bars.encoding.color.scale!.domain, [SENT_LABEL, AVOIDED_LABEL]);
            assert.deepStrictEqual(rule.data.values, [{ t: pause.time * 1000, what: pause.label }]);
        });

        it("renders the pause's legend and the avoided bounces to the SVG", async function () {
            this.timeout(60_000);
            const svg = await renderSvg(paused as unknown as Record<string, unknown>);
            for (const text of [pause.label, SENT_LABEL, AVOIDED_LABEL, "bounces (by send time)"]) assert.ok(svg.includes(text), text);
        });
    });
});

describe("replay chart time axis", () => {
    // 100 sends a minute for two days, 0.5 % bouncing, and an 8 % spike from 10:07 to 12:07 on the first day.
    const minutes = 2 * 1440;
    const spikeFrom = 10 * 60 + 7;
    const spikeTo = spikeFrom + 120;
    const dims = { "ses:configuration-set": "main" };
    const stamps = Array.from({ length: minutes }, (_, m) => T0 + m * 60);
    const series = new Map([
        ["Send", { timestamps: stamps, values: stamps.map(() => 100) }],
        ["Bounce", { timestamps: stamps, values: stamps.map((_, m) => (m >= spikeFrom && m < spikeTo ? 8 : 0.5)) }],
    ]);
    const metric = (metricName: string) => ({ namespace: "AWS/SES", metricName, dimensions: dims, stat: "Sum" as const, periodSeconds: HOUR });
    const hourlyRate = {
        name: "main-bounce-rate-hourly",
        queries: [
            { id: "sends", label: "Send", metric: metric("Send"), returnData: false },
            { id: "bounces", label: "Bounce", metric: metric("Bounce"), returnData: false },
            { id: "rate", label: "rate", expression: "100 * FILL(bounces, 0) / sends", returnData: true },
        ],
        comparisonOperator: "GreaterThanOrEqualToThreshold" as const,
        threshold: 3,
        periodSeconds: HOUR,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching" as const,
    };
    const evaluation = evaluateAlarm(hourlyRate, (m) => series.get(m.metricName), { start: T0, end: T0 + minutes * 60 });
    const line = evaluationLine(evaluation);
    const drawn = (scenarioChartSpec("replay", "spike", [{ ...panel, start: T0, end: T0 + minutes * 60, truth: undefined, ...line }]) as unknown as Spec)
        .vconcat[0].vconcat[0].layer.find((l) => l.mark.type === "line")!.data.values as { t: number; rate: number | null }[];

    it("draws each minute's value at its minute: the spike's full hour reaches 8 % exactly one hour after it starts", () => {
        assert.strictEqual(drawn[1].t - drawn[0].t, 60_000, "one point per minute");
        const peak = drawn.filter((p) => p.rate !== null && Math.abs(p.rate - 8) < 1e-9);
        // The last hour's rate is 8 % at every minute from an hour into the spike to its end.
        assert.deepStrictEqual([peak[0].t, peak[peak.length - 1].t], [(T0 + (spikeFrom + 60) * 60) * 1000, (T0 + spikeTo * 60) * 1000]);
        const before = drawn.find((p) => p.t === (T0 + spikeFrom * 60) * 1000)!;
        assert.ok(Math.abs(before.rate! - 0.5) < 1e-9, `the hour before the spike is at 0.5 %, drawn ${before.rate}`);
        assert.ok(drawn.every((p) => p.t <= (T0 + minutes * 60) * 1000), "nothing drawn past the data");
    });
});
