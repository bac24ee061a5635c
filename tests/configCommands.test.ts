import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { resolveSettings } from "../components/settings";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { argsFromStackConfig } from "../program/stackConfig";

const ROOT = path.resolve(__dirname, "..");
const NAMESPACE = "ses-monitoring:";

interface ConfigSetCommand { line: string; key: string; value: string; type?: string }

/** Every `pulumi config set --path '<key>' <value> [--type <t>]` of the project's namespace in a page's code. */
function configSetCommands(markdown: string): ConfigSetCommand[] {
    const code = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");
    return code.split("\n").map((line) => line.replace(/\s+#.*$/, "").trim())
        .filter((line) => line.startsWith("pulumi config set --path") && line.includes(NAMESPACE))
        .map((line) => {
            const m = /^pulumi config set --path '([^']+)' (\S+)(?: --type (\S+))?$/.exec(line);
            assert.ok(m, `cannot read: ${line}`);
            return { line, key: m[1], value: m[2], type: m[3] };
        });
}

/**
 * The value `pulumi config set --path` stores (Pulumi CLI reference, `pulumi config set`): with
 * `--type` (string, bool, int, float) that type; without it "true" and "false" are booleans,
 * integers are numbers, and everything else, `1.5` included, is a string.
 */
function storedValue(value: string, type?: string): unknown {
    if (type === "string") return value;
    if (type === "bool") return value === "true";
    if (type === "int" || type === "float") return Number(value);
    if (type !== undefined) throw new Error(`pulumi refuses --type ${type}`);
    if (value === "true" || value === "false") return value === "true";
    if (/^-?\d+$/.test(value)) return Number(value);
    return value;
}

/** Structured config built from the commands, by top-level key, as Pulumi would store it. */
function configOf(commands: ConfigSetCommand[]): Record<string, unknown> {
    const config: Record<string, any> = {};
    for (const { key, value, type } of commands) {
        const [top, ...rest] = key.slice(NAMESPACE.length).split(".");
        const steps = [top, ...rest.join(".").split(/\.|(?=\[)/).filter((s) => s !== "")].map((s) => {
            const index = /^\[(\d+)\]$/.exec(s);
            return index ? Number(index[1]) : s;
        });
        let node: any = config;
        steps.forEach((step, i) => {
            if (i === steps.length - 1) {
                node[step] = storedValue(value, type);
            } else {
                node[step] ??= typeof steps[i + 1] === "number" ? [] : {};
                node = node[step];
            }
        });
    }
    return config;
}

function settingsOf(commands: ConfigSetCommand[]) {
    const config = configOf(commands);
    return resolveSettings(argsFromStackConfig((k) => (config[k] === undefined ? undefined : JSON.stringify(config[k]))), { project: "p", stack: "s" });
}

describe("pulumi config set commands in the docs", () => {
    const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const byPage = pages.map((page) => ({ page, commands: configSetCommands(fs.readFileSync(path.join(ROOT, page), "utf8")) }))
        .filter((p) => p.commands.length > 0);

    it("are found in the README and the operations page", () => {
        for (const page of ["README.md", "docs/operations.md"]) assert.ok(byPage.some((p) => p.page === page), page);
    });

    for (const { page, commands } of byPage) {
        it(`of ${page} store values the stack accepts, numbers with a fraction typed with --type float`, () => {
            const settings = settingsOf(commands);
            assert.deepStrictEqual(settings.configurationSets.map((s) => s.name), ["transactional"]);
            for (const c of commands.filter((x) => /^-?\d+\.\d+$/.test(x.value))) assert.strictEqual(c.type, "float", c.line);
        });
    }

    it("the operations page's bounce warning is stored as the number 1.5", () => {
        const commands = byPage.find((p) => p.page === "docs/operations.md")!.commands;
        assert.strictEqual(settingsOf(commands).alarms.bounceRate.warningPercent, 1.5);
        // Without the type the CLI stores the string "1.5", which the stack refuses, naming the key.
        const untyped = commands.map((c) => ({ ...c, type: undefined }));
        assert.throws(() => settingsOf(untyped), (err: SesMonitoringArgsError) => {
            assert.deepStrictEqual(err.message, 'alarms.bounceRate.warningPercent: "1.5" is not a number');
            return true;
        });
    });
});
