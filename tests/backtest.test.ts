import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, parseOptions } from "../tools/backtest";
import { Random } from "../tools/backtest/random";
import { DAY, generateTrace, HEALTHY, Trace } from "../tools/backtest/scenarios";
import { reputationSeries } from "../tools/backtest/traffic";

const sum = (a: ArrayLike<number>, from = 0, to = a.length) => {
    let s = 0;
    for (let i = from; i < to; i++) s += a[i];
    return s;
};

/** Share of the sends between two times whose bounce (or complaint) came back, by send time. */
function cohortRate(trace: Trace, events: "bounceEvents" | "complaintEvents", from: number, to: number): number {
    const m0 = (from - trace.start) / 60;
    const m1 = (to - trace.start) / 60;
    const log = trace[events];
    let n = 0;
    for (let i = 0; i < log.sentMinute.length; i++) if (log.sentMinute[i] >= m0 && log.sentMinute[i] < m1) n++;
    return n / sum(trace.sends, m0, m1);
}

/** Enough of XML to say a hand-written SVG is well formed: every tag closed, in order, one root. */
function assertWellFormedXml(text: string): void {
    const body = text.replace(/^<\?xml[^>]*\?>\s*/, "");
    const stack: string[] = [];
    let roots = 0;
    for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)([^>]*?)(\/?)>/g)) {
        const [, closing, name, attrs, selfClosing] = m;
        assert.ok(!/[<&](?!amp;|lt;|gt;|quot;)/.test(attrs), `unescaped attribute text in <${name}${attrs}>`);
        if (closing) assert.strictEqual(stack.pop(), name, `</${name}> closes the wrong element`);
        else if (!selfClosing) {
            if (stack.length === 0) roots++;
            stack.push(name);
        } else if (stack.length === 0) roots++;
    }
    assert.deepStrictEqual(stack, [], "unclosed elements");
    assert.strictEqual(roots, 1, "one root element");
    const text2 = body.replace(/<[^>]*>/g, "");
    assert.ok(!/&(?!amp;|lt;|gt;|quot;)/.test(text2) && !/</.test(text2), "unescaped text");
}

describe("backtest", () => {
    describe("scenario generator", () => {
        it("is deterministic for a seed and differs between seeds", () => {
            const a = generateTrace("bounce-spike", 10_000, 7);
            const b = generateTrace("bounce-spike", 10_000, 7);
            const c = generateTrace("bounce-spike", 10_000, 8);
            assert.deepStrictEqual(a.sends, b.sends);
            assert.deepStrictEqual(a.bounces, b.bounces);
            assert.deepStrictEqual(a.complaints, b.complaints);
            assert.notDeepStrictEqual(a.sends, c.sends);
            const r1 = new Random(42);
            const r2 = new Random(42);
            assert.deepStrictEqual([r1.next(), r1.poisson(3), r1.poisson(300)], [r2.next(), r2.poisson(3), r2.poisson(300)]);
        });

        const healthy = generateTrace("healthy", 100_000, 1);

        it("sends the volume class per day, with a daily and weekly shape and campaign bursts", () => {
            const days = (healthy.end - healthy.scoredStart) / DAY;
            const scored = sum(healthy.sends, (healthy.scoredStart - healthy.start) / 60);
            assert.ok(Math.abs(scored / days / 100_000 - 1) < 0.05, `${scored / days} per day`);
            const hour = (day: number, h: number) => sum(healthy.sends, (day * 24 + h) * 60, (day * 24 + h + 1) * 60);
            // Day 5 is a Thursday (campaign at 09:00), day 7 a Saturday.
            assert.ok(hour(5, 9) > 5 * hour(5, 14), "campaign hour");
            assert.ok(hour(5, 14) > 3 * hour(5, 3), "business hours over night");
            assert.ok(hour(5, 14) > 1.5 * hour(7, 14), "weekday over weekend");
        });

        it("keeps healthy rates near 0.5 % bounces and 0.02 % complaints", () => {
            const bounce = sum(healthy.bounces) / sum(healthy.sends);
            const complaint = sum(healthy.complaints) / sum(healthy.sends);
            assert.ok(bounce > 0.004 && bounce < 0.007, `bounce ${bounce}`);
            assert.ok(complaint > 0.00015 && complaint < 0.00028, `complaint ${complaint}`);
            assert.ok(Math.abs(sum(healthy.rejects) / sum(healthy.sends) - HEALTHY.reject) < 0.00005);
        });

        it("matches each incident's stated ground truth", () => {
            const spike = generateTrace("bounce-spike", 100_000, 1);
            assert.strictEqual(spike.truth!.measure, "bounceRate");
            assert.strictEqual(spike.truth!.end - spike.truth!.start, 2 * 3600);
            const during = cohortRate(spike, "bounceEvents", spike.truth!.start, spike.truth!.end);
            assert.ok(Math.abs(during - 0.08) < 0.008, `spike ${during}`);
            const before = cohortRate(spike, "bounceEvents", spike.truth!.start - DAY, spike.truth!.start - 3600);
            assert.ok(before < 0.01, `before the spike ${before}`);

            const creep = generateTrace("complaint-creep", 1_000_000, 1);
            const t = creep.truth!.start;
            const early = cohortRate(creep, "complaintEvents", t - 3 * DAY, t);
            const late = cohortRate(creep, "complaintEvents", t + 10 * DAY, t + 16 * DAY);
            assert.ok(Math.abs(early - 0.0002) < 0.00005, `before the creep ${early}`);
            // Complaints sent in the last days of the trace have not all come back: allow for the lag.
            assert.ok(late > 0.0010 && late < 0.0013, `after ten days ${late}`);

            const template = generateTrace("rejecting-template", 100_000, 1);
            const m0 = (template.truth!.start - template.start) / 60;
            const m1 = (template.truth!.end - template.start) / 60;
            const rejected = sum(template.rejects, m0, m1) / sum(template.sends, m0, m1);
            assert.ok(Math.abs(rejected - 0.25) < 0.02, `rejects ${rejected}`);

            const quiet = generateTrace("quiet-weekend", 100_000, 1);
            assert.strictEqual(quiet.truth, undefined);
            const weekend = sum(quiet.sends, 21 * 1440, 23 * 1440);
            assert.ok(weekend < 0.05 * sum(healthy.sends, 21 * 1440, 23 * 1440), "quiet weekend");
        });

        it("lags bounces by minutes (mostly) and complaints by hours to days", () => {
            const lags = (log: Trace["bounceEvents"]) => Array.from(log.arrivedMinute, (a, i) => a - log.sentMinute[i]).sort((x, y) => x - y);
            const bounce = lags(healthy.bounceEvents);
            const complaint = lags(healthy.complaintEvents);
            assert.ok(bounce[Math.floor(bounce.length * 0.7)] <= 10, "most bounces within minutes");
            assert.ok(bounce[Math.floor(bounce.length * 0.95)] >= 120, "some after hours");
            const median = complaint[Math.floor(complaint.length / 2)];
            assert.ok(median > 6 * 60 && median < 48 * 60, `complaint median lag ${median} min`);
        });

        it("models the reputation rate from recent sends, filling a short history with healthy rates", () => {
            const low = generateTrace("healthy", 50, 1);
            const rep = reputationSeries(low, "bounce");
            assert.strictEqual(rep.values.length, low.sends.length / 60);
            // 50 sends a day never reach the representative volume: the rate stays near the prior.
            for (const v of Array.from(rep.values)) assert.ok(v > 0.003 && v < 0.008, `${v}`);
        });
    });

    describe("command line", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "backtest-"));

        it("parses its options and refuses unknown scenarios and flags", () => {
            const o = parseOptions(["--stack", "prod", "--scenario", "healthy", "--volume", "50,1000"]);
            assert.strictEqual(o.out, path.join("backtest", "prod"));
            assert.deepStrictEqual(o.volumes, [50, 1000]);
            assert.throws(() => parseOptions(["--scenario", "nope"]), /not one of/);
            assert.throws(() => parseOptions(["--bogus"]), /Unknown option/);
            // The fast window is part of the stack's alarms now: no flag adds it.
            assert.throws(() => parseOptions(["--fast"]), /Unknown option/);
        });

        it("runs one scenario on the dev stack: the table, results.json, summary.md and a well-formed SVG", () => {
            const lines: string[] = [];
            const report = main(["--stack", "dev", "--scenario", "bounce-spike", "--volume", "100000", "--out", out], (l) => lines.push(l))!;
            const printed = lines.join("\n");
            assert.match(printed, /bounce-spike: a bad list/);
            assert.match(printed, /sends\/day\s+set\s+ours\s+aws-suggested\s+plain-5min\s+two-tier-5min/);
            assert.match(printed, /100,000\s+marketing\s+\S+/);

            const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
            assert.strictEqual(results.stack, "dev");
            assert.strictEqual(results.results.length, 2); // one row per configuration set of dev
            const marketing = results.results.find((r: { configurationSet: string }) => r.configurationSet === "marketing");
            const ours = marketing.groups.find((g: { group: string }) => g.group === "ours");
            assert.strictEqual(ours.detected, true);
            assert.ok(ours.delaySeconds > 0 && ours.delaySeconds <= 2 * 3600, `${ours.delaySeconds}`);
            // At 100,000 sends a day the fast window, scored with its rate as one of ours, fires first:
            // two 5-minute periods over 4 %.
            assert.strictEqual(ours.firstAlarm, "ses-monitoring-dev.marketing.bounce-rate-critical-fast");
            assert.ok(ours.delaySeconds <= 15 * 60, `${ours.delaySeconds}`);
            assert.ok(marketing.alarms.some((a: { alarm: string; group: string }) => a.alarm.endsWith("-critical-fast") && a.group === "ours"));
            assert.ok(!results.results.some((r: { groups: { group: string }[] }) => r.groups.some((g) => g.group !== "ours" && g.group.startsWith("ours"))));
            assert.ok(report.files.some((f) => f.endsWith("bounce-spike.svg")));
            assert.match(fs.readFileSync(path.join(out, "summary.md"), "utf8"), /\| bounce-spike \| 100,000 \| marketing \|/);

            const svg = fs.readFileSync(path.join(out, "bounce-spike.svg"), "utf8");
            assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
            assertWellFormedXml(svg);
        });

        it("replays a get-metric-data export (--metrics) against the stack's alarms", () => {
            const lines: string[] = [];
            const replayOut = path.join(out, "replay");
            const report = main(["--stack", "dev", "--metrics", path.join(__dirname, "fixtures", "get-metric-data.json"), "--out", replayOut], (l) => lines.push(l))!;
            assert.strictEqual(report.mode, "replay");
            const byName = new Map(report.replay!.map((r) => [r.alarm, r]));
            for (const severity of ["warning", "critical"]) {
                const r = byName.get(`ses-monitoring-dev.transactional.bounce-rate-${severity}`)!;
                assert.ok(r, `${severity} replayed`);
                assert.strictEqual(r.alarmTransitions, 1);
                // Hours 02:00 and 03:00 hold 60 bounces of 1,000 sends each: 6 %, over both tiers
                // (3 %, 4.5 %); the second breaching hour of three raises the alarm.
                assert.strictEqual(r.firstAlarm, "2026-03-02T04:00:00Z");
                assert.deepStrictEqual(r.transitions.map((t) => t.to), ["OK", "ALARM", "OK"]);
            }
            // The marketing set is not in the file: its alarms are not reported as quiet.
            assert.ok(![...byName.keys()].some((n) => n.includes("-marketing-")));
            assert.match(lines.join("\n"), /ignored results that match no alarm metric: AWS\/SES Open/);
            assertWellFormedXml(fs.readFileSync(path.join(replayOut, "replay.svg"), "utf8"));
            assert.ok(fs.existsSync(path.join(replayOut, "results.json")));
        });

        it("writes the get-metric-data queries that label each metric for replay", () => {
            const queriesOut = path.join(out, "queries");
            main(["--stack", "dev", "--write-queries", "--out", queriesOut], () => undefined);
            const queries = JSON.parse(fs.readFileSync(path.join(queriesOut, "metric-data-queries.json"), "utf8"));
            const labels = queries.map((q: { Label: string }) => q.Label);
            assert.ok(labels.includes("AWS/SES Send ses:configuration-set=transactional"));
            assert.ok(labels.includes("AWS/SES Reputation.BounceRate"));
            for (const q of queries) assert.match(q.Id, /^[a-z][A-Za-z0-9_]*$/);
        });
    });
});
