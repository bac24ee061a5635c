/**
 * `npx ts-node tools/benchStack.ts N` writes Pulumi.bench<N>.yaml: a stack with N configuration
 * sets, for measuring the plan (and the component) at scale. The file is git-ignored.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** The generated stack's config: N sets, one in five with an extra dimension, email notifications. */
export function benchStackConfig(count: number): object {
    const sets: Record<string, object> = {};
    for (let i = 0; i < count; i++) {
        const name = `set-${String(i).padStart(4, "0")}`;
        // One set in five has an extra dimension (a tenant's campaign tag).
        sets[name] = i % 5 === 0 ? { dimensions: [{ name: "campaign", defaultValue: "none" }] } : {};
    }
    return { config: { "aws:region": "us-east-1", "ses-monitoring:configurationSets": sets, "ses-monitoring:notifications": { emails: ["oncall@example.com"] } } };
}

/** Writes Pulumi.bench<N>.yaml into `projectDir`; returns the stack's name. */
export function writeBenchStack(projectDir: string, count: number): string {
    if (!Number.isInteger(count) || count < 1) throw new Error(`the number of configuration sets must be a positive integer, not ${count}`);
    fs.writeFileSync(path.join(projectDir, `Pulumi.bench${count}.yaml`), YAML.stringify(benchStackConfig(count)));
    return `bench${count}`;
}

if (require.main === module) {
    const count = Number(process.argv[2] ?? 100);
    if (!Number.isInteger(count) || count < 1) {
        process.stderr.write("usage: ts-node tools/benchStack.ts <number of configuration sets>\n");
        process.exit(2);
    }
    const stack = writeBenchStack(path.resolve(__dirname, ".."), count);
    process.stdout.write(`wrote Pulumi.${stack}.yaml (stack ${stack})\n`);
}
