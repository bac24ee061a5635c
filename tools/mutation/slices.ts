/**
 * What `npm run test:mutation` mutates, in slices: each slice names the modules it mutates and
 * only the test files that exercise them, so that a slice runs on its own (`npm run test:mutation
 * -- <slice>`) and all of them finish on a 2-core machine in well under half an hour.
 * docs/testing.md records each module's score; tools/mutation/run.ts checks a new run against it.
 */
export interface MutationSlice {
    /** The name given on the command line. */
    name: string;
    /** The modules mutated (paths from the repository root). */
    mutate: string[];
    /** The test files run against each mutant (Stryker runs only those that cover it). */
    tests: string[];
}

export const SLICES: MutationSlice[] = [
    {
        name: "metricMath",
        mutate: ["components/shared/metricMath.ts"],
        tests: ["tests/metricMath.test.ts", "tests/metricMathRules.test.ts"],
    },
    {
        name: "evaluation",
        mutate: ["tools/backtest/evaluation.ts"],
        tests: ["tests/backtestEvaluation.test.ts", "tests/evaluationRules.test.ts"],
    },
    {
        name: "alarmSpecs",
        mutate: ["components/shared/alarmSpecs.ts"],
        tests: ["tests/alarmSpecs.test.ts"],
    },
    {
        name: "sendingAtRisk",
        mutate: ["components/sendingAtRisk/settings.ts", "components/sendingAtRisk/specs.ts"],
        tests: ["tests/compositeAlarms.test.ts", "tests/sendingAtRisk.test.ts"],
    },
    {
        name: "alarmAnalysis",
        mutate: ["policy/alarmAnalysis.ts"],
        tests: ["tests/alarmAnalysis.test.ts"],
    },
    {
        name: "alarms",
        mutate: ["components/alarms/settings.ts", "components/alarms/specs.ts"],
        tests: ["tests/alarms.test.ts", "tests/alarmRules.test.ts"],
    },
    {
        name: "volume",
        mutate: ["components/volume/settings.ts", "components/volume/specs.ts"],
        tests: ["tests/volumeRules.test.ts"],
    },
    {
        name: "canary",
        mutate: ["components/canary/settings.ts", "components/canary/specs.ts"],
        tests: ["tests/canaryRules.test.ts"],
    },
    {
        name: "autoPause",
        mutate: ["components/autoPause/settings.ts", "components/autoPause/specs.ts"],
        tests: ["tests/autoPause.test.ts", "tests/autoPauseRules.test.ts"],
    },
    {
        name: "dashboardLayout",
        mutate: ["components/dashboard/layout.ts", "components/dashboard/settings.ts"],
        tests: ["tests/dashboardLayout.test.ts", "tests/dashboard.test.ts"],
    },
    // components/shared/dashboardWidgets.ts (types and four colour constants) is not listed: the
    // slice's run reported no mutant in it.
    {
        name: "shared",
        mutate: [
            "components/shared/checker.ts",
            "components/shared/physicalNames.ts",
            "components/shared/eventDestinations.ts",
            "components/shared/topicPolicies.ts",
            "components/shared/account.ts",
        ],
        tests: [
            "tests/checker.test.ts",
            "tests/sharedNames.test.ts",
            "tests/validation.test.ts",
            "tests/eventDestinations.test.ts",
            "tests/topicDisplayNames.test.ts",
            "tests/eventArchive.test.ts",
        ],
    },
    {
        name: "guardAdvice",
        mutate: ["tools/plan/guardAdvice.ts"],
        tests: ["tests/coverage.test.ts"],
    },
    // The policy pack in two slices: every policy test runs the whole pack, so each mutant is
    // covered by most tests of its files: one slice of all eight modules (2,262 mutants) was
    // estimated at close to two hours on the shared 2-core machine.
    {
        name: "policyAlarms",
        mutate: ["policy/alarms.ts", "policy/configurationSets.ts", "policy/canary.ts"],
        // The pack's own tests (policy/test/) as well: they test ses-alarm-metric-exists, the
        // refusals of bad input and each rule at its edges (rules.test.ts). Not scale.test.ts: it
        // times the pack on thousands of sets. policy-docs: the documented levels and defaults.
        tests: [
            "tests/policy.test.ts",
            "tests/policy-canary.test.ts",
            "policy/test/alarmMetricExists.test.ts",
            "policy/test/badInput.test.ts",
            "policy/test/config.test.ts",
            "policy/test/rules.test.ts",
            "tests/policy-docs.test.ts",
        ],
    },
    {
        name: "policyResources",
        mutate: ["policy/notifications.ts", "policy/eventDestinations.ts", "policy/statements.ts", "policy/eventArchive.ts", "policy/autoPause.ts", "policy/lambda.ts"],
        // As policyAlarms, the pack's own tests too: each rule at its edges (rules.test.ts) and the
        // refusals of bad input.
        tests: [
            "tests/policy.test.ts",
            "tests/policy-methods.test.ts",
            "tests/policy-autoPause.test.ts",
            "policy/test/badInput.test.ts",
            "policy/test/config.test.ts",
            "policy/test/rules.test.ts",
            "policy/test/eventDestinationRules.test.ts", "policy/test/autoPauseRules.test.ts", "policy/test/lambdaRules.test.ts", "tests/policy-docs.test.ts",
            "tests/policy-notifications-rules.test.ts", "tests/policy-eventArchive-rules.test.ts",
        ],
    },
];

export function sliceNamed(name: string): MutationSlice {
    const slice = SLICES.find((s) => s.name === name);
    if (!slice) throw new Error(`no mutation slice "${name}": one of ${SLICES.map((s) => s.name).join(", ")}`);
    return slice;
}
