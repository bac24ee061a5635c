import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { resolveSettings } from "../components/settings";
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
