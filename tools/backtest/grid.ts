/**
 * Alarm designs compared across the traffic grid (`TRAFFIC_GRID`): for every design, traffic model,
 * volume class, scenario and seed, the design's alarms are evaluated as deployed (every minute,
 * sliding) on the same trace, and scored against the ground truth and the trace's detectability
 * floor. Pure: the command line (`tools/backtestGrid.ts`) builds the designs and prints.
 */
import { RateMetric } from "../../components/shared/catalog";
import { AlarmSpec } from "../../components/shared/alarmSpecs";
import { evaluateAlarm, metricSourceFrom, MinuteCache } from "./evaluation";
import { detectabilityFloor, floorRatio } from "./floor";
import { generateTrace, TrafficModel } from "./scenarios";
import { DETECTION_GRACE_SECONDS, scoreAlarm, scoreGroup } from "./scoring";
import { traceMetrics } from "./traffic";

/** A set of alarms for one configuration set (its own and the account's), and which of them pause it. */
export interface Design {
    name: string;
    description: string;
    alarms: AlarmSpec[];
    /** The alarms auto-pause would follow for the set (critical, bounce rate). */
    pauseTriggers: string[];
    /** A design whose settings depend on the set's volume: its alarms and pause triggers at each volume class. */
    at?: (volumePerDay: number) => Pick<Design, "alarms" | "pauseTriggers">;
}

export interface GridSeed {
    seed: number;
    floorSeconds?: number;
    delaySeconds?: number;
    firstAlarm?: string;
    falseAlarms: number;
    /** Which alarms fired falsely, and when (ISO). */
    falseAlarmTimes: { alarm: string; time: string }[];
    /** Auto-pause would have stopped the set outside a bounce incident (a false pause). */
    falsePause: boolean;
    /** In a bounce incident: auto-pause's first trigger after the onset, within the incident's window (undefined: no pause there). */
    pauseDelaySeconds?: number;
}

export interface GridCell {
    design: string;
    traffic: string;
    volumePerDay: number;
    scenario: string;
    measure?: string;
    seeds: GridSeed[];
}

export interface GridOptions {
    designs: Design[];
    models: TrafficModel[];
    volumes: number[];
    scenarios: string[];
    seeds: number[];
    configurationSet: string;
    progress?: (line: string) => void;
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace(":00.000Z", "Z");

export function runGrid(options: GridOptions): GridCell[] {
    const cells: GridCell[] = [];
    for (const model of options.models) {
        for (const volume of options.volumes) {
            const designs = options.designs.map((d) => (d.at ? { ...d, ...d.at(volume) } : d));
            for (const scenario of options.scenarios) {
                const byDesign = new Map<string, GridCell>(designs.map((d) => [d.name, { design: d.name, traffic: model.name, volumePerDay: volume, scenario, seeds: [] }]));
                for (const seed of options.seeds) {
                    const trace = generateTrace(scenario, volume, seed, undefined, model);
                    const floorSeconds = detectabilityFloor(trace);
                    const source = metricSourceFrom(traceMetrics(trace, options.configurationSet));
                    const cache = new MinuteCache(trace.start, (trace.end - trace.start) / 60);
                    for (const design of designs) {
                        const scores = design.alarms.map((spec) => {
                            const evaluation = evaluateAlarm(spec, source, { start: trace.start, end: trace.end, cache });
                            return scoreAlarm(evaluation, spec as AlarmSpec & { measure: RateMetric }, design.name, trace);
                        });
                        const group = scoreGroup(design.name, scores);
                        const falseAlarmTimes: GridSeed["falseAlarmTimes"] = [];
                        const truth = trace.truth;
                        for (const s of scores) {
                            for (const t of s.alarmTimes) {
                                const inWindow = s.applicable && truth !== undefined && t >= truth.start && t <= truth.end + DETECTION_GRACE_SECONDS;
                                if (!inWindow) falseAlarmTimes.push({ alarm: s.alarm, time: iso(t) });
                            }
                        }
                        // The first trigger of a pause in the scored window, false unless inside a bounce incident's window.
                        const triggers = scores.filter((s) => design.pauseTriggers.includes(s.alarm)).flatMap((s) => s.alarmTimes).sort((a, b) => a - b);
                        const firstPause = triggers[0];
                        const pausedInIncident = firstPause !== undefined
                            && truth?.measure === "bounceRate" && firstPause >= truth.start && firstPause <= truth.end + DETECTION_GRACE_SECONDS;
                        const falsePause = firstPause !== undefined && !pausedInIncident;
                        byDesign.get(design.name)!.seeds.push({
                            seed,
                            floorSeconds,
                            delaySeconds: group.applicable ? group.delaySeconds : undefined,
                            firstAlarm: group.firstAlarm,
                            falseAlarms: falseAlarmTimes.length,
                            falseAlarmTimes,
                            falsePause,
                            ...(pausedInIncident ? { pauseDelaySeconds: firstPause - truth!.start } : {}),
                        });
                    }
                    if (byDesign.size > 0) byDesign.forEach((c) => (c.measure = trace.truth?.measure));
                }
                cells.push(...byDesign.values());
                options.progress?.(`${model.name} ${volume}/day ${scenario}: done`);
            }
        }
    }
    return cells;
}

export interface CellSummary {
    design: string;
    traffic: string;
    volumePerDay: number;
    scenario: string;
    seeds: number;
    falseAlarms: number;
    falsePauses: number;
    /** Bounce incidents only: seeds auto-pause stopped within the incident's window, and the median delay of those pauses. */
    pauses?: number;
    medianPauseSeconds?: number;
    /** Incident scenarios only. */
    missed?: number;
    medianDelaySeconds?: number;
    worstDelaySeconds?: number;
    medianFloorSeconds?: number;
    /** Median and worst of delay / floor over the seeds (a miss counts as worse than any ratio). */
    medianRatio?: number;
    worstRatio?: number;
}

/** The median of a sorted list, Infinity standing for a miss (the lower median for an even count, as the scoring's). */
function lowerMedian(sorted: number[]): number {
    return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function summarizeCell(cell: GridCell): CellSummary {
    const incident = cell.measure !== undefined;
    const out: CellSummary = {
        design: cell.design,
        traffic: cell.traffic,
        volumePerDay: cell.volumePerDay,
        scenario: cell.scenario,
        seeds: cell.seeds.length,
        falseAlarms: cell.seeds.reduce((a, s) => a + s.falseAlarms, 0),
        falsePauses: cell.seeds.filter((s) => s.falsePause).length,
    };
    if (!incident || cell.seeds.length === 0) return out;
    if (cell.measure === "bounceRate") {
        const pauses = cell.seeds.map((s) => s.pauseDelaySeconds).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
        out.pauses = pauses.length;
        if (pauses.length > 0) out.medianPauseSeconds = lowerMedian(pauses);
    }
    const delays = cell.seeds.map((s) => s.delaySeconds ?? Infinity).sort((a, b) => a - b);
    const ratios = cell.seeds.map((s) => floorRatio(s.delaySeconds, s.floorSeconds) ?? Infinity).sort((a, b) => a - b);
    const floors = cell.seeds.map((s) => s.floorSeconds ?? Infinity).sort((a, b) => a - b);
    const finite = (n: number) => (Number.isFinite(n) ? n : undefined);
    out.missed = delays.filter((d) => d === Infinity).length;
    out.medianDelaySeconds = finite(lowerMedian(delays));
    out.worstDelaySeconds = finite(delays[delays.length - 1]);
    out.medianFloorSeconds = finite(lowerMedian(floors));
    out.medianRatio = finite(lowerMedian(ratios));
    out.worstRatio = finite(ratios[ratios.length - 1]);
    return out;
}
