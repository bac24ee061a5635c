import * as assert from "assert";
import { planSesMonitoring, SesMonitoringArgs } from "../components";

const CONTEXT = { project: "ses-monitoring", stack: "dev" };
function sets(n: number): SesMonitoringArgs {
    const configurationSets: SesMonitoringArgs["configurationSets"] = {};
    for (let i = 1; i <= n; i++) configurationSets[`set-${String(i).padStart(4, "0")}`] = {};
    return { configurationSets };
}

describe("sending at risk: composite names", () => {
    it("keeps the names of existing parts when the tree grows past nine parts", () => {
        const leaves = (n: number) => planSesMonitoring(sets(n), CONTEXT).composites.filter((c) => c.level === 1).map((c) => c.name);
        // 7 critical alarms a set: 125 sets fill 9 parts of at most 100 alarms, 135 need 10.
        const nine = leaves(125);
        const ten = leaves(135);
        assert.deepStrictEqual([nine.length, ten.length], [9, 10]);
        assert.deepStrictEqual(ten.slice(0, 9), nine, "parts 1-9 keep their names");
        assert.strictEqual(ten[9], "ses-monitoring-dev.sending-at-risk-l1-10");
    });
});
