/**
 * Paced creation (components/pacing.ts): a large stack's resources are created in turns so that
 * they are not all unanswered at once. The turns change when resources are created, never which:
 * the same resources, inputs, parents, dependencies and options, and the same outputs.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SesMonitoring, SesMonitoringArgs } from "../components";
import { pacing, runPaced } from "../components/pacing";
import { RegisteredResource, runUnderMocks, valueOf } from "../tools/pulumiMocks";

function* units(log: string[], count: number, failAt?: number): Generator<void, string, void> {
    for (let i = 0; i < count; i++) {
        if (i === failAt) throw new Error(`unit ${i} failed`);
        log.push(`unit ${i}`);
        yield;
    }
    return "done";
}

function withUnitsPerTurn<T>(units: number, run: () => Promise<T>): Promise<T> {
    const saved = pacing.unitsPerTurn;
    pacing.unitsPerTurn = units;
    return run().finally(() => { pacing.unitsPerTurn = saved; });
}

describe("runPaced", () => {
    it("runs the first turn before returning and each next turn after a macrotask", async () => {
        const log: string[] = [];
        await withUnitsPerTurn(2, async () => {
            const done = runPaced(units(log, 5));
            log.push("returned");
            setImmediate(() => log.push("macrotask"));
            assert.strictEqual(await done, "done");
        });
        assert.deepStrictEqual(log, ["unit 0", "unit 1", "returned", "unit 2", "unit 3", "macrotask", "unit 4"]);
    });

    it("runs work of one turn or less entirely before returning", async () => {
        const log: string[] = [];
        const done = runPaced(units(log, 3));
        assert.deepStrictEqual(log, ["unit 0", "unit 1", "unit 2"]);
        assert.strictEqual(await done, "done");
    });

    it("throws an error of the first turn, and rejects with one of a later turn", async () => {
        await withUnitsPerTurn(2, async () => {
            assert.throws(() => runPaced(units([], 5, 1)), /^Error: unit 1 failed$/);
            await assert.rejects(runPaced(units([], 5, 3)), /^Error: unit 3 failed$/);
        });
    });
});

/** Sixty sets, a fifth with a dimension: about 900 resources, several turns at the default. */
function manySets(count: number): SesMonitoringArgs {
    const configurationSets: Record<string, object> = {};
    for (let i = 0; i < count; i++) configurationSets[`set-${String(i).padStart(3, "0")}`] = i % 5 === 0 ? { dimensions: [{ name: "campaign", defaultValue: "none" }] } : {};
    return { configurationSets, notifications: { emails: ["oncall@example.com"] }, volume: {}, sendingQuota: {} } as SesMonitoringArgs;
}

interface Run {
    rows: unknown[];
    outputs: Record<string, unknown>;
}

async function deploy(args: SesMonitoringArgs): Promise<Run> {
    let component: SesMonitoring | undefined;
    const resources = await runUnderMocks(() => { component = new SesMonitoring("ses", args); });
    const rows = resources.map((r: RegisteredResource) => ({ ...r, dependencies: [...r.dependencies].sort() }));
    rows.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const c = component!;
    const outputs = {
        configurationSetNames: await valueOf(c.configurationSetNames),
        alarmArns: await valueOf(c.alarmArns),
        criticalTopicArn: await valueOf(c.criticalTopicArn),
        dashboardName: await valueOf(c.dashboardName),
    };
    return { rows: JSON.parse(JSON.stringify(rows)), outputs };
}

describe("SesMonitoring created in turns", () => {
    const args = manySets(60);
    let unpaced: Run;
    before(async () => { unpaced = await withUnitsPerTurn(Number.MAX_SAFE_INTEGER, () => deploy(args)); });

    it("registers the same resources, inputs, parents, dependencies and options in turns of any size", async () => {
        for (const units of [1, 7, pacing.unitsPerTurn]) {
            const paced = await withUnitsPerTurn(units, () => deploy(args));
            assert.strictEqual(paced.rows.length, unpaced.rows.length, `${units} units a turn`);
            assert.deepStrictEqual(paced.rows, unpaced.rows, `${units} units a turn`);
        }
    });

    it("gives the same outputs, resolved once the last turn has run", async () => {
        const paced = await withUnitsPerTurn(1, () => deploy(args));
        assert.deepStrictEqual(paced.outputs, unpaced.outputs);
        assert.strictEqual((paced.outputs.configurationSetNames as string[]).length, 60);
        // Every alarm of every set is in alarmArns: the last turn's included.
        assert.ok(Object.keys(paced.outputs.alarmArns as object).some((name) => name.includes(".set-059.")));
    });

    it("fails the run with an error raised in a later turn", async () => {
        // A transformation runs inside each child's constructor: fail the last set's alarm.
        const failLast: pulumi.ResourceTransformation = (t) => {
            if (t.name === "ses-set-059-bounce-rate-critical") throw new Error("refused by a transformation");
            return undefined;
        };
        await withUnitsPerTurn(5, () => assert.rejects(runUnderMocks(() => {
            new SesMonitoring("ses", args, { transformations: [failLast] });
        }), /refused by a transformation/));
    });
});
