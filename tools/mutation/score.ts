/**
 * Scores of a mutation run, per module, from Stryker's JSON report (mutation-testing-report-schema),
 * and the check against the scores docs/testing.md records. Pure: no Stryker, no file system.
 *
 * Score = detected / (detected + undetected), as Stryker computes it: detected = Killed + Timeout,
 * undetected = Survived + NoCoverage; compile and runtime errors and ignored mutants do not count.
 * A surviving mutant listed in equivalent-mutants.json (one reason each) is equivalent: no test can
 * tell it from the original, so it counts as neither.
 */

export interface ReportMutant {
    id: string;
    mutatorName: string;
    replacement?: string;
    location: { start: { line: number; column: number }; end: { line: number; column: number } };
    status: string;
}

export interface MutationReport {
    files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

/**
 * A mutant no test can kill, with why. Matched by file, the source line it starts on (its text,
 * so that edits elsewhere do not move it), mutator, original text and replacement.
 */
export interface EquivalentMutant {
    file: string;
    line: string;
    mutator: string;
    original: string;
    replacement: string;
    reason: string;
}

export interface Survivor {
    file: string;
    line: number;
    /** The text of the line the mutant starts on. */
    lineText: string;
    mutator: string;
    original: string;
    replacement: string;
    status: string;
}

export interface ModuleScore {
    file: string;
    killed: number;
    timeout: number;
    survived: number;
    noCoverage: number;
    equivalent: number;
    /** Percent, one decimal, equivalent mutants left out; 100 when nothing counts. */
    score: number;
    /** Stryker's own score, equivalent mutants counted as undetected. */
    strykerScore: number;
    /** Undetected mutants that no equivalent entry explains. */
    unexplained: Survivor[];
}

/** The text a mutant replaces (1-based lines, 1-based columns as Stryker reports them). */
export function originalText(source: string, location: ReportMutant["location"]): string {
    const lines = source.split("\n");
    const { start, end } = location;
    if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
    const parts = [lines[start.line - 1].slice(start.column - 1)];
    for (let l = start.line + 1; l < end.line; l++) parts.push(lines[l - 1]);
    parts.push(lines[end.line - 1].slice(0, end.column - 1));
    return parts.join("\n");
}

const UNDETECTED = new Set(["Survived", "NoCoverage"]);

function normalize(text: string): string {
    return text.replace(/\s+/g, " ").trim();
}

export function isEquivalent(e: EquivalentMutant, s: Omit<Survivor, "line" | "status">): boolean {
    return e.file === s.file && normalize(e.line) === normalize(s.lineText) && e.mutator === s.mutator && normalize(e.original) === normalize(s.original) && normalize(e.replacement) === normalize(s.replacement);
}

export function moduleScores(report: MutationReport, equivalents: EquivalentMutant[]): ModuleScore[] {
    return Object.entries(report.files).map(([file, { source, mutants }]) => {
        const score: ModuleScore = { file, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, score: 100, strykerScore: 100, unexplained: [] };
        for (const m of mutants) {
            if (m.status === "Killed") score.killed++;
            else if (m.status === "Timeout") score.timeout++;
            if (!UNDETECTED.has(m.status)) continue;
            const lineText = source.split("\n")[m.location.start.line - 1];
            const survivor = { file, line: m.location.start.line, lineText, mutator: m.mutatorName, original: originalText(source, m.location), replacement: m.replacement ?? "", status: m.status };
            if (equivalents.some((e) => isEquivalent(e, survivor))) {
                score.equivalent++;
                continue;
            }
            if (m.status === "Survived") score.survived++;
            else score.noCoverage++;
            score.unexplained.push(survivor);
        }
        const detected = score.killed + score.timeout;
        const total = detected + score.survived + score.noCoverage;
        score.score = percent(detected, total);
        score.strykerScore = percent(detected, total + score.equivalent);
        return score;
    });
}

function percent(part: number, whole: number): number {
    return whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10;
}

/**
 * A slice's full report with the mutants of a run restricted to some lines (`--lines`) put in place
 * of the same mutants (same file, location, mutator and replacement). Refuses a file whose source
 * differs from the full run's: the two runs must have mutated the same code.
 */
export function mergeLineRun(full: MutationReport, lines: MutationReport): { report: MutationReport; changed: number } {
    const key = (m: ReportMutant) => JSON.stringify([m.location.start, m.location.end, m.mutatorName, m.replacement ?? ""]);
    const files: MutationReport["files"] = {};
    for (const [file, data] of Object.entries(full.files)) files[file] = { source: data.source, mutants: data.mutants.map((m) => ({ ...m })) };
    let changed = 0;
    for (const [file, { source, mutants }] of Object.entries(lines.files)) {
        const target = files[file];
        if (!target) throw new Error(`${file}: not in the full report`);
        if (target.source !== source) throw new Error(`${file}: source differs from the full run's; run the whole slice again`);
        const byKey = new Map(target.mutants.map((m) => [key(m), m]));
        for (const m of mutants) {
            const old = byKey.get(key(m));
            if (!old) throw new Error(`${file}:${m.location.start.line}: mutant ${m.mutatorName} not in the full report`);
            if (old.status !== m.status) changed++;
            old.status = m.status;
        }
    }
    return { report: { ...full, files }, changed };
}

/** `| module | score | ...` rows of docs/testing.md's score table: module path -> recorded percent. */
export function recordedScores(markdown: string): Map<string, number> {
    const scores = new Map<string, number>();
    for (const line of markdown.split("\n")) {
        const m = /^\|\s*`([^`]+\.ts)`\s*\|\s*([\d.]+)\s*%/.exec(line);
        if (m) scores.set(m[1], Number(m[2]));
    }
    return scores;
}

/** How far a module may drop below its recorded score, in points, before the check fails. */
export const ALLOWED_DROP_POINTS = 2;

/** One message per module that dropped more than the allowed points below its recorded score. */
export function regressions(scores: ModuleScore[], recorded: Map<string, number>): string[] {
    const out: string[] = [];
    for (const s of scores) {
        const was = recorded.get(s.file);
        if (was !== undefined && s.score < was - ALLOWED_DROP_POINTS) {
            out.push(`${s.file}: mutation score ${s.score} % is more than ${ALLOWED_DROP_POINTS} points below the ${was} % recorded in docs/testing.md`);
        }
    }
    return out;
}
