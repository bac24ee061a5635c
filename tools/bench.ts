/**
 * `npm run bench -- [--sets 10,100,1000] [--runs 1] [--no-floor] [--no-preview] [--traffic]`
 *
 * Measures the offline plan at scale. For each number of configuration sets it writes the generated
 * stack Pulumi.bench<N>.yaml (tools/benchStack.ts), plans it in a child process (tools/bench/run.ts,
 * the same work as `npm run plan`), and registers the same resources in other child processes: as
 * plain resources (the floor) and with @pulumi/aws's classes (the SDK floor); see tools/bench/run.ts. Each child's wall time runs from spawn to exit (Node and ts-node start-up
 * included, npm's excluded); its peak memory is the child's maxRSS. With --runs K each is measured K
 * times and the median shown. Prints a table and the ratio time(largest) / time(10x fewer sets).
 * The plan draws the dashboard's picture as `npm run plan` does (its own column); --no-preview
 * plans without it. --traffic gives every set a traffic profile (tools/benchStack.ts), so the plan
 * computes what each alarm can see of it (the coverage column; next to nothing without a profile).
 * A benchmark, not a test: the numbers depend on the machine and its load.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { writeBenchStack } from "./benchStack";
import type { RunResult } from "./bench/run";

const ROOT = path.resolve(__dirname, "..");

interface Measured {
    wallMs: number;
    result: RunResult;
}

function child(args: string[]): Measured {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["-r", "ts-node/register", path.join(__dirname, "bench", "run.ts"), ...args], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`bench run ${args.join(" ")} failed (exit ${run.status ?? run.signal}):\n${run.stderr}`);
    const line = run.stdout.trim().split("\n").pop()!;
    return { wallMs, result: JSON.parse(line) };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (kb: number) => `${Math.round(kb / 1024)} MB`;
const size = (bytes: number | undefined) => (bytes === undefined ? "-" : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`);

export interface BenchRow {
    sets: number;
    resources: number;
    wallMs: number;
    maxRssKb: number;
    programMs: number;
    policiesMs: number;
    /** What each alarm can see of the traffic profile (--traffic). */
    coverageMs: number;
    reportMs: number;
    /** Drawing dashboard.svg and .png; undefined with --no-preview. */
    previewMs?: number;
    /** The plain floor (floorMs) and the floor with the SDK's classes (sdkFloorMs): in-process registration time. */
    floorMs?: number;
    floorMaxRssKb?: number;
    sdkFloorMs?: number;
    sdkFloorMaxRssKb?: number;
    files: Record<string, number>;
}

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
    return [line(headers), `| ${widths.map((w, c) => (c === 0 ? "-".repeat(w) : "-".repeat(w - 1) + ":")).join(" | ")} |`, ...rows.map(line)].join("\n");
}

export function renderBench(rows: BenchRow[]): string {
    const out: string[] = [];
    out.push(table(
        ["sets", "resources", "plan wall", "plan peak RSS", "program", "policies", "coverage", "report", "picture", "floor", "floor peak RSS", "program / floor", "SDK floor", "SDK floor peak RSS", "program / SDK floor"],
        rows.map((r) => [
            String(r.sets), r.resources.toLocaleString("en-US"), seconds(r.wallMs), megabytes(r.maxRssKb), seconds(r.programMs), seconds(r.policiesMs), seconds(r.coverageMs), seconds(r.reportMs),
            r.previewMs === undefined ? "-" : seconds(r.previewMs),
            r.floorMs === undefined ? "-" : seconds(r.floorMs), r.floorMaxRssKb === undefined ? "-" : megabytes(r.floorMaxRssKb),
            r.floorMs === undefined ? "-" : (r.programMs / r.floorMs).toFixed(1),
            r.sdkFloorMs === undefined ? "-" : seconds(r.sdkFloorMs), r.sdkFloorMaxRssKb === undefined ? "-" : megabytes(r.sdkFloorMaxRssKb),
            r.sdkFloorMs === undefined ? "-" : (r.programMs / r.sdkFloorMs).toFixed(1),
        ]),
    ));
    out.push("", table(["sets", "plan text", "plan.json", "dashboard.json", "dashboard.svg", "dashboard.png"],
        rows.map((r) => [String(r.sets), size(r.files["plan text"]), size(r.files["plan.json"]), size(r.files["dashboard.json"]), size(r.files["dashboard.svg"]), size(r.files["dashboard.png"])])));
    for (const r of rows) {
        const base = rows.find((b) => b.sets * 10 === r.sets);
        if (base) out.push("", `time(${r.sets}) / time(${base.sets}) = ${(r.wallMs / base.wallMs).toFixed(1)} (plan wall); program alone ${(r.programMs / base.programMs).toFixed(1)}`);
    }
    return out.join("\n");
}

async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: { sets: { type: "string", default: "10,100,1000" }, runs: { type: "string", default: "1" }, "no-floor": { type: "boolean", default: false }, "no-preview": { type: "boolean", default: false }, traffic: { type: "boolean", default: false } },
        strict: true,
    });
    const counts = values.sets!.split(",").map(Number);
    const runs = Number(values.runs);
    if (counts.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) throw new Error("usage: npm run bench -- [--sets 10,100,1000] [--runs 1] [--no-floor] [--no-preview] [--traffic]");
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ses-monitoring-bench-"));
    process.stdout.write(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at start; plan outputs in ${work}\n`);
    const rows: BenchRow[] = [];
    for (const sets of counts) {
        const stack = writeBenchStack(ROOT, sets, { traffic: values.traffic });
        const resourcesFile = path.join(work, `${stack}.resources.json`);
        const plans: Measured[] = [];
        const floors: Measured[] = [];
        const sdkFloors: Measured[] = [];
        for (let i = 0; i < runs; i++) {
            plans.push(child(["plan", stack, path.join(work, stack), resourcesFile, ...(values["no-preview"] ? ["--no-preview"] : [])]));
            process.stderr.write(`${stack} plan: ${seconds(plans[i].wallMs)}, ${megabytes(plans[i].result.maxRssKb)}\n`);
            if (!values["no-floor"]) {
                floors.push(child(["floor", resourcesFile]));
                process.stderr.write(`${stack} floor: ${seconds(floors[i].result.totalMs)}, ${megabytes(floors[i].result.maxRssKb)}\n`);
                sdkFloors.push(child(["sdk-floor", resourcesFile]));
                process.stderr.write(`${stack} SDK floor: ${seconds(sdkFloors[i].result.totalMs)}, ${megabytes(sdkFloors[i].result.maxRssKb)}\n`);
            }
        }
        const last = plans[plans.length - 1].result;
        rows.push({
            sets,
            resources: last.resources,
            wallMs: median(plans.map((p) => p.wallMs)),
            maxRssKb: median(plans.map((p) => p.result.maxRssKb)),
            programMs: median(plans.map((p) => p.result.stages.program ?? 0)),
            policiesMs: median(plans.map((p) => p.result.stages.policies ?? 0)),
            coverageMs: median(plans.map((p) => p.result.stages.coverage ?? 0)),
            reportMs: median(plans.map((p) => (p.result.stages.report ?? 0) + (p.result.stages.write ?? 0))),
            previewMs: values["no-preview"] ? undefined : median(plans.map((p) => p.result.stages.preview ?? 0)),
            ...(floors.length ? {
                floorMs: median(floors.map((f) => f.result.totalMs)),
                floorMaxRssKb: median(floors.map((f) => f.result.maxRssKb)),
                sdkFloorMs: median(sdkFloors.map((f) => f.result.totalMs)),
                sdkFloorMaxRssKb: median(sdkFloors.map((f) => f.result.maxRssKb)),
            } : {}),
            files: last.files ?? {},
        });
    }
    process.stdout.write(`${renderBench(rows)}\n\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end\n`);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((err) => {
        process.stderr.write(`bench failed: ${err?.message ?? err}\n`);
        process.exit(1);
    });
}
