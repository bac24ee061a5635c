/**
 * The component package's schema (what `pulumi package add` generates SDKs from): regenerated
 * in-process with the SDK's own Analyzer by the provider of PulumiPlugin.yaml, compared with the
 * committed schema.json, and checked for a description on every type, property and enum member.
 * Then the provider constructs the component as it would for another language, under mocks. After
 * a deliberate change to the args, regenerate with
 * `UPDATE_SNAPSHOTS=1 TS_NODE_TRANSPILE_ONLY=1 npx mocha --no-config -r ts-node/register tests/schema.test.ts`.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { PROVIDER_NAME, SesMonitoringProvider } from "../provider/provider";
import { ALL_EVENT_TYPES, DIMENSION_VALUE_SOURCES } from "../components/shared/catalog";
import { ARCHIVE_STORAGE_CLASSES, NO_TRANSITION } from "../components/eventArchive/settings";
import { resolveSettings, SES_MONITORING_TYPE } from "../components";
import { runUnderMocks } from "../tools/pulumiMocks";

const ROOT = path.resolve(__dirname, "..");
const SCHEMA_FILE = path.join(ROOT, "schema.json");

interface SchemaProperty { type?: string; $ref?: string; items?: SchemaProperty; additionalProperties?: SchemaProperty; plain?: boolean; description?: string }
interface SchemaType { type: string; description?: string; properties?: Record<string, SchemaProperty>; required?: string[]; enum?: { name: string; value: string; description?: string }[] }
interface Schema {
    name: string;
    resources: Record<string, { description?: string; inputProperties: Record<string, SchemaProperty>; requiredInputs: string[]; properties: Record<string, SchemaProperty> }>;
    types: Record<string, SchemaType>;
}

/** Every place in the schema that lacks a description, by path. */
export function undescribed(schema: Schema): string[] {
    const missing: string[] = [];
    const props = (where: string, properties: Record<string, SchemaProperty> | undefined) => {
        for (const [name, prop] of Object.entries(properties ?? {})) if (!prop.description?.trim()) missing.push(`${where}.${name}`);
    };
    for (const [token, resource] of Object.entries(schema.resources)) {
        if (!resource.description?.trim()) missing.push(token);
        props(`${token} input`, resource.inputProperties);
        props(`${token} output`, resource.properties);
    }
    for (const [token, type] of Object.entries(schema.types)) {
        if (!type.description?.trim()) missing.push(token);
        props(token, type.properties);
        for (const member of type.enum ?? []) if (!member.description?.trim()) missing.push(`${token}.${member.name}`);
    }
    return missing;
}

/**
 * Checks a value a program gives a schema property: the name exists, the type matches, required
 * fields are present, enum values are members, and an Output (a resource's attribute) goes only
 * where the schema takes one (not `plain`). Returns every problem, by path.
 */
export function checkAgainstSchema(schema: Schema, where: string, value: unknown, prop: SchemaProperty): string[] {
    const problems: string[] = [];
    const isOutput = (v: unknown) => typeof v === "object" && v !== null && "__output__" in v;
    if (isOutput(value)) {
        if (prop.plain) problems.push(`${where}: takes a plain value, not ${(value as { __output__: string }).__output__}`);
        if (prop.$ref || prop.type === "object" || prop.type === "array") problems.push(`${where}: an Output where the schema wants ${prop.$ref ?? prop.type}`);
        return problems;
    }
    if (prop.$ref) {
        const token = prop.$ref.replace(/^#\/types\//, "");
        const type = schema.types[token];
        if (!type) return [`${where}: ${prop.$ref} is not in the schema`];
        if (type.enum) {
            if (!type.enum.some((m) => m.value === value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${token} (${type.enum.map((m) => m.value).join(", ")})`);
            return problems;
        }
        return checkObject(schema, where, value, type.properties ?? {}, type.required ?? []);
    }
    switch (prop.type) {
        case "string": case "number": case "boolean":
            if (typeof value !== prop.type) problems.push(`${where}: ${JSON.stringify(value)} is not a ${prop.type}`);
            return problems;
        case "integer":
            if (!Number.isInteger(value)) problems.push(`${where}: ${JSON.stringify(value)} is not an integer`);
            return problems;
        case "array":
            if (!Array.isArray(value)) return [`${where}: ${JSON.stringify(value)} is not a list`];
            return value.flatMap((item, i) => checkAgainstSchema(schema, `${where}[${i}]`, item, prop.items!));
        case "object":
            if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${where}: ${JSON.stringify(value)} is not a map`];
            return Object.entries(value).flatMap(([key, item]) => checkAgainstSchema(schema, `${where}.${key}`, item, prop.additionalProperties!));
        default:
            return [`${where}: the schema's type ${JSON.stringify(prop)} is not checked here`];
    }
}

function checkObject(schema: Schema, where: string, value: unknown, properties: Record<string, SchemaProperty>, required: string[]): string[] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${where}: ${JSON.stringify(value)} is not an object`];
    const problems: string[] = [];
    for (const name of required) if (!(name in value)) problems.push(`${where}.${name}: required, missing`);
    for (const [name, item] of Object.entries(value)) {
        const prop = properties[name];
        if (!prop) problems.push(`${where}.${name}: not a property (known: ${Object.keys(properties).join(", ")})`);
        else problems.push(...checkAgainstSchema(schema, `${where}.${name}`, item, prop));
    }
    return problems;
}

function checkComponentInputs(schema: Schema, where: string, inputs: unknown): string[] {
    const resource = schema.resources[SES_MONITORING_TYPE];
    return checkObject(schema, where, inputs, resource.inputProperties, resource.requiredInputs);
}

/** One provider for the file: its analysis (a TypeScript program of the whole repository) takes tens of seconds. */
const provider = new SesMonitoringProvider();

describe("the component package schema", function () {
    this.timeout(10 * 60_000);
    let generated: Schema;
    let committed: Schema;

    before(async () => {
        generated = JSON.parse(await provider.getSchema());
        if (process.env.UPDATE_SNAPSHOTS === "1") fs.writeFileSync(SCHEMA_FILE, JSON.stringify(generated, null, 2) + "\n");
        committed = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    });

    it("schema.json is what the SDK's Analyzer derives from the component now (no drift)", () => {
        assert.deepStrictEqual(generated, committed, "schema.json is stale: regenerate it (see this file's header) and review the diff");
    });

    it("has a description on every type, property and enum member", () => {
        assert.deepStrictEqual(undescribed(committed), []);
        assert.ok(Object.keys(committed.types).length >= 18, "fewer types than the args declare");
    });

    it("exposes SesMonitoring under its type token, with its inputs and outputs", () => {
        assert.strictEqual(committed.name, PROVIDER_NAME);
        const resource = committed.resources[SES_MONITORING_TYPE];
        assert.ok(resource, `${SES_MONITORING_TYPE} is missing`);
        assert.deepStrictEqual(resource.requiredInputs, ["configurationSets"]);
        for (const output of ["alarmArns", "configurationSetNames", "criticalTopicArn", "dashboardName", "dashboardUrl", "warningTopicArn"]) {
            assert.ok(resource.properties[output], `output ${output} is missing`);
        }
        // The topic ARNs are the inputs that take another resource's output; the rest are plain.
        const notifications = committed.types[`${PROVIDER_NAME}:index:NotificationArgs`].properties!;
        assert.strictEqual(notifications.criticalTopicArn.plain, undefined);
        assert.strictEqual(notifications.emails.plain, true);
    });

    it("declares the fixed sets as enums with exactly the values the component accepts", () => {
        const values = (name: string) => committed.types[`${PROVIDER_NAME}:index:${name}`]?.enum?.map((m) => m.value);
        assert.deepStrictEqual(values("EventType"), ALL_EVENT_TYPES);
        assert.deepStrictEqual(values("DimensionValueSource"), [...DIMENSION_VALUE_SOURCES]);
        assert.deepStrictEqual(values("ArchiveStorageClass"), [...Object.keys(ARCHIVE_STORAGE_CLASSES), NO_TRANSITION]);
        const ref = (type: string, prop: string) => {
            const p = committed.types[`${PROVIDER_NAME}:index:${type}`].properties![prop];
            return p.items?.$ref ?? p.$ref;
        };
        assert.strictEqual(ref("ConfigurationSetArgs", "eventTypes"), `#/types/${PROVIDER_NAME}:index:EventType`);
        assert.strictEqual(ref("SnsDestinationArgs", "eventTypes"), `#/types/${PROVIDER_NAME}:index:EventType`);
        assert.strictEqual(ref("EventArchiveArgs", "eventTypes"), `#/types/${PROVIDER_NAME}:index:EventType`);
        assert.strictEqual(ref("DimensionArgs", "source"), `#/types/${PROVIDER_NAME}:index:DimensionValueSource`);
        assert.strictEqual(ref("EventArchiveArgs", "transitionStorageClass"), `#/types/${PROVIDER_NAME}:index:ArchiveStorageClass`);
    });

    it("the checker below finds a misspelt field, a wrong type, a missing required field, a bad enum value and an Output in a plain field", () => {
        const problems = checkComponentInputs(committed, "ses", {
            configurationSets: { a: { eventTypes: ["SEND", "OPENED"], dimensions: [{ name: "campaign" }], tlsRequired: "yes" } },
            notifications: { emails: { __output__: "topic.arn" }, criticalTopicArns: "x" },
        });
        assert.deepStrictEqual(problems, [
            "ses.configurationSets.a.eventTypes[1]: \"OPENED\" is not one of ses-monitoring:index:EventType (SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION)",
            "ses.configurationSets.a.dimensions[0].defaultValue: required, missing",
            "ses.configurationSets.a.tlsRequired: \"yes\" is not a boolean",
            "ses.notifications.emails: takes a plain value, not topic.arn",
            "ses.notifications.emails: an Output where the schema wants array",
            "ses.notifications.criticalTopicArns: not a property (known: emails, httpsEndpoints, warningTopicArn, criticalTopicArn)",
        ]);
        assert.deepStrictEqual(checkComponentInputs(committed, "ses", {}), ["ses.configurationSets: required, missing"]);
    });

    it("examples/yaml uses only what the schema declares, with the right types and required fields", () => {
        const program = parse(fs.readFileSync(path.join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8"));
        const uses = Object.entries<{ type: string; properties: unknown }>(program.resources)
            .filter(([, r]) => r.type.startsWith(`${PROVIDER_NAME}:`));
        assert.strictEqual(uses.length, 1);
        const [name, resource] = uses[0];
        assert.ok([SES_MONITORING_TYPE, `${PROVIDER_NAME}:SesMonitoring`].includes(resource.type), resource.type);
        // `${res.attr}` interpolations are Outputs of the program's own resources.
        const outputs = (v: unknown): unknown => typeof v === "string" && /^\$\{[^}]+\}$/.test(v) ? { __output__: v }
            : Array.isArray(v) ? v.map(outputs)
            : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, outputs(x)])) : v;
        assert.deepStrictEqual(checkComponentInputs(committed, name, outputs(resource.properties)), []);
        assert.match(JSON.stringify(resource.properties), /criticalTopicArn":"\$\{pager\.arn\}"/);
    });

    it("examples/python uses only what the schema declares (Python names), with the right types and required fields", () => {
        const script = path.join(__dirname, "fixtures", "python_call_args.py");
        const { execFileSync } = require("child_process") as typeof import("child_process");
        const json = execFileSync("python3", [script, path.join(ROOT, "examples", "python", "__main__.py"), "SesMonitoring"], { encoding: "utf8" });
        const { inputs, keyed } = JSON.parse(json) as { inputs: Record<string, unknown>; keyed: string[] };
        // The Python SDK names properties in snake_case; map keys (set names, identities, tags) stay as written.
        const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
        const rename = (v: unknown, isMap: boolean): unknown => Array.isArray(v) ? v.map((x) => rename(x, false))
            : v && typeof v === "object" && !("__output__" in v)
                ? Object.fromEntries(Object.entries(v).map(([k, x]) => [isMap ? k : camel(k), rename(x, !isMap && keyed.includes(k))]))
                : v;
        const renamed = rename(inputs, false) as Record<string, unknown>;
        assert.deepStrictEqual(checkComponentInputs(committed, "ses", renamed), []);
        assert.deepStrictEqual((renamed.notifications as Record<string, unknown>).criticalTopicArn, { __output__: "pager.arn" });
    });
});

describe("the component provider constructs SesMonitoring as another language would", function () {
    this.timeout(10 * 60_000);

    it("accepts a topic ARN Output inside a plain object, and refuses a plain field given as an Output, naming the field", async () => {
        await provider.getSchema();
        const pager = "arn:aws:sns:us-east-1:123456789012:pager";
        const resources = await runUnderMocks(async () => {
            await provider.construct("ses", SES_MONITORING_TYPE, {
                configurationSets: { transactional: {} },
                notifications: { criticalTopicArn: pulumi.output(pager), emails: ["ops@example.com"] },
            }, {});
        });
        const critical = resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && /-critical$/.test(r.name));
        assert.ok(critical.length > 0);
        for (const alarm of critical) assert.deepStrictEqual(alarm.inputs.alarmActions, [pager], alarm.name);

        // A secret (or dependency-carrying) plain object arrives from the engine as one Output.
        const refused = runUnderMocks(async () => {
            await provider.construct("ses", SES_MONITORING_TYPE, {
                configurationSets: { transactional: {} },
                notifications: pulumi.secret({ emails: ["ops@example.com"] }),
            }, {});
        });
        await assert.rejects(refused, (err: Error) => {
            assert.match(err.message, /^notifications: an Output must be a plain value, known before deploying: it decides which resources are created.*a secret or depends on another resource/m);
            assert.doesNotMatch(err.message, /__pulumiOutput/);
            return true;
        });
    });
});

describe("plain fields given as Outputs", () => {
    const context = { project: "p", stack: "s" };
    const refusal = (path: string) => new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: an Output must be a plain value, known before deploying`, "m");

    for (const [field, args, path] of [
        ["a string", { configurationSets: {}, namePrefix: pulumi.secret("shop") }, "namePrefix"],
        ["a map", { configurationSets: {}, tags: pulumi.secret({ team: "mail" }) }, "tags"],
        ["the configuration sets", { configurationSets: pulumi.output({ a: {} }) }, "configurationSets"],
        ["a list", { configurationSets: { a: { eventTypes: pulumi.output(["SEND"]) } } }, "configurationSets.a.eventTypes"],
        ["a number", { configurationSets: {}, alarms: { bounceRate: { warningPercent: pulumi.output(1) } } }, "alarms.bounceRate.warningPercent"],
        ["a boolean", { configurationSets: { a: { manage: pulumi.output(false) } } }, "configurationSets.a.manage"],
        ["the identities", { configurationSets: {}, identities: pulumi.secret({ "example.com": {} }) }, "identities"],
        ["a whole object", { configurationSets: {}, eventArchive: pulumi.output({}) }, "eventArchive"],
    ] as const) {
        it(`refuses ${field} given as an Output, naming ${path}`, () => {
            assert.throws(() => resolveSettings(args as never, context), (err: Error) => {
                assert.match(err.message, refusal(path));
                assert.doesNotMatch(err.message, /__pulumiOutput/);
                return true;
            });
        });
    }

    it("takes Outputs in the topic ARN fields", () => {
        const settings = resolveSettings({ configurationSets: {}, notifications: { criticalTopicArn: pulumi.output("arn:aws:sns:us-east-1:123456789012:pager") } }, context);
        assert.ok(settings.notifications);
    });
});
