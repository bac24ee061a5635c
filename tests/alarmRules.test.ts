import * as assert from "assert";
import { alarmSpecs } from "../components/alarms/specs";
import { advisedBounceGuards, BOUNCE_GUARD_SHARE, DEFAULT_RATE_ALARMS, eventsReadByAlarms, MAX_MINIMUM_SENDS, MIN_ADVISED_BOUNCE_GUARD } from "../components/alarms/settings";
import { resolveSettings } from "../components/settings";
import { SesMonitoringArgs } from "../components/args";
import { AlarmSpec } from "../components/shared/alarmSpecs";
import { LIMITS, RATE_METRICS } from "../components/shared/catalog";
import { SesMonitoringArgsError } from "../components/shared/checker";

/**
 * Which alarms a stack gets, and which settings it refuses, at the boundaries: written against
 * behaviour and the exported defaults (`DEFAULT_RATE_ALARMS`, `LIMITS`), so a deliberate change of
 * a default changes the constant, not these tests.
 */
const context = { project: "ses-monitoring", stack: "dev" };
const PREFIX = "ses-monitoring-dev";
const specsOf = (args: SesMonitoringArgs): AlarmSpec[] => alarmSpecs(resolveSettings(args, context));
const keys = (args: SesMonitoringArgs) => specsOf(args).map((s) => s.key);
const one = (over: Record<string, unknown>): SesMonitoringArgs => ({ configurationSets: { main: over } } as SesMonitoringArgs);

/** The issues an invalid args object is refused with (path and message). */
function refusal(args: unknown): Record<string, string> {
    try {
        resolveSettings(args as SesMonitoringArgs, context);
    } catch (e) {
        assert.ok(e instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${e}`);
        return Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    }
    return assert.fail("accepted");
}
const accepted = (args: unknown) => assert.doesNotThrow(() => resolveSettings(args as SesMonitoringArgs, context));
/** Rate settings of the complaint rate (no fast window by default), at stack level. */
// A daily period, so three periods stay within CloudWatch's seven days (the default is one 7-day period).
const complaint = (over: Record<string, unknown>) => ({ configurationSets: { main: {} }, alarms: { complaintRate: { periodSeconds: 86400, ...over } } });

describe("alarms: which exist", () => {
    it("a set with a rate disabled gets neither its rate alarms nor its per-set reputation alarms for it", () => {
        const k = keys(one({ alarms: { bounceRate: { enabled: false } } }));
        assert.ok(!k.some((x) => x.startsWith("main-bounce-rate")), k.join(", "));
        assert.ok(!k.some((x) => x.startsWith("main-reputation-bounce-rate")), k.join(", "));
        // The other rate keeps its own, and the account-level alarms stay.
        assert.ok(k.includes("main-reputation-complaint-rate-critical"));
        assert.ok(k.includes("main-complaint-rate-critical"));
        assert.ok(k.includes("account-reputation-bounce-rate-critical"));
    });

    it("each enabled rate: warning, critical and the fast critical where the fast window is on", () => {
        const k = keys({ configurationSets: { main: {} }, accountReputation: { enabled: false } });
        const expected: string[] = [];
        for (const m of RATE_METRICS) {
            const slug = m.replace("Rate", "-rate");
            expected.push(`main-${slug}-warning`, `main-${slug}-critical`);
            if (DEFAULT_RATE_ALARMS[m].fastWindow.enabled) expected.push(`main-${slug}-critical-fast`);
        }
        expected.push("main-reputation-bounce-rate-warning", "main-reputation-bounce-rate-critical", "main-reputation-complaint-rate-warning", "main-reputation-complaint-rate-critical");
        assert.deepStrictEqual(k, expected);
    });

    it("no per-set reputation alarms without reputation metrics; no fast alarm with the fast window off", () => {
        const k = keys(one({ reputationMetrics: false, alarms: { bounceRate: { fastWindow: { enabled: false } } } }));
        assert.ok(!k.some((x) => x.startsWith("main-reputation")));
        assert.ok(!k.includes("main-bounce-rate-critical-fast"));
    });

    it("account-level reputation alarms per measure, and none when turned off", () => {
        const account = (a: unknown) => keys({ configurationSets: {}, accountReputation: a } as SesMonitoringArgs);
        assert.deepStrictEqual(account(undefined), ["account-reputation-bounce-rate-warning", "account-reputation-bounce-rate-critical", "account-reputation-complaint-rate-warning", "account-reputation-complaint-rate-critical"]);
        assert.deepStrictEqual(account({ bounceRate: { enabled: false } }), ["account-reputation-complaint-rate-warning", "account-reputation-complaint-rate-critical"]);
        assert.deepStrictEqual(account({ enabled: false }), []);
    });

    it("per-set reputation alarms take the set's tiers as fractions and the account's evaluation", () => {
        const specs = specsOf({ configurationSets: { main: { alarms: { bounceRate: { warningPercent: 2, criticalPercent: 4 } } } }, accountReputation: { bounceRate: { periodSeconds: 7200, evaluationPeriods: 3, datapointsToAlarm: 2 } } });
        const rep = specs.find((s) => s.key === "main-reputation-bounce-rate-critical")!;
        assert.deepStrictEqual([rep.name, rep.threshold, rep.thresholdPercent, rep.periodSeconds, rep.evaluationPeriods, rep.datapointsToAlarm, rep.treatMissingData],
            [`${PREFIX}.main.reputation-bounce-rate-critical`, 0.04, 4, 7200, 3, 2, "ignore"]);
        assert.deepStrictEqual(rep.queries[0].metric, { namespace: "AWS/SES", metricName: "Reputation.BounceRate", dimensions: { "ses:configuration-set": "main" }, stat: "Average", periodSeconds: 7200 });
        assert.match(rep.description, /reached 4 % in 2 of 3 periods of 2 h\./);
    });
});

describe("alarms: settings merged field by field", () => {
    it("a set's field overrides the stack's, the other fields are inherited", () => {
        const specs = specsOf({ alarms: { bounceRate: { warningPercent: 2, minimumSends: 800 } }, configurationSets: { main: { alarms: { bounceRate: { warningPercent: 2.5 } } }, other: {} } });
        const w = (set: string) => specs.find((s) => s.key === `${set}-bounce-rate-warning`)!;
        assert.deepStrictEqual([w("main").threshold, w("main").queries[2].expression], [2.5, "IF(sends >= 800, 100 * FILL(bounces, 0) / sends)"]);
        assert.deepStrictEqual([w("other").threshold, w("other").periodSeconds], [2, DEFAULT_RATE_ALARMS.bounceRate.periodSeconds]);
    });

    it("evaluationPeriods set alone makes datapointsToAlarm the same (N of N)", () => {
        const c = specsOf(complaint({ periodSeconds: 3600, evaluationPeriods: 5 })).find((s) => s.key === "main-complaint-rate-critical")!;
        assert.deepStrictEqual([c.periodSeconds, c.evaluationPeriods, c.datapointsToAlarm], [3600, 5, 5]);
        assert.match(c.description, /in 5 of 5 periods of 1 h,/);
        const m = specsOf(complaint({ periodSeconds: 600, evaluationPeriods: 1 })).find((s) => s.key === "main-complaint-rate-critical")!;
        assert.match(m.description, /in one 10 min period,/);
    });

    it("the events the enabled alarms read, with the alarms that read them", () => {
        const resolved = resolveSettings(one({ alarms: { complaintRate: { enabled: false } } }), context);
        const alarms = resolved.configurationSets[0].alarms;
        assert.deepStrictEqual([...eventsReadByAlarms(alarms)], [
            ["SEND", ["alarms.bounceRate", "alarms.rejectRate"]],
            ["BOUNCE", ["alarms.bounceRate"]],
            ["REJECT", ["alarms.rejectRate"]],
        ]);
    });
});

describe("alarms: settings refused at their boundaries", () => {
    describe("evaluationPeriods and datapointsToAlarm: whole numbers of at least 1", () => {
        for (const field of ["evaluationPeriods", "datapointsToAlarm"]) {
            it(`${field}: 1 is accepted, 0 and 2.5 are refused`, () => {
                accepted(complaint({ evaluationPeriods: 3, [field]: 1 }));
                assert.match(refusal(complaint({ evaluationPeriods: 3, [field]: 0 }))[`alarms.complaintRate.${field}`], /^0 is not in \[1, inf\)$/);
                assert.match(refusal(complaint({ evaluationPeriods: 3, [field]: 2.5 }))[`alarms.complaintRate.${field}`], /^2\.5 is not a whole number/);
            });
        }
        it("datapointsToAlarm equal to evaluationPeriods is accepted, one more is refused", () => {
            accepted(complaint({ evaluationPeriods: 3, datapointsToAlarm: 3 }));
            assert.strictEqual(refusal(complaint({ evaluationPeriods: 3, datapointsToAlarm: 4 }))["alarms.complaintRate.datapointsToAlarm"], "4 is more than evaluationPeriods (3)");
        });
    });

    describe("periodSeconds: whole minutes of at least 60", () => {
        it("60 is accepted, 59 and 90 are refused", () => {
            accepted(complaint({ periodSeconds: 60, evaluationPeriods: 1 }));
            assert.match(refusal(complaint({ periodSeconds: 59 }))["alarms.complaintRate.periodSeconds"], /^59 is not in \[60, inf\)$/);
            assert.strictEqual(refusal(complaint({ periodSeconds: 90 }))["alarms.complaintRate.periodSeconds"], "90 is not a multiple of 60");
        });
    });

    describe("period x evaluationPeriods: 1 day under an hour's period, 7 days from an hour", () => {
        const day = LIMITS.maxEvaluationSecondsShortPeriod;
        const week = LIMITS.maxEvaluationSecondsLongPeriod;
        it("limits of 1 day and 7 days (PutMetricAlarm)", () => {
            assert.deepStrictEqual([day, week], [86_400, 604_800]);
        });
        it("5-minute periods: exactly 1 day is accepted, one more period is refused", () => {
            accepted(complaint({ periodSeconds: 300, evaluationPeriods: day / 300 }));
            assert.strictEqual(refusal(complaint({ periodSeconds: 300, evaluationPeriods: day / 300 + 1 }))["alarms.complaintRate.evaluationPeriods"],
                `289 x periodSeconds 300 = 86700 s exceeds the 86400 s CloudWatch allows for periods under an hour`);
        });
        it("59-minute periods are under an hour: more than a day is refused", () => {
            assert.match(refusal(complaint({ periodSeconds: 3540, evaluationPeriods: 25 }))["alarms.complaintRate.evaluationPeriods"], /exceeds the 86400 s CloudWatch allows for periods under an hour/);
        });
        it("hourly periods: more than a day is accepted, exactly 7 days too, one more period is refused", () => {
            accepted(complaint({ periodSeconds: 3600, evaluationPeriods: 25 }));
            accepted(complaint({ periodSeconds: 3600, evaluationPeriods: week / 3600 }));
            assert.strictEqual(refusal(complaint({ periodSeconds: 3600, evaluationPeriods: week / 3600 + 1 }))["alarms.complaintRate.evaluationPeriods"],
                `169 x periodSeconds 3600 = 608400 s exceeds the 604800 s CloudWatch allows for periods of an hour or more`);
        });
    });

    describe("tiers: warning below critical, both below AWS's review level", () => {
        it("warning equal to critical is refused, on the field set", () => {
            assert.strictEqual(refusal({ configurationSets: {}, alarms: { rejectRate: { warningPercent: 5, criticalPercent: 5 } } })["alarms.rejectRate.warningPercent"], "5 leaves warningPercent (5) not below criticalPercent (5)");
            assert.strictEqual(refusal({ configurationSets: {}, alarms: { rejectRate: { criticalPercent: DEFAULT_RATE_ALARMS.rejectRate.warningPercent } } })["alarms.rejectRate.criticalPercent"],
                `${DEFAULT_RATE_ALARMS.rejectRate.warningPercent} leaves warningPercent (${DEFAULT_RATE_ALARMS.rejectRate.warningPercent}) not below criticalPercent (${DEFAULT_RATE_ALARMS.rejectRate.warningPercent})`);
        });
        it("a bounce tier at the 5 % review level is refused, just below is accepted", () => {
            accepted({ configurationSets: {}, alarms: { bounceRate: { warningPercent: 4, criticalPercent: 4.99 } } });
            assert.match(refusal({ configurationSets: {}, alarms: { bounceRate: { warningPercent: 4, criticalPercent: 5 } } })["alarms.bounceRate.criticalPercent"], /^5 is not below AWS's review level of 5 % for the bounce rate/);
            assert.match(refusal({ configurationSets: {}, alarms: { complaintRate: { warningPercent: 0.1, criticalPercent: 0.2 } } })["alarms.complaintRate.warningPercent"], /^0\.1 is not below AWS's review level of 0\.1 % for the complaint rate/);
        });
        it("the reject rate has no review level: any tier up to 100 %, above 0", () => {
            accepted({ configurationSets: {}, alarms: { rejectRate: { warningPercent: 50, criticalPercent: 100 } } });
            assert.ok(refusal({ configurationSets: {}, alarms: { rejectRate: { warningPercent: 0 } } })["alarms.rejectRate.warningPercent"]);
            assert.ok(refusal({ configurationSets: {}, alarms: { rejectRate: { criticalPercent: 100.5 } } })["alarms.rejectRate.criticalPercent"]);
        });
        it("reputation tiers are held to the same rules", () => {
            assert.match(refusal({ configurationSets: {}, accountReputation: { bounceRate: { warningPercent: 4, criticalPercent: 5 } } })["accountReputation.bounceRate.criticalPercent"], /review level of 5 %/);
            assert.match(refusal({ configurationSets: {}, accountReputation: { complaintRate: { warningPercent: 0.09, criticalPercent: 0.09 } } })["accountReputation.complaintRate.warningPercent"], /not below criticalPercent/);
        });
    });

    describe("minimumSends: a whole number from 1 to a billion", () => {
        it("1 and a billion are accepted; 0, 1.5 and a billion and one are refused", () => {
            assert.strictEqual(MAX_MINIMUM_SENDS, 1_000_000_000);
            accepted(complaint({ minimumSends: 1 }));
            accepted(complaint({ minimumSends: MAX_MINIMUM_SENDS }));
            assert.match(refusal(complaint({ minimumSends: 0 }))["alarms.complaintRate.minimumSends"], /^0 is not in \[1, 1000000000\]/);
            assert.match(refusal(complaint({ minimumSends: 1.5 }))["alarms.complaintRate.minimumSends"], /not a whole number/);
            assert.match(refusal(complaint({ minimumSends: MAX_MINIMUM_SENDS + 1 }))["alarms.complaintRate.minimumSends"], /a guard no period's sends can reach/);
        });
    });

    describe("the fast window: shorter than the alarm's period", () => {
        it("a fast period equal to the main period is refused on the field set at this level", () => {
            const main = DEFAULT_RATE_ALARMS.bounceRate.periodSeconds;
            assert.match(refusal(one({ alarms: { bounceRate: { fastWindow: { periodSeconds: main } } } }))["configurationSets.main.alarms.bounceRate.fastWindow.periodSeconds"], /not shorter than the alarm's periodSeconds/);
            assert.match(refusal(one({ alarms: { bounceRate: { periodSeconds: 300 } } }))["configurationSets.main.alarms.bounceRate.periodSeconds"], /fast window's periodSeconds \(300\) not shorter than the alarm's periodSeconds \(300\)/);
            // Turning the window on where the main period is set: the main period is blamed.
            assert.match(refusal(one({ alarms: { complaintRate: { periodSeconds: 300, fastWindow: { enabled: true } } } }))["configurationSets.main.alarms.complaintRate.periodSeconds"], /not shorter/);
            assert.match(refusal(one({ alarms: { complaintRate: { periodSeconds: 600, fastWindow: { enabled: true, periodSeconds: 600 } } } }))["configurationSets.main.alarms.complaintRate.fastWindow.periodSeconds"], /not shorter/);
            accepted(one({ alarms: { bounceRate: { periodSeconds: 300, fastWindow: { enabled: false } } } }));
            accepted(one({ alarms: { bounceRate: { fastWindow: { periodSeconds: main - 60 } } } }));
        });
        it("the fast window's M of N and guard are checked like the main alarm's", () => {
            const issues = refusal(one({ alarms: { bounceRate: { fastWindow: { evaluationPeriods: 0, minimumSends: 0, datapointsToAlarm: 2.5 } } } }));
            assert.deepStrictEqual(Object.keys(issues).sort(), ["evaluationPeriods", "minimumSends", "datapointsToAlarm"].map((f) => `configurationSets.main.alarms.bounceRate.fastWindow.${f}`).sort());
        });
    });
});

describe("alarms: descriptions and queries say what breached", () => {
    // Explicit settings: the texts below do not depend on the defaults.
    const args: SesMonitoringArgs = {
        configurationSets: { main: { alarms: { rejectRate: { warningPercent: 2, criticalPercent: 4, minimumSends: 100, confidenceBound: false, periodSeconds: 3600, evaluationPeriods: 1 } } } },
        alarms: { complaintRate: { warningPercent: 0.05, criticalPercent: 0.07, periodSeconds: 3600, evaluationPeriods: 2, datapointsToAlarm: 2 } },
        accountReputation: { complaintRate: { warningPercent: 0.04, criticalPercent: 0.06, periodSeconds: 3600, evaluationPeriods: 1 } },
    };
    const spec = (key: string) => specsOf(args).find((s) => s.key === key)!;

    it("a reject-rate alarm: the rate, the guard, that AWS sets no level, and what to look at", () => {
        const r = spec("main-reject-rate-warning");
        assert.strictEqual(r.description, [
            "WARNING: the reject rate of SES configuration set main reached 2 % (100 * Reject / Send in one 1 h period, counted only when at least 100 messages were sent).",
            "AWS sets no enforcement level for rejects, but a rising reject rate means SES is refusing your mail.",
            "First: look at the Reject events: SES rejects messages that carry a virus, so check the templates and attachments of recent sends.",
        ].join(" "));
        assert.deepStrictEqual(r.queries.map((q) => [q.id, q.label]), [["sends", "Send"], ["rejects", "Reject"], ["rate", "reject rate (%)"]]);
        assert.deepStrictEqual([r.source, r.measure, r.window], ["events", "rejectRate", "main"]);
    });

    it("a reject-rate alarm behind the confidence bound: the test it makes, its z, and the plain rate a graph draws beside it", () => {
        const bound = specsOf({ configurationSets: { main: { alarms: { rejectRate: { warningPercent: 2, criticalPercent: 4, confidenceBound: true, periodSeconds: 3600, evaluationPeriods: 1 } } } } });
        const r = bound.find((s) => s.key === "main-reject-rate-critical")!;
        assert.strictEqual(r.description, [
            "CRITICAL: the reject rate of SES configuration set main reached 4 % (Reject significantly above 4 % of Send in one 1 h period:",
            "2 * (Reject ^ 0.5 - (0.04 * Send) ^ 0.5) >= 3.1, about p = 0.001).",
            "AWS sets no enforcement level for rejects, but a rising reject rate means SES is refusing your mail.",
            "First: look at the Reject events: SES rejects messages that carry a virus, so check the templates and attachments of recent sends.",
        ].join(" "));
        assert.deepStrictEqual(r.queries.map((q) => [q.id, q.label, q.expression]), [["sends", "Send", undefined], ["rejects", "Reject", undefined],
            ["rate", "rejects above 4 % (z)", "IF(sends > 0, 2 * ((FILL(rejects, 0)) ^ 0.5 - (0.04 * sends) ^ 0.5))"]]);
        assert.deepStrictEqual([r.threshold, r.thresholdPercent], [3.1, 4]);
        assert.deepStrictEqual(r.graph, { label: "reject rate (%)", expression: "100 * FILL(rejects, 0) / sends" });
        // Without the bound, the returned query is the rate itself: nothing else to draw.
        assert.strictEqual(spec("main-reject-rate-warning").graph, undefined);
    });

    it("an account reputation alarm: AWS's rate for the account, its levels, why it matters", () => {
        const r = spec("account-reputation-complaint-rate-warning");
        assert.strictEqual(r.description, [
            "WARNING: the complaint rate AWS computes for the account (Reputation.ComplaintRate) reached 0.04 % in one 1 h period.",
            "AWS puts the account under review at a 0.1 % complaint rate and may pause sending at 0.5 %.",
            "This is the rate AWS enforces on, over its own representative volume, so it also covers low-volume senders.",
            "First: find the campaign that drew complaints, pause it, and check that unsubscribe links work and that recipients opted in.",
        ].join(" "));
        assert.deepStrictEqual([r.source, r.measure, r.configurationSet, r.threshold, r.queries[0].label], ["reputation", "complaintRate", undefined, 0.0004, "Reputation.ComplaintRate"]);
    });

    it("a set's reputation alarm names the set, in capitals for its severity", () => {
        const r = spec("main-reputation-complaint-rate-critical");
        assert.match(r.description, /^CRITICAL: the complaint rate AWS computes for SES configuration set main \(Reputation\.ComplaintRate\) reached 0\.07 % in one 1 h period\. AWS puts/);
    });
});

describe("alarms: each rule is reported once, where its value is set", () => {
    it("a stack-level window the sets inherit is reported at stack level only", () => {
        const issues = refusal({ alarms: { bounceRate: { periodSeconds: 300 } }, configurationSets: { main: { alarms: { bounceRate: { warningPercent: 2 } } } } });
        assert.deepStrictEqual(Object.keys(issues), ["alarms.bounceRate.periodSeconds"]);
        const tiers = refusal({ alarms: { rejectRate: { warningPercent: 6, criticalPercent: 5 } }, configurationSets: { main: { alarms: { rejectRate: { minimumSends: 10 } } } } });
        assert.deepStrictEqual(Object.keys(tiers), ["alarms.rejectRate.warningPercent"]);
        const window = refusal({ alarms: { complaintRate: { periodSeconds: 86400, evaluationPeriods: 3, datapointsToAlarm: 4 } }, configurationSets: { main: { alarms: { complaintRate: { minimumSends: 10 } } } } });
        assert.deepStrictEqual(Object.keys(window), ["alarms.complaintRate.datapointsToAlarm"]);
    });

    it("a set that changes one field of the window is checked with what it inherits", () => {
        // Complaint: daily periods by default; 8 of them exceed 7 days.
        assert.ok(refusal(one({ alarms: { complaintRate: { evaluationPeriods: 8 } } }))["configurationSets.main.alarms.complaintRate.evaluationPeriods"]);
        assert.ok(refusal({ alarms: { complaintRate: { periodSeconds: 3600, evaluationPeriods: 24 } }, configurationSets: { main: { alarms: { complaintRate: { periodSeconds: 86_400 } } } } })["configurationSets.main.alarms.complaintRate.evaluationPeriods"]);
        assert.strictEqual(refusal({ alarms: { complaintRate: { evaluationPeriods: 2 } }, configurationSets: { main: { alarms: { complaintRate: { datapointsToAlarm: 3 } } } } })["configurationSets.main.alarms.complaintRate.datapointsToAlarm"], "3 is more than evaluationPeriods (2)");
        // A set's warning tier alone is checked against the critical tier it inherits.
        assert.match(refusal(one({ alarms: { bounceRate: { warningPercent: DEFAULT_RATE_ALARMS.bounceRate.criticalPercent } } }))["configurationSets.main.alarms.bounceRate.warningPercent"], /not below criticalPercent/);
    });

    it("a set inherits the stack's M of N, not only its N", () => {
        const specs = specsOf({ alarms: { complaintRate: { periodSeconds: 3600, evaluationPeriods: 4, datapointsToAlarm: 2 } }, configurationSets: { main: { alarms: { complaintRate: { warningPercent: 0.05 } } } } });
        const c = specs.find((s) => s.key === "main-complaint-rate-warning")!;
        assert.deepStrictEqual([c.evaluationPeriods, c.datapointsToAlarm], [4, 2]);
    });

    it("turning the fast window on where it inherits a main period it is not shorter than: the fast period is blamed", () => {
        const issues = refusal({ alarms: { complaintRate: { periodSeconds: 300 } }, configurationSets: { main: { alarms: { complaintRate: { fastWindow: { enabled: true } } } } } });
        assert.deepStrictEqual(Object.keys(issues), ["configurationSets.main.alarms.complaintRate.fastWindow.periodSeconds"]);
    });

    it("names the field of a non-boolean enabled, at every level", () => {
        assert.ok(refusal(one({ alarms: { bounceRate: { enabled: "yes" } } }))["configurationSets.main.alarms.bounceRate.enabled"]);
        assert.ok(refusal(one({ alarms: { bounceRate: { fastWindow: { enabled: "yes" } } } }))["configurationSets.main.alarms.bounceRate.fastWindow.enabled"]);
        assert.ok(refusal({ configurationSets: {}, accountReputation: { enabled: 1 } })["accountReputation.enabled"]);
        assert.ok(refusal({ configurationSets: {}, accountReputation: { bounceRate: { enabled: 1 } } })["accountReputation.bounceRate.enabled"]);
    });

    it("names the field of a non-boolean confidenceBound, at stack and set level", () => {
        assert.strictEqual(refusal({ configurationSets: {}, alarms: { rejectRate: { confidenceBound: "yes" } } })["alarms.rejectRate.confidenceBound"], "\"yes\" is not a boolean");
        assert.strictEqual(refusal(one({ alarms: { bounceRate: { confidenceBound: 1 } } }))["configurationSets.main.alarms.bounceRate.confidenceBound"], "1 is not a boolean");
    });

    it("a period in seconds must be whole", () => {
        assert.match(refusal(complaint({ periodSeconds: 120.5 }))["alarms.complaintRate.periodSeconds"], /^120\.5 is not a whole number/);
    });

    it("reputation alarms take no guard and no fast window, and their complaint tiers stay below review", () => {
        assert.match(refusal({ configurationSets: {}, accountReputation: { bounceRate: { minimumSends: 10 } } })["accountReputation.bounceRate.minimumSends"], /is not a known field/);
        assert.match(refusal({ configurationSets: {}, accountReputation: { bounceRate: { fastWindow: {} } } })["accountReputation.bounceRate.fastWindow"], /is not a known field/);
        assert.match(refusal({ configurationSets: {}, accountReputation: { bounceRate: { confidenceBound: true } } })["accountReputation.bounceRate.confidenceBound"], /^true is not a known field/);
        assert.match(refusal({ configurationSets: {}, accountReputation: { complaintRate: { warningPercent: 0.05, criticalPercent: 0.1 } } })["accountReputation.complaintRate.criticalPercent"], /review level of 0\.1 % for the complaint rate/);
    });

    it("advised bounce guards: the defaults' share of an average period, to the nearest 500 (50 below 1,000), raised where smaller, lowered where above an average period", () => {
        const bounce = DEFAULT_RATE_ALARMS.bounceRate;
        const at = (perDay: number, over: Partial<typeof bounce> = {}) => advisedBounceGuards(perDay, { ...bounce, ...over });
        assert.deepStrictEqual(BOUNCE_GUARD_SHARE, { main: 0.72, fast: 1.0 });
        // Each share is the default guard's where it was tuned: 1,500 of 2,083 a half-hour at 100,000 a day.
        assert.deepStrictEqual(at(100_000), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        assert.strictEqual(MIN_ADVISED_BOUNCE_GUARD, 50);
        // Below it, a guard above an average half-hour is lowered to the share (to the nearest 50),
        // never below 50; the fast window's never: it pauses the set.
        assert.deepStrictEqual(at(50_000), { minimumSends: 750, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(30_000), { minimumSends: 450, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(10_000), { minimumSends: 150, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(3_000), { minimumSends: 50, fastWindowMinimumSends: 5000 });
        // 70,000 a day: 1,458 a half-hour, under 1,500; 1,050 is 1,000 to the nearest 500.
        assert.deepStrictEqual(at(70_000), { minimumSends: 1000, fastWindowMinimumSends: 5000 });
        // 72,000: exactly 1,500 a half-hour, the guard met by an average period: kept.
        assert.deepStrictEqual(at(72_000), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        // 2,400 a day: 50 a half-hour, the floor; below it no guard the rate can trust is met by an average period.
        assert.deepStrictEqual(at(2_400), { minimumSends: 50, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(2_300), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(1_000), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        // The share is of the set's own main period (hourly at 10,000 a day: 300); the fast window's own
        // larger guard is never lowered.
        assert.deepStrictEqual(at(10_000, { periodSeconds: 3600 }), { minimumSends: 300, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(10_000, { fastWindow: { ...bounce.fastWindow, minimumSends: 8000 } }), { minimumSends: 150, fastWindowMinimumSends: 8000 });
        // In whole sends: a volume a hair under 72,000 (a profile's week summed) keeps 1,500, one a
        // hair under 2,400 gets the floor.
        assert.deepStrictEqual(at(71_999.99999), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(2_399.99999), { minimumSends: 50, fastWindowMinimumSends: 5000 });
        // A set's own guard under an average half-hour is kept; under the share, raised to it.
        assert.deepStrictEqual(at(10_000, { minimumSends: 200 }), { minimumSends: 200, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(10_000, { minimumSends: 100 }), { minimumSends: 150, fastWindowMinimumSends: 5000 });
        // To the nearest 50 below 1,000 (0.4 was to the nearest 500: 500): 400 at 40,000 a day is raised to 600.
        assert.deepStrictEqual(at(40_000, { minimumSends: 400 }), { minimumSends: 600, fastWindowMinimumSends: 5000 });
        // To the nearest 500: 1,510.56 a half-hour keeps 1,500; 1,740 too; 1,755 is 2,000.
        assert.deepStrictEqual(at(100_700), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(116_000), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(117_000), { minimumSends: 2000, fastWindowMinimumSends: 5000 });
        // A half step goes up, whatever the floating-point dust (0.72 x 250,000 x 1,800 / 86,400 = 3,749.99...).
        assert.deepStrictEqual(at(250_000), { minimumSends: 4000, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(1_000_000), { minimumSends: 15000, fastWindowMinimumSends: 5000 });
        // The fast window's 5,000 are 1.0 of an average 5 minutes at 1,440,000 a day; above, it grows
        // (5,208 at 1,500,000 still rounds to 5,000; 5,556 at 1,600,000 to 5,500).
        assert.deepStrictEqual(at(1_440_000), { minimumSends: 21500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(1_500_000), { minimumSends: 22500, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(1_600_000), { minimumSends: 24000, fastWindowMinimumSends: 5500 });
        assert.deepStrictEqual(at(3_000_000), { minimumSends: 45000, fastWindowMinimumSends: 10500 });
        // Of the set's own periods, and never below its own guards.
        assert.deepStrictEqual(at(1_000_000, { periodSeconds: 3600 }), { minimumSends: 30000, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(1_000_000, { fastWindow: { ...bounce.fastWindow, periodSeconds: 600 } }), { minimumSends: 15000, fastWindowMinimumSends: 7000 });
        assert.deepStrictEqual(at(1_000_000, { minimumSends: 20000 }), { minimumSends: 20000, fastWindowMinimumSends: 5000 });
        assert.deepStrictEqual(at(3_000_000, { fastWindow: { ...bounce.fastWindow, minimumSends: 12000 } }), { minimumSends: 45000, fastWindowMinimumSends: 12000 });
        // A window of a day or more keeps its own guard (it holds the sends its bounces belong to); its fast window is advised.
        assert.deepStrictEqual(at(3_000_000, { periodSeconds: 86_400, minimumSends: 20000 }), { minimumSends: 20000, fastWindowMinimumSends: 10500 });
        assert.deepStrictEqual(at(3_000_000, { periodSeconds: 86_399 }), { minimumSends: 2_160_000, fastWindowMinimumSends: 10500 });
        assert.deepStrictEqual(at(10_000, { periodSeconds: 86_400, minimumSends: 20000 }), { minimumSends: 20000, fastWindowMinimumSends: 5000 });
        // Behind a confidence bound no guard is read: the set's own are returned.
        assert.deepStrictEqual(at(3_000_000, { confidenceBound: true }), { minimumSends: 1500, fastWindowMinimumSends: 5000 });
    });
});
