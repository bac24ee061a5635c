/**
 * `dependsOn: [monitoring]` in a larger stack: Pulumi expands a component to its children, and the
 * component creates a large stack's children in turns (components/pacing.ts). A dependent resource
 * must depend on every child, the last turn's included, whatever the turn size.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { pacing } from "../components/pacing";
import { runUnderMocks } from "../tools/pulumiMocks";

/** Thirty sets with most features on: about 450 children, more units than one turn holds. */
function thirtySets(): SesMonitoringArgs {
    const configurationSets: SesMonitoringArgs["configurationSets"] = {};
    for (let i = 0; i < 30; i++) configurationSets[`set-${String(i).padStart(2, "0")}`] = i % 3 === 0 ? { autoPause: {}, expectedSendIntervalMinutes: 60 } : {};
    return { configurationSets, notifications: { emails: ["oncall@example.com"] }, volume: {}, eventArchive: {}, canary: { from: "canary@example.com" } };
}

async function coverage(unitsPerTurn: number): Promise<{ children: string[]; missing: string[] }> {
    const saved = pacing.unitsPerTurn;
    pacing.unitsPerTurn = unitsPerTurn;
    try {
        const resources = await runUnderMocks(() => {
            const monitoring = new SesMonitoring("ses", thirtySets());
            new aws.sns.Topic("dependent", {}, { dependsOn: [monitoring] });
        });
        const component = resources.find((r) => r.type === "ses-monitoring:index:SesMonitoring")!;
        // Pulumi expands a component to its custom descendants reachable through components.
        const descendants = new Set<string>();
        const walk = (parent: string) => {
            for (const r of resources.filter((x) => x.parent === parent)) {
                if (r.custom) descendants.add(r.urn);
                else walk(r.urn);
            }
        };
        walk(component.urn);
        const dependent = resources.find((r) => r.name === "dependent")!;
        const deps = new Set(dependent.dependencies);
        return { children: [...descendants], missing: [...descendants].filter((u) => !deps.has(u)) };
    } finally {
        pacing.unitsPerTurn = saved;
    }
}

describe("dependsOn: [monitoring]", function () {
    this.timeout(120_000);

    for (const units of [pacing.unitsPerTurn, 7, 1]) {
        it(`covers every child of a 30-set stack created in turns of ${units} unit${units === 1 ? "" : "s"}`, async () => {
            const { children, missing } = await coverage(units);
            assert.ok(children.length > 400, `only ${children.length} children`);
            assert.ok(children.some((u) => u.includes("aws:cloudwatch/dashboard:Dashboard")), "the dashboard is a child");
            assert.ok(children.some((u) => u.includes("aws:cloudwatch/compositeAlarm:CompositeAlarm")), "the composite is a child");
            assert.deepStrictEqual(missing, [], `${missing.length} of ${children.length} children missing from the dependent's dependencies`);
        });
    }
});
