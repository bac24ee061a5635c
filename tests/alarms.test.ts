import * as assert from "assert";
import { alarmSpecs, rateExpression } from "../components/alarms/specs";
import { evaluateExpression, parseExpression } from "../components/shared/metricMath";
import { resolveSettings } from "../components/settings";
import { SesMonitoringArgs } from "../components/args";
import { AlarmSpec } from "../components/shared/alarmSpecs";
import { planSesMonitoring } from "../components/sesMonitoring";

const context = { project: "ses-monitoring", stack: "dev" };
const specsOf = (args: SesMonitoringArgs) => alarmSpecs(resolveSettings(args, context));
const byName = (specs: AlarmSpec[], name: string) => {
    const spec = specs.find((s) => s.name === name);
    assert.ok(spec, `no alarm ${name} among ${specs.map((s) => s.name).join(", ")}`);
    return spec!;
};
/** The value the alarm's returned query has for one period's sums. */
const rateAt = (spec: AlarmSpec, sums: Record<string, number | undefined>) => {
    const expression = spec.queries.find((q) => q.returnData)!.expression!;
    return evaluateExpression(parseExpression(expression), sums);
};

describe("alarm specs", () => {
    // Built for each test, not while the file loads: the specs are then computed under the test that
    // reads them, so per-test coverage (the mutation run) sees which tests exercise the code.
    let specs: AlarmSpec[];
    beforeEach(() => {
        specs = specsOf({ configurationSets: { marketing: {}, transactional: {} } });
    });

    it("reads the exact rate expressions with the low-volume guard inside", () => {
        assert.strictEqual(byName(specs, "ses-monitoring-dev.marketing.bounce-rate-warning").queries[2].expression,
            "IF(sends >= 1500, 100 * FILL(bounces, 0) / sends)");
        assert.strictEqual(byName(specs, "ses-monitoring-dev.marketing.complaint-rate-critical").queries[2].expression,
            "IF(sends >= 140000, 100 * FILL(complaints, 0) / sends)");
        // Rejects: the confidence bound in place of the guard.
        assert.strictEqual(byName(specs, "ses-monitoring-dev.transactional.reject-rate-warning").queries[2].expression,
            "IF(sends > 0, 2 * ((FILL(rejects, 0)) ^ 0.5 - (0.01 * sends) ^ 0.5))");
        assert.strictEqual(specsOf({ configurationSets: { t: { alarms: { rejectRate: { confidenceBound: false } } } } })
            .find((a) => a.name === "ses-monitoring-dev.t.reject-rate-warning")!.queries[2].expression, "IF(sends >= 500, 100 * FILL(rejects, 0) / sends)");
    });

    it("reads Send and the event count of its own configuration set, summed over its period", () => {
        const spec = byName(specs, "ses-monitoring-dev.transactional.bounce-rate-critical");
        assert.deepStrictEqual(spec.queries.map((q) => [q.id, q.metric?.metricName, q.metric?.stat, q.metric?.periodSeconds, q.returnData]), [
            ["sends", "Send", "Sum", 1800, false],
            ["bounces", "Bounce", "Sum", 1800, false],
            ["rate", undefined, undefined, undefined, true],
        ]);
        for (const q of spec.queries.filter((x) => x.metric)) {
            assert.deepStrictEqual(q.metric!.dimensions, { "ses:configuration-set": "transactional" });
            assert.strictEqual(q.metric!.namespace, "AWS/SES");
        }
    });

    it("gives the rate above the guard and no datapoint below it", () => {
        const bounce = byName(specs, "ses-monitoring-dev.marketing.bounce-rate-warning");
        assert.strictEqual(rateAt(bounce, { sends: 2000, bounces: 50 }), 2.5);
        assert.strictEqual(rateAt(bounce, { sends: 1500, bounces: 45 }), 3);
        assert.strictEqual(rateAt(bounce, { sends: 1499, bounces: 1499 }), undefined);
        assert.strictEqual(rateAt(bounce, { sends: undefined, bounces: 3 }), undefined);
        // A period with sends but no bounce datapoint is a 0 % rate, not a gap.
        assert.strictEqual(rateAt(bounce, { sends: 1800, bounces: undefined }), 0);
        const complaint = byName(specs, "ses-monitoring-dev.marketing.complaint-rate-warning");
        assert.strictEqual(rateAt(complaint, { sends: 140000, complaints: 112 }), 0.08);
        assert.strictEqual(rateAt(complaint, { sends: 139999, complaints: 112 }), undefined);
    });

    it("sets the default tiers, periods and missing-data handling", () => {
        const row = (name: string) => {
            const s = byName(specs, `ses-monitoring-dev.${name}`);
            return [s.threshold, s.periodSeconds, s.evaluationPeriods, s.datapointsToAlarm, s.treatMissingData, s.comparisonOperator];
        };
        // Bounce: 4 of 4 half-hours; complaint: one 7-day period (chosen on the design grid, see settings.ts).
        assert.deepStrictEqual(row("marketing.bounce-rate-warning"), [4, 1800, 4, 4, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("marketing.bounce-rate-critical"), [4.5, 1800, 4, 4, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("marketing.complaint-rate-warning"), [0.08, 604800, 1, 1, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("marketing.complaint-rate-critical"), [0.09, 604800, 1, 1, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        // Rejects compare the bound's statistic with z (the tier is in the expression and in thresholdPercent).
        assert.deepStrictEqual(row("marketing.reject-rate-warning"), [3.1, 3600, 1, 1, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("marketing.reject-rate-critical"), [3.1, 3600, 1, 1, "notBreaching", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(["warning", "critical"].map((t) => byName(specs, `ses-monitoring-dev.marketing.reject-rate-${t}`).thresholdPercent), [1, 5]);
        // Reputation metrics are fractions: the same tiers divided by 100.
        assert.deepStrictEqual(row("account-reputation-bounce-rate-warning"), [0.04, 3600, 1, 1, "ignore", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("account-reputation-complaint-rate-critical"), [0.0009, 3600, 1, 1, "ignore", "GreaterThanOrEqualToThreshold"]);
        assert.deepStrictEqual(row("marketing.reputation-complaint-rate-warning"), [0.0008, 3600, 1, 1, "ignore", "GreaterThanOrEqualToThreshold"]);
    });

    it("reads Reputation.* with no dimension at account level and the set's dimension per set", () => {
        const account = byName(specs, "ses-monitoring-dev.account-reputation-bounce-rate-warning").queries[0].metric!;
        assert.deepStrictEqual([account.metricName, account.stat, account.dimensions], ["Reputation.BounceRate", "Average", {}]);
        const perSet = byName(specs, "ses-monitoring-dev.marketing.reputation-complaint-rate-critical").queries[0].metric!;
        assert.deepStrictEqual([perSet.metricName, perSet.dimensions], ["Reputation.ComplaintRate", { "ses:configuration-set": "marketing" }]);
    });

    it("applies stack-level overrides, then per-set overrides field by field", () => {
        const tuned = specsOf({
            alarms: { bounceRate: { warningPercent: 1.5, minimumSends: 1000 } },
            configurationSets: {
                bulk: { alarms: { bounceRate: { criticalPercent: 4, periodSeconds: 900, evaluationPeriods: 4, datapointsToAlarm: 2 } } },
                other: {},
            },
        });
        const bulkWarning = byName(tuned, "ses-monitoring-dev.bulk.bounce-rate-warning");
        const bulkCritical = byName(tuned, "ses-monitoring-dev.bulk.bounce-rate-critical");
        assert.deepStrictEqual([bulkWarning.threshold, bulkCritical.threshold], [1.5, 4]);
        assert.deepStrictEqual([bulkCritical.periodSeconds, bulkCritical.evaluationPeriods, bulkCritical.datapointsToAlarm], [900, 4, 2]);
        assert.strictEqual(bulkCritical.queries[2].expression, "IF(sends >= 1000, 100 * FILL(bounces, 0) / sends)");
        assert.ok(bulkCritical.queries.filter((q) => q.metric).every((q) => q.metric!.periodSeconds === 900));
        const other = byName(tuned, "ses-monitoring-dev.other.bounce-rate-critical");
        assert.deepStrictEqual([other.threshold, other.periodSeconds], [4.5, 1800]);
        // The account reputation tiers follow the stack-level rate tiers.
        assert.strictEqual(byName(tuned, "ses-monitoring-dev.account-reputation-bounce-rate-warning").threshold, 0.015);
    });

    it("makes evaluationPeriods alone mean N of N, as CloudWatch does", () => {
        const s = byName(specsOf({ configurationSets: { a: { alarms: { rejectRate: { evaluationPeriods: 3 } } } } }), "ses-monitoring-dev.a.reject-rate-warning");
        assert.deepStrictEqual([s.evaluationPeriods, s.datapointsToAlarm], [3, 3]);
    });

    it("drops disabled alarms, reputation alarms of sets without reputation metrics, and account alarms when off", () => {
        const few = specsOf({
            configurationSets: { a: { reputationMetrics: false, alarms: { rejectRate: { enabled: false } } } },
            accountReputation: { complaintRate: { enabled: false } },
        });
        assert.deepStrictEqual(few.map((s) => s.key), [
            "a-bounce-rate-warning", "a-bounce-rate-critical", "a-bounce-rate-critical-fast", "a-complaint-rate-warning", "a-complaint-rate-critical",
            "account-reputation-bounce-rate-warning", "account-reputation-bounce-rate-critical",
        ]);
        const none = specsOf({ configurationSets: {}, accountReputation: { enabled: false } });
        assert.deepStrictEqual(none, []);
    });

    it("names every alarm <prefix>.<set>.<metric>-<severity>[-fast] or <prefix>.account-..., uniquely, and within CloudWatch's limits", () => {
        const names = specs.map((s) => s.name);
        assert.strictEqual(new Set(names).size, names.length);
        // Per set: 6 rate + 2 fast (bounce, reject) + 4 reputation; then 4 account reputation.
        assert.strictEqual(specs.length, 2 * 12 + 4);
        for (const spec of specs) {
            assert.match(spec.name, /^ses-monitoring-dev\.((marketing|transactional)\.|account-)(reputation-)?(bounce|complaint|reject)-rate-(warning|critical)(-fast)?$/);
            assert.strictEqual(spec.window, spec.name.endsWith("-fast") ? "fast" : "main", spec.name);
            assert.ok(spec.queries.filter((q) => q.metric).length <= 10, `${spec.name} reads more than 10 metrics`);
            assert.strictEqual(spec.queries.filter((q) => q.returnData).length, 1);
            assert.ok(spec.description.length <= 1024);
            for (const q of spec.queries) assert.match(q.id, /^[a-z][A-Za-z0-9_]*$/);
        }
        assert.strictEqual(specsOf({ namePrefix: "prod", configurationSets: { a: {} } })[0].name, "prod.a.bounce-rate-warning");
    });

    it("cleans the default prefix to [A-Za-z0-9_-] (project and stack names may hold dots)", () => {
        const specsDotted = alarmSpecs(resolveSettings({ configurationSets: { a: {} } }, { project: "mail.platform", stack: "eu.prod" }));
        // Cleaned, then told apart from project mail-platform's stack eu-prod by a hash of the names as written.
        assert.match(specsDotted[0].name, /^mail-platform-eu-prod-[0-9a-f]{6}\.a\.bounce-rate-warning$/);
        const specsDashed = alarmSpecs(resolveSettings({ configurationSets: { a: {} } }, { project: "mail-platform", stack: "eu-prod" }));
        assert.strictEqual(specsDashed[0].name, "mail-platform-eu-prod.a.bounce-rate-warning");
    });

    it("describes what breached, where AWS acts and what to check first", () => {
        const d = byName(specs, "ses-monitoring-dev.marketing.bounce-rate-critical").description;
        assert.match(d, /^CRITICAL: the bounce rate of SES configuration set marketing reached 4.5 %/);
        assert.match(d, /under review at a 5 % bounce rate and may pause sending at 10 %/);
        assert.match(d, /First: /);
        const c = byName(specs, "ses-monitoring-dev.account-reputation-complaint-rate-warning").description;
        assert.match(c, /under review at a 0\.1 % complaint rate and may pause sending at 0\.5 %/);
    });

    it("says that the bounce rate counts sends to suppressed addresses, which AWS's rate leaves out", () => {
        assert.strictEqual(byName(specs, "ses-monitoring-dev.marketing.bounce-rate-critical").description,
            "CRITICAL: the bounce rate of SES configuration set marketing reached 4.5 % (100 * Bounce / Send in 4 of 4 periods of 30 min, "
            + "counted only when at least 1500 messages were sent). This rate also counts sends to addresses on the account's suppression list "
            + "(Bounce sub-type OnAccountSuppressionList), which AWS leaves out of the bounce rate it enforces on: when this alarm fires but "
            + "Reputation.BounceRate stays low, look for them first (the event archive's bounce query shows the sub-type). "
            + "AWS puts the account under review at a 5 % bounce rate and may pause sending at 10 %. "
            + "First: find the campaign or list that sent it (Bounce events by recipient domain), stop it, and check that hard-bounced addresses are suppressed.");
        for (const spec of specs.filter((s) => s.measure === "bounceRate")) {
            // Every event-count bounce alarm says so (fast window included); AWS's own rate excludes them already.
            assert.strictEqual(spec.description.includes("OnAccountSuppressionList"), spec.source === "events", spec.name);
        }
        for (const spec of specs.filter((s) => s.measure !== "bounceRate")) assert.ok(!spec.description.includes("suppression list"), spec.name);
    });

    it("refuses a configuration set whose alarm names collide with the account-level ones", () => {
        const plan = (args: SesMonitoringArgs) => planSesMonitoring(args, context);
        assert.throws(() => plan({ configurationSets: { account: {} } }),
            /configurationSets\.account: gives alarm key "account-reputation-bounce-rate-warning" \(its resource name\), which an account-level alarm also uses/);
        assert.doesNotThrow(() => plan({ configurationSets: { account: { reputationMetrics: false } } }));
    });

    describe("the fast window", () => {
        const fastOf = (list: AlarmSpec[]) => list.filter((s) => s.window === "fast").map((s) => s.key);

        it("is on by default for bounce and reject, off for complaints: one critical alarm on 5-minute periods", () => {
            assert.deepStrictEqual(fastOf(specs), [
                "marketing-bounce-rate-critical-fast", "marketing-reject-rate-critical-fast",
                "transactional-bounce-rate-critical-fast", "transactional-reject-rate-critical-fast",
            ]);
            for (const fast of specs.filter((s) => s.window === "fast")) {
                assert.strictEqual(fast.severity, "critical");
                assert.strictEqual(fast.source, "events");
            }
            assert.ok(!specs.some((s) => s.measure === "complaintRate" && s.window === "fast"));
        });

        it("reads the exact guarded expression and metrics at the fast period, at the critical tier", () => {
            const fast = byName(specs, "ses-monitoring-dev.marketing.bounce-rate-critical-fast");
            assert.strictEqual(fast.queries[2].expression, "IF(sends >= 5000, 100 * FILL(bounces, 0) / sends)");
            assert.strictEqual(fast.queries[2].expression, rateExpression("bounceRate", 5000));
            assert.deepStrictEqual(fast.queries.map((q) => [q.id, q.metric?.metricName, q.metric?.stat, q.metric?.periodSeconds, q.returnData]), [
                ["sends", "Send", "Sum", 300, false],
                ["bounces", "Bounce", "Sum", 300, false],
                ["rate", undefined, undefined, undefined, true],
            ]);
            for (const q of fast.queries.filter((x) => x.metric)) assert.deepStrictEqual(q.metric!.dimensions, { "ses:configuration-set": "marketing" });
            assert.deepStrictEqual([fast.threshold, fast.thresholdPercent, fast.periodSeconds, fast.evaluationPeriods, fast.datapointsToAlarm, fast.treatMissingData, fast.comparisonOperator],
                [4.5, 4.5, 300, 4, 4, "notBreaching", "GreaterThanOrEqualToThreshold"]);
            const reject = byName(specs, "ses-monitoring-dev.transactional.reject-rate-critical-fast");
            // The reject rate's fast window carries its confidence bound at the critical tier.
            assert.strictEqual(reject.queries[2].expression, "IF(sends > 0, 2 * ((FILL(rejects, 0)) ^ 0.5 - (0.05 * sends) ^ 0.5))");
            assert.deepStrictEqual([reject.threshold, reject.thresholdPercent, reject.periodSeconds, reject.evaluationPeriods, reject.datapointsToAlarm], [3.1, 5, 300, 1, 1]);
            // 5 rejects of 5 sends (0.25 allowed at 5 %) are evidence, 4 are not (2 x (2 - 0.5) = 3.0).
            assert.ok(rateAt(reject, { sends: 5, rejects: 5 })! >= 3.1 && rateAt(reject, { sends: 5, rejects: 4 })! < 3.1);
            assert.strictEqual(rateAt(reject, { sends: undefined, rejects: 4 }), undefined);
            // Above its guard the 5-minute rate is the rate; below it, no datapoint.
            assert.strictEqual(rateAt(fast, { sends: 5000, bounces: 225 }), 4.5);
            assert.strictEqual(rateAt(fast, { sends: 4999, bounces: 4999 }), undefined);
        });

        it("says in its description that it is the fast window, what breached, AWS's levels and what to check first", () => {
            const d = byName(specs, "ses-monitoring-dev.marketing.bounce-rate-critical-fast").description;
            assert.match(d, /^CRITICAL \(fast window, severe spike\): the bounce rate of SES configuration set marketing reached 4.5 %/);
            assert.match(d, /in 4 of 4 periods of 5 min, counted only when at least 5000 messages were sent/);
            assert.match(d, /under review at a 5 % bounce rate and may pause sending at 10 %/);
            assert.match(d, /First: /);
        });

        it("follows the critical tier, and merges stack-level then per-set settings field by field", () => {
            const tuned = specsOf({
                alarms: { bounceRate: { warningPercent: 3, criticalPercent: 4, fastWindow: { minimumSends: 1000, periodSeconds: 600 } } },
                configurationSets: {
                    bulk: { alarms: { bounceRate: { fastWindow: { evaluationPeriods: 3, datapointsToAlarm: 2 } }, complaintRate: { fastWindow: { enabled: true } } } },
                    other: {},
                },
            });
            const bulk = byName(tuned, "ses-monitoring-dev.bulk.bounce-rate-critical-fast");
            assert.deepStrictEqual([bulk.threshold, bulk.periodSeconds, bulk.evaluationPeriods, bulk.datapointsToAlarm], [4, 600, 3, 2]);
            assert.strictEqual(bulk.queries[2].expression, "IF(sends >= 1000, 100 * FILL(bounces, 0) / sends)");
            assert.ok(bulk.queries.filter((q) => q.metric).every((q) => q.metric!.periodSeconds === 600));
            const other = byName(tuned, "ses-monitoring-dev.other.bounce-rate-critical-fast");
            assert.deepStrictEqual([other.threshold, other.periodSeconds, other.evaluationPeriods, other.datapointsToAlarm], [4, 600, 4, 4]);
            // Complaints: off by default, on where asked, with the default window and the complaint critical tier.
            const complaint = byName(tuned, "ses-monitoring-dev.bulk.complaint-rate-critical-fast");
            assert.deepStrictEqual([complaint.threshold, complaint.periodSeconds, complaint.queries[2].expression],
                [0.09, 300, "IF(sends >= 300, 100 * FILL(complaints, 0) / sends)"]);
            assert.deepStrictEqual(fastOf(tuned), [
                "bulk-bounce-rate-critical-fast", "bulk-complaint-rate-critical-fast", "bulk-reject-rate-critical-fast",
                "other-bounce-rate-critical-fast", "other-reject-rate-critical-fast",
            ]);
        });

        it("is dropped when disabled (stack-wide or per set) and with its rate", () => {
            const off = specsOf({
                alarms: { rejectRate: { fastWindow: { enabled: false } } },
                configurationSets: { a: { alarms: { bounceRate: { fastWindow: { enabled: false } } } }, b: { alarms: { bounceRate: { enabled: false } } }, c: {} },
            });
            assert.deepStrictEqual(fastOf(off), ["c-bounce-rate-critical-fast"]);
            // The main alarms stay.
            assert.ok(off.some((s) => s.key === "a-bounce-rate-critical") && off.some((s) => s.key === "a-reject-rate-critical"));
            // And a set may turn back on what the stack turned off.
            const back = specsOf({ alarms: { bounceRate: { fastWindow: { enabled: false } } }, configurationSets: { a: { alarms: { bounceRate: { fastWindow: { enabled: true } } } }, b: {} } });
            assert.deepStrictEqual(fastOf(back), ["a-bounce-rate-critical-fast", "a-reject-rate-critical-fast", "b-reject-rate-critical-fast"]);
        });
    });

    it("exports the expression builder the component uses", () => {
        assert.strictEqual(rateExpression("complaintRate", 7), "IF(sends >= 7, 100 * FILL(complaints, 0) / sends)");
    });
});
