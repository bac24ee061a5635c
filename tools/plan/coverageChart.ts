/**
 * The coverage picture (`plan/<stack>/coverage.svg`): a typical week (UTC), the sends per hour of
 * each profiled set on top, and under it one row per alarm with the windows it has a datapoint in,
 * coloured by whether it can fire for this traffic. A Vega-Lite spec, rendered as the backtest's
 * charts are (tools/backtest/charts.ts `renderSvg`).
 */
import * as fs from "fs";
import * as path from "path";
import { renderSvg } from "../backtest/charts";
import { WEEK_MINUTES } from "../profiles";
import { Coverage, COVERAGE_START, PROBE_FACTOR } from "./coverage";

const WIDTH = 900;
const ROW = 15;
const ms = (minuteOfWeek: number) => (COVERAGE_START + minuteOfWeek * 60) * 1000;

/** What a bar says of its alarm, in the legend's order, with its colour. */
export const BAR_KINDS = [
    { key: "yes", label: "datapoints; can fire", color: "#1b7837" },
    { key: "no", label: "datapoints; cannot fire for this traffic", color: "#d6604d" },
    { key: "pages", label: "pages on this normal traffic", color: "#762a83" },
    { key: "n/a", label: "not decided by the traffic (a schedule, AWS's reputation cadence)", color: "#92c5de" },
];
const SET_COLORS = ["#4c78a8", "#e6a141", "#9d755d", "#bab0ac", "#f2cf5b", "#3b3b3b", "#ff9da6", "#79706e"];
const label = (key: string) => BAR_KINDS.find((k) => k.key === key)!.label;


export function coverageChartSpec(title: string, coverage: Coverage): Record<string, unknown> {
    // Names without the stack's prefix: `newsletter.bounce-rate-critical`.
    const shortName = (alarm: string) => (alarm.startsWith(`${coverage.namePrefix}.`) ? alarm.slice(coverage.namePrefix.length + 1) : alarm);
    const x = { type: "temporal", title: null, scale: { domain: [ms(0), ms(WEEK_MINUTES)] }, axis: { format: "%a %H:%M", tickCount: 14, labelAngle: 0, grid: true } };
    const sends = Object.entries(coverage.sendsPerHour).flatMap(([set, hours]) => hours.flatMap((v, h) => [
        { set, t: ms(h * 60), perHour: v },
        { set, t: ms((h + 1) * 60 - 1), perHour: v },
    ]));
    const alarms = coverage.rows.map((r) => shortName(r.alarm));
    const bars = coverage.rows.flatMap((r) => r.windows.map(([a, b]) => ({
        alarm: shortName(r.alarm),
        from: ms(a),
        to: ms(b),
        what: label(r.pagesOnNormalTraffic ? "pages" : r.source === "events" ? r.canAlarm : "n/a"),
    })));
    const empty = coverage.rows.filter((r) => r.windows.length === 0 && r.when === "never").map((r) => ({ alarm: shortName(r.alarm), t: ms(30), label: "no datapoint all week" }));
    const notModelled = coverage.rows.filter((r) => r.windows.length === 0 && r.when !== "never").map((r) => ({ alarm: shortName(r.alarm), t: ms(30), label: "not modelled offline (anomaly band)" }));
    return {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: {
            text: title,
            subtitle: [
                "A typical week (UTC) of the traffic profile: sends per hour, and when each alarm has a datapoint (its guard reached).",
                `"can fire": an incident at ${PROBE_FACTOR} times the alarm's threshold reaches ALARM, its M of N periods filled (rates), or the traffic trips it (volume).`,
            ],
            anchor: "start",
            fontSize: 16,
        },
        background: "white",
        padding: 12,
        config: { font: "sans-serif", view: { stroke: "#ccc" }, axis: { labelFontSize: 10, titleFontSize: 11 }, axisY: { labelLimit: 600 }, legend: { labelFontSize: 11, labelLimit: 420, orient: "bottom", direction: "vertical" } },
        vconcat: [
            {
                title: { text: "sends per hour, by configuration set", anchor: "start", fontSize: 13 },
                width: WIDTH,
                height: 130,
                data: { values: sends },
                mark: { type: "area", line: true, opacity: 0.35, interpolate: "step-after" },
                encoding: {
                    x: { ...x, field: "t" },
                    // Symmetric log: a set sending 1,000 an hour stays visible beside a 75,000-an-hour blast.
                    y: { field: "perHour", type: "quantitative", title: "sends / hour (log)", stack: null, scale: { type: "symlog" }, axis: { values: [0, 10, 100, 1000, 10_000, 100_000, 1_000_000], labelExpr: "datum.value >= 1000 ? format(datum.value / 1000, ',') + 'k' : datum.value" } },
                    // Colours apart from the bars' green, red, purple and light blue.
                    color: { field: "set", type: "nominal", title: "set", scale: { range: SET_COLORS }, legend: { orient: "right", direction: "vertical" } },
                },
            },
            {
                title: { text: "when each alarm has a datapoint", anchor: "start", fontSize: 13 },
                width: WIDTH,
                height: Math.max(ROW, ROW * alarms.length),
                layer: [
                    {
                        data: { values: bars },
                        mark: { type: "bar", height: ROW - 4 },
                        encoding: {
                            x: { ...x, field: "from" },
                            x2: { field: "to" },
                            y: { field: "alarm", type: "nominal", title: null, sort: alarms, scale: { domain: alarms }, axis: { labelLimit: 600, labelFontSize: 10 } },
                            color: { field: "what", type: "nominal", title: null, scale: { domain: BAR_KINDS.map((k) => k.label), range: BAR_KINDS.map((k) => k.color) }, legend: { labelLimit: 1000 } },
                        },
                    },
                    {
                        data: { values: [...empty, ...notModelled] },
                        mark: { type: "text", align: "left", dx: 4, fontSize: 10, fontStyle: "italic", color: "#b2182b" },
                        encoding: {
                            x: { ...x, field: "t" },
                            y: { field: "alarm", type: "nominal", sort: alarms, scale: { domain: alarms } },
                            text: { field: "label" },
                        },
                    },
                ],
            },
        ],
        spacing: 20,
        resolve: { scale: { color: "independent" } },
    };
}

/**
 * Writes `coverage.svg` under `outDir` when the stack's coverage is known (for some set at least);
 * without a profile, removes an earlier picture, which would describe traffic no longer given.
 * Returns the file written, if any.
 */
export async function writeCoverageChart(outDir: string, stack: string, coverage: Coverage | undefined): Promise<string | undefined> {
    const file = path.join(outDir, "coverage.svg");
    if (!coverage || coverage.status === "unknown") {
        fs.rmSync(file, { force: true });
        return undefined;
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, await coverageChartSvg(stack, coverage));
    return file;
}

/** The coverage picture of a stack whose coverage is known, as `coverage.svg` holds it. */
export function coverageChartSvg(stack: string, coverage: Coverage): Promise<string> {
    return renderSvg(coverageChartSpec(`${stack}: what the alarms can see of ${coverage.profileSource}`, coverage));
}
