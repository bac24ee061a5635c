/**
 * The layers of ses-monitoring, checked by `npm test` (dependency-cruiser). Each rule says what it
 * protects; docs/architecture.md draws the same picture.
 *
 * Pure modules: everything under components/ except a part's `resources.ts`, the composition root
 * (`components/sesMonitoring.ts`) and the public entry (`components/index.ts`).
 */
const PURE = "^components/(shared/|[^/]+/(args|settings|specs|layout|metrics|alarms|handler|dashboard)\\.ts$|args\\.ts$|settings\\.ts$)";

module.exports = {
    forbidden: [
        {
            name: "no-cycles",
            comment: "An import cycle means no layer can be read, tested or moved on its own.",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        {
            name: "pure-without-cloud-sdk",
            comment: "Specs and settings are plain data: the plan, the backtest, the policy pack and the tests read them without the AWS provider. Only resources.ts (and the composition root) create resources.",
            severity: "error",
            from: { path: PURE },
            to: { path: ["^node_modules/@pulumi/(aws|awsx)/", "^components/[^/]+/resources\\.ts$", "^components/sesMonitoring\\.ts$"] },
        },
        {
            name: "shared-imports-nothing-of-ours",
            comment: "components/shared holds the facts every part needs (catalog, checker, names, metric math, spec vocabulary); it depends on no part, so any part may use it.",
            severity: "error",
            from: { path: "^components/shared/" },
            to: { path: "^(components/(?!shared/)|policy/|tools/|program/)" },
        },
        {
            name: "part-imports-no-other-part",
            comment: "A part knows only itself and components/shared; what crosses parts goes through shared or is passed in by the composition root.",
            severity: "error",
            from: { path: "^components/([^/]+)/" },
            to: { path: "^components/[^/]+/", pathNot: ["^components/$1/", "^components/shared/"] },
        },
        {
            name: "part-imports-no-root",
            comment: "Only the composition root (sesMonitoring.ts, settings.ts, args.ts, index.ts) knows every part; a part never reaches back up to it.",
            severity: "error",
            from: { path: "^components/[^/]+/" },
            to: { path: "^components/[^/]+\\.ts$" },
        },
        {
            name: "tools-and-policy-use-the-public-api",
            comment: "The offline tools, the policy pack and the component provider host read the library as its users do: the public entry (components/index.ts) and the shared pure modules, never a part's private files.",
            severity: "error",
            from: { path: "^(policy|tools|provider)/" },
            to: { path: "^components/", pathNot: ["^components/index\\.ts$", "^components/shared/"] },
        },
        {
            name: "library-imports-no-program-or-tools",
            comment: "The library is what the package ships: it must not depend on the program, the tools, the policy pack or the tests.",
            severity: "error",
            from: { path: "^components/" },
            to: { path: "^(program|tools|policy|tests|provider|examples)/" },
        },
        {
            name: "examples-use-the-package-entry",
            comment: "An example is a consumer: it imports the package by its name (the package entry), never a file of this repository.",
            severity: "error",
            from: { path: "^examples/" },
            to: { path: "^(components|program|tools|policy|tests|provider)/" },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        moduleSystems: ["cjs", "es6"],
    },
};
