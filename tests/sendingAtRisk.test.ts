import * as assert from "assert";
import { checkCompositeSpecs, COMPOSITE_LIMITS, CompositeAlarmSpec, compositeRule, packIntoRules, ruleElements, sendingAtRiskSpecs } from "../components/sendingAtRisk/specs";
import { resolveSendingAtRisk } from "../components/sendingAtRisk/settings";
import { Checker } from "../components/shared/checker";

/**
 * The "sending at risk" composite at its limits (PutCompositeAlarm API reference, AlarmRule: at most
 * 100 underlying alarms, 10,240 characters, 500 elements; AlarmName 255, AlarmDescription 1,024):
 * exactly at a limit fits one rule, one past it starts another.
 */
const ON = { namePrefix: "p", sendingAtRisk: { enabled: true, notify: true } };
const critical = (name: string) => ({ name, severity: "critical" as const });
const names = (n: number, length = 10) => Array.from({ length: n }, (_, i) => `a${i}`.padEnd(length, "x"));

describe("sending at risk: settings", () => {
    it("is on and notifies by default; each can be turned off", () => {
        const check = new Checker();
        assert.deepStrictEqual(resolveSendingAtRisk(check, "sendingAtRisk", undefined), { enabled: true, notify: true });
        assert.deepStrictEqual(resolveSendingAtRisk(check, "sendingAtRisk", { enabled: false }), { enabled: false, notify: true });
        assert.deepStrictEqual(resolveSendingAtRisk(check, "sendingAtRisk", { notify: false }), { enabled: true, notify: false });
        assert.deepStrictEqual(check.issues, []);
    });
    it("refuses a value that is not a boolean, and an unknown field, naming the path", () => {
        const check = new Checker();
        resolveSendingAtRisk(check, "sendingAtRisk", { enabled: "yes", notify: 1, page: true });
        assert.deepStrictEqual(check.issues.map((i) => i.path).sort(), ["sendingAtRisk.enabled", "sendingAtRisk.notify", "sendingAtRisk.page"].sort());
    });
});

describe("sending at risk: the composite tree", () => {
    it("nothing when disabled, and nothing when no alarm is critical (no composite over nothing)", () => {
        assert.deepStrictEqual(sendingAtRiskSpecs({ ...ON, sendingAtRisk: { enabled: false, notify: true } }, [critical("p.a.x")]), []);
        assert.deepStrictEqual(sendingAtRiskSpecs(ON, []), []);
        assert.deepStrictEqual(sendingAtRiskSpecs(ON, [{ name: "p.a.bounce-rate-warning", severity: "warning" }]), []);
    });

    it("one notifying composite over the critical alarms only", () => {
        const specs = sendingAtRiskSpecs(ON, [critical("p.a.bounce-rate-critical"), { name: "p.a.bounce-rate-warning", severity: "warning" }, critical("p.b.reject-rate-critical")]);
        assert.strictEqual(specs.length, 1);
        const [root] = specs;
        assert.deepStrictEqual({ ...root, description: undefined }, {
            key: "sending-at-risk",
            name: "p.sending-at-risk",
            rule: 'ALARM("p.a.bounce-rate-critical") OR ALARM("p.b.reject-rate-critical")',
            children: ["p.a.bounce-rate-critical", "p.b.reject-rate-critical"],
            level: 1,
            root: true,
            description: undefined,
        });
        assert.match(root.description, /^CRITICAL: SES sending of p is at risk: at least one of its 2 critical alarms .* is in ALARM\. AWS reviews an account at a 5 % bounce or 0\.1 % complaint rate/);
        assert.match(root.description, / First: open the stack's SES dashboard, find the alarm in ALARM and follow its description\.$/);
    });

    it("100 critical alarms fit one rule; 101 make two parts under a root", () => {
        assert.strictEqual(COMPOSITE_LIMITS.alarmsPerRule, 100);
        const hundred = sendingAtRiskSpecs(ON, names(100).map(critical));
        assert.deepStrictEqual(hundred.map((s) => [s.key, s.children.length, s.level, s.root]), [["sending-at-risk", 100, 1, true]]);
        const more = sendingAtRiskSpecs(ON, names(101).map(critical));
        assert.deepStrictEqual(more.map((s) => [s.key, s.name, s.children.length, s.level, s.root]), [
            ["sending-at-risk-l1-1", "p.sending-at-risk-l1-1", 100, 1, false],
            ["sending-at-risk-l1-2", "p.sending-at-risk-l1-2", 1, 1, false],
            ["sending-at-risk", "p.sending-at-risk", 2, 2, true],
        ]);
        assert.deepStrictEqual(more[2].children, ["p.sending-at-risk-l1-1", "p.sending-at-risk-l1-2"]);
        assert.strictEqual(more[1].description, "Part 2 of 2 (level 1) of p.sending-at-risk: in ALARM when any of its 1 alarms is. It does not notify; p.sending-at-risk does.");
        // The root still counts every critical alarm of the stack.
        assert.match(more[2].description, /at least one of its 101 critical alarms/);
    });

    it("packs by rule length: exactly 10,240 characters fit one rule, 10,241 do not", () => {
        assert.strictEqual(COMPOSITE_LIMITS.ruleLength, 10_240);
        // 52 terms ALARM("<184 characters>") of 193 characters and 51 " OR ": 10,240.
        const exact = names(52, 184);
        assert.strictEqual(compositeRule(exact).length, 10_240);
        assert.deepStrictEqual(packIntoRules(exact).map((g) => g.length), [52]);
        const over = [...exact.slice(0, 51), exact[51] + "x"];
        assert.deepStrictEqual(packIntoRules(over).map((g) => g.length), [51, 1]);
        assert.deepStrictEqual(packIntoRules([]), []);
        // A name too long for any rule still gets a group of its own, never an empty one before it.
        assert.deepStrictEqual(packIntoRules(["n".repeat(10_300)]).map((g) => g.length), [1]);
    });

    it("keeps the given order, so adding an alarm changes only the last groups", () => {
        const groups = packIntoRules(names(250));
        assert.deepStrictEqual(groups.map((g) => g.length), [100, 100, 50]);
        assert.deepStrictEqual(groups.flat(), names(250));
    });

    it("counts each ALARM() term and each OR as an element", () => {
        assert.deepStrictEqual([ruleElements(["a"]), ruleElements(["a", "b"]), ruleElements(names(100))], [1, 3, 199]);
    });

    it("goes a level deeper when the parts do not fit one rule either", () => {
        // 10,001 alarms: 101 parts at level 1, 2 at level 2, the root at level 3.
        const specs = sendingAtRiskSpecs(ON, names(10_001).map(critical));
        const perLevel = [1, 2, 3].map((l) => specs.filter((s) => s.level === l).length);
        assert.deepStrictEqual(perLevel, [101, 2, 1]);
        assert.deepStrictEqual(specs.at(-1)!.children, ["p.sending-at-risk-l2-1", "p.sending-at-risk-l2-2"]);
        assert.strictEqual(specs.filter((s) => s.root).length, 1);
    });
});

describe("sending at risk: the composite check trips on a broken composite", () => {
    const ok: CompositeAlarmSpec = { key: "k", name: "p.k", rule: compositeRule(["p.a"]), children: ["p.a"], level: 1, root: true, description: "d" };
    const refuses = (over: Partial<CompositeAlarmSpec>, alarms = [critical("p.a")]) =>
        assert.throws(() => checkCompositeSpecs([{ ...ok, ...over }], alarms), /^Error: internal: composite alarm p\.\S+ breaks a CloudWatch limit or reuses a metric alarm's name$/);
    const accepts = (over: Partial<CompositeAlarmSpec>) => assert.doesNotThrow(() => checkCompositeSpecs([{ ...ok, ...over }], [critical("p.a")]));

    it("at most 100 children", () => {
        accepts({ children: names(100) });
        refuses({ children: names(101) });
    });
    it("a rule of at most 10,240 characters", () => {
        accepts({ rule: "r".repeat(10_240) });
        refuses({ rule: "r".repeat(10_241) });
    });
    it("a description of at most 1,024 characters and a name of at most 255", () => {
        accepts({ description: "d".repeat(1024) });
        refuses({ description: "d".repeat(1025) });
        accepts({ name: "p.".padEnd(255, "n") });
        refuses({ name: "p.".padEnd(256, "n") });
    });
    it("a name no metric alarm has", () => {
        refuses({ name: "p.a" });
    });
});
