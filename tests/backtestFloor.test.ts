import * as assert from "assert";
import { delayModel, detectabilityFloor, expectedArrivals, firstSignificantMinute, floorRatio, healthyRate, immediate, poissonUpperTail } from "../tools/backtest/floor";
import { generateTrace, MINUTE } from "../tools/backtest/scenarios";

const close = (actual: number, expected: number, relative = 1e-9) =>
    assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${actual} is not ${expected}`);

describe("detectability floor", () => {
    it("Poisson upper tail: hand-computable cases, small and large means", () => {
        assert.strictEqual(poissonUpperTail(0, 3), 1);
        close(poissonUpperTail(1, 2), 1 - Math.exp(-2));
        close(poissonUpperTail(2, 1), 1 - 2 / Math.E);
        // P(X >= 3; 0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125)
        close(poissonUpperTail(3, 0.5), 1 - Math.exp(-0.5) * 1.625);
        // Above k + 1 the continued fraction: P(X >= 2; 10) = 1 - 11 e^-10.
        close(poissonUpperTail(2, 10), 1 - 11 * Math.exp(-10));
        // A large mean: 3.09 standard deviations above 10,000 is about p = 0.001.
        const p = poissonUpperTail(10_310, 10_000);
        assert.ok(p > 0.0007 && p < 0.0013, `p = ${p}`);
        assert.ok(poissonUpperTail(5, 1e6) > 0.999999);
    });

    it("healthy rate: events per send of the days before the onset, not after", () => {
        const sends = [100, 100, 100, 100, 100, 100];
        const events = [1, 0, 1, 0, 50, 50];
        assert.strictEqual(healthyRate(sends, events, 4), 2 / 400);
        // A baseline of less than a day reaches back to the start of the series.
        assert.strictEqual(healthyRate(sends, events, 2, 1), 1 / 200);
    });

    it("first significant minute: hand-counted", () => {
        // r0 = 1 %, 100 sends a minute: 1 expected a minute. Minute 0 brings 3 (P(X >= 3; 1) = 0.080),
        // minute 1 another 3 (P(X >= 6; 2) = 0.0166), minute 2 another 4 (P(X >= 10; 3) = 0.0011),
        // minute 3 another 3 (P(X >= 13; 4) = 0.00027 < 0.001): minute 3.
        const sends = [100, 100, 100, 100, 100];
        const events = [3, 3, 4, 3, 3];
        const expected = expectedArrivals(sends, immediate(0.01), 0, 4);
        assert.deepStrictEqual(Array.from(expected), [1, 1, 1, 1, 1]);
        assert.strictEqual(firstSignificantMinute(events, expected, 0), 3);
        close(poissonUpperTail(10, 3), 0.00110249, 1e-5);
        close(poissonUpperTail(13, 4), 0.000273717, 1e-5);
        // Events at the healthy rate never qualify.
        assert.strictEqual(firstSignificantMinute([1, 1, 1, 1, 1], expected, 0), undefined);
        // Nothing after the last minute looked at.
        assert.strictEqual(firstSignificantMinute(events, expected.slice(0, 3), 0), undefined);
    });

    it("delays: late events of earlier sends are expected, from the trace's own send-to-arrival delays", () => {
        // Before the onset (minute 120): 100 sends at minute 0, one event each of minutes 0 and 90
        // (sent at 0): rate 2 per 100 sends, half at once, half in hour 1 after the send.
        const sends = new Float64Array(300);
        sends[0] = 100;
        sends[150] = 100;
        const model = delayModel(sends, { sentMinute: Int32Array.of(0, 0), arrivedMinute: Int32Array.of(0, 90) }, 120);
        assert.strictEqual(model.rate, 0.02);
        assert.strictEqual(model.perMinute[0], 0.5);
        assert.strictEqual(model.perHour[1], 0.5);
        const expected = expectedArrivals(sends, model, 150, 299);
        // Minute 150: the new sends' immediate half (1 event). Minutes 210-269: their late half,
        // spread over hour 1 (1/60 each).
        assert.strictEqual(expected[0], 1);
        assert.ok(Math.abs(expected[60] - 1 / 60) < 1e-12 && Math.abs(expected[119] - 1 / 60) < 1e-12);
        assert.strictEqual(expected[120], 0);
    });

    it("an 8 % bad list: the floor is minutes at 100,000 a day and later at 1,000; none in a healthy trace", () => {
        const big = generateTrace("bounce-spike", 100_000, 11);
        const small = generateTrace("bounce-spike", 1_000, 11);
        const fBig = detectabilityFloor(big)!;
        const fSmall = detectabilityFloor(small)!;
        assert.ok(fBig > 0 && fBig <= 10 * MINUTE, `floor at 100,000 a day: ${fBig} s`);
        assert.ok(fSmall > fBig, `floor at 1,000 a day (${fSmall} s) not later than at 100,000 (${fBig} s)`);
        assert.strictEqual(detectabilityFloor(generateTrace("healthy", 100_000, 11)), undefined);
    });

    it("ratio to the floor: a miss or no floor has none", () => {
        assert.strictEqual(floorRatio(600, 300), 2);
        assert.strictEqual(floorRatio(undefined, 300), undefined);
        assert.strictEqual(floorRatio(600, undefined), undefined);
    });
});
