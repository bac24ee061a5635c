import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main as backtest, stackAlarms } from "../tools/backtest";
import { EXIT, main as plan } from "../tools/plan";
import { DOCS_RECIPES, RECIPES } from "../tools/plan/docsPictures";
import { Plan } from "../tools/plan/report";

/** docs/recipes.md: each recipe's stack file, planned with its profile and backtested on it. */

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ses-recipe-"));

async function planned(stack: string): Promise<{ plan: Plan; stdout: string; out: string }> {
    const out = tmp();
    let stdout = "";
    const code = await plan(["--stack", stack, "--out", out, "--no-preview"], { stdout: (t) => { stdout += t + "\n"; }, stderr: (t) => { stdout += t + "\n"; } });
    assert.strictEqual(code, EXIT.ok, stdout);
    return { plan: JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8")), stdout, out };
}

const warned = (p: Plan, pattern: RegExp) => p.coverage!.warnings.some((w) => pattern.test(w));

describe("recipes (docs/recipes.md)", function () {
    this.timeout(180_000);

    for (const recipe of RECIPES) {
        it(`${recipe}: plans with its profile (coverage of every set, the picture) and backtests on it`, async () => {
            const stack = `recipe-${recipe}`;
            const { plan: p, out } = await planned(stack);
            assert.strictEqual(p.coverage!.status, "known");
            const sets = Object.keys(stackAlarms({ stack }).profile!.sets);
            for (const set of sets) assert.ok(p.coverage!.rows.some((r) => r.configurationSet === set), set);
            const picture = fs.readFileSync(path.join(out, "coverage.svg"), "utf8");
            assert.match(picture, /^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
            // The page shows the current picture (npm run pictures redraws it).
            assert.ok(picture === fs.readFileSync(path.join(DOCS_RECIPES, `${recipe}-coverage.svg`), "utf8"), `docs/recipes/${recipe}-coverage.svg is not current: npm run pictures`);

            const lines: string[] = [];
            const report = (await backtest(["--stack", stack, "--scenario", "healthy,bounce-spike", "--seeds", "11", "--without-baselines", "--out", tmp()], (l) => lines.push(l)))!;
            // One row per set and scenario, each on its own profile's volume.
            assert.strictEqual(report.results.length, 2 * sets.length);
            for (const r of report.results) assert.ok(r.profile, `${r.configurationSet} ran on its profile`);
            assert.match(lines.join("\n"), /\(profile\)/);
        });
    }

    it("newsletter (the acme-like stack): every case that cannot fire is warned", async () => {
        const { plan: p } = await planned("recipe-newsletter");
        // The complaint rate's one 7-day period holds the newsletter's whole week: it can fire
        // (the former daily 2-of-2 window could not: a day after the blast held too few complaints).
        assert.strictEqual(p.coverage!.rows.find((r) => r.alarm.endsWith("newsletter.complaint-rate-warning"))!.canAlarm, "yes");
        assert.ok(!warned(p, /newsletter\.complaint-rate-(warning|critical): cannot fire/));
        assert.ok(warned(p, /transactional\.bounce-rate-(warning|critical): cannot fire: no 30 min period reaches the guard/));
        // The plan advises the transactional set the share of its average half-hour (0.72 of 833);
        // the newsletter sends only in its blast, 37,500 a half-hour: no advice.
        assert.ok(warned(p, /^set transactional: about 40,000 sends a day: its bounce guard \(1,500 sends\) is above .* \{ minimumSends: 600 \}/));
        assert.ok(!warned(p, /^set newsletter: about/));
        // Two sets with different profiles: different rows in the backtest.
        const report = (await backtest(["--stack", "recipe-newsletter", "--scenario", "bounce-spike", "--seeds", "11", "--without-baselines", "--out", tmp()], () => undefined))!;
        const [news, trans] = ["newsletter", "transactional"].map((s) => report.results.find((r) => r.configurationSet === s)!);
        assert.ok(Math.abs(news.volumePerDay - 150_000 / 7) < 1e-6);
        assert.ok(Math.abs(trans.volumePerDay - 40_000) < 1e-6);
        assert.notDeepStrictEqual(news.seeds[0].alarms.map((a) => a.falseAlarms + (a.delaySeconds ?? -1)), trans.seeds[0].alarms.map((a) => a.falseAlarms + (a.delaySeconds ?? -1)));
    });

    it("multi-tenant: each tenant is advised the bounce guard of its volume (raised for the large, lowered for the others)", async () => {
        const { plan: p } = await planned("recipe-multi-tenant");
        const advice = (tenant: string) => p.coverage!.warnings.filter((w) => w.startsWith(`set ${tenant}: about`)).map((w) => /\{ minimumSends: (\d+) \}/.exec(w)?.[1]);
        assert.deepStrictEqual([advice("tenant-large"), advice("tenant-medium"), advice("tenant-small")], [["4500"], ["450"], ["50"]]);
    });

    it("low-volume: the rate alarms cannot fire, the set's reputation alarms cover it", async () => {
        const { plan: p } = await planned("recipe-low-volume");
        assert.ok(warned(p, /app\.bounce-rate-critical: cannot fire: no 30 min period reaches the guard/));
        assert.ok(!warned(p, /no alarm can fire on its (bounce|complaint) rate/));
        // About 2,857 a day on average, 60 a half-hour: the floor of 50 sends is advised.
        assert.ok(warned(p, /^set app: about 2,857 sends a day: .* \{ minimumSends: 50 \}/));
        assert.strictEqual(p.coverage!.rows.find((r) => r.alarm.endsWith("app.reputation-bounce-rate-critical"))!.canAlarm, "yes");
        // The reject rate's confidence bound sees the set at the defaults: its critical alarm can fire,
        // while a 3 % rate (three times the warning tier) in an hour of 400 sends is not significant.
        assert.strictEqual(p.coverage!.rows.find((r) => r.alarm.endsWith("app.reject-rate-critical"))!.canAlarm, "yes");
        assert.ok(warned(p, /app\.reject-rate-warning: cannot fire: 1 of 1 periods with a datapoint hold too few of an incident's events: a 3 % reject rate never breaches 1 of them/));
    });

    it("generate refuses, by name, a stack without a profile, an unknown scenario and a day count out of range", async () => {
        const refusal = async (args: string[]) => {
            try {
                await backtest(["generate", ...args, "--out", path.join(tmp(), "m.json")], () => undefined);
            } catch (err) {
                return (err as Error).message;
            }
            assert.fail(`accepted ${args.join(" ")}`);
        };
        assert.strictEqual(await refusal(["--stack", "dev"]), "generate: stack dev has no ses-monitoring:traffic and no --profile was given: nothing to generate from");
        assert.match(await refusal(["--stack", "recipe-newsletter", "--scenario", "flood"]), /^generate: --scenario flood is not one of healthy, /);
        assert.strictEqual(await refusal(["--stack", "recipe-newsletter", "--days", "31"]), "generate: --days 31 must be a whole number of days from 1 to 30");
        assert.strictEqual(await refusal(["--stack", "recipe-newsletter", "--set", "marketing"]), "generate: set marketing has no traffic profile (profiled: transactional, newsletter)");
    });

    it("a generated weekly-blast file replays with every alarm of the plan listed, replayed or not", async () => {
        const out = tmp();
        const file = path.join(out, "metrics.json");
        await backtest(["generate", "--stack", "recipe-newsletter", "--set", "newsletter", "--scenario", "bounce-spike", "--seed", "11", "--out", file], () => undefined);
        const answer = JSON.parse(fs.readFileSync(file, "utf8"));
        const send = answer.MetricDataResults.find((r: { Label: string }) => r.Label === "AWS/SES Send ses:configuration-set=newsletter");
        // Two weeks of a 150,000 blast over two hours on Tuesdays: 240 minutes of sends, newest first.
        assert.strictEqual(send.Timestamps.length, 240);
        assert.strictEqual(send.Timestamps[send.Timestamps.length - 1], "2026-01-06T13:00:00+00:00");
        assert.ok(send.Timestamps[0] > send.Timestamps[1], "newest first, as get-metric-data answers");

        const report = (await backtest(["--stack", "recipe-newsletter", "--metrics", file, "--out", out], () => undefined))!;
        const stack = stackAlarms({ stack: "recipe-newsletter" });
        const listed = new Map(report.replay!.filter((r) => r.group === "ours").map((r) => [r.alarm, r]));
        assert.deepStrictEqual([...listed.keys()].sort(), [...stack.alarms, ...stack.others].map((a) => a.name).sort());
        const status = (suffix: string) => listed.get(`ses-monitoring-recipe-newsletter.${suffix}`)!.status;
        // The spike falls in the 13 January blast: the bounce alarms fire; the transactional set is not in the file.
        assert.strictEqual(status("newsletter.bounce-rate-critical-fast"), "alarm");
        assert.strictEqual(status("newsletter.complaint-rate-critical"), "ok");
        assert.strictEqual(status("transactional.bounce-rate-critical"), "not-replayed");
        assert.strictEqual(status("sending-api-quota-used-warning"), "not-replayed");
        // The committed sample is this file.
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "docs", "recipes", "newsletter-metrics.json"), "utf8")), answer);
    });
});
