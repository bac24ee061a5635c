import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSesMonitoring, SesMonitoringArgs } from "../components";
import { main, parseOptions, stackAlarms } from "../tools/backtest";
import { asEvaluable, otherMetricAlarms } from "../tools/backtest/planAlarms";
import { Random } from "../tools/backtest/random";
import { DAY, generateTrace, HEALTHY, incidentOnset, Trace } from "../tools/backtest/scenarios";
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
            const hours = (day: number, h0: number, h1 = h0 + 1) => sum(healthy.sends, (day * 24 + h0) * 60, (day * 24 + h1) * 60);
            // Day 5 is a Thursday (campaign at 09:00), day 6 a Friday, day 7 a Saturday. Hours vary
            // more than Poisson (a gamma factor per hour), so the shape is checked over several.
            assert.ok(hours(5, 9) > 5 * hours(5, 14), "campaign hour");
            assert.ok(hours(5, 12, 16) > 3 * hours(5, 1, 5), "business hours over night");
            assert.ok(hours(6, 0, 24) > 1.5 * hours(7, 0, 24), "weekday over weekend");
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
            const saturday = (incidentOnset("quiet-weekend", 1) - quiet.start) / DAY;
            assert.strictEqual(new Date(incidentOnset("quiet-weekend", 1) * 1000).getUTCDay(), 6);
            const weekend = sum(quiet.sends, saturday * 1440, (saturday + 2) * 1440);
            assert.ok(weekend < 0.05 * sum(healthy.sends, saturday * 1440, (saturday + 2) * 1440), "quiet weekend");
        });

        it("draws incident onsets per seed: off the 5-minute grid, weekday and hour varying", () => {
            for (const scenario of ["bounce-spike", "rejecting-template", "provider-incident", "credential-compromise", "complaint-creep"]) {
                const onsets = Array.from({ length: 20 }, (_, i) => incidentOnset(scenario, i + 1));
                for (const t of onsets) {
                    assert.notStrictEqual((t / 60) % 5, 0, `${scenario}: ${new Date(t * 1000).toISOString()} on a 5-minute boundary`);
                    assert.ok(t >= generateTrace("healthy", 50, 1).scoredStart, "inside the scored window");
                }
                assert.ok(new Set(onsets.map((t) => new Date(t * 1000).getUTCDay())).size >= 4, `${scenario}: weekdays`);
                assert.ok(new Set(onsets.map((t) => new Date(t * 1000).getUTCHours())).size >= 6, `${scenario}: hours`);
                assert.strictEqual(generateTrace(scenario, 1000, 3).truth!.start, incidentOnset(scenario, 3), "same onset for every volume class");
            }
        });

        it("models the new incidents and senders as stated", () => {
            const compromise = generateTrace("credential-compromise", 1_000, 2);
            const c0 = (compromise.truth!.start - compromise.start) / 60;
            // 90 minutes at 2,000 an hour or more, on top of about 0.7 a minute, 30 % bouncing.
            assert.ok(sum(compromise.sends, c0, c0 + 90) > 2_500, `${sum(compromise.sends, c0, c0 + 90)} sends`);
            assert.ok(Math.abs(cohortRate(compromise, "bounceEvents", compromise.truth!.start, compromise.truth!.end) - 0.29) < 0.03);

            const surge = generateTrace("send-surge", 10_000, 2);
            const s0 = (surge.truth!.start - surge.start) / 60;
            // 3 hours at 50 times the mean (10,000 / 1,440 a minute): about 62,500 on top of the sender's own.
            assert.strictEqual(surge.truth!.measure, "sendVolume");
            assert.ok(sum(surge.sends, s0, s0 + 180) > 62_500, `${sum(surge.sends, s0, s0 + 180)} sends`);
            assert.ok(Math.abs(cohortRate(surge, "bounceEvents", surge.truth!.start, surge.truth!.end) - 0.0057) < 0.001, "the healthy rate (soft bounces of the sender's own mail besides)");

            const provider = generateTrace("provider-incident", 100_000, 2);
            const p0 = provider.truth!.start;
            // Deferring: no extra bounces for 3 hours; then a quarter of the mail, half of it bounced.
            assert.ok(cohortRate(provider, "bounceEvents", p0, p0 + 3 * 3600) < 0.04, "deferred mail bounces later, at the refusal");
            const refusing = cohortRate(provider, "bounceEvents", p0 + 3 * 3600 + 1800, p0 + 7 * 3600);
            assert.ok(Math.abs(refusing - (0.125 + 0.005)) < 0.02, `refusing ${refusing}`);

            const batch = generateTrace("batch-sender", 10_000, 1);
            for (let day = 3; day < 10; day++) {
                const hourly = Array.from({ length: 24 }, (_, h) => sum(batch.sends, (day * 24 + h) * 60, (day * 24 + h + 1) * 60));
                assert.strictEqual(hourly.filter((n) => n > 0).length, 1, `day ${day}: one sending hour`);
            }
            assert.throws(() => generateTrace("healthy", 1e12, 1), /volume 1000000000000 sends a day is outside 1-10,000,000/);
        });

        it("lags bounces by minutes (mostly) and complaints by hours to days", () => {
            const lags = (log: Trace["bounceEvents"]) => Array.from(log.arrivedMinute, (a, i) => a - log.sentMinute[i]).sort((x, y) => x - y);
            const bounce = lags(healthy.bounceEvents);
            const complaint = lags(healthy.complaintEvents);
            assert.ok(bounce[Math.floor(bounce.length * 0.6)] <= 10, "most bounces within minutes");
            assert.ok(bounce[Math.floor(bounce.length * 0.95)] >= 120, "some after hours");
            // Soft bounces come back once SES stops retrying: hours later, at most 14 hours, bunched at the cap.
            const atCap = bounce.filter((lag) => lag === 14 * 60).length / bounce.length;
            assert.ok(atCap > 0.01 && atCap < 0.05, `soft bounces at the 14-hour cap ${atCap}`);
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

        it("reads seed ranges and refuses absurd volumes, seeds and windows with a message", () => {
            assert.deepStrictEqual(parseOptions(["--seeds", "11-14,20"]).seeds, [11, 12, 13, 14, 20]);
            assert.deepStrictEqual(parseOptions(["--seed", "7"]).seeds, [7]);
            assert.deepStrictEqual(parseOptions([]).seeds, [1]);
            assert.strictEqual(parseOptions([]).window, "sliding");
            assert.strictEqual(parseOptions(["--window", "wall-clock"]).window, "wall-clock");
            assert.throws(() => parseOptions(["--window", "hourly"]), /--window: hourly is not one of sliding, wall-clock/);
            assert.throws(() => parseOptions(["--seeds", "30-11"]), /--seeds: 30-11 runs backwards/);
            assert.throws(() => parseOptions(["--seeds", "1-100000"]), /more than 100 seeds/);
            assert.throws(() => parseOptions(["--seeds", "x"]), /not a seed/);
            assert.throws(() => parseOptions(["--seed", "1", "--seeds", "2"]), /give one of them/);
            assert.throws(() => parseOptions(["--volume", "1e12"]), /--volume: 1000000000000 sends a day is more than the 10,000,000/);
            assert.throws(() => parseOptions(["--volume=-5"]), /not a positive number/);
        });

        it("runs one scenario on the dev stack: the table, results.json, summary.md and a well-formed SVG", async () => {
            const lines: string[] = [];
            const report = (await main(["--stack", "dev", "--scenario", "bounce-spike", "--volume", "100000", "--out", out], (l) => lines.push(l)))!;
            const printed = lines.join("\n");
            assert.match(printed, /bounce-spike: a bad list/);
            assert.match(printed, /sends\/day\s+set\s+ours\s+aws-suggested\s+plain-5min\s+two-tier-5min/);
            assert.match(printed, /100,000\s+marketing\s+\S+/);

            const results = JSON.parse(fs.readFileSync(path.join(out, "results.json"), "utf8"));
            assert.strictEqual(results.stack, "dev");
            assert.strictEqual(results.results.length, 2); // one row per configuration set of dev
            const marketing = results.results.find((r: { configurationSet: string }) => r.configurationSet === "marketing");
            const ours = marketing.seeds[0].groups.find((g: { group: string }) => g.group === "ours");
            assert.strictEqual(ours.detected, true);
            assert.ok(ours.delaySeconds > 0 && ours.delaySeconds <= 2 * 3600, `${ours.delaySeconds}`);
            // One seed: the aggregate's median and worst are that seed's delay.
            const aggregate = marketing.groups.find((g: { group: string }) => g.group === "ours");
            assert.deepStrictEqual([aggregate.seeds, aggregate.medianDelaySeconds, aggregate.worstDelaySeconds], [1, ours.delaySeconds, ours.delaySeconds]);
            assert.ok(marketing.seeds[0].alarms.some((a: { alarm: string; group: string }) => a.alarm.endsWith("-critical-fast") && a.group === "ours"));
            assert.ok(!results.results.some((r: { groups: { group: string }[] }) => r.groups.some((g) => g.group !== "ours" && g.group.startsWith("ours"))));
            assert.ok(report.files.some((f) => f.endsWith("bounce-spike.svg")));
            assert.match(fs.readFileSync(path.join(out, "summary.md"), "utf8"), /\| bounce-spike \| 100,000 \| marketing \|/);

            const svg = fs.readFileSync(path.join(out, "bounce-spike.svg"), "utf8");
            assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
            assertWellFormedXml(svg);
        });

        it("replays auto-pause on a stack that has it, and the send ceiling with --ceilings: tables, results.json and the chart's pause", async () => {
            const lines: string[] = [];
            const apOut = path.join(out, "auto-pause");
            const report = (await main(["--stack", "defaults-auto-pause", "--scenario", "bounce-spike", "--volume", "1000000", "--without-baselines", "--ceilings", "2", "--out", apOut], (l) => lines.push(l)))!;
            const printed = lines.join("\n");
            assert.match(printed, /auto-pause \(seed 1; pause = first triggering ALARM \+ 60 s, never resumed/);
            assert.match(printed, /send-volume ceiling \(seed 1\)/);
            const [result] = report.results;
            const pause = result.autoPause!.seeds[0];
            assert.strictEqual(pause.configurationSet, "main");
            assert.ok(pause.pauseTime! > Date.parse(result.seeds[0].truth!.start) / 1000, "paused after the incident began");
            // Every bounce of the incident's mail either happened before the pause or was avoided.
            assert.strictEqual(pause.eventsBeforePause + pause.eventsAvoided, pause.incidentEvents);
            assert.ok(pause.eventsAvoided > 0 && pause.heldBackDuringIncident > 0 && pause.heldBackAfterIncident > 0);
            assert.deepStrictEqual(result.ceilings!.groups.map((g) => g.group), ["ceiling 2x"]);
            assert.strictEqual(result.ceilings!.seeds[0].ceilings[0], Math.ceil(2 * result.ceilings!.seeds[0].typicalPeak));
            const summary = fs.readFileSync(path.join(apOut, "summary.md"), "utf8");
            assert.match(summary, /## Auto-pause/);
            assert.match(summary, /\| bounce-spike \| 1,000,000 \| main \| 1 of 1 \|/);
            assert.match(summary, /## Send-volume ceiling/);
            const svg = fs.readFileSync(path.join(apOut, "bounce-spike.svg"), "utf8");
            assertWellFormedXml(svg);
            assert.match(svg, /auto-pause: main stops at/);
            assert.match(svg, /held back by the pause: avoided/);

            // Auto-pause changes no alarm: the same delays and false alarms as the defaults.
            const plain = (await main(["--stack", "defaults", "--scenario", "bounce-spike", "--volume", "1000000", "--without-baselines", "--out", path.join(out, "plain")], () => undefined))!;
            assert.deepStrictEqual(plain.results[0].groups, result.groups);
            assert.strictEqual(plain.results[0].autoPause, undefined);
            assert.throws(() => parseOptions(["--ceilings", "2,0"]), /--ceilings: "0" is not a positive multiple/);
            assert.deepStrictEqual(parseOptions(["--ceilings", "1.5,2,3"]).ceilings, [1.5, 2, 3]);
        });

        it("replays a get-metric-data export (--metrics) against the stack's alarms", async () => {
            const lines: string[] = [];
            const replayOut = path.join(out, "replay");
            const report = (await main(["--stack", "dev", "--metrics", path.join(__dirname, "fixtures", "get-metric-data.json"), "--out", replayOut], (l) => lines.push(l)))!;
            assert.strictEqual(report.mode, "replay");
            const byName = new Map(report.replay!.map((r) => [r.alarm, r]));
            for (const severity of ["warning", "critical"]) {
                const r = byName.get(`ses-monitoring-dev.transactional.bounce-rate-${severity}`)!;
                assert.ok(r, `${severity} replayed`);
                // Hours 02:00 and 03:00 hold 60 bounces of 1,000 sends each (6 %), but the file holds
                // one datapoint an hour: no 30-minute window ever holds the 1,500 sends of the guard.
                assert.strictEqual(r.alarmTransitions, 0);
                // ... so it is told apart from an alarm that watched and stayed OK.
                assert.strictEqual(r.status, "no-datapoint");
                assert.strictEqual(r.datapoints, 0);
            }
            // The hourly reject rate had datapoints (1,000 sends an hour over its guard) and stayed OK.
            const reject = byName.get("ses-monitoring-dev.transactional.reject-rate-warning")!;
            assert.strictEqual(reject.status, "ok");
            assert.ok(reject.datapoints > 0);
            // The marketing set is not in the file: its alarms are listed as not replayed, and why.
            const marketing = report.replay!.filter((r) => r.configurationSet === "marketing" && r.group === "ours");
            assert.ok(marketing.length > 0);
            for (const r of marketing) {
                assert.strictEqual(r.status, "not-replayed", r.alarm);
                assert.match(r.why!, /^its metrics \((Send|Reputation)[^)]*\) are not in the file$/);
            }
            // Every alarm of the plan is listed, the poller's too.
            const stack = stackAlarms({ stack: "dev" });
            for (const a of [...stack.alarms, ...stack.others]) assert.ok(byName.has(a.name), `${a.name} listed`);
            assert.strictEqual(byName.get("ses-monitoring-dev.sending-api-quota-used-warning")!.status, "not-replayed");
            assert.match(lines.join("\n"), /the stack's \d+ alarms: 0 reached ALARM, \d+ OK \(never breached\), \d+ without a datapoint in the whole range, \d+ not replayed/);
            assert.match(lines.join("\n"), /ignored results that match no alarm metric: AWS\/SES Open/);
            assert.match(lines.join("\n"), /datapoints 3600 s apart: .*\(fetch with a period of 60 s\)/);
            assertWellFormedXml(fs.readFileSync(path.join(replayOut, "replay.svg"), "utf8"));
            assert.ok(fs.existsSync(path.join(replayOut, "results.json")));
        });

        it("replays a per-minute export with the same per-minute sliding evaluation as the scenarios", async () => {
            // 50 sends a minute from 00:00 to 05:59 (1,500 per 30 minutes: the guard), 3 bounces a
            // minute (6 %) from 02:00 to 03:59, one bounce every 4 minutes (0.5 %) otherwise.
            const t0 = Date.UTC(2026, 2, 2) / 1000;
            const minutes = Array.from({ length: 360 }, (_, m) => m);
            const stamp = (m: number) => new Date((t0 + m * 60) * 1000).toISOString();
            const bounces = (m: number) => (m >= 120 && m < 240 ? 3 : m % 4 === 0 ? 1 : 0);
            const file = path.join(out, "per-minute.json");
            fs.writeFileSync(file, JSON.stringify({
                MetricDataResults: [
                    { Id: "m0", Label: "AWS/SES Send ses:configuration-set=transactional", Timestamps: minutes.map(stamp), Values: minutes.map(() => 50), StatusCode: "Complete" },
                    { Id: "m1", Label: "AWS/SES Bounce ses:configuration-set=transactional", Timestamps: minutes.filter((m) => bounces(m) > 0).map(stamp), Values: minutes.filter((m) => bounces(m) > 0).map(bounces), StatusCode: "Complete" },
                ],
            }));
            const lines: string[] = [];
            const report = (await main(["--stack", "dev", "--metrics", file, "--out", path.join(out, "per-minute")], (l) => lines.push(l)))!;
            assert.doesNotMatch(lines.join("\n"), /s apart/);
            const first = (severity: string) => report.replay!.find((r) => r.alarm === `ses-monitoring-dev.transactional.bounce-rate-${severity}`)!.firstAlarm;
            // Warning, 3 % in 4 of 4 sliding half-hours: the oldest window must hold 14 minutes of the
            // spike (42 + 4 bounces of 1,500 = 3.07 %; with 13 it is 43, 2.87 %). It does for the
            // windows ending with minute 03:43: evaluated at 03:44.
            assert.strictEqual(first("warning"), "2026-03-02T03:44:00Z");
            // Critical, 4.5 %: 22 minutes of the spike (66 + 2 = 68 of 1,500 = 4.53 %; 21 give 65):
            // the windows ending with minute 03:51, evaluated at 03:52.
            assert.strictEqual(first("critical"), "2026-03-02T03:52:00Z");
            // 5-minute windows hold 250 sends, under the fast window's 2,000: it never evaluates.
            assert.strictEqual(report.replay!.find((r) => r.alarm.endsWith("transactional.bounce-rate-critical-fast"))!.alarmTransitions, 0);
        });

        it("writes the get-metric-data queries that label each metric for replay", async () => {
            const queriesOut = path.join(out, "queries");
            await main(["--stack", "dev", "--write-queries", "--out", queriesOut], () => undefined);
            const queries = JSON.parse(fs.readFileSync(path.join(queriesOut, "metric-data-queries.json"), "utf8"));
            const labels = queries.map((q: { Label: string }) => q.Label);
            assert.ok(labels.includes("AWS/SES Send ses:configuration-set=transactional"));
            assert.ok(labels.includes("AWS/SES Reputation.BounceRate"));
            for (const q of queries) assert.match(q.Id, /^[a-z][A-Za-z0-9_]*$/);
        });
    });
});

describe("the plan's metric alarms, one shape for the replay and the dashboard picture (tools/backtest/planAlarms.ts)", () => {
    it("lists every poller, volume and canary alarm; a ceiling replays at its threshold, an anomaly band does not replay", () => {
        const plan = planSesMonitoring({ configurationSets: { a: {} }, volume: { enabled: true, setMaxSends: { a: 5000 } } } as SesMonitoringArgs, { project: "p", stack: "s" });
        const others = otherMetricAlarms(plan);
        assert.deepStrictEqual(others.map((a) => a.name).sort(), [...plan.pollerAlarms, ...plan.volumeAlarms, ...plan.canaryAlarms].map((a) => a.name).sort());
        const ceiling = others.find((a) => a.measure === "sendCeiling" && a.configurationSet === "a")!;
        assert.strictEqual(asEvaluable(ceiling)!.threshold, 5000);
        const band = others.find((a) => a.threshold === undefined);
        assert.ok(band, "the account's anomaly band");
        assert.strictEqual(asEvaluable(band), undefined);
        // The rate alarms fit the same shape as they are.
        assert.strictEqual(asEvaluable(plan.alarms[0])!.name, plan.alarms[0].name);
    });
});
