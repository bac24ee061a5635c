import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSesMonitoring, SesMonitoringArgs } from "../components";
import { unknownConfigKeys } from "../program/stackConfig";
import { EXIT, main as planMain } from "../tools/plan";
import { computeCoverage, Coverage, CoverageRow, expectedArrivals, HOW_TO_GIVE_PROFILE } from "../tools/plan/coverage";
import { lowerGuardHelps } from "../tools/plan/guardAdvice";
import { Plan } from "../tools/plan/report";
import {
    checkTrafficProfile, longestNormalGapMinutes, onsetWhereSending, peakDaySends, ProfileError, sendsAt, TrafficProfile, WEEK_MINUTES, weeklySends,
} from "../tools/profiles";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const CONTEXT = { project: "ses-monitoring", stack: "cov" };
/** Monday 2026-01-05 00:00 UTC. */
const MONDAY = Date.UTC(2026, 0, 5) / 1000;

/** The alarm settings the expectations below are worked out from, pinned so a change of defaults does not move them. */
const PINNED: SesMonitoringArgs["alarms"] = {
    bounceRate: { minimumSends: 1500, periodSeconds: 1800, evaluationPeriods: 4, datapointsToAlarm: 4, fastWindow: { enabled: false } },
    complaintRate: { minimumSends: 20000, periodSeconds: 86400, evaluationPeriods: 2, datapointsToAlarm: 2 },
    rejectRate: { enabled: false },
} as SesMonitoringArgs["alarms"];

const BLAST = { day: "tuesday", hour: 13, size: 150_000, durationHours: 2 } as const;
const ACME: TrafficProfile = { dailyQuota: 200_000, sets: { transactional: { sendsPerDay: 40_000 }, newsletter: { weeklyBlasts: [BLAST] } } };

function coverageOf(sets: Record<string, object>, profile: TrafficProfile | undefined, extra: Partial<SesMonitoringArgs> = {}): Coverage {
    const plan = planSesMonitoring({ configurationSets: sets, alarms: PINNED, ...extra } as SesMonitoringArgs, CONTEXT);
    return computeCoverage(plan, profile, "test");
}
const row = (c: Coverage, suffix: string): CoverageRow => {
    const r = c.rows.find((x) => x.alarm === `ses-monitoring-cov.${suffix}`);
    assert.ok(r, `row ${suffix} in ${c.rows.map((x) => x.alarm).join(", ")}`);
    return r;
};

describe("traffic profiles", () => {
    it("advises bounce guards that keep the defaults' share of an average period: raised where a set's own are smaller, lowered where above an average period", () => {
        const guards = (sendsPerDay: number, bounceRate: object = {}) => coverageOf({ big: { alarms: { bounceRate } } }, { sets: { big: { sendsPerDay } } })
            .warnings.filter((w) => w.startsWith("set big: about"));
        const fastWindow = { enabled: true, periodSeconds: 300, minimumSends: 5000, evaluationPeriods: 4, datapointsToAlarm: 4 };
        const text = (perDay: string, raise: string) => `set big: about ${perDay} sends a day: its bounce guards let through periods far quieter than its average; if its evenings and nights are quiet and its campaigns large, a campaign's late and soft bounces over them page with nothing wrong. The guards that keep the share of an average period the defaults were tuned at: configurationSets.big.alarms.bounceRate: { ${raise} }; the price: the bounce alarms no longer see those quiet periods, a bad list or a provider's bounces in them included (docs/alarms.md, "Guards by volume")`;
        // 0.72 of an average half-hour: 15,000 at 1,000,000 a day; 3,750 rounded to 4,000 at 250,000.
        assert.deepStrictEqual(guards(1_000_000), [text("1,000,000", "minimumSends: 15000")]);
        assert.deepStrictEqual(guards(250_000), [text("250,000", "minimumSends: 4000")]);
        // 100,000 a day is where 1,500 was tuned: 0.72 of 2,083 is 1,500, nothing to raise.
        assert.deepStrictEqual(guards(100_000), []);
        assert.deepStrictEqual(guards(116_000), [], "1,740 a half-hour rounds to the 1,500 the set has");
        assert.deepStrictEqual(guards(120_000), [text("120,000", "minimumSends: 2000")]);
        // The fast window keeps its 5,000 to about 1,510,000 a day (1.0 of an average 5 minutes, to the nearest 500).
        assert.deepStrictEqual(guards(1_000_000, { fastWindow }), [text("1,000,000", "minimumSends: 15000")]);
        assert.deepStrictEqual(guards(3_000_000, { fastWindow }), [text("3,000,000", "minimumSends: 45000, fastWindow: { minimumSends: 10500 }")]);
        assert.deepStrictEqual(guards(3_000_000, { fastWindow, minimumSends: 45_000 }), [text("3,000,000", "fastWindow: { minimumSends: 10500 }")]);
        // A set that already keeps the share, a day-long window, a confidence bound, no alarm: nothing.
        assert.deepStrictEqual(guards(3_000_000, { minimumSends: 45_000, fastWindow: { ...fastWindow, minimumSends: 10_500 } }), []);
        const daily = { periodSeconds: 86_400, evaluationPeriods: 1, datapointsToAlarm: 1, minimumSends: 20_000 };
        assert.deepStrictEqual(guards(1_000_000, daily), []);
        // A daily tier's own guard is not advised, its fast window's is.
        assert.deepStrictEqual(guards(1_000_000, { ...daily, fastWindow }), []);
        assert.deepStrictEqual(guards(3_000_000, { ...daily, fastWindow }), [text("3,000,000", "fastWindow: { minimumSends: 10500 }")]);
        assert.deepStrictEqual(guards(1_000_000, { confidenceBound: true }), []);
        assert.deepStrictEqual(guards(1_000_000, { enabled: false }), []);
        // Below 72,000 a day the 1,500 sends are more than an average half-hour: lowered to the share.
        const lower = (perDay: string, own: string, average: string, advised: number) => `set big: about ${perDay} sends a day: its bounce guard (${own} sends) is above the sends of its average 30 min period (${average}): periods short of it have no bounce rate, and a bad list is seen only in periods well above it, if at all. The guard that keeps the share of an average period the defaults were tuned at: configurationSets.big.alarms.bounceRate: { minimumSends: ${advised} }; the price: more of its quieter periods count, and where evenings are quiet after large campaigns their late bounces page on some healthy evenings (docs/alarms.md, "Guards by volume")`;
        assert.deepStrictEqual(guards(20_000), [lower("20,000", "1,500", "417", 300)]);
        assert.deepStrictEqual(guards(3_100), [lower("3,100", "1,500", "65", 50)]);
        assert.deepStrictEqual(guards(72_000), []);
        // A profile's week summed (71,999.99999 a day for 72,000 diurnal-deep) is on the side it was given on.
        const deep = (sendsPerDay: number) => coverageOf({ big: {} }, { sets: { big: { sendsPerDay, shape: "diurnal-deep" } } }).warnings.filter((w) => w.startsWith("set big: about"));
        assert.deepStrictEqual(deep(72_000), []);
        assert.strictEqual(deep(2_400).length, 1);
        // Flat 2,400 a day: every half-hour holds 50 sends (49.99999... summed), the floor, and reaches it.
        assert.deepStrictEqual(guards(2_400).map((w) => /\{ minimumSends: (\d+) \}/.exec(w)?.[1]), ["50"]);
        // Under 50 sends an average half-hour, no guard is advised: the coverage rows show what the rate sees.
        assert.deepStrictEqual(guards(2_000), []);
        assert.deepStrictEqual(guards(20_000, { minimumSends: 400 }), []);
        // A set that sends only in a weekly blast (37,500 a half-hour) has its datapoints in the blast with either guard: nothing to say.
        const blastOnly = coverageOf({ big: {} }, { sets: { big: { weeklyBlasts: [BLAST] } } }).warnings.filter((w) => w.startsWith("set big: about"));
        assert.deepStrictEqual(blastOnly, []);
        // Nor with a trickle besides, 1,000 a day around the clock (21 a half-hour): no lower guard reaches it.
        const trickle = coverageOf({ big: {} }, { sets: { big: { sendsPerDay: 1_000, weeklyBlasts: [BLAST] } } }).warnings.filter((w) => w.startsWith("set big: about"));
        assert.deepStrictEqual(trickle, []);
        // A blast of 2,000 a half-hour for 5 hours reaches 1,500, but barely: advised (59.5 a half-hour on average).
        const close = coverageOf({ big: {} }, { sets: { big: { weeklyBlasts: [{ ...BLAST, size: 20_000, durationHours: 5 }] } } }).warnings.filter((w) => w.startsWith("set big: about"));
        assert.strictEqual(close.length, 1);
        assert.match(close[0], /^set big: about 2,857 sends a day: .*\{ minimumSends: 50 \}/);
        // At 3,000 a half-hour, twice the guard, it is not.
        const far = coverageOf({ big: {} }, { sets: { big: { weeklyBlasts: [{ ...BLAST, size: 30_000, durationHours: 5 }] } } }).warnings.filter((w) => w.startsWith("set big: about"));
        assert.deepStrictEqual(far, []);
        // The share is of the set's own period: hourly periods at 1,000,000 a day, 30,000.
        assert.deepStrictEqual(guards(1_000_000, { periodSeconds: 3600, evaluationPeriods: 2, datapointsToAlarm: 2 }), [text("1,000,000", "minimumSends: 30000")]);
    });

    it("a lower guard helps where more half-hours reach it, or where those reaching the set's own hold under twice it", () => {
        const week = (perHalfHour: (i: number) => number) => {
            const w = new Float64Array(WEEK_MINUTES);
            for (let m = 0; m < WEEK_MINUTES; m++) w[m] = perHalfHour(Math.floor(m / 30)) / 30;
            return w;
        };
        // Every half-hour holds exactly the lower guard: all reach it, none the set's own.
        assert.strictEqual(lowerGuardHelps(week(() => 300), 30, 1500, 300), true);
        assert.strictEqual(lowerGuardHelps(week(() => 299.99), 30, 1500, 300), false);
        // Half-hours of 2,999 reach 1,500 barely; 3,000 (twice it) do not count as close.
        const blast = (sends: number) => week((i) => (i < 4 ? sends : 0));
        assert.strictEqual(lowerGuardHelps(blast(2999), 30, 1500, 50), true);
        assert.strictEqual(lowerGuardHelps(blast(3000), 30, 1500, 50), false);
        // A 50-minute period does not divide the week: the last one (its last 30 minutes) runs on into
        // the week's first 20. 300 + 200 sends reach 400 there; neither part alone does.
        const ends = new Float64Array(WEEK_MINUTES);
        for (let m = WEEK_MINUTES - 30; m < WEEK_MINUTES; m++) ends[m] = 10;
        for (let m = 0; m < 20; m++) ends[m] = 10;
        assert.strictEqual(lowerGuardHelps(ends, 50, 1500, 400), true);
        assert.strictEqual(lowerGuardHelps(ends, 50, 1500, 501), false);
    });

    it("warns a set whose auto-pause can never act on a rate for its traffic, naming the alarms it follows", () => {
        // The fast window pinned as the default's (the other pinned settings leave it off).
        const fastWindow = { enabled: true, periodSeconds: 300, minimumSends: 5000, evaluationPeriods: 4, datapointsToAlarm: 4 };
        const shop = (autoPause: object) => ({ autoPause, alarms: { bounceRate: { fastWindow } } });
        const idle = (sendsPerDay: number, autoPause: object = {}) => coverageOf({ shop: shop(autoPause) }, { sets: { shop: { sendsPerDay } } })
            .warnings.filter((w) => w.startsWith("set shop: auto-pause"));
        // 40,000 a day around the clock: 139 sends per 5 minutes, far under the fast window's 5,000;
        // the complaint rate's daily window (pinned: 2 of 2 over 20,000) may pause, and can fire.
        assert.deepStrictEqual(idle(40_000), [
            "set shop: auto-pause on bounceRate follows shop.bounce-rate-critical-fast, which cannot fire on this traffic: it will never pause the set for bounceRate (the alarms still page where they can; see their rows)",
        ]);
        // 1,440,000 a day: exactly 5,000 per 5 minutes, the guard met.
        assert.deepStrictEqual(idle(1_440_000), []);
        assert.deepStrictEqual(idle(40_000, { triggers: ["complaintRate"] }), []);
        // Without a profile nothing is known, and nothing is said.
        const plan = planSesMonitoring({ configurationSets: { shop: shop({}) }, alarms: PINNED } as SesMonitoringArgs, CONTEXT);
        assert.ok(!computeCoverage(plan, undefined, "test").warnings.some((w) => w.includes("auto-pause")));
    });

    it("refuses what cannot be a profile, naming the field path, the value and the rule", () => {
        const refusal = (value: unknown): string[] => {
            try {
                checkTrafficProfile(value, "ses-monitoring:traffic", ["a", "b"]);
            } catch (err) {
                assert.ok(err instanceof ProfileError);
                return err.problems;
            }
            assert.fail("accepted");
        };
        assert.deepStrictEqual(refusal([1]), ["ses-monitoring:traffic: [1] must be a mapping with `sets` (and optionally `dailyQuota`)"]);
        assert.deepStrictEqual(refusal({ sets: { c: { sendsPerDay: 1 } } }), ["ses-monitoring:traffic.sets.c: is not a configuration set of the stack (a, b)"]);
        assert.deepStrictEqual(refusal({ dailyQuota: -5, sets: { a: { sendsPerDay: "many", shape: "weekly", extra: 1 } } }), [
            "ses-monitoring:traffic.dailyQuota: -5 must be a number more than 0, a whole number, at most 100,000,000",
            "ses-monitoring:traffic.sets.a.extra: is not a profile field (known: sendsPerDay, shape, weeklyBlasts)",
            "ses-monitoring:traffic.sets.a.sendsPerDay: \"many\" must be a number 0 or more, at most 100,000,000",
            "ses-monitoring:traffic.sets.a.shape: \"weekly\" must be one of flat, business-hours, diurnal, diurnal-deep",
        ]);
        assert.deepStrictEqual(refusal({ sets: { a: { weeklyBlasts: [{ day: "tue", hour: 24, size: 0, durationHours: 25 }] } } }), [
            "ses-monitoring:traffic.sets.a.weeklyBlasts[0].day: \"tue\" must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday",
            "ses-monitoring:traffic.sets.a.weeklyBlasts[0].hour: 24 must be a whole hour 0-23 (UTC)",
            "ses-monitoring:traffic.sets.a.weeklyBlasts[0].size: 0 must be a number more than 0, a whole number, at most 100,000,000",
            "ses-monitoring:traffic.sets.a.weeklyBlasts[0].durationHours: 25 must be a number more than 0, at most 24",
        ]);
        assert.deepStrictEqual(refusal({ sets: { a: {} } }), ["ses-monitoring:traffic.sets.a: sends nothing (give sendsPerDay, weeklyBlasts or both)"]);
    });

    it("turns a profile into the expected sends of every minute of a week from Monday 00:00 UTC", () => {
        const flat = weeklySends({ sendsPerDay: 1440 });
        assert.strictEqual(flat.length, WEEK_MINUTES);
        assert.ok(flat.every((v) => v === 1));
        const office = weeklySends({ sendsPerDay: 6000, shape: "business-hours" });
        assert.strictEqual(office[8 * 60 - 1], 0, "Monday 07:59");
        assert.strictEqual(office[8 * 60], 10, "Monday 08:00: 6,000 over ten hours");
        assert.strictEqual(office[18 * 60], 0, "Monday 18:00");
        assert.strictEqual(office[5 * 1440 + 12 * 60], 0, "Saturday noon");
        // Diurnal: every day the same curve, the traffic grid's project model (quietest hours 0.22 of an
        // average hour, 02:00-04:00 UTC; busiest 1.75, 10:00-12:00) and, deep, its outside model (0.036 and 2.3).
        const hourOf = (week: Float64Array, day: number, hour: number) => week.slice((day * 24 + hour) * 60, (day * 24 + hour + 1) * 60).reduce((a, b) => a + b, 0);
        for (const [shape, night, peak] of [["diurnal", 0.22, 1.75], ["diurnal-deep", 0.036, 2.3]] as const) {
            const week = weeklySends({ sendsPerDay: 240_000, shape });
            assert.ok(Math.abs(week.reduce((a, b) => a + b, 0) - 7 * 240_000) < 1e-3, `${shape}: a week sends 7 days' volume`);
            for (const day of [0, 6]) assert.ok(Math.abs(hourOf(week, day, 3) / 10_000 - night) < 0.002 && Math.abs(hourOf(week, day, 10) / 10_000 - peak) < 0.02, `${shape}, day ${day}: ${hourOf(week, day, 3)} at 03:00, ${hourOf(week, day, 10)} at 10:00`);
            assert.strictEqual(week[3 * 60], week[3 * 60 + 59], "even within the hour");
        }
        // Combined: 40,000 a day around the clock plus the Tuesday blast.
        const acme = weeklySends({ sendsPerDay: 40_000, weeklyBlasts: [BLAST] });
        const tue13 = 1440 + 13 * 60;
        assert.strictEqual(acme[tue13 - 1], 40_000 / 1440);
        assert.strictEqual(acme[tue13], 40_000 / 1440 + 1250);
        assert.strictEqual(acme[tue13 + 119], 40_000 / 1440 + 1250);
        assert.strictEqual(acme[tue13 + 120], 40_000 / 1440);
        assert.ok(Math.abs(acme.reduce((a, b) => a + b, 0) - (7 * 40_000 + 150_000)) < 1e-6);
        // A blast past Sunday midnight wraps to Monday.
        const late = weeklySends({ weeklyBlasts: [{ day: "sunday", hour: 23, size: 120, durationHours: 2 }] });
        assert.deepStrictEqual([late[0], late[59], late[60], late[WEEK_MINUTES - 1]], [1, 1, 0, 1]);
        assert.strictEqual(sendsAt(acme)(MONDAY + 7 * 86_400 + (tue13 + 5) * 60), acme[tue13 + 5], "a later week's Tuesday reads the same minute");
    });

    it("measures the longest normal gap, the busiest 24 hours, and moves an incident to where the set sends", () => {
        const blast = weeklySends({ weeklyBlasts: [BLAST] });
        assert.strictEqual(longestNormalGapMinutes(blast), WEEK_MINUTES - 120);
        // Flat at 100 a day: minutes apart on average, the longest of a week about 14.4 x ln(700).
        assert.strictEqual(longestNormalGapMinutes(weeklySends({ sendsPerDay: 100 })), Math.round(14.4 * Math.log(700)));
        assert.strictEqual(Math.round(peakDaySends(weeklySends({ sendsPerDay: 40_000, weeklyBlasts: [BLAST] }))), 190_000);
        // Wednesday 10:07 moves to Tuesday 13:00 of the next week, keeping the seconds off the grid (+2 min).
        const wednesday = MONDAY + 2 * 86_400 + 10 * 3600 + 7 * 60 + 30;
        assert.strictEqual(onsetWhereSending(wednesday, blast, MONDAY + 30 * 86_400), MONDAY + 8 * 86_400 + 13 * 3600 + 2 * 60 + 30);
        // With no room after it, to the start of the last blast before it.
        assert.strictEqual(onsetWhereSending(wednesday, blast, wednesday + 3600), MONDAY + 86_400 + 13 * 3600 + 2 * 60 + 30);
        assert.strictEqual(onsetWhereSending(wednesday, weeklySends({ sendsPerDay: 10 }), wednesday + 1), wednesday, "kept where the set sends");
    });

    it("spreads an incident's events by the backtest's lag: rejects at once, complaints hours to days later", () => {
        const blast = weeklySends({ weeklyBlasts: [BLAST] });
        const tue13 = 1440 + 13 * 60;
        const rejects = expectedArrivals(blast, "rejectRate", 0.1);
        assert.strictEqual(rejects[tue13], 125);
        assert.strictEqual(rejects[tue13 + 120], 0);
        const complaints = expectedArrivals(blast, "complaintRate", 0.01);
        const during = complaints.slice(tue13, tue13 + 120).reduce((a, b) => a + b, 0);
        const total = complaints.reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(total - 1500) < 1, `every complaint arrives within the four weeks modelled (${total})`);
        assert.ok(during < 0.01 * total, `under 1 % arrive during the blast (${during})`);
    });
});

describe("coverage: what each alarm can see of a profile", function () {
    this.timeout(30_000);

    it("a diurnal set of 1,000,000 a day: the default guard sees every hour, the advised one only the day's (the price the docs state)", () => {
        const profile: TrafficProfile = { sets: { big: { sendsPerDay: 1_000_000, shape: "diurnal" } } };
        const whenOf = (bounceRate: object) => {
            const r = row(coverageOf({ big: { alarms: { bounceRate } } }, profile), "big.bounce-rate-warning");
            return [r.when, r.daysWithDatapoints, r.canAlarm];
        };
        // The quietest half-hour holds about 4,500 sends: above 1,500, below 15,000.
        assert.deepStrictEqual(whenOf({}), ["always", 7, "yes"]);
        assert.deepStrictEqual(whenOf({ minimumSends: 15_000 }), ["Mon 07:11-Mon 21:28, Tue 07:11-Tue 21:28, Wed 07:11-Wed 21:28, Thu 07:11-Thu 21:28 and 3 more", 7, "yes"]);
    });

    it("the acme-like stack: the blast's windows, the daily complaint alarm that cannot fire, the transactional guard never reached", () => {
        const c = coverageOf({ transactional: {}, newsletter: {} }, ACME);
        assert.strictEqual(c.status, "known");
        // 1,250 sends a minute: a 30-minute period holds the guard's 1,500 once it has 2 minutes of the blast.
        const bounce = row(c, "newsletter.bounce-rate-warning");
        assert.strictEqual(bounce.when, "Tue 13:02-Tue 15:28");
        assert.strictEqual(bounce.daysWithDatapoints, 1);
        assert.strictEqual(bounce.canAlarm, "yes");
        // 2 of 2 daily periods: a sliding day can split the blast across both periods, but the first
        // holds the blast's start and almost none of its complaints, which arrive hours to days later.
        const complaint = row(c, "newsletter.complaint-rate-critical");
        assert.strictEqual(complaint.canAlarm, "no");
        assert.match(complaint.note, /^cannot fire: 2 of 2 periods over the guard hold too few of an incident's complaints/);
        // 40,000 a day is 833 per 30 minutes: below the guard all week.
        const transactional = row(c, "transactional.bounce-rate-warning");
        assert.strictEqual(transactional.when, "never");
        assert.strictEqual(transactional.canAlarm, "no");
        assert.strictEqual(transactional.note, "cannot fire: no 30 min period reaches the guard of 1,500 sends (the busiest holds 833)");
        assert.strictEqual(row(c, "transactional.complaint-rate-warning").when, "always");
        // The reputation alarms see both sets.
        assert.strictEqual(row(c, "newsletter.reputation-complaint-rate-critical").canAlarm, "yes");
        // Every "cannot fire" is warned, and the quota alarms the Tuesday trips.
        for (const suffix of ["newsletter.complaint-rate-warning", "newsletter.complaint-rate-critical", "transactional.bounce-rate-warning", "transactional.bounce-rate-critical"]) {
            assert.ok(c.warnings.some((w) => w.startsWith(`ses-monitoring-cov.${suffix}: cannot fire`)), suffix);
        }
        assert.ok(c.warnings.some((w) => w.startsWith("ses-monitoring-cov.sending-api-quota-used-critical: the profile's busiest 24 hours (190,000 sends, on Tue) use 95.0 % of the daily quota of 200,000, at or over its 95 %")));
        assert.ok(!c.warnings.some((w) => w.includes("no alarm can fire")), "the reputation alarms cover both sets");
    });

    it("the same complaint alarm fires for the same mailing sent every day, or with 1 of 1", () => {
        const daily = (["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const).map((day) => ({ ...BLAST, day }));
        assert.strictEqual(row(coverageOf({ newsletter: {} }, { sets: { newsletter: { weeklyBlasts: daily } } }), "newsletter.complaint-rate-critical").canAlarm, "yes");
        const oneOfOne = planSesMonitoring({ configurationSets: { newsletter: {} }, alarms: { ...PINNED, complaintRate: { minimumSends: 20000, periodSeconds: 86400, evaluationPeriods: 1, datapointsToAlarm: 1 } } } as SesMonitoringArgs, CONTEXT);
        assert.strictEqual(row(computeCoverage(oneOfOne, { sets: { newsletter: { weeklyBlasts: [BLAST] } } }), "newsletter.complaint-rate-critical").canAlarm, "yes");
    });

    it("at 80,000 a day the 30-minute guard is reached around the clock", () => {
        const c = coverageOf({ transactional: {} }, { sets: { transactional: { sendsPerDay: 80_000 } } });
        const r = row(c, "transactional.bounce-rate-critical");
        assert.deepStrictEqual([r.when, r.daysWithDatapoints, r.shareOfTime, r.canAlarm], ["always", 7, 1, "yes"]);
        // Exactly the guard reaches it: 20,000 a day flat is 20,000 per daily period (a sum of
        // fractions that lands a rounding error under it).
        const atGuard = coverageOf({ transactional: {} }, { sets: { transactional: { sendsPerDay: 20_000 } } });
        assert.strictEqual(row(atGuard, "transactional.complaint-rate-critical").when, "always");
        const under = coverageOf({ transactional: {} }, { sets: { transactional: { sendsPerDay: 19_999 } } });
        assert.strictEqual(row(under, "transactional.complaint-rate-critical").when, "never");
    });

    it("warns that manage: false removes a set's reputation alarms, and where then no alarm can fire on a rate", () => {
        const c = coverageOf({ newsletter: { manage: false } }, { sets: { newsletter: { weeklyBlasts: [BLAST] } } });
        assert.ok(c.warnings.some((w) => w.startsWith("set newsletter: manage: false removes the set's reputation alarms")));
        assert.ok(c.warnings.some((w) => w.startsWith("set newsletter: no alarm can fire on its complaint rate: complaint-rate-warning, complaint-rate-critical cannot fire for this traffic and the set has no reputation alarm; only the account's reputation alarms see it")));
        assert.ok(!c.warnings.some((w) => w.startsWith("set newsletter: no alarm can fire on its bounce rate")), "the blast fills the bounce alarm's 4 of 4");
        // Without a profile the manage: false warning stands; coverage itself is unknown.
        const unknown = coverageOf({ newsletter: { manage: false } }, undefined);
        assert.strictEqual(unknown.status, "unknown");
        assert.strictEqual(unknown.howToGiveProfile, HOW_TO_GIVE_PROFILE);
        assert.deepStrictEqual(unknown.rows, []);
        assert.strictEqual(unknown.warnings.length, 1);
        assert.strictEqual(coverageOf({ newsletter: {} }, undefined).warnings.length, 0, "a managed set keeps its reputation alarms");
    });

    it("warns where a missing-traffic interval is at or near the longest normal gap, and where a ceiling trips on normal sends", () => {
        const c = coverageOf({ newsletter: { expectedSendIntervalMinutes: 10_080 }, transactional: { expectedSendIntervalMinutes: 60 } }, ACME, {
            volume: { enabled: true, perSet: true, setMaxSends: { newsletter: 20_000, transactional: 5_000 } },
        } as Partial<SesMonitoringArgs>);
        assert.ok(c.warnings.some((w) => w.startsWith("ses-monitoring-cov.newsletter.sends-missing-critical: expectedSendIntervalMinutes 10080 is only 120 min above the profile's longest normal gap (about 9960 min): a send that much late pages critical; a missing-traffic alarm cannot watch this set safely")));
        assert.ok(!c.warnings.some((w) => w.includes("transactional.sends-missing")), "40,000 a day never goes an hour without a send");
        assert.strictEqual(row(c, "newsletter.send-ceiling-critical").pagesOnNormalTraffic, true);
        assert.ok(c.warnings.some((w) => w.startsWith("ses-monitoring-cov.newsletter.send-ceiling-critical: the profile's normal sending reaches its ceiling of 20,000 per 1 h (busiest: 75,000)")));
        assert.strictEqual(row(c, "transactional.send-ceiling-critical").pagesOnNormalTraffic, false);
        const low = coverageOf({ app: { expectedSendIntervalMinutes: 60 } }, { sets: { app: { sendsPerDay: 2000, shape: "business-hours" } } });
        assert.ok(low.warnings.some((w) => w.startsWith("ses-monitoring-cov.app.sends-missing-critical: expectedSendIntervalMinutes 60 is at or below the profile's longest normal gap (about 3720 min): it pages on normal quiet spells; set expectedSendIntervalMinutes above about 4650")));
    });

    it("says what each rate alarm reads: a guard as sends >= guard, a confidence bound as sends > 0, never the Send metric it divides by", () => {
        const flat: TrafficProfile = { sets: { a: { sendsPerDay: 100_000 } } };
        const rates = { bounceRate: PINNED!.bounceRate, complaintRate: PINNED!.complaintRate };
        const bound = coverageOf({ a: {} }, flat, { alarms: { ...rates, rejectRate: { confidenceBound: true, periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1, fastWindow: { periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2 } } } as SesMonitoringArgs["alarms"] });
        assert.strictEqual(row(bound, "a.reject-rate-warning").reads, "reject rate, confidence bound, 1 h, sends > 0, 1 of 1");
        assert.strictEqual(row(bound, "a.reject-rate-critical-fast").reads, "reject rate, confidence bound, 5 min, sends > 0, 2 of 2");
        const guarded = coverageOf({ a: {} }, flat, { alarms: { ...rates, rejectRate: { confidenceBound: false, minimumSends: 500, periodSeconds: 3600, evaluationPeriods: 1, datapointsToAlarm: 1, fastWindow: { enabled: false } } } as SesMonitoringArgs["alarms"] });
        assert.strictEqual(row(guarded, "a.reject-rate-warning").reads, "reject rate, 1 h, sends >= 500, 1 of 1");
        assert.strictEqual(row(guarded, "a.bounce-rate-warning").reads, "bounce rate, 30 min, sends >= 1,500, 4 of 4");
        // A plain read names its metric and statistic.
        const missing = coverageOf({ a: { expectedSendIntervalMinutes: 120 } }, flat);
        assert.strictEqual(row(missing, "a.sends-missing-critical").reads, "missing traffic, Send Sum, 5 min, 24 of 24");
    });

    it("says which sets have no profile", () => {
        const c = coverageOf({ a: {}, b: {} }, { sets: { a: { sendsPerDay: 100_000 } } });
        assert.strictEqual(c.status, "partial");
        assert.ok(c.rows.every((r) => r.configurationSet === "a"), "only set a's alarms: the account's need every set");
        assert.ok(c.warnings.some((w) => w.startsWith("coverage unknown for set b (no traffic profile) and for the account-level alarms")));
    });
});

describe("the traffic key in a stack file", function () {
    this.timeout(60_000);

    it("the program accepts ses-monitoring:traffic and it changes nothing it registers", async () => {
        assert.deepStrictEqual(unknownConfigKeys(["ses-monitoring:traffic"], "ses-monitoring"), []);
        const withProfile = await runStack(ROOT, "recipe-newsletter");
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.recipe-newsletter.yaml"), "utf8");
        const stripped = text.slice(0, text.indexOf("  ses-monitoring:traffic:"));
        assert.ok(stripped.length < text.length);
        // Same stack name (URNs and physical names carry it), in a project copy without the key.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ses-traffic-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8").replace("main: program/", `main: ${path.join(ROOT, "program")}/`));
        fs.writeFileSync(path.join(dir, "Pulumi.recipe-newsletter.yaml"), stripped);
        const without = await runStack(dir, "recipe-newsletter");
        const shape = (rs: typeof without.resources) => rs.map((r) => JSON.stringify([r.urn, r.inputs])).sort();
        assert.deepStrictEqual(shape(withProfile.resources), shape(without.resources));
    });
});

describe("npm run plan with a traffic profile", function () {
    this.timeout(120_000);

    async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-"));
        let stdout = "";
        let stderr = "";
        const code = await planMain([...args, "--out", out, "--no-preview"], { stdout: (t) => { stdout += t + "\n"; }, stderr: (t) => { stderr += t + "\n"; } });
        return { code, stdout, stderr, out };
    }

    it("without a profile: coverage unknown, how to give one, no picture", async () => {
        const { code, stdout, out } = await plan(["--stack", "dev"]);
        assert.strictEqual(code, EXIT.ok);
        assert.match(stdout, /Coverage: unknown \(no traffic profile\)/);
        assert.match(stdout, /To know: give each set's expected traffic under `ses-monitoring:traffic` in the stack file, or with --profile FILE/);
        const p: Plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
        assert.strictEqual(p.coverage!.status, "unknown");
        assert.strictEqual(fs.existsSync(path.join(out, "coverage.svg")), false);
    });

    it("--profile FILE gives the traffic; a bad one exits 2 naming the field", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ses-profile-"));
        const good = path.join(dir, "traffic.yaml");
        fs.writeFileSync(good, "sets:\n  transactional: { sendsPerDay: 80000 }\n  marketing:\n    weeklyBlasts: [{ day: thursday, hour: 9, size: 50000, durationHours: 1 }]\n");
        const { code, stdout, out } = await plan(["--stack", "dev", "--profile", good]);
        assert.strictEqual(code, EXIT.ok, stdout);
        const p: Plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
        assert.strictEqual(p.coverage!.status, "known");
        assert.strictEqual(p.coverage!.profileSource, `--profile ${good}`);
        // The dev stack's marketing set asks for 1,000 sends per 30 minutes: 50,000 in an hour (833 a
        // minute) reach it with 2 minutes in a period; an hour's mailing fills at most 3 of the 4 periods.
        assert.strictEqual(p.coverage!.rows.find((r) => r.alarm === "ses-monitoring-dev.marketing.bounce-rate-warning")!.when, "Thu 09:02-Thu 10:28");
        assert.match(stdout, /\nmarketing\.bounce-rate-warning +bounce rate, 30 min, sends >= 1,000, 4 of 4 +Thu 09:02-Thu 10:28 +1\/7 +no +cannot fire: needs 4 of 4 periods over the guard of 1,000 sends, the traffic fills at most 3\n/);
        // The fast window's 5,000 sends are 6 minutes of the blast: no 5-minute period holds them, and
        // the plan says so rather than listing the alarm as watching.
        assert.match(stdout, /\nmarketing\.bounce-rate-critical-fast +bounce rate, 5 min, sends >= 5,000, 4 of 4 +never +0\/7 +no +cannot fire: no 5 min period reaches the guard of 5,000 sends \(the busiest holds 4,167\)\n/);
        assert.match(fs.readFileSync(path.join(out, "coverage.svg"), "utf8"), /<svg[\s\S]*marketing\.bounce-rate-warning[\s\S]*<\/svg>/);
        const bad = path.join(dir, "bad.yaml");
        fs.writeFileSync(bad, "sets:\n  transactional: { sendsPerDay: 80000, shape: nightly }\n");
        const refused = await plan(["--stack", "dev", "--profile", bad]);
        assert.strictEqual(refused.code, EXIT.invalidConfig);
        assert.strictEqual(refused.stderr, `invalid traffic profile for stack dev:\n  --profile ${bad}.sets.transactional.shape: "nightly" must be one of flat, business-hours, diurnal, diurnal-deep\n`);
        assert.strictEqual(fs.existsSync(path.join(refused.out, "plan.json")), false);
    });
});
