/**
 * One measured run of `npm run bench`, in its own process so that its peak memory is its own:
 *
 * - `plan STACK OUT RESOURCES [--no-preview]`: the offline plan of STACK, as `npm run plan` makes it
 *   (program under mocks, policy pack, report and cost, plan.json and dashboard.json under OUT, the
 *   text rendered, and the dashboard's picture unless --no-preview). Also writes what the program
 *   registered to RESOURCES, for the floor.
 * - `floor RESOURCES`: the floor. The same resources (same types, names and inputs) registered as
 *   plain `pulumi.CustomResource`s in one flat loop under the same mocks: what Pulumi's runtime and
 *   the mocks cost for that many resources, without the component's own work (its specs, outputs,
 *   applies, dependencies and the provider SDK's classes).
 * - `sdk-floor RESOURCES`: the same, each resource of an `aws:` type made with its @pulumi/aws class
 *   (which declares an output for every property the provider returns, 20 to 40 a resource): what
 *   any program creating these resources pays, before the component's own work.
 *
 * Prints one JSON line: timings in ms, peak resident memory (process.resourceUsage().maxRSS, KB),
 * the resource count and the plan's file sizes.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { boundHeapGrowth, buildPlan, PlanTimings, writePlanFiles } from "../plan";
import { renderPlan } from "../plan/report";
import { PREVIEW_DEFAULTS } from "../plan/previewTraffic";
import { writeStackPreview } from "../plan/writePreview";
import { RegisteredResource, runUnderMocks } from "../pulumiMocks";

export interface RunResult {
    mode: "plan" | "floor" | "sdk-floor";
    resources: number;
    /** In-process time of the measured work (the plan: every stage; the floor: the registrations). */
    totalMs: number;
    stages: PlanTimings & { write?: number; preview?: number };
    maxRssKb: number;
    files?: Record<string, number>;
}

async function plan(stack: string, outDir: string, resourcesFile: string, withPreview: boolean): Promise<RunResult> {
    const started = Date.now();
    const stages: RunResult["stages"] = {};
    const projectDir = path.resolve(__dirname, "..", "..");
    const result = await buildPlan(projectDir, stack, stages);
    const writing = Date.now();
    const text = renderPlan(result.plan);
    const files = writePlanFiles(outDir, result);
    stages.write = Date.now() - writing;
    if (withPreview) {
        const drawing = Date.now();
        const pictures = await writeStackPreview(projectDir, stack, result, outDir, PREVIEW_DEFAULTS);
        if (pictures) files.push(...[pictures.svg, pictures.png].filter((f): f is string => f !== undefined));
        stages.preview = Date.now() - drawing;
    }
    const totalMs = Date.now() - started;
    const maxRssKb = process.resourceUsage().maxRSS;
    // After the measurement: the floor registers exactly these.
    fs.writeFileSync(resourcesFile, JSON.stringify(result.resources.map(({ type, name, inputs }) => ({ type, name, inputs }))));
    return {
        mode: "plan",
        resources: result.resources.length,
        totalMs,
        stages,
        maxRssKb,
        files: Object.fromEntries([["plan text", Buffer.byteLength(text)], ...files.map((f) => [path.basename(f), fs.statSync(f).size])]),
    };
}

/** A resource with no behaviour of its own: `pulumi.CustomResource` is abstract in the SDK's types only. */
class PlainResource extends pulumi.CustomResource {
    constructor(type: string, name: string, inputs: Record<string, unknown>) {
        super(type, name, inputs);
    }
}

type ResourceClass = new (name: string, args: Record<string, unknown>) => pulumi.Resource;

/** The @pulumi/aws class of a type token (`aws:cloudwatch/metricAlarm:MetricAlarm` -> aws.cloudwatch.MetricAlarm), if any. */
function awsClass(type: string): ResourceClass | undefined {
    const match = /^aws:([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
    if (!match) return undefined;
    const aws = require("@pulumi/aws");
    const cls = aws[match[1]]?.[match[2]];
    return typeof cls === "function" ? cls : undefined;
}

async function floor(resourcesFile: string, withSdkClasses: boolean): Promise<RunResult> {
    const recorded: Pick<RegisteredResource, "type" | "name" | "inputs">[] = JSON.parse(fs.readFileSync(resourcesFile, "utf8"));
    const classes = new Map(recorded.map((r) => [r.type, withSdkClasses ? awsClass(r.type) : undefined]));
    const started = Date.now();
    const registered = await runUnderMocks(() => {
        for (const r of recorded) {
            const cls = classes.get(r.type);
            if (cls) new cls(r.name, r.inputs);
            else new PlainResource(r.type, r.name, r.inputs);
        }
    });
    const totalMs = Date.now() - started;
    return { mode: withSdkClasses ? "sdk-floor" : "floor", resources: registered.length, totalMs, stages: { program: totalMs }, maxRssKb: process.resourceUsage().maxRSS };
}

async function main(argv: string[]): Promise<RunResult> {
    const [mode, ...rest] = argv;
    if (mode === "plan" && (rest.length === 3 || (rest.length === 4 && rest[3] === "--no-preview"))) return plan(rest[0], rest[1], rest[2], rest.length === 3);
    if ((mode === "floor" || mode === "sdk-floor") && rest.length === 1) return floor(rest[0], mode === "sdk-floor");
    throw new Error("usage: tools/bench/run.ts plan STACK OUT RESOURCES [--no-preview] | floor RESOURCES | sdk-floor RESOURCES");
}

// As `npm run plan` runs (the floors too, so that they compare).
boundHeapGrowth();
main(process.argv.slice(2)).then(
    (result) => {
        process.stdout.write(JSON.stringify(result) + "\n");
        process.exit(0);
    },
    (err) => {
        process.stderr.write(`${err?.stack ?? err}\n`);
        process.exit(1);
    },
);
