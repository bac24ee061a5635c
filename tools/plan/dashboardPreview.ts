/**
 * The dashboard as a picture before it is deployed: the body the stack would deploy
 * (`dashboard.json`) drawn as CloudWatch lays it out, on its 24-column grid with each widget at its
 * x, y, width and height, filled with a day of the backtest's traffic replayed through the same
 * specs (previewTraffic.ts, widgetData.ts). One Vega spec for the whole dashboard: a group mark per
 * widget at its grid position, holding that widget's own data, scales, axes and legend; rendered
 * headless to SVG (and to PNG where a font is found).
 *
 * `dashboardPreviewSpec` is pure (a plain object); `renderDashboardSvg` runs Vega.
 */
import * as fs from "fs";
import * as path from "path";
import { renderVegaSvg } from "../backtest/charts";
import { PreviewAlarm, previewAlarmStates, PreviewTraffic } from "./previewTraffic";
import { BodyWidget, DashboardBody, setsInTraffic, widgetData, WidgetData } from "./widgetData";

/** Pixels per grid column (24 make the dashboard 1,200 px wide) and per grid row. */
export const GRID = { columns: 24, columnPixels: 50, rowPixels: 36, gap: 6 } as const;
/** The caption above the grid. */
const CAPTION_PIXELS = 64;
const FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";
const TITLE_PIXELS = 24;
const AXIS_PIXELS = 18;
const LEGEND_ROW_PIXELS = 14;
const PLOT_LEFT = 46;
const PLOT_RIGHT = 16;

/**
 * Advance widths of DejaVu Sans (the font the PNG is drawn with; em fractions from its metrics,
 * rounded) for printable ASCII from the space: Vega has no canvas to measure text in Node, and its
 * own estimate (0.8 em a character) would cut most titles short.
 */
const GLYPH_WIDTHS = [
    0.318, 0.4, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
    0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
    1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
    0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5,
    0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
    0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];

/** The width of a text as DejaVu Sans draws it (bold about 12 % wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
    let em = 0;
    for (const ch of text) {
        const code = ch.charCodeAt(0);
        em += code >= 32 && code < 32 + GLYPH_WIDTHS.length ? GLYPH_WIDTHS[code - 32] : 0.6;
    }
    return em * fontSize * (bold ? 1.12 : 1);
}

/** CloudWatch's graph palette, in the order it gives colours to a widget's queries. */
export const SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** What the alarm-status widget shows of an alarm: its state at the window's end, or OK after an ALARM within it. */
type ShownState = PreviewAlarm["state"] | "was ALARM";
const SHOWN_STATES: ShownState[] = ["ALARM", "was ALARM", "INSUFFICIENT_DATA", "OK", "not replayed"];

export const STATE_COLORS: Record<ShownState, string> = {
    ALARM: "#d13212",
    "was ALARM": "#ff9900",
    OK: "#1d8102",
    INSUFFICIENT_DATA: "#879596",
    "not replayed": "#d5dbdb",
};
const INCIDENT_COLOR = "#fdd0a2";

export interface PreviewInput {
    body: DashboardBody;
    dashboardName: string;
    /** The stack's alarm name prefix: the alarm-status widget names alarms without it. */
    namePrefix: string;
    traffic: PreviewTraffic;
    alarmStates: Map<string, PreviewAlarm>;
}

/** A widget's place on the picture, in pixels (the test checks it against the body's grid units). */
export function widgetBox(widget: Pick<BodyWidget, "x" | "y" | "width" | "height">): { x: number; y: number; width: number; height: number } {
    return {
        x: widget.x * GRID.columnPixels + GRID.gap / 2,
        y: CAPTION_PIXELS + widget.y * GRID.rowPixels + GRID.gap / 2,
        width: widget.width * GRID.columnPixels - GRID.gap,
        height: widget.height * GRID.rowPixels - GRID.gap,
    };
}

const ms = (t: number) => t * 1000;

function utcTime(t: number): string {
    return new Date(t * 1000).toISOString().slice(11, 16);
}

function utcDay(t: number): string {
    return new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ");
}

/** A number as a single-value widget shows it: whole counts in full, small rates with 3 digits. */
export function formatValue(v: number): string {
    if (Number.isNaN(v)) return "no data";
    if (Math.abs(v) >= 1000 || Number.isInteger(v)) return Math.round(v).toLocaleString("en-US");
    return Number(v.toPrecision(3)).toString();
}

function titleMark(text: string, width: number): Record<string, unknown> {
    return {
        type: "text",
        encode: { enter: { x: { value: 8 }, y: { value: 16 }, text: { value: text }, font: { value: FONT }, fontSize: { value: 12 }, fontWeight: { value: "bold" }, fill: { value: "#16191f" }, limit: { value: width - 16 } } },
    };
}

function noteMark(text: string, x: number, y: number, width: number, align = "left"): Record<string, unknown> {
    return {
        type: "text",
        encode: { enter: { x: { value: x }, y: { value: y }, text: { value: text }, font: { value: FONT }, fontSize: { value: 9 }, fill: { value: "#687078" }, align: { value: align }, limit: { value: width } } },
    };
}

/** Wraps text to lines of at most `chars` characters, at spaces. */
function wrap(text: string, chars: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
        if (line !== "" && line.length + 1 + word.length > chars) {
            lines.push(line);
            line = word;
        } else line = line === "" ? word : `${line} ${word}`;
    }
    if (line !== "") lines.push(line);
    return lines;
}

/**
 * Markdown as plain text lines: headings larger and bold, links as their text (a console link's
 * address holds parentheses), code without its backticks, paragraphs wrapped to the widget.
 */
export function markdownLines(markdown: string, width: number): { text: string; heading: boolean }[] {
    const out: { text: string; heading: boolean }[] = [];
    for (const paragraph of markdown.split(/\n\s*\n/)) {
        const heading = /^#+\s/.test(paragraph);
        const plain = paragraph.replace(/^#+\s*/, "").replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, "$1").replace(/`([^`]*)`/g, "$1").replace(/\s*\n\s*/g, " ");
        for (const text of wrap(plain, Math.floor((width - 16) / (heading ? 8.4 : 6.2)))) out.push({ text, heading });
    }
    return out;
}

function textWidget(widget: BodyWidget, box: ReturnType<typeof widgetBox>): Record<string, unknown>[] {
    const lines = markdownLines(String(widget.properties.markdown ?? ""), box.width);
    let y = 8;
    const values = lines.map((l) => {
        y += l.heading ? 20 : 15;
        return { ...l, y };
    }).filter((l) => l.y < box.height - 2);
    return [{
        type: "text",
        from: { data: "lines" },
        encode: {
            enter: {
                x: { value: 8 },
                y: { field: "y" },
                text: { field: "text" },
                font: { value: FONT },
                fontSize: { signal: "datum.heading ? 15 : 11" },
                fontWeight: { signal: "datum.heading ? 'bold' : 'normal'" },
                fill: { value: "#16191f" },
                limit: { value: box.width - 16 },
            },
        },
    }, { data: [{ name: "lines", values }] }];
}

function alarmWidget(widget: BodyWidget, box: ReturnType<typeof widgetBox>, states: Map<string, PreviewAlarm>, namePrefix: string): Record<string, unknown>[] {
    const names = ((widget.properties.alarms ?? []) as string[]).map((arn) => arn.slice(arn.indexOf(":alarm:") + 7));
    // CloudWatch sorts by the last state change: in ALARM now, then back from ALARM within the day, then the rest.
    const rows = names.map((name, i) => {
        const alarm = states.get(name) ?? { state: "not replayed" as const, alarmIntervals: [] };
        const shown: ShownState = alarm.state === "OK" && alarm.alarmIntervals.length > 0 ? "was ALARM" : alarm.state;
        return { name, i, shown, ...alarm };
    }).sort((a, b) => SHOWN_STATES.indexOf(a.shown) - SHOWN_STATES.indexOf(b.shown) || a.i - b.i);
    const columns = Math.max(1, Math.floor(box.width / 390));
    const cell = (box.width - 16) / columns;
    const prefix = `${namePrefix}.`;
    const values = rows.map((r, k) => {
        const when = r.alarmIntervals.map(([a, b]) => `${utcTime(a)}-${utcTime(b)}`).join(", ");
        const name = r.name.startsWith(prefix) ? r.name.slice(prefix.length) : r.name;
        const state = r.state === "OK" && when === "" ? "" : r.state === "ALARM" || when === "" ? r.state : `${r.state}, in ALARM ${when}`;
        return {
            x: 8 + (k % columns) * cell,
            y: TITLE_PIXELS + 12 + Math.floor(k / columns) * 16,
            text: state === "" && !r.note ? name : `${name}  (${[`${state}${r.state === "ALARM" && when !== "" ? ` since ${utcTime(r.alarmIntervals[r.alarmIntervals.length - 1][0])}` : ""}`, r.note].filter((p) => p).join("; ")})`,
            color: STATE_COLORS[r.shown],
            dim: r.state === "not replayed",
        };
    }).filter((v) => v.y < box.height - 4);
    const title = String(widget.properties.title ?? "Alarms");
    // A key of the states beside the title, with their counts.
    const keyStart = Math.min(box.width * 0.45, 16 + textWidth(`${title}  (names without ${prefix})`, 12, true) + 24);
    const key = SHOWN_STATES.map((state) => ({ state, text: `${rows.filter((r) => r.shown === state).length} ${state === "was ALARM" ? "OK, in ALARM within the day" : state}`, color: STATE_COLORS[state] }));
    let at = keyStart;
    const keyValues = key.map((k) => {
        const x = at;
        at += textWidth(k.text, 10) + 28;
        return { ...k, x };
    });
    return [
        titleMark(`${title}  (names without ${prefix})`, keyStart - 16),
        {
            type: "symbol",
            from: { data: "key" },
            encode: { enter: { x: { signal: "datum.x + 5" }, y: { value: 12 }, shape: { value: "square" }, size: { value: 64 }, fill: { field: "color" } } },
        },
        {
            type: "text",
            from: { data: "key" },
            encode: { enter: { x: { signal: "datum.x + 14" }, y: { value: 16 }, text: { field: "text" }, font: { value: FONT }, fontSize: { value: 10 }, fill: { value: "#16191f" } } },
        },
        {
            type: "symbol",
            from: { data: "alarms" },
            encode: { enter: { x: { signal: "datum.x + 5" }, y: { signal: "datum.y - 3" }, shape: { value: "square" }, size: { value: 64 }, fill: { field: "color" } } },
        },
        {
            type: "text",
            from: { data: "alarms" },
            encode: {
                enter: {
                    x: { signal: "datum.x + 14" },
                    y: { field: "y" },
                    text: { field: "text" },
                    font: { value: FONT },
                    fontSize: { value: 10 },
                    fill: { signal: "datum.dim ? '#879596' : '#16191f'" },
                    limit: { value: cell - 20 },
                },
            },
        },
        { data: [{ name: "alarms", values }, { name: "key", values: keyValues }] },
    ];
}

function singleValueWidget(widget: BodyWidget, box: ReturnType<typeof widgetBox>, data: WidgetData): Record<string, unknown>[] {
    const wholeRange = widget.properties.setPeriodToTimeRange === true;
    const cells = data.series.map((s) => {
        // Totals over the range (one period), or the latest datapoint (a gauge's last poll).
        const real = s.values.filter((v) => !Number.isNaN(v));
        return { label: s.label, value: formatValue(wholeRange ? (real[0] ?? NaN) : (real[real.length - 1] ?? NaN)) };
    });
    const columns = Math.max(1, Math.min(cells.length, Math.floor((box.width - 16) / 96)));
    const rows = Math.max(1, Math.ceil(cells.length / columns));
    const footer = data.notReplayed.length > 0 ? 14 : 0;
    const cellWidth = (box.width - 16) / columns;
    const cellHeight = (box.height - TITLE_PIXELS - footer - 6) / rows;
    const longest = Math.max(1, ...cells.map((c) => textWidth(c.value, 1)));
    const size = Math.max(10, Math.min(24, cellHeight * 0.42, (cellWidth - 8) / longest));
    const values = cells.map((c, k) => ({
        ...c,
        x: 8 + (k % columns) * cellWidth,
        y: TITLE_PIXELS + 4 + Math.floor(k / columns) * cellHeight,
    }));
    const marks: Record<string, unknown>[] = [
        titleMark(String(widget.properties.title ?? ""), box.width),
        {
            type: "text",
            from: { data: "cells" },
            encode: { enter: { x: { field: "x" }, y: { signal: "datum.y + 10" }, text: { field: "label" }, font: { value: FONT }, fontSize: { value: 10 }, fill: { value: "#687078" }, limit: { value: cellWidth - 6 } } },
        },
        {
            type: "text",
            from: { data: "cells" },
            encode: { enter: { x: { field: "x" }, y: { signal: `datum.y + 12 + ${size}` }, text: { field: "value" }, font: { value: FONT }, fontSize: { value: size }, fill: { value: "#16191f" }, limit: { value: cellWidth - 6 } } },
        },
        { data: [{ name: "cells", values }] },
    ];
    if (data.notReplayed.length > 0) marks.push(noteMark(`not replayed: ${data.notReplayed.join(", ")}`, 8, box.height - 5, box.width - 16));
    return marks;
}

interface Annotation {
    value: number;
    label: string;
    color: string;
}

/** The legend's rows: entries flow left to right in equal columns as wide as the longest label. */
function legendLayout(labels: string[], width: number): { columns: number; rows: number; labelLimit: number } {
    const longest = Math.max(0, ...labels.map((l) => textWidth(l, 10))) + 24;
    const columns = Math.max(1, Math.min(labels.length, Math.floor(width / Math.min(longest, width))));
    return { columns, rows: Math.ceil(labels.length / columns), labelLimit: Math.floor(width / columns) - 22 };
}

function graphWidget(widget: BodyWidget, box: ReturnType<typeof widgetBox>, data: WidgetData, traffic: PreviewTraffic, colorOf: (label: string) => string): Record<string, unknown>[] {
    const props = widget.properties;
    const annotations = (((props.annotations as { horizontal?: Annotation[] } | undefined)?.horizontal) ?? []).map((a) => ({ ...a, color: a.color ?? "#000000" }));
    const plotWidth = box.width - PLOT_LEFT - PLOT_RIGHT;
    const entries = [...data.series.map((s) => s.label), ...annotations.map((a) => a.label)];
    const legend = legendLayout(entries, plotWidth);
    const footer = data.notReplayed.length > 0 && data.series.length > 0 ? 12 : 0;
    const plotHeight = Math.max(30, box.height - TITLE_PIXELS - AXIS_PIXELS - legend.rows * LEGEND_ROW_PIXELS - footer - 6);
    const points: { s: string; t: number; v: number | null; lone: boolean }[] = [];
    let max = 0;
    let min = Infinity;
    for (const s of data.series) {
        s.times.forEach((t, i) => {
            const v = s.values[i];
            // A datapoint is drawn at its period's start, as CloudWatch draws it: a period that
            // began before the window (a daily rate at noon) is not on the graph.
            if (t < traffic.start || t >= traffic.end) return;
            const real = !Number.isNaN(v);
            const lone = real && Number.isNaN(s.values[i - 1] ?? NaN) && Number.isNaN(s.values[i + 1] ?? NaN);
            points.push({ s: s.label, t: ms(t), v: real ? v : null, lone });
            if (real) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        });
    }
    for (const a of annotations) max = Math.max(max, a.value);
    const yMin = (props.yAxis as { left?: { min?: number } } | undefined)?.left?.min ?? (Number.isFinite(min) ? Math.min(0, min) : 0);
    const yMax = max > yMin ? max * 1.05 : yMin + 1;
    const colors = entries.map((label) => annotations.find((a) => a.label === label)?.color ?? colorOf(label));
    const shapes = entries.map((label) => (annotations.some((a) => a.label === label) ? "stroke" : "square"));
    const plot: Record<string, unknown> = {
        type: "group",
        encode: { enter: { x: { value: PLOT_LEFT }, y: { value: TITLE_PIXELS }, width: { value: plotWidth }, height: { value: plotHeight }, stroke: { value: "#eaeded" } } },
        data: [
            { name: "points", values: points },
            { name: "lone", source: "points", transform: [{ type: "filter", expr: "datum.lone" }] },
            { name: "annotations", values: annotations },
            ...(traffic.incident ? [{ name: "incident", values: [{ t: ms(Math.max(traffic.incident.start, traffic.start)), t2: ms(Math.min(traffic.incident.end, traffic.end)) }] }] : []),
        ],
        scales: [
            { name: "x", type: "utc", domain: [ms(traffic.start), ms(traffic.end)], range: [0, plotWidth] },
            { name: "y", type: "linear", domain: [yMin, yMax], range: [plotHeight, 0], nice: true, zero: false },
            { name: "color", type: "ordinal", domain: entries, range: colors },
        ],
        axes: [
            { scale: "x", orient: "bottom", format: "%H:%M", tickCount: Math.max(2, Math.floor(plotWidth / 70)), labelFontSize: 9, labelFont: FONT, labelColor: "#687078", tickColor: "#aab7b8", domainColor: "#aab7b8" },
            { scale: "y", orient: "left", tickCount: Math.max(2, Math.floor(plotHeight / 28)), labelFontSize: 9, labelFont: FONT, labelColor: "#687078", grid: true, gridColor: "#f2f3f3", domain: false, tickColor: "#aab7b8",
                // SI prefixes for counts (20k), but a bare 0 where the axis prefix would say 0k.
                encode: { labels: { update: { text: { signal: `datum.value === 0 ? '0' : format(datum.value, '${yMax < 10 ? "~r" : "~s"}')` } } } } },
        ],
        marks: [
            ...(traffic.incident ? [{
                type: "rect",
                from: { data: "incident" },
                encode: { enter: { x: { scale: "x", field: "t" }, x2: { scale: "x", field: "t2" }, y: { value: 0 }, y2: { value: plotHeight }, fill: { value: INCIDENT_COLOR }, opacity: { value: 0.6 } } },
            }] : []),
            {
                type: "rule",
                from: { data: "annotations" },
                encode: {
                    enter: {
                        x: { value: 0 },
                        x2: { value: plotWidth },
                        y: { scale: "y", field: "value" },
                        stroke: { field: "color" },
                        strokeWidth: { value: 1.2 },
                        strokeDash: { value: [5, 3] },
                        description: { signal: "datum.label + ' at ' + datum.value" },
                    },
                },
            },
            {
                type: "group",
                from: { facet: { name: "series", data: "points", groupby: "s" } },
                marks: [{
                    type: "line",
                    from: { data: "series" },
                    encode: {
                        enter: {
                            x: { scale: "x", field: "t" },
                            y: { scale: "y", field: "v" },
                            defined: { signal: "datum.v !== null" },
                            stroke: { scale: "color", field: "s" },
                            strokeWidth: { value: 1.5 },
                        },
                    },
                }],
            },
            {
                type: "symbol",
                from: { data: "lone" },
                encode: { enter: { x: { scale: "x", field: "t" }, y: { scale: "y", field: "v" }, size: { value: 30 }, fill: { scale: "color", field: "s" } } },
            },
        ],
        legends: entries.length === 0 ? [] : [{
            fill: "color",
            stroke: "color",
            shape: "shape",
            orient: "none",
            legendX: 0,
            legendY: plotHeight + AXIS_PIXELS,
            direction: "horizontal",
            columns: legend.columns,
            columnPadding: 6,
            rowPadding: 2,
            symbolSize: 60,
            symbolStrokeWidth: 2,
            labelFontSize: 10,
            labelFont: FONT,
            labelColor: "#16191f",
            labelLimit: legend.labelLimit,
            gridAlign: "all",
        }],
    };
    (plot.scales as unknown[]).push({ name: "shape", type: "ordinal", domain: entries, range: shapes });
    const marks: Record<string, unknown>[] = [titleMark(String(props.title ?? ""), box.width), plot];
    if (data.series.length === 0) {
        const reason = data.notReplayed.length > 0 ? `not replayed: ${data.notReplayed.join(", ")}` : "no data";
        marks.push(noteMark(reason, PLOT_LEFT + plotWidth / 2, TITLE_PIXELS + plotHeight / 2, plotWidth - 8, "center"));
    } else if (footer > 0) {
        marks.push(noteMark(`not replayed: ${data.notReplayed.join(", ")}`, PLOT_LEFT, box.height - 5, plotWidth));
    }
    return marks;
}

/** Splits a widget builder's output into marks and the group's data. */
function group(widget: BodyWidget, parts: Record<string, unknown>[], box: ReturnType<typeof widgetBox>): Record<string, unknown> {
    const data = parts.filter((p) => "data" in p && !("type" in p)).flatMap((p) => p.data as unknown[]);
    const marks = parts.filter((p) => "type" in p);
    const title = String(widget.properties.title ?? (widget.type === "text" ? "text" : widget.type));
    return {
        type: "group",
        name: `widget-${widget.x}-${widget.y}`,
        encode: {
            enter: {
                x: { value: box.x },
                y: { value: box.y },
                width: { value: box.width },
                height: { value: box.height },
                fill: { value: "#ffffff" },
                stroke: { value: "#d5dbdb" },
                cornerRadius: { value: 2 },
                clip: { value: true },
                // Read by people with a screen reader, and by the test that finds each widget.
                description: { value: `${widget.type} widget at x=${widget.x} y=${widget.y} width=${widget.width} height=${widget.height}: ${title}` },
            },
        },
        data,
        marks,
    };
}

/** What the caption says the picture is. */
export function previewCaption(input: PreviewInput): string[] {
    const { traffic } = input;
    const sampled = traffic.replayedSets.length < traffic.totalSets
        ? ` Traffic generated for ${traffic.replayedSets.length} of the ${traffic.totalSets.toLocaleString("en-US")} sets (an even sample): the top-10 widgets rank those.`
        : "";
    return [
        `Preview of dashboard ${input.dashboardName}: the body npm run plan writes to dashboard.json, on CloudWatch's 24-column grid.`,
        `Replayed: ${traffic.description}; ${utcDay(traffic.start)} to ${utcDay(traffic.end)} UTC, alarm states at its end.${sampled}`
            + `${traffic.incident ? ` Shaded: the incident (${utcTime(traffic.incident.start)}-${utcTime(traffic.incident.end)}).` : ""}`
            + " Not in the backtest's traffic, so not drawn: Delivery, Open, Click, DeliveryDelay, RenderingFailure, the poller's gauges, Lambda metrics.",
    ];
}

/** The Vega spec of the whole dashboard: a caption, then one group mark per widget at its grid position. */
export function dashboardPreviewSpec(input: PreviewInput): Record<string, unknown> {
    const { body, traffic } = input;
    const sets = setsInTraffic(traffic.series);
    const bottom = Math.max(0, ...body.widgets.map((w) => w.y + w.height));
    const width = GRID.columns * GRID.columnPixels;
    const height = CAPTION_PIXELS + bottom * GRID.rowPixels + GRID.gap;
    const caption = previewCaption(input);
    const captionLines = [
        { text: caption[0], y: 18, size: 13, weight: "bold" },
        ...wrap(caption[1], Math.floor((width - 16) / 6.4)).slice(0, 3).map((text, i) => ({ text, y: 34 + i * 13, size: 10, weight: "normal" })),
    ];
    const widgets = body.widgets.map((widget) => {
        const box = widgetBox(widget);
        if (widget.type === "text") return group(widget, textWidget(widget, box), box);
        if (widget.type === "alarm") return group(widget, alarmWidget(widget, box, input.alarmStates, input.namePrefix), box);
        const data = widgetData(widget, traffic.series, traffic.start, traffic.end, sets);
        if (widget.properties.view === "singleValue") return group(widget, singleValueWidget(widget, box, data), box);
        // Colours follow the widget's query order, as CloudWatch gives them; top-N series by rank.
        const queryLabels = ((widget.properties.metrics ?? []) as unknown[][]).map((m) => String((m[m.length - 1] as { label?: string })?.label ?? ""));
        const colorOf = (label: string) => {
            const i = queryLabels.indexOf(label);
            return SERIES_COLORS[(i >= 0 ? i : data.series.findIndex((s) => s.label === label)) % SERIES_COLORS.length];
        };
        return group(widget, graphWidget(widget, box, data, traffic, colorOf), box);
    });
    return {
        $schema: "https://vega.github.io/schema/vega/v6.json",
        description: `Preview of CloudWatch dashboard ${input.dashboardName}`,
        width,
        height,
        padding: 0,
        autosize: "none",
        background: "#f2f3f3",
        data: [{ name: "caption", values: captionLines }],
        marks: [
            {
                type: "text",
                from: { data: "caption" },
                encode: { enter: { x: { value: 8 }, y: { field: "y" }, text: { field: "text" }, font: { value: FONT }, fontSize: { field: "size" }, fontWeight: { field: "weight" }, fill: { value: "#16191f" }, limit: { value: width - 16 } } },
            },
            ...widgets,
        ],
    };
}

/** The preview's inputs from a plan: the states of the listed alarms replayed over the traffic. */
export function previewInput(body: DashboardBody, dashboardName: string, plan: Parameters<typeof previewAlarmStates>[0] & { settings: { namePrefix: string } }, traffic: PreviewTraffic): PreviewInput {
    return { body, dashboardName, namePrefix: plan.settings.namePrefix, traffic, alarmStates: previewAlarmStates(plan, traffic) };
}

/** Coordinates to a hundredth of a pixel: Vega writes 15 digits, which tripled the file for nothing a screen shows. */
export function roundCoordinates(svg: string): string {
    return svg.replace(/ (d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/g, (_, name: string, value: string) => ` ${name}="${value.replace(/(\d+\.\d\d)\d+/g, "$1")}"`);
}

export async function renderDashboardSvg(input: PreviewInput): Promise<string> {
    return roundCoordinates(await renderVegaSvg(dashboardPreviewSpec(input), { textWidth }));
}

/**
 * Where a PNG finds fonts for its text. resvg draws no text without a font, and a machine may have
 * none: the PNG is written only where one is found. DejaVu Sans, which the text widths above
 * follow, is loaded alone when present (Debian's fonts-dejavu-core), which is faster than
 * reading every system font.
 */
const FONT_DIRECTORIES = ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];

function fontFiles(): string[] {
    const found: string[] = [];
    for (const dir of FONT_DIRECTORIES) {
        try {
            for (const f of fs.readdirSync(dir, { recursive: true })) if (/\.(ttf|otf|ttc)$/i.test(String(f))) found.push(path.join(dir, String(f)));
        } catch {
            // not on this system
        }
    }
    return found;
}

/**
 * The tallest picture drawn as a PNG as well. Rasterizing costs about its area: a 100-set stack's
 * dashboard (twelve alarm-status widgets, 9,700 px) took longer to rasterize than to draw, for a
 * file few would open; the SVG shows it at any size.
 */
export const MAX_PNG_HEIGHT = 6000;

export type PngResult = { png: Buffer } | { skipped: string };

/** The SVG as a PNG (resvg, from the npm registry with its prebuilt binary), or why not: no font found, or too tall. */
export function svgToPng(svg: string, scale = 1): PngResult {
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1] ?? 0);
    if (height > MAX_PNG_HEIGHT) return { skipped: `the picture is ${height.toLocaleString("en-US")} px tall, more than ${MAX_PNG_HEIGHT.toLocaleString("en-US")}: see dashboard.svg` };
    const fonts = fontFiles();
    if (fonts.length === 0) return { skipped: "no font file found for its text: see dashboard.svg" };
    const dejaVu = fonts.filter((f) => /DejaVuSans(-Bold)?\.ttf$/.test(f));
    // Loaded on use: only the PNG needs the native module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
    const font = dejaVu.length > 0 ? { fontFiles: dejaVu, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" } : { loadSystemFonts: true };
    return { png: new Resvg(svg, { font, fitTo: { mode: "zoom", value: scale }, background: "white" }).render().asPng() };
}

