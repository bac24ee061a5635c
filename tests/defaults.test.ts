/**
 * Defaults are stated once: every optional property of the args states its default in a JSDoc
 * `@default` tag, the tags of the defaults the code computes are generated from the code
 * (provider/defaults.ts), and the schema's descriptions carry every tag. After a default changes,
 * regenerate the tags with
 * `UPDATE_SNAPSHOTS=1 TS_NODE_TRANSPILE_ONLY=1 npx mocha --no-config -r ts-node/register tests/defaults.test.ts`,
 * then schema.json (tests/schema.test.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_RATE_ALARMS } from "../components";
import { computedDefaults, documentedProperties, writeDefaultTags } from "../provider/defaults";

const ROOT = path.resolve(__dirname, "..");

describe("defaults stated once", () => {
    before(() => {
        if (process.env.UPDATE_SNAPSHOTS === "1") writeDefaultTags(ROOT);
    });

    it("every optional property of the args states its default in a @default tag", () => {
        const properties = documentedProperties(ROOT);
        assert.ok(properties.length >= 100, `${properties.length} optional properties`);
        assert.deepStrictEqual(properties.filter((p) => !p.stated).map((p) => `${p.file}: ${p.key}`), []);
    });

    it("each default the code computes is stated as the code has it (regenerate the tags when they differ)", () => {
        const stated = new Map(documentedProperties(ROOT).map((p) => [p.key, p.stated]));
        const computed = computedDefaults();
        assert.ok(computed.size >= 60, `${computed.size} computed defaults`);
        const differ = [...computed].filter(([key, value]) => stated.get(key) !== value).map(([key, value]) => `${key}: states ${JSON.stringify(stated.get(key))}, the code has ${JSON.stringify(value)}`);
        assert.deepStrictEqual(differ, []);
        assert.deepStrictEqual([...computed.keys()].filter((key) => !stated.has(key)), [], "computed defaults of no optional property");
    });

    it("reads the defaults from the code: a changed constant changes the stated text", () => {
        const saved = DEFAULT_RATE_ALARMS.bounceRate.warningPercent;
        try {
            DEFAULT_RATE_ALARMS.bounceRate.warningPercent = 2.5;
            assert.match(computedDefaults().get("RateAlarmSettings.warningPercent")!, /^2\.5 \(bounceRate\), /);
            assert.match(computedDefaults().get("AlarmSettings.bounceRate")!, /^warning 2\.5 %, /);
        } finally {
            DEFAULT_RATE_ALARMS.bounceRate.warningPercent = saved;
        }
    });

    it("states no default twice: the prose of a property with a computed default names no default value", () => {
        const computed = computedDefaults();
        const twice = documentedProperties(ROOT)
            .filter((p) => computed.has(p.key) && p.comment && /\(default\b|\bDefaults?:/.test(p.comment.text.replace(/@default[^\n]*/, "")))
            .map((p) => p.key);
        // Booleans and fixed choices say "(default ...)" in their prose too; numbers, which the backtest re-tunes, must not.
        const numeric = twice.filter((key) => /^[\d.]/.test(computed.get(key)!));
        assert.deepStrictEqual(numeric, []);
    });

    it("schema.json carries every tag in its descriptions", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
        const missing: string[] = [];
        for (const p of documentedProperties(ROOT)) {
            const [type, name] = p.key.split(".") as [string, string];
            const holder = type === "SesMonitoringArgs" ? schema.resources["ses-monitoring:index:SesMonitoring"].inputProperties : schema.types[`ses-monitoring:index:${type}`]?.properties;
            const description: string = holder?.[name]?.description ?? "";
            if (!description.endsWith(`Default: ${p.stated}.`)) missing.push(p.key);
        }
        assert.deepStrictEqual(missing, []);
    });
});
