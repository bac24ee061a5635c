/**
 * `npm run backtest -- [--stack dev] [--scenario NAME|all] [--volume N|all] [--seeds N-M] [--window sliding|wall-clock]
 *                      [--metrics FILE] [--out DIR] [--profile FILE]`, and `npm run backtest -- generate ...`
 *                      (a GetMetricData file from a traffic profile, tools/backtest/generate.ts)
 *
 * Replays traffic through the stack's alarms with CloudWatch's evaluation rules
 * (tools/backtest/evaluation.ts) before anything is deployed: synthetic scenarios with a known
 * incident (tools/backtest/scenarios.ts; a set with a traffic profile, tools/profiles.ts, on its own
 * traffic), or the user's own `aws cloudwatch get-metric-data` JSON (every alarm of the plan listed).
 * For each scenario and alarm: detection delay from the ground-truth start, missed incidents and
 * false alarms per 30 days, for the stack's alarms and for the alarms people use instead
 * (tools/backtest/baselines.ts), evaluated on the same traces, over a range of seeds (median and
 * worst delay, false alarms in all and for the worst seed). Writes results.json, a summary.md and
 * one Vega-Lite chart (SVG) per scenario under --out (default backtest/<stack>/).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { AlarmEvaluation, evaluateAlarm, EvaluableAlarm, EVALUATION_WINDOWS, EvaluationWindowKind, metricKey, metricSourceFrom, MinuteCache } from "./backtest/evaluation";
import { SesMonitoringArgs } from "../components";
import { RateMetric } from "../components/shared/catalog";
import { planSesMonitoring } from "../components";
import { BASELINE_GROUPS, baselineAlarms } from "./backtest/baselines";
import { metricDataQueries, readMetricDataFile } from "./backtest/replay";
import { DEFAULT_GENERATED_DAYS, generateMetricData, profileTrace } from "./backtest/generate";
import { DAY, generateTrace, HOUR, MAX_VOLUME_PER_DAY, SCENARIO_NAMES, SCORED_DAYS, scenarioDescription, Trace, VOLUME_CLASSES } from "./backtest/scenarios";
import { AlarmScore, aggregateSeeds, formatCell, formatDelay, GroupScore, scoreAlarm, scoreGroup, SeedAggregate } from "./backtest/scoring";
import { alarmIntervals, ChartPanel, evaluationLine, GROUP_COLORS, renderSvg, scenarioChartSpec } from "./backtest/charts";
import { REPUTATION_MODEL, ReputationModel, traceMetrics } from "./backtest/traffic";
import { loadStackConfig, stackArgs } from "./stack";
import { profileFromStackConfig, readProfileFile, sendsPerDayOf, SetProfile, TRAFFIC_CONFIG_KEY, TrafficProfile, weeklySends } from "./profiles";
import { AlarmSpec } from "../components/shared/alarmSpecs";
import { asEvaluable, otherMetricAlarms, PlanMetricAlarm } from "./backtest/planAlarms";
import type { AutoPauseSpec } from "../components";
import { aggregatePauses, eventsBySendMinute, firstTrigger, PAUSE_LATENCY_SECONDS, pauseBins, PauseAggregate, pausedEvents, PauseReplay, replayPause } from "./backtest/autoPause";
import { ceilingFor, scoreCeiling, typicalBusiestPeriod, withCeiling } from "./backtest/ceiling";
import type { PauseChartPanel } from "./backtest/charts";

const ROOT = path.resolve(__dirname, "..");

/** The pseudo-stack `--stack defaults`: one configuration set, every setting at its default. */
export const DEFAULTS_STACK = "defaults";
/**
 * Pseudo-stacks: `defaults`, and `defaults-auto-pause`, the same set with auto-pause on its bounce
 * rate (its alarms are the defaults' own, so every other number is the same).
 */
export const PSEUDO_STACKS: Record<string, object> = {
    [DEFAULTS_STACK]: { configurationSets: { main: {} } },
    "defaults-auto-pause": { configurationSets: { main: { autoPause: { triggers: ["bounceRate"] } } } },
};

export interface BacktestOptions {
    stack: string;
    scenarios: string[];
    volumes: number[];
    metrics?: string;
    out: string;
    /** The seeds each scenario runs with (tune on 1-10, report on 11-30). */
    seeds: number[];
    window: EvaluationWindowKind;
    /** Evaluate the stack's alarms only (tuning runs): no baseline groups. */
    withoutBaselines?: boolean;
    /** Args files evaluated side by side on the same traces, each as its own group (tuning runs). */
    candidates?: string[];
    argsFile?: string;
    set?: string;
    reputationModel: ReputationModel;
    /** Replay the stack's send-volume ceiling at these multiples of the typical busiest period. */
    ceilings?: number[];
    /** A traffic profile file (tools/profiles.ts) used instead of the stack file's `traffic` key. */
    profileFile?: string;
}

/** The traffic profile of the run: `--profile FILE`, else the stack file's (undefined: none). */
export function stackProfile(options: Pick<BacktestOptions, "profileFile">, stack: Pick<StackAlarms, "profile" | "sets">): TrafficProfile | undefined {
    return options.profileFile === undefined ? stack.profile : readProfileFile(options.profileFile, stack.sets.map((s) => s.name));
}

const USAGE = `usage: npm run backtest -- generate ... (a GetMetricData file from a traffic profile; generate --help)
       npm run backtest -- [--stack dev|defaults] [--scenario NAME|all] [--volume N|all] [--metrics FILE]
                          [--out DIR] [--seeds N|N-M] [--window sliding|wall-clock] [--args FILE] [--set NAME] [--write-queries]
  --stack       stack whose Pulumi.<stack>.yaml gives the alarms (default dev); "defaults": one set, all defaults;
                "defaults-auto-pause": the same with auto-pause on its bounce rate
  --scenario    ${SCENARIO_NAMES.join(", ")}, or all (default)
  --volume      sends per day: ${VOLUME_CLASSES.join(", ")}, or all (default)
  --metrics     replay this \`aws cloudwatch get-metric-data\` JSON instead of the scenarios
  --out         output directory (default backtest/<stack>/)
  --seeds       scenario seeds: one (7), a range (11-30) or a list (1,4,9); default 1. --seed N is the same.
                Defaults are tuned on seeds 1-10: report on 11-30.
  --window      sliding (default: what the component deploys) or wall-clock (CloudWatch's WallClockWindow)
  --without-baselines  evaluate only the stack's alarms (faster tuning runs)
  --candidates  A.json,B.json: args files merged over the stack's, each evaluated as a group of its own
                on the same traces (tuning: compare settings side by side)
  --args        JSON file of SesMonitoringArgs merged over the stack's (try other settings, e.g.
                "fastWindow": { "enabled": false } under alarms.bounceRate to see the hourly alarms alone)
  --reputation-sends  the representative volume of the reputation model (default ${REPUTATION_MODEL.representativeSends})
  --reputation-hours  the shortest window of the reputation model (default ${REPUTATION_MODEL.minimumWindowHours})
  --set         configuration set the scenarios (or unlabelled --metrics) go through (default: each)
  --profile     traffic profile file (YAML or JSON: { sets: { <set>: { sendsPerDay, shape, weeklyBlasts } } });
                default: the stack file's ses-monitoring:traffic. A set with a profile is replayed with its
                own traffic (one row per scenario); a set without one at every --volume
  --ceilings    1.5,2,3: replay the set's send-volume ceiling (volume.setMaxSends, the stack's period
                and M of N) at these multiples of the trace's typical busiest period
  auto-pause    replayed by itself for every set of the stack with autoPause on (--stack defaults-auto-pause:
                the defaults with auto-pause on the bounce rate)
  --write-queries  write metric-data-queries.json for \`aws cloudwatch get-metric-data\` and stop`;

export function parseOptions(argv: string[]): BacktestOptions & { writeQueries: boolean; help: boolean } {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", default: "dev" },
            scenario: { type: "string", default: "all" },
            volume: { type: "string", default: "all" },
            metrics: { type: "string" },
            out: { type: "string" },
            seed: { type: "string" },
            seeds: { type: "string" },
            window: { type: "string", default: "sliding" },
            "without-baselines": { type: "boolean", default: false },
            candidates: { type: "string" },
            args: { type: "string" },
            set: { type: "string" },
            "reputation-sends": { type: "string" },
            "reputation-hours": { type: "string" },
            "write-queries": { type: "boolean", default: false },
            ceilings: { type: "string" },
            profile: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    const scenarios = values.scenario === "all" ? SCENARIO_NAMES : values.scenario!.split(",");
    for (const s of scenarios) {
        if (!SCENARIO_NAMES.includes(s)) throw new Error(`--scenario: ${s} is not one of ${SCENARIO_NAMES.join(", ")}, all`);
    }
    const volumes = values.volume === "all" ? VOLUME_CLASSES : values.volume!.split(",").map(Number);
    for (const v of volumes) {
        if (!Number.isFinite(v) || v <= 0) throw new Error(`--volume: ${v} is not a positive number of sends per day`);
        if (v > MAX_VOLUME_PER_DAY) throw new Error(`--volume: ${v} sends a day is more than the ${MAX_VOLUME_PER_DAY.toLocaleString("en-US")} the generator models`);
    }
    if (values.seed !== undefined && values.seeds !== undefined) throw new Error("--seed and --seeds: give one of them");
    const seeds = parseSeeds(values.seeds ?? values.seed ?? "1");
    const window = values.window as EvaluationWindowKind;
    if (!EVALUATION_WINDOWS.includes(window)) throw new Error(`--window: ${values.window} is not one of ${EVALUATION_WINDOWS.join(", ")}`);
    return {
        stack: values.stack!,
        scenarios,
        volumes,
        metrics: values.metrics,
        out: values.out ?? path.join("backtest", values.stack!),
        seeds,
        window,
        withoutBaselines: values["without-baselines"],
        candidates: values.candidates?.split(","),
        argsFile: values.args,
        set: values.set,
        reputationModel: {
            ...REPUTATION_MODEL,
            representativeSends: positive("--reputation-sends", values["reputation-sends"], REPUTATION_MODEL.representativeSends),
            minimumWindowHours: positive("--reputation-hours", values["reputation-hours"], REPUTATION_MODEL.minimumWindowHours),
        },
        ceilings: values.ceilings === undefined ? undefined : parseCeilings(values.ceilings),
        profileFile: values.profile,
        writeQueries: values["write-queries"]!,
        help: values.help!,
    };
}

/** `1.5,2,3` -> the ceiling factors, each a positive number. */
export function parseCeilings(text: string): number[] {
    return text.split(",").map((part) => {
        const f = Number(part.trim());
        if (part.trim() === "" || !Number.isFinite(f) || f <= 0) throw new Error(`--ceilings: ${JSON.stringify(part)} is not a positive multiple of the typical busiest period (1.5,2,3)`);
        return f;
    });
}

/** Most seeds one run takes: each is a month of traffic per scenario and volume class. */
export const MAX_SEEDS = 100;

/** `7`, `11-30` or `1,4,9` -> the seeds, checked. */
export function parseSeeds(text: string): number[] {
    const seeds: number[] = [];
    for (const part of text.split(",")) {
        const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
        if (!m) throw new Error(`--seeds: ${JSON.stringify(part)} is not a seed (7), a range (11-30) or a list of them (1,4,9)`);
        const from = Number(m[1]);
        const to = m[2] === undefined ? from : Number(m[2]);
        if (to < from) throw new Error(`--seeds: ${part} runs backwards`);
        if (to - from + 1 + seeds.length > MAX_SEEDS) throw new Error(`--seeds: ${text} is more than ${MAX_SEEDS} seeds`);
        for (let seed = from; seed <= to; seed++) if (!seeds.includes(seed)) seeds.push(seed);
    }
    return seeds;
}

function positive(flag: string, text: string | undefined, fallback: number): number {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: ${text} is not a positive whole number`);
    return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `over` merged into `base` key by key (objects recursively; anything else replaces). */
export function deepMerge(base: unknown, over: unknown): unknown {
    if (!isPlainObject(base) || !isPlainObject(over)) return over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
    return out;
}

function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}

export interface StackAlarms {
    stack: string;
    project: string;
    args: SesMonitoringArgs;
    sets: { name: string; bounceWarningPercent: number }[];
    /** Every alarm the stack deploys, each rate's fast window included (`window: "fast"`). */
    alarms: AlarmSpec[];
    /** Auto-pause per set that has it on: `triggerAlarms` as the component wires them. */
    autoPause: AutoPauseSpec[];
    /** The stack's other metric alarms (sending API poller, missing traffic and volume, canary): a replay lists them too. */
    others: PlanMetricAlarm[];
    /** The stack file's traffic profile (`<project>:traffic`), if it has one. */
    profile?: TrafficProfile;
}

/** The stack's alarm specs, exactly as the program would build them from its config. */
export function stackAlarms(options: Pick<BacktestOptions, "stack" | "argsFile">, root = ROOT): StackAlarms {
    let project = "ses-monitoring";
    let args: SesMonitoringArgs;
    let rawProfile: string | undefined;
    if (PSEUDO_STACKS[options.stack]) {
        args = clone(PSEUDO_STACKS[options.stack]) as unknown as SesMonitoringArgs;
    } else {
        const config = loadStackConfig(root, options.stack);
        project = config.project;
        args = stackArgs(config);
        rawProfile = config.config[`${project}:${TRAFFIC_CONFIG_KEY}`];
    }
    if (options.argsFile) args = deepMerge(args, JSON.parse(fs.readFileSync(options.argsFile, "utf8"))) as SesMonitoringArgs;
    const context = { project, stack: options.stack };
    const plan = planSesMonitoring(args, context);
    const { settings, alarms, autoPause } = plan;
    const sets = settings.configurationSets.map((s) => ({ name: s.name, bounceWarningPercent: s.alarms.bounceRate.warningPercent }));
    return {
        stack: options.stack,
        project,
        args,
        sets,
        alarms,
        autoPause,
        others: otherMetricAlarms(plan),
        profile: profileFromStackConfig(rawProfile, `Pulumi.${options.stack}.yaml ${project}:${TRAFFIC_CONFIG_KEY}`, sets.map((s) => s.name)),
    };
}

/**
 * The set's send-volume ceiling alarm as the component builds it from the stack's `volume`
 * settings (period, periods in a row, missing data not breaching), with a placeholder ceiling
 * (`withCeiling` sets the one under test): `volume` turned on, with a ceiling for the set.
 */
export function ceilingAlarm(stack: Pick<StackAlarms, "args" | "project" | "stack">, set: string): EvaluableAlarm {
    const args = deepMerge(stack.args, { volume: { enabled: true, perSet: true, setMaxSends: { [set]: 1 } } }) as SesMonitoringArgs;
    const plan = planSesMonitoring(args, { project: stack.project, stack: stack.stack });
    const spec = plan.volumeAlarms.find((a) => a.measure === "sendCeiling" && a.configurationSet === set);
    if (!spec || spec.threshold === undefined || spec.comparisonOperator !== "GreaterThanOrEqualToThreshold") throw new Error(`internal: no send ceiling alarm for set ${set}`);
    return {
        name: spec.name,
        queries: spec.queries,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        periodSeconds: spec.periodSeconds,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        treatMissingData: spec.treatMissingData,
    };
}

interface GroupedAlarm {
    spec: EvaluableAlarm & { measure: RateMetric; severity: string; thresholdPercent: number; configurationSet?: string };
    group: string;
}

/**
 * The alarms that watch traffic through `set`: the set's and the account's as "ours" (each rate's
 * fast window with its rate: it is one of the stack's alarms), then the baselines.
 */
function alarmsFor(stack: StackAlarms, set: { name: string; bounceWarningPercent: number }, withoutBaselines = false, candidates: { name: string; stack: StackAlarms }[] = []): GroupedAlarm[] {
    const forSet = (a: AlarmSpec) => a.configurationSet === undefined || a.configurationSet === set.name;
    const out: GroupedAlarm[] = stack.alarms.filter(forSet).map((spec) => ({ spec, group: "ours" }));
    for (const c of candidates) out.push(...c.stack.alarms.filter(forSet).map((spec) => ({ spec, group: c.name })));
    if (withoutBaselines) return out;
    out.push(...baselineAlarms(set.name, set.bounceWarningPercent).map((spec) => ({ spec, group: spec.group })));
    return out;
}

export interface SeedResult {
    seed: number;
    truth?: { measure: string; start: string; end: string; description: string };
    groups: GroupScore[];
    alarms: AlarmScore[];
}

/** One scenario, volume class and configuration set over every seed of the run. */
export interface ScenarioResult {
    scenario: string;
    description: string;
    volumePerDay: number;
    configurationSet: string;
    /** The set's traffic profile, when the traffic followed it (volumePerDay is then its mean). */
    profile?: SetProfile;
    /** Per group: delay median and worst over the seeds, false alarms in all and of the worst seed. */
    groups: SeedAggregate[];
    seeds: SeedResult[];
    /** With auto-pause on for the set: each seed's pause and its aggregate. */
    autoPause?: { aggregate: PauseAggregate; seeds: (PauseReplay & { seed: number })[] };
    /** With --ceilings: the send-volume ceiling per factor, per seed and over the seeds. */
    ceilings?: CeilingResult;
}

export interface CeilingResult {
    alarm: string;
    periodSeconds: number;
    evaluationPeriods: number;
    factors: number[];
    /** Per factor (`ceiling 1.5x`): delay median and worst, false alarms, as the groups. */
    groups: SeedAggregate[];
    seeds: { seed: number; typicalPeak: number; ceilings: number[]; scores: GroupScore[]; alarmTimes: string[][] }[];
}

export interface BacktestReport {
    stack: string;
    mode: "scenarios" | "replay";
    seeds: number[];
    window: EvaluationWindowKind;
    reputationModel: typeof REPUTATION_MODEL;
    results: ScenarioResult[];
    replay?: ReplayAlarmResult[];
    files: string[];
    seconds: number;
}

/**
 * The rate per bin of `bin` minutes, by event time as CloudWatch counts it; a bin with fewer than
 * `minimumSends` sends has no rate (a bounce over one send would draw 100 %).
 */
function binnedPercent(trace: Trace, measure: RateMetric, bin: number, minimumSends = 1): { times: Float64Array; percents: Float64Array } {
    const events = measure === "bounceRate" ? trace.bounces : measure === "complaintRate" ? trace.complaints : trace.rejects;
    const n = Math.floor(trace.sends.length / bin);
    const times = new Float64Array(n);
    const percents = new Float64Array(n);
    for (let b = 0; b < n; b++) {
        let s = 0;
        let e = 0;
        for (let i = b * bin; i < (b + 1) * bin; i++) {
            s += trace.sends[i];
            e += events[i];
        }
        times[b] = trace.start + b * bin * 60;
        percents[b] = s >= minimumSends ? (100 * e) / s : NaN;
    }
    return { times, percents };
}

function pad(text: string, width: number, right = false): string {
    return right ? text.padStart(width) : text.padEnd(width);
}

function table(rows: string[][], rightAligned: number[] = []): string {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    return rows.map((r) => r.map((cell, c) => pad(cell, widths[c], rightAligned.includes(c))).join("  ").trimEnd()).join("\n");
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");

/** A chart to write once the numbers are done: rendering is asynchronous. */
interface PendingChart {
    file: string;
    spec: Record<string, unknown>;
}

/**
 * The traffic each set is replayed with: every volume class for a set without a profile (the
 * generator's own daily and weekly shape), its own profile's shape and volume for a set with one,
 * so two sets with different profiles give different rows.
 */
export function trafficRuns<S extends { name: string }>(sets: S[], volumes: number[], profile?: TrafficProfile): { volume: number; label: string; sets: S[]; profile?: SetProfile }[] {
    const runs: ReturnType<typeof trafficRuns<S>> = [];
    const unprofiled = sets.filter((s) => profile?.sets[s.name] === undefined);
    if (unprofiled.length > 0) for (const volume of volumes) runs.push({ volume, label: volume.toLocaleString("en-US"), sets: unprofiled });
    for (const set of sets) {
        const p = profile?.sets[set.name];
        if (p === undefined) continue;
        const week = weeklySends(p);
        const perDay = sendsPerDayOf(week);
        runs.push({ volume: perDay, label: `${Math.round(perDay).toLocaleString("en-US")} (profile)`, sets: [set], profile: p });
    }
    return runs;
}

function runScenarios(options: BacktestOptions, stack: StackAlarms, log: (line: string) => void): { results: ScenarioResult[]; charts: PendingChart[] } {
    const results: ScenarioResult[] = [];
    const charts: PendingChart[] = [];
    const sets = options.set ? stack.sets.filter((s) => s.name === options.set) : stack.sets;
    if (sets.length === 0) throw new Error(`--set: ${options.set} is not a configuration set of stack ${stack.stack} (${stack.sets.map((s) => s.name).join(", ")})`);
    const candidates = (options.candidates ?? []).map((file) => ({ name: path.basename(file, ".json"), stack: stackAlarms({ stack: options.stack, argsFile: file }) }));
    const groups = ["ours", ...candidates.map((c) => c.name), ...(options.withoutBaselines ? [] : BASELINE_GROUPS)];
    const seedsText = options.seeds.length === 1 ? `seed ${options.seeds[0]}` : `seeds ${options.seeds.join(",")}`;

    const pauseOf = new Map(stack.autoPause.map((a) => [a.configurationSet, a]));
    // The chart follows the first set with auto-pause, if any (its pause is drawn), else the first set.
    const chartSet = sets.find((s) => pauseOf.has(s.name)) ?? sets[0];
    const runs = trafficRuns(sets, options.volumes, stackProfile(options, stack));
    const ceilingSpecs = new Map(options.ceilings ? sets.map((s) => [s.name, ceilingAlarm(stack, s.name)]) : []);
    const factors = options.ceilings ?? [];
    const ceilingGroups = factors.map((f) => `ceiling ${f}x`);

    for (const scenario of options.scenarios) {
        const panels: (ChartPanel | PauseChartPanel)[] = [];
        const zooms: (ChartPanel | PauseChartPanel)[] = [];
        const rows: string[][] = [["sends/day", "set", ...groups]];
        const pauseRows: string[][] = [PAUSE_HEADER];
        const ceilingRows: string[][] = [["sends/day", "set", "typical peak", ...ceilingGroups]];
        const ourFalseAlarms = new Map<string, number>();
        for (const run of runs) {
            const { volume, sets } = run;
            const perSet = new Map<string, SeedResult[]>(sets.map((set) => [set.name, []]));
            const pausesPerSet = new Map<string, (PauseReplay & { seed: number })[]>(sets.map((set) => [set.name, []]));
            const ceilingsPerSet = new Map<string, CeilingResult["seeds"]>(sets.map((set) => [set.name, []]));
            for (const seed of options.seeds) {
                // A profiled set's incident happens where it sends (a weekly blast's set sends two hours a week).
                const trace = run.profile ? profileTrace({ sets: { [run.sets[0].name]: run.profile } }, run.sets[0].name, scenario, seed) : generateTrace(scenario, volume, seed);
                const bySendMinute = pauseOf.size > 0 ? eventsBySendMinute(trace, pausedEvents(trace)) : undefined;
                for (const set of sets) {
                    const source = metricSourceFrom(traceMetrics(trace, set.name, options.reputationModel));
                    const grouped = alarmsFor(stack, set, options.withoutBaselines, candidates);
                    const evaluations = new Map<string, AlarmEvaluation>();
                    const scores: AlarmScore[] = [];
                    const cache = new MinuteCache(trace.start, (trace.end - trace.start) / 60);
                    for (const { spec, group } of grouped) {
                        const key = `${group}/${spec.name}`;
                        let evaluation = evaluations.get(key);
                        if (!evaluation) {
                            evaluation = evaluateAlarm(spec, source, { start: trace.start, end: trace.end, cache, window: options.window });
                            evaluations.set(key, evaluation);
                        }
                        const score = scoreAlarm(evaluation, spec, group, trace);
                        scores.push(score);
                        if (!(BASELINE_GROUPS as readonly string[]).includes(group) && score.falseAlarms > 0) {
                            const where = `${group === "ours" ? "" : `${group} `}${volume.toLocaleString("en-US")}/day ${spec.name.replace(`${stack.project}-${stack.stack}-`, "")}`;
                            ourFalseAlarms.set(where, (ourFalseAlarms.get(where) ?? 0) + score.falseAlarms);
                        }
                    }
                    perSet.get(set.name)!.push({
                        seed,
                        truth: trace.truth && { measure: trace.truth.measure, start: iso(trace.truth.start), end: iso(trace.truth.end), description: trace.truth.description },
                        groups: groups.map((g) => scoreGroup(g, scores)),
                        alarms: scores,
                    });
                    // Auto-pause: the set stops at the first of its triggering alarms (ours, as deployed).
                    const pauseSpec = pauseOf.get(set.name);
                    let pause: PauseReplay | undefined;
                    if (pauseSpec) {
                        const ours = new Map(pauseSpec.triggerAlarms.map((name) => [name, evaluations.get(`ours/${name}`)!]));
                        pause = replayPause(trace, { configurationSet: set.name, dryRun: pauseSpec.dryRun }, firstTrigger(ours, pauseSpec.triggerAlarms, trace.scoredStart), bySendMinute);
                        pausesPerSet.get(set.name)!.push({ seed, ...pause });
                    }
                    const ceiling = ceilingSpecs.get(set.name);
                    if (ceiling) {
                        const typicalPeak = typicalBusiestPeriod(trace, ceiling.periodSeconds);
                        const ceilings = factors.map((f) => ceilingFor(f, typicalPeak));
                        const ceilingScores = ceilings.map((c, i) => scoreCeiling(evaluateAlarm(withCeiling(ceiling, c), source, { start: trace.start, end: trace.end, cache, window: options.window }), ceilingGroups[i], trace));
                        ceilingsPerSet.get(set.name)!.push({
                            seed,
                            typicalPeak,
                            ceilings,
                            scores: ceilingScores.map(({ alarmTimes: _t, falseAlarms: _f, ...score }) => score),
                            alarmTimes: ceilingScores.map((c) => c.alarmTimes.map(iso)),
                        });
                    }
                    if (set === chartSet && seed === options.seeds[0]) addPanels(trace, set, volume, grouped, evaluations, groups, panels, zooms, pause, bySendMinute);
                }
            }
            for (const set of sets) {
                const seedResults = perSet.get(set.name)!;
                const aggregate = groups.map((g) => aggregateSeeds(g, seedResults.map((r) => ({ seed: r.seed, score: r.groups.find((x) => x.group === g)! }))));
                const result: ScenarioResult = { scenario, description: scenarioDescription(scenario), volumePerDay: volume, configurationSet: set.name, profile: run.profile, groups: aggregate, seeds: seedResults };
                rows.push([run.label, set.name, ...aggregate.map(formatCell)]);
                const pauses = pausesPerSet.get(set.name)!;
                if (pauses.length > 0) {
                    result.autoPause = { aggregate: aggregatePauses(pauses), seeds: pauses };
                    pauseRows.push(pauseRow(scenario, volume, result.autoPause.aggregate, false));
                }
                const ceilingSeeds = ceilingsPerSet.get(set.name)!;
                const ceiling = ceilingSpecs.get(set.name);
                if (ceiling && ceilingSeeds.length > 0) {
                    result.ceilings = {
                        alarm: ceiling.name,
                        periodSeconds: ceiling.periodSeconds,
                        evaluationPeriods: ceiling.evaluationPeriods,
                        factors,
                        groups: ceilingGroups.map((g, i) => aggregateSeeds(g, ceilingSeeds.map((c) => ({ seed: c.seed, score: c.scores[i] })))),
                        seeds: ceilingSeeds,
                    };
                    ceilingRows.push(ceilingRow(scenario, volume, set.name, result.ceilings, false));
                }
                results.push(result);
            }
        }
        log(`\n${scenario}: ${scenarioDescription(scenario)}`);
        log(`cells (${seedsText}, ${options.window} windows): detection delay from the ground-truth start, ${options.seeds.length > 1 ? "median / worst over the seeds (or missed; n/a: no alarm on that rate), false alarms summed over the seeds (worst seed)" : "or missed (n/a: no alarm on that rate), false alarms in 30 days"}`);
        log(table(rows));
        if (ourFalseAlarms.size > 0) log(`false alarms of ours: ${[...ourFalseAlarms].map(([k, n]) => `${k} x${n}`).join(", ")}`);
        if (pauseRows.length > 1) {
            log(`auto-pause (${seedsText}; pause = first triggering ALARM + ${PAUSE_LATENCY_SECONDS} s, never resumed; median / worst): ${PAUSE_NOTE}`);
            log(table(pauseRows.map((r) => r.slice(1))));
        }
        if (ceilingRows.length > 1) {
            log(`send-volume ceiling (${seedsText}): ${CEILING_NOTE}`);
            log(table(ceilingRows));
        }
        charts.push({
            file: path.join(options.out, `${scenario}.svg`),
            spec: scenarioChartSpec(`${stack.stack}: ${scenario} (seed ${options.seeds[0]}, ${options.window} windows)`, scenarioDescription(scenario), [...panels, ...zooms]),
        });
    }
    return { results, charts };
}

const PAUSE_HEADER = ["scenario", "sends/day", "set", "paused", "pause after onset", "incident's events", "before the pause", "avoided", "share avoided", "held back to the incident's end", "held back after it, per hour"];
const PAUSE_NOTE = "events of the incident's mail by send time (bounces, or its complaints or rejects); held back after the incident: sends per hour until a human resumes";
const CEILING_NOTE = "ceilings at multiples of the typical busiest period (the median of the four scored weeks' busiest clock-aligned periods, a surge's own left out); cells as above";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const pair = (s: { median: number; worst: number }, f: (n: number) => string = count) => `${f(s.median)} / ${f(s.worst)}`;

/** One row of the auto-pause table: median / worst over the seeds (worst: fewest avoided, most let through or held back). */
function pauseRow(scenario: string, volume: number, a: PauseAggregate, markdown: boolean): string[] {
    const delay = a.delayMinutes ? `${formatDelay(a.delayMinutes.median * 60)} / ${a.paused < a.seeds ? "no pause" : formatDelay(a.delayMinutes.worst * 60)}` : "no pause";
    return [
        scenario,
        volume.toLocaleString("en-US"),
        `${a.configurationSet}${a.dryRun ? " (dry run)" : ""}`,
        `${a.paused} of ${a.seeds}${a.falsePauses > 0 ? ` (${a.falsePauses} false)` : ""}`,
        delay,
        `${pair(a.incidentEvents)} ${a.events}`,
        pair(a.eventsBeforePause),
        pair(a.eventsAvoided),
        pair(a.avoidedShare, (n) => `${Math.round(100 * n)} %`),
        pair(a.heldBackDuringIncident),
        pair(a.heldBackPerHourAfter),
    ].map((c) => (markdown ? c.replace(/\|/g, "\\|") : c));
}

function ceilingRow(scenario: string, volume: number, set: string, c: CeilingResult, withScenario = true): string[] {
    const peaks = c.seeds.map((s) => s.typicalPeak).sort((a, b) => a - b);
    const peak = `${count(peaks[Math.floor((peaks.length - 1) / 2)])} per ${c.periodSeconds / 60} min`;
    return [...(withScenario ? [scenario] : []), volume.toLocaleString("en-US"), set, peak, ...c.groups.map(formatCell)];
}

/** The zoomed panels draw 5-minute bins with at least this many sends. */
const ZOOM_MINIMUM_SENDS = 20;

function addPanels(
    trace: Trace,
    set: { name: string },
    volume: number,
    grouped: GroupedAlarm[],
    evaluations: Map<string, AlarmEvaluation>,
    groups: string[],
    panels: (ChartPanel | PauseChartPanel)[],
    zooms: (ChartPanel | PauseChartPanel)[],
    pause?: PauseReplay,
    bySendMinute?: Float64Array,
): void {
    // A volume incident has no rate of its own: its chart shows the bounce rate.
    const measure: RateMetric = trace.truth && trace.truth.measure !== "sendVolume" ? trace.truth.measure : "bounceRate";
    // Complaints are rare: a 6-hour bin keeps the line readable; the others hourly.
    const { times, percents } = binnedPercent(trace, measure, measure === "complaintRate" ? 360 : 60);
    const shown = grouped.filter((g) => g.spec.measure === measure);
    const thresholds = new Map<string, { label: string; percent: number; color: string }>();
    for (const g of shown) {
        const label = `${g.group} ${g.spec.severity} ${g.spec.queries.some((q) => q.metric?.metricName.startsWith("Reputation")) ? "reputation" : `${g.spec.periodSeconds / 60} min`}`;
        thresholds.set(`${label}`, { label: `${label} ${Number(g.spec.thresholdPercent.toPrecision(3))} %`, percent: g.spec.thresholdPercent, color: GROUP_COLORS[g.group] ?? "#333" });
    }
    const strips = groups.map((group) => ({
        label: group,
        color: GROUP_COLORS[group] ?? "#333",
        intervals: grouped
            .filter((g) => g.group === group)
            .flatMap((g) => alarmIntervals(evaluations.get(`${g.group}/${g.spec.name}`)!, trace.end)),
    }));
    const word = measure === "bounceRate" ? "bounce" : measure === "complaintRate" ? "complaint" : "reject";
    const truth = trace.truth && { start: trace.truth.start, end: trace.truth.end, label: trace.truth.description };
    const pauseMark = pause?.pauseTime === undefined ? undefined : {
        time: pause.pauseTime,
        label: `auto-pause${pause.dryRun ? " (dry run: would pause)" : ""}: ${set.name} stops at ${iso(pause.pauseTime).slice(5, 16).replace("T", " ")} (${pause.trigger!.replace(/^.*?\b(bounce|complaint)/, "$1")} + ${PAUSE_LATENCY_SECONDS} s)`,
    };
    panels.push({
        title: `${volume.toLocaleString("en-US")} sends/day, set ${set.name}: ${word} rate (${measure === "complaintRate" ? "6-hour" : "hourly"} bins)`,
        start: trace.scoredStart,
        end: trace.end,
        times,
        percents,
        thresholds: [...thresholds.values()],
        truth,
        strips,
        pause: pauseMark,
    });
    if (trace.truth && trace.truth.end - trace.truth.start < 2 * DAY) {
        // A two-hour incident is a sliver on a 30-day axis: zoom in on it, in 5-minute bins.
        const zoom = binnedPercent(trace, measure, 5, ZOOM_MINIMUM_SENDS);
        zooms.push({
            ...panels[panels.length - 1],
            title: `${volume.toLocaleString("en-US")} sends/day, set ${set.name}: ${word} rate around the incident (5-minute bins of ${ZOOM_MINIMUM_SENDS} sends or more)`,
            start: trace.truth.start - 6 * HOUR,
            end: trace.truth.end + 18 * HOUR,
            times: zoom.times,
            percents: zoom.percents,
        });
    }
    if (pause && bySendMinute && trace.truth) {
        // The pause's own panel: the incident's events by send time, before the pause and avoided.
        const long = trace.truth.end - trace.truth.start >= 2 * DAY;
        const from = long ? trace.scoredStart : trace.truth.start - 6 * HOUR;
        const to = long ? trace.end : trace.truth.end + 18 * HOUR;
        const binMinutes = long ? 360 : 5;
        const bins = pauseBins(trace, bySendMinute, pause.pauseTime, from, to, binMinutes);
        const what = pause.pauseTime === undefined
            ? "no triggering alarm fired: nothing paused"
            : `${pause.eventsAvoided.toLocaleString("en-US")} ${pause.events} avoided, ${pause.eventsBeforePause.toLocaleString("en-US")} before the pause, ${pause.heldBackDuringIncident.toLocaleString("en-US")} sends held back to the incident's end`;
        zooms.push({
            kind: "pause",
            title: `${volume.toLocaleString("en-US")} sends/day, set ${set.name}: auto-pause${pause.dryRun ? " (dry run)" : ""}, ${pause.events} per ${long ? "6 hours" : "5 minutes"} by send time: ${what}`,
            start: from,
            end: to,
            times: bins.times,
            binSeconds: binMinutes * 60,
            sent: bins.sent,
            avoided: bins.avoided,
            events: pause.events,
            truth,
            pause: pauseMark,
        });
    }
}

/**
 * One alarm of the plan in a replay. `status`: `alarm`, it reached ALARM; `ok`, it had datapoints
 * and never breached enough; `no-datapoint`, its metric math returned nothing in the whole range
 * (below its guard throughout: it could not have fired); `not-replayed`, with `why`.
 */
export interface ReplayAlarmResult {
    alarm: string;
    group: string;
    configurationSet?: string;
    status: "alarm" | "ok" | "no-datapoint" | "not-replayed";
    why?: string;
    /** Evaluations (minutes) with a datapoint, of `evaluations`. */
    datapoints: number;
    evaluations: number;
    alarmTransitions: number;
    hoursInAlarm: number;
    firstAlarm?: string;
    transitions: { time: string; from: string; to: string; value?: number }[];
}

const REPLAY_STATUS_TEXT: Record<ReplayAlarmResult["status"], string> = {
    alarm: "ALARM",
    ok: "OK, never breached",
    "no-datapoint": "no datapoint in the whole range",
    "not-replayed": "not replayed",
};

function runReplay(options: BacktestOptions, stack: StackAlarms, log: (line: string) => void): { replay: ReplayAlarmResult[]; charts: PendingChart[] } {
    const grouped = stack.sets.flatMap((set) => alarmsFor(stack, set));
    const unique = new Map<string, GroupedAlarm>();
    for (const g of grouped) if (!unique.has(`${g.group}/${g.spec.name}`)) unique.set(`${g.group}/${g.spec.name}`, g);
    const knownKeys = new Set<string>();
    for (const { spec } of unique.values()) for (const q of spec.queries) if (q.metric) knownKeys.add(metricKey(q.metric));
    for (const a of stack.others) for (const q of a.queries) if (q.metric) knownKeys.add(metricKey(q.metric));
    const set = options.set ?? (stack.sets.length === 1 ? stack.sets[0].name : undefined);
    const data = readMetricDataFile(options.metrics!, fs.readFileSync(options.metrics!, "utf8"), knownKeys, set);
    if (data.unmatched.length > 0) log(`metrics: ignored results that match no alarm metric: ${data.unmatched.join(", ")}`);
    let spacing = Infinity;
    for (const s of data.series.values()) for (let i = 1; i < s.timestamps.length; i++) spacing = Math.min(spacing, s.timestamps[i] - s.timestamps[i - 1]);
    if (Number.isFinite(spacing) && spacing > 60) {
        log(`metrics: datapoints ${spacing} s apart: alarms are evaluated every minute on sliding windows, which a coarser export only approximates (fetch with a period of 60 s)`);
    }
    const source = metricSourceFrom(data.series);
    const start = data.start;
    const end = data.end + HOUR;
    const replay: ReplayAlarmResult[] = [];
    const rows: string[][] = [["alarm", "group", "result", "datapoints", "ALARMs", "hours in ALARM", "first ALARM"]];
    const evaluations = new Map<string, AlarmEvaluation>();
    const missingMetrics = (queries: AlarmSpec["queries"]) => queries.filter((q) => q.metric && !data.series.has(metricKey(q.metric))).map((q) => q.metric!.metricName);
    const replayOne = (spec: EvaluableAlarm & { configurationSet?: string }, group: string, notReplayed?: string) => {
        const base = { alarm: spec.name, group, configurationSet: spec.configurationSet, datapoints: 0, evaluations: 0, alarmTransitions: 0, hoursInAlarm: 0, transitions: [] };
        // An alarm whose metrics are all absent from the file is listed as not replayed, never as quiet.
        const why = notReplayed ?? (spec.queries.some((q) => q.metric && data.series.has(metricKey(q.metric))) ? undefined : `its metrics (${[...new Set(missingMetrics(spec.queries))].join(", ")}) are not in the file`);
        if (why !== undefined) {
            const result: ReplayAlarmResult = { ...base, status: "not-replayed", why };
            replay.push(result);
            rows.push([spec.name, group, `not replayed: ${why}`, "-", "-", "-", "-"]);
            return;
        }
        let evaluation = evaluations.get(spec.name);
        if (!evaluation) {
            evaluation = evaluateAlarm(spec, source, { start, end, window: options.window });
            evaluations.set(spec.name, evaluation);
        }
        const intervals = alarmIntervals(evaluation, end);
        const alarms = evaluation.transitions.filter((t) => t.to === "ALARM");
        let datapoints = 0;
        for (const v of evaluation.values) if (!Number.isNaN(v)) datapoints++;
        const status: ReplayAlarmResult["status"] = alarms.length > 0 || evaluation.states.includes("ALARM") ? "alarm" : datapoints === 0 ? "no-datapoint" : "ok";
        const result: ReplayAlarmResult = {
            ...base,
            status,
            datapoints,
            evaluations: evaluation.values.length,
            alarmTransitions: alarms.length,
            hoursInAlarm: intervals.reduce((h, [a, b]) => h + (b - a) / HOUR, 0),
            firstAlarm: alarms[0] && iso(alarms[0].time),
            transitions: evaluation.transitions.map((t) => ({ time: iso(t.time), from: t.from, to: t.to, value: t.value })),
        };
        replay.push(result);
        const share = result.evaluations === 0 ? "0" : `${((100 * datapoints) / result.evaluations).toFixed(1)} %`;
        rows.push([spec.name, group, REPLAY_STATUS_TEXT[status], share, String(result.alarmTransitions), result.hoursInAlarm.toFixed(1), result.firstAlarm ?? "-"]);
    };
    for (const { spec, group } of unique.values()) replayOne(spec, group);
    for (const a of stack.others) {
        const alarm = asEvaluable(a);
        if (alarm) replayOne(alarm, "ours");
        else replayOne({ ...a, threshold: NaN, comparisonOperator: "GreaterThanOrEqualToThreshold", treatMissingData: "missing" }, "ours", "an anomaly detection band, which CloudWatch learns from the metric's history: not modelled offline");
    }
    const counts = Object.fromEntries(Object.keys(REPLAY_STATUS_TEXT).map((k) => [k, replay.filter((r) => r.group === "ours" && r.status === k).length]));
    log(`\nreplay of ${options.metrics}: ${iso(start)} to ${iso(data.end)}`);
    log(`the stack's ${replay.filter((r) => r.group === "ours").length} alarms: ${counts.alarm} reached ALARM, ${counts.ok} OK (never breached), ${counts["no-datapoint"]} without a datapoint in the whole range, ${counts["not-replayed"]} not replayed`);
    log(table(rows, [3, 4, 5]));

    const panels: ChartPanel[] = [];
    for (const s of stack.sets) {
        for (const measure of ["bounceRate", "complaintRate", "rejectRate"] as RateMetric[]) {
            const shown = [...unique.values()].filter((g) => g.spec.measure === measure && g.spec.configurationSet === s.name && evaluations.has(g.spec.name));
            const rateAlarm = shown.find((g) => g.group === "ours" && g.spec.queries.some((q) => q.expression));
            if (!rateAlarm) continue;
            const hourly: EvaluableAlarm = {
                ...rateAlarm.spec,
                name: `${rateAlarm.spec.name}-hourly`,
                periodSeconds: HOUR,
                queries: rateAlarm.spec.queries.map((q) => q.metric ? { ...q, metric: { ...q.metric, periodSeconds: HOUR } } : q.returnData ? { ...q, expression: q.expression!.replace(/^IF\(sends >= \d+, (.*)\)$/, "$1") } : q),
            };
            const evaluation = evaluateAlarm(hourly, source, { start, end });
            panels.push({
                title: `set ${s.name}: ${measure} (the last hour's rate, unguarded, every minute)`,
                start: evaluation.start,
                end,
                ...evaluationLine(evaluation),
                thresholds: shown.map((g) => ({ label: `${g.group} ${g.spec.severity} ${g.spec.periodSeconds / 60} min ${Number(g.spec.thresholdPercent.toPrecision(3))} %`, percent: g.spec.thresholdPercent, color: GROUP_COLORS[g.group] ?? "#333" })),
                strips: shown.map((g) => ({ label: `${g.group} ${g.spec.severity}`, color: GROUP_COLORS[g.group] ?? "#333", intervals: alarmIntervals(evaluations.get(g.spec.name)!, end) })),
            });
        }
    }
    const charts: PendingChart[] = [];
    if (panels.length > 0) {
        charts.push({ file: path.join(options.out, "replay.svg"), spec: scenarioChartSpec(`${stack.stack}: replay`, path.basename(options.metrics!), panels) });
    }
    return { replay, charts };
}

/**
 * The markdown table the README carries: per scenario and volume, each group's delay and false
 * alarms; then, when replayed, auto-pause's table and the send-volume ceiling's.
 */
export function summaryMarkdown(results: ScenarioResult[]): string {
    const groups = results[0]?.groups.map((g) => g.group) ?? [];
    const lines = [
        `| scenario | sends/day | set | ${groups.join(" | ")} |`,
        `| --- | ---: | --- | ${groups.map(() => "---").join(" | ")} |`,
    ];
    for (const r of results) {
        lines.push(`| ${r.scenario} | ${Math.round(r.volumePerDay).toLocaleString("en-US")}${r.profile ? " (profile)" : ""} | ${r.configurationSet} | ${r.groups.map(formatCell).join(" | ")} |`);
    }
    const paused = results.filter((r) => r.autoPause);
    if (paused.length > 0) {
        lines.push("", `## Auto-pause`, "", `Pause = the first triggering ALARM + ${PAUSE_LATENCY_SECONDS} s, never resumed. Median / worst over the seeds: ${PAUSE_NOTE}.`, "");
        lines.push(`| ${PAUSE_HEADER.join(" | ")} |`, `| --- | ---: | --- | ${PAUSE_HEADER.slice(3).map(() => "---:").join(" | ")} |`);
        for (const r of paused) lines.push(`| ${pauseRow(r.scenario, r.volumePerDay, r.autoPause!.aggregate, true).join(" | ")} |`);
    }
    const ceilings = results.filter((r) => r.ceilings);
    if (ceilings.length > 0) {
        const c = ceilings[0].ceilings!;
        lines.push("", `## Send-volume ceiling`, "", `\`Send >= ceiling\` per ${c.periodSeconds / 60} min, ${c.evaluationPeriods} of ${c.evaluationPeriods}, missing data not breaching: ${CEILING_NOTE}.`, "");
        lines.push(`| scenario | sends/day | set | typical peak | ${c.groups.map((g) => g.group).join(" | ")} |`, `| --- | ---: | --- | ---: | ${c.groups.map(() => "---").join(" | ")} |`);
        for (const r of ceilings) lines.push(`| ${ceilingRow(r.scenario, r.volumePerDay, r.configurationSet, r.ceilings!).join(" | ")} |`);
    }
    return `${lines.join("\n")}\n`;
}

const GENERATE_USAGE = `usage: npm run backtest -- generate [--stack NAME] [--profile FILE] [--set NAME[,NAME]] [--scenario NAME]
                          [--seed N] [--days N] [--out FILE]
  writes a GetMetricData file (what \`aws cloudwatch get-metric-data\` prints, what --metrics reads) of the
  profile's traffic: per set Send, Bounce, Complaint, Reject per minute and the modelled Reputation.*
  --stack     the stack whose sets and ses-monitoring:traffic are used (default dev)
  --profile   a traffic profile file instead of the stack file's
  --scenario  the incident in it (default healthy: none), placed where the set sends
  --seed      default 1; --days: from Monday 2026-01-05, default ${DEFAULT_GENERATED_DAYS} (what CloudWatch keeps at 60 s), at most ${SCORED_DAYS}
  --out       default backtest/<stack>/generated-metrics.json`;

/** `npm run backtest -- generate ...`: writes the file and says how to replay it. */
export function generate(argv: string[], log: (line: string) => void): string | undefined {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string", default: "dev" },
            profile: { type: "string" },
            set: { type: "string" },
            scenario: { type: "string", default: "healthy" },
            seed: { type: "string", default: "1" },
            days: { type: "string", default: String(DEFAULT_GENERATED_DAYS) },
            out: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        log(GENERATE_USAGE);
        return undefined;
    }
    const stack = stackAlarms({ stack: values.stack! });
    const profile = stackProfile({ profileFile: values.profile }, stack);
    if (!profile) throw new Error(`generate: stack ${values.stack} has no ses-monitoring:traffic and no --profile was given: nothing to generate from`);
    const seed = parseSeeds(values.seed!);
    if (seed.length !== 1) throw new Error(`generate: --seed ${values.seed} must be one seed`);
    const { answer, traces } = generateMetricData(profile, { scenario: values.scenario!, seed: seed[0], days: Number(values.days), sets: values.set?.split(",") });
    const file = values.out ?? path.join("backtest", values.stack!, "generated-metrics.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(answer, null, 1)}\n`);
    for (const [set, trace] of traces) {
        const truth = trace.truth ? `; incident: ${trace.truth.description} from ${iso(trace.truth.start)}` : "";
        log(`${set}: ${Math.round(trace.volumePerDay).toLocaleString("en-US")} sends a day on average (${values.scenario}, seed ${seed[0]})${truth}`);
    }
    log(`wrote ${file} (${answer.MetricDataResults.length} series, ${values.days} days): npm run backtest -- --stack ${values.stack} --metrics ${file}`);
    return file;
}

export async function main(argv: string[], log: (line: string) => void = (line) => console.log(line)): Promise<BacktestReport | undefined> {
    if (argv[0] === "generate") {
        generate(argv.slice(1), log);
        return undefined;
    }
    const began = process.hrtime.bigint();
    const options = parseOptions(argv);
    if (options.help) {
        log(USAGE);
        return undefined;
    }
    const stack = stackAlarms(options);
    fs.mkdirSync(options.out, { recursive: true });
    if (options.writeQueries) {
        const all: { queries: AlarmSpec["queries"] }[] = [...stack.sets.flatMap((set) => alarmsFor(stack, set).map((g) => g.spec)), ...stack.others];
        const file = path.join(options.out, "metric-data-queries.json");
        fs.writeFileSync(file, `${JSON.stringify(metricDataQueries(all), null, 2)}\n`);
        log(`wrote ${file}: aws cloudwatch get-metric-data --metric-data-queries file://${file} --start-time <ISO> --end-time <ISO> > metrics.json`);
        return undefined;
    }
    const fast = stack.alarms.filter((a) => a.window === "fast").length;
    log(`stack ${stack.stack}: ${stack.alarms.length} alarms${fast ? ` (${fast} of them fast-window)` : ""}; sets ${stack.sets.map((s) => s.name).join(", ")}`);
    const report: BacktestReport = {
        stack: stack.stack,
        mode: options.metrics ? "replay" : "scenarios",
        seeds: options.seeds,
        window: options.window,
        reputationModel: options.reputationModel,
        results: [],
        files: [],
        seconds: 0,
    };
    let charts: PendingChart[];
    if (options.metrics) {
        const run = runReplay(options, stack, log);
        report.replay = run.replay;
        charts = run.charts;
    } else {
        const run = runScenarios(options, stack, log);
        report.results = run.results;
        charts = run.charts;
        const summary = path.join(options.out, "summary.md");
        fs.writeFileSync(summary, summaryMarkdown(run.results));
        report.files.push(summary);
    }
    for (const chart of charts) {
        fs.writeFileSync(chart.file, await renderSvg(chart.spec));
        report.files.push(chart.file);
    }
    const resultsFile = path.join(options.out, "results.json");
    report.files.push(resultsFile);
    report.seconds = Number(process.hrtime.bigint() - began) / 1e9;
    fs.writeFileSync(resultsFile, `${JSON.stringify(report, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v), 2)}\n`);
    log(`\nwrote ${report.files.join(", ")} in ${report.seconds.toFixed(1)} s`);
    return report;
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err: Error) => {
        // The checks throw plain Errors naming the option or file: bad input, exit 2 with its one
        // line. Anything else (a TypeError, say) is a failure of the tool: its trace, exit 3.
        const badInput = Object.getPrototypeOf(err) === Error.prototype;
        console.error(badInput ? err.message : err.stack ?? String(err));
        process.exitCode = badInput ? 2 : 3;
    });
}
