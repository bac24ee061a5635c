/**
 * `npm run plan -- [--stack dev] [--out DIR] [--json] [--project-dir DIR] [--compare OLD/plan.json] [--profile FILE]`
 *
 * Runs the stack's program in-process under Pulumi mocks (no Pulumi CLI, no cloud account) and
 * reports what it would create: the resource tree, the alarms, the monthly cost and the
 * policy pack's verdicts, and, for the stack's traffic profile (`--profile FILE` or the stack file's
 * `ses-monitoring:traffic`), what each alarm can see of it (tools/plan/coverage.ts). Writes
 * plan.json and dashboard.json under --out (default plan/<stack>/), the dashboard as a picture
 * (dashboard.svg, dashboard.png where a font is found) filled with a replayed day of traffic
 * (tools/plan/writePreview.ts; --no-preview skips it), and, with a profile, coverage.svg.
 * With --compare, also lists what the change from that earlier plan of the stack would replace or
 * delete (docs/operations.md). Exit codes: 0 fine, 1 a mandatory policy is violated, 2 bad input
 * (the config, a stack file, an option, the --out directory or the --compare file), each refused
 * with one line; 3 an unexpected failure.
 */
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import { parseArgs } from "util";
import { runPolicies } from "../policy/harness";
import { policies } from "../policy/policies";
import { comparedResources, compareResources, plannedResources, renderComparison } from "./plan/compare";
import { estimateCost } from "./plan/cost";
import { stackCoverage } from "./plan/coverage";
import { writeCoverageChart } from "./plan/coverageChart";
import { ProfileError } from "./profiles";
import { alarmRows, countsByType, Plan, planNotes, renderPlan, resourceTree } from "./plan/report";
import type { PlannedResource } from "./plan/compare";
import type { RegisteredResource } from "./pulumiMocks";
import { loadStackConfig, runStack, StackFileError } from "./stack";
import { PREVIEW_FLAGS, PREVIEW_USAGE, previewOptionsFrom, writeStackPreview } from "./plan/writePreview";
import { SesMonitoringArgsError } from "../components";

export const EXIT = { ok: 0, mandatoryViolation: 1, invalidConfig: 2, failure: 3 } as const;

export class ConfigError extends Error {}

/** An option or a file given to the command that cannot be used: one line, exit 2 (`EXIT.invalidConfig`). */
export class InputError extends Error {}

/**
 * Makes the --out directory, one level at a time, and proves it writable before anything is
 * planned: an existing file, a path under a file, a directory without permission or a path in a
 * pseudo file system is refused with one line. (Node's recursive mkdir never returns for a path
 * under /proc, so it is not used.)
 */
export function prepareOutDir(out: string): string {
    if (out.trim() === "") throw new InputError(`--out ${JSON.stringify(out)}: is empty: give the directory to write plan.json into`);
    const dir = path.resolve(out);
    const missing: string[] = [];
    let existing = dir;
    for (;;) {
        let stat: fs.Stats | undefined;
        try {
            stat = fs.statSync(existing);
        } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            // ENOTDIR: a level above is a file; walking up finds it and names it.
            if (code !== "ENOENT" && code !== "ENOTDIR") throw new InputError(`--out ${out}: cannot be read (${code})`);
        }
        if (stat !== undefined) {
            if (!stat.isDirectory()) {
                throw new InputError(existing === dir ? `--out ${out}: exists and is not a directory (EEXIST)` : `--out ${out}: is under ${existing}, a file, not a directory (ENOTDIR)`);
            }
            break;
        }
        missing.unshift(existing);
        const parent = path.dirname(existing);
        if (parent === existing) break;
        existing = parent;
    }
    try {
        for (const level of missing) fs.mkdirSync(level);
        fs.accessSync(dir, fs.constants.W_OK);
        // Root passes access checks everywhere: write a probe to be sure the directory takes files.
        const probe = path.join(dir, `.plan-write-check-${process.pid}`);
        fs.writeFileSync(probe, "");
        fs.unlinkSync(probe);
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new InputError(`--out ${out}: cannot write there (${e.code ?? e.message})`);
    }
    return dir;
}

export interface PlanResult {
    plan: Plan;
    dashboardBody?: unknown;
    /** What the program registered, as the plan read it. */
    resources: RegisteredResource[];
}

/** Milliseconds each stage of a plan took (filled in by `buildPlan` when given; `npm run bench` reads it). */
export interface PlanTimings {
    program?: number;
    policies?: number;
    /** What each alarm can see of the stack's traffic profile (about nothing without one). */
    coverage?: number;
    report?: number;
}

/** Builds the plan of one stack. Throws ConfigError (exit 2) for a missing or invalid config. */
export async function buildPlan(projectDir: string, stack: string, timings: PlanTimings = {}, options: { profile?: string } = {}): Promise<PlanResult> {
    let run: Awaited<ReturnType<typeof runStack>>;
    let started = Date.now();
    try {
        run = await runStack(projectDir, stack);
    } catch (err) {
        throw asConfigError(err, projectDir, stack) ?? err;
    }
    timings.program = Date.now() - started;
    const { resources, config } = run;
    started = Date.now();
    const violations = await runPolicies(resources);
    timings.policies = Date.now() - started;
    started = Date.now();
    const coverage = coverageOf(config, options.profile, stack);
    timings.coverage = Date.now() - started;
    started = Date.now();
    const dashboard = resources.find((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
    const plan: Plan = {
        stack,
        project: config.project,
        resources: { total: resources.length, countsByType: countsByType(resources), tree: resourceTree(resources), list: plannedResources(resources) },
        alarms: alarmRows(resources),
        cost: estimateCost(resources),
        coverage,
        policy: {
            policies: policies.map((p) => p.name),
            mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory").length,
            advisoryViolations: violations.filter((v) => v.enforcementLevel === "advisory").length,
            violations: violations.map((v) => ({ policyName: v.policyName, enforcementLevel: v.enforcementLevel, message: v.message, urn: v.urn })),
        },
        notes: planNotes(resources),
    };
    const body = dashboard?.inputs.dashboardBody;
    const dashboardBody = typeof body === "string" ? JSON.parse(body) : undefined;
    timings.report = Date.now() - started;
    return { plan, dashboardBody, resources };
}

/** The stack's coverage; undefined for a project whose program is not this one (its config gives no args). */
function coverageOf(config: Parameters<typeof stackCoverage>[0], profile: string | undefined, stack: string) {
    if (config.config[`${config.project}:configurationSets`] === undefined) return undefined;
    try {
        return stackCoverage(config, profile);
    } catch (err) {
        if (err instanceof ProfileError) throw new ConfigError(`invalid traffic profile for stack ${stack}:\n${err.problems.map((p) => `  ${p}`).join("\n")}`);
        throw err;
    }
}

/** Writes plan.json and, with a dashboard, dashboard.json under `outDir`; returns the files written. */
export function writePlanFiles(outDir: string, { plan, dashboardBody }: PlanResult): string[] {
    prepareOutDir(outDir);
    const files = [path.join(outDir, "plan.json")];
    fs.writeFileSync(files[0], JSON.stringify(plan, null, 2) + "\n");
    if (dashboardBody !== undefined) {
        files.push(path.join(outDir, "dashboard.json"));
        fs.writeFileSync(files[1], JSON.stringify(dashboardBody, null, 2) + "\n");
    }
    return files;
}

/** Config problems: the stack file is missing or not YAML, or SesMonitoring refused the args. */
function asConfigError(err: unknown, projectDir: string, stack: string): ConfigError | undefined {
    if (err instanceof SesMonitoringArgsError) {
        // Issue paths start with the args field, which is also the config key.
        const project = loadStackConfig(projectDir, stack).project;
        return new ConfigError(`invalid config for stack ${stack}:\n${err.issues.map((i) => `  ${project}:${i.path}: ${i.message}`).join("\n")}`);
    }
    if (err instanceof StackFileError) return new ConfigError(`invalid config for stack ${stack}:\n${err.message.split("\n").map((l) => `  ${l}`).join("\n")}`);
    return undefined;
}

/** The project's name, as the stack's config gives it (a stack file that cannot be read is a ConfigError). */
function projectName(projectDir: string, stack: string): string {
    try {
        return loadStackConfig(projectDir, stack).project;
    } catch (err) {
        throw asConfigError(err, projectDir, stack) ?? err;
    }
}

/** The resources of an earlier plan.json of the same project and stack, for --compare. */
function readComparedPlan(file: string, project: string, stack: string): PlannedResource[] {
    let old: unknown;
    try {
        old = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new Error(`--compare ${file}: not a readable plan.json (${(err as Error).message.split("\n")[0]})`);
    }
    return comparedResources(old, file, { project, stack });
}

export interface CliIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

export async function main(argv: string[], io: CliIO = { stdout: (t) => process.stdout.write(t + "\n"), stderr: (t) => process.stderr.write(t + "\n") }): Promise<number> {
    let options: { stack: string; out?: string; json: boolean; "project-dir": string; compare?: string; profile?: string } & Parameters<typeof previewOptionsFrom>[0];
    try {
        const parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", default: "dev" },
                out: { type: "string" },
                json: { type: "boolean", default: false },
                "project-dir": { type: "string", default: path.resolve(__dirname, "..") },
                compare: { type: "string" },
                ...PREVIEW_FLAGS,
                profile: { type: "string" },
            },
            strict: true,
            allowPositionals: false,
        });
        options = parsed.values as typeof options;
    } catch (err) {
        io.stderr(`plan: ${(err as Error).message.split("\n")[0]} (usage: npm run plan -- [--stack dev] [--out DIR] [--json] [--project-dir DIR] [--compare OLD/plan.json] [--profile FILE] ${PREVIEW_USAGE})`);
        return EXIT.invalidConfig;
    }
    try {
        const projectDir = path.resolve(options["project-dir"]);
        const outDir = prepareOutDir(options.out ?? path.join(projectDir, "plan", options.stack));
        // Read before planning: the old plan may be the one this run overwrites.
        const before = options.compare === undefined ? undefined : readComparedPlan(options.compare, projectName(projectDir, options.stack), options.stack);
        const preview = previewOptionsFrom(options);
        const result = await buildPlan(projectDir, options.stack, {}, { profile: options.profile });
        const { plan, dashboardBody } = result;
        writePlanFiles(outDir, result);
        const pictures = preview && await writeStackPreview(projectDir, options.stack, result, outDir, preview);
        const coverageChart = await writeCoverageChart(outDir, options.stack, plan.coverage);
        if (options.json) {
            io.stdout(JSON.stringify(plan, null, 2));
            // stdout stays one JSON document: the comparison goes to stderr.
            if (before !== undefined) io.stderr(renderComparison(compareResources(before, plan.resources.list), options.compare!));
        } else {
            io.stdout(renderPlan(plan));
            if (before !== undefined) io.stdout(`\n${renderComparison(compareResources(before, plan.resources.list), options.compare!)}`);
            const drawn = pictures ? `, ${[pictures.svg, pictures.png].filter((f) => f !== undefined).map((f) => path.basename(f!)).join(" and ")}${pictures.pngSkipped ? ` (no PNG: ${pictures.pngSkipped})` : ""}` : "";
            io.stdout(`\nwrote ${path.relative(process.cwd(), path.join(outDir, "plan.json")) || "plan.json"}${dashboardBody !== undefined ? ` and dashboard.json${drawn}` : ""}${coverageChart ? `; ${path.basename(coverageChart)}` : ""}`);
        }
        return plan.policy.mandatoryViolations > 0 ? EXIT.mandatoryViolation : EXIT.ok;
    } catch (err) {
        if (err instanceof ConfigError) {
            io.stderr(err.message);
            return EXIT.invalidConfig;
        }
        if (err instanceof InputError || (err instanceof Error && (err.message.startsWith("--compare ") || err.message.startsWith("--preview-")))) {
            io.stderr(`plan: ${err.message}`);
            return EXIT.invalidConfig;
        }
        io.stderr(`plan failed: ${(err as Error)?.stack ?? err}`);
        return EXIT.failure;
    }
}

/**
 * Keeps the plan's heap near what it holds. Before collecting again, V8 lets its heap grow past
 * what survived the last full collection by a factor it chooses from the collector's speed (up to
 * 4); a large plan makes garbage fast, so the default let a 1,000-set plan reach 1.6 GB while
 * holding under 0.7 GB (it completes with a 700 MB heap limit). Growing by at most 100 %
 * costs more collections (docs/scale.md has both measured) and, unlike a fixed heap limit,
 * never refuses a larger stack. For the command-line entries only (the plan and the bench's runs).
 */
export function boundHeapGrowth(): void {
    v8.setFlagsFromString("--heap-growing-percent=100");
}

if (require.main === module) {
    boundHeapGrowth();
    main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
        process.stderr.write(`plan failed: ${err?.stack ?? err}\n`);
        process.exit(EXIT.failure);
    });
}
