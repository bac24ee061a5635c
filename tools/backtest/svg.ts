/**
 * One SVG per scenario, hand-written (no chart library): a panel per volume class with the rate
 * over time, the alarm thresholds as lines, the ground-truth incident as a band, and under it a
 * strip per alarm group showing when it was in ALARM.
 */
import { AlarmEvaluation } from "./evaluation";
import { DAY } from "./scenarios";

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
    /** Hourly rate in percent: times are period starts; NaN = no sends. */
    times: ArrayLike<number>;
    percents: ArrayLike<number>;
    thresholds: ChartLine[];
    truth?: { start: number; end: number; label: string };
    strips: ChartStrip[];
}

export const GROUP_COLORS: Record<string, string> = {
    ours: "#1b7837",
    "aws-suggested": "#2166ac",
    "plain-5min": "#b2182b",
    "two-tier-5min": "#e08214",
};

export function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The [from, to) intervals an evaluated alarm spent in ALARM. */
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

const WIDTH = 1100;
const LEFT = 90; // room for the longest strip label, "aws-suggested"
const RIGHT = 80;
const PLOT_HEIGHT = 150;
const STRIP_HEIGHT = 12;
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function panelSvg(panel: ChartPanel, top: number): { svg: string; height: number } {
    const plotWidth = WIDTH - LEFT - RIGHT;
    const x = (t: number) => LEFT + ((t - panel.start) / (panel.end - panel.start)) * plotWidth;
    const maxThreshold = Math.max(...panel.thresholds.map((l) => l.percent), 0.0001);
    const yMax = maxThreshold * 1.6;
    const y = (p: number) => top + 20 + PLOT_HEIGHT - (Math.min(p, yMax) / yMax) * PLOT_HEIGHT;
    const parts: string[] = [];
    parts.push(`<text x="${LEFT}" y="${top + 14}" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`);
    parts.push(`<rect x="${LEFT}" y="${top + 20}" width="${plotWidth}" height="${PLOT_HEIGHT}" fill="#fafafa" stroke="#ccc"/>`);
    if (panel.truth) {
        const x0 = x(panel.truth.start);
        const x1 = Math.max(x(panel.truth.end), x0 + 2);
        parts.push(`<rect x="${fmt(x0)}" y="${top + 20}" width="${fmt(x1 - x0)}" height="${PLOT_HEIGHT}" fill="#fdd49e" opacity="0.6"><title>${escapeXml(panel.truth.label)}</title></rect>`);
    }
    const span = panel.end - panel.start;
    const tick = span > 4 * DAY ? 7 * DAY : span > DAY ? DAY : 6 * 3600;
    for (let t = panel.start; t <= panel.end; t += tick) {
        parts.push(`<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${top + 20}" y2="${top + 20 + PLOT_HEIGHT}" stroke="#e5e5e5"/>`);
        parts.push(`<text x="${fmt(x(t))}" y="${top + 32 + PLOT_HEIGHT}" font-size="10" fill="#555">${new Date(t * 1000).toISOString().slice(0, tick < DAY ? 16 : 10).replace("T", " ")}</text>`);
    }
    for (const frac of [0, 0.5, 1]) {
        const p = yMax * frac;
        parts.push(`<text x="${LEFT - 6}" y="${fmt(y(p) + 3)}" font-size="10" text-anchor="end" fill="#555">${Number(p.toPrecision(3))} %</text>`);
    }
    const points: string[] = [];
    let path = "";
    for (let i = 0; i < panel.times.length; i++) {
        if (panel.times[i] < panel.start || panel.times[i] >= panel.end) continue;
        const p = panel.percents[i];
        if (Number.isNaN(p)) {
            if (points.length > 1) path += `<polyline fill="none" stroke="#444" stroke-width="0.8" points="${points.join(" ")}"/>`;
            points.length = 0;
            continue;
        }
        points.push(`${fmt(x(panel.times[i]))},${fmt(y(p))}`);
    }
    if (points.length > 1) path += `<polyline fill="none" stroke="#444" stroke-width="0.8" points="${points.join(" ")}"/>`;
    parts.push(path);
    for (const line of panel.thresholds) {
        const yy = fmt(y(line.percent));
        parts.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${yy}" y2="${yy}" stroke="${line.color}" stroke-dasharray="5,3"/>`);
    }
    // Several alarms often share a threshold (our critical 4 % and a baseline's): one label line per
    // alarm, stacked upwards from the line so that no two labels overlap.
    let lastLabelY = Infinity;
    for (const line of [...panel.thresholds].sort((a, b) => a.percent - b.percent)) {
        const labelY = Math.min(y(line.percent) - 3, lastLabelY - 10);
        lastLabelY = labelY;
        parts.push(`<text x="${LEFT + plotWidth - 4}" y="${fmt(labelY)}" font-size="9" text-anchor="end" fill="${line.color}">${escapeXml(line.label)}</text>`);
    }
    let yStrip = top + 40 + PLOT_HEIGHT;
    for (const strip of panel.strips) {
        parts.push(`<text x="${LEFT - 6}" y="${yStrip + 9}" font-size="9" text-anchor="end">${escapeXml(strip.label)}</text>`);
        parts.push(`<rect x="${LEFT}" y="${yStrip}" width="${plotWidth}" height="${STRIP_HEIGHT - 2}" fill="#eef5ee"/>`);
        // Intervals closer than a pixel merge into one rectangle: thousands of 5-minute false alarms
        // would otherwise make a file no browser opens quickly.
        const merged: [number, number][] = [];
        for (const [from, to] of [...strip.intervals].sort((a, b) => a[0] - b[0])) {
            if (to <= panel.start || from >= panel.end) continue;
            const x0 = x(Math.max(from, panel.start));
            const x1 = Math.max(x(Math.min(to, panel.end)), x0 + 1.5);
            const last = merged[merged.length - 1];
            if (last && x0 - last[1] < 1) last[1] = Math.max(last[1], x1);
            else merged.push([x0, x1]);
        }
        const firstAlarm = strip.intervals.find(([from, to]) => to > panel.start && from < panel.end);
        for (const [x0, x1] of merged) {
            parts.push(`<rect x="${fmt(x0)}" y="${yStrip}" width="${fmt(x1 - x0)}" height="${STRIP_HEIGHT - 2}" fill="${strip.color}"/>`);
        }
        if (firstAlarm) {
            parts.push(`<text x="${LEFT + plotWidth + 2}" y="${yStrip + 9}" font-size="8" fill="#555"><title>first ALARM in view</title>${escapeXml(new Date(firstAlarm[0] * 1000).toISOString().slice(5, 16))}</text>`);
        }
        yStrip += STRIP_HEIGHT;
    }
    return { svg: parts.join("\n"), height: yStrip - top + 16 };
}

export function scenarioSvg(title: string, subtitle: string, panels: ChartPanel[]): string {
    const bodies: string[] = [];
    let top = 50;
    for (const panel of panels) {
        const { svg, height } = panelSvg(panel, top);
        bodies.push(svg);
        top += height;
    }
    const legend = "shaded: ground-truth incident; dashed: thresholds; strips: time in ALARM (green background: not in ALARM)";
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${top + 10}" viewBox="0 0 ${WIDTH} ${top + 10}" font-family="sans-serif">`,
        `<rect width="100%" height="100%" fill="white"/>`,
        `<text x="${LEFT}" y="20" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
        `<text x="${LEFT}" y="38" font-size="11" fill="#555">${escapeXml(subtitle)} (${escapeXml(legend)})</text>`,
        ...bodies,
        `</svg>`,
        "",
    ].join("\n");
}
