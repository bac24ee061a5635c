/**
 * The component provider that hosts SesMonitoring for every Pulumi language (`pulumi package add`).
 * It is the SDK's own ComponentProvider, with two additions: @pulumi/pulumi 3.248's schema generator
 * drops the descriptions its Analyzer reads from the JSDoc of interfaces and enum objects, so the
 * SDKs of other languages would document no type: they are put back from the same analysis. And
 * it types every TypeScript `number` as `number`: the ones the component takes only whole are
 * typed `integer` (integerFields.ts). Its descriptions also lack the JSDoc `@default` tags, which
 * state every optional property's default (defaults.ts): each is added as `Default: <value>.`.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, ComponentProviderOptions } from "@pulumi/pulumi/provider/experimental";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { SES_MONITORING_TYPE, SesMonitoring } from "../components";
import { documentedProperties } from "./defaults";
import { ComponentSchema, typeWholeNumbers } from "./integerFields";

/** The package root: its package.json, tsconfig.json and index.ts are what the Analyzer reads. */
export const PACKAGE_DIR = path.resolve(__dirname, "..");

/** The schema package name: the first part of the type token `ses-monitoring:index:SesMonitoring`. */
export const PROVIDER_NAME = "ses-monitoring";

export const PROVIDER_OPTIONS: ComponentProviderOptions = {
    components: [SesMonitoring],
    name: PROVIDER_NAME,
    dirname: PACKAGE_DIR,
};

export class SesMonitoringProvider extends ComponentProvider {
    constructor(options: ComponentProviderOptions = PROVIDER_OPTIONS) {
        super(options);
    }

    /** The SDK's schema (one analysis), with each type's description from that analysis. */
    override async getSchema(): Promise<string> {
        const self = this as unknown as { cachedSchema?: string; componentDefinitions?: unknown };
        if (self.cachedSchema) return self.cachedSchema;
        const dir = this.options.dirname ?? PACKAGE_DIR;
        const packageJSON = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        const names = new Set(this.options.components.map((c) => c.name));
        const { components, typeDefinitions, dependencies } = new Analyzer(dir, this.options.name, packageJSON, names).analyze();
        const schema = generateSchema(this.options.name, this.version, packageJSON.description, components, typeDefinitions, dependencies, this.options.namespace) as {
            types: Record<string, { description?: string }>;
        };
        for (const [name, definition] of Object.entries(typeDefinitions)) {
            const type = schema.types[`${this.options.name}:index:${name}`];
            if (type && definition.description) type.description = definition.description;
        }
        // The Analyzer reads a property's JSDoc text without its tags: add each `@default` tag.
        for (const property of documentedProperties(dir)) {
            if (property.stated === undefined) continue;
            const [type, name] = property.key.split(".") as [string, string];
            const holder = type === "SesMonitoringArgs"
                ? (schema as unknown as ComponentSchema).resources[SES_MONITORING_TYPE]!.inputProperties
                : (schema as unknown as ComponentSchema).types[`${this.options.name}:index:${type}`]?.properties;
            const prop = holder?.[name] as { description?: string } | undefined;
            if (prop) prop.description = `${prop.description ?? ""}\nDefault: ${property.stated}.`.trim();
        }
        // Counts, seconds and days are whole numbers: `integer`, so that other languages get integers.
        typeWholeNumbers(schema as unknown as ComponentSchema, SES_MONITORING_TYPE);
        // What ComponentProvider.getSchema leaves behind for construct(): the analysed components.
        self.componentDefinitions = components;
        self.cachedSchema = JSON.stringify(schema);
        return self.cachedSchema;
    }
}
