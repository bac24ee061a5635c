import * as assert from "assert";
import { DAY, EXTERNAL_TRAFFIC, generateTrace, PROJECT_TRAFFIC, TRAFFIC_GRID, TRAFFIC_MODELS } from "../tools/backtest/scenarios";

const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

/** Sends per UTC hour of day over the trace. */
function byHour(trace: ReturnType<typeof generateTrace>): number[] {
    const out = new Array(24).fill(0);
    for (let m = 0; m < trace.sends.length; m++) out[new Date((trace.start + m * 60) * 1000).getUTCHours()] += trace.sends[m];
    return out;
}

describe("traffic models", () => {
    it("the project model is the default: the same trace with or without it", () => {
        const a = generateTrace("bounce-spike", 10_000, 4);
        const b = generateTrace("bounce-spike", 10_000, 4, undefined, PROJECT_TRAFFIC);
        assert.deepStrictEqual(Array.from(a.bounces), Array.from(b.bounces));
        assert.strictEqual(b.traffic, "project");
    });

    it("the grid: the project model, the outside corner and points between, each named once", () => {
        assert.deepStrictEqual(TRAFFIC_GRID.map((m) => m.name), ["project", "midway", "external", "external-9am"]);
        assert.strictEqual(TRAFFIC_MODELS.external, EXTERNAL_TRAFFIC);
    });

    it("the outside corner: a deeper trough and lighter weekends at the same weekly volume", () => {
        const project = generateTrace("healthy", 100_000, 2);
        const external = generateTrace("healthy", 100_000, 2, undefined, EXTERNAL_TRAFFIC);
        const ratio = (t: typeof project) => { const h = byHour(t); return h[3] / h[11]; };
        assert.ok(ratio(external) < ratio(project) / 3, `night/noon ${ratio(external)} vs ${ratio(project)}`);
        const volume = total(external.sends) / total(project.sends);
        assert.ok(volume > 0.93 && volume < 1.07, `volume ratio ${volume}`);
    });

    it("the outside corner: most soft bounces at the retry cap, complaints mostly 1-3 days late", () => {
        const t = generateTrace("healthy", 100_000, 2, undefined, EXTERNAL_TRAFFIC);
        const lags = (log: typeof t.bounceEvents) => Array.from(log.arrivedMinute, (a, i) => a - log.sentMinute[i]);
        const bounceLags = lags(t.bounceEvents);
        const atCap = bounceLags.filter((l) => l >= 13.5 * 60 && l < 14 * 60).length;
        // 0.1 % soft (0.2 % of campaign mail), 90 % of them at the cap, against about 0.5-2.5 % of all bounces.
        assert.ok(atCap > 0.1 * bounceLags.length, `${atCap} of ${bounceLags.length} bounces at the cap`);
        const complaintLags = lags(t.complaintEvents);
        const oneToThreeDays = complaintLags.filter((l) => l >= DAY / 60 && l <= (3 * DAY) / 60).length;
        assert.ok(oneToThreeDays > 0.6 * complaintLags.length, `${oneToThreeDays} of ${complaintLags.length}`);
    });

    it("the outside corner's lists bounce 0.5-2.5 %, drawn per campaign", () => {
        const t = generateTrace("healthy", 1_000_000, 2, undefined, EXTERNAL_TRAFFIC);
        const campaignRates = new Set<number>();
        for (let m = 0; m < t.sends.length; m++) {
            const at = new Date((t.start + m * 60) * 1000);
            if ([2, 4].includes(at.getUTCDay()) && at.getUTCHours() === 15 && at.getUTCMinutes() === 30) campaignRates.add(Number(t.bounceRate[m].toFixed(5)));
        }
        assert.ok(campaignRates.size >= 6, `${campaignRates.size} campaigns`);
        // A campaign minute mixes the list with the day's other mail: its rate stays within the range's bounds times the day's wobble.
        for (const r of campaignRates) assert.ok(r > 0.003 && r < 0.035, `campaign minute bounce rate ${r}`);
        assert.ok(Math.max(...campaignRates) - Math.min(...campaignRates) > 0.005, "lists differ");
    });
});
