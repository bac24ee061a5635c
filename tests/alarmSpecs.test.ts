import * as assert from "assert";
import { ALARM_NAME_SEPARATOR, alarmName, CheckedAlarmSpec, checkAlarmSpecs, SEVERITIES } from "../components/shared/alarmSpecs";
import { LIMITS } from "../components/shared/catalog";
import { SesMonitoringArgsError } from "../components/shared/checker";

/**
 * The one check every metric alarm of a stack passes, at CloudWatch's limits (PutMetricAlarm API
 * reference: AlarmName at most 255 characters, AlarmDescription at most 1,024, at most 10 metrics
 * in a math alarm's MetricDataQueries): exactly at a limit is accepted, one past it is refused.
 */
const spec = (over: Partial<CheckedAlarmSpec> = {}): CheckedAlarmSpec => ({
    key: "main-bounce-rate-critical",
    name: "p.main.bounce-rate-critical",
    configurationSet: "main",
    description: "d",
    queries: [{ metric: {} }, { metric: {} }, {}],
    ...over,
});
const metrics = (n: number) => Array.from({ length: n }, () => ({ metric: {} }));

function refusal(specs: CheckedAlarmSpec[]): SesMonitoringArgsError {
    try {
        checkAlarmSpecs(specs);
    } catch (e) {
        assert.ok(e instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${e}`);
        return e;
    }
    return assert.fail("accepted");
}

describe("alarm specs: names and CloudWatch limits", () => {
    it("names alarms <prefix>.<set>.<what>, or <prefix>.<what> for the whole stack", () => {
        assert.strictEqual(ALARM_NAME_SEPARATOR, ".");
        assert.strictEqual(alarmName("ses-prod", "marketing", "bounce-rate-critical"), "ses-prod.marketing.bounce-rate-critical");
        assert.strictEqual(alarmName("ses-prod", "sending-at-risk"), "ses-prod.sending-at-risk");
        assert.deepStrictEqual(SEVERITIES, ["warning", "critical"]);
    });

    it("accepts distinct alarms", () => {
        assert.doesNotThrow(() => checkAlarmSpecs([spec(), spec({ key: "main-bounce-rate-warning", name: "p.main.bounce-rate-warning" })]));
    });

    describe("names of at most 255 characters", () => {
        it(`accepts a name of exactly ${LIMITS.alarmNameLength} characters`, () => {
            assert.strictEqual(LIMITS.alarmNameLength, 255);
            assert.doesNotThrow(() => checkAlarmSpecs([spec({ name: "n".repeat(255) })]));
        });
        it("refuses a name of 256, blaming the name prefix, with the name and the limit", () => {
            const name = "n".repeat(256);
            const e = refusal([spec({ name })]);
            assert.deepStrictEqual(e.issues, [{ path: "namePrefix", message: `makes alarm name "${name}" longer than 255 characters` }]);
        });
    });

    describe("at most 10 metrics and a 1,024-character description (our bug if broken)", () => {
        it("accepts exactly 10 metrics (expressions do not count) and exactly 1,024 characters", () => {
            assert.deepStrictEqual([LIMITS.metricsPerAlarm, LIMITS.alarmDescriptionLength], [10, 1024]);
            assert.doesNotThrow(() => checkAlarmSpecs([spec({ queries: [...metrics(10), {}, {}], description: "d".repeat(1024) })]));
        });
        it("refuses 11 metrics", () => {
            assert.throws(() => checkAlarmSpecs([spec({ queries: metrics(11) })]), /^Error: internal: alarm p\.main\.bounce-rate-critical breaks a CloudWatch limit \(11 metrics, 1-character description\)$/);
        });
        it("refuses a 1,025-character description", () => {
            assert.throws(() => checkAlarmSpecs([spec({ description: "d".repeat(1025) })]), /breaks a CloudWatch limit \(2 metrics, 1025-character description\)/);
        });
    });

    describe("keys (resource names) and names used twice", () => {
        const account = spec({ key: "bounce-rate-critical", name: "p.bounce-rate-critical", configurationSet: undefined });
        const clashing = spec({ key: "bounce-rate-critical", name: "p.account.bounce-rate-critical", configurationSet: "account" });
        it("blames the configuration set whose key clashes with an account-level alarm, whichever comes first", () => {
            const want = [{ path: "configurationSets.account", message: 'gives alarm key "bounce-rate-critical" (its resource name), which an account-level alarm also uses: rename the set' }];
            assert.deepStrictEqual(refusal([account, clashing]).issues, want);
            assert.deepStrictEqual(refusal([clashing, account]).issues, want);
        });
        it("names the other configuration set when two sets clash", () => {
            const a = spec({ key: "x-y-bounce", name: "p.x-y.bounce", configurationSet: "x-y" });
            const b = spec({ key: "x-y-bounce", name: "p.x.y-bounce", configurationSet: "x" });
            assert.deepStrictEqual(refusal([a, b]).issues, [{ path: "configurationSets.x", message: 'gives alarm key "x-y-bounce" (its resource name), which configuration set x-y also uses: rename the set' }]);
        });
        it("reports every problem at once", () => {
            const long = spec({ key: "other", name: "n".repeat(300) });
            const e = refusal([account, clashing, long]);
            assert.deepStrictEqual(e.issues.map((i) => i.path), ["configurationSets.account", "namePrefix"]);
        });
        it("two alarms of one name under different keys are our bug", () => {
            assert.throws(() => checkAlarmSpecs([spec(), spec({ key: "other" })]), /^Error: internal: two alarms are named p\.main\.bounce-rate-critical$/);
        });
    });
});
