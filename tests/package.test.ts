/**
 * The npm package as a TypeScript consumer gets it: `npm pack` (which builds it), the tarball's file
 * list (the library, README, licence and nothing else), then examples/typescript installed from the
 * tarball into a scratch copy, type-checked with strict consumer options and run under mocks. Slow
 * (a build, an install from the npm cache, a type-check): minutes on two cores.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import { pollerCodeFiles } from "../components/sendingQuota/poller";

const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "examples", "typescript");
const EXAMPLE_FILES = ["package.json", "tsconfig.json", "Pulumi.yaml", "index.ts", "check.ts"];

function run(command: string, args: string[], cwd: string): string {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** What the package may hold: its entry, the compiled library, README, CHANGELOG, docs and their pictures, licence, package.json. */
const ALLOWED = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|docs\/.+\.(md|svg|json)|dist\/index\.(js|d\.ts)|dist\/components\/.+\.(js|d\.ts))$/;

describe("the npm package", function () {
    this.timeout(15 * 60_000);
    let scratch: string;
    let tarball: string;
    let files: string[];

    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ses-monitoring-package-"));
        const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch], ROOT));
        tarball = path.join(scratch, packed.filename);
        files = packed.files.map((f: { path: string }) => f.path).sort();
        console.log(`      ${packed.filename}: ${files.length} files, ${packed.size} bytes\n${files.map((f) => `        ${f}`).join("\n")}`);
    });

    after(() => {
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("holds the compiled library, its README and licence, and nothing else", () => {
        const unexpected = files.filter((f) => !ALLOWED.test(f));
        assert.deepStrictEqual(unexpected, [], "files that do not belong in the package");
        for (const banned of [/^tests\//, /^tools\//, /^policy\//, /^program\//, /^examples\//, /^\.ci\//, /^Pulumi\./, /\.ts$(?<!\.d\.ts)/, /\.map$/]) {
            assert.ok(!files.some((f) => banned.test(f)), `a file matching ${banned} is in the package`);
        }
        for (const needed of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts", "dist/components/sesMonitoring.js", "dist/components/sesMonitoring.d.ts"]) {
            assert.ok(files.includes(needed), `${needed} is missing`);
        }
        // Every compiled file comes from a source file that exists now: nothing stale from a deleted module.
        for (const file of files.filter((f) => f.startsWith("dist/"))) {
            const source = file.replace(/^dist\//, "").replace(/\.(d\.ts|js)$/, ".ts");
            assert.ok(fs.existsSync(path.join(ROOT, source)), `${file} has no source (${source})`);
        }
    });

    it("ships the pages the README links to: every relative link of a shipped page resolves inside the package", () => {
        for (const needed of ["CHANGELOG.md", "docs/operations.md", "docs/using-the-component.md"]) assert.ok(files.includes(needed), `${needed} is missing`);
        const broken: string[] = [];
        for (const page of files.filter((f) => f.endsWith(".md"))) {
            const prose = fs.readFileSync(path.join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
            for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
                if (/^[a-z]+:/i.test(target!) || target!.startsWith("#")) continue;
                const file = path.posix.normalize(path.posix.join(path.posix.dirname(page), target!.split("#")[0]!));
                if (!files.includes(file)) broken.push(`${page}: ${target}`);
            }
        }
        assert.deepStrictEqual(broken, []);
    });

    it("has a CHANGELOG heading for its version, or an Unreleased section above the released ones", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        const changelog = fs.readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
        const headings = [...changelog.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
        // The released version has its heading; only changes not yet released may sit above it.
        assert.ok(headings.includes(manifest.version), `CHANGELOG.md has no "## ${manifest.version}" heading`);
        assert.ok(headings[0] === manifest.version || (headings[0] === "Unreleased" && headings[1] === manifest.version), `CHANGELOG.md's first headings are ${headings.slice(0, 2).join(", ")}, not [Unreleased,] ${manifest.version}`);
    });

    it("the example program and the install docs ask for this version (a 0.x minor is breaking, so ^0.<minor>.0)", () => {
        const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
        const [major, minor] = version.split(".");
        const example = JSON.parse(fs.readFileSync(path.join(ROOT, "examples", "typescript", "package.json"), "utf8"));
        assert.strictEqual(example.dependencies["ses-monitoring"], `^${major}.${minor}.0`);
        const using = fs.readFileSync(path.join(ROOT, "docs", "using-the-component.md"), "utf8");
        assert.ok(using.includes(`ses-monitoring.git#v${version}`) && using.includes(`ses-monitoring@${version} `), `docs/using-the-component.md does not name v${version}`);
    });

    it("declares its entry, types and peer dependencies as consumers need them", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        assert.strictEqual(manifest.main, "dist/index.js");
        assert.strictEqual(manifest.types, "dist/index.d.ts");
        assert.deepStrictEqual(manifest.exports["."], { types: "./dist/index.d.ts", default: "./dist/index.js" });
        assert.match(manifest.peerDependencies["@pulumi/pulumi"], /^\^3\./);
        assert.match(manifest.peerDependencies["@pulumi/aws"], /^\^7\./);
        // Only what the component loads at run time; the SDKs are the consumer's (peers), TypeScript is not needed.
        assert.deepStrictEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/awsx"]);
    });

    describe("examples/typescript, installed from the tarball", () => {
        let project: string;

        before(() => {
            project = path.join(scratch, "example");
            fs.mkdirSync(project);
            for (const file of EXAMPLE_FILES) fs.copyFileSync(path.join(EXAMPLE, file), path.join(project, file));
            const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
            manifest.dependencies["ses-monitoring"] = `file:${tarball}`;
            fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
            // Everything the tarball needs is in the npm cache after the root `npm ci`.
            run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], project);
        });

        it("type-checks with strict consumer options (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, library checks on)", () => {
            const options = JSON.parse(fs.readFileSync(path.join(project, "tsconfig.json"), "utf8")).compilerOptions;
            assert.strictEqual(options.strict, true);
            assert.strictEqual(options.noUncheckedIndexedAccess, true);
            assert.strictEqual(options.exactOptionalPropertyTypes, true);
            assert.strictEqual(options.skipLibCheck, false);
            run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [project] }), "-p", project], project);
        });

        it("runs under mocks on Node 20's newest @pulumi/pulumi: one SDK, the parent chain, the consumer's topic on critical alarms, three instances sharing no name, dependsOn coverage, an inherited provider's region", () => {
            const version = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
            assert.match(version, /^3\.248\./);
            const output = run(process.execPath, [path.join(project, "bin", "check.js")], project);
            console.log(output.replace(/^/gm, "        "));
            assert.match(output, /^example ok: \d+ resources, \d+ alarms, \d+ critical alarms page arn:aws:sns:us-east-1:123456789012:mail-pager$/m);
            // Two components in one stack and region, one in another region: no shared physical name.
            assert.match(output, /^3 SesMonitoring \(mail-ses and marketing-ses in us-east-1, eu-ses in eu-west-1\): \d+ physical names, 0 shared$/m);
            assert.match(output, /^dependsOn: \[marketing\] covers (\d+) of \1 children \(30 sets\)$/m);
            assert.match(output, /^eu-west-1 topic accepted under an inherited provider: \d+ critical alarms page arn:aws:sns:eu-west-1:123456789012:eu-pager$/m);
        });

        it("gives the sending API poller the same Lambda code as the source, byte for byte", () => {
            const installed = path.join(project, "node_modules", "ses-monitoring", "dist", "components", "sendingQuota");
            assert.ok(!fs.existsSync(path.join(installed, "handler.ts")), "the package ships TypeScript sources");
            const digest = (dir?: string) => createHash("sha256").update(JSON.stringify(pollerCodeFiles(dir))).digest("hex");
            const pinned = fs.readFileSync(path.join(__dirname, "fixtures", "stacks", "poller-code.sha256"), "utf8").trim();
            assert.strictEqual(digest(), pinned, "from source");
            assert.strictEqual(digest(installed), pinned, "from the package");
            assert.ok(!Object.values(pollerCodeFiles(installed)).some((code) => code.includes("sourceMappingURL")));
        });
    });
});
