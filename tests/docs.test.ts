import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
export function anchorOf(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/`/g, "")
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
    const found = new Set<string>();
    const seen = new Map<string, number>();
    let inFence = false;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("```")) inFence = !inFence;
        const m = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
        if (!m) continue;
        const base = anchorOf(m[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        found.add(n === 0 ? base : `${base}-${n}`);
    }
    return found;
}

/** Relative links of a Markdown file, outside code: `[text](target)`. */
function links(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("documentation", () => {
    it("keeps the README a front door: under 250 lines, the set-up and test commands at its top", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        assert.ok(readme.split("\n").length < 250, `README.md has ${readme.split("\n").length} lines`);
        const top = readme.split("\n").slice(0, 15).join("\n");
        assert.match(top, /npm ci && npm run plan/);
        assert.match(top, /npm test/);
    });

    it("links every docs page from the README", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const linked = new Set(links(readme).map((l) => l.split("#")[0]));
        for (const page of pages.filter((p) => p.startsWith("docs/"))) assert.ok(linked.has(page), `${page} is not linked from README.md`);
    });

    for (const page of pages) {
        it(`resolves every relative link and anchor of ${page}`, () => {
            const text = fs.readFileSync(path.join(ROOT, page), "utf8");
            const broken: string[] = [];
            for (const link of links(text)) {
                const [file, anchor] = link.split("#");
                const target = file === "" ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), file);
                if (!fs.existsSync(target)) {
                    broken.push(`${link}: no file ${path.relative(ROOT, target)}`);
                    continue;
                }
                if (anchor !== undefined && target.endsWith(".md") && !anchors(fs.readFileSync(target, "utf8")).has(anchor)) {
                    broken.push(`${link}: no heading #${anchor} in ${path.relative(ROOT, target)}`);
                }
            }
            assert.deepStrictEqual(broken, []);
        });
    }

    it("makes GitHub's anchors", () => {
        assert.strictEqual(anchorOf("Backtest: when would these alarms have fired?"), "backtest-when-would-these-alarms-have-fired");
        assert.strictEqual(anchorOf("SNS destination (`configurationSets.<set>.snsDestination`)"), "sns-destination-configurationsetssetsnsdestination");
    });
});
