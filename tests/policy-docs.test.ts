import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../policy/policies";
import { ALL_EVENT_TYPES } from "../policy/shared";

/**
 * docs/policy-pack.md's table of policies is what a user reads before enabling the pack: each
 * policy's level and each config property with its default must be the ones the pack runs with,
 * and every property the CLI shows (`pulumi policy` lists the schema) says what it does.
 */
const DOC = fs.readFileSync(path.resolve(__dirname, "..", "docs", "policy-pack.md"), "utf8");

function rowOf(name: string): string[] {
    const row = DOC.split("\n").find((l) => l.startsWith(`| \`${name}\` |`));
    assert.ok(row, `docs/policy-pack.md has no row for ${name}`);
    return row.split(" | ").map((c) => c.replace(/^\| /, "").replace(/ \|$/, ""));
}

describe("policy pack: docs/policy-pack.md's table of policies", () => {
    it("lists every policy with its enforcement level", () => {
        for (const p of policies) assert.strictEqual(rowOf(p.name)[1], p.enforcementLevel, p.name);
    });

    it("names exactly each policy's config properties, each with the default the policy applies", () => {
        for (const p of policies) {
            const config = rowOf(p.name)[3];
            const documented = [...config.matchAll(/`(\w+)` \(`([^`]*)`/g)].map((m) => [m[1], m[2]]);
            const schema = Object.entries(p.configSchema!.properties).map(([key, property]) => [key, JSON.stringify(property.default)]);
            assert.deepStrictEqual(documented, schema, p.name);
        }
    });

    it("every policy and config property describes itself in a sentence", () => {
        for (const p of policies) {
            assert.match(p.description, /^[A-Z].{40,}[.)]$/s, p.name);
            for (const [key, property] of Object.entries(p.configSchema!.properties)) {
                assert.match(String(property.description), /^[A-Z].{20,}[.)]$/s, `${p.name}.${key}`);
            }
        }
    });

    it("every list in a policy's config declares its items, so that the CLI refuses a wrong one before any policy runs", () => {
        for (const p of policies) {
            for (const [key, property] of Object.entries(p.configSchema!.properties)) {
                if (property.type !== "array") continue;
                assert.strictEqual((property.items as { type?: string }).type, "string", `${p.name}.${key}`);
            }
        }
        // Event types in their SESv2 spelling only: "send" (the v1 spelling) is refused.
        const destination = policies.find((p) => p.name === "ses-configuration-set-cloudwatch-destination")!;
        assert.deepStrictEqual((destination.configSchema!.properties.requiredEventTypes.items as { enum?: string[] }).enum, [...ALL_EVENT_TYPES]);
    });
});
