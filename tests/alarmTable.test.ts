import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { resolveSettings } from "../components/settings";
import { advisedBounceGuards, BOUNCE_GUARD_SHARE, MIN_ADVISED_BOUNCE_GUARD } from "../components";
import type { RateAlarmSettingsResolved } from "../components/alarms/settings";

const ROOT = path.resolve(__dirname, "..");
const HEADER = "| alarm | warning | critical | guard (sends per period) | period, M of N | AWS acts at |";

/** 300 -> "5 min", 3600 -> "1 h", 604800 -> "7 days", as the table writes periods. */
function periodText(seconds: number): string {
    if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
    if (seconds % 3600 === 0) return `${seconds / 3600} h`;
    return `${seconds / 60} min`;
}

/** The rows the defaults give: alarm -> [warning, critical, guard, period and M of N]. */
function expectedRows(): Map<string, string[]> {
    const s = resolveSettings({ configurationSets: { a: {} } }, { project: "ses-monitoring", stack: "dev", region: "us-east-1" });
    const rows = new Map<string, string[]>();
    const window = (w: { periodSeconds: number; datapointsToAlarm: number; evaluationPeriods: number }) => `${periodText(w.periodSeconds)}, ${w.datapointsToAlarm} of ${w.evaluationPeriods}`;
    const guard = (r: RateAlarmSettingsResolved, sends: number, rest = "") => (r.confidenceBound ? `none: ${rest || "a confidence bound"}` : sends.toLocaleString("en-US"));
    const rates = [["bounceRate", "bounce"], ["complaintRate", "complaint"], ["rejectRate", "reject"]] as const;
    for (const [measure, word] of rates) {
        const r = s.alarms[measure];
        rows.set(`${word} rate`, [`${r.warningPercent} %`, `${r.criticalPercent} %`, guard(r, r.minimumSends), window(r)]);
    }
    for (const [measure, word] of rates) {
        const r = s.alarms[measure];
        if (r.fastWindow.enabled) {
            rows.set(`${word} rate, fast window`, ["(none)", `${r.criticalPercent} % (the critical tier)`, guard(r, r.fastWindow.minimumSends, "the confidence bound"), window(r.fastWindow)]);
        }
    }
    for (const [measure, metric] of [["bounceRate", "Reputation.BounceRate"], ["complaintRate", "Reputation.ComplaintRate"]] as const) {
        const rep = s.accountReputation[measure];
        rows.set(`\`${metric}\` (account, per set)`, [String(rep.warningPercent / 100), String(rep.criticalPercent / 100), "n/a", window(rep)]);
    }
    return rows;
}

describe("the alarm table in the docs states the defaults", () => {
    const files = ["README.md", "docs/alarms.md"].filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes(HEADER));

    it("is found where users read it", () => {
        assert.ok(files.length > 0, `no file holds the alarm table (${HEADER})`);
    });

    for (const file of files) {
        it(`${file}: every default alarm has its row, with the code's tiers, guard and window`, () => {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            const lines = text.slice(text.indexOf(HEADER)).split("\n").slice(2);
            const table = new Map<string, string[]>();
            for (const line of lines) {
                if (!line.startsWith("|")) break;
                const cells = line.split("|").slice(1, -1).map((c) => c.trim());
                table.set(cells[0], cells.slice(1, 5));
            }
            const expected = expectedRows();
            assert.deepStrictEqual([...table.keys()], [...expected.keys()]);
            for (const [alarm, cells] of expected) assert.deepStrictEqual(table.get(alarm), cells, `${file}: ${alarm}`);
        });
    }
});

describe("the docs state the advised bounce guards the plan computes", () => {
    const bounce = resolveSettings({ configurationSets: { a: {} } }, { project: "ses-monitoring", stack: "dev", region: "us-east-1" }).alarms.bounceRate;
    const percent = `${Math.round(BOUNCE_GUARD_SHARE.main * 100)} %`;
    const atMillion = advisedBounceGuards(1_000_000, bounce).minimumSends.toLocaleString("en-US");
    // The volume from which the fast window's share passes its own guard.
    const fastFrom = (bounce.fastWindow.minimumSends * 86_400) / (BOUNCE_GUARD_SHARE.fast * bounce.fastWindow.periodSeconds);

    it("the README's sentence: the share, the guard at 1,000,000 a day, and where the fast window's advice starts", () => {
        const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
        const atTenThousand = advisedBounceGuards(10_000, bounce).minimumSends.toLocaleString("en-US");
        assert.ok(text.includes(`keep ${percent} of an average half-hour (${atMillion} sends at 1,000,000 a day, ${atTenThousand} at 10,000)`), `README: ${percent}, ${atMillion}, ${atTenThousand}`);
        assert.ok(text.includes(`above ${fastFrom.toLocaleString("en-US")} a day, all of an average five minutes`), `README: ${fastFrom}`);
        assert.strictEqual(BOUNCE_GUARD_SHARE.fast, 1, "the README says 'all of' the fast window's average period");
        assert.strictEqual(advisedBounceGuards(fastFrom, bounce).fastWindowMinimumSends, bounce.fastWindow.minimumSends);
        assert.ok(advisedBounceGuards(fastFrom + 100_000, bounce).fastWindowMinimumSends > bounce.fastWindow.minimumSends);
    });
});

describe("docs/alarms.md states the advice's floor and where it starts as the code has them", () => {
    it("never below MIN_ADVISED_BOUNCE_GUARD sends, nothing advised below the volume whose average half-hour holds it", () => {
        const text = fs.readFileSync(path.join(ROOT, "docs/alarms.md"), "utf8").replace(/\s+/g, " ");
        assert.ok(text.includes(`never below ${MIN_ADVISED_BOUNCE_GUARD} sends`), "the rule's floor");
        const from = (MIN_ADVISED_BOUNCE_GUARD * 86_400) / 1800;
        assert.ok(text.includes(`Below ${from.toLocaleString("en-US")} a day an average half-hour holds fewer than ${MIN_ADVISED_BOUNCE_GUARD} sends`), `nothing below ${from}`);
    });
});

describe("docs/alarms.md's table of advised guards is what advisedBounceGuards gives", () => {
    it("every row: the volume, the half-hour guard and the fast window's", () => {
        const bounce = resolveSettings({ configurationSets: { a: {} } }, { project: "ses-monitoring", stack: "dev", region: "us-east-1" }).alarms.bounceRate;
        const text = fs.readFileSync(path.join(ROOT, "docs/alarms.md"), "utf8");
        const header = "| sends a day | half-hour guard | fast-window guard |";
        assert.ok(text.includes(header), "docs/alarms.md has no table of advised guards");
        const rows = text.slice(text.indexOf(header)).split("\n").slice(2).filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith("|")));
        assert.ok(rows.length >= 3, `only ${rows.length} rows`);
        const num = (cell: string) => Number(cell.replace(/[^0-9]/g, ""));
        for (const row of rows) {
            const [volume, main, fast] = row.split("|").slice(1, -1).map((c) => c.trim());
            const advised = advisedBounceGuards(num(volume), bounce);
            assert.deepStrictEqual([num(main), num(fast)], [advised.minimumSends, advised.fastWindowMinimumSends], row);
        }
    });
});
