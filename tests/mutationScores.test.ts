import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SLICES } from "../tools/mutation/slices";
import { EquivalentMutant, mergeLineRun, moduleScores, MutationReport, originalText, recordedScores, regressions } from "../tools/mutation/score";

const ROOT = path.resolve(__dirname, "..");

/** A report of one file `f.ts` whose source is `source`, with mutants given as [line, start column, end column, status, replacement]. */
function report(source: string, mutants: [number, number, number, string, string][]): MutationReport {
    return {
        files: {
            "f.ts": {
                source,
                mutants: mutants.map(([line, start, end, status, replacement], i) => ({
                    id: String(i), mutatorName: "EqualityOperator", replacement, status,
                    location: { start: { line, column: start }, end: { line, column: end } },
                })),
            },
        },
    };
}

describe("mutation scores and their check", () => {
    const source = "if (a >= b) x();\nreturn a < b;";

    it("scores detected over detected and undetected, leaving out errors and ignored mutants", () => {
        const [s] = moduleScores(report(source, [
            [1, 5, 11, "Killed", "a > b"],
            [1, 5, 11, "Timeout", "a < b"],
            [2, 8, 13, "Survived", "a <= b"],
            [2, 8, 13, "NoCoverage", "a >= b"],
            [2, 8, 13, "CompileError", "a"],
            [2, 8, 13, "Ignored", "b"],
        ]), []);
        assert.deepStrictEqual([s.killed, s.timeout, s.survived, s.noCoverage, s.equivalent, s.score], [1, 1, 1, 1, 0, 50]);
        assert.deepStrictEqual(s.unexplained.map((u) => [u.line, u.original, u.replacement, u.status]), [[2, "a < b", "a <= b", "Survived"], [2, "a < b", "a >= b", "NoCoverage"]]);
    });

    it("an equivalent mutant (same file, mutator, original text and replacement) counts as neither", () => {
        const equivalent: EquivalentMutant = { file: "f.ts", line: "return a < b;", mutator: "EqualityOperator", original: "a  <  b", replacement: "a <= b", reason: "r" };
        const [s] = moduleScores(report(source, [[1, 5, 11, "Killed", "a > b"], [2, 8, 13, "Survived", "a <= b"]]), [equivalent]);
        assert.deepStrictEqual([s.survived, s.equivalent, s.score, s.unexplained.length], [0, 1, 100, 0]);
        // Another replacement of the same text is not covered by it.
        const [t] = moduleScores(report(source, [[2, 8, 13, "Survived", "a > b"]]), [equivalent]);
        assert.deepStrictEqual([t.survived, t.score], [1, 0]);
        // Nor is the same text on another line.
        const [u] = moduleScores(report("return a < b; // other\nreturn a < b;", [[1, 8, 13, "Survived", "a <= b"]]), [equivalent]);
        assert.deepStrictEqual([u.survived, u.equivalent], [1, 0]);
    });

    it("reads a mutant's original text across lines", () => {
        assert.strictEqual(originalText(source, { start: { line: 1, column: 13 }, end: { line: 2, column: 7 } }), "x();\nreturn");
    });

    it("fails a module more than 2 points below its recorded score, not one 2 points below", () => {
        const recorded = recordedScores("| module | score |\n| --- | --- |\n| `f.ts` | 92.5 % | 10 |\n| `g.ts` | 90 % |\n");
        assert.deepStrictEqual([...recorded], [["f.ts", 92.5], ["g.ts", 90]]);
        const at = (score: number) => regressions([{ file: "f.ts", score, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, strykerScore: score, unexplained: [] }], recorded);
        assert.deepStrictEqual(at(90.5), []);
        assert.deepStrictEqual(at(90.4), ["f.ts: mutation score 90.4 % is more than 2 points below the 92.5 % recorded in docs/testing.md"]);
    });

    it("a run of some lines replaces those mutants' results in the full report, and refuses changed source", () => {
        const full = report(source, [[1, 5, 11, "Killed", "a > b"], [2, 8, 13, "Survived", "a <= b"], [2, 8, 13, "Survived", "a > b"]]);
        const lines = report(source, [[2, 8, 13, "Killed", "a <= b"]]);
        const { report: merged, changed } = mergeLineRun(full, lines);
        assert.strictEqual(changed, 1);
        assert.deepStrictEqual(merged.files["f.ts"].mutants.map((m) => m.status), ["Killed", "Killed", "Survived"]);
        assert.strictEqual(full.files["f.ts"].mutants[1].status, "Survived", "the full report given is left as it was");
        assert.throws(() => mergeLineRun(full, report(`${source}\n`, [])), /^Error: f\.ts: source differs from the full run's/);
        assert.throws(() => mergeLineRun(full, report(source, [[1, 5, 11, "Killed", "a < b"]])), /^Error: f\.ts:1: mutant EqualityOperator not in the full report$/);
    });

    it("every slice names files that exist, and docs/testing.md has a score row for every mutated module", () => {
        const doc = fs.readFileSync(path.join(ROOT, "docs", "testing.md"), "utf8");
        const recorded = recordedScores(doc);
        for (const slice of SLICES) {
            for (const f of [...slice.mutate, ...slice.tests]) assert.ok(fs.existsSync(path.join(ROOT, f)), `${slice.name}: ${f} does not exist`);
            // A recorded score, or a row that says the module is not measured yet.
            for (const m of slice.mutate) assert.ok(recorded.has(m) || doc.includes(`| \`${m}\` | not measured yet |`), `docs/testing.md has no score row for ${m}`);
        }
        assert.strictEqual(new Set(SLICES.map((s) => s.name)).size, SLICES.length, "slice names are unique");
    });

    it("every equivalent mutant names a mutated module and gives a reason", () => {
        const equivalents: EquivalentMutant[] = JSON.parse(fs.readFileSync(path.join(ROOT, "tools", "mutation", "equivalent-mutants.json"), "utf8"));
        const mutated = new Set(SLICES.flatMap((s) => s.mutate));
        for (const e of equivalents) {
            assert.ok(mutated.has(e.file), `${e.file} is not mutated by any slice`);
            assert.ok(e.reason.length > 10 && e.mutator && e.original && e.line.includes(e.original.split("\n")[0].trim()), JSON.stringify(e));
        }
    });
});
