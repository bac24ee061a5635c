import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT, main } from "../tools/plan";
import { unknownConfigKeys } from "../program/stackConfig";

const ROOT = path.resolve(__dirname, "..");

/** Plans a throw-away stack file written into the project: exit code and stderr. */
async function planFile(name: string, text: string): Promise<{ code: number; stderr: string; out: string }> {
    const stack = `safetytest-${name}`;
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ses-plan-"));
    fs.writeFileSync(file, text);
    let stderr = "";
    try {
        const code = await main(["--stack", stack, "--out", out, "--no-preview"], { stdout: () => undefined, stderr: (t) => { stderr += t + "\n"; } });
        return { code, stderr, out };
    } finally {
        fs.unlinkSync(file);
    }
}

const SETS = "  ses-monitoring:configurationSets:\n    a: {}\n";

/** [what, stack file, what stderr must say]: every one exits 2, writes no plan, and prints no trace. */
const CASES: [string, string, RegExp][] = [
    ["NaN", `config:\n${SETS}  ses-monitoring:alarms:\n    bounceRate:\n      warningPercent: .nan\n`,
        /Pulumi\.safetytest-nan\.yaml: ses-monitoring:alarms\.bounceRate\.warningPercent: NaN is not a finite number/],
    ["inf", `config:\n${SETS}  ses-monitoring:alarms:\n    bounceRate:\n      minimumSends: .inf\n`,
        /ses-monitoring:alarms\.bounceRate\.minimumSends: Infinity is not a finite number/],
    ["1e400", `config:\n${SETS}  ses-monitoring:eventArchive:\n    retentionDays: 1e400\n`,
        /ses-monitoring:eventArchive\.retentionDays: Infinity is not a finite number/],
    ["notification", `config:\n${SETS}  ses-monitoring:notification:\n    emails: [ops@example.com]\n`,
        /ses-monitoring:notification: is not a config key of ses-monitoring \(did you mean ses-monitoring:notifications\? known: /],
    ["eventArchiv", `config:\n${SETS}  ses-monitoring:eventArchiv: {}\n`,
        /ses-monitoring:eventArchiv: is not a config key of ses-monitoring \(did you mean ses-monitoring:eventArchive\?/],
    ["Notifications", `config:\n${SETS}  ses-monitoring:Notifications: {}\n`,
        /ses-monitoring:Notifications: is not a config key of ses-monitoring \(did you mean ses-monitoring:notifications\?/],
    ["required", "config:\n  ses-monitoring:configurationSet:\n    a: {}\n",
        /ses-monitoring:configurationSet: is not a config key of ses-monitoring \(did you mean ses-monitoring:configurationSets\?.*\n\s+ses-monitoring:configurationSets: undefined is required/],
    ["list", "- config\n- a\n", /Pulumi\.safetytest-list\.yaml: the file is a list of 2, not a mapping \(expected `config:` with a key per setting\)/],
    ["scalar", "config\n", /Pulumi\.safetytest-scalar\.yaml: the file is a string \("config"\), not a mapping/],
    ["configlist", "config:\n  - ses-monitoring:configurationSets\n", /Pulumi\.safetytest-configlist\.yaml: config is a list of 1, not a mapping of config keys/],
    ["secret", `config:\n${SETS}  ses-monitoring:notifications:\n    secure: AAABAJ0x\n`,
        /ses-monitoring:notifications: is a secret \(secure:\), which the offline tools cannot decrypt/],
    ["nested", `config:\n${SETS}  ses-monitoring:notifications:\n    httpsEndpoints:\n      - secure: AAABAJ0x\n`,
        /ses-monitoring:notifications\.httpsEndpoints\[0\]: is a secret \(secure:\), which the offline tools cannot decrypt/],
    ["bomb", `config:\n${SETS}  ses-monitoring:tags:\n    a: &a [x, x, x, x, x, x, x, x, x]\n    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n`
        + `    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`
        + `    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n    h: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n`,
        /Pulumi\.safetytest-bomb\.yaml: not a YAML document this tool reads: .*alias/i],
];

describe("stack files: every refusal says what and where, none crashes", function () {
    this.timeout(60_000);

    for (const [name, text, expected] of CASES) {
        it(`${name}: exits 2 and says so`, async () => {
            const { code, stderr, out } = await planFile(name.toLowerCase(), text);
            assert.strictEqual(code, EXIT.invalidConfig, stderr);
            assert.match(stderr, expected);
            assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
            assert.strictEqual(fs.existsSync(path.join(out, "plan.json")), false);
        });
    }

    it("keys of other namespaces pass; the project's are checked by name", () => {
        assert.deepStrictEqual(unknownConfigKeys(["aws:region", "ses-monitoring:alarms", "other:thing", "ses-monitoring:namePrefix"], "ses-monitoring"), []);
        assert.deepStrictEqual(unknownConfigKeys(["ses-monitoring:dashbord", "ses-monitoring:zzz"], "ses-monitoring").map((i) => i.message.split("known:")[0]), [
            "is not a config key of ses-monitoring (did you mean ses-monitoring:dashboard? ",
            "is not a config key of ses-monitoring (",
        ]);
    });
});
