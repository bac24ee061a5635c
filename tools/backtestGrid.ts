/**
 * `npm run backtest:grid -- [--designs A.json,B.json] [--traffic NAME,...|all] [--volume N,...]
 *                          [--scenario NAME,...] [--seeds N-M] [--advised] [--aws-suggested] [--out DIR]`
 *
 * Compares alarm designs across the traffic grid (tools/backtest/scenarios.ts, `TRAFFIC_GRID`):
 * `defaults` (one configuration set, every default) and each args file given (SesMonitoringArgs
 * a file holds `{ "description": "...", "set": <ConfigurationSetArgs>, "pauseOn"?: [<alarm name ending>] }`, merged over one set's
 * defaults, named after the file), with `--advised` the defaults with the bounce guards `npm run plan`
 * advises for each volume class (`advisedBounceGuards`), and with `--aws-suggested` AWS's suggested
 * alarms, evaluated on the same traces, with every
 * detection delay also as a multiple of the trace's detectability floor (tools/backtest/floor.ts)
 * and every false auto-pause (auto-pause on the bounce rate). Writes grid.json and grid.md, and one
 * chart per volume class (false alarms and median delay / floor for each design and traffic model).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { advisedBounceGuards, DEFAULT_RATE_ALARMS, planSesMonitoring, SesMonitoringArgs } from "../components";
import { Design, GridCell, runGrid, summarizeCell, CellSummary } from "./backtest/grid";
import { formatDelay } from "./backtest/scoring";
import { SCENARIO_NAMES, TRAFFIC_GRID, TRAFFIC_MODELS } from "./backtest/scenarios";
import { gridChartSpec, renderSvg } from "./backtest/charts";
import { deepMerge, parseSeeds } from "./backtest";
import { baselineAlarms } from "./backtest/baselines";

/** The set every design watches. */
export const GRID_SET = "main";
/** The scenarios the grid runs unless told: healthy traffic, and one incident per rate. */
export const GRID_SCENARIOS = ["healthy", "bounce-spike", "rejecting-template", "complaint-creep"];
export const GRID_VOLUMES = [1_000, 10_000, 100_000, 1_000_000];

/**
 * A design from set-level alarm args: the alarms the component would deploy for one set with
 * those args (the set's and the account's), and the critical bounce alarms auto-pause would follow.
 */
export function designFromArgs(name: string, setArgs: Record<string, unknown>, description = name, pauseOn?: string[]): Design {
    const args = { configurationSets: { [GRID_SET]: deepMerge({ autoPause: { triggers: ["bounceRate"] } }, setArgs) } } as unknown as SesMonitoringArgs;
    const plan = planSesMonitoring(args, { project: "ses-monitoring", stack: "grid" });
    const alarms = plan.alarms.filter((a) => a.configurationSet === undefined || a.configurationSet === GRID_SET);
    const planned = plan.autoPause[0]?.triggerAlarms ?? [];
    if (pauseOn === undefined) return { name, description, alarms, pauseTriggers: planned };
    // A design file may choose which of the set's alarms pause (by the end of their names), to
    // compare pause rules the component does not have.
    const pauseTriggers = pauseOn.map((ending) => {
        const alarm = alarms.find((a) => a.configurationSet === GRID_SET && a.name.endsWith(`.${ending}`));
        if (!alarm) throw new Error(`${name}: pauseOn: no alarm of set ${GRID_SET} ends in .${ending} (${alarms.filter((a) => a.configurationSet === GRID_SET).map((a) => a.name.split(".").pop()).join(", ")})`);
        return alarm.name;
    });
    return { name, description, alarms, pauseTriggers };
}

/**
 * The defaults with the bounce guards `npm run plan` advises a set of each volume class
 * (`advisedBounceGuards`: the defaults' share of an average period), as one design whose alarms
 * change with the volume: raised above the volumes the defaults were tuned at, the half-hour guard
 * lowered below about 72,000 a day, the defaults at 100,000 and under 2,400.
 */
export function advisedDesign(): Design {
    const at = (volumePerDay: number) => {
        const guards = advisedBounceGuards(volumePerDay, DEFAULT_RATE_ALARMS.bounceRate);
        return designFromArgs("advised", { alarms: { bounceRate: { minimumSends: guards.minimumSends, fastWindow: { minimumSends: guards.fastWindowMinimumSends } } } });
    };
    return { ...designFromArgs("advised", {}), description: "every default, with the bounce guards npm run plan advises for the volume", at };
}

/**
 * AWS's suggested reputation alarms (tools/backtest/baselines.ts) as a design of their own: the
 * reference a complaint creep must be seen before. They pause nothing.
 */
export function awsSuggestedDesign(): Design {
    const alarms = baselineAlarms(GRID_SET, 0).filter((a) => a.group === "aws-suggested");
    return { name: "aws-suggested", description: "AWS's suggested alarms: Reputation.BounceRate >= 0.05, Reputation.ComplaintRate >= 0.001", alarms, pauseTriggers: [] };
}

export interface GridCommandOptions {
    designs: string[];
    traffic: string[];
    volumes: number[];
    scenarios: string[];
    seeds: number[];
    out: string;
    /** Add AWS's suggested alarms as a design (`--aws-suggested`). */
    awsSuggested: boolean;
    /** Add the defaults with the bounce guards the plan advises for each volume (`--advised`). */
    advised: boolean;
}

export function parseGridOptions(argv: string[]): GridCommandOptions {
    const { values } = parseArgs({
        args: argv,
        options: {
            designs: { type: "string" },
            traffic: { type: "string", default: "all" },
            volume: { type: "string" },
            scenario: { type: "string" },
            seeds: { type: "string", default: "11-30" },
            out: { type: "string", default: path.join("backtest", "grid") },
            "aws-suggested": { type: "boolean", default: false },
            advised: { type: "boolean", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    const traffic = values.traffic === "all" ? TRAFFIC_GRID.map((m) => m.name) : values.traffic!.split(",");
    for (const t of traffic) if (!TRAFFIC_MODELS[t]) throw new Error(`--traffic: ${t} is not one of ${Object.keys(TRAFFIC_MODELS).join(", ")}, all`);
    const scenarios = values.scenario ? values.scenario.split(",") : GRID_SCENARIOS;
    for (const s of scenarios) if (!SCENARIO_NAMES.includes(s)) throw new Error(`--scenario: ${s} is not one of ${SCENARIO_NAMES.join(", ")}`);
    const volumes = values.volume ? values.volume.split(",").map(Number) : GRID_VOLUMES;
    for (const v of volumes) if (!Number.isFinite(v) || v <= 0) throw new Error(`--volume: ${v} is not a positive number of sends per day`);
    return { designs: values.designs ? values.designs.split(",") : [], traffic, volumes, scenarios, seeds: parseSeeds(values.seeds!), out: values.out!, awsSuggested: values["aws-suggested"]!, advised: values.advised! };
}

const ratioText = (r: number | undefined) => (r === undefined ? "missed" : `${r.toFixed(1)}x`);

/** One line per design, traffic model and volume: false alarms per scenario, then each incident's delay and ratio to the floor. */
export function gridMarkdown(summaries: CellSummary[], scenarios: string[]): string {
    const incidents = scenarios.filter((s) => summaries.some((x) => x.scenario === s && x.medianFloorSeconds !== undefined || (x.scenario === s && x.missed !== undefined)));
    const header = ["design", "traffic", "sends/day", "false alarms (scenarios summed)", "false pauses", "pauses in bounce incidents (median delay)",
        ...incidents.map((s) => `${s}: median / worst delay (median / worst x floor)`)];
    const rows: string[][] = [header, header.map(() => "---")];
    const keys = new Map<string, CellSummary[]>();
    for (const s of summaries) {
        const key = `${s.design}|${s.traffic}|${s.volumePerDay}`;
        keys.set(key, [...(keys.get(key) ?? []), s]);
    }
    for (const group of keys.values()) {
        const [first] = group;
        const fa = group.reduce((a, s) => a + s.falseAlarms, 0);
        const faText = `${fa}${fa > 0 ? ` (${group.filter((s) => s.falseAlarms > 0).map((s) => `${s.scenario} ${s.falseAlarms}`).join(", ")})` : ""}`;
        const pauses = group.reduce((a, s) => a + s.falsePauses, 0);
        const bouncePauses = group.filter((s) => s.pauses !== undefined)
            .map((s) => `${s.scenario} ${s.pauses} of ${s.seeds}${s.medianPauseSeconds !== undefined ? `, ${formatDelay(s.medianPauseSeconds)}` : ""}`);
        rows.push([first.design, first.traffic, first.volumePerDay.toLocaleString("en-US"), faText, String(pauses), bouncePauses.join("; ") || "-", ...incidents.map((sc) => {
            const c = group.find((s) => s.scenario === sc);
            if (!c) return "-";
            const missed = c.missed ? ` (${c.missed} missed)` : "";
            return `${formatDelay(c.medianDelaySeconds)} / ${formatDelay(c.worstDelaySeconds)}${missed} (${ratioText(c.medianRatio)} / ${ratioText(c.worstRatio)}; floor ${formatDelay(c.medianFloorSeconds)})`;
        })]);
    }
    return rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export async function main(argv: string[], log: (line: string) => void = (l) => console.log(l)): Promise<{ cells: GridCell[]; summaries: CellSummary[]; files: string[]; seconds: number }> {
    const started = Date.now();
    const options = parseGridOptions(argv);
    const designs = [designFromArgs("defaults", {}, "every default"), ...options.designs.map((file) => {
        const json = JSON.parse(fs.readFileSync(file, "utf8")) as { description?: string; set?: Record<string, unknown>; pauseOn?: string[] };
        return designFromArgs(path.basename(file, ".json"), json.set ?? {}, json.description ?? file, json.pauseOn);
    }), ...(options.advised ? [advisedDesign()] : []), ...(options.awsSuggested ? [awsSuggestedDesign()] : [])];
    const cells = runGrid({
        designs,
        models: options.traffic.map((t) => TRAFFIC_MODELS[t]),
        volumes: options.volumes,
        scenarios: options.scenarios,
        seeds: options.seeds,
        configurationSet: GRID_SET,
        progress: log,
    });
    const summaries = cells.map(summarizeCell);
    fs.mkdirSync(options.out, { recursive: true });
    const files: string[] = [];
    const md = gridMarkdown(summaries, options.scenarios);
    const seedsText = options.seeds.length > 1 ? `seeds ${options.seeds[0]}-${options.seeds[options.seeds.length - 1]}` : `seed ${options.seeds[0]}`;
    fs.writeFileSync(path.join(options.out, "grid.md"), `Designs across the traffic grid, ${seedsText}\n\n${md}\n`);
    fs.writeFileSync(path.join(options.out, "grid.json"), JSON.stringify({ seeds: options.seeds, designs: designs.map((d) => ({ name: d.name, description: d.description, alarms: d.alarms.map((a) => a.name) })), cells }, null, 1));
    files.push(path.join(options.out, "grid.md"), path.join(options.out, "grid.json"));
    for (const volume of options.volumes) {
        const file = path.join(options.out, `grid-${volume}.svg`);
        fs.writeFileSync(file, await renderSvg(gridChartSpec(volume, summaries.filter((s) => s.volumePerDay === volume))));
        files.push(file);
    }
    log(md);
    const seconds = (Date.now() - started) / 1000;
    log(`${files.length} files in ${options.out}, ${seconds.toFixed(1)} s`);
    return { cells, summaries, files, seconds };
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err: Error) => {
        console.error(err.message);
        process.exit(1);
    });
}
