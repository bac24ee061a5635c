/**
 * `npm run test:mutation [-- <slice>...] [--concurrency N] [--check] [--lines <file:start-end>...]`:
 * runs StrykerJS over each slice (tools/mutation/slices.ts; all when none is named), one after the
 * other, then prints each module's score and the surviving mutants that equivalent-mutants.json
 * does not explain, and fails when a module scores more than 2 points below the score
 * docs/testing.md records for it. `--check` skips Stryker and checks the reports of the last run
 * (reports/mutation/<slice>.json). `--lines` (one slice) runs only the mutants within those lines
 * (Stryker's `file:start-end`) and puts their results into the slice's last full report, for
 * checking the tests written against that run's survivors without running the whole slice again.
 * Not part of `npm test`: a full run takes minutes per slice.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { SLICES, sliceNamed, MutationSlice } from "./slices";
import { EquivalentMutant, mergeLineRun, ModuleScore, moduleScores, MutationReport, recordedScores, regressions } from "./score";

const ROOT = path.resolve(__dirname, "../..");
const REPORTS = path.join(ROOT, "reports", "mutation");
const EQUIVALENTS = path.join(__dirname, "equivalent-mutants.json");
const SCORES_DOC = path.join(ROOT, "docs", "testing.md");

/** The Stryker configuration of one slice: mocha with ts-node, per-test coverage. */
export function strykerConfig(slice: MutationSlice, concurrency: number) {
    return {
        $schema: "../../node_modules/@stryker-mutator/core/schema/stryker-schema.json",
        packageManager: "npm",
        testRunner: "mocha",
        plugins: ["@stryker-mutator/mocha-runner"],
        coverageAnalysis: "perTest",
        mutate: slice.mutate,
        mochaOptions: { spec: slice.tests, require: ["ts-node/register"], extension: ["ts"], "no-config": true, "no-package": true },
        concurrency,
        timeoutMS: 20_000,
        reporters: ["json", "clear-text", "progress"],
        jsonReporter: { fileName: path.relative(ROOT, reportPath(slice)) },
        clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
        tempDirName: `.stryker-tmp/${slice.name}`,
        cleanTempDir: true,
        ignorePatterns: ["/dist", "/reports", "/backtest", "/plan", "/scratch", "/policy/bin", "/policy/node_modules", "/examples/*/node_modules", "/.stryker-tmp"],
        disableTypeChecks: "{components,tools,policy,tests}/**/*.ts",
    };
}

function reportPath(slice: MutationSlice): string {
    return path.join(REPORTS, `${slice.name}.json`);
}

function linesReportPath(slice: MutationSlice): string {
    return path.join(REPORTS, `${slice.name}.lines.json`);
}

function runStryker(slice: MutationSlice, concurrency: number, lines: string[] = []): void {
    fs.mkdirSync(REPORTS, { recursive: true });
    const configFile = path.join(REPORTS, `${slice.name}${lines.length > 0 ? ".lines" : ""}.stryker.conf.json`);
    const config = strykerConfig(slice, concurrency);
    if (lines.length > 0) {
        // Only these lines, into a report of their own, in a sandbox of their own.
        config.mutate = lines;
        config.jsonReporter = { fileName: path.relative(ROOT, linesReportPath(slice)) };
        config.tempDirName = `.stryker-tmp/${slice.name}-lines`;
    }
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const started = Date.now();
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "stryker"), ["run", configFile], {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
    });
    console.log(`slice ${slice.name}: Stryker exited ${result.status} after ${Math.round((Date.now() - started) / 1000)} s`);
    if (result.status !== 0) throw new Error(`slice ${slice.name}: Stryker failed (exit ${result.status})`);
}

function table(scores: ModuleScore[]): string {
    const rows = scores.map((s) => `| \`${s.file}\` | ${s.score} % | ${s.strykerScore} % | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.equivalent} |`);
    return [
        "| module | score | Stryker's score (equivalent mutants as survivors) | killed | timeout | survived | no coverage | equivalent |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...rows,
    ].join("\n");
}

function main(argv: string[]): number {
    let concurrency = 2;
    let checkOnly = false;
    const names: string[] = [];
    const lines: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--concurrency") concurrency = Number(argv[++i]);
        else if (argv[i] === "--check") checkOnly = true;
        else if (argv[i] === "--lines") lines.push(argv[++i]);
        else names.push(argv[i]);
    }
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a whole number of at least 1`);
    const slices = names.length > 0 ? names.map(sliceNamed) : SLICES;
    if (lines.length > 0) {
        if (slices.length !== 1 || checkOnly) throw new Error("--lines takes exactly one slice, and runs it (not with --check)");
        const slice = slices[0];
        for (const l of lines) {
            if (!/^[^:]+\.ts:\d+-\d+$/.test(l) || !slice.mutate.includes(l.split(":")[0])) throw new Error(`--lines ${l}: give <file>:<start>-<end> of a module the ${slice.name} slice mutates`);
        }
        if (!fs.existsSync(reportPath(slice))) throw new Error(`slice ${slice.name}: no full report to put the lines' results in; run the slice first`);
        runStryker(slice, concurrency, lines);
        const merged = mergeLineRun(JSON.parse(fs.readFileSync(reportPath(slice), "utf8")), JSON.parse(fs.readFileSync(linesReportPath(slice), "utf8")));
        fs.writeFileSync(reportPath(slice), JSON.stringify(merged.report));
        console.log(`slice ${slice.name}: ${merged.changed} mutant(s) of those lines changed status`);
        checkOnly = true;
    }
    const equivalents: EquivalentMutant[] = JSON.parse(fs.readFileSync(EQUIVALENTS, "utf8"));
    const scores: ModuleScore[] = [];
    for (const slice of slices) {
        if (!checkOnly) runStryker(slice, concurrency);
        else if (!fs.existsSync(reportPath(slice))) {
            console.log(`slice ${slice.name}: no report (not run yet)`);
            continue;
        }
        const report: MutationReport = JSON.parse(fs.readFileSync(reportPath(slice), "utf8"));
        scores.push(...moduleScores(report, equivalents));
    }
    console.log(`\n${table(scores)}\n`);
    for (const s of scores) {
        for (const u of s.unexplained) console.log(`unexplained ${u.status}: ${u.file}:${u.line} ${u.mutator} ${JSON.stringify(u.original)} -> ${JSON.stringify(u.replacement)} in ${JSON.stringify(u.lineText.trim())}`);
    }
    const failures = regressions(scores, recordedScores(fs.readFileSync(SCORES_DOC, "utf8")));
    for (const f of failures) console.error(f);
    return failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
    try {
        process.exitCode = main(process.argv.slice(2));
    } catch (e) {
        console.error((e as Error).message);
        process.exitCode = 1;
    }
}
