/**
 * The third bad-input and fidelity round, one row per case it found: what AWS would reject or do
 * unexpectedly, what crashed, what was silently accepted, and what the Pulumi CLI reads otherwise.
 * Each row states the one line (or the plan) the user now gets.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSesMonitoring, SesMonitoring } from "../components";
import { resolveSettings } from "../components/settings";
import { MAX_SUBJECT_LENGTH, subject } from "../components/autoPause/handler";
import { EXIT, main } from "../tools/plan";
import { readMetricDataFile } from "../tools/backtest/replay";
import { loadStackConfig, StackFileError } from "../tools/stack";
import { RegisteredResource, runUnderMocks } from "../tools/pulumiMocks";
import { refusalOf } from "./refusal";

const ROOT = path.resolve(__dirname, "..");
const SETS = { configurationSets: { orders: {} } };
const FROM = "canary@mail.example.com";

/** [the case, args, the line expected]: refused by name, nothing registered. */
const REFUSED_ARGS: [string, unknown, RegExp][] = [
    // AWS would reject
    ["58 tags (CloudWatch Logs and IAM take 50, the component sets one itself)", { ...SETS, tags: Object.fromEntries(Array.from({ length: 58 }, (_, i) => [`k${i}`, "v"])) },
        /^tags: "58 tags" are more than the 49 a resource can take besides the component's own \(50 per resource in CloudWatch Logs, IAM and the other services tagged, less ses-monitoring:role\)$/m],
    ["a tag key with #", { ...SETS, tags: { "bad#key": "v" } }, /^tags\.bad#key: "bad#key" is not a tag key \(1-128 of letters, digits, spaces and _ \. : \/ = \+ - @, not starting with aws:; the CloudWatch Logs and IAM rule\)$/m],
    ["a tag value with ;", { ...SETS, tags: { team: "a;b" } }, /^tags\.team: "a;b" is not a tag value \(a string of 0-256 letters, digits, spaces and _ \. : \/ = \+ - @; the CloudWatch Logs and IAM rule\)$/m],
    ["a tag value ☃", { ...SETS, tags: { team: "☃" } }, /^tags\.team: "☃" is not a tag value/m],
    ["a tag key the component sets", { ...SETS, tags: { "ses-monitoring:role": "x" } }, /^tags\.ses-monitoring:role: "ses-monitoring:role" is a tag key the component sets itself \(ses-monitoring:role: canary\)$/m],
    ["a canary sender with a 65-character local part", { ...SETS, canary: { from: `${"c".repeat(65)}@mail.example.com` } },
        /^canary\.from: "c{65}@mail\.example\.com" has a local part of 65 characters, more than the 64 an address may have \(RFC 5321, section 4\.5\.3\.1\.1\)$/m],
    ["a 300-character canary sender (once an internal error about a 1,047-character description)", { ...SETS, canary: { from: `${"c".repeat(284)}@example.com` } },
        /^canary\.from: "c{284}@example\.com" has a local part of 284 characters, more than the 64 an address may have/m],
    ["a 300-character sender address with a short local part", { ...SETS, canary: { from: `c@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(60)}.${"h".repeat(50)}.com` } },
        /^canary\.from: "c@d{60}\.e{60}\.f{60}\.g{60}\.h{50}\.com" is 300 characters long, more than the 254 an address may have \(RFC 5321, section 4\.5\.3\.1\.3\)$/m],
    ["an alarm email over RFC 5321's lengths", { ...SETS, notifications: { emails: [`${"o".repeat(70)}@example.com`] } }, /^notifications\.emails\[0\]: "o+@example\.com" has a local part of 70 characters/m],
    // Silently accepted
    ["an HTTPS endpoint on a private address", { ...SETS, notifications: { httpsEndpoints: ["https://10.1.2.3/hook"] } },
        /^notifications\.httpsEndpoints\[0\]: "https:\/\/10\.1\.2\.3\/hook" is on a private address \(RFC 1918\), which SNS, posting from the internet, cannot reach: give a public endpoint$/m],
    ["an HTTPS endpoint on loopback", { ...SETS, notifications: { httpsEndpoints: ["https://127.0.0.1:8443/hook"] } }, /^notifications\.httpsEndpoints\[0\]: "https:\/\/127\.0\.0\.1:8443\/hook" is on a loopback address \(127\.0\.0\.0\/8\)/m],
    ["an HTTPS endpoint on loopback, spelt in hex", { ...SETS, notifications: { httpsEndpoints: ["https://0x7f.1/hook"] } }, /^notifications\.httpsEndpoints\[0\]: "https:\/\/0x7f\.1\/hook" is on a loopback address/m],
    ["an HTTPS endpoint on IPv6 loopback", { ...SETS, notifications: { httpsEndpoints: ["https://[::1]/hook"] } }, /^notifications\.httpsEndpoints\[0\]: "https:\/\/\[::1\]\/hook" is on a loopback address \(::1\)/m],
    ["an HTTPS endpoint on the link-local metadata address", { ...SETS, notifications: { httpsEndpoints: ["https://169.254.169.254/latest"] } },
        /^notifications\.httpsEndpoints\[0\]: "https:\/\/169\.254\.169\.254\/latest" is on a link-local address \(169\.254\.0\.0\/16/m],
    ["an HTTPS endpoint on an IPv6 link-local address", { ...SETS, notifications: { httpsEndpoints: ["https://[fe80::1]/hook"] } }, /is on a link-local address \(fe80::\/10\)/],
    ["an HTTPS endpoint with user:pass@", { ...SETS, notifications: { httpsEndpoints: ["https://user:pass@hooks.example.com/ses"] } },
        /^notifications\.httpsEndpoints\[0\]: "https:\/\/user:pass@hooks\.example\.com\/ses" carries credentials \(user:pass@\)/m],
    ["example.com and EXAMPLE.com as two identities", { ...SETS, identities: { "example.com": {}, "EXAMPLE.com": {} } },
        /^identities\.example\.com: "example\.com" is the identity EXAMPLE\.com again \(domains are compared without case\): keep one entry$/m],
    ["an address identity whose domain differs only in case", { ...SETS, identities: { "ops@example.com": {}, "ops@Example.COM": {} } }, /^identities\.ops@example\.com: "ops@example\.com" is the identity ops@Example\.COM again/m],
    ["a __proto__ tag key", { ...SETS, tags: JSON.parse('{"__proto__": "x"}') },
        /^tags\.__proto__: "x" has the key __proto__, which JavaScript reads as the object's prototype, not as an entry: rename it$/m],
    ["a sparse dimensions list", { configurationSets: { orders: { dimensions: [, { name: "campaign", defaultValue: "none" }] } } }, // eslint-disable-line no-sparse-arrays
        /^configurationSets\.orders\.dimensions\[0\]: undefined is a hole in a sparse list of 2: give every entry$/m],
    ["a Symbol-keyed configurationSets", { configurationSets: { [Symbol("orders")]: {} } }, /^configurationSets: \{\} has a Symbol key \(Symbol\(orders\)\): keys must be strings$/m],
    ["the canary with no monitored set", { configurationSets: {}, canary: { from: FROM } },
        /^canary: \{"from":"canary@mail\.example\.com"\} proves that the stack's configuration sets are monitored, and configurationSets has none/m],
    ["a volume bandWidth with only ceilings", { ...SETS, volume: { accountMaxSends: 1000, perSet: false, bandWidth: 2 } },
        /^volume\.bandWidth: 2 has no effect: every volume alarm compares with a fixed ceiling \(accountMaxSends, perSet false\), none with the anomaly band that bandWidth shapes$/m],
    ["volume drops with a ceiling for the account and every set", { ...SETS, volume: { accountMaxSends: 1000, setMaxSends: { orders: 500 }, drops: true } },
        /^volume\.drops: true has no effect: every volume alarm compares with a fixed ceiling \(accountMaxSends and setMaxSends for every set\)/m],
    ["volume options under enabled: false", { ...SETS, volume: { enabled: false, bandWidth: 2 } }, /^volume\.bandWidth: 2 has no effect while enabled is false: remove it, or remove enabled: false$/m],
    ["auto-pause options under enabled: false", { configurationSets: { orders: { autoPause: { enabled: false, dryRun: true } } } }, /^configurationSets\.orders\.autoPause\.dryRun: true has no effect while enabled is false/m],
    ["canary options under enabled: false", { ...SETS, canary: { from: FROM, enabled: false, scheduleMinutes: 30 } }, /^canary\.scheduleMinutes: 30 has no effect while enabled is false/m],
    ["an event archive option under enabled: false", { ...SETS, eventArchive: { enabled: false, retentionDays: 30 } }, /^eventArchive\.retentionDays: 30 has no effect while enabled is false/m],
    ["namePrefix true", { ...SETS, namePrefix: true }, /^namePrefix: true is not 1-100 of \[A-Za-z0-9_-\]$/m],
];

describe("round 3: component args refused by name, nothing registered", () => {
    for (const [what, args, expected] of REFUSED_ARGS) {
        it(what, async () => {
            assert.match((await refusalOf(args)).message, expected);
        });
    }

    it("plans the longest names and sender the rules allow within CloudWatch's limits (once an internal error about a 1,088-character description)", () => {
        const from = `${"c".repeat(64)}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(2)}.com`;
        assert.strictEqual(from.length, 254);
        const plan = planSesMonitoring({
            namePrefix: "p".repeat(100),
            configurationSets: { ["s".repeat(64)]: { autoPause: {}, expectedSendIntervalMinutes: 60 } },
            canary: { from },
            volume: {},
        }, { project: "p", stack: "s" });
        const alarms = [...plan.alarms, ...plan.canaryAlarms, ...plan.volumeAlarms, ...plan.pollerAlarms];
        assert.ok(alarms.length > 20);
        for (const a of alarms) assert.ok(a.description.length <= 1024 && a.name.length <= 255, `${a.name}: ${a.description.length}`);
    });

    it("accepts what the rules leave alone: 49 tags, spaces and @ in tags, a public endpoint, a 64-character local part, the canary off with its sender", () => {
        const context = { project: "p", stack: "s" };
        const settings = resolveSettings({
            ...SETS,
            tags: { ...Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"])), "owner email": "ops@example.com" },
            notifications: { httpsEndpoints: ["https://hooks.example.com/ses", "https://8.8.8.8/x"], emails: [`${"o".repeat(64)}@example.com`] },
            canary: { from: FROM, enabled: false },
        }, context);
        assert.strictEqual(Object.keys(settings.tags).length, 49);
        assert.strictEqual(settings.canary.enabled, false);
    });
});

describe("round 3: generated documents stay within AWS's limits at 100 and 1,000 sets", function () {
    this.timeout(600_000);
    /** IAM: trust policy 2,048 (default quota), inline role policy 10,240; SNS topic policy 30 KB; S3 bucket policy 20 KB ("IAM and AWS STS quotas"; SNS and S3 quotas). */
    const LIMITS: Record<string, [string, number]> = {
        "aws:iam/role:Role": ["assumeRolePolicy", 2048],
        "aws:iam/rolePolicy:RolePolicy": ["policy", 10_240],
        "aws:sns/topicPolicy:TopicPolicy": ["policy", 30_720],
        "aws:s3/bucketPolicy:BucketPolicy": ["policy", 20_480],
    };
    const sizes = (resources: RegisteredResource[]) => {
        const largest: Record<string, { size: number; name: string }> = {};
        for (const r of resources) {
            const [input, limit] = LIMITS[r.type] ?? [];
            if (input === undefined) continue;
            const size = String(r.inputs[input]).length;
            assert.ok(size <= limit!, `${r.type} ${r.name}: ${input} is ${size} characters, over ${limit}`);
            if (size > (largest[r.type]?.size ?? 0)) largest[r.type] = { size, name: r.name };
        }
        return largest;
    };
    const sets = (n: number, set: object) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`set-with-a-long-name-for-size-${String(i).padStart(4, "0")}`, set]));
    let at100: Record<string, { size: number; name: string }>;

    it("100 sets with the archive, auto-pause on every set and an SNS destination each: every document within its limit", async () => {
        const resources = await runUnderMocks(() => new SesMonitoring("ses", {
            configurationSets: sets(100, { autoPause: {}, snsDestination: {} }),
            eventArchive: {},
            notifications: { emails: ["ops@example.com"] },
        }));
        at100 = sizes(resources);
        assert.deepStrictEqual(Object.keys(at100).sort(), Object.keys(LIMITS).sort());
        // The SES role's trust policy is the one document that once listed every set.
        const trust = resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "ses-archive-ses")!;
        assert.ok(String(trust.inputs.assumeRolePolicy).length < 400, trust.inputs.assumeRolePolicy);
    });

    it("1,000 sets with the archive: the SES role's trust policy is the same size as at one set", async () => {
        const off = { enabled: false };
        const plain = { alarms: { bounceRate: off, complaintRate: off, rejectRate: off }, accountReputation: { bounceRate: off, complaintRate: off }, dashboard: off, sendingQuota: off, sendingAtRisk: off };
        const trustAt = async (n: number) => {
            const resources = await runUnderMocks(() => new SesMonitoring("ses", { ...plain, configurationSets: sets(n, { reputationMetrics: false }), eventArchive: {} }));
            sizes(resources);
            return String(resources.find((r) => r.type === "aws:iam/role:Role" && r.name === "ses-archive-ses")!.inputs.assumeRolePolicy).length;
        };
        const one = await trustAt(1);
        assert.strictEqual(await trustAt(1000), one);
    });
});

describe("round 3: account-wide state and re-arming, said where the user sees it", function () {
    this.timeout(120_000);

    it("VDM is retained on delete, and the plan says what removing it leaves", async () => {
        const resources = await runUnderMocks(() => new SesMonitoring("ses", { ...SETS, deliverabilityManager: {} }));
        const vdm = resources.find((r) => r.type === "aws:sesv2/accountVdmAttributes:AccountVdmAttributes")!;
        assert.strictEqual(vdm.retainOnDelete, true);
        const { planNotes } = await import("../tools/plan/report");
        assert.deepStrictEqual(planNotes(resources), [
            "SES Virtual Deliverability Manager (the account's VDM attributes, account-wide in this region): retained on delete: removing deliverabilityManager, or destroying the stack, leaves VDM as this stack last set it, for every stack and team of the account; set enabled: false first to turn it off.",
        ]);
    });

    it("auto-pause after a manual resume while the alarm stays in ALARM: the plan says it does not act again", async () => {
        const resources = await runUnderMocks(() => new SesMonitoring("ses", { configurationSets: { orders: { autoPause: {} }, billing: { autoPause: {} } } }));
        const { planNotes } = await import("../tools/plan/report");
        assert.deepStrictEqual(planNotes(resources), [
            "Auto-pause (billing, orders): CloudWatch invokes auto-pause only when an alarm goes into ALARM: if you resume the set while the alarm is still in ALARM, nothing pauses it again until that alarm returns to OK and fires again.",
        ]);
    });

    it("auto-pause's SNS subjects stay under 100 characters (SNS Publish: less than 100)", () => {
        assert.strictEqual(MAX_SUBJECT_LENGTH, 99);
        const longest = `SES auto-pause FAILED: pause ${"s".repeat(64)} by hand`;
        assert.strictEqual(longest.length, 101);
        assert.strictEqual(subject(longest).length, 99);
        assert.strictEqual(subject("é".repeat(120)), "?".repeat(99));
    });
});

/** Writes a project with Pulumi.<stack>.yaml = `text` and reads its config as the plan does. */
function stackFile(text: string): string[] | Record<string, string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ses-stack-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: ses-monitoring\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.t.yaml"), text);
    try {
        return loadStackConfig(dir, "t").config;
    } catch (err) {
        assert.ok(err instanceof StackFileError, String(err));
        return err.message.split("\n").map((line) => line.replace(`${dir}${path.sep}`, ""));
    } finally {
        fs.rmSync(dir, { recursive: true });
    }
}

/** [the case, the stack file, the config it gives or the lines it is refused with]. */
const STACK_FILES: [string, string, Record<string, string> | string[]][] = [
    ["merge keys are expanded, as the Pulumi CLI's reader does",
        "config:\n  ses-monitoring:configurationSets:\n    orders: &set { tlsRequired: true }\n    billing:\n      <<: *set\n      manage: false\n",
        { "ses-monitoring:configurationSets": JSON.stringify({ orders: { tlsRequired: true }, billing: { tlsRequired: true, manage: false } }) }],
    ["a !!binary value is refused where the user wrote it",
        "config:\n  ses-monitoring:configurationSets:\n    orders:\n      tlsRequired: !!binary dHJ1ZQ==\n",
        ["Pulumi.t.yaml: config.ses-monitoring:configurationSets.orders.tlsRequired: the tag !!binary is not one config holds (strings, numbers, booleans, null, mappings and lists only): write the value without it"]],
    ["a custom !tag is refused",
        "config:\n  ses-monitoring:namePrefix: !custom mail\n",
        ["Pulumi.t.yaml: config.ses-monitoring:namePrefix: the tag !custom is not one config holds (strings, numbers, booleans, null, mappings and lists only): write the value without it"]],
    ["a misspelt namespace, sesmonitoring:",
        "config:\n  sesmonitoring:namePrefix: mail\n",
        ["Pulumi.t.yaml: sesmonitoring:namePrefix: is in namespace \"sesmonitoring\", not the project's ses-monitoring: the program never reads it (did you mean ses-monitoring:namePrefix?)"]],
    ["ses-monitoring spelt with a Cyrillic о",
        "config:\n  ses-monitоring:namePrefix: mail\n",
        ["Pulumi.t.yaml: ses-monitоring:namePrefix: is in namespace \"ses-monitоring\" (with U+043E, not ASCII), not the project's ses-monitoring: the program never reads it (did you mean ses-monitoring:namePrefix?)"]],
    ["namePrefix: true is refused rather than becoming \"true\"",
        "config:\n  ses-monitoring:namePrefix: true\n",
        ["Pulumi.t.yaml: ses-monitoring:namePrefix: is a boolean (true), not a string: quote it if you mean it as a name"]],
    ["canary: with no value (null) is refused rather than turning the canary off",
        "config:\n  ses-monitoring:configurationSets: { orders: {} }\n  ses-monitoring:canary:\n",
        ["Pulumi.t.yaml: ses-monitoring:canary: has no value (null): give its settings, indented under it, or remove the key"]],
    ["other namespaces, aws: among them, pass",
        "config:\n  aws:region: eu-west-1\n  ses-monitoring:namePrefix: \"true\"\n",
        { "aws:region": "eu-west-1", "ses-monitoring:namePrefix": "true" }],
];

describe("round 3: stack files read as the Pulumi CLI reads them", () => {
    for (const [what, text, expected] of STACK_FILES) {
        it(what, () => {
            assert.deepStrictEqual(stackFile(text), expected);
        });
    }
});

describe("round 3: every plan option and file refused with exit 2 and one line, never a hang or a trace", function () {
    this.timeout(300_000);
    const STACK = "safetytest-round3";
    const stackPath = path.join(ROOT, `Pulumi.${STACK}.yaml`);
    let scratch: string;
    let good: string;

    async function run(argv: string[]): Promise<{ code: number; stderr: string; ms: number }> {
        let stderr = "";
        const started = Date.now();
        const code = await main(["--stack", STACK, "--no-preview", ...argv], { stdout: () => undefined, stderr: (t) => { stderr += t + "\n"; } });
        return { code, stderr: stderr.trimEnd(), ms: Date.now() - started };
    }

    before(async () => {
        fs.writeFileSync(stackPath, "config:\n  ses-monitoring:configurationSets:\n    orders: {}\n");
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ses-round3-"));
        const first = await run(["--out", path.join(scratch, "good")]);
        assert.strictEqual(first.code, EXIT.ok, first.stderr);
        good = path.join(scratch, "good", "plan.json");
        fs.writeFileSync(path.join(scratch, "a-file"), "");
    });
    after(() => {
        fs.rmSync(stackPath, { force: true });
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    const plan = () => JSON.parse(fs.readFileSync(good, "utf8"));
    const withList = (list: unknown) => ({ ...plan(), resources: { ...plan().resources, list } });
    /** [the case, the options (given the scratch directory), the one line expected]. */
    const CASES: [string, (dir: string) => string[] | Promise<string[]>, RegExp][] = [
        ["--out an existing file (EEXIST)", (d) => ["--out", path.join(d, "a-file")], /^plan: --out \S+a-file: exists and is not a directory \(EEXIST\)$/],
        ["--out under a file (ENOTDIR)", (d) => ["--out", path.join(d, "a-file", "plan")], /^plan: --out \S+a-file\/plan: is under \S+a-file, a file, not a directory \(ENOTDIR\)$/],
        ["--out where no directory can be made (EPERM)", () => ["--out", "/sys/nope"], /^plan: --out \/sys\/nope: cannot write there \((EPERM|EACCES|EROFS)\)$/],
        ["--out /proc/nope (once a hang)", () => ["--out", "/proc/nope"], /^plan: --out \/proc\/nope: cannot write there \(ENOENT\)$/],
        ["--out \"\" (once the project root)", () => ["--out", ""], /^plan: --out "": is empty: give the directory to write plan\.json into$/],
        ["--compare a plan with a null entry", (d) => compareWith(d, withList([null])), /^plan: --compare \S+: resources\.list\[0\] is null, not a resource \(\{ urn, type, identity \}\)$/],
        ["--compare a plan whose entries lack identity", (d) => compareWith(d, withList(plan().resources.list.map(({ identity: _, ...r }: any) => r))),
            /^plan: --compare \S+: resources\.list\[0\] \(urn:pulumi:safetytest-round3::ses-monitoring::\S+\) has no identity \(an object of the inputs that replace it\)$/],
        ["--compare {}", (d) => compareWith(d, {}), /^plan: --compare \S+: has no resources\.list \(written by an older npm run plan: plan the old config again\)$/],
        ["--compare another project's plan", (d) => compareWith(d, { ...plan(), project: "billing-monitoring" }), /^plan: --compare \S+: is a plan of project "billing-monitoring", not ses-monitoring \(URNs carry the project name\)$/],
        ["--compare a plan whose identity values are objects", (d) => compareWith(d, withList(plan().resources.list.map((r: any) => ({ ...r, identity: Object.fromEntries(Object.keys(r.identity).map((k) => [k, { v: r.identity[k] }])) })))),
            /^plan: --compare \S+: resources\.list\[\d+\] \(urn:\S+\) has identity\.\w+ \{"v":"[^"]*"\}, not a string as npm run plan writes it$/],
        ["--compare a file that is not JSON", (d) => { fs.writeFileSync(path.join(d, "bad.json"), "{"); return ["--out", path.join(d, "x"), "--compare", path.join(d, "bad.json")]; }, /^plan: --compare \S+bad\.json: not a readable plan\.json \(/],
        ["an unknown option", () => ["--outt", "x"], /^plan: Unknown option '--outt'/],
    ];
    let n = 0;
    function compareWith(dir: string, json: unknown): string[] {
        const file = path.join(dir, `compare-${n++}.json`);
        fs.writeFileSync(file, JSON.stringify(json));
        return ["--out", path.join(dir, "out"), "--compare", file];
    }

    for (const [what, argv, expected] of CASES) {
        it(what, async () => {
            const { code, stderr, ms } = await run(await argv(scratch));
            assert.strictEqual(code, EXIT.invalidConfig, stderr);
            assert.match(stderr, expected);
            assert.strictEqual(stderr.split("\n").length, 1, stderr);
            assert.ok(ms < 60_000, `took ${ms} ms`);
        });
    }

    it("--out \"\" wrote nothing into the project root", () => {
        assert.ok(!fs.existsSync(path.join(ROOT, "plan.json")));
    });
});

describe("round 3: backtest --metrics pages that hold part of the data are refused", () => {
    const KNOWN = new Set(["AWS/SES Send ses:configuration-set=main", "AWS/SES Bounce ses:configuration-set=main"]);
    const series = (extra: Record<string, unknown> = {}) => ({ Id: "m0", Label: "AWS/SES Send ses:configuration-set=main", Timestamps: ["2026-03-02T00:00:00Z"], Values: [5], StatusCode: "Complete", ...extra });
    const CASES: [string, unknown, RegExp][] = [
        ["a page with a NextToken", { MetricDataResults: [series()], NextToken: "abc" },
            /^metrics file export\.json: the answer has a NextToken: more pages exist; fetch them all/],
        ["the second page of a list with a NextToken", [{ MetricDataResults: [series()] }, { MetricDataResults: [], NextToken: "def" }], /^metrics file export\.json: page 2 has a NextToken/],
        ["a series with StatusCode PartialData", { MetricDataResults: [series({ StatusCode: "PartialData" })] },
            /^metrics file export\.json: series AWS\/SES Send ses:configuration-set=main \(the answer, result 1\) has StatusCode "PartialData": CloudWatch had more datapoints than it returned/],
    ];
    for (const [what, json, expected] of CASES) {
        it(what, () => {
            assert.throws(() => readMetricDataFile("export.json", JSON.stringify(json), KNOWN), (err: Error) => {
                assert.match(err.message, expected);
                assert.strictEqual(err.message.split("\n").length, 1);
                return true;
            });
        });
    }
});
