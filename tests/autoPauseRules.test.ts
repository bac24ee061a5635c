import * as assert from "assert";
import { planSesMonitoring, SesMonitoringArgs } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { AUTO_PAUSE_TRIGGERS, DISABLED_AUTO_PAUSE } from "../components/autoPause/settings";
import { autoPausePermissionPolicy } from "../components/autoPause/specs";
import { LOG_RETENTION_DAYS } from "../components/shared/catalog";

/**
 * Auto-pause's settings as the plan shows them: off (and what "off" reads as) unless configured,
 * the defaults when on, and each refusal naming its own field path (planned, no deployment).
 */
const context = { project: "ses-monitoring", stack: "dev" };
const PATH = "configurationSets.marketing.autoPause";
const plan = (autoPause: unknown, set: Record<string, unknown> = {}) =>
    planSesMonitoring({ configurationSets: { marketing: { ...set, autoPause } } } as SesMonitoringArgs, context);
const resolved = (autoPause: unknown) => plan(autoPause).settings.configurationSets.find((s) => s.name === "marketing")!.autoPause;
function refusal(autoPause: unknown, set: Record<string, unknown> = {}): Record<string, string> {
    try {
        plan(autoPause, set);
    } catch (e) {
        assert.ok(e instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${e}`);
        return Object.fromEntries(e.issues.map((i) => [i.path, i.message]));
    }
    return assert.fail("accepted");
}

describe("auto-pause: settings as planned", () => {
    const OFF = { enabled: false, triggers: [], dryRun: false, logRetentionDays: 30 };

    it("is off, with nothing to trigger it, when absent, null or disabled", () => {
        assert.deepStrictEqual(DISABLED_AUTO_PAUSE, OFF);
        for (const value of [undefined, null]) {
            assert.deepStrictEqual(resolved(value), OFF);
            assert.deepStrictEqual(plan(value).autoPause, []);
        }
        assert.deepStrictEqual(resolved({ enabled: false }), { ...OFF, triggers: [...AUTO_PAUSE_TRIGGERS] });
        assert.deepStrictEqual(plan({ enabled: false }).autoPause, []);
    });
    it("when on, follows both enforced rates, pauses for real and keeps its log 30 days", () => {
        assert.deepStrictEqual(resolved({}), { enabled: true, triggers: ["bounceRate", "complaintRate"], dryRun: false, logRetentionDays: 30 });
        const [spec] = plan({}).autoPause;
        assert.deepStrictEqual([spec.configurationSet, spec.triggers, spec.dryRun, spec.logRetentionDays], ["marketing", ["bounceRate", "complaintRate"], false, 30]);
    });
    it("a trigger whose rate alarm is off is refused; with enabled: false, triggers are refused as doing nothing", () => {
        const set = { alarms: { complaintRate: { enabled: false } } };
        assert.match(refusal({ enabled: false, triggers: ["complaintRate"] }, set)[`${PATH}.triggers`], /has no effect while enabled is false/);
        assert.match(refusal({ triggers: ["complaintRate"] }, set)[`${PATH}.triggers[0]`], /has no alarm to follow/);
    });
    it("takes every CloudWatch Logs retention, whole days only", () => {
        for (const days of LOG_RETENTION_DAYS) assert.strictEqual(resolved({ logRetentionDays: days }).logRetentionDays, days);
        assert.strictEqual(refusal({ logRetentionDays: 7.5 })[`${PATH}.logRetentionDays`], "7.5 is not a whole number");
        assert.strictEqual(refusal({ logRetentionDays: "30" })[`${PATH}.logRetentionDays`], '"30" is not a number');
        assert.match(refusal({ logRetentionDays: 10 })[`${PATH}.logRetentionDays`], /^10 is not a CloudWatch Logs retention \(one of 1, 3, 5, 7, 14, /);
    });
    it("refuses each wrong field at its own path", () => {
        assert.strictEqual(refusal({ enabled: "yes" })[`${PATH}.enabled`], '"yes" is not a boolean');
        assert.strictEqual(refusal({ dryRun: 1 })[`${PATH}.dryRun`], "1 is not a boolean");
        assert.deepStrictEqual(Object.keys(refusal({ enabled: "yes" })), [`${PATH}.enabled`]);
        assert.deepStrictEqual(Object.keys(refusal({ logRetentionDays: 7.5 })), [`${PATH}.logRetentionDays`]);
        assert.match(refusal({ triggers: [] })[`${PATH}.triggers`], /is empty \(name bounceRate, complaintRate or both, or set enabled: false\)/);
        assert.match(refusal({ triggers: "bounceRate" })[`${PATH}.triggers`], /^"bounceRate" is not a list/);
        // A triggers value that is not a list is refused as such, not also as an empty list.
        assert.deepStrictEqual(Object.keys(refusal({ triggers: "" })), [`${PATH}.triggers`]);
        assert.strictEqual(refusal({ triggers: "" })[`${PATH}.triggers`], '"" is not a list');
        assert.match(refusal({ triggers: ["bounceRate", "bounceRate"] })[`${PATH}.triggers[1]`], /is listed twice/);
        assert.match(refusal({ triggers: ["sendRate"] })[`${PATH}.triggers[0]`], /is not one of bounceRate, complaintRate/);
        assert.match(refusal({ pause: true })[`${PATH}.pause`], /^true is not a known field \(.*known: enabled, triggers, dryRun, logRetentionDays\)$/);
        assert.match(refusal("on")[PATH], /is not an object/);
    });
    it("its permission policy is in the current IAM policy language (Version 2012-10-17)", () => {
        const [spec] = plan({}).autoPause;
        const policy = autoPausePermissionPolicy({ accountId: "123456789012", partition: "aws", region: "us-east-1" }, spec, "arn:aws:sns:us-east-1:123456789012:critical") as { Version: string };
        assert.strictEqual(policy.Version, "2012-10-17");
    });
});
