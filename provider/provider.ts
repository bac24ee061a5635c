/**
 * The component provider that hosts SesMonitoring for every Pulumi language (`pulumi package add`).
 * It is the SDK's own ComponentProvider, with one addition: @pulumi/pulumi 3.248's schema generator
 * drops the descriptions its Analyzer reads from the JSDoc of interfaces and enum objects, so the
 * SDKs of other languages would document no type. They are put back from the same analysis.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, ComponentProviderOptions } from "@pulumi/pulumi/provider/experimental";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import { generateSchema } from "@pulumi/pulumi/provider/experimental/schema";
import { SesMonitoring } from "../components";

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
        // What ComponentProvider.getSchema leaves behind for construct(): the analysed components.
        self.componentDefinitions = components;
        self.cachedSchema = JSON.stringify(schema);
        return self.cachedSchema;
    }
}
