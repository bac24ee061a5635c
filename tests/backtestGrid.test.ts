import * as assert from "assert";
import { evaluateExpression, parseExpression } from "../components/shared/metricMath";
import { CONFIDENCE_Z, confidenceExpression } from "../components/alarms/specs";
import { runGrid, summarizeCell } from "../tools/backtest/grid";
import { PROJECT_TRAFFIC } from "../tools/backtest/scenarios";
import { advisedDesign, awsSuggestedDesign, designFromArgs, gridMarkdown, parseGridOptions } from "../tools/backtestGrid";
import { gridChartSpec } from "../tools/backtest/charts";

describe("design grid", () => {
    it("the confidence bound: the exact expression, and 13 events where 4 are allowed fire at z 3.1, 12 do not", () => {
        const text = confidenceExpression("bounceRate", 4);
        assert.strictEqual(text, "IF(sends > 0, 2 * ((FILL(bounces, 0)) ^ 0.5 - (0.04 * sends) ^ 0.5))");
        const at = (bounces: number | undefined, sends: number | undefined) => evaluateExpression(parseExpression(text), { bounces, sends });
        assert.strictEqual(CONFIDENCE_Z, 3.1);
        assert.ok(at(13, 100)! >= 3.1 && at(12, 100)! < 3.1, `${at(13, 100)} / ${at(12, 100)}`);
        // No sends: no datapoint, however many late bounces arrive.
        assert.strictEqual(at(5, undefined), undefined);
        assert.strictEqual(at(0, 100), -4);
    });

    it("a design from args is the component's alarms for one set, with the critical bounce alarms auto-pause follows", () => {
        const d = designFromArgs("x", { alarms: { complaintRate: { periodSeconds: 604800, evaluationPeriods: 1, datapointsToAlarm: 1 } } });
        const complaint = d.alarms.find((a) => a.name === "ses-monitoring-grid.main.complaint-rate-warning")!;
        assert.strictEqual(complaint.periodSeconds, 604800);
        // Auto-pause follows what the component wires: the fast window, not the half-hour tier nor the set's reputation.
        assert.deepStrictEqual(d.pauseTriggers, ["ses-monitoring-grid.main.bounce-rate-critical-fast"]);
        assert.ok(d.alarms.some((a) => a.name === "ses-monitoring-grid.main.bounce-rate-critical"));
        // A design file may choose the pausing alarms by the end of their names, to compare rules the component does not have.
        assert.deepStrictEqual(designFromArgs("z", {}, "z", ["bounce-rate-critical"]).pauseTriggers, ["ses-monitoring-grid.main.bounce-rate-critical"]);
        assert.throws(() => designFromArgs("z", {}, "z", ["bounce-rate-nope"]), /z: pauseOn: no alarm of set main ends in \.bounce-rate-nope \(bounce-rate-warning, /);
        const bounded = designFromArgs("y", { alarms: { bounceRate: { confidenceBound: true } } }).alarms;
        const bounce = bounded.find((a) => a.name === "ses-monitoring-grid.main.bounce-rate-warning")!;
        assert.strictEqual(bounce.threshold, 3.1);
        assert.strictEqual(bounce.thresholdPercent, 4);
        assert.strictEqual(bounce.queries.find((q) => q.returnData)!.expression, confidenceExpression("bounceRate", 4));
        // Reputation alarms keep AWS's fractions.
        assert.deepStrictEqual(bounded.filter((a) => a.source === "reputation"), d.alarms.filter((a) => a.source === "reputation"));
    });

    it("scores a design on a trace: delay, the floor it is divided by, false alarms and false pauses", () => {
        const design = designFromArgs("defaults", {});
        const [spike, healthy] = ["bounce-spike", "healthy"].map((scenario) => runGrid({ designs: [design], models: [PROJECT_TRAFFIC], volumes: [1_000_000], scenarios: [scenario], seeds: [11], configurationSet: "main" })[0]);
        const s = spike.seeds[0];
        assert.strictEqual(spike.measure, "bounceRate");
        assert.ok(s.floorSeconds! > 0 && s.delaySeconds! > s.floorSeconds!, `delay ${s.delaySeconds} floor ${s.floorSeconds}`);
        const summary = summarizeCell(spike);
        assert.strictEqual(summary.medianRatio, s.delaySeconds! / s.floorSeconds!);
        // The pause of a bounce incident is timed from its onset, and the summary counts it.
        assert.ok(s.pauseDelaySeconds! > 0 && !s.falsePause, `pause ${s.pauseDelaySeconds}`);
        assert.deepStrictEqual([summary.pauses, summary.medianPauseSeconds], [1, s.pauseDelaySeconds]);
        assert.strictEqual(summary.missed, 0);
        assert.strictEqual(healthy.measure, undefined);
        assert.strictEqual(healthy.seeds[0].falseAlarms, healthy.seeds[0].falseAlarmTimes.length);
        assert.strictEqual(summarizeCell(healthy).medianRatio, undefined);
        const md = gridMarkdown([summary, summarizeCell(healthy)], ["healthy", "bounce-spike"]);
        assert.match(md, /\| defaults \| project \| 1,000,000 \| \d+[^|]*\| 0 \| bounce-spike 1 of 1, \d+ min \| /);
    });

    it("options: the held-out seeds by default, every traffic model, names checked", () => {
        const o = parseGridOptions([]);
        assert.deepStrictEqual(o.seeds, Array.from({ length: 20 }, (_, i) => 11 + i));
        assert.deepStrictEqual(o.traffic, ["project", "midway", "external", "external-9am"]);
        assert.throws(() => parseGridOptions(["--traffic", "nope"]), /--traffic: nope is not one of/);
        assert.strictEqual(o.awsSuggested, false);
        assert.strictEqual(parseGridOptions(["--aws-suggested"]).awsSuggested, true);
        const aws = awsSuggestedDesign();
        assert.deepStrictEqual(aws.alarms.map((a) => [a.queries[0].metric!.metricName, a.threshold]), [["Reputation.BounceRate", 0.05], ["Reputation.ComplaintRate", 0.001]]);
        assert.deepStrictEqual(aws.pauseTriggers, []);
    });

    it("the advised design: the plan's bounce guards for each volume class, raised and lowered, the defaults where they were tuned", () => {
        assert.strictEqual(parseGridOptions([]).advised, false);
        assert.strictEqual(parseGridOptions(["--advised"]).advised, true);
        const advised = advisedDesign();
        const guards = (volume: number) => {
            const alarms = advised.at!(volume).alarms;
            const guardOf = (name: string) => alarms.find((a) => a.name === `ses-monitoring-grid.main.${name}`)!.queries.find((q) => q.returnData)!.expression;
            return [guardOf("bounce-rate-critical") ?? "", guardOf("bounce-rate-critical-fast") ?? ""];
        };
        const defaults = designFromArgs("defaults", {});
        // At 100,000 a day the advised alarms are the defaults', name for name.
        assert.deepStrictEqual(advised.at!(100_000).alarms, defaults.alarms);
        assert.deepStrictEqual(advised.at!(100_000).pauseTriggers, defaults.pauseTriggers);
        assert.match(guards(1_000_000)[0], /sends >= 15000/);
        assert.match(guards(1_000_000)[1], /sends >= 5000/);
        assert.match(guards(3_000_000)[0], /sends >= 45000/);
        assert.match(guards(3_000_000)[1], /sends >= 10500/);
        // Below 72,000 a day the half-hour guard is lowered to the share (150 at 10,000), the fast window's never;
        // at 1,000 a day an average half-hour holds too few sends for any guard, and the defaults stay.
        assert.deepStrictEqual(guards(10_000).map((e) => /sends >= (\d+)/.exec(e)?.[1]), ["150", "5000"]);
        assert.deepStrictEqual(advised.at!(1_000).alarms, defaults.alarms);
        // The grid evaluates each volume with that volume's alarms: a design with none at 1,000,000 sees nothing there.
        const silent = { ...defaults, name: "silent", at: (v: number) => (v === 1_000_000 ? { alarms: [], pauseTriggers: [] } : defaults) };
        const cells = runGrid({ designs: [defaults, silent], models: [PROJECT_TRAFFIC], volumes: [1_000_000], scenarios: ["bounce-spike"], seeds: [11], configurationSet: "main" });
        assert.deepStrictEqual(cells.map((c) => [c.design, c.seeds[0].delaySeconds !== undefined]), [["defaults", true], ["silent", false]]);
    });

    it("the chart: false alarms summed per design and traffic model, a missed median drawn at the edge", () => {
        const spec = gridChartSpec(10_000, [
            { design: "a", traffic: "project", scenario: "healthy", falseAlarms: 2 },
            { design: "a", traffic: "project", scenario: "bounce-spike", falseAlarms: 1, medianRatio: 2.5, missed: 0 },
            { design: "a", traffic: "external", scenario: "bounce-spike", falseAlarms: 0, missed: 20 },
        ]) as { hconcat: { data: { values: Record<string, unknown>[] } }[] };
        assert.deepStrictEqual(spec.hconcat[0].data.values, [{ design: "a", traffic: "project", falseAlarms: 3 }, { design: "a", traffic: "external", falseAlarms: 0 }]);
        assert.deepStrictEqual(spec.hconcat[1].data.values.map((v) => [v.traffic, v.ratio, v.label]), [["project", 2.5, "2.5x"], ["external", 1000, "missed"]]);
    });
});
