/**
 * The dashboard picture `npm run plan` draws: every widget of dashboard.json at its grid position
 * with its title, every threshold line at its value, the graphs filled by replaying the backtest's
 * traffic through the widgets' own queries, and the alarms' replayed states.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSesMonitoring } from "../components";
import { EXIT, main } from "../tools/plan";
import { markdownLines, svgToPng, widgetBox } from "../tools/plan/dashboardPreview";
import { DOCS_IMAGES } from "../tools/plan/docsPictures";
import { PREVIEW_DEFAULTS, previewAlarmStates, previewTraffic, replayedSets } from "../tools/plan/previewTraffic";
import { BodyWidget, DashboardBody, widgetData } from "../tools/plan/widgetData";
import { generateTrace } from "../tools/backtest/scenarios";
import { loadStackConfig, stackArgs } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");

async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ses-preview-"));
    let stdout = "";
    let stderr = "";
    const code = await main([...args, "--out", out], { stdout: (t) => { stdout += t + "\n"; }, stderr: (t) => { stderr += t + "\n"; } });
    return { code, stdout, stderr, out };
}

const unescape = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");

interface DrawnWidget {
    label: string;
    translate: [number, number];
    /** The SVG of the widget's group, up to the next widget. */
    svg: string;
}

/** Each widget's group in the SVG: found by its description, with where it is drawn. */
function drawnWidgets(svg: string): DrawnWidget[] {
    const pattern = /aria-label="([a-z]+ widget at [^"]*)"[^>]*transform="translate\(([\d.]+),([\d.]+)\)"/g;
    const found: { label: string; translate: [number, number]; at: number }[] = [];
    for (let m = pattern.exec(svg); m; m = pattern.exec(svg)) found.push({ label: unescape(m[1]), translate: [Number(m[2]), Number(m[3])], at: m.index });
    return found.map((f, i) => ({ label: f.label, translate: f.translate, svg: svg.slice(f.at, found[i + 1]?.at ?? svg.length) }));
}

function texts(svg: string): string[] {
    return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
}

/** The y of each threshold rule in a widget, by its description (`<label> at <value>`). */
function ruleYs(widget: DrawnWidget): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of widget.svg.matchAll(/<line aria-label="([^"]*)"[^>]*aria-roledescription="rule mark" transform="translate\(0,([\d.]+)\)"/g)) out.set(unescape(m[1]), Number(m[2]));
    return out;
}

function widgetTitled(widgets: DrawnWidget[], title: string): DrawnWidget {
    const found = widgets.find((w) => w.label.endsWith(`: ${title}`));
    assert.ok(found, `no widget titled ${title}: ${widgets.map((w) => w.label).join("; ")}`);
    return found!;
}

describe("npm run plan: the dashboard picture", function () {
    this.timeout(180_000);

    let dev: { out: string; body: DashboardBody; svg: string; widgets: DrawnWidget[]; stdout: string };

    before(async () => {
        const run = await plan(["--stack", "dev"]);
        assert.strictEqual(run.code, EXIT.ok, run.stderr);
        const body = JSON.parse(fs.readFileSync(path.join(run.out, "dashboard.json"), "utf8")) as DashboardBody;
        const svg = fs.readFileSync(path.join(run.out, "dashboard.svg"), "utf8");
        dev = { out: run.out, body, svg, widgets: drawnWidgets(svg), stdout: run.stdout };
    });

    it("draws every widget of dashboard.json at its grid position, with its title", () => {
        assert.strictEqual(dev.widgets.length, dev.body.widgets.length);
        assert.match(dev.stdout, /wrote .*plan\.json and dashboard\.json, dashboard\.svg/);
        for (const widget of dev.body.widgets) {
            const title = String(widget.properties.title ?? (widget.type === "text" ? "text" : widget.type));
            const drawn = dev.widgets.find((w) => w.label === `${widget.type} widget at x=${widget.x} y=${widget.y} width=${widget.width} height=${widget.height}: ${title}`);
            assert.ok(drawn, `widget ${title} at ${widget.x},${widget.y} is not drawn`);
            // 24 columns of 50 px, rows of 36 px, under a caption: the box follows the grid units.
            const box = widgetBox(widget);
            assert.deepStrictEqual(drawn!.translate, [box.x, box.y], title);
            assert.strictEqual(box.x, widget.x * 50 + 3);
            assert.strictEqual(box.width, widget.width * 50 - 6);
            if (widget.type === "text") continue;
            // The visible title: whole, or cut with an ellipsis where CloudWatch would cut it too.
            const shown = texts(drawn!.svg).find((t) => t === title || (t.endsWith("…") && title.startsWith(t.slice(0, -1))) || t.startsWith(`${title}  (`));
            assert.ok(shown, `title ${title} not shown: ${texts(drawn!.svg).slice(0, 3).join(" | ")}`);
        }
        // The header's markdown, rendered plainly: links as their text.
        const header = dev.widgets.find((w) => w.label.startsWith("text widget at x=0 y=0"))!;
        assert.ok(texts(header.svg).includes("SES sending: dev (eu-west-1)"));
        assert.ok(texts(header.svg).some((t) => t.startsWith("Stack alarms (ses-monitoring-dev.*) · SES reputation")), texts(header.svg).join(" | "));
    });

    it("draws every threshold annotation at its value, named in the legend", () => {
        let lines = 0;
        for (const widget of dev.body.widgets) {
            const annotations = (widget.properties.annotations as { horizontal?: { label: string; value: number }[] } | undefined)?.horizontal ?? [];
            if (annotations.length === 0) continue;
            const drawn = widgetTitled(dev.widgets, String(widget.properties.title));
            const ys = ruleYs(drawn);
            for (const a of annotations) {
                assert.ok(ys.has(`${a.label} at ${a.value}`), `${widget.properties.title}: no line ${a.label} at ${a.value} (${[...ys.keys()].join(", ")})`);
                assert.ok(texts(drawn.svg).includes(a.label), `${widget.properties.title}: legend lacks ${a.label}`);
                lines++;
            }
            // On one linear axis, the lines' distances are their values' distances.
            if (annotations.length >= 3) {
                const [a, b, c] = annotations;
                const y = (n: { label: string; value: number }) => ys.get(`${n.label} at ${n.value}`)!;
                const ratio = (y(a) - y(b)) / (y(b) - y(c));
                assert.ok(Math.abs(ratio - (a.value - b.value) / (b.value - c.value)) < 0.02, `${widget.properties.title}: lines at ${y(a)}, ${y(b)}, ${y(c)} for ${a.value}, ${b.value}, ${c.value}`);
            }
        }
        assert.ok(lines >= 20, `only ${lines} threshold lines`);
        const bounce = ruleYs(widgetTitled(dev.widgets, "marketing: bounce rate (%)"));
        assert.deepStrictEqual([...bounce.keys()], ["warning 3 % at 3", "critical 4.5 % (and 5-minute fast window) at 4.5", "AWS review 5 % at 5"]);
    });

    it("moves the line and its label when a threshold changes", async () => {
        const stackFile = path.join(ROOT, "Pulumi.plantest-preview.yaml");
        fs.writeFileSync(stackFile, fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("warningPercent: 3\n", "warningPercent: 2\n"));
        try {
            const changed = await plan(["--stack", "plantest-preview"]);
            assert.strictEqual(changed.code, EXIT.ok, changed.stderr);
            const svg = fs.readFileSync(path.join(changed.out, "dashboard.svg"), "utf8");
            assert.notStrictEqual(svg, dev.svg);
            const before = ruleYs(widgetTitled(dev.widgets, "marketing: bounce rate (%)"));
            const after = ruleYs(widgetTitled(drawnWidgets(svg), "marketing: bounce rate (%)"));
            assert.ok(after.has("warning 2 % at 2") && !after.has("warning 3 % at 3"), [...after.keys()].join(", "));
            // Lower on the graph (larger y), the critical line where it was.
            assert.ok(after.get("warning 2 % at 2")! > before.get("warning 3 % at 3")! + 5);
            assert.strictEqual(after.get("critical 4.5 % (and 5-minute fast window) at 4.5"), before.get("critical 4.5 % (and 5-minute fast window) at 4.5"));
        } finally {
            fs.unlinkSync(stackFile);
        }
    });

    it("writes a PNG of the same size where a font is found, and says why not otherwise", () => {
        assert.deepStrictEqual(svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="9718"></svg>'), { skipped: "the picture is 9,718 px tall, more than 6,000: see dashboard.svg" });
        const png = path.join(dev.out, "dashboard.png");
        if (!fs.existsSync(png)) {
            assert.match(dev.stdout, /dashboard\.svg \(no PNG: no font file found for its text: see dashboard\.svg\)\n/);
            return;
        }
        const bytes = fs.readFileSync(png);
        assert.deepStrictEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG");
        const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(dev.svg)!;
        assert.strictEqual(bytes.readUInt32BE(16), Number(width));
        assert.strictEqual(bytes.readUInt32BE(20), Number(height));
    });

    it("the README's picture is the dev stack's current one (npm run pictures)", () => {
        const committed = fs.readFileSync(path.join(DOCS_IMAGES, "dashboard-dev.svg"), "utf8");
        assert.ok(committed === dev.svg, "docs/images/dashboard-dev.svg is not what npm run plan draws now: run npm run pictures");
        assert.match(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"), /!\[[^\]]*\]\(docs\/images\/dashboard-dev\.svg\)/);
        const docs = fs.readFileSync(path.join(ROOT, "docs", "dashboard.md"), "utf8");
        for (const file of ["dashboard-prod.svg", "dashboard-protect.svg", "dashboard-dev-bounce-spike.svg"]) {
            assert.match(docs, new RegExp(`\\(images/${file.replace(/\./g, "\\.")}\\)`));
            assert.ok(fs.statSync(path.join(DOCS_IMAGES, file)).size > 10_000, file);
        }
    });

    it("--no-preview writes no picture; a bad preview flag exits 2 naming it", async () => {
        const skipped = await plan(["--stack", "dev", "--no-preview"]);
        assert.strictEqual(skipped.code, EXIT.ok);
        assert.strictEqual(fs.existsSync(path.join(skipped.out, "dashboard.svg")), false);
        assert.match(skipped.stdout, /wrote .*plan\.json and dashboard\.json\n/);
        const scenario = await plan(["--stack", "dev", "--preview-scenario", "bounce-storm"]);
        assert.strictEqual(scenario.code, EXIT.invalidConfig);
        assert.match(scenario.stderr, /^plan: --preview-scenario: bounce-storm is not one of healthy, bounce-spike,/);
        const volume = await plan(["--stack", "dev", "--preview-volume", "0"]);
        assert.strictEqual(volume.code, EXIT.invalidConfig);
        assert.match(volume.stderr, /--preview-volume: 0 is not a number of sends a day from 1 to 10,000,000/);
        const set = await plan(["--stack", "dev", "--preview-scenario", "bounce-spike", "--preview-set", "billing"]);
        assert.strictEqual(set.code, EXIT.invalidConfig);
        assert.match(set.stderr, /--preview-set: billing is not a configuration set of the stack \(marketing, transactional\)/);
    });
});

describe("the picture's data: the widgets' own queries over replayed traffic", function () {
    this.timeout(60_000);
    const config = loadStackConfig(ROOT, "dev");
    const specs = planSesMonitoring(stackArgs(config), { project: config.project, stack: "dev" });
    const sets = specs.settings.configurationSets.map((s) => s.name);

    it("computes a rate graph as its alarm does: 100 * bounces / sends per period, none below the guard", async () => {
        const traffic = previewTraffic(sets, specs.settings.namePrefix, PREVIEW_DEFAULTS);
        const run = await plan(["--stack", "dev", "--no-preview"]);
        const body = JSON.parse(fs.readFileSync(path.join(run.out, "dashboard.json"), "utf8")) as DashboardBody;
        const widget = body.widgets.find((w) => w.properties.title === "marketing: bounce rate (%)") as BodyWidget;
        const data = widgetData(widget, traffic.series, traffic.start, traffic.end, sets);
        assert.deepStrictEqual(data.series.map((s) => s.label), ["bounce rate (%)"]);
        assert.deepStrictEqual(data.notReplayed, []);
        // The same seed's trace, summed by hand over the widget's 30-minute periods.
        const trace = generateTrace("healthy", PREVIEW_DEFAULTS.volumePerDay, PREVIEW_DEFAULTS.seed + sets.indexOf("marketing"));
        const { times, values } = data.series[0];
        assert.strictEqual(times.length, 48);
        let guarded = 0;
        times.forEach((t, i) => {
            const from = (t - trace.start) / 60;
            let sends = 0;
            let bounces = 0;
            for (let m = from; m < from + 30; m++) {
                sends += trace.sends[m];
                bounces += trace.bounces[m];
            }
            if (sends >= 1000) assert.ok(Math.abs(values[i] - (100 * bounces) / sends) < 1e-9, `period ${i}`);
            else {
                assert.ok(Number.isNaN(values[i]), `period ${i}: ${sends} sends, below the guard of 1,000`);
                guarded++;
            }
        });
        assert.ok(guarded > 0 && guarded < 48, `${guarded} periods below the guard`);
    });

    it("lists what the traffic has no model for instead of drawing zeros", async () => {
        const traffic = previewTraffic(sets, specs.settings.namePrefix, PREVIEW_DEFAULTS);
        const run = await plan(["--stack", "dev", "--no-preview"]);
        const body = JSON.parse(fs.readFileSync(path.join(run.out, "dashboard.json"), "utf8")) as DashboardBody;
        const volume = widgetData(body.widgets.find((w) => w.properties.title === "marketing: sending volume")!, traffic.series, traffic.start, traffic.end, sets);
        assert.deepStrictEqual(volume.series.map((s) => s.label), ["Send", "Bounce", "Complaint", "Reject"]);
        assert.deepStrictEqual(volume.notReplayed, ["Delivery", "DeliveryDelay", "RenderingFailure"]);
        const totals = widgetData(body.widgets.find((w) => w.properties.title === "marketing: last 24 hours")!, traffic.series, traffic.start, traffic.end, sets);
        const trace = generateTrace("healthy", PREVIEW_DEFAULTS.volumePerDay, PREVIEW_DEFAULTS.seed + sets.indexOf("marketing"));
        const from = (traffic.start - trace.start) / 60;
        assert.strictEqual(totals.series[0].values[0], trace.sends.slice(from, from + 1440).reduce((a, b) => a + b, 0));
    });

    it("replays the alarms: a bounce spike in one set puts its bounce alarms in ALARM during the incident, the other set's stay OK", () => {
        const traffic = previewTraffic(sets, specs.settings.namePrefix, { ...PREVIEW_DEFAULTS, scenario: "bounce-spike", incidentSet: "marketing" });
        assert.ok(traffic.incident && traffic.start <= traffic.incident.start && traffic.incident.end <= traffic.end);
        const states = previewAlarmStates(specs, traffic);
        const critical = states.get("ses-monitoring-dev.marketing.bounce-rate-critical")!;
        assert.ok(critical.alarmIntervals.some(([a, b]) => a < traffic.incident!.end + 3600 && b > traffic.incident!.start), JSON.stringify(critical));
        for (const [name, state] of states) {
            if (name.includes(".transactional.") && !name.includes("reputation")) assert.deepStrictEqual(state, { state: "OK", alarmIntervals: [] }, name);
        }
        // The poller's gauges have no traffic model: not replayed, and the composite says on how many of its alarms it rests.
        assert.strictEqual(states.get("ses-monitoring-dev.sending-api-quota-used-critical")!.state, "not replayed");
        const composite = states.get("ses-monitoring-dev.sending-at-risk")!;
        assert.ok(composite.alarmIntervals.length > 0);
        assert.match(composite.note ?? "", /^\d+ of its \d+ alarms replayed$/);
    });

    it("replays every set up to 25, and an even sample of a larger stack that keeps the incident's set", () => {
        assert.deepStrictEqual(replayedSets(["a", "b"]), ["a", "b"]);
        const many = Array.from({ length: 1000 }, (_, i) => `set-${String(i).padStart(4, "0")}`);
        const sample = replayedSets(many, "set-0999");
        assert.strictEqual(sample.length, 25);
        assert.ok(sample.includes("set-0999") && sample.includes("set-0040"));
    });

    it("renders markdown plainly", () => {
        assert.deepStrictEqual(markdownLines("# Title\n\nSee [the `alarms`](https://x/#a?~(search~'p.)) now.", 600), [
            { text: "Title", heading: true },
            { text: "See the alarms now.", heading: false },
        ]);
    });
});
