/**
 * `npx ts-node tools/benchStack.ts N` writes Pulumi.bench<N>.yaml: a stack with N configuration
 * sets, for measuring the plan (and the component) at scale. The file is git-ignored.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

const count = Number(process.argv[2] ?? 100);
if (!Number.isInteger(count) || count < 1) {
    process.stderr.write("usage: ts-node tools/benchStack.ts <number of configuration sets>\n");
    process.exit(2);
}
const sets: Record<string, object> = {};
for (let i = 0; i < count; i++) {
    const name = `set-${String(i).padStart(4, "0")}`;
    // One set in five has an extra dimension (a tenant's campaign tag).
    sets[name] = i % 5 === 0 ? { dimensions: [{ name: "campaign", defaultValue: "none" }] } : {};
}
const file = path.resolve(__dirname, "..", `Pulumi.bench${count}.yaml`);
fs.writeFileSync(file, YAML.stringify({ config: { "aws:region": "us-east-1", "ses-monitoring:configurationSets": sets, "ses-monitoring:notifications": { emails: ["oncall@example.com"] } } }));
process.stdout.write(`wrote ${path.basename(file)} (stack bench${count})\n`);
