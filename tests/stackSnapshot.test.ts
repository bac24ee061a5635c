/**
 * The example stacks' every resource (type, name, URN, parent, inputs, options) against a committed
 * snapshot: a change to any logical name, physical name or input shows here, in review, before it
 * reaches a stack. After a deliberate change, regenerate with
 * `UPDATE_SNAPSHOTS=1 TS_NODE_TRANSPILE_ONLY=1 npx mocha tests/stackSnapshot.test.ts` and read the diff.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { createHash } from "crypto";
import { pollerCodeFiles } from "../components/sendingQuota/poller";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(__dirname, "fixtures", "stacks");

async function snapshotOf(stack: string): Promise<unknown[]> {
    const { resources } = await runStack(ROOT, stack);
    const rows = resources.map((r) => ({ ...r, dependencies: [...r.dependencies].sort() }));
    rows.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    // Through JSON, as committed: assets and undefined inputs compare as they are stored.
    return JSON.parse(JSON.stringify(rows));
}

describe("example stacks against their committed snapshots", () => {
    for (const stack of ["dev", "prod"]) {
        it(`Pulumi.${stack}.yaml registers exactly the snapshot's resources and inputs`, async () => {
            const actual = await snapshotOf(stack);
            const file = path.join(FIXTURES, `${stack}.resources.json`);
            if (process.env.UPDATE_SNAPSHOTS === "1") fs.writeFileSync(file, JSON.stringify(actual, null, 1) + "\n");
            const expected = JSON.parse(fs.readFileSync(file, "utf8"));
            assert.deepStrictEqual(actual, expected);
        });
    }

    it("the sending API poller's Lambda code is the snapshot's, byte for byte (assets are not in the inputs above)", () => {
        const digest = createHash("sha256").update(JSON.stringify(pollerCodeFiles())).digest("hex");
        const file = path.join(FIXTURES, "poller-code.sha256");
        if (process.env.UPDATE_SNAPSHOTS === "1") fs.writeFileSync(file, `${digest}\n`);
        assert.strictEqual(digest, fs.readFileSync(file, "utf8").trim());
    });
});
