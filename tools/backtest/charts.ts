/**
 * One chart per scenario, as a Vega-Lite spec rendered to SVG in Node (no browser): per volume
 * class a panel with the rate over time, each alarm threshold as a dashed rule named in the legend,
 * the ground-truth incident as a shaded band, and under it one strip per alarm group showing when
 * any of its alarms was in ALARM. Short incidents get a zoomed panel in 5-minute bins. With
 * auto-pause replayed, the pause is a vertical rule on those panels, and a panel of its own shows
 * the incident's bounces by send time: of mail sent before the pause, and avoided after it.
 *
 * `scenarioChartSpec` is pure (a plain object); `renderSvg` loads `vega` and `vega-lite`, which
 * ship as ES modules only, with a dynamic `import()` the TypeScript compiler leaves alone.
 */
import { AlarmEvaluation } from "./evaluation";

export interface ChartLine {
    label: string;
    percent: number;
    color: string;
}

export interface ChartStrip {
    label: string;
    color: string;
    /** [from, to) epoch seconds in ALARM. */
    intervals: [number, number][];
}

export interface ChartPanel {
    title: string;
    start: number;
    end: number;
    /** Rate in percent per bin: times are bin starts; NaN = no sends. */
    times: ArrayLike<number>;
    percents: ArrayLike<number>;
    thresholds: ChartLine[];
    truth?: { start: number; end: number; label: string };
    strips: ChartStrip[];
    /** When auto-pause stopped the set's sending: a vertical rule named in its own legend. */
    pause?: ChartPause;
}

export interface ChartPause {
    time: number;
    label: string;
}

/** The colour of the pause rule and of the events it avoided. */
export const PAUSE_COLOR = "#762a83";
const AVOIDED_COLOR = "#c2a5cf";
const SENT_EVENTS_COLOR = "#b2182b";

/**
 * Auto-pause's panel: events per bin by the time of their send, stacked: of mail sent before the
 * pause (they happened) and of mail the pause held back (avoided), the pause as a rule.
 */
export interface PauseChartPanel {
    kind: "pause";
    title: string;
    start: number;
    end: number;
    /** Bin starts (epoch seconds) and the bin's width. */
    times: ArrayLike<number>;
    binSeconds: number;
    /** Per bin: events of mail sent before the pause, and of mail it held back. */
    sent: ArrayLike<number>;
    avoided: ArrayLike<number>;
    /** "bounces", "complaints" or "rejects". */
    events: string;
    truth?: { start: number; end: number; label: string };
    /** Undefined: no triggering alarm fired, nothing paused. */
    pause?: ChartPause;
}

export const GROUP_COLORS: Record<string, string> = {
    ours: "#1b7837",
    "aws-suggested": "#2166ac",
    "plain-5min": "#b2182b",
    "two-tier-5min": "#e08214",
};

/** The intervals an alarm spent in ALARM; one still open at `end` closes there. */
export function alarmIntervals(evaluation: AlarmEvaluation, end: number): [number, number][] {
    const out: [number, number][] = [];
    let since: number | undefined;
    for (const t of evaluation.transitions) {
        if (t.to === "ALARM" && since === undefined) since = t.time;
        else if (t.to !== "ALARM" && since !== undefined) {
            out.push([since, t.time]);
            since = undefined;
        }
    }
    if (since !== undefined) out.push([since, end]);
    return out;
}

/**
 * An evaluation's values as a line: value i is the period ending at evaluation i, drawn at that
 * time (`start + (i + 1) * stepSeconds`: every minute on sliding windows, every period on the wall
 * clock), so a spike is drawn at the minute it happened, at its height.
 */
export function evaluationLine(evaluation: AlarmEvaluation): { times: Float64Array; percents: Float64Array } {
    const times = new Float64Array(evaluation.values.length);
    for (let i = 0; i < times.length; i++) times[i] = evaluation.start + (i + 1) * evaluation.stepSeconds;
    return { times, percents: evaluation.values };
}

const WIDTH = 900;
const PLOT_HEIGHT = 150;
const STRIP_ROW = 16;
/** Threshold rules of one colour per group need a second channel: warning solid-dashed, critical dotted. */
const DASH: Record<string, number[]> = { warning: [6, 3], critical: [2, 2] };

const ms = (t: number) => t * 1000;

/** Merges intervals closer than `gap` seconds: a month of 5-minute ALARMs stays a readable strip. */
function merged(intervals: [number, number][], from: number, to: number, gap: number): [number, number][] {
    const out: [number, number][] = [];
    for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
        if (b <= from || a >= to) continue;
        const s = Math.max(a, from);
        const e = Math.min(b, to);
        const last = out[out.length - 1];
        if (last && s - last[1] <= gap) last[1] = Math.max(last[1], e);
        else out.push([s, e]);
    }
    return out;
}

function panelSpec(panel: ChartPanel): Record<string, unknown> {
    const points: { t: number; rate: number | null }[] = [];
    let max = 0;
    for (let i = 0; i < panel.times.length; i++) {
        const t = panel.times[i];
        if (t < panel.start || t >= panel.end) continue;
        const p = panel.percents[i];
        points.push({ t: ms(t), rate: Number.isNaN(p) ? null : p });
        if (!Number.isNaN(p) && p > max) max = p;
    }
    const top = Math.max(max, ...panel.thresholds.map((l) => l.percent)) * 1.08 || 1;
    const x = { field: "t", type: "temporal", title: null, scale: { domain: [ms(panel.start), ms(panel.end)] }, axis: { format: "%b %d %H:%M", labelOverlap: true } };
    const span = panel.end - panel.start;
    const gap = span / WIDTH; // about a pixel
    const layers: Record<string, unknown>[] = [];
    if (panel.truth) {
        layers.push({
            data: { values: [{ t: ms(Math.max(panel.truth.start, panel.start)), t2: ms(Math.min(panel.truth.end, panel.end)), what: `incident: ${panel.truth.label}` }] },
            mark: { type: "rect", opacity: 0.45 },
            encoding: {
                x: { field: "t", type: "temporal" },
                x2: { field: "t2" },
                fill: { field: "what", type: "nominal", scale: { range: ["#fdae61"] }, legend: { title: null, orient: "top", labelLimit: 600 } },
            },
        });
    }
    layers.push({
        data: { values: points },
        // A bin without sends has no rate: the line breaks there instead of bridging the gap.
        mark: { type: "line", color: "#444", strokeWidth: 0.9, invalid: "break-paths-show-domains" },
        encoding: { x, y: { field: "rate", type: "quantitative", title: "rate (%)", scale: { domain: [0, top], nice: false } } },
    });
    const rules = panel.thresholds.map((l) => ({ percent: l.percent, label: l.label, severity: /critical/.test(l.label) ? "critical" : "warning" }));
    layers.push({
        data: { values: rules },
        mark: { type: "rule", strokeWidth: 1.4 },
        encoding: {
            y: { field: "percent", type: "quantitative" },
            color: { field: "label", type: "nominal", title: "thresholds", scale: { domain: panel.thresholds.map((l) => l.label), range: panel.thresholds.map((l) => l.color) }, legend: { orient: "right", labelLimit: 320 } },
            strokeDash: { field: "severity", type: "nominal", scale: { domain: ["warning", "critical"], range: [DASH.warning, DASH.critical] }, legend: null },
        },
    });
    if (panel.pause) layers.push(pauseRule(panel.pause));
    const strips = panel.strips.flatMap((s) => merged(s.intervals, panel.start, panel.end, gap).map(([a, b]) => ({ group: s.label, t: ms(a), t2: ms(Math.max(b, a + gap)) })));
    return {
        title: { text: panel.title, anchor: "start", fontSize: 13 },
        vconcat: [
            { width: WIDTH, height: PLOT_HEIGHT, layer: layers, resolve: { scale: { color: "independent", fill: "independent" } } },
            {
                width: WIDTH,
                height: STRIP_ROW * panel.strips.length,
                title: { text: "in ALARM (any alarm of the group on this rate; UTC)", fontSize: 10, anchor: "start", fontWeight: "normal" },
                layer: [
                    {
                        data: { values: panel.strips.map((s) => ({ group: s.label })) },
                        mark: { type: "rect", color: "#f1f5f1" },
                        encoding: { y: { field: "group", type: "nominal", title: null, sort: panel.strips.map((s) => s.label) }, x: { datum: ms(panel.start), type: "temporal" }, x2: { datum: ms(panel.end) } },
                    },
                    {
                        data: { values: strips },
                        mark: { type: "rect" },
                        encoding: {
                            y: { field: "group", type: "nominal", sort: panel.strips.map((s) => s.label) },
                            x: { ...x, field: "t" },
                            x2: { field: "t2" },
                            color: { field: "group", type: "nominal", scale: { domain: panel.strips.map((s) => s.label), range: panel.strips.map((s) => s.color) }, legend: null },
                        },
                    },
                ],
            },
        ],
        resolve: { scale: { color: "independent" } },
    };
}

/** The pause as a vertical rule, named in a legend of its own. */
function pauseRule(pause: ChartPause): Record<string, unknown> {
    return {
        data: { values: [{ t: ms(pause.time), what: pause.label }] },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
            x: { field: "t", type: "temporal" },
            color: { field: "what", type: "nominal", scale: { domain: [pause.label], range: [PAUSE_COLOR] }, legend: { title: null, orient: "top", labelLimit: 600 } },
        },
    };
}

export const SENT_LABEL = "sent before the pause";
export const AVOIDED_LABEL = "held back by the pause: avoided";

function pausePanelSpec(panel: PauseChartPanel): Record<string, unknown> {
    const bars: { t: number; t2: number; y: number; y2: number; what: string }[] = [];
    let max = 0;
    for (let i = 0; i < panel.times.length; i++) {
        const t = panel.times[i];
        if (t < panel.start || t >= panel.end) continue;
        const sent = panel.sent[i];
        const avoided = panel.avoided[i];
        if (sent > 0) bars.push({ t: ms(t), t2: ms(t + panel.binSeconds), y: 0, y2: sent, what: SENT_LABEL });
        if (avoided > 0) bars.push({ t: ms(t), t2: ms(t + panel.binSeconds), y: sent, y2: sent + avoided, what: AVOIDED_LABEL });
        max = Math.max(max, sent + avoided);
    }
    const x = { field: "t", type: "temporal", title: null, scale: { domain: [ms(panel.start), ms(panel.end)] }, axis: { format: "%b %d %H:%M", labelOverlap: true } };
    const layers: Record<string, unknown>[] = [];
    if (panel.truth) {
        layers.push({
            data: { values: [{ t: ms(Math.max(panel.truth.start, panel.start)), t2: ms(Math.min(panel.truth.end, panel.end)), what: `incident: ${panel.truth.label}` }] },
            mark: { type: "rect", opacity: 0.3 },
            encoding: {
                x: { field: "t", type: "temporal" },
                x2: { field: "t2" },
                fill: { field: "what", type: "nominal", scale: { range: ["#fdae61"] }, legend: { title: null, orient: "top", labelLimit: 600 } },
            },
        });
    }
    layers.push({
        data: { values: bars },
        mark: { type: "rect" },
        encoding: {
            x,
            x2: { field: "t2" },
            y: { field: "y", type: "quantitative", title: `${panel.events} (by send time)`, scale: { domain: [0, max * 1.08 || 1], nice: false } },
            y2: { field: "y2" },
            color: { field: "what", type: "nominal", title: null, scale: { domain: [SENT_LABEL, AVOIDED_LABEL], range: [SENT_EVENTS_COLOR, AVOIDED_COLOR] }, legend: { orient: "right", labelLimit: 320 } },
        },
    });
    if (panel.pause) layers.push(pauseRule(panel.pause));
    return {
        title: { text: panel.title, anchor: "start", fontSize: 13 },
        width: WIDTH,
        height: PLOT_HEIGHT,
        layer: layers,
        resolve: { scale: { color: "independent", fill: "independent" } },
    };
}

/** The Vega-Lite spec of one scenario's chart: a title, a subtitle, and the panels one under another. */
export function scenarioChartSpec(title: string, subtitle: string, panels: (ChartPanel | PauseChartPanel)[]): Record<string, unknown> {
    return {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: { text: title, subtitle: subtitle.match(/.{1,120}(\s|$)/g)?.map((l) => l.trim()) ?? subtitle, anchor: "start", fontSize: 16 },
        background: "white",
        padding: 12,
        config: { font: "sans-serif", view: { stroke: "#ccc" }, axis: { labelFontSize: 10, titleFontSize: 11 }, legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 320 } },
        vconcat: panels.map((p) => ("kind" in p && p.kind === "pause" ? pausePanelSpec(p) : panelSpec(p as ChartPanel))),
        spacing: 28,
        resolve: { scale: { color: "independent", fill: "independent", strokeDash: "independent", y: "independent" } },
    };
}

/** Vega-Lite's compile-time warnings (merged scale domains) are not the reader's business. */
const quietLogger = {
    level: () => quietLogger,
    error: (...args: unknown[]) => {
        throw new Error(`chart: ${args.join(" ")}`);
    },
    warn: () => quietLogger,
    info: () => quietLogger,
    debug: () => quietLogger,
};

// `import()` written inside a function body, so the CommonJS output keeps it an ES module import.
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

interface VegaModule {
    parse(spec: unknown): unknown;
    View: new (runtime: unknown, options: { renderer: string; logLevel: number }) => { toSVG(): Promise<string>; finalize(): void };
    /** Log level that keeps only errors (Vega warns about merging the panels' equal time domains). */
    Error: number;
    /** How Vega measures text; `width` is swappable (vega-scenegraph `textMetrics`). */
    textMetrics: { width: (item: { text?: unknown; fontSize?: number; fontWeight?: unknown }, text?: unknown) => number };
}

/** Renders a Vega-Lite spec to an SVG document, headless. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
    const vegaLite = (await importModule("vega-lite")) as { compile(spec: unknown, options: { logger: unknown }): { spec: unknown } };
    return renderVegaSvg(vegaLite.compile(spec, { logger: quietLogger }).spec as Record<string, unknown>);
}

/** How wide a text item is drawn, in pixels: Vega's own estimate without a canvas is 0.8 em a character. */
export type TextWidth = (text: string, fontSize: number, bold: boolean) => number;

/**
 * Renders a Vega spec (what Vega-Lite compiles to, or one written in Vega) to an SVG document,
 * headless. `textWidth` replaces Vega's estimate while it renders (it truncates and lays out
 * legends by it).
 */
export async function renderVegaSvg(spec: Record<string, unknown>, options: { textWidth?: TextWidth } = {}): Promise<string> {
    const vega = (await importModule("vega")) as VegaModule;
    const metrics = vega.textMetrics;
    const before = metrics.width;
    if (options.textWidth) {
        const measure = options.textWidth;
        metrics.width = (item, text) => measure(String(text ?? item.text ?? ""), item.fontSize ?? 11, String(item.fontWeight ?? "") === "bold");
    }
    const view = new vega.View(vega.parse(spec), { renderer: "none", logLevel: vega.Error });
    try {
        const svg = await view.toSVG();
        return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
    } finally {
        view.finalize();
        metrics.width = before;
    }
}

/** What the grid chart reads of a design's summary in one traffic model, volume class and scenario. */
export interface GridChartRow {
    design: string;
    traffic: string;
    scenario: string;
    falseAlarms: number;
    medianRatio?: number;
    missed?: number;
}

/**
 * One volume class of the design grid (tools/backtestGrid.ts): left, false alarms per traffic model
 * and design (all scenarios summed); right, each incident's median detection delay as a multiple of
 * its detectability floor (log scale; a median seed that missed is drawn at the right edge, "missed").
 */
export function gridChartSpec(volumePerDay: number, rows: GridChartRow[]): Record<string, unknown> {
    const fa = new Map<string, { design: string; traffic: string; falseAlarms: number }>();
    for (const r of rows) {
        const key = `${r.design}|${r.traffic}`;
        const prior = fa.get(key) ?? { design: r.design, traffic: r.traffic, falseAlarms: 0 };
        prior.falseAlarms += r.falseAlarms;
        fa.set(key, prior);
    }
    const MISSED = 1000;
    const ratios = rows.filter((r) => r.missed !== undefined).map((r) => ({
        design: r.design,
        traffic: r.traffic,
        scenario: r.scenario,
        ratio: r.medianRatio === undefined ? MISSED : Math.max(1, r.medianRatio),
        label: r.medianRatio === undefined ? "missed" : `${r.medianRatio.toFixed(1)}x`,
    }));
    const trafficOrder = [...new Set(rows.map((r) => r.traffic))];
    return {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: { text: `Alarm designs at ${volumePerDay.toLocaleString("en-US")} sends a day, across the traffic grid`, anchor: "start", fontSize: 16 },
        background: "white",
        padding: 12,
        config: { font: "sans-serif", axis: { labelFontSize: 10, titleFontSize: 11 }, legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 320 } },
        hconcat: [
            {
                title: "false alarms (all scenarios, all seeds)",
                data: { values: [...fa.values()] },
                width: 260,
                height: { step: 14 },
                mark: { type: "bar" },
                encoding: {
                    y: { field: "traffic", type: "nominal", sort: trafficOrder, title: "traffic model" },
                    yOffset: { field: "design", type: "nominal" },
                    x: { field: "falseAlarms", type: "quantitative", title: "false alarms" },
                    color: { field: "design", type: "nominal", title: "design" },
                },
            },
            {
                title: "median detection delay / detectability floor",
                data: { values: ratios },
                width: 320,
                height: { step: 14 },
                mark: { type: "point", filled: true, size: 60 },
                encoding: {
                    y: { field: "traffic", type: "nominal", sort: trafficOrder, title: null },
                    yOffset: { field: "design", type: "nominal" },
                    x: { field: "ratio", type: "quantitative", scale: { type: "log", domain: [1, MISSED] }, title: "x floor (1000 = missed)" },
                    color: { field: "design", type: "nominal", title: "design" },
                    shape: { field: "scenario", type: "nominal", title: "incident" },
                    tooltip: [{ field: "scenario" }, { field: "label" }],
                },
            },
        ],
        spacing: 24,
    };
}
