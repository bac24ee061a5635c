import * as assert from "assert";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { runUnderMocks } from "../tools/pulumiMocks";
import { estimateCost, PRICES } from "../tools/plan/cost";

const VDM = "aws:sesv2/accountVdmAttributes:AccountVdmAttributes";
const deploy = (args: SesMonitoringArgs) => runUnderMocks(() => new SesMonitoring("ses", args));

describe("Virtual Deliverability Manager", () => {
    it("is left alone by default: no resource, no cost line", async () => {
        const resources = await deploy({ configurationSets: { a: {} } });
        assert.strictEqual(resources.filter((r) => r.type === VDM).length, 0);
        assert.ok(!estimateCost(resources).items.some((i) => i.item.includes("Deliverability")));
    });

    it("turns on VDM with engagement tracking and optimized shared delivery, priced per account", async () => {
        const resources = await deploy({ configurationSets: { a: {} }, deliverabilityManager: {} });
        const vdm = resources.filter((r) => r.type === VDM);
        assert.deepStrictEqual(vdm.map((r) => [r.name, r.inputs]), [["ses-deliverability-manager", {
            vdmEnabled: "ENABLED",
            dashboardAttributes: { engagementMetrics: "ENABLED" },
            guardianAttributes: { optimizedSharedDelivery: "ENABLED" },
        }]]);
        const line = estimateCost(resources).items.find((i) => i.item === "SES Virtual Deliverability Manager (à la carte)");
        assert.deepStrictEqual([line?.quantity, line?.unitUsd, line?.monthlyUsd], [1, PRICES.vdmSubscription, PRICES.vdmSubscription]);
    });

    it("takes each option, and disables VDM (both options off) with enabled: false, at no charge", async () => {
        const some = await deploy({ configurationSets: { a: {} }, deliverabilityManager: { optimizedSharedDelivery: false } });
        assert.deepStrictEqual(some.find((r) => r.type === VDM)!.inputs.guardianAttributes, { optimizedSharedDelivery: "DISABLED" });
        const off = await deploy({ configurationSets: { a: {} }, deliverabilityManager: { enabled: false } });
        assert.deepStrictEqual(off.find((r) => r.type === VDM)!.inputs, {
            vdmEnabled: "DISABLED", dashboardAttributes: { engagementMetrics: "DISABLED" }, guardianAttributes: { optimizedSharedDelivery: "DISABLED" },
        });
        assert.ok(!estimateCost(off).items.some((i) => i.item.includes("Deliverability")));
    });

    for (const [what, value, expected] of [
        ["as a boolean", true, /^deliverabilityManager: true is not an object$/m],
        ["an unknown field", { guardian: true }, /^deliverabilityManager\.guardian: true is not a known field/m],
        ["an option as a string", { engagementMetrics: "ENABLED" }, /^deliverabilityManager\.engagementMetrics: "ENABLED" is not a boolean$/m],
        ["an option on while VDM is off", { enabled: false, engagementMetrics: true }, /^deliverabilityManager\.engagementMetrics: true has no effect while enabled is false/m],
    ] as [string, unknown, RegExp][]) {
        it(`refuses ${what}, naming the field, and registers nothing`, async () => {
            let thrown: unknown;
            const registered = await runUnderMocks(() => {
                try {
                    new SesMonitoring("ses", { configurationSets: { a: {} }, deliverabilityManager: value as any });
                } catch (err) {
                    thrown = err;
                }
            });
            assert.ok(thrown instanceof SesMonitoringArgsError);
            assert.match((thrown as Error).message, expected);
            assert.deepStrictEqual(registered, []);
        });
    }
});
