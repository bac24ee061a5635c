import * as assert from "assert";
import { planSesMonitoring, SesMonitoringArgs } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { LIMITS } from "../components/shared/catalog";

/**
 * Missing traffic and send volume at their boundaries: the interval where the missing-traffic
 * alarm switches from 5-minute to hourly periods (a day), the allowed intervals, the volume
 * window's one-day limit, and which alarms each setting gives.
 */
const context = { project: "ses-monitoring", stack: "dev" };
const plan = (args: unknown) => planSesMonitoring(args as SesMonitoringArgs, context);
const volume = (args: unknown) => plan(args).volumeAlarms;
function refusal(args: unknown): Record<string, string> {
    try {
        plan(args);
    } catch (e) {
        assert.ok(e instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${e}`);
        return Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    }
    return assert.fail("accepted");
}
const missing = (minutes: number) => volume({ configurationSets: { main: { expectedSendIntervalMinutes: minutes } } })[0];

describe("missing traffic: the interval", () => {
    it("up to a day: 5-minute periods, every one of them missing (Send below 1, missing data breaching)", () => {
        for (const [minutes, periods] of [[5, 1], [60, 12], [1440, 288]]) {
            const a = missing(minutes);
            assert.deepStrictEqual([a.periodSeconds, a.evaluationPeriods, a.datapointsToAlarm, a.comparisonOperator, a.threshold, a.treatMissingData], [300, periods, periods, "LessThanThreshold", 1, "breaching"], String(minutes));
        }
        assert.strictEqual(missing(1440).periodSeconds * missing(1440).evaluationPeriods, LIMITS.maxEvaluationSecondsShortPeriod);
    });
    it("beyond a day: hourly periods, up to a week", () => {
        for (const [minutes, periods] of [[1500, 25], [10_080, 168]]) {
            const a = missing(minutes);
            assert.deepStrictEqual([a.periodSeconds, a.evaluationPeriods, a.datapointsToAlarm], [3600, periods, periods], String(minutes));
        }
    });
    it("names the set, the interval and what to check first", () => {
        const a = missing(90);
        assert.deepStrictEqual([a.key, a.name, a.severity, a.measure, a.configurationSet], ["main-sends-missing-critical", "ses-monitoring-dev.main.sends-missing-critical", "critical", "missingTraffic", "main"]);
        assert.match(a.description, /^CRITICAL: SES configuration set main published no Send metric for 90 min, longer than it normally goes without sending \(expectedSendIntervalMinutes 90\)\./);
        assert.match(missing(120).description, /for 2 h,/);
        assert.deepStrictEqual(a.queries, [{ id: "sends", label: "Send", metric: { namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "main" }, stat: "Sum", periodSeconds: 300 }, returnData: true }]);
    });
    it("refuses intervals below 5 minutes, beyond a week, and off the period grid", () => {
        const at = (minutes: unknown) => refusal({ configurationSets: { main: { expectedSendIntervalMinutes: minutes } } })["configurationSets.main.expectedSendIntervalMinutes"];
        assert.match(at(4), /^4 is not in \[5, 10080\]/);
        assert.match(at(10_081), /^10081 is not in \[5, 10080\]/);
        assert.match(at(62), /^62 is not a multiple of 5/);
        assert.match(at(1445), /^1445 is not a multiple of 60/);
        assert.match(at(7.5), /not a whole number/);
    });
    it("no missing-traffic alarm without an interval", () => {
        assert.deepStrictEqual(volume({ configurationSets: { main: {} } }), []);
    });
});

describe("send volume: alarms and window", () => {
    const keys = (v: unknown) => volume({ configurationSets: { a: {}, b: {} }, volume: v }).map((s) => s.key);
    it("surge bands per set and for the account; drops too when asked; none when disabled", () => {
        assert.deepStrictEqual(keys({}), ["a-send-surge-warning", "b-send-surge-warning", "account-send-surge-warning"]);
        assert.deepStrictEqual(keys({ perSet: false, drops: true }), ["account-send-surge-warning", "account-send-drop-warning"]);
        assert.deepStrictEqual(keys({ enabled: false }), []);
        assert.deepStrictEqual(keys(undefined), []);
    });
    it("a fixed ceiling replaces the band where it is set: Send >= ceiling, critical", () => {
        const specs = volume({ configurationSets: { a: {}, b: {} }, volume: { setMaxSends: { a: 5000 }, accountMaxSends: 20_000, periodMinutes: 15, evaluationPeriods: 2 } });
        assert.deepStrictEqual(specs.map((s) => [s.key, s.comparisonOperator, s.threshold, s.severity]), [
            ["a-send-ceiling-critical", "GreaterThanOrEqualToThreshold", 5000, "critical"],
            ["b-send-surge-warning", "GreaterThanUpperThreshold", undefined, "warning"],
            ["account-send-ceiling-critical", "GreaterThanOrEqualToThreshold", 20_000, "critical"],
        ]);
        assert.deepStrictEqual([specs[0].periodSeconds, specs[0].evaluationPeriods, specs[0].datapointsToAlarm, specs[0].treatMissingData], [900, 2, 2, "notBreaching"]);
        assert.match(specs[0].description, /sent at least 5000 messages in 2 periods of 15 min in a row \(Send, Sum\)/);
        assert.match(specs[2].description, /^CRITICAL: the SES account \(every configuration set, and mail sent without one\) sent at least 20000 messages in 2 periods/);
        assert.deepStrictEqual(specs[2].queries[0].metric!.dimensions, {});
        assert.strictEqual(specs[2].name, "ses-monitoring-dev.account-send-ceiling-critical");
    });
    it("the band: ANOMALY_DETECTION_BAND of Send at the band width, compared with its upper or lower edge", () => {
        const [surge, drop] = volume({ configurationSets: {}, volume: { bandWidth: 2.5, drops: true } });
        assert.deepStrictEqual(surge.queries.map((q) => [q.id, q.expression, q.returnData]), [["sends", undefined, true], ["band", "ANOMALY_DETECTION_BAND(sends, 2.5)", true]]);
        assert.deepStrictEqual([surge.comparisonOperator, surge.thresholdMetricId, drop.comparisonOperator, drop.measure], ["GreaterThanUpperThreshold", "band", "LessThanLowerThreshold", "sendDrop"]);
        assert.match(surge.description, /in one 1 h period \(Send, Sum\) than CloudWatch's anomaly detection band of 2\.5 standard deviations expects\./);
        assert.match(drop.description, /sent fewer messages/);
    });
    it("a window of exactly a day is accepted, one more period is refused", () => {
        assert.doesNotThrow(() => plan({ configurationSets: {}, volume: { periodMinutes: 60, evaluationPeriods: 24 } }));
        assert.match(refusal({ configurationSets: {}, volume: { periodMinutes: 60, evaluationPeriods: 25 } })["volume.evaluationPeriods"], /^25 makes 25 periods of 60 min longer than a day/);
        assert.doesNotThrow(() => plan({ configurationSets: {}, volume: { periodMinutes: 5, evaluationPeriods: 288 } }));
        assert.ok(refusal({ configurationSets: {}, volume: { periodMinutes: 5, evaluationPeriods: 289 } })["volume.evaluationPeriods"]);
    });
    it("refuses a period other than 5, 15 or 60 minutes, a band width of 0, and ceilings below 1", () => {
        const r = refusal({ configurationSets: { a: {} }, volume: { periodMinutes: 30, bandWidth: 0, accountMaxSends: 0, setMaxSends: { a: 0.5 } } });
        assert.strictEqual(r["volume.periodMinutes"], "30 is not one of 5, 15, 60");
        assert.ok(r["volume.bandWidth"] && r["volume.accountMaxSends"] && r["volume.setMaxSends.a"]);
        assert.ok(refusal({ configurationSets: {}, volume: { evaluationPeriods: 0 } })["volume.evaluationPeriods"]);
    });
    it("refuses a ceiling for a set the stack does not have, and per-set ceilings with perSet false", () => {
        assert.strictEqual(refusal({ configurationSets: { a: {} }, volume: { setMaxSends: { b: 10 } } })["volume.setMaxSends.b"], "10 names no configuration set of this stack (a)");
        assert.strictEqual(refusal({ configurationSets: {}, volume: { setMaxSends: { b: 10 } } })["volume.setMaxSends.b"], "10 names no configuration set of this stack (none)");
        assert.match(refusal({ configurationSets: { a: {} }, volume: { perSet: false, setMaxSends: { a: 10 } } })["volume.setMaxSends"], /sets ceilings per set while perSet is false/);
    });
    it("a band width above 0 and up to 100", () => {
        const accepted = (bandWidth: number) => assert.doesNotThrow(() => plan({ configurationSets: {}, volume: { bandWidth } }), String(bandWidth));
        accepted(0.1);
        accepted(100);
        assert.strictEqual(refusal({ configurationSets: {}, volume: { bandWidth: 0 } })["volume.bandWidth"], "0 is not in (0, 100]");
        assert.strictEqual(refusal({ configurationSets: {}, volume: { bandWidth: 100.5 } })["volume.bandWidth"], "100.5 is not in (0, 100]");
    });
    it("band options refused where every alarm has a fixed ceiling, taken where a band is still drawn", () => {
        const sets = { configurationSets: { a: {}, b: {} } };
        assert.deepStrictEqual(refusal({ ...sets, volume: { accountMaxSends: 1000, perSet: false, bandWidth: 2 } }), {
            "volume.bandWidth": "2 has no effect: every volume alarm compares with a fixed ceiling (accountMaxSends, perSet false), none with the anomaly band that bandWidth shapes",
        });
        assert.deepStrictEqual(refusal({ ...sets, volume: { accountMaxSends: 1000, setMaxSends: { a: 10, b: 20 }, drops: false, bandWidth: 3 } }), {
            "volume.bandWidth": "3 has no effect: every volume alarm compares with a fixed ceiling (accountMaxSends and setMaxSends for every set), none with the anomaly band that bandWidth shapes",
            "volume.drops": "false has no effect: every volume alarm compares with a fixed ceiling (accountMaxSends and setMaxSends for every set), none with the anomaly band that drops shapes",
        });
        // One set still on the band, the account on the band, or band options left unset: accepted.
        for (const v of [{ accountMaxSends: 1000, setMaxSends: { a: 10 }, bandWidth: 3, drops: true }, { setMaxSends: { a: 10, b: 20 }, bandWidth: 3 },
            { accountMaxSends: 1000, perSet: false }, { accountMaxSends: 1000, perSet: false, bandWidth: null, drops: null }]) {
            assert.doesNotThrow(() => plan({ ...sets, volume: v }), JSON.stringify(v));
        }
        // Off: the one rule that says so, not this one as well.
        assert.deepStrictEqual(refusal({ ...sets, volume: { enabled: false, accountMaxSends: 1000, perSet: false, bandWidth: 2 } }), {
            "volume.accountMaxSends": "1000 has no effect while enabled is false: remove it, or remove enabled: false",
            "volume.perSet": "false has no effect while enabled is false: remove it, or remove enabled: false",
            "volume.bandWidth": "2 has no effect while enabled is false: remove it, or remove enabled: false",
        });
    });
});

describe("send volume: what each alarm says", () => {
    const specs = () => volume({ configurationSets: { a: { expectedSendIntervalMinutes: 30 }, b: {} }, volume: { drops: true, setMaxSends: { a: 900 }, periodMinutes: 15 } });
    const by = (key: string) => specs().find((s) => s.key === key)!;

    it("missing traffic: what it means and what to check first", () => {
        assert.strictEqual(by("a-sends-missing-critical").description, [
            "CRITICAL: SES configuration set a published no Send metric for 30 min, longer than it normally goes without sending (expectedSendIntervalMinutes 30).",
            "Either nothing sends through it (a stopped sender, a queue, revoked credentials) or its sends no longer reach CloudWatch (an event destination deleted or disabled), and then every rate alarm of the set is blind.",
            "First: check the sender; then the set's CloudWatch event destination (enabled, SEND included, ses:configuration-set dimension).",
        ].join(" "));
    });
    it("a set's ceiling", () => {
        const c = by("a-send-ceiling-critical");
        assert.strictEqual(c.description, [
            "CRITICAL: SES configuration set a sent at least 900 messages in one 15 min period (Send, Sum), its fixed ceiling.",
            "A surge is what leaked SMTP or API credentials, or a loop in a sender, look like.",
            "First: find who sends (the sending identities and IAM users in CloudTrail); if it is not yours, revoke the credentials and pause sending.",
        ].join(" "));
        assert.deepStrictEqual([c.measure, c.name, c.queries], ["sendCeiling", "ses-monitoring-dev.a.send-ceiling-critical",
            [{ id: "sends", label: "Send", metric: { namespace: "AWS/SES", metricName: "Send", dimensions: { "ses:configuration-set": "a" }, stat: "Sum", periodSeconds: 900 }, returnData: true }]]);
    });
    it("a set's surge and drop bands", () => {
        const surge = by("b-send-surge-warning");
        const drop = by("b-send-drop-warning");
        assert.strictEqual(surge.description, [
            "WARNING: SES configuration set b sent more messages in one 15 min period (Send, Sum) than CloudWatch's anomaly detection band of 3 standard deviations expects.",
            "A surge is what leaked SMTP or API credentials, or a loop in a sender, look like.",
            "The band is AWS's model of the metric's last two weeks: after a deliberate change of volume it needs time to learn.",
            "First: find who sends (the sending identities and IAM users in CloudTrail); if it is not yours, revoke the credentials.",
        ].join(" "));
        assert.strictEqual(drop.description, [
            "WARNING: SES configuration set b sent fewer messages in one 15 min period (Send, Sum) than CloudWatch's anomaly detection band of 3 standard deviations expects.",
            "A drop is a sender stopping, or mail leaving through another path.",
            "The band is AWS's model of the metric's last two weeks: after a deliberate change of volume it needs time to learn.",
            "First: check the senders and their queues.",
        ].join(" "));
        assert.deepStrictEqual([surge.measure, drop.measure, surge.name, drop.name], ["sendSurge", "sendDrop", "ses-monitoring-dev.b.send-surge-warning", "ses-monitoring-dev.b.send-drop-warning"]);
        assert.deepStrictEqual(surge.queries.map((q) => q.label), ["Send", "expected Send (3 standard deviations)"]);
    });
});

describe("send volume: refusals name the field", () => {
    it("each field's path, and the rules it breaks together", () => {
        const r = refusal({ configurationSets: { a: {}, b: {} }, volume: { enabled: 1, drops: 1, perSet: 1, periodMinutes: 0, evaluationPeriods: 1.5, accountMaxSends: 1.5, setMaxSends: { c: 1 } } });
        assert.deepStrictEqual(Object.keys(r).sort(), ["volume.drops", "volume.enabled", "volume.evaluationPeriods", "volume.perSet", "volume.periodMinutes", "volume.accountMaxSends", "volume.setMaxSends.c"].sort());
        assert.strictEqual(r["volume.periodMinutes"], "0 is not in [1, inf)");
        assert.match(r["volume.evaluationPeriods"], /^1\.5 is not a whole number/);
        assert.match(r["volume.accountMaxSends"], /^1\.5 is not a whole number/);
        assert.strictEqual(r["volume.setMaxSends.c"], "1 names no configuration set of this stack (a, b)");
        assert.match(refusal({ configurationSets: {}, volume: { periodMinutes: 2.5 } })["volume.periodMinutes"], /^2\.5 is not a whole number/);
    });
    it("volume or its ceilings of the wrong type are refused, not a crash; null ceilings are none", () => {
        assert.match(refusal({ configurationSets: {}, volume: true })["volume"], /is not an object/);
        assert.match(refusal({ configurationSets: {}, volume: { setMaxSends: 5 } })["volume.setMaxSends"], /is not an object/);
        assert.deepStrictEqual(volume({ configurationSets: {}, volume: { setMaxSends: null } }).map((s) => s.key), ["account-send-surge-warning"]);
    });
    it("beyond a day an interval off the hour is refused as such", () => {
        assert.match(refusal({ configurationSets: { main: { expectedSendIntervalMinutes: 1501 } } })["configurationSets.main.expectedSendIntervalMinutes"], /^1501 is not a multiple of 60/);
    });
});

