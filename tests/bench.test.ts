/**
 * `npm run bench`'s pieces that do not time anything: the generated stacks and the table.
 */
import * as assert from "assert";
import { planSesMonitoring } from "../components";
import { argsFromStackConfig } from "../program/stackConfig";
import { BenchRow, renderBench } from "../tools/bench";
import { benchStackConfig } from "../tools/benchStack";
import { checkTrafficProfile } from "../tools/profiles";

describe("npm run bench", () => {
    it("generates N sets, one in five with an extra dimension, email notifications, and the component accepts them", () => {
        const { config } = benchStackConfig(10) as { config: Record<string, any> };
        const sets = config["ses-monitoring:configurationSets"];
        assert.deepStrictEqual(Object.keys(sets), ["set-0000", "set-0001", "set-0002", "set-0003", "set-0004", "set-0005", "set-0006", "set-0007", "set-0008", "set-0009"]);
        assert.deepStrictEqual(Object.keys(sets).filter((name) => sets[name].dimensions), ["set-0000", "set-0005"]);
        assert.deepStrictEqual(config["ses-monitoring:notifications"], { emails: ["oncall@example.com"] });
        const plan = planSesMonitoring(argsFromStackConfig((key) => {
            const value = config[`ses-monitoring:${key}`];
            return value === undefined ? undefined : JSON.stringify(value);
        }), { project: "ses-monitoring", stack: "bench10" });
        assert.strictEqual(plan.settings.configurationSets.length, 10);
        assert.ok(plan.settings.configurationSets.find((s) => s.name === "set-0005")!.dimensions.some((d) => d.name === "campaign"));
    });

    it("with --traffic, gives every set a profile the plan accepts: four in five flat, the fifth in business hours with a weekly blast", () => {
        const { config } = benchStackConfig(10, { traffic: true }) as { config: Record<string, any> };
        assert.ok(!("ses-monitoring:traffic" in (benchStackConfig(10) as { config: Record<string, unknown> }).config), "no profile without --traffic");
        const profile = checkTrafficProfile(config["ses-monitoring:traffic"], "ses-monitoring:traffic", Object.keys(config["ses-monitoring:configurationSets"]));
        assert.deepStrictEqual(profile.sets["set-0001"], { sendsPerDay: 40_000 });
        assert.deepStrictEqual(profile.sets["set-0005"], { sendsPerDay: 20_000, shape: "business-hours", weeklyBlasts: [{ day: "tuesday", hour: 13, size: 150_000, durationHours: 2 }] });
        assert.strictEqual(Object.keys(profile.sets).length, 10);
    });

    it("prints each size's times (the picture's apart), memory and ratios to the floors, and time(1,000) / time(100)", () => {
        const row = (sets: number, wallMs: number, programMs: number, previewMs?: number): BenchRow => ({
            sets, resources: sets * 14, wallMs, maxRssKb: 1024 * sets, programMs, policiesMs: 100, coverageMs: 1500, reportMs: 10, previewMs,
            floorMs: programMs / 4, floorMaxRssKb: 512 * sets, sdkFloorMs: programMs / 2, sdkFloorMaxRssKb: 768 * sets,
            files: { "plan text": 2048, "plan.json": 3 * 1024 * 1024, "dashboard.json": 1024, ...(previewMs ? { "dashboard.svg": 300 * 1024, "dashboard.png": 400 * 1024 } : {}) },
        });
        const text = renderBench([row(100, 10_000, 8_000), row(1000, 90_000, 72_000, 2_500)]);
        const lines = text.split("\n");
        assert.strictEqual(lines.find((l) => l.startsWith("| 1000 ")), "| 1000 |    14,000 |    90.0 s |       1000 MB |  72.0 s |    0.1 s |    1.5 s |  0.0 s |   2.5 s | 18.0 s |         500 MB |             4.0 |    36.0 s |             750 MB |                 2.0 |");
        assert.ok(lines.includes("| 100  |     1,400 |    10.0 s |        100 MB |   8.0 s |    0.1 s |    1.5 s |  0.0 s |       - |  2.0 s |          50 MB |             4.0 |     4.0 s |              75 MB |                 2.0 |"), text);
        assert.ok(lines.includes("| 1000 |      2 KB |    3.0 MB |           1 KB |        300 KB |        400 KB |"), text);
        assert.ok(lines.includes("time(1000) / time(100) = 9.0 (plan wall); program alone 9.0"), text);
    });
});
